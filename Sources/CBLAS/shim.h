// The C face of BLAS and LAPACKE, and nothing else. The headers come from Debian's
// libblas-dev (cblas.h, resolved through /etc/alternatives) and liblapacke-dev; the
// modulemap links the generic libblas/liblapack so OpenBLAS can be swapped in by
// `update-alternatives` without rebuilding.
#ifndef STANCEKIT_CBLAS_SHIM_H
#define STANCEKIT_CBLAS_SHIM_H
#include <cblas.h>
#include <lapacke.h>
#endif
