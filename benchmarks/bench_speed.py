"""Speed: diff + claim alignment of a 20,000-word pair, notes + links for one article, and the whole
`tracker diff FILE FILE` process. Writes benchmarks/results/speed.json.

The pair is built from real articles in ../shared/corpus/articles, concatenated to 20,000 words; the
new version edits a dozen sentences spread through the text, moves a paragraph, adds one and removes one.
The worst case is timed too: 5,000 words whose every paragraph is replaced by other articles' ones.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the checkout, or wherever TRACKER_SHARED points
SHARED = Path(os.environ.get("TRACKER_SHARED") or ROOT.parent / "shared")
CORPUS = SHARED / "corpus"
RESULTS = ROOT / "benchmarks" / "results"
sys.path.insert(0, str(ROOT))


def article_pair(words: int = 20_000, seed: int = 7) -> tuple[str, str]:
    paragraphs: list[str] = []
    for path in sorted((CORPUS / "articles").glob("*.txt")):
        paragraphs += [p.strip() for p in path.read_text().split("\n\n") if p.strip()]
        if sum(len(p.split()) for p in paragraphs) >= words:
            break
    old = list(paragraphs)
    rnd = random.Random(seed)
    new = list(paragraphs)
    for k in rnd.sample(range(len(new)), 12):
        w = new[k].split()
        i = rnd.randrange(len(w))
        w[i] = "Poland" if w[i] != "Poland" else "Germany"
        new[k] = " ".join(w)
    moved = new.pop(len(new) // 3)
    new.insert(2 * len(new) // 3, moved)
    new.pop(len(new) // 2)
    new.insert(len(new) // 4, "A paragraph added in the update says something new about the story.")
    return "\n\n".join(old), "\n\n".join(new)


def _median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def diff_speed() -> dict:
    from tracker.derive.align import align
    from tracker.derive.worddiff import word_diff

    out = {}
    for words in (5_000, 10_000, 20_000):
        old, new = article_pair(words)
        word_diff(old, new), align(old, new)  # warm-up: loads the segmenter once
        out[f"word_diff_ms_{words}"] = round(_median_ms(lambda a=old, b=new: word_diff(a, b), 15), 2)
        out[f"diff_and_align_ms_{words}"] = round(
            _median_ms(lambda a=old, b=new: (word_diff(a, b), align(a, b)), 15), 2
        )
        out[f"words_{words}"] = len(old.split())
    out["diff_and_align_growth_20000_vs_5000"] = round(
        out["diff_and_align_ms_20000"] / out["diff_and_align_ms_5000"], 2
    )
    # the worst case: every paragraph replaced by another article's (nothing in common but common words)
    old, _ = article_pair(5_000)
    new = "\n\n".join(p for p in article_pair(12_000)[0].split("\n\n") if p not in old)
    out["rewrite_diff_and_align_ms_5000"] = round(
        _median_ms(lambda: (word_diff(old, new), align(old, new)), 5), 1
    )
    return out


def notes_speed() -> dict:
    """Notes + links for one real corrected article: find notes, align the two versions, score the links."""
    from tracker.explain.history import explain
    from tracker.values.records import Version
    from tracker.values.text import Reading

    case = json.loads((CORPUS / "corrections" / "cases.jsonl").read_text().splitlines()[0])
    v2 = (CORPUS / "corrections" / "articles" / f"{case['article']}.txt").read_text()
    v1 = v2.replace(case["note"], "").replace(case["after_sentence"], case["before_sentence"])

    def version(n: int, text: str) -> Version:
        from datetime import UTC, datetime

        now = datetime.now(UTC)
        return Version("a", n, now, now, "-", None, "text/plain", "", 0, None, Reading(text))

    versions = [version(1, v1), version(2, v2)]
    explain(versions)
    return {
        "notes_and_links_ms": round(_median_ms(lambda: explain(versions), 30), 2),
        "article_words": len(v2.split()),
    }


def cli_diff_speed(runs: int = 20) -> dict:
    exe = shutil.which("tracker", path=str(ROOT / ".venv" / "bin")) or shutil.which("tracker")
    seed = ROOT / "snapshots" / "armor-coalition"
    a, b = sorted(seed.glob("*.txt"))
    times, baseline = [], []
    # as a user's Python runs it: with its bytecode cache (some sandboxes set PYTHONDONTWRITEBYTECODE,
    # which recompiles every module of an editable install on every run); one warm-up run fills it
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as cwd:
        subprocess.run([exe, "diff", str(a), str(b)], cwd=cwd, capture_output=True, check=True, env=env)
        for _ in range(runs):
            t = time.perf_counter()
            subprocess.run([exe, "diff", str(a), str(b)], cwd=cwd, capture_output=True, check=True, env=env)
            times.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            subprocess.run([sys.executable, "-c", "pass"], capture_output=True, check=True, env=env)
            baseline.append((time.perf_counter() - t) * 1000)
        imports = (
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    f"import sys, runpy; sys.argv=['tracker','diff',{str(a)!r},{str(b)!r}]; "
                    "import tracker.cli as c\ntry: c.main()\nexcept SystemExit: pass\n"
                    "print('sqlalchemy' in sys.modules)",
                ],
                capture_output=True,
                text=True,
                cwd=cwd,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
    return {
        "cli_diff_file_file_ms_median": round(statistics.median(times), 1),
        "python_startup_ms_median": round(statistics.median(baseline), 1),
        "cli_diff_imports_sqlalchemy": imports == "True",
        "bytecode_cache": True,
        "runs": runs,
    }


def machine_speed() -> dict:
    """How fast this machine runs plain Python, so that runs on different machines can be compared."""
    code = "import time\nt = time.perf_counter()\ns = 0\nfor i in range(10_000_000): s += i\nprint(time.perf_counter() - t)"
    runs = [
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        for _ in range(3)
    ]
    return {"python_loop_10m_ms": round(min(runs) * 1000, 1)}  # the quickest of three: the least disturbed


def run() -> dict:
    results = {**diff_speed(), **notes_speed(), **cli_diff_speed(), **machine_speed()}
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "speed.json").write_text(json.dumps(results, indent=2) + "\n")
    return results


if __name__ == "__main__":
    for key, value in run().items():
        print(f"{key:40} {value}")
