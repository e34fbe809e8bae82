"""Start-up of `tracker --help` and `tracker diff FILE FILE`, against another commit, in one run.

    .venv/bin/python -m benchmarks.bench_startup [--against REF] [--runs N]

The reference commit is checked out in a temporary git worktree and run with the same interpreter and
packages (`PYTHONPATH` puts its `tracker` first), so the two differ only in the package's code.
The two are run interleaved, N times each, and medians compared;
`python -c pass` is timed beside them as the machine's own start-up. Results: benchmarks/results/startup.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "snapshots" / "armor-coalition"
FILES = [str(SEED / "2024-01-23-1-reconstructed.txt"), str(SEED / "2024-01-23-2-corrected.txt")]
COMMANDS = {"help": ["--help"], "diff_file_file": ["diff", *FILES]}


def _time(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - start) * 1000


def run(against: str, runs: int) -> dict:
    """Medians in ms of each command on this checkout and on `against`, and their ratios."""
    with tempfile.TemporaryDirectory() as tmp:
        reference = Path(tmp) / "reference"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(reference), against], check=True
        )
        try:
            envs = {
                "this": {**os.environ, "PYTHONPATH": str(ROOT)},
                "reference": {**os.environ, "PYTHONPATH": str(reference)},
            }
            times: dict[str, list[float]] = {}
            for args in COMMANDS.values():
                for env in envs.values():  # warm the bytecode caches
                    _time([sys.executable, "-m", "tracker", *args], env)
            for _ in range(runs):
                times.setdefault("python_pass", []).append(
                    _time([sys.executable, "-c", "pass"], os.environ.copy())
                )
                for name, args in COMMANDS.items():
                    for side, env in envs.items():
                        times.setdefault(f"{name}_{side}", []).append(
                            _time([sys.executable, "-m", "tracker", *args], env)
                        )
        finally:
            subprocess.run(
                ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(reference)], check=False
            )
    medians = {k: round(statistics.median(v), 1) for k, v in times.items()}
    ratios = {name: round(medians[f"{name}_this"] / medians[f"{name}_reference"], 3) for name in COMMANDS}
    return {"against": against, "runs": runs, "median_ms": medians, "this_over_reference": ratios}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--against", default="7f61f39", help="the commit to compare with (default: before the layout)"
    )
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    result = run(args.against, args.runs)
    out = ROOT / "benchmarks" / "results" / "startup.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
