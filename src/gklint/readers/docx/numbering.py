"""Word's automatic list numbering (`numbering.xml`, and the numbering paragraph styles carry):
the number Word shows in front of a paragraph, so that a heading typed as “总体情况” with list
numbering reads “一、总体情况”."""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from .ooxml import W, integer, val

# Bounds on what a hostile numbering part can make of one label: Word's own largest start value,
# list numbers of a few characters, and formats kept to their natural range (3 999 is the largest
# Roman numeral; ZZZ… of 30 letters is item 780), decimal beyond.
MAX_START = 32767
MAX_LEVEL_TEXT = 64
MAX_ROMAN = 3999
MAX_LETTERS = 780

CN = "零一二三四五六七八九"
LEGAL = "零壹贰叁肆伍陆柒捌玖"
HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
EARTHLY = "子丑寅卯辰巳午未申酉戌亥"


def _chinese(n: int, digits: str = CN, ten: str = "十") -> str:
    if n <= 0:
        return str(n)
    if n < 10:
        return digits[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return (digits[tens] if tens > 1 else "") + ten + (digits[ones] if ones else "")
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for v, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                 (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out, n = out + s, n - v
    return out


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else str(n)


def format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "koreanCounting", "taiwaneseCountingThousand", "japaneseLegal"):
        return _chinese(n)
    if fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional"):
        return _chinese(n, LEGAL, "拾")
    if fmt == "ideographTraditional":
        return HEAVENLY[(n - 1) % 10] if n > 0 else str(n)
    if fmt == "ideographZodiac":
        return EARTHLY[(n - 1) % 12] if n > 0 else str(n)
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalEnclosedParen" and 1 <= n <= 20:
        return chr(0x2474 + n - 1)
    if fmt == "decimalEnclosedFullstop" and 1 <= n <= 20:
        return chr(0x2488 + n - 1)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "upperLetter" and n <= MAX_LETTERS:
        return _letters(n)
    if fmt == "lowerLetter" and n <= MAX_LETTERS:
        return _letters(n).lower()
    if fmt == "upperRoman" and n <= MAX_ROMAN:
        return _roman(n)
    if fmt == "lowerRoman" and n <= MAX_ROMAN:
        return _roman(n).lower()
    return str(n)


def _start(text: str | None) -> int:
    digits = (text or "").strip().lstrip("+-")
    if digits.isdigit() and len(digits.lstrip("0")) > len(str(MAX_START)):  # too long for int() too
        return 0 if text.strip().startswith("-") else MAX_START
    return min(max(integer(text, 1), 0), MAX_START)


class Styles:
    """Paragraph styles: the numbering a style carries and whether it is a table-of-contents style."""

    def __init__(self, root: Element | None):
        self.base: dict[str, str] = {}
        self.num: dict[str, tuple[str | None, str | None]] = {}
        self.toc: set[str] = set()
        if root is None:
            return
        for s in root.iter(W + "style"):
            sid = s.get(W + "styleId")
            if not sid:
                continue
            based = val(s, "basedOn")
            if based:
                self.base[sid] = based
            name = (val(s, "name") or "").lower()
            if name.startswith("toc ") or name.startswith("toc") and name[3:].strip().isdigit():
                self.toc.add(sid)
            ppr = s.find(W + "pPr")
            num = ppr.find(W + "numPr") if ppr is not None else None
            if num is not None:
                self.num[sid] = (val(num, "numId"), val(num, "ilvl"))

    def numbering(self, sid: str | None) -> tuple[str | None, str | None]:
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            if sid in self.num:
                return self.num[sid]
            sid = self.base.get(sid)
        return None, None


class Numbering:
    """Counters for Word's automatic list numbering, enough for 一、/（一）/1. headings."""

    def __init__(self, root: Element | None, styles: Styles):
        self.levels: dict[str, dict[int, tuple[str, str, int, str]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, dict[int, int | None]] = {}
        self.started: set[str] = set()
        self.styles = styles
        if root is None:
            return
        for a in root.iter(W + "abstractNum"):
            aid = a.get(W + "abstractNumId")
            levels = {}
            for lvl in a.findall(W + "lvl"):
                ilvl = integer(lvl.get(W + "ilvl"))
                fmt = val(lvl, "numFmt", "decimal") or "decimal"
                if lvl.find(W + "isLgl") is not None:
                    fmt = "decimal"
                text = (val(lvl, "lvlText", "") or "")[:MAX_LEVEL_TEXT]
                start = _start(val(lvl, "start"))
                suff = val(lvl, "suff", "tab") or "tab"
                levels[ilvl] = (fmt, text, start, suff)
            self.levels[aid] = levels
        for n in root.iter(W + "num"):
            nid = n.get(W + "numId")
            aid = val(n, "abstractNumId")
            overrides = {}
            for o in n.findall(W + "lvlOverride"):
                start = val(o, "startOverride")
                if start is not None:
                    overrides[integer(o.get(W + "ilvl"))] = _start(start)
            if nid and aid:
                self.nums[nid] = (aid, overrides)

    def snapshot(self):
        return {k: dict(v) for k, v in self.counters.items()}, set(self.started)

    def restore(self, snap) -> None:
        self.counters, self.started = snap

    def label(self, ppr: Element | None) -> str | None:
        """The number Word shows in front of a paragraph (advancing the counters), or None."""
        num_id = ilvl = None
        style = val(ppr, "pStyle")
        num = ppr.find(W + "numPr") if ppr is not None else None
        if num is not None:
            num_id, ilvl = val(num, "numId"), val(num, "ilvl")
        if num_id is None or ilvl is None:
            s_id, s_lvl = self.styles.numbering(style)
            num_id, ilvl = num_id or s_id, ilvl or s_lvl
        if not num_id or num_id == "0" or num_id not in self.nums:
            return None
        aid, overrides = self.nums[num_id]
        levels = self.levels.get(aid)
        if not levels:
            return None
        level = integer(ilvl)
        counters = self.counters.setdefault(aid, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for lv in overrides:
                counters[lv] = None
        fmt, text, start, suff = levels.get(level, ("decimal", f"%{level + 1}.", 1, "tab"))

        def start_of(lv: int) -> int:
            return overrides.get(lv, levels.get(lv, ("", "", 1, ""))[2])

        current = counters.get(level)
        counters[level] = start_of(level) if current is None else current + 1
        for deeper in [k for k in counters if k > level]:
            counters[deeper] = None
        if fmt in ("bullet", "none") or not text:
            return None

        def sub(m: re.Match) -> str:
            lv = int(m.group(1)) - 1
            value = counters.get(lv)
            value = start_of(lv) if value is None else value
            lv_fmt = levels.get(lv, ("decimal",))[0]
            return format_number(value, fmt if lv == level else lv_fmt)

        out = re.sub(r"%([1-9])", sub, text)
        return out + (" " if suff == "space" else "")
