"""Decode report bytes: UTF-8 (with or without BOM), UTF-16/32 with BOM, GB18030/GBK.

Government files are often GB18030. Decoding never raises: undecodable input is returned as
`None` with a reason, and a mostly-UTF-8 file with a few bad bytes is decoded with replacement
characters and reported, so the rest of the report is still checked.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass
class Decoded:
    text: str | None
    encoding: str | None
    # Problem with the bytes: (code, message, line, English message) or None.
    problem: tuple[str, str, int, str] | None = None


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
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > len(sample) * 0.05


def decode(data: bytes) -> Decoded:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(enc), enc)
            except UnicodeDecodeError as e:
                text = data[len(bom):].decode(enc, errors="replace")
                line = text.count("\n", 0, min(e.start, len(text))) + 1
                return Decoded(text, enc, ("GK003", f"文件声明为 {enc}，但有无法解码的字节（约第 {line} 行起），已用替换字符代替", line,
                                           f"The file declares {enc} but has bytes that cannot be decoded (from about "
                                           f"line {line}); they were replaced with replacement characters"))
    if _looks_binary(data):
        return Decoded(None, None, ("GK002", "文件是二进制数据，不是文本报告（如为 Word 或 PDF，请使用相应格式）", 1,
                                    "The file is binary data, not a text report (for Word or PDF, use the matching "
                                    "format)"))
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
        return Decoded(text, "utf-8", ("GK003", f"文件含 {bad} 处无效的 UTF-8 字节（第一处在第 {line} 行），已用替换字符代替；请确认文件编码", line,
                                       f"The file has {bad} invalid UTF-8 bytes (the first on line {line}); they were "
                                       "replaced with replacement characters. Check the file's encoding"))
    return Decoded(None, None, ("GK002", "无法识别文件编码（不是 UTF-8、UTF-16 或 GB18030）；请另存为 UTF-8 文本", 1,
                                "The file's encoding is not recognised (not UTF-8, UTF-16 or GB18030); save it as "
                                "UTF-8 text"))

