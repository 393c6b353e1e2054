"""GK1xx: the six sections of the report, their headings, and the report title."""

from __future__ import annotations

from ..i18n import q
from ..model import Report
from ..normalize import key
from ..vocab import cn_number
from .legacy import family, rule

MISSING = rule("GK101", "section-missing", "error", "缺少模板规定的部分",
               "《政府信息公开条例》第五十条规定年度报告的内容；国办公开办函〔2021〕30号要求严格按格式编写，“不能遗漏”。",
               "按模板补上该部分及其标题，如“四、政府信息公开行政复议、行政诉讼情况”。",
               summary_en="A section required by the template is missing",
               why_en="Article 50 of the Regulations on Open Government Information sets the contents of the annual "
                      "report; “国办公开办函〔2021〕30号” requires the format to be followed strictly, with nothing left out.",
               fix_en="Add the section and its heading as in the template, such as “四、政府信息公开行政复议、行政诉讼情况”.")
ORDER = rule("GK102", "section-order", "warning", "各部分顺序与模板不一致",
             "模板规定六个部分的顺序为一至六。", "按“一、总体情况”至“六、其他需要报告的事项”的顺序排列。",
             summary_en="The sections are not in the template's order",
             why_en="The template orders the six sections one to six.",
             fix_en="Order them from “一、总体情况” to “六、其他需要报告的事项”.")
DUPLICATE = rule("GK103", "section-duplicate", "warning", "同一部分出现多次",
                 "每个部分在报告中只应出现一次；重复通常是复制粘贴或误把小标题写成一级标题。",
                 "合并重复的部分，或把误用的一级标题改为小标题。",
                 summary_en="A section appears more than once",
                 why_en="Each section should appear once; a repeat usually comes from copy and paste or a sub-heading"
                        " written as a top-level heading.",
                 fix_en="Merge the repeated sections, or turn the misused top-level heading into a sub-heading.")
VARIANT = rule("GK104", "heading-variant", "info", "部分标题使用了常见的变体写法",
               "模板有规范标题；实践中常见的变体（如“五、政府信息公开工作存在的主要问题及改进情况”）可以接受，但建议统一。",
               "改为模板标题，消息中给出了规范写法。",
               summary_en="A section heading uses a common variant wording",
               why_en="The template has canonical headings; common variants in practice (such as "
                      "“五、政府信息公开工作存在的主要问题及改进情况”) are acceptable but better made uniform.",
               fix_en="Use the template heading given in the message.")
NUMBERING = rule("GK105", "heading-numbering", "warning", "一级标题编号不是“一、”式",
                 "模板的一级标题用中文数字加顿号（“一、”至“六、”）；“2、”或缺少编号会让结构难以辨认。",
                 "把编号改为与所在部分对应的中文数字加顿号，如“二、主动公开政府信息情况”。",
                 "“2、 主动公开政府信息情况” → “二、主动公开政府信息情况”",
                 summary_en="A top-level heading is not numbered in the “一、” style",
                 why_en="The template numbers top-level headings with Chinese numerals and “、” (“一、” to “六、”); “2、” "
                        "or a missing number makes the structure hard to recognise.",
                 fix_en="Number the heading with the Chinese numeral of its section and “、”, such as “二、主动公开政府信息情况”.",
                 example_en="“2、 主动公开政府信息情况” → “二、主动公开政府信息情况”")
DEVIANT = rule("GK106", "heading-deviates", "warning", "部分标题与模板不一致",
               "标题文字与模板明显不同（非已知变体），读者和审核者难以对应到模板的部分。", "改为消息中给出的模板标题。",
               summary_en="A section heading deviates from the template",
               why_en="The heading differs clearly from the template (not a known variant), so readers and reviewers "
                      "cannot easily match it to the template's section.",
               fix_en="Use the template heading given in the message.")
TITLE = rule("GK107", "report-title", "warning", "报告标题不规范",
             "报告标题应写明“政府信息公开工作年度报告”；“政务信息公开”等写法不是规范名称（此时只作提示，级别为 info）。",
             "按“××（机关名称）××××年政府信息公开工作年度报告”拟定标题。",
             summary_en="The report's title is not in the standard form",
             why_en="The title should say “政府信息公开工作年度报告”; wordings such as “政务信息公开” are not the standard name (then "
                    "only a hint, severity info).",
             fix_en="Title the report “××（机关名称）××××年政府信息公开工作年度报告” (agency, year).")
TITLE_YEAR = rule("GK108", "report-title-year", "warning", "报告标题中没有年度",
                  "标题应写明报告所属年度，读者和检查工具据此判断统计期间和适用模板。", "在标题中写明年度，如“2024年”。",
                  summary_en="The report's title has no year",
                  why_en="The title should name the year reported on; readers and tools use it to decide the "
                         "statistics period and the template.",
                  fix_en="Put the year in the title, such as “2024年”.")
EMPTY_SECTION = rule("GK109", "section-empty", "warning", "部分只有标题，没有内容",
                     "30号文要求内容“不能遗漏”；没有内容的部分等于缺项。", "补写该部分内容；确无内容时写明“无”及原因。",
                     summary_en="A section has a heading but no content",
                     why_en="“国办公开办函〔2021〕30号” requires that nothing be left out; an empty section is a missing one.",
                     fix_en="Write the section; if there really is nothing to report, say “无” and why.")


def check(report: Report):
    if not report.looks_like_report():
        return  # GK005 already says this is not a report
    pack = report.expected
    yield from _title(report, pack)
    seen: dict[str, object] = {}
    last_number = 0
    for index, s in enumerate(report.sections):
        h = s.heading
        canonical = cn_number(h.section.number) + "、" + h.section.title
        if s.key in seen:
            yield DUPLICATE.finding(f"“{h.title}”与第 {seen[s.key].pos.line} 行的部分重复", s.pos,
                                    en=f"{q(h.title)} repeats the section at line {seen[s.key].pos.line}", section=s.key)
            continue
        seen[s.key] = s
        if h.section.number < last_number:
            yield ORDER.finding(f"“{h.title}”出现在第{cn_number(last_number)}部分之后，模板顺序应为第{cn_number(h.section.number)}部分",
                                s.pos, en=f"{q(h.title)} comes after section {last_number}; in the template's order it is "
                                          f"section {h.section.number}", section=s.key)
        last_number = max(last_number, h.section.number)
        if h.style == "arabic":
            yield NUMBERING.finding(f"一级标题使用阿拉伯数字编号“{h.ordinal}”，应为“{canonical}”", s.pos,
                                    en=f"The top-level heading is numbered with the Arabic numeral {q(h.ordinal)}; "
                                       f"it should be {q(canonical)}", section=s.key, fix=canonical)
        elif h.style == "missing":
            yield NUMBERING.finding(f"一级标题缺少编号，应为“{canonical}”", s.pos,
                                    en=f"The top-level heading has no number; it should be {q(canonical)}",
                                    section=s.key, fix=canonical)
        elif h.ordinal != cn_number(h.section.number):
            yield NUMBERING.finding(f"一级标题编号“{h.ordinal}、”与部分顺序不符，应为“{canonical}”", s.pos,
                                    en=f"The top-level heading's number {q(h.ordinal + '、')} does not match the "
                                       f"section's place; it should be {q(canonical)}", section=s.key, fix=canonical)
        written = f"{h.ordinal}、{h.title}" if h.ordinal else h.title
        if h.match == "variant":
            yield VARIANT.finding(f"标题“{written}”是常见变体，模板标题为“{canonical}”", s.pos,
                                  en=f"The heading {q(written)} is a common variant; the template heading is "
                                     f"{q(canonical)}", section=s.key, fix=canonical)
        elif h.match == "fuzzy":
            yield DEVIANT.finding(f"标题“{written}”与模板不一致，应为“{canonical}”", s.pos,
                                  en=f"The heading {q(written)} deviates from the template; it should be {q(canonical)}",
                                  section=s.key, fix=canonical)
        if not s.items:
            yield EMPTY_SECTION.finding(f"“{h.title}”下没有任何内容", s.pos,
                                        en=f"There is nothing under {q(h.title)}", section=s.key)
    for sdef in pack.sections:
        if sdef.key not in seen:
            canonical = cn_number(sdef.number) + "、" + sdef.title
            where = _insert_point(report, sdef.number)
            yield MISSING.finding(f"缺少“{canonical}”部分", where, en=f"The section {q(canonical)} is missing",
                                  section=sdef.key, fix=canonical)


def _insert_point(report: Report, number: int):
    """Where a missing section belongs: at the next section that is present, else the end."""
    later = [s for s in report.sections if s.heading.section.number > number]
    if later:
        return later[0].pos
    if report.sections:
        return report.sections[-1].pos
    return report.title_pos


def _title(report: Report, pack):
    if not report.title:
        yield TITLE.finding("未找到报告标题；标题应为“××××年政府信息公开工作年度报告”", report.title_pos,
                            en="No report title found; the title should be “××××年政府信息公开工作年度报告”")
        return
    k = key(report.title)
    if not any(key(w) in k for w in pack.title_required):
        slip = next((w for w in pack.title_slips if key(w) in k), None)
        if slip:
            yield TITLE.finding(f"报告标题写作“{slip}”，规范名称为“政府信息公开工作年度报告”", report.title_pos,
                                severity="info", en=f"The report's title says {q(slip)}; the standard name is "
                                                    "“政府信息公开工作年度报告”")
        else:
            yield TITLE.finding(f"报告标题“{report.title}”未写明“政府信息公开工作年度报告”", report.title_pos,
                                en=f"The report's title {q(report.title)} does not say “政府信息公开工作年度报告”")
    # Without any year, GK701 says so; this rule is for a year found only outside the title.
    if report.year is not None and report.year_source != "title" and not any(ch.isdigit() for ch in report.title):
        yield TITLE_YEAR.finding(f"报告标题“{report.title}”没有写明年度", report.title_pos,
                                 en=f"The report's title {q(report.title)} does not name the year")

family(check)
