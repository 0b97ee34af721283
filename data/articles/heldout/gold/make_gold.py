#!/usr/bin/env python3
"""Turn a held-out set's HELDOUT.jsonl into per-article gold files with UTF-8 byte offsets.

Run from anywhere: python3 data/articles/heldout/gold/make_gold.py [FOLDER]
FOLDER holds HELDOUT.jsonl and the articles (data/articles/heldout by default; also
data/articles/heldout2 and data/articles/probe2); the gold files go to FOLDER/gold.
Same conventions and output format as data/articles/gold/make_gold.py, extended to the
held-out set: single quotation marks and guillemets, and for the .html article offsets into
the raw HTML (quotation marks may be entities such as &ldquo; and a quote over two
paragraphs is split by </p> ... <p>). Every row's text must be found exactly once.
"""
import json
import pathlib
import re
import sys

ARTICLES = (pathlib.Path(sys.argv[1]) if len(sys.argv) > 1
            else pathlib.Path(__file__).resolve().parent.parent).resolve()
HERE = ARTICLES / "gold"
OPENING = ["“", "\"", "«", "„", "‘", "&ldquo;", "&lsquo;", "&laquo;", "&#8220;", "&#8216;"]
CLOSING = ["”", "\"", "»", "“", "’", "&rdquo;", "&rsquo;", "&raquo;", "&#8221;", "&#8217;"]


def fail(message):
    sys.exit(f"make_gold.py: {message}")


def pattern_for(text, html):
    # A quote over two paragraphs is written in HELDOUT.jsonl with the pieces joined by one
    # space and the repeated opening mark left out; in the file the pieces are separated by
    # a paragraph break and a fresh opening mark.
    opening = "(?:" + "|".join(re.escape(o) for o in OPENING) + ")"
    if html:
        separator = r"(?: |</p>\s*<p[^>]*>" + opening + ")"
    else:
        separator = r"(?: |\n\n" + opening + ")"
    return re.compile(separator.join(re.escape(piece) for piece in text.split(" ")))


def locate(article, body, row, html):
    matches = list(pattern_for(row["text"], html).finditer(body))
    if row["kind"] == "direct":
        # A direct quote sits right inside its marks.
        matches = [
            m for m in matches
            if any(body.endswith(o, 0, m.start()) for o in OPENING)
            and (m.end() == len(body) or any(body.startswith(c, m.end()) for c in CLOSING)
                 or body[m.end()] == "\n" or body.startswith("</p>", m.end()))
        ]
    if len(matches) != 1:
        fail(f"{article} row {row['n']}: text found {len(matches)} times, expected once: "
             f"{row['text'][:60]!r}")
    return matches[0]


def main():
    rows = [json.loads(line) for line in (ARTICLES / "HELDOUT.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    by_article = {}
    for row in rows:
        by_article.setdefault(row["article"], []).append(row)
    for article, article_rows in sorted(by_article.items()):
        body = (ARTICLES / article).read_text(encoding="utf-8")
        html = article.endswith(".html")
        quotes = []
        for row in article_rows:
            match = locate(article, body, row, html)
            start = len(body[: match.start()].encode("utf-8"))
            end = len(body[: match.end()].encode("utf-8"))
            quotes.append({
                "n": row["n"],
                "start": start,
                "end": end,
                "text": body[match.start(): match.end()],
                "speaker": row["speaker"],
                "kind": row["kind"],
                "cue": row["cue"],
                "form": row["form"],
            })
        # A partial quote inside a reported clause is part of that indirect quote and counts
        # once (docs/quotes.md): its EXPECTED row is kept for the stance labels, not here.
        indirect = [(q["start"], q["end"]) for q in quotes if q["kind"] == "indirect"]
        quotes = [q for q in quotes if q["kind"] != "direct"
                  or not any(s <= q["start"] and q["end"] <= e for s, e in indirect)]
        quotes.sort(key=lambda q: (q["start"], q["end"]))
        raw = (ARTICLES / article).read_bytes()
        for q in quotes:
            assert raw[q["start"]: q["end"]].decode("utf-8") == q["text"], (article, q["n"])
        HERE.mkdir(exist_ok=True)
        out = HERE / (pathlib.Path(article).stem + ".json")
        out.write_text(json.dumps({"article": article, "quotes": quotes}, ensure_ascii=False,
                                  indent=1) + "\n", encoding="utf-8")
        print(f"{out.name}: {len(quotes)} quotes")


if __name__ == "__main__":
    main()
