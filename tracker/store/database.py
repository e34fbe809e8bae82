"""The only module that reads and writes the tables: sessions, transactions and queries (opening
and migrating is `engine`).

Every write is one transaction: a failed command leaves the database as it was.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select, text
from sqlalchemy.exc import (
    DBAPIError,
    IntegrityError,
    OperationalError,
)
from sqlalchemy.orm import Session, sessionmaker

from tracker.errors import DatabaseError, NotFound
from tracker.store.audit import audit
from tracker.store.blobs import unpack_text
from tracker.store.chain import EMPTY_ROOT, stable_id
from tracker.store.engine import (
    connect,
    database_url,
    ensure_schema,
    first_line,
    shown_url,
)
from tracker.store.models import ArticleRow, LedgerRow, ReadingRow, SnapshotRow
from tracker.store.rows import decode_in_order, raw_of
from tracker.store.writes import Writer, reading_row, utc
from tracker.values.records import AddResult, ArticleSummary, Verification, Version
from tracker.values.text import Capture
from tracker.values.text import Reading as ReadingValue


class Store:
    """A tracker database, migrated on first use; created too, unless `create` is false (a command that
    only reads must not leave an empty database behind a mistyped path)."""

    def __init__(self, db: str | None = None, create: bool = True) -> None:
        self.url = database_url(db)
        self.engine = connect(self.url, create)
        ensure_schema(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def _shown(self) -> str:
        return shown_url(self.url)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for reading; a database that fails mid-way (a damaged file, a lost server) is one
        clear error, not a traceback."""
        try:
            with self._sessions() as session:
                yield session
        except DBAPIError as exc:
            raise DatabaseError(f"database {self._shown()} failed: {first_line(exc)}") from exc
        except ValueError as exc:  # a row edited by hand: "garbage" where a time should be
            raise DatabaseError(f"database {self._shown()} holds a value tracker cannot read: {exc}") from exc

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed whole, or rolled back whole."""
        try:
            with self._sessions.begin() as session:
                if self.engine.dialect.name == "sqlite":  # take the writer's lock now, not mid-way
                    session.connection().exec_driver_sql("BEGIN IMMEDIATE")
                yield session
        except DBAPIError as exc:
            raise DatabaseError(
                f"database {self._shown()} failed, nothing was written: {first_line(exc)}"
            ) from exc

    # -- writing -----------------------------------------------------------------------------
    def add(self, items: list[tuple[str, Capture, ReadingValue]], reader_version: str) -> list[AddResult]:
        """Store captures, all or none, each as the next version of its article in capture order,
        unless it repeats the version beside it or is a capture stored already."""
        for attempt in range(_ADD_ATTEMPTS):
            try:
                with self.transaction() as s:
                    _lock_articles(s, {key for key, _, _ in items})
                    writer = Writer(s, reader_version)
                    results = [writer.add(key, capture, reading) for key, capture, reading in items]
                    writer.finish()
                    return results
            except DatabaseError as exc:
                # another writer won the race for the same rows, or the engine broke a deadlock or a
                # serialization conflict: wait a little, longer each time, and add after it
                if attempt + 1 == _ADD_ATTEMPTS or not _lost_race(exc.__cause__):
                    raise
                time.sleep(random.uniform(0.5, 1.5) * 0.02 * 2**attempt)
        raise AssertionError("unreachable")

    def save_reading(self, key: str, version: int, reading: ReadingValue, reader_version: str) -> None:
        """Replace a derived reading (the snapshot itself is never touched)."""
        with self.transaction() as s:
            snapshot_id, seq = self._snapshot(s, key, version)
            raw = raw_of(s, seq)
            s.execute(delete(ReadingRow).where(ReadingRow.snapshot_id == snapshot_id))
            s.execute(
                insert(ReadingRow).values(
                    snapshot_id=snapshot_id, **reading_row(reading, reader_version, raw)
                )
            )

    # -- reading -----------------------------------------------------------------------------
    def articles(self) -> list[ArticleSummary]:
        """Every article with its version count and capture span."""
        with self.session() as s:
            rows = s.execute(
                select(
                    ArticleRow.key,
                    ArticleRow.url,
                    func.count(SnapshotRow.id),
                    func.min(SnapshotRow.captured_at),
                    func.max(SnapshotRow.captured_at),
                )
                .outerjoin(SnapshotRow)
                .group_by(ArticleRow.id)
                .order_by(ArticleRow.key)
            ).all()
        return [
            ArticleSummary(key, url, n, utc(first) if first else None, utc(last) if last else None)
            for key, url, n, first, last in rows
        ]

    def resolve_key(self, key: str) -> str:
        """The stored key, exactly as given: an audit must never open a neighbour by accident."""
        with self.session() as s:
            if s.scalar(select(ArticleRow.key).where(ArticleRow.key == key)) is not None:
                return key
        hint = " (to compare two files: tracker diff FILE_A FILE_B)" if _is_file(key) else ""
        raise NotFound(f"unknown article: {key!r}; see `tracker articles`{hint}")

    def versions(self, key: str) -> list[Version]:
        """Every version of an article, oldest first, with its reading but without the raw bytes."""
        return [v for _, v in self.versions_with_ids(key)]

    def versions_with_ids(self, key: str) -> list[tuple[int, Version]]:
        """Every version of an article, oldest first, with its snapshot's row id."""
        key = self.resolve_key(key)
        with self.session() as s:
            rows = s.execute(
                select(
                    SnapshotRow.id,
                    *_VERSION_COLUMNS,
                    SnapshotRow.seq,
                    SnapshotRow.base_seq,
                    SnapshotRow.blob,
                    *_READING_COLUMNS,
                )
                .join(ArticleRow)
                .outerjoin(ReadingRow)
                .where(ArticleRow.key == key)
                .order_by(SnapshotRow.version)
            ).all()
            out = []
            for row, raw in decode_in_order(rows):
                if isinstance(raw, ValueError):
                    raise ValueError(f"{key!r} version {row.version}: {raw}")
                out.append((row.id, _version(key, row, raw)))
            return out

    def reader_versions(self, key: str) -> dict[int, str | None]:
        """For each version, the version of the reader its stored reading came from."""
        key = self.resolve_key(key)
        with self.session() as s:
            rows = s.execute(
                select(SnapshotRow.version, ReadingRow.reader_version)
                .join(ArticleRow)
                .outerjoin(ReadingRow)
                .where(ArticleRow.key == key)
            ).all()
        return dict(rows)

    def raw(self, key: str, version: int) -> bytes:
        """A snapshot's bytes exactly as captured."""
        with self.session() as s:
            _, seq = self._snapshot(s, self.resolve_key(key), version)
            return raw_of(s, seq)

    def verify(self, keys: Iterable[str] = (), expect_root: str | None = None) -> list[Verification]:
        """Every version checked against its own SHA-256 and its chain, and the database against its
        ledger (and a root kept elsewhere): one row per version, and one per problem found."""
        wanted = [self.resolve_key(k) for k in keys]
        with self.session() as s:
            return audit(s, wanted, expect_root)

    def root(self) -> str:
        """The ledger's root: keep it elsewhere, and `verify --expect-root` proves the database later."""
        with self.session() as s:
            return s.scalar(select(LedgerRow.root).where(LedgerRow.id == 1)) or EMPTY_ROOT

    @staticmethod
    def _snapshot(s: Session, key: str, version: int) -> tuple[int, int]:
        row = s.execute(
            select(SnapshotRow.id, SnapshotRow.seq)
            .join(ArticleRow)
            .where(ArticleRow.key == key, SnapshotRow.version == version)
        ).first()
        if row is None:
            count = s.scalar(select(func.count(SnapshotRow.id)).join(ArticleRow).where(ArticleRow.key == key))
            raise NotFound(f"article {key!r} has no version {version} (it has {count})")
        return row.id, row.seq


def _is_file(name: str) -> bool:
    """Whether a key names a file here; a key too long or too odd for a path names none."""
    try:
        return Path(name).is_file()
    except (OSError, ValueError):
        return False


_VERSION_COLUMNS = (
    SnapshotRow.version,
    SnapshotRow.captured_at,
    SnapshotRow.added_at,
    SnapshotRow.source,
    SnapshotRow.url,
    SnapshotRow.content_type,
    SnapshotRow.sha256,
    SnapshotRow.size,
    SnapshotRow.label,
)
_READING_COLUMNS = (
    ReadingRow.text_z,
    ReadingRow.title,
    ReadingRow.byline,
    ReadingRow.published,
    ReadingRow.modified,
    ReadingRow.corrections,
    ReadingRow.no_article,
)


def _version(key: str, row: Any, raw: bytes) -> Version:
    reading = (
        ReadingValue(
            unpack_text(row.text_z, raw),
            row.title,
            row.byline,
            row.published,
            row.modified,
            tuple(json.loads(row.corrections)),
            bool(row.no_article),
        )
        if row.text_z is not None
        else ReadingValue("")
    )
    captured_at = utc(row.captured_at)
    return Version(
        article=key,
        version=row.version,
        captured_at=captured_at,
        added_at=utc(row.added_at),
        source=row.source,
        url=row.url,
        content_type=row.content_type,
        sha256=row.sha256,
        size=row.size,
        label=row.label,
        reading=reading,
        stable_id=stable_id(row.sha256, captured_at),
    )


_ADD_ATTEMPTS = 8
# PostgreSQL's SQLSTATEs for a transaction the server gave up so that another could go on
_RETRY_STATES = {"40001", "40P01", "55P03"}


def _lock_articles(s: Session, keys: set[str]) -> None:
    """On PostgreSQL, writers of the same article take turns (SQLite has one writer at a time anyway);
    in sorted order, so two writers never wait on each other."""
    if s.get_bind().dialect.name == "postgresql":
        for key in sorted(keys):
            s.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": key})


def _lost_race(exc: BaseException | None) -> bool:
    """Whether a failed add is worth trying again: a clash on the version number, SQLite's lock held
    too long, or PostgreSQL breaking a deadlock or a serialization conflict."""
    if isinstance(exc, IntegrityError):
        return True
    if isinstance(exc, OperationalError | DBAPIError):
        state = getattr(getattr(exc, "orig", None), "sqlstate", None)
        return state in _RETRY_STATES or "locked" in str(exc) or "deadlock" in str(exc).lower()
    return False
