"""GK503 problems-measures-missing: 五 states no problems or no improvement measures, or only "无"."""

from __future__ import annotations

from .. import Rule
from . import lacking, says_nothing, with_text


class ProblemsMeasuresMissing(Rule):
    code = "GK503"
    name = "problems-measures-missing"
    severity = "warning"
    words = ("nothing", "problems_and_measures")

    def check(self, report):
        section, text = with_text(report, "problems")
        if section is None:
            return
        pack = report.expected
        if says_nothing(pack, text):
            yield self.finding("only-nothing", section.pos, text=text.strip(), data={"section": section.key})
            return
        lacks = lacking(pack, text)
        if len(lacks) == 1:
            yield self.finding("missing-one", section.pos, what=pack.term(lacks[0]),
                               data={"section": section.key, "missing": lacks})
        elif lacks:
            yield self.finding("missing-several", section.pos, first=[pack.term(x) for x in lacks[:-1]],
                               last=pack.term(lacks[-1]), every=[pack.term(x) for x in lacks],
                               data={"section": section.key, "missing": lacks})
