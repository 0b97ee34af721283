#!/usr/bin/env python3
"""The independent second labelling of corpus v2 (data/v2/writer-*.csv).

    python3 data/tools/second_pass.py export [--from ROW] [--to ROW] [--unlabelled]
        writes .build/second-pass/writer-N.blind.csv (key,text), texts only: what a second
        labeller sees (with the guidelines), never the writer's labels.
    python3 data/tools/second_pass.py agree
        joins data/v2/second/BATCH/writer-N.csv (key,stance,sentiment, written by the second
        labellers) with the writers' labels, prints agreement and Cohen's kappa per corpus
        and per label, and writes the disagreements to .build/second-pass/disagreements.csv
        (key,corpus,text,first,second) for adjudication.

A row's key is `N:LINE:HASH`: the writer file, the row's position in it (1 = first row
after the header) and the first 8 hex digits of the SHA-1 of its text, so a row rewritten
after export no longer matches its second label and is reported as unlabelled.
Adjudicated labels go to data/v2/adjudication/*.csv (key,corpus,first,second,final,reason),
which data/tools/build_corpus.py applies.
"""
import argparse
import csv
import glob
import hashlib
import os
import re
import sys
from collections import Counter

LABELS = {
    "stance": ["hawkish", "conciliatory", "neutral"],
    "sentiment": ["positive", "negative", "neutral"],
}
OUT = os.path.join(".build", "second-pass")


def text_hash(text):
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def writer_rows():
    """(key, row) for every row of every writer file, in file order."""
    for path in sorted(glob.glob(os.path.join("data", "v2", "writer-*.csv"))):
        number = re.search(r"writer-(\d+)\.csv$", path).group(1)
        with open(path, newline="", encoding="utf-8") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=1):
                yield f"{number}:{line}:{text_hash(row['text'])}", number, line, row


def second_labels():
    """Every second label so far, by key."""
    labels = {}
    for path in sorted(glob.glob(os.path.join("data", "v2", "second", "*", "writer-*.csv"))):
        with open(path, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                labels[row["key"]] = row
    return labels


def export(first, last, unlabelled_only):
    os.makedirs(OUT, exist_ok=True)
    files = {}
    done = second_labels() if unlabelled_only else {}
    for key, number, line, row in writer_rows():
        if line < first or (last and line > last) or key in done:
            continue
        if number not in files:
            handle = open(os.path.join(OUT, f"writer-{number}.blind.csv"), "w", newline="",
                          encoding="utf-8")
            files[number] = (handle, csv.writer(handle))
            files[number][1].writerow(["key", "text"])
        files[number][1].writerow([key, row["text"]])
    for number, (handle, _) in sorted(files.items()):
        handle.close()
        print(f"{OUT}/writer-{number}.blind.csv")


def kappa(pairs, labels):
    n = len(pairs)
    if n == 0:
        return float("nan")
    observed = sum(a == b for a, b in pairs) / n
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    expected = sum(first[l] * second[l] for l in labels) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def agree():
    second = second_labels()
    os.makedirs(OUT, exist_ok=True)
    disagreements = []
    unlabelled = 0
    pairs = {corpus: [] for corpus in LABELS}
    for key, _, _, row in writer_rows():
        other = second.get(key)
        if other is None:
            unlabelled += 1
            continue
        for corpus, labels in LABELS.items():
            a, b = row[corpus], other[corpus]
            if b not in labels:
                sys.exit(f"{key}: second {corpus} label {b!r} is not one of {labels}")
            pairs[corpus].append((a, b))
            if a != b:
                disagreements.append([key, corpus, row["text"], a, b])
    for corpus, labels in LABELS.items():
        items = pairs[corpus]
        if not items:
            continue
        agreement = sum(a == b for a, b in items) / len(items)
        print(f"{corpus}: {len(items)} rows, agreement {agreement:.3f}, "
              f"kappa {kappa(items, labels):.3f}")
        for label in labels:
            both = sum(a == label and b == label for a, b in items)
            either = sum(a == label or b == label for a, b in items)
            print(f"  {label:13} positive agreement {2 * both / (either + both):.3f} "
                  f"(first {sum(a == label for a, _ in items)}, "
                  f"second {sum(b == label for _, b in items)})" if either else "")
    print(f"unlabelled rows: {unlabelled}; disagreements: {len(disagreements)}")
    with open(os.path.join(OUT, "disagreements.csv"), "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["key", "corpus", "text", "first", "second"])
        out.writerows(disagreements)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    exporting = sub.add_parser("export")
    exporting.add_argument("--from", dest="first", type=int, default=1)
    exporting.add_argument("--to", dest="last", type=int, default=0)
    exporting.add_argument(
        "--unlabelled", action="store_true", help="only rows with no second label yet")
    sub.add_parser("agree")
    arguments = parser.parse_args()
    if arguments.command == "export":
        export(arguments.first, arguments.last, arguments.unlabelled)
    else:
        agree()


if __name__ == "__main__":
    main()
