"""The deflection report opened from disk in real Chromium: self-contained, charts drawn, ticket text inert."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from tests.conftest import REPO

pytestmark = pytest.mark.e2e


HOSTILE = [
    f"{n},Customs forms for the drone shipment <script>alert('xss')</script>,"
    f"\"Which customs declaration do I need for a drone battery to Canada? <img src=x onerror=alert({n})>\","
    f"2026-11-0{1 + n % 9} 10:00:00 +0000,en,web"
    for n in range(900, 915)
]


@pytest.fixture(scope="module")
def report(built_sample_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML report of the sample export plus a burst of tickets carrying markup."""
    out = tmp_path_factory.mktemp("report")
    tickets = out / "hostile.csv"
    tickets.write_text("Id,Subject,Description,Created at,Requester locale,Via\n" + "\n".join(HOSTILE) + "\n")
    result = CliRunner().invoke(main, ["deflection", str(REPO / "examples" / "tickets.csv"), str(tickets),
                                       "--format", "html", "--out", str(out),
                                       "-f", str(built_sample_site.parent / "mkdocs.yml")])
    assert result.exit_code == 0, result.output
    (html,) = out.glob("*.html")
    return html


def test_report_opens_offline_with_charts_and_inert_ticket_text(page, report: Path) -> None:  # type: ignore[no-untyped-def]
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(report.as_uri())
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []  # nothing from a CDN
    assert page.locator("svg").count() >= 1  # the charts are inline SVG
    text = page.locator("body").inner_text()
    assert "customs" in text.lower()  # a missing-article topic from the sample export
    assert "<script>alert('xss')</script>" in text or "onerror=alert" in text  # shown as text...
    assert dialogs == []  # ...never run
