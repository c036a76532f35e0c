"""The files of a locale's index directory (``<index_dir>/<locale>/``)."""

INDEX_FORMAT = 13
"""Bumped whenever the files an index is made of change meaning."""

STAMP = "helpkit-index.json"
"""Which helpkit wrote the index, its format, the articles' titles and URLs, the analyzed synonyms."""

TABLE = "scores.npz"
"""The score table (:class:`search_index._table.ScoreTable`)."""

LEXICON = "lexicon.json"
"""Known words for typo correction."""

MEANING = "meaning.npz"
"""Meaning vectors of terms and articles (:mod:`search_index._meaning`); absent for languages without a model."""

WHOOSH_DIR = "whoosh"
"""The Whoosh index."""
