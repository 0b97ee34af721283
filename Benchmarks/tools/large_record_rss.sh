#!/usr/bin/env bash
# Peak memory of one very large record (issue 14, row 13): a single 40 MB line given to
# `stance predict` on stdin (lines format), and a single 40 MB CSV record given to
# `stance train`. The target is memory proportional to the record: at most about 6× the
# record beyond the model.
#
# Two kinds of text are written, each with a seeded generator:
#   varied    words drawn uniformly from a 50,000-word pseudo-vocabulary (many distinct
#             n-grams, the hard case for the vectorizer)
#   repeated  one ten-word phrase over and over (few distinct n-grams; what the tokenizer
#             and the readers cost on their own)
# The training file has the header `text,label`, the 40 MB record labelled `a` and five
# short records labelled `b`, so that training can run.
#
# Each run is repeated RUNS times (3 by default) and the median peak RSS (GNU time -v,
# "Maximum resident set size") is printed with the wall time of that run. A baseline, the
# peak of the same commands on a one-line input, is printed first: it is what the binary,
# the runtime and the model cost without any large record.
#
# Usage (from the repository root): Benchmarks/tools/large_record_rss.sh [MB]   (40)
# Needs the release CLI (`swift build -c release --product stance`), GNU time (apt-get
# install time) and python3. STANCE overrides the binary, RUNS the number of runs.
set -uo pipefail
stance="${STANCE:-.build/release/stance}"
runs="${RUNS:-3}"
megabytes="${1:-40}"
work="$(mktemp -d "${TMPDIR:-/tmp}/stancekit-rss.XXXXXX")"
trap 'rm -rf "$work"' EXIT

"$stance" train --c 1 --data data/fixtures/parity/train.csv --out "$work/model.stance" --quiet \
  || exit 1

python3 - "$work" "$megabytes" <<'PY'
import random, sys
work, megabytes = sys.argv[1], int(sys.argv[2])
target = megabytes * 1_000_000
rng = random.Random(14)
letters = "abcdefghijklmnopqrstuvwxyz"
vocabulary = sorted({"".join(rng.choice(letters) for _ in range(rng.randint(3, 10)))
                     for _ in range(60_000)})[:50_000]

def varied():
    parts, size = [], 0
    while size < target:
        word = rng.choice(vocabulary)
        parts.append(word)
        size += len(word) + 1
    return " ".join(parts)

def repeated():
    phrase = "we will respond with force if the talks fail again "
    return (phrase * (target // len(phrase) + 1))[:target].strip()

for kind, make in (("varied", varied), ("repeated", repeated)):
    text = make()
    with open(f"{work}/{kind}.txt", "w") as out:
        out.write(text + "\n")
    with open(f"{work}/{kind}.csv", "w") as out:
        out.write("text,label\n" + text + ",a\n")
        for short in ("peace now", "talks resume", "calm urged", "dialogue first", "no strike"):
            out.write(f"{short},b\n")
with open(f"{work}/small.txt", "w") as out:
    out.write("we will respond with force\n")
with open(f"{work}/small.csv", "w") as out:
    out.write("text,label\nwe will respond with force,a\npeace now,b\n")
PY
[ -f "$work/varied.csv" ] || exit 1

# Runs one command RUNS times; prints the median peak RSS and that run's wall time.
measure() {
  local name="$1" input="$2"
  shift 2
  local results=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -v -o "$work/time" "$@" <"$input" >/dev/null 2>"$work/err"
    local status=$?
    local kilobytes seconds
    kilobytes="$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")"
    seconds="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time")"
    results+=("$kilobytes $seconds $status")
  done
  local median
  median="$(printf '%s\n' "${results[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p")"
  read -r kilobytes seconds status <<<"$median"
  printf '%-18s exit %s  peak RSS %5s MB (median of %s)  wall %s  %s\n' "$name" "$status" \
    "$((kilobytes / 1024))" "$runs" "$seconds" "$(head -c 100 "$work/err" | tr '\n' ' ')"
}

echo "record size: ${megabytes} MB; binary: $stance"
measure "predict baseline" "$work/small.txt" "$stance" predict --model "$work/model.stance"
measure "train baseline" /dev/null "$stance" train --c 1 --data "$work/small.csv" \
  --out "$work/out.stance" --quiet
for kind in varied repeated; do
  measure "predict $kind" "$work/$kind.txt" "$stance" predict --model "$work/model.stance"
  measure "train $kind" /dev/null "$stance" train --c 1 --data "$work/$kind.csv" \
    --out "$work/out.stance" --quiet
done
