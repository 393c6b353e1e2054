"""GK309 relation-not-checkable: relations left unchecked because an operand is blank or “不适用”,
or was not read with certainty (GK006). One finding per table, with the count; it never means
the numbers balance. The relations checker (balance.py) evaluates the relations and records, per
report, how many it checked and how many it could not (`report.stats`, shown in every summary)."""

from __future__ import annotations

from .. import REGISTRY, Rule
from . import cell_name

UNCHECKED = ("blank", "unreadable")  # statuses of an instance whose operands could not be used


class RelationNotCheckable(Rule):
    code = "GK309"
    name = "relation-not-checkable"
    severity = "info"

    @classmethod
    def findings(cls, instances):
        rule = REGISTRY[cls.code]
        by_table: dict[str, list] = {}
        for i in instances:
            if i.status in UNCHECKED:
                by_table.setdefault(i.table.key, []).append(i)
        for tkey, insts in by_table.items():
            table = insts[0].table
            cells = []
            for i in insts:
                key = _cell_key(i)
                if key not in cells:
                    cells.append(key)
            reasons = [{"msg": f"GK309:{s}"} for s in UNCHECKED if any(i.status == s for i in insts)]
            first = insts[0]
            pos = first.blank_cell.pos if hasattr(first.blank_cell, "pos") else first.blank_cell[0].pos
            relations = sorted({i.relation.id for i in insts})
            yield rule.finding("unchecked", pos, table=table.definition.title, count=len(insts), reasons=reasons,
                               cell=cell_name(table, *cells[0]),
                               data={"table": tkey, "relations": relations, "count": len(insts),
                                     "cells": [f"{tkey}[{r}][{c}]" for r, c in cells]})


def _cell_key(inst) -> tuple[str, str]:
    cell = inst.blank_cell
    if hasattr(cell, "row"):
        return cell.row, cell.col
    row, col = cell  # a cell the row lacks
    return row.key, col
