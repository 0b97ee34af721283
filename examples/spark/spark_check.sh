#!/bin/sh
# make spark-check: installs what the Spark recipe needs (a JRE from Debian, PySpark from
# PyPI into a virtual environment under .build/spark), generates SPARK_ARTICLES articles
# and 5,000 labelled quotes with Benchmarks/tools/gen_articles.py, runs both Spark jobs of
# examples/spark on SPARK_MASTER (local[2]), and checks their results against direct
# single-process runs of the CLI, record for record (examples/spark/check.py).
#
# Environment: STANCE (the binary, .build/release/stance), SPARK_ARTICLES (10000),
# SPARK_MASTER (local[2]), SPARK_WORK (.build/spark).
set -eu

STANCE=${STANCE:-.build/release/stance}
ARTICLES=${SPARK_ARTICLES:-10000}
MASTER=${SPARK_MASTER:-local[2]}
WORK=${SPARK_WORK:-.build/spark}
VENV=$WORK/venv
DATA=$WORK/data
OUT=$WORK/out

if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
missing=""
command -v java >/dev/null 2>&1 || missing="$missing openjdk-17-jre-headless"
python3 -c 'import ensurepip' 2>/dev/null || missing="$missing python3-venv"
if [ -n "$missing" ]; then
  echo "spark-check: installing$missing"
  $sudo apt-get update
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
fi
if [ ! -x "$VENV/bin/spark-submit" ]; then
  echo "spark-check: installing PySpark into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet "pyspark>=4,<5"
fi

python3 Benchmarks/tools/gen_articles.py --articles "$ARTICLES" --quotes 5000 --bad 5 \
  --seed 7 --out "$DATA"
rm -rf "$OUT"
mkdir -p "$OUT"

now() { python3 -c 'import time; print(f"{time.time():.3f}")'; }
# spark-submit finds Spark, and the workers find PySpark, through the environment's python.
VENV_BIN=$(cd "$VENV/bin" && pwd)
export PATH="$VENV_BIN:$PATH" PYSPARK_PYTHON="$VENV_BIN/python"
submit() {
  spark-submit --master "$MASTER" --conf spark.ui.enabled=false \
    --conf spark.ui.showConsoleProgress=false "$@"
}

echo "spark-check: scoring $ARTICLES articles on $MASTER (log: $OUT/score.log)"
start=$(now)
submit examples/spark/score_articles.py --input "$DATA/articles.jsonl" --output "$OUT/score" \
  --stance "$STANCE" --model models/stance.stance \
  --sentiment-model models/sentiment.stance --keep-answers 2> "$OUT/score.log" \
  | grep '^stance-spark ' || { tail -20 "$OUT/score.log"; exit 1; }
end=$(now)
echo "spark-check: spark-submit score wall time $(python3 -c "print(f'{$end - $start:.2f}')") s"

echo "spark-check: predicting $DATA/quotes.csv on $MASTER (log: $OUT/predict.log)"
submit examples/spark/predict_table.py --input "$DATA/quotes.csv" --output "$OUT/predict" \
  --stance "$STANCE" --model models/stance.stance 2> "$OUT/predict.log" \
  | grep '^stance-spark ' || { tail -20 "$OUT/predict.log"; exit 1; }

echo "spark-check: checking against the single-process CLI"
"$VENV/bin/python" examples/spark/check.py --stance "$STANCE" --model models/stance.stance \
  --sentiment-model models/sentiment.stance --data "$DATA" --spark-output "$OUT" \
  2> "$OUT/check.log"
echo "spark-check: load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
