#!/usr/bin/env python3
"""Writes the hand-made and fixture-derived seed files of Tests/Fuzz/corpus/.

The model-file seeds are written by `make_model_seeds.sh` with the `stance` CLI. Run from
the repository root; the output is committed, so this only needs re-running to change
the seeds. Every seed is small (a few KB at most).
"""
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "Tests/Fuzz/corpus"


def write(target, name, data):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    (folder / name).write_bytes(data)


def head_lines(path, count):
    with open(ROOT / path, "rb") as handle:
        return b"".join(handle.readline() for _ in range(count))


BOM = b"\xef\xbb\xbf"

# --- CSV / TSV -------------------------------------------------------------------------
csv = {
    "parity-head.csv": head_lines("data/fixtures/parity/train.csv", 12),
    "stance-head.csv": head_lines("data/stance/quotes.csv", 6),
    "sentiment-head.csv": head_lines("data/sentiment/sentences.csv", 6),
    "quoted.csv": b'text,label\r\n"a, b",x\r\n"say ""no""",y\r\n"two\nlines",z\r\nplain,w',
    "unicode.csv": "text,label\n\"Schöne Grüße 😀, 中文\",ü\nnaïve,€\n",
    "bom-blank.csv": BOM + b"text,label\n\n,a\nb,\n",
    "tsv.tsv": b'text\tlabel\tspeaker\n1\ta, b\tx\n2\t"x\ty"\t\n',
    "line-ends.csv": b'h\n"a\nb\nc"\nd\r\ne\rf',
    "literal-quote.csv": b'text,label\n5" pipe,x\n',
    "unterminated.csv": b'text,label\nok,a\n"two\nlines","never closed\nmore\n',
    "after-quote.csv": b'text,label\n"a"b,c\n',
    "invalid-utf8.csv": b"text,label\n" + b"a\xff,b\n" + b"Caf\xe9,x\n",
    "cut-sequence.csv": b"text\n\xe2\x82",
    "overlong.csv": b"a,b\n\xc0\xaf",
    "surrogate.csv": b"a\n\xed\xa0\x80",
    "ragged.csv": b"text,label,speaker\na,b\nc,d,e,f\n",
    "missing-label.csv": b"txt,lbl\na,b\n",
    "header-only.csv": b"text,label\n",
    "empty.csv": b"",
    "bom-only.csv": BOM,
    "cr-only.csv": b"text,label\ra,b\rc,d",
    "speaker.csv": b"id,text,label,speaker\n1,We will strike,hawkish,Gen. A\n2,Talks now,conciliatory,\n",
    "duplicate-header.csv": b"text,text,label\na,b,c\n",
    "quote-crlf-boundary.csv": b'text,label\n"a\r\n\r\nb"\r\n,x\r\n',
}
for name, data in csv.items():
    write("csv", name, data)

# --- JSONL -----------------------------------------------------------------------------
jsonl = {
    "articles-expected.jsonl": head_lines("data/articles/EXPECTED.jsonl", 2)[:3000],
    "simple.jsonl": '{"text":"We will respond.","label":"hawkish","speaker":"A"}\n'
    '{"text":"Talks resume.","label":"conciliatory","speaker":null}\n',
    "escapes.jsonl": r'{"text":"tab\there \"q\" \\ \/ \b\f\n\r \u00e9 \uD83D\uDE00","label":"x"}' + "\n",
    "nested.jsonl": '{"text":"a","label":"b","meta":{"k":[1,2.5e-3,-0,true,false,null,{"z":[]}]}}\n',
    "crlf-blank.jsonl": BOM + b'\r\n  \t\r\n{"text":"a","label":"b"}\r\n\r\n',
    "not-object.jsonl": b'[1,2,3]\n"text"\n42\n',
    "bad-syntax.jsonl": b'{"text":"a",}\n{"text" "a"}\n{"text":tru}\n{"text":01}\n',
    "lone-surrogate.jsonl": rb'{"text":"\uDC00","label":"x"}' + b"\n" + rb'{"text":"\uD800x"}' + b"\n",
    "duplicate-key.jsonl": b'{"text":"a","text":"b","label":"c"}\n',
    "control-char.jsonl": b'{"text":"a\tb","label":"c"}\n',
    "deep.jsonl": b'{"text":"a","label":"b","d":' + b"[" * 300 + b"]" * 300 + b"}\n",
    "wrong-types.jsonl": b'{"text":1,"label":"b"}\n{"text":"a","label":null,"speaker":3}\n',
    "invalid-utf8.jsonl": b'{"text":"caf\xe9","label":"x"}\n',
    "no-newline.jsonl": b'{"text":"last line","label":"x"}',
    "numbers.jsonl": b'{"text":"n","label":"x","a":-1.5E+10,"b":1e-400,"c":123456789012345678901234567890}\n',
    "lines.txt": b"first text\n\n   \nsecond text\r\nthird",
    "empty.jsonl": b"",
}
for name, data in jsonl.items():
    write("jsonl", name, data)

# --- tokenizer / vectorizer ------------------------------------------------------------
with open(ROOT / "data/articles/2026-03-ceasefire-talks-geneva.txt", "rb") as handle:
    article = handle.read()[:2500]
text = {
    "article.txt": article,
    "quotes.txt": head_lines("data/stance/quotes.csv", 8),
    "apostrophes.txt": "Tehran‘s “red line” won’t move\nrock-’n’-roll isn’t ‐ hyphen‑ated\n",
    "social.txt": "RT @user_1: see https://x.org/a?b=1. #Fed\n@ # @_ #_ www.Example.com/) http://\n",
    "numbers.txt": "3.14 1,000,000 1.2.3 ,5 5, 12-34 0x1F\n",
    "sigma.txt": "ΟΔΟΣ ΣΑΣ Σ ΌΣΟΣ ΣΣ. İstanbul ǅ ß ﬁ\n",
    "scripts.txt": "中文 日本語 한국어 العربية עברית हिन्दी ไทย\n😀👍🏽 e\u0301 a\u200db\n",
    "whitespace.txt": "\u00a0\u2003\u3000x\u2028y\u2029z\u0085w\t\x0b\x0c\r\n",
    "invalid-utf8.txt": b"caf\xe9 \xff\xfe word \xed\xa0\x80 \xf4\x90\x80\x80 end\xe2\x82",
    "empty-docs.txt": b"\n\n\n",
    "one-word.txt": b"same\nsame\nsame\n",
    "punctuation.txt": b"!!! ??? ... --- ''' ___\n",
}
for name, data in text.items():
    write("text", name, data)


# --- quote extractor and HTML stripper (NewsQuotes) ------------------------------------
def article_slices(path, pieces=2, size=1500):
    """Up to `pieces` slices of `size` bytes cut at paragraph breaks of one article."""
    data = (ROOT / path).read_bytes()
    paragraphs = data.split(b"\n\n")
    slices, current = [], b""
    for paragraph in paragraphs:
        if current and len(current) + len(paragraph) > size:
            slices.append(current)
            current = b""
            if len(slices) == pieces:
                break
        current += paragraph + b"\n\n"
    if current and len(slices) < pieces:
        slices.append(current)
    return slices


articles = sorted((ROOT / "data/articles").glob("*.txt")) + sorted(
    (ROOT / "data/articles/heldout").glob("*.txt"))
for path in articles[:12]:
    for index, data in enumerate(article_slices(path.relative_to(ROOT))):
        write("quotes", f"{path.stem[:32]}-{index}.txt", data)
write("quotes", "patterns.txt", (ROOT / "data/fixtures/articles/patterns.txt").read_bytes()[:3000])
html_article = (ROOT / "data/articles/heldout/2026-02-guyana-venezuela-essequibo-navy.html")
html_bytes = html_article.read_bytes()
write("quotes", "heldout-html.html", html_bytes[:3000])
quotes = {
    "nested.txt": "“He said ‘no “never” no’ twice,” she said.\n",
    "open-continues.txt": "“First part,\n\n“second part,” said Ana Lima, a minister.\n",
    "unclosed.txt": "“Never closed, said Bo.\n\n« also open\n\n„low high“ — Kim\n",
    "apostrophes.txt": "Tehran‘s Kata’ib don’t “stop,” Ali said. ‘Single,’ he added.\n",
    "cues.txt": "According to Ann Lee, talks failed. Talks failed, Bob Roe said. "
    "He told reporters that it was over, and urged calm. Sen. Jo Ray said: “Q.”\n",
    "straight.txt": '"A," said X. "B." "C" - Y\n"""\n"\n',
    "empty-quotes.txt": "“” said Z. \"\" he said. «» »« ”“\n",
    "invalid-utf8.txt": b"\xe2\x80\x9cbroken \xff\xfe\xe2\x80 quote\xe2\x80\x9d said Q.\n",
    "html-entities.html": "<p>&ldquo;We will stay,&rdquo; said <b>Maria Ortiz</b>.</p>"
    "<p>&quot;Yes&quot; &#8212; Ken</p><p>&#x201C;x&#99999999;&amp</p>",
}
for name, data in quotes.items():
    write("quotes", name, data)

html = {
    "heldout-head.html": html_bytes[:2500],
    "heldout-tail.html": html_bytes[-2500:],
    "blocks.html": "<html><body><h1>Title</h1><div>One<br>two<br/>three</div>"
    "<ul><li>a</li><li>b</li></ul><blockquote>q</blockquote></body></html>",
    "script-style.html": "<p>a<script>if (x < 1) { '</p>' }</script>b<style>p{}</style>c",
    "entities.html": "<p>&amp; &lt; &gt; &quot; &#39; &#x27; &nbsp; &ldquo;x&rdquo; "
    "&#0; &#xD800; &#1114112; &#; &unknown; &amp</p>",
    "unclosed.html": "<p>text <a href=\"x>y\" <b <!-- comment <p>never closed",
    "comment.html": "<!-- <p>hidden</p> --><p>shown</p><!--- x -- y ---><![CDATA[<p>]]>",
    "attributes.html": "<P CLASS='a>b'>Upper</P><Br><DIV data-x=\"1\">x</DIV>",
    "plain-with-lt.txt": "a < b and c > d\n\n5 <pp> is not a tag\n",
    "crlf.html": "<p>one\r\ntwo</p>\r\n<p>\r\n</p>three\r",
    "invalid-utf8.html": b"<p>caf\xe9 \xff</p><p>\xe2\x80\x9cq\xe2\x80\x9d</p><\xff>",
    "plain-article.txt": article_slices("data/articles/2026-06-nuclear-talks-muscat.txt", 1)[0],
}
for name, data in html.items():
    write("html", name, data)
