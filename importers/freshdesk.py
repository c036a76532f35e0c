"""Freshdesk solutions: the v2 API's JSON responses (categories → folders → articles), saved to files.

Freshdesk's listings are bare JSON arrays with no type field, so each object is recognised by its fields:
an article has ``folder_id`` and ``title``; a folder has ``visibility``; a category has ``visible_in_portals``
(or is neither). Save ``/api/v2/solutions/categories``, ``/api/v2/solutions/categories/{id}/folders`` and
``/api/v2/solutions/folders/{id}/articles`` (each page of a listing in its own file) anywhere in one folder.
A folder object without ``category_id`` takes it from its file: ``folders/<category id>.json`` or
``categories/<category id>/folders.json``.

Translations: the same listings in another language (``/api/v2/solutions/.../articles/{language_code}``)
saved in a subfolder named by the language (``es/``, ``pt-BR/``). Attachments: an article's
``attachments`` list; the downloaded files are looked up as ``attachments/<id>/<name>``, else by name.
"""

from __future__ import annotations

import functools
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from importers.convert import article_text
from importers.exports import DownloadedFiles, JsonFile, helpkit_locale, json_files, to_date
from importers.levels import Group, LevelRule, place
from importers.links import link_target
from importers.model import CategoryText, Export, FileRef, Problem, SourceArticle, SourceText

_ATTACHMENT_URL = re.compile(r"/attachments/(?:production/)?(\d+)/")


def read(root: Path, rule: LevelRule = LevelRule.SECTION) -> Export:
    """Read a saved Freshdesk solutions export."""
    problems: list[Problem] = []
    files = json_files(root, problems)
    by_locale: dict[str, dict[str, dict[str, tuple[JsonFile, dict[str, Any]]]]] = {}
    for f, o in _objects(files):
        code = _folder_locale(root, f.path)
        if code is None:
            problems.append(Problem(str(f.path), "", f"unknown locale folder '{f.path.relative_to(root).parts[0]}': "
                                    "its objects are not imported", True))
            continue
        by_locale.setdefault(code, {}).setdefault(_kind(o), {})[str(o.get("id"))] = (f, o)
    main = by_locale.get("", {})
    source_locale = ""  # Freshdesk's objects do not say their language: the help center's
    downloads = DownloadedFiles(root)

    def texts(kind: str, oid: str) -> tuple[CategoryText, ...]:
        return tuple(CategoryText(code, str(objs[kind][oid][1].get("name") or ""),
                                  str(objs[kind][oid][1].get("description") or ""))
                     for code, objs in sorted(by_locale.items()) if code and oid in objs.get(kind, {}))

    tops = [Group(f"freshdesk-category:{cid}", str(c.get("name") or ""), str(c.get("description") or ""), n, "",
                  texts("category", cid))
            for n, (cid, (_, c)) in enumerate(main.get("category", {}).items())]
    sections = [Group(f"freshdesk-folder:{fid}", str(d.get("name") or ""), str(d.get("description") or ""), n,
                      f"freshdesk-category:{d.get('category_id') or _id_from_path(f.path)}", texts("folder", fid))
                for n, (fid, (f, d)) in enumerate(main.get("folder", {}).items())]
    categories, placements = place(tops, sections, rule)

    link = functools.partial(link_target, desk="freshdesk")
    articles = []
    for n, (aid, (f, a)) in enumerate(main.get("article", {}).items()):
        sid = f"freshdesk:{aid}"
        placement = placements.get(f"freshdesk-folder:{a.get('folder_id')}")
        if placement is None:
            problems.append(Problem(str(f.path), sid, f"folder {a.get('folder_id')} is not in the export: save "
                                    "its category's folders listing too; the article is not imported", True))
            continue
        text = _text(a, source_locale, link, downloads, f.path, sid, problems)
        if text is None:
            continue
        others = []
        for code, objs in sorted(by_locale.items()):
            if code and aid in objs.get("article", {}):
                tf, t = objs["article"][aid]
                translated = _text(t, code, link, downloads, tf.path, sid, problems)
                if translated is not None and t.get("status", 2) == 2:  # dated: older than its article, stale
                    others.append(replace(translated, updated=to_date(t.get("updated_at"))))
        seo = a.get("seo_data") or {}
        words = [*(a.get("tags") or ()), *str(seo.get("meta_keywords") or "").split(",")]
        articles.append(SourceArticle(
            source_id=sid, origin=f.path, category=placement.category, text=text, translations=tuple(others),
            keywords=tuple(w.strip() for w in words if str(w).strip()),
            order=placement.order_base + int(a.get("position") or n + 1), draft=a.get("status") == 1,
            updated=to_date(a.get("updated_at")),
        ))
    return Export("freshdesk", source_locale, categories, tuple(articles), tuple(problems))


def _objects(files: list[JsonFile]) -> list[tuple[JsonFile, dict[str, Any]]]:
    out = []
    for f in files:
        found = f.data if isinstance(f.data, list) else [f.data]
        out += [(f, o) for o in found if isinstance(o, dict) and "id" in o]
    return out


def _kind(o: dict[str, Any]) -> str:
    if "folder_id" in o and "title" in o:
        return "article"
    if "visibility" in o or "articles_count" in o:
        return "folder"
    return "category"


def _folder_locale(root: Path, path: Path) -> str | None:
    """'' for the main language; the language of a ``<lang>/`` subfolder; None for an unknown code."""
    first = path.relative_to(root).parts[0] if len(path.relative_to(root).parts) > 1 else ""
    if not first or not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z]{2,4})?", first) \
            or first in ("folders", "articles", "categories"):
        return ""
    return helpkit_locale(first)


def _id_from_path(path: Path) -> str:
    for part in (path.stem, path.parent.name):
        if part.isdigit():
            return part
    return ""


def _text(a: dict[str, Any], locale: str, link: Any, downloads: DownloadedFiles, origin: Path, sid: str,
          problems: list[Problem]) -> SourceText | None:
    title = str(a.get("title") or "")
    attachments: dict[str, FileRef] = {}
    for att in a.get("attachments") or ():
        ref = downloads.find(str(att.get("name") or ""), f"attachments/{att.get('id')}")
        if ref is None:
            problems.append(Problem(str(origin), sid, f"attachment {att.get('id')} ({att.get('name')}) was not "
                                    f"downloaded: save it as attachments/{att.get('id')}/{att.get('name')}"))
            continue
        attachments[str(att.get("id"))] = ref
        attachments[str(att.get("attachment_url") or "")] = ref

    def attachment(src: str) -> FileRef | None:
        m = _ATTACHMENT_URL.search(src)
        return attachments.get(src) or (attachments.get(m.group(1)) if m else None)

    seo = a.get("seo_data") or {}
    return article_text(locale, title, str(a.get("description") or ""), str(seo.get("meta_description") or ""),
                        link, attachment, origin, sid, problems)
