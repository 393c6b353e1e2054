"""GK310 blank-but-not-zero: a blank cell that its relation, all its other cells filled in, says
is not 0 — an omission of the report, not a doubt of gklint's (blank is not 0).

Raised by the relations checker (balance.py) from the instances it evaluated."""

from __future__ import annotations

from decimal import Decimal

from ...model import BLANK, NUMBER
from .. import REGISTRY, Rule
from . import cell_name, fmt, num


class BlankNotZero(Rule):
    code = "GK310"
    name = "blank-but-not-zero"
    severity = "warning"

    @classmethod
    def findings(cls, instances):
        rule = REGISTRY[cls.code]
        needs: dict[tuple, tuple] = {}  # one finding per cell, from its smallest relation
        for inst in instances:
            if inst.status != "blank":
                continue
            found = _needed(inst)
            if found is None:
                continue
            cell, value = found
            key = (inst.table.key, cell.row, cell.col)
            if value != 0 and (key not in needs or inst.size() < needs[key][1].size()):
                needs[key] = (value, inst)
        for (tkey, r, c), (value, inst) in needs.items():
            table = inst.table
            cell = table.cell(r, c)
            yield rule.finding("blank", cell.pos, table=table.definition.title, cell=cell_name(table, r, c),
                               says=inst.relation.says, should_be=fmt(value),
                               data={"table": tkey, "cell": cell.path, "relation": inst.relation.id,
                                     "binding": inst.binding, "should_be": num(value)})


def _needed(inst):
    """(the one blank cell, the value the relation gives it), or None if other cells are not all
    numbers read with certainty, more than one is blank, or the blank is not certain (values
    that belong to no row were left over in its table)."""
    blank, total = None, Decimal(inst.const)
    for (r, c), coef in inst.terms.items():
        cell = inst.table.cell(r, c)
        if cell is not None and cell.kind == BLANK and cell.certain and blank is None:
            blank = (cell, coef)
        elif cell is not None and cell.kind == NUMBER and cell.certain:
            total += coef * cell.value
        else:
            return None
    if blank is None:
        return None
    cell, coef = blank
    return cell, -total / coef
