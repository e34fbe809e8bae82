"""Storing snapshots: exact bytes, versions in capture order, duplicates, sources, the schema."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import zstandard as zstd

from tests.conftest import SEED_V1, SEED_V2, add_json
from tracker.api import Tracker
from tracker.store.database import Store


def _edit_by_hand(path, statement, *params):
    """Change a SQLite database behind tracker's back, as a damaged or tampered file would be."""
    import sqlite3

    con = sqlite3.connect(path)
    con.execute(statement, *params)
    con.commit()
    con.close()


def test_adding_identical_content_adds_nothing_and_says_so(db, invoke):
    add_json(invoke, db, SEED_V1, "--article", "a")
    result = invoke("--db", db, "add", SEED_V1, "--article", "a")
    assert "identical to a version 1; nothing added" in result.output
    assert Tracker(db).articles()[0].versions == 1


def test_raw_bytes_are_kept_exactly_with_sha256(db, invoke, tmp_path):
    latin = tmp_path / "caf\u00e9.txt"
    raw = "Caf\u00e9 owner says \u201cno\u201d.\r\n\r\nSecond paragraph.\r\n".encode("cp1252")
    latin.write_bytes(raw)
    [row] = add_json(invoke, db, latin)
    tracker = Tracker(db)
    assert tracker.store.raw(row["article"], 1) == raw
    assert row["sha256"] == hashlib.sha256(raw).hexdigest()
    assert "Caf\u00e9 owner says \u201cno\u201d." in tracker.show(row["article"]).text


def test_versions_are_numbered_in_capture_order(db, invoke):
    add_json(invoke, db, SEED_V2, "--article", "a", "--captured-at", "2024-01-23T16:00:00Z")
    add_json(invoke, db, SEED_V1, "--article", "a", "--captured-at", "2024-01-23T10:00:00+00:00")
    versions = Tracker(db).versions("a")
    assert [v.version for v in versions] == [1, 2]
    assert "Germany will lead" in versions[0].reading.text
    assert "Poland will lead" in versions[1].reading.text


def test_html_is_reduced_to_article_text_with_title(db, invoke, tmp_path):
    page = tmp_path / "page.html"
    body = "".join(
        f"<p>Paragraph {i} of the story says something about the budget vote.</p>" for i in range(8)
    )
    page.write_text(
        "<html><head><title>Budget passes</title></head><body><nav>Home | Sports</nav>"
        f"<article><h1>Budget passes</h1>{body}</article><footer>Copyright</footer></body></html>"
    )
    add_json(invoke, db, page, "--article", "budget")
    shown = Tracker(db).show("budget")
    assert shown.version.content_type == "text/html"
    assert shown.version.reading.title == "Budget passes"
    assert "Paragraph 3 of the story" in shown.text
    assert "Home | Sports" not in shown.text


def test_database_from_environment(tmp_path, invoke, monkeypatch):
    target = tmp_path / "env.db"
    monkeypatch.setenv("TRACKER_DB", str(target))
    result = invoke("add", SEED_V1, "--article", "a")
    assert result.exit_code == 0 and target.exists()


def test_schema_head_matches_the_newest_migration():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    import tracker.migrations
    from tracker.store.engine import SCHEMA_HEAD

    config = Config()
    config.set_main_option("script_location", str(Path(tracker.migrations.__file__).parent))
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_HEAD


def test_migrations_create_the_models_schema(db):
    from sqlalchemy import inspect

    from tracker.store.models import Base

    store = Store(db)
    tables = set(inspect(store.engine).get_table_names())
    assert set(Base.metadata.tables) | {"alembic_version"} <= tables
    for name, table in Base.metadata.tables.items():
        columns = {c["name"] for c in inspect(store.engine).get_columns(name)}
        assert columns == {c.name for c in table.columns}


def test_verify_catches_altered_bytes(sqlite_db, invoke):

    add_json(invoke, sqlite_db, SEED_V1, "--article", "a")
    _edit_by_hand(sqlite_db, "UPDATE snapshots SET blob = ? WHERE version = 1", (b"tampered",))
    result = invoke("--db", sqlite_db, "verify")
    assert result.exit_code == 1 and "ALTERED" in result.output


def test_verify_catches_a_snapshot_rewritten_as_text(sqlite_db, invoke):

    add_json(invoke, sqlite_db, SEED_V1, "--article", "a")
    _edit_by_hand(sqlite_db, "UPDATE snapshots SET blob = 'Poland will lead the coalition.'")
    result = invoke("--db", sqlite_db, "verify")
    assert result.exit_code == 1 and "ALTERED" in result.output and "Traceback" not in result.output


def test_a_damaged_database_file_is_one_line_of_error(sqlite_db, invoke, tmp_path):
    for k in range(12):  # enough pages that the damage falls inside the tables, past the header
        page = tmp_path / f"{k}.txt"
        page.write_text(f"Story {k}\n\n" + f"Paragraph {k} of a long story about the council. " * 300)
        add_json(invoke, sqlite_db, page)
    data = bytearray(Path(sqlite_db).read_bytes())
    assert len(data) > 40000
    data[20000:28000] = b"\xff" * 8000
    Path(sqlite_db).write_bytes(bytes(data))
    for args in (["articles"], ["log", "0.txt"], ["report"], ["verify"]):
        result = invoke("--db", sqlite_db, *args)
        lines = result.output.strip().splitlines()
        assert result.exit_code == 1 and len(lines) == 1 and lines[0].startswith("Error: "), (
            args,
            result.output,
        )


def test_content_identical_to_the_later_neighbour_adds_nothing(db, invoke):
    add_json(invoke, db, SEED_V2, "--article", "a", "--captured-at", "2024-03-02T00:00:00Z")
    [row] = add_json(invoke, db, SEED_V2, "--article", "a", "--captured-at", "2024-03-01T00:00:00Z")
    assert not row["added"] and row["duplicate_of"] == 1
    assert len(Tracker(db).versions("a")) == 1


def test_an_older_capture_says_that_later_versions_moved_up(db, invoke):
    add_json(invoke, db, SEED_V2, "--article", "a", "--captured-at", "2024-01-23T16:00:00Z")
    result = invoke("--db", db, "add", SEED_V1, "--article", "a", "--captured-at", "2024-01-23T10:00:00Z")
    assert "added a version 1" in result.output and "now count from 2" in result.output


def test_readings_from_an_older_reader_are_recomputed_from_the_bytes(sqlite_db, invoke):
    import sqlite3

    add_json(invoke, sqlite_db, SEED_V1, "--article", "a")
    _edit_by_hand(
        sqlite_db, "UPDATE readings SET reader_version = 'old', text_z = ?", (zstd.compress(b"stale text"),)
    )
    assert "Germany will lead" in Tracker(sqlite_db).show("a").text
    con = sqlite3.connect(sqlite_db)
    assert con.execute("SELECT reader_version FROM readings").fetchall() != [("old",)]


def test_a_command_that_only_reads_does_not_create_a_mistyped_database(sqlite_db, invoke, tmp_path):
    keep = tmp_path / "keep.md"
    keep.write_text("an earlier report\n")
    for args in (["articles"], ["report", "-o", str(keep)], ["log", "a"], ["verify"]):
        result = invoke("--db", sqlite_db, *args)
        assert result.exit_code == 1 and result.output.startswith("Error: no tracker database at"), args
    assert not Path(sqlite_db).exists()
    assert keep.read_text() == "an earlier report\n"


def test_adding_a_folder_twice_adds_nothing_the_second_time(db, invoke):
    first = add_json(invoke, db, SEED_V1.parent, "--article", "a")
    again = add_json(invoke, db, SEED_V1.parent, "--article", "a")
    assert [r["added"] for r in first] == [True, True]
    assert [(r["added"], r["duplicate_of"]) for r in again] == [(False, 1), (False, 2)]
    notes = json.loads(invoke("--db", db, "notes", "a", "--format", "json").output)
    assert notes["versions"] == 2 and notes["unannounced"] == []


def test_a_page_read_again_from_standard_input_that_reverted_is_kept(db, invoke):
    for text in (
        "Germany leads the coalition.\n",
        "Poland leads the coalition.\n",
        "Germany leads the coalition.\n",
    ):
        result = invoke("--db", db, "add", "-", "--article", "a", input=text)
        assert result.exit_code == 0, result.output
    versions = Tracker(db).versions("a")
    assert [("Germany" in v.reading.text) for v in versions] == [True, False, True]


def test_adds_from_several_processes_at_once_all_land(db, tmp_path):
    """Writers that start together on a new database: each takes its turn to set up the schema and to
    number its version, on either engine."""
    import subprocess
    import sys

    writers = 4 if db.startswith("sqlite") else 8
    procs = []
    for n in range(writers):
        path = tmp_path / f"{n}.txt"
        path.write_text(f"Capture {n} of the page, with its own words number {n}.\n")
        procs.append(
            subprocess.Popen(
                [sys.executable, "-m", "tracker", "--db", db, "add", str(path), "--article", "a"],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
        )
    outputs = [p.communicate()[0] for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    versions = Tracker(db).versions("a")
    assert [v.version for v in versions] == list(range(1, writers + 1))
    assert sorted(v.reading.text for v in versions) == sorted(
        f"Capture {n} of the page, with its own words number {n}." for n in range(writers)
    )


def test_a_read_only_database_from_an_older_reader_is_still_read(sqlite_db, invoke):

    add_json(invoke, sqlite_db, SEED_V1, "--article", "a")
    _edit_by_hand(
        sqlite_db, "UPDATE readings SET reader_version = 'old', text_z = ?", (zstd.compress(b"stale text"),)
    )
    read_only = f"sqlite:///file:{sqlite_db}?mode=ro&uri=true"
    result = invoke("--db", read_only, "show", "a")
    assert result.exit_code == 0 and "Germany will lead" in result.output, result.output


def test_in_memory_and_device_databases_are_refused(invoke, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for db in ("sqlite://", ":memory:", "/dev/null"):
        result = invoke("--db", db, "add", SEED_V1)
        assert result.exit_code == 1 and result.output.startswith("Error: "), (db, result.output)
        assert len(result.output.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []


def test_a_hand_damaged_row_is_one_line_of_error(sqlite_db, invoke):

    add_json(invoke, sqlite_db, SEED_V1, "--article", "a")
    _edit_by_hand(sqlite_db, "UPDATE snapshots SET captured_at = 'garbage'")
    for args in (("log", "a"), ("articles",), ("report",)):
        result = invoke("--db", sqlite_db, *args)
        assert result.exit_code == 1 and result.output.startswith("Error: ") and "garbage" in result.output
