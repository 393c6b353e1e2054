"""Table values as reports write them, and the ways a run-together row can be split into cells.

A value is a number with an optional sign, thousands commas, decimals, a unit (`25227 元`,
`2笔`) and a note in brackets (`22（其中修订16件）`); `/`, `—`, `无`, `不适用` are "not
applicable". Scraped pages and PDF text run a row's numbers together (`270020130`, `0+11`,
`215419886元`): `splits` lists every way to cut them into the template's columns that the
columns allow (a sign only in a signed column, decimals and money units only in an amount
column, no leading zeros), so that the relations can choose between them.
"""

from __future__ import annotations

from functools import lru_cache
from decimal import Decimal, InvalidOperation

from ..prebuilt import regex

BLANK, NA, NUMBER, TEXT = "blank", "n/a", "number", "text"
UNITS = ("万元", "元", "人次", "件", "项", "个", "次", "笔", "条", "宗", "起", "户", "人", "%")
MONEY = ("万元", "元")
_UNIT = "|".join(UNITS)
_NOTE = r"(?:[（(][^（）()]{0,30}[）)])?"
# One white-space run on each side of the unit, never two meeting around an optional part.
NUMBER_RE = regex(rf"^(?P<n>[+-]?(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?)\s*(?:(?P<unit>{_UNIT})\s*)?{_NOTE}$")
NA_VALUES = frozenset({"/", "—", "——", "-", "--", "不适用", "无", "－", "/ ", "＼", "\\", "——/", "-/-"})
_RUN = regex(rf"^(?P<body>[+-]?\d+(?:\.\d+)?)\s*(?P<unit>{_UNIT})?$")
MAX_SPLITS = 20_000  # search steps for one row; beyond, the row is not read (real rows need < 1000)
REPORT_SPLITS = 100_000  # steps for all rows of one report (real ones need < 2000): crafted input stays bounded


class Budget:
    """Split-search steps left for one report, shared by its rows."""

    def __init__(self, steps: int = REPORT_SPLITS):
        self.left = steps


SHORT = 48  # texts up to this length are remembered: tables repeat a few (0, /, 12 …) many times


def parse_value(raw: str) -> tuple[str, Decimal | None, str | None]:
    return _parse_short(raw) if len(raw) <= SHORT else _parse(raw)


def is_value(text: str) -> bool:
    return _is_short(text) if len(text) <= SHORT else _is(text)


def _parse(raw: str) -> tuple[str, Decimal | None, str | None]:
    t = raw.strip()
    if not t:
        return BLANK, None, None
    if t in NA_VALUES:
        return NA, None, None
    m = NUMBER_RE.match(t)
    if m:
        try:
            return NUMBER, Decimal(m.group("n").replace(",", "")), m.group("unit")
        except InvalidOperation:
            pass
    return TEXT, None, None


def _is(text: str) -> bool:
    t = text.strip()
    return t in NA_VALUES or bool(NUMBER_RE.match(t))


_parse_short = lru_cache(maxsize=4096)(_parse)
_is_short = lru_cache(maxsize=4096)(_is)


def _cuts(body: str) -> list[int]:
    """Where a run may be cut: between two digits of its integer part or fraction."""
    return [i for i in range(1, len(body)) if body[i - 1].isdigit() and body[i].isdigit()]


def _piece_ok(piece: str, first: bool, column, unit: str | None) -> bool:
    digits = piece.lstrip("+-")
    if not digits or digits[0] == ".":
        return False
    if len(digits) > 1 and digits[0] == "0" and digits[1] != ".":
        return False  # numbers are not written with leading zeros
    if piece[0] in "+-" and (not first or column.kind != "signed"):
        return False
    if "." in digits and column.kind != "amount":
        return False
    if unit in MONEY and column.kind != "amount":
        return False
    return True


def splits(texts: list[str], columns, budget: Budget | None = None) -> list[list[tuple[int, int, str]]] | None:
    """Every way to read the value texts of one row as `len(columns)` cells.

    Each way is a list of (token index, offset in the token, cell text). None when the texts
    cannot be cells of these columns at all or there are too many ways to try (more steps than
    MAX_SPLITS, or than the report's `budget` has left)."""
    k = len(columns)
    limit = MAX_SPLITS if budget is None else min(MAX_SPLITS, budget.left)
    runs = []
    for t in texts:
        m = _RUN.match(t.strip())
        runs.append((m.group("body"), m.group("unit")) if m else None)
    # most[i]: how many cells tokens i… can make at most — the search never enters a branch that
    # cannot fill the row (a bound that keeps long runs linear, not combinatorial).
    most = [0] * (len(texts) + 1)
    for i in range(len(texts) - 1, -1, -1):
        most[i] = most[i + 1] + (1 if runs[i] is None else len(_cuts(runs[i][0])) + 1)
    out: list[list[tuple[int, int, str]]] = []
    tried = 0

    def place(i: int, col: int, acc: list) -> bool:
        nonlocal tried
        tried += 1
        if tried > limit:
            return False
        left_tokens = len(texts) - i
        if i == len(texts):
            if col == k:
                out.append(list(acc))
            return True
        if col + left_tokens > k or col + most[i] < k:
            return True  # each remaining token needs a column, and together they must fill the row
        run = runs[i]
        if run is None:  # blank, n/a or text: one cell as it is
            acc.append((i, 0, texts[i].strip()))
            ok = place(i + 1, col + 1, acc)
            acc.pop()
            return ok
        body, unit = run
        start = len(texts[i]) - len(texts[i].lstrip())
        cut_points = _cuts(body)
        max_pieces = min(len(cut_points) + 1, k - col - (left_tokens - 1))
        min_pieces = max(1, k - col - most[i + 1])
        for pieces in range(min_pieces, max_pieces + 1):
            if not _compose(i, body, unit, start, cut_points, pieces, col, acc, place):
                return False
        return True

    def _compose(i, body, unit, start, cut_points, pieces, col, acc, cont) -> bool:
        def rec(pos: int, made: int, cut_from: int) -> bool:
            nonlocal tried
            tried += 1
            if tried > limit:
                return False
            if made == pieces - 1:
                piece = body[pos:]
                last_unit = unit
                if not _piece_ok(piece, pos == 0, columns[col + made], last_unit):
                    return True
                acc.append((i, start + pos, piece + (unit or "")))
                ok = cont(i + 1, col + pieces, acc)
                acc.pop()
                return ok
            for j in range(cut_from, len(cut_points) - (pieces - 2 - made)):  # leave cuts for the pieces after
                cut = cut_points[j]
                piece = body[pos:cut]
                if not _piece_ok(piece, pos == 0, columns[col + made], None):
                    # A piece ends in a digit, so what rules it out (a leading zero, a sign or a
                    # decimal point the column cannot take) rules out every longer one too.
                    break
                acc.append((i, start + pos, piece))
                ok = rec(cut, made + 1, j + 1)
                acc.pop()
                if not ok:
                    return False
            return True

        return rec(0, 0, 0)

    done = place(0, 0, [])
    if budget is not None:
        budget.left -= tried
    return out if done else None
