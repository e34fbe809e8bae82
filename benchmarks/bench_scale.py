"""Scale: import throughput, long chains, storage, corpus reports, on SQLite and PostgreSQL (issue 15).

    .venv/bin/python benchmarks/bench_scale.py              # 10,000 articles x 10 versions
    .venv/bin/python benchmarks/bench_scale.py --quick      # 300 x 10, a 2,000-version article
    TRACKER_TEST_PG_URL=postgresql+psycopg://... .venv/bin/python benchmarks/bench_scale.py

Everything runs as whole `tracker` commands in child processes, on chains made by gen_chains.py, and
each ratio is measured in the same run as its reference (alternating the two commands, medians):
- import: versions/s wall of the whole pipeline, with `tracker import FILE.jsonl` when the CLI has
  it, else `tracker add FOLDER --article KEY` for each article's folder (the commands invoked one
  after the other in one process, so that start-up is not counted 10,000 times); which one is said;
- the same import run again (nothing new) as a share of the first;
- HTML pages imported against the extraction library alone (trafilatura, as tracker calls it) on the
  same pages, goal within 1.3x;
- one article of 2,000 versions: the last 1,000 against the first 1,000, goal within 1.2x;
- bytes on disk per version against git after `git gc --aggressive` on the same texts, goal at or below;
- `report --format json` over all articles against `python -c 'import sqlalchemy.orm'`, goal within
  3x; `notes` of the 2,000-version article against the same, goal within 2x;
- peak memory of an import (the resident memory of the command and its workers, added up, sampled
  every 50 ms; and the largest single process by getrusage), goal under 300 MB.
Results go to benchmarks/results/scale.json and the "Scale" section of benchmarks/results/RESULTS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
sys.path.insert(0, str(ROOT / "benchmarks"))

import gen_chains  # noqa: E402

PY = sys.executable
TRACKER = [PY, "-m", "tracker"]
REFERENCE = [PY, "-c", "import sqlalchemy.orm"]
MB = 2**20

# (measure, goal as text, check) for the table
GOALS = [
    ("import_versions_per_s", ">= 1,500", lambda v: v >= 1500),
    ("rerun_share_of_first", "a fraction", lambda v: v <= 0.25),
    ("html_import_vs_extraction", "<= 1.3x", lambda v: v <= 1.3),
    ("long_last_vs_first", "<= 1.2x", lambda v: v <= 1.2),
    ("bytes_per_version_vs_git", "<= 1.0x", lambda v: v <= 1.0),
    ("report_vs_import_sqlalchemy", "<= 3x", lambda v: v <= 3),
    ("notes_long_vs_import_sqlalchemy", "<= 2x", lambda v: v <= 2),
    ("import_peak_mb", "< 300 MB", lambda v: v < 300),
]

# The driver used when the CLI has no `import`: `tracker add` of each article's folder, in one process.
_ADD_FOLDERS = r"""
import contextlib, io, json, sys
from pathlib import Path
from tracker.cli import main
db, folders = sys.argv[1], sys.argv[2:]
for folder in folders:
    meta = json.loads((Path(folder) / "captures.json").read_text())
    key = Path(folder).name.split("@")[0]
    args = ["--db", db, "add", folder, "--article", key, "--url", meta[0]["url"],
            "--captured-at", meta[0]["captured_at"], "--format", "json"]
    with contextlib.redirect_stdout(io.StringIO()):
        main(args, standalone_mode=False)
"""

# The extraction library alone on the same pages, called as tracker calls it.
_EXTRACT_ONLY = r"""
import json, sys
import trafilatura
for line in open(sys.argv[1], encoding="utf-8"):
    page = json.loads(line)["html"]
    trafilatura.bare_extraction(page, favor_precision=True, include_comments=False, with_metadata=True)
"""


# -- running commands ---------------------------------------------------------------------------
def _tree_rss(pid: int) -> int:
    """Resident bytes of a process and all its descendants, from /proc."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    stack += [int(c) for c in f.read().split()]
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def run(cmd: list[str], env: dict | None = None, stdout=subprocess.DEVNULL, check: bool = True) -> dict:  # noqa: ANN001
    """Run a command: wall seconds, CPU seconds of it and its children, peak memory (sum of the tree,
    sampled; and the largest process by getrusage)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=stdout, stderr=subprocess.PIPE, cwd=ROOT)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            peak[0] = max(peak[0], _tree_rss(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if check and proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:6])} ... exited {proc.returncode}: {stderr.decode()[-2000:]}")
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_tree_mb": round(peak[0] / MB, 1),
        "peak_process_mb": round(usage.ru_maxrss * 1024 / MB, 1),
        "returncode": proc.returncode,
    }


def versus(cmd: list[str], reference: list[str], budget_s: float, env: dict) -> dict:
    """Median wall time of a command and of a reference, run alternately in the same run; as many runs
    (1 to 7 of the command, at least 5 of the reference) as fit in about `budget_s` seconds."""
    probe = run(cmd, env)["wall_s"]
    runs = max(1, min(7, int(budget_s / max(probe, 1e-3))))
    times, refs = [probe], []
    for _ in range(max(runs, 5)):
        refs.append(run(reference, env)["wall_s"])
        if len(times) < runs:
            times.append(run(cmd, env)["wall_s"])
    cmd_ms, ref_ms = statistics.median(times) * 1000, statistics.median(refs) * 1000
    return {
        "ms": round(cmd_ms, 1),
        "reference_ms": round(ref_ms, 1),
        "ratio": round(cmd_ms / ref_ms, 2),
        "runs": len(times),
        "reference_runs": len(refs),
    }


# -- engines ------------------------------------------------------------------------------------
class Engine:
    """A database to import into: a fresh SQLite file, or a PostgreSQL database emptied each time."""

    def __init__(self, name: str, work: Path, pg_url: str | None = None) -> None:
        self.name, self.work, self.pg_url = name, work, pg_url
        self.count = 0

    def fresh(self) -> str:
        self.count += 1
        if self.pg_url is None:
            return str(self.work / f"{self.name}-{self.count}.db")
        import psycopg

        with psycopg.connect(self.pg_url.replace("+psycopg", ""), autocommit=True) as conn:
            conn.execute("DROP SCHEMA public CASCADE")
            conn.execute("CREATE SCHEMA public")
        return self.pg_url

    def size(self, db: str) -> int:
        """Bytes the database takes on disk (SQLite: the file and its journal; PostgreSQL: every
        table of the schema with its indexes and TOAST)."""
        if self.pg_url is None:
            return sum(p.stat().st_size for p in Path(db).parent.glob(Path(db).name + "*"))
        import psycopg

        with psycopg.connect(self.pg_url.replace("+psycopg", ""), autocommit=True) as conn:
            conn.execute("VACUUM")
            row = conn.execute(
                "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'm')"
            ).fetchone()
        return int(row[0])


def has_import() -> bool:
    """Whether the CLI has `tracker import`."""
    return subprocess.run([*TRACKER, "import", "--help"], capture_output=True, cwd=ROOT).returncode == 0


def import_command(db: str, jsonl: Path, folders: list[Path], bulk: bool) -> list[str]:
    if bulk:
        return [*TRACKER, "--db", db, "import", str(jsonl)]
    return [PY, "-c", _ADD_FOLDERS, db, *map(str, folders)]


# -- data ---------------------------------------------------------------------------------------
def make_data(
    work: Path, articles: int, versions: int, long_versions: int, html_articles: int, seed: int
) -> dict:
    """The chains, written once as JSON Lines and as folders."""
    started = time.perf_counter()
    data: dict = {}
    main_jsonl, main_dir = work / "chains.jsonl", work / "chains"
    gen_chains.write_jsonl(gen_chains.generate(articles, versions, seed), main_jsonl)
    gen_chains.write_folders(gen_chains.generate(articles, versions, seed), main_dir)
    data["main"] = (main_jsonl, sorted(main_dir.iterdir()))
    html_jsonl, html_dir = work / "pages.jsonl", work / "pages"
    gen_chains.write_jsonl(gen_chains.generate(html_articles, versions, seed, as_html=True), html_jsonl)
    gen_chains.write_folders(gen_chains.generate(html_articles, versions, seed, as_html=True), html_dir)
    data["html"] = (html_jsonl, sorted(html_dir.iterdir()))
    # the long article in two halves: the first and the last half of its versions
    number = 10**6  # apart from the others
    captures = list(gen_chains.chain(number, long_versions, seed))
    half = long_versions // 2
    for name, part in (("first", captures[:half]), ("last", captures[half:])):
        jsonl, folder_root = work / f"long-{name}.jsonl", work / f"long-{name}"
        gen_chains.write_jsonl(iter(part), jsonl)
        gen_chains.write_folders(iter(part), folder_root)
        folder = folder_root / part[0]["article"]
        data[f"long_{name}"] = (jsonl, [folder])
    data["long_key"] = captures[0]["article"]
    data["raw_bytes"] = sum(
        len(json.loads(line)["text"].encode()) for line in main_jsonl.open(encoding="utf-8")
    )
    data["seconds"] = round(time.perf_counter() - started, 1)
    return data


def git_bytes(work: Path, jsonl: Path) -> dict:
    """The same texts in git: one file per article, one commit per round of versions (version 1 of
    every article, then version 2 ...), then `git gc --aggressive`; bytes of .git/objects."""
    repo = work / "git"
    shutil.rmtree(repo, ignore_errors=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    rounds: dict[int, list[tuple[str, bytes]]] = {}
    seen: dict[str, int] = {}
    for line in jsonl.open(encoding="utf-8"):
        capture = json.loads(line)
        n = seen[capture["article"]] = seen.get(capture["article"], 0) + 1
        rounds.setdefault(n, []).append((capture["article"], capture["text"].encode()))
    proc = subprocess.Popen(["git", "fast-import", "--quiet"], stdin=subprocess.PIPE, cwd=repo)
    out = proc.stdin
    for n in sorted(rounds):
        out.write(f"commit refs/heads/main\ncommitter b <b@b> {1600000000 + n} +0000\ndata 0\n".encode())
        for key, text in rounds[n]:
            out.write(f"M 100644 inline {key}.txt\ndata {len(text)}\n".encode() + text + b"\n")
    out.close()
    proc.wait()
    started = time.perf_counter()
    subprocess.run(["git", "gc", "--aggressive", "--prune=now", "-q"], cwd=repo, check=True)
    size = sum(p.stat().st_size for p in (repo / ".git" / "objects").rglob("*") if p.is_file())
    return {"bytes": size, "gc_s": round(time.perf_counter() - started, 1)}


# -- the benchmark ------------------------------------------------------------------------------
def bench_engine(engine: Engine, data: dict, bulk: bool, budget_s: float, git_size: int) -> dict:
    env = dict(os.environ)
    out: dict = {}
    jsonl, folders = data["main"]
    versions = sum(1 for _ in jsonl.open(encoding="utf-8"))

    db = engine.fresh()
    first = run(import_command(db, jsonl, folders, bulk), env)
    out["import"] = {"versions": versions, "articles": len(folders), **first}
    out["import_versions_per_s"] = round(versions / first["wall_s"], 1)
    out["import_versions_per_cpu_s"] = round(versions / first["cpu_s"], 1)
    again = run(import_command(db, jsonl, folders, bulk), env)
    out["rerun"] = again
    out["rerun_share_of_first"] = round(again["wall_s"] / first["wall_s"], 3)
    size = engine.size(db)
    out["bytes_on_disk"] = size
    out["bytes_per_version"] = round(size / versions)
    out["raw_bytes_per_version"] = round(data["raw_bytes"] / versions)
    out["git_bytes_per_version"] = round(git_size / versions)
    out["bytes_per_version_vs_git"] = round(size / git_size, 2)
    out["report"] = versus([*TRACKER, "--db", db, "report", "--format", "json"], REFERENCE, budget_s, env)
    out["report_vs_import_sqlalchemy"] = out["report"]["ratio"]

    db = engine.fresh()
    halves = {}
    for name in ("first", "last"):
        part_jsonl, part_folders = data[f"long_{name}"]
        halves[name] = run(import_command(db, part_jsonl, part_folders, bulk), env)
    out["long"] = halves
    out["long_last_vs_first"] = round(halves["last"]["wall_s"] / halves["first"]["wall_s"], 2)
    out["notes_long"] = versus(
        [*TRACKER, "--db", db, "notes", data["long_key"], "--format", "json"], REFERENCE, budget_s, env
    )
    out["notes_long_vs_import_sqlalchemy"] = out["notes_long"]["ratio"]

    db = engine.fresh()
    pages_jsonl, page_folders = data["html"]
    pages = sum(1 for _ in pages_jsonl.open(encoding="utf-8"))
    tracked, alone = [], []
    for _ in range(3):  # alternate, fresh database each time
        alone.append(run([PY, "-c", _EXTRACT_ONLY, str(pages_jsonl)], env))
        tracked.append(run(import_command(db, pages_jsonl, page_folders, bulk), env))
        db = engine.fresh()
    t = statistics.median(r["wall_s"] for r in tracked)
    a = statistics.median(r["wall_s"] for r in alone)
    out["html"] = {"pages": pages, "import_s": round(t, 2), "extraction_alone_s": round(a, 2)}
    out["html_import_vs_extraction"] = round(t / a, 2)
    peaks = [first["peak_tree_mb"], again["peak_tree_mb"], *(h["peak_tree_mb"] for h in halves.values())]
    out["import_peak_mb"] = max(peaks + [r["peak_tree_mb"] for r in tracked])
    return out


def markdown(result: dict) -> str:
    """The "Scale" section of RESULTS.md."""
    setup = result["setup"]
    lines = [
        "## Scale (benchmarks/bench_scale.py)",
        "",
        f"{setup['articles']:,} articles x {setup['versions']} versions of generated news-like chains "
        f"(benchmarks/gen_chains.py, seed {setup['seed']}), one article of {setup['long_versions']:,} versions, "
        f"{setup['html_articles']:,} articles as HTML pages; import by `{setup['import_by']}`; "
        f"run {setup['when']} on {setup['cores']} cores"
        + (" (--quick)" if setup.get("quick") else "")
        + ". Ratios against a reference measured in the same run.",
        "",
        "| measure | " + " | ".join(result["engines"]) + " | goal |",
        "| --- | " + " | ".join("---" for _ in result["engines"]) + " | --- |",
    ]
    for measure, goal, check in GOALS:
        cells = []
        for engine in result["engines"].values():
            value = engine.get(measure)
            cells.append("n/a" if value is None else f"{value}" + ("" if check(value) else " (**missed**)"))
        lines.append(f"| `{measure}` | " + " | ".join(cells) + f" | {goal} |")
    details = [
        ("wall seconds of the import", lambda e: e["import"]["wall_s"]),
        ("versions per CPU-second", lambda e: e["import_versions_per_cpu_s"]),
        ("bytes per version (raw text)", lambda e: e["raw_bytes_per_version"]),
        ("bytes per version (tracker)", lambda e: e["bytes_per_version"]),
        ("bytes per version (git gc --aggressive)", lambda e: e["git_bytes_per_version"]),
        (
            "report ms / import sqlalchemy.orm ms",
            lambda e: f"{e['report']['ms']} / {e['report']['reference_ms']}",
        ),
        (
            "notes (long) ms / import sqlalchemy.orm ms",
            lambda e: f"{e['notes_long']['ms']} / {e['notes_long']['reference_ms']}",
        ),
        (
            "long: first / last half, s",
            lambda e: f"{e['long']['first']['wall_s']:.1f} / {e['long']['last']['wall_s']:.1f}",
        ),
        (
            "HTML: import / extraction alone, s",
            lambda e: f"{e['html']['import_s']} / {e['html']['extraction_alone_s']}",
        ),
    ]
    for title, get in details:
        cells = []
        for engine in result["engines"].values():
            try:
                value = get(engine)
            except (KeyError, TypeError):
                value = "n/a"
            cells.append(f"{value:.1f}" if isinstance(value, float) else str(value))
        lines.append(f"| {title} | " + " | ".join(cells) + " | |")
    if result.get("note"):
        lines += ["", result["note"]]
    return "\n".join(lines) + "\n"


def write_results(result: dict) -> None:
    """scale.json, and the Scale section of RESULTS.md (replaced in place, or added at the end)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "scale.json").write_text(json.dumps(result, indent=2) + "\n")
    path = RESULTS / "RESULTS.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    start, end = "<!-- scale -->\n", "<!-- /scale -->\n"
    section = start + markdown(result) + end
    if start in text and end in text:
        head, rest = text.split(start, 1)
        text = head + section + rest.split(end, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="300 articles x 10 versions, 50 as HTML")
    parser.add_argument("--articles", type=int, help="articles (default 10,000; --quick 300)")
    parser.add_argument("--versions", type=int, default=10)
    parser.add_argument("--long", type=int, default=2000, help="versions of the long article (default 2,000)")
    parser.add_argument(
        "--html-articles", type=int, help="articles imported as HTML (default 500; --quick 50)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pg", default=os.environ.get("TRACKER_TEST_PG_URL"), help="PostgreSQL URL")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--budget", type=float, default=60, help="seconds for each timed comparison")
    parser.add_argument("--note", default="", help="a sentence for RESULTS.md (sizes, what limited the run)")
    parser.add_argument(
        "--work", type=Path, help="folder for the data and databases (default: a temporary one)"
    )
    parser.add_argument("--no-write", action="store_true", help="print, do not write results")
    args = parser.parse_args(argv)
    articles = args.articles or (300 if args.quick else 10_000)
    html_articles = args.html_articles or (50 if args.quick else 500)

    work = args.work or Path(tempfile.mkdtemp(prefix="tracker-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        data = make_data(work, articles, args.versions, args.long, html_articles, args.seed)
        print(f"data: {articles:,} x {args.versions} in {data['seconds']} s", file=sys.stderr)
        git = git_bytes(work, data["main"][0])
        bulk = has_import()
        engines = {}
        if not args.no_sqlite:
            engines["sqlite"] = bench_engine(Engine("sqlite", work), data, bulk, args.budget, git["bytes"])
            print(json.dumps(engines["sqlite"]), file=sys.stderr)
        if args.pg:
            engines["postgresql"] = bench_engine(
                Engine("pg", work, args.pg), data, bulk, args.budget, git["bytes"]
            )
            print(json.dumps(engines["postgresql"]), file=sys.stderr)
        result = {
            "setup": {
                "articles": articles,
                "versions": args.versions,
                "long_versions": args.long,
                "html_articles": html_articles,
                "seed": args.seed,
                "quick": args.quick,
                "import_by": "tracker import FILE.jsonl"
                if bulk
                else "tracker add FOLDER --article KEY, once per article, in one process",
                "cores": os.cpu_count(),
                "when": time.strftime("%Y-%m-%d", time.gmtime()),
                "git_gc_s": git["gc_s"],
                "commit": subprocess.run(
                    ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
                ).stdout.strip(),
            },
            "engines": engines,
            "note": args.note,
        }
        if not args.no_write:
            write_results(result)
        print(markdown(result))
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
