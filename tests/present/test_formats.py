"""The output registry and each format on its own: values in, text out, no database."""

from __future__ import annotations

import json

import click
import pytest

from tests.conftest import SEED_V1, SEED_V2
from tracker.api import diff_texts, explain_texts
from tracker.cli import main
from tracker.present import Output, formats, formats_for, render

OLD = SEED_V1.read_text(encoding="utf-8")
NEW = SEED_V2.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def explained():
    return explain_texts([OLD, NEW], article="armor-coalition")


def test_every_format_module_is_registered_and_text_comes_first():
    assert list(formats()) == ["text", "html", "json", "jsonl", "jsonld", "markdown"]
    assert {f.name for f in formats_for("report")} == {"text", "html", "json", "jsonl", "jsonld", "markdown"}
    assert {f.name for f in formats_for("log")} == {"text", "json"}


def test_every_commands_format_choices_come_from_the_registry():
    subjects = {"add": "added", "articles": "articles", "verify": "verify", "diff": "diff", "log": "log"}
    subjects |= {"claims": "claims", "show": "show", "notes": "notes", "report": "report"}
    for command, subject in subjects.items():
        [option] = [p for p in main.commands[command].params if p.name == "fmt"]
        assert isinstance(option.type, click.Choice)
        assert list(option.type.choices) == [f.name for f in formats_for(subject)], command


def test_json_report_follows_the_documented_contract(explained):
    data = json.loads(render("json", "report", [explained], Output()))
    [article] = data["articles"]
    assert set(article) >= {"article", "versions", "notes", "earlier_notes", "unannounced"}
    [note] = article["notes"]
    assert note["kind"] == "editors_note" and note["version"] == 2
    assert note["links"][0]["changes"] == [
        {"old": "Germany", "new": "Poland", "type": "country", "type_source": "pycountry"}
    ]
    assert data["summary"][0]["linked_changes"] >= 1


def test_text_and_markdown_name_the_note_and_the_change(explained):
    text = render("text", "notes", explained, Output())
    assert "Editor's note (first in version 2" in text and "Germany -> Poland (country)" in text
    markdown = render("markdown", "report", [explained], Output())
    assert "### Editor's note (first in version 2)" in markdown and "Poland" in markdown


def test_html_and_jsonld_reports_are_whole_documents(explained):
    html = render("html", "report", [explained], Output())
    assert html.lstrip().lower().startswith("<!doctype html>") and html.rstrip().endswith("</html>")
    graph = json.loads(render("jsonld", "report", [explained], Output()))
    assert "CorrectionComment" in json.dumps(graph)


def test_a_piped_word_diff_uses_git_markers_and_a_terminal_gets_colour():
    result = diff_texts(OLD, NEW)
    piped = render("text", "diff", result, Output(tty=False))
    assert "[-Germany-]{+Poland+}" in piped and "\x1b[" not in piped
    coloured = render("text", "diff", result, Output(tty=True))
    assert "\x1b[1;9;31m[-Germany-]" in coloured  # struck through in red, markers kept for the colour-blind
