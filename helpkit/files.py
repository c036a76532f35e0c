"""Writes that never leave half a file or half a folder: the one helper for each.

- :func:`atomic_open` / :func:`atomic_write`: a file is written under a temporary name beside its target and
  moved into place when complete; on any failure the temporary file is removed and the target is untouched.
- :func:`replacing_dir` / :func:`replace_dir`: a folder is filled beside its target and swapped in when complete;
  the old folder is kept until the new one is in place (and put back if the swap fails).
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


@contextmanager
def atomic_open(path: Path, mode: str = "w", *, newline: str | None = None, overwrite: bool = True
                ) -> Iterator[IO[Any]]:
    """A file opened for writing (``w`` text in UTF-8, or ``wb``) under a temporary name beside ``path``, moved
    to ``path`` when the block ends without error. With ``overwrite=False`` an existing ``path`` is never replaced
    (:class:`FileExistsError`). The file gets the usual permissions (the umask's), not a temporary file's 0600."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(tmp, mode.replace("w", "x"), encoding=None if "b" in mode else "utf-8",
                  newline=None if "b" in mode else newline) as f:
            yield f
        if overwrite:
            os.replace(tmp, path)
        else:
            os.link(tmp, path)  # fails if path exists
    finally:
        tmp.unlink(missing_ok=True)


def atomic_write(path: Path, data: str | bytes, *, newline: str | None = None, overwrite: bool = True) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` atomically (see :func:`atomic_open`)."""
    with atomic_open(path, "wb" if isinstance(data, bytes) else "w", newline=newline, overwrite=overwrite) as f:
        f.write(data)


def replace_dir(new: Path, target: Path) -> None:
    """Put the folder ``new`` where ``target`` is; the old ``target`` is removed only once ``new`` is in place, and
    put back if the move fails."""
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    try:
        new.rename(target)
    except OSError:
        if old.exists():
            old.rename(target)
        raise
    shutil.rmtree(old, ignore_errors=True)


@contextmanager
def replacing_dir(target: Path) -> Iterator[Path]:
    """A new empty folder beside ``target`` to fill in the block; it replaces ``target`` when the block succeeds and
    is removed when it fails."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    tmp.chmod(0o755)
    try:
        yield tmp
        replace_dir(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
