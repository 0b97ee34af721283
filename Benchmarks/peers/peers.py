#!/usr/bin/env python3
"""Times StanceKit's peers on the same corpus StanceKit's benchmarks use.

For each peer: vectorize (fit the vocabulary and transform train), train (fit the
classifier on the training matrix), predict (transform and classify the test file),
each repeated and reported as the median wall time, plus test accuracy.

  scikit-learn  TfidfVectorizer(ngram_range=(1, 2)) + LogisticRegression(C=1, lbfgs)
  LIBLINEAR     the same tf-idf matrix, -s 0 (L2 logistic regression, trust-region
                Newton, one-vs-rest for three classes), -c 1
  fastText      supervised, wordNgrams=2, 5 epochs, its own tokenisation (no tf-idf)

Usage (from the repository root, after `make bench-corpus`):
  python3 Benchmarks/peers/peers.py --data Benchmarks/corpus [--repeats 3] [--json out.json]

Needs: pip install scikit-learn liblinear-official fasttext-wheel (each peer is skipped
with a note when its package is missing).
"""
import argparse
import csv
import json
import os
import statistics
import sys
import tempfile
import time


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [row["text"] for row in rows], [row["label"] for row in rows]


def timed(repeats, function):
    """Runs function `repeats` times; returns (median seconds, last result)."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def accuracy(predicted, truth):
    return sum(p == t for p, t in zip(predicted, truth)) / len(truth)


def bench_sklearn(train, test, repeats, threads):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    def vectorize():
        vectorizer = TfidfVectorizer(ngram_range=(1, 2))
        return vectorizer, vectorizer.fit_transform(train[0])

    vectorize_s, (vectorizer, x_train) = timed(repeats, vectorize)
    train_s, model = timed(
        repeats, lambda: LogisticRegression(C=1.0, max_iter=1000).fit(x_train, train[1])
    )
    predict_s, predicted = timed(repeats, lambda: model.predict(vectorizer.transform(test[0])))
    return {
        "peer": "scikit-learn",
        "features": x_train.shape[1],
        "vectorize_s": vectorize_s,
        "train_s": train_s,
        "predict_s": predict_s,
        "iterations": int(max(model.n_iter_)),
        "accuracy": accuracy(predicted, test[1]),
    }, (vectorizer, x_train)


def bench_liblinear(train, test, repeats, shared):
    from liblinear import liblinearutil

    vectorizer, x_train = shared
    labels = sorted(set(train[1]))
    index = {label: i for i, label in enumerate(labels)}
    y_train = [index[label] for label in train[1]]
    train_s, model = timed(
        repeats, lambda: liblinearutil.train(y_train, x_train, "-s 0 -c 1 -q")
    )

    def predict():
        x_test = vectorizer.transform(test[0])
        predicted, _, _ = liblinearutil.predict([0] * x_test.shape[0], x_test, model, "-q")
        return [labels[int(p)] for p in predicted]

    predict_s, predicted = timed(repeats, predict)
    return {
        "peer": "LIBLINEAR",
        "train_s": train_s,
        "predict_s": predict_s,
        "accuracy": accuracy(predicted, test[1]),
    }


def bench_fasttext(train, test, repeats, threads):
    import fasttext

    def clean(text):
        return " ".join(text.split())

    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "train.txt")
        with open(path, "w", encoding="utf-8") as handle:
            for text, label in zip(*train):
                handle.write(f"__label__{label} {clean(text)}\n")
        train_s, model = timed(
            repeats,
            lambda: fasttext.train_supervised(
                path, wordNgrams=2, epoch=5, thread=threads, verbose=0, seed=1
            ),
        )
    texts = [clean(text) for text in test[0]]
    predict_s, result = timed(repeats, lambda: model.predict(texts))
    predicted = [labels[0].replace("__label__", "") for labels in result[0]]
    return {
        "peer": "fastText",
        "train_s": train_s,
        "predict_s": predict_s,
        "accuracy": accuracy(predicted, test[1]),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", required=True, help="folder with train.csv and test.csv")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()

    train = read_csv(os.path.join(args.data, "train.csv"))
    test = read_csv(os.path.join(args.data, "test.csv"))
    print(f"{len(train[0])} training and {len(test[0])} test documents", file=sys.stderr)

    results = []
    shared = None
    try:
        row, shared = bench_sklearn(train, test, args.repeats, args.threads)
        results.append(row)
    except ImportError as error:
        print(f"scikit-learn skipped: {error}", file=sys.stderr)
    if shared is not None:
        try:
            results.append(bench_liblinear(train, test, args.repeats, shared))
        except ImportError as error:
            print(f"LIBLINEAR skipped: {error}", file=sys.stderr)
    try:
        results.append(bench_fasttext(train, test, args.repeats, args.threads))
    except ImportError as error:
        print(f"fastText skipped: {error}", file=sys.stderr)

    print(f"{'peer':<14}{'vectorize s':>12}{'train s':>10}{'predict s':>11}{'accuracy':>10}")
    for row in results:
        vectorize = f"{row['vectorize_s']:.2f}" if "vectorize_s" in row else "-"
        print(
            f"{row['peer']:<14}{vectorize:>12}{row['train_s']:>10.2f}"
            f"{row['predict_s']:>11.2f}{row['accuracy']:>10.4f}"
        )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(results, handle, indent=2)


if __name__ == "__main__":
    main()
