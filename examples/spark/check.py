"""Checks the Spark jobs' results against direct single-process runs of the `stance` CLI,
record for record (run by `make spark-check`; see docs/spark.md).

  python check.py --stance BIN --model M --sentiment-model S --data DIR --spark-output DIR

DIR holds articles.jsonl and quotes.csv (Benchmarks/tools/gen_articles.py); the Spark
output folder holds score/ and predict/ as the two jobs wrote them. Exits 1 on any
difference, printing the first few.
"""
import argparse
import csv
import glob
import json
import os
import subprocess
import sys
import time

from pyspark.sql import SparkSession

import predict_table
import stance_spark


def run(command, stdin_path=None):
    """Runs the CLI, returning its stdout lines and the wall time."""
    started = time.time()
    with open(stdin_path, "rb") if stdin_path else open(os.devnull, "rb") as stdin:
        result = subprocess.run(command, stdin=stdin, capture_output=True, check=True)
    return result.stdout.decode("utf-8").splitlines(), time.time() - started


def normalised(row):
    """A row with maps as sorted tuples, so rows compare and sort."""
    return tuple(tuple(sorted(value.items())) if isinstance(value, dict) else value
                 for value in row)


def compare(name, expected, found, failures):
    expected = sorted(map(normalised, expected), key=repr)
    found = sorted(map(normalised, found), key=repr)
    if expected == found:
        print(f"  {name}: {len(found)} rows, equal to the single-process run")
        return
    failures.append(name)
    print(f"  {name}: DIFFERENT ({len(expected)} from the CLI, {len(found)} from Spark)")
    missing = [row for row in expected if row not in set(found)][:3]
    extra = [row for row in found if row not in set(expected)][:3]
    for row in missing:
        print(f"    only in the CLI run: {row}")
    for row in extra:
        print(f"    only in the Spark run: {row}")


def spark_rows(spark, path, schema):
    return [tuple(row[field.name] for field in schema.fields)
            for row in spark.read.parquet(path).collect()]


def check_score(args, spark, failures):
    command = [args.stance, "score", "--input", "jsonl", "--format", "jsonl",
               "--model", args.model, "--sentiment-model", args.sentiment_model]
    lines, seconds = run(command, os.path.join(args.data, "articles.jsonl"))
    answers = [json.loads(line) for line in lines]
    print(f"single-process score: {len(answers)} answers in {seconds:.2f} s "
          f"({len(answers) / seconds:.1f} articles/s)")
    out = os.path.join(args.spark_output, "score")
    for table, rows, schema in [
        ("quotes", stance_spark.quote_rows, stance_spark.QUOTE_SCHEMA),
        ("speakers", stance_spark.speaker_rows, stance_spark.SPEAKER_SCHEMA),
    ]:
        expected = [row for answer in answers for row in rows(answer)]
        compare(table, expected, spark_rows(spark, f"{out}/{table}", schema), failures)
    # Error lines: the line and message count within a partition in Spark, so compare ids
    # and codes.
    expected = [row[:2] for answer in answers for row in stance_spark.error_rows(answer)]
    found = [row[:2] for row in spark_rows(spark, f"{out}/errors", stance_spark.ERROR_SCHEMA)]
    compare("errors", expected, found, failures)
    # The raw answers, in input order, byte for byte (error lines by id and code).
    parts = sorted(glob.glob(f"{out}/answers/part-*"))
    raw = [line for part in parts for line in open(part, encoding="utf-8").read().splitlines()]
    same = len(raw) == len(lines) and all(
        a == b or (json.loads(a).get("error") and
                   (json.loads(a)["id"], json.loads(a)["error"]["code"]) ==
                   (json.loads(b)["id"], json.loads(b)["error"]["code"]))
        for a, b in zip(raw, lines))
    print(f"  answers: {len(raw)} lines, "
          f"{'the same as' if same else 'DIFFERENT from'} the single-process run, in order")
    if not same:
        failures.append("answers")


def check_predict(args, spark, failures):
    table = os.path.join(args.data, "quotes.csv")
    jsonl = os.path.join(args.spark_output, "quotes-input.jsonl")
    with open(table, encoding="utf-8", newline="") as source, \
            open(jsonl, "w", encoding="utf-8") as out:
        for row in csv.DictReader(source):
            out.write(json.dumps({"id": row["id"], "text": row["text"], "gold": row["label"]},
                                 ensure_ascii=False) + "\n")
    command = [args.stance, "predict", "--input", "jsonl", "--format", "jsonl",
               "--model", args.model]
    lines, seconds = run(command, jsonl)
    print(f"single-process predict: {len(lines)} answers in {seconds:.2f} s")
    out = os.path.join(args.spark_output, "predict")
    expected = [predict_table.prediction_row(json.loads(line)) for line in lines]
    found = spark_rows(spark, f"{out}/predictions", predict_table.PREDICTION_SCHEMA)
    compare("predictions", expected, found, failures)
    evaluation = json.loads(subprocess.run(
        [args.stance, "eval", "--model", args.model, "--data", table, "--format", "json"],
        capture_output=True, check=True).stdout)
    metrics_files = glob.glob(f"{out}/metrics/part-*")
    metrics = json.loads(open(metrics_files[0], encoding="utf-8").read())
    differences = [key for key in ("n", "accuracy", "macro_f1", "weighted_f1")
                   if abs(metrics[key] - evaluation[key]) > 1e-12]
    by_label = {c["label"]: c for c in evaluation.get("classes", [])}
    for mine in metrics["classes"]:
        theirs = by_label.get(mine["label"], {})
        differences += [f"{mine['label']}.{key}" for key in ("precision", "recall", "f1")
                        if abs(mine[key] - theirs.get(key, float("nan"))) > 1e-12]
    print(f"  metrics: accuracy {metrics['accuracy']:.4f}, macro F1 {metrics['macro_f1']:.4f}"
          f" on {metrics['n']} rows; `stance eval` "
          f"{'agrees (1e-12)' if not differences else 'DIFFERS: ' + ', '.join(differences)}")
    if differences:
        failures.append("metrics")


def main():
    parser = argparse.ArgumentParser(description="Spark results against the CLI.")
    parser.add_argument("--stance", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--sentiment-model", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--spark-output", required=True)
    args = parser.parse_args()
    spark = SparkSession.builder.master("local[1]").appName("stance-check").getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    failures = []
    check_score(args, spark, failures)
    check_predict(args, spark, failures)
    spark.stop()
    if failures:
        print("spark-check: FAILED: " + ", ".join(failures))
        sys.exit(1)
    print("spark-check: the Spark results equal the single-process CLI, record for record")


if __name__ == "__main__":
    main()
