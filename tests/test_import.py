"""``helpkit import``: each source's export becomes a help center that passes ``check --strict`` and builds."""

from __future__ import annotations

import difflib
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cli import main
from helpkit.config import load_config
from helpkit.loader import load_help_center
from importers import import_help_center, similar
from importers.exports import ticket_files
from site_builder.build import build
from site_builder.check import check
from tests.conftest import write_tree
from translations.memory import EntryStatus, TranslationMemory
from translations.status import coverage

FIXTURES = Path(__file__).parent / "fixtures" / "import"

ACME = """\
site_name: Acme
site_url: https://help.acme.example/
theme:
  name: material
markdown_extensions:
  - admonition
  - attr_list
  - tables
helpkit:
  source_locale: en
  locales: []   # the import adds what it finds
  contact:
    email: support@acme.example
  translation:
    backend: none   # every segment must come from the export's translations
    glossary: [Acme]
"""
"""A help center to import into: no machine translation, so a strict build proves the export's translations
cover the site (the site name is a glossary term: the one text no export translates)."""


def project(tmp_path: Path) -> Path:
    root = tmp_path / "hc"
    (root / "content").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(ACME, encoding="utf-8")
    return root


def run(*args: str) -> str:
    result = CliRunner().invoke(main, ["import", *args])
    assert result.exit_code == 0, result.output
    return result.output


def front(path: Path) -> dict[str, object]:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def assert_builds(root: Path) -> None:
    config = load_config(root / "mkdocs.yml")
    report = check(config)
    assert not report.problems, report.to_text()
    result = build(config, strict=True)
    assert result.warnings == ()


def test_zendesk_export_becomes_a_help_center_that_builds_strict(tmp_path: Path) -> None:
    root = project(tmp_path)
    out = run("zendesk", str(FIXTURES / "zendesk"), "--into", str(root))
    content = root / "content"
    refund = content / "refunds" / "how-do-i-get-a-refund.md"
    arrive = content / "refunds" / "when-will-my-refund-arrive.md"
    meta = front(refund)
    assert meta["source_id"] == "zendesk:301" and meta["keywords"] == ["refund", "money back"]
    assert meta["order"] == 1 and str(meta["updated"]) == "2024-05-02"
    assert meta["description"] == "You can ask for a refund within 30 days of a charge."
    body = refund.read_text(encoding="utf-8")
    assert "| Card           | 5 to 10 days |" in body  # the table
    assert "1. Open **Billing**." in body
    assert "[when your refund arrives](when-will-my-refund-arrive.md)" in body  # article link → .md link
    arrive_body = arrive.read_text(encoding="utf-8")
    assert "!!! warning\n    A refund cannot be cancelled." in arrive_body  # callout → admonition
    assert "(how-do-i-get-a-refund.md#steps)" in arrive_body
    assert "![Refund status page](images/when-will-my-refund-arrive/refund-status.png)" in arrive_body
    assert (content / "refunds/images/when-will-my-refund-arrive/refund-status.png").read_bytes() == \
        (FIXTURES / "zendesk/attachments/501/refund-status.png").read_bytes()
    assert "```bash\ncurl" in (content / "invoices" / "download-an-invoice.md").read_text(encoding="utf-8")
    assert front(content / "sign-in" / "turn-on-two-factor-authentication.md")["draft"] is True
    assert yaml.safe_load((content / "refunds" / "_category.yml").read_text())["title"] == "Refunds"
    everything = "".join(p.read_text(encoding="utf-8") for p in content.rglob("*.md"))
    assert "<script" not in everything and "evil.example" not in everything and "onclick" not in everything
    # the summary: what was left out, and why, with the source id and file
    assert "zendesk: 5 imported, 0 updated, 0 unchanged, 1 skipped" in out
    assert "translations/302.json [zendesk:302]: unknown locale 'xx-zz'" in out
    assert "articles/999-Account-recovery (zendesk:999)" in out  # a link to an article not in the export
    assert "dropped a <script>" in out and "remote image left as a link to https://cdn.example.com/sign-in.png" in out
    # translations: 301 has the source's blocks → reviewed PO entries; 302 does not → kept whole
    assert load_config(root / "mkdocs.yml").helpkit.locales == ["es"]
    # what the source featured is the home page's "Popular articles"
    assert load_config(root / "mkdocs.yml").helpkit.promoted == ["how-do-i-get-a-refund"]
    assert "popular articles on the home page (promoted in the source" in out
    memory = TranslationMemory(root / "locales" / "es.po", "es")
    reviewed = {e.msgid: e.msgstr for e in memory.entries() if memory.status(e.msgctxt) is EntryStatus.REVIEWED}
    assert reviewed["Choose the charge and click *Refund*."] == "Elige el cargo y haz clic en *Reembolsar*."
    assert reviewed["How do I get a refund?"] == "¿Cómo obtengo un reembolso?"
    assert reviewed["Refunds"] == "Reembolsos"  # the section's name in the es listing
    whole = root / "locales" / "es" / "when-will-my-refund-arrive.md"
    assert front(whole)["title"] == "¿Cuándo llegará mi reembolso?"
    assert "Esto puede tardar unos días." in whole.read_text(encoding="utf-8")
    assert_builds(root)
    site = root / "site"
    es_page = (site / "es" / "refunds" / "how-do-i-get-a-refund.html").read_text(encoding="utf-8")
    assert "Elige el cargo y haz clic en" in es_page and "Reembolsar" in es_page
    assert "Esto puede tardar unos días." in (site / "es/refunds/when-will-my-refund-arrive.html").read_text()
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="refunds/how-do-i-get-a-refund.html">How do I get a refund?</a>' in home
    built = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert "evil.example" not in built and "track()" not in built
    status = coverage(_center(root), load_config(root / "mkdocs.yml"))[0]
    assert (status.whole, status.missing, status.machine) == (1, 0, 0)


def _center(root: Path):  # type: ignore[no-untyped-def]
    from helpkit.loader import load_help_center

    return load_help_center(load_config(root / "mkdocs.yml"))


def test_translations_status_shows_whole_pages(tmp_path: Path) -> None:
    root = project(tmp_path)
    run("zendesk", str(FIXTURES / "zendesk"), "--into", str(root))
    result = CliRunner().invoke(main, ["translations", "status", "-f", str(root / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].split()[-1] == "whole"
    assert result.output.splitlines()[1].split()[-1] == "1"


@pytest.mark.parametrize("source", ["freshdesk", "intercom"])
def test_freshdesk_and_intercom_exports_build_strict(tmp_path: Path, source: str) -> None:
    root = project(tmp_path)
    out = run(source, str(FIXTURES / source), "--into", str(root))
    assert f"{source}: 4 imported" in out and "dropped a <script>" in out
    files = {p.relative_to(root / "content").as_posix() for p in (root / "content").rglob("*.md")}
    if source == "freshdesk":
        assert files == {"setup/install-acme.md", "setup/change-the-server-port.md",
                         "troubleshooting/the-installer-will-not-start.md", "troubleshooting/draft-uninstall.md"}
        install = (root / "content/setup/install-acme.md").read_text(encoding="utf-8")
        assert "(../troubleshooting/the-installer-will-not-start.md)" in install
        assert "(images/install-acme/install-wizard.png)" in install
        assert front(root / "content/setup/install-acme.md")["keywords"] == ["install", "setup", "installer",
                                                                             "download"]
        assert "!!! info\n    Restart your computer" in (
            root / "content/troubleshooting/the-installer-will-not-start.md").read_text(encoding="utf-8")
        assert "| log_level | info    |" in (root / "content/setup/change-the-server-port.md").read_text()
    else:
        assert files == {"profile/change-your-profile-photo.md", "profile/change-your-email.md",
                         "security/sign-out-everywhere.md", "security/security-keys.md"}
        photo = (root / "content/profile/change-your-profile-photo.md").read_text(encoding="utf-8")
        assert "[Change your email](change-your-email.md)" in photo and "!!! note\n    Photos must be" in photo
        assert (root / "content/profile/images/change-your-profile-photo/profile-photo.png").is_file()
        assert (root / "locales/es/change-your-email.md").is_file()  # an extra paragraph: kept whole
    assert front(next((root / "content").rglob("*uninstall.md"), None) or
                 root / "content/security/security-keys.md")["draft"] is True
    assert_builds(root)


def test_levels_rule_is_visible_and_changeable(tmp_path: Path) -> None:
    root = project(tmp_path)
    run("zendesk", str(FIXTURES / "zendesk"), "--into", str(root), "--levels", "category")
    folders = sorted(p.name for p in (root / "content").iterdir())
    assert folders == ["account", "billing"]
    orders = {p.stem: front(p)["order"] for p in (root / "content/billing").glob("*.md")}
    assert orders["download-an-invoice"] > orders["when-will-my-refund-arrive"]  # the sections order the articles
    joined = project(tmp_path / "j")
    run("zendesk", str(FIXTURES / "zendesk"), "--into", str(joined), "--levels", "joined")
    assert yaml.safe_load((joined / "content/billing-refunds/_category.yml").read_text())["title"] == \
        "Billing: Refunds"


def test_importing_the_same_export_twice_changes_nothing(tmp_path: Path) -> None:
    root = project(tmp_path)
    run("zendesk", str(FIXTURES / "zendesk"), "--into", str(root))
    before = snapshot(root)
    out = run("zendesk", str(FIXTURES / "zendesk"), "--into", str(root), "--update")
    assert "0 imported, 0 updated, 5 unchanged" in out
    assert snapshot(root) == before


def test_an_updated_export_updates_only_the_changed_article(tmp_path: Path) -> None:
    root = project(tmp_path)
    run("zendesk", str(FIXTURES / "zendesk"), "--into", str(root))
    before = snapshot(root)
    export = tmp_path / "export"
    shutil.copytree(FIXTURES / "zendesk", export)
    page = export / "articles/en-us-page-2.json"
    data = json.loads(page.read_text())
    data["articles"][0]["body"] = data["articles"][0]["body"].replace("seven years", "ten years")
    data["articles"][0]["updated_at"] = data["articles"][0]["edited_at"] = "2024-06-01T10:00:00Z"
    page.write_text(json.dumps(data))
    changed = "content/invoices/download-an-invoice.md"
    out = run("zendesk", str(export), "--into", str(root))  # without --update: reported, nothing overwritten
    assert f"{changed} exists and differs from the export; run again with --update" in out
    assert snapshot(root) == before
    out = run("zendesk", str(export), "--into", str(root), "--update")
    assert "0 imported, 1 updated, 4 unchanged" in out
    after = snapshot(root)
    assert {k for k in after if after[k] != before.get(k)} == {changed, "locales/es.po"}
    assert "Invoices are kept for ten years." in after[changed].decode()
    assert front(root / changed)["updated"].isoformat() == "2024-06-01"
    # a translation changed in the help desk: --update brings it over as reviewed, nothing else moves
    tr = export / "translations/301.json"
    tr.write_text(tr.read_text(encoding="utf-8").replace("Abre <strong>Facturación</strong>",
                                                         "Entra en <strong>Facturación</strong>"), encoding="utf-8")
    run("zendesk", str(export), "--into", str(root), "--update")
    again = snapshot(root)
    assert {k for k in again if again[k] != after[k]} == {"locales/es.po"}
    memory = TranslationMemory(root / "locales/es.po", "es")
    assert memory.translation(next(e.msgctxt for e in memory.entries() if e.msgid == "Open **Billing**.")) == \
        "Entra en **Facturación**."


def _stale_and_reviewed(root: Path, locale: str) -> tuple[dict[str, str], dict[str, str]]:
    memory = TranslationMemory(root / "locales" / f"{locale}.po", locale)
    by = {s: {e.msgid: e.msgstr for e in memory.entries() if memory.status(e.msgctxt) is s}
          for s in (EntryStatus.STALE, EntryStatus.REVIEWED)}
    return by[EntryStatus.STALE], by[EntryStatus.REVIEWED]


def test_a_translation_flagged_outdated_is_imported_as_needing_review(tmp_path: Path) -> None:
    export = tmp_path / "export"
    shutil.copytree(FIXTURES / "zendesk", export)
    tr = export / "translations/301.json"
    tr.write_text(tr.read_text(encoding="utf-8").replace('"outdated": false', '"outdated": true'), encoding="utf-8")
    root = project(tmp_path)
    out = run("zendesk", str(export), "--into", str(root))
    stale, reviewed = _stale_and_reviewed(root, "es")
    assert stale["Choose the charge and click *Refund*."] == "Elige el cargo y haz clic en *Reembolsar*."
    assert stale["How do I get a refund?"] == "¿Cómo obtengo un reembolso?"
    assert "Choose the charge and click *Refund*." not in reviewed and "How do I get a refund?" not in reviewed
    assert "Reembolsos" in reviewed.values()  # the section's name is not part of the outdated translation
    assert re.search(r"\b(\d+) outdated translated segments .* stored as fuzzy", out)
    status = coverage(_center(root), load_config(root / "mkdocs.yml"))[0]
    assert status.stale == len(stale) > 0
    run("zendesk", str(export), "--into", str(root), "--update")  # again: still stale, nothing rewritten as reviewed
    assert _stale_and_reviewed(root, "es")[0] == stale


def test_update_of_an_article_edited_after_its_translation_marks_the_translation_stale(tmp_path: Path) -> None:
    root = project(tmp_path)
    run("zendesk", str(FIXTURES / "zendesk"), "--into", str(root))
    export = tmp_path / "export"
    shutil.copytree(FIXTURES / "zendesk", export)
    page = export / "articles/en-us-page-1.json"
    data = json.loads(page.read_text(encoding="utf-8"))
    art = next(a for a in data["articles"] if a["id"] == 301)
    art["body"] = art["body"].replace("within 30 days", "within 14 days")
    art["updated_at"] = art["edited_at"] = "2024-07-01T10:00:00Z"  # the es translation is from 2024-05-03
    page.write_text(json.dumps(data), encoding="utf-8")
    out = run("zendesk", str(export), "--into", str(root), "--update")
    stale, reviewed = _stale_and_reviewed(root, "es")
    assert stale["You can ask for a refund within 14 days of a charge."] == \
        "Puedes pedir un reembolso en los 30 días siguientes a un cargo."
    assert "outdated translated segment" in out
    assert "Reembolsos" in reviewed.values()
    # a paragraph the edit did not touch keeps its reviewed translation
    assert reviewed["Choose the charge and click *Refund*."] == "Elige el cargo y haz clic en *Reembolsar*."


def test_import_and_build_write_the_translation_memory_alike(tmp_path: Path) -> None:
    root = project(tmp_path)
    run("zendesk", str(FIXTURES / "zendesk"), "--into", str(root))
    po = root / "locales/es.po"
    imported = po.read_bytes()
    assert_builds(root)
    assert po.read_bytes() == imported  # the build leaves the file the import wrote as it is
    export = tmp_path / "export"
    shutil.copytree(FIXTURES / "zendesk", export)
    page = export / "articles/en-us-page-2.json"
    data = json.loads(page.read_text(encoding="utf-8"))
    data["articles"][0]["body"] = data["articles"][0]["body"].replace("seven years", "ten years")
    page.write_text(json.dumps(data), encoding="utf-8")
    run("zendesk", str(export), "--into", str(root), "--update")
    updated = po.read_bytes()
    old, new = imported.decode().splitlines(), updated.decode().splitlines()
    changed = [line for line in difflib.unified_diff(old, new, lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    msgids = [line for line in changed if "msgid" in line]  # only the edited paragraph's entry moved (now obsolete)
    assert msgids and all("seven years" in line or "ten years" in line for line in msgids), changed
    assert len(changed) <= 8, changed  # it rewrote every entry the import did not touch
    assert_builds(root)
    assert po.read_bytes() == updated  # one order: an import and a build write the same bytes


def test_bad_input_is_reported_and_the_rest_imported(tmp_path: Path) -> None:
    export = tmp_path / "export"
    shutil.copytree(FIXTURES / "zendesk", export)
    (export / "articles/en-us-page-2.json").unlink()  # a missing page of the paginated listing
    (export / "translations/303.json").write_text('{"translations": [', encoding="utf-8")  # malformed
    extra = json.loads((export / "articles/en-us-page-1.json").read_text())
    twin = dict(extra["articles"][0], id=306, position=3, body="<p>Another text under the same title.</p>")
    empty = dict(extra["articles"][0], id=307, position=4, title="Nothing here", body="<p> </p>")
    extra["articles"] += [twin, empty]
    (export / "articles/en-us-page-1.json").write_text(json.dumps(extra))
    root = project(tmp_path)
    (root / "content/refunds").mkdir()
    mine = "---\ntitle: My own refund page\n---\n\nWritten by hand.\n"
    (root / "content/refunds/how-do-i-get-a-refund.md").write_text(mine)  # a file the import must not touch
    out = run("zendesk", str(export), "--into", str(root))
    assert "page 2 of 2 of the articles listing is missing (have 1)" in out
    assert "save https://example.zendesk.com/api/v2/help_center/en-us/articles.json?page=2&per_page=3 there" in out
    assert f"{export / 'translations/303.json'}:1 [zendesk:" not in out  # not one article's problem
    assert "translations/303.json:1: malformed JSON" in out
    assert "[zendesk:307]: en: 'Nothing here' has an empty body: not imported" in out
    assert "[zendesk:306]: title 'How do I get a refund?' is also" in out
    assert (root / "content/refunds/how-do-i-get-a-refund.md").read_text() == mine
    assert front(root / "content/refunds/how-do-i-get-a-refund-2.md")["source_id"] == "zendesk:301"
    assert front(root / "content/refunds/how-do-i-get-a-refund-3.md")["title"] == "How do I get a refund? (Refunds)"
    assert "3 imported" in out


def test_html_folder(tmp_path: Path) -> None:
    root = project(tmp_path)
    out = run("html", str(FIXTURES / "html"), "--into", str(root))
    welcome = root / "content/getting-started/welcome.md"
    meta = front(welcome)
    assert meta["title"] == "Welcome to Acme help" and meta["keywords"] == ["start", "intro"]
    assert str(meta["updated"]) == "2023-11-20"
    body = welcome.read_text(encoding="utf-8")
    assert "[card fees](../billing/pay-by-card.md#card-fees)" in body
    assert "(images/welcome/logo.png)" in body and "javascript:" not in body
    assert "An old page and a trick." in body  # a link to a page not in the folder keeps its text only
    assert "[html:billing/empty]: 'Empty' has an empty body: not imported" in out
    assert "a table inside a table cell was flattened" in out
    assert front(root / "content/billing/pay-by-card.md")["title"] == "Pay by card (Billing)"  # duplicate title
    assert (root / "locales/es/welcome.md").is_file()
    report = check(load_config(root / "mkdocs.yml"))
    assert not report.problems, report.to_text()


DOCUSAURUS = {
    "docs/intro.md": "---\nid: intro\ntitle: Introduction\nsidebar_position: 1\nslug: /\n---\n\n"
                     "Welcome. Read [the billing intro](billing/introduction.md) or "
                     "[refunds](/docs/billing/refunds).\n",
    "docs/billing/_category_.json": '{"label": "Billing and plans", "position": 2, '
                                    '"link": {"type": "generated-index", "description": "Money matters"}}',
    "docs/billing/introduction.md": "---\ntitle: Billing introduction\nsidebar_label: Intro\n"
                                    "displayed_sidebar: main\nsidebar_position: 1\n---\n\n"
                                    "import useBaseUrl from '@docusaurus/useBaseUrl';\n"
                                    "import CtaBox from '@site/src/components/CtaBox';\n\n"
                                    "How billing works.\n\n"
                                    "<img alt=\"The plans page\" src={useBaseUrl('img/plans.png')} />\n\n"
                                    ":::tip Save money\n\nPay yearly.\n\n:::\n\n"
                                    "<CtaBox headline=\"Try it\" link=\"https://example.com\" />\n\n"
                                    "```js\nimport x from 'y';\nexport default x;\n```\n",
    "docs/billing/refunds.mdx": "---\ntitle: Refunds\nsidebar_position: 2\nkeywords: [money back]\n---\n\n"
                                "# Refunds\n\nAsk within 30 days. See the [intro](./introduction.md#how).\n\n"
                                ":::warning\n\nNo refunds on gift cards.\n\n:::\n",
    "docs/guides/introduction.md": "---\ntitle: Guides introduction\n---\n\nStart here. "
                                   "Back to [billing](../billing/introduction.md).\n",
    "static/img/plans.png": b"\x89PNG\r\n\x1a\nfake",
    "i18n/es/docusaurus-plugin-content-docs/current/billing/refunds.mdx":
        "---\ntitle: Reembolsos\n---\n\n# Reembolsos\n\nPídelo en 30 días. Consulta la "
        "[introducción](./introduction.md#how).\n\n:::warning\n\nSin reembolsos en tarjetas regalo.\n\n:::\n",
}


def test_docusaurus_mdx(tmp_path: Path) -> None:
    site = write_tree(tmp_path / "site", DOCUSAURUS)
    root = project(tmp_path)
    out = run("docusaurus", str(site), "--into", str(root))
    content = root / "content"
    intro = (content / "billing/introduction.md").read_text(encoding="utf-8")
    assert "import useBaseUrl" not in intro and "useBaseUrl" not in intro and "CtaBox" not in intro
    assert "![The plans page](images/introduction/plans.png)" in intro
    assert '!!! tip "Save money"\n    Pay yearly.' in intro
    assert "```js\nimport x from 'y';\nexport default x;\n```" in intro  # code keeps its import lines
    meta = front(content / "billing/introduction.md")
    assert meta["title"] == "Billing introduction" and "sidebar_label" not in meta
    assert yaml.safe_load((content / "billing/_category.yml").read_text()) == {
        "title": "Billing and plans", "description": "Money matters", "order": 2}
    # two introduction.md at the same depth: the first in path order keeps the name, the other gets its folder
    assert (content / "guides/guides-introduction.md").is_file()
    refunds = (content / "billing/refunds.md").read_text(encoding="utf-8")
    assert refunds.count("# Refunds") == 0 and "!!! warning\n    No refunds on gift cards." in refunds
    assert "[intro](introduction.md)" in refunds  # '#how' is not a heading there: the link goes to the top
    assert front(content / "billing/refunds.md")["keywords"] == ["money back"]
    general = (content / "general/intro.md").read_text(encoding="utf-8")
    assert "(../billing/introduction.md)" in general and "(../billing/refunds.md)" in general
    assert "dropped the MDX component <CtaBox />" in out
    memory = TranslationMemory(root / "locales/es.po", "es")  # i18n/es/... mirrors docs/: reviewed entries
    assert {e.msgid: e.msgstr for e in memory.entries()}["No refunds on gift cards."] == \
        "Sin reembolsos en tarjetas regalo."
    report = check(load_config(root / "mkdocs.yml"))
    assert not report.problems, report.to_text()


def test_starlight_and_mkdocs(tmp_path: Path) -> None:
    star = write_tree(tmp_path / "star", {
        "src/content/docs/index.mdx": "---\ntitle: Home\n---\n\nimport { Card } from '@astrojs/starlight/components';"
                                      "\n\nWelcome. See [setup](/start/setup/).\n",
        "src/content/docs/start/setup.md": "---\ntitle: Set up\nsidebar:\n  order: 1\n  label: Setup\n---\n\n"
                                           ":::note[Before you begin]\nHave an account.\n:::\n\nThen install.\n",
        "src/content/docs/es/start/setup.md": "---\ntitle: Configurar\n---\n\n"
                                              ":::note[Antes de empezar]\nTen una cuenta.\n:::\n\nDespués instala.\n",
    })
    root = project(tmp_path / "a")
    run("starlight", str(star), "--into", str(root))
    setup = (root / "content/start/setup.md").read_text(encoding="utf-8")
    assert '!!! note "Before you begin"\n    Have an account.' in setup
    assert "[setup](../start/setup.md)" in (root / "content/general/home.md").read_text(encoding="utf-8")
    assert not (root / "content/es").exists()  # a locale folder is translations, not a category
    assert load_config(root / "mkdocs.yml").helpkit.locales == ["es"]
    mk = write_tree(tmp_path / "mk", {
        "docs/index.md": "# Welcome\n\nRead [the FAQ](help/faq.md).\n",
        "docs/help/.pages": "title: Help and FAQ\n",
        "docs/help/faq.md": "---\ndescription: Common questions\n---\n\n# FAQ\n\n!!! note\n    Ask us.\n\n"
                            "Back [home](../index.md).\n",
        "docs/help/faq.es.md": "# Preguntas\n\n!!! note\n    Pregúntanos.\n\nVolver al [inicio](../index.md).\n",
    })
    root = project(tmp_path / "b")
    run("mkdocs", str(mk), "--into", str(root))
    faq = root / "content/help/faq.md"
    assert front(faq)["title"] == "FAQ" and front(faq)["description"] == "Common questions"
    assert yaml.safe_load((root / "content/help/_category.yml").read_text())["title"] == "Help and FAQ"
    memory = TranslationMemory(root / "locales/es.po", "es")
    assert {e.msgid: e.msgstr for e in memory.entries()}["Ask us."] == "Pregúntanos."
    report = check(load_config(root / "mkdocs.yml"))
    assert not report.problems, report.to_text()


def test_docs_front_matter_is_read_as_the_build_reads_it(tmp_path: Path) -> None:
    """Before: the docs importers cut front matter with a pattern of their own that wanted ``---`` alone on its line;
    a closing ``--- `` (a trailing space, which the build accepts) ran the front matter on to the page's horizontal
    rule, and the title was lost. An unclosed front matter is named, not imported as the page's text."""
    mk = write_tree(tmp_path / "mk", {
        "docs/help/faq.md": "---\ntitle: Common questions\n--- \n\nAsk us.\n\n---\n\nMore below the rule.\n",
        "docs/help/open.md": "---\ntitle: Open\n\nThis text: never closed.\n",
    })
    root = project(tmp_path / "b")
    out = run("mkdocs", str(mk), "--into", str(root))
    faq = root / "content/help/faq.md"
    assert front(faq)["title"] == "Common questions"
    assert "More below the rule." in faq.read_text(encoding="utf-8")
    assert "open.md" in out and "the front matter has no closing '---' line: not imported; add one after its last key" \
        in out


def test_a_folder_of_another_kind_is_a_message_and_no_help_center(tmp_path: Path) -> None:
    """``import docusaurus`` given a Zendesk export: before, '0 imported' with exit 0 and an empty new help center."""
    result = CliRunner().invoke(main, ["import", "docusaurus", str(FIXTURES / "zendesk"), "--into",
                                       str(tmp_path / "new")])
    assert result.exit_code == 3, result.output
    assert "no Markdown (.md, .mdx) files; give the docusaurus project" in result.output
    assert not (tmp_path / "new").exists()


def test_a_mistyped_export_path_is_a_missing_resource(tmp_path: Path) -> None:
    """Before: exit 2 (a usage error) from click, where helpkit's errors say a missing file is exit 3."""
    result = CliRunner().invoke(main, ["import", "intercom", str(tmp_path / "lumo-exprot"), "--into",
                                       str(tmp_path / "new")])
    assert result.exit_code == 3, result.output
    assert f"{tmp_path / 'lumo-exprot'}: no such file or folder; give the folder the Intercom export was saved in" \
        in result.output
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("chosen, given, expected, hint", [
    ("zendesk", "intercom", "no Zendesk articles in {path}: expected JSON with an 'articles' list (the Help Center "
     "API's /articles.json pages)", "these files look like an Intercom export: helpkit import intercom {path}"),
    ("freshdesk", "intercom", "no Freshdesk articles in {path}: expected JSON arrays of articles with 'folder_id'",
     "these files look like an Intercom export: helpkit import intercom {path}"),
    ("intercom", "zendesk", "no Intercom articles in {path}: expected JSON with a 'data' list of objects of type "
     "'article'", "these files look like a Zendesk export: helpkit import zendesk {path}"),
    ("zendesk", "freshdesk", "no Zendesk articles in {path}", "helpkit import freshdesk {path}"),
])
def test_the_wrong_help_desk_is_an_error_that_names_the_right_one(tmp_path: Path, chosen: str, given: str,
                                                                  expected: str, hint: str) -> None:
    """Before, choosing the wrong importer printed '0 imported ... 0 warnings', exited 0 and made an empty help
    center."""
    path = FIXTURES / given
    result = CliRunner().invoke(main, ["import", chosen, str(path), "--into", str(tmp_path / "new")])
    assert result.exit_code == 2, result.output
    assert expected.format(path=path) in result.output
    assert hint.format(path=path) in result.output
    assert not (tmp_path / "new").exists()


def test_an_export_whose_articles_all_fail_says_why_and_writes_nothing(tmp_path: Path) -> None:
    export = tmp_path / "export"
    shutil.copytree(FIXTURES / "zendesk", export)
    for listing in ("sections.json", "categories.json", "es/sections.json", "es/categories.json"):
        (export / listing).unlink()
    result = CliRunner().invoke(main, ["import", "zendesk", str(export), "--into", str(tmp_path / "new")])
    assert result.exit_code == 2, result.output
    assert f"no Zendesk article could be imported from {export}:" in result.output
    assert "is not in the export: save the sections listing too" in result.output
    assert not (tmp_path / "new").exists()


def test_an_empty_json_export_names_no_other_reader(tmp_path: Path) -> None:
    (tmp_path / "export").mkdir()
    (tmp_path / "export/articles.json").write_text('{"articles": [], "page": 1, "page_count": 1}', encoding="utf-8")
    result = CliRunner().invoke(main, ["import", "zendesk", str(tmp_path / "export"), "--into", str(tmp_path / "new")])
    assert result.exit_code == 2, result.output
    assert "no Zendesk articles in" in result.output and "look like" not in result.output
    assert not (tmp_path / "new").exists()


def set_contact(root: Path) -> None:
    """Replace the example contact address helpkit init writes with the team's, as its warning asks."""
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("support@example.com", "help@lumo.example"),
                      encoding="utf-8")


def test_a_new_help_center_is_made_when_into_has_none(tmp_path: Path) -> None:
    summary = import_help_center("html", FIXTURES / "html", tmp_path / "new")
    assert (tmp_path / "new/mkdocs.yml").is_file() and len(summary.imported) == 3
    config = load_config(tmp_path / "new/mkdocs.yml")
    assert config.helpkit.locales == ["es"]
    # the new mkdocs.yml names synonyms.txt and questions.csv: they are there, so the next step the summary names works
    assert (tmp_path / "new/questions.csv").is_file() and (tmp_path / "new/synonyms.txt").is_file()
    assert (tmp_path / "new/.github/workflows/publish.yml").is_file()
    report = check(config)  # only the example contact address is left for the team to set
    assert [p.message.split(":")[0] for p in report.problems] == ["helpkit.contact.email"], report.to_text()


def test_a_help_center_made_by_an_import_passes_check_strict(tmp_path: Path) -> None:
    """Before: the new mkdocs.yml promoted init's 'welcome' article, which an import does not write: the next step
    the summary names, helpkit check --strict, failed ('welcome' is not an article slug) for any export without one."""
    export = intercom_export(tmp_path / "export", [(1, "Pair a bulb", "<p>Tap + to pair a bulb.</p>"),
                                                   (2, "Reset a bulb", "<p>Reset a bulb before you pair it.</p>")])
    run("intercom", str(export), "--into", str(tmp_path / "new"))
    set_contact(tmp_path / "new")
    result = CliRunner().invoke(main, ["check", "--strict", "-f", str(tmp_path / "new/mkdocs.yml")])
    assert result.exit_code == 0, result.output


PLAUSIBLE = Path("/work/shared/eval/help_plausible")


@pytest.mark.skipif(not (PLAUSIBLE / "articles").is_dir(), reason="Plausible's docs (CC BY-SA 4.0) are not here")
def test_plausible_docusaurus_help_center(tmp_path: Path) -> None:
    """Plausible's real docs (CC BY-SA 4.0, Plausible Insights; read in place, see its README.txt/LICENSE.txt)."""
    root = project(tmp_path)
    out = run("docusaurus", str(PLAUSIBLE / "articles"), "--into", str(root))
    assert "132 imported" in out
    everything = "".join(p.read_text(encoding="utf-8") for p in (root / "content").rglob("*.md"))
    assert "import useBaseUrl" not in everything and "{useBaseUrl(" not in everything
    slugs = [p.stem for p in (root / "content").rglob("*.md")]
    assert len(slugs) == len(set(slugs)) and "introduction" in slugs
    report = check(load_config(root / "mkdocs.yml"))
    assert not report.problems, report.to_text()


@pytest.mark.parametrize("source, old_url, slug", [
    ("zendesk", "https://acme.zendesk.com/hc/en-us/articles/301-How-do-I-get-a-refund", "how-do-i-get-a-refund"),
    ("freshdesk", "https://acme.freshdesk.com/support/solutions/articles/9000001-install-acme", "install-acme"),
    ("intercom", "https://intercom.help/acme/en/articles/5002-change-your-email", "change-your-email"),
])
def test_agents_links_to_the_old_help_desk_label_tickets_after_an_import(tmp_path: Path, source: str, old_url: str,
                                                                        slug: str) -> None:
    """Last month's tickets were answered with links to the old help desk's pages: after the move, the deflection
    report still knows which article each one meant (the article keeps its ``source_id``)."""
    from deflection.model import Ticket
    from deflection.replies import ArticleLinks, labelled_article
    from helpkit.loader import load_help_center

    root = project(tmp_path)
    run(source, str(FIXTURES / source), "--into", str(root))
    config = load_config(root / "mkdocs.yml")
    links = ArticleLinks.of(load_help_center(config).articles, "https://help.acme.example/")
    reply = f"Hi! This explains it: {old_url} Let us know."
    def ticket(reply: str) -> Ticket:
        return Ticket("1", "How do I do this?", None, "en", "email", "tickets.json", 1, replies=(reply,))

    assert labelled_article(ticket(reply), links) == slug
    other = old_url.replace("/301-", "/999-").replace("/9000001-", "/9999999-").replace("/5002-", "/9999-")
    assert labelled_article(ticket(f"See {other}"), links) is None  # not imported


def test_the_import_summary_counts_one_in_the_singular(tmp_path: Path) -> None:
    """Before: '1 articles kept whole', '1 warnings', '1 links point at ...'."""
    from importers.write import ImportSummary

    one = ImportSummary("zendesk", tmp_path, ("a.md",), (), 0, (), ("w",), ("u",), ("es",), 1, ("es/a.md",))
    text = one.text()
    assert "1 skipped" not in text and "0 skipped, 1 warning\n" in text
    assert "1 reviewed segment in the translation memory, 1 article kept whole" in text
    assert "1 link to articles that were not imported" in text
    two = ImportSummary("zendesk", tmp_path, (), (), 0, (), ("w", "v"), ("u", "t"), ("es",), 2, ("a", "b"))
    assert "2 warnings" in two.text() and "2 articles kept whole" in two.text() and "2 links to" in two.text()
    out = run("zendesk", str(FIXTURES / "zendesk"), "--into", str(project(tmp_path)))
    assert "1 article kept whole" in out


def test_update_never_overwrites_an_article_edited_here(tmp_path: Path) -> None:
    """Before, ``--update`` replaced a locally edited article whose export text had not changed ("2 updated"), and
    its edit was lost without a word."""
    root = project(tmp_path)
    run("zendesk", str(FIXTURES / "zendesk"), "--into", str(root))
    edited = root / "content/invoices/download-an-invoice.md"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nLocal note: call us.\n", encoding="utf-8")
    export = tmp_path / "export"
    shutil.copytree(FIXTURES / "zendesk", export)
    listing = export / "articles/en-us-page-2.json"  # another article changes in the help desk
    data = json.loads(listing.read_text(encoding="utf-8"))
    other = next(a for a in data["articles"] if a["title"] == "Reset your password")
    other["body"] += "<p>The link works for one hour.</p>"
    listing.write_text(json.dumps(data), encoding="utf-8")
    out = run("zendesk", str(export), "--into", str(root), "--update")
    assert "0 imported, 1 updated, 4 unchanged, 1 skipped" in out
    assert "1 article edited here since the last import and unchanged in the export: kept as is" in out
    assert "content/invoices/download-an-invoice.md" in out
    assert "Local note: call us." in edited.read_text(encoding="utf-8")
    assert "The link works for one hour." in next((root / "content").rglob("reset-your-password.md")).read_text()
    # the export changes the edited article too: still kept, reported with the way out; --force replaces it
    page = export / "articles/en-us-page-2.json"
    data = json.loads(page.read_text(encoding="utf-8"))
    data["articles"][0]["body"] = data["articles"][0]["body"].replace("seven years", "ten years")
    page.write_text(json.dumps(data), encoding="utf-8")
    out = run("zendesk", str(export), "--into", str(root), "--update")
    assert "content/invoices/download-an-invoice.md differs from the export and was edited here since the last " \
           "import: your version is kept" in out and "run again with --force" in out
    assert "0 imported, 0 updated, 4 unchanged, 2 skipped" in out
    assert "Local note: call us." in edited.read_text(encoding="utf-8")
    out = run("zendesk", str(export), "--into", str(root), "--update", "--force")
    assert "0 imported, 1 updated, 4 unchanged, 1 skipped" in out
    assert "Local note" not in edited.read_text(encoding="utf-8")
    assert "ten years" in edited.read_text(encoding="utf-8")
    assert "0 imported, 0 updated, 5 unchanged" in run("zendesk", str(export), "--into", str(root), "--update")
    # a translation kept whole is an article too: edited here, it is kept
    whole = root / "locales/es/when-will-my-refund-arrive.md"
    whole.write_text(whole.read_text(encoding="utf-8") + "\nNota local.\n", encoding="utf-8")
    tr = export / "translations/302.json"
    tr.write_text(tr.read_text(encoding="utf-8").replace("unos días", "unos pocos días"), encoding="utf-8")
    out = run("zendesk", str(export), "--into", str(root), "--update")
    assert "locales/es/when-will-my-refund-arrive.md differs from the export and was edited here" in out
    assert "Nota local." in whole.read_text(encoding="utf-8")


def test_a_category_the_help_center_already_has_takes_the_exports_values(tmp_path: Path) -> None:
    """Before, a folder named like ``helpkit init``'s ``getting-started`` kept the scaffold's description and order
    (tying with an imported category at order 1) and nothing was said."""
    root = project(tmp_path)
    write_tree(root / "content", {
        "setup/_category.yml": "title: Setup\ndescription: The basics.\nicon: material/rocket-launch-outline\n"
                               "order: 1\n",
        "setup/welcome.md": "---\ntitle: Welcome\ndescription: Start here.\n---\n\nHello.\n",
        "billing/_category.yml": "title: Billing\ndescription: Money.\norder: 1\n",
        "billing/pay.md": "---\ntitle: Pay\ndescription: Paying.\nrelated: [welcome]\n---\n\nPay.\n",
    })
    out = run("freshdesk", str(FIXTURES / "freshdesk"), "--into", str(root))
    setup = yaml.safe_load((root / "content/setup/_category.yml").read_text(encoding="utf-8"))
    assert setup == {"title": "Setup", "description": "Install and configure",
                     "icon": "material/rocket-launch-outline", "order": setup["order"]}
    assert setup["order"] != 1
    assert "content/setup/_category.yml: the help center already had this category; the export's 'Setup' was " \
           "merged into it" in out and "'The basics.' → 'Install and configure'" in out
    troubleshooting = yaml.safe_load((root / "content/troubleshooting/_category.yml").read_text(encoding="utf-8"))
    assert troubleshooting["order"] == 1  # the imported order ties with Billing's: said, with the fix
    assert "content/troubleshooting/_category.yml: order 1 is also content/billing/_category.yml's: the home page " \
           "sorts them by title; give one of them another order" in out
    before = snapshot(root)  # a second import leaves the merged category alone
    run("freshdesk", str(FIXTURES / "freshdesk"), "--into", str(root), "--update")
    assert snapshot(root) == before


def freshdesk_export(root: Path, articles: list[tuple[int, str, str]]) -> Path:
    """A one-folder Freshdesk export: ``(id, title, HTML body)`` per article."""
    write_tree(root, {
        "categories.json": json.dumps([{"id": 1, "name": "Help", "visible_in_portals": [1]}]),
        "folders/1.json": json.dumps([{"id": 10, "name": "Rides", "description": "Riding", "visibility": 1}]),
        "articles/10.json": json.dumps([{"id": aid, "folder_id": 10, "title": title, "description": html,
                                         "status": 2, "position": n} for n, (aid, title, html) in
                                        enumerate(articles, start=1)]),
    })
    return root


def test_slugs_drop_inner_apostrophes_and_descriptions_skip_lead_ins(tmp_path: Path) -> None:
    """Before: ``my-bike-won-t-unlock.md`` and the description 'If the bike stays locked ..., try these steps in
    order:' (a lead-in to a list, not a summary)."""
    export = freshdesk_export(tmp_path / "export", [
        (1, "My bike won't unlock",
         "<p>If the bike stays locked, try these steps in order:</p><ul><li>Turn on Bluetooth.</li></ul>"
         "<h2>Why won't it unlock?</h2><p>Still stuck? Unlock it with your Pedalo card instead.</p>"),
        (2, "Pedalo’s passes", "<p>You can buy one in two ways:</p><ol><li>App</li></ol><p>Either way, a pass "
                               "makes riding cheaper.</p><p>See <a href='https://x.freshdesk.com/support/solutions/"
                               "articles/1'>unlocking</a>.</p>"),
        (3, "Only steps", "<p>Do this:</p><ol><li>Open the app.</li></ol>"),
        (4, "My box is late", "<p>Sorry about that! Boxes can run up to two hours late on busy days.</p>"),
        (5, "Short", "<p>Call us.</p>"),
        (6, "How do I change my delivery address, my delivery day and every setting notification preference",
         "<p>In Settings.</p>"),
    ])
    root = project(tmp_path)
    run("freshdesk", str(export), "--into", str(root))
    unlock = root / "content/rides/my-bike-wont-unlock.md"
    assert front(unlock)["description"] == "Unlock it with your Pedalo card instead."
    assert front(root / "content/rides/pedalos-passes.md")["description"] == \
        "Either way, a pass makes riding cheaper."
    assert front(root / "content/rides/only-steps.md")["description"] == "Do this."
    assert front(root / "content/rides/my-box-is-late.md")["description"] == \
        "Boxes can run up to two hours late on busy days."  # not the aside "Sorry about that!"
    assert front(root / "content/rides/short.md")["description"] == "Call us."  # nothing longer: the short one
    # a long title's file name is cut between words, not inside one ("...-every-setting-notifica")
    assert (root / "content/rides/how-do-i-change-my-delivery-address-my-delivery-day-and-every-setting.md").is_file()
    assert "(my-bike-wont-unlock.md)" in (root / "content/rides/pedalos-passes.md").read_text(encoding="utf-8")
    # heading anchors are MkDocs' own, as before: the apostrophe was always dropped there
    article = next(a for a in load_help_center(load_config(root / "mkdocs.yml")).articles
                   if a.slug == "my-bike-wont-unlock")
    assert [s.anchor for s in article.sections if s.anchor][-1:] == ["why-wont-it-unlock"]
    assert not check(load_config(root / "mkdocs.yml")).problems


def test_an_article_imported_under_the_old_slug_keeps_its_file_and_url(tmp_path: Path) -> None:
    export = freshdesk_export(tmp_path / "export", [(1, "My bike won't unlock", "<p>Turn on Bluetooth.</p>")])
    root = project(tmp_path)
    old = root / "content/rides/my-bike-won-t-unlock.md"
    write_tree(root / "content", {"rides/my-bike-won-t-unlock.md": "---\ntitle: My bike won't unlock\n"
                                  "description: Old.\nsource_id: freshdesk:1\n---\n\nOld text.\n"})
    run("freshdesk", str(export), "--into", str(root), "--update", "--force")
    assert sorted(p.name for p in (root / "content/rides").glob("*.md")) == ["my-bike-won-t-unlock.md"]
    assert "Turn on Bluetooth." in old.read_text(encoding="utf-8")


RESET = "<p>On the sign-in screen tap <strong>Forgot password</strong> and enter your e-mail address. The link is " \
        "valid for one hour.</p><pre>Didn't get the e-mail? Check spam for noreply@pedalo.example</pre>"


def test_an_article_exported_twice_is_reported_and_left_out_unless_asked(tmp_path: Path) -> None:
    """Before, 'Reset your password' exported twice became a second article titled 'Reset your password (Rides)'
    and passed ``helpkit check``: two pages with the same text, nothing said (the walkthrough's 'Reset your
    password (Your account)')."""
    export = freshdesk_export(tmp_path / "export", [
        (1, "Reset your password", RESET),
        (2, "Reset your password", RESET.replace("one hour", "1 hour")),
        (3, "Delete your account", "<p>Go to Account, then Privacy, then Delete account. First "
                                   "<a href='https://x.freshdesk.com/support/solutions/articles/2'>reset it</a>.</p>"),
        (4, "Forgot your password?", RESET),  # another title: perhaps another article; said, and kept
    ])
    root = project(tmp_path)
    out = run("freshdesk", str(export), "--into", str(root))
    assert "[freshdesk:2]: 'Reset your password' has the same text as [freshdesk:1] 'Reset your password' " \
           "(content/rides/reset-your-password.md): not imported, links to it go there; run again with " \
           "--keep-duplicates to import both" in out
    assert "[freshdesk:4]: 'Forgot your password?' has the same text as [freshdesk:1] 'Reset your password' " \
           "(content/rides/reset-your-password.md); both are kept: merge them if they are one article" in out
    assert sorted(p.name for p in (root / "content/rides").glob("*.md")) == \
        ["delete-your-account.md", "forgot-your-password.md", "reset-your-password.md"]
    assert "[reset it](reset-your-password.md)" in (root / "content/rides/delete-your-account.md").read_text()
    assert not check(load_config(root / "mkdocs.yml")).problems  # no broken link
    kept = project(tmp_path / "kept")
    out = run("freshdesk", str(export), "--into", str(kept), "--keep-duplicates")
    assert "[freshdesk:2]: 'Reset your password' has the same text as [freshdesk:1] 'Reset your password' " \
           "(content/rides/reset-your-password.md); both are kept" in out
    assert (kept / "content/rides/reset-your-password-2.md").is_file()


def test_an_article_the_help_center_has_by_hand_is_not_imported_again(tmp_path: Path) -> None:
    export = freshdesk_export(tmp_path / "export", [(1, "Reset your password", RESET)])
    root = project(tmp_path)
    write_tree(root / "content", {"account/reset-your-password.md": "---\ntitle: Reset your password\n---\n\n"
               "On the sign-in screen tap **Forgot password** and enter your e-mail address. The link is valid for "
               "one hour.\n\n```\nDidn't get the e-mail? Check spam for noreply@pedalo.example\n```\n"
               "Hand-written extra line.\n"})
    result = CliRunner().invoke(main, ["import", "freshdesk", str(export), "--into", str(root)])
    assert "[freshdesk:1]: 'Reset your password' has the same text as content/account/reset-your-password.md (add " \
           "'source_id: freshdesk:1' to its front matter if it is this article, so imports update it)" in result.output
    assert not (root / "content/rides").exists()


def test_a_twin_whose_front_matter_fence_has_a_trailing_space_is_found_too(tmp_path: Path) -> None:
    """Before: the duplicate check cut the front matter off with a pattern of its own that wanted ``---`` alone on
    its line; a closing ``--- `` (a trailing space, which the loader and the site accept) kept the front matter in
    the compared text, so the article's twin was imported again as 'Reset your password (Rides)'. The front matter
    is now split by the loader's own function."""
    export = freshdesk_export(tmp_path / "export", [(1, "Reset your password", RESET)])
    root = project(tmp_path)
    write_tree(root / "content", {"account/reset-your-password.md": (
        "---\ntitle: Reset your password\ndescription: What to do when you forgot the password of your Pedalo "
        "account and cannot sign in any more.\nkeywords: [password, sign in, login, forgot, e-mail, reset link, "
        "account access]\n--- \n\nOn the sign-in screen tap **Forgot password** and enter your e-mail address. The "
        "link is valid for one hour.\n\n```\nDidn't get the e-mail? Check spam for noreply@pedalo.example\n```\n")})
    [article] = load_help_center(load_config(root / "mkdocs.yml")).articles  # the loader takes the file as it is
    assert article.title == "Reset your password" and article.body.lstrip().startswith("On the sign-in screen")
    out = run("freshdesk", str(export), "--into", str(root))
    assert "[freshdesk:1]: 'Reset your password' has the same text as content/account/reset-your-password.md" in out
    assert not (root / "content/rides").exists()


@pytest.mark.parametrize("a, b, same", [
    ("Tap Forgot password and enter your e-mail address; the link is valid for one hour.",
     "Tap Forgot password and enter your e-mail address; the [link](x.md) is valid for one hour. Check spam.", True),
    ("Tap Forgot password and enter your e-mail address; the link is valid for one hour.",
     "Tap Replace card and enter the new card number; the old card is removed at once.", False),
    ("Coming soon.", "Coming soon.", False),  # too short to call two articles the same
])
def test_near_duplicate_bodies(a: str, b: str, same: bool) -> None:
    index = similar.Index()
    index.add(similar.body("a", a))
    assert (index.twin(similar.body("b", b)) is not None) is same


TICKETS = Path(__file__).parent / "fixtures" / "deflection"
FRESHDESK_UI_CSV = "Ticket ID,Subject,Description,Status,Priority,Source,Agent,Created time\n" \
                   "1,Bike locked,It stays locked,Closed,Low,Email,Ana,2026-06-01 10:00:00\n"


@pytest.mark.parametrize("source, tickets", [
    ("freshdesk", "freshdesk.json"), ("freshdesk", "folder"), ("freshdesk", "ui-export.csv"),
    ("zendesk", "zendesk.json"), ("intercom", "intercom.json"), ("zendesk", "helpscout.json"),
])
def test_a_ticket_export_is_named_and_deflection_suggested(tmp_path: Path, source: str, tickets: str) -> None:
    """Before: 'no Freshdesk articles' (or 'malformed JSON ... download it again' for the CSV), nothing else."""
    if tickets == "folder":
        path = write_tree(tmp_path / "tickets", {"2026-06/tickets.json": (TICKETS / "freshdesk.json").read_text()})
        named = path / "2026-06/tickets.json"
    elif tickets.endswith(".csv"):
        path = named = tmp_path / tickets
        path.write_text(FRESHDESK_UI_CSV, encoding="utf-8")
    else:
        path = named = TICKETS / tickets
    result = CliRunner().invoke(main, ["import", source, str(path), "--into", str(tmp_path / "new")])
    assert result.exit_code == 2, result.output
    assert "nothing was imported\nthis looks like a ticket export (customers' requests, not help articles): to see " \
           f"which of them your articles answer, run helpkit deflection {named}" in result.output
    assert "malformed JSON" not in result.output
    assert not (tmp_path / "new").exists()


def test_article_exports_are_not_taken_for_tickets() -> None:
    for source in ("zendesk", "freshdesk", "intercom", "html"):
        assert ticket_files(FIXTURES / source) == []


def test_articles_imported_before_import_hash_get_it_when_unchanged(tmp_path: Path) -> None:
    """Files written by an older helpkit (no ``import_hash``): the same as the export, they are unchanged and get
    the hash; different, they may hold local edits, so only --force replaces them."""
    root = project(tmp_path)
    run("zendesk", str(FIXTURES / "zendesk"), "--into", str(root))
    files = sorted((root / "content").rglob("*.md"))
    for path in files:
        path.write_text(re.sub(r"^import_hash: .*\n", "", path.read_text(encoding="utf-8"), flags=re.M),
                        encoding="utf-8")
    changed = root / "content/invoices/download-an-invoice.md"
    changed.write_text(changed.read_text(encoding="utf-8").replace("seven years", "7 years"), encoding="utf-8")
    out = run("zendesk", str(FIXTURES / "zendesk"), "--into", str(root), "--update")
    assert "0 imported, 0 updated, 4 unchanged, 2 skipped" in out
    assert "content/invoices/download-an-invoice.md differs from the export and has no import_hash (written by an " \
           "older helpkit), so it may have been edited here: your version is kept" in out
    assert all("import_hash: " in p.read_text(encoding="utf-8") for p in files if p != changed)
    assert "7 years" in changed.read_text(encoding="utf-8")


def test_a_broken_category_file_in_the_way_is_reported_not_a_crash(tmp_path: Path) -> None:
    root = project(tmp_path)
    write_tree(root / "content", {"setup/_category.yml": "title: [Setup\n"})
    out = run("freshdesk", str(FIXTURES / "freshdesk"), "--into", str(root))
    assert "content/setup/_category.yml: not valid YAML, so the export's 'Setup' was not merged into it" in out
    assert (root / "content/setup/_category.yml").read_text(encoding="utf-8") == "title: [Setup\n"


def intercom_export(root: Path, articles: list[tuple[int, str, str]], files: dict[str, bytes] | None = None) -> Path:
    """A one-collection Intercom export: ``(id, title, HTML body)`` per article, plus downloaded ``files``."""
    data = [{"type": "article", "id": str(aid), "parent_id": 7, "parent_type": "collection", "title": title,
             "body": html, "state": "published", "default_locale": "en"} for aid, title, html in articles]
    write_tree(root, {
        "collections.json": json.dumps({"type": "list", "data": [{"type": "collection", "id": "7", "name": "Wi-Fi",
                                                                   "order": 1, "parent_id": None}]}),
        "articles.json": json.dumps({"type": "list", "data": data}), **(files or {}),
    })
    return root


def test_intercom_screenshots_with_the_same_name_stay_with_their_articles(tmp_path: Path) -> None:
    """Before: Intercom names every pasted screenshot ``image.png``; both articles showed the first one found."""
    cdn = "https://downloads.intercomcdn.com/i/o/512345"
    export = intercom_export(tmp_path / "export", [
        (1, "Mesh networks", f'<p>Pause the 5 GHz band.</p><img src="{cdn}/ee55ff66/image.png">'),
        (2, "New router", f'<p>Move every bulb.</p><img src="{cdn}/0a0b0c0d/image.png">'),
    ], {"attachments/0a0b0c0d/image.png": b"router", "attachments/ee55ff66/image.png": b"mesh"})
    root = project(tmp_path)
    run("intercom", str(export), "--into", str(root))
    assert (root / "content/wi-fi/images/mesh-networks/image.png").read_bytes() == b"mesh"
    assert (root / "content/wi-fi/images/new-router/image.png").read_bytes() == b"router"


def test_links_to_intercom_heading_ids_go_to_the_headings(tmp_path: Path) -> None:
    """Before: a link to another article's ``#h_5b2c9d0e01`` (Intercom's heading id) went to its top, with a
    warning, and a link to one of the article's own headings lost its link."""
    export = intercom_export(tmp_path / "export", [
        (1, "Mesh networks", '<h2 id="h_5b2c9d0e01">Mesh systems (Eero, Deco)</h2><p>Pause 5 GHz.</p>'
                             '<h2 id="h_5b2c9d0e02">Dual-band routers</h2><p>Turn off band steering.</p>'),
        (2, "Wi-Fi problems", '<p>See <a href="https://help.lumo.example/en/articles/1-mesh-networks#h_5b2c9d0e01">'
                              'mesh</a> or <a href="#h_77e0b1c2d4">your router</a>.</p>'
                              '<h2 id="h_77e0b1c2d4">Check your router</h2><p>Turn off AP isolation.</p>'),
    ])
    root = project(tmp_path)
    out = run("intercom", str(export), "--into", str(root))
    assert "no heading" not in out and "no such heading" not in out
    body = (root / "content/wi-fi/wi-fi-problems.md").read_text(encoding="utf-8")
    assert "[mesh](mesh-networks.md#mesh-systems-eero-deco)" in body
    assert "[your router](#check-your-router)" in body
    assert not check(load_config(root / "mkdocs.yml")).problems  # the anchors exist


def test_odd_nesting_from_a_rich_text_editor_converts_to_real_markdown(tmp_path: Path) -> None:
    """Before: ``<b><h2>`` became the literal text ``**## Reset**``, an italic list ``*- a``, and a screenshot
    linking another article kept the link ``(hk:0)``, a dead link on the site that ``check`` did not see."""
    export = intercom_export(tmp_path / "export", [
        (1, "Reset a bulb", '<b><h2 id="h_1">Reset</h2></b><em><ul><li>Off</li><li>On</li></ul></em>'
                            '<a href="https://help.lumo.example/en/articles/2-pair-a-bulb"><img src="https://x.example/'
                            'i/o/1/shot.png"></a><a href="#h_1">Back to top</a>'),
        (2, "Pair a bulb", "<p>Tap +.</p>"),
    ], {"shot.png": b"png"})
    root = project(tmp_path)
    run("intercom", str(export), "--into", str(root))
    body = (root / "content/wi-fi/reset-a-bulb.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    assert "\n## Reset\n" in body and "\n- Off\n- On\n" in body
    assert "[![](images/reset-a-bulb/shot.png)](pair-a-bulb.md)" in body and "hk:" not in body
    assert "[Back to top](#reset)" in body


def test_intercom_callout_colours_and_stand_alone_articles_are_told_as_they_are(tmp_path: Path) -> None:
    """Before: every Intercom callout (coloured by a style) warned 'dropped inline styles', and an article in no
    collection was told to 'save the collections listing too', which cannot help."""
    export = intercom_export(tmp_path / "export", [
        (1, "Schedules", '<div class="intercom-interblocks-callout" style="background-color: #feedaf80;"><p>Time '
                         'zones follow your home.</p></div>'),
        (2, "Scenes", '<p>Save a <span style="color: red">scene</span>.</p>'),
        (3, "Stand-alone", "<p>Sent from the Messenger only.</p>"),
    ])
    listing = json.loads((export / "articles.json").read_text())
    listing["data"][2]["parent_id"] = None
    (export / "articles.json").write_text(json.dumps(listing))
    out = run("intercom", str(export), "--into", str(project(tmp_path)))
    assert "[intercom:1]" not in out and "[intercom:2]: en: dropped inline styles" in out
    assert "[intercom:3]: it is in no collection (Intercom does not publish it either)" in out
    assert "collections listing" not in out


@pytest.mark.parametrize("html, markdown", [
    ('<div class="intercom-interblocks-callout"><p><b>Tip:</b> pair bulbs one at a time.</p></div>',
     "!!! tip\n    Pair bulbs one at a time.\n"),
    ('<div class="callout"><p><b>Note</b>: the app must be open.</p></div>', "!!! note\n    The app must be open.\n"),
    ("<blockquote><p><strong>Warning</strong> — do not unplug.</p></blockquote>", "!!! warning\n    Do not unplug.\n"),
    ('<div class="intercom-interblocks-callout"><p><b>Tipp:</b> Kopple die Lampen einzeln.</p></div>',
     '!!! tip "Tipp"\n    Kopple die Lampen einzeln.\n'),  # a translation's callout: its word is the title, once
    # the class says the kind, the lead word the title (an alert-danger had become a warning, "Important" lost)
    ('<div class="alert alert-danger"><strong>Important:</strong> never ride a damaged bike.</div>',
     '!!! danger "Important"\n    Never ride a damaged bike.\n'),
])
def test_a_callouts_lead_word_leaves_a_sentence(html: str, markdown: str) -> None:
    """Before: 'pair bulbs ...', ': the app must ...' and '— do not ...' under the admonition's title."""
    from importers.convert import html_to_md

    assert html_to_md(html, lambda href: None, lambda src: None).markdown == markdown


def test_attachments_with_spaces_in_their_names_are_images_check_sees(tmp_path: Path) -> None:
    """Before: ``![](images/pair/Screenshot 2024-03-02 at 10.15.22.png)``: the site showed it, but for CommonMark a
    space ends the path, so ``helpkit check`` saw no image there and said nothing when the file went missing."""
    cdn = "https://downloads.intercomcdn.com/i/o/1"
    export = intercom_export(tmp_path / "export", [
        (1, "Pair", f'<p>Tap +.</p><img src="{cdn}/a/Screenshot%202024-03-02%20at%2010.15.22.png">'
                    f'<img src="{cdn}/b/image%20(1).png">'),
    ], {"Screenshot 2024-03-02 at 10.15.22.png": b"one", "image (1).png": b"two"})
    root = project(tmp_path)
    run("intercom", str(export), "--into", str(root))
    body = (root / "content/wi-fi/pair.md").read_text(encoding="utf-8")
    assert "![](images/pair/Screenshot-2024-03-02-at-10.15.22.png)" in body and "![](images/pair/image-1.png)" in body
    (root / "content/wi-fi/images/pair/image-1.png").unlink()
    assert "image-1.png" in check(load_config(root / "mkdocs.yml")).to_text()


def test_an_article_saved_twice_is_imported_once_even_with_keep_duplicates(tmp_path: Path) -> None:
    """Before: a listing downloaded twice ('articles (1).json') made every article twice with --keep-duplicates
    (two files with one source_id, which later --update runs cannot tell apart); without it, each was called a
    duplicate 'of itself', with --keep-duplicates as the advice."""
    export = intercom_export(tmp_path / "export", [(1, "Pair a bulb", "<p>Tap +.</p>")])
    shutil.copy(export / "articles.json", export / "articles (1).json")
    root = project(tmp_path)
    out = run("intercom", str(export), "--into", str(root), "--keep-duplicates")
    assert [p.name for p in (root / "content").rglob("*.md")] == ["pair-a-bulb.md"]
    assert "[intercom:1]: also in" in out and "delete the other file" in out


def test_a_draft_intercom_translation_is_reported_not_dropped_silently(tmp_path: Path) -> None:
    """Before: a translation still a draft in Intercom vanished from the import without a word."""
    export = intercom_export(tmp_path / "export", [(1, "Pair a bulb", "<p>Tap +.</p>")])
    listing = json.loads((export / "articles.json").read_text())
    listing["data"][0]["translated_content"] = {"type": "article_translated_content", "de": {
        "type": "article_content", "title": "Lampe koppeln", "body": "<p>Tippe auf +.</p>", "state": "draft"}}
    (export / "articles.json").write_text(json.dumps(listing))
    out = run("intercom", str(export), "--into", str(project(tmp_path)))
    assert "[intercom:1]: de: this translation is a draft in Intercom: not imported" in out


def test_a_link_to_the_old_help_centers_collection_page_is_reported(tmp_path: Path) -> None:
    """Before: kept without a word; once the old help center's address serves this one, it is a dead link."""
    export = intercom_export(tmp_path / "export", [
        (1, "Offline bulbs", '<p>See all <a href="https://help.lumo.example/en/collections/301-getting-started">setup'
                             '</a> articles, or <a href="https://lumo.example/shop">the shop</a>.</p>'),
    ])
    out = run("intercom", str(export), "--into", str(project(tmp_path)))
    assert ("content/wi-fi/offline-bulbs.md: link https://help.lumo.example/en/collections/301-getting-started goes "
            "to a collection or section page of the old help center") in out
    assert "lumo.example/shop" not in out


def test_sections_of_one_name_in_two_categories_get_the_categorys_name_too(tmp_path: Path) -> None:
    """Before: an 'FAQ' collection under Billing and one under Wi-Fi made two home page cards titled 'FAQ'."""
    export = intercom_export(tmp_path / "export", [])
    cols = [{"type": "collection", "id": "1", "name": "Billing", "order": 1, "parent_id": None},
            {"type": "collection", "id": "2", "name": "Wi-Fi", "order": 2, "parent_id": None},
            {"type": "collection", "id": "11", "name": "FAQ", "order": 1, "parent_id": "1"},
            {"type": "collection", "id": "21", "name": "FAQ", "order": 1, "parent_id": "2"},
            {"type": "collection", "id": "22", "name": "Routers", "order": 2, "parent_id": "2"}]
    arts = [{"type": "article", "id": str(n), "parent_id": c, "title": t, "body": f"<p>{t} text.</p>",
             "state": "published", "default_locale": "en"}
            for n, c, t in ((1, 11, "Charged twice"), (2, 21, "Bulb offline"), (3, 22, "Mesh routers"))]
    write_tree(export, {"collections.json": json.dumps({"type": "list", "data": cols}),
                        "articles.json": json.dumps({"type": "list", "data": arts})})
    root = project(tmp_path)
    run("intercom", str(export), "--into", str(root))
    titles = sorted(yaml.safe_load(p.read_text())["title"] for p in (root / "content").glob("*/_category.yml"))
    assert titles == ["Billing: FAQ", "Routers", "Wi-Fi: FAQ"]


INTERCOM_VIDEO = ('<p class="no-margin">Pairing takes half a minute; this shows each step.</p>'
                  '<div class="intercom-container intercom-align-center"><iframe src="https://www.youtube.com/embed/'
                  'dQw4w9WgXcQ" frameborder="0" allowfullscreen=""></iframe></div>'
                  '<p class="no-margin">Keep the bulb within a metre of your phone while it pairs.</p>')
"""An Intercom article body with a video, in the shape Intercom's Articles API returns (its documented article
HTML: blocks in ``div.intercom-container``; ``<iframe>`` for a YouTube, Wistia, Vimeo, Loom, Vidyard or StreamIO
video)."""


@pytest.mark.parametrize("source", ["intercom", "freshdesk"])
def test_an_embedded_video_becomes_a_link_named_a_video_on_the_built_page(tmp_path: Path, source: str) -> None:
    """Before: the video became its bare address, ``[https://www.youtube.com/embed/...](https://...)``, for every
    help desk (the one HTML conversion all importers share)."""
    make = intercom_export if source == "intercom" else freshdesk_export
    export = make(tmp_path / "export", [(1, "Pair a bulb", INTERCOM_VIDEO),
                                        (2, "Reset a bulb", "<p>Switch it off and on five times.</p>")])
    root = project(tmp_path)
    out = run(source, str(export), "--into", str(root))
    [article] = (root / "content").rglob("pair-a-bulb.md")
    body = article.read_text(encoding="utf-8")
    # the video's own page, not the player's embed address (a walkthrough's link opened a bare player)
    assert "this shows each step.\n\n[Video on YouTube](https://www.youtube.com/watch?v=dQw4w9WgXcQ)\n\nKeep the bulb" \
        in body
    assert "replaced an embedded YouTube video with a link to it (https://www.youtube.com/watch?v=dQw4w9WgXcQ)" in out
    assert_builds(root)
    page = (root / "site" / article.parent.name / "pair-a-bulb.html").read_text(encoding="utf-8")
    assert '<a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ">Video on YouTube</a>' in page


@pytest.mark.parametrize("frame, markdown", [
    ('<iframe src="https://player.vimeo.com/video/76979871" title="Pairing a bulb [2 min]"></iframe>',
     "[Video: Pairing a bulb (2 min)](https://vimeo.com/76979871)"),
    ('<iframe width="560" src="https://www.youtube-nocookie.com/embed/x1" title="YouTube video player"></iframe>',
     "[Video on YouTube](https://www.youtube.com/watch?v=x1)"),  # the player's own title says nothing
    ('<iframe src="//fast.wistia.net/embed/iframe/abcde12345" class="wistia_embed"></iframe>',
     "[Video on Wistia](https://fast.wistia.net/embed/iframe/abcde12345)"),  # Wistia's embed code: no scheme
    ('<iframe src="https://www.loom.com/embed/0281766fa2d04bb788eaf19e65135184"></iframe>',
     "[Video on Loom](https://www.loom.com/share/0281766fa2d04bb788eaf19e65135184)"),
    ('<iframe src="https://www.google.com/maps/embed?pb=1"></iframe>',  # not a video: its address, as before
     "[https://www.google.com/maps/embed?pb=1](https://www.google.com/maps/embed?pb=1)"),
])
def test_embedded_frames_convert_to_links_to_the_page_that_shows_them(frame: str, markdown: str) -> None:
    """Before: a protocol-relative Wistia frame was dropped (while the note said it had been replaced by a link)."""
    from importers.convert import html_to_md

    converted = html_to_md(f"<p>Watch this.</p>{frame}", lambda href: None, lambda src: None)
    assert converted.markdown == f"Watch this.\n\n{markdown}\n"


def test_an_import_into_a_new_init_help_center_replaces_its_unedited_sample(tmp_path: Path) -> None:
    """Before: ``helpkit init`` then ``helpkit import`` left init's 'Welcome to the help center' in the nav (and in
    the home page's popular articles) beside the imported articles."""
    root = tmp_path / "hc"
    assert CliRunner().invoke(main, ["init", str(root)]).exit_code == 0
    export = intercom_export(tmp_path / "export", [(1, "Pair a bulb", "<p>Tap + to pair a bulb.</p>"),
                                                   (2, "Reset a bulb", "<p>Reset a bulb before you pair it.</p>")])
    out = run("intercom", str(export), "--into", str(root))
    assert "removed the sample content helpkit init wrote, never edited: content/getting-started/welcome.md, " \
           "content/getting-started/_category.yml" in out
    assert not (root / "content/getting-started").exists()
    config = load_config(root / "mkdocs.yml")
    assert config.helpkit.promoted == []  # the sample was the home page's popular article
    assert sorted(a.title for a in load_help_center(config).articles) == ["Pair a bulb", "Reset a bulb"]
    set_contact(root)
    result = CliRunner().invoke(main, ["check", "--strict", "-f", str(root / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    before = snapshot(root)
    out = run("intercom", str(export), "--into", str(root), "--update")  # a second import finds nothing to remove
    assert "sample" not in out and snapshot(root) == before


def test_an_import_into_a_new_init_help_center_names_no_order_tie_with_the_sample_it_removes(tmp_path: Path) -> None:
    """Before: a Freshdesk category (order 1) was said to tie with init's 'Getting started' (order 1), which the same
    import then removed."""
    root = tmp_path / "hc"
    assert CliRunner().invoke(main, ["init", str(root)]).exit_code == 0
    export = tmp_path / "export"
    write_tree(export, {  # two folders: orders 0 and 1
        "categories.json": json.dumps([{"id": 1, "name": "Help", "visible_in_portals": [1]}]),
        "folders/1.json": json.dumps([{"id": 10, "name": "Rides", "description": "", "visibility": 1},
                                      {"id": 11, "name": "Billing", "description": "", "visibility": 1}]),
        "articles/10.json": json.dumps([{"id": 1, "folder_id": 10, "title": "Unlock a bike",
                                         "description": "<p>Turn on Bluetooth.</p>", "status": 2, "position": 1}]),
        "articles/11.json": json.dumps([{"id": 2, "folder_id": 11, "title": "Get a receipt",
                                         "description": "<p>Open your rides.</p>", "status": 2, "position": 1}]),
    })
    out = run("freshdesk", str(export), "--into", str(root))
    assert "removed the sample content helpkit init wrote" in out
    assert "_category.yml's" not in out


@pytest.mark.parametrize("change, why", [
    ("edited", "it was edited here (delete it if the imported articles replace it)"),
    ("linked", "content/getting-started/faq.md links to it (remove the link, then the file)"),
])
def test_a_sample_article_edited_or_linked_here_is_kept_and_named_by_the_import(tmp_path: Path, change: str,
                                                                                  why: str) -> None:
    root = tmp_path / "hc"
    assert CliRunner().invoke(main, ["init", str(root)]).exit_code == 0
    welcome = root / "content/getting-started/welcome.md"
    if change == "edited":
        welcome.write_text(welcome.read_text(encoding="utf-8").replace("Use the search box", "Search"),
                           encoding="utf-8")
    else:
        (root / "content/getting-started/faq.md").write_text(
            "---\ntitle: FAQ\ndescription: Common questions.\n---\n\nNew here? Read [the welcome](welcome.md).\n",
            encoding="utf-8")
    before = welcome.read_bytes()
    export = intercom_export(tmp_path / "export", [(1, "Pair a bulb", "<p>Tap + to pair a bulb.</p>"),
                                                   (2, "Reset a bulb", "<p>Reset a bulb before you pair it.</p>")])
    out = run("intercom", str(export), "--into", str(root))
    assert f"kept content/getting-started/welcome.md, the sample article helpkit init wrote: {why}" in out
    assert "removed" not in out
    assert welcome.read_bytes() == before
    assert (root / "content/getting-started/_category.yml").is_file()  # its category stays with it
    assert load_config(root / "mkdocs.yml").helpkit.promoted == ["welcome"]
    result = CliRunner().invoke(main, ["check", "-f", str(root / "mkdocs.yml")])  # the link is not broken
    assert result.exit_code == 0 and "0 errors" in result.output, result.output


def test_intercom_update_of_an_article_edited_after_its_translation_marks_the_translation_stale(
        tmp_path: Path) -> None:
    """Before: the Intercom importer did not pass a translation's date, so a French text older than its updated
    English article was stored as reviewed: the page kept "cinq jours" with no notice."""
    def export(days: str, updated: str) -> Path:
        article = {"type": "article", "id": "2001", "parent_id": 7, "title": "Skip a week", "state": "published",
                   "body": f"<p>Skip up to {days} days before delivery.</p>", "default_locale": "en",
                   "updated_at": updated,
                   "translated_content": {"type": "article_translated_content", "fr": {
                       "type": "article_content", "title": "Sauter une semaine", "state": "published",
                       "body": "<p>Sautez jusqu'à cinq jours avant la livraison.</p>", "updated_at": 1_700_000_000}}}
        root = tmp_path / f"export-{days}"
        write_tree(root, {"collections.json": json.dumps({"data": [{"type": "collection", "id": "7", "name": "Boxes",
                                                                     "parent_id": None}]}),
                          "articles.json": json.dumps({"data": [article]})})
        return root

    root = project(tmp_path)
    cfg = root / "mkdocs.yml"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("locales: [es]", "locales: [fr]"), encoding="utf-8")
    run("intercom", str(export("five", 1_690_000_000)), "--into", str(root))
    out = run("intercom", str(export("six", 1_710_000_000)), "--into", str(root), "--update")
    stale, _ = _stale_and_reviewed(root, "fr")
    assert stale["Skip up to six days before delivery."] == "Sautez jusqu'à cinq jours avant la livraison."
    assert "outdated translated segment" in out


def test_intercom_images_saved_beside_the_export_and_collections_without_a_type_are_read(tmp_path: Path) -> None:
    """Before: an image whose address is relative was dropped though the file was in the export ('is not in the
    export'), and collections as the API reference shows them, with no 'type', were 'not in the export'."""
    export = write_tree(tmp_path / "export", {
        "collections.json": json.dumps({"data": [{"id": "7", "name": "Boxes", "parent_id": None}]}),
        "articles.json": json.dumps({"data": [{"type": "article", "id": "1", "parent_id": 7, "title": "Recycling",
                                               "state": "published", "default_locale": "en",
                                               "body": '<p>Flatten it.</p><img src="images/box.png" alt="Box">'}]}),
        "images/box.png": b"png",
    })
    root = project(tmp_path)
    out = run("intercom", str(export), "--into", str(root))
    assert "1 imported" in out and "not in the export" not in out, out
    assert (root / "content/boxes/images/recycling/box.png").read_bytes() == b"png"


def test_an_embedded_video_is_named_in_its_translation_s_language() -> None:
    """Before: a French translation's video link read "Video on YouTube", in English, on the French page."""
    from importers.convert import html_to_md

    frame = '<iframe src="https://www.youtube.com/embed/x1" title="YouTube video player"></iframe>'
    fr = html_to_md(f"<p>Regardez.</p>{frame}", lambda href: None, lambda src: None, "fr").markdown
    assert "[Vidéo sur YouTube](https://www.youtube.com/watch?v=x1)" in fr
    titled = '<iframe src="https://player.vimeo.com/video/7" title="Emballer la boîte"></iframe>'
    assert "[Vidéo : Emballer la boîte](https://vimeo.com/7)" in html_to_md(titled, lambda h: None, lambda s: None,
                                                                             "fr").markdown


def test_a_section_without_a_description_takes_its_categorys() -> None:
    """Zendesk's sections often have no description and their categories do: with the default ``--levels section``
    the home page's cards for them were blank."""
    from importers.levels import Group, LevelRule, place
    from importers.model import CategoryText

    top = Group("zendesk-category:1", "Passes and pricing", "Buy and manage passes, and what rides cost.", 1, "",
                (CategoryText("es", "Pases y precios", "Compra y gestiona pases."),))
    bare = Group("zendesk-section:11", "Passes", "", 1, top.key, (CategoryText("es", "Pases"),))
    own = Group("zendesk-section:12", "Pricing", "What a ride costs.", 2, top.key)
    categories, _ = place([top], [bare, own], LevelRule.SECTION)
    by_key = {c.key: c for c in categories}
    assert by_key[bare.key].description == "Buy and manage passes, and what rides cost."
    assert [t.description for t in by_key[bare.key].translations] == ["Compra y gestiona pases."]
    assert by_key[own.key].description == "What a ride costs."


def test_a_tables_bold_header_cells_lose_their_stars() -> None:
    """A header row is bold already: Zendesk's editors often bold it by hand, and "**Bike**" stayed in the
    Markdown header. Bold in the body rows stays."""
    from importers.convert import html_to_md

    html = ("<table><tr><td><strong>Bike</strong></td><td><b>Price</b></td></tr>"
            "<tr><td><strong>E-bike</strong></td><td>2 EUR</td></tr></table>")
    markdown = html_to_md(html, lambda *a: None, lambda *a: None, "en").markdown
    assert markdown.splitlines()[0].split() == ["|", "Bike", "|", "Price", "|"] and "**E-bike**" in markdown
