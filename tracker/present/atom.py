"""The feed of changes as Atom (RFC 4287): an entry per stored version, newest first, its notes,
linked changes, unannounced edits and word diff inline as HTML in which every piece of article text is
escaped, so nothing a page carried can run in a feed reader."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING
from xml.etree import ElementTree as ET

from tracker import __version__
from tracker.values.kinds import NoteKind
from tracker.values.text import DELETE, EQUAL, INSERT

if TYPE_CHECKING:
    from tracker.values.claims import ClaimChange
    from tracker.values.watch import FeedEntry

ATOM = "http://www.w3.org/2005/Atom"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # characters XML 1.0 cannot carry
_KEEP = 160  # characters of unchanged text kept on each side of a change


def xml_text(text: str) -> str:
    """Text that XML 1.0 can carry: its forbidden control characters dropped."""
    return _NOT_XML.sub("", text)


def render_feed(
    entries: Sequence[FeedEntry], now: datetime, title: str = "tracker: changes to stored articles"
) -> str:
    """The Atom document of `entries` (already newest first); `now` dates an empty feed."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    keys = sorted({e.article for e in entries})
    _sub(feed, "id", "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "tracker feed\n" + "\n".join(keys))))
    _sub(feed, "title", title)
    _sub(feed, "updated", _stamp(entries[0].captured_at if entries else now))
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _sub(author, "name", "tracker")
    _sub(feed, "generator", "tracker", version=__version__)
    for e in entries:
        feed.append(_entry(e))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def _entry(e: FeedEntry) -> ET.Element:
    entry = ET.Element(f"{{{ATOM}}}entry")
    stable = f"{e.article}\n{e.sha256}\n{e.captured_at.isoformat()}"
    _sub(entry, "id", "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, stable)))
    _sub(entry, "title", _title(e))
    _sub(entry, "updated", _stamp(e.captured_at))
    if _web(e.url):
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=xml_text(e.url))
    counts = f"{len(e.notes)} note(s), {len(e.unannounced)} unannounced edit(s)"
    _sub(entry, "summary", f"{e.article}: version {e.version}" + (f", {counts}" if e.version > 1 else ""))
    _sub(entry, "content", entry_html(e), type="html")
    return entry


def _title(e: FeedEntry) -> str:
    head = e.title or e.article
    if e.version == 1:
        return f"{head}: first capture"
    parts = [f"version {e.version}"]
    if e.notes:
        kinds = sorted({NoteKind(r.note.kind).label.lower() for r in e.notes})
        parts.append(" and ".join(kinds))
    if e.unannounced:
        parts.append(f"{len(e.unannounced)} unannounced edit{'s' if len(e.unannounced) != 1 else ''}")
    return f"{head}: " + ", ".join(parts)


def entry_html(e: FeedEntry) -> str:
    """One version as HTML: every piece of text escaped, links only to http(s) addresses."""
    name = escape(e.title or e.article)
    where = f'<a href="{escape(e.url, quote=True)}">{name}</a>' if _web(e.url) else name
    out = [
        f"<p>Version {e.version} of {where}, captured {escape(_stamp(e.captured_at))} "
        f"(SHA-256 {escape(e.sha256[:12])}).</p>"
    ]
    for report in e.notes:
        label = escape(NoteKind(report.note.kind).label)
        out.append(f"<h3>{label}</h3><blockquote>{escape(report.note.text)}</blockquote>")
        if report.links:
            items = "".join(
                f"<li>{_change(link.change)} (score {link.score:.2f})</li>" for link in report.links
            )
            out.append(f"<p>It explains:</p><ul>{items}</ul>")
        else:
            out.append("<p>No changed claim linked to this note.</p>")
    if e.unannounced:
        items = "".join(f"<li>{_change(u.change)}</li>" for u in e.unannounced)
        out.append(f"<h3>Unannounced edits ({len(e.unannounced)})</h3><ul>{items}</ul>")
    if e.diff is not None:
        out.append(f"<h3>What changed since version {e.version - 1}</h3><p>{diff_html(e.diff.segments)}</p>")
    return xml_text("\n".join(out))


def _change(c: ClaimChange) -> str:
    before = f"<del>{escape(c.before)}</del>" if c.before else ""
    after = f"<ins>{escape(c.after)}</ins>" if c.after else ""
    facts = "; ".join(
        f"{escape(f.old or '∅')} → {escape(f.new or '∅')} ({escape(str(f.type))})"
        for f in c.facts
        if not f.cosmetic
    )
    body = " → ".join(p for p in (before, after) if p)
    return f"{escape(str(c.status))}: {body}" + (f" [{facts}]" if facts else "")


def diff_html(segments: Sequence) -> str:
    """The word diff as HTML: deletions in <del>, insertions in <ins>, long unchanged runs shortened."""
    out = []
    last = len(segments) - 1
    for k, seg in enumerate(segments):
        text = seg.text
        if seg.op == EQUAL:
            if len(text) > 2 * _KEEP + 20:
                head = text[:_KEEP] if k > 0 else ""
                tail = text[-_KEEP:] if k < last else ""
                text = f"{head} … {tail}" if head or tail else ""
            out.append(_lines(text))
        elif seg.op == DELETE:
            out.append(f"<del>{_lines(text)}</del>")
        elif seg.op == INSERT:
            out.append(f"<ins>{_lines(text)}</ins>")
    return "".join(out)


def _lines(text: str) -> str:
    return escape(text).replace("\n\n", "<br><br>").replace("\n", "<br>")


def _sub(parent: ET.Element, tag: str, text: str, **attrs: str) -> ET.Element:
    child = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
    child.text = xml_text(text)
    return child


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _web(url: str | None) -> bool:
    return bool(url) and url.lower().startswith(("http://", "https://"))
