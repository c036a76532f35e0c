"""helpkit's command line: click commands only.

Each command parses its options, loads the config, calls one function of a stage and
lets helpkit's errors (which carry their exit code) reach click. No logic lives here.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from pathlib import Path

import click

from helpkit import __version__
from helpkit.config import load_config
from helpkit.errors import HelpkitError, MissingResource, Warning
from helpkit.extras import PLACEHOLDER
from importers import SOURCES, LevelRule, import_help_center

CONFIG_OPTION = click.option(
    "--config", "-f", "config_path", type=click.Path(dir_okay=False, path_type=Path), default="mkdocs.yml",
    show_default=True, help="The help center's mkdocs.yml.",
)


def report_warnings(warnings: Iterable[Warning], *, strict: bool = False, kept: str = "") -> None:
    """Print each warning a stage returned on stderr; with ``strict``, any warning is a failure (exit 1)."""
    shown = tuple(warnings)
    for warning in shown:
        click.secho(f"WARNING {warning}", fg="yellow", err=True)
    if strict and shown:
        raise HelpkitError(f"--strict: {len(shown)} warning(s){kept}")


class HelpkitGroup(click.Group):
    """The command group: a file system error (an output folder under a file or in a read-only place, a file
    that vanished) is a message naming the path, not a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except OSError as e:
            if e.filename is None:
                raise
            error = MissingResource if isinstance(e, FileNotFoundError) else HelpkitError
            raise error(f"{e.filename}: {e.strerror}; check the path (its folders must exist or be creatable, "
                        "and writable), or choose another") from e


@click.group(cls=HelpkitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="helpkit")
def main() -> None:
    """helpkit: a static, searchable, multilingual help center from Markdown articles."""


# --- help center: build, serve, new, check, init -------------------------------------------------------------


@main.command()
@CONFIG_OPTION
@click.option("--site-dir", "-d", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the site (default: site/ beside mkdocs.yml).")
@click.option("--strict", is_flag=True, help="Fail on any warning (broken link, missing model ...).")
@click.option("--drafts", is_flag=True, help="Publish draft articles too.")
@click.option("--no-cache", is_flag=True, help="Render every page again, ignoring the build cache (.helpkit/cache).")
def build(config_path: Path, site_dir: Path | None, strict: bool, drafts: bool, no_cache: bool) -> None:
    """Compile content/ into a static help center in site/.

    The site is written to a temporary folder and replaces site/ only when the build
    succeeded: a failed build leaves the last good site in place.

    \b
    Example:
      helpkit build --strict
    """
    from site_builder.build import build as build_site

    result = build_site(load_config(config_path), site_dir=site_dir, strict=strict, include_drafts=drafts,
                        progress=True, cache=not no_cache)
    report_warnings(result.warnings, strict=strict, kept="; the previous site was kept")
    langs = ", ".join(r.locale for r in result.locales)
    reused = f", {result.cached} unchanged from the build cache" if result.cached else ""
    click.echo(f"Built {result.pages} pages ({langs}{reused}) into {result.site_dir}")
    click.echo(f"Open {result.site_dir / 'index.html'} in a browser, or run 'helpkit serve'.")


class Address(click.ParamType):
    """``HOST:PORT``."""

    name = "HOST:PORT"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> tuple[str, int]:
        if isinstance(value, tuple):
            return value
        host, _, port = str(value).rpartition(":")
        if not host or not port.isdigit() or not 0 < int(port) < 65536:
            self.fail(f"'{value}': expected HOST:PORT, e.g. 127.0.0.1:8000", param, ctx)
        return host, int(port)


@main.command()
@CONFIG_OPTION
@click.option("--dev-addr", "-a", type=Address(), default="127.0.0.1:8000", show_default=True,
              help="Address to serve the preview on.")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in a browser.")
def serve(config_path: Path, dev_addr: tuple[str, int], open_browser: bool) -> None:
    """Preview the help center with live reload (drafts included).

    Edits to articles, mkdocs.yml and translations show in the open browser page;
    a save that does not build shows its error over the page until one does.

    \b
    Example:
      helpkit serve --dev-addr 127.0.0.1:8000
    """
    from site_builder.serve import serve as serve_site

    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    host, port = dev_addr
    serve_site(load_config(config_path), host=host, port=port, open_browser=open_browser, report=report_warnings)


@main.command()
@CONFIG_OPTION
@click.argument("title")
@click.option("--category", "-c", required=True, help="Category folder the article goes in.")
@click.option("--slug", default=None, help="File name without .md (default: from the title).")
def new(config_path: Path, title: str, category: str, slug: str | None) -> None:
    """Write a new article with valid front matter (never overwrites).

    \b
    Example:
      helpkit new "How do I reset my password?" --category account
    """
    from site_builder.scaffold import new_article

    click.echo(f"Created {new_article(load_config(config_path), title, category, slug=slug)}")


@main.command()
@CONFIG_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Fail on warnings too (empty categories, orphan articles).")
def check(config_path: Path, fmt: str, strict: bool) -> None:
    """Find broken links and anchors, missing images, duplicates, unknown categories, orphans.

    Exits 1 when any error is found.

    \b
    Example:
      helpkit check --format json
    """
    from site_builder.check import check as check_content

    report = check_content(load_config(config_path))
    click.echo(report.to_json() if fmt == "json" else report.to_text())
    if report.errors or (strict and report.problems):
        raise click.exceptions.Exit(1)


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--name", default="Help Center", show_default=True, help="The help center's site_name.")
def init(directory: Path, name: str) -> None:
    """Start a new help center: content/, mkdocs.yml and a CI workflow that publishes it.

    \b
    Example:
      helpkit init my-help-center && cd my-help-center && helpkit build
    """
    from site_builder.scaffold import WORKFLOW, init_project

    for path in init_project(directory, name=name):
        click.echo(f"Created {path}")
    if PLACEHOLDER in (directory / WORKFLOW).read_text(encoding="utf-8"):
        click.echo(f"Edit {directory / WORKFLOW}: say where CI installs helpkit from (it is not on PyPI)")


@main.command("import")
@click.argument("source", type=click.Choice(sorted(SOURCES)))
@click.argument("path", type=click.Path(path_type=Path))  # a missing PATH: exit 3, by read_export
@click.option("--into", type=click.Path(file_okay=False, path_type=Path), default=".", show_default=True,
              help="The help center to add to (a new one is made when it has no mkdocs.yml).")
@click.option("--update", is_flag=True, help="Replace articles imported before (same source id) that changed.")
@click.option("--force", is_flag=True, help="With --update, also replace articles edited here since the last "
              "import that changed in the export too (their local edits are lost).")
@click.option("--keep-duplicates", is_flag=True, help="Also import articles with the same text as another "
              "(by default they are reported and left out).")
@click.option("--levels", type=click.Choice([r.value for r in LevelRule]), default="section", show_default=True,
              help="Zendesk/Freshdesk/Intercom: section: sections become categories; joined: the same, titled "
                   "'Category: Section'; category: categories stay, sections order their articles.")
def import_cmd(source: str, path: Path, into: Path, update: bool, force: bool, keep_duplicates: bool,
               levels: str) -> None:
    """Move an existing help center in: Zendesk, Freshdesk, Intercom (saved API JSON), HTML, Docusaurus,
    Starlight or MkDocs docs.

    \b
    Example:
      helpkit import zendesk export/ --into my-help-center
    """
    summary = import_help_center(source, path, into, update=update, force=force, keep_duplicates=keep_duplicates,
                                 levels=LevelRule(levels), progress=True)
    click.echo(summary.text())


# --- search --------------------------------------------------------------------------------------------------


class QueryText(click.ParamType):
    """A search query: any text with at least one non-space character."""

    name = "QUERY"

    def convert(self, value: str, param: click.Parameter | None, ctx: click.Context | None) -> str:
        if not value.strip():
            self.fail("the query is empty; type some words, e.g. helpkit search \"reset password\"", param, ctx)
        return value


@main.command("search")
@click.argument("query", type=QueryText())
@click.option("--lang", default=None, metavar="CODE", help="Locale to search (default: the source locale).")
@click.option("--limit", "-n", type=click.IntRange(1, 100), default=5, show_default=True, help="Results to show.")
@click.option("--json", "as_json", is_flag=True,
              help="Print a JSON list of {slug, title, section, url, score, similarity, confident, snippet}.")
@CONFIG_OPTION
def search_cmd(query: str, lang: str | None, limit: int, as_json: bool, config_path: Path) -> None:
    """Search the built help center's index (run 'helpkit build' first).

    \b
    Example:
      helpkit search "I was charged twice"
      helpkit search "reembolso" --lang es --limit 3 --json
    """
    from search_index import format_results, search_project

    results = search_project(load_config(config_path), query, lang=lang, limit=limit)
    click.echo(format_results(results, as_json=as_json, color=not as_json and sys.stdout.isatty()))
    if as_json and results.suggestion:
        click.echo(f"Did you mean: {results.suggestion!r}?", err=True)


# --- translations and models ---------------------------------------------------------------------------------

LANG_OPTION = click.option("--lang", "langs", multiple=True, metavar="CODE",
                           help="A target locale from helpkit.locales (repeatable; default: all).")


@main.command("translate")
@LANG_OPTION
@CONFIG_OPTION
def translate_cmd(langs: tuple[str, ...], config_path: Path) -> None:
    """Update the translation memory (locales/<lang>.po) without building the site.

    Only new or changed segments are machine-translated; reviewed entries are never replaced.
    A locale without its Argos model is an error (exit 3) naming the install command; with backend
    'none', new segments get empty entries for a person to fill in.

    \b
    Example:
      helpkit translate --lang es
    """
    from helpkit.loader import load_help_center
    from translations.status import translate_locales, translate_summary

    config = load_config(config_path)
    center = load_help_center(config)
    results = translate_locales(center, config, langs, progress=True)
    report_warnings((*center.warnings, *(w for r in results for w in r.warnings)))
    click.echo(translate_summary(results))


@main.group()
def translations() -> None:
    """Translation memory reports.

    \b
    Example:
      helpkit translations status --fail-under 90
    """


@translations.command("status")
@LANG_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option("--fail-under", type=click.FloatRange(0, 100), default=None, metavar="PCT",
              help="Exit 1 if a locale's coverage is below PCT percent.")
@click.option("--metric", type=click.Choice(["translated", "reviewed"]), default="translated", show_default=True,
              help="What --fail-under measures.")
@CONFIG_OPTION
def translations_status(langs: tuple[str, ...], as_json: bool, fail_under: float | None, metric: str,
                        config_path: Path) -> None:
    """Per-locale coverage: translated, machine, reviewed, stale, missing, fallback segments.

    \b
    Example:
      helpkit translations status --lang es --fail-under 95 --metric reviewed
    """
    from helpkit.loader import load_help_center
    from translations.status import coverage, coverage_text

    config = load_config(config_path)
    center = load_help_center(config)
    report_warnings(center.warnings)
    rows = coverage(center, config, langs)
    click.echo(coverage_text(rows, as_json))
    low = [f"{r.locale} {r.percent(metric)}%" for r in rows
           if fail_under is not None and r.percent(metric) < fail_under]
    if low:
        raise HelpkitError(f"{metric} coverage under {fail_under}%: {', '.join(low)}")


@main.group()
def models() -> None:
    """Argos Translate models (machine translation, offline once installed).

    \b
    Example:
      helpkit models install translate-en_es-1_0.argosmodel
    """


@models.command("install")
@click.argument("what", nargs=-1, metavar="FILE.argosmodel | FROM TO")
@click.option("--configured", is_flag=True, help="Install every model the help center's locales need and this "
              "machine lacks (from Argos' index; what CI runs).")
@CONFIG_OPTION
def models_install(what: tuple[str, ...], configured: bool, config_path: Path) -> None:
    """Install a model from a .argosmodel file (offline) or FROM TO from Argos' index (online).

    \b
    Example:
      helpkit models install ~/Downloads/translate-en_es-1_0.argosmodel
      helpkit models install en es
      helpkit models install --configured
    """
    from helpkit.errors import ConfigError
    from translations import argos

    if configured and not what:
        models = argos.install_needed(load_config(config_path))
    elif len(what) == 1 and not configured:
        models = (argos.install_file(Path(what[0])),)
    elif len(what) == 2 and not configured:
        models = (argos.install_pair(*what),)
    else:
        raise ConfigError("models install: give one FILE.argosmodel, two language codes (e.g. 'en es') "
                          "or --configured")
    for model in models:
        click.echo(f"Installed {model.source}→{model.target} {model.version} in {model.path}")
    if configured and not models:
        click.echo("Every model the help center's locales need is installed")


@models.command("needed")
@CONFIG_OPTION
def models_needed(config_path: Path) -> None:
    """Print the language pairs the help center's locales need, one per line (e.g. for a CI cache key).

    Works without the argos extra; with it, stderr also says which models are installed.

    \b
    Example:
      helpkit models needed
    """
    from translations import argos

    pairs = argos.needed_pairs(load_config(config_path))
    for source, target in pairs:
        click.echo(f"{source}-{target}")
    for line in argos.pairs_status(pairs):
        click.echo(line, err=True)


@models.command("list")
def models_list() -> None:
    """List the installed Argos models.

    \b
    Example:
      helpkit models list
    """
    from translations import argos

    found = argos.installed_models()
    for m in found:
        click.echo(f"{m.source}→{m.target}  {m.version}  {m.path}")
    if not found:
        click.echo("No models installed; run 'helpkit models install FILE.argosmodel' "
                   "or 'helpkit models install en es'")


# --- deflection ----------------------------------------------------------------------------------------------


class _CommaList(click.ParamType):
    """``a,b,c`` → a tuple; with ``choices``, each item must be one of them."""

    name = "list"

    def __init__(self, choices: tuple[str, ...] | None = None) -> None:
        self.choices = choices

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        if isinstance(value, tuple):
            return value
        items = tuple(v.strip().lower() if self.choices else v.strip() for v in str(value).split(",") if v.strip())
        if not items:
            example = ",".join(self.choices[:2]) if self.choices else "subject,description"
            self.fail(f"expected a comma-separated list, e.g. '{example}'", param, ctx)
        bad = [v for v in items if self.choices and v not in self.choices]
        if bad:
            self.fail(f"{', '.join(map(repr, bad))} not known; choose from {', '.join(self.choices or ())}", param, ctx)
        return items


class _Day(click.ParamType):
    """A calendar day, ``YYYY-MM-DD``."""

    name = "date"

    def convert(self, value, param, ctx):  # type: ignore[no-untyped-def]
        import datetime

        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            self.fail(f"'{value}' is not a date; expected YYYY-MM-DD, e.g. 2024-01-31", param, ctx)


class _DeflectionCommand(click.Command):
    """``helpkit deflection``: an unknown option naming an output (``--html``, ``--output``) says how to ask for it."""

    OUTPUTS = {"--html": "html", "--md": "md", "--markdown": "md", "--json": "json", "--csv": "csv", "--output": "html"}

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as e:
            if e.option_name not in self.OUTPUTS:
                raise
            raise click.NoSuchOption(e.option_name, f"No such option: {e.option_name}. Choose the report's formats "
                                     f"with --format (e.g. --format {self.OUTPUTS[e.option_name]}) and its folder "
                                     "with --out DIR (it gets deflection.html, .md, .json, .csv)", ctx=ctx) from None


@main.command(cls=_DeflectionCommand)
@click.argument("tickets", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "formats", type=_CommaList(("html", "md", "json", "csv")), default="html,md,json,csv",
              show_default=True, help="Outputs to write, comma-separated.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default="deflection-report",
              show_default=True, help="Folder for the report files.")
@click.option("--since", type=_Day(), help="Only tickets created on or after this day (YYYY-MM-DD).")
@click.option("--text", "text_cols", type=_CommaList(), help="Column(s) holding the ticket text, joined in order.")
@click.option("--id", "id_col", help="Column holding the ticket id.")
@click.option("--date", "date_col", help="Column holding the creation date.")
@click.option("--lang", "lang_col", help="Column holding the ticket's language.")
@click.option("--channel", "channel_col", help="Column holding the channel (email, chat ...).")
@click.option("--reply", "reply_col", help="Column holding the agent's reply (a link to an article labels the "
              "ticket; default: a column named for an agent's reply, e.g. 'Agent reply', 'Last teammate reply').")
@click.option("--locale", "default_locale", help="Language of tickets whose export does not say (default: the "
              "help center's source locale).")
@click.option("--stubs", "stubs_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also write draft articles for the top missing topics into this folder.")
@click.option("--questions", "questions_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the answered tickets (text, article) to this CSV: review them and add them to the "
              "help center's questions file so search learns the customers' words.")
@click.option("--events", "events", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The site's analytics events export (Plausible, Umami, GA4 or custom JSON); repeatable.")
@click.option("--rank-by", "rank_by", type=click.Choice(["tickets", "hours"]), default="tickets", show_default=True,
              help="Order articles to write next by tickets (and no-result searches) or by agent hours saved.")
@click.option("--fast", is_flag=True, help="Match with the search engine's scores even when the sentence encoder "
              "is installed: faster, less accurate.")
@click.option("--explain", "explain_id", metavar="TICKET_ID", help="Also print why this ticket got its verdict "
              "(scores, threshold, nearest articles).")
@CONFIG_OPTION
def deflection(tickets, formats, out_dir, since, text_cols, id_col, date_col, lang_col, channel_col, reply_col,
               default_locale, stubs_dir, questions_path, events, rank_by, fast, explain_id, config_path):  # type: ignore[no-untyped-def]
    """Which tickets an article could have answered, and which articles to write next.

    Reads help-desk exports (CSV, JSON, JSONL; Zendesk, Freshdesk, Help Scout, Intercom or any CSV with a
    column mapping), matches every ticket with the help center's search index (run 'helpkit build' first)
    and writes an HTML report, a Markdown summary, JSON and CSV.

    \b
    Example:
      helpkit deflection tickets.csv --since 2024-01-01 --out report/
      helpkit deflection export.csv --text subject,description --id id --date created_at --lang locale
      helpkit deflection tickets.csv --questions answered.csv
      helpkit deflection tickets.csv --events plausible.csv --rank-by hours
      helpkit deflection tickets.csv --explain 4711
    """
    import deflection as stage
    import search_index
    from helpkit.loader import load_help_center
    from translations.status import awaiting_translation, untranslated_locales

    cfg = load_config(config_path)
    if questions_path is not None and cfg.questions_path is not None and questions_path.resolve() == \
            cfg.questions_path.resolve():
        raise click.UsageError(f"--questions {questions_path} is the help center's questions file "
                               "('helpkit.search.questions'); write to another file and add the rows you reviewed")
    columns = stage.ColumnMapping(text=text_cols, id=id_col, date=date_col, lang=lang_col, channel=channel_col,
                                  reply=reply_col)
    scan = stage.scan_exports(tickets, columns, since, explain=explain_id, events=events)
    for line in scan.columns:
        click.echo(line, err=True)
    report_warnings(scan.warnings)
    center = load_help_center(cfg)
    report_warnings(center.warnings)
    untranslated = untranslated_locales(cfg)
    partly = tuple(stage.PartlyTranslated(loc, len(slugs), len(center.articles))
                   for loc, slugs in awaiting_translation(center, cfg).items() if slugs and loc not in untranslated)
    with stage.progress_bar(tickets) as progress:
        options = stage.Options(columns=columns, since=since, default_locale=default_locale, progress=progress,
                                name=cfg.site_name, site_url=cfg.site_url or "", events=events, rank_by=rank_by,
                                fast=fast, explain=scan.explain, untranslated=untranslated, partly=partly)
        report, written = stage.run(
            tickets, options, lambda locale: search_index.open_engine(cfg.index_dir, locale), formats=formats,
            out_dir=out_dir, locales=cfg.locales, articles=center.articles, stubs_dir=stubs_dir, scan=scan,
            site_name=cfg.site_name, questions_path=questions_path,
        )
    click.echo(stage.summary_line(report))
    if explain_id is not None:
        click.echo(stage.explain_text(report, scan.explain or explain_id))
    for path in written:
        click.echo(f"wrote {path}")
    if questions_path is not None:
        click.echo(stage.QUESTIONS_REVIEW.format(path=questions_path))


if __name__ == "__main__":
    main(prog_name="helpkit")
