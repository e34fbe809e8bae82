"""Text made safe for where it is printed: a Markdown page, a JSON-LD block inside HTML, an HTML page.

Article text, keys, URLs, bylines and notes come from pages nobody here wrote; none of it may run as
markup where a report is shown.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re

# CommonMark lets a backslash escape any ASCII punctuation; these are the ones that make markup
# (emphasis, code, links and images, tables, headings, block quotes, lists, strike-through)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}()!|~])")
_LINE_START = re.compile(r"^(\s*)([#+\-=]|\d+(?=[.)]))")  # a heading, a list item, a setext underline
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x85]+")


def markdown(text: str) -> str:
    """Text as Markdown shows it, never as markup: HTML's `& < >` as entities, Markdown's punctuation
    backslash-escaped, line breaks as spaces, other control characters dropped (a table cell, a
    heading and a quoted line are each one line)."""
    text = _LINE_BREAKS.sub(" ", text)
    text = "".join(ch for ch in text if ch.isprintable() or ch in " \t")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(
        lambda m: m.group(1) + ("\\" + m.group(2) if not m.group(2).isdigit() else m.group(2) + "\\"),
        text,
        count=1,
    )


def markdown_code(text: str) -> str:
    """Text inside a code span: a backtick run longer than any inside it, so the span never closes
    early; Markdown shows a code span's text as it is."""
    text = _LINE_BREAKS.sub(" ", "".join(ch for ch in text if ch.isprintable() or ch in " \t\n"))
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def json_for_html(data: object, indent: int | None = 2) -> str:
    """JSON that can sit inside a `<script>` element: `<`, `>` and `&` written as `\\u003c`,
    `\\u003e`, `\\u0026` (no `</script>` or `<!--` can end the block), and U+2028/U+2029 escaped
    (JavaScript older than ES2019 reads them as line ends). Still the same JSON to any parser."""
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def content_security_policy(style: str) -> str:
    """A policy that lets the page's own style sheet, and nothing else, load or run: no scripts, no
    frames, no images, no forms, no plugins, no base URL."""
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; "
        f"style-src 'sha256-{digest}'; "
        "img-src 'none'; script-src 'none'; object-src 'none'; frame-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


def csp_meta(style: str) -> str:
    """The policy as the `<meta http-equiv>` tag that must open the page's `<head>`."""
    from html import escape

    return f'<meta http-equiv="Content-Security-Policy" content="{escape(content_security_policy(style), quote=False)}">'
