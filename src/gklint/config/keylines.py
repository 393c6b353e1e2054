"""Where a key is in a TOML file, for error messages (tomllib keeps no positions)."""

from __future__ import annotations

import re


def key_line(text: str, in_pyproject: bool, keypath: list) -> int | None:
    """Line of a key in the TOML text, by a plain search."""
    lines = text.splitlines()
    prefix = r"tool\s*\.\s*gklint" if in_pyproject else ""

    def header(name: str = "", array: bool = False) -> re.Pattern:
        dotted = r"\s*\.\s*".join(p for p in (prefix, re.escape(name) if name else "") if p)
        o, c = (r"\[\[", r"\]\]") if array else (r"\[", r"\]")
        return re.compile(rf"\s*{o}\s*{dotted}\s*{c}")

    start = 0
    if in_pyproject:
        start = next((i for i, ln in enumerate(lines) if header().match(ln)), None)
        if start is None:
            return None
    if not keypath:
        return start + 1
    first, rest = keypath[0], list(keypath[1:])
    pos = None
    if first == "suppress" and rest and isinstance(rest[0], int):
        hits = [i for i, ln in enumerate(lines) if header("suppress", array=True).match(ln)]
        if rest[0] < len(hits):
            pos = hits[rest[0]]
        rest = rest[1:]
    if pos is None:
        key_rx = re.compile(rf"\s*[\"']?{re.escape(str(first))}[\"']?\s*=")
        sub = header(str(first))
        pos = next((i for i in range(start, len(lines)) if key_rx.match(lines[i]) or sub.match(lines[i])), None)
        if pos is None:
            return None
    for k in rest:
        if isinstance(k, int):
            continue
        key_rx = re.compile(rf"\s*[\"']?{re.escape(str(k))}[\"']?\s*=|.*[{{,]\s*[\"']?{re.escape(str(k))}[\"']?\s*=")
        nxt = next((i for i in range(pos, len(lines)) if key_rx.match(lines[i])), None)
        if nxt is None:
            break
        pos = nxt
    return pos + 1
