"""The real Argos path: install a tiny .argosmodel built offline, translate through CTranslate2 with it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.argos_tiny import build_tiny_argosmodel, isolate_argos

isolate_argos()  # before anything imports argostranslate

from cli import main  # noqa: E402
from helpkit.config import load_config  # noqa: E402
from helpkit.loader import load_help_center  # noqa: E402
from helpkit.model import TranslationStatus  # noqa: E402
from tests.conftest import MINIMAL_CONFIG, article  # noqa: E402
from translations import localize  # noqa: E402

pytestmark = pytest.mark.argos


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny en→es (upper-casing) package file, built once per session."""
    return build_tiny_argosmodel(tmp_path_factory.mktemp("argos"))


@pytest.fixture(scope="session")
def installed(tiny_model: Path) -> Path:
    result = CliRunner().invoke(main, ["models", "install", str(tiny_model)])
    assert result.exit_code == 0, result.output
    assert "Installed en→es" in result.output
    return tiny_model


def test_models_list_shows_the_installed_model(installed: Path) -> None:
    result = CliRunner().invoke(main, ["models", "list"])
    assert result.exit_code == 0 and "en→es" in result.output


def test_models_needed_says_which_are_installed(installed: Path, make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project(config=MINIMAL_CONFIG + "  locales: [es, de]\n")
    result = CliRunner().invoke(main, ["models", "needed", "-f", str(root / "mkdocs.yml")])
    assert result.exit_code == 0 and result.stdout == "en-es\nen-de\n"  # the CI cache key, as without Argos
    assert "en-es: installed (" in result.stderr
    assert "en-de: not installed; run 'helpkit models install en de'" in result.stderr


def test_localize_through_argos(installed: Path, make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project(config=MINIMAL_CONFIG + "  locales: [es]\n", files={
        "content/start/hello.md": article("Hello world", """
            Hello world. Run `helpkit build --strict` to check.

            ## First steps

            | Step | What |
            |------|------|
            | One  | Open the *dashboard* |
            """),
    })
    config = load_config(root / "mkdocs.yml")
    loc = localize(load_help_center(config), config, "es")
    assert loc.warnings == ()
    a = loc.articles[0]
    assert a.title == "HELLO WORLD" and a.status is TranslationStatus.MACHINE
    assert "HELLO WORLD. RUN `helpkit build --strict` TO CHECK." in a.body
    assert "## FIRST STEPS {#first-steps}" in a.body
    assert "| ONE  | OPEN THE *DASHBOARD* |" in a.body
    assert loc.stats.machine_translated == loc.stats.total
    po = (root / "locales" / "es.po").read_text()
    assert "machine translation (argos en→es)" in po
    assert localize(load_help_center(config), config, "es").stats.machine_translated == 0


def test_translate_command_uses_the_model(installed: Path, make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project(config=MINIMAL_CONFIG + "  locales: [es]\n",
                        files={"content/start/a.md": article("Ship a parcel", "Print the label.")})
    result = CliRunner().invoke(main, ["translate", "-f", str(root / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    assert "4 machine-translated now" in result.output  # title, body, category title, site name
    assert 'msgstr "PRINT THE LABEL."' in (root / "locales" / "es.po").read_text()


def test_translate_without_the_model_of_a_locale_exits_3_and_writes_nothing(installed: Path,  # type: ignore[no-untyped-def]
                                                                            make_project) -> None:
    root = make_project(config=MINIMAL_CONFIG + "  locales: [es, de]\n",
                        files={"content/start/a.md": article("Ship a parcel", "Print the label.")})
    result = CliRunner().invoke(main, ["translate", "-f", str(root / "mkdocs.yml")])
    assert result.exit_code == 3, result.output
    assert "no Argos model for en→de is installed: run 'helpkit models install en de'" in result.output
    assert "helpkit models install --configured" in result.output and "en→es" not in result.output
    assert not (root / "locales").exists()  # checked before any locale was translated
    only_es = CliRunner().invoke(main, ["translate", "--lang", "es", "-f", str(root / "mkdocs.yml")])
    assert only_es.exit_code == 0, only_es.output
    build = CliRunner().invoke(main, ["build", "-f", str(root / "mkdocs.yml")])  # the build goes on, with a warning
    assert build.exit_code == 0 and "no Argos model for en→de" in build.output


def test_argos_own_translate_runs_offline_with_the_packaged_splitter(installed: Path) -> None:
    from argostranslate import translate

    assert translate.translate("Hello world. How are you?", "en", "es") == "HELLO WORLD. HOW ARE YOU?"
