"""Bytes -> text, whatever common encoding a capture arrives in: BOM first, then UTF-8, then the declared
charset if it decodes cleanly, then a guess, so wrong or missing charsets give no mojibake. Binaries are
refused here, with a message that names what they look like."""

from __future__ import annotations

import codecs
import re

from tracker.capture.sniff import split_bom
from tracker.errors import InputError

_MAGIC = {
    b"%PDF-": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive",
    b"\x1f\x8b": "gzip-compressed data",
}


_CONTROL_BYTES = bytes(set(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B})


# Browsers (WHATWG Encoding standard) read these labels as the wider superset, and pages rely on it.
_SUPERSETS = {"ascii": "cp1252", "iso8859-1": "cp1252", "gb2312": "gb18030", "gbk": "gb18030"}


_DECLARED_CHARSET = re.compile(rb"<(?:meta[^>]*?charset|\?xml[^>]*?encoding)\s*=\s*[\"']?\s*([\w.:-]+)", re.I)


def decode_text(data: bytes) -> str:
    """Plain-text bytes -> str, whatever common encoding a capture arrives in; newlines become "\\n"."""
    reject_binary(data, "input")
    encoding, payload = split_bom(data)
    if encoding:
        text = payload.decode(encoding, errors="replace")
    else:
        try:
            text = payload.decode("utf-8")
        except UnicodeDecodeError:
            text = guess_decode(payload)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def reject_binary(data: bytes, source: str) -> None:
    """Refuse images, PDFs and other binaries early, with a message that names what they look like."""
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"{source} is binary data ({kind}), not text or HTML")
    if split_bom(data)[0] not in (None, "utf-8"):
        return  # UTF-16/32 text is full of NUL bytes
    sample = data[:8192]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if b"\x00" in data or controls > len(sample) * 0.02:
        raise InputError(f"{source} is binary data (NUL or control bytes), not text or HTML")


def guess_decode(data: bytes) -> str:
    """Decode bytes that are not UTF-8: cp1252 when it reads as text, else charset-normalizer's guess.

    charset-normalizer alone often picks cp1250 or mac_latin2 for short Western text; trying
    cp1252 first (accepted only under its mess threshold) still leaves Polish, Cyrillic or CJK to it.
    """
    import charset_normalizer

    match = charset_normalizer.from_bytes(data, cp_isolation=["cp1252"]).best()
    if match is None:
        match = charset_normalizer.from_bytes(data).best()
    return str(match) if match is not None else data.decode("cp1252", errors="replace")


def decode_html(data: bytes, content_type: str | None) -> str:
    """BOM, then UTF-8 if valid, then each declared charset that decodes cleanly, then a guess.

    Valid UTF-8 goes first because pages lie: several declare gb2312 or nothing and are UTF-8,
    and a wrongly decoded page would be versioned as mojibake for good.
    """
    encoding, payload = split_bom(data)
    if encoding:
        return payload.decode(encoding, errors="replace")
    for candidate in ["utf-8", *_declared_charsets(payload, content_type)]:
        try:
            return payload.decode(candidate)
        except UnicodeDecodeError:
            continue
    return guess_decode(payload)


def _declared_charsets(data: bytes, content_type: str | None) -> list[str]:
    """Charsets named by the HTTP header, then by the page's meta tags or XML declaration."""
    labels = re.findall(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type or "", re.I)
    labels += [label.decode("ascii") for label in _DECLARED_CHARSET.findall(data[:32768])]
    names: list[str] = []
    for label in labels:
        try:
            name = codecs.lookup(label).name
        except LookupError:
            continue
        if (name := _SUPERSETS.get(name, name)) not in names:
            names.append(name)
    return names
