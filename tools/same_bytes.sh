#!/bin/sh
# Usage: tools/same_bytes.sh OLD_STANCE_BINARY NEW_STANCE_BINARY
# Compares what two builds of `stance` write on the same inputs: model files (words, chars +
# balanced weights, hashed + sublinear tf, L-BFGS, the 100k benchmark corpus from
# `make bench-corpus`, or $BENCH100K), `quotes --format json` on data/articles, and
# `score`/`eval` JSON with the shipped models. Every `train` passes `--c 1`, so builds from
# before automatic C compare too. Prints OK or DIFF per case; exits 1 on any DIFF.
# Used for issue 15 (a restructuring must not change a byte).
set -u
OLD=$1
NEW=$2
REPO=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d)
fail=0
run() { # name, args...
  name=$1; shift
  "$OLD" "$@" --out "$T/$name.old" >/dev/null 2>&1; a=$?
  "$NEW" "$@" --out "$T/$name.new" >/dev/null 2>&1; b=$?
  if [ $a -eq $b ] && cmp -s "$T/$name.old" "$T/$name.new"; then echo "OK   $name"; else echo "DIFF $name (exit $a vs $b)"; fail=1; fi
}
run stance-words train --data $REPO/data/stance/quotes.csv --seed 0 --c 1 --quiet
run stance-char train --data $REPO/data/stance/quotes.csv --char-ngram 2-5 --ngram 1-3 --min-df 2 --class-weight balanced --c 1 --quiet
run sentiment-hash train --data $REPO/data/sentiment/sentences.csv --hash-bits 18 --sublinear-tf --c 1 --quiet
run stance-lbfgs train --data $REPO/data/stance/quotes.csv --solver lbfgs --c 1 --quiet
run bench100k train --data ${BENCH100K:-$REPO/Benchmarks/corpus/train.csv} --c 1 --quiet
( cd $REPO && "$OLD" quotes data/articles/*.txt --format json > "$T/q.old" 2>&1; "$NEW" quotes data/articles/*.txt --format json > "$T/q.new" 2>&1 )
cmp -s "$T/q.old" "$T/q.new" && echo "OK   quotes-json" || { echo "DIFF quotes-json"; fail=1; }
( cd $REPO && "$OLD" score data/articles/*.txt --format json > "$T/s.old" 2>&1; "$NEW" score data/articles/*.txt --format json > "$T/s.new" 2>&1 )
cmp -s "$T/s.old" "$T/s.new" && echo "OK   score-json" || { echo "DIFF score-json"; fail=1; }
( cd $REPO && "$OLD" eval --model models/stance.stance --data data/stance/quotes.csv --where split=test --format json > "$T/e.old" 2>&1; "$NEW" eval --model models/stance.stance --data data/stance/quotes.csv --where split=test --format json > "$T/e.new" 2>&1 )
cmp -s "$T/e.old" "$T/e.new" && echo "OK   eval-json" || { echo "DIFF eval-json"; fail=1; }
rm -rf "$T"
exit $fail
