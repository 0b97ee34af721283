#!/usr/bin/env python3
"""Tables for Benchmarks/results/2026-12-07-features.md.

Usage: python3 Benchmarks/tools/feature_tables.py FOLDER

FOLDER holds what the commands of that file write: NAME-A.json, NAME-B.json, NAME-C.json
(`stance tune --format json`), NAME-VARIANT.realnews.json and NAME-VARIANT.test.json
(`stance eval --format json`) and NAME-VARIANT.pred.jsonl (`stance predict --format jsonl`),
for NAME in stance, sentiment. Prints the ranked tune tables, the paired per-fold
differences, the development-sample table and a paired bootstrap of its differences.
"""
import json
import math
import random
import sys

VARIANTS = ["base", "negation", "sublinear", "negation+sublinear", "stopwords",
            "negation+sublinear+stopwords"]
BEST_C = {"stance": 30, "sentiment": 10}


def points(path):
    """(key, fold scores, summary) per grid point, best first."""
    out = []
    for entry in json.load(open(path))["entries"]:
        v = entry["point"]["vectorizer"]
        t = entry["point"]["training"]
        chars = v["characterNGrams"]
        key = (t["c"], None if chars is None else "%d-%d" % (chars["lowerBound"], chars["upperBound"]),
               bool(v.get("negation")), v["weighting"]["sublinearTermFrequency"],
               list(v["maxDocumentFrequency"].values())[0], v.get("stopWords"))
        out.append((key, entry["result"]["folds"], entry["result"]))
    return out


def on(flag):
    return "on" if flag else "off"


def ranked(path):
    print("| rank | log loss | macro-F1 | accuracy | macro recall | C | char | negation | sublinear | max-df | stop words |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for rank, (key, _, r) in enumerate(points(path), 1):
        c, chars, negation, sublinear, max_df, stop = key
        print("| %d | %.4f ± %.4f | %.4f ± %.4f | %.4f | %.4f | %g | %s | %s | %s | %g | %s |" % (
            rank, r["log_loss"]["mean"], r["log_loss"]["sd"], r["macro_f1"]["mean"],
            r["macro_f1"]["sd"], r["accuracy"]["mean"], r["macro_recall"]["mean"], c,
            chars or "off", on(negation), on(sublinear), max_df, stop or "kept"))


def paired(folder, name):
    folds = {}
    for part in "ABC":
        for key, scores, _ in points("%s/%s-%s.json" % (folder, name, part)):
            folds[key] = scores
    c = BEST_C[name]
    comparisons = [
        ("negation on − off (sublinear off)", (c, None, True, False, 1, None), (c, None, False, False, 1, None)),
        ("negation on − off (sublinear on)", (c, None, True, True, 1, None), (c, None, False, True, 1, None)),
        ("sublinear on − off (negation off)", (c, None, False, True, 1, None), (c, None, False, False, 1, None)),
        ("sublinear on − off (negation on)", (c, None, True, True, 1, None), (c, None, True, False, 1, None)),
        ("max-df 0.5 − 1.0 (negation on, sublinear on)", (c, None, True, True, 0.5, None), (c, None, True, True, 1, None)),
        ("stop words − kept (negation off)", (c, None, False, False, 1, "english"), (c, None, False, False, 1, None)),
        ("stop words − kept (negation on)", (c, None, True, False, 1, "english"), (c, None, True, False, 1, None)),
        ("char 2-5 − off (negation on, sublinear on)", (c, "2-5", True, True, 1, None), (c, None, True, True, 1, None)),
    ]
    print("| comparison (C = %g) | Δ log loss (folds better) | Δ macro-F1 (folds better) | Δ accuracy | Δ macro recall |" % c)
    print("| --- | --- | --- | --- | --- |")
    for label, a, b in comparisons:
        cells = []
        for metric, lower in [("log_loss", True), ("macro_f1", False), ("accuracy", False), ("macro_recall", False)]:
            deltas = [x[metric] - y[metric] for x, y in zip(folds[a], folds[b])]
            better = sum(1 for d in deltas if (d < 0 if lower else d > 0))
            mean = sum(deltas) / len(deltas)
            cells.append("%+.4f (%d of %d)" % (mean, better, len(deltas)) if metric in ("log_loss", "macro_f1") else "%+.4f" % mean)
        print("| %s | %s |" % (label, " | ".join(cells)))


def development(folder, name):
    print("| variant | real news macro-F1 | accuracy | log loss | macro recall | our test split macro-F1 | accuracy | log loss |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for variant in VARIANTS:
        r = json.load(open("%s/%s-%s.realnews.json" % (folder, name, variant)))
        t = json.load(open("%s/%s-%s.test.json" % (folder, name, variant)))
        print("| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |" % (
            variant, r["macro_f1"], r["accuracy"], r["log_loss"], r["macro_recall"],
            t["macro_f1"], t["accuracy"], t["log_loss"]))


def predictions(path):
    rows = [json.loads(line) for line in open(path)]
    return [r["input_label"] for r in rows], [r["label"] for r in rows], [r["probabilities"] for r in rows]


def macro_f1(truth, predicted, labels):
    scores = []
    for k in labels:
        tp = sum(1 for a, b in zip(truth, predicted) if a == k and b == k)
        fp = sum(1 for a, b in zip(truth, predicted) if a != k and b == k)
        fn = sum(1 for a, b in zip(truth, predicted) if a == k and b != k)
        scores.append(0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores)


def log_loss(truth, probabilities):
    return sum(-math.log(min(max(p[y], 1e-15), 1 - 1e-15)) for y, p in zip(truth, probabilities)) / len(truth)


def bootstrap(folder, name):
    truth, base_labels, base_p = predictions("%s/%s-base.pred.jsonl" % (folder, name))
    labels = sorted(set(truth))
    for variant in ["negation", "negation+sublinear"]:
        _, labels_v, p_v = predictions("%s/%s-%s.pred.jsonl" % (folder, name, variant))
        rng = random.Random(0)
        f1s, losses = [], []
        rows = range(len(truth))
        for _ in range(2000):
            sample = [rng.randrange(len(truth)) for _ in rows]
            t = [truth[i] for i in sample]
            f1s.append(macro_f1(t, [labels_v[i] for i in sample], labels) - macro_f1(t, [base_labels[i] for i in sample], labels))
            losses.append(log_loss(t, [p_v[i] for i in sample]) - log_loss(t, [base_p[i] for i in sample]))
        f1s.sort()
        losses.sort()
        print("- %s − base: macro-F1 %+.3f (90%% interval %+.3f to %+.3f), log loss %+.3f (%+.3f to %+.3f), n = %d" % (
            variant, macro_f1(truth, labels_v, labels) - macro_f1(truth, base_labels, labels), f1s[100], f1s[1899],
            log_loss(truth, p_v) - log_loss(truth, base_p), losses[100], losses[1899], len(truth)))


def main():
    folder = sys.argv[1]
    for name in ["stance", "sentiment"]:
        for part in "ACB":
            print("\n### %s, run %s\n" % (name, part))
            ranked("%s/%s-%s.json" % (folder, name, part))
        print("\n### %s, paired per-fold differences\n" % name)
        paired(folder, name)
        print("\n### %s, development sample\n" % name)
        development(folder, name)
        print()
        bootstrap(folder, name)


if __name__ == "__main__":
    main()
