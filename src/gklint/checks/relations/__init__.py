"""GK3xx: the 勾稽关系 (arithmetic relations) of the tables. The relations, their codes, severities
and docs are pack data (`relations:` and `relation_rules:` in rules/common.yaml); this package
evaluates them (balance.py) and registers every code a pack declares, so a pack's own GK3xx code
is selectable, documented and reported like any built-in rule. What the findings say is the
catalog `relations` (balance.yaml); GK309 (relation_not_checkable.py) is a rule of its own."""

from __future__ import annotations

from decimal import Decimal

from ... import catalog
from ...findings import Finding
from .. import REGISTRY, Rule, load_rules


class RelationRule(Rule):
    """The rule behind a relation code of a pack; its messages are the relations checker's."""

    needs_report = False

    def __init__(self, code: str, spec: dict):
        self.code, self.name, self.severity = code, spec["name"], spec["severity"]
        self.catalog_name = f"pack-{code}"
        catalog.register_data(self.catalog_name, {lang: spec[lang] for lang in catalog.LANGS if spec.get(lang)})

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
            raise PackError(pack.path, ["relation_rules", code], "relations:builtin-code", code=code)
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
