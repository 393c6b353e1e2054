"""Normalisation of report text for matching, with a map back to the original columns.

Reports arrive with full- and half-width punctuation mixed, ideographic and no-break spaces as
padding, letter-spaced labels (`结 果 维 持`) and Word residue (`[bookmark: _GoBack]`). Rules compare
*keys*; findings quote and point at the *original* text. A `Span` keeps both.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from .prebuilt import regex

# Characters that are padding, never content.
SPACES = "\u3000\u00a0\u2002\u2003\u2009\u200b\u202f\ufeff \r\x0c\x0b"  # \x0c: PDF text's page breaks
# A bookmark name holds no bracket: `[bookmark:` repeated is read once, not once per repetition.
WORD_RESIDUE = regex(r"\[bookmark:[^\[\]]*\]|\{\s*PAGE\s*\}|\u200b")

# One canonical form for punctuation that reports write in either width.
_PUNCT = str.maketrans({
    "(": "（", ")": "）", ":": "：", ",": "，", ";": "；", "?": "？", "!": "！",
    '"': "“", "＂": "“", "”": "“", "「": "“", "」": "“", "‘": "“", "’": "“", "'": "“",
    "﹙": "（", "﹚": "）", "〔": "〔", "［": "〔", "[": "〔", "]": "〕", "］": "〕",
    "．": ".", "。": "。", "、": "、", "／": "/", "－": "-", "—": "—", "–": "-",
})


class CharTable:
    """`str.translate` by a table of single characters, fast on long texts too.

    CPython's translate looks every character up in the table and pays for each miss (100–500 ns
    a character on Chinese text): a text without any character of the table is returned as it is,
    found by one regex scan, and a long text has only those characters replaced."""

    LONG = 200  # below this, translate's per-call cost is the smaller one

    def __init__(self, table: dict[int, int | str | None]):
        self.table = dict(table)
        self._chars = {chr(k): "" if v is None else chr(v) if isinstance(v, int) else v for k, v in self.table.items()}
        self.chars = "".join(sorted(self._chars))  # every character the table maps
        self._find = regex("[%s]" % re.escape(self.chars))

    def __call__(self, text: str) -> str:
        if not self._find.search(text):
            return text  # most lines: nothing to map
        if len(text) < self.LONG:
            return text.translate(self.table)
        return self._find.sub(self._one, text)

    def _one(self, m: re.Match) -> str:
        return self._chars[m.group()]


# Length-preserving: full-width digits and letters to ASCII, padding spaces to " ".
_FOLD = {o: o - 0xFEE0 for r in ((0xFF10, 0xFF1A), (0xFF21, 0xFF3B), (0xFF41, 0xFF5B)) for o in range(*r)}
_FOLD.update({ord(c): " " for c in "\u3000\u00a0\u2002\u2003\u2009\u202f\ufeff\r\x0c\x0b"})
# For keys: fold widths, unify punctuation, drop every space.
_KEY = dict(_FOLD)
_KEY.update(_PUNCT)  # already keyed by code point (str.maketrans)
_KEY.update({ord(c): None for c in SPACES + "\t"})
fold_width, _key_chars = CharTable(_FOLD), CharTable(_KEY)  # widths only; everything a key unifies
_RESIDUE_HINT = regex("[\\[{\u200b]")  # a character every piece of residue starts with
_LINE_WORK = regex("[%s]" % re.escape(fold_width.chars + "[{\u200b"))  # residue or a character to fold
_GAPS = regex("[%s]+" % re.escape(SPACES + "\t"))
_PAD = frozenset(SPACES + "\t")


_tuple = tuple.__new__  # a NamedTuple made from its fields in order, without a Python call


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
        # i clamped to the text's indexes; comparisons, not min/max: this runs for every cell
        cols = self.cols
        if cols is None:
            last = len(self.text) - 1
            return self.start + (0 if i <= 0 or last <= 0 else i if i < last else last)
        if not cols:
            return self.start
        last = len(cols) - 1
        return cols[0 if i <= 0 else i if i < last else last]

    def slice(self, start: int, end: int) -> "Span":
        if self.cols is None:
            return _tuple(Span, (self.text[start:end], self.line, None, self.start + start))
        return Span(self.text[start:end], self.line, self.cols[start:end], self.col(start))

    def strip(self) -> "Span":
        t = self.text
        if not t or (t[0] not in _PAD and t[-1] not in _PAD):
            return self  # most spans: nothing to strip
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
    if not _LINE_WORK.search(raw):
        # Most lines: no residue, nothing to fold (one scan for both). The tuple is made
        # directly: NamedTuple's generated __new__ is a Python call, once per line.
        return _tuple(Span, (raw, line, None, 1))
    if not _RESIDUE_HINT.search(raw):
        return Span(fold_width(raw), line)
    keep = [True] * len(raw)
    for m in WORD_RESIDUE.finditer(raw):
        for i in range(m.start(), m.end()):
            keep[i] = False
    cols = tuple(i + 1 for i in range(len(raw)) if keep[i])
    text = fold_width("".join(raw[i] for i in range(len(raw)) if keep[i]))
    return Span(text, line, cols, cols[0] if cols else 1)


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """The comparison key of a label: no spaces, one width, one bracket and quote style."""
    if _RESIDUE_HINT.search(text):
        text = WORD_RESIDUE.sub("", text)
    return _key_chars(text)


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
    return _key_chars("".join(pieces)), index, gap_before


# A web page's breadcrumb trail (首页 > 政府信息公开 > 年度报告): where a page sits, never its title.
_BREADCRUMB = regex(r"[>＞»›]|^\s*(?:当前位置|您的位置|您现在的位置|现在位置|所在位置)|^\s*首页\s*[/|｜]")


def is_breadcrumb(text: str) -> bool:
    return bool(_BREADCRUMB.search(text))
