"""The library on its own, as a user imports it: no command line."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.conftest import SEED_V1, SEED_V2
from tracker.api import Tracker, diff_texts, explain_texts
from tracker.errors import NotFound
from tracker.values import ChangeStatus, NoteKind

OLD = SEED_V1.read_text(encoding="utf-8")
NEW = SEED_V2.read_text(encoding="utf-8")


def test_stored_and_in_memory_histories_explain_alike(db):
    tracker = Tracker(db)
    tracker.add([str(SEED_V1)], article="a", captured_at=datetime(2024, 1, 23, 10, tzinfo=UTC))
    tracker.add([str(SEED_V2)], article="a", captured_at=datetime(2024, 1, 23, 16, tzinfo=UTC))
    stored, memory = tracker.notes("a"), explain_texts([OLD, NEW], article="a")
    assert [(r.note.text, r.version, len(r.links)) for r in stored.notes] == [
        (r.note.text, r.version, len(r.links)) for r in memory.notes
    ]
    [report] = stored.notes
    assert report.note.kind == NoteKind.EDITORS_NOTE
    assert report.links[0].change.status == ChangeStatus.EDITED
    assert [(f.old, f.new) for f in report.links[0].change.facts] == [("Germany", "Poland")]


def test_diff_texts_gives_the_claim_view_when_asked():
    plain = diff_texts(OLD, NEW)
    assert plain.claims is None and plain.segments
    claims = diff_texts(OLD, NEW, sentences=True).claims
    assert any(c.status == "edited" and c.facts[0].new == "Poland" for c in claims)
    assert any(c.status == "added" and c.in_note for c in claims)


def test_asking_for_an_unknown_article_raises_not_found(db):
    tracker = Tracker(db)
    tracker.add([str(SEED_V1)], article="a")
    with pytest.raises(NotFound):
        tracker.notes("no-such-article")
