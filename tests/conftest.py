"""Shared fixtures: databases on both engines, the seed story, the corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the checkout holds the real-news corpus; TRACKER_SHARED points elsewhere
SHARED = Path(os.environ.get("TRACKER_SHARED") or ROOT.parent / "shared")
CORPUS = SHARED / "corpus"
SEED_DIR = ROOT / "snapshots" / "armor-coalition"
SEED_V1 = SEED_DIR / "2024-01-23-1-reconstructed.txt"
SEED_V2 = SEED_DIR / "2024-01-23-2-corrected.txt"


def _postgres_url() -> str | None:
    url = os.environ.get("TRACKER_TEST_PG_URL")
    if not url and os.environ.get("CI") == "true":
        pytest.fail("CI must run the PostgreSQL tests: TRACKER_TEST_PG_URL is not set (see scripts/test)")
    return url


def _reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request, tmp_path) -> str:
    """A fresh, empty database on each engine: a SQLite file, or a real PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path / "tracker.db")
    url = _postgres_url()
    if not url:
        pytest.skip("PostgreSQL not available: set TRACKER_TEST_PG_URL (scripts/test does)")
    _reset_postgres(url)
    return url


@pytest.fixture
def sqlite_db(tmp_path) -> str:
    return str(tmp_path / "tracker.db")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def invoke(runner):
    """Run the `tracker` command in-process, as a user would type it."""
    from tracker.cli import main

    def run(*args: str, input: bytes | str | None = None):
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return run


@pytest.fixture
def seed_db(db, invoke) -> str:
    """The seed story stored: the reconstructed version 1, then the corrected version 2."""
    for path, at in ((SEED_V1, "2024-01-23T10:00:00Z"), (SEED_V2, "2024-01-23T16:00:00Z")):
        result = invoke("--db", db, "add", path, "--article", "armor-coalition", "--captured-at", at)
        assert result.exit_code == 0, result.output
    return db


def corpus(*parts: str) -> Path:
    path = CORPUS.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"corpus not found: {path}")
    return path


def add_json(invoke, db, *args):  # noqa: ANN001, ANN201
    """`tracker add ... --format json` through the CLI, which must succeed; its rows."""
    import json

    result = invoke("--db", db, "add", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)
