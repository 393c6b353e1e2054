"""Hypothesis strategies for well-formed 政府信息公开工作年度报告, and their rendering as text.

A `GeneratedReport` holds only the data (template, year, agency, every table value, the wording
chosen for headings and prose); `render` turns it into one of the four serialisations seen in
real reports (template-spec §7.1(4)):

    cell-per-line  every heading, label and number on its own line, blank line between (seed 000)
    docx-tabs      Word export: one cell per line starting with a tab, blank line between rows (001, 004)
    tsv            Markdown headings, one tab-separated table row per line (002)
    pipe           Markdown headings, pipe tables with a |---| separator after the first row

Everything the generator needs about the templates is read from the rule packs, so a pack
change (a relabelled row, a new column) is picked up here without editing this file. The only
hard-coded knowledge is what the packs do not say: where each merged group label of table 三
starts, and the shape of the multi-row headers.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from hypothesis import strategies as st

from gklint.pack import Pack, TableDef, builtin_packs
from gklint.vocab import cn_number

LAYOUTS = ("cell-per-line", "docx-tabs", "tsv", "pipe")
MD_LAYOUTS = ("tsv", "pipe")  # written to .md files
TEMPLATE_YEARS = {"2019": (2019, 2020), "2021": (2021, 2025)}

# Rows of table 三 named by relation A1 (R01 + R02 = R24 + R25); every other row is an outcome
# (set @outcomes) that A3 sums into R24.
T3_NEW, T3_CARRIED_IN, T3_TOTAL, T3_CARRIED_OUT = "R01", "R02", "R24", "R25"

# First row under each merged group label of table 三 (the packs list the labels, not their span).
GROUP_STARTS = {
    "三、本年度办理结果": "R03",
    "（三）不予公开": "R05",
    "（四）无法提供": "R13",
    "（五）不予处理": "R16",
    "（六）其他处理": "R21",  # 2021 only; in 2019 it is the data row R21_19 itself
}
OUTER_GROUP = "三、本年度办理结果"  # spans R03 (（一）予以公开) to R24 (（七）总计)

MAX_VALUE = 200

AGENCY_PLACES = ("太康县", "绥化市", "漳平市", "上海市", "文登区", "荣成市", "长春市", "徐闻县", "某市", "杨凌示范区")
AGENCY_BODIES = ("卫生健康委员会", "人民政府办公室", "交通运输局", "审计局", "司法局", "信访局",
                 "行政审批服务局", "自然资源局", "国有资产监督管理局", "人民政府")

# Neutral prose: no numbers, years, table labels or claims that a text-vs-table rule could contest.
PROSE = {
    "s1": ("我局坚持以公开为常态、不公开为例外，扎实推进政府信息公开工作，主动公开、依申请公开、政府信息管理、"
           "平台建设和监督保障等各项工作有序开展，工作考核、社会评议和责任追究制度落实到位。",
           "我局认真贯彻落实政府信息公开条例，健全工作机制，强化组织领导，主动公开和依申请公开工作规范有序，"
           "政府信息管理、政务公开平台建设和监督保障不断加强，工作考核、社会评议和责任追究结果均已公开。"),
    "s2": ("我局依托门户网站和政务新媒体及时主动公开政府信息，公开内容不断丰富，公开渠道持续拓宽。",
           "我局严格落实公开属性源头认定机制，做到应公开尽公开。"),
    "s3": ("我局严格按照法定程序和时限办理政府信息公开申请，做到依法答复、规范办理。",
           "我局进一步规范依申请公开工作流程，认真做好登记、审核、答复和归档等各环节工作。"),
    "s4": ("我局高度重视政府信息公开相关的复议和诉讼工作，依法积极应对，认真落实相关决定。",
           "我局持续加强依法行政，认真研究案件中反映的问题，不断提升依法办理水平。"),
    "s5": ("存在的主要问题是信息公开的及时性和规范性有待提高。下一步，我局将加强业务培训，完善工作机制，持续提升公开质量。上年度报告所提问题已全部整改。",
           "工作中仍存在公开内容不够丰富、解读形式较为单一等问题。我局将对照要求逐项整改，推动工作再上新台阶。"),
    "s6": ("本年度未收取信息处理费。政务公开工作要点各项任务和建议提案办理结果公开工作均已落实。无其他需要报告的事项。",
           "我局依照有关规定做好相关工作，未收取信息处理费，政务公开工作要点和建议提案办理结果公开均按要求落实。"),
}
PREAMBLE = ("本报告依据《中华人民共和国政府信息公开条例》和有关要求编制。"
            "本报告中使用数据统计时限为{year}年1月1日至12月31日。如对本报告有任何疑问，请与我局联系。")

Cell = tuple[str, str, str]  # (table key, row key, column key)


@dataclass
class GeneratedReport:
    template: str  # "2019" or "2021"
    year: int
    agency: str
    values: dict[Cell, int]
    headings: tuple[str, ...] = ()  # title of each section, canonical or a pack variant
    prose: tuple[str, ...] = ()  # one paragraph per section
    variant_used: bool = False  # some heading is a variant: expect info GK104

    @property
    def pack(self) -> Pack:
        return builtin_packs()[self.template]

    def with_value(self, cell: Cell, value: int) -> "GeneratedReport":
        values = dict(self.values)
        values[cell] = value
        return dataclasses.replace(self, values=values)


# -- values ----------------------------------------------------------------------------------

def _count():
    # Zero is by far the most common value in real tables; hypothesis also shrinks towards it.
    return st.one_of(st.just(0), st.integers(0, MAX_VALUE))


def t3_columns(table: TableDef) -> tuple[list[str], str]:
    """Applicant columns (C1..C6) and the row total column (C7, the ungrouped 总计)."""
    total = next(c.key for c in table.columns if c.label == "总计")
    return [c.key for c in table.columns if c.key != total], total


def t4_groups(table: TableDef) -> list[tuple[str, list[str], str]]:
    """(group label, four result columns, total column) for 行政复议 and the two 行政诉讼 groups."""
    groups: dict[str, list[str]] = {}
    for c in table.columns:
        groups.setdefault(c.group, []).append(c.key)
    out = []
    for g, cols in groups.items():
        total = next(k for k in cols if table.column(k).label == "总计")
        out.append((g, [k for k in cols if k != total], total))
    return out


def outcome_rows(table: TableDef) -> list[str]:
    return [r for r in table.rows if "outcomes" in table.row_defs[r].sets]


@st.composite
def _t3_values(draw, table: TableDef) -> dict[Cell, int]:
    applicants, total_col = t3_columns(table)
    v: dict[Cell, int] = {}
    for r in outcome_rows(table):
        for c in applicants:
            v[("t3", r, c)] = draw(_count())
    for c in applicants:
        done = sum(v[("t3", r, c)] for r in outcome_rows(table))
        carried_out = draw(_count())
        carried_in = draw(st.integers(0, done + carried_out))
        v[("t3", T3_TOTAL, c)] = done
        v[("t3", T3_CARRIED_OUT, c)] = carried_out
        v[("t3", T3_CARRIED_IN, c)] = carried_in
        v[("t3", T3_NEW, c)] = done + carried_out - carried_in
    for r in table.rows:
        v[("t3", r, total_col)] = sum(v[("t3", r, c)] for c in applicants)
    return v


@st.composite
def _t4_values(draw, table: TableDef) -> dict[Cell, int]:
    (row,) = table.rows
    v: dict[Cell, int] = {}
    for _, parts, total in t4_groups(table):
        for k in parts:
            v[("t4", row, k)] = draw(_count())
        v[("t4", row, total)] = sum(v[("t4", row, k)] for k in parts)
    return v


@st.composite
def _section2_values(draw, pack: Pack) -> dict[Cell, int]:
    v: dict[Cell, int] = {}
    for t in pack.tables.values():
        if t.section != "s2":
            continue
        for r in t.rows:
            for c in t.columns:
                # 2019 本年增/减 is a signed change; amounts stay plain integers here.
                strat = st.integers(-MAX_VALUE, MAX_VALUE) if c.kind == "signed" else _count()
                v[(t.key, r, c.key)] = draw(strat)
    return v


@st.composite
def reports(draw, template: str | None = None) -> GeneratedReport:
    """A report whose tables satisfy every relation of its pack (A1–A6)."""
    template = template or draw(st.sampled_from(sorted(TEMPLATE_YEARS)))
    pack = builtin_packs()[template]
    lo, hi = TEMPLATE_YEARS[template]
    year = draw(st.integers(lo, hi))
    agency = draw(st.sampled_from(AGENCY_PLACES)) + draw(st.sampled_from(AGENCY_BODIES))
    values = {}
    values.update(draw(_section2_values(pack)))
    values.update(draw(_t3_values(pack.tables["t3"])))
    values.update(draw(_t4_values(pack.tables["t4"])))
    headings, variant_used = [], False
    for s in pack.sections:
        # Mostly canonical; a variant heading is accepted (info GK104), so it is fair game.
        title = draw(st.sampled_from((s.title,) * 3 + s.variants)) if s.variants else s.title
        variant_used |= title != s.title
        headings.append(title)
    prose = tuple(draw(st.sampled_from(PROSE[s.key])) for s in pack.sections)
    return GeneratedReport(template, year, agency, values, tuple(headings), prose, variant_used)


def mutable_cells(report: GeneratedReport) -> list[Cell]:
    """Cells of tables 三 and 四, the tables with arithmetic relations."""
    return sorted(k for k in report.values if k[0] in ("t3", "t4"))


@st.composite
def mutations(draw, report: GeneratedReport) -> tuple[GeneratedReport, Cell, int]:
    """The report with one cell of 三 or 四 changed by a non-zero delta, staying ≥ 0."""
    cell = draw(st.sampled_from(mutable_cells(report)))
    old = report.values[cell]
    delta = draw(st.integers(-old, MAX_VALUE).filter(lambda d: d != 0))
    return report.with_value(cell, old + delta), cell, delta


# -- table layout as rows of cells ------------------------------------------------------------
# A table is a list of rows; a row is a list of cells, each a text, EMPTY (the continuation of a
# cell merged from the row above: Word writes a lone tab for it) or PAD (the continuation of a
# cell merged from the left: Word writes nothing; TSV and pipe rows keep an empty column).
# Every layout renders the same rows, so they differ only in serialisation.

EMPTY, PAD = "", None


def _fmt(n: int) -> str:
    return str(n)


def _section2_tables(report: GeneratedReport) -> list[list[list[str | None]]]:
    out = []
    for t in report.pack.tables.values():
        if t.section != "s2":
            continue
        rows = [[t.name] + [PAD] * len(t.columns), ["信息内容"] + [c.label for c in t.columns]]
        for r in t.rows:
            rows.append([t.row_defs[r].label] + [_fmt(report.values[(t.key, r, c.key)]) for c in t.columns])
        out.append(rows)
    return out


def _t3_label_cells(table: TableDef) -> dict[str, list[str | None]]:
    """The three label cells of each row of table 三.

    A group label is written once, in the first row it spans (template-spec §7.1(4)). A sub-group
    such as （三）不予公开 spans the numbered rows after it, up to the next group or the next （…）
    row; in 2019 （六）其他处理 is such a row itself, not a group."""
    labels = {r.label for r in table.row_defs.values()}
    starts = {GROUP_STARTS[g]: g for g in table.groups if g not in labels}
    missing = set(table.groups) - labels - set(starts.values())
    assert not missing, f"no start row known for group labels {missing}"
    first, last = table.rows.index(GROUP_STARTS[OUTER_GROUP]), table.rows.index(T3_TOTAL)
    out, sub = {}, None
    for i, r in enumerate(table.rows):
        label = table.row_defs[r].label
        if not first <= i <= last:
            out[r] = [label, PAD, PAD]
            continue
        outer = OUTER_GROUP if i == first else EMPTY
        if r in starts and starts[r] != OUTER_GROUP:
            sub = starts[r]
            out[r] = [outer, sub, label]
        elif sub is not None and not label.startswith("（"):
            out[r] = [outer, EMPTY, label]
        else:
            sub = None
            out[r] = [outer, label, PAD]
    return out


def _t3_table(report: GeneratedReport) -> list[list[str | None]]:
    table = report.pack.tables["t3"]
    note, applicants_head = table.anchors[0], table.anchors[1]
    row2, row3 = [], []
    for c in table.columns:
        if c.group is None:  # 自然人, 总计: merged down over the sub-header row
            row2.append(c.label)
            row3.append(EMPTY)
        else:  # 法人或其他组织 over its five columns
            row2.append(c.group if c.group not in row2 else PAD)
            row3.append(c.label)
    rows = [
        [note, PAD, PAD, applicants_head] + [PAD] * (len(table.columns) - 1),
        [EMPTY, PAD, PAD] + row2,
        [EMPTY, PAD, PAD] + row3,
    ]
    for r, lead in _t3_label_cells(table).items():
        rows.append(lead + [_fmt(report.values[("t3", r, c.key)]) for c in table.columns])
    return rows


def _t4_table(report: GeneratedReport) -> list[list[str | None]]:
    table = report.pack.tables["t4"]
    (row,) = table.rows
    groups = t4_groups(table)
    (review, review_parts, review_total), litigation = groups[0], groups[1:]
    results = [table.column(k).label for k in review_parts + [review_total]]
    parent = next(h for h in table.header if h not in {g for g, _, _ in groups})  # 行政诉讼
    n = len(results)
    return [
        [review] + [PAD] * (n - 1) + [parent] + [PAD] * (len(table.columns) - n - 1),
        results + sum(([g] + [PAD] * (n - 1) for g, _, _ in litigation), []),
        [EMPTY] * n + sum(([table.column(k).label for k in parts + [total]] for _, parts, total in litigation), []),
        [_fmt(report.values[("t4", row, c.key)]) for c in table.columns],
    ]


# -- rendering ------------------------------------------------------------------------------------

def _render_table(rows: list[list[str | None]], layout: str) -> list[str]:
    """Lines of one table; a "" entry is a blank line."""
    if layout == "cell-per-line":
        return [c for row in rows for c in row if c]
    if layout == "docx-tabs":
        out = []
        for row in rows:
            out.extend("\t" + c for c in row if c is not PAD)
            out.append("")
        return out[:-1]
    cells = [[c or "" for c in row] for row in rows]
    if layout == "tsv":
        return ["\t".join(row) for row in cells]
    if layout == "pipe":
        width = max(len(r) for r in cells)
        lines = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in cells]
        return lines[:1] + ["|" + "---|" * width] + lines[1:]
    raise ValueError(f"unknown layout {layout!r}")


def _blocks(report: GeneratedReport, layout: str) -> list[tuple[str, list[str]]]:
    """(kind, lines) blocks in document order: title, text, heading, table."""
    md = layout in MD_LAYOUTS
    blocks = [("title", [("# " if md else "") + f"{report.agency}{report.year}年政府信息公开工作年度报告"]),
              ("text", [PREAMBLE.format(year=report.year)])]
    tables = {"s2": _section2_tables(report), "s3": [_t3_table(report)], "s4": [_t4_table(report)]}
    for s, title, prose in zip(report.pack.sections, report.headings, report.prose):
        blocks.append(("heading", [("## " if md else "") + f"{cn_number(s.number)}、{title}"]))
        blocks.append(("text", [prose]))
        for rows in tables.get(s.key, []):
            blocks.append(("table", _render_table(rows, layout)))
    return blocks


def render(report: GeneratedReport, layout: str) -> str:
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}")
    lines: list[str] = []
    blocks = _blocks(report, layout)
    for (kind, block), next_kind in zip(blocks, [k for k, _ in blocks[1:]] + [None]):
        if layout == "cell-per-line":
            for line in block:
                if line:
                    lines.extend([line, ""])
            continue
        lines.extend(block)
        if not (layout == "tsv" and kind == "table" and next_kind == "table"):
            lines.append("")  # seed 002 runs its sub-tables together without a blank line
    return "\n".join(lines)


def suffix(layout: str) -> str:
    return ".md" if layout in MD_LAYOUTS else ".txt"
