"""GK402 mixed-layout: the tables follow the right format but carry markers of another."""

from __future__ import annotations

from .. import Rule
from . import markers, subject


class MixedLayout(Rule):
    code = "GK402"
    name = "mixed-layout"
    severity = "error"

    def check(self, report):
        expected, layout = report.expected, report.layout
        if expected is None or layout is not expected:
            return  # tables of another format altogether: GK401/GK403
        own = report.markers.get(layout.template, [])
        foreign = {v: m for v, m in report.markers.items() if v != layout.template and m}
        for version, found in sorted(foreign.items()):
            # The first table with rows or labels of that version and its rows, for outputs to point at.
            tables = [t for t in sorted(report.tables.values(), key=lambda t: t.pos.line)
                      if any(r.version == version for r in t.rows.values()) or any(h.version == version for h in t.header)]
            data = {"expected": layout.template, "detected": sorted(report.markers)}
            if tables:
                data.update(table=tables[0].key, rows=[r.key for r in tables[0].rows.values() if r.version == version])
            yield self.finding("mixed", found[0][1], report=subject(self, report.year), layout=layout.title,
                               own=markers(own, report), version=version, found=markers(found, report), template=layout.template,
                               data=data)
