"""The questions file: customers' own questions, each with the article that answers it.

Search learns the words customers use from it (``Article.questions``: a field of the index and the article's
meaning vector). A CSV file with a header row, e.g. exported from solved tickets or written by
``helpkit deflection --questions``::

    question,article,locale
    card not arrived yet,track-your-card,en
    ¿dónde está mi tarjeta?,track-your-card,es

``locale`` is optional (default: the source locale); other columns are ignored; lines starting with ``#`` are
comments. Questions are searched, never
shown, but their words are published in the browser index as index terms: personal data (e-mail addresses, phone,
card and account numbers ...) is redacted first (:func:`helpkit.redact.redact`), and names are for the writer to
keep out.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from helpkit.errors import Warning
from helpkit.model import Question
from helpkit.redact import redact

COLUMNS = ("question", "article")
"""Columns every questions file has."""
COMMENT = re.compile(r"^[ \t]*#[^\n]*", re.MULTILINE)
"""A comment line (``# ...``): ignored, like the synonyms file's."""


@dataclass(frozen=True, slots=True)
class QuestionsFile:
    """What :func:`read_questions` found in the questions file."""

    questions: tuple[Question, ...]
    """Every valid row."""
    errors: tuple[str, ...]
    """Problems that make the file unusable or a row unreadable (``file:line: message; fix``): the build stops."""
    warnings: tuple[Warning, ...]
    """Rows left out that the rest of the file does without (an article deleted or renamed since)."""


def read_questions(
    path: Path, shown: Path, slugs: Iterable[str], locales: tuple[str, ...], suggest: Callable[[str, set[str]], str],
) -> QuestionsFile:
    """Every valid row of the questions file at ``path`` (``shown`` is the path the messages name).

    A bad row is an error and left out; a row naming an article that does not exist is a warning and
    left out (the closest slug named by ``suggest``), so an export of old tickets still builds. Lines
    starting with ``#`` are comments. ``locales[0]`` is the default locale.
    """
    errors: list[str] = []

    def problem(line: int | None, message: str) -> None:
        errors.append(f"{shown}:{line}: {message}" if line else f"{shown}: {message}")

    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        problem(None, "questions file not found (Config value 'helpkit.search.questions'); create it or remove "
                      "the setting")
        return QuestionsFile((), tuple(errors), ())
    except UnicodeDecodeError as e:
        problem(None, f"not UTF-8 (byte {e.start}); save the file as UTF-8")
        return QuestionsFile((), tuple(errors), ())
    known = set(slugs)
    # comment lines become blank lines, which the reader skips: line numbers stay those of the file
    reader = csv.reader(io.StringIO(COMMENT.sub("", text), newline=""), strict=True)
    out: list[Question] = []
    unknown: dict[str, list[int]] = {}
    header: list[str] | None = None
    ended = 0  # the last line read; a row starts on the line after the previous one ended
    try:
        for fields in reader:
            line, ended = ended + 1, reader.line_num
            if not fields:
                continue
            if header is None:
                header = [h.strip().lower() for h in fields]
                missing = [c for c in COLUMNS if c not in header]
                if missing:
                    problem(line, f"no {' or '.join(repr(c) for c in missing)} column (columns: "
                                  f"{', '.join(header) or 'none'}); the header row needs {', '.join(COLUMNS)} "
                                  "and optionally locale")
                    return QuestionsFile((), tuple(errors), ())
                continue
            row = dict(zip(header, fields, strict=False))
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
    warnings = []
    for article, lines in unknown.items():
        more = f"this row and {len(lines) - 1} more: lines {_lines(lines[1:])}" if len(lines) > 1 else "this row"
        warnings.append(Warning(
            f"{shown}:{lines[0]}", f"'article': '{article}' is not an article slug ({more})",
            f"{suggest(article, known)} Fix the slug or delete the row{'s' if len(lines) > 1 else ''}; "
            "the other rows are used"))
    return QuestionsFile(tuple(out), tuple(errors), tuple(warnings))


def _lines(numbers: list[int], shown: int = 10) -> str:
    """``3, 8, 12`` (at most ``shown`` of them, then ``...``)."""
    return ", ".join(map(str, numbers[:shown])) + (", ..." if len(numbers) > shown else "")
