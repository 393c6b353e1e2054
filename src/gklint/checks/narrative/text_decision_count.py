"""GK604 text-decision-count (info): licensing, penalty and compulsory-measure decisions the text
states, against the tables of 二."""

from __future__ import annotations

from ...facts import count
from ...textscan import to_int
from .. import Rule
from . import cell_path, each_clause


class TextDecisionCount(Rule):
    code = "GK604"
    name = "text-decision-count"
    severity = "info"
    facts = ("licensing_decisions", "penalty_decisions", "compulsion_decisions")
    words = ("decision_counts", "decision_kinds")

    def check(self, report):
        pack = report.expected
        for clause, pos in each_clause(report, pack.phrases("decision_counts")):
            compared = set()
            # One finding per phrase and clause; a figure already reported is not reported again.
            for phrase in pack.phrases("decision_counts"):
                for m in phrase.finditer(clause):
                    kind, fact = m.group("kind"), m.item("kind")
                    n, expected = to_int(m.group("n")), count(report, fact) if fact else None
                    if n is None or expected is None or n == expected or (kind, n) in compared:
                        continue
                    compared.add((kind, n))
                    yield self.finding("count", pos(m.start()), n=n, kind=kind, name=pack.term(kind), expected=expected,
                                       data={"said": n, "table": expected, "cell": cell_path(report, fact)})
                    break
