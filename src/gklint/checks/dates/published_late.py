"""GK705 published-late: published after the deadline of 《中华人民共和国政府信息公开条例》第四十九条 for the issuer."""

from __future__ import annotations

from datetime import date

from ...textscan import issuer, parse_date
from .. import Rule
from . import signoff

META_DATES = ("发布时间", "发布日期", "成文日期", "撰写时间", "时间")  # metadata lines, most telling first


class PublishedLate(Rule):
    code = "GK705"
    name = "published-late"
    severity = "warning"
    words = ("issuer",)

    def check(self, report):
        if report.year is None:
            return
        published, pos, source = _published(report)
        if published is None:
            return
        kind = issuer(report)
        # The pack's deadlines (MM-DD of the next year); configuration `deadlines` overrides them.
        deadlines = dict(report.expected.deadlines)
        configured = (report.settings or {}).get("deadlines")
        if isinstance(configured, dict):
            deadlines.update({k: v for k, v in configured.items() if k in deadlines and isinstance(v, str)})
        try:
            due = {k: date(report.year + 1, *map(int, v.split("-"))) for k, v in deadlines.items()}
        except ValueError:
            return  # a malformed setting is the configuration's to report
        # The issuer unknown, the later deadline applies.
        deadline = due.get(kind) if kind else max(due.values(), default=None)
        if deadline is not None and published > deadline:
            yield self.finding("late", pos, published=published.isoformat(), source=source,
                               who={"msg": f"GK705:who-{kind or 'unknown'}"}, deadline=deadline.isoformat(),
                               year=report.year,
                               data={"published": published.isoformat(), "deadline": deadline.isoformat(),
                                     "issuer": kind})


def _published(report):
    """(date, Pos, source) of publication: the page's metadata, a metadata line, or the sign-off date."""
    meta = (report.source_meta or {}).get("published")
    if meta:
        published = parse_date(str(meta))
        if published is not None:
            return published, report.title_pos, {"msg": "GK705:source-page"}
    for k in META_DATES:
        if k in report.meta:
            value, pos = report.meta[k]
            published = parse_date(value)
            if published is not None:
                return published, pos, {"msg": "GK705:source-key", "args": {"key": k}}
    published, pos, _ = signoff(report)
    return published, pos, {"msg": "GK705:source-signoff"}
