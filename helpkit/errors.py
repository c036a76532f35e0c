"""Errors that carry their exit code (0 ok, 1 content/build, 2 usage/config, 3 missing resource)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from helpkit.model import HelpCenter


class HelpkitError(click.ClickException):
    """A content or build failure: exit code 1."""

    exit_code = 1


class ConfigError(HelpkitError):
    """A bad config value or command-line usage: exit code 2."""

    exit_code = 2


class MissingResource(HelpkitError):
    """Something that must be installed or built first is missing: exit code 3."""

    exit_code = 3


class ContentErrors(HelpkitError):
    """Several content problems found in one pass; the message lists them all, one per line, then the warnings
    found in the same pass (a typo of a key next to the error it caused is not lost)."""

    def __init__(self, problems: Iterable[str], warnings: Iterable[Warning] = (),
                 partial: HelpCenter | None = None) -> None:
        self.problems = tuple(problems)
        self.warnings = tuple(warnings)
        self.partial = partial
        """What did load (the loader's errors): ``helpkit check`` checks its links and structure all the same."""
        super().__init__("\n".join([*self.problems, *(f"WARNING {w}" for w in self.warnings)]))


@dataclass(frozen=True, slots=True)
class Warning:  # noqa: A001 - helpkit's own warning record (a value), not Python's warnings category
    """Something worth a writer's attention that does not stop the command; ``--strict`` makes it fail.

    Stages return these as values (never log or print them); the command line prints each one and
    counts them for ``--strict``.
    """

    where: str
    """Where it is: ``content/billing/refunds.md:3``, ``questions.csv:12``, a locale, or "" when nowhere."""
    message: str
    """What is wrong."""
    fix: str = ""
    """What to do about it ("" when the message says it)."""

    def __str__(self) -> str:
        text = f"{self.message}; {self.fix}" if self.fix else self.message
        return f"{self.where}: {text}" if self.where else text
