"""Template labels, and how a piece of table text relates to them.

A piece of text in a table is one of: a template label written as the template writes it
(`exact`); the same words with other punctuation, ordinals or Markdown marks (`core`, not a
deviation: `本年新收政府信息公开申请数量` for `一、本年新收…`, `,` for `、`); a label with a wrong
word (`fuzzy`, a deviation the report really has: `本年废纸件数`); or a *fragment* — part of one
label or several run together, as PDF text and wrapped cells produce (`益组织`, `度办`,
`申请人情况(自然人)`), which says nothing about the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from ..normalize import key

# Leading ordinals of row and group labels: 一、 （一） 1. 1、 (1) ①; Markdown marks.
_ORDINAL = re.compile(r"^(?:[#*]+|[一二三四五六七八九十]{1,3}[、.，]|[（(〔][一二三四五六七八九十\d]{1,3}[）)〕]|\d{1,2}[.、．]"
                      r"(?!\d)|[①-⑳])+")
_PUNCT = re.compile(r"[\s#*|（）()“”\"'‘’「」、，,。.．：:；;！!？?《》〔〕\[\]【】\-—_·/\\~～]+")

NEAR = 0.6  # similarity from which a piece of text is taken as a (deviating) template label
FRAGMENT_MIN = 2  # a shorter core is never taken for a label of its own
PIECE = 0.8  # how much the start or end of a label counts as that label
CLOSE = 0.75  # similarity at which a text is a (deviating) label rather than pieces of labels


@lru_cache(maxsize=65536)
def core(text: str) -> str:
    """The words of a label: no ordinal, punctuation, spaces or Markdown marks."""
    k = key(text)
    return _PUNCT.sub("", _ORDINAL.sub("", k))


def similarity(a: str, b: str) -> float:
    """How alike two cores are (0…1)."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


@dataclass(frozen=True)
class Hit:
    role: str  # anchor | header | row | group
    pack: object
    table: str
    row: str | None = None
    label: str = ""


class LabelIndex:
    """Every label of every pack, by exact key and by core, in pack priority order."""

    def __init__(self, packs):
        self.packs = list(packs)
        self.by_key: dict[str, list[Hit]] = {}
        self.by_core: dict[str, list[Hit]] = {}
        self.group_cores: dict[str, set[str]] = {}
        self.table_cores: dict[str, set[str]] = {}  # table -> cores of all its labels (every version)
        for p in self.packs:
            for t in p.tables.values():
                for a in t.anchors:
                    self._add(a, Hit("anchor", p, t.key, label=a))
                for h in list(t.header) + [c.label for c in t.columns] + [c.group for c in t.columns if c.group]:
                    self._add(h, Hit("header", p, t.key, label=h))
                for g in t.groups:
                    self._add(g, Hit("group", p, t.key, label=g))
                for r in t.row_defs.values():
                    if r.label:
                        self._add(r.label, Hit("row", p, t.key, r.key, r.label))
        self.known = frozenset(self.by_key)
        self.known_cores = frozenset(self.by_core)
        self._piece_cache: dict[str, frozenset[str]] = {}

    def _add(self, label: str, hit: Hit) -> None:
        for index, k in ((self.by_key, key(label)), (self.by_core, core(label))):
            hits = index.setdefault(k, [])
            if hit not in hits:
                hits.append(hit)
        self.table_cores.setdefault(hit.table, set()).add(core(label))
        if hit.role == "group":
            self.group_cores.setdefault(hit.table, set()).add(core(label))

    def hits(self, text: str) -> tuple[list[Hit], str]:
        """Hits of a piece of text, and how it matched ("exact", "core" or "")."""
        k = key(text).lstrip("#*")
        if k in self.by_key:
            return self.by_key[k], "exact"
        c = core(text)
        if len(c) >= 1 and c in self.by_core:
            return self.by_core[c], "core"
        return [], ""

    def best_row(self, text: str, definition, exclude=()) -> tuple[str | None, float]:
        """The row of `definition` whose label `text` most resembles, and how much."""
        c = core(text)
        if len(c) < FRAGMENT_MIN:
            return None, 0.0
        scored = []
        for rk in definition.rows:
            rd = definition.row_defs[rk]
            if rk in exclude or not rd.label:
                continue
            whole = core(rd.label)
            s = similarity(c, whole)
            # The start of a label cut by a line or page break (`5.要求行政机关确`) or its end.
            if len(c) >= 4 and (whole.startswith(c) or whole.endswith(c) and len(c) >= 5):
                s = max(s, PIECE)
            scored.append((s, rk))
        scored.sort(reverse=True)
        if not scored or len(scored) > 1 and scored[0][0] == scored[1][0]:
            return None, 0.0  # two rows alike: it is neither for certain
        return scored[0][1], scored[0][0]

    def interleaved(self, text: str, label: str, table: str) -> bool:
        """Whether `text` is `label` with another label of the table woven through it, as PDF text
        gives a row label beside a merged group cell (`（四）无2.没有现成信息需要另` + `法提供行制作`)."""
        c, want = core(text), core(label)
        rest = _without_subsequence(c, want)
        if rest is None:
            return False
        rest = "".join(ch for ch in rest if not ch.isdigit())
        # The woven-in text is a run of another label's words (无法提供, 予处理), not a stray
        # character, which would be a typo of this label (重复的申请).
        return len(rest) >= FRAGMENT_MIN and any(rest in other for other in self.table_cores.get(table, ())
                                                 if other != want)

    def is_fragment(self, text: str, table: str) -> bool:
        """Whether `text` is explained by the table's labels without being one: a part of a label,
        or labels and parts of labels run together, as PDF text and wrapped or interleaved header
        cells give them (`益组织`, `信息内容上一年项本年增/`, `组织 机构`). A text close to one label
        is not a fragment but that label, written wrongly (`社会组织`, `本年度止件数`)."""
        c = core(text)
        if not c:
            return True
        cores = self.table_cores.get(table, set())
        whole_removed = False
        for whole in sorted(cores, key=len, reverse=True):
            if len(whole) >= FRAGMENT_MIN and whole in c:
                c = c.replace(whole, "")
                whole_removed = True
                if not c:
                    return True
        if any(c in whole for whole in cores):
            return True  # a part of one label (a cell wrapped or cut by the extraction)
        if not whole_removed and any(similarity(c, whole) >= CLOSE for whole in cores):
            return False
        return _segments(c, self._pieces(table))

    def is_group_piece(self, text: str, definition) -> bool:
        """A piece of a merged group label (三、本年度办理结果, （三）不予公开) that PDF text writes down
        the side of the rows, a character or a few per line: nothing of a row label of the
        version being read."""
        c = core(text)
        if not c or _ORDINAL.match(key(text)):
            return False  # an ordinal (`（六）`, `（一）予`) starts a row label broken over lines
        if not any(c in g for g in self.group_cores.get(definition.key, ())):
            return False
        return len(c) <= 2 or not any(c in core(r.label) for r in definition.row_defs.values() if r.label)

    def is_header_piece(self, text: str, definition) -> bool:
        """A piece of a column heading (`务机构`, `益组织`: a header cell wrapped by PDF text) and of
        no row label of the version being read: it belongs to the header, not to a row."""
        c = core(text)
        heads = [core(h) for h in list(definition.header) + [col.label for col in definition.columns]]
        if not c or not any(c in h for h in heads):
            return False
        return not any(c in core(r.label) for r in definition.row_defs.values() if r.label)

    def _pieces(self, table: str) -> frozenset[str]:
        """Every piece of every label of a table (its substrings)."""
        pieces = self._piece_cache.get(table)
        if pieces is None:
            pieces = frozenset(w[i:j] for w in self.table_cores.get(table, ())
                               for i in range(len(w)) for j in range(i + 1, len(w) + 1))
            self._piece_cache[table] = pieces
        return pieces


def _without_subsequence(text: str, sub: str) -> str | None:
    """`text` without the characters of `sub` taken in order (None if `sub` is not a subsequence)."""
    out, j = [], 0
    for ch in text:
        if j < len(sub) and ch == sub[j]:
            j += 1
        else:
            out.append(ch)
    return "".join(out) if j == len(sub) else None


def _segments(text: str, pieces) -> bool:
    """Whether `text` is a run of pieces of labels (dynamic programming over its prefixes)."""
    ok = [True] + [False] * len(text)
    for i in range(1, len(text) + 1):
        for j in range(max(0, i - 40), i):
            if ok[j] and text[j:i] in pieces:
                ok[i] = True
                break
    return ok[-1]
