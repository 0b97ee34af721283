import json, re, pathlib
H = pathlib.Path(__file__).resolve().parent.parent
rows = [json.loads(l) for l in open(H/"HELDOUT.jsonl", encoding="utf-8")]
for art in sorted({r["article"] for r in rows}):
    body = (H/art).read_text(encoding="utf-8")
    gold = json.load(open(H/"gold"/(art[:-4]+".json"), encoding="utf-8"))
    spans = [(q["start"], q["end"]) for q in gold["quotes"]]
    b = body.encode()
    # all marked spans
    curly = "“" in body
    pat = r"“([^”]*?)(?:”|\n)" if curly else r'"([^"\n]*?)(?:"|\n)'
    print("==", art)
    direct_texts = [r["text"] for r in rows if r["article"]==art and r["kind"]=="direct"]
    for m in re.finditer(pat, body):
        t = m.group(1)
        if not any(t in d for d in direct_texts):
            print("  UNCOVERED mark span:", repr(t[:70]))
    # what follows each indirect
    for r in rows:
        if r["article"]==art and r["kind"]=="indirect":
            i = body.index(r["text"]) if r["text"] in body else -1
            print(f"  I{r['n']:>2} ...{body[max(0,i-25):i]!r} [..] {body[i+len(r['text']):i+len(r['text'])+30]!r}")
