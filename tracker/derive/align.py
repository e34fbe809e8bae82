"""Sentence (claim) alignment between two versions: unchanged, edited, added, removed and moved claims.

Sentences are matched whole with diff-match-patch, one character per sentence; in each changed block
the sentences left over are paired when they differ only in typography (case, spacing, punctuation,
quote marks), then by similarity (edited); what is still left is matched across the whole text (moved).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Sequence

from tracker.derive.facts import changed_facts, cosmetic_key
from tracker.derive.sentences import split_sentences, split_sentences_reusing
from tracker.derive.worddiff import diff_tokens
from tracker.values.claims import ClaimChange
from tracker.values.text import DELETE, EQUAL, Sentence

EDIT_SIMILARITY = 0.5  # two sentences in the same changed block at least this alike are one claim, edited
MOVE_SIMILARITY = 0.8  # a removed and an added sentence elsewhere this alike are one claim, moved


def _similarity(a: str, b: str) -> float:
    """How alike two sentences (cosmetic keys) are: the lower of letter similarity and shared words,
    so two unrelated sentences of similar letters are not taken for one claim edited."""
    from rapidfuzz.fuzz import ratio

    return min(ratio(a, b) / 100.0, _shared_words(Counter(a.split()), Counter(b.split())))


def _shared_words(words_a: Counter[str], words_b: Counter[str]) -> float:
    total = words_a.total() + words_b.total()
    return 2 * (words_a & words_b).total() / total if total else 1.0


def _alike(
    olds: list[int], news: list[int], old_keys: dict[int, str], new_keys: dict[int, str], threshold: float
) -> list[tuple[float, int, int]]:
    """(similarity, old, new) of every pair at least `threshold` alike. rapidfuzz compares the letters
    of each old sentence with all new ones in one call and drops the pairs below the threshold, so
    words are counted only for the few pairs left: a rewrite has thousands of unrelated pairs."""
    from rapidfuzz.fuzz import ratio
    from rapidfuzz.process import extract

    choices = [new_keys[j] for j in news]
    new_words: dict[int, Counter[str]] = {}
    found = []
    for i in olds:
        close = extract(old_keys[i], choices, scorer=ratio, score_cutoff=threshold * 100, limit=None)
        old_words = Counter(old_keys[i].split()) if close else None
        for _, letters, k in close:
            j = news[k]
            if j not in new_words:
                new_words[j] = Counter(new_keys[j].split())
            found.append((min(letters / 100.0, _shared_words(old_words, new_words[j])), i, j))
    return found


def _inside(sentence: Sentence, spans: Sequence[tuple[int, int]]) -> bool:
    return bool(spans) and any(sentence.start < end and start < sentence.end for start, end in spans)


def _pair(
    dels: list[int],
    ins: list[int],
    old_keys: dict[int, str],
    new_keys: dict[int, str],
    threshold: float,
    in_order: bool,
) -> list[tuple[int, int]]:
    """Pair removed with added sentences: first those with the same cosmetic key, then the most alike
    at or above `threshold`; `in_order` keeps pairs from crossing (edits in place, not moves)."""
    pairs: list[tuple[int, int]] = []
    by_key: dict[str, list[int]] = {}
    for j in ins:
        by_key.setdefault(new_keys[j], []).append(j)
    last = -1
    for i in dels:
        candidates = [j for j in by_key.get(old_keys[i], []) if j > last or not in_order]
        if candidates:
            by_key[old_keys[i]].remove(candidates[0])
            last = candidates[0]
            pairs.append((i, last))
    left_old = [i for i in dels if i not in {a for a, _ in pairs}]
    left_new = [j for j in ins if j not in {b for _, b in pairs}]
    if not left_old or not left_new or len(left_old) * len(left_new) > 40_000:  # keep pairing cheap
        return pairs
    scored = sorted(_alike(left_old, left_new, old_keys, new_keys, threshold), reverse=True)
    for score, i, j in scored:
        if score < threshold:
            break
        if any(i == a or j == b or in_order and (i < a) != (j < b) for a, b in pairs):
            continue
        pairs.append((i, j))
    return pairs


def _pair_block(
    dels: list[int], ins: list[int], old_s: list[Sentence], new_s: list[Sentence]
) -> list[tuple[int, int]]:
    """Sentences of one changed block that are one claim edited in place."""
    old_keys = {i: cosmetic_key(old_s[i].text) for i in dels}
    new_keys = {j: cosmetic_key(new_s[j].text) for j in ins}
    return _pair(dels, ins, old_keys, new_keys, EDIT_SIMILARITY, in_order=True)


def align(
    old_text: str,
    new_text: str,
    old_notes: Sequence[tuple[int, int]] = (),
    new_notes: Sequence[tuple[int, int]] = (),
) -> list[ClaimChange]:
    """Every claim of both versions once, in the new version's order (removed ones where they stood)."""
    old_s = split_sentences(old_text)
    new_s = split_sentences_reusing(new_text, old_text, old_s)
    return align_sentences(old_s, new_s, old_notes, new_notes)


def align_sentences(
    old_s: list[Sentence],
    new_s: list[Sentence],
    old_notes: Sequence[tuple[int, int]] = (),
    new_notes: Sequence[tuple[int, int]] = (),
) -> list[ClaimChange]:
    """Pair the sentences of two versions into claims: unchanged, edited, added, removed or moved."""
    pairs: dict[int, int] = {}  # old index -> new index
    unpaired_old: list[int] = []
    unpaired_new: list[int] = []

    def align_run(olds: list[int], news: list[int]) -> None:
        """Sentences of a changed stretch: equal ones paired, each changed block paired by likeness."""
        block_del: list[int] = []
        block_ins: list[int] = []

        def close_block() -> None:
            matched = _pair_block(block_del, block_ins, old_s, new_s)
            pairs.update(matched)
            taken_old, taken_new = {a for a, _ in matched}, {b for _, b in matched}
            unpaired_old.extend(x for x in block_del if x not in taken_old)
            unpaired_new.extend(y for y in block_ins if y not in taken_new)
            block_del.clear()
            block_ins.clear()

        i = j = 0
        for op, keys in diff_tokens(
            [old_s[k].text for k in olds], [new_s[k].text for k in news], semantic=False
        ):
            n = len(keys)
            if op == EQUAL:
                close_block()
                pairs.update(zip(olds[i : i + n], news[j : j + n], strict=True))
                i, j = i + n, j + n
            elif op == DELETE:
                block_del.extend(olds[i : i + n])
                i += n
            else:
                block_ins.extend(news[j : j + n])
                j += n
        close_block()

    # Paragraphs first: an unchanged paragraph pairs all its sentences at once, so the sentence diff
    # only runs over the stretches that changed.
    old_paragraphs, new_paragraphs = _paragraphs(old_s), _paragraphs(new_s)
    pending_old: list[int] = []
    pending_new: list[int] = []
    p = q = 0
    for op, keys in diff_tokens(
        [_paragraph_key(old_s, g) for g in old_paragraphs],
        [_paragraph_key(new_s, g) for g in new_paragraphs],
        semantic=False,
    ):
        n = len(keys)
        if op == EQUAL:
            if pending_old or pending_new:
                align_run(pending_old, pending_new)
                pending_old, pending_new = [], []
            for a, b in zip(old_paragraphs[p : p + n], new_paragraphs[q : q + n], strict=True):
                pairs.update(zip(a, b, strict=True))
            p, q = p + n, q + n
        elif op == DELETE:
            pending_old.extend(k for g in old_paragraphs[p : p + n] for k in g)
            p += n
        else:
            pending_new.extend(k for g in new_paragraphs[q : q + n] for k in g)
            q += n
    if pending_old or pending_new:
        align_run(pending_old, pending_new)

    old_keys = {i: cosmetic_key(old_s[i].text) for i in unpaired_old}
    new_keys = {j: cosmetic_key(new_s[j].text) for j in unpaired_new}
    moved = dict(_pair(unpaired_old, unpaired_new, old_keys, new_keys, MOVE_SIMILARITY, in_order=False))
    return _changes(old_s, new_s, pairs, moved, old_notes, new_notes)


def _paragraphs(sentences: list[Sentence]) -> list[list[int]]:
    """Sentence indices grouped by paragraph, in order."""
    groups: list[list[int]] = []
    last = None
    for k, sentence in enumerate(sentences):
        if sentence.paragraph != last:
            groups.append([])
            last = sentence.paragraph
        groups[-1].append(k)
    return groups


def _paragraph_key(sentences: list[Sentence], group: list[int]) -> str:
    return "\x00".join(sentences[k].text for k in group)


def _changes(
    old_s: list[Sentence],
    new_s: list[Sentence],
    pairs: dict[int, int],
    moved: dict[int, int],
    old_notes: Sequence[tuple[int, int]],
    new_notes: Sequence[tuple[int, int]],
) -> list[ClaimChange]:
    by_new: dict[int, ClaimChange] = {}
    notes = bool(old_notes or new_notes)
    for pairing in (pairs, moved):
        for i, j in pairing.items():
            a, b = old_s[i].text, new_s[j].text
            facts = tuple(changed_facts(a, b)) if a != b else ()
            status = "moved" if pairing is moved else ("edited" if facts else "unchanged")
            note = notes and (_inside(old_s[i], old_notes) or _inside(new_s[j], new_notes))
            by_new[j] = ClaimChange(status, a, b, i, j, facts, note)
    out: list[ClaimChange] = []
    matched_old = set(pairs) | set(moved)
    removed = [i for i in range(len(old_s)) if i not in matched_old]
    # a removed sentence is shown after the claim that preceded it in the old version
    anchor_of: dict[int, list[int]] = {}
    kept = sorted(pairs)
    for i in removed:
        at = bisect_left(kept, i)
        anchor_of.setdefault(pairs[kept[at - 1]] if at else -1, []).append(i)

    def emit_removed(anchor: int) -> None:
        for i in anchor_of.get(anchor, []):
            out.append(ClaimChange("removed", old_s[i].text, None, i, None, (), _inside(old_s[i], old_notes)))

    emit_removed(-1)
    for j, sentence in enumerate(new_s):
        out.append(
            by_new.get(j)
            or ClaimChange("added", None, sentence.text, None, j, (), _inside(sentence, new_notes))
        )
        emit_removed(j)
    return out
