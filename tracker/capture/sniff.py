"""What a captured source is: HTML or plain text, which byte-order mark it opens with, and its name as
text. Light and dependency-free: every capture path asks, and so does extraction later."""

from __future__ import annotations

import codecs
import os
import re
from pathlib import PurePath

MAX_BYTES = 20 * 1024 * 1024  # a news page is far below this; anything larger is not an article


def is_url(source: str) -> bool:
    """Whether a source names an http(s) page to fetch."""
    return source.lower().startswith(("http://", "https://"))


# UTF-32 first: its little-endian BOM starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|\?xml)", re.I | re.S)


_HTML_TAG = re.compile(r"<(?:html|head|body)[\s>]", re.I)


_HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}


def looks_like_html(data: bytes, content_type: str | None = None, filename: str | None = None) -> bool:
    """Decide HTML vs plain text: a declared type wins, then the file suffix, then the bytes' start."""
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime in ("text/html", "application/xhtml+xml", "text/plain"):
        return mime != "text/plain"
    suffix = PurePath(filename).suffix.lower() if filename else ""
    if suffix in _HTML_SUFFIXES or suffix == ".txt":
        return suffix != ".txt"
    encoding, payload = split_bom(data[:4096])
    head = payload.decode(encoding or "latin-1", errors="ignore")
    return bool(_HTML_START.match(head) or _HTML_TAG.search(head))


def split_bom(data: bytes) -> tuple[str | None, bytes]:
    """The encoding a byte-order mark names, and the bytes after it; UTF-16 without a mark is
    recognised by its NUL bytes, which fall on every other byte of Latin-script text."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, data[len(bom) :]
    return _bomless_utf16(data), data


def _bomless_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 8 or b"\x00" not in sample:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    for encoding, zeros, others in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        if zeros >= 0.3 * pairs and others <= 0.02 * pairs:
            try:
                data[: len(data) - len(data) % 2].decode(encoding)
            except UnicodeDecodeError:
                continue
            return encoding
    return None


def name_as_text(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (a name from an old Latin-1 disk) are written as
    \\xff escapes, so the name can be stored, printed and typed back as the article key."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")
