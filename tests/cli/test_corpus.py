"""`tracker report` over the archive (streamed, from the index), its filters, `notes` filtered, JSON
Lines, and `tracker rebuild`."""

from __future__ import annotations

import json

from tests.conftest import SEED_V1, SEED_V2


def _story(invoke, db, key: str, url: str, day: str) -> None:
    for path, hour in ((SEED_V1, "10"), (SEED_V2, "16")):
        at = f"2024-01-{day}T{hour}:00:00Z"
        result = invoke("--db", db, "add", path, "--article", key, "--url", url, "--captured-at", at)
        assert result.exit_code == 0, result.output


def _three(invoke, db) -> None:
    _story(invoke, db, "a-story", "https://one.example/a", "10")
    _story(invoke, db, "b-story", "https://two.example/b", "20")
    _story(invoke, db, "c-story", "https://one.example/c", "25")


def test_report_over_the_archive_streams_what_the_articles_report_whole(db, invoke):
    _three(invoke, db)
    streamed = invoke("--db", db, "report", "--format", "json")
    named = invoke("--db", db, "report", "c-story", "a-story", "b-story", "--format", "json")
    whole = json.loads(named.output)
    assert json.loads(streamed.output)["articles"] == sorted(whole["articles"], key=lambda a: a["article"])
    assert [s["article"] for s in json.loads(streamed.output)["summary"]] == ["a-story", "b-story", "c-story"]
    assert invoke("--db", db, "report", "--all", "--format", "json").output == streamed.output


def test_report_as_json_lines_gives_an_article_a_line(db, invoke):
    _three(invoke, db)
    lines = invoke("--db", db, "report", "--format", "jsonl").output.splitlines()
    assert [json.loads(line)["article"] for line in lines] == ["a-story", "b-story", "c-story"]
    assert json.loads(lines[0])["notes"][0]["kind"] == "editors_note"


def test_report_keeps_an_outlet_by_url_prefix(db, invoke):
    _three(invoke, db)
    out = json.loads(
        invoke("--db", db, "report", "--url-prefix", "https://one.example/", "--format", "json").output
    )
    assert [a["article"] for a in out["articles"]] == ["a-story", "c-story"]


def test_report_keeps_what_versions_captured_in_the_window_show(db, invoke):
    _three(invoke, db)
    args = ("--db", db, "report", "--since", "2024-01-15", "--until", "2024-01-21", "--format", "json")
    out = json.loads(invoke(*args).output)
    assert [a["article"] for a in out["articles"]] == ["b-story"]
    assert out["summary"][0]["article"] == "b-story"
    # the note of version 2 (16:00) is outside a window that ends at 12:00: nothing is left to show
    args = (
        "--db",
        db,
        "report",
        "--since",
        "2024-01-20",
        "--until",
        "2024-01-20T12:00:00Z",
        "--format",
        "json",
    )
    assert json.loads(invoke(*args).output) == {"articles": [], "summary": []}


def test_report_keeps_notes_of_a_kind_or_only_unannounced_edits(db, invoke):
    _three(invoke, db)
    out = json.loads(invoke("--db", db, "report", "--kind", "correction", "--format", "json").output)
    assert out == {"articles": [], "summary": []}
    out = json.loads(invoke("--db", db, "report", "--kind", "editors_note", "--format", "json").output)
    assert len(out["articles"]) == 3 and all(a["unannounced"] == [] for a in out["articles"])
    out = json.loads(invoke("--db", db, "report", "--unannounced-only", "--format", "json").output)
    assert out == {"articles": [], "summary": []}  # the seed's one edit is explained by its note


def test_notes_takes_the_same_filters(db, invoke):
    _three(invoke, db)
    every = json.loads(invoke("--db", db, "notes", "a-story", "--format", "json").output)
    assert len(every["notes"]) == 1
    none = json.loads(
        invoke("--db", db, "notes", "a-story", "--kind", "correction", "--format", "json").output
    )
    assert none["notes"] == [] and none["versions"] == 2
    text = invoke("--db", db, "notes", "a-story", "--since", "2024-01-10T12:00:00Z").output
    assert "Editor's note" in text


def test_report_to_a_file_is_written_whole(db, invoke, tmp_path):
    _three(invoke, db)
    target = tmp_path / "report.json"
    result = invoke("--db", db, "report", "--format", "json", "-o", target)
    assert result.exit_code == 0
    assert json.loads(target.read_text())["summary"][2]["article"] == "c-story"


def test_rebuild_says_what_it_made_again(db, invoke):
    _three(invoke, db)
    assert "rebuilt the index of 3 article(s)" in invoke("--db", db, "rebuild").output
    result = invoke("--db", db, "rebuild")
    assert "up to date" in result.output
    result = invoke("--db", db, "rebuild", "--force", "b-story")
    assert "rebuilt 1/1 b-story" in result.output
    assert json.loads(invoke("--db", db, "notes", "b-story", "--format", "json").output)["notes"]
