"""The watch list for people (one line a source) and for programs (JSON)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.values.watch import WatchSource


def _when(moment: datetime | None, never: str) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else never


def sources_text(sources: Sequence[WatchSource]) -> str:
    """Each source on one line: what it is, its last check and result, its next check."""
    if not sources:
        return "nothing watched yet (tracker watch add FEED|URL)"
    lines = []
    for s in sources:
        kind = s.kind if s.kind != "auto" else "feed or page"
        indent = "  " if s.feed else ""
        result = f"{s.last_status}: {s.last_result}" if s.last_status else "not checked yet"
        stored = f", {s.versions_added} version(s) stored" if s.versions_added else ""
        lines.append(
            f"{indent}{s.url} ({kind}{stored})  last {_when(s.last_checked, 'never')}  "
            f"next {_when(s.next_check, 'never (the story is too old)')}  {result}"
        )
    return "\n".join(lines)


def sources_json(sources: Sequence[WatchSource]) -> str:
    """The watch list as JSON: a list of sources, each with its last check, result and next check."""
    return json.dumps([source_record(s) for s in sources], indent=2, ensure_ascii=False)


def source_record(s: WatchSource) -> dict:
    """One source as the JSON contract gives it."""

    def iso(moment: datetime | None) -> str | None:
        return moment.isoformat().replace("+00:00", "Z") if moment else None

    return {
        "url": s.url,
        "kind": s.kind,
        "feed": s.feed,
        "article": s.article,
        "added_at": iso(s.added_at),
        "last_checked": iso(s.last_checked),
        "status": s.last_status,
        "result": s.last_result,
        "next_check": iso(s.next_check),
        "checks": s.checks,
        "versions_added": s.versions_added,
    }
