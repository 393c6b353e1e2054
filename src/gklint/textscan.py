"""Helpers for the rules that read the prose of a report (GK5xx–GK7xx): numbers written in
digits or Chinese numerals, the pack's `content:` phrases (gklint/phrases.py), dates, and the kind
of body that issued the report."""

from __future__ import annotations

import re
from functools import lru_cache
from datetime import date

from .phrases import CLAUSE_END, PhraseList, fold, words
from .prebuilt import regex

CN_DIGIT = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
            "八": 8, "九": 9}
CN_UNIT = {"十": 10, "百": 100, "千": 1000}

def folded_paragraphs(report):
    """(item, folded text) for every non-empty paragraph and sub-heading of a report — folded
    once per report, however many rules read the prose."""
    memo = report.memo.get("folded")
    if memo is None:
        memo = report.memo["folded"] = [(it, fold(it.text)) for it in report.text_items()
                                        if it.type in ("TEXT", "SUBHEADING") and it.text]
    return memo


def to_int(text: str) -> int | None:
    """The value of a count in digits or Chinese numerals; None when it is not one."""
    text = text.strip().replace(",", "")
    if not text:
        return None
    if text.isdigit():
        return int(text)
    total, section, current = 0, 0, None
    for ch in text:
        if ch in CN_DIGIT:
            if current is not None and current != 0 and CN_DIGIT[ch] != 0:
                return None  # 一二: two digits without a unit is not a number here
            current = CN_DIGIT[ch]
        elif ch in CN_UNIT:
            section += (1 if current is None else current) * CN_UNIT[ch]
            current = None
        elif ch == "万":
            total += (section + (current or 0)) * 10000
            section, current = 0, None
        else:
            return None
    return total + section + (current or 0)


def phrase_re(phrases) -> PhraseList:
    """Phrases — a pack's compiled list, or strings in the phrase language — ready to search
    folded text (`.search`, `.finditer`)."""
    return words(phrases)


def contains(text: str, phrases) -> bool:
    """Whether any phrase occurs in the text (spaces inside the text are ignored)."""
    return words(phrases).contains(text)


def clauses(text: str):
    """(offset, clause) pairs of a paragraph, split at ，；。 etc."""
    for m in _CLAUSE.finditer(text):
        yield m.start(), m.group()


_CLAUSE = regex("[^%s]+" % re.escape(CLAUSE_END))


DATE_RE = regex(r"((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")


def parse_date(text: str) -> date | None:
    m = DATE_RE.search(text or "")
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def issuer(report) -> str | None:
    """"government" (a 人民政府 or an area's 管委会 reporting for its area), "department", or None.

    A setting wins. Otherwise the body's name — the agency before the year in the title — is
    judged by its longest matching ending from the pack (`content.issuer`): 卫生健康局 and
    人民政府办公室 are departments; 某县人民政府, 平潭综合实验区 (its 管委会 reports for the area, with the
    government's 31 March deadline) are governments."""
    setting = (report.settings or {}).get("issuer")
    if setting in ("government", "department"):
        return setting
    pack = report.expected
    name = (report.agency or "").strip()
    if not name or pack is None:
        return None
    endings = pack.items("issuer")
    best, kind = 0, None
    for k in ("government", "department"):
        for e in endings.get(k, ()):
            if name.endswith(e) and len(e) > best:
                best, kind = len(e), k
    return kind


_DATE = r"(?:(?P<{y}>(?:19|20)\d{{2}})\s*年\s*)?(?P<{m}>\d{{1,2}})\s*月\s*(?P<{d}>\d{{1,2}})\s*日"


@lru_cache(maxsize=16)
def period_re(words: tuple[str, ...]) -> re.Pattern | None:
    """A statement of the statistics period: one of the pack's period words, then a start and an
    end date (`统计期限为2024年1月1日至12月31日`), captured as y1 m1 d1, y2 m2 d2. The words are
    pack text, escaped: no pattern comes from a pack."""
    if not words:
        return None
    alts = "|".join(re.escape(fold(w)) for w in sorted(words, key=len, reverse=True))
    return regex(rf"(?:{alts})[^。]{{0,15}}?" + _DATE.format(y="y1", m="m1", d="d1")
                 + r"\s*(?:起\s*)?(?:至|到|—|－|-|~|～)\s*" + _DATE.format(y="y2", m="m2", d="d2"))


@lru_cache(maxsize=16)
@lru_cache(maxsize=16)
def period_word_re(words: tuple[str, ...]) -> re.Pattern | None:
    """Any of the pack's period words (the report speaks of its statistics period)."""
    if not words:
        return None
    return regex("|".join(re.escape(fold(w)) for w in sorted(words, key=len, reverse=True)))


def period_words(packs: dict) -> tuple[str, ...]:
    """The period words of all `packs`, for reading a report before its version is known."""
    return tuple(sorted({w for p in packs.values() for w in p.words("period_words")}))
