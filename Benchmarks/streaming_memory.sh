#!/usr/bin/env bash
# Streaming check for `stance predict` (issue 8): peak memory must not grow with the input.
# Writes a JSONL prediction input of each size (lines of {"id", "text"} drawn from a small
# vocabulary with a seeded generator, written in chunks straight to disk, never held in
# memory), runs the release `stance predict --input jsonl --format jsonl` over it with the
# output to /dev/null, prints wall time and peak RSS (GNU time -v), and deletes the file
# before writing the next one.
#
# Usage (from the repository root): Benchmarks/streaming_memory.sh [MB ...]   (200 2000)
# Needs the release CLI (`swift build -c release --product stance`), GNU time, python3 and
# free space under $TMPDIR for the largest input.
#
# Last run (2-core Debian 12 machine shared with a fuzzing run, Swift 6.3.1, release build,
# model trained on data/fixtures/parity/train.csv, 8–40 words per text):
#
#   200 MB input ( 1,140,000 documents)  exit 0  wall  0:16.5  peak RSS 29 MB
#  2000 MB input (11,320,000 documents)  exit 0  wall  2:46.7  peak RSS 29 MB
#
# Peak memory is the same at 10× the input: `stance predict` streams.
set -uo pipefail
stance="${STANCE:-.build/release/stance}"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(200 2000)
work="$(mktemp -d "${TMPDIR:-/tmp}/stancekit-stream.XXXXXX")"
trap 'rm -rf "$work"' EXIT

"$stance" train --c 1 --data data/fixtures/parity/train.csv --out "$work/model.stance" --quiet \
  || exit 1

for megabytes in "${sizes[@]}"; do
  input="$work/input-${megabytes}mb.jsonl"
  python3 - "$input" "$megabytes" <<'PY'
import json, random, sys
path, megabytes = sys.argv[1], int(sys.argv[2])
target = megabytes * 1_000_000
words = ("we will respond with force if talks fail peace now the minister said rates "
         "must rise inflation is too high restraint dialogue sanctions strike border "
         "ceasefire calm urged talks hawkish dovish growth jobs markets").split()
rng = random.Random(8)
written, n = 0, 0
with open(path, "w", encoding="utf-8") as out:
    while written < target:
        lines = []
        for _ in range(10_000):
            text = " ".join(rng.choice(words) for _ in range(rng.randint(8, 40)))
            lines.append(json.dumps({"id": n, "text": text}) + "\n")
            n += 1
        chunk = "".join(lines)
        out.write(chunk)
        written += len(chunk)
print(f"{path}: {written / 1e6:.0f} MB, {n} documents", file=sys.stderr)
PY
  [ -f "$input" ] || exit 1
  /usr/bin/time -v -o "$work/time" "$stance" predict --model "$work/model.stance" \
    --input jsonl --format jsonl "$input" >/dev/null 2>"$work/err"
  status=$?
  seconds="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time")"
  kilobytes="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")"
  printf '%6s MB input  exit %s  wall %s  peak RSS %s MB  %s\n' "$megabytes" "$status" \
    "$seconds" "$((kilobytes / 1024))" "$(head -c 120 "$work/err")"
  rm -f "$input"
done
