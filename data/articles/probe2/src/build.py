import json, importlib, sys, pathlib
HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
out = []
for m in ["a1", "a2", "a3", "a4", "a5", "a6"]:
    mod = importlib.import_module(m)
    for n, (text, speaker, kind, cue, form) in enumerate(mod.ROWS, 1):
        out.append({"article": mod.ART, "n": n, "text": text, "speaker": speaker, "kind": kind, "cue": cue, "form": form})
(HERE.parent / "HELDOUT.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")
print(len(out), "rows")
