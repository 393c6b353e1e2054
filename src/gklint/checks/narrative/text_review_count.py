"""GK603 text-review-count: reconsiderations and suits, as the text states them, against 表四."""

from __future__ import annotations

from ...facts import count
from ...textscan import to_int
from .. import Rule
from . import each_clause, earlier

# The facts compared, each with the pack's phrases for "there was none" and its messages.
KINDS = {"review_total": ("no_review", "review"), "suits_total": ("no_litigation", "suits")}


class TextReviewCount(Rule):
    code = "GK603"
    name = "text-review-count"
    severity = "warning"
    facts = tuple(KINDS)
    words = ("review_counts", "review_kinds", "no_review", "no_litigation", "earlier")

    def check(self, report):
        pack = report.expected
        totals = {fact: count(report, fact) for fact in KINDS}
        triggers = [pack.phrases("review_counts")] + [pack.phrases(none) for none, _ in KINDS.values()]
        for clause, pos in each_clause(report, *triggers):
            for m in pack.phrases("review_counts").finditer(clause):
                fact = m.item("kind")
                n, expected = to_int(m.group("n")), totals.get(fact)
                if n is None or expected is None or n == expected or earlier(pack, clause, m.start()):
                    continue
                yield self.finding(f"{KINDS[fact][1]}-count", pos(m.start()), n=n, expected=expected,
                                   data={"said": n, "table": expected})
            for fact, (none, kind) in KINDS.items():
                m = pack.phrases(none).search(clause)
                if m and totals[fact]:
                    yield self.finding(f"{kind}-none", pos(m.start()), said=clause.strip(), expected=totals[fact],
                                       data={"said": 0, "table": totals[fact]})
