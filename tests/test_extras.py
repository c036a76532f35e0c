"""The install hints of the optional extras name a command that works for the install in hand (helpkit is not on
PyPI: ``pip install 'helpkit[argos]'`` fails)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpkit import extras
from tests.conftest import REPO

CPU_TORCH = "pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu, then "


def test_from_a_checkout_the_hints_install_that_folder_editable() -> None:
    from deflection.encoder import INSTALL
    from translations.argos import INSTALL_ARGOS

    assert INSTALL_ARGOS.startswith(f"{CPU_TORCH}pip install -e '{REPO}[argos]' (torch's CPU build first")
    assert INSTALL.startswith(f"{CPU_TORCH}pip install -e '{REPO}[sentences]' (torch's CPU build first")
    assert "pip install 'helpkit[" not in INSTALL_ARGOS + INSTALL


def test_a_folder_with_a_space_is_quoted_for_the_shell() -> None:
    assert "pip install -e '/src/my helpkit[argos]' (" in extras.extra_install("argos", Path("/src/my helpkit"))


class _Dist:
    def __init__(self, direct_url: dict[str, object] | None) -> None:
        self.direct_url = direct_url

    def read_text(self, name: str) -> str | None:
        return json.dumps(self.direct_url) if name == "direct_url.json" and self.direct_url else None


@pytest.mark.parametrize("direct_url, command", [
    ({"url": "https://github.com/acme/helpkit", "vcs_info": {"vcs": "git", "commit_id": "abc"}},
     "pip install 'helpkit[argos] @ git+https://github.com/acme/helpkit' ("),
    ({"url": "file:///opt/helpkit", "dir_info": {}}, "pip install '/opt/helpkit[argos]' ("),
    ({"url": "file:///opt/helpkit", "dir_info": {"editable": True}}, "pip install -e '/opt/helpkit[argos]' ("),
    (None, "pip install -e 'path/to/helpkit[argos]' (path/to/helpkit: a checkout of helpkit's source; it is not on "
           "PyPI) ("),
], ids=["git", "folder", "editable-folder", "unknown"])
def test_outside_a_checkout_the_hint_names_what_helpkit_was_installed_from(
        monkeypatch: pytest.MonkeyPatch, direct_url: dict[str, object] | None, command: str) -> None:
    monkeypatch.setattr(extras, "checkout", lambda: None)
    monkeypatch.setattr(extras.metadata, "distribution", lambda name: _Dist(direct_url))
    assert extras.extra_install("argos") == (f"{CPU_TORCH}{command}torch's CPU build first: an unpinned torch is a "
                                             "multi-GB CUDA build)")


def test_the_ci_workflow_installs_this_helpkit_from_its_git_remote_at_its_commit(tmp_path: Path) -> None:
    """helpkit is not on PyPI: the workflow 'helpkit init' writes installs the checkout helpkit runs from, by its
    https remote (an scp-like remote is the same repository) and pinned to its commit; with no remote, a
    placeholder the writer is told to edit."""
    import subprocess

    from helpkit.extras import PLACEHOLDER, ci_requirement

    root = tmp_path / "helpkit"
    root.mkdir()
    (root / "pyproject.toml").write_text('[project]\nname = "helpkit"\n', encoding="utf-8")
    git = ["git", "-C", str(root), "-c", "user.name=a", "-c", "user.email=a@example.com"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "x"], check=True)
    commit = subprocess.run([*git, "rev-parse", "HEAD"], check=True, capture_output=True, text=True).stdout.strip()
    assert ci_requirement("argos", root) == (f"helpkit[argos] @ {PLACEHOLDER}", False)
    subprocess.run([*git, "remote", "add", "origin", "git@github.com:acme/helpkit.git"], check=True)
    assert ci_requirement("argos", root) == (f"helpkit[argos] @ git+https://github.com/acme/helpkit.git@{commit}", True)
