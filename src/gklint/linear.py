"""The relations of a pack as linear forms over table cells: sum(coef * cell) + const = 0.

One form per binding of a relation's `$row`/`$col` variable. The relation rules evaluate them
(GK3xx) and the table reader uses them to choose between readings of run-together digits; both
expand relations here, once.
"""

from __future__ import annotations

from types import MappingProxyType

from .expr import select


_INSTANCES: dict[tuple, tuple] = {}  # most reports have the same rows: expand once per row set
MAX_REMEMBERED = 4096


def instances(relation, definition, rows_present: dict[str, tuple]):
    """(binding, {(row, col): coef}, const) for every instance of a relation on a table whose
    present rows are `rows_present` (row key -> its set names). Callers must not change them."""
    key = (id(relation), id(definition), tuple(rows_present.items()))
    found = _INSTANCES.get(key)
    if found is None:
        if len(_INSTANCES) >= MAX_REMEMBERED:
            _INSTANCES.clear()
        # The relation and definition are kept in the entry, so their ids stay theirs.
        found = _INSTANCES[key] = (tuple(_expand(relation, definition, rows_present)), relation, definition)
    return found[0]


def _expand(relation, definition, rows_present: dict[str, tuple]):
    cols = [c.key for c in definition.columns]
    row_order = list(definition.rows) + [r for r in rows_present if r not in definition.rows]
    values = row_order if relation.each == "row" else cols if relation.each == "col" else [None]
    for v in values:
        if relation.each == "row" and v not in rows_present:
            continue
        binding = {"row": v, "col": v}
        terms: dict[tuple[str, str], int] = {}
        const = 0
        for t in relation.equation.terms:
            if t.ref is None:
                const += t.const
                continue
            for r in select(t.ref.row, binding, row_order, rows_present):
                for c in select(t.ref.col, binding, cols, rows_present):
                    terms[(r, c)] = terms.get((r, c), 0) + t.coef
        yield v, MappingProxyType({k: c for k, c in terms.items() if c}), const  # shared: read-only


_ROW_CONSTRAINTS: dict[tuple, list] = {}  # packs and their definitions live as long as the process


def row_constraints(pack, table_key: str, row_key: str, definition=None):
    """Relations that involve one row only, as predicates over its values in column order.

    Only relations whose every term addresses the row itself ($row, or its key) qualify; a
    relation over a row set or range spans other rows even when only this one is known."""
    definition = definition or pack.tables[table_key]
    key = (id(pack), id(definition), table_key, row_key)
    if key not in _ROW_CONSTRAINTS:
        _ROW_CONSTRAINTS[key] = _row_constraints(pack, table_key, row_key, definition)
    return _ROW_CONSTRAINTS[key]


def _row_constraints(pack, table_key: str, row_key: str, definition):
    cols = [c.key for c in definition.columns]
    row_def = definition.row_defs.get(row_key)
    out = []
    for rel in pack.relations:
        if rel.table != table_key:
            continue
        if not all(t.ref is None or (t.ref.row.kind == "var" and rel.each == "row")
                   or (t.ref.row.kind == "key" and t.ref.row.a == row_key) for t in rel.equation.terms):
            continue
        for _, terms, const in instances(rel, definition, {row_key: row_def.sets if row_def else ()}):
            if terms and all(r == row_key for r, _ in terms):
                idx = [(cols.index(c), coef) for (_, c), coef in terms.items()]
                out.append(lambda nums, idx=idx, const=const: sum(nums[i] * k for i, k in idx) + const == 0)
    return out
