"""Topic grouping of unanswered tickets.

A :class:`TopicModel` is fitted on a bounded sample of unanswered tickets (reservoir-sampled while streaming) and
then assigns every unanswered ticket, batch by batch, so memory does not grow with the export.

Languages: tickets are grouped per language (:func:`deflection.text.language`; a text too short to tell joins the
sample's main language), so that Spanish tickets about pickups join a pickup topic, not a "Spanish" topic. A
language with fewer than :data:`MIN_TOPIC` sampled tickets forms no topic.

Representation: TF-IDF of character 3-5-grams within words (robust to typos and inflections: "refund",
"refunded", "refnd") reduced to at most 64 dimensions (LSA) and normalized to unit length. Grouping: Ward's
agglomerative clustering into ``sqrt(n)`` groups (2..40) per language: no random start, so the same sample always
gives the same topics, and a small change to the sample moves few tickets. On held-out intents (banking77_oos
id-oos test, NatCS banking and finance; tuned on banking77_oos train and NatCS development) purity went from
0.60/0.60/0.65 to 0.63/0.66/0.78 and stability (adjusted Rand index between the topics of a sample and those of
90% of it) from 0.60/0.58/0.65 to 0.72/0.74/0.78, against k-means with ``sqrt(n/2)`` groups; NMI stayed level.

Groups smaller than :data:`MIN_TOPIC` are not reported: their tickets, and tickets less similar to every group
than the group's own members are (:attr:`LanguageGroups.floor`), are left ungrouped (the report's "fit no topic").
Everything is seeded: the same sample gives the same topics.

Labels are the words and bigrams most particular to a topic (class-based TF-IDF over all topics' sampled tickets,
so a phrase many topics share, like a greeting or the product's name, does not lead); the suggested title is the
most central short ticket, in the customers' own words, without "Re:"/"Fwd:" prefixes.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import Normalizer

from deflection.clean import strip_subject_prefix
from deflection.text import fragment, language, phrases, words

MIN_TOPIC = 3
"""Smallest group (in the sample) reported as a topic."""
MAX_K = 40
"""At most this many groups are formed per language."""
DIMENSIONS = 64
"""LSA dimensions."""
ONE_SUBJECT = 0.5
"""A language's tickets whose cohesion (see :func:`_cohesive`) is at least this, and in which no group stands
out, form one topic: they all ask the same thing (unrelated tickets score ~0.1-0.3)."""


@dataclass(frozen=True, slots=True)
class TopicSeed:
    """One group found in the sample, before all tickets are assigned."""

    key_phrases: tuple[str, ...]
    """Most telling words/bigrams first."""
    suggested_title: str
    """The article title to suggest."""
    language: str = ""
    """Language of the group's tickets (``en``, ``es`` ...; ``""`` when it could not be told)."""
    representative: str = ""
    """The topic's most central customer question (its medoid ticket's first line, redacted): its label."""

    @property
    def title(self) -> str:
        """The article title to suggest: :attr:`suggested_title`, else the label when it is a short line of words
        ("QR scanner crash", a subject line too short for a title of its own), else "About" the most telling
        phrase; ``""`` when there is none."""
        if self.suggested_title:
            return self.suggested_title
        line = self.representative.strip()
        if 2 <= len(line.split()) <= 14 and "[" not in line:
            return line[0].upper() + line[1:]
        return f"About {self.key_phrases[0]}" if self.key_phrases else ""


@dataclass(frozen=True, slots=True)
class LanguageGroups:
    """The groups of one language's tickets."""

    language: str
    """The language (``""``: not told apart)."""
    pipeline: Pipeline
    """TF-IDF → LSA → unit length."""
    centroids: np.ndarray
    """One unit row per group found, small ones included."""
    topics: np.ndarray
    """Index in :attr:`TopicModel.seeds` of each centroid's topic; ``-1`` for groups too small to report."""
    floor: float
    """Lowest cosine similarity to a centroid that joins its group (the least typical sampled member's)."""


@dataclass(frozen=True, slots=True)
class TopicModel:
    """A fitted grouping: turns ticket texts into topic indexes (``-1`` for none)."""

    parts: tuple[LanguageGroups, ...]
    """One grouping per language with enough tickets."""
    seeds: tuple[TopicSeed, ...]
    """Labels and titles, one per topic."""
    main_language: str = ""
    """The sample's most common language: texts whose language cannot be told are grouped with it."""

    def assign(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Topic index and cosine similarity to the topic's centre for each text (``-1`` and 0 for none)."""
        best = np.full(len(texts), -1)
        score = np.zeros(len(texts))
        if not self.parts or not texts:
            return best, score
        by_lang: dict[str, list[int]] = {}
        for i, t in enumerate(texts):
            by_lang.setdefault(language(t) or self.main_language, []).append(i)
        for part in self.parts:
            idx = by_lang.get(part.language)
            if not idx:
                continue
            z = part.pipeline.transform([texts[i] for i in idx])
            sims = z @ part.centroids.T
            near = sims.argmax(axis=1)
            s = sims[np.arange(len(idx)), near]
            topic = np.where(s >= part.floor, part.topics[near], -1)
            best[idx] = topic
            score[idx] = np.where(topic >= 0, s, 0.0)
        return best, score


def fit(sample: Sequence[str], *, seed: int = 0, name: str = "") -> TopicModel:
    """Group a sample of unanswered tickets' texts (deterministic for a given sample and ``seed``); the words
    of ``name`` (the product's, the help center's) never label a topic."""
    langs = [language(t) for t in sample]
    counts = Counter(lang for lang in langs if lang)
    main = counts.most_common(1)[0][0] if counts else ""
    langs = [lang or main for lang in langs]
    parts: list[LanguageGroups] = []
    members: list[list[int]] = []  # sample indexes of each topic
    centres: list[np.ndarray] = []
    topic_lang: list[str] = []
    zs: list[np.ndarray] = []
    for lang, n in sorted(Counter(langs).items(), key=lambda kv: (-kv[1], kv[0])):
        if n < MIN_TOPIC:
            continue
        idx = [i for i, x in enumerate(langs) if x == lang]
        grouped = _group([sample[i] for i in idx], seed)
        if grouped is None:
            continue
        pipeline, z, labels = grouped
        base = float(np.linalg.norm(z.mean(axis=0))) ** 2
        one = base >= ONE_SUBJECT and not any(
            (labels == c).sum() >= MIN_TOPIC and _cohesive(z[labels == c], base) for c in set(labels.tolist())
        )
        if one:  # tickets that all say the same, and no group stands out: one topic
            labels = np.zeros(len(labels), dtype=int)
        ids = sorted(set(labels.tolist()), key=lambda c: (-int((labels == c).sum()), c))
        cents = np.stack([z[labels == c].mean(axis=0) for c in ids])
        cents /= np.maximum(np.linalg.norm(cents, axis=1, keepdims=True), 1e-12)
        topics = np.full(len(ids), -1)
        floors = []
        for j, c in enumerate(ids):
            rows = np.flatnonzero(labels == c)
            if len(rows) < MIN_TOPIC or not (one or _cohesive(z[rows], base)):
                continue
            topics[j] = len(members)
            members.append([idx[r] for r in rows])
            centres.append(cents[j])
            topic_lang.append(lang)
            zs.append(z[rows])
            floors.append(float((z[rows] @ cents[j]).min()))
        if floors:
            parts.append(LanguageGroups(lang, pipeline, cents, topics, max(0.0, min(floors))))
    ignored = set(words(name, "en")) | {w for lang in set(langs) for w in words(name, lang)}
    docs = [{p for p in phrases(t, lang) if not ignored.intersection(p.split())}
            for t, lang in zip(sample, langs, strict=True)]
    groups_using = Counter(p for m in members for p in set().union(*(docs[i] for i in m)))
    shared = word_counts(sample)
    generic = generic_subjects(sample, members)
    seeds = []
    for m, centre, lang, z in zip(members, centres, topic_lang, zs, strict=True):
        ordered = [sample[m[i]] for i in np.argsort(-(z @ centre), kind="stable")]
        seeds.append(TopicSeed(_key_phrases([docs[i] for i in m], groups_using, len(members), lang=lang),
                               _title(ordered, shared, generic), lang,
                               representative=_medoid(ordered, shared, generic)))
    return TopicModel(tuple(parts), tuple(seeds), main)


def _group(texts: list[str], seed: int) -> tuple[Pipeline, np.ndarray, np.ndarray] | None:
    """The fitted representation, the unit vectors and a group label per text; ``None`` when nothing repeats."""
    vec = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True, lowercase=True)
    try:
        x = vec.fit_transform(texts)
    except ValueError:  # nothing repeats: no vocabulary
        return None
    if x.shape[1] < 2:
        return None
    dims = max(1, min(DIMENSIONS, x.shape[1] - 1, len(texts) - 1))
    svd = TruncatedSVD(dims, random_state=seed)
    norm = Normalizer()
    z = norm.fit_transform(svd.fit_transform(x))
    return make_pipeline(vec, svd, norm), z, _cluster(z)


def _cluster(z: np.ndarray) -> np.ndarray:
    """Ward's agglomerative clustering of the unit vectors into ``sqrt(n/2)`` groups (2..:data:`MAX_K`).

    Deterministic (no random start) and stable: on held-out intents, refitting on 90% of the tickets moved
    fewer of them than k-means did (see the module docstring)."""
    n = len(z)
    k = max(2, min(MAX_K, n // MIN_TOPIC, round(math.sqrt(n))))
    if n <= k:
        return np.arange(n)
    return AgglomerativeClustering(n_clusters=k, linkage="ward").fit(z).labels_


def _cohesive(z: np.ndarray, base: float) -> bool:
    """Whether a group's tickets are more alike than as many tickets drawn at random from their language.

    Cohesion is the squared length of the mean of the group's unit vectors (the mean cosine similarity of its
    pairs, self-pairs included); a random draw of ``m`` tickets has ``base + (1 - base) / m`` on average, where
    ``base`` is the whole language's. Groups no better than chance (the leftovers of a clustering, a handful of
    unrelated tickets in a small language) are not topics."""
    m = len(z)
    return float(np.linalg.norm(z.mean(axis=0))) ** 2 > base + (1.0 - base) / m


def _key_phrases(docs: list[set[str]], groups: Counter[str], n_groups: int, top: int = 3,
                 lang: str = "") -> tuple[str, ...]:
    """Class-based TF-IDF: share of the topic's tickets using a phrase × rarity of the phrase across topics
    (``log(topics / topics using it)``: a phrase every topic uses, like the product's name, scores near nothing).
    A phrase that begins or ends with a function word (:func:`deflection.text.fragment`: "note against") is none:
    it titles a topic ("About note against") and is offered as an article's keyword."""
    df = Counter(p for d in docs for p in d)
    scored = []
    for p, n in df.items():
        if (n < 2 and len(docs) > 2) or (n_groups >= 3 and groups[p] > n_groups / 2) or fragment(p, lang):
            continue  # rare in the topic, or common to most topics (the product's name, "order"), or a fragment
        rarity = math.log(n_groups / groups[p])
        if " " in p:  # a bigram is no rarer than its words are on average ("declaration acme" is mostly "acme")
            rarity = min(rarity, sum(math.log(n_groups / groups[w]) for w in p.split()) / 2)
        weight = (n / len(docs)) * (rarity + 0.1) * (1.3 if " " in p else 1.0)
        scored.append((weight, p))
    scored.sort(key=lambda wp: (-wp[0], wp[1]))
    out: list[str] = []
    for _, p in scored:
        if any(p in q or q in p for q in out):
            continue
        out.append(p)
        if len(out) == top:
            break
    return tuple(out)


def _title(ordered: list[str], shared: Counter[str] | None = None, generic: frozenset[str] = frozenset()) -> str:
    """The most central short ticket subject (4-14 words, a longer one cut at its first comma; no redaction
    placeholders, no "Re:"), else the most central short question, as a title; in words other tickets use too when
    one of the more central half has such a line (:func:`_candidates`)."""
    for pick in (functools.partial(_ask, generic=generic), _first_sentence):
        for first in _candidates([strip_subject_prefix(pick(text)) for text in ordered], shared):
            if len(first.split()) > 14 and len(head := first.split(",", 1)[0].split()) >= 4:
                first = " ".join(head)  # "can the rider bring it to my girlfriend's place, not the address on ..."
            n = len(first.split())
            if 4 <= n <= 14 and "[" not in first:
                title = first[0].upper() + first[1:]
                return title if title[-1] in "?.!" else title + ("?" if _is_question(first) else "")
    return ""


def word_counts(texts: Sequence[str]) -> Counter[str]:
    """In how many of ``texts`` each content word (:func:`deflection.text.words`, case aside) appears."""
    return Counter(w for t in texts for w in {w.casefold() for w in words(t)})


def _candidates(lines: list[str], shared: Counter[str] | None) -> list[str]:
    """``lines`` (most central ticket first) to pick a label or title from: first those of the more central half
    whose every word another ticket of the export also uses, then those that say what they ask, then all of them
    in order. One customer's typo ("Statio nfull", "a helmetw ith the bike") makes a poor headline when a neighbour
    asks the same cleanly; so does a question that leans on the sentence before it ("... says it needs a customs
    declaration. Where do I fill that in?", "What can you do?"): it names fewer than two things (:func:`_says`)."""
    said = [ln for ln in lines if _says(ln)]
    if shared is None:
        return said + lines
    half = lines[: max(1, (len(lines) + 1) // 2)]
    return [ln for ln in half if _says(ln) and all(shared[w.casefold()] >= 2 for w in words(ln))] + said + lines


def _says(line: str) -> bool:
    """Whether ``line`` names what it asks about on its own: at least two content words."""
    return len(words(line)) >= 2


def _first_line(text: str) -> str:
    """The subject, when the ticket has one."""
    return text.strip().split("\n", 1)[0].strip()


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _ask(text: str, generic: frozenset[str] = frozenset()) -> str:
    """A ticket's question, to label its topic with: its first line (the subject, when it has one), cut to its
    first question when that line says more ("is there a way to gift premium? she's learning Korean ..." → its
    question); when the first line is a word or two ("Problema", "Refund?", the product's name: they say less than
    the customer's own question), or one of the ``generic`` subjects (:func:`generic_subjects`), the first question
    of the rest, else its first sentence."""
    first = _without_closing(strip_subject_prefix(_first_line(text)))
    parts = [p for p in _SENTENCE_END.split(first) if p.strip()]
    if len(parts) > 1:
        return _question_in(parts)
    rest = text.strip().split("\n", 1)[1:]
    vague = len(first.split()) <= 2 or first.casefold() in generic
    if vague and rest and rest[0].strip():  # "Reward\n... get our dog back thanks in advance"
        return _without_closing(_question_in([p for p in _SENTENCE_END.split(" ".join(rest[0].split())) if p.strip()]))
    return first


_CLOSING = re.compile(r"[,;\s-]+(?:thanks|thank you|thx|ty|pls|plz|please|cheers|danke|gracias|merci|obrigad[oa])"
                      r"(?: (?:so much|a lot|in advance|again))?[\s!.]*$", re.IGNORECASE)
"""A closing the customer ran into the question's line ("how do I redeem a gift voucher thanks")."""


def _without_closing(text: str) -> str:
    """``text`` without a closing at its end, when a question of three words or more is left."""
    cut = _CLOSING.sub("", text)
    return cut if cut != text and len(cut.split()) >= 3 else text


def _question_in(sentences: list[str]) -> str:
    """The first of ``sentences`` that asks: ends with a question mark, else opens like a question (customers drop
    the mark: "I have the City plan since March. can the rider bring it to my office"), else the first."""
    return next((s for s in sentences if s.endswith("?")), None) or \
        next((s for s in sentences if _is_question(s)), sentences[0])


def _first_sentence(text: str) -> str:
    """The first question after the first line (a statement makes a poor article title)."""
    rest = text.strip().split("\n", 1)[1:] or [""]
    sentences = [s for s in _SENTENCE_END.split(rest[0].strip()) if s]
    asked = _question_in(sentences) if sentences else ""
    return asked if asked.endswith("?") or _is_question(asked) else ""


def _is_question(text: str) -> bool:
    """Whether ``text`` opens like a question (a question word, or a verb first as German and English ask)."""
    return text.casefold().lstrip("¿¡ ").split(" ", 1)[0] in {
        "how", "why", "what", "when", "where", "which", "who", "can", "could", "do", "does", "is", "are", "will",
        "should", "may", "did", "am", "would", "cómo", "qué", "dónde", "cuándo", "cuál", "puedo", "wie", "was", "wo",
        "warum", "kann", "comment", "pourquoi", "où", "quand", "como", "onde", "quando", "posso",
        "wann", "welche", "welcher", "welches", "wieso", "weshalb", "wer", "woher", "wohin", "können", "könnt",
        "könnten", "gibt", "ist", "sind", "muss", "müssen", "soll", "sollte", "darf", "dürfen", "habe", "haben", "hat",
        "wird", "werden", "bekomme", "bekommen", "quel", "quelle", "quels", "quelles", "puis-je", "pouvez-vous",
        "est-ce", "combien", "cuánto", "cuánta", "quanto", "quanta", "qual", "pode", "puede", "pueden",
    }


# --- grouping by sentence meaning ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MeaningTopics:
    """Topics of unanswered tickets grouped by sentence meaning: assigns ticket vectors to topics."""

    centroids: np.ndarray
    """One unit row per topic."""
    floor: float
    """Lowest cosine to a topic's centre that joins it: one help-center subject's spread from it, or the least
    typical sampled member's cosine when lower."""
    seeds: tuple[TopicSeed, ...]
    """Labels and titles, one per topic: the meaning topics', then :attr:`other`'s."""
    other: TopicModel | None = None
    """Topics of the tickets in languages the encoder does not read (grouped by their words, :func:`fit`)."""

    def assign(self, texts: Sequence[str], vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Topic index and cosine to its centre for each ticket (``-1`` and 0 when none is close enough)."""
        best, score = np.full(len(texts), -1), np.zeros(len(texts))
        if not len(texts):
            return best, score
        own = np.array([encoded(t) for t in texts])
        if len(self.centroids) and own.any():
            sims = np.asarray(vectors[own], dtype=np.float32) @ self.centroids.T
            near = sims.argmax(axis=1)
            s = sims[np.arange(len(near)), near]
            best[own] = np.where(s >= self.floor, near, -1)
            score[own] = np.where(s >= self.floor, s, 0.0)
        if self.other is not None and (~own).any():
            rest = np.flatnonzero(~own)
            g, s = self.other.assign([texts[i] for i in rest])
            best[rest] = np.where(g >= 0, g + len(self.centroids), -1)
            score[rest] = s
        return best, score


ENCODED_LANGUAGES = ("en", "")
"""Languages the sentence encoder reads (``""``: too short to tell); other tickets are grouped by their words."""


def encoded(text: str) -> bool:
    """Whether a ticket is grouped by its sentence vector (its language is one the encoder reads)."""
    return language(text) in ENCODED_LANGUAGES


def spread(groups: Sequence[np.ndarray]) -> float:
    """How far apart the texts of one subject are: the median, over groups (the help center's articles, each
    with its learned questions or its keys), of the average cosine distance between two of its texts."""
    out = []
    for z in groups:
        m = len(z)
        if m < 2:
            continue
        s = z @ z.T
        out.append(float((m * m - s.sum()) / (m * (m - 1))))  # mean of 1 - cos over distinct pairs
    return float(np.median(out)) if out else 0.5


def fit_meaning(texts: Sequence[str], vectors: np.ndarray, distance: float, *, name: str = "") -> MeaningTopics:
    """Group a sample of unanswered tickets by meaning: average-linkage agglomerative clustering of their vectors
    (cosine), cut where groups are ``distance`` apart on average (:func:`spread` of the help center's own
    subjects); groups whose centres are closer than half of it are merged (near-duplicates). Deterministic.
    Tickets in languages the encoder does not read (:func:`encoded`) are grouped by their words (:func:`fit`)."""
    from scipy.cluster.hierarchy import fcluster, linkage

    own = [i for i, t in enumerate(texts) if encoded(t)]
    rest = [texts[i] for i in range(len(texts)) if i not in set(own)]
    other = fit(rest, name=name) if rest else None
    texts = [texts[i] for i in own]
    z = np.asarray(vectors, dtype=np.float64)[own]
    n = len(z)
    if n < 2:
        return MeaningTopics(np.zeros((0, 384), np.float32), 1.0, other.seeds if other else (), other)
    labels = fcluster(linkage(z, method="average", metric="cosine"), t=distance, criterion="distance") - 1
    groups = [np.flatnonzero(labels == c) for c in range(labels.max() + 1)]
    groups = _merge([g for g in groups if len(g)], z, 1.0 - distance / 2)
    groups.sort(key=lambda g: (-len(g), int(g[0])))
    groups = [g for g in groups if len(g) > 1] or groups[:0]  # a lone ticket is no topic: it may join one
    if not groups:
        return MeaningTopics(np.zeros((0, z.shape[1]), np.float32), 1.0 - distance, other.seeds if other else (),
                             other)
    cents = np.stack([unit(z[g].mean(axis=0)) for g in groups])
    ignored = set(words(name, "en"))
    docs = [{p for p in phrases(t) if not ignored.intersection(p.split())} for t in texts]
    using = Counter(p for g in groups for p in set().union(*(docs[i] for i in g)))
    shared = word_counts(texts)
    generic = generic_subjects(texts, groups)
    seeds = []
    for g, c in zip(groups, cents, strict=True):
        ordered = [texts[g[i]] for i in np.argsort(-(z[g] @ c), kind="stable")]
        seeds.append(TopicSeed(_key_phrases([docs[i] for i in g], using, len(groups)), _title(ordered, shared, generic),
                               representative=_medoid(ordered, shared, generic)))
    floor = min(1.0 - distance, *(float((z[g] @ c).min()) for g, c in zip(groups, cents, strict=True)))
    return MeaningTopics(cents.astype(np.float32), floor, (*seeds, *(other.seeds if other else ())), other)


def unit(v: np.ndarray) -> np.ndarray:
    """``v`` scaled to length one (zero stays zero)."""
    return v / max(float(np.linalg.norm(v)), 1e-12)


def _merge(groups: list[np.ndarray], z: np.ndarray, close: float) -> list[np.ndarray]:
    """Merge groups whose centres have a cosine of at least ``close``, closest pair first."""
    while len(groups) > 1:
        cents = np.stack([unit(z[g].mean(axis=0)) for g in groups])
        sims = cents @ cents.T
        np.fill_diagonal(sims, -2.0)
        i, j = np.unravel_index(int(np.argmax(sims)), sims.shape)
        if sims[i, j] < close:
            break
        groups[i] = np.concatenate([groups[i], groups[j]])
        del groups[j]
    return groups


def generic_subjects(texts: Sequence[str], groups: Sequence[Sequence[int]]) -> frozenset[str]:
    """The subject lines (case aside, "Re:" stripped) that tickets of two or more of ``groups`` (indexes into
    ``texts``) share: a form's or a mailing's subject ("Re: your Ferry account", on a quarter of a walkthrough's
    tickets), which says nothing of what any of them asks and had labeled a topic about an Outlook add-in."""
    seen: dict[str, set[int]] = {}
    for g, members in enumerate(groups):
        for i in members:
            if "\n" in texts[i].strip():  # a subject, then the body
                seen.setdefault(strip_subject_prefix(_first_line(texts[i])).casefold(), set()).add(g)
    return frozenset(s for s, gs in seen.items() if len(gs) >= 2)


def _medoid(ordered: list[str], shared: Counter[str] | None = None, generic: frozenset[str] = frozenset()) -> str:
    """The most central ticket's question (:func:`_ask`; ordered: most central first), cut to 120 characters; in
    words other tickets use too when one of the more central half has such a line (:func:`_candidates`)."""
    for first in _candidates([_ask(text, generic) or text for text in ordered], shared):
        if first.strip():
            first = " ".join(first.split())
            return first if len(first) <= 120 else first[:117].rstrip() + "..."
    return ""
