"""Adding captures inside one transaction, reading only what each add needs: the article's latest
version (one row), the stored versions with the same SHA-256 (an indexed query), and the neighbours
only for a capture older than the latest. New versions wait in a batch and go in with one
executemany per table (insertmanyvalues on PostgreSQL and SQLite); each is compressed against the
version before it, chained to it, and counted in the ledger's root.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, literal, select, update
from sqlalchemy.orm import Session

from tracker.errors import DatabaseError
from tracker.store import blobs, chain
from tracker.store.models import ArticleRow, LedgerRow, ReadingRow, SnapshotRow
from tracker.store.rows import raw_of
from tracker.values.records import AddResult
from tracker.values.text import Capture
from tracker.values.text import Reading as ReadingValue

BATCH = 500  # versions held before they are written: bounds the memory of a long add


def utc(at: datetime) -> datetime:
    """An aware UTC time (SQLite hands back naive ones)."""
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


@dataclass
class _Article:
    """What an add needs to know of an article: its latest version and the end of its chain."""

    id: int
    key: str
    url: str | None
    versions: int
    head: str | None
    last_seq: int | None = None
    last_sha: str | None = None
    last_at: datetime | None = None
    last_depth: int = 0
    last_raw: bytes | None = None  # decoded only when a new version is compressed against it
    changed: bool = False


def reading_row(reading: ReadingValue, reader_version: str, raw: bytes) -> dict[str, Any]:
    """A reading as its row's columns; the text compressed against the snapshot's own bytes."""
    return {
        "reader_version": reader_version,
        "text_z": blobs.pack_text(reading.text, raw),
        "title": reading.title,
        "byline": reading.byline,
        "published": reading.published,
        "modified": reading.modified,
        "corrections": json.dumps(list(reading.corrections)),
        "no_article": reading.no_article,
    }


class Writer:
    """The adds of one transaction; `finish` writes what waits and moves the ledger on."""

    def __init__(self, s: Session, reader_version: str) -> None:
        self.s = s
        self.reader_version = reader_version
        ledger = s.scalar(select(LedgerRow).where(LedgerRow.id == 1).with_for_update())
        if ledger is None:
            raise DatabaseError("the database's ledger row is missing: see tracker verify")
        self.ledger = ledger
        self.articles: dict[str, _Article] = {}
        self.pending: list[dict[str, Any]] = []
        self.pending_readings: list[dict[str, Any]] = []

    # -- one capture ------------------------------------------------------------------------------
    def add(self, key: str, capture: Capture, reading: ReadingValue) -> AddResult:
        """Store one capture as a version of `key`, unless it is one stored already."""
        import hashlib

        digest = hashlib.sha256(capture.raw).hexdigest()
        at = utc(capture.captured_at)
        art = self._article(key, capture.url)
        same = self._same_content(art, digest, at, capture)
        if same is not None:
            return AddResult(key, None, False, digest, capture.source, duplicate_of=same)
        if art.last_at is not None and at < art.last_at:
            return self._add_older(art, capture, reading, digest, at)
        if art.last_sha == digest:  # the same content next to itself is no new version
            return AddResult(key, None, False, digest, capture.source, duplicate_of=art.versions)
        depth = blobs.next_depth(art.last_depth if art.last_seq is not None else None) or 0
        base = self._last_raw(art) if depth else None
        version = art.versions + 1
        row = self._row(art, capture, digest, at, version, art.head, base, depth)
        self.pending.append(row)
        self.pending_readings.append(reading_row(reading, self.reader_version, capture.raw))
        art.versions, art.head, art.changed = version, row["link"], True
        art.last_seq, art.last_sha, art.last_at, art.last_depth = row["seq"], digest, at, row["depth"]
        art.last_raw = capture.raw
        if len(self.pending) >= BATCH:
            self._flush()
        return AddResult(key, version, True, digest, capture.source)

    def _row(
        self,
        art: _Article,
        capture: Capture,
        digest: str,
        at: datetime,
        version: int,
        previous_link: str | None,
        base: bytes | None,
        depth: int,
    ) -> dict[str, Any]:
        """A new snapshot's columns, numbered in the ledger and counted in its root."""
        ledger = self.ledger
        ledger.seq += 1
        ledger.versions += 1
        ledger.root = chain.next_root(ledger.root, art.key, digest, at, capture.url)
        return {
            "article_id": art.id,
            "version": version,
            "captured_at": at,
            "added_at": datetime.now(UTC),
            "source": capture.source,
            "url": capture.url,
            "content_type": capture.content_type,
            "sha256": digest,
            "size": len(capture.raw),
            "label": capture.label,
            "seq": ledger.seq,
            "blob": blobs.pack(capture.raw, base),
            "base_seq": art.last_seq if base is not None else None,
            "depth": depth if base is not None else 0,
            "link": chain.link(previous_link, digest, at, capture.url, art.key),
        }

    # -- what is stored already ---------------------------------------------------------------------
    def _article(self, key: str, url: str | None) -> _Article:
        art = self.articles.get(key)
        if art is None:
            row = self.s.execute(
                select(ArticleRow.id, ArticleRow.url, ArticleRow.versions, ArticleRow.head).where(
                    ArticleRow.key == key
                )
            ).first()
            if row is None:
                new_id = self.s.scalar(
                    insert(ArticleRow)
                    .values(key=key, url=url, created_at=datetime.now(UTC), versions=0, head=None)
                    .returning(ArticleRow.id)
                )
                self.ledger.articles += 1
                art = _Article(new_id, key, url, 0, None)
            else:
                art = _Article(row.id, key, row.url, row.versions, row.head)
                last = self.s.execute(
                    select(
                        SnapshotRow.seq, SnapshotRow.sha256, SnapshotRow.captured_at, SnapshotRow.depth
                    ).where(SnapshotRow.article_id == art.id, SnapshotRow.version == art.versions)
                ).first()
                if last is not None:
                    art.last_seq, art.last_sha, art.last_depth = last.seq, last.sha256, last.depth
                    art.last_at = utc(last.captured_at)
            self.articles[key] = art
        if url and not art.url:
            art.url, art.changed = url, True
        return art

    def _last_raw(self, art: _Article) -> bytes | None:
        if art.last_seq is None:
            return None
        if art.last_raw is None:
            try:
                art.last_raw = raw_of(self.s, art.last_seq)
            except ValueError:  # a damaged latest version: the new one is compressed alone
                return None
        return art.last_raw

    def _same_content(self, art: _Article, digest: str, at: datetime, capture: Capture) -> int | None:
        """The version this capture is already stored as: the same bytes at the same time, or the same
        bytes read again from the same file or archive with no other content from it since (a re-run
        import; a file that changed and changed back is a revert, kept)."""
        found = [
            (r.version, utc(r.captured_at), r.source)
            for r in self.s.execute(
                select(SnapshotRow.version, SnapshotRow.captured_at, SnapshotRow.source).where(
                    SnapshotRow.article_id == art.id, SnapshotRow.sha256 == digest
                )
            )
        ]
        found += [
            (r["version"], r["captured_at"], r["source"])
            for r in self._pending_of(art)
            if r["sha256"] == digest
        ]
        for version, when, _ in found:
            if when == at:
                return version
        if not capture.read_again:
            return None
        mine = sorted((when, version) for version, when, source in found if source == capture.source)
        if not mine:
            return None
        when, version = mine[-1]
        if when > at or not self._changed_since(art, capture.source, digest, version, at):
            return version
        return None

    def _changed_since(self, art: _Article, source: str, digest: str, version: int, at: datetime) -> bool:
        """Whether `source` gave other content after version `version`, up to `at`."""
        if any(
            r["version"] > version and r["source"] == source and r["sha256"] != digest
            for r in self._pending_of(art)
        ):
            return True
        other = self.s.scalar(
            select(literal(1))
            .where(
                SnapshotRow.article_id == art.id,
                SnapshotRow.version > version,
                SnapshotRow.captured_at <= at,
                SnapshotRow.source == source,
                SnapshotRow.sha256 != digest,
            )
            .limit(1)
        )
        return other is not None

    def _pending_of(self, art: _Article) -> list[dict[str, Any]]:
        return [r for r in self.pending if r["article_id"] == art.id]

    # -- a capture older than the latest version ------------------------------------------------------
    def _add_older(
        self, art: _Article, capture: Capture, reading: ReadingValue, digest: str, at: datetime
    ) -> AddResult:
        """Slot the capture in by time: later versions move up one and are chained anew after it."""
        self._flush()
        s, key = self.s, art.key
        cols = (SnapshotRow.version, SnapshotRow.seq, SnapshotRow.sha256, SnapshotRow.link, SnapshotRow.depth)
        before = s.execute(
            select(*cols)
            .where(SnapshotRow.article_id == art.id, SnapshotRow.captured_at <= at)
            .order_by(SnapshotRow.version.desc())
            .limit(1)
        ).first()
        slot = before.version + 1 if before else 1
        after = s.execute(
            select(*cols).where(SnapshotRow.article_id == art.id, SnapshotRow.version == slot)
        ).first()
        for neighbour in (before, after):
            if neighbour is not None and neighbour.sha256 == digest:
                return AddResult(key, None, False, digest, capture.source, duplicate_of=neighbour.version)
        # two steps, so the unique (article, version) never clashes mid-statement on either engine
        moving = (SnapshotRow.article_id == art.id, SnapshotRow.version >= slot)
        s.execute(update(SnapshotRow).where(*moving).values(version=-(SnapshotRow.version + 1)))
        s.execute(
            update(SnapshotRow)
            .where(SnapshotRow.article_id == art.id, SnapshotRow.version < 0)
            .values(version=-SnapshotRow.version)
        )
        base, depth = None, 0
        if before is not None:
            depth = blobs.next_depth(before.depth) or 0
            if depth:
                try:
                    base = raw_of(s, before.seq)
                except ValueError:
                    depth = 0
        saved_seq = art.last_seq
        art.last_seq = before.seq if before else None
        row = self._row(art, capture, digest, at, slot, before.link if before else None, base, depth)
        art.last_seq = saved_seq
        new_id = s.scalar(insert(SnapshotRow).values(**row).returning(SnapshotRow.id))
        s.execute(
            insert(ReadingRow).values(
                snapshot_id=new_id, **reading_row(reading, self.reader_version, capture.raw)
            )
        )
        later = s.execute(
            select(SnapshotRow.id, SnapshotRow.sha256, SnapshotRow.captured_at, SnapshotRow.url)
            .where(SnapshotRow.article_id == art.id, SnapshotRow.version > slot)
            .order_by(SnapshotRow.version)
        ).all()
        previous, relinked = row["link"], []
        for r in later:
            previous = chain.link(previous, r.sha256, utc(r.captured_at), r.url, key)
            relinked.append({"id": r.id, "link": previous})
        if relinked:
            s.execute(update(SnapshotRow), relinked)
        art.versions += 1
        art.head, art.changed = previous, True
        return AddResult(key, slot, True, digest, capture.source, renumbered=len(later))

    # -- writing ----------------------------------------------------------------------------------
    def _flush(self) -> None:
        if not self.pending:
            return
        ids = self.s.scalars(
            insert(SnapshotRow).returning(SnapshotRow.id, sort_by_parameter_order=True), self.pending
        ).all()
        readings = [dict(r, snapshot_id=i) for r, i in zip(self.pending_readings, ids, strict=True)]
        self.s.execute(insert(ReadingRow), readings)
        self.pending, self.pending_readings = [], []

    def finish(self) -> None:
        """Write the waiting versions, the articles' chain ends and the ledger."""
        self._flush()
        changed = [
            {"id": a.id, "versions": a.versions, "head": a.head, "url": a.url}
            for a in self.articles.values()
            if a.changed
        ]
        if changed:
            self.s.execute(update(ArticleRow), changed)
        self.s.flush()
