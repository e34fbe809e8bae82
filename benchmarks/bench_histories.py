"""Real captures of one page over time: does a redesign stay silent, and is a real silent edit listed?

Each pair in `../shared/corpus/histories/` is added, through the installed `tracker` command only, to
a fresh SQLite database (capture times from the file names), and `notes`, `diff --sentences` and
`show` are read as JSON. Per pair it reports:
- on template-only pairs (`silent_change` false): the unannounced edits, which should be none;
- on pairs with a real silent edit: whether edits are listed as unannounced, and whether each quoted
  phrase of the corpus's `change_description` ("X"->"Y") is found among them;
- the headline of each capture, whether it changed, and whether a headline shows up as a body edit.

Run it as `python benchmarks/bench_histories.py`; it writes benchmarks/results/histories.json.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the checkout (or beside the folder of worktrees), or wherever TRACKER_SHARED points
SHARED = Path(
    os.environ.get("TRACKER_SHARED")
    or next(
        (p / "shared" for p in ROOT.parents if (p / "shared" / "corpus").is_dir()), ROOT.parent / "shared"
    )
)
HISTORIES = SHARED / "corpus" / "histories"
RESULTS = ROOT / "benchmarks" / "results" / "histories.json"
QUOTED = re.compile(r"\"([^\"]{3,})\"")


def tracker_command() -> list[str]:
    """The installed `tracker` beside this Python, else the one on PATH."""
    beside = Path(sys.executable).with_name("tracker")
    found = str(beside) if beside.exists() else shutil.which("tracker")
    if not found:
        raise SystemExit("tracker is not installed")
    return [found]


def tracker(db: Path, *args: str) -> str:
    result = subprocess.run(
        [*tracker_command(), "--db", str(db), *args], capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise RuntimeError(f"tracker {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout


def capture_time(path: Path) -> str:
    """`NN-<ISO time>.html` -> the ISO time."""
    return path.stem.split("-", 1)[1]


def expected_phrases(description: str) -> list[str]:
    """The quoted phrases of a change description: words the real edit put in or took out."""
    return QUOTED.findall(description or "")


def edit_texts(edit: dict) -> str:
    return " ".join(filter(None, [edit.get("before"), edit.get("after")]))


def headline_fields(diff: dict, notes: dict) -> list[dict]:
    """Field changes of the headline as the tracker reports them (when it reports fields at all)."""
    fields = list(diff.get("fields") or [])
    for pair in notes.get("fields") or []:
        fields += pair.get("changes", [pair]) if isinstance(pair, dict) else []
    return [field for field in fields if field.get("field") == "headline"]


def measure(entry: dict, work: Path) -> dict:
    """One history pair through the tracker: its unannounced edits, headlines and the expected edit."""
    folder = HISTORIES / entry["id"]
    files = [folder / name for name in entry["files"]]
    db = work / f"{entry['id']}.db"
    key = entry["id"]
    for path in files:
        tracker(db, "add", str(path), "--article", key, "--captured-at", capture_time(path))
    notes = json.loads(tracker(db, "notes", key, "--format", "json"))
    diff = json.loads(tracker(db, "diff", key, "--sentences", "--format", "json"))
    shows = [
        json.loads(tracker(db, "show", key, str(n), "--format", "json")) for n in range(1, len(files) + 1)
    ]
    titles = [show.get("title") for show in shows]
    unannounced = notes.get("unannounced", [])
    texts = [edit_texts(edit) for edit in unannounced]
    headline_as_body = [text for text in texts if any(t and t in text for t in titles)]
    row = {
        "id": key,
        "outlet": entry.get("outlet"),
        "kind": entry.get("kind"),
        "silent_change": entry["silent_change"],
        "unannounced": len(unannounced),
        "unannounced_by_status": _count(edit["status"] for edit in unannounced),
        "notes": len(notes.get("notes", [])),
        "headlines": titles,
        "headline_changed": len({" ".join((t or "").split()).casefold() for t in titles}) > 1,
        "headline_field_changes": headline_fields(diff, notes),
        "headline_as_body_edit": len(headline_as_body),
        "claims_changed": sum(claim["status"] != "unchanged" for claim in diff.get("claims", [])),
    }
    if entry["silent_change"]:
        # a quoted phrase is evidence of the edit only where one capture's text has it and the other not
        bodies = [show.get("text") or "" for show in shows]
        phrases = [
            p for p in expected_phrases(entry.get("change_description", "")) if _in_some_not_all(p, bodies)
        ]
        found = {phrase: any(phrase in text for text in texts) for phrase in phrases}
        row["silent_edit_listed"] = bool(unannounced) and all(found.values())
        row["expected_phrases_found"] = found
    else:
        row["spurious_edits"] = len(unannounced)
        row["spurious_examples"] = texts[:8]
    return row


def _in_some_not_all(phrase: str, texts: list[str]) -> bool:
    present = [phrase in text for text in texts]
    return any(present) and not all(present)


def _count(values) -> dict[str, int]:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


def run() -> dict:
    """Every pair's figures and the totals, as the JSON file holds them."""
    index = HISTORIES / "index.jsonl"
    if not index.exists():
        return {"skipped": f"{HISTORIES} not found"}
    entries = [json.loads(line) for line in index.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as work:
        rows = [measure(entry, Path(work)) for entry in entries]
    template_only = [row for row in rows if not row["silent_change"]]
    silent = [row for row in rows if row["silent_change"]]
    return {
        "pairs": len(rows),
        "template_only_pairs": len(template_only),
        "template_only_pairs_with_edits": sum(row["spurious_edits"] > 0 for row in template_only),
        "spurious_edits_total": sum(row["spurious_edits"] for row in template_only),
        "silent_edit_pairs": len(silent),
        "silent_edits_listed": sum(row["silent_edit_listed"] for row in silent),
        "headline_as_body_edits": sum(row["headline_as_body_edit"] for row in rows),
        "per_pair": rows,
    }


def main() -> None:
    figures = run()
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if "skipped" in figures:
        print(figures["skipped"])
        return
    print(f"{'pair':36} {'silent':>6} {'unannounced':>11} {'headline':>9}  verdict")
    for row in figures["per_pair"]:
        if row["silent_change"]:
            verdict = "listed" if row["silent_edit_listed"] else "MISSED"
        else:
            verdict = "ok" if not row["spurious_edits"] else "SPURIOUS"
        changed = "changed" if row["headline_changed"] else "same"
        print(f"{row['id']:36} {row['silent_change']!s:>6} {row['unannounced']:>11} {changed:>9}  {verdict}")
    print(
        f"template-only pairs with edits: {figures['template_only_pairs_with_edits']} of "
        f"{figures['template_only_pairs']} ({figures['spurious_edits_total']} edits); silent edits listed: "
        f"{figures['silent_edits_listed']} of {figures['silent_edit_pairs']}"
    )


if __name__ == "__main__":
    main()
