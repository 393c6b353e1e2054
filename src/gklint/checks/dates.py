"""GK7xx: dates. The core needs the report year: it chooses the template version."""

from __future__ import annotations

from ..model import Report
from . import rule

NO_YEAR = rule("GK701", "report-year-unknown", "error", "无法确定报告年度",
               "报告年度决定适用的模板版本（2020 年及以前用 2019 年试行格式，2021 年起用 2021 年格式）和发布时限。",
               "在标题中写明年度，如“××局2024年政府信息公开工作年度报告”；或用 --template 指定模板。")


def check(report: Report):
    if report.year is None and report.looks_like_report():
        yield NO_YEAR.finding("标题和前言中都找不到报告年度（如“2024年”），无法确定应适用的模板版本；"
                              "已按最新模板检查", report.title_pos)
