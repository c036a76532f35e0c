"""Synthetic help centers for the search benchmarks: N articles with realistic length and vocabulary.

Sentences are drawn from real help-article text (the banking fixture and the public help_plausible
articles in $HELPKIT_EVAL_DIR), then each article gets a few product-specific words of its own, so the
vocabulary keeps growing with N as it does in a real help center. Deterministic for a given N.
(bench/generate.py builds whole projects; this one only makes ``Article`` values for the search benchmarks.)
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from bench.data import eval_dir
from helpkit.markdown import sections
from helpkit.model import Article

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "bench" / "fixtures" / "banking" / "content", eval_dir() / "help_plausible"]
CATEGORIES = ("account", "billing", "cards", "transfers", "integrations", "security", "reports", "mobile")


def _sentences() -> list[str]:
    out: list[str] = []
    for source in SOURCES:
        for md in sorted(source.rglob("*.md")):
            text = re.sub(r"^---.*?---", "", md.read_text(encoding="utf-8"), flags=re.S)
            text = re.sub(r"<[^>]+>|\{[^}]*\}|!\[[^\]]*\]\([^)]*\)|\[([^\]]*)\]\([^)]*\)|[*#`>|_]", r"\1", text)
            for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())):
                if 30 <= len(s) <= 220 and "import " not in s and "=" not in s:
                    out.append(s)
    return sorted(set(out))


def _word(rng: random.Random) -> str:
    syllables = ("ka", "lo", "mi", "ter", "van", "so", "ri", "pel", "dor", "qui", "ne", "bra", "zu", "fen")
    return "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))


def synthetic_articles(n: int, *, seed: int = 7) -> list[Article]:
    """``n`` articles of 150 to 400 words, in 8 categories, with unique titles and slugs."""
    rng = random.Random(seed)
    pool = _sentences()
    articles: list[Article] = []
    for i in range(n):
        own = [_word(rng) for _ in range(3)]
        title_words = rng.choice(pool).rstrip(".!?").split()[:7]
        title = f"{' '.join(title_words)} ({own[0]} {i})"
        paragraphs = []
        for h in range(rng.randint(2, 4)):
            body = " ".join(rng.choice(pool) for _ in range(rng.randint(2, 5)))
            paragraphs.append(f"## {' '.join(rng.choice(pool).split()[:4])} {h}\n\n{body} {rng.choice(own)}.")
        body = rng.choice(pool) + "\n\n" + "\n\n".join(paragraphs)
        slug = f"article-{i}"
        articles.append(Article(
            slug=slug, locale="en", title=title, category=CATEGORIES[i % len(CATEGORIES)], body=body,
            source_path=Path(f"{slug}.md"), source_hash="", description=rng.choice(pool),
            keywords=tuple(" ".join(rng.choice(pool).split()[:2]) for _ in range(3)) + (own[1],),
            sections=sections(body, title),
        ))
    return articles
