"""GK7xx: dates. The core needs the report year: it chooses the template version. The other rules
check the statistics period, the years named in the narrative, the publication deadline of
《中华人民共和国政府信息公开条例》第四十九条 (the pack's `deadlines`) and the sign-off date."""

from __future__ import annotations

from datetime import date

from ...model import Pos
from ...prebuilt import regex
from ...textscan import fold, folded_paragraphs, period_re, period_word_re

SIGNOFF_RE = regex(r"^\s*(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日\s*$")
CN_SIGNOFF_RE = regex(r"^\s*[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日\s*$")
DATEISH_RE = regex(r"^\s*\d[\d\s年月日./-]{3,16}[月日]\s*$")


def periods(report):
    """(item, folded text, match) for every statement of the statistics period."""
    rx = period_re(report.expected.words("period_words"))
    for it, text in folded_paragraphs(report) if rx else ():
        for m in rx.finditer(text):
            yield it, text, m


def mentions_period(report) -> bool:
    """Whether the report speaks of its statistics period at all (with dates or without)."""
    rx = period_word_re(report.expected.words("period_words"))
    return rx is not None and any(rx.search(text) for _, text in folded_paragraphs(report))


def signoff(report):
    """The sign-off date among the last short paragraphs: (date or None, its Pos, problem), the
    problem (message, Pos, text) when the date is malformed, invalid or before the year's end."""
    items = [i for s in report.sections[-1:] for i in s.items if i.type == "TEXT"][-4:]
    for it in reversed(items):
        text = fold(it.text).strip()
        if len(text) > 20:
            continue
        pos = Pos(it.line, it.col)
        m = SIGNOFF_RE.match(text)
        if m:
            try:
                d = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except ValueError:
                return None, None, ("invalid", pos, text)
            early = ("early", pos, text) if d <= date(report.year, 12, 30) else None
            return d, pos, early
        if CN_SIGNOFF_RE.match(text):
            return None, None, None
        if DATEISH_RE.match(text):
            return None, None, ("malformed", pos, text)
    return None, None, None
