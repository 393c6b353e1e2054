"""Which files and findings a configuration entry names: path globs and `where`."""

from __future__ import annotations

import os
import re
from functools import lru_cache


@lru_cache(maxsize=1024)  # exclusion asks for the same few globs for every file of a walk
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
    rx = _glob_re(pattern)
    parts = rel.split("/")
    if "/" not in pattern and rx.match(parts[-1]):
        return True
    return any(rx.match("/".join(parts[:n])) for n in range(len(parts), 0, -1))


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
    names = [_glob_re(g).pattern for g in normal if "/" not in g]
    name_rx = re.compile("|".join(f"(?:{n})" for n in names)) if names else None
    paths = [_glob_re(g) for g in normal if "/" in g]

    def excludes(rel: str, ancestors: bool = False) -> bool:
        parts = rel.split("/")
        ends = [n for n in range(1, len(parts) + 1) if parts[n - 1] != ".."] if ancestors else (len(parts),)
        if name_rx is not None and any(name_rx.match(parts[n - 1]) for n in ends):
            return True
        return any(rx.match("/".join(parts[:n])) for rx in paths for n in ends)

    excludes.by_name = not paths
    return excludes
