"""Reports show hostile text as text: payloads in keys, titles, bylines, URLs, notes and body never run,
whether the Markdown report is rendered, the JSON-LD is embedded in a page, or the HTML page is opened."""

from __future__ import annotations

import json

import lxml.html
import pytest

PAYLOADS = [
    "<script>alert(1)</script>",
    "</script><script>alert(2)</script>",
    "<img src=x onerror=alert(3)>",
    '"><svg onload=alert(4)>',
    "' onmouseover='alert(5)",
    "[click](javascript:alert(6))",
    '<a href="javascript:alert(7)">x</a>',
    "<iframe src=javascript:alert(8)></iframe>",
    "<!-- x --><style>body{display:none}</style>",
    "| broken | table |",
    "# not a heading",
    "![img](javascript:alert(9))",
    "<javascript:alert(10)>",
    "`code` **bold** _em_",
]
ALL = " ".join(PAYLOADS)


def _page(fact: str, note: str = "") -> bytes:
    note_html = (
        f"<p>Correction: An earlier version of this article misstated the country. {note}</p>" if note else ""
    )
    return f"""<!doctype html><html><head><title>Coalition {ALL}</title>
<meta name="author" content="Reporter {ALL}">
</head><body><article><h1>Coalition {ALL}</h1>
<p>Additionally, {fact} will lead a new armor coalition, it announced during the meeting, officials said.</p>
<p>The group met in Brussels on Tuesday to talk about {PAYLOADS[0]} and {PAYLOADS[2]} in the plan.</p>
<p>Officials said the talks would go on for several weeks, with other members joining later.</p>
{note_html}</article></body></html>""".encode()


@pytest.fixture
def hostile_db(sqlite_db, invoke, tmp_path):
    """An article whose key, title, byline, URL, note and body all carry the payloads."""
    key = "story " + ALL
    for k, (fact, note) in enumerate([("Germany", ""), ("Poland", ALL)]):
        path = tmp_path / f"{k}.html"
        path.write_bytes(_page(fact, note))
        result = invoke(
            "--db",
            sqlite_db,
            "add",
            path,
            "--article",
            key,
            "--url",
            "https://example.com/story?q=<script>alert(11)</script>",
            "--captured-at",
            f"2024-01-2{k}T10:00:00Z",
        )
        assert result.exit_code == 0, result.output
    return sqlite_db


def _assert_inert(html: str) -> None:
    """No element that runs or loads anything, no event handler, no javascript: link."""
    tree = lxml.html.document_fromstring(html)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        assert element.tag not in ("script", "iframe", "svg", "img", "object", "embed"), element.tag
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            assert "javascript:" not in value.lower(), (element.tag, name, value)


def test_markdown_report_renders_payloads_as_text(hostile_db, invoke):
    from markdown_it import MarkdownIt

    out = invoke("--db", hostile_db, "report", "--format", "markdown").output
    rendered = MarkdownIt("commonmark", {"html": True}).enable("table").render(out)
    _assert_inert(rendered)
    assert "alert(1)" in lxml.html.document_fromstring(rendered).text_content()  # shown, not run


def test_markdown_diff_and_notes_render_payloads_as_text(hostile_db, invoke):
    from markdown_it import MarkdownIt

    key = "story " + ALL
    for args in (
        ["diff", key, "--format", "markdown"],
        ["diff", key, "--sentences", "--format", "markdown"],
        ["notes", key, "--format", "markdown"],
    ):
        out = invoke("--db", hostile_db, *args).output
        _assert_inert(MarkdownIt("commonmark", {"html": True}).enable("table").render(out))


def test_jsonld_report_can_be_embedded_in_a_page(hostile_db, invoke):
    out = invoke("--db", hostile_db, "report", "--format", "jsonld").output
    assert "<" not in out and ">" not in out
    page = f'<html><head><script type="application/ld+json">{out}</script></head><body></body></html>'
    scripts = lxml.html.document_fromstring(page).xpath("//script")
    assert len(scripts) == 1
    data = json.loads(scripts[0].text)
    assert data == json.loads(out)
    assert "<script>alert(1)</script>" in json.dumps(data, ensure_ascii=False)  # the same words, escaped


def test_html_report_is_inert_and_carries_a_strict_policy(hostile_db, invoke):
    out = invoke("--db", hostile_db, "report", "--format", "html").output
    _assert_inert(out)
    tree = lxml.html.document_fromstring(out)
    policy = tree.xpath("//head/meta[@http-equiv='Content-Security-Policy']/@content")
    assert policy and "default-src 'none'" in policy[0] and "script-src 'none'" in policy[0]
    assert out.index("Content-Security-Policy") < out.index("<style")  # before anything it governs
    assert "alert(1)" in tree.text_content()


COMMANDS = {
    "report": ["report"],
    "notes": ["notes", "KEY"],
    "diff": ["diff", "KEY"],
    "claims": ["claims", "KEY"],
    "log": ["log", "KEY"],
    "show": ["show", "KEY"],
    "articles": ["articles"],
    "verify": ["verify", "KEY"],
}


def _every_command_and_format():
    from tracker.present import formats_for

    for subject, args in COMMANDS.items():
        for fmt in formats_for(subject):
            yield pytest.param(args, fmt.name, id=f"{subject}-{fmt.name}")
    for fmt in formats_for("diff"):
        yield pytest.param(["diff", "KEY", "--sentences"], fmt.name, id=f"diff-sentences-{fmt.name}")


def _strings(value: object) -> set[str]:
    if isinstance(value, dict):
        return {s for v in value.values() for s in _strings(v)}
    if isinstance(value, list):
        return {s for v in value for s in _strings(v)}
    return {value} if isinstance(value, str) else set()


@pytest.mark.parametrize(("args", "fmt"), list(_every_command_and_format()))
def test_every_format_of_every_command_shows_payloads_as_text(hostile_db, invoke, args, fmt):
    """Each output is safe for where it goes: Markdown and HTML render inert, JSON-LD embeds in a page,
    JSON parses to the same words, and the terminal's text carries no control sequences and loses no
    bracket to rich's markup."""
    from markdown_it import MarkdownIt

    key = "story " + ALL
    result = invoke("--db", hostile_db, *[key if a == "KEY" else a for a in args], "--format", fmt)
    assert result.exit_code == 0, result.output
    out = result.output
    if fmt == "markdown":
        _assert_inert(MarkdownIt("commonmark", {"html": True}).enable("table").render(out) or "<p></p>")
    elif fmt == "html":
        _assert_inert(out)
    elif fmt == "jsonld":
        assert "<" not in out and json.loads(out)
    elif fmt == "json":
        strings = _strings(json.loads(out))
        assert args[0] in ("log", "claims") or key in strings
    else:
        assert "\x1b" not in out and not any(ord(c) < 32 and c not in "\n\t" for c in out)
        if args[0] in ("show", "log", "articles", "verify"):
            assert key in out.replace("\n", " ") or key[:40] in out, out[:400]


def test_show_gives_a_hostile_title_and_byline_as_written(hostile_db, invoke):
    key = "story " + ALL
    shown = json.loads(invoke("--db", hostile_db, "show", key, "--format", "json").output)
    # the headline is the page's <h1> (its tags are markup, so their text is kept); the byline is
    # trafilatura's reading of the author tag (names only)
    assert "[click](javascript:alert(6))" in shown["title"] and "onmouseover='alert(5)" in shown["title"]
    assert shown["byline"].startswith("Reporter")
    text = invoke("--db", hostile_db, "show", key).output
    assert "[click](javascript:alert(6))" in text and "`code` **bold** _em_" in text  # rich ate no bracket
