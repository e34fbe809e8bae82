"""An article's explanation as the index holds it, and a corpus of them streamed: what `report` over
many articles and `notes` hand the output formats, so JSON can be written without re-rendering."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.values.records import ArticleNotes


@dataclass(frozen=True)
class IndexedArticle:
    """One article explained: its `notes --format json` document as stored (indented by 2), its
    summary row as JSON, and its values, decoded only when asked for."""

    article: str
    document: str
    summary: str
    values: Callable[[], ArticleNotes]


@dataclass(frozen=True)
class Corpus:
    """Many articles explained, streamed: each call of `articles` or `summaries` reads them afresh in
    the same order, so nothing is held whole in memory."""

    articles: Callable[[], Iterator[IndexedArticle]]
    summaries: Callable[[], Iterator[str]]
