"""Zendesk Guide: the Help Center API's JSON responses, saved to files in one folder.

Any ``*.json`` under the folder is read, whatever its name, by what it holds:
``{"categories": [...]}``, ``{"sections": [...]}``, ``{"articles": [...]}`` (``/api/v2/help_center/{locale}/...``,
each page of a paginated listing in its own file), ``{"translations": [...]}``
(``/api/v2/help_center/articles/{id}/translations``) and ``{"article_attachments": [...]}``
(``/api/v2/help_center/articles/{id}/attachments``). Downloaded attachment files are looked up as
``attachments/<attachment id>/<file_name>``, else by file name anywhere in the folder.

An article listed in another locale than its ``source_locale`` is a translation of it, as is a translation
object (``source_type: Article``). Levels: :mod:`importers.levels`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from importers.convert import article_text
from importers.exports import DownloadedFiles, JsonFile, helpkit_locale, items, json_files, missing_pages, to_date
from importers.levels import Group, LevelRule, place
from importers.links import link_target
from importers.model import CategoryText, Export, FileRef, Problem, SourceArticle

_ATTACHMENT_URL = re.compile(r"/article_attachments/(\d+)")


def read(root: Path, rule: LevelRule = LevelRule.SECTION) -> Export:
    """Read a saved Zendesk Guide export."""
    problems: list[Problem] = []
    files = json_files(root, problems)
    for key in ("articles", "sections", "categories"):
        missing_pages(files, key, problems)
    downloads = DownloadedFiles(root)
    attachments: dict[str, FileRef] = {}
    for f, a in items(files, "article_attachments"):
        ref = downloads.find(str(a.get("file_name") or a.get("display_file_name") or ""), f"attachments/{a.get('id')}")
        if ref is not None:
            attachments[str(a.get("id"))] = ref
            attachments[str(a.get("content_url") or "")] = ref
        else:
            problems.append(Problem(str(f.path), f"zendesk:{a.get('article_id')}",
                                    f"attachment {a.get('id')} ({a.get('file_name')}) was not downloaded: save it "
                                    f"as attachments/{a.get('id')}/{a.get('file_name')}; the original URL is kept"))

    sources: dict[str, dict[str, Any]] = {}
    listed: list[tuple[JsonFile, dict[str, Any]]] = list(items(files, "articles"))
    for f, a in listed:
        if a.get("locale", a.get("source_locale")) == a.get("source_locale", a.get("locale")):
            sources.setdefault(str(a.get("id")), {**a, "_file": f.path})
    source_locale = _main_locale(sources.values())
    tops = [Group(f"zendesk-category:{c['id']}", str(c.get("name") or ""), str(c.get("description") or ""),
                  int(c.get("position") or 0), "", _group_texts(files, "categories", c, source_locale))
            for _, c in _in_locale(items(files, "categories"), source_locale)]
    sections = [Group(f"zendesk-section:{s['id']}", str(s.get("name") or ""), str(s.get("description") or ""),
                      int(s.get("position") or 0), f"zendesk-category:{s.get('category_id')}",
                      _group_texts(files, "sections", s, source_locale))
                for _, s in _in_locale(items(files, "sections"), source_locale)]
    categories, placements = place(tops, sections, rule)

    translations: dict[str, dict[str, tuple[Path, dict[str, Any]]]] = {}
    for f, a in listed:
        aid = str(a.get("id"))
        if aid in sources and a.get("locale") != sources[aid].get("source_locale"):
            translations.setdefault(aid, {})[str(a.get("locale"))] = (f.path, a)
    for f, t in items(files, "translations"):
        aid = str(t.get("source_id"))
        if t.get("source_type", "Article") == "Article" and aid in sources \
                and t.get("locale") != sources[aid].get("source_locale"):
            translations.setdefault(aid, {})[str(t.get("locale"))] = (f.path, t)

    link = functools.partial(link_target, desk="zendesk")
    def attachment(src: str) -> FileRef | None:
        m = _ATTACHMENT_URL.search(src)
        return attachments.get(src) or (attachments.get(m.group(1)) if m else None)

    articles = []
    for aid, a in sources.items():
        sid = f"zendesk:{aid}"
        origin = a["_file"]
        placement = placements.get(f"zendesk-section:{a.get('section_id')}")
        if placement is None:
            problems.append(Problem(str(origin), sid, f"section {a.get('section_id')} is not in the export: save the "
                                    "sections listing too; the article is not imported", True))
            continue
        text = article_text(source_locale, str(a.get("title") or a.get("name") or ""), str(a.get("body") or ""), "",
                            link, attachment, origin, sid, problems)
        if text is None:
            continue
        others = []
        for code, (path, t) in sorted(translations.get(aid, {}).items()):
            locale = helpkit_locale(code)
            if locale is None:
                problems.append(Problem(str(path), sid, f"unknown locale '{code}': this translation is not imported",
                                        True))
                continue
            if t.get("draft") or t.get("hidden"):
                continue
            translated = article_text(locale, str(t.get("title") or ""), str(t.get("body") or ""), "", link,
                                      attachment, path, sid, problems)
            if translated is not None:
                outdated = bool(t.get("outdated")) or code in (a.get("outdated_locales") or ())
                others.append(replace(translated, outdated=outdated, updated=to_date(t.get("updated_at"))))
        articles.append(SourceArticle(
            source_id=sid, origin=origin, category=placement.category, text=text, translations=tuple(others),
            keywords=tuple(str(x) for x in a.get("label_names") or ()),
            order=placement.order_base + int(a.get("position") or 0), draft=bool(a.get("draft")),
            promoted=bool(a.get("promoted")),
            updated=to_date(a.get("edited_at") or a.get("updated_at")),
        ))
    return Export("zendesk", source_locale, categories, tuple(articles), tuple(problems))


def _main_locale(articles: Any) -> str:
    codes = [str(a.get("source_locale") or a.get("locale") or "") for a in articles]
    code = max(set(codes), key=codes.count) if codes else "en"
    return helpkit_locale(code) or "en"


def _group_texts(files: list[JsonFile], key: str, group: dict[str, Any], locale: str) -> tuple[CategoryText, ...]:
    """A category's or section's name in the other locales (listings saved from ``/help_center/{locale}/...``)."""
    out = {}
    for _, o in items(files, key):
        code = helpkit_locale(str(o.get("locale") or ""))
        if str(o.get("id")) == str(group.get("id")) and code and code != locale:
            out[code] = CategoryText(code, str(o.get("name") or ""), str(o.get("description") or ""))
    return tuple(out[k] for k in sorted(out))


def _in_locale(found: Any, locale: str) -> list[tuple[JsonFile, dict[str, Any]]]:
    """Objects in the source locale, one per id (a listing in another locale holds translated names)."""
    out: dict[str, tuple[JsonFile, dict[str, Any]]] = {}
    for f, o in found:
        same = helpkit_locale(str(o.get("locale") or o.get("source_locale") or "")) in (locale, None)
        if same or str(o.get("id")) not in out:
            out[str(o.get("id"))] = (f, o)
    return list(out.values())
