"""Rule packs: one YAML file per template version, holding the template as data.

A pack names the six sections, the tables (caption, header, columns, rows), the 勾稽关系 as
equations, named facts, version markers and per-version rule settings. `extends:` merges a parent
file key by key (lists replace). Packs are validated on load; a broken pack raises `PackError`
naming the file, line and key.

    model.py    what a loaded pack is (Pack, TableDef, Relation, Fact …)
    source.py   reading the YAML files: bounded parsing, `extends`, file/line of a key, PackError
    schema.py   checking the merged mapping and building the model from it
"""

from __future__ import annotations

import fnmatch
import os
from functools import lru_cache

from ..resources import path_text, resource_dir
from .model import KINDS, ColumnDef, Fact, Pack, Relation, RowDef, RuleSetting, SectionDef, TableDef
from .schema import build, valid_mmdd
from .source import PackError, load_yaml_chain

__all__ = ["KINDS", "ColumnDef", "Fact", "Pack", "PackError", "Relation", "RowDef", "RuleSetting", "SectionDef",
           "TableDef", "builtin_packs", "load_pack", "load_pack_cached", "national_pack_files", "pack_for_year",
           "valid_mmdd"]


def load_pack(path) -> Pack:
    """A pack, validated; its relation codes become rules (`gklint rule`, --select, configuration).
    A relation code that is a built-in rule's is a PackError like any other."""
    from ..checks.relations import register_pack_rules

    data, chain = load_yaml_chain(path_text(path))
    pack = build(data, chain)
    register_pack_rules(pack)
    return pack


@lru_cache(maxsize=None)
def load_pack_cached(path: str) -> Pack:
    """One Pack object per pack file and process, so packs can travel between processes by path."""
    return load_pack(path)


# A pack is sent to worker processes as its path and loaded there once (see runner.py).
Pack.__reduce__ = lambda self: (load_pack_cached, (str(self.path),))  # type: ignore[method-assign]


@lru_cache(maxsize=None)
def builtin_packs() -> dict[str, Pack]:
    """The national packs shipped with gklint, by template version ("2019", "2021")."""
    packs = {}
    for p in national_pack_files():
        pack = load_pack_cached(p)
        packs[pack.template] = pack
    return packs


def national_pack_files() -> list[str]:
    """rules/gov-*.yaml, in name order."""
    folder = resource_dir("rules")
    return sorted(os.path.join(folder, n) for n in os.listdir(folder) if fnmatch.fnmatchcase(n, "gov-*.yaml"))


def pack_for_year(year: int | None, packs: dict[str, Pack]) -> Pack:
    if year is not None:
        for pack in packs.values():
            if pack.covers(year):
                return pack
    # Without a year, the current format is the best guess; GK701 says the year is missing.
    return max(packs.values(), key=lambda p: p.years[0] or 0)
