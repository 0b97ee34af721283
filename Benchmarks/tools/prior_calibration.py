#!/usr/bin/env python3
"""Prior-shift adaptation and calibration figures (Benchmarks/results/2026-12-07-prior-calibration.md).

Usage:
  python3 Benchmarks/tools/prior_calibration.py STANCE_BINARY REALNEWS_FOLDER [--skip-cv]

1. On the real-news development samples (measuring only: nothing is trained on them), for the
   shipped stance and sentiment models: `stance prior` against the true label shares, and
   accuracy, macro-F1, log loss and ECE (10 equal-width bins of the top probability) of
   `stance predict` without and with --adapt-prior, and of the uncalibrated (T = 1) model.
2. On our own corpora (split train,dev), grouped 5-fold cross-validation by speaker with the
   shipped models' settings gives out-of-fold log-probabilities; a second grouped 5-fold split
   of those fits a temperature or vector scaling (a per-class scale and bias on the
   log-probabilities, by Newton's method) on four parts and scores the fifth.

Needs numpy. Temporary files go to a fresh folder under /tmp.
"""
import csv
import io
import json
import math
import os
import subprocess
import sys
import tempfile

import numpy as np

MODELS = {"stance": "models/stance.stance", "sentiment": "models/sentiment.stance"}
CORPORA = {"stance": "data/stance/quotes.csv", "sentiment": "data/sentiment/sentences.csv"}


def run(args, stdin=None):
    result = subprocess.run(args, input=stdin, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(args)} failed: {result.stderr}")
    return result.stdout


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def predictions(stance, model, path, extra=()):
    """Labels and probability rows of `stance predict --format csv`."""
    out = run([stance, "predict", "--model", model, path, "--format", "csv", *extra])
    rows = list(csv.reader(io.StringIO(out)))
    header = rows[0]
    columns = [i for i, name in enumerate(header) if name.startswith("p_")]
    labels = [header[i][2:] for i in columns]
    label_at = header.index("label")
    return labels, [r[label_at] for r in rows[1:]], np.array(
        [[float(r[i]) for i in columns] for r in rows[1:]])


def metrics(labels, truth, probabilities):
    index = {label: k for k, label in enumerate(labels)}
    y = np.array([index[t] for t in truth])
    predicted = probabilities.argmax(axis=1)
    accuracy = float((predicted == y).mean())
    f1s = []
    for k in range(len(labels)):
        tp = float(((predicted == k) & (y == k)).sum())
        fp = float(((predicted == k) & (y != k)).sum())
        fn = float(((predicted != k) & (y == k)).sum())
        f1s.append(0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn))
    p_true = np.clip(probabilities[np.arange(len(y)), y], 2.220446049250313e-16, 1)
    log_loss = float(-np.log(p_true).mean())
    confidence = probabilities.max(axis=1)
    correct = predicted == y
    ece = 0.0
    for b in range(10):
        low, high = b / 10, (b + 1) / 10
        inside = (confidence > low) & (confidence <= high) if b else (confidence <= high)
        if inside.any():
            ece += inside.mean() * abs(correct[inside].mean() - confidence[inside].mean())
    return accuracy, float(np.mean(f1s)), log_loss, float(ece)


def reliability_table(labels, truth, probabilities):
    index = {label: k for k, label in enumerate(labels)}
    y = np.array([index[t] for t in truth])
    confidence = probabilities.max(axis=1)
    correct = probabilities.argmax(axis=1) == y
    lines = ["| top probability | rows | mean confidence | accuracy |", "|---|---|---|---|"]
    for b in range(10):
        low, high = b / 10, (b + 1) / 10
        inside = (confidence > low) & (confidence <= high)
        if inside.any():
            lines.append(f"| {low:.1f}–{high:.1f} | {int(inside.sum())} | "
                         f"{confidence[inside].mean():.3f} | {correct[inside].mean():.3f} |")
    return "\n".join(lines)


def uncalibrated(probabilities, temperature):
    """softmax(z) from softmax(z / T): p^T renormalised."""
    powered = np.power(np.clip(probabilities, 1e-300, 1), temperature)
    return powered / powered.sum(axis=1, keepdims=True)


def real_news(stance, folder):
    for name in ("stance", "sentiment"):
        path = os.path.join(folder, f"{name}-dev.csv")
        truth = [row["label"] for row in read_csv(path)]
        model = MODELS[name]
        info = json.loads(run([stance, "inspect", "--model", model, "--format", "json"]))
        temperature = info.get("calibration", {}).get("fit", {}).get("temperature", 1.0)
        prior = json.loads(run([stance, "prior", "--model", model, path, "--format", "json"]))
        labels, _, plain = predictions(stance, model, path)
        _, _, adapted = predictions(stance, model, path, ["--adapt-prior"])
        shares = {label: truth.count(label) / len(truth) for label in labels}
        print(f"\n## {name}: {path} ({len(truth)} rows), model {model} (T = {temperature:.4f})\n")
        print("| label | training share | true share | mean probability | EM estimate |")
        print("|---|---|---|---|---|")
        for label in labels:
            print(f"| {label} | {prior['training_priors'][label]:.3f} | {shares[label]:.3f} | "
                  f"{prior['mean_probabilities'][label]:.3f} | {prior['estimated_priors'][label]:.3f} |")
        print(f"\nEM: {prior['iterations']} iterations, converged {prior['converged']}.\n")
        print("| probabilities | accuracy | macro-F1 | log loss | ECE (10 bins) |")
        print("|---|---|---|---|---|")
        constant = np.tile([shares[label] for label in labels], (len(truth), 1))
        rows = [("uncalibrated (T = 1)", uncalibrated(plain, temperature)),
                ("shipped (temperature)", plain), ("shipped + --adapt-prior", adapted),
                ("true shares as a constant (oracle)", constant)]
        for title, matrix in rows:
            a, f, l, e = metrics(labels, truth, matrix)
            print(f"| {title} | {a:.3f} | {f:.3f} | {l:.3f} | {e:.3f} |")
        print("\nReliability, shipped model:\n")
        print(reliability_table(labels, truth, plain))
        print("\nReliability, with --adapt-prior:\n")
        print(reliability_table(labels, truth, adapted))


def grouped_folds(groups, k, seed):
    """Groups shuffled with a fixed seed and dealt round-robin into k folds."""
    unique = sorted(set(groups))
    order = np.random.default_rng(seed).permutation(len(unique))
    fold_of = {unique[i]: position % k for position, i in enumerate(order)}
    return np.array([fold_of[g] for g in groups])


def out_of_fold(stance, name, work):
    rows = [r for r in read_csv(CORPORA[name]) if r["split"] in ("train", "dev")]
    info = json.loads(run([stance, "inspect", "--model", MODELS[name], "--format", "json"]))
    c = info["training"]["c"]
    weighting = info["training"]["classWeighting"]["kind"]
    folds = grouped_folds([r["speaker"] for r in rows], 5, 0)
    labels = None
    scores = np.zeros((len(rows), 3))
    for fold in range(5):
        train = os.path.join(work, f"{name}-train-{fold}.csv")
        test = os.path.join(work, f"{name}-test-{fold}.csv")
        for path, keep in ((train, folds != fold), (test, folds == fold)):
            with open(path, "w", newline="", encoding="utf-8") as handle:
                writer = csv.writer(handle)
                writer.writerow(["text", "label"])
                for row, inside in zip(rows, keep):
                    if inside:
                        writer.writerow([row["text"], row["label"]])
        model = os.path.join(work, f"{name}-{fold}.stance")
        run([stance, "train", "--data", train, "--out", model, "--quiet", "--c", str(c),
             "--class-weight", weighting, "--ngram", "1-2"])
        labels, _, probabilities = predictions(stance, model, test)
        scores[folds == fold] = np.log(np.clip(probabilities, 1e-300, 1))
    index = {label: k for k, label in enumerate(labels)}
    truth = np.array([index[r["label"]] for r in rows])
    groups = [r["speaker"] for r in rows]
    return scores, truth, groups


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def mean_log_loss(z, y):
    p = softmax(z)
    return float(-np.log(np.clip(p[np.arange(len(y)), y], 1e-300, 1)).mean())


def fit_temperature(z, y):
    beta = 1.0
    for _ in range(100):
        p = softmax(beta * z)
        mean = (p * z).sum(axis=1)
        slope = (mean - z[np.arange(len(y)), y]).mean()
        curvature = ((p * z * z).sum(axis=1) - mean ** 2).mean()
        step = slope / max(curvature, 1e-12)
        beta = max(beta - step, beta / 10)
        if abs(step) < 1e-10:
            break
    return lambda s: beta * s


def fit_vector(z, y, penalty=1e-4):
    """Per-class scale a and bias b on z by Newton with a tiny ridge (LAPACK solve)."""
    n, k = z.shape
    theta = np.concatenate([np.ones(k), np.zeros(k)])
    onehot = np.eye(k)[y]
    for _ in range(50):
        a, b = theta[:k], theta[k:]
        p = softmax(z * a + b)
        r = p - onehot
        gradient = np.concatenate([(r * z).sum(0), r.sum(0)]) / n
        gradient += penalty * np.concatenate([a - 1, b])
        # Hessian of the softmax loss in u = a ⊙ z + b: diag(p) − p pᵀ per row.
        features = [z, np.ones_like(z)]
        hessian = np.zeros((2 * k, 2 * k))
        for i, fi in enumerate(features):
            for j, fj in enumerate(features):
                block = np.einsum("nk,nl,nk,nl->kl", fi, fj, -p, p)
                block += np.diag((fi * fj * p).sum(0))
                hessian[i * k:(i + 1) * k, j * k:(j + 1) * k] = block / n
        hessian += penalty * np.eye(2 * k)
        step = np.linalg.solve(hessian, gradient)
        t = 1.0
        value = mean_log_loss(z * a + b, y) + penalty / 2 * np.sum(np.concatenate([a - 1, b]) ** 2)
        while t > 1e-8:
            candidate = theta - t * step
            ca, cb = candidate[:k], candidate[k:]
            new = mean_log_loss(z * ca + cb, y) + penalty / 2 * np.sum(
                np.concatenate([ca - 1, cb]) ** 2)
            if new <= value:
                break
            t /= 2
        theta = candidate
        if np.abs(t * step).max() < 1e-10:
            break
    a, b = theta[:k], theta[k:]
    return lambda s: s * a + b


def calibration_cv(stance, work):
    print("\n## Calibration maps on our corpora: grouped 5-fold CV of out-of-fold scores\n")
    print("| corpus | rows | none (T = 1) | temperature | vector scaling |")
    print("|---|---|---|---|---|")
    for name in ("stance", "sentiment"):
        z, y, groups = out_of_fold(stance, name, work)
        second = grouped_folds(groups, 5, 1)
        losses = {"none": [], "temperature": [], "vector": []}
        for fold in range(5):
            train, test = second != fold, second == fold
            losses["none"].append(mean_log_loss(z[test], y[test]))
            for key, fit in (("temperature", fit_temperature), ("vector", fit_vector)):
                transform = fit(z[train], y[train])
                losses[key].append(mean_log_loss(transform(z[test]), y[test]))
        cells = [f"{np.mean(v):.4f} ± {np.std(v):.4f}" for v in losses.values()]
        print(f"| {name} | {len(y)} | " + " | ".join(cells) + " |")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    stance, folder = sys.argv[1], sys.argv[2]
    real_news(stance, folder)
    if "--skip-cv" not in sys.argv:
        with tempfile.TemporaryDirectory(prefix="prior-calibration-") as work:
            calibration_cv(stance, work)


if __name__ == "__main__":
    main()
