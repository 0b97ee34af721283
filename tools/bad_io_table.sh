#!/usr/bin/env bash
# Re-runs the table of issue 14 ("Never destroy, never crash") against a stance binary and
# prints, for each row, the command, the exit status, the first line of stderr and what
# the file system holds afterwards. Run as root to include the mknod rows.
#
# Usage: tools/bad_io_table.sh [path/to/stance]     (default: .build/release/stance)
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
stance="$(realpath "${1:-$root/.build/release/stance}")"
model="$root/models/stance.stance"
data="$root/data/fixtures/parity/test.csv"
article="$root/data/articles/2026-03-ceasefire-talks-geneva.txt"
work="$(mktemp -d "${TMPDIR:-/tmp}/stance-bad-io.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work"

# row NUMBER DESCRIPTION -- shell command (run with bash -c; $S is stance)
row() {
  local number="$1" description="$2"; shift 3
  local out err status
  out="$(mktemp)"; err="$(mktemp)"
  S="$stance" M="$model" D="$data" A="$article" bash -c "$*" >"$out" 2>"$err"
  status=$?
  printf '| %s | %s | `%s` | %s | %s | %s |\n' "$number" "$description" "$*" "$status" \
    "$(head -n 1 "$err" | cut -c1-160)" "$(head -c 60 "$out" | tr '\n' ' ')"
  rm -f "$out" "$err"
}

echo "| # | case | command | exit | stderr (first line) | stdout (first bytes) |"
echo "|---|---|---|---|---|---|"
if [ "$(id -u)" -eq 0 ]; then
  mknod nulldev c 1 3; mknod fulldev c 1 7
  row 1 "copy of /dev/null" -- '$S eval --model $M --data $D --out nulldev; stat -c "after: %F" nulldev >&2'
  row 1 "copy of /dev/full" -- '$S eval --model $M --data $D --out fulldev; s=$?; stat -c "%F" fulldev; exit $s'
fi
mkfifo fifo
row 1 "FIFO" -- '(cat fifo > fifo.out &) ; $S eval --model $M --data $D --out fifo; s=$?; sleep 0.2; stat -c "%F" fifo; wc -c < fifo.out; exit $s'
echo old > target.txt; ln -s target.txt link.txt
row 2 "symlink" -- '$S eval --model $M --data $D --out link.txt; s=$?; stat -c "%F" link.txt; head -c 30 target.txt; exit $s'
ln -s /proc/self/fd/1 mystdout
row 3 "link to /proc/self/fd/1" -- '$S eval --model $M --data $D --out mystdout | head -c 40; stat -c " %F" mystdout'
row 3 "/proc/self/fd/1" -- '$S eval --model $M --data $D --out /proc/self/fd/1 | head -c 40'
for name in x m; do
  row 4 "one-character name '$name' (eval)" -- "\$S eval --model \$M --data \$D --out $name; ls -l $name | cut -c1-10"
done
row 4 "'-' is stdout (eval)" -- '$S eval --model $M --data $D --out - | head -n 1; test ! -e ./-'

row 4 "one-character name (train)" -- '$S train --data $D --out t --quiet; ls -l t | cut -c1-10'
row 4 "one-character name (predict)" -- '$S predict --text "we talk" --out p; cat p'
row 4 "one-character name (quotes)" -- '$S quotes $A --out q; wc -l < q'
for command in 'predict --text "we talk"' 'eval --model $M --data $D' 'inspect --model $M' 'quotes $A' 'score $A' 'cv --data $D --folds 2'; do
  row 5 "stdout full" -- "\$S $command > /dev/full"
done
row 5 "stderr full (train)" -- '$S train --data $D --out m5.stance --progress 2>/dev/full; echo "exit $?" >&2; ls -a | grep -c m5'
row 6 "stdin closed (score)" -- '$S score <&-'
row 6 "stdin closed (quotes)" -- '$S quotes <&-'
row 6 "stdin closed (predict)" -- '$S predict <&-'
python3 -c "import sys; sys.stdout.buffer.write(b''.join(b'good line %d\n' % i for i in range(30000)) + b'caf\xe9\n')" > latin1.txt
row 7 "Latin-1 byte after 30,000 lines, json" -- 'set -o pipefail; $S predict --format json < latin1.txt | wc -c'
row 7 "same, --invalid-utf8 replace" -- '$S predict --format json --invalid-utf8 replace < latin1.txt | python3 -c "import json,sys; print(len(json.load(sys.stdin)), \"records, valid JSON\")"'
row 7 "same, --invalid-utf8 skip" -- '$S predict --format jsonl --invalid-utf8 skip < latin1.txt | wc -l'
for option in "--c -1" "--threads -1" "--tol -1" "--c nan"; do
  row 8 "$option" -- "\$S train --data \$D --out m8.stance $option"
done
row 8 "--top -5" -- '$S inspect --model $M --top -5'
row 9 "--where split=tarin" -- "\$S train --data $root/data/stance/quotes.csv --out m9.stance --where split=tarin"
row 10 "--out /proc/m.stance" -- '$S eval --model $M --data $D --out /proc/m.stance'
mkdir adir
row 11 "a folder as --data" -- '$S train --data adir --out m11.stance'
row 12 "range error shows the subcommand usage" -- '$S train --data $D --out m12.stance --c nan 2>&1 | grep -m1 Usage >&2'
python3 -c "
import random
random.seed(1)
words = [''.join(random.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(random.randint(3, 9))) for _ in range(50000)]
text = ' '.join(random.choice(words) for _ in range(5_000_000))[:40_000_000]
open('big-line.txt', 'w').write(text + '\n')
open('big-record.csv', 'w').write('text,label\n\"' + text + '\",a\nwe talk,b\nwe strike,b\n')
"
row 13 "one 40 MB line to predict (peak RSS)" -- '/usr/bin/time -f "peak RSS %M KB" $S predict < big-line.txt > p13.txt; cut -c1-30 p13.txt'
row 13 "one 40 MB record to train (peak RSS)" -- '/usr/bin/time -f "peak RSS %M KB" $S train --data big-record.csv --out m13.stance --quiet; ls -l m13.stance | cut -d" " -f5'
echo
echo "left in the work folder: $(ls -A | tr '\n' ' ')"
