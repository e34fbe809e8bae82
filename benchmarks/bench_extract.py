"""How well and how fast tracker.derive.text reads the corpus pages.

Run it as `python benchmarks/bench_extract.py`: it prints a short table and writes
benchmarks/results/extract.json. `run()` returns the same figures for a script that aggregates them.
"""

from __future__ import annotations

import json
import os
import platform
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the checkout, or wherever TRACKER_SHARED points
SHARED = Path(os.environ.get("TRACKER_SHARED") or ROOT.parent / "shared")
sys.path.insert(0, str(ROOT))  # run from a checkout without installing the package

from tracker.derive.text import Extracted, extract  # noqa: E402
from tracker.explain.notes import reads_as_note  # noqa: E402

HTML = SHARED / "corpus" / "html"
RESULTS = ROOT / "benchmarks" / "results" / "extract.json"
MOJIBAKE = re.compile("[ÂÃ][\u00a0-\u00bf]|â€|\ufffd|[\u0080-\u009f]")


def token_f1(got: str, expected: str) -> float:
    """Bag-of-words F1 over lowercased whitespace tokens, as the extraction benchmarks score it."""
    got_tokens, expected_tokens = Counter(got.lower().split()), Counter(expected.lower().split())
    overlap = sum((got_tokens & expected_tokens).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(got_tokens.values()), overlap / sum(expected_tokens.values())
    return 2 * precision * recall / (precision + recall)


def extract_all(pages: list[Path]) -> tuple[dict[str, Extracted], list[float]]:
    """Extract every page once, timing each call (after one warm-up call that loads the libraries)."""
    extract(pages[0].read_bytes(), filename=pages[0].name, is_note=reads_as_note)
    results, seconds = {}, []
    for path in pages:
        data = path.read_bytes()
        start = time.perf_counter()
        results[path.stem] = extract(data, filename=path.name, is_note=reads_as_note)
        seconds.append(time.perf_counter() - start)
    return results, seconds


def mean_f1(results: dict[str, Extracted], prefix: str) -> float:
    scores = [
        token_f1(result.text, (HTML / f"{stem}.expected.txt").read_text(encoding="utf-8"))
        for stem, result in results.items()
        if stem.startswith(prefix)
    ]
    return round(statistics.mean(scores), 4)


def snippet_counts(results: dict[str, Extracted]) -> dict[str, int]:
    """trafilatura's own test snippets: strings that must appear in the text, and strings that must not."""
    counts = Counter()
    for path in sorted(HTML.glob("*.snippets.json")):
        snippets = json.loads(path.read_text(encoding="utf-8"))
        text = results[path.name.removesuffix(".snippets.json")].text
        kept = sum(s in text for s in snippets["with"])
        leaked = sum(s in text for s in snippets["without"])
        counts["pages"] += 1
        counts["pages_passed"] += kept == len(snippets["with"]) and not leaked
        counts["strings"] += len(snippets["with"]) + len(snippets["without"])
        counts["strings_passed"] += kept + len(snippets["without"]) - leaked
    return dict(counts)


def run() -> dict:
    """Every figure of this benchmark, as a flat dict (also what the JSON file holds)."""
    pages = sorted(HTML.glob("*.html"))
    if not pages:
        raise SystemExit(f"no corpus pages found in {HTML}")
    results, seconds = extract_all(pages)
    snippets = snippet_counts(results)
    mojibake = [
        s for s, r in results.items() if MOJIBAKE.search(" ".join([r.text, r.title or "", r.byline or ""]))
    ]
    import trafilatura

    return {
        "pages": len(pages),
        "aeb_token_f1": mean_f1(results, "aeb-"),
        "readability_token_f1": mean_f1(results, "readability-"),
        "newspaper4k_token_f1": mean_f1(results, "newspaper4k-"),
        "trafilatura_snippet_pages_passed": snippets["pages_passed"],
        "trafilatura_snippet_pages": snippets["pages"],
        "trafilatura_snippet_strings_passed": snippets["strings_passed"],
        "trafilatura_snippet_strings": snippets["strings"],
        "mojibake_pages": len(mojibake),
        "mojibake_page_names": mojibake,
        "median_ms_per_page": round(statistics.median(seconds) * 1000, 1),
        "p90_ms_per_page": round(statistics.quantiles(seconds, n=10)[-1] * 1000, 1),
        "method": "trafilatura favor_precision, readability-lxml fallback when trafilatura keeps < half",
        "trafilatura": trafilatura.__version__,
        "python": platform.python_version(),
    }


def main() -> None:
    figures = run()
    rows = [
        ("AEB body token F1 (71 pages, human gold)", figures["aeb_token_f1"]),
        ("readability pages token F1 (reference extractor)", figures["readability_token_f1"]),
        ("newspaper4k pages token F1 (reference extractor)", figures["newspaper4k_token_f1"]),
        (
            "trafilatura snippet pages passed",
            f"{figures['trafilatura_snippet_pages_passed']}/{figures['trafilatura_snippet_pages']}",
        ),
        (
            "trafilatura snippet strings passed",
            f"{figures['trafilatura_snippet_strings_passed']}/{figures['trafilatura_snippet_strings']}",
        ),
        ("pages with mojibake", f"{figures['mojibake_pages']}/{figures['pages']}"),
        ("median ms per page", figures["median_ms_per_page"]),
        ("p90 ms per page", figures["p90_ms_per_page"]),
    ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
