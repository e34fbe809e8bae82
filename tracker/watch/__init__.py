"""Watch the web: feeds and pages on a watch list, re-checked politely on a schedule that follows the
story's age, a new version stored only when the article changed, and an Atom feed of what changed.

clock (time, injected so tests never sleep), schedule (when a story is next checked), fetch (the polite
fetcher), feeds (RSS and Atom read with feedparser), runner (the watcher), feed (the feed of changes).
"""
