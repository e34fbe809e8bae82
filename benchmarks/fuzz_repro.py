"""Run one fuzz case again and show its traceback: `python benchmarks/fuzz_repro.py KIND SEED`."""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_fuzz import Worker  # noqa: E402

if __name__ == "__main__":
    kind, seed = sys.argv[1], int(sys.argv[2])
    getattr(Worker(), f"{kind}_case")(random.Random(f"{kind}:{seed}"))
    print("no error")
