#!/usr/bin/env python3
"""Turn data/articles/EXPECTED.jsonl into per-article gold files with UTF-8 byte offsets.

Run from anywhere: python3 data/articles/gold/make_gold.py
Every row's text is searched for in its article; the script stops with a message on any row
that is not found exactly once (see README.md for the conventions).
"""
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
ARTICLES = HERE.parent
OPENING = "“\"«„‘"
CLOSING = "”\"»“’"

# EXPECTED describes unnamed speakers in words; the gold names them as the article does
# (the phrase an extractor can find), see README.md.
SPEAKER_NAMES = {
    "spokesman for the Swiss foreign ministry (unnamed)": "spokesman for the Swiss foreign ministry",
    "RIA Novosti (news agency)": "RIA Novosti",
    "senior State Department official (anonymous)": "senior State Department official",
    "Omani foreign ministry (statement)": "Oman's foreign ministry",
    "spokesman for the U.N. special envoy (unnamed)": "spokesman for the U.N. special envoy",
    "Saudi foreign ministry (statement)": "Saudi Arabia",
}


def fail(message):
    sys.exit(f"make_gold.py: {message}")


def pattern_for(text):
    # A quote over two paragraphs is written in EXPECTED with the pieces joined by one space
    # and the repeated opening mark left out; in the file the pieces are separated by a
    # paragraph break and a fresh opening mark.
    parts = [re.escape(piece) for piece in text.split(" ")]
    separator = "(?: |\n\n[" + re.escape(OPENING) + "])"
    return re.compile(separator.join(parts))


def locate(article, body, row):
    matches = list(pattern_for(row["text"]).finditer(body))
    if row["kind"] == "direct":
        # A direct quote sits right inside its marks.
        matches = [
            m for m in matches
            if m.start() > 0 and body[m.start() - 1] in OPENING
            and (m.end() == len(body) or body[m.end()] in CLOSING or body[m.end()] == "\n")
        ]
    if len(matches) != 1:
        fail(f"{article} row {row['n']}: text found {len(matches)} times, expected once: "
             f"{row['text'][:60]!r}")
    return matches[0]


def main():
    rows = [json.loads(line) for line in (ARTICLES / "EXPECTED.jsonl").read_text().splitlines()
            if line.strip()]
    by_article = {}
    for row in rows:
        by_article.setdefault(row["article"], []).append(row)
    for article, article_rows in sorted(by_article.items()):
        body = (ARTICLES / article).read_text(encoding="utf-8")
        quotes = []
        for row in article_rows:
            match = locate(article, body, row)
            start = len(body[: match.start()].encode("utf-8"))
            end = len(body[: match.end()].encode("utf-8"))
            entry = {
                "n": row["n"],
                "start": start,
                "end": end,
                "text": body[match.start(): match.end()],
                "speaker": SPEAKER_NAMES.get(row["speaker"], row["speaker"]),
                "kind": row["kind"],
                "cue": row["cue"],
                "form": row["form"],
            }
            if "(" in row["speaker"]:
                entry["expected_speaker"] = row["speaker"]
            quotes.append(entry)
        # A partial quote inside a reported clause is part of that indirect quote and counts
        # once (docs/quotes.md): its EXPECTED row is kept for the stance labels, not here.
        indirect = [(q["start"], q["end"]) for q in quotes if q["kind"] == "indirect"]
        quotes = [q for q in quotes if q["kind"] != "direct"
                  or not any(s <= q["start"] and q["end"] <= e for s, e in indirect)]
        quotes.sort(key=lambda q: (q["start"], q["end"]))
        out = HERE / (pathlib.Path(article).stem + ".json")
        out.write_text(json.dumps({"article": article, "quotes": quotes}, ensure_ascii=False,
                                  indent=1) + "\n", encoding="utf-8")
        print(f"{out.name}: {len(quotes)} quotes")


if __name__ == "__main__":
    main()
