"""Helpers shared by the StanceKit Spark jobs: shipping the `stance` binary and its models to
the executors, the `RDD.pipe` command, and the rows the jobs write as Parquet.

The jobs pipe JSON Lines through `stance score|predict --input jsonl --format jsonl`, which
answers every line with exactly one line, in order, the record's `id` first and an `error`
last (null, or {"code", "line", "message"} for a malformed record); see docs/spark.md.
"""
import json
import os
import shlex

from pyspark import SparkFiles
from pyspark.sql.types import (
    DoubleType, IntegerType, LongType, MapType, StringType, StructField, StructType,
)

# Runs ./stance from the folder the driver's SparkFiles live in when it exists on this
# machine (local mode: driver and executors share it), else from the executor's working
# folder, where a cluster manager puts the files that SparkContext.addFile shipped.
_LAUNCHER = 'cd "$1" 2>/dev/null || true; shift; exec ./stance "$@"'


def ship(sc, binary, models):
    """Sends the binary and the model files to every executor; returns the models' names."""
    sc.addFile(binary)
    names = []
    for model in models:
        sc.addFile(model)
        names.append(os.path.basename(model))
    sc.addPyFile(__file__)
    return names


def pipe_command(arguments):
    """The command line for RDD.pipe: `stance ARGUMENTS` run next to the shipped files."""
    words = ["/bin/sh", "-c", _LAUNCHER, "stance-pipe", SparkFiles.getRootDirectory()]
    return " ".join(shlex.quote(word) for word in words + list(arguments))


def pipe_environment():
    """RDD.pipe starts the program with exactly this environment (nothing is inherited)."""
    return {"LC_ALL": "C.UTF-8"}


def record_id(answer):
    """The answer's id as a string (a JSON number or other value as its JSON text)."""
    value = answer.get("id")
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value)


QUOTE_SCHEMA = StructType([
    StructField("id", StringType()),
    StructField("quote_index", IntegerType()),
    StructField("speaker", StringType()),
    StructField("text", StringType()),
    StructField("start", LongType()),
    StructField("end", LongType()),
    StructField("kind", StringType()),
    StructField("cue", StringType()),
    StructField("label", StringType()),
    StructField("probabilities", MapType(StringType(), DoubleType())),
    StructField("sentiment_label", StringType()),
    StructField("sentiment_probabilities", MapType(StringType(), DoubleType())),
])

SPEAKER_SCHEMA = StructType([
    StructField("id", StringType()),
    StructField("speaker_index", IntegerType()),
    StructField("name", StringType()),
    StructField("kind", StringType()),
    StructField("role", StringType()),
    StructField("quotes", IntegerType()),
    StructField("words", IntegerType()),
    StructField("label", StringType()),
    StructField("probabilities", MapType(StringType(), DoubleType())),
    StructField("confidence", DoubleType()),
    StructField("interval_lower", DoubleType()),
    StructField("interval_upper", DoubleType()),
    StructField("evidence", StringType()),
    StructField("sentiment_label", StringType()),
])

ERROR_SCHEMA = StructType([
    StructField("id", StringType()),
    StructField("code", StringType()),
    StructField("line", LongType()),
    StructField("message", StringType()),
])


def _sentiment(item):
    sentiment = item.get("sentiment") or {}
    return sentiment.get("label"), sentiment.get("probabilities")


def quote_rows(answer):
    """One tuple per quote of a `score` answer (none for an error line)."""
    if answer.get("error") is not None:
        return []
    rows = []
    for index, quote in enumerate(answer.get("quotes") or []):
        sentiment_label, sentiment_probabilities = _sentiment(quote)
        rows.append((
            record_id(answer), index, quote.get("speaker"), quote.get("text"),
            quote.get("start"), quote.get("end"), quote.get("kind"), quote.get("cue"),
            quote.get("label"), quote.get("probabilities"), sentiment_label,
            sentiment_probabilities,
        ))
    return rows


def _number(value):
    return None if value is None else float(value)


def speaker_rows(answer):
    """One tuple per speaker of a `score` answer (none for an error line)."""
    if answer.get("error") is not None:
        return []
    rows = []
    for index, speaker in enumerate(answer.get("speakers") or []):
        interval = speaker.get("interval") or {}
        evidence = speaker.get("evidence")  # its strength: "strong" or "weak" (docs/json.md)
        sentiment_label, _ = _sentiment(speaker)
        rows.append((
            record_id(answer), index, speaker.get("name"), speaker.get("kind"),
            speaker.get("role"), speaker.get("quotes"), speaker.get("words"),
            speaker.get("label"), speaker.get("probabilities"),
            _number(speaker.get("confidence")), _number(interval.get("lower")),
            _number(interval.get("upper")), evidence, sentiment_label,
        ))
    return rows


def error_rows(answer):
    """The error of an answer, as a one-tuple list (empty when it has none)."""
    error = answer.get("error")
    if error is None:
        return []
    return [(record_id(answer), error.get("code"), error.get("line"), error.get("message"))]


def tagged_rows(answer):
    """Every row an answer gives, each as (table, row): quotes, speakers and errors."""
    return ([("quotes", row) for row in quote_rows(answer)]
            + [("speakers", row) for row in speaker_rows(answer)]
            + [("errors", row) for row in error_rows(answer)])
