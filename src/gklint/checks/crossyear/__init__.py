"""GK8xx: this year's report against the same body's report for the previous year.

These rules need two reports, so they are not among `checkers()`: the CLI pairs the files
(`gklint.pairing`: `--previous FILE`, or two checked files with the same agency and years Y−1, Y)
and calls `check_pair(this, last)`. Findings point into this year's report; the message names the
other file and `data["previous"]` holds its path. The quantities compared are pack facts, so a
rule runs only where both reports' packs have them.
"""

from __future__ import annotations

import os
from decimal import Decimal
from typing import Iterable

from ...findings import Finding
from ...model import Cell, Report
from .. import REGISTRY, Rule, load_rules

PAIR_RULES: list = []  # the rules over two reports, in code order


class PairRule(Rule):
    """A rule over two reports: `check_pair(this, last)` instead of `check(report)`."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "code" in cls.__dict__:
            PAIR_RULES.append(REGISTRY[cls.code])
            PAIR_RULES.sort(key=lambda r: r.code)

    def check_pair(self, this: Report, last: Report) -> Iterable[Finding]:
        raise NotImplementedError


def check_pair(this: Report, last: Report) -> Iterable[Finding]:
    """Findings for `this` report against `last`, the same body's report for the year before."""
    load_rules()
    if not this.looks_like_report() or not last.looks_like_report():
        return
    for rule in PAIR_RULES:
        yield from rule.check_pair(this, last)


def file_name(report: Report) -> str:
    return os.path.basename(report.path)


def row_label(report: Report, cell: Cell) -> str:
    """The template label of a cell's row, from the definition its table was read with."""
    rd = report.tables[cell.table].definition.row_defs.get(cell.row)
    return (rd.label if rd else None) or cell.row


def col_label(report: Report, cell: Cell) -> str:
    c = report.tables[cell.table].definition.column(cell.col)
    return c.label if c is not None else cell.col


def fmt(v: Decimal) -> str:
    return format(v.normalize(), "f") if v == v.to_integral_value() else str(v)
