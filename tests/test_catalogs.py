"""Every text gklint shows comes from a catalog, in every language, with the same arguments; no
module writes a Chinese/English pair of its own."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

from gklint import catalog

SRC = Path(__file__).resolve().parent.parent / "src" / "gklint"
# Modules with texts of their own register their catalogs when imported.
MODULES = ("gklint.config", "gklint.pack", "gklint.expr", "gklint.baseline", "gklint.phrases", "gklint.formats.html",
           "gklint.web", "gklint.commands")
for _m in MODULES:
    importlib.import_module(_m)


def test_the_catalogs_of_gklint_itself_are_registered():
    assert {"core", "config", "pack", "expr", "baseline", "phrases", "html", "web", "GK101", "tables"} <= set(catalog.names())


@pytest.mark.parametrize("name", [n for n in catalog.names() if not n.startswith("pack-")])
def test_every_message_in_every_language(name):
    # The fields may differ: a language may need an argument the other does without (plurals).
    data = catalog.catalog(name)
    zh = data["zh"].get("messages") or {}
    for lang in catalog.LANGS:
        other = (data.get(lang) or {}).get("messages") or {}
        assert set(other) == set(zh), (name, lang, set(other) ^ set(zh))


def test_an_error_renders_in_the_language_asked_for():
    from gklint.config import ConfigError

    e = ConfigError("gklint.toml", "jobs", "jobs", 3, got='"many"')
    assert str(e) == e.text("zh") == 'gklint.toml:3: jobs: 应为非负整数（0 = CPU 核数），实际为 "many"'
    assert e.text("en") == 'gklint.toml:3: jobs: should be a non-negative integer (0 = the number of CPU cores), got "many"'


def _language_pairs(tree: ast.AST) -> list[int]:
    """Lines that choose a text by `lang == "en"` or pass an `en=` text: a pair written by hand."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(isinstance(s, ast.Constant) and s.value == "en" for s in sides):
                out.append(node.lineno)
        elif isinstance(node, ast.keyword) and node.arg == "en":
            out.append(node.value.lineno)
    return out


def test_no_module_writes_a_language_pair_of_its_own():
    allowed = {SRC / "catalog.py": 2}  # the catalog itself joins lists the language's way
    found = {}
    for path in SRC.rglob("*.py"):
        lines = _language_pairs(ast.parse(path.read_text(encoding="utf-8")))
        if len(lines) > allowed.get(path, 0):
            found[str(path.relative_to(SRC))] = lines
    assert not found


def test_the_pair_finder_finds_pairs():
    assert _language_pairs(ast.parse('x = en if lang == "en" else zh\nf(zh="甲", en="A")\n')) == [1, 2]
