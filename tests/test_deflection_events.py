"""The site's analytics events read back from each provider's export shape: events, properties, bad rows."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from deflection.events import (
    BadRow,
    SiteEvent,
    TopicTerms,
    check_events,
    read_events,
    site_signals,
    umami_event_data,
)
from helpkit.errors import ConfigError, MissingResource
from tests.test_deflection_replies import _articles

EVENTS = Path(__file__).parent / "fixtures" / "deflection" / "events"


def _read(name: str, **kw) -> tuple[str, list[SiteEvent], list[tuple[int, str]]]:  # type: ignore[no-untyped-def]
    provider, rows = read_events(EVENTS / name, **kw)
    items = list(rows)
    return (provider, [e for e in items if isinstance(e, SiteEvent)],
            [(b.line, b.reason) for b in items if isinstance(b, BadRow)])


def test_custom_json_lines_and_array() -> None:
    provider, events, bad = _read("custom.jsonl")
    assert provider == "custom"
    assert [(e.name, e.query or e.article or ",".join(e.articles)) for e in events] == [
        ("no_result", "book a carrier pickup"), ("no_result", "Book a carrier pickup"),
        ("feedback", "duplicate-charge"), ("contact_suggested", "request-a-refund")]
    assert events[2].vote == "no" and events[2].reason == "incorrect"
    assert bad == [(5, "invalid JSON (Expecting value)"), (6, "expected an object, found list"),
                   (7, "no 'event' name or 'props' object")]
    _, events, bad = _read("custom.json")
    assert [e.name for e in events] == ["search", "contact_sent"] and bad == [(4, "expected an object, found int")]


def test_ga4_bigquery_jsonl_redacts_queries_and_counts_page_views() -> None:
    provider, events, bad = _read("ga4.jsonl")
    assert provider == "GA4"
    assert [e.name for e in events] == ["pageview", "search", "no_result", "feedback"]  # session_start ignored
    assert events[0].page == "https://help.parcelo.example/billing/request-a-refund.html"
    assert events[2].query == "customs form for Canada, call me on [phone]"
    assert bad == [(6, "'event_params' is not a list"), (7, "invalid JSON (Expecting value)")]


def test_ga4_csv_with_event_counts() -> None:
    provider, events, bad = _read("ga4.csv")
    assert provider == "GA4"
    assert [(e.name, e.count) for e in events] == [("no_result", 5), ("feedback", 2), ("pageview", 1)]
    assert bad == [(10, "'Event count' is not a count: 'lots'")]  # after GA4's five comment lines


def test_plausible_custom_props_counts_each_property_apart() -> None:
    provider, events, bad = _read("no_result-custom_props.csv")
    assert provider == "Plausible" and all(e.name == "no_result" and e.partial for e in events)
    assert [(e.query, e.locale, e.count) for e in events] == [
        ("customs form for canada", "", 4), ("book a ups pickup", "", 2), ("", "en", 5), ("", "es", 1)]
    assert bad == [(6, "'events' is not a count: 'many'"), (7, "expected 5 fields, found 2")]


def test_plausible_custom_props_needs_its_goal(tmp_path: Path) -> None:
    path = tmp_path / "custom_props.csv"
    path.write_text("property,value,visitors,events\nquery,x,1,1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="custom_props.csv.*name the file after the goal"):
        read_events(path)


def test_plausible_breakdown_keeps_votes_with_their_article() -> None:
    provider, events, bad = _read("plausible-breakdown.csv")
    assert provider == "Plausible"
    assert [(e.name, e.article, e.vote, e.reason, e.count) for e in events[:3]] == [
        ("feedback", "duplicate-charge", "yes", "", 7), ("feedback", "duplicate-charge", "no", "unclear", 2),
        ("feedback", "request-a-refund", "no", "outdated", 3)]
    assert bad == [(5, "feedback vote 'maybe' is not yes or no")]


def test_umami_events_joined_with_their_event_data() -> None:
    found = umami_event_data(EVENTS / "umami-event_data.csv")
    assert found is not None
    data, bad_data = found
    assert [(b.line, b.reason) for b in bad_data] == [(11, "no website_event_id or data_key")]
    provider, events, bad = _read("umami-website_event.csv", umami=data)
    assert provider == "Umami"
    assert [e.name for e in events] == ["pageview", "pageview", "feedback", "contact_suggested", "contact_sent",
                                        "no_result"]
    assert events[2].article == "duplicate-charge" and events[2].reason == "missing"
    assert events[3].articles == ("reset-your-password", "set-up-two-factor-authentication")
    assert events[5].query == "devolver paquete a la tienda" and events[5].locale == "es"
    assert bad == [(8, "no event name"), (9, "expected 7 fields, found 3")]
    assert umami_event_data(EVENTS / "ga4.csv") is None


def test_not_an_events_export(tmp_path: Path) -> None:
    path = tmp_path / "tickets.csv"
    path.write_text("id,subject\n1,hello\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not an events export.*found: id, subject"):
        read_events(path)
    with pytest.raises(MissingResource, match="no such events export"):
        read_events(tmp_path / "absent.csv")


def test_an_events_file_with_no_event_in_it_fails_before_the_analysis(tmp_path: Path) -> None:
    """A truncated JSON lines export or JSON of another shape: before, the report said '0 events, 1 rows skipped'
    and the command exited 0; now the file's first bad row is named. A file with an event and bad rows still reads."""
    truncated = tmp_path / "events.jsonl"
    truncated.write_text('\n{"event": "search", "props": {\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"events.jsonl:2: invalid JSON .*no row of this file is an event"):
        check_events([truncated])
    other = tmp_path / "other.json"
    other.write_text('[{"a": 1}]', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"other.json:\d+: no 'event' name or 'props' object; no row"):
        check_events([other])
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text('{"a": 1}\n{"event": "search", "props": {"query": "refund", "results": 2}}\n', encoding="utf-8")
    check_events([mixed])


def test_signals_from_every_export_at_once() -> None:
    """All fixtures together: no-result queries grouped by the given assignment, votes, contact, views."""

    def assign(queries):  # type: ignore[no-untyped-def]
        groups = np.array([0 if "customs" in q else 1 if "pickup" in q else -1 for q in queries])
        return groups, np.ones(len(queries))

    paths = sorted(EVENTS.iterdir())
    s = site_signals(paths, assign, {0: "t01", 1: "t02"}, _articles(), (), "https://help.parcelo.example/")
    assert {x.path.rsplit("/", 1)[-1]: x.provider for x in s.sources} == {
        "custom.json": "custom", "custom.jsonl": "custom", "ga4.csv": "GA4", "ga4.jsonl": "GA4",
        "no_result-custom_props.csv": "Plausible", "plausible-breakdown.csv": "Plausible",
        "umami-event_data.csv": "Umami event data", "umami-website_event.csv": "Umami"}
    by_topic = {x.topic: x.searches for x in s.by_topic}
    # customs: Plausible 4 + GA4 CSV 5 + GA4 JSONL 1; pickup: Plausible 2 + custom 2 (one query, two spellings)
    assert by_topic == {"t01": 10, "t02": 4}
    assert [q.text for q in s.other_queries] == ["devolver paquete a la tienda"]
    # Plausible's per-property file counts its total from the locale rows: 5 + 1; plus GA4 6, custom 2, Umami 1
    assert s.no_results == 6 + 6 + 2 + 1
    votes = {h.slug: (h.yes, h.no, {r.text: r.count for r in h.reasons}) for h in s.health}
    assert votes == {"duplicate-charge": (7, 2 + 1 + 1 + 2, {"unclear": 2, "incorrect": 1, "missing": 1,
                                                               "none given": 2}),
                     "request-a-refund": (1, 3, {"outdated": 3})}
    # 8 of 17 votes say yes: the refund article (1 of 4) is below that, the duplicate-charge one (7 of 13) is not
    assert s.helpful == 8 / 17 and [h.slug for h in s.unhelpful] == ["request-a-refund"]
    assert {c.locale: (c.suggested, c.sent) for c in s.contact} == {"en": (11, 5), "es": (1, 1)}
    assert sum(r.count for r in s.skipped) == sum(x.skipped for x in s.sources) == 13
    assert all(":" in w for r in s.skipped for w in r.where)
    # page views where the export has them: Umami's url_path, GA4's page_location on the help center's site_url
    views = {h.slug: h.views for h in s.health}
    assert s.has_views and views["duplicate-charge"] == 2 and views["request-a-refund"] == 1


def test_a_short_search_the_topics_words_hold_joins_that_topic(tmp_path: Path) -> None:
    """Before: "chorus pro" (13 searches) stayed among the searches asked only on the site beside the topic "Mon
    client (une mairie) exige un dépôt sur Chorus Pro": two words score under the word topics' floor."""

    path = tmp_path / "events.jsonl"
    rows = [("chorus pro", 3), ("facture électronique", 2), ("client", 1), ("indemnités kilométriques", 1)]
    path.write_text("".join(json.dumps({"event": "no_result", "props": {"query": q, "locale": "fr"}}) + "\n"
                            for q, n in rows for _ in range(n)), encoding="utf-8")
    terms = {"t03": TopicTerms.of("Mon client (une mairie) exige un dépôt sur Chorus Pro, vous le faites ?",
                                  ("chorus pro", "dépôt")),
             "t10": TopicTerms.of("Est-ce que Ledgerly gère la facture électronique Factur-X ?",
                                  ("facture électronique",)),
             "t01": TopicTerms.of("Comment relancer un client en retard de paiement ?", ("relancer",))}

    def nowhere(queries):  # type: ignore[no-untyped-def]
        return np.full(len(queries), -1), np.zeros(len(queries))

    s = site_signals([path], nowhere, {}, _articles(), (), "", terms)
    assert {x.topic: x.searches for x in s.by_topic} == {"t03": 3, "t10": 2}
    # a word two topics hold, or one none holds, joins none
    assert sorted(q.text for q in s.other_queries) == ["client", "indemnités kilométriques"]


def test_unhelpful_articles_with_the_most_no_votes_beyond_the_site_rate_come_first(tmp_path: Path) -> None:
    """Before: ordered by their share of "yes" alone, one "no" vote (0% helpful) came first and the article with 30
    "no" of 32 votes, the one customers were stuck on, second."""
    votes = [("reset-your-password", "yes", 60), ("request-a-refund", "no", 1), ("app-not-loading", "no", 30),
             ("app-not-loading", "yes", 2)]
    path = tmp_path / "events.jsonl"
    path.write_text("".join(json.dumps({"event": "feedback", "props": {"article": a, "vote": v, "locale": "en"}}) + "\n"
                            for a, v, n in votes for _ in range(n)), encoding="utf-8")

    def nowhere(queries):  # type: ignore[no-untyped-def]
        return np.full(len(queries), -1), np.zeros(len(queries))

    s = site_signals([path], nowhere, {}, _articles(), (), "")
    assert [h.slug for h in s.unhelpful] == ["app-not-loading", "request-a-refund"]


def test_a_search_joins_a_word_topic_only_when_it_shares_a_word_with_its_label_or_phrases(tmp_path: Path) -> None:
    """Before: on the default install (topics by their words) 50 searches "clock in greyed out" joined a topic about
    tips, three of whose 63 tickets said "clock in"; they are now searches asked only on the site."""
    path = tmp_path / "events.jsonl"
    rows = [("clock in greyed out", 3), ("tip pooling", 2)]
    path.write_text("".join(json.dumps({"event": "no_result", "props": {"query": q, "locale": "en"}}) + "\n"
                            for q, n in rows for _ in range(n)), encoding="utf-8")
    terms = {"t01": TopicTerms.of("Is there a way to track tips per shift??", ("tips", "tip pooling"))}

    def everything_to_tips(queries):  # type: ignore[no-untyped-def]
        return np.zeros(len(queries), dtype=int), np.ones(len(queries))

    s = site_signals([path], everything_to_tips, {0: "t01"}, _articles(), (), "", terms, by_words=True)
    assert {x.topic: x.searches for x in s.by_topic} == {"t01": 2}
    assert [q.text for q in s.other_queries] == ["clock in greyed out"]
    meaning = site_signals([path], everything_to_tips, {0: "t01"}, _articles(), (), "", terms)  # the encoder's
    assert {x.topic: x.searches for x in meaning.by_topic} == {"t01": 5}


def test_searches_with_only_a_weak_match_are_told_apart(tmp_path: Path) -> None:
    """The site sends ``no_result`` for a search that found nothing and for one whose first hit was weak: the report
    counts both (neither showed an answer) and says how many were which."""
    from deflection.sections import _no_results

    f = tmp_path / "events.jsonl"
    rows = [{"event": "search", "props": {"query": q, "locale": "en"}} for q in ("a", "b", "c", "d")]
    rows += [{"event": "no_result", "props": {"query": "late fee", "locale": "en", "weak": 1}},
             {"event": "no_result", "props": {"query": "credit note", "locale": "en", "weak": 0}},
             {"event": "no_result", "props": {"query": "zzz", "locale": "en"}}]
    f.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    s = site_signals([f], lambda q: (np.full(len(q), -1), np.zeros(len(q))), {}, _articles(), (),
                     "https://help.parcelo.example/")
    assert (s.searches, s.no_results, s.weak) == (4, 3, 1)
    assert _no_results(s) == "3 searches found nothing that answered (of 4): 2 found no article and 1 only weak matches"
    unweak = tmp_path / "plain.jsonl"
    unweak.write_text(json.dumps(rows[-1]) + "\n", encoding="utf-8")
    plain = site_signals([unweak], lambda q: (np.full(len(q), -1), np.zeros(len(q))), {}, _articles(), (),
                         "https://help.parcelo.example/")
    assert _no_results(plain) == "1 search found nothing"


def test_a_contact_page_export_without_locales_is_the_whole_sites(tmp_path: Path) -> None:
    """A Plausible breakdown without the locale dimension had its contact page shown for the locale "unknown"."""
    f = tmp_path / "events.jsonl"
    rows = [{"event": "contact_suggested", "props": {"articles": "a,b"}}] * 4 + [{"event": "contact_sent", "props": {}}]
    f.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    s = site_signals([f], lambda q: (np.full(len(q), -1), np.zeros(len(q))), {}, _articles(), (),
                     "https://help.parcelo.example/")
    assert [(c.locale, c.suggested, c.sent) for c in s.contact] == [("all locales", 4, 1)]
