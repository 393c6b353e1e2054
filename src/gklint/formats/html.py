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
    rule: str  # rule name
    target: str | None = None  # anchor of the table cell to look at
    operands: list[dict] = field(default_factory=list)  # data["operands"], each with the "href" of its cell


@dataclass
class CellView:
    text: str
    id: str | None
    path: str
    kind: str = ""  # number | blank | n/a | text, or "" when the report has no such cell
    cls: str = ""
    finding: str | None = None  # anchor of the finding that marks it


@dataclass
class RowView:
    label: str  # as written in the report
    cells: list[CellView]
    cls: str = ""
    fix: str | None = None  # template label, when a finding says the report's differs
    finding: str | None = None


@dataclass
class TableView:
    key: str
    name: str
    line: int
    head: list[list[dict]]  # header rows of {"text", "colspan", "rowspan", "actual", "finding"}
    rows: list[RowView]


def _ref(path: str) -> tuple[str, str, str] | None:
    m = _CELL.match(path or "")
    return m.groups() if m else None


def _anchor(rid: str, table: str, row: str, col: str) -> str:
    return f"{rid}-{table}-{row}-{col}"


def _href(rid: str, path: str | None) -> str | None:
    ref = _ref(path)
    return _anchor(rid, *ref) if ref else None


def _marks(rid: str, views: list[FindingView]):
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
        # Where "look at the table" points: the suspect, else the finding's own cell, else an operand.
        paths = ((d.get("suspect") or {}).get("cell"), d.get("cell"), *d.get("cells", ()),
                 *(o.get("cell") for o in d.get("operands", ())))
        v.target = next((h for h in (_href(rid, p) for p in paths) if h), None)
    return cells, rows, labels


def _cell_view(rid: str, table, row, rkey: str, ckey: str, marks) -> CellView:
    cell = row.cells.get(ckey) if row else None
    cls, fid = marks.get((table.key, rkey, ckey), ("", None))
    return CellView(cell.raw if cell else "", _anchor(rid, table.key, rkey, ckey), f"{table.key}[{rkey}][{ckey}]",
                    cell.kind.replace("/", "") if cell else "", cls, fid)  # n/a -> na: a CSS class


def _table_view(rid: str, table, cells, rows, labels, t=_labels("zh")) -> TableView:
    d = table.definition
    # Two header rows when columns are grouped (申请人情况 › 法人或其他组织 › 商业企业 …), else one.
    grouped = any(c.group for c in d.columns)
    top, below = [{"text": t("item"), "colspan": 1, "rowspan": 2 if grouped else 1, "finding": None}], []
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
    for key in d.rows:  # in template order, missing rows included, so gaps show
        row = table.rows.get(key)
        canonical = d.row_defs[key].label or ""  # 表四's one row has no label
        _, fid = labels.get((table.key, canonical), (None, None)) if canonical else (None, None)
        cls = "missing" if row is None else "hl-row" if (table.key, key) in rows else ""
        out.append(RowView(row.label if row and row.label else canonical,
                           [_cell_view(rid, table, row, key, c.key, cells) for c in d.columns],
                           cls, canonical if fid else None, fid))
    for r in table.unknown_rows:  # a row the template does not have (its cells are not read)
        out.append(RowView(r.label or "?", [CellView("", None, "") for _ in d.columns], "extra"))
    return TableView(table.key, d.name, table.pos.line, [top, below] if grouped else [top], out)


def _report_view(n: int, result, rules: dict, t=_labels("zh")) -> dict:
    rid = f"r{n}"
    rep = result.report
    views = [FindingView(f"{rid}-f{i}", f, rules[f.code].name,
                         operands=[dict(o, href=_href(rid, o.get("cell"))) for o in f.data.get("operands", ())])
             for i, f in enumerate(result.findings, 1)]
    cells, rows, labels = _marks(rid, views)
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
    tables = [_table_view(rid, table, cells, rows, labels, t)
              for table in sorted(rep.tables.values(), key=lambda table: table.pos.line)] if rep else []
    return {
        "id": rid, "path": result.path, "report": rep, "groups": groups, "tables": tables,
        "counts": {s: sev[s] for s in SEVERITIES}, "total": len(result.findings),
        "status": next((s for s in SEVERITIES if sev[s]), "ok"),
        "template": rep.layout.template if rep and rep.layout else None,
        "expected": rep.expected.template if rep and rep.expected else None,
    }


def render(results, summary: bool = True, lang: str = "zh") -> str:
    rules = {r.code: r for r in all_rules()}
    t = _labels(lang)
    reports = [_report_view(n, r, rules, t) for n, r in enumerate(results, 1)]
    per_rule = Counter(f.code for r in results for f in r.findings)
    files_per_rule = Counter(code for r in results for code in {f.code for f in r.findings})
    used = [rules[c] for c in sorted(per_rule)]
    env = jinja2.Environment(loader=jinja2.PackageLoader("gklint", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("report.html.j2").render(
        reports=reports, version=__version__, severities=SEVERITIES, t=t,
        severity_name={s: severity_name(s, lang) for s in SEVERITIES},

        totals=Counter(f.severity for r in results for f in r.findings),
        rule_rows=[(r, per_rule[r.code], files_per_rule[r.code]) for r in used],
        rule_docs=[(r, render_rule(r, lang)) for r in used], lang=lang,
    )
