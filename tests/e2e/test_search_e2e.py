"""The search box in real headless Chromium: typed queries find the expected article first, in English and in
Spanish, from the home page hero and the header of an article page, over HTTP and from file://; a search whose
best hit is weak says none may answer and offers the contact page."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.e2e


def first_result(page, box: str, query: str):  # type: ignore[no-untyped-def]
    page.locator(f"{box} .hk-search-input").fill(query)
    result = page.locator(f"{box} .hk-search-result").first
    result.wait_for(timeout=10_000)
    return result


@pytest.mark.parametrize(("path", "query", "title", "url"), [
    ("index.html", "I was charged twice", "Why was I charged twice?", r"/billing/duplicate-charge\.html$"),
    ("es/index.html", "me cobraron dos veces", "¿Por qué me cobraron dos veces?",
     r"/es/billing/duplicate-charge\.html$"),
])
def test_hero_search_finds_the_article(page, base: str, path: str, query: str, title: str,  # type: ignore[no-untyped-def]
                                        url: str) -> None:
    page.goto(f"{base}/{path}")
    result = first_result(page, ".hk-search--hero", query)
    assert result.locator(".hk-search-result__title").inner_text() == title
    result.click()
    page.wait_for_url(re.compile(url))
    assert page.locator("article h1").first.inner_text().rstrip("¶").strip() == title


@pytest.mark.parametrize(("path", "query", "title"), [
    ("account/reset-your-password.html", "pasword reset", "Reset your password"),
    ("es/account/reset-your-password.html", "restablecer contrasena", "Restablecer tu contraseña"),
])
def test_header_search_on_a_nested_page(page, base: str, path: str, query: str, title: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/{path}")
    result = first_result(page, ".hk-search--header", query)
    assert result.locator(".hk-search-result__title").inner_text() == title
    href = result.get_attribute("href")
    result.click()
    page.wait_for_load_state()
    assert page.url == href.replace("/assets/helpkit/../../", "/")


def test_meaning_puts_the_right_article_first(page, base: str) -> None:  # type: ignore[no-untyped-def]
    # by word score alone the two-factor article (its keywords say "lost phone") edges out the tracking
    # article; the meaning vectors of the query and of the articles put tracking first
    page.goto(f"{base}/index.html")
    result = first_result(page, ".hk-search--hero", "the courier lost my box")
    assert result.get_attribute("href").endswith("/troubleshooting/tracking-not-updating.html")


def test_customers_words_learned_from_the_questions_file(page, base: str) -> None:  # type: ignore[no-untyped-def]
    # without questions.csv ("my bank shows two payments for one order" → duplicate-charge) the payout
    # article ranks first for this query: it says "bank" and "payments"
    page.goto(f"{base}/index.html")
    result = first_result(page, ".hk-search--hero", "my bank shows 2 payments for one order")
    assert result.get_attribute("href").endswith("/billing/duplicate-charge.html")


def test_results_come_from_the_locale_index_only(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/es/index.html")
    first_result(page, ".hk-search--hero", "reembolso")
    hrefs = page.locator(".hk-search--hero .hk-search-result").evaluate_all("els => els.map(e => e.href)")
    assert hrefs and all("/es/" in h for h in hrefs)


def test_html_in_the_query_is_shown_as_text(page, base: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/index.html")
    page.evaluate("window.__pwned = false")
    first_result(page, ".hk-search--hero", "<img src=x onerror=\"window.__pwned=true\"> refund")
    assert page.evaluate("window.__pwned") is False
    assert page.locator(".hk-search--hero .hk-search-results img").count() == 0


TEXT_LEFT = ("el => { const r = document.createRange(); r.selectNodeContents(el); "
             "return r.getBoundingClientRect().left; }")
"""Where an element's text starts on the page."""


@pytest.mark.parametrize("box", [".hk-search--hero", ".hk-search--header"])
def test_typo_offers_did_you_mean(page, base: str, box: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/index.html")
    title = first_result(page, box, "refnd").locator(".hk-search-result__title")
    suggestion = page.locator(f"{box} .hk-search-suggestion")
    assert suggestion.locator("a").inner_text() == "refund"
    # judged on the word meant: the refund article answers, no "none of these may answer" under the suggestion
    page.wait_for_selector(f"{box}[data-hk-confident=true]")
    assert page.locator(f"{box} .hk-search-weak").count() == 0
    # the line is inset like the results under it (it had no padding: its text touched the panel's edge)
    assert suggestion.evaluate(TEXT_LEFT) == pytest.approx(title.evaluate(TEXT_LEFT), abs=1)


def test_a_real_word_the_articles_never_use_is_not_corrected(page, base: str) -> None:  # type: ignore[no-untyped-def]
    # no article says "timer": it is not a typo of "time", and a question about one is no question they answer
    page.goto(f"{base}/index.html")
    box = ".hk-search--hero"
    first_result(page, box, "do you have a timer I can start and stop while working")
    page.wait_for_selector(f"{box}[data-hk-confident=false]")
    assert page.locator(f"{box} .hk-search-suggestion").count() == 0
    assert page.locator(f"{box} .hk-search-weak").inner_text() == "None of these may answer your question."
    first_result(page, box, "refnd")  # a typo still is one
    page.wait_for_selector(f"{box} .hk-search-suggestion a")
    assert page.locator(f"{box} .hk-search-suggestion a").inner_text() == "refund"


def test_a_result_opens_the_section_that_answers(page, base: str) -> None:  # type: ignore[no-untyped-def]
    # the install article's answer to this query sits under its later heading "Print from your phone"
    page.goto(f"{base}/index.html")
    result = first_result(page, ".hk-search--hero", "print from my phone")
    assert result.get_attribute("href").endswith("/getting-started/install-parcelo-go.html#print-from-your-phone")
    assert result.locator(".hk-search-result__section").inner_text() == "Print from your phone"
    result.click()
    page.wait_for_url(re.compile(r"/getting-started/install-parcelo-go\.html#print-from-your-phone$"))
    assert page.locator("#print-from-your-phone").inner_text().rstrip("¶").strip() == "Print from your phone"


@pytest.mark.parametrize(("folder", "weak", "good", "notice", "note"), [
    ("", "can you recommend a good pizza place", "I was charged twice", "None of these may answer your question.",
     "These may not answer your question. If none helps, send it to our support team below."),
    ("es/", "quiero reservar un vuelo a parís", "me cobraron dos veces",
     "Puede que ninguno de estos responda a tu pregunta.",
     "Puede que no respondan a tu pregunta. Si ninguno te ayuda, envíala a nuestro equipo de soporte aquí abajo."),
])
def test_a_weak_search_says_none_may_answer_and_offers_the_contact_page(  # type: ignore[no-untyped-def]
        page, base: str, folder: str, weak: str, good: str, notice: str, note: str) -> None:
    page.goto(f"{base}/{folder}index.html")
    box = ".hk-search--hero"
    first_result(page, box, weak)  # an out-of-scope question sharing a word with an article: results shown ...
    offer = page.locator(f"{box} .hk-search-contact a")
    offer.wait_for()
    assert page.locator(f"{box}[data-hk-confident=false]").count() == 1
    assert page.locator(f"{box} .hk-search-weak").inner_text() == notice  # ... but not as an answer
    assert page.locator(f"{box} .hk-search-weak + .hk-search-contact").count() == 1  # the offer right under it
    assert page.locator(f"{box} a.hk-search-result").count() >= 1
    first_result(page, box, good)  # a question the help center answers: no such message
    page.wait_for_selector(f"{box}[data-hk-confident=true]")
    assert page.locator(f"{box} .hk-search-weak, {box} .hk-search-contact").count() == 0
    first_result(page, box, weak)
    offer.wait_for()
    offer.click()  # the contact page, starting from the customer's words, says the same of its suggestions
    page.wait_for_url(re.compile(r"/contact\.html$"))
    assert page.locator("#hk-question").input_value() == weak
    page.wait_for_selector(".hk-ask[data-hk-state=done] .hk-ask__article")
    assert page.locator(".hk-ask__weak").is_visible() and page.locator(".hk-ask__weak").inner_text() == note
    assert page.locator(".hk-ask__send").is_visible()
    page.locator("#hk-question").fill(good)
    page.wait_for_selector(".hk-ask[data-hk-confident=true] .hk-ask__article")
    assert not page.locator(".hk-ask__weak").is_visible()
