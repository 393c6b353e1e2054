"""The document body in Word's own text-export layout (see `layout.py`): paragraphs and tables
in body order, each line with its origin (`第12段`, `表3 第6行 第9列`). Automatic numbering is
written in front of a paragraph's text when the text lacks it, as Word's export does; deleted
revisions, hidden text and field codes are left out; text boxes come before their anchor;
tables of contents are skipped; layout tables (nested tables, one column, no data) are read as
their cells' blocks."""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from ..layout import GridTooLarge, Writer, join, looks_tabular
from .numbering import Numbering, Styles
from .ooxml import MC, W, Walk, val
from .tables import CONTAINERS, grid, layout_cells

MAX_DEPTH = 64  # nested layout tables deeper than this are read as plain text

VALUE_RE = re.compile(r"^[+-]?[\d,，.]+\s*(?:%|元|万元|件|项|个|次)?$|^[/—-]$")
ORDINAL_RE = re.compile(r"^\s*(?:[一二三四五六七八九十百]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]"
                        r"|\d{1,2}\s*[、.．](?!\d)|第[一二三四五六七八九十\d]+[章节部分条])")

SKIP = {W + "del", W + "moveFrom", W + "delText", W + "instrText", W + "delInstrText", W + "pPr", W + "rPr",
        W + "fldData", MC + "Fallback", W + "footnoteReference", W + "endnoteReference", W + "commentReference",
        W + "annotationRef", W + "sectPr", W + "tblPr", W + "trPr", W + "tcPr", W + "tblGrid"}


def _hidden(run: Element) -> bool:
    rpr = run.find(W + "rPr")
    if rpr is None:
        return False
    v = rpr.find(W + "vanish")
    return v is not None and v.get(W + "val", "true") not in ("0", "false", "off")


def _paragraphs(el: Element):
    """Paragraphs inside `el` in document order (not inside other paragraphs, not in fallbacks)."""
    walk = Walk(el)
    for c in walk:
        if c.tag == W + "p":
            yield c
        elif c.tag not in SKIP and len(c):
            walk.enter(c)


def _is_toc(sdt: Element) -> bool:
    pr = sdt.find(W + "sdtPr")
    if pr is None:
        return False
    gallery = pr.find(f"{W}docPartObj/{W}docPartGallery")
    return gallery is not None and "contents" in (gallery.get(W + "val") or "").lower()


class Body:
    def __init__(self, writer: Writer, numbering: Numbering, styles: Styles):
        self.out = writer
        self.numbering = numbering
        self.styles = styles
        self.replaced = 0  # symbol codes that are no character (GK015)
        self.cut: list[int] = []  # where tables too large to grid were read as text (GK020), as Writer marks

    # paragraphs
    def paragraph_text(self, p: Element, boxes: list[Element] | None = None) -> str:
        parts: list[str] = []
        walk = Walk(p)
        for el in walk:
            tag = el.tag
            if tag == W + "t":
                parts.append(el.text or "")
            elif tag in (W + "tab", W + "ptab"):
                parts.append("\t")
            elif tag in (W + "br", W + "cr"):
                parts.append("\n")
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            elif tag == W + "sym":
                parts.append(self._symbol(el.get(W + "char", "")))
            elif tag == W + "txbxContent":
                if boxes is not None:
                    boxes.append(el)
            elif tag in SKIP or (tag == W + "r" and _hidden(el)):
                continue
            elif len(el):
                walk.enter(el)
        ppr = p.find(W + "pPr")
        text = "".join(parts)
        label = self.numbering.label(ppr)
        if label and text.strip() and not ORDINAL_RE.match(text):
            text = label + text.lstrip()
        return text

    def _symbol(self, code: str) -> str:
        """A symbol's character; symbol-font glyphs (private use) carry nothing a rule could read,
        a code beyond Unicode is U+FFFD (counted for GK015; a lone surrogate is counted later)."""
        try:
            n = int(code, 16)  # linear for any length: base 16 is exempt from int()'s digit limit
        except ValueError:
            return ""
        if 0xE000 <= n <= 0xF8FF:
            return ""
        if 0 <= n <= 0x10FFFF:
            return chr(n)
        self.replaced += 1
        return "\ufffd"

    def _is_toc_paragraph(self, p: Element) -> bool:
        return val(p.find(W + "pPr"), "pStyle") in self.styles.toc

    def _paragraph(self, p: Element) -> None:
        boxes: list[Element] = []
        text = self.paragraph_text(p, boxes)
        for box in boxes:  # text boxes (a title or letterhead drawn in a box) before the anchor
            self.walk(box)
        if self._is_toc_paragraph(p):
            return
        # Leading tabs are indentation; tabs inside a short tab-separated line are columns.
        text = text.lstrip("\t")
        parts = [x for x in text.split("\t") if x.strip()]
        tabular = len(parts) >= 2 and "\n" not in text and all(len(x.strip()) <= 45 and "。" not in x for x in parts) \
            and (len(parts) >= 3 or bool(VALUE_RE.match(parts[-1].strip())))
        self.out.paragraph("\t".join(x.strip() for x in parts) if tabular else text, keep_tabs=tabular)

    # tables
    def _cell_text(self, tc: Element) -> str:
        pieces = []
        for p in _paragraphs(tc):
            boxes: list[Element] = []
            pieces.append(self.paragraph_text(p, boxes))
            pieces += [self.paragraph_text(q) for box in boxes for q in _paragraphs(box)]
        return join(x.replace("\t", " ") for x in pieces)

    def walk(self, container: Element) -> None:
        walk = Walk(container)
        for el in walk:
            tag = el.tag
            if tag == W + "p":
                self._paragraph(el)
            elif tag == W + "tbl":
                if walk.depth > MAX_DEPTH:
                    self.out.paragraph(join("".join(t.text or "") for t in el.iter(W + "t")))
                    continue
                nested = any(True for tc in el.iter(W + "tc") for _ in tc.iter(W + "tbl"))
                grid_cols = el.find(W + "tblGrid")
                one_column = grid_cols is not None and len(grid_cols.findall(W + "gridCol")) <= 1
                if not nested and not one_column:
                    snap = self.numbering.snapshot()
                    numbers: list = []  # per grid place, the Word cell's number (for origins)
                    try:
                        rows = grid(el, self._cell_text, numbers)
                    except GridTooLarge:
                        rows = None
                        self.cut.append(self.out.mark())
                    if rows is not None and looks_tabular(rows):
                        self.out.table(rows, cells=numbers)
                        continue
                    self.numbering.restore(snap)
                walk.enter(layout_cells(el))
            elif tag == W + "sdt" and _is_toc(el):
                continue
            elif tag in CONTAINERS or tag == W + "body" or tag == W + "txbxContent":
                walk.enter(el)
