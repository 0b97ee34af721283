#!/bin/sh
# The body of `make test`: builds the tests, runs them, and prints one line per suite and
# the closing summary; everything the build and the tests print goes to a log file, whose
# path is printed, and which is printed whole when anything fails.
#
# Usage: tools/test.sh LOG [BUILD-OPTION...]
#   LOG           the log file (its folder is created)
#   BUILD-OPTION  options for both `swift build --build-tests` and `swift test --skip-build`
#                 (the configuration, the scratch path)
# Environment: SWIFT (default swift).
set -u

[ $# -ge 1 ] || { echo "usage: tools/test.sh LOG [BUILD-OPTION...]" >&2; exit 64; }
log=$1
shift
swift=${SWIFT:-swift}
mkdir -p "$(dirname "$log")"
: > "$log"

# fail STATUS WHAT: the whole log, then where it is.
fail() {
  cat "$log"
  echo "$2 failed (exit $1); the full log is $log"
  exit "$1"
}

started=$(date +%s)
echo "\$ $swift build --build-tests $*" >> "$log"
$swift build --build-tests "$@" >> "$log" 2>&1 || fail $? "building the tests"
echo "build: $(grep -c '^\[[0-9]*/[0-9]*\] Compiling' "$log") compile steps in $(($(date +%s) - started)) s"

# Only Swift Testing: the XCTest runner would open with "Executed 0 tests".
echo "\$ $swift test --skip-build --disable-xctest $*" >> "$log"
$swift test --skip-build --disable-xctest "$@" >> "$log" 2>&1
status=$?
# "✔ Suite NAME passed after T seconds." / "✘ Suite NAME failed ...", by name, then the
# closing "✔ Test run with N tests in M suites passed after T seconds." last.
grep -E '^[^ ]+ Suite .* (passed|failed) after ' "$log" | sort -k3
[ "$status" -eq 0 ] || fail "$status" "the tests"
echo "the full log is $log"
grep -E '^[^ ]+ Test run with ' "$log"
