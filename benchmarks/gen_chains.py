"""News-like version chains for the scale benchmarks, reproducible from a seed.

    .venv/bin/python benchmarks/gen_chains.py --jsonl /tmp/chains.jsonl --folders /tmp/chains
    .venv/bin/python benchmarks/gen_chains.py --articles 1 --versions 2000 --jsonl /tmp/long.jsonl

Each article is built from real sentences of ../shared/corpus/articles (read at run time, never
copied into the project), shuffled with the seed. Most versions change 1 to 10 % of the sentences the
way a newsroom does (a name, a number, a date edited; a sentence added or removed); some add a real
published correction note taken from ../shared/corpus/notes/positives.jsonl, which stays in every
later version. An article's chain depends only on the seed and its number, so a smaller run is a
prefix of a larger one.

Output: JSON Lines, one capture a line, `{"article", "url", "captured_at", "text"}` (or `"html"` in
place of `"text"`), in article order; and/or folders, a folder per article holding `001.txt` ...
(or `.html`) with a `captures.json` beside them (left out by `tracker add`) giving each file's URL
and capture time.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TRACKER_SHARED") or ROOT.parent / "shared")
CORPUS = SHARED / "corpus"

# A sentence ends at . ! ? (perhaps closed by a quote) before a space and a capital or a quote.
_SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")
_NUMBER = re.compile(r"\b\d[\d,.]*\b")
_MONTHS = "January February March April May June July August September October November December".split()
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_DATE = re.compile(r"\b(?:" + "|".join(_MONTHS + _WEEKDAYS) + r")\b")
# A person's name inside a sentence: two capitalised words, neither a date's
_NAME = re.compile(
    r"(?<=[a-z,] )(?!(?:" + "|".join(_MONTHS + _WEEKDAYS) + r")\b)[A-Z][a-z]{2,} [A-Z][a-z]{2,}\b"
)
NOTES_KEPT = 3  # notes shown at once: a fourth replaces the oldest
_SECTIONS = "world politics business science technology sport culture health".split()


@dataclass(frozen=True)
class Pools:
    """The real material chains are made of: sentences, titles, names and published notes."""

    sentences: tuple[str, ...]
    titles: tuple[str, ...]
    names: tuple[str, ...]
    notes: tuple[str, ...]


@cache
def pools(seed: int = 0) -> Pools:
    """Sentences and titles of the corpus articles, names found in them, and the published notes, in
    an order shuffled with the seed (the files are read sorted, so the order depends on nothing else)."""
    sentences: list[str] = []
    titles: list[str] = []
    for path in sorted((CORPUS / "articles").glob("*.txt")):
        title, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        titles.append(title.strip())
        for paragraph in body.split("\n\n"):
            for sentence in _SPLIT.split(" ".join(paragraph.split())):
                if 6 <= len(sentence.split()) <= 60:
                    sentences.append(sentence)
    names = sorted({m.group() for s in sentences for m in _NAME.finditer(s)})
    notes = []
    with (CORPUS / "notes" / "positives.jsonl").open(encoding="utf-8") as stream:
        for line in stream:
            note = json.loads(line)
            if len(note["text"]) <= 600:  # a note, not a corrections column
                notes.append(note["text"])
    rng = random.Random(seed)
    for items in (sentences, titles, names, notes):
        rng.shuffle(items)
    return Pools(tuple(sentences), tuple(titles), tuple(names), tuple(notes))


def _edit_sentence(sentence: str, rng: random.Random, pool: Pools) -> str:
    """A sentence as an editor changes it: a number, a date or a name replaced (else a word cut)."""
    choices = []
    if _NUMBER.search(sentence):
        choices.append("number")
    if _DATE.search(sentence):
        choices.append("date")
    if _NAME.search(sentence):
        choices.append("name")
    kind = rng.choice(choices) if choices else "word"
    if kind == "number":
        found = list(_NUMBER.finditer(sentence))
        m = rng.choice(found)
        places = [i for i, c in enumerate(m.group()) if c.isdigit()]
        i = rng.choice(places[1:] or places)  # a first digit stays non-zero: 35.7 -> 35.2, 12 -> 17
        digit = rng.choice([d for d in "123456789" if d != m.group()[i]])
        return sentence[: m.start() + i] + digit + sentence[m.start() + i + 1 :]
    if kind == "date":
        m = rng.choice(list(_DATE.finditer(sentence)))
        words = _MONTHS if m.group() in _MONTHS else _WEEKDAYS
        return sentence[: m.start()] + rng.choice([w for w in words if w != m.group()]) + sentence[m.end() :]
    if kind == "name":
        m = rng.choice(list(_NAME.finditer(sentence)))
        return sentence[: m.start()] + rng.choice(pool.names) + sentence[m.end() :]
    words = sentence.split(" ")
    if len(words) > 6:
        del words[rng.randrange(1, len(words) - 1)]
    return " ".join(words)


def _first_version(rng: random.Random, pool: Pools) -> tuple[str, list[list[str]]]:
    """A title and paragraphs of one to three real sentences: 10 to 24 paragraphs, 300 to 900 words."""
    title = rng.choice(pool.titles)
    paragraphs = []
    for _ in range(rng.randint(10, 24)):
        start = rng.randrange(len(pool.sentences))
        paragraphs.append(
            [pool.sentences[(start + i) % len(pool.sentences)] for i in range(rng.randint(1, 3))]
        )
    return title, paragraphs


def _next_version(paragraphs: list[list[str]], notes: list[str], rng: random.Random, pool: Pools) -> None:
    """Change 1 to 10 % of the sentences (at least one) in place; now and then add a published note."""
    count = sum(len(p) for p in paragraphs)
    for _ in range(max(1, round(count * rng.uniform(0.01, 0.10)))):
        where = rng.randrange(len(paragraphs))
        paragraph = paragraphs[where]
        action = rng.random()
        if action < 0.70:
            i = rng.randrange(len(paragraph))
            paragraph[i] = _edit_sentence(paragraph[i], rng, pool)
        elif action < 0.85:
            paragraph.insert(rng.randrange(len(paragraph) + 1), rng.choice(pool.sentences))
        elif len(paragraph) > 1:
            del paragraph[rng.randrange(len(paragraph))]
        elif len(paragraphs) > 4:
            del paragraphs[where]
    if rng.random() < 0.08:
        notes.append(rng.choice(pool.notes))
        del notes[:-NOTES_KEPT]


def _text(title: str, paragraphs: list[list[str]], notes: list[str]) -> str:
    body = [title] + [" ".join(p) for p in paragraphs] + notes
    return "\n\n".join(body) + "\n"


def _html(title: str, paragraphs: list[list[str]], notes: list[str], url: str, when: datetime) -> str:
    """A news page: navigation, a headline, a byline, the paragraphs, notes in an aside, a footer."""
    e = html.escape
    nav = "".join(f'<li><a href="/{s}/">{s.title()}</a></li>' for s in _SECTIONS)
    body = "\n".join(f"<p>{e(' '.join(p))}</p>" for p in paragraphs)
    aside = "\n".join(f'<p class="correction"><em>{e(n)}</em></p>' for n in notes)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{e(title)} | The Example Courier</title>"
        f'<link rel="canonical" href="{e(url)}">'
        f'<meta property="article:modified_time" content="{when.isoformat()}">'
        "</head><body>\n"
        f'<header><a href="/">The Example Courier</a><nav><ul>{nav}</ul></nav></header>\n'
        f"<main><article><h1>{e(title)}</h1>"
        f'<p class="byline">By Staff Reporter · <time datetime="{when.isoformat()}">'
        f"{when:%B %d, %Y}</time></p>\n{body}\n{aside}\n</article></main>\n"
        '<footer><p>© The Example Courier. All rights reserved.</p><a href="/privacy">Privacy</a></footer>'
        "\n</body></html>\n"
    )


def chain(number: int, versions: int, seed: int = 0, as_html: bool = False) -> Iterator[dict]:
    """The captures of article `number`, oldest first, as dicts ready for a JSON line."""
    pool = pools(seed)
    rng = random.Random(f"{seed}:{number}")
    key = f"art-{number:05d}"
    slug = re.sub(r"[^a-z0-9]+", "-", pool.titles[number % len(pool.titles)].lower()).strip("-")[:60]
    url = f"https://courier.example/{rng.choice(_SECTIONS)}/{number}-{slug}"
    when = datetime(2020, 1, 1, tzinfo=UTC) + timedelta(minutes=rng.randrange(5 * 365 * 24 * 60))
    title, paragraphs = _first_version(rng, pool)
    notes: list[str] = []
    for version in range(versions):
        if version:
            _next_version(paragraphs, notes, rng, pool)
            when += timedelta(minutes=rng.randint(5, 600))
        capture = {"article": key, "url": url, "captured_at": when.isoformat().replace("+00:00", "Z")}
        if as_html:
            capture["html"] = _html(title, paragraphs, notes, url, when)
        else:
            capture["text"] = _text(title, paragraphs, notes)
        yield capture


def generate(
    articles: int, versions: int, seed: int = 0, as_html: bool = False, first: int = 1
) -> Iterator[dict]:
    """Every capture of articles `first` .. `first + articles - 1`, article by article."""
    for number in range(first, first + articles):
        yield from chain(number, versions, seed, as_html)


def write_jsonl(captures: Iterator[dict], path: Path) -> int:
    """Write captures as JSON Lines; returns how many."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for capture in captures:
            out.write(json.dumps(capture, ensure_ascii=False) + "\n")
            count += 1
    return count


def write_folders(captures: Iterator[dict], root: Path) -> int:
    """Write a folder per article (001.txt ... in capture order, captures.json beside them)."""
    count = 0
    current: str | None = None
    meta: list[dict] = []

    def flush() -> None:
        if current is not None:
            (root / current / "captures.json").write_text(json.dumps(meta, indent=1) + "\n")

    for capture in captures:
        if capture["article"] != current:
            flush()
            current, meta = capture["article"], []
            (root / current).mkdir(parents=True, exist_ok=True)
        suffix = "html" if "html" in capture else "txt"
        name = f"{len(meta) + 1:03d}.{suffix}" if len(meta) < 999 else f"{len(meta) + 1}.{suffix}"
        (root / current / name).write_text(capture.get("html") or capture["text"], encoding="utf-8")
        meta.append({"file": name, "url": capture["url"], "captured_at": capture["captured_at"]})
        count += 1
    flush()
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles (default 10,000)")
    parser.add_argument("--versions", type=int, default=10, help="versions of each (default 10)")
    parser.add_argument("--first", type=int, default=1, help="number of the first article (default 1)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--html", action="store_true", help="news pages in HTML instead of text")
    parser.add_argument("--jsonl", type=Path, help="write JSON Lines here ('-' for standard output)")
    parser.add_argument("--folders", type=Path, help="write a folder per article under this folder")
    args = parser.parse_args(argv)
    if not args.jsonl and not args.folders:
        parser.error("give --jsonl PATH and/or --folders DIR")

    def captures() -> Iterator[dict]:
        return generate(args.articles, args.versions, args.seed, args.html, args.first)

    if args.jsonl:
        if str(args.jsonl) == "-":
            for capture in captures():
                sys.stdout.write(json.dumps(capture, ensure_ascii=False) + "\n")
        else:
            print(f"{write_jsonl(captures(), args.jsonl):,} captures -> {args.jsonl}", file=sys.stderr)
    if args.folders:
        print(f"{write_folders(captures(), args.folders):,} captures -> {args.folders}/", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
