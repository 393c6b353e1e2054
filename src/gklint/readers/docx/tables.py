"""Word tables resolved to their grid: a cell spanning columns (`w:gridSpan`) is followed by
blanks for the columns it covers, the continuation of a vertically merged cell (`w:vMerge`) is
blank, and every row has the grid's cell count."""

from __future__ import annotations

from xml.etree.ElementTree import Element

from ..layout import MAX_GRID_CELLS, GridTooLarge, pad_rows
from .ooxml import W, Walk, integer, val

CONTAINERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "ins", W + "moveTo", W + "smartTag"}


def children(el: Element, wanted: str):
    """Children with tag `wanted`, looking through content controls and custom XML wrappers."""
    walk = Walk(el)
    for c in walk:
        if c.tag == wanted:
            yield c
        elif c.tag in CONTAINERS:
            walk.enter(c)


def grid(tbl: Element, cell_text, numbers: list | None = None) -> list[list[str]]:
    """The table's rows of cell texts (`cell_text(tc)`), padded to the grid. GridTooLarge when the
    grid would have more than MAX_GRID_CELLS places, found before any row grows past the bound.
    `numbers`, if given, gets per row and grid place the number of the Word cell there (a cell
    spanning columns is one, as a person counts them)."""
    cols = tbl.find(W + "tblGrid")
    width = len(cols.findall(W + "gridCol")) if cols is not None else 0
    rows = []
    for tr in children(tbl, W + "tr"):
        trpr = tr.find(W + "trPr")
        before = min(integer(val(trpr, "gridBefore"), 0), 64)
        after = min(integer(val(trpr, "gridAfter"), 0), 64)
        row = [""] * before
        own = [1] * before
        for i, tc in enumerate(children(tr, W + "tc"), 1):
            tcpr = tc.find(W + "tcPr")
            span = max(1, min(integer(val(tcpr, "gridSpan"), 1), 64))
            if len(row) + span > MAX_GRID_CELLS:
                raise GridTooLarge
            vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
            hmerge = val(tcpr, "hMerge")
            continuation = (vmerge is not None and vmerge.get(W + "val", "continue") == "continue") \
                or hmerge == "continue"
            text = "" if continuation else cell_text(tc)
            row += [text] + [""] * (span - 1)
            own += [i] * span
        row += [""] * after
        rows.append(row)
        if numbers is not None:
            numbers.append(own + [own[-1] if own else 1] * after)
        width = max(width, len(row))
        if width * len(rows) > MAX_GRID_CELLS:  # every row is padded to the widest
            raise GridTooLarge
    return pad_rows(rows, width)


def layout_cells(tbl: Element):
    """The blocks of a layout table's cells, in reading order."""
    for tr in children(tbl, W + "tr"):
        for tc in children(tr, W + "tc"):
            yield from tc
