#!/usr/bin/env bash
# Builds every fuzz target and runs each for FUZZ_SECONDS from a working copy of its seed
# corpus; fails if any target finds a crash, a broken property, a hang (-timeout), a leak
# (LeakSanitizer, on by default with ASan) or runs out of memory (-rss_limit_mb).
#
# Environment: FUZZ_SECONDS (60), FUZZ_TIMEOUT (10 s per input), FUZZ_RSS_MB (2048),
# FUZZ_MAX_LEN (65536 bytes), FUZZ_TARGETS (all), FUZZ_BUILD (.build-fuzz).
# Findings are kept in $FUZZ_BUILD/artifacts/<target>-*; a summary with the executions
# per target is written to $FUZZ_BUILD/summary.txt.
set -uo pipefail

root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
build="${FUZZ_BUILD:-.build-fuzz}"
seconds="${FUZZ_SECONDS:-60}"
timeout="${FUZZ_TIMEOUT:-10}"
rss="${FUZZ_RSS_MB:-2048}"
max_len="${FUZZ_MAX_LEN:-65536}"
targets="${FUZZ_TARGETS:-}"
if [ -z "$targets" ]; then
  targets="$(for file in Tests/Fuzz/targets/*.swift; do basename "$file" .swift; done)"
fi

# shellcheck disable=SC2086
FUZZ_BUILD="$build" Tests/Fuzz/build.sh $targets || exit 1

work="$(mktemp -d "${TMPDIR:-/tmp}/stancekit-fuzz.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$build/artifacts"
summary="$build/summary.txt"
printf '%-10s %8s %12s %10s  %s\n' target seconds executions exec/s result >"$summary"
failed=0

for target in $targets; do
  corpus="$work/$target"
  mkdir -p "$corpus"
  cp Tests/Fuzz/corpus/"$target"/* "$corpus"/ 2>/dev/null || true
  log="$build/artifacts/$target.log"
  echo "== fuzz $target for ${seconds}s ($(ls "$corpus" | wc -l) seeds)"
  # The Swift runtime's own backtracer would catch a trap before libFuzzer could record
  # the input; ASan and libFuzzer print the stack instead.
  SWIFT_BACKTRACE=enable=no TMPDIR="$work" "$build/bin/$target" "$corpus" -max_total_time="$seconds" \
    -timeout="$timeout" -rss_limit_mb="$rss" -max_len="$max_len" -print_final_stats=1 \
    -artifact_prefix="$build/artifacts/$target-" >"$log" 2>&1
  status=$?
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  rate=$(( ${runs:-0} / (seconds > 0 ? seconds : 1) ))
  if [ $status -eq 0 ]; then
    result=clean
  else
    result="FAILED (exit $status, see $log)"
    failed=1
    grep -E 'ERROR:|property violated|Fatal error|SUMMARY:|Test unit written' "$log" | head -8
  fi
  printf '%-10s %8s %12s %10s  %s\n' "$target" "$seconds" "${runs:-?}" "$rate" "$result" \
    | tee -a "$summary"
done

cat "$summary"
exit $failed
