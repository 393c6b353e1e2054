"""GK404 obsolete-basis: the report cites, as its basis, a format that the one of its year replaced
(the pack's `obsolete_basis:`)."""

from __future__ import annotations

from ...model import Pos
from ...normalize import key
from .. import Rule
from . import subject


class ObsoleteBasis(Rule):
    code = "GK404"
    name = "obsolete-basis"
    severity = "warning"

    def check(self, report):
        expected = report.expected
        if expected is None or not expected.obsolete_basis:
            return
        wanted = [(b, key(b)) for b in expected.obsolete_basis]
        for it in report.text_items():
            k = key(it.text)
            for basis, bk in wanted:
                if bk in k:
                    yield self.finding("basis", Pos(it.line, it.col), report=subject(self, report.year), basis=basis,
                                       expected=expected.title, data={"basis": basis})
                    return  # once is enough
