"""Queries of the index of what was derived (tables derived_versions and derived_articles): which
entries are missing or stale, reading and writing them, and the corpus filters, streamed.

The rows hold text the caller made (codec JSON, rendered documents): this module stores and finds them
and knows nothing of how they are made.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import NamedTuple

from sqlalchemy import delete, func, null, select

from tracker.store.database import Store
from tracker.store.models import (
    ArticleRow,
    DerivedArticleRow,
    DerivedVersionRow,
    SnapshotRow,
)
from tracker.values.records import Version


@dataclass(frozen=True)
class StoredPart:
    """One version's stored part: the logic that made it, the version it was made after, its JSON."""

    logic: str
    previous_sha256: str | None
    part: str


@dataclass(frozen=True)
class ArticleEntry:
    """An article's stored explanation, as the index holds it (texts left as stored)."""

    key: str
    logic: str
    fingerprint: str
    times: str
    explanation: str | None  # None when not asked for: see `explanation`
    document: str
    summary: str


@dataclass(frozen=True)
class CorpusFilter:
    """What the corpus report keeps: articles whose URL starts with `url_prefix`, captured (some
    version) in [since, until], with a note of one of `kinds`, or with an unannounced edit."""

    since: datetime | None = None
    until: datetime | None = None
    url_prefix: str | None = None
    kinds: tuple[str, ...] = ()
    unannounced_only: bool = False

    @property
    def items(self) -> bool:
        """Whether the filter keeps some of an article's notes and edits and not others."""
        return bool(self.since or self.until or self.kinds or self.unannounced_only)


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def article_id(store: Store, key: str) -> int:
    """The stored article's row id (the key must exist: see Store.resolve_key)."""
    with store.session() as s:
        return s.scalar(select(ArticleRow.id).where(ArticleRow.key == store.resolve_key(key)))


class SnapshotInfo(NamedTuple):
    """What the index needs of a snapshot: no bytes, no text."""

    id: int
    version: int
    sha256: str
    captured_at: datetime
    url: str | None


def snapshots(store: Store, article: int) -> list[SnapshotInfo]:
    """Each version's snapshot id, number, SHA-256, capture time and URL, oldest first."""
    with store.session() as s:
        rows = s.execute(
            select(
                SnapshotRow.id,
                SnapshotRow.version,
                SnapshotRow.sha256,
                SnapshotRow.captured_at,
                SnapshotRow.url,
            )
            .where(SnapshotRow.article_id == article)
            .order_by(SnapshotRow.version)
        ).all()
    return [SnapshotInfo(i, n, sha, _utc(at), url) for i, n, sha, at, url in rows]


def fingerprint(snaps: Iterable[SnapshotInfo]) -> str:
    """Names an article's set of versions: snapshots are only ever added, so their number and the
    newest id change whenever the versions do."""
    ids = [s.id for s in snaps]
    return f"{len(ids)}:{max(ids, default=0)}"


def parts(store: Store, article: int, with_text: bool = True) -> dict[int, StoredPart]:
    """The stored part of each version of an article, by snapshot id (without `with_text`, only
    what says whether it is stale)."""
    columns = [DerivedVersionRow.snapshot_id, DerivedVersionRow.logic, DerivedVersionRow.previous_sha256]
    if with_text:
        columns.append(DerivedVersionRow.part)
    with store.session() as s:
        rows = s.execute(select(*columns).where(DerivedVersionRow.article_id == article)).all()
    return {row[0]: StoredPart(row[1], row[2], row[3] if with_text else "") for row in rows}


def drop_parts(store: Store, article: int) -> None:
    """Forget every stored part of an article."""
    with store.transaction() as s:
        s.execute(delete(DerivedVersionRow).where(DerivedVersionRow.article_id == article))


def versions_of(store: Store, key: str, ids: Iterable[int]) -> dict[int, Version]:
    """The versions with these snapshot ids, with their readings, by snapshot id."""
    wanted = list(ids)
    numbers: dict[int, int] = {}
    with store.session() as s:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            for snap_id, number in s.execute(
                select(SnapshotRow.id, SnapshotRow.version).where(SnapshotRow.id.in_(chunk))
            ):
                numbers[snap_id] = number
    # readings are stored compressed against their snapshot: the store decodes an article's in order
    by_number = {v.version: v for v in store.versions(key)} if numbers else {}
    return {snap_id: by_number[number] for snap_id, number in numbers.items() if number in by_number}


def save_parts(store: Store, article: int, rows: list[tuple[int, StoredPart]]) -> None:
    """Replace the stored parts of these snapshots."""
    if not rows:
        return
    with store.transaction() as s:
        ids = [sid for sid, _ in rows]
        for start in range(0, len(ids), 500):
            s.execute(
                delete(DerivedVersionRow).where(DerivedVersionRow.snapshot_id.in_(ids[start : start + 500]))
            )
        s.add_all(
            DerivedVersionRow(
                snapshot_id=sid,
                article_id=article,
                logic=p.logic,
                previous_sha256=p.previous_sha256,
                part=p.part,
            )
            for sid, p in rows
        )


def article_entry(store: Store, article: int) -> ArticleEntry | None:
    """The article's stored explanation, if any."""
    with store.session() as s:
        row = s.execute(
            select(ArticleRow.key, DerivedArticleRow)
            .join(DerivedArticleRow, DerivedArticleRow.article_id == ArticleRow.id)
            .where(ArticleRow.id == article)
        ).first()
    if row is None:
        return None
    key, d = row
    return ArticleEntry(key, d.logic, d.fingerprint, d.times, d.explanation, d.document, d.summary)


def explanation(store: Store, key: str) -> str:
    """An article's stored explanation (codec JSON), read on its own."""
    with store.session() as s:
        return s.scalar(
            select(DerivedArticleRow.explanation)
            .join(ArticleRow, DerivedArticleRow.article_id == ArticleRow.id)
            .where(ArticleRow.key == key)
        )


def save_article(store: Store, article: int, row: DerivedArticleRow) -> None:
    """Replace the article's stored explanation."""
    row.article_id = article
    with store.transaction() as s:
        s.execute(delete(DerivedArticleRow).where(DerivedArticleRow.article_id == article))
        s.add(row)


def article_row(**fields: object) -> DerivedArticleRow:
    """A row to save, from its fields (so callers need not import the models)."""
    return DerivedArticleRow(**fields)


def stale_articles(store: Store, logic: str, keys: Iterable[str] = ()) -> list[str]:
    """Keys of the articles (default: all) whose explanation is missing or stale, in key order."""
    wanted = [store.resolve_key(k) for k in keys]
    counts = (
        select(
            SnapshotRow.article_id.label("article_id"),
            func.count(SnapshotRow.id).label("n"),
            func.max(SnapshotRow.id).label("newest"),
        )
        .group_by(SnapshotRow.article_id)
        .subquery()
    )
    query = (
        select(
            ArticleRow.key,
            DerivedArticleRow.logic,
            DerivedArticleRow.fingerprint,
            counts.c.n,
            counts.c.newest,
        )
        .join(counts, counts.c.article_id == ArticleRow.id)
        .outerjoin(DerivedArticleRow, DerivedArticleRow.article_id == ArticleRow.id)
        .order_by(ArticleRow.key)
    )
    if wanted:
        query = query.where(ArticleRow.key.in_(wanted))
    with store.session() as s:
        rows = s.execute(query).all()
    return [key for key, lg, fp, n, newest in rows if lg != logic or fp != f"{n}:{newest}"]


def _filtered(query, flt: CorpusFilter, keys: list[str]):  # noqa: ANN001, ANN202 - a select
    if keys:
        query = query.where(ArticleRow.key.in_(keys))
    if flt.url_prefix:
        escaped = flt.url_prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(DerivedArticleRow.url.like(escaped + "%", escape="\\"))
    if flt.since:
        query = query.where(DerivedArticleRow.last_captured >= flt.since)
    if flt.until:
        query = query.where(DerivedArticleRow.first_captured <= flt.until)
    if flt.kinds:
        from sqlalchemy import or_

        query = query.where(or_(*(DerivedArticleRow.kinds.contains(f",{k},") for k in flt.kinds)))
    if flt.unannounced_only:
        query = query.where(DerivedArticleRow.unannounced > 0)
    return query.order_by(ArticleRow.key)


def entries(
    store: Store, flt: CorpusFilter, keys: list[str] = (), batch: int = 200
) -> Iterator[ArticleEntry]:
    """The stored explanations the filter keeps (a first cut, by article), in key order, streamed."""
    query = _filtered(
        select(
            ArticleRow.key,
            DerivedArticleRow.logic,
            DerivedArticleRow.fingerprint,
            DerivedArticleRow.times,
            DerivedArticleRow.explanation if flt.items else null(),
            DerivedArticleRow.document,
            DerivedArticleRow.summary,
        ).join(DerivedArticleRow, DerivedArticleRow.article_id == ArticleRow.id),
        flt,
        list(keys),
    )
    with store.session() as s:
        for row in s.execute(query.execution_options(yield_per=batch)):
            yield ArticleEntry(*row)


def summaries(store: Store, flt: CorpusFilter, keys: list[str] = ()) -> Iterator[str]:
    """The summary rows (JSON) of the same articles, in the same order."""
    query = _filtered(
        select(DerivedArticleRow.summary).join(ArticleRow, DerivedArticleRow.article_id == ArticleRow.id),
        flt,
        list(keys),
    )
    with store.session() as s:
        yield from s.scalars(query.execution_options(yield_per=1000))
