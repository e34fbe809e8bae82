"""The stored schema: articles, their snapshots (raw bytes, never changed, kept compressed) and what
was read from them, and the ledger that makes the history tamper-evident.

Only the storage layer (`tracker.store`) uses these classes; the rest of the package works on plain
values.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    """The declarative base of the tracker's tables."""

    pass


class ArticleRow(Base):
    """One tracked article, by key."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(2000), unique=True)
    url: Mapped[str | None] = mapped_column(String(2000))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # the chain's end, so that an add reads one row, and a deleted last version is seen (migration 0002)
    versions: Mapped[int] = mapped_column(Integer, default=0)
    head: Mapped[str | None] = mapped_column(String(64))

    snapshots: Mapped[list[SnapshotRow]] = relationship(
        back_populates="article", order_by="SnapshotRow.version", cascade="all, delete-orphan"
    )


class SnapshotRow(Base):
    """One capture of an article, kept byte for byte (compressed: `tracker.store.blobs`); `sha256` is
    over the exact bytes, and `link` chains the record to the version before (`tracker.store.chain`)."""

    __tablename__ = "snapshots"
    __table_args__ = (
        UniqueConstraint("article_id", "version", name="uq_snapshot_version"),
        Index("ix_snapshots_article_sha256", "article_id", "sha256"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    captured_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    source: Mapped[str] = mapped_column(String(4000))
    url: Mapped[str | None] = mapped_column(String(2000))
    content_type: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    label: Mapped[str | None] = mapped_column(Text)
    # migration 0002: compact storage and the chain
    seq: Mapped[int] = mapped_column(Integer, unique=True)  # order of adding, over the whole database
    blob: Mapped[bytes] = mapped_column(LargeBinary)  # zstd frame of the raw bytes
    base_seq: Mapped[int | None] = mapped_column(Integer)  # the snapshot `blob` was compressed against
    depth: Mapped[int] = mapped_column(Integer, default=0)  # frames to decompress before this one
    link: Mapped[str] = mapped_column(String(64))

    article: Mapped[ArticleRow] = relationship(back_populates="snapshots")
    reading: Mapped[ReadingRow | None] = relationship(
        back_populates="snapshot", cascade="all, delete-orphan", uselist=False
    )


class ReadingRow(Base):
    """What the tracker read from a snapshot: derived, so it can be dropped and recomputed at any time."""

    __tablename__ = "readings"

    snapshot_id: Mapped[int] = mapped_column(ForeignKey("snapshots.id", ondelete="CASCADE"), primary_key=True)
    reader_version: Mapped[str] = mapped_column(String(40))
    text_z: Mapped[bytes] = mapped_column(LargeBinary)  # zstd, with the snapshot's raw bytes as dictionary
    title: Mapped[str | None] = mapped_column(Text)
    byline: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(64))
    modified: Mapped[str | None] = mapped_column(String(64))
    corrections: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of schema.org correction texts
    # -- migration 0004: a page with no article (error page, paywall, app shell) is kept but marked
    no_article: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    snapshot: Mapped[SnapshotRow] = relationship(back_populates="reading")


# -- the index of what was derived (migration 0003) ------------------------------------------------
# Rows computed from the snapshots by the explaining logic of one version (`logic`): dropped and
# recomputed whenever that logic changes, never the source of truth.


class DerivedVersionRow(Base):
    """What one version contributes to its article's explanation (a codec JSON VersionPart): its notes
    and the claim changes and links of the pair it closes, made after the version whose SHA-256 is
    `previous_sha256` (None for a first version)."""

    __tablename__ = "derived_versions"

    snapshot_id: Mapped[int] = mapped_column(ForeignKey("snapshots.id", ondelete="CASCADE"), primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    logic: Mapped[str] = mapped_column(String(64))
    previous_sha256: Mapped[str | None] = mapped_column(String(64))
    part: Mapped[str] = mapped_column(Text)


class DerivedArticleRow(Base):
    """An article's explanation put together: the values (codec JSON), the `notes --format json` document,
    its summary row and what the corpus filters ask (URL, note kinds, unannounced edits, capture times).
    `fingerprint` names the versions it was made from (their number and the newest snapshot's id)."""

    __tablename__ = "derived_articles"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)
    logic: Mapped[str] = mapped_column(String(64))
    fingerprint: Mapped[str] = mapped_column(String(64))
    url: Mapped[str | None] = mapped_column(String(2000))
    kinds: Mapped[str] = mapped_column(String(200))  # ",correction,update," : the kinds of its notes
    unannounced: Mapped[int] = mapped_column(Integer)
    first_captured: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_captured: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    times: Mapped[str] = mapped_column(Text)  # JSON list: each version's capture time, ISO-8601
    explanation: Mapped[str] = mapped_column(Text)
    document: Mapped[str] = mapped_column(Text)
    summary: Mapped[str] = mapped_column(Text)


# -- the watch list (tracker watch): sources re-checked over time --------------------------------


class WatchSourceRow(Base):
    """A feed or a page on the watch list: when it was last checked and with what result, when it is
    next due, what the server said last (ETag, Last-Modified), and the lease of the runner checking it
    now, so two runners never fetch it at once."""

    __tablename__ = "watch_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000), unique=True)  # normalised
    kind: Mapped[str] = mapped_column(String(10))  # auto, feed or page
    feed_id: Mapped[int | None] = mapped_column(ForeignKey("watch_sources.id", ondelete="SET NULL"))
    article: Mapped[str | None] = mapped_column(String(2000))  # the article key, set at the first fetch
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    born_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))  # the story's age counts from here
    last_checked: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_status: Mapped[str | None] = mapped_column(String(20))
    last_result: Mapped[str | None] = mapped_column(Text)
    next_check: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)  # None: stopped
    etag: Mapped[str | None] = mapped_column(String(1000))
    last_modified: Mapped[str | None] = mapped_column(String(200))
    raw_sha256: Mapped[str | None] = mapped_column(String(64))
    reading_sha256: Mapped[str | None] = mapped_column(String(64))  # the article as read: text, headline...
    checks: Mapped[int] = mapped_column(Integer, default=0)
    versions_added: Mapped[int] = mapped_column(Integer, default=0)
    lease_owner: Mapped[str | None] = mapped_column(String(100))
    lease_until: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


# -- the ledger (migration 0002) -----------------------------------------------------------------


class LedgerRow(Base):
    """One row: the running root over every snapshot ever added, in the order added, with the counts it
    covers; updated in the same transaction as each add, so a deleted article or version shows."""

    __tablename__ = "ledger"

    id: Mapped[int] = mapped_column(primary_key=True)
    root: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(Integer)  # the last snapshot's seq
    articles: Mapped[int] = mapped_column(Integer)
    versions: Mapped[int] = mapped_column(Integer)
