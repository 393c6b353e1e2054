"""Choosing between readings of a table with its relations.

Rows whose numbers ran together have several readings (`splits`). A reading is kept only when
the table's relations allow it: first each row's own relations (its total), then the relations
across rows and columns, searched together. A cell is *certain* when every reading that
satisfies the relations gives it the same value; otherwise it is not read, and the relations
that need it are not checked. Nothing is guessed.
"""

from __future__ import annotations

from decimal import Decimal

from ..linear import instances

MAX_NODES = 200_000  # search steps per table; beyond, the ambiguous rows stay unread
MAX_SOLUTIONS = 64


def choose(definition, relations, fixed: dict, options: dict[str, list[dict]]):
    """`fixed`: (row, col) -> Decimal for cells read as they are (None: blank or not a number);
    `options`: row -> readings, each {col: Decimal}. Returns row -> the readings consistent with
    every relation that can be evaluated (a subset of `options[row]`, in order); None when the
    search had to stop before it knew."""
    rows_present = {r: definition.row_defs[r].sets if r in definition.row_defs else ()
                    for r in {r for r, _ in fixed} | set(options)}
    forms = []
    for rel in relations:
        for _, terms, const in instances(rel, definition, rows_present):
            ambiguous = {r for r, _ in terms if r in options}
            if not ambiguous:
                continue
            if any((r, c) not in fixed and r not in options for r, c in terms):
                continue  # a cell of a row not in the table: the relation cannot be evaluated
            if any(r not in options and fixed[(r, c)] is None for r, c in terms):
                continue  # a blank or unreadable operand
            forms.append((terms, const, ambiguous))
    order = sorted(options, key=lambda r: len(options[r]))
    index = {r: i for i, r in enumerate(order)}
    # Each form is checked once all its ambiguous rows have a reading: at the latest of them.
    due: dict[str, list] = {r: [] for r in order}
    for terms, const, ambiguous in forms:
        due[max(ambiguous, key=index.get)].append((terms, const))
    chosen: dict[str, dict] = {}
    found: dict[str, set[int]] = {r: set() for r in order}
    nodes = 0
    solutions = 0

    def holds(terms, const) -> bool:
        total = Decimal(const)
        for (r, c), coef in terms.items():
            v = chosen[r].get(c) if r in chosen else fixed.get((r, c))
            if v is None:
                return True  # blank within a reading: the relation is not decided by this search
            total += coef * v
        return total == 0

    def search(i: int, picked: list[int]) -> bool:
        nonlocal nodes, solutions
        if i == len(order):
            solutions += 1
            for r, j in zip(order, picked):
                found[r].add(j)
            return solutions < MAX_SOLUTIONS
        row = order[i]
        for j, reading in enumerate(options[row]):
            nodes += 1
            if nodes > MAX_NODES:
                return False
            chosen[row] = reading
            if all(holds(t, c) for t, c in due[row]):
                if not search(i + 1, picked + [j]):
                    del chosen[row]
                    return False
            del chosen[row]
        return True

    if not search(0, []):
        return None  # too many combinations to know which readings the relations allow
    return {r: [options[r][j] for j in sorted(found[r])] for r in order}


def agreed(readings: list[dict]) -> dict:
    """The cells on which all readings agree (col -> value)."""
    if not readings:
        return {}
    first = readings[0]
    return {c: v for c, v in first.items() if all(r.get(c) == v for r in readings[1:])}
