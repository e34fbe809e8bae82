"""Snapshot bytes kept compact and exact: zstandard frames, each version compressed with the article's
version before it as dictionary (zstd's prefix mode), the chain cut every `MAX_DEPTH` versions so that
any version reads back by decompressing at most `MAX_DEPTH + 1` small frames (benchmarks/
bench_compression.py measured the choice). A reading's text is compressed with its own snapshot's
raw bytes as dictionary: the text is mostly in the page already, so it costs next to nothing more.
"""

from __future__ import annotations

import zstandard as zstd

# Measured (benchmarks/results/compression.json): against the version before, level 3 keeps 0.068 of
# generated chains' bytes at 47 MB/s, level 19 0.066 at 8 MB/s; a version alone keeps 0.53, with a
# trained dictionary 0.23. A long chain cut every 32 versions keeps 0.030, every 128 0.017.
LEVEL = 3
MAX_DEPTH = 64  # versions compressed against the one before, before a version is compressed alone


def _dictionary(raw: bytes) -> zstd.ZstdCompressionDict:
    return zstd.ZstdCompressionDict(raw, dict_type=zstd.DICT_TYPE_RAWCONTENT)


def pack(raw: bytes, base: bytes | None = None) -> bytes:
    """`raw` as one zstd frame, against `base` (the bytes of the version before) when given."""
    if base:
        return zstd.ZstdCompressor(level=LEVEL, dict_data=_dictionary(base)).compress(raw)
    return zstd.ZstdCompressor(level=LEVEL).compress(raw)


def unpack(blob: bytes, base: bytes | None = None) -> bytes:
    """The bytes `pack` was given; a frame that is not zstd's (a row edited by hand) raises ValueError."""
    try:
        if base:
            return zstd.ZstdDecompressor(dict_data=_dictionary(base)).decompress(blob)
        return zstd.ZstdDecompressor().decompress(blob)
    except zstd.ZstdError as exc:
        raise ValueError(f"stored bytes cannot be decompressed: {exc}") from None


def pack_text(text: str, raw: bytes) -> bytes:
    """A reading's text, compressed with its snapshot's raw bytes as dictionary."""
    return pack(text.encode("utf-8"), raw)


def unpack_text(blob: bytes, raw: bytes) -> str:
    """The text `pack_text` was given."""
    return unpack(blob, raw).decode("utf-8")


def next_depth(base_depth: int | None) -> int | None:
    """The depth a new version gets when compressed against a base of `base_depth` (None: no base),
    or None when the chain is long enough and the version is compressed alone."""
    if base_depth is None or base_depth + 1 > MAX_DEPTH:
        return None
    return base_depth + 1
