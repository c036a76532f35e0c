"""The deflection report opened from disk in real Chromium: self-contained, charts drawn, ticket text inert."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e


def test_report_opens_offline_with_charts_and_inert_ticket_text(page, deflection_report: Path) -> None:  # type: ignore[no-untyped-def]
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(deflection_report.as_uri())
    assert [u for u in requests if not u.startswith(("file:", "data:"))] == []  # nothing from a CDN
    assert page.locator("svg").count() >= 1  # the charts are inline SVG
    text = page.locator("body").inner_text()
    assert "customs" in text.lower()  # a missing-article topic from the sample export
    assert "<script>alert('xss')</script>" in text or "onerror=alert" in text  # shown as text...
    assert dialogs == []  # ...never run
