"""The blocks of a page in reading order — paragraphs and data tables — with HTML white space
collapsed. Inline markup never splits text: `<span>20</span><span>23</span>` is `2023`;
`&nbsp;` cells are blank; an ordered list's numbers are kept as office exports need them."""

from __future__ import annotations

import re

from ..layout import GridTooLarge, join
from .grid import grid, span
from .tree import BLOCK, TABLE_SECTION, Node, ancestors, own

SPACE_RUN = re.compile(r"[ \t\n\r\f]+")
# A source line break (marked \x01) next to Chinese text or full-width punctuation is layout only.
_WIDE = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2018-\u201f\u2026"
SOFT_CJK = re.compile(f"(?<=[{_WIDE}])\x01|\x01(?=[{_WIDE}])")
SOFT_DIGITS = re.compile(r"(?<=\d)\x01(?=\d)")
CN_NUMERALS = "一二三四五六七八九十"


def finish(pieces: list[str], cell: bool = False) -> str:
    """Inline text of one block: HTML white space collapsed; a line break in the source between
    Chinese characters (or, in a cell, between digits) is dropped, as it is only source layout."""
    raw = "".join(pieces)
    if not raw:
        return ""
    raw = SPACE_RUN.sub(lambda m: "\x01" if "\n" in m.group() or "\r" in m.group() else " ", raw)
    raw = re.sub(r"[ \x01]{2,}", lambda m: " " if " " in m.group() else "\x01", raw)
    if "\x01" in raw:
        raw = SOFT_CJK.sub("", raw.strip("\x01"))
        if cell:
            raw = SOFT_DIGITS.sub("", raw)
        raw = raw.replace("\x01", " ")
    return raw.strip()


class Item:
    __slots__ = ("kind", "content", "node")

    def __init__(self, kind: str, content, node: Node):
        self.kind, self.content, self.node = kind, content, node


class Linear:
    """The blocks of a subtree in reading order: paragraphs and data tables."""

    def __init__(self):
        self.grids: dict[int, list[list[str]] | None] = {}
        self.cut: list[Node] = []  # tables too large to grid (GK020)
        self.numbers: dict[int, int] = {}  # an ordered list's items: their place in the list

    def items(self, root: Node, tables: bool = True, cell: bool = False) -> list[Item]:
        out: list[Item] = []
        pieces: list[str] = []
        block = [root]

        number = [""]  # a list item's number, waiting for the item's first text

        def flush():
            if pieces:
                text = finish(pieces, cell)
                pieces.clear()
                if text:
                    out.append(Item("p", number[0] + text, block[-1]))
                    number[0] = ""

        stack: list[tuple[Node, int]] = [(root, 0)]
        while stack:
            node, i = stack.pop()
            if i == 0 and node is not root:
                if node.hidden():
                    continue
                if node.tag == "table" and tables:
                    rows = self.grid(node)
                    if rows is not None:
                        flush()
                        for cap in own(node, {"caption"}, stop={"table", "tr"}, through=TABLE_SECTION):
                            text = join(it.content for it in self.items(cap, tables=False))
                            if text:  # a caption such as 第二十条第（一）项 is the table's first line
                                out.append(Item("p", text, node))
                        out.append(Item("table", rows, node))
                        continue
                if node.tag in BLOCK:
                    flush()
                    block.append(node)
                    if node.tag == "br":
                        block.pop()
                        continue
                    if node.tag == "li":
                        number[0] = list_number(node, self.numbers)
            if i < len(node.children):
                stack.append((node, i + 1))
                child = node.children[i]
                if isinstance(child, str):
                    pieces.append(child)
                else:
                    stack.append((child, 0))
            elif node is not root and node.tag in BLOCK:
                flush()
                if block[-1] is node:
                    block.pop()
        flush()
        return out

    def cell_text(self, cell: Node) -> str:
        return join(it.content for it in self.items(cell, tables=False, cell=True))

    def grid(self, table: Node) -> list[list[str]] | None:
        """The table as a grid if it is a data table; None for a layout table and for a table too
        large to grid (`cut`, read as text). Once per table."""
        if id(table) not in self.grids:
            self.grids[id(table)] = None
            try:
                self.grids[id(table)] = grid(table, self.cell_text)
            except GridTooLarge:
                self.cut.append(table)
        return self.grids[id(table)]


def list_number(li: Node, places: dict[int, int]) -> str:
    """The number an ordered list gives its item, as the page shows it. Office suites export a
    Word document's numbered headings as `<ol start="2"><li>…`, the numbering format lost: a
    top-level item of a list without a `type` is taken in the report's own style (`二、`), a
    format the page does not contradict; nested items and unordered lists get nothing.
    `places` remembers each item's place in its list, counted once per list."""
    ol = li.parent
    if ol is None or ol.tag != "ol" or any(a.tag == "li" for a in ancestors(ol)):
        return ""
    if id(li) not in places:
        items = [c for c in ol.children if isinstance(c, Node) and c.tag == "li"]
        places.update((id(c), i) for i, c in enumerate(items))
    n = span(ol.attrs.get("start")) + places[id(li)]
    kind = ol.attrs.get("type")
    if kind == "1":
        return f"{n}."
    if kind is None and 1 <= n <= len(CN_NUMERALS):
        return CN_NUMERALS[n - 1] + "、"
    return ""
