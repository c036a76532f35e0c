"""helpkit/files.py: a failed write leaves the target as it was and no temporary file or folder behind, at every
place helpkit writes atomically."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from helpkit.files import atomic_open, atomic_write, replace_dir, replacing_dir
from site_builder.cache import LocaleCache, PageCache
from site_builder.scaffold import write_new_file
from translations.memory import Occurrence, TranslationMemory


def _memory(path: Path) -> None:
    memory = TranslationMemory(path.with_name("es.po"), "es")
    memory.sync([("k1", "Hello", Occurrence("content/a/x.md", 0))])
    memory.set_machine("k1", "Hola", "machine")
    memory.save()


WRITERS: dict[str, Callable[[Path], None]] = {
    "atomic_write": lambda p: atomic_write(p, "new"),
    "page cache": lambda p: PageCache(p.parent, "fp").put(p.stem, b"<html>"),
    "locale cache": lambda p: LocaleCache(p).put("key", (), (), "Help"),
    "translation memory": _memory,
    "new article": lambda p: write_new_file(p.with_name("fresh.md"), "text"),
}


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_a_failed_move_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    target = tmp_path / "out" / "file.po"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")

    def fail(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    monkeypatch.setattr(os, "link", fail)
    with pytest.raises(OSError, match="No space left"):
        WRITERS[name](target)
    assert sorted(p.name for p in target.parent.iterdir()) == ["file.po"]
    assert target.read_text(encoding="utf-8") == "old"


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    with pytest.raises(RuntimeError), atomic_open(target, newline="") as f:
        f.write("half a report")
        raise RuntimeError("the renderer failed")
    assert list(tmp_path.iterdir()) == []


def test_written_files_are_complete_and_get_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    os.umask(umask)
    atomic_write(tmp_path / "a.txt", "text")
    atomic_write(tmp_path / "b.bin", b"\x00\x01")
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "text"
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\x01"
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o666 & ~umask  # not a temporary file's 0600


def test_no_overwrite_keeps_the_existing_file(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        atomic_write(tmp_path / "a.md", "theirs", overwrite=False)
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == "mine"
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_a_failed_folder_swap_puts_the_old_folder_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target, new = tmp_path / "site", tmp_path / "new"
    target.mkdir()
    (target / "index.html").write_text("last good", encoding="utf-8")
    new.mkdir()
    real = Path.rename

    def rename(self: Path, to: Path) -> Path:
        if self == new:
            raise OSError(18, "Invalid cross-device link")
        return real(self, to)

    monkeypatch.setattr(Path, "rename", rename)
    with pytest.raises(OSError):
        replace_dir(new, target)
    assert (target / "index.html").read_text(encoding="utf-8") == "last good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new", "site"]


def test_a_failed_folder_fill_keeps_the_old_folder_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "index"
    target.mkdir()
    (target / "stamp.json").write_text("{}", encoding="utf-8")
    with pytest.raises(RuntimeError), replacing_dir(target) as tmp:
        (tmp / "half").write_text("x", encoding="utf-8")
        raise RuntimeError("indexing failed")
    assert [p.name for p in tmp_path.iterdir()] == ["index"]
    assert [p.name for p in target.iterdir()] == ["stamp.json"]
    with replacing_dir(target) as tmp:
        (tmp / "stamp.json").write_text('{"new": 1}', encoding="utf-8")
    assert (target / "stamp.json").read_text(encoding="utf-8") == '{"new": 1}'
    assert [p.name for p in tmp_path.iterdir()] == ["index"]
