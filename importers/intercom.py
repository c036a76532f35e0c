"""Intercom Articles: the REST API's JSON responses (collections → sections → articles), saved to files.

Save ``GET /help_center/collections`` (collections; a collection with a ``parent_id`` is a section, as are
the objects of the older ``GET /help_center/sections``) and ``GET /articles`` (each page in its own file) as
``*.json`` anywhere in one folder. Objects are told apart by ``type`` (``article``, ``collection``,
``section``). Translations come in each object's ``translated_content`` (one entry per language).

Intercom's API does not list attachments: images in a body are looked up by their file name among the
files saved in the export folder (download them beside the JSON to import them), else left as remote links.
Files with the same name (every pasted screenshot is ``image.png``) are told apart by the URL's folders: save each
under its URL's last folder (``.../i/o/512345/ee55ff66/image.png`` → ``ee55ff66/image.png``), as ``wget -x`` does.
"""

from __future__ import annotations

import functools
from dataclasses import replace
from pathlib import Path
from typing import Any

from importers.convert import article_text
from importers.exports import DownloadedFiles, JsonFile, helpkit_locale, json_files, missing_pages, to_date
from importers.levels import Group, LevelRule, place
from importers.links import link_target
from importers.model import CategoryText, Export, FileRef, Problem, SourceArticle


def read(root: Path, rule: LevelRule = LevelRule.SECTION) -> Export:
    """Read a saved Intercom Articles export."""
    problems: list[Problem] = []
    files = json_files(root, problems)
    missing_pages(files, "data", problems)
    objects = _objects(files)
    articles_raw = [(f, o) for f, o in objects if _kind(o) == "article"]
    groups = {str(o["id"]): o for _, o in objects if _kind(o) in ("collection", "section")}
    locales = [str(o.get("default_locale") or "") for _, o in articles_raw]
    source_locale = helpkit_locale(max(set(locales), key=locales.count)) if locales else None
    source_locale = source_locale or "en"
    tops, sections = [], []
    for gid, g in groups.items():
        parent = str(g.get("parent_id") or g.get("collection_id") or "")
        group = Group(f"intercom:{gid}", str(g.get("name") or ""), str(g.get("description") or ""),
                      int(g.get("order") or 0), f"intercom:{parent}" if parent else "", _group_texts(g, source_locale))
        (sections if parent in groups else tops).append(group)
    categories, placements = place(tops, sections, rule)
    downloads = DownloadedFiles(root)

    link = functools.partial(link_target, desk="intercom")
    def attachment(src: str) -> FileRef | None:  # a web address, or a path relative to the saved export
        return downloads.find_url(src) if src and not src.startswith("data:") else None

    articles = []
    for n, (f, a) in enumerate(articles_raw):
        sid = f"intercom:{a.get('id')}"
        parent = str(a.get("parent_id") or "")
        placement = placements.get(f"intercom:{parent}")
        if placement is None:
            why = ("it is in no collection (Intercom does not publish it either): put it in one there and export "
                   "again, or write it here with helpkit new" if not parent else
                   f"collection {parent} is not in the export: save the collections listing too")
            problems.append(Problem(str(f.path), sid, f"{why}; not imported", True))
            continue
        text = article_text(source_locale, str(a.get("title") or ""), str(a.get("body") or ""),
                            str(a.get("description") or ""), link, attachment, f.path, sid, problems)
        if text is None:
            continue
        others = []
        for code, t in sorted((a.get("translated_content") or {}).items()):
            if not isinstance(t, dict) or code in ("type", a.get("default_locale")) or not t.get("body"):
                continue
            locale = helpkit_locale(code)
            if locale is None:
                problems.append(Problem(str(f.path), sid, f"unknown locale '{code}': this translation is not "
                                        "imported", True))
                continue
            if t.get("state", "published") != "published":
                problems.append(Problem(str(f.path), sid, f"{locale}: this translation is a draft in Intercom: not "
                                        "imported; publish it there and import again with --update", True))
                continue
            translated = article_text(locale, str(t.get("title") or ""), str(t.get("body") or ""),
                                      str(t.get("description") or ""), link, attachment, f.path, sid, problems)
            if translated is not None:  # dated: older than an updated article, it is stale (write.py)
                others.append(replace(translated, updated=to_date(t.get("updated_at"))))
        articles.append(SourceArticle(
            source_id=sid, origin=f.path, category=placement.category, text=text, translations=tuple(others),
            order=placement.order_base + n + 1, draft=a.get("state") == "draft", updated=to_date(a.get("updated_at")),
        ))
    return Export("intercom", source_locale, categories, tuple(articles), tuple(problems))


def _kind(o: dict[str, Any]) -> str:
    """An object's ``type``; the API's collection objects may have none: a ``name`` and no ``title`` is one."""
    return str(o.get("type") or ("collection" if "name" in o and "title" not in o else ""))


def _objects(files: list[JsonFile]) -> list[tuple[JsonFile, dict[str, Any]]]:
    out = []
    for f in files:
        d = f.data
        found = d.get("data") if isinstance(d, dict) and isinstance(d.get("data"), list) else [d]
        out += [(f, o) for o in found if isinstance(o, dict) and "id" in o]
    return out


def _group_texts(g: dict[str, Any], source_locale: str) -> tuple[CategoryText, ...]:
    out = []
    for code, t in sorted((g.get("translated_content") or {}).items()):
        locale = helpkit_locale(code) if isinstance(t, dict) else None
        if locale and locale != source_locale and t.get("name"):
            out.append(CategoryText(locale, str(t["name"]), str(t.get("description") or "")))
    return tuple(out)
