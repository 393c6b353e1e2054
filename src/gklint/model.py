"""The report model: what the parser and table reader found, with positions in the original file."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from .lexer import Heading, Item
from .pack import Pack, TableDef

NUMBER, BLANK, NA, TEXT = "number", "blank", "n/a", "text"


class Pos(NamedTuple):  # a tuple: made for every cell and token, so it must be cheap
    line: int
    col: int = 1


@dataclass(slots=True)  # slotted: one per value of every table
class Cell:
    """One cell of a table as read: its raw text, what kind it is and its value."""

    table: str
    row: str
    col: str
    raw: str
    kind: str  # number | blank | n/a | text
    pos: Pos
    value: Decimal | None = None
    unit: str | None = None
    split: bool = False  # value came from splitting a flattened digit run
    certain: bool = True  # False: one plausible reading of the document among several
    placed: str | None = None  # "position": values found apart from their label, placed by table order

    @property
    def path(self) -> str:
        return f"{self.table}[{self.row}][{self.col}]"


@dataclass(slots=True)
class Row:
    """One row of a table, by its key in the pack, with its cells by column key."""

    key: str
    label: str | None  # as written in the report
    pos: Pos
    cells: dict[str, Cell] = field(default_factory=dict)
    version: str | None = None  # template version whose pack defines this row
    template_label: str | None = None  # the label that version's template gives the row
    group: tuple[str, ...] = ()  # the merged labels heading it in that version's template
    sets: tuple[str, ...] = ()  # named row sets it belongs to (@outcomes)
    relabelled: bool = False  # found by resemblance: its label deviates from the template's
    variant: bool = False  # its label differs from the template's only in numbering or punctuation
    values_found: int = 0
    # How a flattened digit run was split: None, "unique", "by-total" (the row's own total
    # decided the split, so that total cannot be checked) or "by-relations" (the table's relations
    # across rows decided it, so those cannot be checked either).
    split: str | None = None


@dataclass
class HeaderCell:
    """One cell of a table's header as read, and the template label it stands for."""

    text: str
    pos: Pos
    role: str  # label | foreign | unknown
    canonical: str | None = None  # the template label it matches or nearly matches
    version: str | None = None


@dataclass(frozen=True)
class Doubt:
    """Part of a table gklint could not read with certainty, and why (reported once per table)."""

    row: str | None  # row key; None: values that belong to no row gklint could tell
    reason: str  # ambiguous | no-split | count | no-values | order | orphans
    cols: tuple[str, ...] = ()  # the uncertain cells of the row (all when empty)
    text: str = ""  # the document's text concerned (a label, the run-together digits)
    pos: Pos = Pos(1)
    count: int = 0  # readings found (ambiguous), values found (count), values left (orphans)


@dataclass
class Table:
    """A table of the report as read with one pack's definition."""

    key: str
    definition: TableDef
    version: str  # template version of the definition used to read it
    pos: Pos
    section: str | None  # section it was found in
    rows: dict[str, Row] = field(default_factory=dict)
    header: list[HeaderCell] = field(default_factory=list)
    unknown_rows: list[Row] = field(default_factory=list)  # labels resembling no template row
    doubts: list[Doubt] = field(default_factory=list)  # what could not be read with certainty

    def cell(self, row: str, col: str) -> Cell | None:
        r = self.rows.get(row)
        return r.cells.get(col) if r else None


@dataclass
class Section:
    """One of the six parts of the report: its heading and what follows it."""

    key: str
    heading: Heading
    pos: Pos
    items: list[Item] = field(default_factory=list)  # paragraphs, tables, sub-headings in order

    def paragraphs(self) -> list[Item]:
        return [i for i in self.items if i.type == "TEXT"]


@dataclass
class Report:
    """A report as read: title, year, agency, sections and tables, the packs it was read with, and the
    findings reading it made."""

    path: str
    encoding: str | None = None
    title: str | None = None
    title_pos: Pos = Pos(1)
    agency: str | None = None
    year: int | None = None
    year_source: str | None = None  # title | preamble | meta
    meta: dict[str, tuple[str, Pos]] = field(default_factory=dict)
    front: list[Item] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    tables: dict[str, Table] = field(default_factory=dict)
    table_blocks: list[tuple[str | None, Item]] = field(default_factory=list)
    expected: Pack | None = None  # pack for the report year (or --template)
    layout: Pack | None = None  # pack the tables were read with
    markers: dict[str, list[tuple[str, Pos]]] = field(default_factory=dict)  # version -> found
    notes: list = field(default_factory=list)  # findings the parser made (GK020)
    table_notes: list = field(default_factory=list)  # findings the table reader made; redone on a re-read
    settings: dict = field(default_factory=dict)  # from configuration: issuer, deadlines … (engine.Options)
    stats: dict = field(default_factory=dict)  # what the checks counted (relations checked / not checked)
    memo: dict = field(default_factory=dict, repr=False, compare=False)  # work several rules share (textscan)
    source_meta: dict = field(default_factory=dict)  # from the reader: e.g. "published" date of a web page
    origins: list | None = None  # per line, the place in the original document (structured readers)

    def place(self, line: int) -> dict:
        """Line `line` as a message argument: the place in the original document where a reader
        gave one (`表2 第6行 第1列`, `第12段`), else `第 N 行` of the text file."""
        from .origins import term

        origin = self.origins[line - 1] if self.origins and 1 <= line <= len(self.origins) else None
        return term(origin) if origin else {"msg": "core:line-ref", "args": {"line": line}}

    def looks_like_report(self) -> bool:
        """False when nothing of the template was found (GK005); other rules then stay silent."""
        return bool(self.sections or self.table_blocks)

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def text_items(self):
        yield from (i for i in self.front if i.type in ("TEXT", "TITLE", "SUBHEADING"))
        for s in self.sections:
            yield from (i for i in s.items if i.type in ("TEXT", "SUBHEADING"))
