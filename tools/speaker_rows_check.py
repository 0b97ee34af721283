#!/usr/bin/env python3
"""Counts speaker rows of `stance score` that are not entities.

    python3 tools/speaker_rows_check.py FOLDER [--stance .build/release/stance] [--show N]

Runs `stance score --format json --no-sentiment` over FOLDER/*.txt and FOLDER/*.html and
checks every speaker row (one per speaker and article) against the rules of
docs/quotes.md ("Speakers"): a row is flagged when its name

  lowercase   starts with a lower-case letter and is not a described speaker (a row
              whose kind is `document` or `group`, or whose last word is a role noun
              the extractor knows is reported apart as `described`);
  time        holds a weekday, a month, or a time word (`today`, `morning`, ...);
  opener      starts with a conjunction or subordinator (`If Surrey`, `But ...`);
  trailing    ends with an adverb (`also`, `too`, `again`, ...);
  date        holds a digit;
  lowerword   holds a lower-case word after its first capitalised one that is not a
              name particle (`Pentagon on Monday`, `Doug McCallum also`), unless
              the row is a capitalised description ending at its head noun
              (`Clinton campaign`, `Florida senator`);
  tag         is a party or state tag alone (`D-Calif`, `R-Texas`, `Mo.`).

Described speakers (`spokeswoman`, `analysts`, `study by the planning office`) start
with a lower-case letter by design; they are counted apart as `described` and not
flagged. Prints one count per rule, the number of flagged rows, and with --show N the
first N flagged rows. Exit status 0 always: this is a measuring tool, not a gate.
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys

WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
MONTHS = (
    "january february march april may june july august september october november "
    "december jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
TIME_WORDS = set(WEEKDAYS) | {
    "today", "yesterday", "tonight", "tomorrow", "morning", "afternoon", "evening",
    "night", "week", "weekend", "month", "year", "earlier", "later",
}
# `May` and `March` are also names and verbs; only count them as months next to a day.
AMBIGUOUS_MONTHS = {"may", "march", "jun", "jan", "mar", "dec"}
OPENERS = {
    "if", "but", "and", "or", "so", "when", "while", "although", "though", "because",
    "as", "since", "after", "before", "unless", "whether", "then", "therefore", "also",
    "one", "about", "some", "many", "most", "all", "both",
}
TRAILING = {"also", "too", "again", "then", "now", "still", "however", "instead", "alone"}
PARTICLES = {
    "bin", "bint", "ibn", "de", "da", "van", "von", "der", "du", "dos", "das", "del", "la",
    "le", "al", "el", "abu", "of", "the", "and", "for", "on", "in", "at", "y", "di", "den",
    "ten", "ter", "st", "&",
}
# Heads of a described (unnamed) speaker: the extractor keeps these lower case.
DESCRIBED_HEADS = {
    "spokesperson", "spokesman", "spokeswoman", "spokespeople", "official", "officials",
    "analyst", "analysts", "expert", "experts", "source", "sources", "aide", "aides",
    "adviser", "advisers", "advisor", "minister", "ministry", "agency", "office", "lawyer",
    "lawyers", "researcher", "researchers", "economist", "economists", "diplomat",
    "diplomats", "leader", "leaders", "witness", "witnesses", "resident", "residents",
    "member", "members", "supporter", "supporters", "voter", "voters", "critic", "critics",
    "campaign", "government", "administration", "police", "military", "army", "company",
    "department", "commission", "committee", "council", "president", "governor", "mayor",
    "senator", "candidate", "strategist", "pollster", "director", "chief", "executive",
    "manager", "officer", "organizers", "organisers", "democrats", "republicans",
    "people", "activists", "protesters", "engineer", "teacher", "doctor", "doctors",
    "statement", "group", "party", "team", "authorities", "observers", "negotiators",
    "lawmakers", "delegates", "donors", "investors", "workers", "students", "families",
    "opponents", "advocates", "respondents", "commentators", "reporters", "journalist",
    "correspondent", "newspaper", "editorial", "host", "founder", "operative",
    "consultant", "professor", "owner", "chairman", "head", "secretary", "representative",
    # People and bodies described by what they are (`gambling tycoon`, `the network`).
    "businessman", "businesswoman", "tycoon", "magnate", "actor", "actress", "star",
    "moderator", "narrator", "producer", "nominee", "contender", "hopeful", "front-runner",
    "frontrunner", "woman", "man", "person", "friend", "veteran", "employee", "user",
    "network", "board", "website", "magazine", "city", "state", "court", "judge", "faction",
    "caucus", "camp", "staff", "firm", "bank", "union", "association", "institute",
    "foundation", "university", "coalition", "alliance", "network", "outlets", "pac",
}
TAG = re.compile(r"^(?:[DRI]-[A-Z][A-Za-z.]*|[A-Z][a-z]{0,3}\.)$")
WORD = re.compile(r"[\w'’.-]+", re.UNICODE)


def is_described(row, words):
    if row.get("kind") in ("document", "group"):
        return True
    last = words[-1].lower().strip(".,") if words else ""
    modifiers = {"of", "at", "for", "from", "with", "who", "familiar", "involved", "close", "to", "in"}
    head = next((w.lower() for w in words if w.lower() in modifiers), None)
    if head:
        index = [w.lower() for w in words].index(head)
        last = words[index - 1].lower() if index > 0 else last
    return last in DESCRIBED_HEADS


def flags(row):
    name = row.get("name") or ""
    words = WORD.findall(name)
    lower = [w.lower().strip(".") for w in words]
    found = []
    if not words:
        return ["empty"], False
    described = name[:1].islower() and is_described(row, words)
    if name[:1].islower() and not described:
        found.append("lowercase")
    months = {w for w in lower if w in MONTHS}
    unambiguous = {m for m in months if m not in AMBIGUOUS_MONTHS}
    if any(w in TIME_WORDS for w in lower) or unambiguous or (
        months and any(ch.isdigit() for ch in name)
    ):
        found.append("time")
    if lower[0] in OPENERS and len(words) > 1:
        found.append("opener")
    if len(words) > 1 and lower[-1] in TRAILING:
        found.append("trailing")
    if any(ch.isdigit() for ch in name):
        found.append("date")
    # A capitalised description (`Clinton campaign`, `Florida senator`) is described too:
    # its lower-case words end at the head noun.
    if not name[:1].islower() and not is_described(row, words):
        seen_capital = False
        for word in words:
            if word[:1].isupper():
                seen_capital = True
            elif seen_capital and word.lower() not in PARTICLES and not word[:1].isdigit():
                found.append("lowerword")
                break
    if TAG.match(name.strip()):
        found.append("tag")
    return found, described


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--stance", default=".build/release/stance")
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    files = sorted(glob.glob(os.path.join(args.folder, "*.txt")))
    files += sorted(glob.glob(os.path.join(args.folder, "*.html")))
    if not files:
        sys.exit(f"no .txt or .html articles in {args.folder}")
    run = subprocess.run(
        [args.stance, "score", "--no-sentiment", "--format", "json", *files],
        capture_output=True, timeout=3600,
    )
    if run.returncode != 0:
        sys.exit(f"stance score exited {run.returncode}: {run.stderr.decode()[:400]}")
    articles = json.loads(run.stdout)["articles"]
    counts, flagged, described, total, lower_initial = {}, [], 0, 0, 0
    kinds = {}
    for article in articles:
        for row in article.get("speakers", []):
            total += 1
            lower_initial += (row.get("name") or "")[:1].islower()
            kinds[row.get("kind")] = kinds.get(row.get("kind"), 0) + 1
            found, is_described_row = flags(row)
            described += is_described_row
            for rule in found:
                counts[rule] = counts.get(rule, 0) + 1
            if found:
                flagged.append((os.path.basename(article.get("source", "")), row, found))
    print(
        f"articles {len(articles)}  speaker rows {total}  lower-case initial {lower_initial}"
        f" (of which described {described})"
    )
    print("kinds " + "  ".join(f"{k} {v}" for k, v in sorted(kinds.items(), key=str)))
    for rule in ("lowercase", "time", "opener", "trailing", "date", "lowerword", "tag", "empty"):
        print(f"{rule:10} {counts.get(rule, 0)}")
    print(f"flagged rows {len(flagged)}")
    for source, row, found in flagged[: args.show]:
        role = f" (role: {row['role']})" if row.get("role") else ""
        print(f"  {','.join(found):18} {row['name']!r} [{row.get('kind')}]{role}  {source}")


if __name__ == "__main__":
    main()
