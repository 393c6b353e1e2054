"""The Lark grammars (grammar/*.lark), their LALR tables built once at development time.

Building a table costs 50–90 ms at every start of gklint; loading it costs about 1 ms. The tables
are kept in src/gklint/prebuilt/grammar-NAME.json — plain JSON, so loading one runs no code
(integer keys and tuples tagged, as lark's tables have them) — with a key made of the grammar's
text, the options and lark's version. A table whose key differs (a grammar edited, another lark)
is not used: the grammar is built from its source, as it would be without the file.
`python -m gklint.prebuilt` writes the tables again.
"""

from __future__ import annotations

import hashlib
import json
import os

import lark
from lark import Lark
from lark.grammar import Rule
from lark.lexer import TerminalDef

from .resources import read_text, resource_dir

# Every grammar of gklint and its build options (JSON-serialisable; a custom lexer is given at load).
GRAMMARS = {
    "expr": {"parser": "lalr", "maybe_placeholders": False, "start": ["equation", "fact"]},
    "report": {"parser": "lalr"},
}
_CUSTOM = "custom"  # stands for the lexer class in a stored table


def load(name: str, lexer=None) -> Lark:
    """The LALR parser of grammar/NAME.lark, from its stored table when that is current."""
    text = _source(name)
    table = _stored(name, _key(name, text, lexer))
    if table is not None:
        try:
            return _from_table(table, lexer)
        except Exception:  # a table lark cannot read is only a slower start
            pass
    return _build(name, text, lexer)


def _source(name: str) -> str:
    return read_text(os.path.join(resource_dir("grammar"), f"{name}.lark"))


def _key(name: str, text: str, lexer) -> str:
    options = dict(GRAMMARS[name], lexer=_CUSTOM if lexer else "default")
    raw = json.dumps([text, options, lark.__version__], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def _path(name: str) -> str:
    return os.path.join(os.path.dirname(os.path.realpath(__file__)), "prebuilt", f"grammar-{name}.json")


def _stored(name: str, key: str) -> dict | None:
    try:
        table = json.loads(read_text(_path(name)), object_hook=_untag)
    except (OSError, ValueError, TypeError, RecursionError):
        return None
    return table if isinstance(table, dict) and table.get("key") == key else None


def _build(name: str, text: str, lexer) -> Lark:
    return Lark(text, lexer=lexer or "contextual", **GRAMMARS[name])


def _from_table(table: dict, lexer) -> Lark:
    data, memo = table["data"], table["memo"]
    if lexer is not None:
        data["options"]["lexer"] = lexer
        data["parser"]["lexer_conf"]["lexer_type"] = lexer
    return Lark._load_from_dict(data, memo)


def table(name: str, lexer=None) -> dict:
    """The table of grammar NAME as stored: its key and lark's serialised parser."""
    text = _source(name)
    data, memo = _build(name, text, lexer).memo_serialize([TerminalDef, Rule])
    if lexer is not None:
        data["options"]["lexer"] = _CUSTOM
        data["parser"]["lexer_conf"]["lexer_type"] = _CUSTOM
    return {"key": _key(name, text, lexer), "lark": lark.__version__, "data": data, "memo": memo}


def _tag(obj):
    """JSON keeps neither integer keys nor tuples; lark's tables have both."""
    if isinstance(obj, dict):
        if all(isinstance(k, str) for k in obj):
            return {k: _tag(v) for k, v in obj.items()}
        return {"__items__": [[_tag(k), _tag(v)] for k, v in obj.items()]}
    if isinstance(obj, tuple):
        return {"__tuple__": [_tag(v) for v in obj]}
    if isinstance(obj, list):
        return [_tag(v) for v in obj]
    return obj


def _untag(obj: dict):
    if len(obj) == 1:
        if "__items__" in obj:
            return {_hashable(k): v for k, v in obj["__items__"]}
        if "__tuple__" in obj:
            return tuple(obj["__tuple__"])
    return obj


def _hashable(key):
    return tuple(key) if isinstance(key, list) else key


def write_tables() -> list:
    from pathlib import Path

    from .parser import _ItemStream  # the report grammar's lexer (a class, given at load)

    lexers = {"report": _ItemStream}
    written = []
    for name in GRAMMARS:
        path = Path(_path(name))
        if _stored(name, _key(name, _source(name), lexers.get(name))) is not None:
            continue  # current: lark numbers its states differently on every build
        path.parent.mkdir(exist_ok=True)
        body = json.dumps(_tag(table(name, lexers.get(name))), ensure_ascii=False, sort_keys=True)
        path.write_text(body + "\n", encoding="utf-8")
        written.append(path)
    return written

