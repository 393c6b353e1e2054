"""GK6xx: figures stated in the text against the tables (template-spec §5.4, C1–C6).

Conservative by design: a sentence is compared only when its figure is unmistakably the table's
quantity (收到…申请N件, 办结N件, 行政复议N件 …) and the table cell holds a number; anything
else is left alone. Counts may be written in digits or Chinese numerals (两件, 十二件)."""

from __future__ import annotations

import re

from ..i18n import q
from ..model import NUMBER, Pos, Report
from ..textscan import NUM, clauses, contains, folded_paragraphs, phrase_re, to_int
from .legacy import family, rule

APPLICATIONS = rule("GK601", "text-application-count", "warning", "正文所述政府信息公开申请数与表三不一致",
                    "正文和表格是同一份报告的两种表述，数字应当一致（template-spec §5.4 C1）：收到申请数对应表三"
                    "“一、本年新收”（或加上“二、上年结转”）的总计，办结数对应“（七）总计”，结转数对应“四、结转下年度继续办理”。",
                    "核对正文与表三，改正错误的一方。", "正文“共收到申请5件”，表三本年新收总计为 3",
                    summary_en="The number of disclosure requests stated in the text differs from Table 3",
                    why_en="Text and tables are two statements of one report and their figures should agree "
                           "(template-spec §5.4 C1): requests received match the total of Table 3's “一、本年新收” (or plus"
                           " “二、上年结转”), requests completed match “（七）总计”, and carried-over requests match "
                           "“四、结转下年度继续办理”.",
                    fix_en="Compare the text with Table 3 and correct whichever is wrong.",
                    example_en="The text says “共收到申请5件” (5 requests received), Table 3's new requests total 3")
NONE_BUT_TABLE = rule("GK602", "text-no-applications", "error", "正文称未收到申请，但表三有新收申请",
                      "正文说未收到政府信息公开申请（或依申请公开办理情况为零），表三“一、本年新收政府信息公开申请数量”"
                      "总计却大于 0，两者必有一处错误（template-spec §5.4 C2）。",
                      "核对收到的申请：改正正文的表述或表三的数字。",
                      summary_en="The text says no requests were received, but Table 3 has new requests",
                      why_en="The text says no disclosure requests were received (or that none were handled), while "
                             "the total of Table 3's “一、本年新收政府信息公开申请数量” is above 0; one of them is wrong "
                             "(template-spec §5.4 C2).",
                      fix_en="Check the requests received and correct the text or Table 3.")
REVIEW = rule("GK603", "text-review-count", "warning", "正文所述行政复议、行政诉讼数与表四不一致",
              "正文的行政复议件数应等于表四“行政复议·总计”，行政诉讼件数应等于“未经复议直接起诉·总计”加“复议后起诉·总计”"
              "（template-spec §5.4 C3）；正文称没有复议、诉讼时，表四相应总计应为 0。",
              "核对正文与表四，改正错误的一方。",
              summary_en="The number of reconsiderations or suits stated in the text differs from Table 4",
              why_en="The reconsiderations stated in the text should equal Table 4's “行政复议·总计”, and the suits "
                     "“未经复议直接起诉·总计” plus “复议后起诉·总计” (template-spec §5.4 C3); when the text says there were none, "
                     "those totals should be 0.",
              fix_en="Compare the text with Table 4 and correct whichever is wrong.")
DECISIONS = rule("GK604", "text-decision-count", "info", "正文所述行政许可、处罚、强制决定数与第二部分表格不一致",
                 "正文所述办理的行政许可、行政处罚、行政强制决定（案件）数，一般应等于第二部分表格的处理决定数量"
                 "（template-spec §5.4 C4）。正文常写权责清单事项数（如“行政许可17项”）而非决定数，因此只比较明确写作"
                 "“办理/作出…决定/案件…件”的数字，以“项”计的从不比较，且只作提示。",
                 "核对正文与第二部分表格；若正文说的是事项数而非决定数，可改写得更明确。",
                 summary_en="The number of licensing, penalty or compulsory-measure decisions stated in the text "
                            "differs from the tables of section two",
                 why_en="The licensing, penalty and compulsory-measure decisions (cases) the text says were handled "
                        "should usually equal the decision counts in the tables of section two (template-spec §5.4 "
                        "C4). The text often gives the number of items in the list of powers (such as “行政许可17项”) "
                        "rather than decisions, so only figures clearly written as decisions or cases handled (“件”) "
                        "are compared, those counted in “项” never, and only as a hint.",
                 fix_en="Compare the text with the tables of section two; if the text means items, not decisions, "
                        "word it more clearly.")
FEES = rule("GK605", "text-fee-vs-table", "warning", "正文关于信息处理费的表述与表三矛盾",
            "表三“申请人逾期未按收费通知要求缴纳费用”大于 0，说明本年度发出过收费通知，正文却称未发出收费通知；"
            "或正文称收取了信息处理费，表三却没有任何申请（template-spec §5.4 C5、C6）。",
            "核对收费通知和申请数，改正正文或表三。",
            summary_en="What the text says about information processing fees contradicts Table 3",
            why_en="Table 3's “申请人逾期未按收费通知要求缴纳费用” above 0 means fee notices were sent this year, yet the text says "
                   "none were; or the text says fees were collected while Table 3 has no requests at all "
                   "(template-spec §5.4 C5, C6).",
            fix_en="Check the fee notices and requests, and correct the text or Table 3.")

COUNT = rf"(?P<n>{NUM})\s*件"
_APP_GAP = r"[^,;。:!?\d()]{0,30}?"
RECEIVED = [
    re.compile(rf"(?:收到|接收|接到|受理|新收)(?P<gap>{_APP_GAP}申请[^,;。:!?\d()]{{0,12}}?){COUNT}"),
    re.compile(rf"(?:收到|接收|接到|受理|新收)(?P<gap>){COUNT}[^,;。!?\d]{{0,8}}?申请"),
]
DONE = re.compile(rf"办结(?P<gap>[^,;。:!?\d]{{0,12}}?){COUNT}")
CARRIED = [
    re.compile(rf"(?<!上)(?<!上一)结转(?:至|到)?(?:下一?年度?|\d{{4}}\s*年度?)?(?P<gap>[^,;。:!?\d]{{0,6}}?){COUNT}"),
    re.compile(rf"{COUNT}(?P<gap>[^,;。!?\d]{{0,4}}?)结转(?:至|到)?(?:下一?年|\d{{4}}\s*年)"),
]
REVIEW_RE = re.compile(rf"(?<!被)行政(?P<kind>复议|诉讼)(?:案件|申请)?(?:共计|共|合计)?\s*(?P<n>{NUM})\s*(?:件|起|宗|个)")
DECISION_RE = [
    re.compile(rf"(?:办理|作出|做出|受理|查处|实施)(?:各类)?行政(?P<kind>许可|处罚|强制)(?:案件|决定)?(?:\([^)]{{0,30}}\))?"
               rf"(?:总数为|总数|共计|共|合计|数量为)?\s*(?P<n>{NUM})\s*(?:件|个|宗|起|份)"),
    re.compile(rf"行政(?P<kind>许可|处罚|强制)(?:案件|决定)(?:\([^)]{{0,30}}\))?(?:总数为|共计|共|合计|数量为)?\s*"
               rf"(?P<n>{NUM})\s*(?:件|宗|起|份)"),
]
FEE_AMOUNT_RE = re.compile(r"(?:收取|收缴|收到)(?:了)?(?:政府)?(?:信息)?处理费[^,;。!?\d]{0,6}?(?P<n>\d+(?:\.\d+)?)\s*(?:万元|元)")
DECISION_ROWS = {"许可": ("t2_5", "licensing"), "处罚": ("t2_6", "penalty"), "强制": ("t2_6", "compulsion")}
_EARLIER = ("历年", "累计", "上年", "上一年", "去年")
KINDS_EN = {"许可": "licensing", "处罚": "penalty", "强制": "compulsory measure"}


def _value(report: Report, table: str, row: str, col: str) -> int | None:
    t = report.tables.get(table)
    c = t.cell(row, col) if t else None
    return int(c.value) if c is not None and c.kind == NUMBER and c.value is not None and c.certain else None


def _sum(*values):
    return None if any(v is None for v in values) else sum(values)


def check(report: Report):
    if not report.looks_like_report() or report.expected is None:
        return
    pack = report.expected
    new = _value(report, "t3", "R01", "C7")
    carried_in = _value(report, "t3", "R02", "C7")
    done = _value(report, "t3", "R24", "C7")
    carried_out = _value(report, "t3", "R25", "C7")
    review = _value(report, "t4", "ALL", "F05")
    suits = _sum(_value(report, "t4", "ALL", "F10"), _value(report, "t4", "ALL", "F15"))
    unpaid = [c for c in (report.tables["t3"].rows["R22"].cells.values()
                          if "t3" in report.tables and "R22" in report.tables["t3"].rows else [])
              if c.kind == NUMBER and c.value]
    no_apps = phrase_re(pack.words("no_applications"))
    no_review, no_suits = phrase_re(pack.words("no_review")), phrase_re(pack.words("no_litigation"))
    no_notice = phrase_re(pack.words("no_fee_notice"))
    other = pack.words("not_applications")
    for it, text in folded_paragraphs(report):
        def pos(offset: int) -> Pos:
            return Pos(it.line, it.col + offset)

        for off, clause in clauses(text):
            about_other = contains(clause, other)
            # C2: "no applications" while the table has some.
            if no_apps and not about_other and no_apps.search(clause):
                if new:
                    yield NONE_BUT_TABLE.finding(
                        f"正文称“{clause.strip()}”，但表三“一、本年新收政府信息公开申请数量”总计为 {new}；"
                        "请核对并改正正文或表三", pos(off), said=clause.strip(), table=new,
                        en=f"The text says {q(clause.strip())}, but the total of Table 3's "
                           f"“一、本年新收政府信息公开申请数量” is {new}; check and correct the text or Table 3")
            # C1: stated counts of applications received, completed and carried over.
            if not about_other:
                for rx in RECEIVED:
                    for m in rx.finditer(clause):
                        n = to_int(m.group("n"))
                        # Only a stated total (共收到, 共计): "区政府办受理17件" may be a part of the table.
                        if "共" not in clause[:m.start("n")]:
                            continue
                        if new is None or n is None or _before(clause, m.start(), _EARLIER) \
                                or clause[max(0, m.start() - 1):m.start()] in ("未", "无", "有"):
                            continue
                        if n not in (new, _sum(new, carried_in)):
                            yield APPLICATIONS.finding(
                                f"正文称收到申请 {n} 件，表三本年新收总计为 {new}"
                                + (f"（加上年结转为 {new + carried_in}）" if carried_in else "") + "；请核对并改正",
                                pos(off + m.start()), said=n, table=new, cell="t3[R01][C7]",
                                en=f"The text says {n} requests were received; the total of Table 3's new requests is "
                                   f"{new}" + (f" ({new + carried_in} with those carried over from last year)"
                                               if carried_in else "") + "; please check and correct")
                        break
                    else:
                        continue
                    break
                for m in DONE.finditer(clause):
                    n = to_int(m.group("n"))
                    if done is not None and n is not None and "结转" not in m.group("gap") and n != done \
                            and not _before(clause, m.start(), _EARLIER):
                        yield APPLICATIONS.finding(f"正文称办结申请 {n} 件，表三“（七）总计”为 {done}；请核对并改正",
                                                   pos(off + m.start()), said=n, table=done, cell="t3[R24][C7]",
                                                   en=f"The text says {n} requests were completed; Table 3's "
                                                      f"“（七）总计” is {done}; please check and correct")
                for rx in CARRIED:
                    m = rx.search(clause)
                    if m is None:
                        continue
                    n = to_int(m.group("n"))
                    if _before(clause, m.start(), _EARLIER):  # 上年度结转 is carried in, not out
                        break
                    if carried_out is not None and n is not None and n != carried_out:
                        yield APPLICATIONS.finding(
                            f"正文称结转下年度 {n} 件，表三“四、结转下年度继续办理”总计为 {carried_out}；请核对并改正",
                            pos(off + m.start()), said=n, table=carried_out, cell="t3[R25][C7]",
                            en=f"The text says {n} requests were carried over to next year; the total of Table 3's "
                               f"“四、结转下年度继续办理” is {carried_out}; please check and correct")
                    break
            # C3: reconsideration and litigation.
            for m in REVIEW_RE.finditer(clause):
                n = to_int(m.group("n"))
                expected = review if m.group("kind") == "复议" else suits
                if n is None or expected is None or n == expected or _before(clause, m.start(), _EARLIER):
                    continue
                what = "行政复议" if m.group("kind") == "复议" else "行政诉讼"
                where = "表四“行政复议·总计”" if m.group("kind") == "复议" else "表四两项起诉总计之和"
                what_en = "administrative reconsiderations" if m.group("kind") == "复议" else "administrative suits"
                where_en = ("Table 4's “行政复议·总计”" if m.group("kind") == "复议"
                            else "the sum of Table 4's two suit totals")
                yield REVIEW.finding(f"正文称{what} {n} 件，{where}为 {expected}；请核对并改正", pos(off + m.start()),
                                     said=n, table=expected,
                                     en=f"The text says {n} {what_en}; {where_en} is {expected}; please check and correct")
            for rx, expected, what, what_en in ((no_review, review, "行政复议", "administrative reconsideration"),
                                                (no_suits, suits, "行政诉讼", "administrative litigation")):
                m = rx.search(clause) if rx else None
                if m and expected:
                    yield REVIEW.finding(f"正文称“{clause.strip()}”，但表四的{what}总计为 {expected}；请核对并改正",
                                         pos(off + m.start()), said=0, table=expected,
                                         en=f"The text says {q(clause.strip())}, but Table 4's {what_en} total is "
                                            f"{expected}; please check and correct")
            # C4 (info): decisions on licences, penalties and compulsory measures.
            compared = set()
            for rx in DECISION_RE:
                for m in rx.finditer(clause):
                    n = to_int(m.group("n"))
                    table, row = DECISION_ROWS[m.group("kind")]
                    expected = _value(report, table, row, "decisions")
                    if n is None or expected is None or n == expected or (m.group("kind"), n) in compared:
                        continue
                    compared.add((m.group("kind"), n))
                    yield DECISIONS.finding(
                        f"正文称行政{m.group('kind')} {n} 件，第二部分表格“行政{m.group('kind')}”处理决定数量为 {expected}；"
                        "若两者所指相同，请核对并改正", pos(off + m.start()), said=n, table=expected,
                        en=f"The text says {n} {q('行政' + m.group('kind'))} ({KINDS_EN[m.group('kind')]}) decisions; "
                           f"the decision count of {q('行政' + m.group('kind'))} in the tables of section two is "
                           f"{expected}; if both mean the same, please check and correct",
                        cell=f"{table}[{row}][decisions]")
                    break
            # C5/C6: fee statements against table 三.
            if no_notice and unpaid:
                m = no_notice.search(clause)
                if m:
                    yield FEES.finding(f"正文称“{clause.strip()}”，但表三“申请人逾期未按收费通知要求缴纳费用”有 "
                                       f"{int(sum(c.value for c in unpaid))} 件，说明发出过收费通知；请核对并改正",
                                       pos(off + m.start()), cells=[c.path for c in unpaid],
                                       en=f"The text says {q(clause.strip())}, but Table 3's "
                                          f"“申请人逾期未按收费通知要求缴纳费用” has {int(sum(c.value for c in unpaid))}, "
                                          "so fee notices were sent; please check and correct")
            m = FEE_AMOUNT_RE.search(clause)
            if m and float(m.group("n")) > 0 and _sum(new, carried_in) == 0:
                yield FEES.finding(f"正文称收取信息处理费 {m.group('n')}，但表三没有任何申请（本年新收和上年结转均为 0）；"
                                   "请核对并改正", pos(off + m.start()),
                                   en=f"The text says information processing fees of {m.group('n')} were collected, but "
                                      "Table 3 has no requests at all (new and carried over are both 0); please check "
                                      "and correct")


def _before(clause: str, start: int, words) -> bool:
    """Whether one of the words occurs shortly before a match (历年累计收到… is not this year's)."""
    return any(w in clause[max(0, start - 6):start] for w in words)

family(check)
