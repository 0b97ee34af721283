#!/usr/bin/env python3
"""scikit-learn parity reference for StanceKit.

What this is for
    StanceKit's tests check that its tokenizer, tf-idf vectorizer and multinomial
    logistic regression agree with scikit-learn on the same data. This script produces the
    numbers they compare against: it tokenizes the parity corpus with its own Python
    implementation of tokenizer spec v1 (docs/tokenizer.md, the same spec the
    Swift tokenizer follows), builds 1-2 gram tf-idf features with scikit-learn's
    TfidfVectorizer, fits LogisticRegression (C = 1, L-BFGS, with and without balanced
    class weights) and writes everything to data/fixtures/parity/reference.json in the
    layout described in the parity fixture note.

How to run it (from the repository root)
    python3 Benchmarks/peers/sklearn_parity.py

    Needs Python 3 with numpy, scipy and scikit-learn. Reads
    data/fixtures/parity/train.csv and test.csv (RFC 4180, header "text,label") and
    overwrites data/fixtures/parity/reference.json. The spec's own examples run first as a
    self-check; a mismatch aborts before anything is written. The output is deterministic:
    two runs on the same machine give identical bytes.
"""

import os

# Single-threaded BLAS so that floating-point reductions happen in one fixed order.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_variable] = "1"

import csv  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import unicodedata  # noqa: E402
import warnings  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402
import sklearn  # noqa: E402
from scipy.special import logsumexp  # noqa: E402
from sklearn.exceptions import ConvergenceWarning  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURE_DIR = REPO_ROOT / "data" / "fixtures" / "parity"
MAX_ITER = 100_000

# ---------------------------------------------------------------------------------------
# Tokenizer spec v1
# ---------------------------------------------------------------------------------------

APOSTROPHES = frozenset("'\u2019\u2018\u02bc\u2032")
HYPHENS = frozenset("-\u2010\u2011")
URL_TRAILING_TRIM = frozenset(".,;:!?)]}'\"\u2019\u201d\u00bb")
# The Unicode White_Space property (what Swift's `Unicode.Scalar.Properties.isWhitespace`
# reports). Python's str.isspace() differs: it also accepts U+001C...U+001F.
WHITESPACE = frozenset(
    "\t\n\u000b\u000c\r \u0085\u00a0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
URL_PREFIXES = ("http://", "https://", "www.")


def is_alphanumeric(ch):
    """ASCII letters and digits, or a non-ASCII scalar of category L*, M* or N*."""
    if ch < "\x80":
        return ch.isascii() and ch.isalnum()
    return unicodedata.category(ch)[0] in "LMN"


def is_ascii_digit(ch):
    return "0" <= ch <= "9"


def is_mention_char(ch):
    return ch < "\x80" and (ch.isalnum() or ch == "_")


def fold(text, ascii_only):
    """Case folding: ASCII A-Z to a-z only, or the whole token through str.lower().

    Lowering the token as a whole (not scalar by scalar) applies Unicode's context rules
    inside the token, such as a final capital sigma becoming "ς", as the Swift side does.
    """
    if ascii_only:
        return "".join(chr(ord(ch) + 32) if "A" <= ch <= "Z" else ch for ch in text)
    return text.lower()


def tokenize_with_kinds(text, fold_case=True):
    """Tokenizes `text` by spec v1; returns a list of (token, kind) pairs.

    Scanning is left to right. At a position where no token is in progress, the rules are
    tried in order URL, mention/hashtag, word; a token that has started runs to its own end
    before any rule is tried again.
    """
    tokens = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        at_boundary = i == 0 or not is_alphanumeric(text[i - 1])

        # Rule 1: URL.
        if at_boundary and ch in "hHwW":
            lowered = fold(text[i : i + 8], ascii_only=True)
            if lowered.startswith(URL_PREFIXES):
                end = i
                while end < n and text[end] not in WHITESPACE:
                    end += 1
                while end > i and text[end - 1] in URL_TRAILING_TRIM:
                    end -= 1
                url = text[i:end]
                tokens.append((fold(url, ascii_only=True) if fold_case else url, "url"))
                i = end
                continue

        # Rule 2: mention and hashtag.
        if at_boundary and ch == "@":
            end = i + 1
            while end < n and is_mention_char(text[end]):
                end += 1
            if end > i + 1:
                mention = text[i:end]
                tokens.append((fold(mention, ascii_only=True) if fold_case else mention, "mention"))
                i = end
                continue
        if at_boundary and ch == "#":
            end = i + 1
            while end < n and (is_alphanumeric(text[end]) or text[end] == "_"):
                end += 1
            if end > i + 1:
                tag = text[i:end]
                tokens.append((fold(tag, ascii_only=False) if fold_case else tag, "hashtag"))
                i = end
                continue

        # Rule 3: word or number.
        if is_alphanumeric(ch):
            pieces = [ch]
            end = i + 1
            while end < n:
                c = text[end]
                if is_alphanumeric(c):
                    pieces.append(c)
                    end += 1
                    continue
                # A single joiner between two alphanumerics.
                if end + 1 < n and is_alphanumeric(text[end + 1]):
                    nxt = text[end + 1]
                    if c in APOSTROPHES:
                        pieces.append("'")
                        end += 1
                        continue
                    if c in HYPHENS:
                        pieces.append("-")
                        end += 1
                        continue
                    if c in ".," and is_ascii_digit(text[end - 1]) and is_ascii_digit(nxt):
                        pieces.append(c)
                        end += 1
                        continue
                break
            word = "".join(pieces)
            kind = "number" if all(is_ascii_digit(c) or c in ".," for c in word) else "word"
            tokens.append((fold(word, ascii_only=False) if fold_case else word, kind))
            i = end
            continue

        # Everything else is a separator.
        i += 1
    return tokens


def tokenize(text):
    """Spec v1 tokens (case folding on), as strings; the TfidfVectorizer tokenizer."""
    return [token for token, _ in tokenize_with_kinds(text)]


def tokenize_bytes(data):
    """Spec v1 on raw UTF-8 bytes: invalid sequences become U+FFFD (a separator)."""
    return tokenize(data.decode("utf-8", errors="replace"))


SPEC_EXAMPLES = [
    ("Don't de-escalate, Kata\u2019ib!", ["don't", "de-escalate", "kata'ib"]),
    (
        "Tehran\u2018s \u201cred line\u201d won\u2019t move",
        ["tehran's", "red", "line", "won't", "move"],
    ),
    ("\u2018Peace\u2019 is near.", ["peace", "is", "near"]),
    (
        "Rates rose 3.5% to 1,000 in 2018.",
        ["rates", "rose", "3.5", "to", "1,000", "in", "2018"],
    ),
    (
        "RT @user_1: see https://x.org/a?b=1. #Fed",
        ["rt", "@user_1", "see", "https://x.org/a?b=1", "#fed"],
    ),
    ("e-mail me at a@b.com", ["e-mail", "me", "at", "a", "b", "com"]),
    ("M\u00fcller said: \u00abNon!\u00bb", ["m\u00fcller", "said", "non"]),
    # The rule texts' own examples.
    ("'tis", ["tis"]),
    ("rock-", ["rock"]),
    ("a--b", ["a", "b"]),
]

KIND_EXAMPLES = [
    (
        "RT @user_1: see https://x.org/a?b=1. #Fed 3.5 2018 Q3",
        ["word", "mention", "word", "url", "hashtag", "number", "number", "word"],
    ),
]


def self_check():
    failures = []
    for text, expected in SPEC_EXAMPLES:
        got = tokenize(text)
        if got != expected:
            failures.append(f"{text!r}: expected {expected}, got {got}")
    for text, expected in KIND_EXAMPLES:
        got = [kind for _, kind in tokenize_with_kinds(text)]
        if got != expected:
            failures.append(f"{text!r} kinds: expected {expected}, got {got}")
    got = tokenize_bytes(b"ab\xffcd \xe2\x80")
    if got != ["ab", "cd"]:
        failures.append(f"invalid UTF-8: expected ['ab', 'cd'], got {got}")
    if failures:
        print("tokenizer self-check FAILED:", file=sys.stderr)
        for line in failures:
            print("  " + line, file=sys.stderr)
        sys.exit(1)
    print(f"tokenizer self-check: {len(SPEC_EXAMPLES) + len(KIND_EXAMPLES) + 1} cases ok")


# ---------------------------------------------------------------------------------------
# Data, features, models
# ---------------------------------------------------------------------------------------


def read_corpus(path):
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        if header != ["text", "label"]:
            sys.exit(f"{path}: expected header text,label, found {header}")
        texts, labels = [], []
        for number, record in enumerate(reader, start=2):
            if len(record) != 2:
                sys.exit(f"{path}: record {number} has {len(record)} fields, expected 2")
            texts.append(record[0])
            labels.append(record[1])
    return texts, labels


def csr_json(matrix):
    m = sp.csr_matrix(matrix, dtype=np.float64, copy=True)
    m.sort_indices()
    return {
        "rows": int(m.shape[0]),
        "columns": int(m.shape[1]),
        "indptr": [int(v) for v in m.indptr],
        "indices": [int(v) for v in m.indices],
        "data": [float(v) for v in m.data],
    }


def objective_and_gradient(X, y, coef, intercept, C, sample_weights):
    """Returns (f, ‖∇f‖₂) for f = ½‖W‖²_F + C·Σᵢ sᵢ·(−log softmax(xᵢWᵀ + b)[yᵢ])."""
    n = X.shape[0]
    s = np.ones(n) if sample_weights is None else np.asarray(sample_weights, dtype=np.float64)
    logits = np.asarray(X @ coef.T) + intercept
    lse = logsumexp(logits, axis=1)
    nll = lse - logits[np.arange(n), y]
    f = 0.5 * float(np.sum(coef * coef)) + C * float(np.sum(s * nll))
    probabilities = np.exp(logits - lse[:, None])
    residual = probabilities
    residual[np.arange(n), y] -= 1.0
    residual *= (C * s)[:, None]
    grad_w = coef + np.asarray(X.T @ residual).T
    grad_b = residual.sum(axis=0)
    grad_norm = float(np.sqrt(np.sum(grad_w * grad_w) + np.sum(grad_b * grad_b)))
    return f, grad_norm


def fit_model(name, X_train, y_train, X_test, y_test, labels, balanced):
    C = 1.0
    model = LogisticRegression(
        C=C,
        solver="lbfgs",
        tol=1e-10,
        max_iter=MAX_ITER,
        class_weight="balanced" if balanced else None,
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ConvergenceWarning)
        model.fit(X_train, y_train)
    if list(model.classes_) != list(range(len(labels))):
        sys.exit(f"{name}: unexpected classes {model.classes_}")
    iterations = int(np.max(model.n_iter_))
    if iterations >= MAX_ITER:
        sys.exit(f"{name}: L-BFGS did not converge in {MAX_ITER} iterations")
    for warning in caught:
        print(f"  {name}: warning: {warning.message}".replace("\n", " "))

    sample_weights = None
    if balanced:
        n, k = len(y_train), len(labels)
        counts = np.bincount(y_train, minlength=k)
        sample_weights = [n / (k * counts[c]) for c in y_train]

    coef = np.asarray(model.coef_, dtype=np.float64)
    intercept = np.asarray(model.intercept_, dtype=np.float64)
    objective, grad_norm = objective_and_gradient(
        X_train, y_train, coef, intercept, C, sample_weights
    )
    _, initial_norm = objective_and_gradient(
        X_train, y_train, np.zeros_like(coef), np.zeros_like(intercept), C, sample_weights
    )
    centred = intercept - intercept.mean()
    train_accuracy = float(np.mean(model.predict(X_train) == y_train))
    test_accuracy = float(np.mean(model.predict(X_test) == y_test))
    print(
        f"  {name}: iterations {iterations}, objective {objective!r}, "
        f"final gradient norm {grad_norm:.3e} ({grad_norm / initial_norm:.1e} of its value at 0), "
        f"train accuracy {train_accuracy:.4f}, test accuracy {test_accuracy:.4f}"
    )
    return {
        "C": C,
        "class_weight": "balanced" if balanced else None,
        "sample_weights": None if sample_weights is None else [float(v) for v in sample_weights],
        "coef": [[float(v) for v in row] for row in coef],
        "intercept": [float(v) for v in centred],
        "objective": objective,
        "test_probabilities": [
            [float(v) for v in row] for row in model.predict_proba(X_test)
        ],
    }


def main():
    self_check()

    train_texts, train_names = read_corpus(FIXTURE_DIR / "train.csv")
    test_texts, test_names = read_corpus(FIXTURE_DIR / "test.csv")
    labels = sorted(set(train_names))
    if labels != ["conciliatory", "hawkish", "neutral"] or not set(test_names) <= set(labels):
        sys.exit(f"unexpected labels: train {labels}, test {sorted(set(test_names))}")
    index = {label: position for position, label in enumerate(labels)}
    y_train = np.array([index[label] for label in train_names])
    y_test = np.array([index[label] for label in test_names])

    train_tokens = [tokenize(text) for text in train_texts]
    test_tokens = [tokenize(text) for text in test_texts]
    for part, tokens in (("train", train_tokens), ("test", test_tokens)):
        empty = [i for i, doc in enumerate(tokens) if not doc]
        if empty:
            sys.exit(f"{part}: documents without tokens: {empty}")

    vectorizer = TfidfVectorizer(
        tokenizer=tokenize, lowercase=False, token_pattern=None, ngram_range=(1, 2)
    )
    X_train = vectorizer.fit_transform(train_texts)
    X_test = vectorizer.transform(test_texts)
    vocabulary = sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.get)
    if vocabulary != sorted(vocabulary):
        sys.exit("vocabulary is not in code point order")

    print(
        f"documents: train {len(train_texts)}, test {len(test_texts)}; "
        f"vocabulary {len(vocabulary)} terms "
        f"({sum(1 for t in vocabulary if ' ' not in t)} unigrams); "
        f"train nnz {X_train.nnz}, test nnz {X_test.nnz}"
    )
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}")

    models = {
        "C1": fit_model("C1", X_train, y_train, X_test, y_test, labels, balanced=False),
        "C1_balanced": fit_model(
            "C1_balanced", X_train, y_train, X_test, y_test, labels, balanced=True
        ),
    }

    reference = {
        "generator": "Benchmarks/peers/sklearn_parity.py",
        "sklearn_version": sklearn.__version__,
        "labels": labels,
        "vocabulary": vocabulary,
        "idf": [float(v) for v in vectorizer.idf_],
        "train": {
            "tokens": train_tokens,
            "labels": [int(v) for v in y_train],
            "tfidf": csr_json(X_train),
        },
        "test": {
            "tokens": test_tokens,
            "labels": [int(v) for v in y_test],
            "tfidf": csr_json(X_test),
        },
        "models": models,
    }
    text = json.dumps(reference, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    out = FIXTURE_DIR / "reference.json"
    temporary = out.with_suffix(".json.tmp")
    with open(temporary, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.write("\n")
    os.replace(temporary, out)
    print(f"wrote {out.relative_to(REPO_ROOT)} ({out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
