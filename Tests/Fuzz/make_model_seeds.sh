#!/usr/bin/env bash
# Writes the model-file seeds of Tests/Fuzz/corpus/modelfile/ with the `stance` CLI:
# small real models (a few KB) in vocabulary and hashing mode, with and without
# character n-grams and idf, trained on a 12-row slice of the parity fixture.
# Usage (from the repository root, after `swift build`): Tests/Fuzz/make_model_seeds.sh
set -euo pipefail
stance="${STANCE:-.build/debug/stance}"
out=Tests/Fuzz/corpus/modelfile
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
head -n 13 data/fixtures/parity/train.csv >"$work/small.csv"
train() {
  local name="$1"
  shift
  "$stance" train --data "$work/small.csv" --out "$out/$name.stance" --quiet "$@"
}
train words --ngram 1-1 --max-features 40
train bigrams-tf --ngram 1-2 --weighting tf --max-features 60
train chars --ngram 1-1 --char-ngram 2-3 --max-features 50 --sublinear-tf
train hashing --hash-bits 4 --weighting binary
train hashing-chars --hash-bits 5 --char-ngram 2-2
ls -l "$out"
