"""GK6xx: figures stated in the text against the tables.

Conservative by design: a sentence is compared only when its figure is unmistakably the table's
quantity (收到…申请N件, 办结N件, 行政复议N件 …) and the table cell holds a number read with
certainty; anything else is left alone. Counts may be written in digits or Chinese numerals (两件,
十二件). The phrases are the pack's (`content:`), the quantities its facts."""

from __future__ import annotations

from ...facts import cells
from ...model import Pos
from ...textscan import clauses, folded_paragraphs

EARLIER_WINDOW = 6  # characters before a figure in which 历年, 上年 … make it not this year's


def each_clause(report, *triggers):
    """(clause, offset → Pos) for every clause of every paragraph, in the folded text.

    With `triggers` (phrase lists), only the clauses of paragraphs where one of them occurs:
    a phrase found in a clause is found in its paragraph too (phrases stop at clause marks), so
    one search per paragraph rules most of the text out."""
    found = report.memo.setdefault("paragraph-phrases", {})  # (list, paragraph) → occurs: rules share lists
    for n, (it, text, parts) in enumerate(_paragraph_clauses(report)):
        if triggers and not any(_occurs(found, t, n, text) for t in triggers):
            continue
        for off, clause in parts:
            yield clause, (lambda offset, it=it, off=off: Pos(it.line, it.col + off + offset))


def _occurs(found: dict, phrases, n: int, text: str) -> bool:
    k = (phrases, n)
    if k not in found:
        found[k] = phrases.search(text) is not None
    return found[k]


def _paragraph_clauses(report):
    memo = report.memo.get("paragraph-clauses")
    if memo is None:
        memo = report.memo["paragraph-clauses"] = [(it, text, list(clauses(text)))
                                                   for it, text in folded_paragraphs(report)]
    return memo


def earlier(pack, clause: str, start: int) -> bool:
    """Whether a word of an earlier period comes shortly before `start` (历年累计收到… is not this year's)."""
    return pack.phrases("earlier").search(clause[max(0, start - EARLIER_WINDOW):start]) is not None


def cell_path(report, fact: str) -> str:
    """The cell (or cells) a fact reads, as the findings' `cell` names it: t3[R01][C7]."""
    return "+".join(c.path for c in cells(report, fact) if c is not None)
