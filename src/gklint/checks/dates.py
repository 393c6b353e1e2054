"""GK7xx: dates. The core needs the report year: it chooses the template version. The other rules
check the statistics period, the years named in the narrative, the publication deadline of
《政府信息公开条例》第四十九条 and the sign-off date (template-spec §6.2, §6.3, DAT-002…006)."""

from __future__ import annotations

import re
from datetime import date

from ..i18n import q
from ..model import Pos, Report
from ..textscan import fold, folded_paragraphs, issuer, parse_date
from .legacy import family, rule

NO_YEAR = rule("GK701", "report-year-unknown", "error", "无法确定报告年度",
               "报告年度决定适用的模板版本（2020 年及以前用 2019 年试行格式，2021 年起用 2021 年格式）和发布时限。",
               "在标题中写明年度，如“××局2024年政府信息公开工作年度报告”；或用 --template 指定模板。",
               summary_en="The report's year cannot be determined",
               why_en="The report's year decides the template version (2019 trial format up to 2020, the 2021 format "
                      "from 2021) and the publication deadline.",
               fix_en="Put the year in the title, such as “××局2024年政府信息公开工作年度报告”; or choose the template with "
                      "--template.")
NO_PERIOD = rule("GK702", "period-missing", "info", "报告没有写明数据统计期限",
                 "条例第四十九条、第五十条所说的“上一年度”即公历年度；多数报告在前言写明“本报告中使用数据统计期限为"
                 "××××年1月1日至12月31日”，地方标准（如四川）明确要求。30号文是否要求此句【待核实】，故只作提示。",
                 "在前言中写明“本报告中使用数据统计期限为××××年1月1日至12月31日”。",
                 summary_en="The report does not state the statistics period",
                 why_en="The “previous year” of Articles 49 and 50 of the Regulations is the calendar year; most "
                        "reports state in the preamble “本报告中使用数据统计期限为××××年1月1日至12月31日”, and local standards (such as "
                        "Sichuan's) require it. Whether “国办公开办函〔2021〕30号” requires it is [to be verified], so this is"
                        " only a hint.",
                 fix_en="State in the preamble “本报告中使用数据统计期限为××××年1月1日至12月31日” (with the report's year).")
BAD_PERIOD = rule("GK703", "period-wrong", "error", "数据统计期限不是报告年度的1月1日至12月31日",
                  "年度报告报告的是“上一年度”即报告年度全年的工作（条例第四十九条），统计期限应为该年1月1日至12月31日。",
                  "把统计期限改为报告年度的1月1日至12月31日；若标题年度有误，改正标题。",
                  "2023 年度报告写“统计期限为2022年1月1日至12月31日” → 改为 2023 年",
                  summary_en="The statistics period is not 1 January to 31 December of the report's year",
                  why_en="The annual report covers the work of the “previous year”, the whole of the report's year "
                         "(Article 49 of the Regulations), so the statistics period should be 1 January to 31 "
                         "December of that year.",
                  fix_en="Make the period 1 January to 31 December of the report's year; if the year in the title is "
                         "wrong, correct the title.",
                  example_en="A 2023 report says “统计期限为2022年1月1日至12月31日” → make it 2023")
COPIED_YEAR = rule("GK704", "narrative-year-wrong", "warning", "正文以其他年度叙述本年工作，疑为沿用往年报告",
                   "30号文把“内容雷同”列为年报的常见问题；段落或句子以“2022年，我局……”开头叙述工作、而报告年度为 "
                   "2023，多半是照搬了上一年的报告。提及下一年度计划、以前年度报告或“××年以来”不在此列。",
                   "核对这一段是否为本年度的工作情况，改正年份或内容。",
                   summary_en="The text describes this year's work under another year; probably copied from an "
                              "earlier report",
                   why_en="“国办公开办函〔2021〕30号” lists identical content as a common fault of annual reports; a paragraph"
                          " or sentence that opens “2022年，我局……” (“In 2022, our bureau…”) in a report for 2023 was "
                          "most likely copied from the previous year's. Plans for the next year, earlier reports and "
                          "“××年以来” (“since …”) do not count.",
                   fix_en="Check whether the paragraph describes this year's work, and correct the year or the "
                          "content.")
LATE = rule("GK705", "published-late", "warning", "发布日期晚于法定时限",
            "《政府信息公开条例》第四十九条：县级以上人民政府部门应在每年1月31日前公布上一年度年报；县级以上地方人民政府"
            "的年报由其政府信息公开工作主管部门在3月31日前公布。发布日期取自页面元数据（发布时间等）或报告末尾的落款日期；"
            "报告机关类型按标题中的机关名称推断（局、委员会、办公室等为部门；人民政府、为本区域编制报告的管委会和实验区等"
            "为政府），无法判断时按较晚的3月31日。时限和机关类型可由配置 deadlines、issuer 改写（地方规定可能更严）。",
            "按时发布；若日期是录入错误，改正发布日期或落款日期。",
            summary_en="Published after the legal deadline",
            why_en="Article 49 of the Regulations: departments of governments at county level and above publish the "
                   "previous year's report by 31 January; the reports of local governments at county level and above "
                   "are published by their competent office by 31 March. The publication date comes from the page's "
                   "metadata (publication time and the like) or the sign-off date at the end of the report; whether "
                   "the issuer is a department or a government is inferred from the agency named in the title (“局”, "
                   "“委员会”, “办公室” … are departments; “人民政府”, management committees and pilot zones that report for their "
                   "area are governments), and when it cannot be told the later 31 March applies. Deadlines and "
                   "issuer can be set by the configuration keys deadlines and issuer (local rules may be stricter).",
            fix_en="Publish on time; if the date was mistyped, correct the publication or sign-off date.")
SIGNOFF = rule("GK706", "signoff-date-malformed", "info", "落款日期格式错误或早于报告年度结束",
               "报告末尾的落款日期应是完整、有效的日期（××××年×月×日），且不早于报告年度的12月31日。",
               "改正落款日期，如“2024年1月5日”。", "“20241月5日” → “2024年1月5日”",
               summary_en="The sign-off date is malformed or earlier than the end of the report's year",
               why_en="The sign-off date at the end of the report should be a complete, valid date (“××××年×月×日”), not "
                      "earlier than 31 December of the report's year.",
               fix_en="Correct the sign-off date, such as “2024年1月5日”.",
               example_en="“20241月5日” → “2024年1月5日”")

PERIOD_WORD_RE = re.compile(r"统计(?:时限|期限|时间|区间|范围|周期|时段)|统计数据(?:时限|期限)")
D = r"(?:(?P<{y}>(?:19|20)\d{{2}})\s*年\s*)?(?P<{m}>\d{{1,2}})\s*月\s*(?P<{d}>\d{{1,2}})\s*日"
PERIOD_RE = re.compile(r"(?:统计(?:时限|期限|时间|区间|范围|周期|时段)|统计数据(?:时限|期限))[^。]{0,15}?"
                       + D.format(y="y1", m="m1", d="d1") + r"\s*(?:起)?\s*(?:至|到|—|－|-|~|～)\s*"
                       + D.format(y="y2", m="m2", d="d2"))
YEAR_START_RE = re.compile(r"(?:^|[。！？!?])\s*(?:\(?[一二三四五六七八九十]{1,2}[)、]\s*)?(?P<y>(?:19|20)\d{2})\s*年(?:度)?\s*[,，]?\s*"
                           r"(?P<who>我|全|本|市|县|区|局|委)")
SIGNOFF_RE = re.compile(r"^\s*(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*$")
CN_SIGNOFF_RE = re.compile(r"^\s*[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日\s*$")
DATEISH_RE = re.compile(r"^\s*\d[\d\s年月日./-]{3,16}[月日]\s*$")
META_DATES = ("发布时间", "发布日期", "成文日期", "撰写时间", "时间")
DEFAULT_DEADLINES = {"department": "01-31", "government": "03-31"}


def check(report: Report):
    if report.year is None and report.looks_like_report():
        yield NO_YEAR.finding("标题和前言中都找不到报告年度（如“2024年”），无法确定应适用的模板版本；"
                              "已按最新模板检查", report.title_pos,
                              en="No report year (such as “2024年”) in the title or the preamble, so the template "
                                 "version cannot be chosen; checked against the latest template")
    if not report.looks_like_report():
        return
    yield from _period(report)
    if report.year is None:
        return
    yield from _narrative_years(report)
    signoff, signoff_pos = yield from _signoff(report)
    yield from _deadline(report, signoff, signoff_pos)


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def date_en(y: int, m: int, d: int) -> str:
    return f"{d} {MONTHS[m - 1]} {y}" if 1 <= m <= 12 else f"{y}-{m}-{d}"


def _period(report: Report):
    y = report.year
    mentioned = False
    for it, text in folded_paragraphs(report):
        for m in PERIOD_RE.finditer(text):
            mentioned = True
            if y is None:
                continue
            start = (int(m.group("y1") or y), int(m.group("m1")), int(m.group("d1")))
            end = (int(m.group("y2") or m.group("y1") or y), int(m.group("m2")), int(m.group("d2")))
            if start != (y, 1, 1) or end != (y, 12, 31):
                said = re.sub(r"\s+", "", text[m.start("m1") if m.group("y1") is None else m.start("y1"):m.end()])
                yield BAD_PERIOD.finding(
                    f"数据统计期限为{start[0]}年{start[1]}月{start[2]}日至{end[0]}年{end[1]}月{end[2]}日，"
                    f"{y} 年度报告应为{y}年1月1日至{y}年12月31日；请改正", Pos(it.line, it.col + m.start()),
                    en=f"The statistics period is {date_en(*start)} to {date_en(*end)}; a report for {y} should "
                       f"cover 1 January {y} to 31 December {y}. Please correct it",
                    said=said, expected=f"{y}-01-01/{y}-12-31")
        if PERIOD_WORD_RE.search(text):
            mentioned = True
    if not mentioned:
        where = report.sections[0].pos if report.sections else report.title_pos
        yield NO_PERIOD.finding("报告没有写明数据统计期限；建议在前言中写明“本报告中使用数据统计期限为"
                                f"{report.year or '××××'}年1月1日至12月31日”", where,
                                en="The report does not state the statistics period; consider stating in the preamble "
                                   f"“本报告中使用数据统计期限为{report.year or '××××'}年1月1日至12月31日” "
                                   "(the statistics period is 1 January to 31 December of the report's year)")


def _narrative_years(report: Report):
    y = report.year
    for s in report.sections:
        for it in s.items:
            if it.type != "TEXT" or not it.text:
                continue
            text = fold(it.text)
            for m in YEAR_START_RE.finditer(text):
                said = int(m.group("y"))
                sentence = text[m.start("y"):].split("。", 1)[0]
                if not y - 3 <= said < y or any(w in sentence for w in ("以来", "年度报告", "年报", "至今")):
                    continue
                yield COPIED_YEAR.finding(f"这一句以“{said}年”开头叙述工作，而本报告为 {y} 年度；请核对是否沿用了往年报告的内容",
                                          Pos(it.line, it.col + m.start("y")), section=s.key, said=said,
                                          en=f"This sentence describes the work under “{said}年” ({said}), but the "
                                             f"report is for {y}; check whether it was copied from an earlier report")
                break


def _signoff(report: Report):
    """The sign-off date among the last short paragraphs; GK706 when it is malformed or too early."""
    items = [i for s in report.sections[-1:] for i in s.items if i.type == "TEXT"][-4:]
    for it in reversed(items):
        text = fold(it.text).strip()
        if len(text) > 20:
            continue
        m = SIGNOFF_RE.match(text)
        if m:
            pos = Pos(it.line, it.col)
            try:
                d = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except ValueError:
                yield SIGNOFF.finding(f"落款日期“{text}”不是有效日期；请改正", pos, said=text,
                                      en=f"The sign-off date {q(text)} is not a valid date; please correct it")
                return None, None
            if d <= date(report.year, 12, 30):
                yield SIGNOFF.finding(f"落款日期“{text}”早于 {report.year} 年度结束，年度报告应在年度结束后成文；请核对",
                                      pos, said=text,
                                      en=f"The sign-off date {q(text)} is before the end of {report.year}; an annual "
                                         "report is written after the year ends. Please check it")
            return d, pos
        if CN_SIGNOFF_RE.match(text):
            return None, None
        if DATEISH_RE.match(text):
            yield SIGNOFF.finding(f"落款日期“{text}”格式不正确，应写作“××××年×月×日”；请改正", Pos(it.line, it.col),
                                  said=text, en=f"The sign-off date {q(text)} is malformed; write it as “××××年×月×日”")
            return None, None
    return None, None


def _deadline(report: Report, signoff, signoff_pos):
    published, pos, source = None, None, None
    source_en = None
    meta_published = (report.source_meta or {}).get("published")
    if meta_published:
        published, pos, source = parse_date(str(meta_published)), report.title_pos, "页面元数据"
        source_en = "page metadata"
    if published is None:
        for k in META_DATES:
            if k in report.meta:
                value, mpos = report.meta[k]
                published = parse_date(value)
                if published is not None:
                    pos, source = mpos, f"“{k}”"
                    source_en = source
                    break
    if published is None and signoff is not None:
        published, pos, source = signoff, signoff_pos, "落款日期"
        source_en = "sign-off date"
    if published is None:
        return
    kind = issuer(report)
    deadlines = dict(DEFAULT_DEADLINES)
    configured = (report.settings or {}).get("deadlines")
    if isinstance(configured, dict):
        deadlines.update({k: v for k, v in configured.items() if k in DEFAULT_DEADLINES and isinstance(v, str)})
    try:
        due = {k: date(report.year + 1, *map(int, v.split("-"))) for k, v in deadlines.items()}
    except ValueError:
        return  # a malformed setting is the configuration's to report
    if kind is None:
        deadline, who = max(due.values()), "机关类型无法判断，按较晚的时限"
        who_en = "the later deadline (the kind of issuer cannot be told)"
    else:
        deadline, who = due[kind], "部门" if kind == "department" else "人民政府"
        who_en = "the deadline for a " + ("department" if kind == "department" else "government")
    if published > deadline:
        yield LATE.finding(f"发布日期 {published.isoformat()}（{source}）晚于{who}的发布时限 {deadline.isoformat()}"
                           f"（{report.year} 年度报告）；请按时发布，或核对日期是否有误", pos,
                           en=f"Published {published.isoformat()} ({source_en}), after {who_en}, "
                              f"{deadline.isoformat()} (report for {report.year}); publish on time, or check whether "
                              "the date is wrong",
                           published=published.isoformat(), deadline=deadline.isoformat(), issuer=kind)

family(check)
