"""Tamper-evident history: a database changed with SQL behind the tool's back, in each way an
archivist fears, on both engines; `verify` names the article and version, and exits 1."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

import pytest
import zstandard as zstd

from tracker.api import Tracker

TEXTS = [
    "Germany will lead the coalition, officials said on Monday.",
    "Poland will lead the coalition, officials said on Monday.",
    "Poland will lead the coalition, officials said on Tuesday.",
    "Poland will lead the coalition of nine, officials said on Tuesday.",
]


def _url(db: str) -> str:
    return db if "://" in db else f"sqlite:///{db}"


def _sql(db: str, statement: str, **params) -> list:
    """Run SQL on the database directly, as someone with write access to it would."""
    from sqlalchemy import create_engine, text

    engine = create_engine(_url(db))
    with engine.begin() as conn:
        result = conn.execute(text(statement), params)
        rows = result.all() if result.returns_rows else []
    engine.dispose()
    return rows


def _time(db: str, at: datetime) -> datetime | str:
    """A time as each engine's column takes it from plain SQL."""
    return at if "://" in db else at.strftime("%Y-%m-%d %H:%M:%S.%f")


@pytest.fixture
def history(db, invoke, tmp_path) -> str:
    """Article `a` with four versions, `b` with two."""
    for key, texts in (("a", TEXTS), ("b", TEXTS[:2])):
        for n, body in enumerate(texts):
            page = tmp_path / f"{key}{n}.txt"
            page.write_text(body + "\n")
            at = f"2024-01-0{n + 1}T10:00:00Z"
            result = invoke("--db", db, "add", page, "--article", key, "--captured-at", at)
            assert result.exit_code == 0, result.output
    return db


def _verify(invoke, db, *args) -> tuple[int, list[str]]:
    result = invoke("--db", db, "verify", *args)
    return result.exit_code, [line for line in result.output.splitlines() if not line.startswith("ok")]


def _version_id(db: str, key: str, version: int) -> int:
    [(snapshot_id,)] = _sql(
        db,
        "SELECT s.id FROM snapshots s JOIN articles a ON a.id = s.article_id WHERE a.key = :k AND s.version = :v",
        k=key,
        v=version,
    )
    return snapshot_id


def test_an_untouched_history_verifies(history, invoke):
    code, problems = _verify(invoke, history)
    assert code == 0 and problems == []
    rows = json.loads(invoke("--db", history, "verify", "--format", "json").output)
    assert len(rows) == 6 and all(r["ok"] and len(r["id"]) == 12 for r in rows)


def test_altered_bytes_are_reported(history, invoke):
    _sql(
        history,
        "UPDATE snapshots SET blob = :b WHERE id = :i",
        b=zstd.compress(b"tampered"),
        i=_version_id(history, "a", 2),
    )
    code, problems = _verify(invoke, history)
    assert code == 1 and any(p.startswith("ALTERED") and "a version 2:" in p for p in problems), problems


def test_a_deleted_version_is_reported(history, invoke):
    _sql(history, "DELETE FROM readings WHERE snapshot_id = :i", i=_version_id(history, "a", 2))
    _sql(history, "DELETE FROM snapshots WHERE id = :i", i=_version_id(history, "a", 2))
    code, problems = _verify(invoke, history)
    assert code == 1 and any(p.startswith("DELETED") and "a version 2:" in p for p in problems), problems


def test_a_deleted_version_with_the_rest_renumbered_is_reported(history, invoke):
    _sql(history, "DELETE FROM readings WHERE snapshot_id = :i", i=_version_id(history, "a", 2))
    _sql(history, "DELETE FROM snapshots WHERE id = :i", i=_version_id(history, "a", 2))
    for version in (3, 4):
        _sql(
            history,
            "UPDATE snapshots SET version = :n WHERE id = :i",
            n=version - 1,
            i=_version_id(history, "a", version),
        )
    code, problems = _verify(invoke, history)
    assert code == 1 and any(p.startswith("DELETED") and p.split(":")[0].endswith(" a") for p in problems)
    assert any("a version 2:" in p for p in problems), problems


def test_a_deleted_last_version_is_reported(history, invoke):
    _sql(history, "DELETE FROM readings WHERE snapshot_id = :i", i=_version_id(history, "a", 4))
    _sql(history, "DELETE FROM snapshots WHERE id = :i", i=_version_id(history, "a", 4))
    code, problems = _verify(invoke, history)
    assert code == 1 and any(p.startswith("DELETED") and " a:" in p for p in problems), problems


def test_reordered_versions_are_reported(history, invoke):
    two, three = _version_id(history, "a", 2), _version_id(history, "a", 3)
    _sql(history, "UPDATE snapshots SET version = -1 WHERE id = :i", i=two)
    _sql(history, "UPDATE snapshots SET version = 2 WHERE id = :i", i=three)
    _sql(history, "UPDATE snapshots SET version = 3 WHERE id = :i", i=two)
    code, problems = _verify(invoke, history)
    assert code == 1 and any(p.startswith("REORDERED") and "a version 2:" in p for p in problems), problems


def test_a_re_timed_version_is_reported(history, invoke):
    later = _time(history, datetime(2024, 1, 2, 11, 0, tzinfo=UTC))
    _sql(
        history,
        "UPDATE snapshots SET captured_at = :t WHERE id = :i",
        t=later,
        i=_version_id(history, "a", 2),
    )
    code, problems = _verify(invoke, history)
    assert code == 1 and any(
        p.startswith("CHANGED") and "a version 2:" in p and "re-timed" in p for p in problems
    )


def test_swapped_bytes_and_hashes_are_reported(history, invoke):
    two, three = _version_id(history, "a", 2), _version_id(history, "a", 3)
    rows = {
        i: _sql(history, "SELECT blob, sha256, base_seq FROM snapshots WHERE id = :i", i=i)[0]
        for i in (two, three)
    }
    raws = {i: Tracker(history).store.raw("a", n) for i, n in ((two, 2), (three, 3))}
    for mine, theirs in ((two, three), (three, two)):  # each compressed alone, so both still read
        _sql(
            history,
            "UPDATE snapshots SET blob = :b, sha256 = :s, base_seq = NULL, depth = 0 WHERE id = :i",
            b=zstd.compress(raws[theirs]),
            s=rows[theirs].sha256,
            i=mine,
        )
    code, problems = _verify(invoke, history)
    assert code == 1 and any(p.startswith("SWAPPED") and "a version 2:" in p for p in problems), problems
    assert any(p.startswith("SWAPPED") and "a version 3:" in p for p in problems), problems


def test_bytes_rewritten_with_a_fresh_hash_are_reported(history, invoke):
    forged = b"Hungary will lead the coalition, officials said on Monday.\n"
    _sql(
        history,
        "UPDATE snapshots SET blob = :b, sha256 = :s, base_seq = NULL, depth = 0 WHERE id = :i",
        b=zstd.compress(forged),
        s=hashlib.sha256(forged).hexdigest(),
        i=_version_id(history, "a", 1),
    )
    code, problems = _verify(invoke, history)
    assert code == 1 and any(p.startswith("CHANGED") and "a version 1:" in p for p in problems), problems


def test_a_deleted_article_is_reported(history, invoke):
    _sql(
        history,
        "DELETE FROM readings WHERE snapshot_id IN (SELECT s.id FROM snapshots s JOIN articles a ON a.id = s.article_id WHERE a.key = 'b')",
    )
    _sql(history, "DELETE FROM snapshots WHERE article_id IN (SELECT id FROM articles WHERE key = 'b')")
    _sql(history, "DELETE FROM articles WHERE key = 'b'")
    code, problems = _verify(invoke, history)
    assert code == 1 and any(p.startswith("DELETED") and "1 article" in p for p in problems), problems
    rows = json.loads(invoke("--db", history, "verify", "--format", "json").stdout)
    assert any(r["problem"] and r["problem"].startswith("deleted: 1 article") for r in rows)


def test_a_rewrite_that_recomputed_every_hash_is_caught_by_a_root_kept_elsewhere(history, invoke):
    from tracker.store import chain

    kept = invoke("--db", history, "verify", "--root").output.strip()
    assert len(kept) == 64
    store = Tracker(history).store
    raws = [store.raw("a", n) for n in range(1, 5)]
    raws[1] = b"Hungary will lead the coalition, officials said on Monday.\n"
    rows = _sql(
        history,
        "SELECT s.id, s.version, s.captured_at, s.url FROM snapshots s JOIN articles a ON a.id = s.article_id "
        "WHERE a.key = 'a' ORDER BY s.version",
    )
    link = None
    for (snapshot_id, _, at, url), raw in zip(rows, raws, strict=True):
        at = at if isinstance(at, datetime) else datetime.fromisoformat(at)
        link = chain.link(link, hashlib.sha256(raw).hexdigest(), at, url, "a")
        _sql(
            history,
            "UPDATE snapshots SET blob = :b, sha256 = :s, base_seq = NULL, depth = 0, link = :l WHERE id = :i",
            b=zstd.compress(raw),
            s=hashlib.sha256(raw).hexdigest(),
            l=link,
            i=snapshot_id,
        )
    _sql(history, "UPDATE articles SET head = :h WHERE key = 'a'", h=link)
    root = chain.EMPTY_ROOT
    for key, sha, at, url in _sql(
        history,
        "SELECT a.key, s.sha256, s.captured_at, s.url FROM snapshots s JOIN articles a ON a.id = s.article_id ORDER BY s.seq",
    ):
        root = chain.next_root(
            root, key, sha, at if isinstance(at, datetime) else datetime.fromisoformat(at), url
        )
    _sql(history, "UPDATE ledger SET root = :r", r=root)

    code, problems = _verify(invoke, history)
    assert code == 0 and problems == []  # a perfect forgery, as far as the database alone can tell
    code, problems = _verify(invoke, history, "--expect-root", kept)
    assert code == 1 and any(p.startswith("ROOT") for p in problems), problems


def test_a_root_kept_earlier_still_proves_the_history_after_more_adds(history, invoke, tmp_path):
    kept = invoke("--db", history, "verify", "--root").output.strip()
    page = tmp_path / "later.txt"
    page.write_text("A later capture of the story.\n")
    assert invoke("--db", history, "add", page, "--article", "a").exit_code == 0
    assert invoke("--db", history, "verify", "--root").output.strip() != kept
    code, problems = _verify(invoke, history, "--expect-root", kept)
    assert code == 0 and problems == []


def test_a_root_that_is_not_hex_is_one_line_of_error(history, invoke):
    result = invoke("--db", history, "verify", "--expect-root", "nonsense")
    assert (
        result.exit_code == 1 and result.output.startswith("Error: ") and len(result.output.splitlines()) == 1
    )


def test_an_older_capture_relinks_the_later_versions(db, invoke, tmp_path):
    for n, at in ((0, "2024-01-01T10:00:00Z"), (2, "2024-01-03T10:00:00Z"), (1, "2024-01-02T10:00:00Z")):
        page = tmp_path / f"{n}.txt"
        page.write_text(TEXTS[n] + "\n")
        assert invoke("--db", db, "add", page, "--article", "a", "--captured-at", at).exit_code == 0
    assert ["Germany" in v.reading.text for v in Tracker(db).versions("a")] == [True, False, False]
    code, problems = _verify(invoke, db)
    assert code == 0 and problems == []
