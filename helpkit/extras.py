"""How to install one of helpkit's optional extras (``argos``, ``sentences``), as a command that works for the
install in hand. helpkit is not on PyPI, so ``pip install 'helpkit[argos]'`` fails: from a source checkout (an
editable install: a ``pyproject.toml`` beside the package) the command names that folder; from an install of a
Git URL or a folder (pip records it, PEP 610), that URL or folder; else a checkout's folder, to be filled in."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

import helpkit

TORCH_CPU = "pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu"
"""torch's CPU build, installed before an extra that pulls torch (an unpinned torch is a multi-GB CUDA build)."""


def checkout() -> Path | None:
    """The source checkout helpkit runs from (the folder holding its ``pyproject.toml``); None for an install
    that is not one (a wheel in site-packages)."""
    root = Path(helpkit.__file__).resolve().parent.parent
    try:
        return root if 'name = "helpkit"' in (root / "pyproject.toml").read_text(encoding="utf-8") else None
    except (OSError, UnicodeDecodeError):
        return None


def _direct_url() -> dict[str, Any] | None:
    """pip's record of where helpkit was installed from (its ``direct_url.json``), when it has a ``url``."""
    try:
        origin = json.loads(metadata.distribution("helpkit").read_text("direct_url.json") or "null")
    except (metadata.PackageNotFoundError, json.JSONDecodeError):
        return None
    return origin if isinstance(origin, dict) and origin.get("url") else None


def _installed_from(extra: str) -> str | None:
    """``pip install …`` of what pip installed helpkit from (its ``direct_url.json``), or None when unknown."""
    origin = _direct_url()
    if origin is None:
        return None
    url = str(origin["url"])
    vcs = origin.get("vcs_info")
    if isinstance(vcs, dict):
        return "pip install " + shlex.quote(f"helpkit[{extra}] @ {vcs.get('vcs', 'git')}+{url}")
    dir_info = origin.get("dir_info")
    if url.startswith("file://") and isinstance(dir_info, dict):
        editable = "-e " if dir_info.get("editable") else ""
        return f"pip install {editable}" + shlex.quote(f"{url.removeprefix('file://')}[{extra}]")
    return None


def extra_install(extra: str, root: Path | None = None) -> str:
    """The commands that install ``extra`` into this helpkit, torch's CPU build first:
    ``pip install torch==… --index-url …/cpu, then pip install -e '/src/helpkit[argos]'``. ``root``: the
    checkout, by default the one helpkit runs from."""
    root = root if root is not None else checkout()
    if root is not None:
        command = f"pip install -e {shlex.quote(f'{root}[{extra}]')}"
    else:
        command = _installed_from(extra) or (f"pip install -e 'path/to/helpkit[{extra}]' (path/to/helpkit: a "
                                             "checkout of helpkit's source; it is not on PyPI)")
    return f"{TORCH_CPU}, then {command} (torch's CPU build first: an unpinned torch is a multi-GB CUDA build)"


PLACEHOLDER = "git+https://github.com/<you>/helpkit"
"""Where a CI machine gets helpkit when this install cannot tell (edit it in the workflow)."""


def ci_requirement(extra: str, root: Path | None = None) -> tuple[str, bool]:
    """The requirement a CI machine installs helpkit with ``extra`` from, pinned to this install's commit, and
    whether it is known: pip's record of a Git install, else this checkout's Git remote (https) and commit, else
    :data:`PLACEHOLDER` (False: the user names it). ``root``: the checkout, by default the one helpkit runs
    from."""
    origin = _direct_url()
    if origin is not None and isinstance(origin.get("vcs_info"), dict):
        commit = origin["vcs_info"].get("commit_id")
        return f"helpkit[{extra}] @ git+{origin['url']}" + (f"@{commit}" if commit else ""), True
    root = root if root is not None else checkout()
    if root is not None:
        remote, commit = _git(root, "remote", "get-url", "origin"), _git(root, "rev-parse", "HEAD")
        if remote and (m := re.fullmatch(r"git@([^:/]+):(.+)", remote)):  # scp-like: the same repository by https
            remote = f"https://{m.group(1)}/{m.group(2)}"
        if remote and remote.startswith("https://") and commit:
            return f"helpkit[{extra}] @ git+{remote}@{commit}", True
    return f"helpkit[{extra}] @ {PLACEHOLDER}", False


def _git(root: Path, *args: str) -> str | None:
    """One line of ``git -C root ARGS`` (local, no network), or None."""
    try:
        out = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None if out.returncode == 0 else None
