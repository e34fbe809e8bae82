"""Raw bytes of a captured page -> article text and metadata.

Every later step (claims, diffs, note linking) compares the text produced here, so this module
prefers precision: a widget or timestamp that leaks into the body shows up as a phantom edit.
Heavy libraries (trafilatura, readability, lxml, charset-normalizer) are imported inside the
functions that need them, so importing this module stays cheap.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from tracker.capture.sniff import looks_like_html
from tracker.derive.article import has_article_markup, holds_no_article
from tracker.derive.decode import decode_html, decode_text, reject_binary
from tracker.derive.page import block_paragraphs, headline, marked_body, paragraphs, with_lede, without_stamps
from tracker.errors import InputError

if TYPE_CHECKING:
    from lxml.html import HtmlElement
    from trafilatura.settings import Document


@dataclass(frozen=True)
class Extracted:
    """What a snapshot's bytes say: the body text to version, and the metadata around it."""

    text: str  # article body: paragraphs separated by one blank line ("\n\n"), no title line
    title: str | None
    byline: str | None
    published: str | None  # ISO-8601 date or datetime string as found, else None
    modified: str | None
    corrections: tuple[str, ...]  # schema.org `correction` texts found in the page
    content_type: str  # "text/html" or "text/plain"
    no_article: bool = False  # an error page, a paywall, an app shell: kept, but no version of the story


_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_PUBLISHED_META = ("article:published_time", "datePublished", "pubdate", "publishdate")
_MODIFIED_META = ("article:modified_time", "og:updated_time", "dateModified", "lastmod")
_ARTICLE_TYPE = re.compile(r"Article|Posting|Report", re.I)
# characters XML 1.0 (and so lxml) refuses: C0 controls but tab and line ends, lone surrogates, U+FFFE/F
_NOT_XML = re.compile("[\x00-\x08\x0b\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MAX_JSONLD_DEPTH = 40  # deeper JSON-LD holds no article metadata; Python's own parser stops near 1,000


def extract(
    data: bytes,
    content_type: str | None = None,
    filename: str | None = None,
    is_note: Callable[[str], bool] | None = None,
) -> Extracted:
    """Turn a snapshot's raw bytes into the article text and metadata the tracker versions.

    `is_note` says whether a block of text reads as an editor's note: given, a page's correction box
    that the extractor left out is kept when it does. It is passed in (the library passes the note
    detector) because judging notes is a later stage's job, not extraction's."""
    source = filename or "input"
    reject_binary(data, source)
    if looks_like_html(data, content_type, filename):
        result = _extract_html(data, content_type, is_note)
    else:
        result = _extract_plain(data)
    if not result.text.strip() and not result.no_article:
        raise InputError(f"no article text found in {source}")
    return result


def _extract_plain(data: bytes) -> Extracted:
    """A text capture is the document as captured: keep every line, take a short first line as title."""
    lines = [line.rstrip() for line in decode_text(data).split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")
    first, _, rest = text.partition("\n\n")
    title = first if "\n" not in first and len(first) < 200 and rest.strip() else None
    return Extracted(text, title, None, None, None, (), "text/plain")


def _extract_html(data: bytes, content_type: str | None, is_note: Callable[[str], bool] | None) -> Extracted:
    import lxml.etree
    import lxml.html

    html = _XML_DECLARATION.sub("", decode_html(data, content_type), count=1)
    # a browser shows no control characters; lxml refuses them, so they go (a form feed is a space)
    html = _NOT_XML.sub("", html.replace("\x0c", " "))
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):  # nothing but whitespace or comments
        return Extracted("", None, None, None, None, (), "text/html")
    text, meta = _body_and_metadata(html, tree)
    nodes = list(_jsonld_nodes(tree))
    title = headline(tree, [*_metadata_titles(nodes, tree), _plain(meta.title) or ""])
    text = _drop_title_line(text, title)
    if is_note is not None:
        text = _with_note_blocks(text, tree, is_note)
    # a page that shows something (a title, a "not found", a "subscribe") but no article is kept, marked
    shows_something = bool(text.strip() or tree.text_content().strip())
    return Extracted(
        text=text,
        title=title or None,
        byline=_plain(meta.author),
        published=_first_date(nodes, tree, "datePublished", _PUBLISHED_META) or _iso(meta.date),
        modified=_first_date(nodes, tree, "dateModified", _MODIFIED_META),
        corrections=_corrections(nodes),
        content_type="text/html",
        no_article=shows_something and holds_no_article(text, title, has_article_markup(tree, nodes)),
    )


_NOTE_BOX = re.compile(r"correction|editors?-?note|clarification", re.IGNORECASE)  # class or id of a note box
_NOT_A_BOX = {"script", "style", "a", "nav", "footer", "body", "html", "head", "meta", "link"}


def _with_note_blocks(text: str, tree: HtmlElement, is_note: Callable[[str], bool]) -> str:
    """Add the page's correction boxes that the extractor left out (notes often sit in an <aside>
    or a box of their own), but only those the note detector reads as notes: never widgets."""
    flat = " ".join(text.split())
    extra = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in _NOT_A_BOX:
            continue
        if not _NOTE_BOX.search(f"{element.get('class', '')} {element.get('id', '')}"):
            continue
        block = block_paragraphs(element)  # a box of two <p> stays two paragraphs
        words = " ".join(block.split())
        if 20 <= len(words) <= 2000 and words not in flat and is_note(words):
            if not any(words in seen or seen in words for seen, _ in extra):
                extra.append((words, block))
    return "\n\n".join([text, *(block for _, block in extra)]) if extra else text


def _body_and_metadata(html: str, tree: HtmlElement) -> tuple[str, Document]:
    """trafilatura in precision mode, with readability as a fallback when it keeps too little.

    On the benchmark pages this pair beats either library alone (token F1 0.98 vs 0.972 for
    trafilatura's defaults); precision mode trims widgets and stamps that would be phantom edits.
    """
    import trafilatura
    from trafilatura.settings import Document

    # the libraries trip on some broken pages (htmldate asserts an element has a parent): their
    # failure means "nothing found here", never a crash of the whole add
    try:
        doc = trafilatura.bare_extraction(
            html, favor_precision=True, include_comments=False, with_metadata=True
        )
    except (AssertionError, ValueError, TypeError, AttributeError, RecursionError):
        doc = None
    if doc is None:  # too little text for trafilatura: keep its metadata, let readability try
        try:
            doc = trafilatura.extract_metadata(tree) or Document()
        except (AssertionError, ValueError, TypeError, AttributeError, RecursionError):
            doc = Document()
    text = paragraphs(doc.text or "")
    fallback = _readability_text(html)
    if len(text) < 0.5 * len(fallback):
        text = fallback
    if len(marked := marked_body(tree)) >= 0.5 * len(text):  # the page says which text is its body
        text = marked
    return without_stamps(with_lede(text, fallback, tree)), doc


def _metadata_titles(nodes: list[dict[str, Any]], tree: HtmlElement) -> list[str]:
    """Titles the page gives for sharing and search: JSON-LD article `headline`, og:title, twitter:title."""
    articles = [node for node in nodes if _is_article(node)]
    titles = [_plain(node.get("headline")) or "" for node in articles]
    for name in ("og:title", "twitter:title"):
        titles += tree.xpath(f'//meta[@property="{name}" or @name="{name}"]/@content')
    return [" ".join(title.split()) for title in titles if title.strip()]


def _is_article(node: dict[str, Any]) -> bool:
    """A JSON-LD node typed as an article (`@type` a string or a list of strings)."""
    kind = node.get("@type", "")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and _ARTICLE_TYPE.search(k) for k in kinds)


def _plain(value: Any) -> str | None:
    """A metadata value as one line of text, or None: JSON-LD gives numbers, objects and lists too."""
    if not isinstance(value, str):
        return None
    return " ".join(_NOT_XML.sub("", value).split()) or None


def _readability_text(html: str) -> str:
    """readability's article HTML as text, one paragraph per block element."""
    import lxml.html
    from readability import Document as ReadabilityDocument

    try:
        summary = ReadabilityDocument(html).summary(html_partial=True)
        fragment = lxml.html.fromstring(summary)
    except Exception:  # readability's Unparseable and lxml's ParserError on odd pages: no fallback
        return ""
    return block_paragraphs(fragment)


def _drop_title_line(text: str, title: str | None) -> str:
    """The headline is metadata, not body: drop it when the body opens with it."""
    first, _, rest = text.partition("\n\n")
    if title and rest and first.casefold() == " ".join(title.split()).casefold():
        return rest
    return text


def _jsonld_nodes(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON object in the page's JSON-LD blocks, nested ones and @graph members included."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        raw = re.sub(r"^\s*(?:<!--|//\s*<!\[CDATA\[)|(?:-->|//\s*\]\]>)\s*$", "", script.text or "")
        try:
            data = json.loads(raw, strict=False)
        except (ValueError, RecursionError):  # not JSON, or nested past the parser's depth
            continue
        yield from _walk(data, 0)


def _walk(value: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > _MAX_JSONLD_DEPTH:
        return
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    if isinstance(value, dict):
        yield value
    for child in children:
        yield from _walk(child, depth + 1)


def _corrections(nodes: list[dict[str, Any]]) -> tuple[str, ...]:
    """Texts of schema.org `correction` values: strings, CorrectionComment objects, lists of either."""
    found = [text for node in nodes if "correction" in node for text in _correction_texts(node["correction"])]
    cleaned = (" ".join(_strip_tags(_NOT_XML.sub("", text)).split()) for text in found)
    return tuple(dict.fromkeys(text for text in cleaned if text))


def _correction_texts(value: Any, depth: int = 0) -> list[str]:
    if depth > _MAX_JSONLD_DEPTH:
        return []
    if isinstance(value, dict):
        value = value.get("text") or value.get("description")
    if isinstance(value, list):
        return [text for item in value for text in _correction_texts(item, depth + 1)]
    return [value] if isinstance(value, str) else []


def _strip_tags(text: str) -> str:
    """Some sites put HTML inside JSON-LD strings; keep the words only."""
    if "<" not in text:
        return text
    import lxml.html

    return lxml.html.fromstring(f"<div>{text}</div>").text_content()


def _first_date(
    nodes: list[dict[str, Any]], tree: HtmlElement, key: str, meta_names: tuple[str, ...]
) -> str | None:
    """An ISO date from JSON-LD (article objects first), then from meta tags, exactly as written."""
    articles = [node for node in nodes if _is_article(node)]
    candidates = [node.get(key) for node in [*articles, *nodes]]
    for name in meta_names:
        candidates += tree.xpath(
            f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"]/@content'
        )
    return next((iso for value in candidates if (iso := _iso(value))), None)


def _iso(value: Any) -> str | None:
    """The value itself if it is an ISO-8601 date or datetime, else None (never reformatted)."""
    if not isinstance(value, str):
        return None
    try:
        # CMS placeholders such as "0001-01-01T00:00:00Z" are not dates
        return value.strip() if datetime.fromisoformat(value.strip()).year >= 1900 else None
    except ValueError:
        return None
