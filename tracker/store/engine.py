"""Opening a tracker database: the URL, the engine, and the schema migrated to head, safely when
several processes open a new database at once."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError

from tracker.errors import DatabaseError

DEFAULT_DB = "tracker.db"
SCHEMA_HEAD = "0004"  # the newest migration in db/versions; a test keeps the two in step
OUR_TABLES = {"articles", "snapshots", "readings"}


def database_url(db: str | None = None) -> str:
    """A SQLAlchemy URL from `--db`, else `TRACKER_DB`, else `tracker.db` in the working directory."""
    db = db or os.environ.get("TRACKER_DB") or DEFAULT_DB
    if "://" in db:
        return db
    if db == ":memory:":  # SQLite's name, not a file
        return "sqlite://"
    return "sqlite:///" + str(Path(db).expanduser().resolve())


def connect(url: str, create: bool) -> Engine:
    """An engine for `url`; a path that cannot be a database is one clear error."""
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
        if not create and path.is_file() and path.stat().st_size == 0:  # left as it is: not ours to fill
            raise DatabaseError(f"{path} is an empty file, not a tracker database (tracker add creates one)")
    try:
        # a writer waits its turn for SQLite's one lock up to 60 s (the driver's default is 5)
        engine = create_engine(
            url, connect_args={"timeout": 60} if parsed.get_backend_name() == "sqlite" else {}
        )
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


def ensure_schema(engine: Engine) -> None:
    """Migrate to head when needed. The check runs twice: once unlocked (the quick path of every
    command), then under a lock that makes concurrent first uses take turns, so a process never
    sees another one's half-made schema."""
    shown = shown_url(engine.url)
    try:
        with engine.connect() as conn:
            if _schema_state(conn)[1] == SCHEMA_HEAD:
                return
    except OperationalError as exc:
        raise DatabaseError(f"cannot open database {shown}: {first_line(exc)}") from exc
    except SQLAlchemyError as exc:
        raise DatabaseError(f"not a tracker database: {shown} ({first_line(exc)})") from exc
    try:
        with engine.connect() as conn:
            _lock_for_schema(conn)
            tables, revision = _schema_state(conn)
            if revision == SCHEMA_HEAD:
                conn.rollback()
                return
            if tables and (revision is None or not OUR_TABLES <= tables):
                raise DatabaseError(f"not a tracker database: {shown} (it has other tables)")
            _migrate(conn, revision, shown)
            conn.commit()
    except OperationalError as exc:
        raise DatabaseError(f"cannot set up database {shown}: {first_line(exc)}") from exc
    except SQLAlchemyError as exc:
        raise DatabaseError(f"not a tracker database: {shown} ({first_line(exc)})") from exc


def _migrate(conn: Connection, revision: str | None, shown: str) -> None:
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
                f"database {shown} has schema revision {revision!r}, which this version of "
                "tracker does not know (made by a newer tracker?)"
            )
    config.attributes["connection"] = conn
    command.upgrade(config, "head")


def shown_url(url: str | URL) -> str:
    """The URL as a message may show it: no password."""
    return make_url(url).render_as_string(hide_password=True)


def _schema_state(conn: Connection) -> tuple[set[str], str | None]:
    tables = set(inspect(conn).get_table_names())
    revision = None
    if "alembic_version" in tables:
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return tables, revision


_SCHEMA_LOCK = 0x7472_6B72  # "trkr": PostgreSQL's advisory lock for setting up the schema


def _lock_for_schema(conn: Connection) -> None:
    """Hold the database's one writer lock (SQLite) or an advisory lock (PostgreSQL) until commit."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN EXCLUSIVE")  # waits, up to the driver's timeout, for the others
    elif conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK})


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001 - DB-API connection
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def first_line(exc: Exception) -> str:
    """A database error as one line, for a message that must fit on one."""
    message = str(getattr(exc, "orig", None) or exc)
    return message.strip().splitlines()[0] if message.strip() else type(exc).__name__
