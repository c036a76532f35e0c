"""Argos Translate models: install, list, and a batched backend.

Only ``argostranslate.package`` (light) and ``ctranslate2`` are imported, and only when a
function here runs: ``argostranslate.translate`` pulls in stanza and torch, and its sentence
splitters reach for the network. Helpkit splits sentences itself
(:func:`translations.backends.split_sentences`), tokenizes with the package's SentencePiece
model and sends every sentence of a language pair through one streamed, batched CTranslate2
call (``translate_iterable``, 64 sentences per batch).

Where models live: Argos' own packages folder (``ARGOS_PACKAGES_DIR``, default
``~/.local/share/argos-translate/packages``).
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpkit.config import PSEUDO_LOCALE, ProjectConfig
from helpkit.errors import ConfigError, HelpkitError, MissingResource
from helpkit.extras import extra_install

BATCH_SIZE = 64
"""Sentences per CTranslate2 batch."""

INSTALL_ARGOS = extra_install("argos")
"""How to install machine translation (the ``argos`` extra: argostranslate pulls stanza, which pulls torch);
helpkit's default install leaves it out."""

_ARGOS_CODES = {"pt-br": "pb", "zh-hant": "zt", "zh-tw": "zt", "zh-hans": "zh", "zh-cn": "zh"}


def argos_code(locale: str) -> str:
    """Argos' code for a helpkit locale (``pt-BR`` → ``pb``, ``es-MX`` → ``es``)."""
    low = locale.lower().replace("_", "-")
    return _ARGOS_CODES.get(low, low.split("-")[0])


def install_hint(source: str, target: str) -> str:
    """The commands that install a model for ``source`` → ``target``."""
    s, t = argos_code(source), argos_code(target)
    return (f"run 'helpkit models install {s} {t}' (needs network) or "
            f"'helpkit models install FILE.argosmodel' with a translate-{s}_{t} package file")


@dataclass(frozen=True, slots=True)
class InstalledModel:
    """An Argos package installed on this machine."""

    source: str
    """Argos code of the source language."""
    target: str
    """Argos code of the target language."""
    version: str
    """The package's version."""
    path: Path
    """Its folder."""


def _argos_package() -> Any:
    """``argostranslate.package``; :class:`MissingResource` naming the install command when the ``argos``
    extra is not installed (helpkit's default install)."""
    try:
        from argostranslate import package
    except ImportError as e:  # ModuleNotFoundError, or a dependency of it (stanza, torch) missing or broken
        raise MissingResource(f"machine translation is not installed ({e}); install it: {INSTALL_ARGOS}") from None
    return package


def require_argos() -> None:
    """Raise :class:`MissingResource` with the install command unless Argos Translate can be imported."""
    _argos_package()


def installed_models() -> tuple[InstalledModel, ...]:
    """Every installed Argos translate package, sorted by language pair."""
    package = _argos_package()
    out = []
    for pkg in package.get_installed_packages():
        if getattr(pkg, "type", "translate") != "translate":
            continue
        out.append(InstalledModel(pkg.from_code, pkg.to_code, str(pkg.package_version), Path(pkg.package_path)))
    return tuple(sorted(out, key=lambda m: (m.source, m.target, m.version)))


def find_model(source: str, target: str) -> InstalledModel | None:
    """The installed model for a pair of helpkit locales, or None."""
    s, t = argos_code(source), argos_code(target)
    for m in installed_models():
        if m.source == s and m.target == t:
            return m
    return None


def install_file(path: Path) -> InstalledModel:
    """Install a ``.argosmodel`` file (offline) with Argos' own installer."""
    package = _argos_package()
    if not path.is_file():
        raise MissingResource(f"{path}: no such file; give the path of a downloaded .argosmodel package")
    meta = _package_metadata(path)
    package.install_from_path(path)
    model = next((m for m in installed_models()
                  if m.source == meta.get("from_code") and m.target == meta.get("to_code")), None)
    if model is None:
        raise HelpkitError(f"{path}: installed, but Argos does not list a {meta.get('from_code')}→"
                           f"{meta.get('to_code')} model; check the package's metadata.json")
    return model


def _package_metadata(path: Path) -> dict[str, Any]:
    if not zipfile.is_zipfile(path):
        raise ConfigError(f"{path}: not an Argos package (a .argosmodel is a zip archive); download it again")
    with zipfile.ZipFile(path) as z:
        names = [n for n in z.namelist() if n.count("/") == 1 and n.endswith("/metadata.json")]
        if len(names) != 1:
            raise ConfigError(f"{path}: no <folder>/metadata.json inside; this is not an Argos package")
        try:
            meta = json.loads(z.read(names[0]))
        except ValueError as e:
            raise ConfigError(f"{path}: {names[0]}: invalid JSON ({e})") from None
    if meta.get("type", "translate") != "translate" or not meta.get("from_code") or not meta.get("to_code"):
        raise ConfigError(f"{path}: metadata.json: expected a translate package with 'from_code' and 'to_code'")
    return meta


def needed_pairs(config: ProjectConfig) -> tuple[tuple[str, str], ...]:
    """The (source, target) Argos codes the help center's target locales need, in config order: none for the
    pseudo-locale, none with ``helpkit.translation.backend: none``."""
    if config.helpkit.translation.backend == "none":
        return ()
    source = argos_code(config.source_locale)
    return tuple(dict.fromkeys((source, argos_code(loc)) for loc in config.helpkit.locales if loc != PSEUDO_LOCALE))


def pairs_status(pairs: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    """One line per pair saying whether its model is installed, with the command that installs a missing one;
    none when Argos Translate is not installed (``helpkit models needed`` works without it)."""
    try:
        found = {(m.source, m.target): m for m in installed_models()}
    except MissingResource:
        return ()
    return tuple(f"{s}-{t}: installed ({found[s, t].version}, {found[s, t].path})" if (s, t) in found
                 else f"{s}-{t}: not installed; {install_hint(s, t)}" for s, t in pairs)


def install_needed(config: ProjectConfig) -> tuple[InstalledModel, ...]:
    """Install every model the help center needs and this machine lacks (from Argos' index); returns those
    installed now (none when all are there: what CI runs after restoring its cache of models)."""
    require_argos()
    return tuple(install_pair(s, t) for s, t in needed_pairs(config) if find_model(s, t) is None)


def install_pair(source: str, target: str) -> InstalledModel:
    """Download and install the model for ``source`` → ``target`` from Argos' package index (needs network)."""
    package = _argos_package()
    s, t = argos_code(source), argos_code(target)
    try:
        package.update_package_index()
        available = package.get_available_packages()
    except Exception as e:  # urllib raises URLError, socket errors, JSON errors ...: all mean "no index"
        raise MissingResource(
            f"cannot reach Argos' package index ({type(e).__name__}: {e}); on a machine with network, download "
            f"translate-{s}_{t}.argosmodel and run 'helpkit models install FILE.argosmodel'"
        ) from None
    match = [p for p in available if p.from_code == s and p.to_code == t]
    if not match:
        pairs = ", ".join(sorted(f"{p.from_code}→{p.to_code}" for p in available if p.from_code == s)[:12])
        raise MissingResource(f"Argos' index has no {s}→{t} model; from '{s}' it has: {pairs or 'none'}")
    try:
        downloaded = match[0].download()
    except Exception as e:
        raise MissingResource(f"downloading {s}→{t} failed ({type(e).__name__}: {e}); try again later") from None
    return install_file(Path(downloaded))


@dataclass(slots=True)
class ArgosBackend:
    """Translates with installed Argos models through CTranslate2, batched."""

    name: str = "argos"
    persistent: bool = True
    beam_size: int = 2
    """Beam width (Argos uses 4 for its single calls; 2 is close in quality and faster)."""
    _cache: dict[tuple[str, str], Any] = field(default_factory=dict)

    def missing(self, source: str, target: str) -> str | None:
        if find_model(source, target) is None:  # MissingResource when Argos itself is not installed
            return f"no Argos model for {source}→{target} is installed: {install_hint(source, target)}"
        return None

    def model(self, source: str, target: str) -> str:
        m = find_model(source, target)
        return f"argos translate-{m.source}_{m.target} {m.version}" if m else "argos (none)"

    def _load(self, source: str, target: str) -> Any:
        key = (source, target)
        if key not in self._cache:
            import ctranslate2
            from argostranslate.package import Package

            model = find_model(source, target)
            if model is None:
                raise MissingResource(self.missing(source, target) or "")
            pkg = Package(model.path)
            translator = ctranslate2.Translator(str(model.path / "model"), device="cpu", compute_type="auto")
            self._cache[key] = (pkg, translator)
        return self._cache[key]

    def translate(self, sentences: Sequence[str], source: str, target: str) -> Iterator[str]:
        if not sentences:
            return
        pkg, translator = self._load(source, target)
        processor = _sentencepiece(pkg)
        encode = (lambda s: processor.encode(s, out_type=str)) if processor else pkg.tokenizer.encode
        tokens = [encode(s) for s in sentences]
        prefix = [[pkg.target_prefix]] * len(tokens) if pkg.target_prefix else None
        results = translator.translate_iterable(
            tokens, target_prefix=prefix, max_batch_size=BATCH_SIZE, batch_type="examples",
            beam_size=self.beam_size, replace_unknowns=True,
            max_decoding_length=max(64, 2 * max(len(t) for t in tokens) + 8),
        )
        for result in results:
            pieces = result.hypotheses[0]
            text = processor.decode_pieces(pieces) if processor else pkg.tokenizer.decode(pieces)
            if pkg.target_prefix and text.startswith(pkg.target_prefix):
                text = text[len(pkg.target_prefix):]
            yield text.replace("▁", " ").strip()


def _sentencepiece(pkg: Any) -> Any:
    """The package's SentencePiece processor (Argos' own decode turns every '_' into a space, so not that)."""
    path = Path(pkg.package_path) / "sentencepiece.model"
    if not path.exists():
        return None
    import sentencepiece

    return sentencepiece.SentencePieceProcessor(model_file=str(path))
