"""Normalisation of report text for matching, with a map back to the original columns.

Reports arrive with full- and half-width punctuation mixed, ideographic and no-break spaces as
padding, letter-spaced labels (`结 果 维 持`) and Word residue (`[bookmark: _GoBack]`). Rules compare
*keys*; findings quote and point at the *original* text. A `Span` keeps both.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Characters that are padding, never content.
SPACES = "\u3000\u00a0\u2002\u2003\u2009\u200b\u202f\ufeff \r"
WORD_RESIDUE = re.compile(r"\[bookmark:[^\]]*\]|\{\s*PAGE\s*\}|\u200b")

# One canonical form for punctuation that reports write in either width.
_PUNCT = str.maketrans({
    "(": "（", ")": "）", ":": "：", ",": "，", ";": "；", "?": "？", "!": "！",
    '"': "“", "＂": "“", "”": "“", "「": "“", "」": "“", "‘": "“", "’": "“", "'": "“",
    "﹙": "（", "﹚": "）", "〔": "〔", "［": "〔", "[": "〔", "]": "〕", "］": "〕",
    "．": ".", "。": "。", "、": "、", "／": "/", "－": "-", "—": "—", "–": "-",
})


def width_fold(ch: str) -> str:
    """Full-width ASCII (digits, Latin letters) to half-width; CJK punctuation is kept."""
    o = ord(ch)
    if 0xFF10 <= o <= 0xFF19 or 0xFF21 <= o <= 0xFF3A or 0xFF41 <= o <= 0xFF5A:
        return chr(o - 0xFEE0)
    return ch


@dataclass(frozen=True)
class Span:
    """A piece of normalised text and, per character, its original (line, column), 1-based."""

    text: str
    line: int
    cols: tuple[int, ...]

    def col(self, i: int = 0) -> int:
        if not self.cols:
            return 1
        return self.cols[min(max(i, 0), len(self.cols) - 1)]

    def slice(self, start: int, end: int) -> "Span":
        return Span(self.text[start:end], self.line, self.cols[start:end])

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
    out: list[str] = []
    cols: list[int] = []
    removed = [False] * len(raw)
    for m in WORD_RESIDUE.finditer(raw):
        for i in range(m.start(), m.end()):
            removed[i] = True
    for i, ch in enumerate(raw):
        if removed[i]:
            continue
        ch = unicodedata.normalize("NFC", ch)
        ch = width_fold(ch)
        if ch in "\u3000\u00a0\u2002\u2003\u2009\u202f\ufeff\r":
            ch = " "
        out.append(ch)
        cols.append(i + 1)
    return Span("".join(out), line, tuple(cols))


def key(text: str) -> str:
    """The comparison key of a label: no spaces, one width, one bracket and quote style."""
    text = WORD_RESIDUE.sub("", text)
    text = "".join(width_fold(c) for c in text)
    text = text.translate(_PUNCT)
    return "".join(c for c in text if c not in SPACES and c != "\t")


def key_with_map(span: Span) -> tuple[str, list[int], list[bool]]:
    """Key of a span plus, per key char, its index in the span and whether white space preceded it.

    The flags let a scanner treat white space as a boundary between numbers (`500000 5`) while
    ignoring it inside labels (`社会公益 组织`)."""
    chars: list[str] = []
    index: list[int] = []
    gap_before: list[bool] = []
    gap = False
    for i, c in enumerate(span.text):
        if c in SPACES or c == "\t":
            gap = True
            continue
        chars.append(c.translate(_PUNCT))
        index.append(i)
        gap_before.append(gap)
        gap = False
    return "".join(chars), index, gap_before
