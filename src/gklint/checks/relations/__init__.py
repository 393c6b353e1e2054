"""GK3xx: the 勾稽关系 (arithmetic relations) of the tables. The relations, their codes, severities
and docs are pack data (`relations:` and `relation_rules:` in rules/common.yaml); this package
evaluates them (balance.py) and registers every code a pack declares, so a pack's own GK3xx code
is selectable, documented and reported like any built-in rule. What the findings say is the
catalog `relations` (balance.yaml); GK309 (relation_not_checkable.py) is a rule of its own."""

from __future__ import annotations

from decimal import Decimal

from ... import catalog
from ...expr import select
from ...findings import Finding
from .. import REGISTRY, Rule, load_rules


class RelationRule(Rule):
    """The rule behind a relation code of a pack; its messages are the relations checker's."""

    needs_report = False

    def __init__(self, code: str, spec: dict):
        self.code, self.name, self.severity = code, spec["name"], spec["severity"]
        self.catalog_name = f"pack-{code}"
        catalog.register_data(self.catalog_name, {lang: spec[lang] for lang in ("zh", "en") if spec.get(lang)})

    def finding(self, msg: str, pos=None, *, severity: str | None = None, data: dict | None = None, **args) -> Finding:
        line, col = (pos.line, pos.col) if pos is not None else (1, 1)
        return Finding(self.code, severity or self.severity, f"relations:{msg}", args, line, col, data=data or {})


def register_pack_rules(pack) -> list[str]:
    """Register the relation codes of `pack` and return them; a code that is a built-in rule's is a
    pack error."""
    from ...pack import PackError

    load_rules()
    for code in pack.relation_rules:
        known = REGISTRY.get(code)
        if known is not None and not isinstance(known, RelationRule):
            raise PackError(pack.path, ["relation_rules", code], catalog.text("relations:builtin-code", "zh", code=code),
                            en=catalog.text("relations:builtin-code", "en", code=code))
    for code, spec in pack.relation_rules.items():
        REGISTRY[code] = RelationRule(code, spec)
    return list(pack.relation_rules)


def rule_for(pack, code: str) -> RelationRule:
    """The rule of a relation code of `pack` (registered when the pack was loaded)."""
    rule = REGISTRY.get(code)
    if not isinstance(rule, RelationRule):
        register_pack_rules(pack)
        rule = REGISTRY[code]
    return rule


# --- relations as linear forms ---------------------------------------------------------------

def expand(relation, definition, rows_present: dict[str, tuple]):
    """Yield (binding, {(row, col): coef}, const) for every instance of a relation."""
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
        yield v, {k: c for k, c in terms.items() if c}, const


def row_constraints(pack, table_key: str, row_key: str):
    """Relations that involve one row only, as predicates over its values in column order (the
    table reader uses them to split flattened digit runs).

    Only relations whose every term addresses the row itself ($row, or its key) qualify; a
    relation over a row set or range spans other rows even when only this one is known."""
    definition = pack.tables[table_key]
    cols = [c.key for c in definition.columns]
    out = []
    for rel in pack.relations:
        if rel.table != table_key:
            continue
        if not all(t.ref is None or (t.ref.row.kind == "var" and rel.each == "row")
                   or (t.ref.row.kind == "key" and t.ref.row.a == row_key) for t in rel.equation.terms):
            continue
        for _, terms, const in expand(rel, definition, {row_key: definition.row_defs[row_key].sets}):
            if terms and all(r == row_key for r, _ in terms):
                idx = [(cols.index(c), coef) for (_, c), coef in terms.items()]
                out.append(lambda nums, idx=idx, const=const: sum(nums[i] * k for i, k in idx) + const == 0)
    return out


# --- naming cells and numbers in messages ------------------------------------------------------

def row_label(table, row_key: str) -> str | None:
    row = table.rows.get(row_key)
    rd = table.definition.row_defs.get(row_key)
    return rd.label if rd and rd.label else row.label if row and row.label else None


def col_label(table, col_key: str) -> str:
    """A column's label, prefixed by its merged header only where the label repeats (表四 总计)."""
    col = table.definition.column(col_key)
    if col is None:
        return col_key
    repeated = sum(1 for c in table.definition.columns if c.label == col.label) > 1
    return f"{col.group}·{col.label}" if repeated and col.group else col.label


def cell_name(table, row_key: str, col_key: str) -> dict:
    """A cell as a message argument: its row and column labels (only the column in an unlabelled row)."""
    row = row_label(table, row_key)
    if row:
        return {"msg": "relations:cell", "args": {"row": row, "col": col_label(table, col_key)}}
    return {"msg": "relations:column", "args": {"col": col_label(table, col_key)}}


def joined(msg: str, items: list):
    """Items joined by message `msg` ("{left} + {right}"), for separators that differ by language.
    A balanced tree of sub-messages: a relation over a whole table nests only a few levels deep."""
    if len(items) == 1:
        return items[0]
    half = len(items) // 2
    return {"msg": msg, "args": {"left": joined(msg, items[:half]), "right": joined(msg, items[half:])}}


def fmt(v: Decimal) -> str:
    return format(v.normalize(), "f") if v == v.to_integral_value() else format(v, "f")


def num(v: Decimal):
    """A value for finding data (JSON): an int where it is whole."""
    return int(v) if v == v.to_integral_value() else float(v)
