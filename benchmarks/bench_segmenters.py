"""Compare sentence segmenters on real news: accuracy, pySBD's golden rules, speed, typical mistakes.

Run `python benchmarks/bench_segmenters.py` with any interpreter: tools it cannot import are skipped
with a note. It prints a Markdown table and writes benchmarks/results/segmenters.json; `run()` returns
the same dict for aggregation.

Definitions (also written into the JSON):
- boundary: the end offset (trailing whitespace stripped) of every sentence but the last of its
  paragraph; F1 is micro-averaged over the 331 gold paragraphs (489 gold boundaries).
- golden rules: a case passes when the stripped sentences equal the expected list exactly.
- speed: each tool splits the 133 articles paragraph by paragraph (blank lines between paragraphs,
  single newlines read as spaces); tracker.derive.sentences is given whole articles, as in use. Best of 5
  runs (2 for tools slower than 0.5 s a run).
- load: a fresh interpreter importing the tool and splitting one short text; best of 3.
- suspect splits: in the articles, splits right after a title ("Mr.", "Gen."), a month or "No."
  before a number, a lone initial, before a lowercase word, or where no . ! ? … ends the piece;
  a quote or bracket left alone; and a sentence opening with a title or initial glued to the one
  before. One example of each kind is kept.
"""

from __future__ import annotations

import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the checkout, or wherever TRACKER_SHARED points
SHARED = Path(os.environ.get("TRACKER_SHARED") or ROOT.parent / "shared")
CORPUS = SHARED / "corpus"
RESULTS = ROOT / "benchmarks" / "results" / "segmenters.json"
sys.path.insert(0, str(ROOT))

Splitter = Callable[[str], list[str]]
WARM = "'Warm up. Now go.'"


def _tracker() -> Splitter:
    from tracker.derive.sentences import split_sentences

    return lambda text: [s.text for s in split_sentences(text)]


def _blingfire() -> Splitter:
    import blingfire

    return lambda text: [text[a:b] for a, b in blingfire.text_to_sentences_and_offsets(text)[1]]


def _nupunkt() -> Splitter:
    import nupunkt

    return nupunkt.sent_tokenize  # type: ignore[return-value]


def _syntok() -> Splitter:
    import syntok.segmenter as segmenter

    def split(text: str) -> list[str]:
        sentences = [list(sentence) for paragraph in segmenter.analyze(text) for sentence in paragraph]
        return [text[s[0].offset : s[-1].offset + len(s[-1].value)] for s in sentences]

    return split


def _pysbd() -> Splitter:
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=True)
    return lambda text: [span.sent for span in segmenter.segment(text)]


def _spacy() -> Splitter:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return lambda text: [sentence.text for sentence in nlp(text).sents]


# The baseline: break after . ! ? (and closing quotes) when a capital, digit or opening quote follows.
_REGEX = r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])"


def _regex() -> Splitter:
    pattern = re.compile(_REGEX)

    def split(text: str) -> list[str]:
        cuts = [0, *(m.end() for m in pattern.finditer(text)), len(text)]
        return [text[a:b] for a, b in zip(cuts, cuts[1:], strict=False)]

    return split


# name -> (how to build the splitter, the code a fresh interpreter times as "load", package)
TOOLS: dict[str, tuple[Callable[[], Splitter], str, str | None]] = {
    "tracker.derive.sentences": (
        _tracker,
        f"from tracker.derive.sentences import split_sentences as f; f({WARM})",
        None,
    ),
    "blingfire": (
        _blingfire,
        f"import blingfire; blingfire.text_to_sentences_and_offsets({WARM})",
        "blingfire",
    ),
    "nupunkt": (_nupunkt, f"import nupunkt; nupunkt.sent_tokenize({WARM})", "nupunkt"),
    "syntok": (_syntok, f"import syntok.segmenter as s; list(s.analyze({WARM}))", "syntok"),
    "pysbd": (_pysbd, f"import pysbd; pysbd.Segmenter(language='en', clean=False).segment({WARM})", "pysbd"),
    "spacy sentencizer": (
        _spacy,
        f"import spacy; n = spacy.blank('en'); n.add_pipe('sentencizer'); n({WARM})",
        "spacy",
    ),
    "regex": (_regex, f"import re; re.compile({_REGEX!r}).findall({WARM})", None),
}
_TITLES = "Mr|Mrs|Ms|Dr|Gen|Sen|Sens|Rep|Gov|Lt|Col|Sgt|Capt|Cmdr|Adm|Maj|Prof|Rev|St"
_AFTER_TITLE = re.compile(rf"(?<![\w.])(?:{_TITLES})\.$")
_BEFORE_NUMBER = re.compile(r"(?<![\w.])(?:Jan|Feb|Aug|Sept?|Oct|Nov|Dec|No)\.$")
_INITIAL = re.compile(r"(?<![\w.])[A-Z]\.$")
_ENDED = re.compile(r"[.!?…][\"'”’)\]]*$")
_GLUED = re.compile(rf"(?<![A-Z.])\b[a-z]{{2,}}[.!?][\"”’]?\s+(?:(?:{_TITLES})\.|[A-Z]\.)\s*[A-Z]")


def _spans(text: str, pieces: list[str]) -> list[tuple[int, int]]:
    """Offsets of each stripped piece, looked up in order."""
    spans, position = [], 0
    for piece in (p.strip() for p in pieces):
        if piece:
            start = text.index(piece, position)
            position = start + len(piece)
            spans.append((start, position))
    return spans


def _boundaries(text: str, pieces: list[str]) -> set[int]:
    return {end for _, end in _spans(text, pieces) if text[end:].strip()}


def _suspects(sentences: list[str]) -> list[tuple[str, str]]:
    """(kind, example) for each split or non-split that is probably wrong in news prose."""
    found = []
    for before, after in zip(sentences, sentences[1:], strict=False):
        before, after = before.strip(), after.strip()
        first = after.split(maxsplit=1)[0] if after else ""
        kind = (
            "quote left alone" if after and not after.strip("\"'”’)]") else
            "after a title" if _AFTER_TITLE.search(before) else
            "month/No. before a number" if _BEFORE_NUMBER.search(before) and after[:1].isdigit() else
            "after an initial" if _INITIAL.search(before) and after[:1].isupper() else
            "before a lowercase word" if first[:1].islower() and first == first.lower() else
            "where no sentence ends" if not _ENDED.search(before) else None
        )  # fmt: skip
        if kind:
            found.append((kind, f"{before[-40:]} | {after[:30]}"))
    for sentence in sentences:
        for match in _GLUED.finditer(sentence):
            found.append(
                ("glued to the next sentence", sentence[max(0, match.start() - 30) : match.end() + 20])
            )
    return found


def _load_ms(code: str) -> float:
    """Best of 3 fresh interpreters: import the tool and split one short text."""
    script = (
        f"import sys, time; sys.path.insert(0, {str(ROOT)!r}); t = time.perf_counter(); {code}; "
        "print((time.perf_counter() - t) * 1000)"
    )
    runs = [
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
        for _ in range(3)
    ]
    return min(float(r.stdout.strip()) for r in runs)


def _best_of(work: Callable[[], object]) -> float:
    """Best of 5 runs (of 2 for slow tools), in seconds: the least disturbed by other processes."""
    times: list[float] = []
    while len(times) < (5 if not times or times[0] < 0.5 else 2):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run() -> dict:
    """Measure every importable tool; returns the results dict (also written to RESULTS)."""
    gold = _jsonl(CORPUS / "sentences" / "gold.jsonl")
    rules = _jsonl(CORPUS / "sentences" / "golden_rules.jsonl")
    articles = [p.read_text(encoding="utf-8") for p in sorted((CORPUS / "articles").glob("*.txt"))]
    paragraphs = [p.strip().replace("\n", " ") for a in articles for p in re.split(r"\n[^\S\n]*\n", a)]
    paragraphs = [p for p in paragraphs if p]
    words = sum(len(a.split()) for a in articles)
    tools: dict[str, dict] = {}
    skipped: dict[str, str] = {}
    versions: dict[str, str] = {}
    for name, (build, load_code, package) in TOOLS.items():
        try:
            split = build()
        except ImportError as error:
            skipped[name] = f"not importable here ({error})"
            continue
        if package:
            versions[name] = metadata.version(package)
        tp = fp = fn = 0
        for item in gold:
            truth, found = (
                _boundaries(item["text"], item["sentences"]),
                _boundaries(item["text"], split(item["text"])),
            )
            tp, fp, fn = tp + len(truth & found), fp + len(found - truth), fn + len(truth - found)
        precision, recall = tp / (tp + fp), tp / (tp + fn)
        passed = sum([s.strip() for s in split(c["text"]) if s.strip()] == c["sentences"] for c in rules)
        units = articles if name == "tracker.derive.sentences" else paragraphs
        seconds = _best_of(lambda split=split, units=units: [split(u) for u in units])
        suspects = [s for p in paragraphs for s in _suspects(split(p))]
        kinds: dict[str, int] = {}
        for kind, _ in suspects:
            kinds[kind] = kinds.get(kind, 0) + 1
        tools[name] = {
            "boundary_f1": round(2 * precision * recall / (precision + recall), 4),
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "golden_rules_passed": passed,
            "golden_rules_total": len(rules),
            "load_ms": round(_load_ms(load_code), 1),
            "ms_per_20k_words": round(seconds * 1000 * 20_000 / words, 2),
            "suspect_splits": len(suspects),
            "suspect_kinds": kinds,
            "examples": [f"[{kind}] {next(e for k, e in suspects if k == kind)}" for kind in kinds],
        }
    if RESULTS.exists():  # keep tools measured in another environment (spaCy), marked as such
        earlier = json.loads(RESULTS.read_text(encoding="utf-8")).get("tools", {})
        for name in skipped:
            if name in earlier:
                tools[name] = dict(earlier[name], from_earlier_run=True)
    claims = tools.get("tracker.derive.sentences", {})
    if claims:
        claims.update(_budget())
    results = {
        "benchmark": "sentence segmenters on real news",
        "measured": datetime.now(UTC).isoformat(timespec="seconds"),
        "environment": {
            "python": platform.python_version(),
            "machine": platform.machine(),
            "versions": versions,
        },
        "corpus": {
            "gold_paragraphs": len(gold),
            "golden_rules": len(rules),
            "articles": len(articles),
            "words": words,
        },
        "definitions": __doc__.split("Definitions (also written into the JSON):\n", 1)[1].strip(),
        "tools": tools,
        "skipped": skipped,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return results


def _budget() -> dict:
    """tracker.derive.sentences on one 20,000-word text (articles joined), after warm-up: the speed budget."""
    from tracker.derive.sentences import split_sentences

    text, count = "", 0
    for path in sorted((CORPUS / "articles").glob("*.txt")):
        body = path.read_text(encoding="utf-8")
        text, count = f"{text}\n\n{body}" if text else body, count + len(body.split())
        if count >= 20_000:
            break
    split_sentences(text)
    times = []
    for _ in range(50):
        start = time.perf_counter()
        split_sentences(text)
        times.append((time.perf_counter() - start) * 1000)
    return {
        "budget_text_words": count,
        "budget_ms_min": round(min(times), 2),
        "budget_ms_median": round(statistics.median(times), 2),
    }


def _table(results: dict) -> str:
    lines = [
        "| tool | boundary F1 | precision | recall | golden rules | load ms | ms / 20k words | suspect splits |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, r in sorted(results["tools"].items(), key=lambda item: -item[1]["boundary_f1"]):
        lines.append(
            f"| {name} | {r['boundary_f1']:.3f} | {r['precision']:.3f} | {r['recall']:.3f} | "
            f"{r['golden_rules_passed']}/{r['golden_rules_total']} | {r['load_ms']:.0f} | "
            f"{r['ms_per_20k_words']:.1f} | {r['suspect_splits']} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    outcome = run()
    print(_table(outcome))
    claims = outcome["tools"].get("tracker.derive.sentences")
    if claims:
        print(
            f"\ntracker.claims on one {claims['budget_text_words']:,}-word text: "
            f"{claims['budget_ms_min']} ms best, {claims['budget_ms_median']} ms median of 50"
        )
    for name, reason in outcome["skipped"].items():
        print(f"skipped {name}: {reason}")
    for name, r in outcome["tools"].items():
        print(f"\n{name}: {r['suspect_kinds']}")
        for example in r["examples"][:3]:
            print(f"  {example}")
    print(f"\nwrote {RESULTS.relative_to(ROOT)}")
