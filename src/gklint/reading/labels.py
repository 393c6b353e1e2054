"""Template labels, and how a piece of table text relates to them.

A piece of text in a table is one of: a template label written as the template writes it
(`exact`); the same words with other punctuation, ordinals or Markdown marks (`core`, not a
deviation: `本年新收政府信息公开申请数量` for `一、本年新收…`, `,` for `、`); a label with a wrong
word (`fuzzy`, a deviation the report really has: `本年废纸件数`); or a *fragment* — part of one
label or several run together, as PDF text and wrapped cells produce (`益组织`, `度办`,
`申请人情况(自然人)`), which says nothing about the report.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from ..normalize import key
from ..prebuilt import regex

# Leading ordinals of row and group labels: 一、 （一） 1. 1、 (1) ①; Markdown marks.
_ORDINAL = regex(r"^(?:[#*]+|[一二三四五六七八九十]{1,3}[、.，]|[（(〔][一二三四五六七八九十\d]{1,3}[）)〕]|\d{1,2}[.、．]"
                   r"(?!\d)|[①-⑳])+")
_PUNCT = regex(r"[\s#*|（）()“”\"'‘’「」、，,。.．：:；;！!？?《》〔〕\[\]【】\-—_·/\\~～]+")
_TOKENS = regex(r"[一二三四五六七八九十]{1,3}|\d{1,3}|[①-⑳]")  # an ordinal's parts

NEAR = 0.6  # similarity from which a piece of text is taken as a (deviating) template label
FRAGMENT_MIN = 2  # a shorter core is never taken for a label of its own
PIECE = 0.8  # how much the start or end of a label counts as that label
CLOSE = 0.75  # similarity at which a text is a (deviating) label rather than pieces of labels
RENUMBERED = 0.9  # weight of a resemblance whose ordinal differs from the label's


@lru_cache(maxsize=65536)
def core(text: str) -> str:
    """The words of a label: no ordinal, punctuation, spaces or Markdown marks."""
    k = key(text)
    return _PUNCT.sub("", _ORDINAL.sub("", k))


_CN = "一二三四五六七八九"


@lru_cache(maxsize=65536)
def ordinal(text: str) -> int | None:
    """The number a label's last leading ordinal gives it (（六） → 6, 3. → 3, ⑤ → 5), or None."""
    m = _ORDINAL.match(key(text))
    if not m:
        return None
    tokens = _TOKENS.findall(m.group())
    if not tokens:
        return None
    t = tokens[-1]
    if t.isascii():
        return int(t)
    if "①" <= t <= "⑳":
        return ord(t) - ord("①") + 1
    tens, _, ones = t.rpartition("十")
    if "十" not in t:
        return _CN.index(t) + 1 if len(t) == 1 else None
    return (_CN.index(tens) + 1 if tens else 1) * 10 + (_CN.index(ones) + 1 if ones else 0)


def similarity(a: str, b: str, floor: float = 0.0) -> float:
    """How alike two cores are (0…1); 0.0 for anything below `floor`, told by cheap upper bounds
    first (lengths, then shared characters) so that unlike texts cost no full comparison."""
    if a == b:
        return 1.0
    if not a or not b or 2 * min(len(a), len(b)) / (len(a) + len(b)) < floor:
        return 0.0
    if floor and 2 * sum((_chars(a) & _chars(b)).values()) / (len(a) + len(b)) < floor:
        return 0.0
    from difflib import SequenceMatcher  # imported where resemblance is asked: most reports never do

    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _most_repeated(text: str) -> int:
    return max(Counter(text).values(), default=0)


def _chars(text: str) -> Counter:
    return _chars_short(text) if len(text) <= 64 else Counter(text)


_chars_short = lru_cache(maxsize=4096)(Counter)


@dataclass(frozen=True)
class Hit:
    """A template label a piece of text matches, and its role in its table."""
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
        self.numbered: dict[int, set[str]] = {}  # ordinal → cores of the labels that carry it
        for hits in self.by_key.values():
            for h in hits:
                if ordinal(h.label) is not None:
                    self.numbered.setdefault(ordinal(h.label), set()).add(core(h.label))
        self.known = frozenset(self.by_key)
        self.longest = max(map(len, self.known), default=0)
        self.known_cores = frozenset(self.by_core)
        self._piece_cache: dict[str, frozenset[str]] = {}
        self._rows_cache: dict[int, list] = {}  # by definition: the packs live as long as the index
        self.resolved: dict[tuple, object] = {}  # the table reader's answers for this pack order

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
            start_of = self._numbered_start(text, c, self.by_core[c])
            if start_of is not None:
                return self.by_core[start_of], "partial"
            return self.by_core[c], "core"
        return [], ""

    def _numbered_start(self, text: str, c: str, hits: list[Hit]) -> str | None:
        """The core of the label the text starts, when its ordinal says it is that label's start
        rather than the label its words match: `（六）其他` of `（六）其他处理` (wrapped), not
        `3.其他`. None when the words and the number agree, or no one label fits."""
        n = ordinal(text)
        # A numbered text is a row or group label (a column label carries no number).
        if n is None or any(ordinal(h.label) in (None, n) for h in hits if h.role in ("row", "group")):
            return None
        starts = {o for o in self.numbered.get(n, ()) if o != c and o.startswith(c)}
        return starts.pop() if len(starts) == 1 else None

    def best_row(self, text: str, definition, exclude=()) -> tuple[str | None, float]:
        """The row of `definition` whose label `text` most resembles, and how much; resemblance
        below NEAR counts as none (it never makes a label)."""
        c = core(text)
        if len(c) < FRAGMENT_MIN:
            return None, 0.0
        scored = []
        cset, crep, n = frozenset(c), _most_repeated(c), ordinal(text)
        for rk, whole, wset, wrep, m in self._row_cores(definition):
            if rk in exclude:
                continue
            # Cheap upper bound first: each shared character matches at most min(repeats) times.
            shared = len(cset & wset) * min(crep, wrep)
            s = similarity(c, whole, NEAR) if 2 * shared >= NEAR * (len(c) + len(whole)) else 0.0
            # The start of a label cut by a line or page break (`5.要求行政机关确`) or its end.
            if len(c) >= 4 and (whole.startswith(c) or whole.endswith(c) and len(c) >= 5):
                s = max(s, PIECE)
            if n is not None and m is not None and n != m:
                s *= RENUMBERED  # the words fit, the number does not: a start of another row?
            scored.append((s, rk))
        scored.sort(reverse=True)
        if not scored or len(scored) > 1 and scored[0][0] == scored[1][0]:
            return None, 0.0  # two rows alike: it is neither for certain
        return scored[0][1], scored[0][0]

    def _row_cores(self, definition) -> list[tuple]:
        """(row, core, its characters, most repeats of one, ordinal) for the labelled rows of a table."""
        rows = self._rows_cache.get(id(definition))
        if rows is None:
            rows = self._rows_cache[id(definition)] = [
                (rk, core(rd.label), frozenset(core(rd.label)), _most_repeated(core(rd.label)), ordinal(rd.label))
                for rk in definition.rows for rd in (definition.row_defs[rk],) if rd.label]
        return rows

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
