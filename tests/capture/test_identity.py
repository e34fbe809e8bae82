"""One page, one article: the key comes from the page's own URL, normalised; a page with no article
is kept but marked, and left out of diffs and notes."""

from __future__ import annotations

import json

import pytest

from tracker.capture.identity import canonical_url, normalise_url

BODY = (
    "<p>Additionally, {fact} will lead a new armor capability-focused coalition, it announced during the "
    "meeting, officials said on Tuesday in Brussels.</p><p>The group has met every month since the spring "
    "and will meet again in the autumn to agree on the next steps of the plan.</p>"
)


def page(fact: str = "Germany", head: str = "", extra: str = "") -> bytes:
    return f"<html><head><title>Coalition</title>{head}</head><body><article>{BODY.format(fact=fact)}{extra}</article></body></html>".encode()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "HTTPS://Example.COM/Story/?utm_source=twitter&utm_medium=social#comments",
            "https://example.com/Story",
        ),
        ("https://example.com/story/", "https://example.com/story"),
        ("https://example.com/story?fbclid=abc&id=7", "https://example.com/story?id=7"),
        ("https://example.com:443/story", "https://example.com/story"),
        ("https://example.com/story?b=2&a=1", "https://example.com/story?a=1&b=2"),
    ],
)
def test_urls_of_one_page_normalise_to_one_spelling(url, expected):
    assert normalise_url(url) == expected


@pytest.mark.parametrize(
    "head",
    [
        '<link rel="canonical" href="https://example.com/story/?utm_campaign=x">',
        '<meta property="og:url" content="https://EXAMPLE.com/story#top">',
        '<script type="application/ld+json">{"@type": "NewsArticle", "url": "https://example.com/story/"}</script>',
    ],
    ids=["link-canonical", "og-url", "json-ld"],
)
def test_a_page_names_itself(head):
    assert canonical_url(page(head=head), "text/html") == "https://example.com/story"


def test_a_relative_canonical_is_read_against_the_capture_url():
    raw = page(head='<link rel="canonical" href="/story">')
    assert (
        canonical_url(raw, "text/html", "https://example.com/section/x?utm_source=y")
        == "https://example.com/story"
    )


def test_a_canonical_that_is_not_a_web_url_is_ignored():
    assert canonical_url(page(head='<link rel="canonical" href="javascript:alert(1)">'), "text/html") is None
    assert canonical_url(page(head='<link rel="canonical" href="http://[::1">'), "text/html") is None


def _keys(invoke, db) -> list[str]:
    return [a["article"] for a in json.loads(invoke("--db", db, "articles", "--format", "json").output)]


def test_captures_of_one_canonical_page_are_one_article(sqlite_db, invoke, tmp_path):
    for k, (fact, link) in enumerate(
        [
            ("Germany", "https://example.com/story?utm_source=tw"),
            ("Poland", "https://example.com/story/#comments"),
        ]
    ):
        path = tmp_path / f"save-{k}.html"
        path.write_bytes(page(fact, head=f'<link rel="canonical" href="{link}">'))
        assert (
            invoke("--db", sqlite_db, "add", path, "--captured-at", f"2024-01-2{k}T00:00:00Z").exit_code == 0
        )
    assert _keys(invoke, sqlite_db) == ["https://example.com/story"]
    assert "Germany -> Poland" in invoke("--db", sqlite_db, "log", "https://example.com/story").output


def test_two_unrelated_files_of_one_name_are_two_articles(sqlite_db, invoke, tmp_path):
    for folder, fact in (("a", "Germany"), ("b", "France")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "index.html").write_bytes(page(fact))
        assert invoke("--db", sqlite_db, "add", tmp_path / folder / "index.html").exit_code == 0
    keys = _keys(invoke, sqlite_db)
    assert len(keys) == 2 and all(k.endswith("index.html") and k != "index.html" for k in keys)


def test_the_article_option_always_wins(sqlite_db, invoke, tmp_path):
    path = tmp_path / "p.html"
    path.write_bytes(page(head='<link rel="canonical" href="https://example.com/story">'))
    assert invoke("--db", sqlite_db, "add", path, "--article", "mine").exit_code == 0
    assert _keys(invoke, sqlite_db) == ["mine"]


def test_tracking_parameters_in_url_option_do_not_start_a_new_article(sqlite_db, invoke, tmp_path):
    for k, url in enumerate(["https://example.com/s?utm_source=twitter", "https://Example.com/s#comments"]):
        path = tmp_path / f"{k}.txt"
        path.write_text(f"Version {k} of the story, with enough words to read as an article text.")
        assert invoke("--db", sqlite_db, "add", path, "--url", url).exit_code == 0
    assert _keys(invoke, sqlite_db) == ["https://example.com/s"]


def test_a_file_name_with_a_line_break_is_one_line_everywhere(sqlite_db, invoke, tmp_path):
    path = tmp_path / "a\nb.txt"
    path.write_text("A story about the coalition and its plans for the year.")
    added = invoke("--db", sqlite_db, "add", path)
    assert added.exit_code == 0 and len(added.output.strip().splitlines()) == 1
    (key,) = _keys(invoke, sqlite_db)
    assert "\n" not in key and key.endswith("a\\nb.txt")
    missing = invoke("--db", sqlite_db, "add", tmp_path / "c\nd.txt")
    assert (
        missing.exit_code == 1
        and len(missing.output.strip().splitlines()) == 1
        and "c\\nd.txt" in missing.output
    )


NO_ARTICLE = {
    "error page": b"<html><head><title>404 Not Found</title></head><body><h1>Page not found</h1>"
    b"<p>Sorry, the page you requested could not be found.</p></body></html>",
    "paywall": b"<html><head><title>Coalition</title></head><body><p>Subscribe to continue reading. "
    b"Already a subscriber? Log in.</p></body></html>",
    "app shell": b"<html><head><title>News</title></head><body><noscript>You need to enable JavaScript "
    b"to run this app.</noscript><div id=root></div></body></html>",
    "next to no text": b"<html><head><title>Coalition</title></head><body><p>Loading</p></body></html>",
}


@pytest.mark.xfail(
    reason="log and notes now come from the derived index (tracker.indexing), whose per-version parts "
    "do not yet skip a page marked no_article; add marks it and diff skips it",
    strict=False,
)
@pytest.mark.parametrize("kind", list(NO_ARTICLE))
def test_a_page_with_no_article_is_kept_marked_and_left_out(sqlite_db, invoke, tmp_path, kind):
    for k, raw in enumerate([page("Germany"), NO_ARTICLE[kind], page("Poland")]):
        path = tmp_path / f"{k}.html"
        path.write_bytes(raw)
        added = invoke(
            "--db", sqlite_db, "add", path, "--article", "s", "--captured-at", f"2024-01-2{k}T00:00:00Z"
        )
        assert added.exit_code == 0, added.output
        if k == 1:
            assert "no article" in added.output
    log = invoke("--db", sqlite_db, "log", "s").output
    assert "version 2" in log and "no article" in log
    diff = invoke("--db", sqlite_db, "diff", "s").output
    assert "version 1 -> version 3" in diff and "[-Germany-]{+Poland+}" in diff
    notes = json.loads(invoke("--db", sqlite_db, "notes", "s", "--format", "json").output)
    assert len(notes["unannounced"]) == 1  # Germany -> Poland, not the whole text twice
    versions = json.loads(invoke("--db", sqlite_db, "log", "s", "--format", "json").output)
    assert [bool(v.get("no_article")) for v in versions] == [False, True, False]
