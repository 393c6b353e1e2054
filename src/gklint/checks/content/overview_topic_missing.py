"""GK501 overview-topic-missing: 一、总体情况 does not touch one of the five topics of the format."""

from __future__ import annotations

from .. import Rule
from . import with_text


class OverviewTopicMissing(Rule):
    code = "GK501"
    name = "overview-topic-missing"
    severity = "warning"
    words = ("overview_topics",)

    def check(self, report):
        section, text = with_text(report, "overview")
        if section is None:
            return
        pack = report.expected
        for topic, phrases in pack.lexicon("overview_topics").items():
            if not phrases.contains(text):
                yield self.finding("missing", section.pos, topic=topic, name=pack.term(topic),
                                   data={"section": section.key, "topic": topic})
