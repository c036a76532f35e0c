"""helpkit's command line: click commands only.

Each command parses its options, loads the config, calls one function of a stage and
lets helpkit's errors (which carry their exit code) reach click. No logic lives here.
"""

from __future__ import annotations

from pathlib import Path

import click

from helpkit import __version__
from helpkit.config import ProjectConfig, load_config

CONFIG_OPTION = click.option(
    "--config", "-f", "config_path", type=click.Path(dir_okay=False, path_type=Path), default="mkdocs.yml",
    show_default=True, help="The help center's mkdocs.yml.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="helpkit")
def main() -> None:
    """helpkit: a static, searchable, multilingual help center from Markdown articles."""


def _config(path: Path) -> ProjectConfig:
    return load_config(path)


# --- help center: build, serve, new, check, init -------------------------------------------------------------


# --- search --------------------------------------------------------------------------------------------------


# --- translations and models ---------------------------------------------------------------------------------


# --- deflection ----------------------------------------------------------------------------------------------


if __name__ == "__main__":
    main()
