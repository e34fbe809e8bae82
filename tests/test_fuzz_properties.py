"""Property tests on hostile input: whatever bytes, pages, archives, names or keys arrive, the tracker
either works or says what is wrong in one line; it never shows a traceback. Kept small (a few seconds
in all); benchmarks/bench_fuzz.py runs the same kinds of input a hundred thousand times."""

from __future__ import annotations

import io
import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.api import Tracker, diff_texts
from tracker.errors import NotFound, TrackerError

try:
    from tracker.derive.text import extract
except ImportError:  # the package before its layout
    from tracker.extract import extract

from tests.conftest import CORPUS

QUICK = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")

odd_chars = st.sampled_from(
    list("\x00\x01\x07\x0b\x0c\x1b\x1f\x7f\x85\u2028\u202e\ufeff\ufffe<>&\"'|*_#\n\r\t")
)
odd_text = st.lists(
    st.one_of(
        st.sampled_from("Germany Poland said 34 U.S. Sen. Correction: the".split()),
        odd_chars,
        st.text(max_size=4),
    ),
    max_size=30,
).map(" ".join)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                ["@type", "headline", "author", "name", "url", "correction", "datePublished", "@graph"]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)


def one_line(exc: TrackerError) -> bool:
    return not CONTROL.search(str(exc))


def outcome(call, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN201
    """The call's result, or the project's error with a one-line message; anything else fails the test."""
    try:
        return call(*args, **kwargs)
    except TrackerError as exc:
        assert one_line(exc), f"message spans lines or carries control characters: {str(exc)!r}"
        return exc


@QUICK
@given(st.binary(max_size=4000), st.sampled_from([None, "text/html", "text/plain", "image/png"]))
def test_any_bytes_extract_or_one_line_error(data, content_type):
    outcome(extract, data, content_type, None)


@QUICK
@given(json_values, odd_text)
def test_jsonld_of_any_shape_reads_as_text_or_nothing(headline, body):
    node = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline,
        "author": headline,
    }
    page = (
        f'<html><head><script type="application/ld+json">{json.dumps(node)}</script></head>'
        f"<body><p>{body}</p><p>Germany will lead the new coalition, officials said on Tuesday.</p></body></html>"
    )
    found = outcome(extract, page.encode("utf-8", "surrogatepass"), "text/html", None)
    if not isinstance(found, TrackerError):
        assert found.title is None or isinstance(found.title, str)
        assert found.byline is None or isinstance(found.byline, str)


@QUICK
@given(st.integers(0, 10**9), st.lists(st.tuples(st.integers(0, 10**9), odd_chars), max_size=8))
def test_real_page_with_control_characters_extracts(pick, insertions):
    pages = sorted((CORPUS / "html").glob("*.html")) if (CORPUS / "html").is_dir() else []
    if not pages:
        pytest.skip("corpus not found")
    data = bytearray(pages[pick % len(pages)].read_bytes()[:60000])
    for at, char in insertions:
        position = at % (len(data) + 1)
        data[position:position] = char.encode("utf-8")
    outcome(extract, bytes(data), "text/html", "page.html")


@QUICK
@given(odd_text, odd_text, st.booleans())
def test_diff_of_any_texts_rebuilds_both(old, new, sentences):
    result = diff_texts(old, new, sentences=sentences)
    assert "".join(s.text for s in result.segments if s.op <= 0) == old
    assert "".join(s.text for s in result.segments if s.op >= 0) == new


@pytest.fixture(scope="module")
def scratch_tracker():
    folder = Path(tempfile.mkdtemp(prefix="fuzzprops-"))
    tracker = Tracker(str(folder / "t.db"))
    tracker.add(["-"], article="story", stdin=io.BytesIO(b"One two three.\n\nFour five six."))
    return folder, tracker


@QUICK
@given(
    data=st.binary(max_size=2000),
    key=st.one_of(st.none(), odd_text),
    url=st.one_of(
        st.none(),
        st.sampled_from(["http://[::1", "https://ex.com/a#b", "ftp://x/", "http://a b/", "javascript:x"]),
    ),
)
def test_add_any_bytes_stores_or_says_why(scratch_tracker, data, key, url):
    _, tracker = scratch_tracker
    added = outcome(tracker.add, ["-"], article=key, url=url, stdin=io.BytesIO(data))
    if not isinstance(added, TrackerError):
        for result in added:
            assert "\n" not in result.article
            outcome(tracker.log, result.article)


@QUICK
@given(st.one_of(odd_text, st.just("k" * 5000), st.sampled_from(["\udcff", "a\nb", "-", ""])))
def test_read_commands_on_any_key_answer_in_one_line(scratch_tracker, key):
    _, tracker = scratch_tracker
    for read in (tracker.log, tracker.show, tracker.claims, tracker.notes, tracker.diff):
        result = outcome(read, key)
        if key != "story":
            assert isinstance(result, NotFound | TrackerError)


@QUICK
@given(
    st.text(
        alphabet=st.characters(blacklist_characters="/\x00", blacklist_categories=["Cs"]),
        min_size=1,
        max_size=40,
    )
)
def test_any_file_name_is_stored_under_a_one_line_key(scratch_tracker, name):
    folder, tracker = scratch_tracker
    if name.startswith(".") or len(name.encode()) > 200:
        return
    path = folder / name
    path.write_text("A story about Germany.\n\nThe coalition met on Tuesday.", encoding="utf-8")
    try:
        added = outcome(tracker.add, [str(path)])
    finally:
        path.unlink()
    if not isinstance(added, TrackerError):
        assert all(not CONTROL.search(r.article) for r in added)


@QUICK
@given(
    st.binary(max_size=3000),
    st.booleans(),
    st.integers(0, 10**6),
    st.sampled_from(["200 OK", "404 Not Found"]),
)
def test_web_archive_records_add_or_one_line_error(scratch_tracker, payload, gz, cut, status):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    folder, tracker = scratch_tracker
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    http = StatusAndHeaders(status, [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            "https://ex.com/s", "response", payload=io.BytesIO(payload), http_headers=http
        )
    )
    data = out.getvalue()
    path = folder / ("a.warc.gz" if gz else "a.warc")
    path.write_bytes(data[: cut % (len(data) + 1)] if cut % 3 == 0 else data)
    try:
        outcome(tracker.add, [str(path)])
    finally:
        path.unlink()
