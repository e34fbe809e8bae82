"""Word diff and claim alignment, on plain values (no database)."""

from __future__ import annotations


def test_claim_timeline_follows_claims_across_versions():
    from datetime import UTC, datetime

    from tracker.explain.timeline import claim_timeline
    from tracker.values.records import Version
    from tracker.values.text import Reading

    texts = [
        "Rain fell on Monday. The mayor spoke. Roads closed.",
        "Rain fell on Tuesday. The mayor spoke. Roads closed.",
        "Rain fell on Tuesday. Roads closed. A shelter opened.",
    ]
    now = datetime.now(UTC)
    versions = [
        Version("a", n, now, now, "-", None, "text/plain", "", 0, None, Reading(t))
        for n, t in enumerate(texts, 1)
    ]
    by_text = {h.text: h for h in claim_timeline(versions)}
    assert [(e.version, e.kind) for e in by_text["Rain fell on Tuesday."].events] == [
        (1, "appeared"),
        (2, "edited"),
    ]
    assert by_text["The mayor spoke."].removed and by_text["The mayor spoke."].events[-1].version == 3
    assert by_text["A shelter opened."].first_version == 3
    assert not by_text["Roads closed."].changed
