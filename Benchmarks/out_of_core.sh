#!/usr/bin/env bash
# Out-of-core training (`stance train --cache DIR`, issue 20): wall time and peak memory of
# in-memory training against out-of-core training (first run: builds the cache; second run:
# reuses it) on generated corpora, and whether the models are the same bytes.
#
# Usage (from the repository root): Benchmarks/out_of_core.sh [SIZE ...]   (default: 1000000)
#   SIZE is a document count for Benchmarks/tools/gen_corpus.py (80% of it is the training
#   split). A corpus is generated under $WORK (default: a fresh folder under $TMPDIR) unless
#   CORPUS_<SIZE> names a folder that already has train.csv (e.g. CORPUS_1000000=/work/bench1m).
#   IN_MEMORY_MAX (default 1000000): sizes above it are trained out of core only.
#   TRAIN_OPTIONS (default "--c 1"): options for every training run.
# Needs the release CLI (`swift build -c release --product stance`), python3 with numpy (for
# the generator), and free disk for the corpus and the cache (about 2 GB per million
# documents together).
#
# Memory is reported by Benchmarks/tools/peak_memory.py: peak_rss (the kernel's high-water
# mark), peak_anon (the process's own memory) and peak_file (mapped file pages: the cache,
# which the kernel can evict under memory pressure, so they bound nothing by themselves).
# Results of a run go into Benchmarks/results/ by hand, with the machine and its load.
set -uo pipefail
stance="${STANCE:-.build/release/stance}"
generator="${GENERATOR:-Benchmarks/tools/gen_corpus.py}"
options="${TRAIN_OPTIONS:---c 1}"
in_memory_max="${IN_MEMORY_MAX:-1000000}"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000000)
work="${WORK:-$(mktemp -d "${TMPDIR:-/tmp}/stancekit-ooc.XXXXXX")}"
mkdir -p "$work"
measure() { python3 Benchmarks/tools/peak_memory.py "$@"; }

for size in "${sizes[@]}"; do
  corpus_variable="CORPUS_${size}"
  corpus="${!corpus_variable:-$work/corpus-$size}"
  if [ ! -f "$corpus/train.csv" ]; then
    echo "== generating $size documents into $corpus"
    python3 "$generator" --n "$size" --out "$corpus" || exit 1
  fi
  echo "== $size documents ($(du -h "$corpus/train.csv" | cut -f1) train.csv), options: $options"
  if [ "$size" -le "$in_memory_max" ]; then
    echo "-- in memory"
    # shellcheck disable=SC2086
    measure "$stance" train --data "$corpus/train.csv" $options --out "$work/memory-$size.stance" \
      --quiet
  fi
  rm -rf "$work/cache-$size"
  for run in "first run (builds the cache)" "second run (reuses the cache)"; do
    echo "-- out of core, $run"
    # shellcheck disable=SC2086
    measure "$stance" train --data "$corpus/train.csv" $options --cache "$work/cache-$size" \
      --out "$work/cached-$size.stance" --quiet
  done
  echo "   cache: $(du -sh "$work/cache-$size" | cut -f1)"
  if [ -f "$work/memory-$size.stance" ]; then
    if cmp -s "$work/memory-$size.stance" "$work/cached-$size.stance"; then
      echo "   models: the same bytes in memory and out of core"
    else
      echo "   models: DIFFER"
    fi
  fi
done
echo "(files kept in $work)"
