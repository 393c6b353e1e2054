"""Read the table blocks of a report into the model's tables, by aligning them to the template.

The pack knows every table's rows, columns and relations, so the document's stream of labels and
values is aligned to that grid, whatever the layout (one cell per line, Word's tab cells, TSV or
pipe rows, a page flattened onto one line, text out of a PDF):

1. **Scan**: each text piece is resolved to a template label (anchor, header, group, row) of
   any version, which also decides which table the stream belongs to; values are collected.
2. **Labels**: pieces of one label broken over lines are joined when the join matches a row
   label better (`1.申请人…不再处理` + `其政府信息公开申请`); parts of labels say nothing.
3. **Anchors**: a row label directly followed by its values (on the same line where rows are
   lines) is a row.
4. **Gaps**: values found apart from their labels (PDF text, converted Markdown) are placed in
   the template rows between two anchors, in order, only when their number is exactly the
   number of rows missing there; otherwise those rows are not read.
5. **Values**: run-together digits (`270020130`) get every split the columns allow, narrowed
   by the row's relations, then by the table's relations across rows and columns (`solve.py`).

What cannot be read with certainty is recorded on the table (`Table.doubts`, cells with
`certain=False`): the rules say so once per table, and the relations that need those cells are
not checked. Labels of another template version (the 2019 `（六）其他处理` row in a 2024 report)
are read with that version's definition and recorded as version markers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from .lexer import LexCell
from .linear import row_constraints
from .model import BLANK, NUMBER, Cell, Doubt, HeaderCell, Pos, Report, Row, Table
from .normalize import key
from .pack import Pack
from .reading.labels import NEAR, PIECE, LabelIndex, core, ordinal, similarity
from .reading.solve import agreed, choose
from .reading.values import Budget, is_value, parse_value, splits

MAX_JOIN = 4  # pieces of one wrapped label
_tuple = tuple.__new__


@dataclass(slots=True)
class _Tok:
    """A piece of a table's stream: a value, a row label, a header or other text."""
    text: str
    pos: Pos
    first: bool  # first cell of its line
    brk: bool  # a blank line before it
    layout: str  # of its block: line | blank | none
    block: int
    kind: str  # value | label | text | head
    hit: object = None  # labels.Hit of a row label


@dataclass
class _Label:
    """The pieces of one row label, joined."""
    toks: list[_Tok]
    hit: object = None
    how: str = ""  # exact | core | fuzzy | partial | ""

    @property
    def text(self) -> str:
        return "".join(t.text for t in self.toks)

    @property
    def row(self) -> str | None:
        return self.hit.row if self.hit is not None else None


@dataclass
class _Group:
    """The values that follow one label."""
    toks: list[_Tok] = field(default_factory=list)

    @property
    def blank(self) -> bool:
        return all(not t.text.strip() for t in self.toks)


def _join_fragments(cells: list[LexCell], known, longest: int) -> list[LexCell]:
    """Rejoin header cells that a scrape broke across lines (商业 / 企业, 结果 / 纠正).

    `longest`: the length of the longest known label key; longer runs are never one."""
    out: list[LexCell] = []
    keys = [c.key if c.text and not is_value(c.text) else None for c in cells]  # None: value or blank
    i = 0
    while i < len(cells):
        c = cells[i]
        joined = None
        if keys[i] is not None and i + 1 < len(keys) and keys[i + 1] is not None:  # a join needs two labels
            for n in (4, 3, 2):
                group = keys[i:i + n]
                if len(group) == n and None not in group and sum(map(len, group)) <= longest \
                        and "".join(group) in known:
                    joined = LexCell("".join(g.text for g in cells[i:i + n]), c.line, c.col, c.first_in_line,
                                     c.break_before)
                    i += n
                    break
        if joined is None:
            out.append(c)
            i += 1
        else:
            out.append(joined)
    return out


@lru_cache(maxsize=16)
def _index(packs: tuple[Pack, ...]) -> LabelIndex:
    return LabelIndex(packs)


class TableReader:
    def __init__(self, active: Pack, others: list[Pack]):
        self.active = active
        self.packs = (active, *others)
        self.index = _index(self.packs)

    def pack(self, version: str) -> Pack:
        return next(p for p in self.packs if p.template == version)

    def read(self, report: Report) -> None:
        self.budget = Budget()
        report.tables = {}
        report.markers = {}
        report.table_notes = []
        streams: dict[str, list[_Tok]] = {}
        for n, (section_key, block) in enumerate(report.table_blocks):
            self._scan(report, section_key, block, n, streams)
        for tkey, toks in streams.items():
            _Assembly(self, report.tables[tkey], toks).run()
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

    # -- 1. scan: which table each piece belongs to, and what it is --------------------------
    def _scan(self, report: Report, section_key, block, n: int, streams) -> None:
        cells = _join_fragments(block.cells, self.index.known, self.index.longest)
        table: Table | None = None
        layout = block.layout
        for i, c in enumerate(cells):
            pos = _tuple(Pos, (c.line, c.col))  # Pos(…) without its Python-level __new__: once per cell
            value = not c.text.strip() or is_value(c.text)
            hit = None
            if not value:
                hit = self._resolve(c.text, table.key if table else None, _values_follow(cells, i))
                if hit is not None:
                    if table is None or hit.table != table.key and hit.role in ("anchor", "row"):
                        table = self._table(report, hit, section_key, pos)
                    if hit.pack is not self.active and hit.role != "group":
                        report.markers.setdefault(hit.pack.template, []).append((c.text, pos))
                    if hit.role in ("header", "anchor"):
                        table.header.append(HeaderCell(c.text, pos, "foreign" if hit.pack is not self.active else "label",
                                                       version=hit.pack.template))
            if table is None:
                continue  # text or values before any table: not ours
            kind = "value" if value else "label" if hit is not None and hit.role == "row" else \
                "head" if hit is not None else "text"
            stream = streams.get(table.key)
            if stream is None:
                stream = streams[table.key] = []
            if kind == "text" and layout == "line" and not c.first_in_line and stream:
                last = stream[-1]
                if last.pos.line == c.line and (last.kind == "label" or last.kind == "value" and last.text.strip()) \
                        and not self.index.is_fragment(c.text, table.key):
                    kind = "value"  # where rows are lines, text after a row's label is one of its cells
            stream.append(_Tok(c.text, pos, c.first_in_line, c.break_before, layout, n, kind, hit))

    def _resolve(self, text: str, current: str | None, values_follow: bool):
        # Remembered on the index (one per pack order): reports repeat the template's labels.
        memo = self.index.resolved
        k = (text, current, values_follow)
        if k not in memo:
            if len(memo) > 8192:
                memo.clear()  # bounded: crafted input need not repeat
            memo[k] = self._resolve_once(text, current, values_follow)
        return memo[k]

    def _resolve_once(self, text: str, current: str | None, values_follow: bool):
        hits, _ = self.index.hits(text)
        if not hits:
            return None

        def pick(pred):
            for p in self.packs:  # the active pack first, then the others (foreign)
                for h in hits:
                    if h.pack is p and pred(h):
                        return h
            return None

        if values_follow:
            found = pick(lambda h: h.role == "row" and h.table == current) or pick(lambda h: h.role == "row")
            if found:
                return found
        first = next((p for p in self.packs if any(h.pack is p and h.table == current for h in hits)), None)
        if first is not None and any(h.pack is first and h.role == "row" for h in hits):
            # A label that is a row and a group in one version (2019's （六）其他处理) is its row.
            return pick(lambda h: h.pack is first and h.role == "row" and h.table == current)
        return (pick(lambda h: h.table == current and h.role in ("header", "anchor", "group"))
                or pick(lambda h: h.table == current and h.role == "row")
                or pick(lambda h: h.role == "anchor")
                or pick(lambda h: h.role == "row")
                or pick(lambda h: True))

    def _table(self, report: Report, hit, section_key, pos: Pos) -> Table:
        existing = report.tables.get(hit.table)
        if existing is not None:
            return existing  # a page-split table continues; a repeated header is just header
        table = Table(hit.table, hit.pack.tables[hit.table], hit.pack.template, pos, section_key)
        report.tables[hit.table] = table
        return table

    def _near_misses(self, table: Table) -> None:
        """Give each unknown header cell the template label it most resembles, unless it is only
        part of labels (PDF text and wrapped cells break headers into such parts).

        Labels the header lacks are the likely intended ones (科研单位 → 科研机构) and are tried
        with a lower bar; any label of the table is tried with the normal one (社会组织 where the
        repeated header of a page-split table has the right 社会公益组织)."""
        definition = table.definition
        labels = list(definition.header) + [c.label for c in definition.columns]
        seen = {key(h.text) for h in table.header if h.role != "unknown"}
        missing = [x for x in labels if key(x) not in seen]
        for h in table.header:
            if h.role != "unknown" or self.index.is_fragment(h.text, table.key):
                continue
            k = core(h.text)
            for pool, bar in ((missing, NEAR - 0.1), (labels, NEAR)):
                best = max(((similarity(k, core(x)), x) for x in pool), default=(0.0, None))
                if best[0] >= bar:
                    h.canonical = best[1]
                    break


def _values_follow(cells: list[LexCell], i: int) -> bool:
    for j in range(i + 1, len(cells)):  # indexes, not a slice: this runs once per cell
        if cells[j].text:
            return is_value(cells[j].text)
    return False


class _Assembly:
    """Steps 2–5 for one table: its stream of labels and values becomes rows and cells."""

    def __init__(self, reader: TableReader, table: Table, toks: list[_Tok]):
        self.reader, self.table, self.toks = reader, table, toks
        self.definition = table.definition
        self.k = len(self.definition.columns)
        self.order = self._order()
        self.raw: dict[str, str] = {}  # the run-together text of rows with several readings
        self.scores: dict[tuple, tuple] = {}  # _score's answers
        self.row_defs: dict[str, tuple] = {}  # _row_def's answers

    # -- the template's row order, with rows of other versions in their places ----------------
    def _order(self) -> dict[str, float]:
        order = {r: float(i) for i, r in enumerate(self.definition.rows)}
        for p in self.reader.packs:
            other = p.tables.get(self.table.key)
            if other is None or other is self.definition:
                continue
            last = -1.0
            for r in other.rows:
                if r in order:
                    last = order[r]
                else:
                    order.setdefault(r, last + 0.5)
        return order

    def _row_def(self, row: str):
        """(definition, row definition) of the first version that has the row, and its version."""
        found = self.row_defs.get(row)
        if found is None:
            found = self.row_defs[row] = self._find_row_def(row)
        return found

    def _find_row_def(self, row: str):
        key = self.table.key
        for d in [self.definition] + [p.tables[key] for p in self.reader.packs if key in p.tables]:
            if row in d.row_defs:
                version = next(p.template for p in self.reader.packs if p.tables.get(key) is d)
                return d, d.row_defs[row], version
        return None, None, None

    def run(self) -> None:
        items = self._items()
        items = self._join_labels(items)
        if self.definition.rows and self.definition.row_defs[self.definition.rows[0]].label is None:
            self._unlabelled(items)
            return
        anchors, orphans = self._anchors(items)
        placed = self._gaps(items, anchors, orphans)
        self._read_rows(anchors, placed)
        self._leftovers(items, anchors, orphans, placed)
        if any(d.reason == "orphans" for d in self.table.doubts):
            # Values were left over that belong to no row gklint could tell: a blank cell may
            # be where they belong, so no blank of this table is certain.
            for row in self.table.rows.values():
                for cell in row.cells.values():
                    if cell.kind == BLANK:
                        cell.certain = False

    def _leftovers(self, items, anchors, orphans, placed) -> None:
        """Unknown text becomes header cells (GK204 looks at them); values under an unknown
        label that fit no template row are a row the template lacks (GK206)."""
        in_rows = {id(label) for label, _, _ in anchors.values()} | {id(label) for _, label in placed.values() if label}
        placed_groups = {id(t) for toks, _ in placed.values() for t in toks}
        for i, group, label in orphans:
            if label is None or any(id(t) in placed_groups for t in group.toks):
                continue
            toks = _trim(group.toks, self.k)
            c = core(label.text)
            if len(toks) == self.k and len(c) >= 2 and not self.reader.index.is_fragment(label.text, self.table.key):
                row = Row("?", label.text, label.toks[0].pos)
                row.values_found = sum(1 for t in toks if t.text.strip())
                self.table.unknown_rows.append(row)
                in_rows.add(id(label))
        for it in items:
            if isinstance(it, _Label) and it.row is None and id(it) not in in_rows:
                self.table.header.append(HeaderCell(it.text, it.toks[0].pos, "unknown"))

    # -- 2. labels ----------------------------------------------------------------------------
    def _items(self) -> list:
        items: list = []
        group: _Group | None = None
        for t in _without_label_padding(self.toks):
            if t.kind == "value":
                starts_row = group is not None and group.toks and (
                    t.block != group.toks[-1].block or (t.layout == "line" and t.first)
                    or (t.layout == "blank" and t.brk))
                if group is None or starts_row:
                    group = _Group()
                    items.append(group)
                group.toks.append(t)
                continue
            group = None
            if t.kind == "text" and self.reader.index.is_group_piece(t.text, self.definition) \
                    and not self._completes(items, t.text):
                continue  # a merged group cell written down the side, a piece per line (PDF text)
            if t.kind == "text" and self.reader.index.is_header_piece(t.text, self.definition):
                t = _Tok(t.text, t.pos, t.first, t.brk, t.layout, t.block, "head")  # a wrapped header cell
                self.table.header.append(HeaderCell(t.text, t.pos, "unknown"))
            if t.kind in ("label", "text"):
                hits = self.reader.index.hits(t.text)
                items.append(_Label([t], t.hit, hits[1] if t.hit is not None else ""))
            else:
                items.append(t)  # a header cell: a boundary, never part of a row label
        return items

    def _completes(self, items: list, text: str) -> bool:
        """Whether `text` ends the last label before it as a row label of this version
        (`（六）其他` … `处理`): then it is that label's wrapped end, not a piece of a group."""
        last = next((it for it in reversed(items[-2:]) if isinstance(it, _Label)), None)
        if last is None:
            return False
        hits, _ = self.reader.index.hits(last.text + text)
        return any(h.role == "row" and h.pack.tables.get(h.table) is self.definition for h in hits)

    def _score(self, text: str, exclude: frozenset = frozenset()) -> tuple[object, str, float]:
        """The best row label for a piece of text: (hit, how, score); rows in `exclude` (labelled
        exactly elsewhere) are not candidates for a resemblance. Remembered: joining labels asks
        for each piece more than once."""
        memo = self.scores.get((text, exclude))
        if memo is None:
            memo = self.scores[text, exclude] = self._score_once(text, exclude)
        return memo

    def _score_once(self, text: str, exclude: frozenset) -> tuple[object, str, float]:
        hits, how = self.reader.index.hits(text)
        row_hits = [h for h in hits if h.role == "row" and h.table == self.table.key]
        if row_hits:
            return row_hits[0], how, PIECE if how == "partial" else 1.0
        best = (None, "", 0.0)
        for p in self.reader.packs:
            d = p.tables.get(self.table.key)
            if d is None:
                continue
            rk, s = self.reader.index.best_row(text, d, exclude)
            if rk is not None and s > best[2]:
                label = d.row_defs[rk].label
                hit = next(h for h in self.reader.index.by_core[core(label)] if h.row == rk and h.pack is p)
                partial = core(text) in core(label) or self.reader.index.interleaved(text, label, self.table.key)
                best = (hit, "partial" if partial else "fuzzy", s)
        return best

    def _join_labels(self, items: list) -> list:
        out: list = []
        for it in items:
            prev = out[-1] if out else None
            if isinstance(it, _Label) and isinstance(prev, _Label) and len(prev.toks) < MAX_JOIN \
                    and it.toks[0].pos.line - prev.toks[-1].pos.line <= 1 and self._improves(prev, it):
                prev.toks.extend(it.toks)
                continue
            # A continuation after the values: `（二）部分公开（…，不 3 0 … 3` / `计其他情形）`.
            before = out[-2] if len(out) >= 2 else None
            if isinstance(it, _Label) and isinstance(prev, _Group) and isinstance(before, _Label) \
                    and before.how not in ("exact", "core") and len(before.toks) < MAX_JOIN \
                    and it.toks[0].pos.line - before.toks[-1].pos.line <= 1 and self._improves(before, it):
                before.toks.extend(it.toks)
                continue
            out.append(it)
        exact = frozenset(it.row for it in out if isinstance(it, _Label) and it.how in ("exact", "core"))
        for it in out:
            if isinstance(it, _Label) and it.how not in ("exact", "core"):
                hit, how, score = self._score(it.text, exact)
                if hit is not None and (how in ("exact", "core") or score >= NEAR):
                    it.hit, it.how = hit, how
                else:
                    it.hit, it.how = None, ""
        return out

    def _improves(self, a: _Label, b: _Label) -> bool:
        if a.how in ("exact", "core"):
            return False
        if b.how in ("exact", "core"):
            # Only a bare ordinal cell joins a whole label: `（一）` … `予以公开` is （一）予以公开.
            return not core(a.text) and ordinal(a.text) is not None and self._score(a.text + b.text)[1] == "exact"
        joined = self._score(a.text + b.text)[2]
        return joined >= NEAR and joined > max(self._score(a.text)[2], self._score(b.text)[2])

    # -- 3. anchors -----------------------------------------------------------------------------
    def _anchors(self, items: list):
        """Rows whose label is followed by their values; the other value groups, in order."""
        anchors: dict[str, tuple[_Label, _Group, int]] = {}
        orphans: list[tuple[int, _Group, _Label | None]] = []
        used: set[int] = set()
        for i, it in enumerate(items):
            if not isinstance(it, _Group) or it.blank and not (i and isinstance(items[i - 1], _Label)):
                continue
            label = items[i - 1] if i and isinstance(items[i - 1], _Label) else None
            attached = label is not None and (it.toks[0].layout != "line"
                                              or it.toks[0].pos.line in {t.pos.line for t in label.toks})
            n = len(_trim(it.toks, self.k))
            multi = n > self.k and n % self.k == 0
            if attached and label.row is not None and not multi and label.row not in anchors:
                anchors[label.row] = (label, it, i)
                used.add(id(label))
            elif not it.blank:
                # Values under a label that is no template row's (and not a broken piece of one)
                # are that row's, not a missing row's: GK206 reports them, they fill no gap.
                own = attached and label.row is None and not self.reader.index.is_fragment(label.text, self.table.key)
                orphans.append((i, it, label if own else None))
        return anchors, orphans

    # -- 4. gaps --------------------------------------------------------------------------------
    def _gaps(self, items: list, anchors: dict, orphans: list):
        """Values apart from their labels, placed by template order where that is unambiguous."""
        placed: dict[str, tuple[list[_Tok], _Label | None]] = {}
        points = sorted(((i, row) for row, (_, _, i) in anchors.items()), key=lambda x: x[0])
        bounds = [(-1, -1.0)] + [(i, self.order.get(row, -1.0)) for i, row in points] + [(len(items), float("inf"))]
        hinted = {}
        for i, it in enumerate(items):
            if isinstance(it, _Label) and it.row is not None and it.row not in anchors:
                hinted.setdefault(it.row, (i, it))
        for (lo_i, lo_o), (hi_i, hi_o) in zip(bounds, bounds[1:]):
            if hi_o <= lo_o:
                continue  # anchors out of template order: nothing is placed between them
            chunks = []
            for i, group, label in orphans:
                if lo_i < i < hi_i and label is None:
                    chunks.extend((c, None) for c in self._chunks(group))
            full = [(c, label) for c, label in chunks if c is not None]
            if not full:
                continue  # most gaps between anchors: no values to place
            gap_rows = [r for r in self.definition.rows if lo_o < self.order[r] < hi_o and r not in anchors]
            hints = sorted((i, r) for r, (i, _) in hinted.items() if lo_i < i < hi_i and lo_o < self.order.get(r, -1) < hi_o)
            hint_rows = [r for _, r in sorted(hints, key=lambda x: self.order[x[1]])]
            if len(full) == len(gap_rows):
                rows = gap_rows
            elif len(full) == len(hint_rows):
                rows = hint_rows
            else:
                for c, _ in chunks:
                    if c is not None:
                        self.table.doubts.append(Doubt(None, "orphans", (), "", c[0].pos, len(c)))
                continue
            for row, (chunk, label) in zip(rows, full):
                placed[row] = (chunk, label or (hinted.get(row) or (None, None))[1])
        for row, (i, label) in hinted.items():
            if row not in placed:
                self.table.doubts.append(Doubt(row, "no-values", (), label.text, label.toks[0].pos))
                self._label_only_row(row, label)
        return placed

    def _chunks(self, group: _Group) -> list:
        """A value group as rows of the template's width: several rows' values run together in
        one group are cut row by row; a group that is not a whole number of rows is left."""
        toks = _trim(group.toks, self.k)
        if len(toks) <= self.k:
            return [toks] if len(toks) == self.k else [None]
        if len(toks) % self.k:
            return [None]
        rows = [toks[j:j + self.k] for j in range(0, len(toks), self.k)]
        if len({t.text.strip() for t in toks}) == 1:
            return rows  # all alike: read row by row or column by column, the numbers are the same
        by_column = [toks[r::len(rows)] for r in range(len(rows))]
        a, b = self._unbalanced(rows), self._unbalanced(by_column)
        if a is None or b is None:
            return [None] * len(rows)  # no relation within a row: the order cannot be told
        # One order is taken only when the other is far worse: a report with one wrong total
        # stays readable (and its GK302 is reported), a shuffle of numbers does not.
        if a == 0 or a <= 1 and b >= a + 3:
            return rows
        if b == 0 or b <= 1 and a >= b + 3:
            return by_column
        return [None] * len(rows)  # the order of the values cannot be told

    def _unbalanced(self, rows: list[list[_Tok]]) -> int | None:
        """How many rows break their own relations (the row total) when the values are read in
        this order — how row-by-row order is told from column-by-column order; None when the
        table has no relation within a row, and so cannot tell them apart."""
        checks = row_constraints(self.reader.pack(self.table.version), self.table.key, self.definition.rows[0],
                                 self.definition)
        if not checks:
            return None
        bad = 0
        for toks in rows:
            nums = [parse_value(t.text)[1] for t in toks]
            if any(n is None for n in nums) or not all(c(nums) for c in checks):
                bad += 1
        return bad

    # -- 5. values --------------------------------------------------------------------------------
    def _read_rows(self, anchors: dict, placed: dict) -> None:
        options: dict[str, list[dict]] = {}
        for row, (label, group, _) in sorted(anchors.items(), key=lambda x: x[1][2]):
            self._row(row, label, group.toks, None, options)
        for row, (toks, label) in placed.items():
            self._row(row, label, toks, "position", options)
        self._decide(options)

    def _row(self, row_key: str, label: _Label | None, toks: list[_Tok], placed: str | None, options) -> None:
        definition, row_def, version = self._row_def(row_key)
        if row_def is None or row_key in self.table.rows:
            return
        pos = label.toks[0].pos if label is not None else toks[0].pos
        relabelled = label is not None and label.how == "fuzzy"
        row = Row(row_key, label.text if label is not None else None, pos, version=version, sets=row_def.sets,
                  template_label=row_def.label, group=row_def.group, relabelled=relabelled, variant=label is not None and label.how == "core")
        self.table.rows[row_key] = row
        toks = _trim(toks, self.k)
        row.values_found = sum(1 for t in toks if t.text.strip())
        columns = definition.columns
        if len(toks) == len(columns):
            for col, t in zip(columns, toks):
                self._cell(row, col.key, t.text.strip(), t.pos, placed)
            return
        text = " ".join(t.text.strip() for t in toks if t.text.strip())
        ways = splits([t.text for t in toks], columns, self.reader.budget) if 0 < len(toks) < len(columns) else []
        if not ways:
            # More values than columns, or fewer that are not digits run together (lost cells),
            # or too many ways to split them.
            reason = "ambiguous" if ways is None else "count"
            self.table.doubts.append(Doubt(row_key, reason, (), text, toks[0].pos if toks else pos, len(toks)))
            return
        checks = row_constraints(self.reader.pack(version), self.table.key, row_key, definition)
        readings = []
        for way in ways:
            nums = [parse_value(text)[1] for _, _, text in way]
            if all(n is not None for n in nums) and not all(c(nums) for c in checks):
                continue  # most ways: ruled out before their cells are made
            # (line, column) as a plain pair: a Pos is made only for the reading that becomes cells
            readings.append({col.key: (text, (toks[i].pos.line, toks[i].pos.col + off))
                             for col, (i, off, text) in zip(columns, way)})
        row.split = "unique" if len(ways) == 1 else "by-total" if len(readings) == 1 else None
        if not readings:
            self.table.doubts.append(Doubt(row_key, "no-split", (), text, toks[0].pos, 0))
            return
        if len(readings) == 1:
            for col, (text, p) in readings[0].items():
                self._cell(row, col, text, Pos(*p), placed, split=True)
            return
        options[row_key] = readings
        self.raw[row_key] = text
        row.split = None

    def _decide(self, options: dict[str, list[dict]]) -> None:
        """Rows with several readings: the relations across the table choose, or nothing does."""
        if not options:
            return
        pack = self.reader.pack(self.table.version)
        fixed = {(r, c): (cell.value if cell.kind == NUMBER and cell.certain else None)
                 for r, row in self.table.rows.items() for c, cell in row.cells.items()}
        numeric = {r: [{c: parse_value(t)[1] for c, (t, _) in reading.items()} for reading in readings]
                   for r, readings in options.items()}
        relations = [rel for rel in pack.relations if rel.table == self.table.key]
        allowed = choose(self.definition, relations, fixed, numeric)
        for r, readings in options.items():
            row = self.table.rows[r]
            keep = [readings[numeric[r].index(v)] for v in allowed[r]] if allowed is not None and allowed[r] else readings
            agree = agreed([{c: t for c, (t, _) in reading.items()} for reading in keep])
            if allowed is not None and len(allowed[r]) == 1:
                row.split = "by-relations"
            doubtful = tuple(c for c in keep[0] if c not in agree)
            for col, (text, p) in keep[0].items():
                self._cell(row, col, text, Pos(*p), None, split=True, certain=col in agree)
            if doubtful:
                self.table.doubts.append(Doubt(r, "ambiguous", doubtful, self.raw[r], row.pos, len(keep)))

    def _cell(self, row: Row, col: str, text: str, pos: Pos, placed: str | None, split: bool = False,
              certain: bool = True) -> None:
        kind, value, unit = parse_value(text)
        row.cells[col] = Cell(self.table.key, row.key, col, text, kind, pos, value, unit, split, certain, placed)

    def _label_only_row(self, row_key: str, label: _Label) -> None:
        """A row whose label is there but whose values could not be placed: present, unread."""
        definition, row_def, version = self._row_def(row_key)
        if row_def is None or row_key in self.table.rows:
            return
        self.table.rows[row_key] = Row(row_key, label.text, label.toks[0].pos, version=version, sets=row_def.sets,
                                       template_label=row_def.label, group=row_def.group)

    # -- tables of one unlabelled row (表四) --------------------------------------------------
    def _unlabelled(self, items: list) -> None:
        groups = [it for it in items if isinstance(it, _Group) and not it.blank]
        if not groups:
            return
        row_key = self.definition.rows[0]
        one = next((g for g in groups if len(_trim(g.toks, self.k)) == self.k), None)
        toks = _trim(one.toks, self.k) if one is not None else [t for g in groups for t in g.toks]
        options: dict[str, list[dict]] = {}
        self._row(row_key, None, toks, None, options)
        self._decide(options)


def _without_label_padding(toks: list[_Tok]) -> list[_Tok]:
    """Drop the empty cells a line starts with when a label follows on it: they are the label
    columns of merged group cells (`|  |  | 2.其他法律… | 0 |`), not values of a row."""
    out: list[_Tok] = []
    i = 0
    while i < len(toks):
        if toks[i].kind != "value" or toks[i].text.strip():
            out.append(toks[i])  # not padding: most tokens
            i += 1
            continue
        j = i
        while j < len(toks) and toks[j].kind == "value" and not toks[j].text.strip() \
                and toks[j].pos.line == toks[i].pos.line and toks[j].block == toks[i].block:
            j += 1
        starts_line = toks[i].first or i == 0 or toks[i - 1].pos.line != toks[i].pos.line
        if j > i and starts_line and j < len(toks) and toks[j].kind != "value" \
                and toks[j].pos.line == toks[i].pos.line:
            i = j  # padding before a label on the same line
            continue
        out.append(toks[i])
        i += 1
    return out


def _trim(toks: list[_Tok], k: int) -> list[_Tok]:
    """Drop empty cells beyond the template's width (padding of merged cells, trailing tabs)."""
    toks = list(toks)
    while len(toks) > k and not toks[-1].text.strip():
        toks.pop()
    while len(toks) > k and not toks[0].text.strip():
        toks.pop(0)
    return toks
