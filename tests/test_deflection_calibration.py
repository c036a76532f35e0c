"""Calibration from the help center in hand, the packaged sentence encoder, and topics by meaning."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from deflection import calibrate
from deflection.encoder import load_encoder
from deflection.sentences import COSINE, LEAD, SentenceIndex, lead
from deflection.topics import fit_meaning, spread
from helpkit.model import Article


def _draw(n: int, share: float, rng: np.random.Generator) -> np.ndarray:
    answered = rng.random(n) < share
    return np.where(answered, rng.normal(0.8, 0.07, n), rng.normal(0.55, 0.08, n))


@pytest.mark.parametrize("share", [0.2, 0.5, 0.8])
def test_the_headline_estimate_recovers_the_answered_share(share: float) -> None:
    rng = np.random.default_rng(1)
    ref = calibrate.reference(rng.normal(0.8, 0.07, 800), rng.normal(0.55, 0.08, 800))
    e = ref.estimate(_draw(5000, share, rng))
    assert e.low <= share <= e.high and e.high - e.low < 0.12 and abs(e.share - share) < 0.04
    # the single-ticket threshold sits between the two distributions and moves with the share
    assert 0.55 < ref.decision(share) < 0.8
    assert ref.decision(0.8) < ref.decision(0.2)


def test_posterior_rises_with_the_score() -> None:
    rng = np.random.default_rng(2)
    ref = calibrate.reference(rng.normal(0.8, 0.07, 500), rng.normal(0.55, 0.08, 500))
    p = ref.posterior(np.array([0.4, 0.675, 0.95]), 0.5)
    assert p[0] < 0.05 and 0.2 < p[1] < 0.8 and p[2] > 0.95


@pytest.fixture(scope="module")
def encoder():  # type: ignore[no-untyped-def]
    enc = load_encoder()
    assert enc is not None, "pip install 'helpkit[sentences]'"
    return enc


def test_the_encoder_runs_offline_from_its_package(encoder) -> None:  # type: ignore[no-untyped-def]
    assert os.environ.get("HF_HUB_OFFLINE") == "1"
    v = encoder.encode(["my card has not arrived", "my card still hasn't come", "how do I change my currency",
                        "my card has not arrived"])
    assert v.shape == (4, 384) and np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-3)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2  # a paraphrase is nearer than another subject
    assert np.array_equal(v[0], v[3])  # duplicates are encoded once


def test_topics_group_by_meaning_not_shared_words(encoder) -> None:  # type: ignore[no-untyped-def]
    texts = ["my card got stuck in the ATM", "the cash machine swallowed my card", "ATM kept my card",
             "how do I change the currency of my account", "switch my account to euros", "change account currency",
             "is there a fee to top up by card"]
    v = encoder.encode(texts)
    model = fit_meaning(texts, v, spread([v[:3], v[3:6]]) + 0.1)
    groups, _ = model.assign(texts, v)
    assert groups[0] == groups[1] == groups[2] >= 0 and groups[3] == groups[4] == groups[5] >= 0
    assert groups[0] != groups[3]
    assert model.seeds[groups[0]].representative in texts[:3]  # labeled with a customer's own question


def test_an_export_the_references_do_not_explain_is_a_bound_not_an_estimate() -> None:
    ref = calibrate.reference(np.linspace(0.3, 0.9, 200), np.linspace(0.1, 0.5, 200))  # they overlap
    inside = ref.estimate(np.concatenate([np.full(50, 0.8), np.full(50, 0.2)]))  # half of each kind
    assert not inside.bounded and inside.caveat == "" and inside.low <= 0.5 <= inside.high
    above = ref.estimate(np.full(100, 0.95))  # every ticket scores above every "answered" reference
    assert above.bounded and above.share == 1.0 and "a bound, not an estimate" in above.caveat


class _Vectors:
    """An encoder that knows a few texts' unit vectors (what :class:`SentenceIndex` needs of one)."""

    dimensions = 3

    def __init__(self, table: dict[str, tuple[float, float, float]]) -> None:
        self.table = {k: np.asarray(v, dtype=np.float32) / np.linalg.norm(v) for k, v in table.items()}

    def encode(self, texts, progress=None) -> np.ndarray:  # type: ignore[no-untyped-def]
        return np.stack([self.table[t] for t in texts])


def _article(slug: str, title: str, description: str, questions: tuple[str, ...] = ()) -> Article:
    return Article(slug=slug, locale="en", title=title, category="c", body="", source_path=Path(f"{slug}.md"),
                   source_hash="", description=description, questions=questions)


_TABLE = {"Card": (1, 0, 0), "card did not come": (1, 0.2, 0), "Refund": (0, 1, 0), "money back": (0.2, 1, 0),
          "Fees": (0, 0, 1), "what it costs": (0, 0.2, 1), "card late": (1, 0.1, 0.1), "card slow": (1, 0.3, 0),
          "refund please": (0.1, 1, 0.1), "refund now": (0.3, 1, 0)}


def test_with_articles_only_a_ticket_scores_its_lead_over_its_mean_cosine() -> None:
    # tickets phrased unlike the articles' texts have every cosine lower: the lead over the ticket's mean cosine
    # (the score the references and the tickets are both given) does not move when all cosines move together
    enc = _Vectors(_TABLE)
    articles = [_article("card", "Card", "card did not come"), _article("refund", "Refund", "money back"),
                _article("fees", "Fees", "what it costs")]
    index = SentenceIndex(articles, enc)  # type: ignore[arg-type]
    assert index.statistic == LEAD and not index.questions
    v = enc.encode(["card late"])
    cos = index.per_article(v @ index.vectors.T)[0]
    s = index.score_vectors(v)
    assert s.best[0] == 0 and s.score[0] == pytest.approx(cos[0] - cos.mean())
    a = np.array([[0.9, 0.5, 0.4], [0.6, 0.2, 0.1]])
    assert np.allclose(lead(a, np.array([0, 0])), lead(a - 0.3, np.array([0, 0])))
    # references: a description against its own article (the mean over every article) and against the nearest
    # other one (the mean over the others: the help center without its article)
    pos, neg, source = index.leave_one_out()
    assert source.startswith("article texts") and len(pos) == len(neg) == 3
    k = enc.encode(["card did not come"]) @ index.vectors.T
    own, other = k[0, 0], k[0, 2:].max()  # "Card" (the title), and the nearest of the other articles' keys
    rest = [k[0, 2:4].max(), k[0, 4:6].max()]
    assert pos[0] == pytest.approx(own - np.mean([own, *rest])) and neg[0] == pytest.approx(other - np.mean(rest))


def test_with_learned_questions_a_ticket_scores_its_cosine() -> None:
    enc = _Vectors(_TABLE)
    articles = [_article("card", "Card", "card did not come", ("card late", "card slow")),
                _article("refund", "Refund", "money back", ("refund please", "refund now"))]
    index = SentenceIndex(articles, enc)  # type: ignore[arg-type]
    assert index.statistic == COSINE and index.questions
    v = enc.encode(["what it costs"])
    assert index.score_vectors(v).score[0] == pytest.approx(index.per_article(v @ index.vectors.T)[0].max())
    assert index.leave_one_out()[2] == "learned questions"


def test_with_learned_questions_an_article_scores_by_its_nearest_questions_not_one() -> None:
    """One stray question filed under the wrong article (a near-duplicate of a ticket) does not pull the ticket
    there: an article scores the mean cosine of its NEAREST_KEYS nearest keys."""
    from deflection.sentences import NEAREST_KEYS

    table = {"Card": (1, 0, 0), "card info": (1, 0.1, 0), "Refund": (0, 1, 0), "refund info": (0.1, 1, 0),
             "where is my refund": (0.05, 1, 0.02)}
    card_questions = [f"card q{i}" for i in range(NEAREST_KEYS)]
    refund_questions = [f"refund q{i}" for i in range(NEAREST_KEYS)]
    table.update({q: (1, 0.05 * i, 0.1) for i, q in enumerate(card_questions)})
    table.update({q: (0.2, 1, 0.05 * i) for i, q in enumerate(refund_questions)})
    table["stray"] = (0.06, 1, 0.02)  # a refund question filed under the card article
    enc = _Vectors(table)
    articles = [_article("card", "Card", "card info", (*card_questions, "stray")),
                _article("refund", "Refund", "refund info", tuple(refund_questions))]
    index = SentenceIndex(articles, enc)  # type: ignore[arg-type]
    v = enc.encode(["where is my refund"])
    assert articles[int(index.score_vectors(v).best[0])].slug == "refund"


def test_an_article_that_learned_few_questions_is_not_asked_to_be_near_five_texts() -> None:
    """A ticket asked in the words of an article's one learned question scores that question's cosine: the mean of
    the nearest keys counts as many as the article learned questions (its title and description, phrased unlike
    tickets, would pull it down)."""
    from deflection.sentences import NEAREST_KEYS

    table = {"Placement test": (0, 0, 1), "skip ahead": (0.1, 0.2, 1), "test out of a unit": (0.05, 1, 0),
             "Courses": (1, 0, 0), "change course": (1, 0.1, 0)}
    course_questions = [f"course q{i}" for i in range(NEAREST_KEYS + 1)]
    table.update({q: (1, 0.9, 0.02 * i) for i, q in enumerate(course_questions)})
    enc = _Vectors(table)
    articles = [_article("placement", "Placement test", "skip ahead", ("test out of a unit",)),
                _article("course", "Courses", "change course", tuple(course_questions))]
    index = SentenceIndex(articles, enc)  # type: ignore[arg-type]
    s = index.score_vectors(enc.encode(["test out of a unit"]))
    assert articles[int(s.best[0])].slug == "placement" and s.score[0] == pytest.approx(1.0)


@pytest.mark.parametrize("kind", ["encoder", "engine"])
def test_when_the_texts_give_only_a_bound_the_agents_links_calibrate_either_matcher(kind: str) -> None:
    """A small help center's texts may separate too little to explain an export (a bound); 20 or more tickets an
    agent answered with a link, scored with and without their article, then calibrate the report, whichever
    matcher scored them (the sentence encoder as well as the search engine)."""
    from types import SimpleNamespace

    from deflection.analyze import ENCODER, ENGINE, _Decider

    rng = np.random.default_rng(3)
    texts = calibrate.reference(rng.normal(0.5, 0.05, 300), rng.normal(0.3, 0.05, 300))  # short texts: low scores
    code = ENCODER if kind == "encoder" else ENGINE
    truth = 0.7
    scores = _draw(2000, truth, rng)  # whole tickets score above every text: the texts explain nothing
    assert texts.estimate(scores).bounded
    pairs = list(zip(rng.normal(0.8, 0.07, 60).tolist(), rng.normal(0.55, 0.08, 60).tolist(), strict=True))
    matcher = SimpleNamespace(reference=lambda k: (texts, "article texts"), articles=(), name="m", source_locale="en")
    n = len(scores)
    decider = _Decider(matcher, {code: pairs}, scores, np.full(n, code, np.int8), np.zeros(n, bool),
                       np.zeros(n, bool), np.zeros(n, bool))
    e = decider.estimate(np.ones(n, bool))
    assert not e.bounded and e.low <= truth <= e.high, e
    assert "reply linked" in decider.calibration(code).source
    # the encoder scores the source locale's tickets only (others go to the engine): the report says which counted
    assert (" tickets in en an agent's reply linked" in decider.calibration(code).source) is (kind == "encoder")
    # fewer than 20 links: still a bound, and said so
    few = _Decider(matcher, {code: pairs[:19]}, scores, np.full(n, code, np.int8), np.zeros(n, bool),
                   np.zeros(n, bool), np.zeros(n, bool))
    assert few.estimate(np.ones(n, bool)).bounded
    # a bound is no prior: single tickets are decided at even odds, not as if all were answered
    assert few.threshold[code] == round(texts.decision(0.5), 4) > round(texts.decision(1.0), 4)


def test_texts_that_cannot_rule_out_every_ticket_answered_give_way_to_the_agents_links() -> None:
    """A few texts that separate little give an estimate whose interval reaches 100% (or 0%): they cannot tell,
    and the tickets an agent answered with a link calibrate instead (a walkthrough's 16-article help center:
    99.7% (68.1-100%) and no topic, where about 80% were answerable)."""
    from types import SimpleNamespace

    from deflection.analyze import ENGINE, _Decider

    rng = np.random.default_rng(3)
    texts = calibrate.reference(rng.normal(0.6, 0.1, 40), rng.normal(0.45, 0.1, 40))
    scores = rng.normal(0.6, 0.1, 2000)
    e = texts.estimate(scores)
    assert not e.bounded and e.high >= 1.0
    pairs = list(zip(rng.normal(0.65, 0.08, 60).tolist(), rng.normal(0.45, 0.08, 60).tolist(), strict=True))
    matcher = SimpleNamespace(reference=lambda k: (texts, "article texts"), articles=(), name="m", source_locale="en")
    n = len(scores)
    decider = _Decider(matcher, {ENGINE: pairs}, scores, np.full(n, ENGINE, np.int8), np.zeros(n, bool),
                       np.zeros(n, bool), np.zeros(n, bool))
    assert "reply linked" in decider.calibration(ENGINE).source


def _first_topic(texts: list[str]):  # type: ignore[no-untyped-def]
    """Six tickets grouped by meaning, the first four asking one thing: their groups and the first one's seed."""
    raw = np.array([[1.0, 0.0, 0.0], [0.98, 0.2, 0.0], [0.98, -0.2, 0.0], [0.9, 0.0, 0.43],
                    [0.0, 1.0, 0.1], [0.0, 1.0, -0.1]])
    v = raw / np.linalg.norm(raw, axis=1, keepdims=True)
    model = fit_meaning(texts, v, 0.3)
    groups, _ = model.assign(texts, v)
    return groups, model.seeds[groups[0]]


def test_a_topic_is_labeled_in_words_customers_share_not_one_customers_typo() -> None:
    texts = ["Noh elmet at the dock", "No helmet at the dock today", "helmet missing at the dock again",
             "need a helmet at the dock", "where do I change my card", "change my payment card"]
    groups, seed = _first_topic(texts)
    assert groups[0] == groups[1] == groups[2] == groups[3] >= 0
    # the most central ticket is the typo; a neighbour that asks the same in shared words labels the topic
    assert seed.representative == "No helmet at the dock today"
    assert seed.suggested_title == "No helmet at the dock today"


def test_a_topic_is_labeled_with_its_question_not_the_story_around_it_nor_a_bare_subject() -> None:
    texts = ["is there a way to gift premium to a friend? she's learning Korean. I've used Brisa for 2 years",
             "Can I gift a subscription to my friend? It's her birthday", "gift premium to a friend? love the app",
             "Problema\nHi. ¿Puedo regalar una suscripción a mi hermana? Gracias",
             "where do I change my card", "change my payment card"]
    _, seed = _first_topic(texts)
    assert seed.representative == "is there a way to gift premium to a friend?"
    assert seed.suggested_title == "Is there a way to gift premium to a friend?"
    from deflection.topics import _ask
    assert _ask(texts[3]) == "¿Puedo regalar una suscripción a mi hermana?"  # a one-word subject asks nothing


def test_a_question_without_its_question_mark_still_labels_the_topic() -> None:
    from deflection.topics import _ask, _title

    # customers drop the mark; the story before the question made the title ("I have the City plan since March.")
    text = ("I have the City plan since March. can the rider bring it to my girlfriend's place, not the address on my "
            "account")
    assert _ask(text) == "can the rider bring it to my girlfriend's place, not the address on my account"
    assert _title([text]) == "Can the rider bring it to my girlfriend's place?"  # a long one, cut at its comma
    assert _ask("Delivery\nWe moved last week. where do we send the bike back") == "where do we send the bike back"
    # German asks verb first, and its question words are its own
    assert _ask("Wir renovieren gerade unser Bad. Kann ich später noch Fliesen aus der gleichen Charge nachbestellen") \
        == "Kann ich später noch Fliesen aus der gleichen Charge nachbestellen"
    # a closing run into the question's line is not part of it
    assert _ask("how do I redeem a gift voucher thanks") == "how do I redeem a gift voucher"
    assert _title(["Where is my refund, thank you so much!"]) == "Where is my refund?"
    # the question after a bare subject loses its closing too ("... our dog back thanks in advance")
    assert _ask("Reward\nCan i claim back the reward we paid to get our dog back thanks in advance") == \
        "Can i claim back the reward we paid to get our dog back"


def test_a_question_that_leans_on_the_sentence_before_it_does_not_label_the_topic() -> None:
    from deflection.topics import _medoid, _title

    # the most central ticket's question says "that": a neighbour's line that names the subject labels the topic
    ordered = ["Shipping abroad\nI'm sending my first order to Ireland and Canada Post says it needs a customs "
               "declaration. Where do I fill that in? I don't see any customs section when I buy the label.",
               "customs declaration for international order\nI'm sending my first order to the UK and GLS says it "
               "needs a customs declaration. Where do I fill that in?",
               "What can you do?"]
    assert _medoid(ordered) == "customs declaration for international order"
    assert _title(ordered) == "Customs declaration for international order"
    assert _medoid(["What can you do?"]) == "What can you do?"  # when nothing says more, still a label


def test_a_subject_many_topics_share_labels_none_of_them() -> None:
    """Before: 'Re: your Ferry account' (a mailing's subject, on a quarter of a walkthrough's tickets) labeled the
    topic of an Outlook add-in that disappeared."""
    from deflection.topics import _medoid, generic_subjects

    texts = ["Re: your Ferry account\n\nthe outlook add-in disappeared from my ribbon",
             "Re: your Ferry account\n\nthe outlook add-in is gone since the update",
             "Re: your Ferry account\n\nis there a discount for charities?",
             "Charity pricing\n\nany discount for a registered charity?"]
    generic = generic_subjects(texts, [[0, 1], [2, 3]])
    assert generic == {"your ferry account"}
    assert _medoid(texts[:2], None, generic) == "the outlook add-in disappeared from my ribbon"
    assert _medoid(texts[:2]) == "your Ferry account"  # as it was
