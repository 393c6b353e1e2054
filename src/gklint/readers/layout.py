"""What the structured readers (Word, web page, PDF) share: writing a document as text lines in
Word's own text-export layout, which the lexer reads as it reads seeds 001 and 004.

    paragraph                one line per paragraph (a line break inside it starts a new line)
    table                    one line per cell, starting with a tab; an empty cell is a lone tab;
                             a blank line between rows and around the table; a cell's own line
                             breaks are joined, so every cell is exactly one line

Each line gets an origin (`第12段`, `表3 第6行 第9列`, `第3页`) that findings quote.
"""

from __future__ import annotations

import re

from ..checks import get as get_rule
from ..model import Pos
from ..normalize import CharTable

# Places of one table's grid (rows × widest row, merged cells expanded) at most; the templates'
# tables have under 300. A larger table is read as text (GK020), checked before allocating.
MAX_GRID_CELLS = 200_000


class GridTooLarge(Exception):
    """A table whose grid would exceed MAX_GRID_CELLS places."""


# Invisible characters editors leave in text: zero-width spaces and joiners, BOMs, soft hyphens,
# Word's cell and field marks, other C0 controls. Line and page breaks become new lines.
_RESIDUE = {c: None for c in range(0x20) if c not in (0x09, 0x0A)}
_RESIDUE.update({0x0B: 0x0A, 0x0C: 0x0A, 0x0D: 0x0A, 0x85: 0x0A, 0x2028: 0x0A, 0x2029: 0x0A})
_RESIDUE.update({ord(c): None for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e"})
# Private-use characters (symbol-font glyphs, broken font maps) carry nothing a rule could read.
PRIVATE_USE = re.compile("[\ue000-\uf8ff]")


_REMOVE_RESIDUE = CharTable(_RESIDUE)  # one scan first: most cells and paragraphs have none


def clean(text: str) -> str:
    """Drop invisible editor residue; turn the various line-break characters into `\\n`."""
    text = _REMOVE_RESIDUE(text)
    return PRIVATE_USE.sub("", text) if PRIVATE_USE.search(text) else text


def _wordish(ch: str) -> bool:
    """Latin letters and digits, which need a space when two pieces of text meet."""
    return ch.isascii() and ch.isalnum()


def join(parts, soft: str = " ") -> str:
    """Join pieces of one cell or paragraph: Chinese text and numbers run on (`结果`+`纠正` →
    `结果纠正`); two Latin words keep a space between them."""
    out = ""
    for p in parts:
        p = p.strip()
        if not p:
            continue
        if out and _wordish(out[-1]) and _wordish(p[0]) and not (out[-1].isdigit() and p[0].isdigit()):
            out += soft
        out += p
    return out


def one_line(text: str) -> str:
    """A cell's text on one line: its line breaks and tabs joined away, padding stripped."""
    text = clean(text)
    if "\n" in text or "\t" in text:
        text = join(re.split(r"[\n\t]+", text))
    return text.strip()


class Writer:
    """Collects lines and their origins in the Word text-export layout."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.origins: list[str | None] = []
        self.paragraphs = 0
        self.tables = 0

    def _add(self, line: str, origin: str | None) -> None:
        self.lines.append(line)
        self.origins.append(origin if line else None)

    def blank(self) -> None:
        if self.lines and self.lines[-1] != "":
            self._add("", None)

    def paragraph(self, text: str, origin: str | None = None, keep_tabs: bool = False) -> None:
        """One paragraph; `origin` defaults to its number (`第12段`). Empty paragraphs give at
        most one blank line, as a run of empty paragraphs in Word means nothing more."""
        text = clean(text)
        if not keep_tabs:
            text = text.replace("\t", " ")
        if not text.strip():
            self.blank()
            return
        if origin is None:
            self.paragraphs += 1
        where = origin or f"第{self.paragraphs}段"
        for line in text.split("\n"):
            if line.strip():
                self._add(line.rstrip(), where)
            else:
                self.blank()

    def table(self, rows: list[list[str]], origin=None, cells=None) -> None:
        """A table as a grid of cell texts (merged cells already resolved to blanks).
        `origin(r, c)` names a cell (1-based); default `表N 第R行 第C列`, C counting the row's
        cells as a person does: `cells[r][c]` where the reader knows it (Word: a cell spanning grid
        columns is one), else the places not covered by a merged cell."""
        if not rows:
            return
        self.tables += 1
        n = self.tables
        self.blank()
        for r, row in enumerate(rows, 1):
            k = 0
            for c, cell in enumerate(row, 1):
                if cell is None:
                    continue  # covered by a merged cell: not a cell of its own
                k += 1
                own = cells[r - 1][c - 1] if cells and r <= len(cells) and c <= len(cells[r - 1]) else k
                self._add("\t" + one_line(cell), origin(r, c) if origin else f"表{n} 第{r}行 第{own}列")
            self.blank()
        self.blank()

    def mark(self) -> int:
        """The place of the next line, for `line_after`."""
        return len(self.lines)

    def line_after(self, mark: int) -> int:
        """The number (1-based) of the first line of text written at or after `mark`."""
        return next((i + 1 for i in range(mark, len(self.lines)) if self.lines[i]), max(len(self.lines), 1))

    def source_fields(self) -> tuple[list[str], list[str | None]]:
        lines, origins = self.lines, self.origins
        while lines and lines[-1] == "":
            lines.pop()
            origins.pop()
        return lines, origins


def grids_cut(writer: Writer, count: int, mark: int) -> list:
    """GK020 once for the `count` tables too large to grid, the first read as text from `mark` on."""
    if not count:
        return []
    return [get_rule("GK020").finding("grid", Pos(writer.line_after(mark)), count=count, limit=MAX_GRID_CELLS)]


def grid_width(rows: list[list[str]]) -> int:
    return max((len(r) for r in rows), default=0)


def pad_rows(rows: list[list[str]], width: int | None = None) -> list[list[str]]:
    """Every row as wide as the widest (cells merged away at a row's end are blanks)."""
    width = width or grid_width(rows)
    return [r + [""] * (width - len(r)) for r in rows]


def looks_tabular(rows: list[list[str]], longest: int = 400) -> bool:
    """A data table, not a layout table: some row has two or more non-empty cells and no cell
    holds a whole passage of text. Government pages and Word files often put the whole report
    (or a letterhead) in a one-cell or two-column layout table; its cells are read as paragraphs."""
    if not rows:
        return False
    if any(len(one_line(c)) > longest for r in rows for c in r if c):
        return False
    return any(sum(1 for c in r if c and one_line(c)) >= 2 for r in rows)


DATE_RE = re.compile(r"((?:19|20)\d{2})\s*[-年/.．]\s*(\d{1,2})\s*[-月/.．]\s*(\d{1,2})")


def iso_date(text: str) -> str | None:
    """`2024年01月23日 15:25`, `2024-1-23`, `2024/01/23` → `2024-01-23`; None if no valid date."""
    m = DATE_RE.search(text or "")
    if not m:
        return None
    y, mo, d = (int(g) for g in m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"
