"""Text from a report made safe to show: no lone surrogates (they cannot be encoded, so every
output would fail) and no control characters that a terminal obeys (ESC/OSC sequences, C1,
bidirectional overrides that make a line read other than it is). Each such character is shown
as its escape, e.g. `\\x1b` or `\\u202e`; tabs and newlines stay."""

from __future__ import annotations

import dataclasses
import re

from .prebuilt import regex

_UNSAFE = regex("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(m: re.Match) -> str:
    c = ord(m.group())
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def text(s: str) -> str:
    return _UNSAFE.sub(_escape, s)


def value(v):
    """Strings anywhere in a JSON-like value made safe; the value itself when nothing changes."""
    if isinstance(v, str):
        return text(v) if _UNSAFE.search(v) else v
    if isinstance(v, dict):
        out = {value(k): value(x) for k, x in v.items()}
        return v if all(a is b for a, b in zip(out.values(), v.values())) and out.keys() == v.keys() else out
    if isinstance(v, (list, tuple)):
        out = [value(x) for x in v]
        return v if all(a is b for a, b in zip(out, v)) else type(v)(out)
    return v


def results(results: list) -> None:
    """Every path, message argument and detail of the findings of `results` made safe, in place."""
    for r in results:
        r.path = value(r.path)
        r.info = value(r.info)
        r.findings = [dataclasses.replace(f, path=value(f.path), args=value(f.args), data=value(f.data))
                      for f in r.findings]


def output(s: str) -> bytes:
    """An output as UTF-8; a lone surrogate left in it (say, by a page drawn from the model) is replaced."""
    return s.encode("utf-8", "replace")
