"""The words of the templates, gathered from every pack, as the lexer needs them.

The lexer runs before the template version is known, so it knows the labels of all versions:
section titles (to find headings, even run into a paragraph) and table labels (to find table
cells, even when a scrape flattened a whole table onto one line).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .normalize import key
from .pack import Pack, SectionDef
from .prebuilt import regex

CN_DIGITS = "一二三四五六七八九十"


def cn_number(n: int) -> str:
    return CN_DIGITS[n - 1] if 1 <= n <= 10 else str(n)


@dataclass
class Vocabulary:
    """The labels and headings of the packs in key space, for the lexer."""

    sections: tuple[SectionDef, ...]
    title_keys: dict[str, tuple[SectionDef, bool]]  # key -> (section, is_canonical)
    table_label_keys: frozenset[str]
    label_re: re.Pattern  # longest-first alternation of table label keys
    run_in_heading_re: re.Pattern  # 二、主动公开政府信息情况 etc., in key space


def _alternation(keys) -> str:
    # Longest first; equal lengths in text order, so that the pattern is the same in every process.
    return "|".join(re.escape(k) for k in sorted(set(keys), key=lambda k: (-len(k), k)) if k)


@lru_cache(maxsize=8)
def _build(packs: tuple[Pack, ...]) -> Vocabulary:
    sections = packs[0].sections
    title_keys: dict[str, tuple[SectionDef, bool]] = {}
    for p in packs:
        for s in p.sections:
            title_keys.setdefault(key(s.title), (s, True))
            for v in s.variants:
                title_keys.setdefault(key(v), (s, False))
    labels = set()
    for p in packs:
        for t in p.tables.values():
            labels |= {key(x) for x in t.labels()}
        labels |= p.marker_keys()
    headings = []
    for k, (s, _) in title_keys.items():
        headings.append(key(cn_number(s.number) + "、") + k)
    return Vocabulary(
        sections, title_keys, frozenset(labels), regex(_alternation(labels)),
        regex(_alternation(headings)))


def vocabulary(packs: dict[str, Pack]) -> Vocabulary:
    return _build(tuple(packs[k] for k in sorted(packs)))
