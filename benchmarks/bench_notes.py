"""Measure the note detector on the shared corpus: recall, false notes, kind accuracy and speed.

Run `python benchmarks/bench_notes.py`; it prints the figures, lists missed notes and false ones
for review, and writes them to benchmarks/results/notes.json.
"""

from __future__ import annotations

import json
import os
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the checkout, or wherever TRACKER_SHARED points
SHARED = Path(os.environ.get("TRACKER_SHARED") or ROOT.parent / "shared")
sys.path.insert(0, str(ROOT))

from tracker.explain.notes import THRESHOLD, find_notes, score_paragraph  # noqa: E402

CORPUS = SHARED / "corpus"
RESULTS = ROOT / "benchmarks" / "results" / "notes.json"
_WORD = re.compile(r"\w+")


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def matches(found: str, listed: str) -> bool:
    """A found note matches a listed one when it holds it whole (a note's text may run on into a
    paragraph that explains it, up to 600 characters more) or is at least half of it."""
    a, b = " ".join(found.split()), " ".join(listed.split())
    return (b in a and len(a) - len(b) <= 600) or (a in b and len(a) >= 0.5 * len(b))


def corrected_articles(corpus: Path) -> list[tuple[str, str, list[dict]]]:
    folder = corpus / "corrections"
    listed: dict[str, list[dict]] = {}
    for name in ("cases.jsonl", "notes_only.jsonl"):
        for item in load(folder / name):
            listed.setdefault(item["article"], []).append(item)
    out = []
    for path in sorted((folder / "articles").glob("*.txt")):
        out.append((path.stem, path.read_text(encoding="utf-8"), listed.get(path.stem, [])))
    return out


def run(corpus: Path = CORPUS) -> dict:
    """Compute every figure; return them as a dict (also the content of notes.json)."""
    positives = load(corpus / "notes" / "positives.jsonl")
    negatives = load(corpus / "notes" / "negatives.jsonl")

    found_by_kind: Counter[str] = Counter()
    total_by_kind: Counter[str] = Counter()
    found_by_outlet: Counter[str] = Counter()
    total_by_outlet: Counter[str] = Counter()
    missed, kind_right, kind_wrong = [], 0, []
    for item in positives:
        score, kind, signals = score_paragraph(item["text"])
        total_by_kind[item["kind"]] += 1
        total_by_outlet[item["outlet"]] += 1
        hit = score >= THRESHOLD
        found_by_kind[item["kind"]] += hit
        found_by_outlet[item["outlet"]] += hit
        if not hit:
            missed.append({"id": item["id"], "score": score, "signals": signals, "text": item["text"][:200]})
        # Kind accuracy is over all positives: a missed note counts as a wrong kind.
        if hit and kind == item["kind"]:
            kind_right += 1
        elif hit:
            kind_wrong.append(
                {"id": item["id"], "want": item["kind"], "got": kind, "text": item["text"][:160]}
            )

    false_notes, hard_false = [], 0
    for item in negatives:
        score, _, signals = score_paragraph(item["text"])
        if score >= THRESHOLD:
            false_notes.append(
                {
                    "id": item["id"],
                    "hard": item["hard"],
                    "score": score,
                    "signals": signals,
                    "text": item["text"][:200],
                }
            )
            hard_false += item["hard"]
    n_hard = sum(item["hard"] for item in negatives)

    articles = corrected_articles(corpus)
    n_listed = n_found = extra = 0
    missed_in_articles, extra_notes = [], []
    elapsed = []
    words = 0
    for name, text, listed in articles:
        t0 = time.perf_counter()
        notes = find_notes(text)
        elapsed.append(time.perf_counter() - t0)
        words += len(_WORD.findall(text))
        for item in listed:
            n_listed += 1
            if any(matches(n.text, item["note"]) for n in notes):
                n_found += 1
            else:
                missed_in_articles.append({"article": name, "note": item["note"][:200]})
        for n in notes:
            if not any(matches(n.text, item["note"]) for item in listed):
                extra += 1
                extra_notes.append(
                    {"article": name, "score": n.score, "signals": n.signals, "text": n.text[:200]}
                )

    # Speed on a 2,000-word article: the longest corrected articles joined up to that length.
    paragraphs = [p for _, text, _ in sorted(articles, key=lambda a: -len(a[1])) for p in text.split("\n\n")]
    long_text, count = [], 0
    for p in paragraphs:
        if count >= 2000:
            break
        long_text.append(p)
        count += len(_WORD.findall(p))
    long_text = "\n\n".join(long_text)
    reps = 200
    t0 = time.perf_counter()
    for _ in range(reps):
        find_notes(long_text)
    ms_2000 = (time.perf_counter() - t0) / reps * 1000

    # Other real articles and pages of the corpus, read for review: any note found should be real.
    others = sorted((corpus / "articles").glob("*.txt")) + sorted((corpus / "html").glob("*.expected.txt"))
    other_notes = [
        {"file": path.name, "score": n.score, "signals": n.signals, "text": n.text[:200]}
        for path in others
        for n in find_notes(path.read_text(encoding="utf-8"))
    ]

    top_outlets = [o for o, _ in total_by_outlet.most_common(6)]
    return {
        "recall": round(sum(found_by_kind.values()) / len(positives), 4),
        "recall_by_kind": {k: round(found_by_kind[k] / n, 4) for k, n in total_by_kind.items()},
        "recall_by_outlet": {o: round(found_by_outlet[o] / total_by_outlet[o], 4) for o in top_outlets},
        "positives": len(positives),
        "kind_accuracy": round(kind_right / len(positives), 4),
        "false_note_rate": round(len(false_notes) / len(negatives), 5),
        "false_note_rate_hard": round(hard_false / n_hard, 5),
        "negatives": len(negatives),
        "negatives_hard": n_hard,
        "articles": len(articles),
        "article_notes": n_listed,
        "article_recall": round(n_found / n_listed, 4),
        "extra_notes_per_article": round(extra / len(articles), 4),
        "ms_per_article": round(sum(elapsed) / len(elapsed) * 1000, 3),
        "words_per_article": round(words / len(articles)),
        "ms_per_2000_words": round(ms_2000, 3),
        "other_articles": len(others),
        "notes_in_other_articles": len(other_notes),
        "missed_positives": missed,
        "false_positives": false_notes,
        "missed_in_articles": missed_in_articles,
        "extra_notes": extra_notes,
        "wrong_kinds": kind_wrong,
        "other_article_notes": other_notes,
    }


def main() -> None:
    if not CORPUS.exists():
        sys.exit(f"corpus not found at {CORPUS}")
    result = run()
    lists = (
        "missed_positives",
        "false_positives",
        "missed_in_articles",
        "extra_notes",
        "wrong_kinds",
        "other_article_notes",
    )
    for key, value in result.items():
        if key not in lists:
            print(f"{key:28} {value}")
    for key in lists:
        print(f"\n{key} ({len(result[key])}, first 15):")
        for row in result[key][:15]:
            print("  -", json.dumps(row, ensure_ascii=False))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwritten {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
