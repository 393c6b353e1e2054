"""GK101 section-missing: a section of the template is not in the report."""

from __future__ import annotations

from .. import Rule
from . import canonical


class SectionMissing(Rule):
    code = "GK101"
    name = "section-missing"
    severity = "error"

    def check(self, report):
        present = {s.key for s in report.sections}
        for sdef in report.expected.sections:
            if sdef.key not in present:
                yield self.finding("missing", _insert_point(report, sdef.number), section=canonical(sdef),
                                   data={"section": sdef.key, "fix": canonical(sdef)})


def _insert_point(report, number: int):
    """Where a missing section belongs: at the next section that is present, else the end."""
    later = [s for s in report.sections if s.heading.section.number > number]
    if later:
        return later[0].pos
    if report.sections:
        return report.sections[-1].pos
    return report.title_pos
