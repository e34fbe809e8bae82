"""The Atom feed of changes on its own: values in, a document RFC 4287 accepts out."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

import feedparser

from tracker.api import diff_texts
from tracker.present.atom import render_feed
from tracker.values.watch import FeedEntry

NS = {"a": "http://www.w3.org/2005/Atom"}
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


def _entry(version: int, text: str, at: datetime, url: str | None = "https://example.com/a") -> FeedEntry:
    diff = diff_texts("Before the change.", text) if version > 1 else None
    return FeedEntry("story", version, "ab" * 32, at, url, f"Headline {text}", [], [], diff)


def test_the_feed_has_what_rfc_4287_requires_even_with_control_characters_and_markup():
    entries = [
        _entry(2, "After\x00 the \x1b[31mchange <b onmouseover=x()>.", datetime(2026, 1, 2, tzinfo=UTC)),
        _entry(1, "First", datetime(2026, 1, 1, tzinfo=UTC), url="javascript:alert(1)"),
    ]
    document = render_feed(entries, datetime(2026, 1, 3, tzinfo=UTC))
    feed = ET.fromstring(document)  # well-formed XML, whatever the page carried
    for element in ("a:id", "a:title", "a:updated", "a:author/a:name"):
        assert feed.find(element, NS) is not None, element
    assert RFC3339.match(feed.findtext("a:updated", namespaces=NS))
    ids = []
    for entry in feed.iterfind("a:entry", NS):
        for element in ("a:id", "a:title", "a:updated", "a:content"):
            assert entry.find(element, NS) is not None, element
        assert RFC3339.match(entry.findtext("a:updated", namespaces=NS))
        assert entry.find("a:content", NS).get("type") == "html"
        ids.append(entry.findtext("a:id", namespaces=NS))
    assert len(set(ids)) == 2 and all(i.startswith("urn:uuid:") for i in ids)
    second = feed.findall("a:entry", NS)[1]
    assert second.find("a:link", NS) is None  # a javascript: URL is never a link
    assert "javascript:" not in second.find("a:content", NS).text
    parsed = feedparser.parse(document)
    assert not parsed.bozo and [e.title for e in parsed.entries][1] == "Headline First: first capture"
    assert "&lt;b onmouseover" in feed.find("a:entry/a:content", NS).text


def test_an_empty_feed_is_still_a_feed():
    parsed = feedparser.parse(render_feed([], datetime(2026, 1, 3, tzinfo=UTC)))
    assert not parsed.bozo and parsed.version == "atom10" and parsed.entries == []
