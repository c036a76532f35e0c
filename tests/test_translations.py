"""Localization with the fake backend: translation memory, statuses, fallbacks, CLI."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from cli import main
from helpkit.config import load_config
from helpkit.loader import load_help_center
from helpkit.model import TranslationStatus
from tests.argos_tiny import isolate_argos
from tests.conftest import MINIMAL_CONFIG, article
from translations import coverage, localize
from translations.backends import FakeBackend, pseudo, split_sentences
from translations.memory import EntryStatus, entry_status

isolate_argos()  # before anything imports argostranslate (nothing above does)

CONFIG = MINIMAL_CONFIG + "  locales: [es, en-XA]\n  translation:\n    glossary: [Parcelo]\n"
REFUND = article(
    "Request a refund",
    """
    Open **Billing** in Parcelo and click `Refund`. It takes 5 days.

    ## Refund policy

    See [the policy](other.md#refund-policy) for details.
    """,
    description="Get your money back.",
)
FILES = {
    "content/billing/request-a-refund.md": REFUND,
    "content/billing/other.md": article("Other article", "Some other text."),
    "content/billing/internal.md": article("Internal notes", "Keep in English.", translate=False),
}


@pytest.fixture
def project(make_project):  # type: ignore[no-untyped-def]
    return make_project(files=FILES, config=CONFIG)


def _run(root: Path, backend=None, locale: str = "es"):  # type: ignore[no-untyped-def]
    config = load_config(root / "mkdocs.yml")
    return localize(load_help_center(config), config, locale, backend=backend if backend is not None else FakeBackend())


def _po(root: Path) -> polib.POFile:
    return polib.pofile(str(root / "locales" / "es.po"))


def _by_slug(loc, slug):  # type: ignore[no-untyped-def]
    return next(a for a in loc.articles if a.slug == slug)


def test_articles_are_translated_with_markup_code_and_terms_kept(project: Path) -> None:
    loc = _run(project)
    a = _by_slug(loc, "request-a-refund")
    assert a.locale == "es" and a.status is TranslationStatus.MACHINE
    assert a.title == "REQUEST A REFUND" and a.description == "GET YOUR MONEY BACK."
    assert "OPEN **BILLING** IN Parcelo AND CLICK `Refund`. IT TAKES 5 DAYS." in a.body
    assert "## REFUND POLICY {#refund-policy}" in a.body
    assert "[THE POLICY](other.md#refund-policy)" in a.body
    assert [s.anchor for s in a.sections] == ["", "refund-policy"]
    assert a.sections[1].title == "REFUND POLICY"
    source = load_help_center(load_config(project / "mkdocs.yml"))
    assert [x.slug for x in loc.articles] == [x.slug for x in source.articles]
    assert loc.categories[0].title == "BILLING"


def test_a_category_index_page_is_translated(make_project) -> None:  # type: ignore[no-untyped-def]
    root = make_project(files={**FILES, "content/billing/index.md": article("Billing", "\n\nPlans and **refunds**.")},
                        config=CONFIG)
    (category,) = _run(root).categories
    assert category.body == "PLANS AND **REFUNDS**.\n"
    entry = next(e for e in _po(root) if e.msgid == "Plans and **refunds**.")
    assert [p for p, _ in entry.occurrences] == ["content/billing/index.md"]  # translators see where it is


def test_translate_false_stays_in_the_source_language(project: Path) -> None:
    a = _by_slug(_run(project), "internal")
    assert a.status is TranslationStatus.UNTRANSLATED and a.body.strip() == "Keep in English." and a.locale == "es"
    assert "Keep in English." not in (project / "locales" / "es.po").read_text()


def test_rerun_translates_nothing_and_an_edit_retranslates_one_segment(project: Path) -> None:
    first = _run(project)
    assert first.stats.machine_translated == first.stats.total > 0
    po_text = (project / "locales" / "es.po").read_text()
    again = _run(project)
    assert again.stats.machine_translated == 0 and again.stats.from_memory == first.stats.total
    assert (project / "locales" / "es.po").read_text() == po_text
    path = project / "content/billing/request-a-refund.md"
    path.write_text(path.read_text().replace("for details.", "for all details."))
    fake = FakeBackend()
    edited = _run(project, fake)
    assert edited.stats.machine_translated == 1
    assert fake.calls == [("See ZXQ1 the policy ZXQ2 for all details.",)]
    assert "for details" not in (project / "locales" / "es.po").read_text()


def test_reviewed_entries_are_never_overwritten_and_become_stale_on_edit(project: Path) -> None:
    _run(project)
    po = _po(project)
    entry = next(e for e in po if e.msgid == "Some other text.")
    entry.msgstr = "Algún otro texto."
    entry.flags.remove("fuzzy")  # what turning off "Needs work" in Poedit does
    po.save()
    loc = _run(project)
    other = _by_slug(loc, "other")
    assert other.body.strip() == "Algún otro texto." and other.status is TranslationStatus.MACHINE  # title is machine
    assert loc.stats.machine_translated == 0
    assert entry_status(next(e for e in _po(project) if e.msgid == "Some other text.")) is EntryStatus.REVIEWED
    path = project / "content/billing/other.md"
    path.write_text(path.read_text().replace("Some other text.", "Some other texts."))
    loc = _run(project)
    assert loc.stats.machine_translated == 0  # the reviewed text is carried over, not machine-translated
    stale = next(e for e in _po(project) if e.msgid == "Some other texts.")
    assert entry_status(stale) is EntryStatus.STALE
    assert stale.msgstr == "Algún otro texto." and stale.previous_msgid == "Some other text."
    assert _by_slug(loc, "other").body.strip() == "Algún otro texto."
    config = load_config(project / "mkdocs.yml")
    row = coverage(load_help_center(config), config, ["es"])[0]
    assert (row.stale, row.reviewed, row.missing) == (1, 0, 0)


def test_fully_reviewed_article_is_reviewed(project: Path) -> None:
    _run(project)
    po = _po(project)
    for e in po:
        if "content/billing/other.md" in [p for p, _ in e.occurrences]:
            e.msgstr = e.msgid.replace("Other article", "Otro artículo").replace("Some other text.", "Otro texto.")
            e.flags = []
    po.save()
    assert _by_slug(_run(project), "other").status is TranslationStatus.REVIEWED


def test_broken_placeholders_fall_back_to_the_source_and_are_reported(project: Path) -> None:
    loc = _run(project, FakeBackend(drop_placeholders=True))
    a = _by_slug(loc, "request-a-refund")
    assert "Open **Billing** in Parcelo and click `Refund`." in a.body
    assert loc.stats.failed >= 2
    assert any("content/billing/request-a-refund.md:6:" in str(w) and "lost {1}" in str(w) for w in loc.warnings)


def test_failed_translation_is_marked_counted_and_retried_only_after_an_upgrade(project: Path) -> None:
    broken = FakeBackend(drop_placeholders=True)
    first = _run(project, broken)
    failed = first.stats.failed
    po = (project / "locales" / "es.po").read_text()
    assert "#. helpkit: machine translation failed (fake 1, en→es, protection 2): lost {1} ('**')" in po
    row = next(r for r in coverage(load_help_center(load_config(project / "mkdocs.yml")),
                                   load_config(project / "mkdocs.yml")) if r.locale == "es")
    assert row.fallback == failed and row.missing == 0
    status = CliRunner().invoke(main, ["translations", "status", "--config", str(project / "mkdocs.yml")])
    assert "fallback" in status.output and f" {failed}" in status.output.splitlines()[1]
    refund = _by_slug(first, "request-a-refund")
    assert refund.status is TranslationStatus.MACHINE and refund.source_segments == 2

    same = FakeBackend()  # same model, same helpkit: not retried, still reported
    again = _run(project, same)
    assert again.stats.failed == failed and all("Open" not in c for batch in same.calls for c in batch)
    assert any("content/billing/request-a-refund.md:6:" in str(w) and "earlier run" in str(w) for w in again.warnings)

    upgraded = _run(project, FakeBackend(version="fake 2"))  # a new model: retried, and now it works
    assert upgraded.stats.failed == 0 and upgraded.stats.machine_translated == failed
    assert "OPEN **BILLING** IN Parcelo AND CLICK `Refund`." in _by_slug(upgraded, "request-a-refund").body
    assert "machine translation failed" not in (project / "locales" / "es.po").read_text()


def test_person_filling_in_a_failed_entry_makes_it_reviewed(project: Path) -> None:
    _run(project, FakeBackend(drop_placeholders=True))
    po = _po(project)
    e = next(e for e in po if "`Refund`" in e.msgid)
    e.msgstr = "Abra **Facturación** en Parcelo y pulse `Refund`. Tarda 5 días."
    po.save()
    loc = _run(project, FakeBackend(drop_placeholders=True))
    assert "Abra **Facturación** en Parcelo" in _by_slug(loc, "request-a-refund").body
    entry = next(e for e in _po(project) if "`Refund`" in e.msgid)
    assert entry_status(entry) is EntryStatus.REVIEWED and "failed" not in entry.comment


def test_reviewed_translation_that_breaks_code_is_reported(project: Path) -> None:
    _run(project)
    po = _po(project)
    e = next(e for e in po if "`Refund`" in e.msgid)
    e.msgstr, e.flags = "Abra **Facturación** en Parcelo y pulse `Reembolso`. Tarda 5 días.", []
    po.save()
    loc = _run(project)
    assert any("'`Refund`'" in str(w) and "es.po" in str(w) for w in loc.warnings)
    assert "click `Refund`" in _by_slug(loc, "request-a-refund").body


def test_missing_model_warns_with_install_command_and_writes_empty_entries(project: Path) -> None:
    loc = _run(project, FakeBackend(unavailable="no Argos model for en→es: run 'helpkit models install en es'"))
    assert any("helpkit models install en es" in str(w) for w in loc.warnings)
    assert all(a.status is TranslationStatus.UNTRANSLATED for a in loc.articles)
    assert loc.stats.missing == loc.stats.total
    po = _po(project)
    assert len(po) == loc.stats.total and all(e.msgstr == "" for e in po)
    assert all(e.msgctxt and e.occurrences for e in po)


def test_backend_none_in_config_writes_empty_entries(make_project) -> None:  # type: ignore[no-untyped-def]
    config = CONFIG.replace("glossary: [Parcelo]", "glossary: [Parcelo]\n    backend: none")
    root = make_project(files=FILES, config=config)
    result = CliRunner().invoke(main, ["translate", "--lang", "es", "-f", str(root / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    assert "0 machine-translated now" in result.output
    assert _po(root).untranslated_entries()


def test_interrupted_run_keeps_what_was_translated(project: Path) -> None:
    class Interrupting(FakeBackend):
        def translate(self, sentences, source, target):  # type: ignore[no-untyped-def]
            for n, out in enumerate(super().translate(sentences, source, target)):
                if n == 3:
                    raise KeyboardInterrupt
                yield out

    with pytest.raises(KeyboardInterrupt):
        _run(project, Interrupting())
    kept = [e for e in _po(project) if e.msgstr]
    assert len(kept) >= 2
    rerun = _run(project)
    assert rerun.stats.from_memory == len(kept)
    assert rerun.stats.machine_translated == rerun.stats.total - len(kept)


def test_po_file_is_sorted_stable_and_uses_the_status_scheme(project: Path) -> None:
    _run(project)
    text = (project / "locales" / "es.po").read_text()
    assert "#, fuzzy" in text and "#. helpkit: machine translation (fake en→es)" in text
    assert "POT-Creation-Date" not in text and '"Language: es\\n"' in text
    refs = [e.occurrences[0][0] for e in _po(project)]
    assert refs == sorted(refs)


def test_pseudo_locale_needs_no_model_and_writes_no_memory(project: Path) -> None:
    config = load_config(project / "mkdocs.yml")
    loc = localize(load_help_center(config), config, "en-XA")
    a = _by_slug(loc, "request-a-refund")
    assert a.title == "Ŕéqûéšţ å ŕéfûñđ ·····"
    assert "`Refund`" in a.body and "{#refund-policy}" in a.body
    assert not (project / "locales" / "en-XA.po").exists()
    assert len(pseudo("Save changes")) >= len("Save changes") * 1.25


def test_unknown_locale_is_a_config_error(project: Path) -> None:
    from helpkit.errors import ConfigError

    with pytest.raises(ConfigError) as e:
        _run(project, locale="de")
    assert e.value.exit_code == 2 and "helpkit.locales" in str(e.value)


def test_sentence_splitter() -> None:
    assert split_sentences("Hello world. How are you? Use e.g. {1} now. Version 2.5 is out!") == [
        "Hello world.", "How are you?", "Use e.g. {1} now.", "Version 2.5 is out!"]


def test_status_command_json_and_fail_under(project: Path) -> None:
    runner = CliRunner()
    cfg = str(project / "mkdocs.yml")
    result = runner.invoke(main, ["translations", "status", "--lang", "es", "--json", "-f", cfg])
    assert result.exit_code == 0, result.output
    row = json.loads(result.output)[0]
    assert row["locale"] == "es" and row["missing"] == row["total"] > 0
    failing = runner.invoke(main, ["translations", "status", "--fail-under", "50", "-f", cfg])
    assert failing.exit_code == 1 and "under 50" in failing.output
    bad = runner.invoke(main, ["translations", "status", "--lang", "de", "-f", cfg])
    assert bad.exit_code == 2 and "--lang de" in bad.output


def test_models_commands(tmp_path: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(main, ["models", "install", str(tmp_path / "nope.argosmodel")])
    assert missing.exit_code == 3 and "no such file" in missing.output
    (tmp_path / "bad.argosmodel").write_text("not a zip")
    bad = runner.invoke(main, ["models", "install", str(tmp_path / "bad.argosmodel")])
    assert bad.exit_code == 2 and "zip" in bad.output
    usage = runner.invoke(main, ["models", "install", "a", "b", "c"])
    assert usage.exit_code == 2


def test_models_install_pair_offline_is_exit_3(monkeypatch: pytest.MonkeyPatch) -> None:
    from argostranslate import package

    def offline() -> None:
        raise OSError("network is unreachable")

    monkeypatch.setattr(package, "update_package_index", offline)
    result = CliRunner().invoke(main, ["models", "install", "en", "es"])
    assert result.exit_code == 3 and "helpkit models install FILE.argosmodel" in result.output


@pytest.mark.parametrize("command", [
    ["translate"], ["translations"], ["translations", "status"], ["models"], ["models", "install"], ["models", "list"],
])
def test_commands_have_examples(command: list[str]) -> None:
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0 and "Example:" in result.output


def test_page_says_when_part_of_it_is_in_the_source_language(make_project) -> None:  # type: ignore[no-untyped-def]
    from site_builder.build import build

    root = make_project({"content/a/x.md": article("Reset your password", "Click the link.\n\nThen wait.")},
                        config=MINIMAL_CONFIG + "  locales: [es]\n  translation: {backend: none}\n")
    config = load_config(root / "mkdocs.yml")
    build(config)  # writes locales/es.po with empty entries
    po = polib.pofile(str(root / "locales/es.po"))
    for entry in po:  # a machine translation of all but one paragraph (the other failed its checks)
        if entry.msgid != "Then wait.":
            entry.msgstr, entry.flags = {"Reset your password": "Restablece tu contraseña"}.get(
                entry.msgid, "Haz clic en el enlace."), ["fuzzy"]
    po.save()
    page = (build(config).site_dir / "es/a/x.html").read_text(encoding="utf-8")
    notice = page.split('hk-notice--machine">')[1].split("</div>")[0]
    assert "Este artículo se tradujo automáticamente" in notice
    assert "Algunas partes no se pudieron traducir y se muestran en inglés." in notice
    assert "Then wait." in page and "Haz clic en el enlace." in page
    po = polib.pofile(str(root / "locales/es.po"))
    next(e for e in po if e.msgid == "Then wait.").msgstr = "Luego espera."
    po.save()
    page = (build(config).site_dir / "es/a/x.html").read_text(encoding="utf-8")
    assert "hk-notice--machine" in page and "Algunas partes" not in page


def test_a_page_with_reviewed_parts_and_parts_not_yet_translated_says_so(make_project) -> None:  # type: ignore[no-untyped-def]
    """Before: a page whose title a translator wrote and whose body waits for a translation said it had been
    "translated automatically", with no machine translation on it."""
    from site_builder.build import build

    root = make_project({"content/a/x.md": article("Reset your password", "Click the link.\n\nThen wait.")},
                        config=MINIMAL_CONFIG + "  locales: [es]\n  translation: {backend: none}\n")
    config = load_config(root / "mkdocs.yml")
    build(config)
    po = polib.pofile(str(root / "locales/es.po"))
    next(e for e in po if e.msgid == "Reset your password").msgstr = "Restablece tu contraseña"  # reviewed
    po.save()
    page = (build(config).site_dir / "es/a/x.html").read_text(encoding="utf-8")
    assert "hk-notice--machine" not in page and "se tradujo automáticamente" not in page
    notice = page.split('hk-notice--partly">')[1].split("</div>")[0]
    assert "Partes de este artículo aún no están traducidas y se muestran en inglés." in notice
    assert "Restablece tu contraseña" in page and "Click the link." in page


def test_a_reviewed_translation_of_an_older_source_says_it_may_be_out_of_date(make_project) -> None:  # type: ignore[no-untyped-def]
    """Before: after "two minutes" became "three minutes" in English, the Spanish page kept its reviewed "dos
    minutos" under a notice that it had been translated automatically."""
    from site_builder.build import build

    root = make_project({"content/a/x.md": article("Reset your password", "Wait two minutes.")},
                        config=MINIMAL_CONFIG + "  locales: [es]\n  translation: {backend: none}\n")
    config = load_config(root / "mkdocs.yml")
    build(config)
    po = polib.pofile(str(root / "locales/es.po"))
    for entry in po:  # a translator wrote every segment
        entry.msgstr = {"Reset your password": "Restablece tu contraseña"}.get(entry.msgid, "Espera dos minutos.")
        entry.flags = []
    po.save()
    (root / "content/a/x.md").write_text(article("Reset your password", "Wait three minutes."), encoding="utf-8")
    page = (build(config).site_dir / "es/a/x.html").read_text(encoding="utf-8")
    assert "se tradujo automáticamente" not in page and "Espera dos minutos." in page
    notice = page.split('hk-notice--stale">')[1].split("</div>")[0]
    assert "Partes de esta traducción son anteriores al artículo en inglés y pueden estar desactualizadas." in notice


def test_a_reviewed_translation_follows_its_links_when_the_article_they_point_to_moves(make_project) -> None:  # type: ignore[no-untyped-def]
    """Before: after a writer moved an article and fixed the links to it, the reviewed Spanish paragraphs holding
    those links fell back to English ("the stale translation is missing '](../billing/refunds.md)'"), and check said
    nothing."""
    from site_builder.build import build

    root = make_project({"content/billing/refunds.md": article("Refunds", "## How\n\nAsk within 30 days."),
                         "content/billing/plans.md": article("Plans", "See [the refunds](refunds.md#how) first.")},
                        config=MINIMAL_CONFIG + "  locales: [es]\n  translation: {backend: none}\n")
    config = load_config(root / "mkdocs.yml")
    build(config)
    po = polib.pofile(str(root / "locales/es.po"))
    for entry in po:
        entry.msgstr = {"See [the refunds](refunds.md#how) first.": "Mira antes [los reembolsos](refunds.md#how).",
                        }.get(entry.msgid, "Texto revisado.")
        entry.flags = []
    po.save()
    (root / "content/payments").mkdir()
    (root / "content/billing/refunds.md").rename(root / "content/payments/refunds.md")
    (root / "content/billing/plans.md").write_text(
        article("Plans", "See [the refunds](../payments/refunds.md#how) first."), encoding="utf-8")
    result = build(config)
    assert not [str(w) for w in result.warnings if "msgctxt" in str(w)], [str(w) for w in result.warnings]
    page = (result.site_dir / "es/billing/plans.html").read_text(encoding="utf-8")
    assert "Mira antes" in page and 'href="../payments/refunds.html#how"' in page
    memory = {e.msgid: (e.msgstr, e.flags) for e in polib.pofile(str(root / "locales/es.po")) if not e.obsolete}
    assert memory["See [the refunds](../payments/refunds.md#how) first."] == (
        "Mira antes [los reembolsos](../payments/refunds.md#how).", [])  # still reviewed


def test_a_locale_with_no_translation_yet_is_told_apart(project: Path) -> None:
    """The deflection report matches tickets in such a locale against the source articles (its pages are theirs)."""
    from translations.status import untranslated_locales

    config = load_config(project / "mkdocs.yml")
    assert untranslated_locales(config) == ("es",)  # en-XA is the pseudo-locale
    _run(project)  # a machine translation: es has translations now
    assert untranslated_locales(config) == ()


def test_the_articles_a_locale_serves_untranslated_are_told_as_the_build_tells_them(project: Path) -> None:
    """The deflection report names a locale that serves some articles untranslated (its tickets about them find
    none in their language); an article kept in the source language (``translate: false``) awaits nothing."""
    from translations.status import awaiting_translation

    config = load_config(project / "mkdocs.yml")
    center = load_help_center(config)
    slugs = {a.slug for a in center.articles} - {"internal"}
    assert awaiting_translation(center, config) == {"es": frozenset(slugs)}  # nothing translated yet
    (project / "locales" / "es").mkdir(parents=True, exist_ok=True)
    (project / "locales" / "es" / "other.md").write_text(
        "---\ntitle: Otro artículo\n---\n\nOtro texto.\n", encoding="utf-8")
    assert awaiting_translation(center, config) == {"es": frozenset(slugs - {"other"})}  # a whole page
    loc = _run(project)  # a machine translation of every article meant to be translated
    assert {a.slug for a in loc.articles if a.status is TranslationStatus.UNTRANSLATED} == {"internal"}
    assert awaiting_translation(center, config) == {"es": frozenset()}


def test_a_formatter_rewrapping_lines_keeps_every_translation_as_it_was(project: Path) -> None:
    """A writer runs a formatter (mdformat, Prettier) that re-wraps paragraphs: the same words, other line breaks.
    Before, every re-wrapped paragraph was a new segment: reviewed translations turned stale (fuzzy) and machine ones
    were translated again."""
    _run(project)
    po = _po(project)
    entry = next(e for e in po if e.msgid == "Some other text.")
    entry.msgstr = "Algún otro texto."
    entry.flags.remove("fuzzy")
    po.save()
    path = project / "content/billing/other.md"
    path.write_text(path.read_text().replace("Some other text.", "Some other\ntext."))
    fake = FakeBackend()
    loc = _run(project, fake)
    assert fake.calls == [] and loc.stats.machine_translated == 0  # nothing translated again
    kept = next(e for e in _po(project) if not e.obsolete and e.msgid.split() == ["Some", "other", "text."])
    assert entry_status(kept) is EntryStatus.REVIEWED and kept.msgstr == "Algún otro texto."
    assert _by_slug(loc, "other").body.strip() == "Algún otro texto."


def test_a_machine_translation_of_a_rewrapped_paragraph_is_not_made_again(project: Path) -> None:
    _run(project)
    path = project / "content/billing/other.md"
    path.write_text(path.read_text().replace("Some other text.", "Some\nother text."))
    fake = FakeBackend()
    _run(project, fake)
    assert fake.calls == []
    kept = next(e for e in _po(project) if not e.obsolete and e.msgid.split() == ["Some", "other", "text."])
    assert entry_status(kept) is EntryStatus.MACHINE and kept.msgstr
