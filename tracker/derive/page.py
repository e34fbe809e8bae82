"""Rules that keep one article's text the same across the templates a site wraps it in.

Captures of one page years apart differ in everything around the article: kickers, "Related" lists,
"Published: ..." stamps, series boxes, where the headline sits. Each rule here reads what the page
itself says is the article (its displayed headline, schema.org `articleBody` markup, body paragraphs)
so that a change confined to the template makes no edit. Pure functions over an lxml tree.
"""

from __future__ import annotations

import copy
import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement

BLOCKS = "p div section article blockquote pre li ul ol table tr h1 h2 h3 h4 h5 h6 figcaption".split()
# never article text, inside a body or around it
_NOT_TEXT = "script style noscript aside figure figcaption form button iframe nav footer header".split()
# class or id of the template's boxes that sit inside a body (readability's "unlikely candidates" idea)
_BOX = re.compile(
    r"related|inline|promo|share|social|newsletter|advert|toolbar|caption|credit|byline|kicker|sidebar"
    r"|comment|footer|rail|subscribe",
    re.IGNORECASE,
)
_MEDIA = re.compile(r"caption|credit|video|media|image|photo|gallery|promo|related|embed", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?\"”’)]$")
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|\-–—:>»·•]|::)\s+")
# a template's time stamp: "Published: January 26, 2012", "Updated 10:32 a.m. ET", "Last modified on ..."
_STAMP = re.compile(
    r"^(?:(?:first\s+)?published|posted|updated|last\s+(?:updated|modified)|modified)(?:\s+on)?\s*:?\s*"
    r"(?P<rest>.{4,60})$",
    re.IGNORECASE,
)
_STAMP_TIME = re.compile(
    r"\b(?:1[89]|20)\d\d\b|\b\d{1,2}[:.]\d\d\b|\b(?:ago|today|yesterday)\b", re.IGNORECASE
)


def paragraphs(text: str) -> str:
    """One paragraph per non-blank line, separated by a blank line; NFC like trafilatura's own output."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return unicodedata.normalize("NFC", "\n\n".join(line for line in lines if line))


def block_paragraphs(element: HtmlElement) -> str:
    """An element's text with one paragraph per block element, so two <p> never run together."""
    element = copy.deepcopy(element)
    for br in element.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in element.iter(*BLOCKS):
        block.text = "\n\n" + (block.text or "")
        block.tail = "\n\n" + (block.tail or "")
    return paragraphs(element.text_content())


def marked_body(tree: HtmlElement) -> str:
    """The text of the elements the page marks as its body (schema.org `itemprop="articleBody"`),
    without the template's boxes inside them; "" when the page marks none.

    A template that splits the body around inline boxes ("Related", series boxes, multimedia)
    still marks every body paragraph, so this text is the same whatever sits between them."""
    bodies = tree.xpath('//*[@itemprop="articleBody"][not(ancestor::*[@itemprop="articleBody"])]')
    texts = []
    for body in bodies:
        body = copy.deepcopy(body)
        boxes = [
            element
            for element in body.iter()
            if isinstance(element.tag, str)
            and element is not body
            and (
                element.tag in _NOT_TEXT or _BOX.search(f"{element.get('class', '')} {element.get('id', '')}")
            )
        ]
        for box in boxes:
            if box.getparent() is not None:
                box.drop_tree()
        if text := block_paragraphs(body):
            texts.append(text)
    return "\n\n".join(texts)


def with_lede(text: str, other: str, tree: HtmlElement) -> str:
    """Put back opening paragraphs the main extractor missed: the other extractor's paragraphs just
    before the shared first one, when each is prose (a sentence of 12 words or more) in a <p> of the
    page that is not a caption, a promo or a box."""
    ours, theirs = text.split("\n\n"), other.split("\n\n")
    folded = [_fold(paragraph) for paragraph in theirs]
    if not ours or _fold(ours[0]) not in folded:
        return text
    whole = _fold(text)
    lede: list[str] = []
    for paragraph in reversed(theirs[: folded.index(_fold(ours[0]))]):
        if len(paragraph.split()) < 12 or not _SENTENCE_END.search(paragraph) or _fold(paragraph) in whole:
            break
        if not _is_body_paragraph(tree, paragraph):
            break
        lede.insert(0, paragraph)
    return "\n\n".join([*lede, *ours]) if lede else text


def without_stamps(text: str) -> str:
    """Leave out paragraphs that are only the template's time stamp ("Published: January 26, 2012"):
    the page's dates are read from its metadata, and a stamp in one template and not the next is no edit.
    A note's dated label ("Correction: Nov. 20, 2019") is no stamp and stays."""
    return "\n\n".join(paragraph for paragraph in text.split("\n\n") if not _is_stamp(paragraph))


def headline(tree: HtmlElement, metadata_titles: list[str]) -> str | None:
    """The article's own headline, from the same source in every template where the page allows it:
    the heading the page marks as headline (`itemprop="headline"`), else the <h1> inside <article>,
    else an <h1> that agrees with the page's metadata titles; only then JSON-LD `headline`, og:title
    and the like (`metadata_titles`, best first), and last <title> with the site's name taken off.

    The displayed headline goes first because metadata titles are written for sharing and search
    and change with the template (a series kicker added, a different social headline)."""
    titles = [title for title in metadata_titles if title]
    page_title = _text(tree.find(".//title"))
    marked = tree.xpath('//*[@itemprop="headline"][not(self::meta)]')
    for element in [*marked, *tree.xpath("//article//h1")]:
        if text := _text(element):
            return text
    for element in tree.iter("h1"):
        text = _text(element)
        if text and any(_agrees(text, title) for title in [*titles, page_title] if title):
            return text
    if titles:
        return titles[0]
    return _without_site_name(page_title, tree) if page_title else None


def _text(element: HtmlElement | None) -> str:
    return " ".join(element.text_content().split()) if element is not None else ""


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def _agrees(heading: str, title: str) -> bool:
    """A heading is the page's headline when a metadata title holds it whole or shares most words."""
    heading, title = _fold(heading), _fold(title)
    if heading in title or title in heading:
        return True
    words, others = set(heading.split()), set(title.split())
    return len(words & others) >= 0.6 * max(len(words), len(others), 1)


def _without_site_name(title: str, tree: HtmlElement) -> str:
    """<title> without the site's name: parts equal to og:site_name go, else the longest part stays."""
    parts = [part for part in _TITLE_SEPARATORS.split(title) if part.strip()]
    site = {_fold(name) for name in tree.xpath('//meta[@property="og:site_name"]/@content')}
    kept = [part for part in parts if _fold(part) not in site]
    if len(kept) == 1 or not kept:
        return (kept or parts or [title])[0]
    return max(kept, key=len)


def _is_body_paragraph(tree: HtmlElement, text: str) -> bool:
    wanted = " ".join(text.split())
    for element in tree.iter("p"):
        if " ".join(element.text_content().split()) == wanted:
            return not any(
                ancestor.tag in ("figure", "figcaption", "aside")
                or _MEDIA.search(f"{ancestor.get('class', '')} {ancestor.get('id', '')}")
                for ancestor in element.iterancestors()
            )
    return False


def _is_stamp(paragraph: str) -> bool:
    match = _STAMP.match(paragraph.strip())
    if not match:
        return False
    rest = match.group("rest")
    return bool(_STAMP_TIME.search(rest)) and len(re.findall(r"[A-Za-z]{4,}", rest)) <= 4
