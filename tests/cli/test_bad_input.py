"""Bad input: one line of error, a non-zero exit, no traceback, and nothing stored lost or changed."""

from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import SEED_V1, SEED_V2


def _one_line_error(result, *words: str) -> None:
    assert result.exit_code != 0
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert lines[0].startswith("Error: ")
    assert "Traceback" not in result.output
    for word in words:
        assert word in lines[0]


def _stored(invoke, db) -> list:
    """The articles stored; none when the refused command did not even create the database."""
    if "://" not in str(db) and not Path(db).exists():
        return []
    return json.loads(invoke("--db", db, "articles", "--format", "json").output)


def test_missing_file(seed_db, invoke, tmp_path):
    _one_line_error(invoke("--db", seed_db, "add", tmp_path / "nope.txt"), "no such file")


def test_binary_file_is_refused_and_nothing_changes(seed_db, invoke, tmp_path):
    png = tmp_path / "image.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    before = _stored(invoke, seed_db)
    _one_line_error(invoke("--db", seed_db, "add", png, "--article", "armor-coalition"), "binary")
    assert _stored(invoke, seed_db) == before


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"])
def test_empty_or_whitespace_snapshot_is_refused(sqlite_db, invoke, tmp_path, content):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(content)
    _one_line_error(invoke("--db", sqlite_db, "add", empty))
    assert _stored(invoke, sqlite_db) == []


def test_one_bad_source_among_good_ones_stores_none_of_them(sqlite_db, invoke, tmp_path):
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    _one_line_error(invoke("--db", sqlite_db, "add", SEED_V1, bad, SEED_V2, "--article", "a"))
    assert _stored(invoke, sqlite_db) == []


def test_file_over_size_limit(sqlite_db, invoke, tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"word " * (21 * 1024 * 1024 // 5))
    _one_line_error(invoke("--db", sqlite_db, "add", big), "limit")


def test_unknown_article(seed_db, invoke):
    for command in ("diff", "notes", "log", "show"):
        _one_line_error(invoke("--db", seed_db, command, "no-such-article"), "unknown article")


def test_unknown_version(seed_db, invoke):
    _one_line_error(invoke("--db", seed_db, "diff", "armor-coalition", "1", "7"), "no version 7")
    _one_line_error(invoke("--db", seed_db, "show", "armor-coalition", "0"), "no version 0")


def test_version_that_is_not_a_number(seed_db, invoke):
    result = invoke("--db", seed_db, "diff", "armor-coalition", "one")
    assert result.exit_code == 2 and "not a version number" in result.output


def test_database_that_is_not_sqlite(invoke, tmp_path):
    junk = tmp_path / "notes.db"
    junk.write_bytes(b"this is a text file, not a database\n" * 100)
    _one_line_error(invoke("--db", junk, "articles"), "database")
    assert junk.read_bytes().startswith(b"this is a text file")


def test_sqlite_database_of_another_program_is_left_alone(invoke, tmp_path):
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    con.execute("INSERT INTO customers (name) VALUES ('kept')")
    con.commit()
    con.close()
    _one_line_error(invoke("--db", other, "add", SEED_V1), "not a tracker database")
    con = sqlite3.connect(other)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"customers"}
    assert con.execute("SELECT name FROM customers").fetchall() == [("kept",)]


def test_unreachable_url(sqlite_db, invoke):
    _one_line_error(invoke("--db", sqlite_db, "add", "http://127.0.0.1:9/article"), "cannot fetch")
    assert _stored(invoke, sqlite_db) == []


def test_bad_capture_time(sqlite_db, invoke):
    result = invoke("--db", sqlite_db, "add", SEED_V1, "--captured-at", "yesterday-ish")
    assert result.exit_code == 2 and "ISO-8601" in result.output


def test_diff_of_a_single_version_says_so(sqlite_db, invoke):
    invoke("--db", sqlite_db, "add", SEED_V1, "--article", "a")
    _one_line_error(invoke("--db", sqlite_db, "diff", "a"), "only one version")


def test_report_to_a_missing_folder(seed_db, invoke, tmp_path):
    for fmt in ("text", "markdown"):
        _one_line_error(
            invoke("--db", seed_db, "report", "--format", fmt, "-o", tmp_path / "nope" / "r.md"),
            "cannot write",
        )


def test_capture_time_out_of_range(sqlite_db, invoke):
    result = invoke("--db", sqlite_db, "add", SEED_V1, "--captured-at", "9999-12-31T23:59:59-05:00")
    assert result.exit_code == 2 and "out of range" in result.output


def test_unsupported_url_scheme(sqlite_db, invoke):
    _one_line_error(invoke("--db", sqlite_db, "add", "ftp://example.com/story.txt"), "unsupported URL scheme")


def test_diff_with_a_missing_second_file_names_it(invoke, tmp_path):
    _one_line_error(
        invoke("--db", tmp_path / "t.db", "diff", SEED_V1, tmp_path / "missing.txt"), "no such file"
    )


def test_article_keys_match_exactly(seed_db, invoke):
    _one_line_error(invoke("--db", seed_db, "verify", "coalition"), "unknown article")


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8765/a b", "http://127.0.0.1:abc/", "http://[::1"],
    ids=["space", "port", "ipv6"],
)
def test_malformed_url_is_one_line(sqlite_db, invoke, url):
    _one_line_error(invoke("--db", sqlite_db, "add", url), "cannot fetch")
    assert _stored(invoke, sqlite_db) == []


@pytest.fixture
def broken_server():
    """A server that answers each request with the bytes given: a bad status line, or a body cut short."""
    import socket
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    replies: list[bytes] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                conn.recv(65536)
                conn.sendall(replies[0])

    threading.Thread(target=serve, daemon=True).start()
    yield replies, f"http://127.0.0.1:{listener.getsockname()[1]}/story"
    listener.close()


@pytest.mark.parametrize(
    ("reply", "words"),
    [
        (b"NONSENSE\r\n\r\n", ("cannot fetch",)),
        (
            b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n"
            b"Only the start of the story arrived.",
            ("ended after",),
        ),
    ],
    ids=["bad-status-line", "cut-short"],
)
def test_a_broken_server_stores_nothing(sqlite_db, invoke, broken_server, reply, words):
    replies, url = broken_server
    replies.append(reply)
    _one_line_error(invoke("--db", sqlite_db, "add", url), *words)
    assert _stored(invoke, sqlite_db) == []


def test_a_device_without_a_size_is_read_no_further_than_the_limit(sqlite_db, invoke):
    _one_line_error(invoke("--db", sqlite_db, "add", "/dev/zero"), "over the 20 MiB limit")


def test_database_of_a_newer_tracker_is_refused_untouched(sqlite_db, invoke):
    assert invoke("--db", sqlite_db, "add", SEED_V1, "--article", "a").exit_code == 0
    with sqlite3.connect(sqlite_db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff9999'")
    before = open(sqlite_db, "rb").read()
    _one_line_error(invoke("--db", sqlite_db, "articles"), "ffff9999", "does not know")
    assert open(sqlite_db, "rb").read() == before


def test_a_usage_error_is_one_line_too(seed_db, invoke):
    result = invoke("--db", seed_db, "add", SEED_V1, "--captured-at", "yesterday")
    _one_line_error(result, "--captured-at", "ISO-8601", "add --help")
    assert result.exit_code == 2


def test_diff_of_a_missing_first_file_names_it(invoke, tmp_path):
    _one_line_error(
        invoke("--db", tmp_path / "t.db", "diff", tmp_path / "missing.txt", SEED_V2), "no such file"
    )


def test_diff_of_two_missing_files_names_the_first(invoke, tmp_path):
    missing = tmp_path / "missing-a.txt"
    _one_line_error(
        invoke("--db", tmp_path / "t.db", "diff", missing, tmp_path / "missing-b.txt"),
        f"no such file: {missing}",
    )


def test_a_bad_file_in_a_folder_is_named_with_its_folder(sqlite_db, invoke, tmp_path):
    folder = tmp_path / "captures"
    folder.mkdir()
    (folder / "1.txt").write_text("A first capture of the story, long enough to be text.\n")
    (folder / "2.bin").write_bytes(b"\x00\x01\x02" * 100)
    _one_line_error(
        invoke("--db", sqlite_db, "add", folder, "--article", "a"), str(folder / "2.bin"), "binary"
    )
    assert _stored(invoke, sqlite_db) == []


def test_a_binary_file_named_as_a_web_archive_is_one_readable_line(sqlite_db, invoke, tmp_path):
    fake = tmp_path / "crawl.warc.gz"
    fake.write_bytes(gzip.compress(bytes(range(1, 256)) * 4))
    result = invoke("--db", sqlite_db, "add", fake)
    _one_line_error(result, "crawl.warc.gz", "not a WARC file")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["add", SEED_V1, "--article", "key-\udcff"], ["not valid UTF-8"]),
        (["log", "key-\udcff"], ["unknown article"]),
        (["add", SEED_V1, "--url", "not a url"], ["http(s) URL"]),
        (["add", "-", "-"], ["more than once"]),
    ],
)
def test_unusable_arguments_are_one_line_of_error(seed_db, invoke, args, words):
    before = _stored(invoke, seed_db)
    _one_line_error(invoke("--db", seed_db, *args), *words)
    assert _stored(invoke, seed_db) == before


def test_a_database_url_without_its_driver_names_what_to_install(invoke):
    _one_line_error(
        invoke("--db", "postgresql+pg8000://user@localhost/news", "articles"), "no driver", "psycopg"
    )


def test_an_unknown_option_is_named_as_one(seed_db, invoke):
    for args in (("diff", "armor-coalition", "--bogus"), ("show", "armor-coalition", "-q")):
        result = invoke("--db", seed_db, *args)
        assert result.exit_code == 2 and "No such option" in result.output, result.output


def test_a_capture_time_at_the_end_of_the_calendar_is_one_line(sqlite_db, invoke):
    at = "9999-12-31T23:59:59.999999Z"
    _one_line_error(invoke("--db", sqlite_db, "add", SEED_V1, SEED_V2, "--captured-at", at), "out of range")
    assert _stored(invoke, sqlite_db) == []


def test_a_key_or_label_spanning_lines_is_refused(sqlite_db, invoke):
    _one_line_error(invoke("--db", sqlite_db, "add", SEED_V1, "--article", "a\nb"), "line break")
    _one_line_error(invoke("--db", sqlite_db, "add", SEED_V1, "--label", "two\nlines"), "line break")


def test_diff_of_a_url_or_a_web_archive_says_to_add_it_first(invoke, tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    archive.write_bytes(b"")
    _one_line_error(invoke("diff", "https://example.com/a", SEED_V1), "tracker add")
    _one_line_error(invoke("diff", archive, SEED_V1), "tracker add")


def test_a_folder_that_cannot_be_listed_is_one_line(sqlite_db, invoke, tmp_path, monkeypatch):
    folder = tmp_path / "locked"
    folder.mkdir()

    def refuse(self):  # the permission a non-root user would lack (root reads every folder)
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "iterdir", refuse)
    _one_line_error(invoke("--db", sqlite_db, "add", folder), "cannot read folder", "Permission denied")
