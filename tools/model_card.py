#!/usr/bin/env python3
"""Writes a shipped model's MODEL_CARD.md from what `make models` measured.

    python3 tools/model_card.py NAME            # from the repository root

Reads .build/models/NAME.tune.json (stance tune --format json), models/NAME.test.json
(stance eval on the test split), .build/models/NAME.inspect.json (stance inspect --format
json), data/<corpus>/quality.json, models/NAME.notes.md (intended use and known
limitations, written by hand) and, when it exists, models/NAME.realnews.json (stance eval
on the real-news development sample, which is not in the repository), and writes
models/NAME.MODEL_CARD.md. Numbers are copied
from those files, never typed in, so the card cannot drift from the model.
"""
import json
import math
import os
import sys

CORPUS = {"stance": ("stance", "quotes.csv"), "sentiment": ("sentiment", "sentences.csv")}


def load(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def fmt(value, digits=4):
    return "-" if value is None else f"{value:.{digits}f}"


def setting(point):
    """A tune entry's `setting` (docs/json.md: keys named after the options)."""
    vectorizer, training = point["vectorizer"], point["training"]
    weights = training["class_weight"]
    return {
        "C": f"{training['c']:g}",
        "word n-grams": vectorizer["ngram"] or "off",
        "character n-grams": vectorizer["char_ngram"] or "off",
        "min-df": vectorizer["min_df"],
        "weighting": vectorizer["weighting"] + ("+sublinear" if vectorizer["sublinear_tf"] else ""),
        "negation": "on" if vectorizer["negation"] else "off",
        "lexicon": vectorizer.get("lexicon") or "off",
        "class weights": weights if isinstance(weights, str) else "explicit",
        "solver": training["solver"],
        "tolerance": f"{training['tol']:g}",
    }


def main():
    name = sys.argv[1]
    command = sys.argv[2] if len(sys.argv) > 2 else ""
    corpus, corpus_file = CORPUS[name]
    tune = load(f".build/models/{name}.tune.json")
    test = load(f"models/{name}.test.json")
    inspect = load(f".build/models/{name}.inspect.json")
    quality = load(f"data/{corpus}/quality.json")
    with open(f"models/{name}.notes.md", encoding="utf-8") as handle:
        notes = handle.read().strip()

    best = tune["best"]
    metric = tune.get("metric", "macro_f1")
    metric_name = {"macro_f1": "macro-F1", "log_loss": "log loss", "accuracy": "accuracy"}.get(
        metric, metric)
    calibration = inspect.get("calibration")
    prior = inspect.get("deployment_prior")
    by_topic = "--group-by topic_group" in command
    grouping = (
        "folds grouped by speaker and topic (each speaker's main topic, `topic_group`: no "
        "speaker and no main topic in two folds)" if by_topic
        else "speaker-grouped folds (no speaker in two folds)")
    chosen = setting(best["setting"])
    splits = quality["splits"]
    supports = {c["label"]: c["support"] for c in test["classes"]}
    majority_label = max(supports, key=lambda label: (supports[label], label))
    majority_accuracy = supports[majority_label] / test["n"]
    # Majority baseline: F1 is 2p/(1+p) for the majority class (recall 1, precision p) and 0
    # for the others.
    majority_f1 = 2 * majority_accuracy / (1 + majority_accuracy) / len(supports)

    lines = [f"# Model card: `models/{name}.stance`", ""]
    lines += [
        f"A {len(inspect['labels'])}-class {name} classifier "
        f"({', '.join(inspect['labels'])}) trained by StanceKit {inspect['tool_version']} on "
        f"`data/{corpus}/{corpus_file}`.",
        "",
        "## How it was made",
        "",
        "`make models` runs, from the repository root:",
        "",
        "```sh",
        command.strip(),
        "```",
        "",
        f"The grid was scored by stratified 5-fold cross-validation on the train and dev "
        f"splits, {grouping}; the best setting by {metric_name} was "
        "then trained on train + dev"
        + (" with a softmax temperature fitted on pooled out-of-fold scores" if calibration else "")
        + " and evaluated once on the test split. The same data and settings "
        "give the same model file, byte for byte, under reference BLAS and OpenBLAS alike "
        "(trust-region Newton calls no BLAS routine; a test checks it).",
        "",
    ]
    if prior:
        shares = ", ".join(
            f"{label} {prior['shares'][label]}" for label in inspect["labels"])
        lines += [
            "**Deployment prior.** The model file records the class shares it is meant for "
            f"({shares}); every probability is adjusted from the training shares to these "
            "(prior shift, `docs/math.md`), so labels and probabilities hold for text that is "
            "mostly neutral, as real news quotes are (83–85%, issue 18), not for the corpus "
            "(65% neutral). The cross-validation figures below are without it; the test-split "
            "and real-news figures are with it, so the test split, whose shares are the "
            "corpus's, scores lower on the minority classes than the model without the prior "
            "would. `stance predict --adapt-prior` replaces it by shares estimated from the "
            "input.",
            "",
        ]
    lines += [
        "## Data",
        "",
        "| split | rows | speakers | " + " | ".join(inspect["labels"]) + " |",
        "| --- | --- | --- | " + " | ".join("---" for _ in inspect["labels"]) + " |",
    ]
    for split in ("train", "dev", "test"):
        counts = splits[split]["labels"]
        lines.append(
            f"| {split} | {splits[split]['rows']} | {splits[split]['speakers']} | "
            + " | ".join(str(counts[label]) for label in inspect["labels"])
            + " |"
        )
    lines += [
        "",
        f"Training data fingerprint: `{inspect['data']['fingerprint']}` "
        f"({inspect['data']['document_count']} documents, train + dev). See "
        f"`data/README.md` for how the corpus was written, labelled and checked.",
        "",
        "## Chosen settings",
        "",
        "| setting | value |",
        "| --- | --- |",
    ]
    lines += [f"| {key} | {value} |" for key, value in chosen.items()]
    lines += [
        f"| features | {inspect['feature_count']} |",
        "",
        "## Cross-validation (train + dev, 5 folds grouped by "
        + ("speaker and topic)" if by_topic else "speaker)"),
        "",
        f"{len(tune['entries'])} settings were scored; the 15 best by {metric_name} (mean ± sd "
        "over folds):",
        "",
        "| rank | macro-F1 | accuracy | log loss | C | n-grams | chars | min-df | weighting "
        "| negation | lexicon | class weights |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for rank, entry in enumerate(tune["entries"][:15], start=1):
        s = setting(entry["setting"])
        r = entry["cv"]
        lines.append(
            f"| {rank} | {fmt(r['macro_f1']['mean'])} ± {fmt(r['macro_f1']['sd'])} | "
            f"{fmt(r['accuracy']['mean'])} | {fmt(r['log_loss']['mean'])} | {s['C']} | "
            f"{s['word n-grams']} | {s['character n-grams']} | {s['min-df']} | "
            f"{s['weighting']} | {s['negation']} | {s['lexicon']} | {s['class weights']} |"
        )
    lines += [
        "",
        "## Test split (evaluated once)",
        "",
        f"Accuracy **{fmt(test['accuracy'])}**, macro-F1 **{fmt(test['macro_f1'])}**, "
        f"weighted F1 {fmt(test['weighted_f1'])}, log loss {fmt(test['log_loss'])}, "
        f"n = {test['n']}. A majority-class baseline (always `{majority_label}`) scores "
        f"accuracy {fmt(majority_accuracy)} and macro-F1 {fmt(majority_f1)}.",
        "",
        "| label | precision | recall | F1 | support |",
        "| --- | --- | --- | --- | --- |",
    ]
    for entry in test["classes"]:
        lines.append(
            f"| {entry['label']} | {fmt(entry['precision'])} | {fmt(entry['recall'])} | "
            f"{fmt(entry['f1'])} | {int(entry['support'])} |"
        )
    labels = test["confusion"]["labels"]
    lines += [
        "",
        "Confusion matrix (rows: true label, columns: predicted):",
        "",
        "| | " + " | ".join(labels) + " |",
        "| --- | " + " | ".join("---" for _ in labels) + " |",
    ]
    for label, row in zip(labels, test["confusion"]["matrix"]):
        lines.append(f"| {label} | " + " | ".join(str(int(v)) for v in row) + " |")
    realnews_path = f"models/{name}.realnews.json"
    if os.path.exists(realnews_path):
        real = load(realnews_path)
        real_supports = {c["label"]: c["support"] for c in real["classes"]}
        real_majority = max(real_supports, key=lambda label: (real_supports[label], label))
        real_majority_accuracy = real_supports[real_majority] / real["n"]
        # The log loss of a constant that predicts the true class shares: the bar the
        # model's log loss has to beat to carry information.
        shares = [count / real["n"] for count in real_supports.values() if count]
        constant_log_loss = -sum(p * math.log(p) for p in shares)
        lines += [
            "",
            "## Real news (development sample, not in this repository)",
            "",
            f"Measured once with `stance eval` on `../shared/realnews/{name}-dev.csv`: {real['n']} "
            "quotes from published US political news, labelled by two people with our "
            "guidelines (only labels both gave are kept). The model was neither trained nor "
            "tuned on them.",
            "",
            f"Accuracy **{fmt(real['accuracy'])}**, macro-F1 **{fmt(real['macro_f1'])}**, "
            f"log loss {fmt(real['log_loss'])}; always `{real_majority}` scores accuracy "
            f"{fmt(real_majority_accuracy)}, and a constant that predicts the true class "
            f"shares has log loss {fmt(constant_log_loss)}.",
            "",
            "| label | precision | recall | F1 | support |",
            "| --- | --- | --- | --- | --- |",
        ]
        for entry in real["classes"]:
            lines.append(
                f"| {entry['label']} | {fmt(entry['precision'])} | {fmt(entry['recall'])} | "
                f"{fmt(entry['f1'])} | {int(entry['support'])} |"
            )
    lines += ["", "## Top 20 features per class", ""]
    for entry in inspect["classes"]:
        features = ", ".join(
            f"`{f['feature']}` ({f['weight']:+.3f})" for f in entry["top_features"]
        )
        lines += [f"- **{entry['label']}**: {features}"]
    lines += ["", notes, ""]
    with open(f"models/{name}.MODEL_CARD.md", "w", encoding="utf-8") as handle:
        handle.write("\n".join(lines))


if __name__ == "__main__":
    main()
