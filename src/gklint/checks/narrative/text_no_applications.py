"""GK602 text-no-applications: the text says no requests were received; 表三 has new ones."""

from __future__ import annotations

from ...facts import count
from .. import Rule
from . import each_clause


class TextNoApplications(Rule):
    code = "GK602"
    name = "text-no-applications"
    severity = "error"
    facts = ("requests_new",)
    words = ("no_applications", "not_applications")

    def check(self, report):
        pack = report.expected
        new = count(report, "requests_new")
        if not new:
            return
        none, other = pack.phrases("no_applications"), pack.phrases("not_applications")
        for clause, pos in each_clause(report, none):
            if not other.contains(clause) and none.search(clause):
                said = clause.strip()
                yield self.finding("says-none", pos(0), said=said, new=new, data={"said": said, "table": new})
