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
