"""The index of what was derived answers as the whole-history computation does: on the seed, on real
captured histories, on generated chains, after an older capture is put in the middle, after the logic
changes, and on a database that cannot be written."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.conftest import ROOT, SEED_V1, SEED_V2, corpus
from tracker import indexing
from tracker.api import Tracker
from tracker.explain.history import explain, log_entries
from tracker.explain.pipeline import explain_texts, log_texts
from tracker.explain.timeline import claim_timeline
from tracker.present import Output, render

T0 = datetime(2024, 1, 23, 10, tzinfo=UTC)


def _chains(count: int, versions: int) -> list[list[dict]]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import gen_chains

    corpus("notes", "positives.jsonl")
    return [list(gen_chains.chain(n, versions)) for n in range(1, count + 1)]


def _add_texts(tracker: Tracker, tmp_path: Path, key: str, texts: list[str], times: list[datetime]) -> None:
    for k, (text, when) in enumerate(zip(texts, times, strict=True)):
        path = tmp_path / f"{key}-{k}.txt"
        path.write_text(text, encoding="utf-8")
        tracker.add([str(path)], article=key, captured_at=when)


def _same_as_whole_history(tracker: Tracker, key: str) -> None:
    versions = tracker.versions(key)
    assert tracker.notes(key) == explain(versions)
    assert tracker.log(key) == log_entries(versions)
    assert tracker.claims(key) == claim_timeline(versions)


def test_the_seed_from_the_index_is_what_explain_texts_gives(db, tmp_path):
    tracker = Tracker(db)
    texts = [SEED_V1.read_text(encoding="utf-8"), SEED_V2.read_text(encoding="utf-8")]
    times = [T0, T0 + timedelta(hours=6)]
    _add_texts(tracker, tmp_path, "armor", texts, times)
    memory = explain_texts(texts, article="armor", captured_at=times)
    assert tracker.notes("armor") == memory
    assert [e.summary for e in tracker.log("armor")] == [e.summary for e in log_texts(texts, "armor")]
    [report] = tracker.notes("armor").notes
    assert [(f.old, f.new) for f in report.links[0].change.facts] == [("Germany", "Poland")]
    # the JSON a program reads is the same too, whole or streamed
    out = Output()
    assert tracker.indexed("armor").document == render("json", "notes", memory, out)
    assert tracker.report() == [memory]


def test_generated_chains_from_the_index_are_what_explain_texts_gives(db, tmp_path):
    tracker = Tracker(db)
    for chain in _chains(6, 8):
        key = chain[0]["article"]
        texts = [c["text"] for c in chain]
        times = [datetime.fromisoformat(c["captured_at"].replace("Z", "+00:00")) for c in chain]
        _add_texts(tracker, tmp_path, key, texts, times)
        memory = explain_texts(texts, article=key, captured_at=times)
        assert tracker.notes(key).notes == memory.notes
        assert tracker.notes(key).unannounced == memory.unannounced
        _same_as_whole_history(tracker, key)


def test_real_captured_histories_from_the_index_are_the_whole_history_computation(db):
    tracker = Tracker(db)
    root = corpus("histories")
    for line in (root / "index.jsonl").read_text(encoding="utf-8").splitlines():
        history = json.loads(line)
        for name in history["files"]:
            when = name.split("-", 1)[1].rsplit(".", 1)[0]
            tracker.add([str(root / history["id"] / name)], article=history["id"], captured_at=when)
        _same_as_whole_history(tracker, history["id"])


def test_an_older_capture_added_later_is_explained_in_its_place(db, tmp_path):
    tracker = Tracker(db)
    [chain] = _chains(1, 6)
    texts = [c["text"] for c in chain]
    times = [T0 + timedelta(hours=k) for k in range(len(texts))]
    order = [0, 1, 2, 4, 5, 3]  # the fourth capture arrives last
    _add_texts(tracker, tmp_path, "a", [texts[k] for k in order], [times[k] for k in order])
    assert tracker.notes("a") == explain_texts(texts, article="a", captured_at=times)
    _same_as_whole_history(tracker, "a")


def test_entries_made_by_other_logic_are_made_again_on_read(db, tmp_path, monkeypatch):
    tracker = Tracker(db)
    [chain] = _chains(1, 5)
    texts = [c["text"] for c in chain]
    times = [T0 + timedelta(hours=k) for k in range(len(texts))]
    _add_texts(tracker, tmp_path, "a", texts, times)
    before = tracker.notes("a")
    assert tracker.stale() == []
    monkeypatch.setattr(indexing, "LOGIC_REVISION", "upgraded")
    indexing.logic_key.cache_clear()
    try:
        assert tracker.stale() == ["a"]
        assert tracker.notes("a") == before  # made again, and saved
        assert tracker.stale() == []
    finally:
        indexing.logic_key.cache_clear()


def test_a_database_that_cannot_be_written_still_answers_from_the_logic(sqlite_db, tmp_path, monkeypatch):
    tracker = Tracker(sqlite_db)
    texts = [SEED_V1.read_text(encoding="utf-8"), SEED_V2.read_text(encoding="utf-8")]
    times = [T0, T0 + timedelta(hours=6)]
    _add_texts(tracker, tmp_path, "armor", texts, times)
    monkeypatch.setattr(indexing, "LOGIC_REVISION", "upgraded")
    indexing.logic_key.cache_clear()
    try:
        reader = Tracker(f"sqlite:///file:{sqlite_db}?mode=ro&uri=true")
        assert reader.stale() == ["armor"]
        memory = explain_texts(texts, article="armor", captured_at=times)
        assert reader.notes("armor") == memory
        assert reader.report() == [memory]
        assert reader.stale() == ["armor"]  # nothing was written
    finally:
        indexing.logic_key.cache_clear()
