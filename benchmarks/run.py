"""Run every benchmark and write benchmarks/results/quality.json and benchmarks/results/RESULTS.md.

    .venv/bin/python benchmarks/run.py

Quality is measured on ../shared/corpus (real published material), links through the installed
`tracker` command with ../shared/tools/score_corrections.py; speed by benchmarks/bench_speed.py.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the checkout, or wherever TRACKER_SHARED points
SHARED = Path(os.environ.get("TRACKER_SHARED") or ROOT.parent / "shared")
RESULTS = ROOT / "benchmarks" / "results"
SCORER = SHARED / "tools" / "score_corrections.py"
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

# (section, measure, target as text, check) — the anchors the project is held to; a row without a
# check is shown for reference.
TARGETS = [
    ("Article text", "extract.aeb_token_f1", ">= 0.975", lambda v: v >= 0.975),
    ("Article text", "extract.mojibake_pages", "0 of 122", lambda v: v == 0),
    ("Sentences", "sentences.boundary_f1", ">= 0.99", lambda v: v >= 0.99),
    ("Notes", "notes.recall", ">= 0.97", lambda v: v >= 0.97),
    ("Notes", "notes.article_recall", ">= 0.99", lambda v: v >= 0.99),
    ("Notes", "notes.false_note_rate", "<= 0.002", lambda v: v <= 0.002),
    ("Notes", "notes.false_note_rate_hard", "<= 0.01", lambda v: v <= 0.01),
    ("Notes", "notes.kind_accuracy", "kind right", lambda v: v >= 0.9),
    ("Links", "links.precision", ">= 0.95", lambda v: v >= 0.95),
    ("Links", "links.recall", ">= 0.90", lambda v: v >= 0.90),
    ("Links", "links.values", ">= 0.85", lambda v: v >= 0.85),
    ("Links", "links.other_edit_flagged", ">= 0.95", lambda v: v >= 0.95),
    ("Links", "links.unannounced", ">= 0.95", lambda v: v >= 0.95),
    ("Links", "links.cosmetic_flagged", "<= 0.05", lambda v: v <= 0.05),
    ("Links", "links.detector_fp_per_article", "<= 0.03", lambda v: v <= 0.03),
    ("Links, 64 more real notes", "note_cases.precision", ">= 0.95", lambda v: v >= 0.95),
    ("Links, 64 more real notes", "note_cases.recall", ">= 0.90", lambda v: v >= 0.90),
    ("Links, 64 more real notes", "note_cases.values", ">= 0.85", lambda v: v >= 0.85),
    ("Links, 64 more real notes", "note_cases.other_edit_flagged", ">= 0.95", lambda v: v >= 0.95),
    ("Links, 64 more real notes", "note_cases.unannounced", ">= 0.95", lambda v: v >= 0.95),
    ("Links, 64 more real notes", "note_cases.cosmetic_flagged", "<= 0.05", lambda v: v <= 0.05),
    ("Links, 44 probe cases", "probe.precision", ">= 0.95", lambda v: v >= 0.95),
    ("Links, 44 probe cases", "probe.recall", ">= 0.90", lambda v: v >= 0.90),
    ("Links, 44 probe cases", "probe.values", ">= 0.85", lambda v: v >= 0.85),
    ("Links, 44 probe cases", "probe.other_edit_flagged", ">= 0.95", lambda v: v >= 0.95),
    ("Links, 44 probe cases", "probe.unannounced", ">= 0.95", lambda v: v >= 0.95),
    ("Links, 44 probe cases", "probe.cosmetic_flagged", "<= 0.05", lambda v: v <= 0.05),
    ("Links, 44 probe cases", "probe.detector_recall", ">= 0.97", lambda v: v >= 0.97),
    ("Links, 43 notes without values", "notes_only.precision", ">= 0.95", lambda v: v >= 0.95),
    ("Links, 43 notes without values", "notes_only.recall", ">= 0.90", lambda v: v >= 0.90),
    ("Links, 43 notes without values", "notes_only.values", ">= 0.85", lambda v: v >= 0.85),
    ("Links, 43 notes without values", "notes_only.other_edit_flagged", ">= 0.95", lambda v: v >= 0.95),
    ("Links, 43 notes without values", "notes_only.unannounced", ">= 0.95", lambda v: v >= 0.95),
    ("Links, 43 notes without values", "notes_only.cosmetic_flagged", "<= 0.05", lambda v: v <= 0.05),
    ("Links, 43 notes without values", "notes_only.detector_fp_per_article", "<= 0.03", lambda v: v <= 0.03),
    ("Speed", "speed.diff_and_align_ms_5000", "for reference", None),
    ("Speed", "speed.diff_and_align_ms_10000", "for reference", None),
    ("Speed", "speed.diff_and_align_ms_20000", "<= 15 ms", lambda v: v <= 15),
    # near-linear: 3.94 times the words (5,187 -> 20,441) may take at most 1.25 x 3.94 the time
    ("Speed", "speed.diff_and_align_growth_20000_vs_5000", "<= 4.9 (words: x 3.94)", lambda v: v <= 4.9),
    ("Speed", "speed.rewrite_diff_and_align_ms_5000", "for reference", None),
    ("Speed", "speed.notes_and_links_ms", "<= 20 ms", lambda v: v <= 20),
    ("Speed", "speed.cli_diff_file_file_ms_median", "<= 100 ms", lambda v: v <= 100),
    ("Speed", "speed.python_loop_10m_ms", "the machine, for reference", None),
]


def links() -> dict:
    """The shared scorer, driving the installed `tracker` command through its JSON contract."""
    env = dict(os.environ, PATH=f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}")
    out = subprocess.run(
        [sys.executable, str(SCORER)], capture_output=True, text=True, env=env, cwd=ROOT
    ).stdout
    figures = dict(re.findall(r"(\w+)=([\d.]+)", out.splitlines()[-1]))
    result = {k: float(v) for k, v in figures.items()}
    by_type = re.search(r"by type \(cases, top-1 correct\): (\{.*\})", out)
    if by_type:
        result["by_type"] = {
            k: {"cases": n, "top1_correct": ok} for k, (n, ok) in json.loads(by_type.group(1)).items()
        }
    return result


def _get(data: dict, dotted: str):
    section, key = dotted.split(".")
    return data.get(section, {}).get(key)


def markdown(data: dict) -> str:
    rows = ["| area | measure | tracker | target | met |", "| --- | --- | --- | --- | --- |"]
    for section, dotted, target, check in TARGETS:
        value = _get(data, dotted)
        met = "" if check is None else "yes" if value is not None and check(value) else "**no**"
        rows.append(f"| {section} | `{dotted.split('.')[1]}` | {value} | {target} | {met} |")
    for section, title in (
        ("links", "corrections/cases.jsonl"),
        ("note_cases", "benchmarks/note_cases.jsonl"),
        ("notes_only", "benchmarks/notes_only_cases.jsonl"),
        ("probe", "benchmarks/probe_cases.jsonl"),
    ):
        by_type = data.get(section, {}).get("by_type", {})
        if by_type:
            rows += [
                "",
                f"Links, top-1 correct by type of fact ({title}):",
                "",
                "| type | cases | top-1 correct |",
                "| --- | --- | --- |",
            ]
            rows += [f"| {t} | {v['cases']} | {v['top1_correct']} |" for t, v in sorted(by_type.items())]
    return "\n".join(rows) + "\n"


def main() -> int:
    import bench_extract
    import bench_note_cases
    import bench_notes
    import bench_segmenters
    import bench_speed

    def scalars(d: dict) -> dict:
        return {k: v for k, v in d.items() if not isinstance(v, list | dict)}

    data = {
        "extract": scalars(bench_extract.run()),
        "sentences": scalars(bench_segmenters.run()["tools"]["tracker.derive.sentences"]),
        "notes": scalars(bench_notes.run()),
        "links": links(),
        "note_cases": {k: v for k, v in bench_note_cases.run().items() if k not in ("results", "summary")},
        "notes_only": {
            k: v for k, v in bench_note_cases.run_notes_only().items() if k not in ("results", "summary")
        },
        "probe": {
            k: v
            for k, v in bench_note_cases.run(cases_path=bench_note_cases.PROBE_CASES).items()
            if k not in ("results", "summary")
        },
        "speed": bench_speed.run(),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "quality.json").write_text(json.dumps(data, indent=2) + "\n")
    table = markdown(data)
    (RESULTS / "RESULTS.md").write_text("# Benchmark results\n\nWritten by `benchmarks/run.py`.\n\n" + table)
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- results -->\n", "<!-- /results -->"
    if start in text and end in text:  # the README shows the last run's table
        head, rest = text.split(start, 1)
        readme.write_text(head + start + table + rest[rest.index(end) :], encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
