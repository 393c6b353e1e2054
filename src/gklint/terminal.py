"""Terminal conventions of ruff and flake8 for the text format: colour and source lines.

Colour is the last layer of a text line: `colorize` wraps parts that are already safe to print
(path, position, code, message) in ANSI codes, so the escape codes gklint adds can never be mixed
up with characters that came from a report. `excerpt` gives the source line under a finding with
a caret `^` under its column; a wide (CJK) character takes two columns of a terminal.
"""

from __future__ import annotations

import os
import unicodedata
from typing import NamedTuple

COLORS = ("auto", "always", "never")
_RESET = "\x1b[0m"
_BOLD, _DIM = "\x1b[1m", "\x1b[2m"
_SEVERITY = {"error": "\x1b[1;31m", "warning": "\x1b[1;33m", "info": "\x1b[1;34m"}  # ruff: red code
# Source lines are cut to a window around the column: a scraped page may be one line of 100 000 characters.
_BEFORE, _AFTER = 40, 60


class Line(NamedTuple):
    """The parts of one finding's text line: `path:position: CODE message` (the position is the
    place in the document, or line:col of a text file)."""

    path: str
    position: str
    code: str
    severity: str
    message: str


def use_color(mode: str | None, stream) -> bool:
    """`--color`: always, never, or auto — a terminal, unless NO_COLOR is set; FORCE_COLOR forces
    it where nothing else is said (no-color.org: a flag beats the variables, NO_COLOR beats FORCE_COLOR)."""
    if mode == "always":
        return True
    if mode == "never":
        return False
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except (OSError, ValueError):  # a closed or odd stream
        return False


def plain(p: Line) -> str:
    return f"{p.path}:{p.position}: {p.code} {p.message}"


def colorize(p: Line) -> str:
    """`plain(p)` with ruff's colours: path bold, position dim, code by severity."""
    code = _SEVERITY.get(p.severity, _BOLD)
    return (f"{_BOLD}{p.path}{_RESET}{_DIM}:{p.position}:{_RESET} "
            f"{code}{p.code}{_RESET} {p.message}")


def caret(severity: str, text: str, color: bool) -> str:
    return f"{_SEVERITY.get(severity, _BOLD)}{text}{_RESET}" if color else text


def width(ch: str) -> int:
    """Columns a character takes in a terminal."""
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _visible(ch: str) -> str:
    # A tab is one space so that the caret lines up; other control characters would move the
    # cursor or colour the terminal, and show as `?` (ASCII: any console encoding can print it).
    if ch == "\t":
        return " "
    return "?" if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch


def excerpt(source: str, col: int) -> tuple[str, str] | None:
    """The source line (cut to a window around `col`) and the spaces before the caret under `col`
    (1-based, in characters); None for an empty line."""
    if not source.strip():
        return None
    i = max(0, min(col - 1, len(source)))
    start, end = max(0, i - _BEFORE), min(len(source), i + _AFTER)
    shown = "".join(_visible(c) for c in source[start:end]).rstrip()
    head = "…" if start else ""
    tail = "…" if end < len(source) else ""
    pad = width("…") * len(head) + sum(width(_visible(c)) for c in source[start:i])
    return head + shown + tail, " " * pad


_CELL, _ROW_CELLS = "\t", 40  # a table cell line of the readers' layout; cells shown of one row at most
_SEP = " | "


class SourceLines:
    """The lines of checked files as their reader made them (the original line of a text file,
    a paragraph of Word, a web page or a PDF), read again once per file when --show-source asks;
    a file that cannot be read again shows no source. A table cell on a line of its own (one cell
    per line after a tab, rows separated by a blank line, as Word's text export and gklint's
    readers write tables) is shown with the other cells of its row."""

    def __init__(self, max_bytes: dict | None = None):
        self.max_bytes = max_bytes or {}
        self._lines: dict[str, list[str]] = {}

    def at(self, path: str, n: int, col: int) -> tuple[str, int] | None:
        """The text to show for line `n` of `path` and the column of `col` in it."""
        if path not in self._lines:
            self._lines[path] = self._read(path)
        lines = self._lines[path]
        if not 1 <= n <= len(lines):
            return None
        line = lines[n - 1]
        if not _is_cell(line):
            return line, col
        first = last = n - 1
        while first > 0 and n - first < _ROW_CELLS and _is_cell(lines[first - 1]):
            first -= 1
        while last + 1 < len(lines) and last - n < _ROW_CELLS and _is_cell(lines[last + 1]):
            last += 1
        cells = [c[1:] for c in lines[first:last + 1]]
        before = sum(len(c) + len(_SEP) for c in cells[:n - 1 - first])
        return _SEP.join(cells), before + max(col - 1, 1)

    def _read(self, path: str) -> list[str]:
        from .readers import MAX_BYTES, read

        if not os.path.isfile(path):
            return []
        try:
            src = read(path, self.max_bytes.get(path, MAX_BYTES))
        except Exception:  # never crash on output: the findings are already made
            return []
        return [] if src.fatal else src.lines


def _is_cell(line: str) -> bool:
    return line.startswith(_CELL) and _CELL not in line[1:]
