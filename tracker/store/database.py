"""The only module that talks to the database: engine, migrations, sessions and queries.

Every write is one transaction: a failed command leaves the database as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, event, func, inspect, select, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import (
    ArgumentError,
    DBAPIError,
    IntegrityError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.orm import Session, sessionmaker

from tracker.errors import DatabaseError, NotFound
from tracker.store.models import ArticleRow, ReadingRow, SnapshotRow
from tracker.values.records import AddResult, ArticleSummary, Verification, Version
from tracker.values.text import Capture
from tracker.values.text import Reading as ReadingValue

DEFAULT_DB = "tracker.db"
SCHEMA_HEAD = "0001"  # the newest migration in db/versions; a test keeps the two in step
OUR_TABLES = {"articles", "snapshots", "readings"}


def database_url(db: str | None = None) -> str:
    """A SQLAlchemy URL from `--db`, else `TRACKER_DB`, else `tracker.db` in the working directory."""
    db = db or os.environ.get("TRACKER_DB") or DEFAULT_DB
    if "://" in db:
        return db
    if db == ":memory:":  # SQLite's name, not a file
        return "sqlite://"
    return "sqlite:///" + str(Path(db).expanduser().resolve())


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class Store:
    """A tracker database, migrated on first use; created too, unless `create` is false (a command that
    only reads must not leave an empty database behind a mistyped path)."""

    def __init__(self, db: str | None = None, create: bool = True) -> None:
        self.url = database_url(db)
        self.engine = self._connect(self.url, create)
        self._ensure_schema()
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    # -- opening -----------------------------------------------------------------------------
    @staticmethod
    def _connect(url: str, create: bool) -> Engine:
        try:
            parsed = make_url(url)
        except ArgumentError as exc:
            raise DatabaseError(f"not a database URL: {url}") from exc
        if parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:"):
            raise DatabaseError(f"{url} is an in-memory database, which keeps nothing: give a file path")
        if parsed.get_backend_name() == "sqlite":
            path = Path(parsed.database)
            if parsed.query.get("uri") == "true" and parsed.database.startswith("file:"):
                path = Path(parsed.database.removeprefix("file:"))  # sqlite:///file:x.db?mode=ro&uri=true
            if path.is_dir():
                raise DatabaseError(f"database path is a directory: {path}")
            if path.exists() and not path.is_file():
                raise DatabaseError(f"not a database file: {path}")
            if not path.parent.is_dir():
                raise DatabaseError(f"folder for the database does not exist: {path.parent}")
            if not create and not path.exists():
                raise DatabaseError(f"no tracker database at {path} (tracker add creates one)")
        try:
            engine = create_engine(url)
        except (NoSuchModuleError, ImportError) as exc:
            hint = (
                " (pip install 'tracker[postgres]' installs psycopg, for postgresql+psycopg:// URLs)"
                if parsed.get_backend_name() == "postgresql"
                else ""
            )
            raise DatabaseError(f"no driver for {parsed.get_backend_name()}: {exc}{hint}") from exc
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        return engine

    def _ensure_schema(self) -> None:
        try:
            with self.engine.connect() as conn:
                tables = set(inspect(conn).get_table_names())
                revision = None
                if "alembic_version" in tables:
                    revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except OperationalError as exc:
            raise DatabaseError(f"cannot open database {self._shown()}: {_first_line(exc)}") from exc
        except SQLAlchemyError as exc:
            raise DatabaseError(f"not a tracker database: {self._shown()} ({_first_line(exc)})") from exc
        if revision == SCHEMA_HEAD:
            return
        if tables and (revision is None or not OUR_TABLES <= tables):
            raise DatabaseError(f"not a tracker database: {self._shown()} (it has other tables)")
        self._migrate(revision)

    def _migrate(self, revision: str | None) -> None:
        """Run Alembic's migrations up to head; imported only here, since opening must stay quick."""
        from alembic import command
        from alembic.config import Config
        from alembic.script import ScriptDirectory
        from alembic.script.revision import ResolutionError
        from alembic.util import CommandError

        from tracker import migrations

        config = Config()
        config.set_main_option("script_location", str(Path(migrations.__file__).parent))
        if revision is not None:
            try:
                known = ScriptDirectory.from_config(config).get_revision(revision) is not None
            except (CommandError, ResolutionError):  # how alembic says it lacks a revision
                known = False
            if not known:
                raise DatabaseError(
                    f"database {self._shown()} has schema revision {revision!r}, which this version of "
                    "tracker does not know (made by a newer tracker?)"
                )
        try:
            with self.engine.begin() as conn:
                config.attributes["connection"] = conn
                command.upgrade(config, "head")
        except DBAPIError as exc:
            if self._set_up_elsewhere():
                return
            raise DatabaseError(f"cannot set up database {self._shown()}: {_first_line(exc)}") from exc

    def _set_up_elsewhere(self) -> bool:
        """Whether another process was creating the same new database at the same time, and has."""
        import time

        for _ in range(20):
            try:
                with self.engine.connect() as conn:
                    if conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == SCHEMA_HEAD:
                        return True
            except DBAPIError:
                pass
            time.sleep(0.1)
        return False

    def _shown(self) -> str:
        return make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for reading; a database that fails mid-way (a damaged file, a lost server) is one
        clear error, not a traceback."""
        try:
            with self._sessions() as session:
                yield session
        except DBAPIError as exc:
            raise DatabaseError(f"database {self._shown()} failed: {_first_line(exc)}") from exc
        except ValueError as exc:  # a row edited by hand: "garbage" where a time should be
            raise DatabaseError(f"database {self._shown()} holds a value tracker cannot read: {exc}") from exc

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed whole, or rolled back whole."""
        try:
            with self._sessions.begin() as session:
                yield session
        except DBAPIError as exc:
            raise DatabaseError(
                f"database {self._shown()} failed, nothing was written: {_first_line(exc)}"
            ) from exc

    # -- writing -----------------------------------------------------------------------------
    def add(self, items: list[tuple[str, Capture, ReadingValue]], reader_version: str) -> list[AddResult]:
        """Store captures, all or none, each as the next version of its article in capture order,
        unless it repeats the version beside it or is a capture stored already."""
        for attempt in range(_ADD_ATTEMPTS):
            try:
                with self.transaction() as s:
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
        hint = " (to compare two files: tracker diff FILE_A FILE_B)" if Path(key).is_file() else ""
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


def _reading_row(reading: ReadingValue, reader_version: str) -> ReadingRow:
    return ReadingRow(
        reader_version=reader_version,
        text=reading.text,
        title=reading.title,
        byline=reading.byline,
        published=reading.published,
        modified=reading.modified,
        corrections=json.dumps(list(reading.corrections)),
    )


def _version(key: str, snap: SnapshotRow) -> Version:
    r = snap.reading
    reading = (
        ReadingValue(r.text, r.title, r.byline, r.published, r.modified, tuple(json.loads(r.corrections)))
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


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 - DB-API connection
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


_ADD_ATTEMPTS = 5


def _lost_race(exc: BaseException | None) -> bool:
    return isinstance(exc, IntegrityError) or isinstance(exc, OperationalError) and "locked" in str(exc)


def _first_line(exc: Exception) -> str:
    message = str(getattr(exc, "orig", None) or exc)
    return message.strip().splitlines()[0] if message.strip() else type(exc).__name__
