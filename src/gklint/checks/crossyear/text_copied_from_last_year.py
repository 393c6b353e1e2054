"""GK803 text-copied-from-last-year: the text is nearly the same as last year's, numbers aside."""

from __future__ import annotations


from ...model import Pos, Report
from ...prebuilt import regex
from . import PairRule, file_name

SIMILARITY = 0.9  # threshold (Jaccard of shingles)
SHINGLE = 4
MIN_CHARS = 200  # shorter narratives are too little text to call a copy

_NUMBERS = regex(r"\d+(?:[.,．]\d+)*")  # 4-digit years are numbers too
_NOISE = regex(r"[\s\W_]+")  # white space and punctuation


def narrative(report: Report) -> str:
    """The report's paragraphs (front matter and sections), without numbers, years, spaces, punctuation."""
    items = [i for i in report.front if i.type == "TEXT"]
    for s in report.sections:
        items += s.paragraphs()
    text = "".join(i.text for i in items)
    return _NOISE.sub("", _NUMBERS.sub("", text))


def _shingles(text: str) -> set[str]:
    return {text[i:i + SHINGLE] for i in range(len(text) - SHINGLE + 1)}


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the sets of 4-character shingles (1.0: the same text)."""
    sa, sb = _shingles(a), _shingles(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / len(sa | sb)


class TextCopiedFromLastYear(PairRule):
    code = "GK803"
    name = "text-copied-from-last-year"
    severity = "warning"

    def check_pair(self, this, last):
        a, b = narrative(this), narrative(last)
        if len(a) < MIN_CHARS or len(b) < MIN_CHARS:
            return
        score = similarity(a, b)
        if score < SIMILARITY:
            return
        first = next((i for i in this.front if i.type == "TEXT"), None)
        if first is None:
            first = next((p for s in this.sections for p in s.paragraphs()), None)
        pos = this.title_pos if first is None else Pos(first.line, first.col)
        yield self.finding(
            "similar", pos, previous=file_name(last), year=last.year, similarity=f"{score:.0%}",
            threshold=f"{SIMILARITY:.0%}",
            # One per report: the similarity figure must not change its fingerprint.
            data={"similarity": round(score, 3), "threshold": SIMILARITY, "previous": last.path,
                  "anchor": "narrative"})
