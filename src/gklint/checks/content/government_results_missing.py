"""GK502 government-results-missing: a 人民政府's report gives no results of 工作考核、社会评议、责任追究."""

from __future__ import annotations

from ...textscan import issuer
from .. import Rule
from . import with_text


class GovernmentResultsMissing(Rule):
    code = "GK502"
    name = "government-results-missing"
    severity = "warning"
    words = ("government_results", "issuer")

    def check(self, report):
        section, _ = with_text(report, "overview")
        if section is None or issuer(report) != "government":
            return
        pack = report.expected
        whole = "".join(i.text for i in report.text_items())
        missing = [k for k, phrases in pack.lexicon("government_results").items() if not phrases.contains(whole)]
        if missing:
            items = [{"msg": "GK502:item", "args": {"item": m, "name": pack.term(m)}} for m in missing]
            yield self.finding("missing", section.pos, missing=items,
                               data={"section": section.key, "missing": missing})
