"""Named facts of a report: the quantities rules talk about (`requests_new`, `review_total` …),
resolved through the `facts:` of the pack its tables were read with. Rules never name a table,
row or column; a template version that lacks a fact simply has none (`has` is False)."""

from __future__ import annotations

from decimal import Decimal

from .expr import select
from .model import NUMBER, Cell, Report


def has(report: Report, name: str) -> bool:
    return report.layout is not None and name in report.layout.facts


def cells(report: Report, name: str) -> list[Cell | None]:
    """The cells a fact selects, in order; None for a cell the report lacks. Empty without the fact."""
    fact = report.layout.facts.get(name) if report.layout is not None else None
    if fact is None:
        return []
    out: list[Cell | None] = []
    for term in fact.terms:
        if term.ref is not None:
            out.extend(c for _, c in _term_cells(report, term))
    return out


def value(report: Report, name: str) -> Decimal | None:
    """The fact's value; None when the pack has no such fact or any of its cells is missing, blank
    or not read with certainty."""
    fact = report.layout.facts.get(name) if report.layout is not None else None
    if fact is None:
        return None
    total = Decimal(0)
    for term in fact.terms:
        if term.ref is None:
            total += term.const
            continue
        for _, cell in _term_cells(report, term):
            if not usable(cell):
                return None
            total += term.coef * cell.value
    return total


def count(report: Report, name: str) -> int | None:
    """`value` as a whole number (counts of 件), else None."""
    v = value(report, name)
    return int(v) if v is not None and v == v.to_integral_value() else None


def usable(cell: Cell | None) -> bool:
    """A cell whose number a rule may rely on."""
    return cell is not None and cell.kind == NUMBER and cell.value is not None and cell.certain


def _term_cells(report: Report, term):
    table = report.tables.get(term.ref.table)
    if table is None:
        definition = report.layout.tables.get(term.ref.table)
        rows = list(definition.rows) if definition else []
        cols = [c.key for c in definition.columns] if definition else []
        sets = {r: definition.row_defs[r].sets for r in rows} if definition else {}
    else:
        definition = table.definition
        rows = list(definition.rows) + [r for r in table.rows if r not in definition.rows]
        cols = [c.key for c in definition.columns]
        sets = {k: r.sets for k, r in table.rows.items()}
    for r in select(term.ref.row, {}, rows, sets):
        for c in select(term.ref.col, {}, cols, sets):
            yield (r, c), (table.cell(r, c) if table is not None else None)
