"""Read table blocks into the model's tables, driven by a rule pack.

Rows are found by their labels, which are unique within a table, so the serialisation does not
matter: one cell per line, Word's tab cells, TSV with merged-cell shifts, or a page-split table
with a repeated header and a lost group label. A label of another template version (e.g. the
2019 `（六）其他处理` row in a 2024 report) is read with that version's definition and recorded
as a version marker. Flattened digit runs (`640020470`) are split only where the split is unique.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher

from .checks import get as get_rule
from .lexer import NA_VALUES, LexCell, is_value
from .model import BLANK, NA, NUMBER, TEXT, Cell, HeaderCell, Pos, Report, Row, Table
from .normalize import key
from .pack import Pack

NUM_RE = re.compile(r"^(?P<n>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(?P<unit>元|万元|件|项|个|次|%)?$")
MAX_SPLITS = 200_000  # enumeration bound for one row; beyond it the row is reported unreadable
NEAR_MISS = 0.6


def parse_value(raw: str) -> tuple[str, Decimal | None, str | None]:
    t = raw.strip()
    if not t:
        return BLANK, None, None
    if t in NA_VALUES:
        return NA, None, None
    m = NUM_RE.match(t)
    if m:
        try:
            return NUMBER, Decimal(m.group("n").replace(",", "")), m.group("unit")
        except InvalidOperation:
            pass
    return TEXT, None, None


@dataclass
class _Hit:
    role: str  # anchor | header | row | group
    pack: Pack
    table: str
    row: str | None = None


class _Index:
    """Where each label key occurs: per pack, per table, in which role."""

    def __init__(self, packs: list[Pack]):
        self.packs = packs
        self.by_key: dict[str, list[_Hit]] = {}
        for p in packs:
            for t in p.tables.values():
                for a in t.anchors:
                    self._add(a, _Hit("anchor", p, t.key))
                for h in list(t.header) + [c.label for c in t.columns]:
                    self._add(h, _Hit("header", p, t.key))
                for g in t.groups:
                    self._add(g, _Hit("group", p, t.key))
                for r in t.row_defs.values():
                    if r.label:
                        self._add(r.label, _Hit("row", p, t.key, r.key))
        self.known = frozenset(self.by_key)

    def _add(self, label: str, hit: _Hit) -> None:
        self.by_key.setdefault(key(label), []).append(hit)

    def resolve(self, k: str, current: str | None, values_follow: bool) -> _Hit | None:
        hits = self.by_key.get(k, [])
        if not hits:
            return None

        def pick(pred):
            # Packs in priority order: the active pack first, then the others (foreign).
            for p in self.packs:
                for h in hits:
                    if h.pack is p and pred(h):
                        return h
            return None

        if values_follow:
            found = pick(lambda h: h.role == "row" and h.table == current) or pick(lambda h: h.role == "row")
            if found:
                return found
        return (pick(lambda h: h.table == current and h.role in ("header", "anchor", "group"))
                or pick(lambda h: h.table == current and h.role == "row")
                or pick(lambda h: h.role == "anchor")
                or pick(lambda h: h.role == "row")
                or pick(lambda h: True))


def _join_fragments(cells: list[LexCell], known: set[str]) -> list[LexCell]:
    """Rejoin header cells that a scrape broke across lines (商业 / 企业, 结果 / 纠正)."""
    out: list[LexCell] = []
    i = 0
    while i < len(cells):
        c = cells[i]
        joined = None
        if c.text and not is_value(c.text):
            for n in (4, 3, 2):
                group = cells[i:i + n]
                if len(group) == n and all(g.text and not is_value(g.text) for g in group):
                    k = "".join(g.key for g in group)
                    if k in known:
                        joined = LexCell("".join(g.text for g in group), c.line, c.col, c.first_in_line, c.break_before)
                        i += n
                        break
        if joined is None:
            out.append(c)
            i += 1
        else:
            out.append(joined)
    return out


def _compositions(run: str, parts: int):
    """All ways to cut a digit run into `parts` integers written without leading zeros."""
    n = len(run)
    if parts > n:
        return
    for cuts in itertools.combinations(range(1, n), parts - 1):
        bounds = (0,) + cuts + (n,)
        pieces = [run[a:b] for a, b in zip(bounds, bounds[1:])]
        if all(p == "0" or not p.startswith("0") for p in pieces):
            yield pieces


def _allocations(lengths: list[int], total: int):
    """Ways to give each run a number of cells (≥1, ≤ its digits) adding up to `total`."""
    if not lengths:
        if total == 0:
            yield []
        return
    first, rest = lengths[0], lengths[1:]
    for k in range(1, min(first, total - len(rest)) + 1):
        for tail in _allocations(rest, total - k):
            yield [k] + tail


@lru_cache(maxsize=16)
def _index(packs: tuple[Pack, ...]) -> _Index:
    return _Index(list(packs))


class TableReader:
    def __init__(self, active: Pack, others: list[Pack]):
        self.active = active
        self.index = _index((active, *others))
        self.known = self.index.known

    def read(self, report: Report) -> None:
        report.tables = {}
        report.markers = {}
        report.table_notes = []
        for section_key, block in report.table_blocks:
            self._block(report, section_key, block)
        for t in report.tables.values():
            self._near_misses(t)
        own = self.active.marker_keys()
        for t in report.tables.values():
            for h in t.header:
                if key(h.text) in own:
                    report.markers.setdefault(self.active.template, []).append((h.text, h.pos))
            for r in t.rows.values():
                if (t.key, r.key) in self.active.marker_rows and r.values_found:
                    report.markers.setdefault(self.active.template, []).append((r.label or r.key, r.pos))

    # -- one block of cells -------------------------------------------------------------------
    def _block(self, report: Report, section_key: str | None, block) -> None:
        cells = _join_fragments(block.cells, self.known)
        layout = block.layout
        table: Table | None = None
        i = 0
        while i < len(cells):
            c = cells[i]
            if not c.text or is_value(c.text):
                if table is not None and table.definition.rows and \
                        table.definition.row_defs[table.definition.rows[0]].label is None and c.text:
                    # Unlabelled data row (table 四): the values follow the header.
                    i = self._row(report, table, table.definition.rows[0], None, Pos(c.line, c.col), cells, i, layout,
                                  table.version, include_first=True)
                    continue
                i += 1
                continue
            follows = self._values_follow(cells, i)
            hit = self.index.resolve(c.key, table.key if table else None, follows)
            pos = Pos(c.line, c.col)
            if hit is None:
                if table is not None:
                    if follows:
                        i = self._row(report, table, None, c.text, pos, cells, i + 1, layout, None)
                        continue
                    table.header.append(HeaderCell(c.text, pos, "unknown"))
                i += 1
                continue
            foreign = hit.pack is not self.active
            if table is None or hit.table != table.key and hit.role in ("anchor", "row"):
                table = self._table(report, hit, section_key, pos)
            if foreign and not (hit.role == "group"):
                report.markers.setdefault(hit.pack.template, []).append((c.text, pos))
            if hit.role == "row":
                i = self._row(report, table, hit.row, c.text, pos, cells, i + 1, layout, hit.pack.template)
                continue
            if hit.role in ("header", "anchor"):
                table.header.append(HeaderCell(c.text, pos, "foreign" if foreign else "label",
                                               version=hit.pack.template))
            i += 1

    def _values_follow(self, cells: list[LexCell], i: int) -> bool:
        for j in range(i + 1, len(cells)):  # indexes, not a slice: this runs once per cell
            if cells[j].text:
                return is_value(cells[j].text)
        return False

    def _table(self, report: Report, hit: _Hit, section_key: str | None, pos: Pos) -> Table:
        existing = report.tables.get(hit.table)
        if existing is not None:
            return existing  # a page-split table continues; a repeated header is just header
        definition = hit.pack.tables[hit.table]
        table = Table(hit.table, definition, hit.pack.template, pos, section_key)
        report.tables[hit.table] = table
        return table

    def _near_misses(self, table: Table) -> None:
        """Give each unknown header cell the template label it most resembles.

        Labels the header lacks are the likely intended ones (科研单位 → 科研机构) and are tried
        with a lower bar; any label of the table is tried with the normal one (社会组织 where the
        repeated header of a page-split table has the right 社会公益组织)."""
        definition = table.definition
        labels = list(definition.header) + [c.label for c in definition.columns]
        seen = {key(h.text) for h in table.header if h.role != "unknown"}
        missing = [x for x in labels if key(x) not in seen]
        for h in table.header:
            if h.role != "unknown":
                continue
            k = key(h.text)
            for pool, bar in ((missing, NEAR_MISS - 0.1), (labels, NEAR_MISS)):
                scored = [(SequenceMatcher(None, k, key(x)).ratio(), x) for x in pool]
                best = max(scored, default=(0.0, None))
                if best[0] >= bar:
                    h.canonical = best[1]
                    break

    # -- one row ------------------------------------------------------------------------------
    def _row(self, report: Report, table: Table, row_key: str | None, label: str | None, pos: Pos,
             cells: list[LexCell], i: int, layout: str, version: str | None, include_first: bool = False) -> int:
        values: list[LexCell] = []
        j = i
        while j < len(cells):
            c = cells[j]
            if c.text and not is_value(c.text):
                # In a row-per-line layout, text after the label on the same line is a (bad) value.
                same_line = layout == "line" and not c.first_in_line and j > 0 \
                    and cells[j - 1].line == c.line and c.key not in self.known
                if not same_line:
                    break
            starts_row = (layout == "line" and c.first_in_line) or (layout == "blank" and c.break_before)
            if starts_row and (values or not include_first) and (values or j > i):
                break
            values.append(c)
            j += 1
        definition = table.definition
        if row_key is not None and version is not None and version != table.version:
            # A row of another template version: read it with that version's definition.
            foreign_def = next(p for p in self.index.packs if p.template == version).tables[table.key]
            row_def = foreign_def.row_defs[row_key]
        else:
            row_def = definition.row_defs.get(row_key) if row_key else None
        relabelled = False
        if row_def is None:
            guess = self._guess_row(table, label)
            if guess == "?":
                row = Row(guess, label, pos, version=None)
                row.values_found = sum(1 for v in values if v.text)
                table.unknown_rows.append(row)
                return j
            # A reworded or mistyped label of a template row (`1、申请人…` for `1.申请人…`): it is
            # that row, and its numbers count in the totals; GK203 reports the label.
            row_key, row_def, relabelled = guess, definition.row_defs[guess], True
        if row_key in table.rows:
            return j  # a duplicated row label; the first occurrence counts
        row = Row(row_key, label, pos, version=version or table.version, sets=row_def.sets, relabelled=relabelled)
        table.rows[row_key] = row
        columns = definition.columns
        expected = len(columns)
        while len(values) > expected and not values[-1].text:
            values.pop()
        lead = 0
        while len(values) - lead > expected and not values[lead].text:
            lead += 1
        values = values[lead:]
        row.values_found = sum(1 for v in values if v.text)
        if len(values) == expected:
            texts = [v.text for v in values]
            places = [Pos(v.line, v.col) for v in values]
        else:
            split = self._split(report, table, row, values, expected)
            if split is None:
                return j
            texts, places = split
        for col, text, place in zip(columns, texts, places):
            kind, value, unit = parse_value(text)
            row.cells[col.key] = Cell(table.key, row_key, col.key, text, kind, place, value, unit,
                                      split=row.split is not None)
        return j

    def _guess_row(self, table: Table, label: str | None) -> str:
        """For an unknown row label, the missing template row it most resembles (for the fix)."""
        if not label:
            return "?"
        best, score = "?", 0.0
        for rk in table.definition.rows:
            rd = table.definition.row_defs[rk]
            if rk in table.rows or not rd.label:
                continue
            s = SequenceMatcher(None, key(label), key(rd.label)).ratio()
            if s > score:
                best, score = rk, s
        return best if score >= NEAR_MISS else "?"

    def _split(self, report: Report, table: Table, row: Row, values: list[LexCell], expected: int):
        """Split flattened digit runs into `expected` cells, only where the split is unique."""
        from .checks.relations import row_constraints  # the relations live with the GK3xx rules

        runs = [v for v in values if v.text]
        if not runs or len(runs) >= expected or not all(v.text.isdigit() for v in runs) \
                or sum(len(v.text) for v in runs) < expected:
            row.split = None
            report.table_notes.append(get_rule("GK207").width(table, row, len(runs), expected))
            return None
        constraints = row_constraints(self.active if table.version == self.active.template else
                                      next(p for p in self.index.packs if p.template == table.version),
                                      table.key, row.key)
        lengths = [len(v.text) for v in runs]
        unconstrained, solutions, tried = [], [], 0
        for alloc in _allocations(lengths, expected):
            for pieces in itertools.product(*(list(_compositions(v.text, k)) for v, k in zip(runs, alloc))):
                tried += 1
                if tried > MAX_SPLITS:
                    break
                flat = [p for group in pieces for p in group]
                unconstrained.append(flat)
                nums = [int(x) for x in flat]
                if all(c(nums) for c in constraints):
                    solutions.append((flat, alloc))
        if len(solutions) != 1 or tried > MAX_SPLITS:
            report.table_notes.append(get_rule("GK006").unreadable(
                table, row, [v.text for v in runs], len(solutions), expected, Pos(runs[0].line, runs[0].col)))
            return None
        flat, alloc = solutions[0]
        row.split = "unique" if len(unconstrained) == 1 else "by-total"
        if row.split == "by-total":
            report.table_notes.append(get_rule("GK007").split_by_total(table, row, flat,
                                                                       Pos(runs[0].line, runs[0].col)))
        places = []
        for v, k in zip(runs, alloc):
            offset = 0
            for piece in flat[len(places):len(places) + k]:
                places.append(Pos(v.line, v.col + offset))
                offset += len(piece)
        return flat, places
