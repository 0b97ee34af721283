"""Scores a JSON Lines corpus of news articles on Spark with the `stance` CLI.

Each line of the input is one article, {"id": ..., "text": ..., other fields}. The lines go
through `stance score --input jsonl --format jsonl` with RDD.pipe, one process per
partition; the binary and the models reach the executors with SparkContext.addFile. The job
writes three Parquet tables under --output:

  quotes/    one row per quote: id, quote_index, speaker, text, start, end, kind, cue,
             label, probabilities, sentiment_label, sentiment_probabilities
  speakers/  one row per speaker of an article: id, speaker_index, name, kind, role,
             quotes, words, label, probabilities, confidence, interval_lower,
             interval_upper, evidence, sentiment_label
  errors/    one row per malformed input line: id, code, line (within its partition),
             message

and with --keep-answers the raw answer lines as text under answers/.

  spark-submit --master local[2] examples/spark/score_articles.py \\
      --input articles.jsonl --output out/ --stance .build/release/stance \\
      --model models/stance.stance --sentiment-model models/sentiment.stance

On a cluster only --master changes, and the paths: --input and --output on storage every
executor reads (hdfs://, s3a://, ...), --stance a statically linked binary (see docs/spark.md).
"""
import argparse
import json
import time

from pyspark.sql import SparkSession

import stance_spark


def main():
    parser = argparse.ArgumentParser(description="Score news articles with stance on Spark.")
    parser.add_argument("--input", required=True, help="JSON Lines of articles")
    parser.add_argument("--output", required=True, help="folder for the Parquet tables")
    parser.add_argument("--stance", required=True, help="the stance binary")
    parser.add_argument("--model", required=True, help="the stance model (.stance)")
    parser.add_argument("--sentiment-model", help="the sentiment model (.stance)")
    parser.add_argument("--partitions", type=int, help="input partitions (default: 2 per core)")
    parser.add_argument("--keep-answers", action="store_true", help="also save the raw lines")
    args = parser.parse_args()

    spark = SparkSession.builder.appName("stance-score-articles").getOrCreate()
    sc = spark.sparkContext
    started = time.time()
    models = [args.model] + ([args.sentiment_model] if args.sentiment_model else [])
    names = stance_spark.ship(sc, args.stance, models)
    arguments = ["score", "--input", "jsonl", "--format", "jsonl", "--model", names[0]]
    arguments += ["--sentiment-model", names[1]] if len(names) > 1 else ["--no-sentiment"]

    lines = sc.textFile(args.input, minPartitions=args.partitions or 2 * sc.defaultParallelism)
    answers = lines.pipe(
        stance_spark.pipe_command(arguments), env=stance_spark.pipe_environment(),
        checkCode=True)
    # Each answer is parsed once into rows tagged with their table; the answers and the
    # rows are kept, so each article is scored once for all three tables.
    answers.cache()
    rows = answers.map(json.loads).flatMap(stance_spark.tagged_rows).cache()

    def table(name, schema):
        return spark.createDataFrame(
            rows.filter(lambda row: row[0] == name).map(lambda row: row[1]), schema)

    quotes = table("quotes", stance_spark.QUOTE_SCHEMA)
    speakers = table("speakers", stance_spark.SPEAKER_SCHEMA)
    errors = table("errors", stance_spark.ERROR_SCHEMA)
    quotes.write.mode("overwrite").parquet(args.output + "/quotes")
    speakers.write.mode("overwrite").parquet(args.output + "/speakers")
    errors.write.mode("overwrite").parquet(args.output + "/errors")
    if args.keep_answers:
        answers.saveAsTextFile(args.output + "/answers")
    elapsed = time.time() - started
    # Counted from the cached answers and the Parquet footers, not by scoring again.
    articles = answers.count()
    summary = {
        "articles": articles, "partitions": lines.getNumPartitions(), "master": sc.master,
        "seconds": round(elapsed, 3),
        "articles_per_second": round(articles / elapsed, 1) if elapsed > 0 else None,
    }
    for table in ("quotes", "speakers", "errors"):
        summary[table] = spark.read.parquet(f"{args.output}/{table}").count()
    print("stance-spark " + json.dumps(summary, sort_keys=True))
    spark.stop()


if __name__ == "__main__":
    main()
