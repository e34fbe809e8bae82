"""Derive: what a snapshot's bytes read as, and how two readings differ.

`text` (bytes -> article text and metadata), `sentences` (text -> claims with offsets), `worddiff`
(word diff), `align` (claims across two versions), `facts` (the changed phrases of an edited claim).
Everything here is recomputable from the stored bytes; nothing here knows of notes.
"""
