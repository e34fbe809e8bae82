"""Explain: the editor's notes in each version, and what they explain.

`wording` and `signals` score a paragraph as a note, `notes` groups paragraphs into notes, `linking`
scores each note against the changed claims, `history` walks a whole article's versions (what each note
explains, what went unannounced), `timeline` follows each claim across them, and `pipeline` is the pure
entry point: texts in, explanation out, no database.
"""
