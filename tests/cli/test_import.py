"""`tracker import`: folders, web archives and JSON Lines, stored article by article on every core;
a rerun adds nothing; a bad source, line or record is listed at the end and the rest goes on."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.conftest import ROOT, SEED_V1, SEED_V2

PAGE = (
    "<html><head><title>{title}</title></head><body><article><p>The council voted on {day} to close "
    "the {fact} bridge for repairs, the mayor said in a statement to reporters.</p><p>Work is expected "
    "to take three months and to cost about two million pounds, the council said.</p></article>"
    "</body></html>"
)


def _summary(result) -> dict:  # noqa: ANN001
    return json.loads(result.stdout)


def _lines(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _seed_rows(article: str = "armor") -> list[dict]:
    return [
        {"article": article, "captured_at": "2024-01-23T10:00:00Z", "text": SEED_V1.read_text()},
        {"article": article, "captured_at": "2024-01-23T16:00:00Z", "text": SEED_V2.read_text()},
    ]


def _versions(invoke, db: str, key: str) -> list[dict]:  # noqa: ANN001
    result = invoke("--db", db, "log", key, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_jsonl_import_stores_each_article_and_counts_its_notes(db, invoke, tmp_path):
    rows = _seed_rows("armor")
    for k, fact in enumerate(["old", "new", "new"]):  # the third repeats the second: a duplicate
        rows.append(
            {
                "article": "bridge",
                "url": "https://example.com/bridge",
                "captured_at": f"2024-02-0{k + 1}T09:00:00Z",
                "html": PAGE.format(title="Bridge", day="Monday", fact=fact),
            }
        )
    source = _lines(tmp_path / "captures.jsonl", rows)
    result = invoke("--db", db, "import", source, "--format", "json")
    assert result.exit_code == 0, result.output
    summary = _summary(result)
    assert summary["articles"] == 2
    assert summary["versions_added"] == 4 and summary["duplicates_skipped"] == 1
    assert summary["notes"] == 1 and summary["linked_changes"] >= 1  # the seed's note, linked
    assert summary["errors"] == []
    assert [v["version"] for v in _versions(invoke, db, "bridge")] == [1, 2]
    notes = json.loads(invoke("--db", db, "notes", "armor", "--format", "json").output)
    assert notes["notes"][0]["links"][0]["changes"][0]["new"] == "Poland"


def test_an_import_run_again_adds_nothing(db, invoke, tmp_path):
    source = _lines(tmp_path / "captures.jsonl", _seed_rows())
    assert invoke("--db", db, "import", source).exit_code == 0
    again = invoke("--db", db, "import", source, "--format", "json")
    assert again.exit_code == 0, again.output
    summary = _summary(again)
    assert summary["versions_added"] == 0 and summary["duplicates_skipped"] == 2
    assert len(_versions(invoke, db, "armor")) == 2


def test_one_process_and_a_pool_store_the_same(sqlite_db, invoke, tmp_path):
    rows = [
        {"article": f"a{n}", "text": f"Version {v} of story {n}. The count was {n * 10 + v} on Monday.\n"}
        for n in range(12)
        for v in range(3)
    ]
    source = _lines(tmp_path / "many.jsonl", rows)
    pooled = _summary(invoke("--db", sqlite_db, "import", source, "--workers", "2", "--format", "json"))
    alone_db = str(tmp_path / "alone.db")
    alone = _summary(invoke("--db", alone_db, "import", source, "--workers", "1", "--format", "json"))
    assert pooled["versions_added"] == alone["versions_added"] == 36
    for n in (0, 11):
        pooled_log = [v["sha256"] for v in _versions(invoke, sqlite_db, f"a{n}")]
        assert pooled_log == [v["sha256"] for v in _versions(invoke, alone_db, f"a{n}")]


def test_a_bad_line_is_an_error_with_its_number_and_the_rest_is_stored(sqlite_db, invoke, tmp_path):
    source = tmp_path / "captures.jsonl"
    good = json.dumps({"article": "story", "text": "The bridge closed on Monday for repairs.\n"})
    source.write_text(
        good + "\n" + "{not json\n" + json.dumps({"article": "x"}) + "\n" + json.dumps([1]) + "\n"
    )
    result = invoke("--db", sqlite_db, "import", source, "--format", "json")
    assert result.exit_code == 1
    errors = _summary(result)["errors"]
    assert [e["error"].split(":")[0] for e in errors] == ["line 2", "line 3", "line 4"]
    assert all(e["source"] == str(source) for e in errors)
    assert len(_versions(invoke, sqlite_db, "story")) == 1


def test_a_missing_source_is_listed_and_the_others_are_imported(sqlite_db, invoke, tmp_path):
    source = _lines(tmp_path / "captures.jsonl", _seed_rows())
    missing = tmp_path / "nowhere.jsonl"
    result = invoke("--db", sqlite_db, "import", missing, source)
    assert result.exit_code == 1
    assert f"Error: {missing}: no such file or folder" in result.output
    assert "2 version(s) added" in result.output
    assert len(_versions(invoke, sqlite_db, "armor")) == 2


def test_a_folder_per_article_is_keyed_by_its_name_with_captures_json(db, invoke, tmp_path):
    root = tmp_path / "archive"
    for name, facts in (("bridge", ["old", "new"]), ("harbour", ["east", "west", "north"])):
        folder = root / name
        folder.mkdir(parents=True)
        meta = []
        for k, fact in enumerate(facts, 1):
            (folder / f"{k}.html").write_text(PAGE.format(title=name, day="Monday", fact=fact))
            meta.append(
                {
                    "file": f"{k}.html",
                    "url": f"https://example.com/{name}",
                    "captured_at": f"2024-03-0{k}T08:00:00Z",
                }
            )
        (folder / "captures.json").write_text(json.dumps(meta))
    result = invoke("--db", db, "import", root, "--format", "json")
    assert result.exit_code == 0, result.output
    assert _summary(result)["versions_added"] == 5
    log = _versions(invoke, db, "harbour")
    assert [v["captured_at"][:10] for v in log] == ["2024-03-01", "2024-03-02", "2024-03-03"]
    stored = json.loads(invoke("--db", db, "articles", "--format", "json").output)
    assert {a["article"]: a["url"] for a in stored}["harbour"] == "https://example.com/harbour"


def test_flat_files_are_keyed_as_add_keys_them(sqlite_db, invoke, tmp_path):
    folder = tmp_path / "flat"
    folder.mkdir()
    (folder / "one.txt").write_text("The bridge closed on Monday for repairs.\n")
    (folder / "two.txt").write_text("The harbour opened on Tuesday after repairs.\n")
    (folder / "notes.json").write_text("{}")  # metadata, left out as add leaves it out
    assert invoke("--db", sqlite_db, "import", folder).exit_code == 0
    added = json.loads(
        invoke("--db", tmp_path / "add.db", "add", folder / "one.txt", "--format", "json").output
    )
    keys = [
        a["article"] for a in json.loads(invoke("--db", sqlite_db, "articles", "--format", "json").output)
    ]
    assert len(keys) == 2 and added[0]["article"] in keys


def _warc(path: Path, records: list[tuple[str, str, bytes]], gz: bool = True) -> Path:
    """A real web archive: (URL, WARC-Date, payload) responses, interleaved as a crawl writes them."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gz)
        for url, date, payload in records:
            http = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(payload),
                http_headers=http,
                warc_headers_dict={"WARC-Date": date},
            )
            writer.write_record(record)
    return path


def test_a_web_archive_is_imported_page_by_page_and_a_bad_digest_is_not_stored(db, invoke, tmp_path):
    bridge, harbour = "https://example.com/bridge", "https://example.com/harbour"
    records = [
        (bridge, "2024-01-01T10:00:00Z", PAGE.format(title="Bridge", day="Monday", fact="old").encode()),
        (harbour, "2024-01-01T11:00:00Z", PAGE.format(title="Harbour", day="Monday", fact="east").encode()),
        (bridge, "2024-01-02T10:00:00Z", PAGE.format(title="Bridge", day="Tuesday", fact="old").encode()),
        (harbour, "2024-01-02T11:00:00Z", PAGE.format(title="Harbour", day="Friday", fact="zzzz").encode()),
    ]
    path = _warc(tmp_path / "crawl.warc", records, gz=False)
    path.write_bytes(path.read_bytes().replace(b"zzzz", b"yyyy"))  # the last payload altered in the file
    result = invoke("--db", db, "import", path, "--format", "json")
    assert result.exit_code == 1
    summary = _summary(result)
    assert summary["versions_added"] == 3
    assert len(summary["errors"]) == 1 and "digest" in summary["errors"][0]["error"]
    assert harbour in summary["errors"][0]["error"]
    assert len(_versions(invoke, db, bridge)) == 2 and len(_versions(invoke, db, harbour)) == 1
    from tracker.api import Tracker

    assert Tracker(db).store.raw(bridge, 2) == records[2][2]  # byte for byte


def test_a_gzipped_archive_imported_twice_adds_nothing_the_second_time(sqlite_db, invoke, tmp_path):
    url = "https://example.com/bridge"
    pages = [PAGE.format(title="Bridge", day=day, fact="old").encode() for day in ("Monday", "Friday")]
    path = _warc(
        tmp_path / "crawl.warc.gz", [(url, f"2024-01-0{k + 1}T10:00:00Z", p) for k, p in enumerate(pages)]
    )
    assert _summary(invoke("--db", sqlite_db, "import", path, "--format", "json"))["versions_added"] == 2
    again = _summary(invoke("--db", sqlite_db, "import", path, "--format", "json"))
    assert again["versions_added"] == 0 and again["duplicates_skipped"] == 2


def test_piped_output_has_no_progress_bar_and_ends_with_the_summary(tmp_path):
    source = _lines(tmp_path / "captures.jsonl", _seed_rows())
    proc = subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(tmp_path / "t.db"), "import", str(source)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    assert "\x1b[" not in proc.stdout + proc.stderr
    assert proc.stdout.splitlines()[0].startswith("1 article(s): 2 version(s) added, 0 duplicate(s) skipped")
    assert "1 note(s), 1 linked change(s)" in proc.stdout


def test_ctrl_c_keeps_what_was_stored_and_a_rerun_resumes(tmp_path):
    rows = [
        {"article": f"story-{n}", "text": f"Story {n}, version {v}. The count was {n * 7 + v} on Monday.\n"}
        for n in range(400)
        for v in range(5)
    ]
    source = _lines(tmp_path / "many.jsonl", rows)
    db = tmp_path / "t.db"
    command = [sys.executable, "-m", "tracker", "--db", str(db), "import", str(source), "--format", "json"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env)
    began = time.monotonic()
    while time.monotonic() - began < 60 and not _stored(db):
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=120)
    if proc.returncode == 0:
        pytest.skip("the import finished before it could be interrupted")
    assert proc.returncode == 130, err
    first = json.loads(out)
    assert first["interrupted"] and 0 < first["versions_added"] < 2000
    rerun = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env)
    assert rerun.returncode == 0, rerun.stderr
    second = json.loads(rerun.stdout)
    assert first["versions_added"] + second["versions_added"] == 2000
    assert second["duplicates_skipped"] == first["versions_added"]


def _stored(db: Path) -> bool:
    import sqlite3

    if not db.exists():
        return False
    try:
        with sqlite3.connect(db, timeout=0.1) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0] >= 10
    except sqlite3.Error:
        return False
