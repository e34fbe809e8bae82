"""Storing snapshots: exact bytes, versions in capture order, duplicates, sources, the schema."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest

from tests.conftest import SEED_V1, add_json
from tracker.api import Tracker
from tracker.store.database import Store


def test_article_key_defaults_to_file_path_and_folders_add_every_file(db, invoke, tmp_path, monkeypatch):
    folder = tmp_path / "captures"
    folder.mkdir()
    (folder / "b.txt").write_text("Second story.\n\nIt has a paragraph.\n")
    (folder / "a.txt").write_text("First story.\n\nIt has a paragraph.\n")
    rows = add_json(invoke, db, folder)
    assert [r["article"] for r in rows] == [str((folder / n).resolve()) for n in ("a.txt", "b.txt")]
    monkeypatch.chdir(folder)  # the file named as it is from here finds its article
    assert "First story." in invoke("--db", db, "show", "a.txt").output


def test_standard_input_is_a_source(db, invoke):
    result = invoke("--db", db, "add", "-", "--article", "piped", input=SEED_V1.read_bytes())
    assert result.exit_code == 0, result.output
    assert "Germany will lead" in Tracker(db).show("piped").text


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
    [row] = add_json(invoke, db, served_page)
    assert row["article"] == served_page
    shown = Tracker(db).show(served_page)
    assert shown.version.url == served_page
    assert "voted on the new library plan" in shown.text


def test_a_redirected_url_is_keyed_by_the_url_asked_for(db, invoke, served_page, tmp_path):
    (tmp_path / "section").mkdir()
    (tmp_path / "section" / "index.html").write_bytes((tmp_path / "story.html").read_bytes())
    asked = served_page.replace("story.html", "section")  # the server redirects it to section/
    [row] = add_json(invoke, db, asked)
    assert row["article"] == asked
    assert Tracker(db).show(asked).version.url == asked + "/"


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
    rows = add_json(invoke, db, archive)
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


def test_a_folder_may_hold_web_archives(db, invoke, tmp_path):
    folder = tmp_path / "crawl"
    folder.mkdir()
    html = (
        b"<html><head><title>T</title></head><body><article>"
        + b"<p>The council met and voted on the plan today.</p>" * 5
        + b"</article></body></html>"
    )
    _warc(folder / "a.warc.gz", [("https://example.com/x", "2024-01-23T10:00:00Z", html)])
    [row] = add_json(invoke, db, folder)
    assert row["article"] == "https://example.com/x"


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
    add_json(invoke, db, archive, "--url", "https://example.com/other")  # --url is for captures without one
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
    [row] = add_json(invoke, db, os.fsdecode(name))
    assert row["article"].endswith("/story-\\xff.txt")
    assert invoke("--db", db, "log", row["article"]).exit_code == 0


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


def test_a_folder_is_read_in_natural_order_without_databases(db, invoke, tmp_path):
    folder = tmp_path / "captures"
    folder.mkdir()
    for n in (10, 2, 1):
        (folder / f"{n}.txt").write_text(f"Version {n} of the story.\n")
    Store(str(folder / "tracker.sqlite3"))  # a database beside its snapshots, and its journal
    (folder / "tracker.sqlite3-journal").write_bytes(b"\x00" * 16)
    (folder / "copy.bak").write_bytes((folder / "tracker.sqlite3").read_bytes())  # one by another name
    rows = add_json(invoke, db, folder, "--article", "a")
    assert [Path(r["source"]).name for r in rows] == ["1.txt", "2.txt", "10.txt"]


def test_url_names_files_but_not_web_archive_records(db, invoke, tmp_path):
    html = b"<html><body><article><p>Poland will lead the armor coalition, it said on Tuesday.</p></article></body></html>"
    archive = tmp_path / "crawl.warc.gz"
    _warc(archive, [("https://example.com/x", "2024-01-23T10:00:00Z", html)])
    rows = add_json(invoke, db, archive, SEED_V1, "--url", "https://daily.example/story")
    assert [r["article"] for r in rows] == ["https://example.com/x", "https://daily.example/story"]
