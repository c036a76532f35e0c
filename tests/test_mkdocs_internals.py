"""The private parts of MkDocs and Material helpkit relies on (helpkit/mkdocs_internals.py) still exist, with the
parameters helpkit passes: an upgrade that changes one fails here, naming it."""

from __future__ import annotations

import ast
import importlib
import inspect
import re
from pathlib import Path

import pytest

from helpkit import mkdocs_internals as seam

ROOT = Path(__file__).resolve().parent.parent
THEME = ROOT / "site_builder" / "theme"


def _resolve(dotted: str) -> object:
    """The object a dotted name points at (module path, then attributes)."""
    parts = dotted.split(".")
    for n in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:n]))
        except ModuleNotFoundError:
            continue
        for attr in parts[n:]:
            obj = getattr(obj, attr)
        return obj
    raise ImportError(dotted)


@pytest.mark.parametrize("name", sorted(seam.SIGNATURES))
def test_private_function_keeps_its_parameters(name: str) -> None:
    try:
        func = _resolve(name)
    except (ImportError, AttributeError):
        pytest.fail(f"{name} no longer exists in the installed release; update helpkit/mkdocs_internals.py")
    found = tuple(inspect.signature(func).parameters)  # type: ignore[arg-type]
    assert found == seam.SIGNATURES[name], (
        f"{name} changed its parameters: expected {seam.SIGNATURES[name]}, found {found}; "
        "update helpkit/mkdocs_internals.py")


def test_private_attributes_exist() -> None:
    from mkdocs.config import config_options as c
    from mkdocs.livereload import LiveReloadServer

    config = seam.StrictConfig()
    option = c.SubConfig()
    option.pre_validation(config, "section")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(ROOT))
    try:
        instances = {"Config": config, "SubConfig": option, "LiveReloadServer": server}
        missing = [name for name in seam.ATTRIBUTES
                   if not hasattr(instances[name.split(".")[-2]], name.split(".")[-1])]
    finally:
        server.server_close()
    assert not missing, f"attributes gone from the installed release: {missing}; update helpkit/mkdocs_internals.py"


def test_strict_config_reports_every_error_and_unknown_keys() -> None:
    """The overridden ``Config._validate`` is the one MkDocs' ``validate`` runs."""
    from helpkit.config import SearchConfig

    config = SearchConfig()
    config.load_dict({"meaning": "yes", "index_dir": 3, "synonym": "x.txt"})
    failed, _ = config.validate()
    keys = sorted(k for k, _ in failed)
    assert keys == ["index_dir", "meaning", "synonym"]
    assert "did you mean 'synonyms'?" in str(dict(failed)["synonym"])


def test_no_other_module_imports_a_private_name_of_mkdocs_or_material() -> None:
    offenders = []
    for path in ROOT.glob("*/**/*.py"):
        top = path.parts[len(ROOT.parts)]
        if path.name == "mkdocs_internals.py" or top in ("tests", "bench") or top.startswith("."):
            continue  # hidden folders hold tools' files: the default install's virtualenv lives in .make/
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ("mkdocs", "material"):
                offenders += [f"{path.relative_to(ROOT)}: {a.name}" for a in node.names if a.name.startswith("_")]
        text = path.read_text(encoding="utf-8")
        if re.search(r"files\(\"material\"\)|import material\b|\._schema\b|_config_file_path", text):
            offenders.append(f"{path.relative_to(ROOT)}: uses Material's files or MkDocs' config internals")
    assert not offenders, "go through helpkit/mkdocs_internals.py: " + "; ".join(offenders)


def test_material_templates_helpkit_builds_on_are_there() -> None:
    templates = seam.material_templates()
    missing = [t for t in seam.MATERIAL_TEMPLATES if not (templates / t).is_file()]
    assert not missing, f"Material no longer ships {missing}; fix site_builder/theme"
    base = (templates / "base.html").read_text(encoding="utf-8")
    blocks = [b for b in seam.MATERIAL_BLOCKS if not re.search(r"{%-?\s*block\s+" + b + r"\b", base)]
    assert not blocks, f"Material's base.html lost the blocks {blocks}; fix site_builder/theme"
    strings = (templates / "partials" / "languages" / "en.html").read_text(encoding="utf-8")
    keys = [k for k in seam.MATERIAL_STRINGS if f'"{k}"' not in strings]
    assert not keys, f"Material's interface strings lost {keys}; fix site_builder/theme"
    assert (seam.material_lunr() / "lunr.stemmer.support.min.js").is_file()
    assert seam.material_icon("material/credit-card").startswith("<svg")


def _body(text: str) -> list[str]:
    """A template's lines after its leading ``{#- ... -#}`` comment."""
    lines = text.splitlines()
    return lines[lines.index("-#}") + 1:] if lines and lines[0].startswith("{#-") else lines


def _cut(lines: list[str], first: str) -> tuple[list[str], list[str]]:
    """``lines`` without the block opened by the line starting (after its indent) with ``first`` and ending at the
    next line with the same indent; and the block itself."""
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(first))
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = next(i for i in range(start + 1, len(lines)) if len(lines[i]) - len(lines[i].lstrip()) <= indent)
    if lines[end].strip().startswith("{% end"):
        end += 1
    return lines[:start] + lines[end:], lines[start:end]


def test_header_copy_matches_materials_header_outside_the_search_box() -> None:
    """site_builder/theme/partials/header.html is Material's header with the search box swapped: when Material
    changes its header, copy it again (keeping the lines marked "helpkit")."""
    import difflib

    theirs, search = _cut(_body((seam.material_templates() / "partials" / "header.html").read_text("utf-8")),
                          '{% if "material/search" in config.plugins %}')
    ours = [line for line in _body((THEME / "partials" / "header.html").read_text("utf-8"))
            if "helpkit" not in line and "hk_search" not in line and "hk-search" not in line]
    assert any("partials/search.html" in line for line in search)
    assert ours == theirs, "\n".join([
        "Material's partials/header.html changed; copy it into site_builder/theme/partials/header.html again, "
        "with its search block replaced by helpkit's (the lines marked helpkit):",
        *difflib.unified_diff(theirs, ours, "material", "helpkit", lineterm="")])
