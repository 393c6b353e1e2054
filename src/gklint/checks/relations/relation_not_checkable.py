"""GK309 relation-not-checkable: blank, n.a. or unreadable operands leave a relation unchecked.

Raised by the relations checker (balance.py), which evaluates the relations; this rule words it."""

from __future__ import annotations

from .. import REGISTRY, Rule
from . import cell_name, joined


class RelationNotCheckable(Rule):
    code = "GK309"
    name = "relation-not-checkable"
    severity = "info"

    @classmethod
    def findings(cls, instances):
        """One finding per table for the relations with blank or n.a. operands.

        Relations that cannot be checked because a row could not be read (GK006, GK207) or was
        split by its own total (GK007) are not repeated here: those findings already say so."""
        rule = REGISTRY[cls.code]
        by_table: dict[str, list] = {}
        for i in instances:
            if i.status == "blank":
                by_table.setdefault(i.table.key, []).append(i)
        for tkey, insts in by_table.items():
            table = insts[0].table
            cells = []
            for i in insts:
                if i.blank_cell not in cells:
                    cells.append(i.blank_cell)
            relations = sorted({i.relation.id for i in insts})
            yield rule.finding("blank", cells[0].pos, table=table.definition.title, count=len(insts),
                               relations=joined("relations:comma", relations),
                               cell=cell_name(table, cells[0].row, cells[0].col),
                               data={"table": tkey, "relations": relations, "count": len(insts),
                                     "cells": [c.path for c in cells]})
