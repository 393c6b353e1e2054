"""pdfplumber's words and lines of upright characters (its `WordExtractor` and clustering with the
default settings), in one pass: what `extract_text_lines` and `extract_text` make of them with
`layout=False`, without their text maps, regular expressions and per-character method calls.

pdfplumber: the characters' tops are clustered (a sorted chain of values no more than 3 pt apart)
and the characters sorted by cluster, then by x0 (both stable); a line's characters make words,
broken at a blank, a step back or a gap of more than 3 pt after a character, or a top more than
3 pt off; the words' tops (their least) are clustered again into lines — in the words' order for
the page's text lines, sorted by cluster for a cell's text. Only upright characters with finite
positions: the callers give pdfplumber the others.
"""

from __future__ import annotations

import math
from operator import itemgetter

from pdfplumber.utils.text import DEFAULT_X_TOLERANCE, DEFAULT_Y_TOLERANCE, LIGATURES

_X0 = itemgetter("x0")


def readable(chars: list[dict]) -> bool:
    """Whether `words` reads these characters as pdfplumber does: upright, a text, finite places
    (a sum of them is finite only if they are, or it overflows: then pdfplumber reads them)."""
    for c in chars:  # a loop, not all(): this runs for every cell
        if not (c["upright"] is True and isinstance(c["text"], str) and c["text"]
                and math.isfinite(c["x0"] + c["x1"] + c["top"] + c["bottom"])):
            return False
    return True


def clusters(values: set, tolerance: float = DEFAULT_Y_TOLERANCE) -> dict[float, int]:
    """pdfplumber's `make_cluster_dict` of a set of values: each value's cluster (a sorted chain
    of values no more than `tolerance` apart), numbered from the least."""
    out: dict[float, int] = {}
    index, last = -1, None
    for v in sorted(values):
        if last is None or v > last + tolerance:
            index += 1
        out[v] = index
        last = v
    return out


def _by_cluster(items: list, tops: list) -> list[list]:
    """`items` grouped by the cluster of their tops, clusters in order, items in theirs (the
    groups of pdfplumber's stable sort by cluster)."""
    values = set(tops)
    if len(values) == 1:
        return [items]
    at = clusters(values)
    groups: dict[int, list] = {}
    for item, top in zip(items, tops):
        groups.setdefault(at[top], []).append(item)
    return [groups[k] for k in sorted(groups)]


def words(chars: list[dict]) -> list[tuple[str, float, list[dict]]]:
    """pdfplumber's words of `chars` (all `readable`) in its order: (text, top, characters)."""
    out: list[tuple[str, float, list[dict]]] = []
    for line in _by_cluster(chars, [c["top"] for c in chars]):
        out += _line_words(line)
    return out


def _line_words(line: list[dict]) -> list[tuple[str, float, list[dict]]]:
    """The words of one line's characters, left to right."""
    out = []
    word: list[dict] = []
    x0 = x1 = top = 0.0  # of the word's last character
    for c in sorted(line, key=_X0):
        if c["text"].isspace():
            if word:
                out.append(_word(word))
            word = []
            continue
        left, up = c["x0"], c["top"]
        if word and (left < x0 or left > x1 + DEFAULT_X_TOLERANCE or abs(up - top) > DEFAULT_Y_TOLERANCE):
            out.append(_word(word))
            word = []
        word.append(c)
        x0, x1, top = left, c["x1"], up
    if word:
        out.append(_word(word))
    return out


def _word(chars: list[dict]) -> tuple[str, float, list[dict]]:
    return "".join([LIGATURES.get(c["text"], c["text"]) for c in chars]), min([c["top"] for c in chars]), chars


def lines(chars: list[dict], in_order: bool) -> list[list[tuple[str, float, list[dict]]]]:
    """The words of `chars` (all `readable`) grouped into lines by their tops: runs of one cluster
    in the words' order (`in_order`, the page's text lines), or each cluster's words (a cell's
    text, pdfplumber's stable sort by cluster)."""
    found = words(chars)
    tops = [w[1] for w in found]
    if not in_order:
        return _by_cluster(found, tops) if found else []
    at = clusters(set(tops))
    out: list[list] = []
    for w in found:
        if out and at[out[-1][-1][1]] == at[w[1]]:
            out[-1].append(w)
        else:
            out.append([w])
    return out


def text_lines(chars: list[dict]) -> list[dict]:
    """pdfplumber's `extract_text_lines(layout=False, strip=True, return_chars=False)`."""
    out = []
    for line in lines(chars, True):
        cs = [c for w in line for c in w[2]]
        out.append({"text": " ".join([w[0] for w in line]), "x0": min([c["x0"] for c in cs]),
                    "top": min([c["top"] for c in cs]), "x1": max([c["x1"] for c in cs]),
                    "bottom": max([c["bottom"] for c in cs])})
    return out


def text(chars: list[dict]) -> str:
    """pdfplumber's `extract_text` with its default settings."""
    tops = {c["top"] for c in chars}
    if len(tops) == 1:  # one top: one cluster of characters and of words
        return " ".join([w[0] for w in _line_words(chars)])
    return "\n".join([" ".join([w[0] for w in line]) for line in lines(chars, False)])
