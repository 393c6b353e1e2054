"""Messy renderings of generated reports: the same data as tests/strategies.py generates, laid out
the way real published reports reach gklint after a CMS, a PDF text extractor, an office suite or
another tool's Markdown conversion has been through them.

Office suite (need LibreOffice and poppler; one soffice call per output format converts a batch):

    pdf               GeneratedReport → .docx (readers_fixtures.report_docx, given real column
                      widths, borders and a page-number footer) → PDF with LibreOffice
    pdftotext-layout  that PDF as `pdftotext -layout` gives it (columns kept by spacing)
    pdftotext-raw     that PDF as `pdftotext -raw` gives it (content-stream order)
    office-html       the .docx exported by LibreOffice as HTML (tables re-gridded with colspans)

Text transformations (pure Python, deterministic given the seed), each one mechanism seen in
../shared/corpus (wild/*.txt|md, r00*.txt) on a base that is otherwise plain:

    spaced            control: one table row per line, cells separated by runs of spaces
    detached-table    a table's labels first, then its numbers
    detached-rows     each label line followed by a line of its numbers
    wrapped-first     labels wrapped over several lines, numbers on the first line of the label
    wrapped-middle    … numbers on the middle line (cells centred vertically)
    wrapped-last      … numbers on the last line
    interleaved-header header cells wrapped and read line by line across the row, as PDF text
                      does (`商业科研社会法律`, `企业机构公益服务其他`)
    markdown-headings Markdown conversion: `###` lines for group labels inside a table, each
                      block a new pipe table under a generic or repeated header; 四 in three parts
    page-break        a table split over blocks by a page-number line (and a running header),
                      its header repeated after the break
    cell-fragments    Markdown conversion of a PDF: the tail of a label as its own row or line
                      (`6.属于四类过程性` + `信息`)
    cell-note         a note inside a number cell (`22（其中修订16件）`)
    units-signs       CMS page text, each table flattened into one line, units and signs in the
                      cells (`2笔 984361元`, `0+11`)
    column-by-column  every table written column by column: no row order at all

`python tests/messy.py samples` rewrites the sample set (tests/data/messy/): the harness's cases in
every layout.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

sys.path.insert(0, str(Path(__file__).parent))  # tests/ is not a package

from readers_fixtures import W_NS, merged_cells, report_blocks, report_docx  # noqa: E402
from strategies import (  # noqa: E402
    MAX_VALUE, T3_CARRIED_IN, T3_CARRIED_OUT, T3_NEW, T3_TOTAL, GeneratedReport, mutable_cells, reports, t4_groups,
)

from gklint.vocab import cn_number  # noqa: E402

NUMBER = re.compile(r"^[+-]?\d+$")


# -- reports from fixed seeds ---------------------------------------------------------------------

def report_for_seed(seed: int, template: str) -> GeneratedReport:
    """The report hypothesis generates for `seed` (its second example: the first is all zeros)."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as fix_seed

    drawn: list[GeneratedReport] = []

    @fix_seed(seed)
    @settings(max_examples=2, phases=[Phase.generate], database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(reports(template))
    def draw(report):
        drawn.append(report)

    draw()
    return drawn[-1]


# The relation a planted change is aimed at: the cells it is drawn from (GK301, GK302, GK304).
BALANCE_ROWS = (T3_NEW, T3_CARRIED_IN, T3_TOTAL, T3_CARRIED_OUT)
CHANGE_KINDS = {
    "balance": lambda cell: cell[0] == "t3" and cell[1] in BALANCE_ROWS,  # A1: 新收 + 结转 = 总计 + 结转下年
    "outcome": lambda cell: cell[0] == "t3" and cell[1] not in BALANCE_ROWS,  # A2 row total / A3
    "review": lambda cell: cell[0] == "t4",  # 四's group totals
}


def change_for_seed(report: GeneratedReport, seed: int, kind: str) -> tuple[GeneratedReport, tuple, int]:
    """One cell of the kind changed by a non-zero delta, staying ≥ 0 (as strategies.mutations)."""
    rng = random.Random(f"{seed}:change")
    cell = rng.choice([c for c in mutable_cells(report) if CHANGE_KINDS[kind](c)])
    old = report.values[cell]
    delta = rng.choice([d for d in range(-old, MAX_VALUE + 1) if d])
    return report.with_value(cell, old + delta), cell, delta


def report_to_json(report: GeneratedReport) -> dict:
    data = dataclasses.asdict(report)
    data["values"] = {"/".join(k): v for k, v in sorted(report.values.items())}
    return data


def report_from_json(data: dict) -> GeneratedReport:
    fields = dict(data)
    fields["values"] = {tuple(k.split("/")): v for k, v in data["values"].items()}
    fields["headings"], fields["prose"] = tuple(data["headings"]), tuple(data["prose"])
    return GeneratedReport(**fields)


# -- tables as a grid of cells ---------------------------------------------------------------------

@dataclass
class GridCell:
    text: str
    row: int
    col: int
    colspan: int = 1
    rowspan: int = 1

    @property
    def number(self) -> bool:
        return bool(NUMBER.match(self.text))


@dataclass
class Grid:
    """One table of report_blocks: its cells with their spans, and which rows hold numbers."""
    rows: list[list[str | None]]
    cells: list[GridCell]
    width: int
    label_cols: int  # columns before the first number of a data row (t3: 3, 二: 1, 四: 0)

    @classmethod
    def of(cls, rows) -> "Grid":
        cells: list[GridCell] = []
        for r, row in enumerate(merged_cells(rows)):
            for text, c, span, vmerge in row:
                if vmerge != "continue":
                    cells.append(GridCell(text, r, c, span))
                    continue
                top = max((x for x in cells if x.col == c and x.colspan == span), key=lambda x: x.row)
                top.rowspan = r - top.row + 1
        first_number = next(i for i, t in enumerate(rows[-1]) if t and NUMBER.match(t))
        return cls(rows, cells, max(len(r) for r in rows), first_number)

    def is_data(self, r: int) -> bool:
        return any(c.number for c in self.row_cells(r))

    def row_cells(self, r: int) -> list[GridCell]:
        return sorted((c for c in self.cells if c.row == r), key=lambda c: c.col)

    def header_rows(self) -> list[int]:
        return [r for r in range(len(self.rows)) if not self.is_data(r)]

    def data_rows(self) -> list[int]:
        return [r for r in range(len(self.rows)) if self.is_data(r)]

    def labels(self, r: int) -> list[str]:
        """The label cells of row r as written in it (a merged group label only in its first row)."""
        return [c.text for c in self.row_cells(r) if not c.number and c.text]

    def numbers(self, r: int) -> list[str]:
        return [c.text for c in self.row_cells(r) if c.number]

    def texts(self, r: int) -> list[str]:
        return [c.text for c in self.row_cells(r) if c.text]


def _wrap(text: str, width: int) -> list[str]:
    if not text:
        return []
    if NUMBER.match(text):
        return [text]  # numbers never break: real cells are wide enough for them
    return [text[i:i + width] for i in range(0, len(text), width)]


def grid_lines(grid: Grid, widths: list[int], valign: str, sep: Callable[[], str],
               wrap: Callable[[int], bool], header_sep: str | None = None) -> list[str]:
    """The table as a PDF text layer reads it line by line: each cell wrapped to the width of its
    columns (in characters), a row as tall as its tallest cell, a merged cell spread over the rows
    it spans, each cell placed top/middle/bottom in its block, and the line made of every chunk
    that falls on it, left to right. `wrap(r)` says whether row r's cells wrap at all."""
    chunks = {id(c): _wrap(c.text, sum(widths[c.col:c.col + c.colspan])) if wrap(c.row) else [c.text] * bool(c.text)
              for c in grid.cells}
    heights = [1] * len(grid.rows)
    for c in grid.cells:
        if c.rowspan == 1:
            heights[c.row] = max(heights[c.row], len(chunks[id(c)]))
    for c in grid.cells:
        if c.rowspan > 1:
            short = len(chunks[id(c)]) - sum(heights[c.row:c.row + c.rowspan])
            heights[c.row + c.rowspan - 1] += max(0, short)
    starts = [sum(heights[:r]) for r in range(len(grid.rows))]
    lines: list[list[tuple[int, str]]] = [[] for _ in range(sum(heights))]
    for c in grid.cells:
        block = sum(heights[c.row:c.row + c.rowspan])
        n = len(chunks[id(c)])
        offset = {"top": 0, "middle": (block - n) // 2, "bottom": block - n}[valign]
        for i, chunk in enumerate(chunks[id(c)]):
            lines[starts[c.row] + offset + i].append((c.col, chunk))
    header = set(grid.header_rows()) if header_sep is not None else set()
    row_of_line = [r for r, h in enumerate(heights) for _ in range(h)]
    out = []
    for i, parts in enumerate(lines):
        gap = (lambda: header_sep) if row_of_line[i] in header else sep
        out.append("".join(chunk if j == 0 else gap() + chunk for j, (_, chunk) in enumerate(sorted(parts))))
    return [line for line in out if line]


def char_widths(grid: Grid, rng: random.Random) -> list[int]:
    """Column widths in characters, as a page gives them: narrow number columns (headers wrap in
    two-character pieces), wider label columns; the first of t3's label columns is the narrow
    one of the merged group label 三、本年度办理结果."""
    label = {0: [], 1: [rng.randint(5, 9)], 3: [rng.randint(1, 2), rng.randint(3, 5), rng.randint(6, 11)]}
    number = rng.choice((2, 2, 3)) if grid.width > 4 else rng.randint(3, 6)
    return label[grid.label_cols] + [number] * (grid.width - grid.label_cols)


# -- the report around its tables ------------------------------------------------------------------

@dataclass
class TextLayout:
    name: str
    suffix: str
    tables: Callable[[Grid, random.Random, dict], list[str]]  # (grid, rng, context) → lines
    markdown: bool = False  # headings as `#`/`##` lines


def render_text(report: GeneratedReport, layout: str, seed: int) -> str:
    """A report in one of the text layouts; the same seed gives the same layout decisions for the
    clean and the changed report (only the numbers differ)."""
    spec = TEXT_LAYOUTS[layout]
    rng = random.Random(f"{seed}:{layout}")
    title = f"{report.agency}{report.year}年政府信息公开工作年度报告"
    ctx = {"title": title, "page": rng.randint(2, 4), "pack": report.pack}
    keys = iter(_table_keys(report))
    numbers = iter(s.number for s in report.pack.sections)
    lines: list[str] = []
    for kind, content in report_blocks(report, numbered=True):
        if kind == "table":
            ctx["key"] = next(keys)
            lines.extend(spec.tables(Grid.of(content), rng, ctx))
        elif kind == "h":
            lines.append(("## " if spec.markdown else "") + f"{cn_number(next(numbers))}、{content}")
        else:
            lines.append(("# " if spec.markdown and content == title else "") + content)
        lines.append("")
    return "\n".join(lines)


def _table_keys(report: GeneratedReport) -> list[str]:
    """Table keys in report_blocks order: section 二's tables, then 三 and 四."""
    return [t.key for t in report.pack.tables.values() if t.section == "s2"] + ["t3", "t4"]


def _gap(rng: random.Random) -> Callable[[], str]:
    return lambda: " " * rng.choice((1, 1, 2, 3))


def _row_line(grid: Grid, r: int, gap: Callable[[], str]) -> str:
    parts = grid.texts(r)
    return "".join(p if i == 0 else gap() + p for i, p in enumerate(parts))


# -- text layouts: one function per mechanism --------------------------------------------------------

def spaced(grid, rng, ctx):
    """pdftotext -raw on a table whose cells are all one line: a row per line, its cells
    separated by one to three spaces (the base of the layouts below)."""
    gap = _gap(rng)
    return [_row_line(grid, r, gap) for r in range(len(grid.rows))]


def detached_table(grid, rng, ctx):
    """pdftotext -raw on a table whose label column was drawn first: every header and label cell
    on its own line, then the numbers, a row per line or a cell per line."""
    out = [t for r in grid.header_rows() for t in grid.texts(r)]
    data = grid.data_rows()
    out += [t for r in data for t in grid.labels(r)]
    per_row = rng.random() < 0.6
    for r in data:
        out += [" ".join(grid.numbers(r))] if per_row else grid.numbers(r)
    return out


def detached_rows(grid, rng, ctx):
    """Every header cell on its own line; each row as its label cells, a line each, then a line
    with its numbers (pdftotext of a row whose label is a taller cell than its numbers)."""
    out = [t for r in grid.header_rows() for t in grid.texts(r)]
    for r in grid.data_rows():
        out += grid.labels(r)
        out.append(" ".join(grid.numbers(r)))
    return out


def _wrapped(valign):
    def layout(grid, rng, ctx):
        widths = char_widths(grid, rng)
        data = set(grid.data_rows())
        return grid_lines(grid, widths, valign, _gap(rng), wrap=lambda r: r in data)
    layout.__doc__ = f"Row labels wrapped to their column width, numbers on the {valign} line."
    return layout


def interleaved_header(grid, rng, ctx):
    """Header cells wrapped to narrow columns and read across the row line by line, the pieces
    run together as PDF text often has them; data rows stay one line each."""
    widths = char_widths(grid, rng)
    header = set(grid.header_rows())
    return grid_lines(grid, widths, rng.choice(("top", "middle")), _gap(rng), wrap=lambda r: r in header,
                      header_sep=rng.choice(("", "", " ")))


def markdown_headings(grid, rng, ctx):
    """Another tool's Markdown: a table's title and its group labels become `###` lines that cut
    the table into pipe tables, the first under the table's header, the others under a generic
    header (`类别 | 数据1 | …`) or the last header row again; 四 in its three column groups."""
    if ctx["key"] == "t4":
        return _markdown_t4(grid, ctx["pack"].tables["t4"])
    header = grid.header_rows()
    # The label columns folded into one, as the data rows carry one label each.
    heads = [[" ".join(filter(None, grid.rows[r][:grid.label_cols]))] + [t or "" for t in grid.rows[r][grid.label_cols:]]
             for r in header]
    out = []
    if len(grid.texts(header[0])) == 1:  # section 二: the title row 第二十条第（…）项
        out.append(f"### {grid.texts(header[0])[0]}")
        heads = heads[1:]
    generic = ["类别"] + [f"数据{i}" for i in range(1, grid.width - grid.label_cols)] + ["总计"]
    blocks: list[tuple[list[str], list[list[str]]]] = [([], [])]
    for r in grid.data_rows():
        labels = grid.labels(r)
        if len(labels) > 1:
            blocks.append((labels[:-1], []))
        blocks[-1][1].append(labels[-1:] + grid.numbers(r))
    for i, (groups, rows) in enumerate(b for b in blocks if b[1]):
        out += [f"### {g}" for g in groups]
        out += _pipe((heads if i == 0 else [rng.choice((generic, heads[-1]))]) + rows) + [""]
    return out[:-1]


def _pipe(rows: list[list[str]]) -> list[str]:
    width = max(len(r) for r in rows)
    lines = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
    return lines[:1] + ["|" + "---|" * width] + lines[1:]


def _markdown_t4(grid, table):
    """四 as three small tables, one per column group, each under `### 行政复议` or
    `### 行政诉讼（未经复议直接起诉）` …"""
    values = iter(grid.numbers(grid.data_rows()[0]))
    groups = t4_groups(table)
    parent = next(h for h in table.header if h not in {g for g, _, _ in groups})  # 行政诉讼
    out = []
    for i, (group, parts, total) in enumerate(groups):
        keys = parts + [total]
        title = group if i == 0 else f"{parent}（{group}）"
        out += [f"### {title}"] + _pipe([[table.column(k).label for k in keys], [next(values) for _ in keys]]) + [""]
    return out[:-1]


PAGE_FOOTERS = ("— {n} —", "- {n} -", "第 {n} 页", "第{n}页 共{m}页", "{n}")


def page_break(grid, rng, ctx):
    """三 running over two or three pages, 四 broken between its header and its numbers: at each
    break a blank line, the page number, a form feed and the running header, then the table's
    header rows again (三's long first header row sometimes not)."""
    gap = _gap(rng)
    header, data = grid.header_rows(), grid.data_rows()
    breaks = {"t3": lambda: rng.sample(data[2:], rng.randint(1, 2)), "t4": lambda: data[:rng.randint(0, 1)]}
    at = set(breaks.get(ctx["key"], list)())
    out = []
    for r in range(len(grid.rows)):
        if r in at:
            ctx["page"] += 1
            out += ["", rng.choice(PAGE_FOOTERS).format(n=ctx["page"] - 1, m=ctx["page"] + 3), "\f" + ctx["title"]]
            out += [_row_line(grid, h, gap) for h in header if h != header[0] or rng.random() < 0.5]
        out.append(_row_line(grid, r, gap))
    return out


def cell_fragments(grid, rng, ctx):
    """Pipe tables (merged cells left empty) with the last characters of a long row label pushed
    to a row of their own under it, in the label's column, or to a bare line that cuts the
    table, as PDF-to-Markdown tools cut a label at the cell's line break."""
    rows: list[list[str] | str] = []
    for r, row in enumerate(grid.rows):
        cells = [t or "" for t in row]
        own = max((i for i, t in enumerate(cells) if t and not NUMBER.match(t)), default=None)
        if not grid.is_data(r) or own is None or len(cells[own]) <= 6 or rng.random() < 0.5:
            rows.append(cells)
            continue
        cut = len(cells[own]) - rng.randint(1, 4)
        tail = cells[own][cut:]
        cells[own] = cells[own][:cut]
        rows.append(cells)
        rows.append(tail if rng.random() < 0.3 else [""] * own + [tail] + [""] * (len(cells) - own - 1))
    lines = _pipe(rows[:1])
    for row in rows[1:]:
        lines.append(row if isinstance(row, str) else "| " + " | ".join(row) + " |")
    return lines


# Notes written after a number inside its cell, by table.
NOTES = {"t2_1": ("（其中修订{k}件）", "（含部门文件{k}件）"), "t2_5": ("（其中网上办理{k}件）",),
         "t2_6": ("（其中简易程序{k}件）",), "t2_8": ("（其中{k}万元为上年结转）",), "t2_9": ("（含{k}笔小额采购）",),
         "t3": ("（含转办{k}件）", "（其中网上申请{k}件）")}


def cell_note(grid, rng, ctx):
    """One row per line (as `spaced`), with a note in brackets after some counts and amounts of
    section 二 (not after a signed change) and after 三's first total."""
    gap = _gap(rng)
    columns = ctx["pack"].tables[ctx["key"]].columns
    out = []
    for r in range(len(grid.rows)):
        parts = []
        for c in grid.row_cells(r):
            t = c.text
            counts = c.col >= grid.label_cols and columns[c.col - grid.label_cols].kind != "signed"
            noted = counts and (ctx["key"].startswith("t2") or (ctx["key"] == "t3" and c.col == grid.width - 1
                                                                and r == grid.data_rows()[0]))
            # Drawn for every cell, so that a changed number leaves the other notes alone.
            roll, note, share = rng.random(), rng.choice(NOTES.get(ctx["key"], ("",))), rng.random()
            if c.number and noted and int(t) > 1 and roll < 0.7:
                t += note.format(k=1 + int(share * (int(t) - 1)))
            if t:
                parts.append(t)
        out.append("".join(p if i == 0 else gap() + p for i, p in enumerate(parts)))
    return out


# Units written into section 二's cells of CMS pages (per table and column key).
UNITS = {("t2_1", "*"): ("件",), ("t2_5", "decisions"): ("件", "项"), ("t2_6", "decisions"): ("件", "起"),
         ("t2_5", "items_last_year"): ("项",), ("t2_6", "items_last_year"): ("项",),
         ("t2_8", "amount"): ("万元",), ("t2_9", "projects"): ("笔", "个", "项"), ("t2_9", "amount"): ("元",)}


def units_signs(grid, rng, ctx):
    """A CMS page saved as text: the whole table on one line, cells separated by one space, units
    in section 二's cells and signs on the signed changes; where a sign alone shows where a cell
    starts (`0+11`: 0, +1, 1), the cells run together as on the page."""
    table = ctx["pack"].tables[ctx["key"]]
    parts = []
    for r in range(len(grid.rows)):
        if not grid.is_data(r):
            parts += grid.texts(r)
            continue
        cells = list(grid.numbers(r))
        for i, col in enumerate(table.columns):
            unit = UNITS.get((ctx["key"], col.key)) or UNITS.get((ctx["key"], "*"))
            roll, choice = rng.random(), rng.random()  # drawn for every cell, whatever its value
            if col.kind == "signed" and int(cells[i]) > 0:
                cells[i] = "+" + cells[i]
            elif unit and roll < 0.7:
                cells[i] += unit[int(choice * len(unit))]
        run = "".join(cells)
        glued = any(c[0] in "+-" for c in cells[1:]) and _splits(run, len(cells)) == 1
        parts += grid.labels(r) + ([run] if glued else cells)
    return [" ".join(parts)]


def _splits(run: str, n: int) -> int:
    """In how many ways a run of digits and signs splits into n numbers without leading zeros."""
    cell = re.compile(r"[+-]?(?:0|[1-9]\d*)")
    if n == 0:
        return int(run == "")
    return sum(_splits(run[m.end():], n - 1) for i in range(1, len(run) + 1)
               if (m := cell.fullmatch(run[:i])))


def column_by_column(grid, rng, ctx):
    """Each grid column top to bottom, one cell per line: the labels, then every column of numbers."""
    return [c.text for col in range(grid.width) for c in sorted(grid.cells, key=lambda c: c.row)
            if c.col == col and c.text]


TEXT_LAYOUTS = {t.name: t for t in (
    TextLayout("spaced", ".txt", spaced),
    TextLayout("detached-table", ".txt", detached_table),
    TextLayout("detached-rows", ".txt", detached_rows),
    TextLayout("wrapped-first", ".txt", _wrapped("top")),
    TextLayout("wrapped-middle", ".txt", _wrapped("middle")),
    TextLayout("wrapped-last", ".txt", _wrapped("bottom")),
    TextLayout("interleaved-header", ".txt", interleaved_header),
    TextLayout("markdown-headings", ".md", markdown_headings, markdown=True),
    TextLayout("page-break", ".txt", page_break),
    TextLayout("cell-fragments", ".md", cell_fragments, markdown=True),
    TextLayout("cell-note", ".txt", cell_note),
    TextLayout("units-signs", ".txt", units_signs),
    TextLayout("column-by-column", ".txt", column_by_column),
)}


# -- office suite ------------------------------------------------------------------------------------
# A Word table as published reports have it: ruled, fixed column widths filling an A4 page, small
# type, labels left and numbers centred; header rows repeated on each page; a page-number footer.
# Only the look is chosen by the seed: report_docx's content stays as it is.

OFFICE_LAYOUTS = {"pdf": ".pdf", "pdftotext-layout": ".txt", "pdftotext-raw": ".txt", "office-html": ".html"}
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A4 = (11906, 16838)  # twips
TEXT_WIDTH = A4[0] - 1588 - 1474  # less the left and right margins of 党政机关公文格式 (GB/T 9704)
FOOTERS = (("— ", " —"), ("- ", " -"), ("第 ", " 页"), ("", ""))
W = f"{{{W_NS}}}"


def _twips(grid: Grid, rng: random.Random) -> list[int]:
    """Column widths filling the text width: label columns as wide as published tables have them
    (t3's three, section 二's one), the number columns sharing the rest; t3's seven keep 700
    twips or more, enough for a five-digit number in 10.5 pt."""
    labels = {0: [], 1: [rng.randint(2200, 3200)],
              3: [rng.randint(500, 650), rng.randint(850, 1150), rng.randint(1600, 2000)]}[grid.label_cols]
    numbers = grid.width - grid.label_cols
    return labels + [(TEXT_WIDTH - sum(labels)) // numbers] * numbers


def _el(tag: str, **attrs) -> ElementTree.Element:
    return ElementTree.Element(W + tag, {W + k: str(v) for k, v in attrs.items()})


def _text(tc) -> str:
    return "".join(t.text or "" for t in tc.iter(W + "t"))


def _style_table(tbl, grid: Grid, widths: list[int], table_pt: float, valign: str, repeat_header: bool) -> None:
    pr = tbl.find(W + "tblPr")
    pr.append(_el("tblW", w=sum(widths), type="dxa"))
    borders = _el("tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(_el(side, val="single", sz=4, space=0, color="000000"))
    pr.append(borders)
    pr.append(_el("tblLayout", type="fixed"))
    margins = _el("tblCellMar")  # 1 mm: fifteen columns of 四 on one page, numbers unbroken
    for side in ("left", "right"):
        margins.append(_el(side, w=57, type="dxa"))
    pr.append(margins)
    for col, w in zip(tbl.find(W + "tblGrid"), widths):
        col.set(W + "w", str(w))
    header = grid.header_rows()
    for r, tr in enumerate(tbl.findall(W + "tr")):
        if repeat_header and r in header:
            trpr = _el("trPr")
            trpr.append(_el("tblHeader"))
            tr.insert(0, trpr)
        c = 0
        for tc in tr.findall(W + "tc"):
            tcpr = tc.find(W + "tcPr")
            span = tcpr.find(W + "gridSpan")
            n = int(span.get(W + "val")) if span is not None else 1
            tcpr.insert(0, _el("tcW", w=sum(widths[c:c + n]), type="dxa"))
            tcpr.append(_el("vAlign", val=valign))
            for p in tc.findall(W + "p"):
                if r in header or NUMBER.match(_text(tc)):  # row labels stay left
                    ppr = _el("pPr")
                    ppr.append(_el("jc", val="center"))
                    p.insert(0, ppr)
                for run in p.findall(W + "r"):
                    _size(run, table_pt)
            c += n


def _size(run, pt: float) -> None:
    rpr = _el("rPr")
    rpr.append(_el("sz", val=round(pt * 2)))
    rpr.append(_el("szCs", val=round(pt * 2)))
    run.insert(0, rpr)


def _footer(before: str, after: str) -> bytes:
    def run(text):
        return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="{W_NS}"><w:p><w:pPr>'
            f'<w:jc w:val="center"/></w:pPr>{run(before)}<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r>'
            f'</w:fldSimple>{run(after)}</w:p></w:ftr>').encode()


def styled_docx(report: GeneratedReport, seed: int) -> bytes:
    """report_docx(report) with the look of a published report, chosen by the seed."""
    rng = random.Random(f"{seed}:docx")
    body_pt, table_pt = rng.choice((12, 14, 16)), rng.choice((9, 10, 10.5))
    valign, repeat_header = rng.choice(("center", "center", "top")), rng.random() < 0.7
    before, after = rng.choice(FOOTERS)
    ElementTree.register_namespace("w", W_NS)
    ElementTree.register_namespace("r", R_NS)
    src = zipfile.ZipFile(io.BytesIO(report_docx(report)))
    root = ElementTree.fromstring(src.read("word/document.xml"))
    body = root.find(W + "body")
    grids = [Grid.of(rows) for kind, rows in report_blocks(report) if kind == "table"]
    for tbl, grid in zip(body.iter(W + "tbl"), grids, strict=True):
        _style_table(tbl, grid, _twips(grid, rng), table_pt, valign, repeat_header)
    for p in body.findall(W + "p"):
        for run in p.findall(W + "r"):
            _size(run, body_pt)
    sect = body.find(W + "sectPr")
    ref = _el("footerReference", type="default")
    ref.set(f"{{{R_NS}}}id", "rIdFooter")
    sect.append(ref)
    sect.append(_el("pgSz", w=A4[0], h=A4[1]))
    sect.append(_el("pgMar", top=2098, right=1474, bottom=1984, left=1588, header=851, footer=992, gutter=0))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in src.namelist():
            data = src.read(name)
            if name == "word/document.xml":
                data = ElementTree.tostring(root, xml_declaration=True, encoding="UTF-8")
            elif name == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/word/footer1.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/></Types>')
            elif name == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdFooter" Type="http://schemas.'
                                    b'openxmlformats.org/officeDocument/2006/relationships/footer" '
                                    b'Target="footer1.xml"/></Relationships>')
            zf.writestr(name, data)
        zf.writestr("word/footer1.xml", _footer(before, after))
    return out.getvalue()


def office_missing() -> list[str]:
    return [tool for tool in ("soffice", "pdftotext") if shutil.which(tool) is None]


def office_render(docs: dict[str, bytes], workdir: Path,
                  timeout: int = 600) -> tuple[dict[str, dict[str, bytes]], dict[str, float]]:
    """Every office layout of a batch of .docx files, name → {layout: file content}, and the
    seconds each step took. One soffice call per output format, the two side by side, each with a
    private profile (soffice calls that share one fail); pdftotext per file."""
    workdir.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, data in docs.items():
        (workdir / f"{name}.docx").write_bytes(data)
        paths.append(str(workdir / f"{name}.docx"))
    timings = {}
    profiles = {fmt: Path(tempfile.mkdtemp(prefix="gklint-soffice-")) for fmt in ("pdf", "html")}
    start = time.perf_counter()
    calls: dict[str, subprocess.Popen] = {}
    try:
        for fmt, profile in profiles.items():
            calls[fmt] = subprocess.Popen(["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless",
                                           "--convert-to", fmt, "--outdir", str(workdir)] + paths,
                                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        for fmt, call in calls.items():
            _, err = call.communicate(timeout=timeout)
            missing = [n for n in docs if not (workdir / f"{n}.{fmt}").exists()]
            if call.returncode or missing:
                raise RuntimeError(f"soffice --convert-to {fmt} failed ({call.returncode}) for {missing}: "
                                   f"{err.decode(errors='replace')[-2000:]}")
    finally:  # never leave a converter running (a timeout, a failed sibling)
        for call in calls.values():
            if call.poll() is None:  # the wrapper script and the soffice.bin it started
                os.killpg(call.pid, signal.SIGKILL)
                call.communicate()
        for profile in profiles.values():
            shutil.rmtree(profile, ignore_errors=True)
    timings["soffice"] = time.perf_counter() - start
    start = time.perf_counter()
    out = {}
    for name in docs:
        pdf = workdir / f"{name}.pdf"
        out[name] = {"pdf": pdf.read_bytes(), "office-html": (workdir / f"{name}.html").read_bytes()}
        for mode in ("layout", "raw"):
            text = subprocess.run(["pdftotext", f"-{mode}", "-enc", "UTF-8", str(pdf), "-"],
                                  capture_output=True, timeout=timeout, check=True).stdout
            out[name][f"pdftotext-{mode}"] = text
    timings["pdftotext"] = time.perf_counter() - start
    return out, timings


# -- the sample set ------------------------------------------------------------------------------------
# The reports of tests/data/messy/*.json are the harness's fixed cases. They were drawn once with
# report_for_seed; the JSON, not the seed, is what counts: what hypothesis draws for a seed
# changes with its version and with the literals of the modules loaded (it mines them for
# constants), so a redraw would not reproduce them.

SAMPLES = Path(__file__).parent / "data" / "messy"
# Drawn when the directory is empty: (template, seed, change kind), each relation at least once.
NEW_CASES = (("2021", 1, "outcome"), ("2021", 2, "review"), ("2019", 3, "balance"), ("2019", 4, "outcome"))
SAMPLE_OFFICE = ("pdftotext-layout", "pdftotext-raw")  # text; the PDF and HTML (~100 KB) with --binary


@dataclass
class Case:
    name: str  # 2021s1
    seed: int  # drives the layout decisions and the change
    report: GeneratedReport
    changed: GeneratedReport
    cell: tuple[str, str, str]
    delta: int


def load_case(path: Path) -> Case:
    meta = json.loads(path.read_text(encoding="utf-8"))
    report = report_from_json(meta["report"])
    cell, delta = tuple(meta["change"]["cell"].split("/")), meta["change"]["delta"]
    return Case(path.stem, meta["seed"], report, report.with_value(cell, report.values[cell] + delta), cell, delta)


def load_cases(directory: Path = SAMPLES) -> list[Case]:
    return [load_case(p) for p in sorted(directory.glob("*.json"))]


def tool_versions() -> dict[str, str]:
    out = {}
    for tool, flag in (("soffice", "--version"), ("pdftotext", "-v")):
        if shutil.which(tool):
            done = subprocess.run([tool, flag], capture_output=True, timeout=120, check=False)
            out[tool] = (done.stdout or done.stderr).decode(errors="replace").splitlines()[0].strip()
    return out


def draw_case(directory: Path, template: str, seed: int, kind: str) -> Path:
    """A new case: the report drawn for the seed and the change the harness plants, as JSON."""
    from hypothesis import __version__ as hypothesis_version

    report = report_for_seed(seed, template)
    _, cell, delta = change_for_seed(report, seed, kind)
    meta = {"template": template, "seed": seed, "drawn_with": f"hypothesis {hypothesis_version}",
            "change": {"kind": kind, "cell": "/".join(cell), "delta": delta}, "report": report_to_json(report)}
    path = directory / f"{template}s{seed}.json"
    path.write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return path


def write_samples(directory: Path, binary: bool = False) -> list[Path]:
    """Every layout of every case in `directory` (drawing NEW_CASES first if it has none), named
    `<layout>-<case><suffix>`; the office layouts only where soffice and pdftotext are installed."""
    directory.mkdir(parents=True, exist_ok=True)
    if not list(directory.glob("*.json")):
        for template, seed, kind in NEW_CASES:
            draw_case(directory, template, seed, kind)
    written = []
    cases = load_cases(directory)
    for case in cases:
        for layout, spec in TEXT_LAYOUTS.items():
            path = directory / f"{layout}-{case.name}{spec.suffix}"
            path.write_text(render_text(case.report, layout, case.seed), encoding="utf-8")
            written.append(path)
    if office_missing():
        return written
    docs = {case.name: styled_docx(case.report, case.seed) for case in cases}
    with tempfile.TemporaryDirectory(prefix="gklint-messy-") as work:
        office, _ = office_render(docs, Path(work))
    for case in cases:
        for layout in tuple(OFFICE_LAYOUTS) if binary else SAMPLE_OFFICE:
            path = directory / f"{layout}-{case.name}{OFFICE_LAYOUTS[layout]}"
            path.write_bytes(office[case.name][layout])
            written.append(path)
    (directory / "office-versions.txt").write_text(
        "".join(f"{k}: {v}\n" for k, v in tool_versions().items()), encoding="utf-8")
    return written


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Write the messy-layout sample set (the harness's cases).")
    parser.add_argument("command", choices=["samples"])
    parser.add_argument("directory", type=Path, nargs="?", default=SAMPLES)
    parser.add_argument("--draw", metavar="TEMPLATE:SEED:KIND", action="append", default=[],
                        help=f"add a case drawn for this template and seed, with a change of this kind "
                             f"({', '.join(CHANGE_KINDS)}), e.g. 2021:5:review")
    parser.add_argument("--binary", action="store_true", help="also the PDF and the office HTML")
    args = parser.parse_args()
    args.directory.mkdir(parents=True, exist_ok=True)
    for spec in args.draw:
        template, seed, kind = spec.split(":")
        print(draw_case(args.directory, template, int(seed), kind))
    for p in write_samples(args.directory, args.binary):
        print(p)
