"""Compression of stored snapshots: which zstandard scheme keeps the bytes smallest while any version
still reads back in milliseconds (issue 15, compact byte-exact storage).

    .venv/bin/python benchmarks/bench_compression.py          # writes results/compression.json

Schemes, each on bench_scale's generated chains (text and HTML) and on the corpus pages:
- `alone`: each version compressed by itself (levels 3 and 19);
- `previous`: each version compressed with the article's previous version as a raw-content
  dictionary (zstd's prefix mode), the chain cut every `depth` versions so that reading a version
  decompresses at most `depth + 1` frames;
- `trained`: one dictionary trained (zstd's COVER) on a sample of the versions, each version alone
  with it.
Reported: stored bytes as a share of the raw bytes, compression MB/s, and the median and worst time to
read a random version back (walking its chain). The reading text is compressed with the version's own
raw bytes as dictionary, so it costs next to nothing for text and little for HTML: measured too.
"""

from __future__ import annotations

import json
import random
import statistics
import sys
import time
from pathlib import Path

import zstandard as zstd

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
sys.path.insert(0, str(ROOT / "benchmarks"))

import gen_chains  # noqa: E402


def _dict(raw: bytes) -> zstd.ZstdCompressionDict:
    return zstd.ZstdCompressionDict(raw, dict_type=zstd.DICT_TYPE_RAWCONTENT)


def alone(chains: list[list[bytes]], level: int) -> dict:
    c = zstd.ZstdCompressor(level=level)
    d = zstd.ZstdDecompressor()
    started = time.perf_counter()
    stored = [[c.compress(v) for v in chain] for chain in chains]
    seconds = time.perf_counter() - started

    def read(a: int, k: int) -> bytes:
        return d.decompress(stored[a][k])

    return _summary(chains, stored, seconds, read)


def previous(chains: list[list[bytes]], level: int, depth: int) -> dict:
    started = time.perf_counter()
    stored: list[list[tuple[int | None, bytes]]] = []
    for chain in chains:
        rows, run = [], 0
        for k, v in enumerate(chain):
            if k == 0 or run >= depth:
                rows.append((None, zstd.ZstdCompressor(level=level).compress(v)))
                run = 0
            else:
                c = zstd.ZstdCompressor(level=level, dict_data=_dict(chain[k - 1]))
                rows.append((k - 1, c.compress(v)))
                run += 1
        stored.append(rows)
    seconds = time.perf_counter() - started

    def read(a: int, k: int) -> bytes:
        path = [k]
        while stored[a][path[-1]][0] is not None:
            path.append(stored[a][path[-1]][0])
        raw = None
        for step in reversed(path):
            d = zstd.ZstdDecompressor(dict_data=_dict(raw)) if raw is not None else zstd.ZstdDecompressor()
            raw = d.decompress(stored[a][step][1])
        return raw

    return _summary(chains, [[blob for _, blob in rows] for rows in stored], seconds, read)


def trained(chains: list[list[bytes]], level: int, size: int) -> dict:
    rng = random.Random(0)
    flat = [v for chain in chains for v in chain]
    sample = rng.sample(flat, min(len(flat), 2000))
    started = time.perf_counter()
    dictionary = zstd.train_dictionary(size, sample, level=level)
    c = zstd.ZstdCompressor(level=level, dict_data=dictionary)
    stored = [[c.compress(v) for v in chain] for chain in chains]
    seconds = time.perf_counter() - started
    d = zstd.ZstdDecompressor(dict_data=dictionary)

    def read(a: int, k: int) -> bytes:
        return d.decompress(stored[a][k])

    out = _summary(chains, stored, seconds, read)
    out["dictionary_bytes"] = len(dictionary.as_bytes())
    out["share_with_dictionary"] = round(
        (sum(len(b) for chain in stored for b in chain) + len(dictionary.as_bytes()))
        / sum(len(v) for chain in chains for v in chain),
        4,
    )
    return out


def _summary(chains: list[list[bytes]], stored: list[list[bytes]], seconds: float, read) -> dict:  # noqa: ANN001
    raw = sum(len(v) for chain in chains for v in chain)
    kept = sum(len(b) for chain in stored for b in chain)
    rng = random.Random(1)
    times = []
    for _ in range(300):
        a = rng.randrange(len(chains))
        k = rng.randrange(len(chains[a]))
        started = time.perf_counter()
        assert read(a, k) == chains[a][k]
        times.append((time.perf_counter() - started) * 1000)
    return {
        "share_of_raw": round(kept / raw, 4),
        "bytes_per_version": round(kept / sum(len(c) for c in chains)),
        "compress_mb_s": round(raw / 2**20 / seconds, 1),
        "read_ms_median": round(statistics.median(times), 3),
        "read_ms_max": round(max(times), 3),
    }


def reading_text(chains: list[list[bytes]], texts: list[list[bytes]], level: int) -> dict:
    """The reading text compressed alone, and with its own raw bytes as dictionary."""
    raw = sum(len(t) for chain in texts for t in chain)
    c = zstd.ZstdCompressor(level=level)
    by_itself = sum(len(c.compress(t)) for chain in texts for t in chain)
    with_raw = sum(
        len(zstd.ZstdCompressor(level=level, dict_data=_dict(r)).compress(t))
        for rc, tc in zip(chains, texts, strict=True)
        for r, t in zip(rc, tc, strict=True)
    )
    return {"alone_share": round(by_itself / raw, 4), "with_raw_share": round(with_raw / raw, 4)}


def schemes(chains: list[list[bytes]]) -> dict:
    out = {"versions": sum(len(c) for c in chains), "raw_bytes_per_version": 0}
    out["raw_bytes_per_version"] = round(sum(len(v) for c in chains for v in c) / out["versions"])
    for level in (3, 19):
        out[f"alone_l{level}"] = alone(chains, level)
    for level in (3, 9, 19):
        for depth in (8, 32, 128):
            if level != 9 and depth != 32:
                continue
            out[f"previous_l{level}_depth{depth}"] = previous(chains, level, depth)
    for size in (16_384, 112_640):
        out[f"trained_l19_{size // 1024}k"] = trained(chains, 19, size)
    return out


def main() -> int:
    text_chains = [[c["text"].encode() for c in gen_chains.chain(n, 10)] for n in range(1, 201)]
    long_chain = [[c["text"].encode() for c in gen_chains.chain(10**6, 2000)]]
    html_chains = [[c["html"].encode() for c in gen_chains.chain(n, 10, as_html=True)] for n in range(1, 31)]
    corpus = gen_chains.CORPUS
    pages = [[p.read_bytes()] for p in sorted((corpus / "html").glob("*.html"))]
    histories = [
        [p.read_bytes() for p in sorted(d.glob("0*.html"))]
        for d in sorted((corpus / "histories").iterdir())
        if d.is_dir()
    ]
    result = {
        "text_chains_200x10": schemes(text_chains),
        "long_chain_2000": {k: v for k, v in schemes(long_chain).items() if not k.startswith("trained")},
        "html_chains_30x10": schemes(html_chains),
        "corpus_pages_122": {
            "alone_l19": alone(pages, 19),
            "trained_l19_112k": trained(pages, 19, 112_640),
        },
        "corpus_histories_pairs": {
            "alone_l19": alone(histories, 19),
            "previous_l19_depth32": previous(histories, 19, 32),
        },
        "reading_text_l19": reading_text(
            html_chains,
            [[_text_of(v) for v in chain] for chain in html_chains],
            19,
        ),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "compression.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0


def _text_of(page: bytes) -> bytes:
    """The text tracker reads from a page, as stored beside it."""
    from tracker.derive.text import extract

    return extract(page, "text/html", "page.html").text.encode()


if __name__ == "__main__":
    sys.exit(main())
