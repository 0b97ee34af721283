#!/usr/bin/env python3
# Copied from the team's shared benchmark tools (shared/bench/gen_corpus.py) so that
# `make bench-corpus` needs nothing outside this repository. Do not edit here: the
# performance targets in the issues are stated on the shared generator's output.
"""Deterministic generator of a labelled short-text corpus (news quotes / tweets about
central-bank / negotiation stance) for text-classification benchmarks.

Output: <out>/train.csv and <out>/test.csv, RFC 4180 CSV (CRLF line ends, fields quoted
when they contain a comma, a double quote or a line break; header `text,label`).

Model of the corpus
  * Background words: a Zipf(s) distribution over ~50k word types: ~110 English function
    words at the top ranks, the ~150 class cue words scattered over ranks 200..6000 (so cue
    words also occur by chance in any class), the rest deterministic pseudo-words whose
    length grows with rank.
  * Length: lognormal around 24 tokens, clipped to [10, 60].
  * Each document has a latent topic z (prior 0.3 hawkish / 0.3 conciliatory / 0.4 neutral).
    It receives k1 ~ Poisson(1.3) cue unigrams and k2 ~ Poisson(0.9) cue bigrams, each
    drawn from z's lists with prob. 0.7 and from another class's lists otherwise.
  * The label is then drawn from softmax(beta * score + prior_logit) where score sums the
    per-class weights of the inserted cues -> the label depends noisily on the words.
  * Cue bigrams are XOR-like: "more hikes"/"no cuts" are hawkish, "more cuts"/"no hikes"
    conciliatory, etc. Each word of such a pair is used equally often by both classes, so a
    unigram model cannot read them; a unigram+bigram model can.
  * Surface noise: capitalised first word, commas, final punctuation, quotes
    ("...," said Name Surname.), tweet markers (RT @user:, #tag, @mention), numbers
    (2.5%, $1.2bn), and rare embedded line breaks (quoted, as RFC 4180 allows).

Usage: gen_corpus.py --n 100000 --out data/100k [--seed 42] [--test-frac 0.2]
Same seed + same numpy version -> byte-identical files.
"""
import argparse
import csv
import io
import math
import os
import sys
import time

import numpy as np

CLASSES = ["hawkish", "conciliatory", "neutral"]
PRIOR = np.array([0.3, 0.3, 0.4])

FUNCTION_WORDS = (
    "the of to and a in that is for it on with as was at by be this are from have has "
    "but not or an will they we he his their said its been were more would which about "
    "there also one after can all new if what up when out so no than who other into "
    "could over some only our time just year them two like last most first may now "
    "any these very while before where then because still even those does did through "
    "should much such under between against during since without today people says "
    "market week government officials"
).split()

# class-indicative unigrams (cue words); order within a list = decreasing cue frequency
CUE_UNIGRAMS = {
    "hawkish": (
        "tighten tightening hike hiking restrictive vigilant aggressive overheating "
        "inflationary hawkish curb firm upside persistent sticky forceful decisive "
        "tougher retaliate retaliation sanctions ultimatum deadline demands warned "
        "threatened crackdown unacceptable reject rejected escalate escalation "
        "resolve pressure penalties tariffs strict deter hardline uncompromising"
    ).split(),
    "conciliatory": (
        "ease easing accommodative patient supportive stimulus relief flexible "
        "downside soften softening dovish gradual cushion dialogue compromise "
        "cooperation agreement goodwill constructive welcome welcomed partnership "
        "reconciliation negotiate negotiations talks understanding trust concessions "
        "engage calm reassure mutual openness progress friendly"
    ).split(),
    "neutral": (
        "meeting scheduled data report minutes statement unchanged steady monitor "
        "review released quarterly survey estimate according figures published "
        "forecast consensus preliminary revised index analysts expected session "
        "agenda briefing spokesperson noted schedule outlook update calendar "
        "announcement official record"
    ).split(),
}

# cue bigrams. The XOR squares: each modifier and each head word appears in exactly one
# hawkish and one conciliatory pair, so its unigram count carries no class information.
CUE_BIGRAMS = {
    "hawkish": [("more", "hikes"), ("no", "cuts"), ("too", "high"), ("not", "low"),
                ("rising", "prices"), ("falling", "unemployment"),
                ("stand", "firm"), ("hold", "line")],
    "conciliatory": [("more", "cuts"), ("no", "hikes"), ("too", "low"), ("not", "high"),
                     ("falling", "prices"), ("rising", "unemployment"),
                     ("stand", "together"), ("hold", "talks")],
    "neutral": [("no", "comment"), ("more", "data"), ("too", "early"), ("not", "yet"),
                ("prices", "unchanged"), ("rising", "slightly"),
                ("stand", "by"), ("hold", "meeting")],
}

CONSONANTS = "b c d f g h j k l m n p r s t v w z br cr dr fr gr pr tr st sh ch th pl cl bl sl".split()
VOWELS = "a e i o u ai ea ou io ia".split()
CODAS = ["", "", "", "n", "r", "s", "t", "l", "m", "nd", "st", "rk", "ng", "x", "ck"]


def make_vocab(rng, n_types):
    """Rank-ordered vocabulary (rank 0 = most frequent)."""
    cue_words = []
    for c in CLASSES:
        cue_words += CUE_UNIGRAMS[c]
    for c in CLASSES:
        for a, b in CUE_BIGRAMS[c]:
            cue_words += [a, b]
    seen = set()
    fixed = []
    for w in FUNCTION_WORDS:
        if w not in seen:
            seen.add(w)
            fixed.append(w)
    extra = [w for w in dict.fromkeys(cue_words) if w not in seen]
    seen.update(extra)
    # pseudo-words, shorter at low ranks
    pseudo = []
    n_pseudo = n_types - len(fixed) - len(extra)
    while len(pseudo) < n_pseudo:
        r = len(pseudo) + len(fixed)
        mean_syll = 1.2 + 1.2 * math.log10(1 + r) / math.log10(n_types)
        n_syll = max(1, int(rng.poisson(mean_syll)))
        n_syll = min(n_syll, 5)
        parts = []
        for _ in range(n_syll):
            parts.append(CONSONANTS[rng.integers(18 if rng.random() < 0.8 else len(CONSONANTS))])
            parts.append(VOWELS[rng.integers(5 if rng.random() < 0.8 else len(VOWELS))])
        parts.append(CODAS[rng.integers(len(CODAS))])
        w = "".join(parts)
        if len(w) < 2 or w in seen:
            continue
        seen.add(w)
        pseudo.append(w)
    vocab = fixed + pseudo
    # scatter the cue words over ranks 200..6000 (they also occur as background noise)
    pos = np.sort(rng.choice(np.arange(200, min(6000, n_types)), size=len(extra), replace=False))
    for p, w in zip(pos, extra):
        vocab.insert(int(p), w)
    return vocab[:n_types]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, required=True, help="total number of documents")
    ap.add_argument("--out", required=True, help="output directory (train.csv, test.csv)")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--test-frac", type=float, default=0.2)
    ap.add_argument("--vocab", type=int, default=50000, help="background word types")
    ap.add_argument("--zipf-s", type=float, default=1.05)
    ap.add_argument("--beta", type=float, default=1.6, help="label sharpness (higher = less label noise)")
    ap.add_argument("--k1", type=float, default=1.3, help="mean cue unigrams per doc")
    ap.add_argument("--k2", type=float, default=0.9, help="mean cue bigrams per doc")
    ap.add_argument("--p-own", type=float, default=0.7, help="prob. a cue comes from the latent class")
    args = ap.parse_args()

    t0 = time.time()
    rng = np.random.default_rng(args.seed)
    vocab = make_vocab(np.random.default_rng([args.seed, 1]), args.vocab)
    V = len(vocab)
    ranks = np.arange(1, V + 1, dtype=np.float64)
    p = ranks ** (-args.zipf_s)
    cdf = np.cumsum(p / p.sum())
    cdf[-1] = 1.0
    vocab_arr = np.array(vocab, dtype=object)

    # cue weights: unigram i of class c gets weight in [0.6, 1.4] for class c
    wrng = np.random.default_rng([args.seed, 2])
    uni = {c: (CUE_UNIGRAMS[c], wrng.uniform(0.6, 1.4, len(CUE_UNIGRAMS[c]))) for c in CLASSES}
    # cue frequency within a class list: Zipf-like (first words more frequent)
    uni_p = {c: (1.0 / np.arange(1, len(CUE_UNIGRAMS[c]) + 1) ** 0.7) for c in CLASSES}
    uni_p = {c: v / v.sum() for c, v in uni_p.items()}
    big_w = 1.3

    names_rng = np.random.default_rng([args.seed, 3])
    first = ["Jerome", "Christine", "Andrew", "Kazuo", "Mary", "John", "Olaf", "Isabel",
             "Rachel", "Ahmed", "Li", "Sofia", "Pablo", "Anna", "Tom", "Yuki", "Priya", "Ken"]
    last = ["Powell", "Lagarde", "Bailey", "Ueda", "Daly", "Williams", "Scholz", "Schnabel",
            "Reeves", "Khan", "Wei", "Rossi", "Garcia", "Novak", "Brennan", "Sato", "Rao", "Ito"]
    tags = ["#Fed", "#ECB", "#rates", "#inflation", "#markets", "#breaking", "#economy", "#trade"]

    n = args.n
    prior_logit = np.log(PRIOR)
    docs = []
    labels = []
    counts = np.zeros(3, dtype=np.int64)
    CH = 50000
    for start in range(0, n, CH):
        m = min(CH, n - start)
        lens = np.clip(np.round(rng.lognormal(math.log(24), 0.45, m)), 10, 60).astype(np.int64)
        z = rng.choice(3, size=m, p=PRIOR)
        k1 = rng.poisson(args.k1, m)
        k2 = rng.poisson(args.k2, m)
        n_bg = np.maximum(lens - k1 - 2 * k2, 3)
        bg_ids = np.searchsorted(cdf, rng.random(int(n_bg.sum())))
        bg_words = vocab_arr[bg_ids]
        u = rng.random((m, 12))
        off = 0
        for i in range(m):
            nb = int(n_bg[i])
            toks = list(bg_words[off:off + nb])
            off += nb
            zi = int(z[i])
            score = np.zeros(3)
            units = []
            for _ in range(int(k1[i])):
                c = zi if rng.random() < args.p_own else (zi + 1 + rng.integers(2)) % 3
                cname = CLASSES[c]
                j = rng.choice(len(uni_p[cname]), p=uni_p[cname])
                units.append(uni[cname][0][j])
                score[c] += uni[cname][1][j]
            for _ in range(int(k2[i])):
                c = zi if rng.random() < args.p_own else (zi + 1 + rng.integers(2)) % 3
                a, b = CUE_BIGRAMS[CLASSES[c]][rng.integers(8)]
                units.append(a + " " + b)
                score[c] += big_w
            for w in units:
                toks.insert(int(rng.integers(len(toks) + 1)), w)
            logits = args.beta * score + prior_logit
            pr = np.exp(logits - logits.max())
            pr /= pr.sum()
            y = int(np.searchsorted(np.cumsum(pr), u[i, 0] * 0.999999))
            counts[y] += 1
            # surface form
            ui = u[i]
            if ui[1] < 0.08:  # numbers
                toks.insert(int(ui[2] * len(toks)), ["2.5%", "$1.2bn", "0.25", "2024", "3", "50bp"][int(ui[3] * 6)])
            if ui[4] < 0.10:  # comma somewhere
                k = int(ui[5] * (len(toks) - 1))
                toks[k] = toks[k] + ","
            toks[0] = toks[0][:1].upper() + toks[0][1:]
            text = " ".join(toks)
            end = "." if ui[6] < 0.75 else ("!" if ui[6] < 0.85 else ("?" if ui[6] < 0.9 else ""))
            style = ui[7]
            if style < 0.25:  # news quote
                nm = first[int(ui[8] * len(first))] + " " + last[int(ui[9] * len(last))]
                text = '"' + text + ',"' + " said " + nm + "."
            elif style < 0.45:  # tweet
                pre = "RT @user%d: " % int(ui[8] * 5000) if ui[9] < 0.3 else ""
                post = " " + tags[int(ui[10] * len(tags))] if ui[10] < 0.6 else ""
                if ui[11] < 0.01:  # tweet with a line break
                    cut = text.find(" ", len(text) // 2)
                    if cut > 0:
                        text = text[:cut] + "\n" + text[cut + 1:]
                text = pre + text + end + post
            else:
                text = text + end
            docs.append(text)
            labels.append(CLASSES[y])
        print("  %d/%d docs  %.1fs" % (start + m, n, time.time() - t0), file=sys.stderr)

    perm = np.random.default_rng([args.seed, 4]).permutation(n)
    n_test = int(round(n * args.test_frac))
    test_idx, train_idx = perm[:n_test], perm[n_test:]
    os.makedirs(args.out, exist_ok=True)
    for name, idx in (("train", train_idx), ("test", test_idx)):
        path = os.path.join(args.out, name + ".csv")
        with open(path, "w", newline="", encoding="utf-8", buffering=1 << 22) as f:
            w = csv.writer(f, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
            w.writerow(["text", "label"])
            for k in np.sort(idx):
                w.writerow([docs[k], labels[k]])
    print("wrote %s: %d train, %d test; label counts %s; %.1fs" % (
        args.out, len(train_idx), len(test_idx),
        dict(zip(CLASSES, counts.tolist())), time.time() - t0), file=sys.stderr)


if __name__ == "__main__":
    main()
