"""GK605 text-fee-vs-table: what the text says about 信息处理费 contradicts 表三."""

from __future__ import annotations

from ...facts import cells, count
from .. import Rule
from . import each_clause


class TextFeeVsTable(Rule):
    code = "GK605"
    name = "text-fee-vs-table"
    severity = "warning"
    facts = ("fee_unpaid", "requests_new", "requests_carried_in")
    words = ("no_fee_notice", "fee_collected")

    def check(self, report):
        pack = report.expected
        # 表三's row of requests dropped after a fee notice went unpaid, by its total: notices were sent.
        unpaid = count(report, "fee_unpaid")
        paths = [c.path for c in cells(report, "fee_unpaid") if c is not None]
        new, carried_in = count(report, "requests_new"), count(report, "requests_carried_in")
        none = new is not None and carried_in is not None and new + carried_in == 0
        for clause, pos in each_clause(report, pack.phrases("no_fee_notice"), pack.phrases("fee_collected")):
            m = pack.phrases("no_fee_notice").search(clause) if unpaid else None
            if m:
                yield self.finding("notice-sent", pos(m.start()), said=clause.strip(), unpaid=unpaid,
                                   data={"cells": paths})
            m = pack.phrases("fee_collected").search(clause)
            if m and float(m.group("amount")) > 0 and none:
                yield self.finding("no-requests", pos(m.start()), amount=m.group("amount"))
