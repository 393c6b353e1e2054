"""Normalisation of report text for matching, with a map back to the original columns.

Reports arrive with full- and half-width punctuation mixed, ideographic and no-break spaces as
padding, letter-spaced labels (`结 果 维 持`) and Word residue (`[bookmark: _GoBack]`). Rules compare
*keys*; findings quote and point at the *original* text. A `Span` keeps both.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

# Characters that are padding, never content.
SPACES = "\u3000\u00a0\u2002\u2003\u2009\u200b\u202f\ufeff \r\x0c\x0b"  # \x0c: PDF text's page breaks
# A bookmark name holds no bracket: `[bookmark:` repeated is read once, not once per repetition.
WORD_RESIDUE = re.compile(r"\[bookmark:[^\[\]]*\]|\{\s*PAGE\s*\}|\u200b")

# One canonical form for punctuation that reports write in either width.
_PUNCT = str.maketrans({
    "(": "（", ")": "）", ":": "：", ",": "，", ";": "；", "?": "？", "!": "！",
    '"': "“", "＂": "“", "”": "“", "「": "“", "」": "“", "‘": "“", "’": "“", "'": "“",
    "﹙": "（", "﹚": "）", "〔": "〔", "［": "〔", "[": "〔", "]": "〕", "］": "〕",
    "．": ".", "。": "。", "、": "、", "／": "/", "－": "-", "—": "—", "–": "-",
})


def width_fold(ch: str) -> str:
    """Full-width ASCII (digits, Latin letters) to half-width; CJK punctuation is kept."""
    return ch.translate(_FOLD)


# Length-preserving: full-width digits and letters to ASCII, padding spaces to " ".
_FOLD = {o: o - 0xFEE0 for r in ((0xFF10, 0xFF1A), (0xFF21, 0xFF3B), (0xFF41, 0xFF5B)) for o in range(*r)}
_FOLD.update({ord(c): " " for c in "\u3000\u00a0\u2002\u2003\u2009\u202f\ufeff\r\x0c\x0b"})
# For keys: fold widths, unify punctuation, drop every space.
_KEY = dict(_FOLD)
_KEY.update(_PUNCT)  # already keyed by code point (str.maketrans)
_KEY.update({ord(c): None for c in SPACES + "\t"})
_RESIDUE_HINTS = ("[", "{", "\u200b")
_FOLDABLE = re.compile("[%s]" % "".join(re.escape(chr(o)) for o in sorted(_FOLD)))  # translate is slow
_GAPS = re.compile("[%s]+" % re.escape(SPACES + "\t"))


class Span(NamedTuple):
    """A piece of normalised text and where it came from: line, and per character the original
    column (1-based). `cols` is None while the mapping is a plain offset from `start`, which is
    the common case; it is explicit only after Word residue was cut out of the line. A tuple:
    lines are sliced into many spans, so making one must be cheap."""

    text: str
    line: int
    cols: tuple[int, ...] | None = None
    start: int = 1

    def col(self, i: int = 0) -> int:
        if self.cols is None:
            return self.start + max(0, min(i, max(len(self.text) - 1, 0)))
        if not self.cols:
            return self.start
        return self.cols[min(max(i, 0), len(self.cols) - 1)]

    def slice(self, start: int, end: int) -> "Span":
        if self.cols is None:
            return Span(self.text[start:end], self.line, None, self.start + start)
        return Span(self.text[start:end], self.line, self.cols[start:end], self.col(start))

    def strip(self) -> "Span":
        t = self.text
        start, end = 0, len(t)
        while start < end and (t[start] in SPACES or t[start] == "\t"):
            start += 1
        while end > start and (t[end - 1] in SPACES or t[end - 1] == "\t"):
            end -= 1
        return self.slice(start, end)

    def __str__(self) -> str:
        return self.text


def normalize_line(raw: str, line: int) -> Span:
    """Remove Word residue and fold digit/letter width; every kept char remembers its column."""
    if not any(h in raw for h in _RESIDUE_HINTS):
        return Span(raw.translate(_FOLD) if _FOLDABLE.search(raw) else raw, line)
    keep = [True] * len(raw)
    for m in WORD_RESIDUE.finditer(raw):
        for i in range(m.start(), m.end()):
            keep[i] = False
    cols = tuple(i + 1 for i in range(len(raw)) if keep[i])
    text = "".join(raw[i] for i in range(len(raw)) if keep[i]).translate(_FOLD)
    return Span(text, line, cols, cols[0] if cols else 1)


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """The comparison key of a label: no spaces, one width, one bracket and quote style."""
    if any(h in text for h in _RESIDUE_HINTS):
        text = WORD_RESIDUE.sub("", text)
    return text.translate(_KEY)


def key_with_map(span: Span) -> tuple[str, list[int], list[bool]]:
    """Key of a span plus, per key char, its index in the span and whether white space preceded it.

    The flags let a scanner treat white space as a boundary between numbers (`500000 5`) while
    ignoring it inside labels (`社会公益 组织`)."""
    text = span.text
    pieces: list[str] = []
    index: list[int] = []
    gap_before: list[bool] = []
    pos, gap = 0, False
    for m in [*_GAPS.finditer(text), None]:  # runs of text between runs of white space
        end = m.start() if m is not None else len(text)
        if end > pos:
            pieces.append(text[pos:end])
            index.extend(range(pos, end))
            gap_before.append(gap)
            gap_before.extend([False] * (end - pos - 1))
            gap = False
        if m is not None:
            pos, gap = m.end(), True
    return "".join(pieces).translate(_KEY), index, gap_before


# A web page's breadcrumb trail (首页 > 政府信息公开 > 年度报告): where a page sits, never its title.
_BREADCRUMB = re.compile(r"[>＞»›]|^\s*(?:当前位置|您的位置|您现在的位置|现在位置|所在位置)|^\s*首页\s*[/|｜]")


def is_breadcrumb(text: str) -> bool:
    return bool(_BREADCRUMB.search(text))
