"""The watcher over a real local server whose feed and pages change between checks: a correction with
its note, a headline changed, a silent edit, a template-only change, 304s, error pages; the schedule by
story age; leases between runners; stopping. The clock is a manual one: no test sleeps."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from tests.watch.server import Reply, article, rss
from tracker.api import Tracker

STORY = [
    "The city council voted on Tuesday to close the old river bridge to all traffic from March, after "
    "engineers found deep cracks in two of its stone piers.",
    "Mayor Lena Ortiz said the closure would last at least a year while the city looks for the money to "
    "repair the bridge, which was built in 1892.",
    "Residents who cross the river every day said they feared long detours, and shop owners in the old "
    "town said they expected to lose customers over the winter.",
]
CORRECTED = [
    STORY[0],
    STORY[1].replace("Lena Ortiz", "Lena Ortega"),
    STORY[2],
    "Correction: An earlier version of this story misstated the mayor's name. She is Lena Ortega, not Lena Ortiz.",
]


def _feed(site, *paths):
    site.routes["/feed"] = Reply(
        rss([(f"Story {p}", site.url(p), "Thu, 01 Jan 2026 00:00:00 GMT") for p in paths]),
        headers={"Content-Type": "application/rss+xml"},
    )


def _status(watcher, path, site):
    [source] = [s for s in watcher.sources() if s.url == site.url(path)]
    return source


def test_a_feed_entry_becomes_an_article_and_its_correction_a_new_version_with_the_note(
    db, site, clock, make_watcher
):
    site.routes["/bridge"] = Reply(article("Bridge to close", STORY))
    _feed(site, "/bridge")
    watcher = make_watcher(db)
    watcher.add([site.url("/feed")])
    first = watcher.run_pass()
    assert (first.checked, first.new_versions, first.new_sources) == (2, 1, 1)
    site.routes["/bridge"] = Reply(article("Bridge to close", CORRECTED))
    clock.advance(16 * 60)
    second = watcher.run_pass()
    assert (second.new_versions, second.notes, second.errors) == (1, 1, 0)
    key = _status(watcher, "/bridge", site).article
    assert key == site.url("/bridge")
    notes = Tracker(db).notes(key)
    assert [r.version for r in notes.notes] == [2]
    assert notes.notes[0].links[0].change.after.startswith("Mayor Lena Ortega")


def test_a_changed_headline_is_a_new_version(db, site, clock, make_watcher):
    site.routes["/bridge"] = Reply(article("Bridge to close", STORY))
    watcher = make_watcher(db)
    watcher.add([site.url("/bridge")])
    watcher.run_pass()
    site.routes["/bridge"] = Reply(article("Old bridge to close for a year", STORY))
    clock.advance(16 * 60)
    assert watcher.run_pass().new_versions == 1
    diff = Tracker(db).diff(site.url("/bridge"))
    assert "Old bridge to close for a year" in diff.new.text


def test_a_silent_edit_is_stored_and_shows_as_unannounced(db, site, clock, make_watcher):
    site.routes["/bridge"] = Reply(article("Bridge to close", STORY))
    watcher = make_watcher(db)
    watcher.add([site.url("/bridge")])
    watcher.run_pass()
    site.routes["/bridge"] = Reply(
        article("Bridge to close", [STORY[0], STORY[1].replace("1892", "1902"), STORY[2]])
    )
    clock.advance(16 * 60)
    summary = watcher.run_pass()
    assert (summary.new_versions, summary.notes) == (1, 0)
    [edit] = Tracker(db).notes(site.url("/bridge")).unannounced
    assert [(f.old, f.new) for f in edit.change.facts] == [("1892", "1902")]


def test_a_change_to_the_page_around_the_article_stores_nothing(db, site, clock, make_watcher):
    site.routes["/bridge"] = Reply(article("Bridge to close", STORY, aside="Most read today"))
    watcher = make_watcher(db)
    watcher.add([site.url("/bridge")])
    watcher.run_pass()
    site.routes["/bridge"] = Reply(article("Bridge to close", STORY, aside="Trending this week"))
    clock.advance(16 * 60)
    summary = watcher.run_pass()
    assert (summary.checked, summary.unchanged, summary.new_versions) == (1, 1, 0)
    assert "around the article" in _status(watcher, "/bridge", site).last_result
    assert len(Tracker(db).versions(site.url("/bridge"))) == 1


def test_an_unchanged_page_is_asked_for_conditionally_and_a_304_stores_nothing(db, site, clock, make_watcher):
    site.routes["/bridge"] = Reply(article("Bridge to close", STORY))
    watcher = make_watcher(db)
    watcher.add([site.url("/bridge")])
    watcher.run_pass()
    clock.advance(16 * 60)
    watcher.run_pass()
    assert "If-None-Match" in site.log[-1][1]
    assert _status(watcher, "/bridge", site).last_result == "not modified (304)"
    assert len(Tracker(db).versions(site.url("/bridge"))) == 1


def test_a_page_that_turns_into_an_error_page_is_one_line_and_stores_nothing(db, site, clock, make_watcher):
    site.routes["/bridge"] = Reply(article("Bridge to close", STORY))
    site.routes["/soft"] = Reply(article("Bridge to close", STORY))
    watcher = make_watcher(db)
    watcher.add([site.url("/bridge"), site.url("/soft")])
    watcher.run_pass()
    site.routes["/bridge"] = Reply(b"<html><body><h1>Internal error</h1></body></html>", 500, etag=False)
    site.routes["/soft"] = Reply(article("Page not found", ["Sorry, we could not find that page."]))
    clock.advance(16 * 60)
    summary = watcher.run_pass()
    assert summary.errors == 2 and summary.new_versions == 0
    hard, soft = _status(watcher, "/bridge", site), _status(watcher, "/soft", site)
    assert hard.last_status == "error" and hard.last_result.startswith("HTTP 500")
    assert soft.last_status == "error" and "no article on the page" in soft.last_result
    assert "\n" not in hard.last_result + soft.last_result
    assert all(len(Tracker(db).versions(site.url(p))) == 1 for p in ("/bridge", "/soft"))


def test_a_429_puts_the_next_check_after_retry_after(db, site, clock, make_watcher):
    site.routes["/bridge"] = Reply(b"slow down", 429, {"Retry-After": "3600"}, etag=False)
    watcher = make_watcher(db)
    watcher.add([site.url("/bridge")])
    watcher.run_pass()
    source = _status(watcher, "/bridge", site)
    assert source.last_status == "error" and "retry after 3600 s" in source.last_result
    assert source.next_check >= source.last_checked + timedelta(seconds=3600)


def test_rechecks_follow_the_story_age_then_stop(db, site, clock, make_watcher):
    site.routes["/bridge"] = Reply(article("Bridge to close", STORY))
    watcher = make_watcher(db)
    watcher.add([site.url("/bridge")])
    gaps = []
    for _ in range(400):
        watcher.run_pass()
        source = _status(watcher, "/bridge", site)
        if source.next_check is None:
            break
        gaps.append(source.next_check - source.last_checked)
        clock.advance((source.next_check - clock.now()).total_seconds())
    assert source.next_check is None  # older than 30 days: no longer checked
    assert gaps[0] == timedelta(minutes=15) and gaps[-1] == timedelta(days=3)
    assert sorted(set(gaps)) == [
        timedelta(minutes=15),
        timedelta(hours=1),
        timedelta(hours=3),
        timedelta(days=3),
    ]


def test_two_runners_never_fetch_the_same_page(db, site, clock, make_watcher):
    for n in range(12):
        site.routes[f"/p{n}"] = Reply(article(f"Story {n}", STORY))
    first, second = make_watcher(db), make_watcher(db)
    first.add([site.url(f"/p{n}") for n in range(12)])
    first.batch = second.batch = 3
    threads = [threading.Thread(target=w.run_pass) for w in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [site.hits(f"/p{n}") for n in range(12)] == [1] * 12
    assert all(s.checks == 1 for s in first.sources())


def test_a_lease_held_by_another_runner_is_not_handed_out_until_it_expires(db, clock, make_watcher):
    from tracker.store.watchlist import WatchList

    watcher = make_watcher(db)
    watcher.add(["http://127.0.0.1:1/a"])
    wl = WatchList(watcher.tracker.open_store(create=True))
    now = clock.now()
    assert len(wl.claim("one", now, now + timedelta(minutes=5), 10)) == 1
    assert wl.claim("two", now, now + timedelta(minutes=5), 10) == []
    later = now + timedelta(minutes=6)
    assert [s.url for s in wl.claim("two", later, later + timedelta(minutes=5), 10)] == [
        "http://127.0.0.1:1/a"
    ]


def test_told_to_stop_it_finishes_the_check_in_flight_and_gives_back_the_rest(db, site, clock, make_watcher):
    for n in range(4):
        site.routes[f"/p{n}"] = Reply(article(f"Story {n}", STORY))
    watcher = make_watcher(db)
    watcher.add([site.url(f"/p{n}") for n in range(4)])
    watcher.on_event = lambda e: watcher.stop() if e.kind == "checked" else None
    summary = watcher.run_pass()
    assert summary.checked == 1
    sources = watcher.sources()
    assert [s.checks for s in sources] == [1, 0, 0, 0]
    assert len(Tracker(db).articles()) == 1
    clock.stopping.clear()
    watcher.on_event = None
    assert watcher.run_pass().checked == 3  # nothing was left leased


def test_all_checks_every_source_whatever_is_due(db, site, clock, make_watcher):
    site.routes["/bridge"] = Reply(article("Bridge to close", STORY))
    watcher = make_watcher(db)
    watcher.add([site.url("/bridge")])
    watcher.run_pass()
    assert watcher.run_pass().checked == 0
    assert watcher.run_pass(everything=True).checked == 1


@pytest.mark.parametrize("text", ["3h", "3h=0m", "x=1h"])
def test_a_bad_schedule_is_one_clear_error(text):
    from tracker.errors import InputError
    from tracker.watch.schedule import Schedule

    with pytest.raises(InputError):
        Schedule.parse(text)
