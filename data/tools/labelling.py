"""What build_corpus.py and second_pass.py share about labelled rows: the keys that tie a
second label to its row, and the readers of the label files.

A row's key is `SOURCE:LINE:HASH`: the file the row is written in (`part-a` for
data/<corpus>/parts/part-a.csv, `N` for data/v2/writer-N.csv), the row's position in it
(1 = first row after the header) and the first 8 hex digits of the SHA-1 of its text, so a
row rewritten after its second labelling no longer matches that label.

Corpus v1 (data/<corpus>/parts/*.csv, one label per corpus) has its second labels in
data/v1-second/<corpus>/labels.csv (key,<corpus>) and their adjudication in
data/v1-second/<corpus>/adjudication.csv (key,first,second,final,reason).
"""
import csv
import hashlib
import os

LABELS = {
    "stance": ["hawkish", "conciliatory", "neutral"],
    "sentiment": ["positive", "negative", "neutral"],
}
V1_SECOND = os.path.join("data", "v1-second")


def text_hash(text):
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def row_key(source, line, text):
    return f"{source}:{line}:{text_hash(text)}"


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def v1_rows(corpus):
    """(key, row) for every row of data/<corpus>/parts/*.csv, in the order the corpus
    build numbers them (row i of this list gets the id <prefix>-<i+1>)."""
    folder = os.path.join("data", corpus, "parts")
    out = []
    for part in sorted(f for f in os.listdir(folder) if f.endswith(".csv")):
        source = part.removesuffix(".csv")
        for line, row in enumerate(read_csv(os.path.join(folder, part)), start=1):
            out.append((row_key(source, line, row["text"]), row))
    return out


def v1_second_labels(corpus):
    """The second labels of corpus-v1 rows, by key; empty if none were written yet. Exits
    with a one-line message on a label that is not one of the corpus's labels."""
    path = os.path.join(V1_SECOND, corpus, "labels.csv")
    if not os.path.exists(path):
        return {}
    labels = {}
    for line, row in enumerate(read_csv(path), start=2):
        label = row.get(corpus)
        if label not in LABELS[corpus]:
            raise SystemExit(f"{path}:{line}: {corpus} label {label!r} is not one of "
                             f"{', '.join(LABELS[corpus])}")
        labels[row["key"]] = label
    return labels


def v1_adjudication(corpus):
    """The adjudicated final labels of corpus-v1 rows, by key; empty if none yet."""
    path = os.path.join(V1_SECOND, corpus, "adjudication.csv")
    if not os.path.exists(path):
        return {}
    finals = {}
    for line, row in enumerate(read_csv(path), start=2):
        if row.get("final") not in LABELS[corpus]:
            raise SystemExit(f"{path}:{line}: final label {row.get('final')!r} is not one of "
                             f"{', '.join(LABELS[corpus])}")
        finals[row["key"]] = row["final"]
    return finals


def v1_settled(corpus):
    """Every doubly labelled corpus-v1 row, by key: (label, adjudicated), the label being
    the adjudicated one (adjudicated = True) or else the one both labellers gave. A row
    whose labels differ and that has no adjudication yet is not settled (it stays
    pending)."""
    second = v1_second_labels(corpus)
    finals = v1_adjudication(corpus)
    settled = {}
    for key, row in v1_rows(corpus):
        if key in finals:
            settled[key] = (finals[key], True)
        elif second.get(key) == row["label"]:
            settled[key] = (row["label"], False)
    return settled
