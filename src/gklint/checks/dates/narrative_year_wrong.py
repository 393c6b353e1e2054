"""GK704 narrative-year-wrong: a sentence describes the work under an earlier year (2022年，我局…
in a report for 2023), most likely copied from an earlier report."""

from __future__ import annotations

from ...model import Pos
from ...prebuilt import regex
from ...textscan import fold, folded_paragraphs
from .. import Rule

YEAR_START_RE = regex(r"(?:^|[。！？!?])\s*(?:\(?[一二三四五六七八九十]{1,2}[)、]\s*)?(?P<y>(?:19|20)\d{2})\s*年(?:度)?\s*(?:[,，]\s*)?"
                        r"(?P<who>我|全|本|市|县|区|局|委)")
# A sentence naming one of these speaks of a span or of another report, not of one year's work.
NOT_THIS_YEAR = ("以来", "年度报告", "年报", "至今")


class NarrativeYearWrong(Rule):
    code = "GK704"
    name = "narrative-year-wrong"
    severity = "warning"

    def check(self, report):
        y = report.year
        if y is None:
            return
        folded = {id(it): text for it, text in folded_paragraphs(report)}  # folded once per report
        for s in report.sections:
            for it in s.items:
                if it.type != "TEXT" or not it.text:
                    continue
                text = folded.get(id(it)) or fold(it.text)
                for m in YEAR_START_RE.finditer(text):
                    said = int(m.group("y"))
                    sentence = text[m.start("y"):].split("。", 1)[0]
                    if not y - 3 <= said < y or any(w in sentence for w in NOT_THIS_YEAR):
                        continue
                    yield self.finding("copied", Pos(it.line, it.col + m.start("y")), said=said, year=y,
                                       data={"section": s.key, "said": said})
                    break
