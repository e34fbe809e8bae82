"""Word diff and claim alignment, on plain values (no database)."""

from __future__ import annotations

from tracker.api import diff_texts
from tracker.derive.align import align


def test_claims_moved_are_recognised_not_deleted_and_added():
    old = "First claim here.\n\nSecond claim is long enough.\n\nThird claim closes the story."
    new = "Third claim closes the story.\n\nFirst claim here.\n\nSecond claim is long enough."
    claims = align(old, new)
    assert [c.status for c in claims] == ["moved", "unchanged", "unchanged"]
    assert claims[0].after == "Third claim closes the story." and not claims[0].substantive


def test_claims_added_removed_and_edited():
    old = "The mayor spoke on Monday. The council voted 5 to 2. Rain is expected."
    new = "The mayor spoke on Tuesday. Rain is expected. A recount was ordered."
    by_status = {c.status: c for c in align(old, new)}
    assert by_status["edited"].facts[0].old == "Monday"
    assert by_status["removed"].before == "The council voted 5 to 2."
    assert by_status["added"].after == "A recount was ordered."


def test_sentence_view_marks_note_sentences():
    old = "The mayor spoke on Monday."
    new = "The mayor spoke on Tuesday.\n\nCorrection: An earlier version of this story misstated the day the mayor spoke."
    claims = diff_texts(old, new, sentences=True).claims
    assert [c.in_note for c in claims if c.status == "added"] == [True]
