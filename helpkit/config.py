"""The help center's config: ``mkdocs.yml`` (MkDocs + Material, as users know them) plus a
``helpkit:`` section with helpkit's own settings, validated in one pass.

Every problem is reported at once, each as ``mkdocs.yml: Config value 'KEY': PROBLEM``.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from babel import Locale, UnknownLocaleError
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.yaml import get_yaml_loader

from helpkit.errors import ConfigError, MissingResource, Warning
from helpkit.mkdocs_internals import StrictConfig, closest_name, section_config_path, setting_names

PSEUDO_LOCALE = "en-XA"
"""The pseudo-locale: accented, lengthened source text, to test layout with no model."""

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_WEB_URL = re.compile(r"^https?://[^\s/]+[^\s]*$")
_PARAM = re.compile(r"^[\w.\[\]-]+$")
_GA4_ID = re.compile(r"^G-[A-Z0-9]{4,}$")


class LocaleCode(c.Type[str]):
    """A language code Babel knows (``es``, ``pt-BR``, ``zh``), or the pseudo-locale."""

    def __init__(self, default: str | None = None) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        if value == PSEUDO_LOCALE:
            return value
        try:
            Locale.parse(value.replace("-", "_"))
        except (ValueError, UnknownLocaleError):
            raise base.ValidationError(
                f"'{value}' is not a language code; expected e.g. 'es', 'de', 'pt-BR', "
                f"or '{PSEUDO_LOCALE}' for the pseudo-locale"
            ) from None
        return value


class Section(c.SubConfig):  # type: ignore[type-arg]
    """A nested :class:`StrictConfig`; all of its problems become one error naming each sub-key."""

    def __init__(self, config_class: type[StrictConfig]) -> None:
        super().__init__()
        self.config_class = config_class

    def run_validation(self, value: object) -> Any:
        if value is None:
            value = {}
        if not isinstance(value, dict):
            raise base.ValidationError(f"expected a mapping of settings, found {value!r}")
        config = self.config_class(config_file_path=section_config_path(self))
        config.load_dict(value)
        failed, _ = config.validate()
        if failed:
            raise base.ValidationError("; ".join(f"'{key}': {err}" for key, err in failed))
        return config


class ContactConfig(StrictConfig):
    """The "Still need help?" block at the end of every article."""

    url = c.Optional(c.Type(str))
    """Where the "Contact support" button goes (a form, a chat page)."""
    email = c.Optional(c.Type(str))
    """A support address; used when ``url`` is not set (``mailto:``)."""
    label = c.Type(str, default="Contact support")
    """Text of the contact button in the source locale."""
    url_param = c.Optional(c.Type(str))
    """With ``url``: the query parameter that carries the customer's question to the form (``description`` for
    a Zendesk or Freshdesk new-ticket form); unset, the contact page opens ``url`` as it is."""

    def validate(self):  # type: ignore[no-untyped-def]
        failed, warnings = super().validate()
        if any(key in ("url", "email", "url_param") for key, _ in failed):
            return failed, warnings  # a value of the wrong type (url: 42): its 'Expected type' error says it all
        if self.email is not None and not _EMAIL.match(self.email):
            failed.append(("email", base.ValidationError(f"'{self.email}' is not an e-mail address")))
        if self.url is None and self.email is None:
            failed.append(("url", base.ValidationError("set 'url' or 'email' so customers can reach support")))
        if self.url is not None and not _WEB_URL.match(self.url):
            failed.append(("url", base.ValidationError(f"'{self.url}' is not a web address; expected https://…")))
        if self.url_param is not None and self.url is None:
            failed.append(("url_param", base.ValidationError("needs 'url' (the form the question is passed to)")))
        elif self.url_param is not None and not _PARAM.match(self.url_param):
            failed.append(("url_param", base.ValidationError(
                f"'{self.url_param}' is not a query parameter name; expected letters, digits, '_', '-', '.', '[]'")))
        return failed, warnings

    @property
    def href(self) -> str:
        """The link target of the contact button."""
        return self.url if self.url else f"mailto:{self.email}"

    @property
    def placeholder(self) -> str:
        """The contact address when it is an example one (``support@example.com``, as ``helpkit init`` writes it;
        the domains reserved for examples), else ``""``: the button would reach nobody."""
        address = self.url or self.email or ""
        host = address.rsplit("@", 1)[-1] if self.url is None else (urlsplit(address).hostname or "")
        return address if host.casefold().rstrip(".").split(".")[-2:] in (["example", "com"], ["example", "org"],
                                                                           ["example", "net"]) else ""


class SearchConfig(StrictConfig):
    """Search settings (Whoosh on the Python side, the prebuilt browser index on the site)."""

    synonyms = c.Optional(c.Type(str))
    """A synonyms file, one ``term = synonym, synonym`` per line, relative to mkdocs.yml."""
    questions = c.Optional(c.Type(str))
    """A CSV file of customers' questions and the article answering each (``question,article[,locale]``),
    relative to mkdocs.yml: search learns customers' words from it (helpkit/questions.py)."""
    index_dir = c.Type(str, default=".helpkit/index")
    """Where ``helpkit build`` writes the Whoosh indexes (not published)."""
    meaning = c.Type(bool, default=True)
    """Reorder the best results by meaning (English: WordLlama word vectors, see search_index/_meaning.py);
    ``false`` ranks by words alone and writes no vector files."""


class TranslationConfig(StrictConfig):
    """Machine translation and the translation memory."""

    memory_dir = c.Type(str, default="locales")
    """Folder of the translation memory, one gettext PO file per locale (``locales/es.po``)."""
    glossary = c.ListOfItems(c.Type(str), default=[])
    """Do-not-translate terms (product names): kept as written in every locale."""
    backend = c.Choice(("argos", "none"), default="argos")
    """``argos`` translates misses with an installed Argos model; ``none`` never machine-translates."""


ANALYTICS_PROVIDERS = ("plausible", "umami", "ga4", "custom")
"""Where the site can send its events (EVENTS.md: the names, properties and each provider's format)."""

_DEFAULT_HOSTS = {"plausible": "https://plausible.io", "umami": "https://cloud.umami.is"}
"""The hosted service of a self-hostable provider, used when ``host`` is not set."""

_NEEDS = {"plausible": ("domain",), "umami": ("website_id",), "ga4": ("measurement_id",), "custom": ("url",)}
"""The settings each provider requires."""


class AnalyticsConfig(StrictConfig):
    """Where the site sends its events (searches, "Was this helpful?", the contact page). Unset (the default):
    nothing is sent and no third-party script is loaded."""

    provider = c.Optional(c.Choice(ANALYTICS_PROVIDERS))
    """``plausible``, ``umami``, ``ga4`` or ``custom`` (a JSON POST to ``url``)."""
    domain = c.Optional(c.Type(str))
    """Plausible: the site's domain as registered in Plausible (``help.example.com``)."""
    website_id = c.Optional(c.Type(str))
    """Umami: the website ID (a UUID, from Umami's website settings)."""
    measurement_id = c.Optional(c.Type(str))
    """GA4: the measurement ID (``G-XXXXXXXXXX``); the site then loads Google's gtag.js."""
    host = c.Optional(c.Type(str))
    """Plausible or Umami self-hosted: the server's address (default: the provider's hosted service)."""
    url = c.Optional(c.Type(str))
    """custom: where each event is POSTed as JSON."""
    queries = c.Type(bool, default=True)
    """Send the (redacted) search and contact text with the events; ``false`` sends no query text at all."""

    def validate(self):  # type: ignore[no-untyped-def]
        failed, warnings = super().validate()
        given = [k for k in ("domain", "website_id", "measurement_id", "host", "url") if isinstance(self[k], str)]
        if not isinstance(self.provider, str) or self.provider not in _NEEDS:  # unset, or reported as unknown
            if self.provider is not None:
                return failed, warnings
            if given:
                failed.append(("provider", base.ValidationError(
                    f"'{given[0]}' is set but no provider; expected one of: {', '.join(ANALYTICS_PROVIDERS)}")))
            return failed, warnings
        for key in _NEEDS[self.provider]:
            if not self[key]:
                failed.append((key, base.ValidationError(f"required with provider '{self.provider}'")))
        allowed = {*_NEEDS[self.provider], *(("host",) if self.provider in _DEFAULT_HOSTS else ())}
        for key in given:
            if key not in allowed:
                failed.append((key, base.ValidationError(f"not used by provider '{self.provider}'; remove it")))
        for key in ("host", "url"):
            if isinstance(self[key], str) and not _WEB_URL.match(self[key]):
                failed.append((key, base.ValidationError(f"'{self[key]}' is not a web address; expected https://…")))
        if isinstance(self.measurement_id, str) and not _GA4_ID.match(self.measurement_id):
            failed.append(("measurement_id", base.ValidationError(
                f"'{self.measurement_id}' is not a GA4 measurement ID; expected G-XXXXXXXXXX")))
        return failed, warnings

    @property
    def endpoint(self) -> str:
        """Where events are POSTed (empty for GA4: gtag.js sends them)."""
        if self.provider == "custom":
            return str(self.url)
        if self.provider in _DEFAULT_HOSTS:
            host = str(self.host or _DEFAULT_HOSTS[self.provider]).rstrip("/")
            return host + ("/api/event" if self.provider == "plausible" else "/api/send")
        return ""


class HelpkitSettings(StrictConfig):
    """The ``helpkit:`` section of mkdocs.yml."""

    content_dir = c.Type(str, default="content")
    """Folder of Markdown articles, one subfolder per category, relative to mkdocs.yml."""
    source_locale = LocaleCode(default="en")
    """Language the articles are written in; served at the site root."""
    locales = c.ListOfItems(LocaleCode(), default=[])
    """Target languages, each served under ``/<code>/`` (e.g. ``[es, de]``)."""
    promoted = c.ListOfItems(c.Type(str), default=[])
    """Slugs of the articles listed under "Popular articles" on the home page."""
    contact = Section(ContactConfig)
    """The "Still need help?" block."""
    search = Section(SearchConfig)
    """Search settings."""
    translation = Section(TranslationConfig)
    """Translation settings."""
    analytics = Section(AnalyticsConfig)
    """Where the site sends its events (off by default)."""


@dataclass(frozen=True)
class ProjectConfig:
    """A help center's whole config, validated: where things are and how to build them."""

    path: Path
    """The mkdocs.yml it was read from."""
    site_name: str
    """``site_name`` from mkdocs.yml."""
    site_url: str | None
    """``site_url`` from mkdocs.yml (canonical links and the sitemap need it)."""
    helpkit: HelpkitSettings
    """helpkit's own settings."""
    mkdocs: MkDocsConfig
    """The rest of mkdocs.yml, validated by MkDocs (theme, extensions, extra ...)."""
    raw_mkdocs: dict[str, Any]
    """mkdocs.yml without the ``helpkit:`` section, as written: the base of each locale's build config."""
    warnings: tuple[Warning, ...] = ()
    """What MkDocs' validation warns about in mkdocs.yml (a top-level name it does not know, which it ignores:
    ``them:``), each at its line; ``check`` and ``build`` report them, ``--strict`` fails on them."""

    @property
    def root(self) -> Path:
        """The help center's folder (where mkdocs.yml is)."""
        return self.path.parent

    @property
    def content_dir(self) -> Path:
        return self.root / self.helpkit.content_dir

    @property
    def memory_dir(self) -> Path:
        return self.root / self.helpkit.translation.memory_dir

    @property
    def index_dir(self) -> Path:
        return self.root / self.helpkit.search.index_dir

    @property
    def cache_dir(self) -> Path:
        """The build cache: rendered pages and indexes of earlier builds (safe to delete)."""
        return self.index_dir.parent / "cache"

    @property
    def synonyms_path(self) -> Path | None:
        s = self.helpkit.search.synonyms
        return self.root / s if s else None

    @property
    def questions_path(self) -> Path | None:
        q = self.helpkit.search.questions
        return self.root / q if q else None

    @property
    def source_locale(self) -> str:
        return self.helpkit.source_locale

    @property
    def locales(self) -> tuple[str, ...]:
        """Every locale of the site, the source locale first."""
        return (self.helpkit.source_locale, *self.helpkit.locales)


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise MissingResource(f"{path}: no such config file; run 'helpkit init DIR' to start a help center") from None
    except UnicodeDecodeError as e:
        raise ConfigError(f"{path}: not valid UTF-8 (byte {e.start}); save the file as UTF-8") from None
    try:
        data = yaml.load(text, Loader=get_yaml_loader())  # noqa: S506 - MkDocs' own loader (!ENV, python tags)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ConfigError(f"{where}: invalid YAML: {getattr(e, 'problem', e)}; fix the syntax") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of settings, found {type(data).__name__}")
    return data


def value_line(path: Path, *keys: str | int, at_key: bool = False) -> int | None:
    """The line (1-based) where a value stands in a YAML file, ``value_line(p, "helpkit", "promoted", 2)`` for the
    third item of ``helpkit.promoted`` (``at_key``: where its key is); None when it is not there (for messages that
    point at it)."""
    try:
        return text_value_line(path.read_text(encoding="utf-8"), *keys, at_key=at_key)
    except (OSError, UnicodeDecodeError):
        return None


def text_value_line(text: str, *keys: str | int, at_key: bool = False) -> int | None:
    """:func:`value_line` in YAML text (line 1 is the text's first line)."""
    try:
        node: yaml.Node | None = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    for n, key in enumerate(keys):
        if isinstance(node, yaml.MappingNode):
            last = at_key and n == len(keys) - 1
            node = next((k if last else v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            return None
    return node.start_mark.line + 1 if node is not None else None


def load_config(path: Path | str = "mkdocs.yml") -> ProjectConfig:
    """Read and validate mkdocs.yml; raise :class:`ConfigError` listing every problem."""
    path = Path(path).resolve()
    data = _read_yaml(path)
    section = data.pop("helpkit", None) or {}
    problems: list[str] = []
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: Config value 'helpkit': expected a mapping of settings")

    settings = HelpkitSettings(config_file_path=str(path))
    settings.load_dict(section)
    failed, section_warnings = settings.validate()
    for key, err in failed:
        problems.append(f"{path.name}: Config value 'helpkit.{key}': {err}")

    content_dir = path.parent / str(settings.content_dir or "content")
    if not failed and not content_dir.is_dir():
        raise MissingResource(
            f"{path.name}: Config value 'helpkit.content_dir': folder '{settings.content_dir}' does not exist; "
            "create it or fix the path"
        )
    mk = MkDocsConfig(config_file_path=str(path))
    # MkDocs checks docs_dir exists: validate against the content folder (the build stages its own).
    docs_dir = content_dir if content_dir.is_dir() else path.parent / "docs"
    mk.load_dict({**copy.deepcopy(_mkdocs_for_validation(data)), "docs_dir": str(docs_dir)})
    mk_failed, mk_warnings = mk.validate()
    for key, err in mk_failed:
        problems.append(f"{path.name}: Config value '{key}': {err}")
    warnings = (*_config_warnings(path, mk_warnings, setting_names(mk) | {"helpkit"}),
                *_config_warnings(path, [(f"helpkit.{k}", w) for k, w in section_warnings], frozenset()))
    if problems:
        raise ConfigError("\n".join(problems))
    if str(settings.source_locale) in settings.locales:
        raise ConfigError(
            f"{path.name}: Config value 'helpkit.locales': '{settings.source_locale}' is the source locale; "
            "list only the target languages"
        )
    warnings = (*warnings, *_unused_memories(path, settings), *_example_contact(path, settings))
    return ProjectConfig(
        path=path,
        site_name=mk.site_name,
        site_url=mk.site_url,
        helpkit=settings,
        mkdocs=mk,
        raw_mkdocs=data,
        warnings=warnings,
    )


def _config_warnings(path: Path, found: list[tuple[str, str]], known: frozenset[str]) -> tuple[Warning, ...]:
    """MkDocs' validation warnings as helpkit's, at the line of their key: an unrecognised name (which MkDocs
    ignores) with the closest name it knows (``them`` → "did you mean 'theme'?")."""
    out = []
    for key, message in found:
        line = value_line(path, *key.split("."), at_key=True)
        where = f"{path.name}:{line}" if line else path.name
        if known and key not in known:
            out.append((line or 0, Warning(where, f"unknown setting '{key}': MkDocs ignores it",
                                           closest_name(key, known))))
        else:
            out.append((line or 0, Warning(where, f"Config value '{key}': {message}")))
    return tuple(w for _, w in sorted(out, key=lambda lw: lw[0]))


def _example_contact(path: Path, settings: HelpkitSettings) -> tuple[Warning, ...]:
    """A warning when the contact button goes to an example address (``support@example.com``, as ``helpkit init``
    writes it): the site would ship a button that reaches nobody."""
    contact = settings.contact
    if not contact.placeholder:
        return ()
    key = "url" if contact.url else "email"
    line = value_line(path, "helpkit", "contact", key)
    return (Warning(f"{path.name}:{line}" if line else path.name,
                    f"helpkit.contact.{key}: '{contact.placeholder}' is an example address, so the contact button "
                    "would reach nobody", "set your support address or form"),)


def _unused_memories(path: Path, settings: HelpkitSettings) -> tuple[Warning, ...]:
    """A warning for each listed locale with no translation memory of its own while its language's exists
    (``fr-FR`` listed, ``locales/fr.po`` there): that memory's reviewed translations would go unused."""
    memory = path.parent / str(settings.translation.memory_dir)
    out = []
    for n, code in enumerate(settings.locales):
        base = re.split(r"[-_]", code, maxsplit=1)[0].lower()
        if base != code and not po_has_translations(memory / f"{code}.po") and \
                po_has_translations(memory / f"{base}.po"):
            line = value_line(path, "helpkit", "locales", n)
            out.append(Warning(f"{path.name}:{line}" if line else path.name,
                               f"locale '{code}' has no translations in {memory.name}/{code}.po, while "
                               f"{memory.name}/{base}.po holds the '{base}' ones: they are not used for '{code}'",
                               f"did you mean '{base}'? (or rename {memory.name}/{base}.po to {code}.po)"))
    return tuple(out)


def po_has_translations(po: Path) -> bool:
    """Whether a gettext PO file exists and holds at least one translation, machine ones (marked fuzzy) included,
    its header and obsolete entries aside."""
    import polib

    return po.is_file() and any(e.msgstr and not e.obsolete for e in polib.pofile(str(po)))


def _mkdocs_for_validation(data: dict[str, Any]) -> dict[str, Any]:
    """The mkdocs.yml mapping without what only the staged build sets (docs_dir, site_dir, nav)."""
    return {k: v for k, v in data.items() if k not in ("docs_dir", "site_dir", "nav")}
