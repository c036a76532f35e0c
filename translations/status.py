"""Coverage of the translation memories (``helpkit translations status``) and ``helpkit translate``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass

from helpkit.config import PSEUDO_LOCALE, ProjectConfig, po_has_translations
from helpkit.errors import ConfigError, MissingResource
from helpkit.model import HelpCenter
from translations.argos import ArgosBackend, require_argos
from translations.backends import Backend
from translations.localize import (
    Localization,
    article_segments,
    choose_backend,
    gather,
    locale_segments,
    localize,
    sync_memory,
)
from translations.memory import EntryStatus, TranslationMemory
from translations.whole import whole_dir, whole_pages


@dataclass(frozen=True, slots=True)
class LocaleCoverage:
    """How much of the help center one locale's translation memory covers (distinct segments)."""

    locale: str
    """The target locale."""
    total: int
    """Distinct segments in the help center."""
    reviewed: int
    """Translated or approved by a person."""
    machine: int
    """Machine-translated, not reviewed."""
    stale: int
    """Reviewed for an older source text."""
    missing: int
    """No translation."""
    fallback: int = 0
    """No translation because the machine's output failed its checks (the source text is shown; retried after a
    model or helpkit upgrade). Not counted in :attr:`missing`."""
    whole: int = 0
    """Articles served from a whole translated page (``locales/<lang>/<slug>.md``); their segments are not counted."""

    @property
    def translated(self) -> int:
        """Segments with any translation (reviewed, machine or stale)."""
        return self.reviewed + self.machine + self.stale

    def percent(self, metric: str = "translated") -> float:
        """``translated`` or ``reviewed`` as a percentage of :attr:`total` (100 for an empty help center)."""
        part = self.reviewed if metric == "reviewed" else self.translated
        return 100.0 if self.total == 0 else round(100.0 * part / self.total, 1)


def target_locales(config: ProjectConfig, langs: Sequence[str] = ()) -> tuple[str, ...]:
    """The locales a command works on: ``langs`` (each must be configured), else every configured target."""
    configured = tuple(config.helpkit.locales)
    for lang in langs:
        if lang not in configured:
            raise ConfigError(f"--lang {lang}: not a target locale of {config.path.name} "
                              f"(helpkit.locales: {', '.join(configured) or 'none'}); add it there first")
    chosen = tuple(langs) or configured
    if not chosen:
        raise ConfigError(f"{config.path.name}: 'helpkit.locales' is empty; list target languages, e.g. [es, de]")
    return chosen


def untranslated_locales(config: ProjectConfig) -> tuple[str, ...]:
    """The target locales with no translation at all yet (no translated entry in their PO file, no whole page): their
    pages, and their search index, are the source locale's text."""
    return tuple(loc for loc in config.helpkit.locales if loc != PSEUDO_LOCALE
                 and not po_has_translations(config.memory_dir / f"{loc}.po")
                 and not any(whole_dir(config.memory_dir, loc).glob("*.md")))


def awaiting_translation(center: HelpCenter, config: ProjectConfig) -> dict[str, frozenset[str]]:
    """Per target locale, the slugs of the articles meant to be translated (not ``translate: false``) that it
    serves untranslated (the source text under a notice, as the build decides: not a whole translated page, and
    no segment of its title, description and body has a translation), read from the PO files (nothing is
    written)."""
    out: dict[str, frozenset[str]] = {}
    for locale in config.helpkit.locales:
        if locale == PSEUDO_LOCALE:
            continue
        whole, units, bodies, heads = locale_segments(center, config, locale)
        memory = TranslationMemory(config.memory_dir / f"{locale}.po", locale, config.site_name)
        sync_memory(memory, units)
        out[locale] = frozenset(a.slug for a in center.articles if a.translate and a.slug not in whole and not any(
            memory.status(seg.key) not in (EntryStatus.MISSING, EntryStatus.FALLBACK)
            for seg in article_segments(a.slug, bodies[a.slug], heads)))
    return out


def coverage(center: HelpCenter, config: ProjectConfig, langs: Sequence[str] = ()) -> tuple[LocaleCoverage, ...]:
    """Per-locale coverage, read from the PO files (nothing is written)."""
    out = []
    for locale in target_locales(config, langs):
        whole = frozenset(whole_pages(config.memory_dir, locale)) & {a.slug for a in center.articles}
        units, _, _ = gather(center, config, whole)
        keys = {u.segment.key for u in units}
        if locale == PSEUDO_LOCALE:
            out.append(LocaleCoverage(locale, len(keys), 0, len(keys), 0, 0))
            continue
        memory = TranslationMemory(config.memory_dir / f"{locale}.po", locale, config.site_name)
        sync_memory(memory, units)
        counts = {s: 0 for s in EntryStatus}
        for key in keys:
            counts[memory.status(key)] += 1
        out.append(LocaleCoverage(locale, len(keys), counts[EntryStatus.REVIEWED], counts[EntryStatus.MACHINE],
                                  counts[EntryStatus.STALE], counts[EntryStatus.MISSING], counts[EntryStatus.FALLBACK],
                                  len(whole)))
    return tuple(out)


def coverage_text(rows: Sequence[LocaleCoverage], as_json: bool = False) -> str:
    """The status table (or JSON) shown by ``helpkit translations status``."""
    if as_json:
        return json.dumps([{**asdict(r), "translated": r.translated, "percent": r.percent()} for r in rows], indent=2)
    head = (f"{'locale':<8} {'translated':>10} {'%':>6} {'reviewed':>9} {'machine':>8} {'stale':>6} {'missing':>8} "
            f"{'fallback':>9}")
    whole = any(r.whole for r in rows)
    lines = [head + (f" {'whole':>6}" if whole else "")]
    for r in rows:
        lines.append(f"{r.locale:<8} {r.translated:>10} {r.percent():>6.1f} {r.reviewed:>9} {r.machine:>8} "
                     f"{r.stale:>6} {r.missing:>8} {r.fallback:>9}" + (f" {r.whole:>6}" if whole else ""))
    if any(r.fallback for r in rows):
        lines.append("fallback: the machine translation failed its checks; the source text is shown until a model "
                     "or helpkit upgrade (retried then) or a translator fills in the PO entry")
    if whole:
        lines.append("whole: articles translated as a whole page (locales/<lang>/<slug>.md), not by segment")
    return "\n".join(lines)


def translate_locales(
    center: HelpCenter, config: ProjectConfig, langs: Sequence[str] = (), backend: Backend | None = None,
    progress: bool = False,
) -> tuple[Localization, ...]:
    """Update the translation memory of each locale (``helpkit translate``); no site is built.

    Raises :class:`helpkit.errors.MissingResource` (with the install commands) before anything is written when
    the config asks for Argos and Argos Translate, or the model of one of the locales, is not installed: this
    command exists to machine-translate (``helpkit build`` goes on without them, with a warning)."""
    locales = target_locales(config, langs)
    if backend is None:
        _require_models(config, locales)
    return tuple(localize(center, config, locale, backend=backend, progress=progress) for locale in locales)


def _require_models(config: ProjectConfig, locales: Sequence[str]) -> None:
    """:class:`MissingResource` naming every missing Argos model of ``locales`` and how to install it."""
    argos = [loc for loc in locales if isinstance(choose_backend(config, loc), ArgosBackend)]
    if not argos:
        return
    require_argos()
    missing = [why for loc in argos if (why := ArgosBackend().missing(config.source_locale, loc))]
    if missing:
        raise MissingResource("\n".join(missing) + "\nnothing was translated or written: install the models "
                              "('helpkit models install --configured' installs every one the locales need), leave "
                              "a locale out with --lang, or set 'helpkit.translation.backend: none' to translate "
                              "by hand in the PO files")


def translate_summary(results: Sequence[Localization]) -> str:
    """One line per locale (the command line prints the warnings)."""
    lines = []
    for r in results:
        s = r.stats
        lines.append(f"{r.locale}: {s.total} segments: {s.from_memory} from memory, {s.machine_translated} "
                     f"machine-translated now, {s.failed} failed, {s.missing} missing")
    return "\n".join(lines)
