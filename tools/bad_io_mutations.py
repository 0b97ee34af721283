#!/usr/bin/env python3
"""Removes each protection of the bad-io output tests in turn and checks that its tests fail.

For every mutation below: apply it to the sources, build the tests, run the named tests
(they must FAIL), restore the sources. At the end the tests are run once unmutated (they
must PASS). Run from the repository root on a clean tree:

    python3 tools/bad_io_mutations.py            # every mutation
    python3 tools/bad_io_mutations.py symlink    # those whose name contains 'symlink'

The real /dev/full test is never run while the device protection is removed: without it,
that test would turn the machine's /dev/full into a regular file.
"""

import subprocess
import sys

MUTATIONS = [
    # (name, file, original text, mutated text, test filter)
    ("devices-written-in-place", "Sources/DataFiles/OutputDestination.swift",
     "      default:\n        return .special(current)",
     "      default:\n        return .file(current)",
     "BadIOOutputTests/(aCopyOf|aFIFO)"),
    ("symlinks-followed", "Sources/DataFiles/OutputDestination.swift",
     "        current = try linkTarget(current, for: path)",
     "        return .file(current)",
     "BadIOOutputTests/(aSymlink|aLinkIn|aDangling|aLoop)"),
    ("descriptor-paths", "Sources/DataFiles/OutputDestination.swift",
     "      if let number = descriptorNumber(current) {",
     "      if false, let number = descriptorNumber(current) {",
     "BadIOOutputTests/(aDescriptorPath|aLinkToProc|devStderr)"),
    ("one-character-names", "Sources/DataFiles/OutputDestination.swift",
     'guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return (".", path) }',
     'guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return ("", path) }',
     "BadIOOutputTests/aOneCharacterName"),
    ("write-errors-reported", "Sources/DataFiles/DescriptorWriter.swift",
     "        if errno == EINTR { continue }\n        return errno",
     "        if errno == EINTR { continue }\n        return nil",
     "BadIOOutputTests/(aFullStandardOutput|aClosedStandardOutput|aCopyOfDevFull)"),
    ("closed-streams-guarded", "Sources/CStandardStreams/CStandardStreams.c",
     "  stancekit_occupy_if_closed(STDOUT_FILENO, O_RDONLY);\n", "",
     "BadIOOutputTests/aClosedStandardOutput"),
    ("broken-pipe-quiet", "Sources/stance/Output.swift",
     "  if case .readerGone = error {", "  if case .readerGone = error, false {",
     "BadIOOutputTests/aClosedPipeOn"),
    ("pending-outputs-removed", "Sources/DataFiles/AtomicFileWriter.swift",
     "    for path in chosen { unlink(path) }", "    _ = chosen",
     # No command writes to stderr while an output file is open yet, so only the library
     # test reaches this protection; the CLI tests check the end state.
     "OutputFileTests/anUncommittedFileIsRemovedByPendingOutputs"),
    ("whole-document-held-back", "Sources/DataFiles/OutputFile.swift",
     "    if wholeDocument, case .inPlace = route { spool = Spool() }",
     "    _ = wholeDocument",
     "BadIOOutputTests/(predictJSON|quotesJSON)"),
    ("system-reason-given", "Sources/DataFiles/OutputDestination.swift",
     "    let message = DescriptorWriter.message(code)",
     '    let message = "the folder no longer exists"',
     "BadIOOutputTests/(aFileInProc|aPathThroughAFile|aLoop)"),
    ("permissions-kept", "Sources/DataFiles/AtomicFileWriter.swift",
     "    let mode: mode_t = exists ? targetStatus.st_mode & 0o7777 : 0o666",
     "    let mode: mode_t = 0o666",
     "BadIOOutputTests/anExistingFileKeepsItsPermissions"),
    ("folders-refused", "Sources/DataFiles/OutputDestination.swift",
     "      case mode_t(S_IFDIR):\n        throw",
     "      case mode_t(S_IFDIR) where false:\n        throw",
     "BadIOOutputTests/aFolderIsRefused"),
    ("missing-folder-checked", "Sources/DataFiles/OutputDestination.swift",
     "        try checkFolder(of: current, for: path)\n", "",
     "BadIOOutputTests/aMissingFolderIsRefusedBeforeTraining"),
]


def run(command):
    return subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def tests_pass(test_filter):
    if run(["swift", "build", "--build-tests"]).returncode != 0:
        return None
    result = run(["swift", "test", "--skip-build", "--filter", test_filter])
    return result.returncode == 0 and "passed after" in result.stdout


def main():
    wanted = sys.argv[1:]
    failures = 0
    for name, path, original, mutated, test_filter in MUTATIONS:
        if wanted and not any(word in name for word in wanted):
            continue
        source = open(path).read()
        if source.count(original) != 1:
            print(f"{name}: the original text is not found exactly once in {path}")
            failures += 1
            continue
        open(path, "w").write(source.replace(original, mutated))
        try:
            passed = tests_pass(test_filter)
        finally:
            open(path, "w").write(source)
        verdict = {None: "build failed", True: "TESTS STILL PASS", False: "tests fail"}[passed]
        print(f"{name:28} {verdict:18} {test_filter}", flush=True)
        failures += passed is not False
    print("unmutated:", "pass" if tests_pass("BadIOOutputTests|OutputFileTests") else "FAIL")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
