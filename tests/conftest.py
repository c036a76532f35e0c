"""Shared fixtures: throwaway help centers and the tiny Argos model's environment."""

from __future__ import annotations

import os
import tempfile
import textwrap
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest

from tests.argos_tiny import isolate_argos

MEMORY_TEMP = Path("/dev/shm")
"""A folder in memory (tmpfs) on Linux, where the tests' temporary folders go when it has room."""
MEMORY_TEMP_ROOM = 2 << 30
"""Free bytes it needs (a whole run holds a few hundred MB at its peak: tmp_path_retention_policy is "failed")."""


def temp_in_memory(folder: Path = MEMORY_TEMP, room: int = MEMORY_TEMP_ROOM) -> bool:
    """Put the session's temporary folders (pytest's ``tmp_path``, :mod:`tempfile`'s, the child processes' through
    ``TMPDIR``) in ``folder`` when it is writable and has ``room`` free; a ``TMPDIR`` already set wins. A build
    writes thousands of small files, which a busy disk makes the slowest part of the suite (tests/test_build.py
    on a loaded machine: 115-184 s on disk, 65-83 s in memory; the whole suite on a quiet one: 3:46 -> 3:28).
    Returns whether it did."""
    if "TMPDIR" in os.environ or not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        return False
    stat = os.statvfs(folder)
    if stat.f_bavail * stat.f_frsize < room:
        return False
    os.environ["TMPDIR"] = str(folder)
    tempfile.tempdir = None  # tempfile reads TMPDIR again on its next use
    return True


temp_in_memory()  # before pytest makes its first temporary folder and before isolate_argos makes its own
isolate_argos()  # before anything imports argostranslate: never touch the real ~/.local/share/argos-translate

REPO = Path(__file__).resolve().parent.parent
"""The helpkit checkout (its content/ and mkdocs.yml are the shipped sample help center)."""

MINIMAL_CONFIG = """\
site_name: Example Help
site_url: https://help.example.com/
theme:
  name: material
helpkit:
  contact:
    email: support@acme.example
"""


def article(title: str, body: str = "Some text.", **front: object) -> str:
    """The text of an article file with front matter ``title`` plus ``front``."""
    import yaml

    meta = yaml.safe_dump({"title": title, **front}, sort_keys=False, allow_unicode=True)
    return f"---\n{meta}---\n\n{textwrap.dedent(body).strip()}\n"


MakeProject = Callable[..., Path]


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Write ``files`` (path relative to ``root`` → text or bytes) under ``root``; return ``root``."""
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return root


@pytest.fixture
def make_project(tmp_path: Path) -> MakeProject:
    """Build a help center in a temporary folder: ``make_project(files={"content/x/y.md": "..."})``.

    ``config`` replaces mkdocs.yml (default: :data:`MINIMAL_CONFIG`); returns the project folder.
    Every category folder gets a ``_category.yml`` unless the files give one.
    """

    def make(files: Mapping[str, str | bytes] | None = None, config: str = MINIMAL_CONFIG, name: str = "hc") -> Path:
        root = tmp_path / name
        (root / "content").mkdir(parents=True)
        (root / "mkdocs.yml").write_text(config, encoding="utf-8")
        write_tree(root, files or {})
        for folder in (root / "content").iterdir():
            if folder.is_dir() and not (folder / "_category.yml").exists() and not folder.name.startswith("_"):
                (folder / "_category.yml").write_text(f"title: {folder.name.title()}\n", encoding="utf-8")
        return root

    return make


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium (one per test session: Playwright's sync API runs one at a time); its own
    networking is off (no connections leave the machine). The e2e tests and the browser search tests share it."""
    from bench.search_browser import chromium

    with chromium() as b:
        yield b
