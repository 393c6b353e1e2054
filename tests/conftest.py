"""Shared fixtures. The seeds and corpus are read in place from ../shared beside the repository."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from gklint.engine import Options, check_file
from gklint.pack import builtin_packs
from gklint.resources import resource_dir

# The CLI's findings cache goes to a temporary directory, never into the repository.
os.environ.setdefault("GKLINT_CACHE_DIR", tempfile.mkdtemp(prefix="gklint-test-cache-"))

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"


def seed(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


def lint(path, **options):
    """Findings of one file, as returned by the engine."""
    return check_file(str(path), Options(**options), builtin_packs())


def lint_text(tmp_path, text: str, name: str = "report.txt", **options):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return lint(path, **options)


def codes(result) -> list[str]:
    return [f.code for f in result.findings]


@pytest.fixture(scope="session")
def packs():
    return builtin_packs()


def copy_packs(directory: Path) -> Path:
    """The shipped rule packs copied into `directory`: tests break copies, never the originals."""
    for f in Path(resource_dir("rules")).glob("*.yaml"):
        shutil.copy(f, directory / f.name)
    return directory


def edit_text(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a file; the fixture text must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture text not found in {path}: {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def crash_rule(monkeypatch, code: str = "GK005") -> None:
    """Make one rule's check raise, as a bug would: the positive control of the tests that say
    an input gives no GK010. GK005 runs on every file, report or not."""
    from gklint.checks import get

    def boom(self, report):
        raise RuntimeError("boom")

    monkeypatch.setattr(type(get(code)), "check", boom)
