"""Cells, rows and tables as people name them, for outputs: the findings' data keeps gklint's
own paths (`t3[R03][C7]`, used by fingerprints, baselines and the HTML page's marks), while every
output shows “收到和处理政府信息公开申请情况表“（一）予以公开”行“总计”列”.

The names are made when the report is at hand (`names`, in engine.locate), so cached findings
carry them; `public` puts them in place of the paths in the language asked for.
"""

from __future__ import annotations


from . import catalog
from .checks.structure import canonical
from .prebuilt import regex

# The data keys that hold gklint's own ids of tables, rows, columns and cells, at any depth.
ID_KEYS = frozenset({"table", "row", "rows", "missing", "cell", "cells", "binding", "section", "relation",
                     "relations"})
# Internal keys the outputs do not show: the names themselves and the origin (it is `location`).
HIDDEN = frozenset({"names", "origin"})
_PATH = regex(r"^(\w+)\[([^\]]+)\]\[([^\]]+)\]$")


def _definition(report, tkey: str):
    table = report.tables.get(tkey)
    if table is not None:
        return table.definition
    for pack in (report.layout, report.expected):
        if pack is not None and tkey in pack.tables:
            return pack.tables[tkey]
    return None


def _row(d, rkey: str):
    rd = d.row_defs.get(rkey)
    return rd.label if rd and rd.label else None


def _col(d, ckey: str):
    return d.column_label(ckey)


def _span(d, keys: str, one) -> str | None:
    """`C1..C7` → the first and last labels; a single key → its label."""
    first, dots, last = keys.partition("..")
    a, b = one(d, first), one(d, last) if dots else None
    if a is None or (dots and b is None):
        return None
    return f"{a}…{b}" if dots else a


def cell_name(report, path: str):
    """`t3[R03][C7]` as a localised message argument; None where the report's tables do not name it."""
    m = _PATH.match(path)
    d = _definition(report, m.group(1)) if m else None
    if d is None:
        return None
    row, col = _span(d, m.group(2), _row), _span(d, m.group(3), _col)
    if col is None:
        return None
    if row is None:  # an unlabelled row (表四): the column names the cell
        return {"msg": "core:place-column", "args": {"table": d.title, "col": col}}
    return {"msg": "core:place-cell", "args": {"table": d.title, "row": row, "col": col}}


def names(data: dict, report, memo: dict | None = None) -> dict:
    """{id: localised name} for the ids in a finding's data (`t3[R03][C7]`, `t3`, `R03` …).

    `memo`, one dict per report, keeps what was named for the report's other findings."""
    out: dict = {}
    if report is None:
        return out
    memo = {} if memo is None else memo
    relations = memo.get(None)
    if relations is None:
        relations = memo[None] = {r.id: r.table for p in (report.layout, report.expected) if p for r in p.relations}

    def walk(value, key, tkey):
        if isinstance(value, dict):
            own = value.get("table") if isinstance(value.get("table"), str) else relations.get(value.get("relation"), tkey)
            for k, v in value.items():
                walk(v, k, own)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v, key, tkey)
        elif isinstance(value, str) and key in ID_KEYS and value not in out:
            k = (key, value, tkey)
            if k not in memo:
                name = _name(report, key, value, tkey)
                memo[k] = None if name is None else {lang: catalog.localise(name, lang) for lang in catalog.LANGS}
            if memo[k] is not None:
                out[value] = dict(memo[k])

    walk(data, None, None)
    return out


def _name(report, key: str, value: str, tkey: str | None):
    if "[" in value:
        parts = [cell_name(report, p) for p in value.split("+")]
        return None if None in parts else parts
    packs = [p for p in (report.layout, report.expected) if p is not None]
    if key == "table":
        d = _definition(report, value)
        return d.title if d is not None else None
    if key == "section":
        sdef = next((s for p in packs for s in p.sections if s.key == value), None)
        return canonical(sdef) if sdef else None
    if key in ("relation", "relations"):
        rel = next((r for p in packs for r in p.relations if r.id == value), None)
        return rel.says if rel else None
    d = _definition(report, tkey) if tkey else None
    if d is None:
        return None
    # A row of the other template version is named by the report's table (its template label).
    row = report.tables[tkey].rows.get(value) if tkey in report.tables else None
    label = _row(d, value) or (row.template_label or row.label if row else None) or \
        (_col(d, value) if key == "binding" else None)
    if label:
        return {"msg": "core:place-label", "args": {"label": label}}
    # The one unlabelled row of a table (表四's values follow its header).
    return {"msg": "core:place-data-row", "args": {"table": d.title}} if value in d.row_defs else None


def public(data: dict, lang: str = "zh") -> dict:
    """A finding's data as outputs show it: ids replaced by names, internal keys left out."""
    named = data.get("names") or {}

    def swap(value, key):
        if isinstance(value, dict):
            return {k: swap(v, k) for k, v in value.items() if k not in HIDDEN}
        if isinstance(value, (list, tuple)):
            return [swap(v, key) for v in value]
        if isinstance(value, str) and key in ID_KEYS and value in named:
            return named[value].get(lang) or named[value]["zh"]
        return value

    return swap(dict(data), None)
