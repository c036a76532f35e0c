"""Generate a synthetic help center of N articles (for benchmarks): ``python -m bench.generate 1000 OUT``.

Articles are spread over 10 categories, look like support articles (headings, steps, an
admonition, a table, links to neighbours) and are deterministic for a given N.
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

CATEGORIES = ("account", "billing", "shipping", "returns", "orders", "integrations", "mobile-app",
              "security", "troubleshooting", "reports")
VERBS = ("Reset", "Change", "Update", "Cancel", "Export", "Connect", "Track", "Refund", "Verify", "Download",
         "Share", "Archive", "Restore", "Schedule", "Print", "Import", "Configure", "Remove", "Invite", "Merge")
OBJECTS = ("password", "invoice", "payment card", "shipping label", "order", "subscription", "store",
           "webhook", "API key", "teammate", "address", "report", "parcel", "refund", "return label",
           "notification", "tax ID", "pickup", "carrier account", "packing slip", "customs form", "coupon")
WORDS = (
    "account settings dashboard page button menu screen option customer order parcel carrier label "
    "payment invoice refund plan team e-mail notification status tracking number delivery address "
    "warehouse store product inventory export import file report date time week month support"
).split()

CONFIG = """\
site_name: Synthetic Help Center
site_url: https://help.example.com/
theme:
  name: material
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true
helpkit:
  locales: {locales}
  contact:
    email: support@example.com
  translation:
    backend: none
"""


def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def article_text(i: int, rng: random.Random, n: int) -> tuple[str, str, str]:
    """(category, slug, file text) of synthetic article ``i`` of ``n``."""
    category = CATEGORIES[i % len(CATEGORIES)]
    title = f"{VERBS[i % len(VERBS)]} a {OBJECTS[(i // len(VERBS)) % len(OBJECTS)]} ({i})"
    slug = f"article-{i:05d}"
    neighbour = (i + len(CATEGORIES)) % n
    body = [
        _sentence(rng, 18), "",
        "## Before you start", "", _sentence(rng, 25), _sentence(rng, 20), "",
        "## Steps", "",
        *(f"{k}. {_sentence(rng, 10)}" for k in range(1, 5)), "",
        '!!! note "Good to know"', f"    {_sentence(rng, 16)}", "",
        "## Details", "",
        "| Setting | Value |", "|---|---|", f"| {rng.choice(WORDS)} | {rng.choice(WORDS)} |", "",
        f"{_sentence(rng, 30)} See [this related article](article-{neighbour:05d}.md).", "",
    ]
    front = (f"---\ntitle: {title}\ndescription: {_sentence(rng, 12)}\n"
             f"tags: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]\nkeywords: [{rng.choice(WORDS)}]\n"
             f"order: {i}\nupdated: 2026-0{1 + i % 9}-1{i % 10}\n---\n\n")
    return category, slug, front + "\n".join(body)


def generate(n: int, out: Path, *, locales: tuple[str, ...] = ()) -> Path:
    """Write an N-article help center into ``out`` (replaced if it exists); returns ``out``."""
    if out.exists():
        shutil.rmtree(out)
    rng = random.Random(n)
    for c, category in enumerate(CATEGORIES):
        folder = out / "content" / category
        folder.mkdir(parents=True)
        (folder / "_category.yml").write_text(
            f"title: {category.replace('-', ' ').capitalize()}\ndescription: All about {category}.\norder: {c}\n")
    for i in range(n):
        category, slug, text = article_text(i, rng, n)
        (out / "content" / category / f"{slug}.md").write_text(text, encoding="utf-8")
    (out / "mkdocs.yml").write_text(CONFIG.format(locales="[" + ", ".join(locales) + "]"), encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--locales", default="", help="comma-separated target locales")
    args = parser.parse_args()
    generate(args.count, args.out, locales=tuple(x for x in args.locales.split(",") if x))
    print(f"wrote {args.count} articles to {args.out}")


if __name__ == "__main__":
    main()
