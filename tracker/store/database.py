"""The only module that reads and writes the tables: sessions, transactions and queries (opening
and migrating is `engine`).

Every write is one transaction: a failed command leaves the database as it was.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.exc import (
    DBAPIError,
    IntegrityError,
    OperationalError,
)
from sqlalchemy.orm import Session, sessionmaker

from tracker.errors import DatabaseError, NotFound
from tracker.store.engine import (
    connect,
    database_url,
    ensure_schema,
    first_line,
    shown_url,
)
from tracker.store.models import ArticleRow, ReadingRow, SnapshotRow
from tracker.values.records import AddResult, ArticleSummary, Verification, Version
from tracker.values.text import Capture
from tracker.values.text import Reading as ReadingValue


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


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
                    return [
                        self._add_one(s, key, capture, reading, reader_version)
                        for key, capture, reading in items
                    ]
            except DatabaseError as exc:
                # another process added a version of the same article between our read and our write
                # (the unique version number), or holds the lock: read again and add after it
                if attempt + 1 == _ADD_ATTEMPTS or not _lost_race(exc.__cause__):
                    raise
        raise AssertionError("unreachable")

    @staticmethod
    def _add_one(
        s: Session, key: str, capture: Capture, reading: ReadingValue, reader_version: str
    ) -> AddResult:
        digest = hashlib.sha256(capture.raw).hexdigest()
        captured_at = _utc(capture.captured_at)
        article = s.scalar(select(ArticleRow).where(ArticleRow.key == key))
        if article is None:
            article = ArticleRow(key=key, url=capture.url, created_at=datetime.now(UTC))
            s.add(article)
            s.flush()
        elif capture.url and not article.url:
            article.url = capture.url
        existing = list(
            s.scalars(
                select(SnapshotRow).where(SnapshotRow.article_id == article.id).order_by(SnapshotRow.version)
            )
        )
        for snap in existing:  # the same capture stored already: an import run twice adds nothing
            if snap.sha256 == digest and (
                _utc(snap.captured_at) == captured_at or capture.read_again and snap.source == capture.source
            ):
                return AddResult(key, None, False, digest, capture.source, duplicate_of=snap.version)
        before = [snap for snap in existing if _utc(snap.captured_at) <= captured_at]
        later = [snap for snap in existing if _utc(snap.captured_at) > captured_at]
        for neighbour in before[-1:] + later[:1]:  # the same content next to itself is no new version
            if neighbour.sha256 == digest:
                return AddResult(key, None, False, digest, capture.source, duplicate_of=neighbour.version)
        version = len(before) + 1
        for snap in reversed(later):  # highest first, so the unique (article, version) never clashes
            snap.version += 1
            s.flush()
        snapshot = SnapshotRow(
            article_id=article.id,
            version=version,
            captured_at=captured_at,
            added_at=datetime.now(UTC),
            source=capture.source,
            url=capture.url,
            content_type=capture.content_type,
            sha256=digest,
            size=len(capture.raw),
            raw=capture.raw,
            label=capture.label,
        )
        snapshot.reading = _reading_row(reading, reader_version)
        s.add(snapshot)
        s.flush()
        return AddResult(key, version, True, digest, capture.source, renumbered=len(later))

    def save_reading(self, key: str, version: int, reading: ReadingValue, reader_version: str) -> None:
        """Replace a derived reading (the snapshot itself is never touched)."""
        with self.transaction() as s:
            snap = self._snapshot(s, key, version)
            snap.reading = _reading_row(reading, reader_version)

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
            ArticleSummary(key, url, n, _utc(first) if first else None, _utc(last) if last else None)
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
        key = self.resolve_key(key)
        with self.session() as s:
            snaps = s.scalars(
                select(SnapshotRow)
                .join(ArticleRow)
                .where(ArticleRow.key == key)
                .order_by(SnapshotRow.version)
            ).all()
            return [_version(key, snap) for snap in snaps]

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
            return self._snapshot(s, self.resolve_key(key), version).raw

    def verify(self, keys: Iterable[str] = ()) -> list[Verification]:
        """Recompute each snapshot's SHA-256 from its stored bytes: proof that none was altered."""
        wanted = [self.resolve_key(k) for k in keys]
        out = []
        with self.session() as s:
            query = select(ArticleRow.key, SnapshotRow.version, SnapshotRow.sha256, SnapshotRow.raw).join(
                ArticleRow
            )
            if wanted:
                query = query.where(ArticleRow.key.in_(wanted))
            for key, version, digest, raw in s.execute(query.order_by(ArticleRow.key, SnapshotRow.version)):
                # a snapshot rewritten by hand may come back as text or nothing: altered, whatever it says
                ok = isinstance(raw, bytes) and hashlib.sha256(raw).hexdigest() == digest
                out.append(Verification(key, version, digest, ok))
        return out

    @staticmethod
    def _snapshot(s: Session, key: str, version: int) -> SnapshotRow:
        snap = s.scalar(
            select(SnapshotRow).join(ArticleRow).where(ArticleRow.key == key, SnapshotRow.version == version)
        )
        if snap is None:
            count = s.scalar(select(func.count(SnapshotRow.id)).join(ArticleRow).where(ArticleRow.key == key))
            raise NotFound(f"article {key!r} has no version {version} (it has {count})")
        return snap


def _is_file(name: str) -> bool:
    """Whether a key names a file here; a key too long or too odd for a path names none."""
    try:
        return Path(name).is_file()
    except (OSError, ValueError):
        return False


def _reading_row(reading: ReadingValue, reader_version: str) -> ReadingRow:
    return ReadingRow(
        reader_version=reader_version,
        text=reading.text,
        title=reading.title,
        byline=reading.byline,
        published=reading.published,
        modified=reading.modified,
        corrections=json.dumps(list(reading.corrections)),
        no_article=reading.no_article,
    )


def _version(key: str, snap: SnapshotRow) -> Version:
    r = snap.reading
    reading = (
        ReadingValue(
            r.text,
            r.title,
            r.byline,
            r.published,
            r.modified,
            tuple(json.loads(r.corrections)),
            bool(r.no_article),
        )
        if r
        else ReadingValue("")
    )
    return Version(
        article=key,
        version=snap.version,
        captured_at=_utc(snap.captured_at),
        added_at=_utc(snap.added_at),
        source=snap.source,
        url=snap.url,
        content_type=snap.content_type,
        sha256=snap.sha256,
        size=snap.size,
        label=snap.label,
        reading=reading,
    )


_ADD_ATTEMPTS = 5


def _lock_articles(s: Session, keys: set[str]) -> None:
    """On PostgreSQL, writers of the same article take turns (SQLite has one writer at a time anyway);
    in sorted order, so two writers never wait on each other."""
    if s.get_bind().dialect.name == "postgresql":
        for key in sorted(keys):
            s.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": key})


def _lost_race(exc: BaseException | None) -> bool:
    return isinstance(exc, IntegrityError) or isinstance(exc, OperationalError) and "locked" in str(exc)
