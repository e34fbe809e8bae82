"""`tracker watch` and `tracker feed` as a user types them, against the local server."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import UTC, datetime
from email.utils import format_datetime

import feedparser

from tests.watch.server import Reply, article, rss
from tests.watch.test_watcher import CORRECTED, STORY

PAYLOAD = "<script>alert('x')</script><img src=x onerror=alert(1)>"


def _follow(site, invoke, db, *paths):
    site.routes["/feed"] = Reply(
        rss([(f"Story {p}", site.url(p), format_datetime(datetime.now(UTC), usegmt=True)) for p in paths]),
        headers={"Content-Type": "application/rss+xml"},
    )
    result = invoke("--db", db, "watch", "add", site.url("/feed"))
    assert result.exit_code == 0 and "watching" in result.output
    return result


def test_follow_a_feed_in_two_commands_then_see_a_correction_appear(site, invoke, sqlite_db):
    site.routes["/bridge"] = Reply(article("Bridge to close", STORY))
    _follow(site, invoke, sqlite_db, "/bridge")
    first = invoke("--db", sqlite_db, "watch", "run", "--once", "--delay", "0")
    assert first.exit_code == 0, first.output
    assert "new " + site.url("/bridge") + ": stored version 1" in first.output
    assert "pass: 2 checked, 1 unchanged, 1 new versions, 0 notes found, 0 errors" in first.output
    site.routes["/bridge"] = Reply(article("Bridge to close", CORRECTED))
    second = invoke("--db", sqlite_db, "watch", "run", "--once", "--all", "--delay", "0")
    assert "stored version 2" in second.output and "1 new note" in second.output
    assert "1 notes found" in second.output


def test_piped_run_prints_one_line_per_event(site, invoke, sqlite_db):
    site.routes["/bridge"] = Reply(article("Bridge to close", STORY))
    _follow(site, invoke, sqlite_db, "/bridge")
    lines = invoke("--db", sqlite_db, "watch", "run", "--once", "--delay", "0").output.splitlines()
    assert len(lines) == 3  # the feed, the page, the pass
    assert [line.split()[1] for line in lines] == ["unchanged", "new", "pass:"]


def test_watch_list_shows_last_check_result_and_next_check_as_text_and_json(site, invoke, sqlite_db):
    site.routes["/gone"] = Reply(b"<html>gone</html>", 410, etag=False)
    _follow(site, invoke, sqlite_db, "/gone")
    invoke("--db", sqlite_db, "watch", "run", "--once", "--delay", "0")
    text = invoke("--db", sqlite_db, "watch", "list").output.splitlines()
    assert len(text) == 2 and "error: HTTP 410 Gone" in text[1] and "next " in text[1]
    rows = json.loads(invoke("--db", sqlite_db, "watch", "list", "--format", "json").output)
    assert [r["kind"] for r in rows] == ["feed", "page"]
    assert rows[1]["status"] == "error" and rows[1]["result"] == "HTTP 410 Gone"
    assert rows[1]["feed"] == site.url("/feed") and rows[1]["next_check"] > rows[1]["last_checked"]


def test_remove_takes_a_feed_and_its_pages_off_the_list_and_an_unknown_one_is_an_error(
    site, invoke, sqlite_db
):
    site.routes["/bridge"] = Reply(article("Bridge to close", STORY))
    _follow(site, invoke, sqlite_db, "/bridge")
    invoke("--db", sqlite_db, "watch", "run", "--once", "--delay", "0")
    removed = invoke("--db", sqlite_db, "watch", "remove", site.url("/feed"))
    assert removed.output.count("no longer watching") == 2
    again = invoke("--db", sqlite_db, "watch", "remove", site.url("/feed"))
    assert again.exit_code == 1 and again.output.startswith("Error: not on the watch list")
    [kept] = json.loads(invoke("--db", sqlite_db, "articles", "--format", "json").output)
    assert kept["article"] == site.url("/bridge") and kept["versions"] == 1  # what was stored stays


def test_a_bad_url_or_schedule_is_one_line(invoke, sqlite_db):
    bad = invoke("--db", sqlite_db, "watch", "add", "ftp://example.com/feed")
    assert bad.exit_code == 1 and bad.output.count("\n") == 1 and "not an http(s) URL" in bad.output
    schedule = invoke("--db", sqlite_db, "watch", "run", "--once", "--schedule", "soon")
    assert schedule.exit_code == 1 and schedule.output.startswith("Error: schedule step")


def test_the_feed_of_changes_round_trips_through_feedparser_newest_first(site, invoke, sqlite_db, tmp_path):
    site.routes["/bridge"] = Reply(article("Bridge to close", STORY))
    site.routes["/other"] = Reply(article(f"Other story {PAYLOAD}", [s + " " + PAYLOAD for s in STORY]))
    _follow(site, invoke, sqlite_db, "/bridge", "/other")
    invoke("--db", sqlite_db, "watch", "run", "--once", "--delay", "0")
    site.routes["/bridge"] = Reply(article("Bridge to close", CORRECTED))
    invoke("--db", sqlite_db, "watch", "run", "--once", "--all", "--delay", "0")
    out = tmp_path / "changes.xml"
    result = invoke("--db", sqlite_db, "feed", "-o", out)
    assert result.exit_code == 0 and out.exists()
    parsed = feedparser.parse(out.read_bytes())
    assert not parsed.bozo and parsed.version == "atom10"
    titles = [e.title for e in parsed.entries]
    assert titles[0] == "Bridge to close: version 2, correction"
    assert len(titles) == 3 and titles.count("Bridge to close: first capture") == 1
    updated = [e.updated_parsed for e in parsed.entries]
    assert updated == sorted(updated, reverse=True)
    newest = parsed.entries[0]
    assert newest.link == site.url("/bridge")
    html = newest.content[0].value
    assert "<blockquote>Correction: An earlier version" in html
    assert "<del>Ortiz</del><ins>Ortega</ins>" in html
    assert len({e.id for e in parsed.entries}) == 3


def test_the_feed_escapes_everything_a_page_carries(site, invoke, sqlite_db):
    site.routes["/other"] = Reply(article(f"Other story {PAYLOAD}", [s + " " + PAYLOAD for s in STORY]))
    _follow(site, invoke, sqlite_db, "/other")
    invoke("--db", sqlite_db, "watch", "run", "--once", "--delay", "0")
    site.routes["/other"] = Reply(article(f"Other story {PAYLOAD}", [STORY[0] + PAYLOAD, STORY[1], STORY[2]]))
    invoke("--db", sqlite_db, "watch", "run", "--once", "--all", "--delay", "0")
    raw = invoke("--db", sqlite_db, "feed").output
    from xml.etree import ElementTree as ET

    ns = {"a": "http://www.w3.org/2005/Atom"}
    for content in ET.fromstring(raw).iterfind("a:entry/a:content", ns):
        html = content.text  # the HTML as a feed reader gets it, once the XML is read
        assert "<script" not in html and "<img" not in html and "&lt;script&gt;" in html


def test_feed_filters_by_article_and_time(site, invoke, sqlite_db):
    site.routes["/bridge"] = Reply(article("Bridge to close", STORY))
    _follow(site, invoke, sqlite_db, "/bridge")
    invoke("--db", sqlite_db, "watch", "run", "--once", "--delay", "0")
    one = feedparser.parse(invoke("--db", sqlite_db, "feed", site.url("/bridge")).output)
    assert len(one.entries) == 1
    none = feedparser.parse(invoke("--db", sqlite_db, "feed", "--since", "2999-01-01T00:00:00Z").output)
    assert not none.bozo and none.entries == []


def test_sigterm_stops_a_running_watch_cleanly(site, tmp_path):
    site.routes["/bridge"] = Reply(article("Bridge to close", STORY))
    db = str(tmp_path / "t.db")
    tracker = [sys.executable, "-m", "tracker", "--db", db]
    subprocess.run([*tracker, "watch", "add", site.url("/bridge")], check=True, capture_output=True)
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [*tracker, "watch", "run", "--delay", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert "pass:" in proc.stdout.readline() + proc.stdout.readline()  # the page, then the pass
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0 and err.strip() == "stopped" and "Traceback" not in out + err
