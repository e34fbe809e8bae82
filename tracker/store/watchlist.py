"""The watch list's queries: sources added and removed, due sources claimed under a lease, results
recorded. Every write is one transaction (through the Store), so a runner that dies mid-way leaves
only leases, which expire."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased

from tracker.store.database import Store
from tracker.store.models import WatchSourceRow
from tracker.values.watch import CheckResult, WatchSource


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class WatchList:
    """The feeds and pages to re-check, in the tracker's database."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, urls: Iterable[tuple[str, str]], now: datetime) -> list[tuple[WatchSource, bool]]:
        """Put each (normalised URL, kind) on the list, due now; one already there is left as it is.
        Returns each source with whether it was new."""
        out = []
        with self.store.transaction() as s:
            for url, kind in urls:
                row = s.scalar(select(WatchSourceRow).where(WatchSourceRow.url == url))
                added = row is None
                if added:
                    row = WatchSourceRow(
                        url=url,
                        kind=kind,
                        added_at=now,
                        born_at=now,
                        next_check=now,
                        checks=0,
                        versions_added=0,
                    )
                    s.add(row)
                    s.flush()
                out.append((row, added))
            return [(_source(s, row), added) for row, added in out]

    def sources(self) -> list[WatchSource]:
        """Every source, feeds first, each followed by the pages found in it."""
        with self.store.session() as s:
            rows = s.scalars(select(WatchSourceRow).order_by(WatchSourceRow.id)).all()
            feeds = {r.id: r.url for r in rows}
            by_feed: dict[int | None, list[WatchSourceRow]] = {}
            for r in rows:
                by_feed.setdefault(r.feed_id if r.feed_id in feeds else None, []).append(r)
            ordered = []
            for r in by_feed.get(None, []):
                ordered.append(r)
                ordered.extend(by_feed.get(r.id, []))
            return [_value(r, feeds.get(r.feed_id)) for r in ordered]

    def remove(self, urls: Iterable[str]) -> list[str]:
        """Take sources off the list (a feed with the pages found in it); the articles stored stay.
        Returns the URLs removed."""
        removed = []
        with self.store.transaction() as s:
            for url in urls:
                row = s.scalar(select(WatchSourceRow).where(WatchSourceRow.url == url))
                if row is None:
                    continue
                pages = s.scalars(select(WatchSourceRow.url).where(WatchSourceRow.feed_id == row.id)).all()
                s.execute(delete(WatchSourceRow).where(WatchSourceRow.feed_id == row.id))
                s.delete(row)
                removed.extend([url, *pages])
        return removed

    def claim(
        self, owner: str, now: datetime, lease_until: datetime, limit: int, pass_start: datetime | None = None
    ) -> list[WatchSource]:
        """Lease up to `limit` sources that are due (with `pass_start`, every source not checked since
        then), in one transaction: a source leased by another runner whose lease has not expired is
        never handed out, so two runners never fetch the same page at once."""
        free = or_(WatchSourceRow.lease_until.is_(None), WatchSourceRow.lease_until < now)
        if pass_start is None:
            wanted = WatchSourceRow.next_check <= now
        else:
            wanted = or_(WatchSourceRow.last_checked.is_(None), WatchSourceRow.last_checked < pass_start)
        with self.store.transaction() as s:
            ids = s.scalars(
                select(WatchSourceRow.id)
                .where(free, wanted)
                .order_by(WatchSourceRow.next_check, WatchSourceRow.id)
                .limit(limit)
            ).all()
            if not ids:
                return []
            # the lease condition again in the update: a runner that took a row since our select wins it
            s.execute(
                update(WatchSourceRow)
                .where(WatchSourceRow.id.in_(ids), free)
                .values(lease_owner=owner, lease_until=lease_until)
                .execution_options(synchronize_session=False)
            )
            rows = s.scalars(
                select(WatchSourceRow)
                .where(
                    WatchSourceRow.id.in_(ids),
                    WatchSourceRow.lease_owner == owner,
                    WatchSourceRow.lease_until == lease_until,
                )
                .order_by(WatchSourceRow.next_check, WatchSourceRow.id)
            ).all()
            return [_source(s, r) for r in rows]

    def record(self, owner: str, results: Iterable[CheckResult]) -> int:
        """Keep what each check found and free its lease; a feed's new links join the list, due now.
        A result whose lease was lost (expired and taken by another runner) is dropped. Returns the
        number of pages added from feeds."""
        added = 0
        results = list(results)
        with self.store.transaction() as s, s.no_autoflush:
            ids = [r.source_id for r in results]
            rows = {
                row.id: row for row in s.scalars(select(WatchSourceRow).where(WatchSourceRow.id.in_(ids)))
            }
            for r in results:
                row = rows.get(r.source_id)
                if row is None or row.lease_owner != owner:
                    continue
                row.last_checked = r.checked_at
                row.last_status = r.status
                row.last_result = r.message
                row.next_check = r.next_check
                row.checks = (row.checks or 0) + 1
                row.lease_owner = row.lease_until = None
                if r.kind:
                    row.kind = r.kind
                if r.article:
                    row.article = r.article
                if r.status != "error":
                    row.etag, row.last_modified = r.etag, r.last_modified
                    row.raw_sha256 = r.raw_sha256 or row.raw_sha256
                    row.reading_sha256 = r.reading_sha256 or row.reading_sha256
                if r.version is not None:
                    row.versions_added = (row.versions_added or 0) + 1
                added += _add_entries(s, row, r.new_entries, r.checked_at)
        return added

    def next_due(self) -> datetime | None:
        """When the next source is due (None: nothing left to check)."""
        with self.store.session() as s:
            return _utc(s.scalar(select(func.min(WatchSourceRow.next_check))))

    def release(self, owner: str, ids: Iterable[int]) -> None:
        """Give back leases not used (a runner told to stop), so another runner can check them now."""
        ids = list(ids)
        if not ids:
            return
        with self.store.transaction() as s:
            s.execute(
                update(WatchSourceRow)
                .where(WatchSourceRow.id.in_(ids), WatchSourceRow.lease_owner == owner)
                .values(lease_owner=None, lease_until=None)
                .execution_options(synchronize_session=False)
            )


def _add_entries(s: Session, feed: WatchSourceRow, entries: list, now: datetime) -> int:
    if not entries:
        return 0
    urls = [url for url, _ in entries]
    known = set(s.scalars(select(WatchSourceRow.url).where(WatchSourceRow.url.in_(urls))).all())
    added = 0
    for url, born in entries:
        if url in known:
            continue
        known.add(url)
        try:
            with s.begin_nested():  # another feed's runner may add the same link at the same moment
                s.add(
                    WatchSourceRow(
                        url=url,
                        kind="page",
                        feed_id=feed.id,
                        added_at=now,
                        born_at=min(born, now) if born else now,
                        next_check=now,
                        checks=0,
                        versions_added=0,
                    )
                )
            added += 1
        except IntegrityError:
            continue
    return added


def _source(s: Session, row: WatchSourceRow) -> WatchSource:
    feed = None
    if row.feed_id is not None:
        parent = aliased(WatchSourceRow)
        feed = s.scalar(select(parent.url).where(parent.id == row.feed_id))
    return _value(row, feed)


def _value(row: WatchSourceRow, feed: str | None) -> WatchSource:
    return WatchSource(
        id=row.id,
        url=row.url,
        kind=row.kind,
        article=row.article,
        feed=feed,
        added_at=_utc(row.added_at),
        born_at=_utc(row.born_at),
        last_checked=_utc(row.last_checked),
        last_status=row.last_status,
        last_result=row.last_result,
        next_check=_utc(row.next_check),
        etag=row.etag,
        last_modified=row.last_modified,
        raw_sha256=row.raw_sha256,
        reading_sha256=row.reading_sha256,
        checks=row.checks or 0,
        versions_added=row.versions_added or 0,
    )
