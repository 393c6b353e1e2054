"""Turns the lines of a report into the items the structure grammar parses.

Real reports come in many serialisations (template-spec §7.1): one cell per line (HTML scrape),
tab-indented cells (Word export), TSV or pipe rows (Markdown), or a whole page on one line with
tables flattened into digit runs. The lexer absorbs them all and emits one item per title, page
metadata line, heading, sub-heading, paragraph and table block. Every cell keeps the original
line and column it came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .lazyre import LazyPattern
from .normalize import SPACES, Span, is_breadcrumb, key, key_with_map, normalize_line
from .reading.values import NA_VALUES, NUMBER_RE, UNITS
from .pack import SectionDef
from .prebuilt import regex
from .vocab import CN_DIGITS, Vocabulary

H1_RE = regex(
    r"^#*\s*(?P<ord>[一二三四五六七八九十]{1,2}|\d{1,2})(?:\s*[、.，,]|\s)\s*(?P<title>\S.*)$")
H2_RE = regex(r"^#*\s*(?:[（(]\s*(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*[）)]|\d{1,2}\s*[、.](?!\d))")
META_KEYS = ("标题", "发布时间", "发布日期", "成文日期", "撰写时间", "文号", "发布机构", "来源", "栏目",
             "原文链接", "本地目录", "编辑", "时间", "索引号", "信息来源", "发文机关")
META_RE = regex(r"^(?P<k>" + "|".join(META_KEYS) + r")\s*[:：]\s*(?P<v>.*)$")
SENTENCE_END = "。！？；"
MAX_FRAGMENT = 45  # longest label in the templates is 37 characters
MAX_FLAT_LINE = 100_000  # a scraped one-line page is a few thousand; longer lines are prose
RUN_IN_FUZZY = 200  # lines this long may be flattened pages: look for reworded run-in headings too
# A numeral heading inside a flattened page; its title ends at a digit or a clause mark (in key space).
RUN_IN_NUMERAL_RE = regex(r"(?P<ord>[一二三四五六])、(?P<title>[^\d，。；：、！？“”（）]{4,30})")
RUN_IN_BEFORE = "。；！？）”："


@dataclass(slots=True)
class LexCell:
    """One table cell as written, with the line and column it came from."""
    text: str
    line: int
    col: int
    first_in_line: bool = False
    break_before: bool = False

    @property
    def key(self) -> str:
        return key(self.text)


@dataclass
class Heading:
    """A top-level heading and the template section it stands for."""
    section: SectionDef
    ordinal: str | None  # as written: 一 / 2 / None
    style: str  # "cn", "arabic" or "missing"
    title: str
    match: str  # "canonical", "variant" or "fuzzy"


@dataclass
class Item:
    """One item for the structure grammar: a title, metadata line, heading, paragraph or table."""
    type: str  # TITLE META HEADING SUBHEADING TEXT TABLE
    line: int
    col: int
    text: str = ""
    heading: Heading | None = None
    cells: list[LexCell] = field(default_factory=list)
    layout: str = "none"  # rows in a TABLE: "line" (one per line), "blank" (blank-separated), "none"
    meta_key: str | None = None


@lru_cache(maxsize=4096)
def is_number(text: str) -> bool:
    return bool(NUMBER_RE.match(text.strip()))


@lru_cache(maxsize=4096)
def is_value(text: str) -> bool:
    return is_number(text) or text.strip() in NA_VALUES


class _Segment:
    __slots__ = ("span", "cells")

    def __init__(self, span: Span, cells: list[LexCell] | None = None):
        self.span = span
        self.cells = cells  # set for tab/pipe/flattened lines


def _cut(span: Span, sep: str) -> list[Span]:
    """The pieces of a span between the separators, each with its own columns."""
    text, parts, start = span.text, [], 0
    while (i := text.find(sep, start)) >= 0:
        parts.append(span.slice(start, i))
        start = i + 1
    parts.append(span.slice(start, len(text)))
    return parts


def _tab_cells(span: Span) -> list[LexCell]:
    # Offsets into the line, not a Span per piece: this runs for every cell of every table.
    text, cells, start, line = span.text, [], 0, span.line
    plain = span.cols is None  # columns are offsets from span.start: no call per cell
    while True:
        i = text.find("\t", start)
        end = len(text) if i < 0 else i
        piece = text[start:end]
        if cells or start or piece.strip():  # indentation before the first tab is not a cell
            s = piece.strip(SPACES)
            at = start + len(piece) - len(piece.lstrip(SPACES)) if s else start
            if plain:
                col = span.start + at
            else:
                col = span.col(at) if s else span.slice(start, end).col(0)
            cells.append(LexCell(s, line, col))
        if i < 0:
            break
        start = i + 1
    if cells:
        cells[0].first_in_line = True
    return cells


def _pipe_cells(span: Span) -> list[LexCell] | None:
    text = span.text.strip()
    if re.fullmatch(r"\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?", text):
        return []  # Markdown separator row
    parts = _cut(span, "|")
    parts = parts[1:-1] if len(parts) > 2 else parts
    cells = [LexCell(p.strip().text, span.line, p.strip().col(0)) for p in parts]
    if cells:
        cells[0].first_in_line = True
    return cells


class Lexer:
    def __init__(self, vocab: Vocabulary):
        self.vocab = vocab
        self._fuzzy: dict = {}  # (title key, number) → section, for fuzzy_section

    # -- headings ---------------------------------------------------------------------------
    def heading(self, text: str) -> Heading | None:
        t = text.strip()
        kt = key(t)
        if not kt or len(kt) > 60 or "。" in kt:
            return None
        if kt in self.vocab.table_label_keys:
            return None  # 三、本年度办理结果 and friends are table labels, not headings
        hit = self.vocab.title_keys.get(key(t.lstrip("#")))
        if hit:
            return Heading(hit[0], None, "missing", t.lstrip("# "), "canonical" if hit[1] else "variant")
        m = H1_RE.match(t)
        if not m:
            return None
        ordinal, title = m.group("ord"), m.group("title").strip()
        style = "arabic" if ordinal.isdigit() else "cn"
        number = int(ordinal) if style == "arabic" else CN_DIGITS.index(ordinal[-1]) + 1 + (9 if len(ordinal) == 2 else 0)
        hit = self.vocab.title_keys.get(key(title))
        if hit:
            return Heading(hit[0], ordinal, style, title, "canonical" if hit[1] else "variant")
        if style == "cn" and len(key(title)) <= 40:
            section = self.fuzzy_section(title, number)
            if section is not None:
                return Heading(section, ordinal, style, title, "fuzzy")
        return None

    def fuzzy_section(self, title: str, number: int):
        """The section a damaged or reworded title of number `number` stands for, or None.

        It must resemble that section's title (or a variant) more than any other section's, and
        either closely (a wrong, missing or extra character: 行政法复议) or by a shared run of words
        with a clear margin (五、存在的主要问题及明年工作计划)."""
        k = key(title)
        if len(k) < 4:
            return None
        memo = self._fuzzy
        if (k, number) not in memo:
            if len(memo) > 4096:
                memo.clear()  # bounded: titles repeat across reports, crafted input need not
            memo[k, number] = self._fuzzy_section(k, number)
        return memo[k, number]

    def _fuzzy_section(self, k: str, number: int):
        from difflib import SequenceMatcher  # only reworded titles need it: most reports have none

        scored = []
        for s in self.vocab.sections:
            best = max((SequenceMatcher(None, k, key(c), autojunk=False) for c in (s.title,) + s.variants),
                       key=lambda m: m.ratio())
            scored.append((best.ratio(), max((b.size for b in best.get_matching_blocks()), default=0), s))
        scored.sort(key=lambda x: -x[0])
        ratio, run, s = scored[0]
        second = scored[1][0] if len(scored) > 1 else 0.0
        if s.number != number:
            return None
        if ratio >= 0.7 or (ratio >= 0.5 and run >= 5 and ratio - second >= 0.2):
            return s
        return None

    # -- segmentation -------------------------------------------------------------------------
    def _split_run_in(self, span: Span) -> list[Span]:
        """Split a line where a top-level heading is run into text (`…方面。二、主动公开…第二十条…`)."""
        if "、" not in span.text:
            return [span]  # every heading, exact or reworded, has its numeral's 、
        exact = self.vocab.run_in_heading_re.search(key(span.text))
        if not exact and len(span.text) < RUN_IN_FUZZY:
            return [span]  # the common case, decided on the cached key
        k, idx, _ = key_with_map(span)
        cuts = set()
        found = []
        for m in self.vocab.run_in_heading_re.finditer(k):
            found.append((m.start(), m.end()))
        if len(k) >= RUN_IN_FUZZY:
            found += self._fuzzy_run_in(k, found)
        for start, end in found:
            if start > 0:
                cuts.add(idx[start])
            rest = k[end:]
            # Cut after the heading only when a paragraph follows, not a reworded title (总体情况概述).
            if end < len(idx) and (len(rest) >= 8 or any(c in rest for c in SENTENCE_END + "，")):
                cuts.add(idx[end])
        if not cuts:
            return [span]
        bounds = [0] + sorted(cuts) + [len(span.text)]
        # Markdown heading marks (`## 一、总体情况`) belong to the heading, not a piece of their own.
        bounds = [b for b in bounds if b == 0 or span.text[:b].strip("# ")]
        return [span.slice(a, b) for a, b in zip(bounds, bounds[1:]) if span.text[a:b].strip()]

    def _table_like(self, span: Span) -> bool:
        """A line of pieces separated by spaces that starts a table: one piece is a table label, or
        the line ends in values after short label-like text (PDF text of a table's first lines)."""
        words = span.text.split()
        if any(key(w) in self.vocab.table_label_keys for w in words):
            return True
        values = 0
        while values < len(words) and is_value(words[len(words) - 1 - values]):
            values += 1
        text = words[:len(words) - values]
        return values >= 2 and all(len(w) <= MAX_FRAGMENT and "，" not in w and "," not in w for w in text)

    def _fuzzy_run_in(self, k: str, exact: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """Reworded or damaged headings run into a flattened page (`…000 五、存在的主要问题及明年工作计划2024年…`):
        the title runs from the numeral to the first digit or clause mark."""
        out = []
        taken = {s for s, _ in exact}
        for m in RUN_IN_NUMERAL_RE.finditer(k):
            start = m.start()
            if start in taken or (start > 0 and k[start - 1] not in RUN_IN_BEFORE and not k[start - 1].isdigit()):
                continue
            title = m.group("title")
            number = CN_DIGITS.index(m.group("ord")) + 1
            if self.fuzzy_section(title, number) is not None:
                out.append((start, m.end("title")))
        return out

    def _scan_flat(self, span: Span) -> list[LexCell] | None:
        """Cells of a table flattened onto one line, or None if the line is prose."""
        k, idx, gap = key_with_map(span)
        n = len(k)
        label_re = self.vocab.label_re
        cells: list[LexCell] = []
        unknown = 0
        pos = 0
        text_start = None

        def flush_text(end: int):
            nonlocal text_start
            if text_start is not None:
                cells.append(LexCell(span.text[idx[text_start]: idx[end - 1] + 1].strip(), span.line, span.col(idx[text_start])))
                text_start = None

        while pos < n:
            m = label_re.match(k, pos)
            if m and m.end() > pos:
                flush_text(pos)
                cells.append(LexCell(span.text[idx[pos]: idx[m.end() - 1] + 1], span.line, span.col(idx[pos])))
                pos = m.end()
                continue
            if k[pos].isdigit() or (k[pos] in "+-" and pos + 1 < n and k[pos + 1].isdigit()):
                flush_text(pos)
                end = pos + 1
                seen_dot = False
                while end < n and not gap[end]:
                    c = k[end]
                    if c.isdigit():
                        if label_re.match(k, end):
                            break  # the ordinal of the next label: 0000000|2.其他法律…
                    elif c == "." and not seen_dot and end + 1 < n and k[end + 1].isdigit() and not gap[end + 1]:
                        seen_dot = True
                    else:
                        break
                    end += 1
                for unit in UNITS:
                    if k.startswith(unit, end) and not label_re.match(k, end):
                        end += len(unit)
                        break
                end = _note_end(k, end, label_re)
                cells.append(LexCell(span.text[idx[pos]: idx[end - 1] + 1], span.line, span.col(idx[pos])))
                pos = end
                continue
            if text_start is None:
                text_start = pos
            unknown += 1
            pos += 1
        flush_text(n)
        labels = sum(1 for c in cells if c.key in self.vocab.table_label_keys)
        if len(cells) < 2 or labels == 0 or unknown > 0.15 * n:
            return None
        cells[0].first_in_line = True
        return cells

    def _segments(self, spans: list[Span]) -> list[_Segment]:
        out: list[_Segment] = []
        prev_single_tab: LexCell | None = None
        for span in spans:
            text = span.text
            if "\t" in text:
                cells = _tab_cells(span)
                out.append(_Segment(span, cells))
                prev_single_tab = cells[0] if len(cells) == 1 and cells[0].text else None
                continue
            stripped = text.strip()
            if prev_single_tab is not None and stripped and len(key(stripped)) <= 10 \
                    and not any(ch in stripped for ch in SENTENCE_END) and self.heading(stripped) is None \
                    and key(stripped) not in self.vocab.table_label_keys and not is_value(stripped):
                # A Word cell wrapped onto a line of its own: 商业 / 企业.
                prev_single_tab.text += stripped
                continue
            prev_single_tab = None
            if stripped.startswith("|") and stripped.count("|") >= 2:
                cells = _pipe_cells(span)
                if cells:
                    out.append(_Segment(span, cells))
                continue
            for piece in self._split_run_in(span):
                out.append(_Segment(piece))
        return out

    # -- classification -----------------------------------------------------------------------
    def lex(self, lines: list[str]) -> list[Item]:
        spans = [normalize_line(raw, i + 1) for i, raw in enumerate(lines)]
        items: list[Item] = []
        table: Item | None = None
        pending_break = False
        seen_heading = False

        def close_table():
            nonlocal table
            if table is not None:
                table.layout = _layout(table)
                items.append(table)
                table = None

        def add_cells(cells: list[LexCell], span: Span):
            nonlocal table, pending_break
            if table is None:
                at = span.strip()  # only a table's first line says where it starts
                table = Item("TABLE", at.line, at.col(0))
            if cells and pending_break:
                cells[0].break_before = True
            pending_break = False
            table.cells.extend(cells)

        segments = self._segments(spans)
        meta_key_waiting: str | None = None
        for seg in segments:
            if seg.cells is not None:
                add_cells(seg.cells, seg.span)
                continue
            span = seg.span.strip()
            text = span.text
            if not text:
                pending_break = True
                continue
            if not seen_heading:
                m = META_RE.match(text)
                if m or text in META_KEYS:
                    close_table()
                    items.append(Item("META", span.line, span.col(0), m.group("v").strip() if m else "",
                                      meta_key=m.group("k") if m else text))
                    meta_key_waiting = None if m and m.group("v").strip() else (m.group("k") if m else text)
                    continue
                if meta_key_waiting:
                    # Page metadata written as a key line and a value line (撰写时间 / 2024年…).
                    items[-1].text = text
                    meta_key_waiting = None
                    continue
                if set(text) <= set("=-—*_ ") or "正文" == key(text).strip("=-"):
                    continue
            head = self.heading(text)
            if head is not None:
                close_table()
                seen_heading = True
                marks = len(text) - len(text.lstrip("# "))
                items.append(Item("HEADING", span.line, span.col(marks), text[marks:], heading=head))
                continue
            k = key(text)
            # A lone 无 or — is a cell only inside a table; a number starts one (one cell per line).
            if k in self.vocab.table_label_keys or is_number(text) or (table is not None and is_value(text)):
                add_cells([LexCell(text, span.line, span.col(0), first_in_line=True)], span)
                continue
            numbers = _number_cells(span, table is not None or self._table_like(span)) \
                if table is not None or " " in text.strip() else None
            if numbers:
                add_cells(numbers, span)
                continue
            flat = self._scan_flat(span) if len(k) <= MAX_FLAT_LINE and (
                self.vocab.label_re.match(k) or table is not None) else None
            if flat:
                add_cells(flat, span)
                continue
            if table is not None and len(k) <= MAX_FRAGMENT and not any(c in k for c in SENTENCE_END):
                add_cells([LexCell(text, span.line, span.col(0), first_in_line=True)], span)
                continue
            close_table()
            if H2_RE.match(text) and len(k) <= 40 and "。" not in k:
                items.append(Item("SUBHEADING", span.line, span.col(0), text))
            else:
                items.append(Item("TEXT", span.line, span.col(0), text))
        close_table()
        _mark_title(items)
        return items


_WORD = regex(r"\S+")
_NOTE_RE = regex(r"（[^（）]{2,30}）")
_RUN_INSIDE = LazyPattern(r"[\u4e00-\u9fff]\d{2,}|\d{2,}[\u4e00-\u9fff]")
_SIGNED_PART = regex(r"[+-]?\d+(?:\.\d+)?")
_SIGNED_RUN = regex(r"\d+(?:\.\d+)?(?:[+-]\d+(?:\.\d+)?)+")
_ORDINAL_ONLY = regex(r"（[一二三四五六七八九十\d]{1,3}）")


def _note_end(k: str, end: int, label_re) -> int:
    """After a number, a note in brackets belongs to its cell (`168（其中修订160件）`), unless the
    bracket opens the next label (`0（一）予以公开`)."""
    m = _NOTE_RE.match(k, end)
    if m is None or _ORDINAL_ONLY.match(k, end) or label_re.match(k, end):
        return end
    return m.end()


def _number_cells(span: Span, in_table: bool) -> list[LexCell] | None:
    """A line of values separated by spaces (`100   0 183 0 283`), or inside a table pieces of
    labels followed by such values (PDF text: `一、本年新收政府信息公开申请数  762   385 …`): one
    cell each; None otherwise."""
    words = [(m.start(), m.group()) for m in _WORD.finditer(span.text)]
    if len(words) < 2 or len(words) > MAX_FRAGMENT:
        return None
    n = len(words)
    while n and is_value(words[n - 1][1]):
        n -= 1
    # Outside a table only a line of values; inside one, also pieces of labels (with or without
    # values after them), which the table reader joins again where they make one label.
    if (n and not in_table) or any(c in w for _, w in words[:n] for c in SENTENCE_END):
        return None
    if any(len(w) > MAX_FRAGMENT or _RUN_INSIDE.search(w) for _, w in words[:n]):
        return None  # labels and digits run together: a flattened table, for _scan_flat
    cells = []
    for i, w in words:
        # Values run together with their signs (`92+48`, `2648-18538`): a cell from each sign on.
        parts = [(m.start(), m.group()) for m in _SIGNED_PART.finditer(w)] if _SIGNED_RUN.fullmatch(w) else [(0, w)]
        cells += [LexCell(p, span.line, span.col(i + j)) for j, p in parts]
    cells[0].first_in_line = True
    return cells


def _layout(table: Item) -> str:
    lines: dict[int, int] = {}
    for c in table.cells:
        lines[c.line] = lines.get(c.line, 0) + 1
    if any(n >= 2 for n in lines.values()):
        return "line"
    breaks = sum(1 for c in table.cells[1:] if c.break_before)
    if breaks and breaks < 0.8 * (len(table.cells) - 1):
        return "blank"
    return "none"


TITLE_WORDS = ("报告",)
DOC_HEADER_RE = regex(r"(文件$|〔\d{4}〕|\[\d{4}\]|号$)")


def _mark_title(items: list[Item]) -> None:
    """The report title: page metadata 标题, else the first short line naming a 报告 before 一、."""
    front = []
    for it in items:
        if it.type == "HEADING":
            break
        front.append(it)
    for it in front:
        if it.type == "META" and it.meta_key == "标题" and it.text:
            return
    texts = [it for it in front if it.type in ("TEXT", "SUBHEADING")]
    for i, it in enumerate(texts[:8]):
        k = key(it.text.lstrip("#"))
        if any(w in k for w in TITLE_WORDS) and len(k) <= 60 and not k.startswith("本") and not is_breadcrumb(it.text):
            it.type = "TITLE"
            it.text = it.text.lstrip("# ").strip()
            prev = texts[i - 1] if i > 0 else None
            if prev is not None and prev.line >= it.line - 2 and len(key(prev.text)) <= 30 \
                    and not DOC_HEADER_RE.search(key(prev.text)) and not any(c in prev.text for c in "。，：:"):
                # Agency on its own line above the title (Word layout): 某市卫生健康委员会 / 2021年…
                it.text = prev.text.strip() + it.text
                it.line, it.col = prev.line, prev.col
                items.remove(prev)
            return
