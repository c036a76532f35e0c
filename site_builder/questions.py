"""The questions file: customers' own questions, each with the article that answers it.

Search learns the words customers use from it (``Article.questions``: a field of the index and the article's
meaning vector). A CSV file with a header row, e.g. exported from solved tickets or written by
``helpkit deflection --questions``::

    question,article,locale
    card not arrived yet,track-your-card,en
    ¿dónde está mi tarjeta?,track-your-card,es

``locale`` is optional (default: the source locale); other columns are ignored. Questions are searched, never
shown, but their words are published in the browser index as index terms: personal data (e-mail addresses, phone,
card and account numbers ...) is redacted first (:func:`helpkit.redact.redact`), and names are for the writer to
keep out.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from pathlib import Path

from helpkit.model import Question
from helpkit.redact import redact

COLUMNS = ("question", "article")
"""Columns every questions file has."""


def read_questions(
    path: Path, slugs: Iterable[str], locales: tuple[str, ...], problem: Callable[[int | None, str], None],
    suggest: Callable[[str, set[str]], str],
) -> tuple[Question, ...]:
    """Every valid row of the questions file at ``path``.

    Each bad row is reported through ``problem(line, message)`` and left out; ``suggest`` names the closest
    known article slug. ``locales[0]`` is the default locale.
    """
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        problem(None, "questions file not found (Config value 'helpkit.search.questions'); create it or remove "
                      "the setting")
        return ()
    except UnicodeDecodeError as e:
        problem(None, f"not UTF-8 (byte {e.start}); save the file as UTF-8")
        return ()
    known = set(slugs)
    reader = csv.DictReader(io.StringIO(text, newline=""), strict=True)
    header = [h.strip().lower() for h in reader.fieldnames or ()]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        problem(1, f"no {' or '.join(repr(c) for c in missing)} column (columns: {', '.join(header) or 'none'}); "
                   f"the header row needs {', '.join(COLUMNS)} and optionally locale")
        return ()
    reader.fieldnames = header
    out: list[Question] = []
    unknown: dict[str, list[int]] = {}
    ended = reader.line_num  # the header's last line; a row starts on the line after the previous one ended
    try:
        for row in reader:
            line, ended = ended + 1, reader.line_num
            question = " ".join(redact(row.get("question") or "").split())
            article = (row.get("article") or "").strip()
            locale = (row.get("locale") or "").strip() or locales[0]
            if not question or not article:
                problem(line, f"empty '{'article' if question else 'question'}'; fill it in or delete the row")
            elif article not in known:
                unknown.setdefault(article, []).append(line)
            elif locale not in locales:
                problem(line, f"'locale': '{locale}' is not a locale of this help center ({', '.join(locales)}); "
                              "add it to 'helpkit.locales' or fix the row")
            else:
                out.append(Question(question, article, locale))
    except csv.Error as e:
        problem(ended + 1, f"unreadable CSV ({e}); check the quotes of the row starting on this line")
    for article, lines in unknown.items():
        rows = f"this row and {len(lines) - 1} more" if len(lines) > 1 else "this row"
        problem(lines[0], f"'article': '{article}' is not an article slug ({rows}); {suggest(article, known)} "
                          f"Fix the slug or delete the row{'s' if len(lines) > 1 else ''}.")
    return tuple(out)
