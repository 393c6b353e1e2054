"""The page's bytes as text: a BOM, else the charset its `<meta>` declares, else the text
decoder's own detection (encoding.py)."""

from __future__ import annotations

import codecs
import re

from ..encoding import Decoded, decode


def decode_page(data: bytes) -> Decoded:
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(data)
    m = re.search(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", data[:8192], re.I)
    if m:
        name = m.group(1).decode("ascii").lower()
        if name in ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030", "x-gb18030", "euc-cn"):
            name = "gb18030"
        try:
            codecs.lookup(name)
            return Decoded(data.decode(name), name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)
