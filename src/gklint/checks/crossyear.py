"""GK8xx: this year's report against the same body's report for the previous year (template-spec
§5.3 X1–X4, ARI-005/006, CNT-007).

These rules need two reports, so they are not among `checkers()`: the CLI pairs the files
(`gklint.pairing`: `--previous FILE`, or two checked files with the same agency and years Y−1, Y)
and calls `check_pair(this, last)`. Findings point into this year's report; the message names the
other file and `data["previous"]` holds its path.
"""

from __future__ import annotations

import os
import re
from decimal import Decimal
from typing import Iterable

from ..findings import Finding
from ..model import NUMBER, Pos, Report
from .legacy import rule

CARRY = rule("GK801", "carry-over-mismatch", "warning",
             "表三“二、上年结转政府信息公开申请数量”与上一年度报告的“四、结转下年度继续办理”不一致",
             "上一年度结转下年度继续办理的申请，就是本年度的上年结转（template-spec §5.3 X1，ARI-005）；两份报告"
             "同一列的这两个数字应相等。只在同时检查同一机关上一年度的报告时核对（--previous，或同一次检查中机关名称"
             "相同、年度相邻的两个文件）；任一单元格空白或无法读取时不核对。",
             "核对两份报告的表三：本年“上年结转”各列应照抄上年“结转下年度继续办理”；若上年报告有误，应在本年报告中说明。",
             "2022 年报告“结转下年度继续办理”自然人 3，2023 年报告“上年结转”自然人 0",
             summary_en="Table 3: “二、上年结转政府信息公开申请数量” differs from “四、结转下年度继续办理” in the previous year's report",
             why_en="Requests carried over to next year are this year's carry-over from last year (template-spec §5.3 X1, "
                    "ARI-005), so the two figures must be equal column by column. Checked only when the same body's "
                    "previous report is checked too (--previous, or two files of one run with the same agency and "
                    "consecutive years); not checked when either cell is blank or unreadable.",
             fix_en="Copy each column of last year's “结转下年度继续办理” into this year's “上年结转”; if last year's "
                    "report was wrong, say so in this year's report.",
             example_en="2022 report: carried over, natural persons 3; 2023 report: carried over from last year, natural persons 0")
ROLL = rule("GK802", "in-force-roll-forward", "info",
            "“现行有效件数”与上年现行有效件数加本年制发、减本年废止的结果不一致（启发式）",
            "【启发式】按 2021 年格式，规章、行政规范性文件的现行有效件数一般可由上年现行有效件数 + 本年制发件数 − "
            "本年废止件数推出（template-spec §5.3 X2，ARI-006）；但清理、失效、统计口径调整（如汇总下级机关）都会使"
            "两者不同，实际报告中常见不一致，所以只作提示。只在两份报告都按 2021 年格式填表时核对。",
            "核对现行有效件数的统计口径；如因清理、到期失效或口径变化而不一致，可在正文中说明原因。",
            "上年现行有效 698 + 本年制发 77 − 本年废止 132 = 643，但本年现行有效 470",
            summary_en="“现行有效件数” differs from last year's figure plus issued minus repealed (heuristic)",
            why_en="[Heuristic] In the 2021 format the documents in force can usually be derived as last year's in force "
                   "+ issued this year − repealed this year (template-spec §5.3 X2, ARI-006); clean-ups, expiry and "
                   "changes of scope (e.g. totals for subordinate bodies) make them differ, and real reports often do, "
                   "so this is only a hint. Checked only when both reports use the 2021 layout.",
            fix_en="Check how the documents in force were counted; if clean-up, expiry or a change of scope explains "
                   "the difference, say so in the text.",
            example_en="last year in force 698 + issued 77 − repealed 132 = 643, but in force this year 470")
SAME_TEXT = rule("GK803", "text-copied-from-last-year", "warning",
                 "正文与上一年度报告几乎相同（不计数字和年份）",
                 "国办公开办函〔2021〕30号“（四）明确责任”：发布内容雷同、敷衍塞责的要依照条例第四十七条追究责任"
                 "（template-spec §5.3 X4，CNT-007）。比较两份报告的正文段落（前言和各部分的段落，去掉数字和年份、"
                 "空白和标点），以 4 字片段集合的 Jaccard 相似度衡量，达到 90% 即报告。",
                 "按本年度实际工作重写总体情况、存在的问题及改进情况等部分，不要只改数字和年份。",
                 "2023 年报告正文与 2022 年报告相同，只改了年份和统计数字",
                 summary_en="The text is nearly the same as last year's report (ignoring numbers and years)",
                 why_en="“国办公开办函〔2021〕30号” “（四）明确责任”: reports whose content is copied (“内容雷同”) or "
                        "perfunctory lead to responsibility under Article 47 of the Regulations (template-spec §5.3 X4, CNT-007). The paragraphs of both "
                        "reports (preamble and sections, without numbers, years, spaces and punctuation) are compared "
                        "by the Jaccard similarity of their 4-character shingles; 90% or more is reported.",
                 fix_en="Rewrite the overview, problems and improvements and the other parts for this year's actual "
                        "work instead of changing only numbers and years.",
                 example_en="the 2023 report repeats the 2022 text with only the year and figures changed")

COLUMNS = ("C1", "C2", "C3", "C4", "C5", "C6", "C7")
SIMILARITY = 0.9  # GK803 threshold (Jaccard of shingles)
SHINGLE = 4
MIN_CHARS = 200  # shorter narratives are too little text to call a copy

_NUMBERS = re.compile(r"\d+(?:[.,．]\d+)*")  # 4-digit years are numbers too
_NOISE = re.compile(r"[\s\W_]+")  # white space and punctuation


def _name(report: Report) -> str:
    return os.path.basename(report.path)


def _col_label(report: Report, col: str) -> str:
    c = report.tables["t3"].definition.column(col)
    return c.label if c is not None else col


def _fmt(v: Decimal) -> str:
    return format(v.normalize(), "f") if v == v.to_integral_value() else str(v)


def _carry_over(this: Report, last: Report) -> Iterable[Finding]:
    t_this, t_last = this.tables.get("t3"), last.tables.get("t3")
    if t_this is None or t_last is None:
        return
    for col in COLUMNS:
        now, before = t_this.cell("R02", col), t_last.cell("R25", col)
        if now is None or before is None or now.kind != NUMBER or before.kind != NUMBER or not (now.certain and before.certain):
            continue  # blank, not applicable or unreadable: not checkable
        if now.value == before.value:
            continue
        label = _col_label(this, col)
        yield CARRY.finding(
            f"表三“二、上年结转政府信息公开申请数量”“{label}”列为 {_fmt(now.value)}，但上一年度报告 {_name(last)}"
            f"（{last.year} 年）“四、结转下年度继续办理”同一列为 {_fmt(before.value)}；两者应相等",
            now.pos, en=f"Table 3 “二、上年结转政府信息公开申请数量”, column “{label}”, is {_fmt(now.value)}, but the "
            f"previous report {_name(last)} ({last.year}) has {_fmt(before.value)} in “四、结转下年度继续办理” of the "
            f"same column; they should be equal", cell=now.path, table="t3", row="R02", expected=str(before.value),
            actual=str(now.value), previous=last.path, previous_cell=before.path, previous_line=before.pos.line)


def _roll_forward(this: Report, last: Report) -> Iterable[Finding]:
    if not (this.layout and last.layout and this.layout.template == "2021" and last.layout.template == "2021"):
        return
    t_this, t_last = this.tables.get("t2_1"), last.tables.get("t2_1")
    if t_this is None or t_last is None:
        return
    for row in ("rules", "normative"):
        cells = [t_last.cell(row, "in_force"), t_this.cell(row, "issued"), t_this.cell(row, "repealed"),
                 t_this.cell(row, "in_force")]
        if any(c is None or c.kind != NUMBER or not c.certain for c in cells):
            continue
        before, issued, repealed, now = (c.value for c in cells)
        expected = before + issued - repealed
        if expected == now:
            continue
        rd = t_this.definition.row_defs.get(row)
        label = (rd.label if rd else None) or row
        yield ROLL.finding(
            f"“{label}”现行有效件数为 {_fmt(now)}，但上一年度报告 {_name(last)}（{last.year} 年）现行有效 "
            f"{_fmt(before)} + 本年制发 {_fmt(issued)} − 本年废止 {_fmt(repealed)} = {_fmt(expected)}"
            f"（相差 {_fmt(now - expected)}）；如因清理、失效或统计口径变化，可在正文中说明",
            cells[3].pos, en=f"“{label}” in force is {_fmt(now)}, but the previous report {_name(last)} ({last.year}) "
            f"gives in force {_fmt(before)} + issued {_fmt(issued)} − repealed {_fmt(repealed)} = {_fmt(expected)} "
            f"(difference {_fmt(now - expected)}); if clean-up, expiry or a change of scope explains it, say so in the text", cell=cells[3].path, table="t2_1", row=row, expected=str(expected),
            actual=str(now), previous=last.path, previous_cell=cells[0].path)


def narrative(report: Report) -> str:
    """The report's paragraphs (front matter and sections), without numbers, years, spaces, punctuation."""
    items = [i for i in report.front if i.type == "TEXT"]
    for s in report.sections:
        items += s.paragraphs()
    text = "".join(i.text for i in items)
    return _NOISE.sub("", _NUMBERS.sub("", text))


def _shingles(text: str) -> set[str]:
    return {text[i:i + SHINGLE] for i in range(len(text) - SHINGLE + 1)}


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the sets of 4-character shingles (1.0: the same text)."""
    sa, sb = _shingles(a), _shingles(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


def _same_text(this: Report, last: Report) -> Iterable[Finding]:
    a, b = narrative(this), narrative(last)
    if len(a) < MIN_CHARS or len(b) < MIN_CHARS:
        return
    score = similarity(a, b)
    if score < SIMILARITY:
        return
    first = next((i for i in this.front if i.type == "TEXT"), None)
    if first is None:
        first = next((p for s in this.sections for p in s.paragraphs()), None)
    pos = this.title_pos if first is None else Pos(first.line, first.col)
    yield SAME_TEXT.finding(
        f"正文与上一年度报告 {_name(last)}（{last.year} 年）几乎相同：不计数字和年份，相似度 {score:.0%}"
        f"（阈值 {SIMILARITY:.0%}）；年度报告应写本年度的实际工作，不应只改数字和年份",
        pos, en=f"The text is nearly the same as the previous report {_name(last)} ({last.year}): ignoring numbers "
        f"and years, {score:.0%} similar (threshold {SIMILARITY:.0%}); a report should describe this year's work, "
        f"not change only numbers and years",
        similarity=round(score, 3), threshold=SIMILARITY, previous=last.path,
        anchor="narrative")  # one per report: the similarity figure must not change its fingerprint


def check_pair(this: Report, last: Report) -> Iterable[Finding]:
    """Findings for `this` report against `last`, the same body's report for the year before."""
    if not this.looks_like_report() or not last.looks_like_report():
        return
    yield from _carry_over(this, last)
    yield from _roll_forward(this, last)
    yield from _same_text(this, last)
