"""Hostile input as a user meets it: every case the fuzz benchmark once crashed on now works, or ends
in one line `Error: ...` and exit 1, never a traceback."""

from __future__ import annotations

import http.server
import json
import threading
import time
from pathlib import Path

import pytest

ARTICLE = (
    "<p>Additionally, Germany will lead a new armor capability-focused coalition, it announced during "
    "the meeting, officials said on Tuesday in Brussels.</p><p>The group has met every month since the "
    "spring and will meet again in the autumn to agree on the next steps of the plan.</p>"
)


def _page(head: str = "", body: str = ARTICLE) -> bytes:
    return f"<html><head><title>Coalition</title>{head}</head><body><article>{body}</article></body></html>".encode()


def _one_line_error(result, *words: str) -> None:  # noqa: ANN001
    lines = result.output.strip().splitlines()
    assert result.exit_code == 1, result.output
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    for word in words:
        assert word in lines[0], (word, lines[0])


def test_control_characters_in_a_page_are_read_past(sqlite_db, invoke, tmp_path):
    path = tmp_path / "p.html"
    path.write_bytes(
        _page(body=ARTICLE.replace("Germany", "Ger\x01many\x0b").replace("spring", "spr\x1fing"))
    )
    assert invoke("--db", sqlite_db, "add", path, "--article", "s").exit_code == 0
    shown = invoke("--db", sqlite_db, "show", "s").output
    assert "Germany will lead" in shown and "spring" in shown


@pytest.mark.parametrize(
    "headline",
    [34, 1.5, True, None, {"@value": "Coalition"}, ["Coalition", 2], {"a": [{"b": 1}]}],
    ids=["int", "float", "bool", "null", "object", "list", "nested"],
)
def test_a_json_ld_headline_of_any_shape_is_read(sqlite_db, invoke, tmp_path, headline):
    node = {"@type": "NewsArticle", "headline": headline, "author": headline, "correction": headline}
    path = tmp_path / "p.html"
    path.write_bytes(_page(f'<script type="application/ld+json">{json.dumps(node)}</script>'))
    assert invoke("--db", sqlite_db, "add", path, "--article", "s").exit_code == 0
    shown = json.loads(invoke("--db", sqlite_db, "show", "s", "--format", "json").output)
    assert shown["title"] == "Coalition" and "Germany will lead" in shown["text"]


def test_json_ld_nested_past_the_parsers_depth_is_ignored(sqlite_db, invoke, tmp_path):
    deep = "[" * 5000 + "]" * 5000
    path = tmp_path / "p.html"
    path.write_bytes(_page(f'<script type="application/ld+json">{deep}</script>'))
    assert invoke("--db", sqlite_db, "add", path, "--article", "s").exit_code == 0


@pytest.mark.parametrize("url", ["http://[::1", "http://[zz]/", "http://x:99999/"])
def test_a_url_whose_host_cannot_be_read_is_one_line(sqlite_db, invoke, tmp_path, url):
    path = tmp_path / "p.html"
    path.write_bytes(_page())
    _one_line_error(invoke("--db", sqlite_db, "add", path, "--url", url), "--url needs an http(s) URL")


def test_claims_follow_a_sentence_that_was_inside_a_note(sqlite_db, invoke, tmp_path):
    # the sentence "An earlier version ... misstated the country." is read as part of a note in version
    # 2, not in version 1 or 3: its claim must neither be lost nor end twice
    texts = [
        "Germany will lead the coalition. Poland will lead the coalition.\n\nPoland will lead the "
        "coalition.\n\nAn earlier version of this article misstated the country.",
        "The group met on Tuesday.\n\nCorrection: Clarification: An earlier version said Tuesday. "
        "Clarification: An earlier version said Tuesday.\n\nAn earlier version of this article misstated "
        "the country. Correction: Germany will lead the coalition.",
        "Clarification: An earlier version said Tuesday. The group met on Tuesday. Clarification: An "
        "earlier version said Tuesday.\n\nThe group met on Tuesday.",
    ]
    for k, text in enumerate(texts):
        added = invoke(
            "--db",
            sqlite_db,
            "add",
            "-",
            "--article",
            "s",
            "--captured-at",
            f"2024-01-2{k}T00:00:00Z",
            input=text,
        )
        assert added.exit_code == 0, added.output
    claims = invoke("--db", sqlite_db, "claims", "s", "--format", "json")
    assert claims.exit_code == 0, claims.output
    assert json.loads(claims.output)


@pytest.mark.parametrize("command", ["log", "show", "claims", "notes", "diff", "verify", "report"])
def test_a_five_thousand_character_key_is_one_line_on_every_read_command(seed_db, invoke, command):
    _one_line_error(invoke("--db", seed_db, command, "k" * 5000), "unknown article")


def test_a_missing_file_whose_name_has_a_line_break_is_one_line(sqlite_db, invoke, tmp_path):
    _one_line_error(invoke("--db", sqlite_db, "add", tmp_path / "c\nd.txt"), "c\\nd.txt")


def test_a_file_with_a_line_break_in_its_name_keeps_the_key_on_one_line(sqlite_db, invoke, tmp_path):
    path = tmp_path / "a\nb.html"
    path.write_bytes(_page())
    added = invoke("--db", sqlite_db, "add", path, "--format", "json")
    assert added.exit_code == 0, added.output
    [row] = json.loads(added.output)
    assert "\n" not in row["article"] and row["article"].endswith("a\\nb.html")
    assert invoke("--db", sqlite_db, "log", row["article"]).exit_code == 0


def test_a_damaged_web_archive_prints_no_warnings_before_its_error(tmp_path):
    import io
    import subprocess
    import sys

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=False)
    http_headers = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            "http://a b/", "response", payload=io.BytesIO(_page()), http_headers=http_headers
        )
    )
    path = tmp_path / "bad.warc"
    path.write_bytes(out.getvalue().replace(b"Content-Length: ", b"Content-Length: 9", 1))
    proc = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(tmp_path / "t.db"), "add", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and "WARNING" not in proc.stderr, proc.stderr


class _Hostile(http.server.BaseHTTPRequestHandler):
    def log_message(self, *_args) -> None:  # noqa: ANN002
        pass

    def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
        if self.path.startswith("/to-"):
            self.send_response(302)
            self.send_header("Location", self.path[4:].replace("|", "/").replace("~", ":"))
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            for _ in range(60):  # a byte every 0.2 s: every read answers, the page never ends
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass


@pytest.fixture
def hostile_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_a_server_dripping_bytes_is_given_up_on_at_the_deadline(
    sqlite_db, invoke, hostile_server, monkeypatch
):
    monkeypatch.setattr("tracker.capture.web.TIMEOUT_SECONDS", 1.5)
    began = time.monotonic()
    result = invoke("--db", sqlite_db, "add", f"{hostile_server}/drip")
    assert time.monotonic() - began < 5
    _one_line_error(result, "timed out", "1.5 s")


@pytest.mark.parametrize("target", ["ftp~||127.0.0.1|story", "file~|||etc|passwd", "javascript~alert(1)"])
def test_a_redirect_away_from_the_web_is_not_followed(sqlite_db, invoke, hostile_server, target):
    scheme = target.split("~")[0]
    _one_line_error(
        invoke("--db", sqlite_db, "add", f"{hostile_server}/to-{target}"),
        f"redirects to {scheme}:",
        "only http(s)",
    )
    assert not Path(sqlite_db).exists()  # nothing fetched, nothing stored
