#!/usr/bin/env python3
"""How often the speaker interval of `stance score` holds the truth, on our annotated
sample articles.

    python3 tools/speaker_interval_coverage.py [path/to/stance]

For every article in data/articles (EXPECTED.jsonl) and data/articles/heldout
(HELDOUT.jsonl), runs `stance score --format json --no-sentiment`, and for every speaker
of the output whose name matches a gold speaker (the gold surname occurs in it), takes the
gold share of that speaker's words whose gold stance is the speaker's predicted label
(word-weighted over the speaker's gold quotes, as the interval is). The interval covers
the speaker when that share lies inside it. Prints the coverage overall and by evidence
strength, against the nominal level.
"""
import json
import os
import re
import subprocess
import sys
from collections import defaultdict

WORD = re.compile(r"[^\W_]+", re.UNICODE)


def gold_rows():
    for folder, name in (("data/articles", "EXPECTED.jsonl"), ("data/articles/heldout", "HELDOUT.jsonl")):
        with open(os.path.join(folder, name), encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                if row.get("stance"):
                    yield folder, row


def main():
    stance = sys.argv[1] if len(sys.argv) > 1 else ".build/release/stance"
    by_article = defaultdict(list)
    for folder, row in gold_rows():
        by_article[(folder, row["article"])].append(row)
    counts = defaultdict(lambda: [0, 0])
    level = None
    for (folder, article), rows in sorted(by_article.items()):
        path = os.path.join(folder, article)
        result = subprocess.run([stance, "score", "--format", "json", "--no-sentiment", path],
                                capture_output=True, text=True, check=True)
        scored = json.loads(result.stdout)["articles"][0]
        gold_speakers = defaultdict(list)
        for row in rows:
            gold_speakers[row["speaker"]].append(row)
        for speaker in scored["speakers"]:
            matches = [name for name in gold_speakers
                       if name.split()[-1] in speaker["name"]]
            if len(matches) != 1 or speaker["interval"] is None:
                continue
            quotes = gold_speakers[matches[0]]
            words = [len(WORD.findall(q["text"])) or 1 for q in quotes]
            share = sum(w for w, q in zip(words, quotes) if q["stance"] == speaker["label"]) / sum(words)
            interval = speaker["interval"]
            level = interval["level"]
            inside = interval["lower"] - 1e-9 <= share <= interval["upper"] + 1e-9
            for key in ("all", speaker["evidence"]):
                counts[key][0] += inside
                counts[key][1] += 1
    print(f"nominal level {level}")
    for key in ("all", "strong", "weak"):
        covered, total = counts[key]
        if total:
            print(f"{key:7} {covered}/{total} speakers covered ({covered / total:.1%})")


if __name__ == "__main__":
    main()
