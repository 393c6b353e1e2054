"""gklint's own YAML (rule packs, catalogs) and grammar tables, prepared at development time.

Parsing the packaged YAML costs about 25 ms at every start, and importing the YAML library about as
much again; the same data as JSON loads in 2 ms. src/gklint/prebuilt/yaml.json holds, for every YAML
file shipped in the package, its data and the SHA-256 of its text; a file whose text has another
hash (edited since) is parsed from its YAML, as it would be without the store. Only files inside
the installed package are looked up — a pack or configuration of a checked-out tree never is.

The packs' phrases and equations are compiled at every start too (≈ 20 ms). `remembered` gives
what a compiler gave for the same input when the store was written (src/gklint/prebuilt/pieces.json,
keyed by the input itself and the compiler's source files): a pure function's result, looked up,
so an input of any origin may use it, and anything not stored or compiled by edited code is
compiled as it would be without the store.

Compiling a regular expression is pure Python too (≈ 0.5 ms for a phrase list's joined pattern).
`regex` makes the packs' phrase patterns from the engine code this Python's own compiler wrote for
them (src/gklint/prebuilt/regex.json), used only by the same engine (Python version, sre magic
number, code size, byte order), which validates the code before using it; any other pattern, or
any doubt, is compiled by `re.compile`.

`python -m gklint.prebuilt` writes the stores and the grammar tables (grammars.py) again; a test
says when they are out of date.
"""

from __future__ import annotations

import _sre
import array
import errno
import hashlib
import json
import os
import re
import sys
from functools import lru_cache

from .resources import read_text, resource_dir

_PKG = os.path.dirname(os.path.realpath(__file__))
STORE = os.path.join(_PKG, "prebuilt", "yaml.json")
PIECES = os.path.join(_PKG, "prebuilt", "pieces.json")
REGEXES = os.path.join(_PKG, "prebuilt", "regex.json")
# Stored engine code is used only by the engine that wrote it.
ENGINE = (f"{sys.implementation.cache_tag} {sys.version_info[:3]} sre {_sre.MAGIC} {_sre.CODESIZE} "
          f"{array.array('I').itemsize} {sys.byteorder} {sys.maxunicode}")
# The files whose code makes a kind of piece: an edit of one makes the stored pieces unused.
_EXPR = ("src/expr.py", "src/grammars.py", "grammar/expr.lark")
COMPILERS = {"content": ("src/pack/schema.py", "src/phrases.py", "src/normalize.py"),
             "expr-equation": _EXPR, "expr-fact": _EXPR}
_recording: dict | None = None  # while the store is written: kind -> {key: encoded result}


def packaged_yaml(path, text: str):
    """The data of a YAML file from the store when `path` is one of the package's own files with
    this text, else None (the caller parses the YAML)."""
    name = _name(path)
    if name is None:
        return None
    entry = _read(STORE).get(name)
    if not isinstance(entry, dict) or entry.get("sha256") != _digest(text):
        return None
    return json.loads(entry["json"])  # a fresh object each time: callers may change what they get


def _roots() -> dict[str, str]:
    # The packs first: in an installed package they are inside it (gklint/rules), in a source
    # tree beside it; either way they are named rules/….
    return {"rules": os.path.realpath(resource_dir("rules")), "src": _PKG}


def _name(path) -> str | None:
    """`label/relative path` of a file under one of the roots (symbolic links resolved), else None."""
    try:
        resolved = os.path.realpath(path)
        os.stat(resolved)
    except OSError as e:  # a missing file has a name still; a symbolic-link loop has none
        if e.errno == errno.ELOOP:
            return None
    except ValueError:
        return None
    for label, root in _roots().items():
        inside = root if root.endswith(os.sep) else root + os.sep
        if resolved == root or resolved.startswith(inside):
            rest = resolved[len(inside):] if resolved != root else "."
            return f"{label}/{rest.replace(os.sep, '/')}"
    return None


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@lru_cache(maxsize=None)
def _read(path: str) -> dict:
    """A store's JSON object; nothing if it is missing or damaged."""
    try:
        data = json.loads(read_text(path))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remembered(kind: str, source, compute, encode, decode):
    """`compute()`, the compiler of `kind` applied to `source` (text or JSON data), or its stored
    result for an equal `source` (`decode` of what `encode` made of it)."""
    try:
        key = json.dumps(source, ensure_ascii=False)
    except (TypeError, ValueError, RecursionError):  # a pack's dates, say: nothing stored is like it
        return compute()
    stored = _pieces(kind).get(key)
    if stored is not None and _recording is None:
        return decode(stored)
    result = compute()
    if _recording is not None:
        _recording.setdefault(kind, {})[key] = encode(result)
    return result


@lru_cache(maxsize=None)
def _pieces(kind: str) -> dict:
    data = _read(PIECES).get(kind)
    try:
        ok = isinstance(data, dict) and data.get("code") == _code(kind) and isinstance(data.get("items"), dict)
    except OSError:  # a compiler's file missing: nothing stored can be vouched for
        return {}
    return data["items"] if ok else {}


def _code(kind: str) -> str:
    roots = {"src": _PKG, "grammar": resource_dir("grammar")}
    digest = hashlib.sha256()
    for name in COMPILERS[kind]:
        root, _, rest = name.partition("/")
        with open(os.path.join(roots[root], rest), "rb") as f:
            digest.update(f.read())
    return digest.hexdigest()


def build_pieces() -> dict:
    """Every piece the package's packs compile, computed afresh."""
    global _recording
    from . import expr
    from .pack import national_pack_files
    from .pack.schema import build
    from .pack.source import load_yaml_chain

    _recording = {}
    try:
        expr.parse_equation.cache_clear()  # its results would not be recorded
        expr.parse_fact.cache_clear()
        for path in national_pack_files():
            build(*load_yaml_chain(path))
        recorded = _recording
    finally:
        _recording = None
    return {kind: {"code": _code(kind), "items": items} for kind, items in sorted(recorded.items())}


def regex(pattern: str) -> re.Pattern:
    """`re.compile(pattern)`, from the stored engine code when there is some for this engine."""
    entry = _regex_codes().get(pattern)
    if entry is not None:
        try:
            flags, code, groups, names = entry
            groupindex = dict(names)  # in the order of the pattern's groups, as groupdict() gives them
            indexgroup = [None] * groups
            for name, i in groupindex.items():
                indexgroup[i] = name
            return _sre.compile(pattern, flags, array.array("I", bytes.fromhex(code)).tolist(), groups - 1,
                                groupindex, tuple(indexgroup))
        except (TypeError, ValueError, IndexError, RuntimeError, OverflowError):  # RuntimeError: code refused
            pass
    return re.compile(pattern)


@lru_cache(maxsize=1)
def _regex_codes() -> dict:
    data = _read(REGEXES)
    items = data.get("items")
    return items if data.get("engine") == ENGINE and isinstance(items, dict) else {}


def engine_code(pattern: str) -> list:
    """[flags, code (hex), groups, (name, group) pairs] as `re.compile` makes them (its private steps)."""
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, 0)
    code = array.array("I", _compiler._code(parsed, 0)).tobytes().hex()
    return [parsed.state.flags, code, parsed.state.groups, list(parsed.state.groupdict.items())]


def build_regexes() -> dict:
    """The engine code of every pattern `regex` is asked for with the package's own data: the
    packs' phrases, period words and vocabulary, and the patterns (or CharTables) of the modules
    that use it."""
    from .normalize import CharTable
    from .pack import builtin_packs
    from .textscan import period_re, period_word_re, period_words
    from .vocab import vocabulary

    packs = builtin_packs()
    patterns = set()
    for pack in packs.values():
        for lists in pack.content.values():
            for phrases in (lists.values() if isinstance(lists, dict) else [lists]):
                patterns.update(p for p in phrases.patterns() if p)
    for words in [p.words("period_words") for p in packs.values()] + [period_words(packs)]:
        patterns.update(rx.pattern for rx in (period_re(words), period_word_re(words)) if rx is not None)
    values = list(vars(vocabulary(packs)).values())
    for module in _package_modules():
        routed = vars(module).get("regex") is regex
        values += [v for v in vars(module).values() if routed and isinstance(v, re.Pattern) or isinstance(v, CharTable)]
    for v in values:  # a pattern, or an object holding patterns (a CharTable, the vocabulary's)
        for rx in [v, *getattr(v, "__dict__", {}).values()]:
            if isinstance(rx, re.Pattern) and isinstance(rx.pattern, str) and rx.flags == re.UNICODE:
                patterns.add(rx.pattern)
    return {"engine": ENGINE, "items": {p: engine_code(p) for p in sorted(patterns)}}


def _package_modules() -> list:
    """Every module of the package, imported (its folders without __init__.py too)."""
    import importlib
    from pathlib import Path

    names = set()
    for path in Path(_PKG).rglob("*.py"):
        parts = ("gklint", *path.relative_to(_PKG).with_suffix("").parts)
        if parts[-1] != "__main__":
            names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return [importlib.import_module(n) for n in sorted(names)]


def yaml_files() -> list:
    """Every YAML file of the package: the rule packs and the catalogs (pathlib Paths)."""
    from pathlib import Path

    named = {}
    for root in _roots().values():
        for p in sorted(Path(root).rglob("*.yaml")):
            named.setdefault(_name(p), p)  # a pack inside the package is found under both roots
    return list(named.values())


def build_store() -> dict:
    from .yamlload import load_yaml

    store = {}
    for path in yaml_files():
        text = path.read_text(encoding="utf-8")
        data = load_yaml(text)
        encoded = json.dumps(data, ensure_ascii=False)  # key order kept: lists are read in it
        if json.loads(encoded) != data:  # dates or non-string keys: JSON would change them
            continue
        store[_name(path)] = {"sha256": _digest(text), "json": encoded}
    return store


def write() -> list[str]:
    from .grammars import write_tables

    os.makedirs(os.path.dirname(STORE), exist_ok=True)
    # The pieces keep their order (a word list's items are read in it); patterns may hold lone
    # surrogates (safetext's), which only JSON's escapes can carry.
    for path, data, sort, ascii in ((STORE, build_store(), True, False), (PIECES, build_pieces(), False, False),
                                    (REGEXES, build_regexes(), True, True)):
        with open(path, "w", encoding="utf-8") as f:
            f.write(json.dumps(data, ensure_ascii=ascii, sort_keys=sort, indent=0) + "\n")
    return [STORE, PIECES, REGEXES, *write_tables()]


if __name__ == "__main__":
    from gklint.prebuilt import write  # the module the compilers see (this one runs as __main__)

    for p in write():
        print(p)
    sys.exit(0)
