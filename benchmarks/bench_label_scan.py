"""Note detection on every corpus paragraph: how long each takes, and the slowest.

    .venv/bin/python benchmarks/bench_label_scan.py            # the detector as it is
    .venv/bin/python benchmarks/bench_label_scan.py --compare  # and the label regular expression it replaced

Scores all 6,063 news paragraphs and 406 notes of ../shared/corpus/notes with the note detector
(`score_paragraph`), times each (best of three), and lists the slowest, with the label search's own
share. With --compare it also times the label as one regular expression (`re`, which backtracks) on
the same paragraphs. Writes benchmarks/results/label_scan.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TRACKER_SHARED") or ROOT.parent / "shared")
sys.path.insert(0, str(ROOT))

from tracker.explain.label import alternatives, pattern, search  # noqa: E402
from tracker.explain.notes import score_paragraph  # noqa: E402
from tracker.explain.wording import LABELS  # noqa: E402

NOTES = SHARED / "corpus" / "notes"
RESULTS = ROOT / "benchmarks" / "results" / "label_scan.json"


def _best(fn, arg, repeat: int = 3) -> float:  # noqa: ANN001
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn(arg)
        best = min(best, time.perf_counter() - start)
    return best


def run(compare: bool = False, slowest: int = 5) -> dict:
    """Time the detector on every paragraph; return totals and the slowest paragraphs."""
    paragraphs = []
    for name in ("negatives.jsonl", "positives.jsonl"):
        with (NOTES / name).open(encoding="utf-8") as stream:
            paragraphs += [json.loads(line) for line in stream]
    spellings = alternatives(LABELS)
    expression = re.compile(pattern(LABELS), re.IGNORECASE) if compare else None
    rows = []
    for item in paragraphs:
        text = item["text"]
        row = {
            "id": item["id"],
            "chars": len(text),
            "score_ms": _best(score_paragraph, text) * 1000,
            "label_ms": _best(lambda t: search(t, spellings), text) * 1000,
        }
        if expression is not None:
            row["expression_ms"] = _best(expression.search, text, repeat=1) * 1000
        rows.append(row)
    rows.sort(key=lambda r: r["score_ms"], reverse=True)
    total = sum(r["score_ms"] for r in rows)
    result = {
        "paragraphs": len(rows),
        "total_ms": round(total, 1),
        "mean_ms": round(total / len(rows), 3),
        "slowest_paragraph_ms": round(rows[0]["score_ms"], 2),
        "label_total_ms": round(sum(r["label_ms"] for r in rows), 1),
        "label_slowest_ms": round(max(r["label_ms"] for r in rows), 3),
        "slowest": [
            {k: round(v, 3) if isinstance(v, float) else v for k, v in r.items()} for r in rows[:slowest]
        ],
    }
    if expression is not None:
        worst = max(rows, key=lambda r: r["expression_ms"])
        result["expression_total_ms"] = round(sum(r["expression_ms"] for r in rows), 1)
        result["expression_slowest_ms"] = round(worst["expression_ms"], 1)
        result["expression_slowest_id"] = worst["id"]
        result["label_ms_on_that_paragraph"] = round(worst["label_ms"], 3)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--compare", action="store_true", help="also time the label regular expression")
    args = parser.parse_args(argv)
    result = run(compare=args.compare)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    for key, value in result.items():
        if key != "slowest":
            print(f"{key:28} {value}")
    print("slowest paragraphs (score_paragraph, best of 3):")
    for row in result["slowest"]:
        print("  " + json.dumps(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
