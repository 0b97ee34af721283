#!/usr/bin/env python3
"""Seeded generator of synthetic news articles (JSON Lines) and labelled quotes (CSV).

Our own writing, for the Spark recipe (`make spark-check`) and scoring benchmarks: it needs
only the Python standard library, so a machine with python3 can make the corpus.

Output in --out DIR:
  articles.jsonl  one article per line: {"id", "outlet", "date", "text"}; the text is
                  3-7 paragraphs of narrative sentences and quotes in the patterns news uses
                  (“…,” said TITLE NAME. / NAME, the ROLE, said that … / “…,” she added. /
                  According to NAME, … / NAME told reporters: “…”), with a cast of 3-6
                  speakers per article drawn from generated names, titles and roles.
                  With --bad K, K lines spread over the file are malformed on purpose (bad
                  JSON, no text, a text that is a number, a blank line) to show that one bad
                  record does not stop a partition.
  quotes.csv      RFC 4180 CSV `id,text,label` of --quotes labelled quotes (hawkish,
                  conciliatory, neutral), built from the same phrase pools.

Usage: gen_articles.py --articles 10000 --quotes 5000 --out DIR [--seed 7] [--bad 5]
The same arguments give byte-identical files (random.Random with the seed, no other state).
"""
import argparse
import csv
import json
import os
import random

FIRST = (
    "Amara Lena Tomas Ingrid Kofi Mei Rafael Sofia Yusuf Hana Pavel Aisha Diego Freya Omar "
    "Nadia Lucas Priya Mateo Elena Tariq Greta Jonas Leila Ivan Chloe Ravi Marta Felix Zara "
    "Anders Noor Hugo Selin Kwame Ines Bruno Yara Emil Dana"
).split()
LAST = (
    "Diallo Park Okafor Lindqvist Mensah Chen Alvarez Rossi Haddad Tanaka Novak Rahman "
    "Moreno Larsen Karimi Petrova Silva Sharma Ortega Vasquez Nasser Holm Becker Aziz Volkov "
    "Dubois Iyer Costa Weber Khan Berg Moyo Laurent Yilmaz Asante Ferreira Brandt Saleh "
    "Kowalski Nakamura"
).split()
TITLES = ["General", "Minister", "Ambassador", "President", "Senator", "Commander", "Dr."]
ROLES = [
    "foreign minister", "defence minister", "army spokesperson", "chief negotiator",
    "opposition leader", "UN envoy", "trade commissioner", "central bank governor",
    "coalition spokesperson", "mayor of the border town", "union leader", "analyst",
]
OUTLETS = ["Harbour Wire", "The Meridian", "Northgate Times", "Coastal Herald", "Daily Ledger"]
PLACES = [
    "Geneva", "Muscat", "the border region", "the capital", "the coastal province",
    "Brussels", "the northern valley", "the port city", "Nairobi", "the disputed islands",
]
TOPICS = [
    "the ceasefire", "the sanctions package", "the trade dispute", "the maritime standoff",
    "the peace talks", "the hostage exchange", "the arms deal", "the border clash",
]

# Quote phrase pools by stance: an opening, a core and an ending, combined freely.
STANCE = {
    "hawkish": (
        ["We will not", "Our forces will not", "This government will never", "We refuse to",
         "We are ready to", "We will"],
        ["retreat from our positions", "accept these demands", "tolerate another provocation",
         "hesitate to respond with force", "impose tougher sanctions", "retaliate decisively",
         "step back while they violate the agreement", "give up a single metre of territory"],
        ["whatever it costs", "if the blockade continues", "until they withdraw",
         "and they know it", "under any circumstances", "before the deadline expires"],
    ),
    "conciliatory": (
        ["We are ready to", "Both sides agreed to", "We hope to", "It is time to",
         "We welcome the chance to", "Our delegation will"],
        ["return to the negotiating table", "extend the ceasefire", "find common ground",
         "rebuild trust between our peoples", "release the detainees", "ease the restrictions",
         "resolve this through dialogue", "open the humanitarian corridor"],
        ["as soon as possible", "next week", "in good faith", "for the sake of the families",
         "with the help of our partners", "step by step"],
    ),
    "neutral": (
        ["The committee will", "Officials are expected to", "The ministry plans to",
         "Delegates will", "The agency has begun to", "Observers will"],
        ["review the figures", "publish the report", "meet on Thursday", "count the ballots",
         "assess the damage to the port", "update the schedule", "verify the shipments",
         "release the full timetable"],
        ["later this month", "on Monday", "after the holiday", "in the coming days",
         "before the summit", "according to the schedule"],
    ),
}
NARRATIVE = [
    "Talks on {topic} resumed in {place} on {day}.",
    "The meeting in {place} lasted more than six hours.",
    "Markets reacted calmly to the news from {place}.",
    "Negotiators arrived in {place} late on {day}, officials said.",
    "The dispute over {topic} has dragged on for months.",
    "Residents of {place} reported a quiet night.",
    "A statement on {topic} is expected after the session.",
    "Shipping through {place} slowed to a crawl this week.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def quote_text(rng, label):
    opening, core, ending = STANCE[label]
    text = f"{rng.choice(opening)} {rng.choice(core)}"
    if rng.random() < 0.7:
        text += f" {rng.choice(ending)}"
    return text


def make_cast(rng):
    cast = []
    for _ in range(rng.randint(3, 6)):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        cast.append({
            "first": first, "last": last, "title": rng.choice(TITLES),
            "role": rng.choice(ROLES), "pronoun": rng.choice(["he", "she"]),
            "lean": rng.choice(["hawkish", "conciliatory", "neutral"]),
        })
    return cast


def speaker_label(rng, person):
    return person["lean"] if rng.random() < 0.75 else rng.choice(list(STANCE))


def quote_sentence(rng, person, first_mention):
    name = f"{person['first']} {person['last']}"
    said = rng.choice(["said", "told reporters", "warned", "added", "insisted", "noted"])
    text = quote_text(rng, speaker_label(rng, person))
    pattern = rng.randrange(6) if first_mention else rng.randrange(2, 8)
    if pattern == 0:
        return f"\u201c{text},\u201d said {person['title']} {name}."
    if pattern == 1:
        return f"{name}, the {person['role']}, said that {text[0].lower()}{text[1:]}."
    if pattern == 2:
        return f"\u201c{text},\u201d {person['pronoun']} {said}."
    if pattern == 3:
        return f"According to {person['last']}, {text[0].lower()}{text[1:]}."
    if pattern == 4:
        return f"{person['last']} told reporters: \u201c{text}.\u201d"
    if pattern == 5:
        return f"\u201c{text}. {quote_text(rng, person['lean'])},\u201d said {name}."
    if pattern == 6:
        return f"\u201c{text},\u201d {person['last']} said."
    return f"{person['last']} said {text[0].lower()}{text[1:]}."


def article(rng):
    cast = make_cast(rng)
    seen = set()
    paragraphs = []
    for _ in range(rng.randint(3, 7)):
        sentences = []
        for _ in range(rng.randint(2, 4)):
            if rng.random() < 0.55:
                index = rng.randrange(len(cast))
                sentences.append(quote_sentence(rng, cast[index], index not in seen))
                seen.add(index)
            else:
                sentences.append(rng.choice(NARRATIVE).format(
                    topic=rng.choice(TOPICS), place=rng.choice(PLACES), day=rng.choice(DAYS)))
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs)


BAD_LINES = [
    '{"id": "bad-json", "text": "unfinished',
    '{"id": "no-text", "outlet": "Harbour Wire"}',
    '{"id": "number-text", "text": 42}',
    "",
    '["not", "an", "object"]',
]


def write_articles(path, count, bad, rng):
    bad_at = {round((k + 1) * count / (bad + 1)): k for k in range(bad)} if bad else {}
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for index in range(1, count + 1):
            if index in bad_at:
                out.write(BAD_LINES[bad_at[index] % len(BAD_LINES)] + "\n")
            record = {
                "id": f"art-{index:06d}", "outlet": rng.choice(OUTLETS),
                "date": f"2026-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "text": article(rng),
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_quotes(path, count, rng):
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(["id", "text", "label"])
        labels = list(STANCE)
        for index in range(1, count + 1):
            label = rng.choice(labels)
            text = quote_text(rng, label)
            if rng.random() < 0.3:
                text = f"\u201c{text},\u201d said {rng.choice(FIRST)} {rng.choice(LAST)}."
            writer.writerow([f"q-{index:06d}", text, label])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--quotes", type=int, default=5000)
    parser.add_argument("--bad", type=int, default=0, help="malformed lines to mix in")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    write_articles(os.path.join(args.out, "articles.jsonl"), args.articles, args.bad,
                   random.Random(args.seed))
    write_quotes(os.path.join(args.out, "quotes.csv"), args.quotes,
                 random.Random(args.seed + 1))


if __name__ == "__main__":
    main()
