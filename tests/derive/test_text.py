"""tracker.derive.text on real pages from ../shared/corpus and on small pages built here."""

from __future__ import annotations

import html
import json
import re
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.bench_extract import token_f1  # the benchmark's own measure
from tests.conftest import CORPUS  # noqa: E402
from tracker.capture.sniff import looks_like_html
from tracker.derive.decode import decode_text
from tracker.derive.text import Extracted, extract
from tracker.errors import InputError
from tracker.explain.notes import reads_as_note

HTML = CORPUS / "html"
# UTF-8 read as cp1252/latin-1 ("Ã©", "Â\xa0", "â€™"), replacement characters, C1 controls
MOJIBAKE = re.compile("[ÂÃ][\u00a0-\u00bf]|â€|\ufffd|[\u0080-\u009f]")
PARAGRAPHS = [
    "WASHINGTON (AP) — The city council voted 7-2 on Tuesday to approve a new budget that raises "
    "spending on public transit by 12 percent, the largest increase in a decade.",
    "Council member Ana Ruiz, who sponsored the measure, said the money would pay for 40 new buses "
    "and longer evening service on the busiest routes.",
    "Opponents argued that the plan relies on optimistic revenue forecasts and could force cuts "
    "elsewhere if the economy slows next year.",
]


def page(body: str, head: str = "") -> bytes:
    """A small news page with navigation and footer around the article, as sites serve them."""
    return f"""<!doctype html><html><head><meta charset="utf-8"><title>Council passes budget</title>{head}
</head><body><header><nav><a href="/">Home</a> <a href="/local">Local</a></nav></header>
<main><article><h1>Council passes budget</h1>{body}</article></main>
<footer><p>© 2019 Daily News. All rights reserved.</p></footer></body></html>""".encode()


def paragraphs_html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)


@pytest.fixture(scope="module")
def corpus_pages() -> dict[str, Extracted]:
    """Every corpus page extracted once: the corpus tests share this (about 6 s)."""
    if not HTML.is_dir():
        pytest.skip(f"corpus not found at {HTML}")
    return {
        path.stem: extract(path.read_bytes(), filename=path.name, is_note=reads_as_note)
        for path in sorted(HTML.glob("*.html"))
    }


def mean_f1(pages: dict[str, Extracted], prefix: str) -> float:
    scores = [
        token_f1(result.text, (HTML / f"{stem}.expected.txt").read_text(encoding="utf-8"))
        for stem, result in pages.items()
        if stem.startswith(prefix)
    ]
    assert scores, f"no {prefix} pages in the corpus"
    return statistics.mean(scores)


def test_html_body_token_f1_meets_target_on_aeb_pages(corpus_pages: dict[str, Extracted]) -> None:
    assert mean_f1(corpus_pages, "aeb-") >= 0.975


@pytest.mark.parametrize("prefix", ["readability-", "newspaper4k-"])
def test_html_body_stays_close_to_reference_extractors(
    corpus_pages: dict[str, Extracted], prefix: str
) -> None:
    assert mean_f1(corpus_pages, prefix) >= 0.95


def test_html_body_has_blank_line_between_paragraphs(corpus_pages: dict[str, Extracted]) -> None:
    text = corpus_pages["aeb-ap-82b6d780"].text
    assert text.startswith("WASHINGTON (AP) — Ambassador Gordon Sondland")
    assert "\n\nSondland, a wealthy hotelier" in text
    assert "\n\n\n" not in text


def test_no_mojibake_on_any_corpus_page(corpus_pages: dict[str, Extracted]) -> None:
    bad = {
        stem: MOJIBAKE.findall(" ".join([r.text, r.title or "", r.byline or ""]))[:3]
        for stem, r in corpus_pages.items()
    }
    assert {stem: found for stem, found in bad.items() if found} == {}


@pytest.mark.parametrize(
    ("stem", "words"),
    [
        ("readability-qq", "DeepMind开发出一款能够用自己的记忆学习新知识"),  # declares gb2312, is UTF-8
        ("trafilatura-xinhuanet-he-archive", "一个约定，信守15年，感人至深"),  # declares utf-8, is gb18030
    ],
)
def test_wrong_declared_charset_decodes_correctly(
    corpus_pages: dict[str, Extracted], stem: str, words: str
) -> None:
    assert words in corpus_pages[stem].text


def test_utf8_page_declaring_a_legacy_charset_is_read_as_utf8() -> None:
    """cp1252 decodes these bytes without error, as "Ruizâ€™s cafÃ©": valid UTF-8 must win."""
    data = page(paragraphs_html([*PARAGRAPHS, "Ana Ruiz’s café plan — approved."]))
    result = extract(
        data.replace(b'charset="utf-8"', b'charset="windows-1252"'), "text/html", is_note=reads_as_note
    )
    assert "Ana Ruiz’s café plan — approved." in result.text


def test_page_declaring_latin1_gets_windows_1252_quotes() -> None:
    """Browsers read iso-8859-1 as windows-1252, and so do pages: 0x93/0x94 are curly quotes."""
    body = paragraphs_html([*PARAGRAPHS, "Ruiz called it “a good day for riders” — and left."])
    data = page(body).decode().replace('charset="utf-8"', 'charset="iso-8859-1"').encode("cp1252")
    assert (
        "Ruiz called it “a good day for riders” — and left."
        in extract(data, "text/html", is_note=reads_as_note).text
    )


@pytest.mark.parametrize(
    ("encoding", "paragraphs"),
    [
        ("cp1252", [*PARAGRAPHS, "Ruiz called it “a good day for riders” — and left the café."]),
        (
            "gb18030",
            [
                "谷歌在2014年收购的人工智能公司开发出一款能够利用记忆学习新知识的计算机。",
                "这款产品具有重要意义，因为这意味着未来的人工智能技术可能不需要人类来教它就能回答问题。",
                "公司表示，这款模型可以接受家谱和伦敦地铁网络地图这样的信息，并回答相关问题。",
            ],
        ),
    ],
)
def test_page_without_declared_charset_is_decoded_by_guess(encoding: str, paragraphs: list[str]) -> None:
    data = page(paragraphs_html(paragraphs)).decode().replace('<meta charset="utf-8">', "").encode(encoding)
    assert paragraphs[-1] in extract(data, "text/html", is_note=reads_as_note).text


def test_pages_in_legacy_charsets_keep_their_words(corpus_pages: dict[str, Extracted]) -> None:
    """Latin-1, windows-1252 and windows-1250 pages: some expected snippet must come through intact."""
    missing = []
    for path in sorted(HTML.glob("trafilatura-*.snippets.json")):
        snippets = json.loads(path.read_text(encoding="utf-8"))
        text = corpus_pages[path.name.removesuffix(".snippets.json")].text
        if not any(snippet in text for snippet in snippets["with"]):
            missing.append(path.name)
    assert missing == []


def test_trafilatura_snippets_hold_on_at_least_four_pages(corpus_pages: dict[str, Extracted]) -> None:
    """4 of 9 is what trafilatura's own defaults reach on these pages; fewer means a regression."""
    held = 0
    for path in sorted(HTML.glob("trafilatura-*.snippets.json")):
        snippets = json.loads(path.read_text(encoding="utf-8"))
        text = corpus_pages[path.name.removesuffix(".snippets.json")].text
        held += all(s in text for s in snippets["with"]) and not any(s in text for s in snippets["without"])
    assert held >= 4


def test_editors_note_in_article_body_survives(corpus_pages: dict[str, Extracted]) -> None:
    note = "Editor's note: This story was updated at 5:45 p.m. ET to include details from the NASA telecon."
    assert note in corpus_pages["aeb-space-c50845a7"].text.split("\n\n")


def test_correction_notes_survive_on_article_pages() -> None:
    """Real corrected articles, served as HTML with the note where it was published: no note is lost."""
    cases_file = CORPUS / "corrections" / "cases.jsonl"
    if not cases_file.is_file():
        pytest.skip(f"corpus not found at {cases_file}")
    lost = []
    for line in cases_file.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        article = (CORPUS / "corrections" / "articles" / f"{case['article']}.txt").read_text(encoding="utf-8")
        _title, _, body = article.partition("\n\n")
        result = extract(page(paragraphs_html(body.split("\n\n"))), "text/html", is_note=reads_as_note)
        if " ".join(case["note"].split()) not in result.text:
            lost.append(case["id"])
    assert lost == []


def test_headline_is_metadata_not_a_body_line() -> None:
    result = extract(page(paragraphs_html(PARAGRAPHS)), "text/html", is_note=reads_as_note)
    assert result.title == "Council passes budget"
    assert result.text == "\n\n".join(PARAGRAPHS)


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        b"article text\x00\x01\x02\x03 more",
        bytes(range(32)) * 20,
    ],
    ids=["png", "pdf", "nul", "controls"],
)
def test_binary_input_is_rejected_with_one_line_error(data: bytes) -> None:
    with pytest.raises(InputError) as error:
        extract(data, filename="capture.bin", is_note=reads_as_note)
    message = str(error.value)
    assert "binary" in message and "capture.bin" in message and "\n" not in message


@pytest.mark.parametrize(
    ("data", "content_type"),
    [(b"  \r\n\t\n  ", None), (b"", "text/plain"), (b"<html><body> \n </body></html>", "text/html")],
)
def test_whitespace_only_text_is_rejected(data: bytes, content_type: str | None) -> None:
    with pytest.raises(InputError, match=r"^no article text found in snap$"):
        extract(data, content_type, filename="snap", is_note=reads_as_note)


def test_jsonld_correction_is_found() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "description": 'Not a note: "correction": "inside a string"'},
            {
                "@type": "NewsArticle",
                "headline": "Council passes budget",
                "correction": [
                    {"@type": "CorrectionComment", "text": "An earlier version misstated the vote as 6-3."},
                    "An earlier version misspelled Ana Ruiz's name.",
                ],
            },
        ],
    }
    other = {"@type": "Article", "correction": {"@type": "CorrectionComment", "description": "Fixed a date."}}
    head = (
        f'<script type="application/ld+json">{json.dumps(graph)}</script>'
        f'<script type="application/ld+json">{json.dumps(other)}</script>'
        '<script type="application/ld+json">{"correction": broken json</script>'
    )
    result = extract(page(paragraphs_html(PARAGRAPHS), head), "text/html", is_note=reads_as_note)
    assert result.corrections == (
        "An earlier version misstated the vote as 6-3.",
        "An earlier version misspelled Ana Ruiz's name.",
        "Fixed a date.",
    )


def test_dates_and_byline_come_from_jsonld_as_written() -> None:
    article = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "datePublished": "2019-11-20T05:52:20-05:00",
        "dateModified": "0001-01-01T00:00:00Z",  # a CMS placeholder, not a date
        "author": {"@type": "Person", "name": "Lisa Mascaro"},
    }
    head = (
        f'<script type="application/ld+json">{json.dumps(article)}</script>'
        '<meta property="article:modified_time" content="2019-11-20T06:10:00-05:00">'
    )
    result = extract(page(paragraphs_html(PARAGRAPHS), head), "text/html", is_note=reads_as_note)
    assert (result.published, result.modified) == ("2019-11-20T05:52:20-05:00", "2019-11-20T06:10:00-05:00")
    assert result.byline == "Lisa Mascaro"


def test_plain_text_title_is_first_line() -> None:
    data = (
        b"Council passes budget\r\n\r\nThe council voted 7-2.   \r\n\r\n\r\n\r\nOpponents objected.\r\n\r\n"
    )
    result = extract(data, filename="story.txt", is_note=reads_as_note)
    assert result.title == "Council passes budget"
    assert result.text == "Council passes budget\n\nThe council voted 7-2.\n\nOpponents objected."
    assert result.content_type == "text/plain"


@pytest.mark.parametrize(
    "data",
    [
        b"The council voted 7-2 on Tuesday.\nOpponents objected.",
        b"x" * 200 + b"\n\nMore text.",
        b"Only one line",
    ],
    ids=["no-blank-line", "first-line-too-long", "nothing-after"],
)
def test_plain_text_without_short_first_paragraph_has_no_title(data: bytes) -> None:
    assert extract(data, "text/plain", is_note=reads_as_note).title is None


@pytest.mark.parametrize(
    "encoding", ["utf-16", "utf-16-be-bom", "utf-16-le", "utf-16-be", "utf-8-sig", "cp1252", "latin-1"]
)
def test_utf16_and_cp1252_text_files_decode(encoding: str) -> None:
    text = "Café owner’s “quote” — naïve façade\r\n\r\nSecond paragraph, 5 €.\r\n"
    if encoding == "utf-16-be-bom":
        data = b"\xfe\xff" + text.encode("utf-16-be")
    elif encoding == "latin-1":
        text = "Café owner's façade in Zürich\r\nÀ bientôt, señor.\r\n"
        data = text.encode(encoding)
    else:
        data = text.encode(encoding)
    assert decode_text(data) == text.replace("\r\n", "\n")


@pytest.mark.parametrize(
    ("data", "content_type", "filename", "expected"),
    [
        (b"plain words", "text/html; charset=utf-8", None, True),
        (b"<html><body>x</body></html>", "text/plain", None, False),
        (b"plain words", None, "page.HTM", True),
        (b"  <!-- saved -->\n<!DOCTYPE html><html>", None, None, True),
        ("<html><body>".encode("utf-16"), None, None, True),
        ("<html><body><p>No byte-order mark</p>".encode("utf-16-le"), None, None, True),
        (b"The <b> tag makes text bold.", None, None, False),
    ],
)
def test_html_is_recognised_by_type_then_name_then_content(
    data: bytes, content_type: str | None, filename: str | None, expected: bool
) -> None:
    assert looks_like_html(data, content_type, filename) is expected


def test_importing_extract_does_not_load_heavy_libraries() -> None:
    code = "import sys, tracker.derive.text; print(sorted({m.split('.')[0] for m in sys.modules}))"
    root = Path(__file__).resolve().parents[2]
    loaded = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    for heavy in ("trafilatura", "readability", "lxml", "charset_normalizer"):
        assert f"'{heavy}'" not in loaded.stdout


def test_correction_box_outside_the_article_body_is_kept():
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = (
        "<html><head><title>Budget vote</title></head><body><article><h1>Budget vote</h1>"
        f"{body}</article><aside class='article-correction'><p>Correction: An earlier version of this "
        "article misspelled the name of the council chair.</p></aside>"
        "<div class='corrections-policy'><a href='/c'>Read our corrections policy</a></div></body></html>"
    )
    text = extract(page.encode("utf-8"), "text/html", is_note=reads_as_note).text
    assert text.endswith(
        "Correction: An earlier version of this article misspelled the name of the council chair."
    )
    assert "corrections policy" not in text
