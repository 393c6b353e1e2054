"""HTML findings report: one self-contained page (inline CSS and a few lines of JS, nothing fetched),
so it works offline and can be mailed.

Per report: a header, the findings grouped by report section, and the report's tables re-drawn from
what gklint read, with the cells a finding is about highlighted. Report text only ever reaches
the page through jinja2's autoescaping.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .. import __version__, catalog
from ..checks import all_rules
from ..findings import SEVERITIES
from ..fingerprint import section_at
from ..origins import in_language
from ..places import cell_name
from ..ruledoc import render_rule, severity_name

_CELL = re.compile(r"^(.+?)\[(.+?)\]\[(.+?)\]$")

catalog.register("html", Path(__file__).with_suffix(".yaml"))


def _labels(lang: str):
    """`t(id, **args)`: a label of the page in `lang` (html.yaml)."""
    return lambda msg, **args: catalog.text(f"html:{msg}", lang, **args)


# Highlight strength: a cell keeps the strongest mark any finding gives it.
RANK = {"": 0, "hl-operand": 1, "hl-cell": 2, "hl-suspect": 3}


@dataclass
class FindingView:
    id: str
    f: object  # the Finding
    rule: str  # rule name in the page's language
    target: str | None = None  # anchor of the table cell (or table) to look at
    operands: list[dict] = field(default_factory=list)  # data["operands"], each with the "href" of its cell


@dataclass
class CellView:
    text: str
    id: str | None
    name: str  # the cell as people name it (its tooltip)
    kind: str = ""  # number | blank | n/a | text, or "" when the report has no such cell
    cls: str = ""
    finding: str | None = None  # anchor of the finding that marks it


@dataclass
class RowView:
    label: str  # as written in the report
    id: str
    cells: list[CellView]
    cls: str = ""
    fix: str | None = None  # template label, when a finding says the report's differs
    finding: str | None = None
    groups: list[dict] = field(default_factory=list)  # merged group labels starting here {"text", "rowspan"}
    colspan: int = 1  # of the label: the group columns this row has no group in


@dataclass
class TableView:
    id: str
    name: str
    where: str  # where the table starts, as a person finds it
    head: list[list[dict]]  # header rows of {"text", "colspan", "rowspan", "actual", "finding"}
    rows: list[RowView]


class _Anchors:
    """Anchors of a report's tables and cells: short neutral ids (`r1-c12`), never gklint's paths."""

    def __init__(self, rid: str, report):
        self.rid, self.cells = rid, {}
        tables = sorted(report.tables.values(), key=lambda table: table.pos.line) if report else []
        self.tables = {table.key: f"{rid}-table{n}" for n, table in enumerate(tables, 1)}

    def cell(self, ref: tuple) -> str:
        return self.cells.setdefault(ref, f"{self.rid}-c{len(self.cells) + 1}")

    def row(self, ref: tuple) -> str:
        return self.cells.setdefault(ref, f"{self.rid}-row{len(self.cells) + 1}")

    def href(self, path: str | None) -> str | None:
        ref = _ref(path)
        return self.cell(ref) if ref else None


def _ref(path: str) -> tuple[str, str, str] | None:
    m = _CELL.match(path or "")
    return m.groups() if m else None


def _marks(anchors: _Anchors, views: list[FindingView]):
    """Cell marks {(table,row,col): (class, finding id)}, row marks and label marks from finding data."""
    cells: dict[tuple, tuple[str, str]] = {}
    rows: dict[tuple, str] = {}
    labels: dict[tuple, tuple[str, str]] = {}  # (table, canonical label) -> (actual, finding id)

    def mark(path, cls, fid):
        ref = _ref(path)
        if ref and RANK[cls] > RANK[cells.get(ref, ("", None))[0]]:
            cells[ref] = (cls, fid)

    for v in views:
        d = v.f.data
        for o in d.get("operands", ()):
            mark(o.get("cell"), "hl-operand", v.id)
        for c in d.get("cells", ()):
            mark(c, "hl-cell", v.id)
        mark(d.get("cell"), "hl-cell", v.id)
        if d.get("suspect"):
            mark(d["suspect"].get("cell"), "hl-suspect", v.id)
        if d.get("table") and d.get("row"):
            rows.setdefault((d["table"], d["row"]), v.id)
        if d.get("table") and d.get("fix") and d.get("actual"):
            labels.setdefault((d["table"], d["fix"]), (d["actual"], v.id))
        # Where "look at the table" points: the suspect, else the finding's own cell, else an
        # operand, else the table the finding is about (missing rows, rows of another version).
        paths = ((d.get("suspect") or {}).get("cell"), d.get("cell"), *d.get("cells", ()),
                 *(o.get("cell") for o in d.get("operands", ())))
        table = anchors.tables.get(d.get("table")) if isinstance(d.get("table"), str) else None
        about = [anchors.row((d["table"], r)) for r in (*d.get("rows", ()), *d.get("missing", ()))] if table else []
        v.target = next((h for h in (anchors.href(p) for p in paths) if h), None) or next(iter(about), table)
    return cells, rows, labels


def _cell_view(anchors: _Anchors, report, table, row, rkey: str, ckey: str, marks, lang: str) -> CellView:
    cell = row.cells.get(ckey) if row else None
    cls, fid = marks.get((table.key, rkey, ckey), ("", None))
    name = cell_name(report, f"{table.key}[{rkey}][{ckey}]")
    return CellView(cell.raw if cell else "", anchors.cell((table.key, rkey, ckey)),
                    catalog.localise(name, lang) if name else "",
                    cell.kind.replace("/", "") if cell else "", cls, fid)  # n/a -> na: a CSS class


def _order(table) -> list[str]:
    """The template's rows in order, missing ones included so gaps show, and the rows of another
    version where the report has them (after the row they follow in the report)."""
    order = list(table.definition.rows)
    seen = list(table.rows)
    for i, k in enumerate(seen):
        if k not in order:
            before = next((p for p in reversed(seen[:i]) if p in order), None)
            order.insert(order.index(before) + 1 if before else 0, k)
    return order


def _group_cells(paths: list[tuple]) -> list[list[dict]]:
    """Per row, the merged group labels that start at it, each spanning the rows it heads."""
    out = []
    for i, path in enumerate(paths):
        starts = []
        for level, label in enumerate(path):
            prefix = path[:level + 1]
            if i and paths[i - 1][:level + 1] == prefix:
                continue  # spanned from a row above
            span = next((j for j in range(i + 1, len(paths)) if paths[j][:level + 1] != prefix), len(paths)) - i
            starts.append({"text": label, "rowspan": span})
        out.append(starts)
    return out


def _table_view(anchors: _Anchors, report, table, cells, rows, labels, t, lang: str) -> TableView:
    d = table.definition
    order = _order(table)
    paths = [tuple(d.row_defs[k].group if k in d.row_defs else table.rows[k].group) for k in order]
    depth = max((len(p) for p in paths), default=0)
    # Two header rows when columns are grouped (申请人情况 › 法人或其他组织 › 商业企业 …), else one.
    grouped = any(c.group for c in d.columns)
    top, below = [{"text": t("item"), "colspan": depth + 1, "rowspan": 2 if grouped else 1, "finding": None}], []
    for c in d.columns:
        actual, fid = labels.get((table.key, c.label), (None, None))
        cell = {"text": c.label, "colspan": 1, "rowspan": 1, "actual": actual, "finding": fid}
        if not c.group:
            top.append(dict(cell, rowspan=2 if grouped else 1))
            continue
        if top[-1].get("group") != c.group:
            top.append({"text": c.group, "colspan": 0, "rowspan": 1, "finding": None, "group": c.group})
        top[-1]["colspan"] += 1
        below.append(cell)
    out = []
    for key, path, starts in zip(order, paths, _group_cells(paths)):
        row = table.rows.get(key)
        rd = d.row_defs.get(key)
        canonical = (rd.label if rd else row.template_label) or ""  # 表四's one row has no label
        _, fid = labels.get((table.key, canonical), (None, None)) if canonical else (None, None)
        cls = "missing" if row is None else "other-version" if rd is None else "hl-row" if (table.key, key) in rows else ""
        out.append(RowView(row.label if row and row.label else canonical, anchors.row((table.key, key)),
                           [_cell_view(anchors, report, table, row, key, c.key, cells, lang) for c in d.columns],
                           cls, canonical if fid else None, fid, starts, depth - len(path) + 1))
    for r in table.unknown_rows:  # a row the template does not have (its cells are not read)
        out.append(RowView(r.label or "?", "", [CellView("", None, "") for _ in d.columns], "extra", colspan=depth + 1))
    origin = _origin(report, table.pos.line)
    where = t("from-place", where=in_language(origin, lang)) if origin else t("from-line", line=table.pos.line)
    return TableView(anchors.tables[table.key], d.name, where, [top, below] if grouped else [top], out)


def _origin(report, line: int) -> str | None:
    origins = report.origins or []
    return origins[line - 1] if 1 <= line <= len(origins) else None


def _report_view(n: int, result, rules: dict, t, lang: str) -> dict:
    rid = f"r{n}"
    rep = result.report
    anchors = _Anchors(rid, rep)
    views = [FindingView(f"{rid}-f{i}", f, rules[f.code].title(lang),
                         operands=[dict(o, href=anchors.href(o.get("cell")), name=_name(rep, o.get("cell"), lang))
                                   for o in f.data.get("operands", ())])
             for i, f in enumerate(result.findings, 1)]
    cells, rows, labels = _marks(anchors, views)
    # Findings by the section whose heading precedes them; front matter first.
    sections = rep.sections if rep else []
    titles = {None: t("beginning")}
    for s in sections:
        h = s.heading
        titles.setdefault(s.key, f"{h.ordinal}、{h.title}" if h.ordinal else h.title)
    grouped: dict = {}
    for v in views:
        grouped.setdefault(section_at(rep, v.f.line), []).append(v)
    groups = [(titles[k], grouped[k]) for k in titles if k in grouped]  # titles: None, then report order
    sev = Counter(f.severity for f in result.findings)
    tables = [_table_view(anchors, rep, table, cells, rows, labels, t, lang)
              for table in sorted(rep.tables.values(), key=lambda table: table.pos.line)] if rep else []
    return {
        "id": rid, "path": result.path, "report": rep, "groups": groups, "tables": tables,
        "counts": {s: sev[s] for s in SEVERITIES}, "total": len(result.findings),
        "status": next((s for s in SEVERITIES if sev[s]), "ok"),
        "template": rep.layout.template if rep and rep.layout else None,
        "expected": rep.expected.template if rep and rep.expected else None,
        "other_version": any(row.cls == "other-version" for tv in tables for row in tv.rows),
    }


def _name(report, path: str | None, lang: str) -> str:
    name = cell_name(report, path) if report is not None and path else None
    return catalog.localise(name, lang) if name else ""


def render(results, summary: bool = True, lang: str = "zh") -> str:
    rules = {r.code: r for r in all_rules()}
    t = _labels(lang)
    reports = [_report_view(n, r, rules, t, lang) for n, r in enumerate(results, 1)]
    per_rule = Counter(f.code for r in results for f in r.findings)
    files_per_rule = Counter(code for r in results for code in {f.code for f in r.findings})
    # The severities the findings were given (configuration, the pack's per-year settings and the
    # rule itself may all differ from the rule's default), most severe first.
    given = {code: [s for s in SEVERITIES if any(f.severity == s for r in results for f in r.findings if f.code == code)]
             for code in per_rule}
    used = [rules[c] for c in sorted(per_rule)]
    env = jinja2.Environment(loader=jinja2.PackageLoader("gklint", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("report.html.j2").render(
        reports=reports, version=__version__, severities=SEVERITIES, t=t,
        severity_name={s: severity_name(s, lang) for s in SEVERITIES},
        totals=Counter(f.severity for r in results for f in r.findings),
        rule_rows=[(r, r.title(lang), [severity_name(s, lang) for s in given[r.code]], per_rule[r.code],
                    files_per_rule[r.code]) for r in used],
        rule_docs=[(r, render_rule(r, lang)) for r in used], lang=lang,
    )
