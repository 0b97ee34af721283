#!/usr/bin/env python3
"""Builds StanceKit's labelled corpora from the hand-written part files and measures them.

    python3 data/tools/build_corpus.py            # from the repository root

For each corpus (stance, sentiment) it reads data/<corpus>/parts/*.csv (columns
text,label,speaker,role,topic, written by hand) and then the corpus-v2 files
data/v2/*.csv (columns text,stance,sentiment,speaker,role,topic: each row labelled for
both corpora), applies the second labelling and its adjudication (data/v1-second/ for the
parts, data/v2/second and data/v2/adjudication for v2; see data/tools/labelling.py) and
the earlier adjudicated label changes of data/<corpus>/adjudication.csv and the rows read
again under a revised rule (data/<corpus>/revisions/, see read_revisions), assigns ids and
a train/dev/test split by speaker, and writes data/<corpus>/<name>.csv with the columns
id,text,label,speaker,role,topic,split,topic_group. It prints the quality figures that
data/README.md reports (label shares, lengths, near-duplicates, vocabulary) and writes them
to data/<corpus>/quality.json.

Splits: speakers are shuffled with a fixed seed and dealt to train, dev and test so that
each split's share of rows stays as close as possible to 70/15/15 (a speaker's rows all go
to one split). Same inputs, same output bytes.

Topic groups: `topic_group` is the speaker's main topic (the topic of most of their rows,
the alphabetically first on a tie), so every row of a speaker has the same one. Grouping
cross-validation folds by it (`stance tune --group-by topic_group`) holds out whole
topics and whole speakers at once, which tests how a model does on topics it has not
seen, closer to real news than folds grouped by speaker alone. The splits stay by speaker,
so the shipped models are trained on every topic.
"""
import csv
import glob
import io
import json
import os
import random
import re
import statistics
import sys
from collections import Counter, defaultdict

from labelling import row_key, v1_rows, v1_settled

CORPORA = {
    "stance": ("quotes.csv", "st", ["hawkish", "conciliatory", "neutral"]),
    "sentiment": ("sentences.csv", "se", ["positive", "negative", "neutral"]),
}
SPLITS = [("train", 0.70), ("dev", 0.15), ("test", 0.15)]
SEED = 20261124
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
# 6-word sequences that are stock phrases of news speech, not copying.
STOCK = {
    ("the", "ministry", "of", "foreign", "affairs", "said"),
    ("at", "the", "end", "of", "the", "day"),
    ("on", "both", "sides", "of", "the", "border"),
    ("for", "the", "first", "time", "in", "a"),
    ("at", "the", "same", "time", "as", "the"),
}


def words(text):
    return [w.lower().replace("’", "'") for w in WORD.findall(text)]


def read_parts(corpus):
    """Rows of the corpus-v1 part files. A row with a second label that agrees with the
    writer's, or with an adjudicated final label (data/v1-second/<corpus>/), is doubly
    labelled and takes that label; `adjudicated` marks a label set by that adjudication,
    which the earlier changes of data/<corpus>/adjudication.csv do not override."""
    settled = v1_settled(corpus)
    rows = []
    for key, row in v1_rows(corpus):
        label, adjudicated = settled.get(key, (row["label"], False))
        rows.append({**row, "label": label, "doubly_labelled": key in settled,
                     "adjudicated": adjudicated})
    return rows


def read_dual_parts(folder, corpus):
    """Rows of the corpus-v2 files (data/v2/writer-N.csv), which carry both labels: the
    column named after the corpus (`stance` or `sentiment`) becomes the row's label, after
    the adjudication of the second labelling (data/v2/adjudication/*.csv, keyed as in
    data/tools/second_pass.py) where there is one."""
    rows = []
    if not os.path.isdir(folder):
        return rows
    final = {}
    adjudicated = os.path.join(folder, "adjudication")
    for name in sorted(os.listdir(adjudicated)) if os.path.isdir(adjudicated) else []:
        with open(os.path.join(adjudicated, name), newline="", encoding="utf-8") as handle:
            for change in csv.DictReader(handle):
                final[(change["key"], change["corpus"])] = change["final"]
    second = set()
    for path in glob.glob(os.path.join(folder, "second", "*", "writer-*.csv")):
        with open(path, newline="", encoding="utf-8") as handle:
            second.update(row["key"] for row in csv.DictReader(handle))
    parts = sorted(f for f in os.listdir(folder) if re.fullmatch(r"writer-\d+\.csv", f))
    for part in parts:
        number = re.search(r"\d+", part).group(0)
        with open(os.path.join(folder, part), newline="", encoding="utf-8") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=1):
                key = row_key(number, line, row["text"])
                rows.append({
                    "text": row["text"], "label": final.get((key, corpus), row[corpus]),
                    "speaker": row["speaker"], "role": row["role"], "topic": row["topic"],
                    "doubly_labelled": key in second,
                })
    return rows


def read_revisions(corpus, labels):
    """Labels of existing rows read again under a revised rule of the guidelines, from each
    folder data/<corpus>/revisions/<name>/ (in name order): rows.csv (id,old_label,text: the
    rows read again and the label they had), first.csv and second.csv (id,label: two
    labellers, blind to each other and to the old label) and adjudication.csv
    (id,first,second,final,reason: their disagreements). A row takes the label both gave, or
    the adjudicated one. Prints each revision's agreement and kappa. Returns {id: (text,
    old_label, label)}. Stops the build on a duplicate id (in a file or across revisions),
    a label file that does not cover rows.csv exactly, an adjudication that does not match
    the two labels, or a label that is not one of the corpus's."""
    from second_pass import kappa

    revised = {}
    folders = sorted(f for f in glob.glob(os.path.join("data", corpus, "revisions", "*"))
                     if os.path.isdir(f))
    for folder in folders:
        def table(name):
            with open(os.path.join(folder, name), newline="", encoding="utf-8") as handle:
                rows = list(csv.DictReader(handle))
            ids = [row["id"] for row in rows]
            if len(set(ids)) != len(ids):
                sys.exit(f"{folder}/{name}: an id appears twice")
            return {row["id"]: row for row in rows}
        texts, first, second = table("rows.csv"), table("first.csv"), table("second.csv")
        final = table("adjudication.csv")
        if not texts or set(first) != set(texts) or set(second) != set(texts):
            sys.exit(f"{folder}: first.csv and second.csv must label exactly the rows of rows.csv")
        pairs = []
        for key, row in texts.items():
            pair = (first[key]["label"], second[key]["label"])
            if pair[0] == pair[1]:
                label = pair[0]
            elif key in final and (final[key]["first"], final[key]["second"]) == pair:
                label = final[key]["final"]
            else:
                sys.exit(f"{folder}: row {key} has labels {pair} and no matching adjudication")
            if label not in labels:
                sys.exit(f"{folder}: row {key} gets unknown label {label!r}")
            if key in revised:
                sys.exit(f"{folder}: row {key} is revised twice")
            pairs.append(pair)
            revised[key] = (row["text"], row["old_label"], label)
        agreement = sum(a == b for a, b in pairs) / len(pairs)
        print(f"{corpus} revision {os.path.basename(folder)}: {len(pairs)} rows, agreement "
              f"{agreement:.3f}, kappa {kappa(pairs, labels):.3f}, "
              f"{sum(a != b for a, b in pairs)} adjudicated", file=sys.stderr)
    return revised


def batch_number(folder):
    """3 for data/v3 (0 for any other folder): the order in which later batches come."""
    match = re.fullmatch(r"v(\d+)", os.path.basename(folder))
    return int(match.group(1)) if match else 0


def assign_splits(groups):
    """Deals speakers to splits, group by group: within a group, speakers are shuffled with a
    fixed seed and each goes to the split furthest below its target share. The first group
    is corpus v1 and v2; each later batch (data/v3, data/v4, …) is its own group, dealt after
    the groups before it, so adding a batch never moves an earlier row to another split (a
    speaker already dealt keeps their split)."""
    split_of = {}
    filled = {name: 0 for name, _ in SPLITS}
    total = 0
    for group in groups:
        counts = Counter(row["speaker"] for row in group)
        total += len(group)
        for speaker in set(counts) & set(split_of):
            filled[split_of[speaker]] += counts[speaker]
        speakers = sorted(set(counts) - set(split_of))
        random.Random(SEED).shuffle(speakers)
        for speaker in speakers:
            # The split furthest below its target share takes the next speaker.
            name = min(SPLITS, key=lambda s: filled[s[0]] / total - s[1])[0]
            split_of[speaker] = name
            filled[name] += counts[speaker]
    return split_of


def near_duplicates(rows):
    """Pairs of rows sharing any 6-word sequence that is not a stock phrase."""
    owners = defaultdict(set)
    for index, row in enumerate(rows):
        tokens = words(row["text"])
        for start in range(len(tokens) - 5):
            gram = tuple(tokens[start : start + 6])
            if gram not in STOCK:
                owners[gram].add(index)
    pairs = set()
    for indices in owners.values():
        if len(indices) > 1:
            ordered = sorted(indices)
            for i in range(len(ordered)):
                for j in range(i + 1, len(ordered)):
                    pairs.add((ordered[i], ordered[j]))
    return pairs


def masked(text):
    """The text with numbers as `#` and capitalised words after the first as `X`: two rows
    with the same masked form differ only in names and figures, the mark of a template."""
    tokens = re.findall(r"[^\W_]+(?:['’][^\W_]+)*|[^\w\s]", text)
    out = []
    for index, token in enumerate(tokens):
        if any(ch.isdigit() for ch in token):
            out.append("#")
        elif index > 0 and token[:1].isupper():
            out.append("X")
        else:
            out.append(token.lower())
    return " ".join(out)


def openings(rows, top=5):
    """The most common first two words and their shares."""
    counts = Counter(" ".join(words(row["text"])[:2]) for row in rows)
    return [[opening, round(count / len(rows), 4)] for opening, count in counts.most_common(top)]


def topic_groups(rows):
    """Each speaker's main topic: the topic of most of their rows, the alphabetically first
    on a tie."""
    topics = defaultdict(Counter)
    for row in rows:
        topics[row["speaker"]][row["topic"]] += 1
    return {speaker: min(counts, key=lambda t: (-counts[t], t))
            for speaker, counts in topics.items()}


def build(corpus):
    file_name, prefix, labels = CORPORA[corpus]
    folder = os.path.join("data", corpus)
    rows = read_parts(corpus) + read_dual_parts(os.path.join("data", "v2"), corpus)
    # Later batches (data/v3, data/v4, …) come after v1 and v2, each after the one before,
    # so the ids and splits of earlier rows stay put.
    groups = [list(rows)]
    batches = [f for f in glob.glob(os.path.join("data", "v*")) if batch_number(f) >= 3]
    for batch in sorted(batches, key=batch_number):
        groups.append(read_dual_parts(batch, corpus))
        rows += groups[-1]
    adjudication = os.path.join(folder, "adjudication.csv")
    changes = {}
    if os.path.exists(adjudication):
        with open(adjudication, newline="", encoding="utf-8") as handle:
            for change in csv.DictReader(handle):
                changes[change["id"]] = change["final_label"]
    revised = read_revisions(corpus, labels)
    for index, row in enumerate(rows, start=1):
        row["id"] = f"{prefix}-{index:05d}"
        if row["id"] in changes and not row.get("adjudicated"):
            row["label"] = changes[row["id"]]
        if row["id"] in revised:
            text, old_label, label = revised.pop(row["id"])
            if (text, old_label) != (row["text"], row["label"]):
                sys.exit(f"{corpus}: revised row {row['id']} no longer has the text and label "
                         "that were read again")
            row["label"] = label
        if row["label"] not in labels:
            sys.exit(f"{corpus}: row {row['id']} has unknown label {row['label']!r}")
    if revised:
        sys.exit(f"{corpus}: revised rows not in the corpus: {sorted(revised)[:5]}")
    split_of = assign_splits(groups)
    for row in rows:
        # Rows without a settled second labelling (a corpus-v1 row with no second label
        # yet, or whose two labels differ and are not adjudicated yet, and any v2 row not
        # yet labelled again) keep their splits under other names (pending-train,
        # pending-dev, pending-test), so `--where split=train,dev` selects rows whose label
        # two labellers agreed on or an adjudicator settled.
        prefix = "" if row.get("doubly_labelled") else "pending-"
        row["split"] = prefix + split_of[row["speaker"]]
    group_of = topic_groups(rows)
    for row in rows:
        row["topic_group"] = group_of[row["speaker"]]

    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    columns = ["id", "text", "label", "speaker", "role", "topic", "split", "topic_group"]
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row[c] for c in columns])
    with open(os.path.join(folder, file_name), "w", encoding="utf-8", newline="") as handle:
        handle.write(out.getvalue())

    lengths = [len(words(row["text"])) for row in rows]
    vocabulary = Counter(w for row in rows for w in words(row["text"]))
    pairs = near_duplicates(rows)
    in_pairs = {i for pair in pairs for i in pair}
    speakers_by_split = defaultdict(set)
    for row in rows:
        speakers_by_split[row["split"]].add(row["speaker"])
    quality = {
        "rows": len(rows),
        "labels": {l: sum(r["label"] == l for r in rows) for l in labels},
        "label_shares": {l: round(sum(r["label"] == l for r in rows) / len(rows), 4) for l in labels},
        "splits": {
            name: {
                "rows": sum(r["split"] == name for r in rows),
                "speakers": len(speakers_by_split[name]),
                "labels": {l: sum(r["split"] == name and r["label"] == l for r in rows) for l in labels},
            }
            for name in sorted(speakers_by_split)
        },
        "speakers": len(split_of),
        "length_words": {
            "min": min(lengths),
            "p10": sorted(lengths)[len(lengths) // 10],
            "median": statistics.median(lengths),
            "p90": sorted(lengths)[len(lengths) * 9 // 10],
            "max": max(lengths),
            "mean": round(statistics.mean(lengths), 2),
        },
        "near_duplicate_pairs": len(pairs),
        "rows_in_near_duplicate_pairs": len(in_pairs),
        "near_duplicate_rate": round(len(in_pairs) / len(rows), 4),
        "template_duplicate_rows": sum(
            count for count in Counter(masked(r["text"]) for r in rows).values() if count > 1),
        "top_openings": openings(rows),
        "vocabulary": len(vocabulary),
        "words_once": sum(1 for c in vocabulary.values() if c == 1),
        "topics": dict(sorted(Counter(r["topic"] for r in rows).items())),
        "topic_groups": len(set(group_of.values())),
        "rows_off_their_topic_group": sum(r["topic"] != r["topic_group"] for r in rows),
    }
    with open(os.path.join(folder, "quality.json"), "w", encoding="utf-8") as handle:
        json.dump(quality, handle, indent=2, sort_keys=True, ensure_ascii=False)
        handle.write("\n")
    print(f"{corpus}: {json.dumps(quality, ensure_ascii=False)}")
    # A speaker's rows share one split (rows still pending under its pending- name).
    base = defaultdict(set)
    for name, group in speakers_by_split.items():
        base[name.removeprefix("pending-")] |= group
    overlap = [s for s in split_of if sum(s in group for group in base.values()) > 1]
    assert not overlap, overlap


def main():
    for corpus in CORPORA:
        build(corpus)


if __name__ == "__main__":
    main()
