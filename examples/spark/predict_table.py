"""Predicts a labelled table (CSV or Parquet) on Spark with the `stance` CLI and computes
the metrics.

Each row's id, text and label become one JSON line {"id", "text", "gold"}; the lines go
through `stance predict --input jsonl --format jsonl` with RDD.pipe (the binary and the
model shipped with SparkContext.addFile). The job writes under --output:

  predictions/   Parquet: id, gold, label, probabilities, error (code, or null)
  metrics/       one JSON text: n, accuracy, macro_f1, weighted_f1, per class precision,
                 recall, f1 and support, the confusion matrix (rows gold, columns
                 predicted) over the rows that were predicted, and the count of errors

  spark-submit --master local[2] examples/spark/predict_table.py \\
      --input quotes.csv --output out/ --stance .build/release/stance \\
      --model models/stance.stance

A path ending in .csv is read as CSV with a header (RFC 4180 quoting), anything else as
Parquet. On a cluster only --master and the paths change (see docs/spark.md).
"""
import argparse
import json
import time

from pyspark.sql import SparkSession
from pyspark.sql.types import DoubleType, MapType, StringType, StructField, StructType

import stance_spark

PREDICTION_SCHEMA = StructType([
    StructField("id", StringType()),
    StructField("gold", StringType()),
    StructField("label", StringType()),
    StructField("probabilities", MapType(StringType(), DoubleType())),
    StructField("error", StringType()),
])


def prediction_row(answer):
    error = answer.get("error")
    return (stance_spark.record_id(answer), answer.get("gold"), answer.get("label"),
            answer.get("probabilities"), error.get("code") if error else None)


def metrics(confusion, labels):
    """Accuracy and per-class and averaged precision, recall and F1 (0 where undefined)."""
    total = sum(confusion.values())
    correct = sum(confusion.get((label, label), 0) for label in labels)
    classes = []
    for label in labels:
        true_positive = confusion.get((label, label), 0)
        predicted = sum(confusion.get((gold, label), 0) for gold in labels)
        support = sum(confusion.get((label, guess), 0) for guess in labels)
        precision = true_positive / predicted if predicted else 0.0
        recall = true_positive / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        classes.append({"label": label, "precision": precision, "recall": recall, "f1": f1,
                        "support": support})
    return {
        "n": total,
        "accuracy": correct / total if total else 0.0,
        "macro_f1": sum(c["f1"] for c in classes) / len(classes) if classes else 0.0,
        "weighted_f1": sum(c["f1"] * c["support"] for c in classes) / total if total else 0.0,
        "classes": classes,
        "confusion": {"labels": labels,
                      "matrix": [[confusion.get((g, p), 0) for p in labels] for g in labels]},
    }


def main():
    parser = argparse.ArgumentParser(description="Predict a labelled table on Spark.")
    parser.add_argument("--input", required=True, help="a CSV file or a Parquet table")
    parser.add_argument("--output", required=True, help="folder for the results")
    parser.add_argument("--stance", required=True, help="the stance binary")
    parser.add_argument("--model", required=True, help="the model (.stance)")
    parser.add_argument("--id-column", default="id")
    parser.add_argument("--text-column", default="text")
    parser.add_argument("--label-column", default="label")
    parser.add_argument("--partitions", type=int, help="partitions (default: 2 per core)")
    args = parser.parse_args()

    spark = SparkSession.builder.appName("stance-predict-table").getOrCreate()
    sc = spark.sparkContext
    started = time.time()
    names = stance_spark.ship(sc, args.stance, [args.model])
    if args.input.endswith(".csv"):
        table = spark.read.csv(args.input, header=True, multiLine=True, escape='"')
    else:
        table = spark.read.parquet(args.input)
    rows = table.select(args.id_column, args.text_column, args.label_column).rdd
    rows = rows.repartition(args.partitions or 2 * sc.defaultParallelism)
    lines = rows.map(lambda row: json.dumps(
        {"id": row[0], "text": row[1], "gold": row[2]}, ensure_ascii=False))
    answers = lines.pipe(
        stance_spark.pipe_command(
            ["predict", "--input", "jsonl", "--format", "jsonl", "--model", names[0]]),
        env=stance_spark.pipe_environment(), checkCode=True)
    predictions = spark.createDataFrame(
        answers.map(json.loads).map(prediction_row), PREDICTION_SCHEMA).cache()
    predictions.write.mode("overwrite").parquet(args.output + "/predictions")

    scored = predictions.where("error IS NULL")
    counts = {(row["gold"], row["label"]): row["count"]
              for row in scored.groupBy("gold", "label").count().collect()}
    labels = sorted({label for pair in counts for label in pair})
    result = metrics(counts, labels)
    result["errors"] = predictions.where("error IS NOT NULL").count()
    # Through Spark, so that the output folder may be on any storage Spark writes to.
    spark.createDataFrame([(json.dumps(result, sort_keys=True),)], "metrics string") \
        .coalesce(1).write.mode("overwrite").text(args.output + "/metrics")
    elapsed = time.time() - started
    print("stance-spark " + json.dumps({
        "rows": result["n"] + result["errors"], "accuracy": result["accuracy"],
        "macro_f1": result["macro_f1"], "master": sc.master, "seconds": round(elapsed, 3),
    }, sort_keys=True))
    spark.stop()


if __name__ == "__main__":
    main()
