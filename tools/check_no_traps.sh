#!/bin/sh
# Fails when a Swift file under the given folders (default: Sources) stops the process on
# purpose without saying why that cannot happen to a user.
#
# Every `try!`, `fatalError(`, `preconditionFailure(` and `unsafelyUnwrapped` outside a
# comment must be preceded by a comment block whose text holds "Cannot fail:" and the
# reason (issue 14, rule 1). Force unwraps and `as!` are refused by swift-format's
# NeverForceUnwrap and NeverUseForceTry rules, which `make lint` runs as well.
#
# Usage: tools/check_no_traps.sh [folder ...]

set -eu

if [ "$#" -eq 0 ]; then set -- Sources; fi

status=0
for file in $(find "$@" -name '*.swift' | sort); do
  awk -v file="$file" '
    # The comment block just above the current line: reset by any line that is not a
    # comment, so the reason must sit directly above the trap.
    /^[[:space:]]*\/\// {
      block = block "\n" $0
      next
    }
    {
      code = $0
      sub(/\/\/.*/, "", code)  # a trailing comment is not code
      if (code ~ /try!|fatalError\(|preconditionFailure\(|unsafelyUnwrapped/ \
          && block !~ /Cannot fail:/) {
        printf "%s:%d: a trap without a \"// Cannot fail: <why>\" comment above it\n", \
          file, FNR
        found = 1
      }
      block = ""
    }
    END { exit found }
  ' "$file" || status=1
done
exit "$status"
