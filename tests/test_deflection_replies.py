"""Agents' replies and the support lead's numbers: read from each help desk's conversation shape, and a reply
linking an article labels the ticket."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from deflection.costs import CostTally, ticket_metrics
from deflection.model import Skipped, Status, Ticket, TicketRecord
from deflection.readers import read_tickets, scan_exports
from deflection.replies import ArticleLinks, labelled_article, links_in
from helpkit.model import Article

FIXTURES = Path(__file__).parent / "fixtures" / "deflection" / "replies"
SITE = "https://help.parcelo.example/"
ARTICLES = {
    "billing": ("duplicate-charge", "request-a-refund", "download-invoices", "change-your-plan", "card-declined"),
    "account": ("reset-your-password", "set-up-two-factor-authentication", "change-your-email-address"),
    "troubleshooting": ("tracking-not-updating", "label-printing-problems", "app-not-loading"),
    "getting-started": ("tour-the-dashboard", "install-parcelo-go"),
    "integrations": ("connect-shopify", "connect-woocommerce"),
}


def _articles() -> list[Article]:
    return [Article(slug=s, locale="en", title=s.replace("-", " ").capitalize(), category=c, body="",
                    source_path=Path(f"content/{c}/{s}.md"), source_hash="") for c, slugs in ARTICLES.items()
            for s in slugs]


LINKS = ArticleLinks.of(_articles(), SITE)


def _read(name: str) -> tuple[list[Ticket], list[Skipped]]:
    items = list(read_tickets(FIXTURES / name))
    return [i for i in items if isinstance(i, Ticket)], [i for i in items if isinstance(i, Skipped)]


@pytest.mark.parametrize("name, labels, skipped", [
    # a reply linking an article; one linking elsewhere; an internal note linking an article (no label);
    # the customer's own message linking an article (no label); malformed records skipped with their line
    ("zendesk.json", {"501": "duplicate-charge", "502": None, "503": None},
     [(24, "expected an object, found str"), (25, "no text")]),
    ("freshdesk.json", {"71": "download-invoices", "72": None},
     [(16, "expected an object, found int"), (17, "unreadable date in 'created_at'")]),
    ("helpscout.json", {"311": "reset-your-password", "312": None}, [(14, "no text")]),
    ("intercom.json", {"215": "tracking-not-updating", "216": None}, [(15, "unreadable date in 'created_at'")]),
    ("replies.csv", {"c1": "request-a-refund", "c2": None, "c3": "reset-your-password", "c5": None},
     [(5, "expected 10 fields, found 3")]),
])
def test_each_help_desk_reply_links_label_its_tickets(name: str, labels: dict[str, str | None],
                                                       skipped: list[tuple[int, str]]) -> None:
    tickets, bad = _read(name)
    assert {t.id: labelled_article(t, LINKS) for t in tickets} == labels
    assert [(s.line, s.reason) for s in bad] == skipped
    # readers given the help center's links set the label on the ticket; without them it stays unset
    read = [t for t in read_tickets(FIXTURES / name, links=LINKS) if isinstance(t, Ticket)]
    assert {t.id: t.reply_article for t in read} == labels
    assert all(t.reply_article is None for t in tickets)


def test_replies_are_the_agents_public_ones_and_the_text_stays_the_customers() -> None:
    tickets, _ = _read("zendesk.json")
    first = tickets[0]
    assert "two charges for one order" in first.text
    assert len(first.replies) == 1 and "Sorry about that" in first.replies[0]  # not the note, not the customer
    assert tickets[2].replies == ()  # only an internal note
    fd, _ = _read("freshdesk.json")
    assert all("note:" not in r and "card-declined" not in r for r in fd[0].replies)
    hs, _ = _read("helpscout.json")
    assert len(hs[0].replies) == 1 and "change-your-email-address" not in hs[0].replies[0]
    ic, _ = _read("intercom.json")
    assert all("tour-the-dashboard" not in r and "app-not-loading" not in r for r in ic[0].replies)


@pytest.mark.parametrize("url, slug", [
    ("https://help.parcelo.example/billing/duplicate-charge.html", "duplicate-charge"),
    ("https://help.parcelo.example/es/billing/duplicate-charge.html#why", "duplicate-charge"),
    ("http://www.help.parcelo.example/billing/duplicate-charge/", "duplicate-charge"),
    ("https://help.parcelo.example/billing/duplicate-charge?utm_source=zd", "duplicate-charge"),
    ("https://HELP.parcelo.example/pt-BR/billing/duplicate-charge.html", "duplicate-charge"),
    ("/billing/duplicate-charge.html", "duplicate-charge"),
    ("../billing/duplicate-charge", "duplicate-charge"),
    ("https://other.example/billing/duplicate-charge.html", None),
    ("https://help.parcelo.example.evil.example/billing/duplicate-charge.html", None),
    ("https://help.parcelo.example/billing/no-such-article.html", None),
    ("https://help.parcelo.example/", None),
    ("mailto:support@parcelo.example", None),
    ("#duplicate-charge", None),
])
def test_a_link_counts_on_this_help_center_in_any_locale_and_form(url: str, slug: str | None) -> None:
    assert LINKS.article(url) == slug


def test_a_site_under_a_path_and_no_site_url() -> None:
    under = ArticleLinks.of(_articles(), "https://example.com/help/")
    assert under.article("https://example.com/help/es/billing/duplicate-charge.html") == "duplicate-charge"
    assert under.article("https://example.com/blog/billing/duplicate-charge.html") is None
    unknown = ArticleLinks.of(_articles(), None)
    assert unknown.article("https://anything.example/billing/duplicate-charge.html") == "duplicate-charge"
    assert unknown.article("https://anything.example/blog/duplicate-charge.html") is None


def test_links_in_html_markdown_and_text_in_order() -> None:
    text = ('See [refunds](https://h.example/a.html) or <a href="https://h.example/b.html?x=1&amp;y=2">b</a>, '
            "then https://h.example/c.html.")
    assert links_in(text) == ["https://h.example/a.html", "https://h.example/b.html?x=1&y=2", "https://h.example/c.html"]


def test_support_numbers_from_each_help_desk() -> None:
    got = {}
    for name in ("zendesk.json", "freshdesk.json", "helpscout.json", "intercom.json", "replies.csv"):
        tickets, _ = _read(name)
        t = tickets[0]
        got[name] = (t.first_reply_minutes, t.resolution_minutes, t.handle_minutes, t.satisfaction)
    assert got == {
        "zendesk.json": (90.0, 300.0, None, 1.0),  # metric_set calendar minutes; satisfaction "good"
        "freshdesk.json": (90.0, 240.0, None, 1.0),  # stats timestamps minus created_at; rating 103
        "helpscout.json": (30.0, 120.0, 10.0, 1.0),  # seconds; "great"
        "intercom.json": (15.0, 90.0, 7.0, 1.0),  # statistics seconds; 5 of 5
        "replies.csv": (45.0, 180.0, None, 1.0),  # Zendesk CSV column names; "Good"
    }
    zd, _ = _read("zendesk.json")
    assert zd[1].satisfaction == 0.0 and zd[2].satisfaction is None  # "bad", "offered" (not rated)


@pytest.mark.parametrize("record, expected", [
    ({"First response time (in hrs)": "1.5", "Resolution time (in hrs)": "3", "Time tracked": "00:45",
      "Survey results": "Extremely unhappy"}, (90.0, 180.0, 45.0, 0.0)),
    ({"first_reply_time_seconds": 120, "csat": "80%"}, (2.0, None, None, 0.8)),
    ({"handle_time": "", "rating": "okay"}, (None, None, None, 0.5)),
    ({"subject": "no numbers here"}, (None, None, None, None)),
    ({"Survey results": "Extremely satisfied"}, (None, None, None, 1.0)),  # Freshdesk's CSV words
    ({"Survey results": "Neither satisfied nor dissatisfied"}, (None, None, None, 0.5)),
    ({"csat": "Not satisfied"}, (None, None, None, 0.0)),
    ({"satisfaction": "Sehr zufrieden"}, (None, None, None, 1.0)),
])
def test_metric_columns_and_units(record: dict[str, object], expected: tuple[object, ...]) -> None:
    m = ticket_metrics(record, None)
    assert (m.first_reply_minutes, m.resolution_minutes, m.handle_minutes, m.satisfaction) == expected


def test_help_scout_mailbox_api_times_come_from_closed_at_and_the_first_agent_reply(tmp_path: Path) -> None:
    """Before: the Mailbox API's conversations carry no response or resolution times, and ``--rank-by hours`` found
    none in a real export."""
    conversation = {"id": 7, "number": 70, "subject": "Clock-in", "createdAt": "2024-03-08T09:00:00Z",
                    "closedAt": "2024-03-08T11:00:00Z", "_embedded": {"threads": [
                        {"type": "reply", "createdAt": "2024-03-08T09:30:00Z", "createdBy": {"type": "user"},
                         "body": "Update the app."},
                        {"type": "note", "createdAt": "2024-03-08T09:10:00Z", "createdBy": {"type": "user"},
                         "body": "internal"},
                        {"type": "customer", "createdAt": "2024-03-08T09:00:00Z", "createdBy": {"type": "customer"},
                         "body": "The clock-in button is grey on my phone"}]}}
    path = tmp_path / "helpscout.json"
    path.write_text(json.dumps({"_embedded": {"conversations": [conversation]}}), encoding="utf-8")
    [ticket] = [t for t in read_tickets(path) if isinstance(t, Ticket)]
    assert (ticket.first_reply_minutes, ticket.resolution_minutes) == (30.0, 120.0)


def test_a_bare_rating_is_put_on_the_scale_its_export_tells() -> None:
    # a 1 is one star of five in an export that also holds 4s and 5s, and satisfied in one of thumbs (0 and 1)
    m = ticket_metrics({"csat": "1"}, None)
    assert (m.satisfaction, m.unread_rating, m.rating) == (None, "", 1.0)

    def csat(ratings: list[float]) -> float | None:
        tally = CostTally()
        for i, x in enumerate(ratings):
            tally.add(TicketRecord(str(i), Status.ANSWERED, "a", "", 0.5, None, "en", "email", "", rating=x))
        costs = tally.result()
        assert costs is not None and costs.total.rated == len(ratings)
        return costs.total.satisfaction

    assert csat([1, 1, 5, 4, 2]) == 2 / 5  # stars: 1 and 2 unhappy
    assert csat([0, 1, 1]) == 2 / 3  # thumbs
    assert csat([10, 3, 8]) == 2 / 3  # 0-10
    # Intercom's conversation ratings are 1-5 whatever the export holds: one 1-star rating is not satisfied
    assert ticket_metrics({"conversation_rating": {"rating": 1}}, None, "Intercom").satisfaction == 0.0


def test_a_timer_column_nobody_used_is_no_agent_time() -> None:
    # Freshdesk's CSV has "Time tracked" 00:00 on every ticket when agents never start its timer: the report's
    # hours are then the resolution times, not 0.0 agent hours
    tally = CostTally()
    for i in range(3):
        tally.add(TicketRecord(str(i), Status.ANSWERED, "a", "", 0.5, None, "en", "email", "",
                               resolution_minutes=120.0, handle_minutes=0.0))
    costs = tally.result()
    assert costs is not None and costs.measure == "resolution" and "handle" not in costs.fields
    assert costs.total.hours == 6.0


def test_a_json_export_whose_first_record_has_no_reply_still_reads_the_later_ones(tmp_path: Path) -> None:
    # JSON records carry only the fields they have: the first ticket, not yet answered, decides nothing
    export = tmp_path / "tickets.jsonl"
    export.write_text(
        '{"id": "1", "text": "Where is my parcel?"}\n'
        '{"id": "2", "text": "I was charged twice", "reply": "See https://help.parcelo.example/billing/'
        'duplicate-charge.html", "satisfaction": "good"}\n', encoding="utf-8")
    read = [t for t in read_tickets(export, links=LINKS) if isinstance(t, Ticket)]
    assert [(t.id, t.reply_article) for t in read] == [("1", None), ("2", "duplicate-charge")]
    assert read[1].satisfaction is not None


def test_a_rating_not_understood_is_left_out_and_warned_of(tmp_path: Path) -> None:
    export = tmp_path / "tickets.csv"
    export.write_text("id,text,Survey results\n1,Where is my parcel?,Meh\n2,I was charged twice,Meh\n"
                      "3,Refund please,Unoffered\n4,Reset my password,Very satisfied\n", encoding="utf-8")
    read = [t for t in read_tickets(export) if isinstance(t, Ticket)]
    assert [(t.satisfaction, t.unread_rating) for t in read] == [(None, "Meh"), (None, "Meh"), (None, ""),
                                                                   (1.0, "")]
    warnings = scan_exports([export]).warnings
    assert [w.message for w in warnings] == [
        "satisfaction: 2 ratings not understood, left out of the satisfaction figures: 'Meh' (2)"]


def test_help_scout_api_threads_newest_first_give_the_customers_question_and_the_agents_reply(tmp_path) -> None:  # type: ignore[no-untyped-def]
    # the Mailbox API: "threads" is a count, "preview" the newest thread (the agent's reply here), and
    # _embedded.threads newest first; the report had read the reply as the question and found no reply at all
    record = {"id": 900046, "number": 5046, "threads": 2, "mailboxId": 85, "folderId": 11, "subject": "Clean",
              "preview": "Hi there, I've sorted this out for you.", "createdAt": "2026-11-22T05:29:45Z",
              "_embedded": {"threads": [
                  {"type": "reply", "createdAt": "2026-11-22T08:48:19Z", "createdBy": {"type": "user"},
                   "body": "See https://help.parcelo.example/account/reset-your-password.html"},
                  {"type": "customer", "createdAt": "2026-11-22T05:30:00Z", "body": "Still no email, any news?"},
                  {"type": "customer", "createdAt": "2026-11-22T05:29:45Z", "createdBy": {"type": "customer"},
                   "body": "<div>The password reset link expired, can you send another?</div>"}]}}
    path = tmp_path / "helpscout-api.json"
    path.write_text(json.dumps({"_embedded": {"conversations": [record]}}), encoding="utf-8")
    [t] = read_tickets(path, links=LINKS)
    assert "reset link expired" in t.text and "sorted this out" not in t.text and "any news" not in t.text
    assert t.replies == ("See https://help.parcelo.example/account/reset-your-password.html",)
    assert t.reply_article == "reset-your-password"
