"""GK4xx: which template version the report follows, against the one its year requires.

The markers of each version (template-spec §4) are data in the packs; the table reader records
every marker it meets. 2020 and earlier → 2019 试行 format; 2021 and later → 2021 format.
"""

from __future__ import annotations

from ..i18n import template_en
from ..model import Pos, Report
from ..normalize import key
from .legacy import family, rule

OLD_LAYOUT = rule("GK401", "old-layout", "error", "2021 年及以后的报告使用了 2019 年试行格式的表格",
                  "国办公开办函〔2021〕30号印发修订后的格式，自 2021 年度报告起适用；2019 年试行格式（国办公开办函〔2019〕60号）已被替代。",
                  "按 2021 年格式重做表格：第二十条第（一）项改为“本年制发件数/本年废止件数/现行有效件数”，"
                  "删去第（九）项，表三“（六）其他处理”分为三个子项等。",
                  summary_en="A report for 2021 or later uses the tables of the 2019 trial format",
                  why_en="“国办公开办函〔2021〕30号” issued the revised format, which applies from the 2021 annual report; the"
                         " 2019 trial format (“国办公开办函〔2019〕60号”) has been replaced.",
                  fix_en="Redo the tables in the 2021 format: Article 20 (1) becomes “本年制发件数/本年废止件数/现行有效件数”, item (9)"
                         " is dropped, Table 3's “（六）其他处理” is split into three sub-items, and so on.")
MIXED = rule("GK402", "mixed-layout", "error", "2019 年与 2021 年格式混用",
             "同一报告的表格同时出现两个版本格式的标志，说明部分表格沿用了旧模板（template-spec §4）。",
             "统一使用报告年度适用的格式；例如 2021 年起表三“（六）其他处理”须分为“1.申请人无正当理由逾期不补正…”、"
             "“2.申请人逾期未按收费通知要求缴纳费用…”、“3.其他”三个子项。",
             "2024 年报告的表三中“（六）其他处理”直接填写数字，缺少三个子项",
             summary_en="The 2019 and 2021 formats are mixed",
             why_en="The report's tables carry markers of both format versions, so some tables kept the old template "
                    "(template-spec §4).",
             fix_en="Use the format of the report's year throughout; from 2021, for example, Table 3's “（六）其他处理” must"
                    " be split into the three sub-items “1.申请人无正当理由逾期不补正…”, “2.申请人逾期未按收费通知要求缴纳费用…” and “3.其他”.",
             example_en="A 2024 report's Table 3 gives a number for “（六）其他处理” directly, without the three sub-items")
NEW_LAYOUT_EARLY = rule("GK403", "new-layout-early", "warning", "2020 年及以前的报告使用了 2021 年格式",
                        "2021 年格式（国办公开办函〔2021〕30号）2021 年 9 月才印发，2020 年及以前的报告应使用 2019 年试行格式；"
                        "出现新格式通常说明报告事后被改写。", "确认报告年度是否写错；如报告确为 2020 年或以前，核对表格来源。",
                        summary_en="A report for 2020 or earlier uses the 2021 format",
                        why_en="The 2021 format (“国办公开办函〔2021〕30号”) was issued in September 2021; reports for 2020 "
                               "and earlier should use the 2019 trial format, so the new format usually means the "
                               "report was rewritten later.",
                        fix_en="Check whether the report's year is wrong; if the report really is for 2020 or "
                               "earlier, check where its tables came from.")
OLD_BASIS = rule("GK404", "obsolete-basis", "warning", "2021 年及以后的报告引用了已被替代的格式依据",
                 "2021 年度起适用国办公开办函〔2021〕30号印发的格式；引用国办公开办函〔2019〕60号或“（试行）”格式，"
                 "说明报告可能套用了旧模板。", "把依据改为《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）。",
                 summary_en="A report for 2021 or later cites a format basis that has been replaced",
                 why_en="From 2021 the format issued by “国办公开办函〔2021〕30号” applies; citing “国办公开办函〔2019〕60号” or the "
                        "“（试行）” format suggests the report reused the old template.",
                 fix_en="Cite “《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）” as the basis.")


def _markers_text(found, lang: str = "zh") -> str:
    """The first three distinct markers with their lines, in the message's language."""
    item, sep, more = ("“{}”（第 {} 行）", "、", " 等") if lang == "zh" else ("“{}” (line {})", ", ", " and more")
    shown = []
    for label, pos in found:
        text = item.format(label, pos.line)
        if text not in shown:
            shown.append(text)
    return sep.join(shown[:3]) + (more if len(shown) > 3 else "")


def check(report: Report):
    expected, layout = report.expected, report.layout
    if expected is None or layout is None:
        return
    year = report.year
    if layout is not expected:
        found = report.markers.get(layout.template, [])
        pos = found[0][1] if found else report.title_pos
        rule_ = OLD_LAYOUT if layout.template < expected.template else NEW_LAYOUT_EARLY
        yield rule_.finding(f"{year} 年度报告应使用{expected.name}，但表格按{layout.name}填写：{_markers_text(found)}；"
                            f"已按{layout.template}年格式核对表格", pos,
                            en=f"A report for {year} should use {template_en(expected)}, but its tables follow "
                               f"{template_en(layout)}: {_markers_text(found, 'en')}; the tables were checked against the "
                               f"{layout.template} format", expected=expected.template, detected=layout.template)
    else:
        foreign = {v: m for v, m in report.markers.items() if v != layout.template and m}
        for version, found in sorted(foreign.items()):
            own = report.markers.get(layout.template, [])
            yield MIXED.finding(
                f"{year if year else '本'}年度报告按{layout.name}填写（如{_markers_text(own)}），"
                f"但又出现 {version} 年格式的内容：{_markers_text(found)}；请统一使用 {layout.template} 年格式",
                found[0][1],
                en=f"The report{f' for {year}' if year else ''} follows {template_en(layout)} (such as "
                   f"{_markers_text(own, 'en')}), but also has content of the {version} format: {_markers_text(found, 'en')}; "
                   f"use the {layout.template} format throughout",
                expected=layout.template, detected=sorted(report.markers))
    if expected.obsolete_basis:
        yield from _obsolete_basis(report, expected)


def _obsolete_basis(report: Report, expected):
    wanted = [(b, key(b)) for b in expected.obsolete_basis]
    for it in report.text_items():
        k = key(it.text)
        for basis, bk in wanted:
            if bk in k:
                yield OLD_BASIS.finding(f"{report.year} 年度报告引用了“{basis}”作为依据，应依据{expected.name}",
                                        Pos(it.line, it.col), basis=basis,
                                        en=f"The report for {report.year} cites “{basis}” as its basis; it should cite "
                                           f"{template_en(expected)}")
                return

family(check)
