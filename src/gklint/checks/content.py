"""GK5xx: what the sections must say (template-spec §2.3, CNT-001…006). The words looked for
are template knowledge and live in the pack (`content:` in rules/common.yaml); a section that is
missing or empty is left to GK101/GK109."""

from __future__ import annotations

import re

from ..i18n import join_en, q, topic_en
from ..model import Report
from ..textscan import contains, issuer
from .legacy import family, rule

TOPIC = rule("GK501", "overview-topic-missing", "warning", "总体情况未涉及模板要求的某一方面",
             "30号文格式（一）：总体情况主要包括主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障"
             "五个方面（2019 年试行格式的实践相同）。以关键词或小标题判断，关键词见规则包 content.overview_topics。",
             "在“一、总体情况”中补写该方面的情况，最好以小标题分述，如“（三）政府信息管理”。",
             "总体情况只写了主动公开和平台建设 → 补写依申请公开、政府信息管理、监督保障",
             summary_en="The overview does not cover one of the aspects the template requires",
             why_en="Format of “国办公开办函〔2021〕30号”, (1): the overview covers five aspects — proactive disclosure, "
                    "disclosure on request, government information management, disclosure platforms, and supervision "
                    "and safeguards (practice under the 2019 trial format is the same). Judged by keywords or "
                    "sub-headings; the keywords are in the pack's content.overview_topics.",
             fix_en="Describe that aspect in “一、总体情况”, best under its own sub-heading, such as “（三）政府信息管理”.",
             example_en="The overview covers only proactive disclosure and platforms → add disclosure on request, "
                        "information management, and supervision and safeguards")
GOV_RESULTS = rule("GK502", "government-results-missing", "warning", "人民政府的报告未写工作考核、社会评议和责任追究结果",
                   "《政府信息公开条例》第五十条第（四）项：各级人民政府的年度报告应包括政府信息公开工作考核、社会评议和"
                   "责任追究结果情况；30号文格式（一）要求写在监督保障部分。只适用于人民政府（及代行政府职能、为本区域"
                   "编制报告的管委会），不适用于部门；报告机关类型按标题中的机关名称推断，可用配置 issuer 指定。",
                   "在总体情况的监督保障部分写明本年度工作考核、社会评议和责任追究的结果（没有的写明“无”）。",
                   summary_en="A government's report does not give the results of assessment, public appraisal and "
                              "accountability",
                   why_en="Article 50 (4) of the Regulations: the annual reports of governments at every level "
                          "include the results of performance assessment, public appraisal and accountability for "
                          "disclosure work; the format of “国办公开办函〔2021〕30号”, (1), puts them under supervision and "
                          "safeguards. Applies only to governments (and management committees that act as the "
                          "government and report for their area), not to departments; the issuer is inferred from the"
                          " agency in the title and can be set with the configuration key issuer.",
                   fix_en="State this year's results of performance assessment, public appraisal and accountability "
                          "under supervision and safeguards in the overview (say “无” where there were none).")
PROBLEMS = rule("GK503", "problems-measures-missing", "warning", "“存在的主要问题及改进情况”没有写明问题或改进措施",
                "《政府信息公开条例》第五十条第（四）项：年度报告应包括存在的主要问题及改进情况；只写“无”等于没有报告。",
                "写明本年度工作中存在的主要问题，以及针对每个问题的改进措施。",
                summary_en="“存在的主要问题及改进情况” does not state problems or improvement measures",
                why_en="Article 50 (4) of the Regulations: the annual report includes the main problems and how they "
                       "are being improved; writing only “无” (none) reports nothing.",
                fix_en="State the main problems of this year's work and the improvement measure for each.")
RECTIFY = rule("GK504", "rectification-missing", "info", "第五部分未写上一年度报告所提问题的整改情况",
               "【待核实】一般认为 30号文要求第五部分同时报告上一年度年报所提问题的整改情况，但格式原文该处尚未核实"
               "（template-spec §2.3、§8）；核实前只作提示。2021 年及以后的报告适用。",
               "在“五、存在的主要问题及改进情况”中补写上一年度报告所列问题的整改落实情况。",
               summary_en="Section five does not report how the problems raised in the previous year's report were "
                          "rectified",
               why_en="[To be verified] “国办公开办函〔2021〕30号” is generally taken to require section five to report the "
                      "rectification of the problems raised in the previous year's report, but the format's wording "
                      "has not been verified (template-spec §2.3, §8); until then this is a hint. Applies to reports "
                      "for 2021 and later.",
               fix_en="Add to “五、存在的主要问题及改进情况” how the problems listed in the previous year's report were rectified.")
FEE = rule("GK505", "fee-statement-missing", "warning", "“其他需要报告的事项”未说明信息处理费收取情况",
           "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）施行后，30号文格式要求在第六部分报告信息处理费"
           "收取情况（发出收费通知件数、总金额和实际收取金额，或写明未收取）；确切措辞【待核实】。2021 年及以后为"
           "警告；2020 年度报告办法刚出台，只作提示（info）；2019 年度不适用。",
           "在“六、其他需要报告的事项”中写明本年度信息处理费情况，如“本年度未发出收费通知，未收取信息处理费”。",
           summary_en="“其他需要报告的事项” does not state how information processing fees were charged",
           why_en="Since the measures on information processing fees (“国办函〔2020〕109号”) took effect, the format of "
                  "“国办公开办函〔2021〕30号” requires section six to report the fees (number of fee notices sent, total "
                  "amount and amount actually collected, or that none were charged); exact wording [to be verified]. "
                  "A warning for 2021 and later; for 2020, when the measures had just been issued, a hint (info); not"
                  " applicable to 2019.",
           fix_en="State this year's information processing fees in “六、其他需要报告的事项”, such as “本年度未发出收费通知，未收取信息处理费” (no "
                  "fee notices sent, no fees collected).")
OTHER = rule("GK506", "other-items-missing", "info", "“其他需要报告的事项”未提及政务公开工作要点落实或建议提案办理公开",
             "【待核实】30号文格式（六）一般列有：落实上级年度政务公开工作要点情况、人大代表建议和政协提案办理结果公开"
             "情况等；原文措辞尚未核实，只作提示。2021 年及以后的报告适用。",
             "在第六部分补写本年度政务公开工作要点的落实情况和建议提案办理结果的公开情况（没有的写明）。",
             summary_en="“其他需要报告的事项” does not mention the open-government work plan or the disclosure of suggestions "
                        "and proposals handled",
             why_en="[To be verified] The format of “国办公开办函〔2021〕30号”, (6), generally lists: implementation of the "
                    "higher level's annual open-government work plan, disclosure of how deputies' suggestions and "
                    "CPPCC proposals were handled, and so on; the wording has not been verified, so this is a hint. "
                    "Applies to reports for 2021 and later.",
             fix_en="Add to section six how this year's open-government work plan was implemented and how the "
                    "handling of suggestions and proposals was disclosed (say so where there were none).")

_PUNCT = re.compile(r"[\s。，,；;、：:！!？?.（）()“”\"'—-]+")


def _text(section) -> str:
    return "".join(i.text for i in section.items if i.type in ("TEXT", "SUBHEADING"))


def check(report: Report):
    if not report.looks_like_report() or report.expected is None:
        return
    pack, year = report.expected, report.year
    s1, s5, s6 = report.section("s1"), report.section("s5"), report.section("s6")
    if s1 is not None and _text(s1):
        text = _text(s1)
        for topic, words in pack.items("overview_topics").items():
            if not contains(text, words):
                yield TOPIC.finding(f"总体情况未涉及“{topic}”方面；模板要求总体情况写明主动公开、依申请公开、政府信息管理、"
                                    f"政府信息公开平台建设、监督保障五个方面，请补写“{topic}”的情况", s1.pos,
                                    en=f"The overview does not cover {q(topic)} ({topic_en(topic)}); the template "
                                       "requires it to cover proactive disclosure, disclosure on request, government "
                                       "information management, disclosure platforms, and supervision and safeguards. "
                                       "Please add this aspect",
                                    section="s1", topic=topic)
        if issuer(report) == "government":
            whole = "".join(i.text for i in report.text_items())
            missing = [k for k, words in pack.items("government_results").items() if not contains(whole, words)]
            if missing:
                yield GOV_RESULTS.finding(f"人民政府的年度报告应写明工作考核、社会评议和责任追究结果，未找到"
                                          f"{'、'.join(missing)}的情况；请在总体情况的监督保障部分补写（无则写明“无”）",
                                          s1.pos, section="s1", missing=missing,
                                          en="A government's annual report should state the results of performance "
                                             "assessment, public appraisal and accountability; nothing was found on "
                                             + join_en([f"{q(m)} ({topic_en(m)})" for m in missing])
                                             + ". Add them under supervision and safeguards in the overview (say “无” "
                                               "where there were none)")
    if s5 is not None and _text(s5):
        text = _text(s5)
        bare = _PUNCT.sub("", text)
        nothing = {_PUNCT.sub("", w) for w in pack.words("nothing")}
        if bare in nothing:
            yield PROBLEMS.finding(f"第五部分只写了“{text.strip()}”；应写明存在的主要问题和相应的改进措施", s5.pos,
                                   section="s5", en=f"Section five says only {q(text.strip())}; it should state the main "
                                                    "problems and the corresponding improvement measures")
        else:
            lacks = [what for what, words in (("存在的问题", pack.words("problems")), ("改进措施", pack.words("measures")))
                     if not contains(text, words)]
            if lacks:
                yield PROBLEMS.finding(f"第五部分没有写明{'和'.join(lacks)}；应写明存在的主要问题和相应的改进措施", s5.pos,
                                       section="s5", missing=lacks,
                                       en=f"Section five does not state {join_en([topic_en(x) for x in lacks])}; it "
                                          "should state the main problems and the corresponding improvement measures")
            elif year is not None and year >= 2021 and not contains(text, pack.words("rectification")):
                yield RECTIFY.finding("第五部分未提及上一年度报告所提问题的整改情况（此项要求待核实，仅作提示）；"
                                      "请补写上年度问题的整改落实情况", s5.pos, section="s5",
                                      en="Section five does not mention how the problems raised in the previous "
                                         "year's report were rectified (a requirement still to be verified, so only a "
                                         "hint); please add it")
    if s6 is not None and _text(s6) and year is not None and year >= 2020:
        text = _text(s6)
        if not contains(text, pack.words("fee")):
            severity = None if year >= 2021 else "info"
            yield FEE.finding(f"第六部分未说明信息处理费收取情况（现为“{_short(text)}”）；请写明本年度发出收费通知的件数和"
                              "金额、实际收取的金额，或写明未收取信息处理费", s6.pos, severity=severity, section="s6",
                              en=f"Section six does not state how information processing fees were charged (it says "
                                 f"{q(_short(text))}); state this year's number and amount of fee notices sent and "
                                 "the amount actually collected, or that no fees were collected")
        if year >= 2021:
            missing = [k for k, words in pack.items("other_items").items() if not contains(text, words)]
            if missing:
                yield OTHER.finding(f"第六部分未提及{'、'.join(missing)}；请补写（没有的写明“无”）", s6.pos,
                                    section="s6", missing=missing,
                                    en=f"Section six does not mention {join_en([topic_en(m) for m in missing])}; please "
                                       "add it (say “无” where there is nothing)")


def _short(text: str, n: int = 20) -> str:
    text = text.strip()
    return text if len(text) <= n else text[:n] + "…"

family(check)
