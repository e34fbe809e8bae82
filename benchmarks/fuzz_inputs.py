"""Inputs for the fuzz benchmark: hostile bytes, texts, pages, names, keys, URLs and web archives.

Every generator takes a `random.Random` and returns plain values, so a case is rebuilt from its seed
alone (the benchmark keeps seeds, never payloads). Real pages are read from ../shared/corpus/html at
run time and mutated; nothing from the corpus is kept in the project.
"""

from __future__ import annotations

import io
import json
import os
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TRACKER_SHARED") or ROOT.parent / "shared")
PAGES = SHARED / "corpus" / "html"

WORDS = (
    "the a of to in and Germany Poland minister said on Tuesday 34 33 years old percent $1.5bn "
    "U.S. Sen. Jan. 23 police officials reported earlier version misstated corrected name"
).split()
ODD = [
    "\x00",
    "\x01",
    "\x07",
    "\x08",
    "\x0b",
    "\x0c",
    "\x1b[31m",
    "\x1f",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\u202e",
    "\u200b",
    "\ufeff",
    "\ufffe",
    "\uffff",
    "\U0001f600",
    "e\u0301",
    "\ud800",
    "\udcff",
    "\r",
    "\n",
    "\t",
    "\r\n",
    "<",
    ">",
    "&",
    '"',
    "'",
    "`",
    "|",
    "*",
    "_",
    "#",
    "[",
    "]",
]
PAYLOADS = [
    "<script>alert(1)</script>",
    "</script><script>alert(2)</script>",
    "<img src=x onerror=alert(3)>",
    "javascript:alert(4)",
    '"><svg onload=alert(5)>',
    "' onmouseover='alert(6)",
    "<!--",
    "]]>",
    "[link](javascript:alert(7))",
    "<iframe src=//x>",
    "{{7*7}}",
    "${7*7}",
    "| a | b |",
    "**bold**",
]
CONTROL_BYTES = [bytes([b]) for b in (*range(0, 32), 127)]
ODD_URLS = [
    "http://[::1",
    "http://[::1]:99999/x",
    "http://[zz]/",
    "http://a b/",
    "http://\n/",
    "http://",
    "https://",
    "http://x:port/",
    "ftp://example.com/",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "http://%zz/",
    "http://ex.com/\x00",
    "https://例え.jp/パス?q=ü#frag",
    "http://" + "a" * 5000,
    "HTTP://EXAMPLE.COM/Story/?utm_source=twitter#comments",
    "http://user:pw@ex.com:0/",
    "//ex.com/x",
    "http://ex.com/\udcff",
    "https://ex.com/a?b=<script>",
    " https://ex.com/ ",
    "http://1.2.3.4.5/",
]
ODD_TIMES = [
    "2024-01-23T10:00:00Z",
    "2024-13-01",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999999Z",
    "9999-12-31T23:59:59.999999-23:59",
    "nan",
    "",
    " ",
    "2024-01-01T00:00:00+25:00",
    "1970-01-01",
    "2024-02-30",
    "+002024-01-01",
    "2024-01-01T24:00:00",
    "2024-W01-1",
    "20240101T000000Z",
    "\x00",
]
CONTENT_TYPES = [
    "text/html",
    "text/plain",
    "application/xhtml+xml",
    "text/html; charset=utf-16",
    "text/html; charset=nonsense",
    "application/octet-stream",
    "",
    None,
    "image/png",
    "text/html;;;",
]


def odd_text(rng: random.Random, n: int | None = None) -> str:
    """Words mixed with control characters, markup, payloads and lone surrogates."""
    n = rng.randrange(1, 30) if n is None else n
    parts = []
    for _ in range(n):
        roll = rng.random()
        if roll < 0.6:
            parts.append(rng.choice(WORDS))
        elif roll < 0.8:
            parts.append(rng.choice(ODD))
        elif roll < 0.9:
            parts.append(rng.choice(PAYLOADS))
        else:
            parts.append(chr(rng.randrange(0x20, 0x3000)))
    return rng.choice([" ", "", "\n", ". "]).join(parts)


def odd_key(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.1:
        return "k" * rng.choice([255, 256, 1000, 2001, 4097, 5000])
    if roll < 0.2:
        return rng.choice(PAYLOADS)
    if roll < 0.3:
        return rng.choice(["", " ", "-", "--help", "..", "/", "~", "stdin", "0", "-1", "\n"])
    if roll < 0.4:
        return os.fsdecode(bytes(rng.randrange(128, 256) for _ in range(rng.randrange(1, 8))))
    return odd_text(rng, rng.randrange(1, 6))


def odd_file_name(rng: random.Random) -> str:
    """A name a file system accepts: no slash and no NUL, at most 255 bytes."""
    roll = rng.random()
    if roll < 0.15:
        stem = "a\nb"
    elif roll < 0.25:
        stem = "x" * rng.choice([200, 240])
    elif roll < 0.4:
        stem = os.fsdecode(bytes(rng.randrange(128, 256) for _ in range(6)))
    else:
        stem = odd_text(rng, rng.randrange(1, 4))
    stem = stem.replace("/", "_").replace("\x00", "_").replace("\ud800", "_") or "_"
    if stem.startswith("."):
        stem = "_" + stem
    suffix = rng.choice(["", ".txt", ".html", ".htm", ".warc", ".warc.gz", ".db", ".json", ".HTML"])
    name = stem + suffix
    while len(os.fsencode(name)) > 250:
        name = name[1:]
    return name


def json_value(rng: random.Random, depth: int = 0) -> object:
    """A JSON value of any shape: what a page's JSON-LD may hold where a string was expected."""
    roll = rng.random()
    if depth > 4 or roll < 0.3:
        return rng.choice(
            [None, True, False, 0, -1, 10**40, 1.5e308, 3.14, "", odd_text(rng, 3), "2024-01-23", "x" * 300]
        )
    if roll < 0.55:
        return [json_value(rng, depth + 1) for _ in range(rng.randrange(0, 4))]
    keys = [
        "@type",
        "headline",
        "name",
        "text",
        "author",
        "url",
        "datePublished",
        "dateModified",
        "correction",
        "@graph",
        "description",
        "articleBody",
        "@id",
        "mainEntityOfPage",
    ]
    return {rng.choice(keys): json_value(rng, depth + 1) for _ in range(rng.randrange(0, 5))}


def jsonld_block(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.1:
        return "{" * rng.choice([10, 1000, 100000])  # cut short, or nested past any recursion limit
    if roll < 0.15:
        return "[" * 50000 + "]" * 50000
    node = {"@context": "https://schema.org", "@type": rng.choice(["NewsArticle", ["Article"], 7, None])}
    for field in ("headline", "author", "url", "datePublished", "correction", "@graph"):
        if rng.random() < 0.6:
            node[field] = json_value(rng)
    text = json.dumps(node, ensure_ascii=rng.random() < 0.5)
    return text.replace("<", "\\u003c") if rng.random() < 0.5 else text


def html_page(rng: random.Random) -> str:
    """A page built from hostile parts: odd metadata, JSON-LD of any shape, control characters."""
    meta = []
    for name in ("og:url", "og:title", "article:published_time", "author", "description"):
        if rng.random() < 0.4:
            meta.append(f'<meta property="{name}" content="{odd_text(rng, 3)}">')
    if rng.random() < 0.4:
        meta.append(f'<link rel="canonical" href="{rng.choice(ODD_URLS)}">')
    if rng.random() < 0.2:
        meta.append(f'<meta charset="{rng.choice(["utf-8", "utf-16", "x-bogus", "latin1", "utf-7", ""])}">')
    scripts = [
        f'<script type="application/ld+json">{jsonld_block(rng)}</script>' for _ in range(rng.randrange(0, 3))
    ]
    paras = [f"<p>{odd_text(rng)}</p>" for _ in range(rng.randrange(0, 12))]
    if rng.random() < 0.3:
        paras.append(f'<div class="correction">Correction: {odd_text(rng, 12)}</div>')
    if rng.random() < 0.1:
        paras.append("<div>" * rng.choice([300, 3000]) + "deep" + "</div>" * 10)
    if rng.random() < 0.1:
        paras.append(f'<p title="{"x" * 100000}">long attribute</p>')
    title = odd_text(rng, 4)
    body = "".join(paras)
    page = f"<!doctype html><html><head><title>{title}</title>{''.join(meta)}{''.join(scripts)}</head><body>{body}</body></html>"
    if rng.random() < 0.3:
        page = page[: rng.randrange(len(page) + 1)]
    return page


def random_bytes(rng: random.Random) -> bytes:
    size = int(2 ** rng.uniform(0, 16))
    roll = rng.random()
    if roll < 0.3:
        return rng.randbytes(size)
    if roll < 0.5:
        return bytes(rng.randrange(32, 127) for _ in range(min(size, 4000)))
    if roll < 0.7:
        prefix = rng.choice(
            [b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"<html>", b"%PDF-", b""]
        )
        return prefix + rng.randbytes(min(size, 2000))
    tokens = [
        b"<",
        b"</",
        b"<!--",
        b"<![CDATA[",
        b"<?xml",
        b"<script>",
        b"&#0;",
        b"&#x110000;",
        b"&#99999999999;",
        b"<p>",
        b"<html>",
        b"text ",
        b"\xe2\x80",
        b"\xed\xa0\x80",
        *CONTROL_BYTES,
    ]
    return b"".join(rng.choice(tokens) for _ in range(rng.randrange(1, 200)))


_PAGE_CACHE: list[bytes] = []


def real_pages() -> list[bytes]:
    if not _PAGE_CACHE and PAGES.is_dir():
        _PAGE_CACHE.extend(p.read_bytes() for p in sorted(PAGES.glob("*.html")))
    return _PAGE_CACHE


def mutated_page(rng: random.Random) -> bytes:
    """A real page, damaged: cut short, control bytes or random bytes inserted, JSON-LD swapped in."""
    pages = real_pages()
    data = bytearray(rng.choice(pages)) if pages else bytearray(html_page(rng).encode("utf-8", "replace"))
    for _ in range(rng.randrange(1, 6)):
        op = rng.randrange(6)
        at = rng.randrange(len(data) + 1)
        if op == 0:
            del data[at:]
        elif op == 1:
            data[at:at] = rng.choice(CONTROL_BYTES) * rng.randrange(1, 4)
        elif op == 2:
            data[at:at] = rng.randbytes(rng.randrange(1, 16))
        elif op == 3:
            block = f'<script type="application/ld+json">{jsonld_block(rng)}</script>'
            data[at:at] = block.encode("utf-8", "surrogatepass")
        elif op == 4:
            data[at:at] = odd_text(rng).encode("utf-8", "surrogatepass")
        else:
            data[at : at + 1] = b""
    return bytes(data)


def any_content(rng: random.Random) -> bytes:
    roll = rng.random()
    if roll < 0.3:
        return random_bytes(rng)
    if roll < 0.6:
        return html_page(rng).encode("utf-8", rng.choice(["replace", "surrogatepass"]))
    if roll < 0.7 and real_pages():
        return mutated_page(rng)
    return odd_text(rng, rng.randrange(1, 80)).encode("utf-8", "surrogatepass")


def text_versions(rng: random.Random, count: int) -> list[str]:
    """A plain-text story and later versions of it: words edited, sentences added, moved and removed,
    a correction note added, paragraphs emptied."""
    paras = [
        " ".join(rng.choice(WORDS) for _ in range(rng.randrange(3, 20))) + "."
        for _ in range(rng.randrange(1, 6))
    ]
    out = ["\n\n".join(paras)]
    for _ in range(count - 1):
        paras = list(paras)
        for _ in range(rng.randrange(1, 4)):
            op = rng.randrange(6)
            k = rng.randrange(len(paras)) if paras else 0
            if op == 0 and paras:
                words = paras[k].split()
                words[rng.randrange(len(words))] = rng.choice(WORDS)
                paras[k] = " ".join(words)
            elif op == 1:
                paras.insert(k, odd_text(rng, 8) + ".")
            elif op == 2 and len(paras) > 1:
                paras.pop(k)
            elif op == 3 and len(paras) > 1:
                paras.append(paras.pop(k))
            elif op == 4:
                paras.append(
                    "Correction: An earlier version of this article misstated the " + rng.choice(WORDS) + "."
                )
            elif paras:
                paras[k] = paras[k] + " " + paras[k]
        out.append("\n\n".join(paras))
    return out


def warc_file(rng: random.Random) -> bytes:
    """A web archive written by warcio: responses, revisits, requests and metadata, with odd headers,
    wrong payload digests, and sometimes damaged after writing."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    gz = rng.random() < 0.5
    writer = WARCWriter(out, gzip=gz)
    uri = rng.choice(["https://example.com/story", *ODD_URLS[:6], odd_text(rng, 2)])
    for _ in range(rng.randrange(1, 5)):
        kind = rng.choice(["response", "response", "revisit", "request", "metadata", "resource"])
        payload = any_content(rng)[:20000]
        date = rng.choice(
            ["2024-01-23T10:00:00Z", "2024-01-23T10:00:00.123456Z", "garbage", "", "9999-99-99"]
        )
        headers = {"WARC-Date": date} if date else {}
        if rng.random() < 0.2:
            headers["WARC-Payload-Digest"] = "sha1:" + "A" * 32
        try:
            http = StatusAndHeaders(
                rng.choice(["200 OK", "404 Not Found", "301 Moved", "999 X", "abc"]),
                [("Content-Type", rng.choice([ct for ct in CONTENT_TYPES if ct is not None]))],
                protocol="HTTP/1.1",
            )
            if kind == "revisit":
                record = writer.create_revisit_record(
                    uri,
                    "sha1:" + "B" * 32,
                    rng.choice([uri, "https://other.example/"]),
                    date or "2024-01-23T09:00:00Z",
                    http_headers=http,
                )
            elif kind in ("request", "metadata", "resource"):
                record = writer.create_warc_record(
                    uri, kind, payload=io.BytesIO(payload), warc_headers_dict=headers
                )
            else:
                record = writer.create_warc_record(
                    uri, "response", payload=io.BytesIO(payload), http_headers=http, warc_headers_dict=headers
                )
            writer.write_record(record)
        except Exception:  # warcio refusing to write a header is not what is being tested
            continue
    data = bytearray(out.getvalue())
    if rng.random() < 0.3 and data:
        for _ in range(rng.randrange(1, 4)):
            op = rng.randrange(3)
            if not data:  # cut to nothing by the step before
                break
            at = rng.randrange(len(data))
            if op == 0:
                del data[at:]
            elif op == 1:
                data[at] = rng.randrange(256)
            else:
                data[at:at] = rng.randbytes(8)
    return bytes(data)
