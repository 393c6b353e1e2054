"""GK2xx: the tables of sections 二, 三 and 四 — present, labelled as in the template, complete,
and holding the right kind of values."""

from __future__ import annotations

from ..i18n import q, table_en
from ..model import BLANK, NA, NUMBER, Report, Table
from .legacy import family, rule

MISSING = rule("GK201", "table-missing", "error", "缺少模板规定的表格",
               "模板规定第二部分有第二十条第（一）（五）（六）（八）项四个表（2019 年格式另有第（九）项），第三、四部分各有一个表。",
               "按模板补上缺少的表格。",
               summary_en="A table required by the template is missing",
               why_en="The template has four tables in section two, for Article 20 items (1), (5), (6) and (8) (the "
                      "2019 format also item (9)), and one table each in sections three and four.",
               fix_en="Add the missing table as in the template.")
NOT_FOUND = rule("GK202", "table-text-not-found", "warning", "部分标题下找不到表格文字（可能是图片）",
                 "网页上的表格有时以图片发布或在抓取时丢失；这不能证明报告漏了表格，需要人工确认（template-spec §7.1(11)）。",
                 "确认原报告中有表格；以图片发布的表格应改为文字表格，便于检索和核对。",
                 summary_en="No table text under a section heading (perhaps an image)",
                 why_en="Tables on web pages are sometimes published as images or lost in scraping; that does not "
                        "prove the report left the table out, and needs checking by hand (template-spec §7.1(11)).",
                 fix_en="Make sure the original report has the table; tables published as images should be text "
                        "tables, so they can be searched and checked.")
ROW_LABEL = rule("GK203", "row-label", "warning", "行标签与模板不一致",
                 "模板的行标签有规范写法；改写或错字会让审核者和统计汇总难以对应。", "把行标签改为消息中给出的模板写法。",
                 summary_en="A row label deviates from the template",
                 why_en="The template's row labels have a canonical wording; rewordings and typos make it hard for "
                        "reviewers and statistical aggregation to match the rows.",
                 fix_en="Change the row label to the template wording given in the message.")
COLUMN_LABEL = rule("GK204", "column-label", "warning", "列标题与模板不一致",
                    "模板的列标题有规范写法，如“本年废止件数”“社会公益组织”。",
                    "把列标题改为消息中给出的模板写法。", "“本年度止件数” → “本年废止件数”；“社会组织” → “社会公益组织”",
                    summary_en="A column heading deviates from the template",
                    why_en="The template's column headings have a canonical wording, such as “本年废止件数” and “社会公益组织”.",
                    fix_en="Change the column heading to the template wording given in the message.",
                    example_en="“本年度止件数” → “本年废止件数”; “社会组织” → “社会公益组织”")
ROWS_MISSING = rule("GK205", "rows-missing", "error", "表格缺少模板规定的行",
                    "2021 年格式表三有 25 个数据行，2019 年格式有 23 行；第二部分各表的行也是固定的。",
                    "补上缺少的行；没有发生的事项填 0。",
                    summary_en="A table lacks rows required by the template",
                    why_en="Table 3 of the 2021 format has 25 data rows, 23 in the 2019 format; the rows of the "
                           "tables in section two are fixed too.",
                    fix_en="Add the missing rows; fill in 0 for what did not happen.")
EXTRA_ROW = rule("GK206", "row-unknown", "warning", "表格中有模板没有的行",
                 "模板的行是固定的；多出的行可能是自加的小计，或是标签写错了。", "删除多出的行，或把标签改为模板写法。",
                 summary_en="A table has a row the template does not have",
                 why_en="The template's rows are fixed; an extra row may be a subtotal someone added, or a "
                        "mislabelled row.",
                 fix_en="Delete the extra row, or give it the template's label.")
BAD_VALUE = rule("GK208", "cell-value", "error", "单元格数值不合规：负数、小数或文字",
                 "件数是不小于 0 的整数；收费金额是不小于 0 的数（2019 年格式“本年增/减”可以为负）（template-spec A7、A8）。",
                 "改为合规的数字。",
                 summary_en="A cell value is not allowed: negative, fractional, or text",
                 why_en="Counts are whole numbers not below 0; fee amounts are numbers not below 0 (the 2019 format's"
                        " “本年增/减” may be negative) (template-spec A7, A8).",
                 fix_en="Correct it to an allowed number.")
BLANK_CELL = rule("GK209", "cell-blank", "info", "表格中有空白或“不适用”的单元格",
                  "空白不等于 0：漏填与“没有发生”无法区分，相关勾稽关系也无法核对。", "没有发生的事项填 0。",
                  summary_en="A table has blank or “not applicable” cells",
                  why_en="Blank is not 0: an omission cannot be told from “did not happen”, and the arithmetic "
                         "relations involved cannot be checked.",
                  fix_en="Fill in 0 for what did not happen.")


def check(report: Report):
    pack = report.layout
    if pack is None or (not report.looks_like_report()):
        return
    yield from _missing_tables(report, pack)
    for table in sorted(report.tables.values(), key=lambda t: (t.pos.line, t.pos.col)):
        if table.version != pack.template:
            continue  # a table of another version: GK4xx reports it
        yield from _labels(table)
        yield from _rows(table)
        yield from _values(table)

def _missing_tables(report: Report, pack):
    present = {s.key for s in report.sections}
    sections_with_blocks = {sk for sk, _ in report.table_blocks}
    for sdef in pack.sections:
        expected = [t for t in pack.tables.values() if t.section == sdef.key]
        if not expected or sdef.key not in present:
            continue  # no table here, or the whole section is missing (GK101)
        found = [t for t in expected if t.key in report.tables]
        if not found and sdef.key not in sections_with_blocks:
            section = report.section(sdef.key)
            yield NOT_FOUND.finding(f"“{section.heading.title}”下找不到表格文字；如表格是图片，请人工核对", section.pos,
                                    en=f"No table text under {q(section.heading.title)}; if the tables are images, "
                                       "check them by hand", section=sdef.key)
            continue
        for t in expected:
            if t.key not in report.tables:
                section = report.section(sdef.key)
                yield MISSING.finding(f"缺少表格“{t.name}”", section.pos, en=f"The table {q(t.name)} is missing",
                                      table=t.key)


def _labels(table: Table):
    for h in table.header:
        if h.role == "unknown" and h.canonical:
            yield COLUMN_LABEL.finding(f"{table.definition.name}：列标题“{h.text}”与模板不一致，应为“{h.canonical}”", h.pos,
                                       en=f"{table_en(table.definition)}: the column heading {q(h.text)} deviates "
                                          f"from the template; it should be {q(h.canonical)}",
                                       table=table.key, actual=h.text, fix=h.canonical)
    for row in table.rows.values():
        if row.variant:
            fix = table.definition.row_defs[row.key].label
            yield ROW_LABEL.finding(f"{table.definition.name}：行标签“{row.label}”的编号或标点与模板不同，模板为“{fix}”", row.pos,
                                    severity="info",
                                    en=f"{table_en(table.definition)}: the row label {q(row.label)} differs from the "
                                       f"template only in numbering or punctuation; the template has {q(fix)}",
                                    table=table.key, row=row.key, actual=row.label, fix=fix)
        if row.relabelled:
            fix = table.definition.row_defs[row.key].label
            yield ROW_LABEL.finding(f"{table.definition.name}：行标签“{row.label}”与模板不一致，应为“{fix}”", row.pos,
                                    en=f"{table_en(table.definition)}: the row label {q(row.label)} deviates from the "
                                       f"template; it should be {q(fix)}",
                                    table=table.key, row=row.key, actual=row.label, fix=fix)
    for row in table.unknown_rows:
        yield EXTRA_ROW.finding(f"{table.definition.name}：模板中没有“{row.label}”这一行", row.pos,
                                en=f"{table_en(table.definition)}: the template has no row {q(row.label)}",
                                table=table.key, actual=row.label)


def _rows(table: Table):
    definition = table.definition
    missing = [r for r in definition.rows if r not in table.rows]
    if not missing:
        return
    if not table.rows and not table.unknown_rows:
        yield ROWS_MISSING.finding(f"{definition.name}：找到了表头，但没有读到任何数据行", table.pos, table=table.key,
                                   en=f"{table_en(definition)}: the header was found, but no data rows were read",
                                   missing=list(missing))
        return
    labels = [definition.row_defs[r].label or r for r in missing]
    yield ROWS_MISSING.finding(f"{definition.name}缺少 {len(missing)} 行：" + "、".join(f"“{x}”" for x in labels),
                               _after(table, missing[0]), table=table.key, missing=list(missing),
                               en=f"{table_en(definition)} lacks {len(missing)} row{'s' if len(missing) > 1 else ''}: "
                                  + ", ".join(q(x) for x in labels))


def _after(table: Table, missing_key: str):
    """Position of the row just before where a missing row belongs."""
    order = list(table.definition.rows)
    before = [r for r in order[: order.index(missing_key)] if r in table.rows]
    return table.rows[before[-1]].pos if before else table.pos


def _values(table: Table):
    for row in table.rows.values():
        blanks = []
        for cell in row.cells.values():
            col = table.definition.column(cell.col)
            if cell.kind in (BLANK, NA):
                blanks.append(cell)
                continue
            kind = col.kind if col else "count"
            name = f"{table.definition.name}“{row.label or ''}”行“{col.label if col else cell.col}”列"
            name_en = f"{table_en(table.definition)}, row {q(row.label or '')}, column {q(col.label if col else cell.col)}"
            if cell.kind != NUMBER:
                yield BAD_VALUE.finding(f"{name}应为数字，实际为“{cell.raw}”", cell.pos, cell=cell.path, actual=cell.raw,
                                        en=f"{name_en} should be a number, but is {q(cell.raw)}")
            elif cell.value < 0 and kind != "signed":
                yield BAD_VALUE.finding(f"{name}不能为负数（{cell.raw}）", cell.pos, cell=cell.path, actual=cell.raw,
                                        en=f"{name_en} cannot be negative ({cell.raw})")
            elif kind in ("count", "signed") and cell.value != cell.value.to_integral_value():
                yield BAD_VALUE.finding(f"{name}是件数，应为整数，实际为“{cell.raw}”", cell.pos, cell=cell.path, actual=cell.raw,
                                        en=f"{name_en} is a count and should be a whole number, but is {q(cell.raw)}")
        if blanks:
            names = "、".join(f"“{(table.definition.column(c.col).label if table.definition.column(c.col) else c.col)}”"
                             for c in blanks[:4])
            yield BLANK_CELL.finding(f"{table.definition.name}“{row.label or ''}”行有 {len(blanks)} 个空白或不适用单元格（{names}"
                                     + (" 等" if len(blanks) > 4 else "") + "）；空白不等于 0", blanks[0].pos,
                                     en=f"{table_en(table.definition)}, row {q(row.label or '')}: {len(blanks)} blank or "
                                        f"not applicable cell{'s' if len(blanks) > 1 else ''} ("
                                        + names.replace("”、“", "”, “") + (" and more" if len(blanks) > 4 else "")
                                        + "); blank is not 0",
                                     table=table.key, row=row.key, cells=[c.path for c in blanks])

family(check)
