#!/usr/bin/env bash
# Huge-input check for `stance predict` (issue 8): a single 50 MB line, a document of one
# 10 MB word, and 10 million tiny documents must each give a result or a clear error, never
# a crash. Prints the exit status, output size, wall time and peak RSS of each run.
#
# Usage (from the repository root): Benchmarks/large_inputs.sh
# Needs the release CLI (`swift build -c release --product stance`) and GNU time.
set -uo pipefail
stance="${STANCE:-.build/release/stance}"
work="$(mktemp -d "${TMPDIR:-/tmp}/stancekit-large.XXXXXX")"
trap 'rm -rf "$work"' EXIT

"$stance" train --c 1 --data data/fixtures/parity/train.csv --out "$work/model.stance" --quiet \
  || exit 1

python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
words = b"we will respond with force if talks fail peace now "
with open(f"{work}/line-50mb.txt", "wb") as f:  # one line, 50 MB of words
    f.write(words * (50_000_000 // len(words)) + b"\n")
with open(f"{work}/word-10mb.txt", "wb") as f:  # one line, one 10 MB word
    f.write(b"a" * 10_000_000 + b"\n")
with open(f"{work}/tiny-10m.txt", "wb") as f:  # 10 million two-word documents
    chunk = b"".join(b"talks %d\n" % (i % 10) for i in range(1_000_000))
    for _ in range(10):
        f.write(chunk)
PY

run() {
  local name="$1"
  shift
  /usr/bin/time -f '%e %M' -o "$work/time" "$stance" predict --model "$work/model.stance" \
    "$@" >"$work/out" 2>"$work/err"
  local status=$?
  read -r seconds kilobytes <"$work/time"
  printf '%-14s exit %3s  output %9s lines  %7ss  peak RSS %6s MB  %s\n' "$name" "$status" \
    "$(wc -l <"$work/out")" "$seconds" "$((kilobytes / 1024))" "$(head -c 120 "$work/err")"
}

echo "input sizes: $(du -h "$work"/*.txt | awk '{print $2 "=" $1}' | xargs -n1 basename | xargs)"
run line-50mb "$work/line-50mb.txt"
run word-10mb "$work/word-10mb.txt"
run tiny-10m "$work/tiny-10m.txt" --format jsonl
