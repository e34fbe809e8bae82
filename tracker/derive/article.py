"""Whether a captured page holds an article at all: an error page, a paywall, an app shell that needs
scripts, or a page with next to no text is kept as captured, but marked, so no diff or note counts the
whole story as removed and then added back.

General signals only, never a site's template: how much prose the extraction kept, whether the page
marks itself up as an article, and what a short page says instead (vocabulary.NO_ARTICLE_PHRASES).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from tracker.vocabulary import NO_ARTICLE_PHRASES, WORD

if TYPE_CHECKING:
    from lxml.html import HtmlElement

FEW_WORDS = 15  # fewer words than this is no article, whatever the page says it is
SHORT_WORDS = 80  # a page this short is no article when it reads as an error, a wall or a shell
BARE_WORDS = 40  # this short, without article markup and two sentences, is no article either
_SENTENCE_END = re.compile(r"[.!?]['\"”’)]?(?:\s|$)")
_ARTICLE_KIND = re.compile(r"Article|Posting|Report|BlogPosting", re.IGNORECASE)


def has_article_markup(tree: HtmlElement, jsonld: list[dict[str, Any]]) -> bool:
    """The page says it is an article: schema.org `articleBody`, `og:type` article, or a JSON-LD
    article node. (An <article> element alone says little: app shells and listings use it too.)"""
    if tree.xpath('//*[@itemprop="articleBody"]'):
        return True
    if any("article" in value.lower() for value in tree.xpath('//meta[@property="og:type"]/@content')):
        return True
    for node in jsonld:
        kind = node.get("@type", "")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(isinstance(k, str) and _ARTICLE_KIND.search(k) for k in kinds):
            return True
    return False


def holds_no_article(text: str, title: str | None, marked_up: bool) -> bool:
    """True for a page whose extracted body is no article: next to no words; or short and saying it is
    an error, a paywall or an app shell; or short, with no article markup and not two sentences."""
    words = len(WORD.findall(text))
    if words < FEW_WORDS:
        return True
    if words < SHORT_WORDS and NO_ARTICLE_PHRASES.search(f"{title or ''}\n{text}"):
        return True
    return words < BARE_WORDS and not marked_up and len(_SENTENCE_END.findall(text)) < 2
