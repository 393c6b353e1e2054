"""Data tables expanded into a grid: the places a `rowspan` or `colspan` covers are no cells
(None), so a value cell spanning grid columns of an office export stays one cell."""

from __future__ import annotations

import re

from ..layout import MAX_GRID_CELLS, GridTooLarge, looks_tabular
from .tree import TABLE_SECTION, Node, has_descendant, own

MAX_COLSPAN = 1000  # as browsers clamp colspan
_SPAN = re.compile(r"\s*(\d+)")


def span(value: str | None) -> int:
    """A span or start attribute's number; at most a billion, whatever its digits (never an
    int() of thousands of digits)."""
    m = _SPAN.match(value or "")
    if not m:
        return 1
    digits = m.group(1).lstrip("0") or "0"
    return int(digits) if len(digits) <= 9 else 10 ** 9


def grid(table: Node, cell_text) -> list[list[str | None]] | None:
    """The table as a grid of `cell_text(td)` if it is a data table; None for a layout table.
    GridTooLarge when the grid would have more than MAX_GRID_CELLS places (rows × width),
    found before the grid is allocated."""
    trs = list(own(table, {"tr"}, stop={"table"}, through=TABLE_SECTION | {"form"}))
    cells_by_row = [list(own(tr, {"td", "th"}, stop={"table", "tr"}, through={"form"})) for tr in trs]
    for cells in cells_by_row:
        for c in cells:
            if has_descendant(c, "table"):
                return None  # a table in a cell: this one is for page layout
    taken: dict[tuple[int, int], str | None] = {}
    n = len(trs)
    width = 0
    for r, cells in enumerate(cells_by_row):
        c = 0
        for td in cells:
            while (r, c) in taken:
                c += 1
            colspan = max(1, min(span(td.attrs.get("colspan")), MAX_COLSPAN))
            rowspan = span(td.attrs.get("rowspan"))
            rowspan = n - r if rowspan == 0 else max(1, min(rowspan, n - r))
            width = max(width, c + colspan)
            if len(taken) + colspan * rowspan > MAX_GRID_CELLS or width * n > MAX_GRID_CELLS:
                raise GridTooLarge
            text = "" if td.hidden() else cell_text(td)
            for dr in range(rowspan):
                for dc in range(colspan):
                    # Places a merged cell covers are None: no cell of their own (a value cell
                    # spanning grid columns of an office export is one cell, not one and blanks).
                    taken.setdefault((r + dr, c + dc), text if dr == 0 and dc == 0 else None)
            c += colspan
    if not taken:
        return None
    rows = [[taken.get((r, c)) for c in range(width)] for r in range(n)]
    if not looks_tabular(rows):
        return None
    return rows
