"""Rising subjects (:mod:`deflection.trend`): a share of the export's tickets that grows over its weeks."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

from deflection.trend import Rise, rising
from tests.test_deflection_report import COVERED, _export, _run, center  # noqa: F401 (fixture)

TOTALS = [100] * 10


def test_a_subject_that_grows_after_a_release_is_rising() -> None:
    android = [1, 0, 1, 1, 0, 1, 2, 15, 20, 24]  # an app update in week 8
    rise = rising(android, TOTALS, tests=20)
    assert rise == Rise(recent=62, total=65, recent_weeks=5, weeks=10)
    assert rise.sentence() == "rising: 62 of its 65 tickets in the last 5 of 10 weeks"


def test_a_steady_subject_or_a_busier_export_is_no_rise() -> None:
    assert rising([6, 7, 5, 6, 8, 6, 5, 7, 6, 6], TOTALS, tests=20) is None
    # twice the tickets in the later weeks, the subject's share the same: the export got busier, not the subject
    assert rising([5, 5, 5, 5, 5, 10, 10, 10, 10, 10], [100] * 5 + [200] * 5, tests=20) is None
    assert rising([0, 1, 9], [100, 100, 100], tests=1) is None  # three weeks show no trend


def test_the_more_subjects_tested_the_stronger_a_rise_must_be() -> None:
    mild = [3, 4, 3, 5, 4, 6, 6, 7, 8, 8]
    assert rising(mild, TOTALS, tests=1) is not None
    assert rising(mild, TOTALS, tests=200) is None  # 5% over all of them, not over each


def test_the_report_names_an_article_whose_tickets_rise(center, tmp_path: Path) -> None:  # noqa: F811
    """A walkthrough's clock-in button greyed out after an app update: 58 of 65 such tickets were answered by
    existing articles, and nothing said that they came in the last three weeks."""
    monday = date(2024, 1, 1)
    rows = [(COVERED[i % 2], str(monday + timedelta(weeks=w, days=i % 5)), "email")  # password: steady
            for w in range(10) for i in range(4)]
    rows += [(COVERED[4 + i % 2], str(monday + timedelta(weeks=w, days=i % 5)), "email")  # card: after week 7
             for w in range(10) for i in range(1 if w < 7 else 9)]
    report, _ = _run(center, tmp_path, _export(tmp_path, rows))
    card = next(a for a in report.articles if a.article.slug == "card-delivery")
    password = next(a for a in report.articles if a.article.slug == "reset-your-password")
    assert card.rising is not None and password.rising is None
    sentence = f"rising: {card.rising.recent} of its {card.tickets} tickets in the last 5 of 10 weeks"
    assert card.rising.sentence() == sentence and card.rising.recent >= 27
    md = (tmp_path / "out" / "deflection.md").read_text(encoding="utf-8")
    assert f"`card-delivery` ({card.rising.sentence()})" in md
    html = (tmp_path / "out" / "deflection.html").read_text(encoding="utf-8")
    assert f'<span class="badge rising" title="{card.rising.sentence()}">rising</span>' in html
    data = json.loads((tmp_path / "out" / "deflection.json").read_text(encoding="utf-8"))
    assert next(a for a in data["articles"] if a["slug"] == "card-delivery")["rising"]["recent"] == card.rising.recent
