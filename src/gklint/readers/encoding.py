"""Decode report bytes: UTF-8 (with or without BOM), UTF-16/32 with BOM, GB18030/GBK.

Government files are often GB18030. Decoding never raises: undecodable input is returned as
`None` with a reason, and a mostly-UTF-8 file with a few bad bytes is decoded with replacement
characters and reported, so the rest of the report is still checked.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from ..checks import get as get_rule
from ..findings import Finding
from ..model import Pos

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass
class Decoded:
    """A file's text and the encoding it was read in, or the problem that stopped it."""

    text: str | None
    encoding: str | None
    problem: Finding | None = None  # GK002 or GK003


def _cjk_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:20000]
    cjk = sum(1 for c in sample if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f")
    letters = sum(1 for c in sample if not c.isspace())
    return cjk / letters if letters else 0.0


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROLS))  # counted in C, not byte by byte
    return controls > len(sample) * 0.05


_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))  # what text never holds


def decode(data: bytes) -> Decoded:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(enc), enc)
            except UnicodeDecodeError as e:
                text = data[len(bom):].decode(enc, errors="replace")
                line = text.count("\n", 0, min(e.start, len(text))) + 1
                return Decoded(text, enc, get_rule("GK003").finding("bom-undecodable", Pos(line), encoding=enc,
                                                                    line=line))
    if _looks_binary(data):
        return Decoded(None, None, get_rule("GK002").finding("binary"))
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as utf8_error:
        first_bad = utf8_error.start
    try:
        text = data.decode("gb18030")
        if _cjk_share(text) >= 0.2:
            return Decoded(text, "gb18030")
    except UnicodeDecodeError:
        pass
    # Mostly UTF-8 with damaged bytes: keep going, say where the damage starts.
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad <= max(16, len(text) // 100):
        line = data[:first_bad].count(b"\n") + 1
        return Decoded(text, "utf-8", get_rule("GK003").finding("invalid-utf8", Pos(line), count=bad, line=line))
    return Decoded(None, None, get_rule("GK002").finding("unknown-encoding"))

