"""``helpkit new`` (one article) and ``helpkit init`` (a whole help center)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import yaml

from helpkit.config import ProjectConfig
from helpkit.errors import ConfigError, HelpkitError
from helpkit.extras import ci_requirement
from helpkit.files import atomic_write
from helpkit.loader import CATEGORY_FILE, CATEGORY_PAGE, NEW_ARTICLE_BODY, front_matter_of
from helpkit.slug import SLUG, slugify


def write_new_file(path: Path, text: str) -> None:
    """Create ``path`` with ``text``, atomically, refusing to overwrite anything."""
    try:
        atomic_write(path, text, overwrite=False)
    except FileExistsError:
        raise HelpkitError(f"{path}: already exists; choose another title or --slug, or edit that file") from None


def new_article(config: ProjectConfig, title: str, category: str, *, slug: str | None = None,
                today: date | None = None) -> Path:
    """Write a new article with valid front matter into ``content/<category>/<slug>.md``; returns its path."""
    title = title.strip()
    if not title:
        raise ConfigError("TITLE is empty; give the article a title, e.g. 'How do I reset my password?'")
    slug = slug or slugify(title)
    if not SLUG.match(slug):
        raise ConfigError(f"--slug '{slug}': use lowercase letters, digits and hyphens")
    folder = config.content_dir / category
    if not folder.is_dir():
        known = sorted(p.name for p in config.content_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_")))
        raise ConfigError(f"--category '{category}' is not a category; known: {', '.join(known)} "
                          f"(or create the folder {folder})")
    existing = next(iter(config.content_dir.rglob(f"{slug}.md")), None)
    if existing is not None:
        raise HelpkitError(f"{existing}: an article with slug '{slug}' already exists; choose another --slug")
    for path in sorted(config.content_dir.rglob("*.md")):  # the loader refuses two articles with one title
        taken = str(front_matter_of(path.read_text(encoding="utf-8")).get("title", "")).strip()
        if path.name != CATEGORY_PAGE and taken.casefold() == title.casefold():
            raise ConfigError(f"TITLE '{title}' is already the title of {path}; give the new article its own title, "
                              "or edit that article")
    meta = {"title": title, "description": "", "tags": [], "keywords": [],
            "updated": (today or date.today()).isoformat()}
    front = yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)
    path = folder / f"{slug}.md"
    write_new_file(path, f"---\n{front}---\n\n{NEW_ARTICLE_BODY}")
    return path


INIT_CONFIG = """\
# Your help center: MkDocs + Material settings, plus helpkit's own under `helpkit:`.
site_name: {name}
# Set site_url to the address the site is published at: the sitemap, hreflang links, canonical URLs and
# 'helpkit deflection' (agents' replies linking an article) need it; without it, 'build --strict' fails.
# site_url: https://help.example.com/
theme:
  name: material
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      toggle: {{icon: material/weather-night, name: Switch to dark mode}}
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      toggle: {{icon: material/weather-sunny, name: Switch to light mode}}
markdown_extensions:
  - admonition
  - attr_list
  - md_in_html
  - tables
  - toc:
      permalink: true

helpkit:
  source_locale: en
  locales: []            # e.g. [es, de]: machine-translated with Argos, reviewed in locales/<lang>.po
  contact:
    email: support@example.com
  promoted: [welcome]      # the home page's "Popular articles" (article slugs)
  search:
    synonyms: synonyms.txt     # the words customers use for your terms
    questions: questions.csv   # customers' own questions, each with the article that answers it
"""

INIT_WORKFLOW = """\
# Build the help center on every push to main and publish site/ to GitHub Pages.
name: Publish help center
on:
  push:
    branches: [main]
  workflow_dispatch:
permissions:
  contents: read
  pages: write
  id-token: write
concurrency:
  group: pages
  cancel-in-progress: true
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0   # full history: last-updated dates come from git
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      # Machine translation (the argos extra) needs torch: its CPU build first, not PyPI's multi-GB CUDA one.
      - run: pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
      - run: pip install "HELPKIT_REQUIREMENT"
      # The translation models of the locales in mkdocs.yml, downloaded once and then restored from the cache.
      - id: models
        run: echo "key=argos-$(helpkit models needed | paste -sd+ -)" >> "$GITHUB_OUTPUT"
      - uses: actions/cache@v4
        with:
          path: ~/.local/share/argos-translate/packages
          key: ${{ steps.models.outputs.key }}
      - run: helpkit models install --configured
      # The build cache: pages, translations and search indexes whose inputs did not change are reused.
      - uses: actions/cache@v4
        with:
          path: .helpkit
          key: helpkit-build-${{ github.sha }}
          restore-keys: helpkit-build-
      # Every warning fails: broken links and anchors, and articles nothing links to (which the build alone allows).
      - run: helpkit check --strict
      - run: helpkit build --strict
      - uses: actions/upload-pages-artifact@v3
        with:
          path: site
  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"""

INIT_ARTICLE = """\
---
title: Welcome to the help center
description: What you can find here and how to get in touch.
tags: [start]
keywords: [help, support, contact]
---

Use the search box or browse the topics on the home page.

## Contact us

If you cannot find an answer, use the **Contact support** button at the end of any article.
"""


SAMPLE_CONTENT = {
    f"getting-started/{CATEGORY_FILE}":
        "title: Getting started\ndescription: The basics.\nicon: material/rocket-launch-outline\norder: 1\n",
    "getting-started/welcome.md": INIT_ARTICLE,
}
"""The sample content ``helpkit init`` writes, by path relative to ``content/``. ``helpkit import`` removes each file
whose text is still this (it was never edited) and keeps the others: when a text here changes, help centers made
before hold the old one, which then counts as edited (kept, and named)."""


INIT_SYNONYMS = """\
# Search synonyms: one group per line, a term and the words customers use for it, e.g.
# refund = money back, reimbursement, chargeback
"""

INIT_QUESTIONS = """\
# Customers' questions in their own words, one row each with the slug of the article that answers it (its file
# name without .md), e.g. from solved tickets: helpkit deflection tickets.csv --questions answered.csv writes
# rows to review and copy here. Search learns the customers' words from them. Lines starting with # are comments.
question,article,locale
"""


WORKFLOW = ".github/workflows/publish.yml"
"""Where the CI workflow goes, relative to mkdocs.yml."""


def project_files() -> dict[str, str]:
    """The files beside mkdocs.yml that a new help center starts with (INIT_CONFIG names synonyms.txt and
    questions.csv), by path relative to it: ``helpkit init`` writes them, and so does ``helpkit import`` into a new
    folder. The workflow installs this helpkit (:func:`helpkit.extras.ci_requirement`: it is not on PyPI)."""
    requirement, known = ci_requirement("argos")
    line = f'"{requirement}"' + ("" if known else "   # edit: where your helpkit comes from (it is not on PyPI)")
    return {
        WORKFLOW: INIT_WORKFLOW.replace('"HELPKIT_REQUIREMENT"', line),
        ".gitignore": "site/\n.helpkit/\n",
        "synonyms.txt": INIT_SYNONYMS,
        "questions.csv": INIT_QUESTIONS,
    }


def is_unedited_sample(content: Path, path: Path) -> bool:
    """Whether ``path`` (in the ``content`` folder) is sample content ``helpkit init`` wrote, still as it wrote it
    (line endings aside: a checkout on Windows may turn them into CRLF)."""
    rel = path.relative_to(content).as_posix()
    if rel not in SAMPLE_CONTENT or not path.is_file():
        return False
    return path.read_bytes().replace(b"\r\n", b"\n") == SAMPLE_CONTENT[rel].encode("utf-8")


def init_project(directory: Path, *, name: str = "Help Center") -> list[Path]:
    """Scaffold a new help center in ``directory`` (which must be empty or missing); returns the files written."""
    if directory.exists() and any(directory.iterdir()):
        raise HelpkitError(f"{directory}: not empty; choose a new folder so nothing is overwritten")
    files = {
        "mkdocs.yml": INIT_CONFIG.format(name=name),
        **{f"content/{rel}": text for rel, text in SAMPLE_CONTENT.items()},
        **project_files(),
    }
    written = []
    for rel, text in files.items():
        path = directory / rel
        write_new_file(path, text)
        written.append(path)
    return written
