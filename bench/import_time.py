"""``helpkit import zendesk`` of N synthetic articles, against the ``helpkit build`` that follows it.

    python -m bench.import_time --articles 5000 --runs 3

The export is in the Help Center API's shape (categories, sections, articles in pages of 100, one attachment
per 20 articles), each body with headings, a list, a table, a callout, a code block and a link to another
article. Each run imports into a new help center, then builds it (``--no-cache``). Reports the median wall
time and peak memory of each; the anchor is the build: importing should take less.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
from pathlib import Path

from bench.build_time import REPO, timed
from bench.generate import CONFIG, OBJECTS, VERBS, WORDS

HOST = "https://example.zendesk.com"


def _sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def export(n: int, out: Path, per_page: int = 100) -> Path:
    """A Zendesk Guide export of ``n`` articles in ``out`` (deterministic for a given ``n``)."""
    rng = random.Random(n)
    out.mkdir(parents=True)
    cats = [{"id": 1000 + c, "name": f"Topic {c + 1}", "description": _sentence(rng, 6), "position": c,
             "locale": "en-us", "source_locale": "en-us"} for c in range(10)]
    secs = [{"id": 2000 + s, "category_id": 1000 + s % 10, "name": f"Section {s + 1}",
             "description": _sentence(rng, 6), "position": s, "locale": "en-us", "source_locale": "en-us"}
            for s in range(50)]
    (out / "categories.json").write_text(json.dumps({"categories": cats, "page": 1, "page_count": 1}))
    (out / "sections.json").write_text(json.dumps({"sections": secs, "page": 1, "page_count": 1}))
    png = (REPO / "tests/fixtures/import/zendesk/attachments/501/refund-status.png").read_bytes()
    articles, attachments = [], []
    for i in range(n):
        aid = 10_000 + i
        title = f"{rng.choice(VERBS)} the {rng.choice(OBJECTS)} ({i + 1})"
        other = 10_000 + rng.randrange(n)
        image = ""
        if i % 20 == 0:
            image = f'<p><img src="{HOST}/hc/article_attachments/{90_000 + i}/screen.png" alt="Screen"></p>'
            attachments.append({"id": 90_000 + i, "article_id": aid, "file_name": "screen.png",
                                "content_url": f"{HOST}/hc/article_attachments/{90_000 + i}/screen.png"})
            (out / "attachments" / str(90_000 + i)).mkdir(parents=True)
            (out / "attachments" / str(90_000 + i) / "screen.png").write_bytes(png)
        body = (f"<p>{_sentence(rng, 14)} {_sentence(rng, 10)}</p><h2>Steps</h2><ol>"
                + "".join(f"<li>{_sentence(rng, 8)}</li>" for _ in range(4)) + "</ol>"
                + f'<div class="callout callout--tip"><p>{_sentence(rng, 12)}</p></div>'
                + "<h2>Details</h2><table><tr><th>Option</th><th>Effect</th></tr>"
                + "".join(f"<tr><td>{rng.choice(WORDS)}</td><td>{_sentence(rng, 5)}</td></tr>" for _ in range(3))
                + f"</table><pre><code>curl {HOST}/api/v1/{rng.choice(WORDS)}</code></pre>"
                + f'<p>See also <a href="{HOST}/hc/en-us/articles/{other}">this article</a>.</p>{image}')
        articles.append({"id": aid, "section_id": 2000 + i % 50, "title": title, "body": body, "position": i,
                         "label_names": [rng.choice(WORDS)], "draft": False, "locale": "en-us",
                         "source_locale": "en-us", "updated_at": "2024-05-02T10:00:00Z"})
    pages = [articles[k:k + per_page] for k in range(0, n, per_page)]
    for p, chunk in enumerate(pages, start=1):
        (out / f"articles-{p:03d}.json").write_text(json.dumps({"articles": chunk, "page": p,
                                                                 "page_count": len(pages)}))
    (out / "attachments.json").write_text(json.dumps({"article_attachments": attachments}))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cli = [sys.executable, str(REPO / "cli.py")]
    with tempfile.TemporaryDirectory() as tmp:
        source = export(args.articles, Path(tmp) / "export")
        imports, builds = [], []
        for run in range(args.runs):
            project = Path(tmp) / f"hc{run}"
            (project / "content").mkdir(parents=True)
            (project / "mkdocs.yml").write_text(CONFIG.format(locales="[]"), encoding="utf-8")
            imports.append(timed([*cli, "import", "zendesk", str(source), "--into", str(project)], project))
            builds.append(timed([*cli, "build", "--no-cache"], project))
        iw, im = statistics.median(r[0] for r in imports), statistics.median(r[1] for r in imports)
        bw, bm = statistics.median(r[0] for r in builds), statistics.median(r[1] for r in builds)
        print(f"{args.articles} articles, median of {args.runs}: helpkit import {iw:.1f} s / {im:.0f} MiB; "
              f"helpkit build {bw:.1f} s / {bm:.0f} MiB; import/build {iw / bw:.2f}x")


if __name__ == "__main__":
    main()
