"""The CI workflow ``helpkit init`` writes, run as CI would run it: its ``run:`` steps as one shell script on a fresh
clone of a scaffolded help center with a locale configured.

Everything but GitHub's own actions (checkout, setup-python, cache, upload, deploy) runs: the installs go to a new
virtualenv (``--system-site-packages``, ``--no-index``: the packages this machine already has, no network) with
``helpkit[argos]`` pointed at this checkout, and Argos' package index is a local HTTP server offering the tiny
model (``tests/argos_tiny.py``) under the name of the real en→es package.
"""

from __future__ import annotations

import functools
import json
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from tests.argos_tiny import build_tiny_argosmodel
from tests.conftest import REPO

pytestmark = pytest.mark.argos


@pytest.fixture
def package_index(tmp_path: Path) -> Iterator[str]:
    """Argos' package index on 127.0.0.1: index.json and the tiny en→es package."""
    served = tmp_path / "index"
    served.mkdir()
    model = build_tiny_argosmodel(served)
    with ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(served))) as server:
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        meta = {"package_version": "0.1", "argos_version": "1.9", "type": "translate", "from_code": "en",
                "to_code": "es", "from_name": "English", "to_name": "Spanish", "links": [url + model.name]}
        (served / "index.json").write_text(json.dumps([meta]), encoding="utf-8")
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield url
        finally:
            server.shutdown()
            thread.join()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass


def workflow_steps(workflow: str) -> list[dict[str, object]]:
    return yaml.safe_load(workflow)["jobs"]["build"]["steps"]


def as_script(steps: list[dict[str, object]], checkout: Path) -> str:
    """The ``run:`` steps as one bash script, installs pointed at this machine's packages and ``checkout``."""
    lines = ["set -euo pipefail"]
    for step in steps:
        run = step.get("run")
        if isinstance(run, str):
            run = run.replace("pip install", "python -m pip install --no-index --quiet --disable-pip-version-check")
            run = re.sub(r'"helpkit\[argos\] @ [^"]+"(   #.*)?', f'--no-build-isolation -e "{checkout}[argos]"', run)
            lines.append(run)
    return "\n".join(lines) + "\n"


def test_the_scaffolded_workflow_builds_a_translated_help_center_strictly(tmp_path: Path, package_index: str) -> None:
    from cli import main

    project = tmp_path / "hc"
    assert CliRunner().invoke(main, ["init", str(project)]).exit_code == 0
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("locales: []", "locales: [es]")
    text = text.replace("support@example.com", "help@acme.example")  # the team's address, as check asks
    config.write_text(text.replace("# site_url:", "site_url:"), encoding="utf-8")  # as the scaffold's comment asks
    git = ["git", "-c", "user.name=Writer", "-c", "user.email=writer@example.com"]
    subprocess.run([*git, "init", "-q", "-b", "main", str(project)], check=True)
    subprocess.run([*git, "-C", str(project), "add", "-A"], check=True)
    subprocess.run([*git, "-C", str(project), "commit", "-qm", "Start"], check=True)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(project), str(clone)], check=True)

    steps = workflow_steps((clone / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    uses = [str(s.get("uses", "")) for s in steps]
    caches = {str(s["with"]["path"]): s["with"] for s in steps if str(s.get("uses", "")).startswith("actions/cache")}
    assert set(caches) == {"~/.local/share/argos-translate/packages", ".helpkit"}
    assert caches["~/.local/share/argos-translate/packages"]["key"] == "${{ steps.models.outputs.key }}"
    assert caches[".helpkit"]["restore-keys"] == "helpkit-build-"  # each run starts from the last run's cache
    assert uses.index("actions/upload-pages-artifact@v3") == len(steps) - 1  # after the build, and not run here
    script = tmp_path / "ci.sh"
    script.write_text(as_script(steps, REPO), encoding="utf-8")

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)], check=True)
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARGOS_", "XDG_", "PYTHON"))}
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}{env['PATH']}", HOME=str(home), ARGOS_PACKAGE_INDEX=package_index,
               GITHUB_OUTPUT=str(tmp_path / "github_output"), ARGOS_DEVICE_TYPE="cpu")
    done = subprocess.run(["bash", str(script)], cwd=clone, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "WARNING" not in done.stderr, done.stderr  # --strict passed: every segment had a model
    assert (tmp_path / "github_output").read_text(encoding="utf-8") == "key=argos-en-es\n"
    assert any((home / ".local/share/argos-translate/packages").iterdir())  # where the cache step looks
    page = (clone / "site" / "es" / "getting-started" / "welcome.html").read_text(encoding="utf-8")
    assert "USE THE SEARCH BOX" in page  # translated by the tiny (upper-casing) model
    assert (clone / ".helpkit" / "cache").is_dir()  # what the second cache step saves
