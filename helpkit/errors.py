"""Errors that carry their exit code (0 ok, 1 content/build, 2 usage/config, 3 missing resource)."""

from __future__ import annotations

from collections.abc import Iterable

import click


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
    """Several content problems found in one pass; the message lists them all, one per line."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))
