"""Which files and findings a configuration entry names: path globs and `where`."""

from __future__ import annotations

import re


def _glob_re(pattern: str) -> re.Pattern:
    out, i = [], 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[" and pattern.find("]", i + 2) != -1:
            end = pattern.find("]", i + 2)
            body = pattern[i + 1:end]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append(f"[{body.replace(chr(92), chr(92) * 2)}]")
            i = end
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out) + r"\Z")


def glob_match(pattern: str, rel: str) -> bool:
    """Does a config glob match a path relative to the config's directory?

    `*` and `?` stay within one path segment, `**` spans directories; a pattern without `/` also
    matches the file name anywhere; a pattern matching a directory matches every file under it."""
    pattern = pattern.replace("\\", "/")
    while pattern.startswith("./"):
        pattern = pattern[2:]
    rx = _glob_re(pattern.rstrip("/"))
    parts = rel.split("/")
    if "/" not in pattern.rstrip("/") and rx.match(parts[-1]):
        return True
    return any(rx.match("/".join(parts[:n])) for n in range(len(parts), 0, -1))


def where_matches(where: str, f) -> bool:
    """`where` is a table path from the finding (its cell, suspect cell, table, row or section; a
    shorter path such as `t3[R03]` covers the cells under it), or text contained in the message."""
    d = f.data
    paths = [d.get("cell"), (d.get("suspect") or {}).get("cell") if isinstance(d.get("suspect"), dict) else None,
             d.get("table"), d.get("section")]
    if d.get("table") and d.get("row"):
        paths.append(f"{d['table']}[{d['row']}]")
    if d.get("table") and d.get("binding"):
        paths.append(f"{d['table']}[{d['binding']}]")
    for p in paths:
        if isinstance(p, str) and (p == where or p.startswith(where + "[")):
            return True
    return where in f.message
