"""Storing snapshots: exact bytes, versions in capture order, duplicates, sources, the schema."""

from __future__ import annotations

import hashlib
import http.server
import json
import threading
from pathlib import Path

import pytest

from tests.conftest import SEED_V1, SEED_V2
from tracker.api import Tracker
from tracker.store.database import Store


def _edit_by_hand(path, statement, *params):
    """Change a SQLite database behind tracker's back, as a damaged or tampered file would be."""
    import sqlite3

    con = sqlite3.connect(path)
    con.execute(statement, *params)
    con.commit()
    con.close()


def _add(invoke, db, *args):
    result = invoke("--db", db, "add", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_adding_identical_content_adds_nothing_and_says_so(db, invoke):
    _add(invoke, db, SEED_V1, "--article", "a")
    result = invoke("--db", db, "add", SEED_V1, "--article", "a")
    assert "identical to a version 1; nothing added" in result.output
    assert Tracker(db).articles()[0].versions == 1


def test_raw_bytes_are_kept_exactly_with_sha256(db, invoke, tmp_path):
    latin = tmp_path / "caf\u00e9.txt"
    raw = "Caf\u00e9 owner says \u201cno\u201d.\r\n\r\nSecond paragraph.\r\n".encode("cp1252")
    latin.write_bytes(raw)
    [row] = _add(invoke, db, latin)
    tracker = Tracker(db)
    assert tracker.store.raw(row["article"], 1) == raw
    assert row["sha256"] == hashlib.sha256(raw).hexdigest()
    assert "Caf\u00e9 owner says \u201cno\u201d." in tracker.show(row["article"]).text


def test_versions_are_numbered_in_capture_order(db, invoke):
    _add(invoke, db, SEED_V2, "--article", "a", "--captured-at", "2024-01-23T16:00:00Z")
    _add(invoke, db, SEED_V1, "--article", "a", "--captured-at", "2024-01-23T10:00:00+00:00")
    versions = Tracker(db).versions("a")
    assert [v.version for v in versions] == [1, 2]
    assert "Germany will lead" in versions[0].reading.text
    assert "Poland will lead" in versions[1].reading.text


def test_article_key_defaults_to_file_name_and_folders_add_every_file(db, invoke, tmp_path):
    folder = tmp_path / "captures"
    folder.mkdir()
    (folder / "b.txt").write_text("Second story.\n\nIt has a paragraph.\n")
    (folder / "a.txt").write_text("First story.\n\nIt has a paragraph.\n")
    rows = _add(invoke, db, folder)
    assert [r["article"] for r in rows] == ["a.txt", "b.txt"]


def test_standard_input_is_a_source(db, invoke):
    result = invoke("--db", db, "add", "-", "--article", "piped", input=SEED_V1.read_bytes())
    assert result.exit_code == 0, result.output
    assert "Germany will lead" in Tracker(db).show("piped").text


def test_html_is_reduced_to_article_text_with_title(db, invoke, tmp_path):
    page = tmp_path / "page.html"
    body = "".join(
        f"<p>Paragraph {i} of the story says something about the budget vote.</p>" for i in range(8)
    )
    page.write_text(
        "<html><head><title>Budget passes</title></head><body><nav>Home | Sports</nav>"
        f"<article><h1>Budget passes</h1>{body}</article><footer>Copyright</footer></body></html>"
    )
    _add(invoke, db, page, "--article", "budget")
    shown = Tracker(db).show("budget")
    assert shown.version.content_type == "text/html"
    assert shown.version.reading.title == "Budget passes"
    assert "Paragraph 3 of the story" in shown.text
    assert "Home | Sports" not in shown.text


@pytest.fixture
def served_page(tmp_path):
    (tmp_path / "story.html").write_bytes(
        b"<html><head><title>Local story</title></head><body><article><h1>Local story</h1>"
        + b"".join(
            b"<p>The council met on Tuesday and voted on the new library plan, number %d.</p>" % i
            for i in range(6)
        )
        + b"</article></body></html>"
    )

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k):
            super().__init__(*a, directory=str(tmp_path), **k)

        def log_message(self, *_):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/story.html"
    server.shutdown()


def test_url_is_fetched_and_keyed_by_url(db, invoke, served_page):
    [row] = _add(invoke, db, served_page)
    assert row["article"] == served_page
    shown = Tracker(db).show(served_page)
    assert shown.version.url == served_page
    assert "voted on the new library plan" in shown.text


def test_a_redirected_url_is_keyed_by_the_url_asked_for(db, invoke, served_page, tmp_path):
    (tmp_path / "section").mkdir()
    (tmp_path / "section" / "index.html").write_bytes((tmp_path / "story.html").read_bytes())
    asked = served_page.replace("story.html", "section")  # the server redirects it to section/
    [row] = _add(invoke, db, asked)
    assert row["article"] == asked
    assert Tracker(db).show(asked).version.url == asked + "/"


def test_database_from_environment(tmp_path, invoke, monkeypatch):
    target = tmp_path / "env.db"
    monkeypatch.setenv("TRACKER_DB", str(target))
    result = invoke("add", SEED_V1, "--article", "a")
    assert result.exit_code == 0 and target.exists()


def test_schema_head_matches_the_newest_migration():
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    import tracker.migrations
    from tracker.store.database import SCHEMA_HEAD

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

    _add(invoke, sqlite_db, SEED_V1, "--article", "a")
    _edit_by_hand(sqlite_db, "UPDATE snapshots SET raw = ? WHERE version = 1", (b"tampered",))
    result = invoke("--db", sqlite_db, "verify")
    assert result.exit_code == 1 and "ALTERED" in result.output


def test_verify_catches_a_snapshot_rewritten_as_text(sqlite_db, invoke):

    _add(invoke, sqlite_db, SEED_V1, "--article", "a")
    _edit_by_hand(sqlite_db, "UPDATE snapshots SET raw = replace(CAST(raw AS TEXT), 'Germany', 'Poland')")
    result = invoke("--db", sqlite_db, "verify")
    assert result.exit_code == 1 and "ALTERED" in result.output and "Traceback" not in result.output


def test_a_damaged_database_file_is_one_line_of_error(sqlite_db, invoke, tmp_path):
    for k in range(12):  # enough pages that the damage falls inside the tables, past the header
        page = tmp_path / f"{k}.txt"
        page.write_text(f"Story {k}\n\n" + f"Paragraph {k} of a long story about the council. " * 300)
        _add(invoke, sqlite_db, page)
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


def _warc(path, pages):
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, when, html in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(html),
                http_headers=headers,
                warc_headers_dict={"WARC-Date": when},
            )
            writer.write_record(record)


def test_web_archive_responses_become_versions_with_archive_times(db, invoke, tmp_path):
    page = "<html><head><title>Coalition</title></head><body><article><h1>Coalition</h1>{}</article></body></html>"
    para = "<p>Additionally, {} will lead a new armor capability-focused coalition, it announced during the meeting.</p>"
    filler = "".join(
        f"<p>Paragraph {i} about the meeting of the contact group in Brussels this week.</p>"
        for i in range(5)
    )
    archive = tmp_path / "crawl.warc.gz"
    _warc(
        archive,
        [
            (
                "https://example.com/armor",
                "2024-01-23T16:00:00Z",
                page.format(para.format("Poland") + filler).encode(),
            ),
            (
                "https://example.com/armor",
                "2024-01-23T10:00:00Z",
                page.format(para.format("Germany") + filler).encode(),
            ),
        ],
    )
    rows = _add(invoke, db, archive)
    assert [(r["article"], r["version"]) for r in rows] == [
        ("https://example.com/armor", 1),
        ("https://example.com/armor", 2),
    ]
    versions = Tracker(db).versions("https://example.com/armor")
    assert versions[0].captured_at.hour == 10 and "Germany will lead" in versions[0].reading.text
    assert "Poland will lead" in versions[1].reading.text


def test_broken_web_archive_is_refused(sqlite_db, invoke, tmp_path):
    bad = tmp_path / "broken.warc.gz"
    bad.write_bytes(b"\x1f\x8b\x08\x00 not really gzip")
    result = invoke("--db", sqlite_db, "add", bad)
    assert result.exit_code == 1 and "web archive" in result.output and "Traceback" not in result.output


def test_a_web_archive_cut_short_inside_a_record_is_refused(sqlite_db, invoke, tmp_path):
    whole, cut = tmp_path / "whole.warc", tmp_path / "cut.warc"
    body = "".join(f"<p>Paragraph {i} of the story about the council vote.</p>" for i in range(200))
    _warc(
        whole,
        [("https://example.com/s", "2024-01-23T10:00:00Z", f"<html><body>{body}</body></html>".encode())],
    )
    import gzip

    cut.write_bytes(gzip.decompress(whole.read_bytes())[:3000])  # an uncompressed archive, cut short
    result = invoke("--db", sqlite_db, "add", cut)
    assert result.exit_code == 1 and "cut short" in result.output and "Traceback" not in result.output
    assert not Path(sqlite_db).exists()  # refused before the database was even created


def test_content_identical_to_the_later_neighbour_adds_nothing(db, invoke):
    _add(invoke, db, SEED_V2, "--article", "a", "--captured-at", "2024-03-02T00:00:00Z")
    [row] = _add(invoke, db, SEED_V2, "--article", "a", "--captured-at", "2024-03-01T00:00:00Z")
    assert not row["added"] and row["duplicate_of"] == 1
    assert len(Tracker(db).versions("a")) == 1


def test_an_older_capture_says_that_later_versions_moved_up(db, invoke):
    _add(invoke, db, SEED_V2, "--article", "a", "--captured-at", "2024-01-23T16:00:00Z")
    result = invoke("--db", db, "add", SEED_V1, "--article", "a", "--captured-at", "2024-01-23T10:00:00Z")
    assert "added a version 1" in result.output and "now count from 2" in result.output


def test_a_folder_may_hold_web_archives(db, invoke, tmp_path):
    folder = tmp_path / "crawl"
    folder.mkdir()
    html = (
        b"<html><head><title>T</title></head><body><article>"
        + b"<p>The council met and voted on the plan today.</p>" * 5
        + b"</article></body></html>"
    )
    _warc(folder / "a.warc.gz", [("https://example.com/x", "2024-01-23T10:00:00Z", html)])
    [row] = _add(invoke, db, folder)
    assert row["article"] == "https://example.com/x"


def test_readings_from_an_older_reader_are_recomputed_from_the_bytes(sqlite_db, invoke):
    import sqlite3

    _add(invoke, sqlite_db, SEED_V1, "--article", "a")
    _edit_by_hand(sqlite_db, "UPDATE readings SET reader_version = 'old', text = 'stale text'")
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


def test_a_gzipped_web_archive_cut_short_anywhere_is_refused(sqlite_db, invoke, tmp_path):
    whole = tmp_path / "whole.warc.gz"
    page = "<html><body><article>{}</article></body></html>"
    body = "".join(f"<p>Paragraph {i} of the story about the council vote on Tuesday.</p>" for i in range(8))
    _warc(
        whole,
        [
            ("https://example.com/s", "2024-01-23T10:00:00Z", page.format(body).encode()),
            ("https://example.com/s", "2024-01-23T16:00:00Z", page.format(body + "<p>Update.</p>").encode()),
        ],
    )
    data = whole.read_bytes()
    for end in range(60, len(data), 41):  # inside the first record, between the two, inside the second
        cut = tmp_path / f"cut-{end}.warc.gz"
        cut.write_bytes(data[:end])
        result = invoke("--db", sqlite_db, "add", cut)
        lines = result.output.strip().splitlines()
        assert result.exit_code == 1 and len(lines) == 1 and lines[0].startswith("Error: "), (
            end,
            result.output,
        )
    assert not Path(sqlite_db).exists()


def test_web_archive_records_keep_their_exact_archive_times(db, invoke, tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    page = "<html><body><article><p>The council voted {} on the new library plan on Tuesday.</p></article></body></html>"
    _warc(
        archive,
        [
            ("https://example.com/v", "2024-01-23T10:00:00Z", page.format("yes").encode()),
            ("https://example.com/v", "2024-01-23T16:00:00Z", page.format("no").encode()),
        ],
    )
    _add(invoke, db, archive, "--url", "https://example.com/other")  # --url is for captures without one
    versions = Tracker(db).versions("https://example.com/v")
    assert [v.captured_at.isoformat() for v in versions] == [
        "2024-01-23T10:00:00+00:00",
        "2024-01-23T16:00:00+00:00",
    ]
    assert [v.url for v in versions] == ["https://example.com/v"] * 2  # each record's own URL is kept


def test_a_file_name_that_is_not_utf8_is_stored_with_escapes(db, invoke, tmp_path):
    import os

    name = os.path.join(os.fsencode(tmp_path), b"story-\xff.txt")
    with open(name, "wb") as out:
        out.write(Path(SEED_V1).read_bytes())
    [row] = _add(invoke, db, os.fsdecode(name))
    assert row["article"] == "story-\\xff.txt"
    assert invoke("--db", db, "log", "story-\\xff.txt").exit_code == 0


def test_a_redirect_loop_is_one_line_of_error(sqlite_db, invoke):
    class Loop(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(302)
            self.send_header("Location", self.path)
            self.end_headers()

        def log_message(self, *_):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Loop)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = invoke("--db", sqlite_db, "add", f"http://127.0.0.1:{server.server_address[1]}/loop")
    finally:
        server.shutdown()
    lines = result.output.strip().splitlines()
    assert result.exit_code == 1 and len(lines) == 1 and "redirect" in lines[0]


def test_adding_a_folder_twice_adds_nothing_the_second_time(db, invoke):
    first = _add(invoke, db, SEED_V1.parent, "--article", "a")
    again = _add(invoke, db, SEED_V1.parent, "--article", "a")
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


def test_a_folder_is_read_in_natural_order_without_databases(db, invoke, tmp_path):
    folder = tmp_path / "captures"
    folder.mkdir()
    for n in (10, 2, 1):
        (folder / f"{n}.txt").write_text(f"Version {n} of the story.\n")
    Store(str(folder / "tracker.sqlite3"))  # a database beside its snapshots, and its journal
    (folder / "tracker.sqlite3-journal").write_bytes(b"\x00" * 16)
    (folder / "copy.bak").write_bytes((folder / "tracker.sqlite3").read_bytes())  # one by another name
    rows = _add(invoke, db, folder, "--article", "a")
    assert [Path(r["source"]).name for r in rows] == ["1.txt", "2.txt", "10.txt"]


def test_adds_from_several_processes_at_once_all_land(tmp_path):
    import subprocess
    import sys

    db = tmp_path / "shared.db"
    procs = []
    for n in range(6):
        path = tmp_path / f"{n}.txt"
        path.write_text(f"Capture {n} of the page, with its own words number {n}.\n")
        procs.append(
            subprocess.Popen(
                [sys.executable, "-m", "tracker", "--db", str(db), "add", str(path), "--article", "a"],
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
        )
    outputs = [p.communicate()[0] for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    assert [v.version for v in Tracker(str(db)).versions("a")] == [1, 2, 3, 4, 5, 6]


def test_url_names_files_but_not_web_archive_records(db, invoke, tmp_path):
    html = b"<html><body><article><p>Poland will lead the armor coalition, it said on Tuesday.</p></article></body></html>"
    archive = tmp_path / "crawl.warc.gz"
    _warc(archive, [("https://example.com/x", "2024-01-23T10:00:00Z", html)])
    rows = _add(invoke, db, archive, SEED_V1, "--url", "https://daily.example/story")
    assert [r["article"] for r in rows] == ["https://example.com/x", "https://daily.example/story"]


def test_a_read_only_database_from_an_older_reader_is_still_read(sqlite_db, invoke):

    _add(invoke, sqlite_db, SEED_V1, "--article", "a")
    _edit_by_hand(sqlite_db, "UPDATE readings SET reader_version = 'old', text = 'stale text'")
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

    _add(invoke, sqlite_db, SEED_V1, "--article", "a")
    _edit_by_hand(sqlite_db, "UPDATE snapshots SET captured_at = 'garbage'")
    for args in (("log", "a"), ("articles",), ("report",)):
        result = invoke("--db", sqlite_db, *args)
        assert result.exit_code == 1 and result.output.startswith("Error: ") and "garbage" in result.output
