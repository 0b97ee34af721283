#!/usr/bin/env python3
"""Counts speaker rows of `stance score` that are not entities.

    python3 tools/speaker_rows_check.py FOLDER [--stance .build/release/stance] [--show N]

Runs `stance score --format json --no-sentiment` over FOLDER/*.txt and FOLDER/*.html and
checks every speaker row (one per speaker and article) against the rules of
docs/quotes.md ("Speakers"): a row is flagged when its name

  lowercase   starts with a lower-case letter and is not a described speaker (a row
              whose kind is `document` or `group`, or whose head noun, the last word
              or the word before a modifier such as `of`, `at`, `familiar`, is a role,
              kin, group, organisation or document noun or a noun for people by its
              ending: `admiral`, `his brother`, `senators`, `organizer`, `attendees`);
  time        holds a weekday, a month, or a time word (`today`, `morning`, ...);
              in a description only when the time ends it (`poll in December`, not
              `February survey`);
  opener      starts with a conjunction or subordinator (`If Surrey`, `But ...`);
  trailing    ends with an adverb (`also`, `too`, `again`, ...);
  date        holds a digit and is not a description ending at its head noun;
  lowerword   holds a lower-case word after its first capitalised one that is not a
              name particle (`Pentagon on Monday`, `Doug McCallum also`), unless
              the row is a capitalised description ending at its head noun
              (`Clinton campaign`, `Florida senator`);
  tag         is a party or state tag alone (`D-Calif`, `R-Texas`, `Mo.`);
  titlecase   holds a capitalised function word after its first word (`Chief On Tolls`),
              a capitalised adverb in `-ly` inside it, or is a person named by more than
              four capitalised words (a headline in Title Case, not a name);
  rubric      is one rubric, interjection or question word (`Wow`, `Breaking`, `Why`),
              unless it is a document (`Report:` over a story);
  quantifier  is a quantifier alone (`Much`, `None`) or opens with `Neither`/`Either`;
  share       counts a share (`average of 10 percent`);
  pluraltitle opens with a plural title before a name (`Senators Mara Vance`);
  kind        is typed `person` but its head is plural (`Officials`, `media trackers`);
  orgcut      is a capitalised organisation head alone (`Center`, `Club`), an
              organisation name cut at `for`/`of`/`on`.

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
# `April`, `June` and `August` are first names too (`April Mellody`).
AMBIGUOUS_MONTHS = {"may", "march", "jun", "jan", "mar", "dec", "april", "june", "august"}
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
# More nouns for people and bodies that head a description: kin, ranks and party members
# (`his brother`, `admiral`, `Supreme Court justice`, `Vermont senators`, `the Republican`).
DESCRIBED_HEADS |= {
    # Offices and ranks the extractor reads as role nouns (`deputy sheriff`, `board chair`).
    "sheriff", "chair", "chairperson", "treasurer", "comptroller", "clerk", "auditor",
    "superintendent", "inspector", "detective", "constable", "whip", "alderman", "councilman",
    "councilwoman", "assemblyman", "assemblywoman", "dean", "coroner", "administrator",
    "ombudsman", "firefighter", "paramedic", "sergeant", "corporal", "lieutenant", "ceo",
    "paddler", "resident", "voter", "commuter", "homeowner", "tenant", "teammate",
    "defenceman", "defenseman", "goaltender", "goalie", "winger", "striker", "rookie",
    "admiral", "advocate", "justice", "justices", "deputy", "delegate", "colleague", "colleagues",
    "brother", "sister", "mother", "father", "son", "daughter", "wife", "husband", "child",
    "children", "ally", "allies", "confidant", "confidants", "rival", "rivals", "incumbent",
    "mogul", "counsel", "general", "democrat", "republican", "independent", "independents",
    "liberal", "conservative", "progressive", "socialist", "cleric", "clergy", "crowd",
    "audience", "panel", "jury", "public", "town", "airline", "companies", "departments",
    "networks", "newspapers", "states", "countries", "nations", "organization",
    "organisation", "agencies", "outlet", "paper", "study", "poll", "survey", "report",
    "data", "ad", "average", "calculations", "estimates", "figures", "analysis", "records", "opinion", "memo", "press", "times", "post", "journal", "senate",
    "house", "congress", "ministry", "embassy", "regime", "kremlin", "pentagon", "fbi", "cia",
}
# Words with an agent ending that name no person (mirrors the extractor's exclusions).
NOT_AGENT = {
    "power", "paper", "letter", "number", "water", "order", "border", "matter", "corner",
    "inner", "outer", "upper", "merger", "megamerger", "former", "latter", "other", "under",
    "over", "after", "never", "ever", "whether", "rather", "together", "however", "later",
    "earlier", "better", "error", "favor", "labor", "color", "rumor", "floor", "door",
    "major", "minor", "motor", "sector", "factor", "terror", "horror", "furor", "fervor",
    "committee", "fee", "degree", "guarantee", "three", "incident", "accident", "plant",
    "grant", "want", "percent", "moment", "event", "content", "agreement", "statement",
}
TITLE_CASE_FUNCTION = {
    "on", "to", "for", "about", "with", "in", "at", "after", "over", "against", "vs",
    "between", "from", "into", "by", "of", "is", "are", "was", "just",
}
RUBRIC = {
    "wow", "watch", "breaking", "exclusive", "update", "video", "report", "analysis",
    "opinion", "live", "photos", "listen", "read", "see", "here", "why", "how", "what",
    "editorial", "commentary", "explainer", "recap",
}
NAMES_IN_LY = {"beverly", "kimberly", "connolly", "donnelly", "kennelly", "mcnally", "mcanally"}
QUANTIFIERS = {
    "much", "many", "most", "some", "all", "each", "both", "few", "several", "none", "any",
    "half", "less", "more", "neither", "either", "enough", "plenty", "another", "other",
    "every", "lots",
}
# PLURAL_TITLES and ORGANISATION_HEADS copy `pluralTitles` and `organisationHeads` of
# Sources/NewsQuotes/MentionParser+Entities.swift: this checker reads `stance score` output
# from Python and cannot call the Swift lists, so a change there must be copied here.
PLURAL_TITLES = {
    "senators", "sens", "representatives", "reps", "governors", "govs", "generals", "gens",
    "presidents", "congressmen", "congresswomen", "justices", "judges", "mayors",
    "ministers", "drs", "messrs", "councillors", "councilors", "secretaries", "candidates",
}
ORGANISATION_HEADS = {
    "center", "centre", "club", "council", "institute", "foundation", "fund", "committee",
    "association", "league", "alliance", "society", "coalition", "union", "federation",
    "network", "office", "department", "ministry", "bureau", "board", "commission",
    "agency", "service", "university", "college", "school", "academy", "corporation",
    "trust", "forum", "caucus", "conference", "organization", "organisation", "project",
    "bank", "museum", "church", "movement", "initiative", "partnership", "secretariat",
}
GROUP_NOUNS = {
    "officials", "analysts", "diplomats", "residents", "experts", "lawmakers", "protesters",
    "sources", "witnesses", "activists", "critics", "leaders", "ministers", "observers",
    "investors", "economists", "negotiators", "aides", "supporters", "voters", "members",
    "delegates", "donors", "strategists", "pollsters", "candidates", "advisers", "advocates",
    "opponents", "democrats", "republicans", "students", "workers", "people", "families",
    "doctors", "authorities", "insiders", "allies", "parents", "teachers", "owners",
    "employees", "executives", "scientists", "conservatives", "liberals", "progressives",
    "veterans", "commentators", "reporters", "attorneys", "lawyers", "officers", "staffers",
    "senators", "independents", "journalists", "prosecutors", "participants", "speakers",
}
# Titles written capitalised inside a name (`Senate Minority Whip Dick Durbin`).
TITLE_WORDS = {
    "sen", "rep", "gov", "whip", "leader", "speaker", "president", "secretary", "director",
    "editor", "chief", "chair", "chairman", "sheriff", "recorder", "judge", "mayor",
    "senator", "governor", "minister", "ambassador", "general", "counsel", "principal",
}
NUMBER_WORDS = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozen",
    "hundreds", "thousands", "dozens",
}


def is_agent_noun(word):
    """A lower-case noun for people by its ending, as the extractor reads it: `-er`, `-or`,
    `-ist`, `-ian`, `-eer`, `-man`, `-ee`, their plurals, `-ants`, `-dents`."""
    if len(word) < 5 or word in NUMBER_WORDS:
        return False
    if word.endswith("s"):
        word = word[:-1]
        if word.endswith(("ant", "dent")):
            return word not in NOT_AGENT
    endings = ("er", "or", "ist", "ian", "eer", "man", "ee")
    return (
        any(len(word) > len(e) + 2 and word.endswith(e) for e in endings)
        and word not in NOT_AGENT
    )


def is_head(word):
    word = word.lower().strip(".,")
    if word.endswith(("’s", "'s")):
        return False
    # An age stands for a person (`the 45-year-old said`).
    if re.fullmatch(r"\d+-year-olds?", word):
        return True
    return word in DESCRIBED_HEADS or is_agent_noun(word) or word.rstrip("s") in DESCRIBED_HEADS


TAG = re.compile(r"^(?:[DRI]-[A-Z][A-Za-z.]*|[A-Z][a-z]{0,3}\.)$")
WORD = re.compile(r"[\w'’.-]+", re.UNICODE)


def is_described(row, words):
    if row.get("kind") in ("document", "group"):
        return True
    last = words[-1].lower().strip(".,") if words else ""
    modifiers = {
        "of", "at", "for", "from", "with", "who", "familiar", "involved", "close", "to", "in",
        "on", "briefed", "based", "inside", "within", "near", "by",
    }
    head = next((w.lower() for w in words if w.lower() in modifiers), None)
    if head:
        index = [w.lower() for w in words].index(head)
        last = words[index - 1].lower() if index > 0 else last
    return is_head(last)


def flags(row):
    name = row.get("name") or ""
    words = WORD.findall(name)
    lower = [w.lower().strip(".") for w in words]
    found = []
    if not words:
        return ["empty"], False
    described = name[:1].islower() and is_described(row, words)
    # `dos Santos`, `de Blasio`: a name may open with a lower-case particle.
    particle_name = len(words) > 1 and lower[0] in PARTICLES and words[1][:1].isupper()
    if name[:1].islower() and not described and not particle_name:
        found.append("lowercase")
    # A word in capitals is part of a name (`USA TODAY`), not a time word.
    timely = [w.lower().strip(".") for w in words if not (w.isupper() and len(w) > 1)]
    months = {w for w in timely if w in MONTHS}
    unambiguous = {m for m in months if m not in AMBIGUOUS_MONTHS}
    is_time = any(w in TIME_WORDS for w in timely) or unambiguous or (
        months and any(ch.isdigit() for ch in name)
    )
    # A described speaker may name a time before its head (`February survey`, `source
    # familiar with his afternoon remarks`); only a time phrase that ends it is flagged.
    head_described = is_described(row, words)
    if is_time and (not head_described or lower[-1] in MONTHS or lower[-1] in TIME_WORDS):
        found.append("time")
    # `most recent data`: a superlative, not the quantifier `most`.
    superlative = lower[0] == "most" and len(lower) > 2 and is_described(row, words)
    if lower[0] in OPENERS and len(words) > 1 and not superlative:
        found.append("opener")
    if len(words) > 1 and lower[-1] in TRAILING:
        found.append("trailing")
    # A number inside a description (`43-year-old former congressman`, `2014 Labor Department
    # study`) is no date; a number in a name or a phrase with no head is.
    if any(ch.isdigit() for ch in name) and not head_described:
        found.append("date")
    # A capitalised description (`Clinton campaign`, `Florida senator`) is described too:
    # its lower-case words end at the head noun.
    if not name[:1].islower() and not is_described(row, words):
        seen_capital = False
        for word in words:
            if word[:1].isupper():
                seen_capital = True
            elif (
                seen_capital and word.lower() not in PARTICLES and not word[:1].isdigit()
                # `al-Awlaki`, `el-Sisi`: a particle joined by a hyphen.
                and word.lower().split("-")[0] not in PARTICLES
            ):
                found.append("lowerword")
                break
    if TAG.match(name.strip()):
        found.append("tag")
    found += entity_flags(row, words, lower)
    return found, described


def plural_head(words, lower):
    """The head of a description (the word before its first modifier) when it is plural."""
    head = len(words) - 1
    for index, word in enumerate(lower[1:], start=1):
        if word in ("of", "at", "for", "from", "with", "who", "in", "on", "by", "familiar"):
            head = index - 1
            break
    word = lower[head].strip(",")
    if word in GROUP_NOUNS:
        return True
    return word.endswith("s") and not word.endswith(("ss", "'s", "’s")) and is_agent_noun(word)


def entity_flags(row, words, lower):
    """Rules of issue 16's second sample read: headline fragments, rubric words,
    quantifiers, share counts, plural titles, plural heads typed person, cut organisations."""
    found = []
    capitals = [w for w in words if w[:1].isupper()]
    inner = words[1:]
    if any(w[:1].isupper() and w.lower().strip(".") in TITLE_CASE_FUNCTION for w in inner) or any(
        w[:1].isupper() and len(w) >= 7 and w.lower().endswith("ly")
        and w.lower() not in NAMES_IN_LY for w in inner[:-1]
    ) or (
        row.get("kind") == "person" and len(capitals) > 4 and len(capitals) == len(words)
        and not any(is_head(w) or w.lower().strip(".") in TITLE_WORDS for w in words)
    ):
        found.append("titlecase")
    # `Report:` over a story is a document that speaks (PolNeAR's gold has it too).
    if len(words) == 1 and lower[0] in RUBRIC and words[0][:1].isupper() and (
        row.get("kind") != "document"
    ):
        found.append("rubric")
    if (len(words) == 1 and lower[0] in QUANTIFIERS) or (
        len(words) > 1 and lower[0] in ("neither", "either")
    ):
        found.append("quantifier")
    name = " ".join(lower)
    if re.search(r"\bof \d[\d.,]* ?(percent|%|per cent|percentage)", name):
        found.append("share")
    if len(words) > 1 and lower[0] in PLURAL_TITLES and words[1][:1].isupper():
        found.append("pluraltitle")
    # A capitalised name ending in `s` (`Sanders`) is no plural; only a listed group noun
    # alone (`Officials`, `Democrats`) is.
    lower_row = words[0][:1].islower()
    if row.get("kind") == "person" and (
        (lower_row and plural_head(words, lower)) or (len(words) == 1 and lower[0] in GROUP_NOUNS)
    ):
        found.append("kind")
    if len(words) == 1 and words[0][:1].isupper() and lower[0] in ORGANISATION_HEADS:
        found.append("orgcut")
    return found


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
    rules = (
        "lowercase", "time", "opener", "trailing", "date", "lowerword", "tag", "titlecase",
        "rubric", "quantifier", "share", "pluraltitle", "kind", "orgcut", "empty",
    )
    for rule in rules:
        print(f"{rule:10} {counts.get(rule, 0)}")
    print(f"flagged rows {len(flagged)}")
    for source, row, found in flagged[: args.show]:
        role = f" (role: {row['role']})" if row.get("role") else ""
        print(f"  {','.join(found):18} {row['name']!r} [{row.get('kind')}]{role}  {source}")


if __name__ == "__main__":
    main()
