// CStandardStreams has no interface: its only content is a constructor that runs before
// main (see CStandardStreams.c). SwiftPM needs a public header to build a C target.
#ifndef STANCEKIT_CSTANDARDSTREAMS_H
#define STANCEKIT_CSTANDARDSTREAMS_H
#endif
