"""Which files and findings a configuration entry names: path globs and `where`."""

from __future__ import annotations

import os
from functools import lru_cache

# A glob is matched by simulating its automaton (the set of pattern positions reached so far):
# time is len(pattern) × len(path) whatever the pattern. A regex translation (fnmatch's or ours)
# backtracks on `*a*a*a…` and rejects `[z-a]`.
STAR, DSTAR, SEGS, ONE = "*", "**", "**/", "?"  # *: within a segment; **: anything; **/: whole segments


@lru_cache(maxsize=1024)
def _tokens(pattern: str) -> tuple:
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append(SEGS)
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(DSTAR)
            i += 2
            continue
        c = pattern[i]
        end = pattern.find("]", i + 2) if c == "[" else -1
        if c in (STAR, ONE):
            out.append(c)
        elif end != -1:
            body = pattern[i + 1:end]
            negate = body.startswith("!")
            body = body[1:] if negate else body
            ranges, k = [], 0
            while k < len(body):  # a-z; a range running backwards ([z-a]) holds nothing
                if k + 2 < len(body) and body[k + 1] == "-":
                    ranges.append((body[k], body[k + 2]))
                    k += 3
                else:
                    ranges.append((body[k], body[k]))
                    k += 1
            out.append((negate, tuple(ranges)))
            i = end
        else:
            out.append(c)
        i += 1
    return tuple(out)


def _close(tokens: tuple, states: set) -> set:
    """Add the positions reached without reading: past a star of any kind."""
    todo = list(states)
    while todo:
        i = todo.pop()
        if i < len(tokens) and tokens[i] in (STAR, DSTAR, SEGS) and i + 1 not in states:
            states.add(i + 1)
            todo.append(i + 1)
    return states


def _step(tokens: tuple, i: int, c: str, nxt: set) -> None:
    t = tokens[i]
    if t == STAR:
        if c != "/":
            nxt.add(i)
    elif t == DSTAR:
        nxt.add(i)
    elif t == SEGS:  # (anything/)*: stays, and may leave just after a `/`
        nxt.add(i)
        if c == "/":
            nxt.add(i + 1)
    elif t == ONE:
        if c != "/":
            nxt.add(i + 1)
    elif isinstance(t, tuple):
        negate, ranges = t
        if c != "/" and any(lo <= c <= hi for lo, hi in ranges) != negate:
            nxt.add(i + 1)
    elif t == c:
        nxt.add(i + 1)


def _match(tokens: tuple, s: str) -> bool:
    states = _close(tokens, {0})
    for c in s:
        nxt: set = set()
        for i in states:
            if i < len(tokens):
                _step(tokens, i, c, nxt)
        if not nxt:
            return False
        states = _close(tokens, nxt)
    return len(tokens) in states


def _matches(pattern: str, s: str) -> bool:
    """A glob without wildcards is the path itself: compared, not simulated (exclusion asks of
    every folder and file of a walk)."""
    if not any(ch in pattern for ch in "*?["):
        return pattern == s
    return _match(_tokens(pattern), s)


def _normal(pattern: str) -> str:
    """`/` for `\\`, no leading `./`, no trailing `/`."""
    pattern = pattern.replace("\\", "/")
    while pattern.startswith("./"):
        pattern = pattern[2:]
    return pattern.rstrip("/")


def glob_match(pattern: str, rel: str) -> bool:
    """Does a config glob match a path relative to the config's directory?

    `*` and `?` stay within one path segment, `**` spans directories; a pattern without `/` also
    matches the file name anywhere; a pattern matching a directory matches every file under it."""
    pattern = _normal(pattern)
    parts = rel.split("/")
    if "/" not in pattern and _matches(pattern, parts[-1]):
        return True
    return any(_matches(pattern, "/".join(parts[:n])) for n in range(len(parts), 0, -1))


def relative_to(path: str, base: str) -> str:
    """`path` relative to the folder `base`, with `/` (may start with `../`), as globs match it."""
    try:
        rel = os.path.relpath(os.path.abspath(path), base)
    except ValueError:  # another drive on Windows
        rel = os.path.abspath(path)
    return rel.replace(os.sep, "/")


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


# Folders no report lives in (tools' and version control's); `exclude` replaces this list,
# `extend-exclude` adds to it. `build` and `dist` are not here: a report folder may be called so.
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".bzr", ".venv", "venv", ".tox", ".nox", "node_modules", "__pycache__",
                   "site-packages", ".gklint_cache")


@lru_cache(maxsize=64)
def excluder(globs: tuple[str, ...]):
    """`excludes(rel, ancestors=False)` for a list of `exclude` globs (relative to one base, paths
    with `/`): does a glob name the path? A glob without `/` names a file or folder of that name
    anywhere; with `ancestors`, a folder above the path counts too (--force-exclude for a path
    named on the command line). `excludes.by_name`: the globs need the name only, not `rel`."""
    normal = [_normal(g) for g in globs]
    names = [g for g in normal if "/" not in g]
    paths = [g for g in normal if "/" in g]

    def excludes(rel: str, ancestors: bool = False) -> bool:
        parts = rel.split("/")
        ends = [n for n in range(1, len(parts) + 1) if parts[n - 1] != ".."] if ancestors else (len(parts),)
        if any(_matches(g, parts[n - 1]) for g in names for n in ends):
            return True
        return any(_matches(g, "/".join(parts[:n])) for g in paths for n in ends)

    excludes.by_name = not paths
    return excludes
