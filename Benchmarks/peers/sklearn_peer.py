#!/usr/bin/env python3
"""scikit-learn as a peer process for bench_peers.py.

  sklearn_peer.py train TRAIN.csv MODEL.pickle
  sklearn_peer.py predict MODEL.pickle TEST.csv OUT.txt   (one predicted label per line)
"""
import csv
import pickle
import sys


def read(path):
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return [row["text"] for row in rows], [row.get("label") for row in rows]


def main():
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    if sys.argv[1] == "train":
        texts, labels = read(sys.argv[2])
        model = make_pipeline(
            CountVectorizer(ngram_range=(1, 2)), LogisticRegression(C=1.0, max_iter=100)
        )
        model.fit(texts, labels)
        with open(sys.argv[3], "wb") as handle:
            pickle.dump(model, handle)
    else:
        with open(sys.argv[2], "rb") as handle:
            model = pickle.load(handle)
        texts, _ = read(sys.argv[3])
        with open(sys.argv[4], "w", encoding="utf-8") as handle:
            for label in model.predict(texts):
                handle.write(f"{label}\n")


if __name__ == "__main__":
    main()
