"""GK506 other-items-missing: 六 mentions neither the work plan nor the disclosure of suggestions and proposals."""

from __future__ import annotations

from .. import Rule
from . import with_text


class OtherItemsMissing(Rule):
    code = "GK506"
    name = "other-items-missing"
    severity = "info"
    words = ("other_items",)

    def check(self, report):
        section, text = with_text(report, "other")
        if section is None:
            return
        pack = report.expected
        missing = [k for k, phrases in pack.lexicon("other_items").items() if not phrases.contains(text)]
        if missing:
            yield self.finding("missing", section.pos, missing=[pack.term(m) for m in missing],
                               data={"section": section.key, "missing": missing})
