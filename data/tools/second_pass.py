#!/usr/bin/env python3
"""The independent second labelling of the corpora.

Corpus v2 (data/v2/writer-*.csv, each row labelled for stance and sentiment; a later
batch in the same layout, such as data/v3, with --folder data/v3 on export and agree):

    python3 data/tools/second_pass.py export [--from ROW] [--to ROW] [--unlabelled]
        writes .build/second-pass/writer-N.blind.csv (key,text), texts only: what a second
        labeller sees (with the guidelines), never the writer's labels.
    python3 data/tools/second_pass.py agree
        joins data/v2/second/BATCH/writer-N.csv (key,stance,sentiment, written by the second
        labellers) with the writers' labels, prints agreement and Cohen's kappa per corpus
        and per label, and writes the disagreements to .build/second-pass/disagreements.csv
        (key,corpus,text,first,second) for adjudication.

Corpus v1 (data/<corpus>/parts/*.csv, one label per corpus), CORPUS = stance or sentiment:

    python3 data/tools/second_pass.py v1-export CORPUS
        writes .build/second-pass/v1-CORPUS.blind.csv (key,text).
    python3 data/tools/second_pass.py v1-agree CORPUS
        joins data/v1-second/CORPUS/labels.csv (key,CORPUS) with the labels of the parts,
        prints the same figures, and writes .build/second-pass/v1-CORPUS-disagreements.csv
        (key,id,text,first,second,earlier): every row whose two labels differ, and every
        row whose agreed label differs from the final label of the earlier 10% adjudication
        (data/CORPUS/adjudication.csv, by id; `earlier` is that label, empty elsewhere).

Keys are explained in data/tools/labelling.py. Adjudicated labels go to
data/v2/adjudication/*.csv (key,corpus,first,second,final,reason) and
data/v1-second/CORPUS/adjudication.csv (key,first,second,final,reason), which
data/tools/build_corpus.py applies.
"""
import argparse
import csv
import glob
import os
import re
import sys
from collections import Counter

from labelling import LABELS, read_csv, row_key, v1_rows, v1_second_labels

OUT = os.path.join(".build", "second-pass")
ID_PREFIX = {"stance": "st", "sentiment": "se"}


def writer_rows(folder=os.path.join("data", "v2")):
    """(key, row) for every row of every writer file of `folder`, in file order."""
    for path in sorted(glob.glob(os.path.join(folder, "writer-*.csv"))):
        number = re.search(r"writer-(\d+)\.csv$", path).group(1)
        with open(path, newline="", encoding="utf-8") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=1):
                yield row_key(number, line, row["text"]), number, line, row


def second_labels(folder=os.path.join("data", "v2")):
    """Every second label so far of the batch in `folder`, by key."""
    labels = {}
    for path in sorted(glob.glob(os.path.join(folder, "second", "*", "writer-*.csv"))):
        with open(path, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                labels[row["key"]] = row
    return labels


def export(first, last, unlabelled_only, folder):
    os.makedirs(OUT, exist_ok=True)
    files = {}
    done = second_labels(folder) if unlabelled_only else {}
    for key, number, line, row in writer_rows(folder):
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


def report(name, items, labels):
    """Prints agreement and Cohen's kappa over (first, second) label pairs, and per label
    its one-against-the-rest kappa and positive agreement (2 x both / (first + second))."""
    agreement = sum(a == b for a, b in items) / len(items)
    print(f"{name}: {len(items)} rows, agreement {agreement:.3f}, "
          f"kappa {kappa(items, labels):.3f}")
    for label in labels:
        first = sum(a == label for a, _ in items)
        second = sum(b == label for _, b in items)
        both = sum(a == label and b == label for a, b in items)
        binary = [(a == label, b == label) for a, b in items]
        positive = 2 * both / (first + second) if first + second else float("nan")
        print(f"  {label:13} kappa {kappa(binary, [True, False]):.3f}, positive agreement "
              f"{positive:.3f} (first {first}, second {second})")


def write_csv(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(header)
        out.writerows(rows)


def v1_export(corpus):
    path = os.path.join(OUT, f"v1-{corpus}.blind.csv")
    write_csv(path, ["key", "text"], [[key, row["text"]] for key, row in v1_rows(corpus)])
    print(path)


def v1_agree(corpus):
    labels = LABELS[corpus]
    second = v1_second_labels(corpus)
    earlier_path = os.path.join("data", corpus, "adjudication.csv")
    earlier = ({row["id"]: row["final_label"] for row in read_csv(earlier_path)}
               if os.path.exists(earlier_path) else {})
    pairs, rows, unlabelled = [], [], 0
    for index, (key, row) in enumerate(v1_rows(corpus), start=1):
        if key not in second:
            unlabelled += 1
            continue
        first, other = row["label"], second[key]
        pairs.append((first, other))
        row_id = f"{ID_PREFIX[corpus]}-{index:05d}"
        before = earlier.get(row_id, "")
        if first != other or (before and before != first):
            rows.append([key, row_id, row["text"], first, other, before])
    if pairs:
        report(f"{corpus} v1", pairs, labels)
    path = os.path.join(OUT, f"v1-{corpus}-disagreements.csv")
    write_csv(path, ["key", "id", "text", "first", "second", "earlier"], rows)
    changed = sum(r[3] == r[4] for r in rows)
    print(f"unlabelled rows: {unlabelled}; disagreements: {len(rows) - changed}; agreed rows "
          f"the earlier adjudication changed: {changed}; written to {path}")


def agree(folder):
    second = second_labels(folder)
    os.makedirs(OUT, exist_ok=True)
    disagreements = []
    unlabelled = 0
    pairs = {corpus: [] for corpus in LABELS}
    for key, _, _, row in writer_rows(folder):
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
        if pairs[corpus]:
            report(corpus, pairs[corpus], labels)
    print(f"unlabelled rows: {unlabelled}; disagreements: {len(disagreements)}")
    write_csv(os.path.join(OUT, "disagreements.csv"), ["key", "corpus", "text", "first", "second"],
              disagreements)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    exporting = sub.add_parser("export")
    exporting.add_argument("--from", dest="first", type=int, default=1)
    exporting.add_argument("--to", dest="last", type=int, default=0)
    exporting.add_argument(
        "--unlabelled", action="store_true", help="only rows with no second label yet")
    agreeing = sub.add_parser("agree")
    for command in (exporting, agreeing):
        command.add_argument(
            "--folder", default=os.path.join("data", "v2"),
            help="the batch: data/v2 (default) or a later one such as data/v3")
    for command in ("v1-export", "v1-agree"):
        sub.add_parser(command).add_argument("corpus", choices=sorted(LABELS))
    arguments = parser.parse_args()
    if arguments.command == "export":
        export(arguments.first, arguments.last, arguments.unlabelled, arguments.folder)
    elif arguments.command == "agree":
        agree(arguments.folder)
    elif arguments.command == "v1-export":
        v1_export(arguments.corpus)
    else:
        v1_agree(arguments.corpus)


if __name__ == "__main__":
    main()
