"""JSON Lines for programs that read a corpus line by line: one article's `notes` object a line (the
JSON contract of `notes`), then nothing else, so a report over a million articles can be piped."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

from tracker.present import Format, Output

if TYPE_CHECKING:
    from tracker.values.corpus import Corpus, IndexedArticle
    from tracker.values.records import ArticleNotes


def _line(document: str) -> str:
    return json.dumps(json.loads(document), ensure_ascii=False, separators=(",", ":"))


def notes(result: ArticleNotes, _out: Output) -> str:
    """One article as one line."""
    from tracker.present.json import article_notes

    return json.dumps(article_notes(result), ensure_ascii=False, separators=(",", ":"))


def report(results: list[ArticleNotes], out: Output) -> str:
    """An article a line."""
    return "\n".join(notes(r, out) for r in results)


def report_stream(corpus: Corpus, _out: Output) -> Iterator[str]:
    """An article a line, as read from the index."""
    for k, item in enumerate(corpus.articles()):
        yield ("\n" if k else "") + _line(item.document)


def notes_stream(item: IndexedArticle, _out: Output) -> Iterator[str]:
    """The article's line, from the index."""
    yield _line(item.document)


FORMAT = Format(
    "jsonl",
    "jsonl: one article's JSON a line",
    {"notes": notes, "report": report},
    streams={"report": report_stream, "notes": notes_stream},
)
