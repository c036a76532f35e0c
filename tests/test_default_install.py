"""The command line as a writer meets it after the README's first command: helpkit's default install, no extras.

No ``argos`` extra means no argostranslate and no torch. Every test here runs the real ``helpkit`` command in a
child process on a copy of the shipped sample. ``make test-default-install`` (called by ``.ci/run``) runs them
in a fresh virtualenv holding only ``pip install -e .``; in the main suite, where the extra is installed, the
child processes are started with a ``PYTHONPATH`` entry that makes ``import argostranslate`` fail exactly as it
does without it (build workers inherit it too).
"""

from __future__ import annotations

import csv
import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpkit.loader import NEW_ARTICLE_BODY
from tests.conftest import REPO

pytestmark = pytest.mark.default_install

INSTALL = f"pip install -e '{REPO}[argos]'"
"""What every message about missing machine translation must name: this checkout, editable (helpkit is not on
PyPI: ``pip install 'helpkit[argos]'`` fails)."""

BLOCKER = 'raise ModuleNotFoundError("No module named \'argostranslate\'", name="argostranslate")\n'


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The child processes' environment: this checkout's code, and no argostranslate."""
    paths = [str(REPO)]
    if importlib.util.find_spec("argostranslate") is not None:  # the main suite: hide the installed extra
        blocker = tmp_path_factory.mktemp("no-argos")
        (blocker / "argostranslate.py").write_text(BLOCKER, encoding="utf-8")
        paths.insert(0, str(blocker))
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "NO_COLOR": "1"}


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> Path:
    """A copy of the sample help center with a new article (which needs Spanish), built once."""
    root = tmp_path_factory.mktemp("sample")
    for name in ("content", "locales"):
        shutil.copytree(REPO / name, root / name)
    for name in ("mkdocs.yml", "questions.csv", "synonyms.txt"):
        shutil.copy(REPO / name, root / name)
    with open(REPO / "examples" / "tickets.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))[:301]  # the header and 300 tickets: enough for a report, quick
    with open(root / "tickets.csv", "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    new = helpkit(root, env, "new", "How do I export my invoices?", "--category", "account")
    assert new.returncode == 0, new.stderr
    path = root / "content" / "account" / "how-do-i-export-my-invoices.md"  # the writer replaces the template
    path.write_text(path.read_text(encoding="utf-8").replace(NEW_ARTICLE_BODY, "Open **Billing** and tap *Export*.\n"),
                    encoding="utf-8")
    return root


def helpkit(root: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``helpkit ARGS`` in ``root``; no traceback, whatever the outcome."""
    done = subprocess.run([sys.executable, "-m", "cli", *args], cwd=root, env=env, capture_output=True,
                          text=True, timeout=300)
    assert "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
    return done


def test_argostranslate_is_not_importable_in_the_children(sample: Path, env: dict[str, str]) -> None:
    probe = subprocess.run([sys.executable, "-c", "import argostranslate"], env=env, capture_output=True, text=True)
    assert probe.returncode == 1 and "No module named 'argostranslate'" in probe.stderr


def test_build_falls_back_with_one_warning_naming_the_install(sample: Path, env: dict[str, str]) -> None:
    done = helpkit(sample, env, "build")
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1, done.stderr
    assert INSTALL in warnings[0] and "torch==2.13.0" in warnings[0] and "not yet translated" in warnings[0]
    page = (sample / "site" / "es" / "account" / "how-do-i-export-my-invoices.html").read_text(encoding="utf-8")
    assert "hk-notice--untranslated" in page  # served in English, with the "not yet translated" notice
    assert "hk-notice--untranslated" not in (sample / "site" / "es" / "billing" / "duplicate-charge.html").read_text(
        encoding="utf-8")  # the reviewed translations of locales/es.po are used
    strict = helpkit(sample, env, "build", "--strict")
    assert strict.returncode == 1 and INSTALL in strict.stderr
    assert "--strict: 1 warning(s); the previous site was kept" in strict.stderr


def test_check_search_and_deflection_work(sample: Path, env: dict[str, str]) -> None:
    check = helpkit(sample, env, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "0 errors" in check.stdout
    if not (sample / ".helpkit").is_dir():
        assert helpkit(sample, env, "build").returncode == 0
    search = helpkit(sample, env, "search", "I was charged twice", "--json")
    assert search.returncode == 0, search.stderr
    assert '"slug": "duplicate-charge"' in search.stdout.split("}")[0]
    report = helpkit(sample, env, "deflection", "tickets.csv", "--out", "report", "--format", "md")
    assert report.returncode == 0, report.stderr
    # 300 records, of which 2 ask nothing (a thank-you, an out-of-office): left out and said so
    assert "298 tickets" in report.stdout and "2 skipped" in report.stdout
    assert (sample / "report" / "deflection.md").is_file()
    # without the sentence encoder, the agents' reply links calibrate the search engine: an estimate and topics
    assert "a bound" not in report.stdout and " in 0 topics" not in report.stdout, report.stdout


@pytest.mark.parametrize("args", [("models", "list"), ("models", "install", "en", "es"),
                                  ("models", "install", "translate-en_es.argosmodel"),
                                  ("models", "install", "--configured"), ("translate",),
                                  ("translate", "--lang", "es")], ids=" ".join)
def test_translation_commands_exit_3_with_the_install_command(sample: Path, env: dict[str, str],
                                                              args: tuple[str, ...]) -> None:
    done = helpkit(sample, env, *args)
    assert done.returncode == 3, done.stdout + done.stderr
    assert INSTALL in done.stderr and "torch==2.13.0" in done.stderr


def test_models_needed_lists_the_pairs_without_the_extra(sample: Path, env: dict[str, str]) -> None:
    done = helpkit(sample, env, "models", "needed")
    assert done.returncode == 0, done.stderr
    assert done.stdout == "en-es\n" and done.stderr == ""  # the CI cache key; nothing said of installed models
