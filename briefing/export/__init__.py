"""The archive as a research corpus: SQLite (Datasette-ready), JSONL, CSV and Parquet exports.

``content/`` is read through the front-matter contract only (:mod:`briefing.frontmatter`), one
file at a time; every format gets the same columns (:mod:`briefing.export.columns`), each row
carrying a ready citation (:mod:`briefing.export.cite`).
"""
