"""Readers turn a file into lines of text, chosen by suffix (later: by content sniffing).

Each reader returns a `Source`; a file no reader can handle gives a `Source` whose `problem`
says why, so the run goes on with the other files.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .encoding import decode

# Larger files are refused: a report is tens of kilobytes; this bounds memory per file.
MAX_BYTES = 20 * 1024 * 1024


@dataclass
class Source:
    """What a reader makes of a file: lines of text in one of the layouts the lexer knows.

    Structured readers (Word, web pages, PDF) write tables as Word's own text export does — one
    cell per line after a tab, rows separated by a blank line — and give, per line, where it came
    from in the original (`表3 第6行 第9列`, `第12段`, `第3页`), which findings then quote."""

    path: str
    lines: list[str] = field(default_factory=list)
    encoding: str | None = None
    # (code, message, line) for a problem reading the file; fatal when `lines` is empty.
    problems: list[tuple[str, str, int]] = field(default_factory=list)
    fatal: bool = False
    origins: list[str | None] | None = None  # per line, the place in the original document
    meta: dict[str, str] = field(default_factory=dict)  # e.g. publication date from page metadata


def read_text(path: str, data: bytes) -> Source:
    decoded = decode(data)
    src = Source(path, encoding=decoded.encoding)
    if decoded.problem:
        src.problems.append(decoded.problem)
    if decoded.text is None:
        src.fatal = True
        return src
    src.lines = decoded.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return src


READERS = {".txt": read_text, ".md": read_text, ".markdown": read_text, ".text": read_text}
# Suffixes that are reports in a format a later reader will handle; refused with a clear finding.
NOT_YET = {
    ".docx": "Word 文档", ".wps": "WPS 文档", ".doc": "旧版 Word 二进制文档", ".pdf": "PDF",
    ".html": "网页", ".htm": "网页",
}
SUFFIXES = tuple(READERS)


def read(path: str, max_bytes: int = MAX_BYTES) -> Source:
    suffix = Path(path).suffix.lower()
    if suffix in NOT_YET:
        src = Source(path, fatal=True)
        src.problems.append(("GK009", f"暂不支持读取{NOT_YET[suffix]}（{suffix}）；请另存为 .txt 或 .md 后检查", 1))
        return src
    reader = READERS.get(suffix, read_text)
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            src = Source(path, fatal=True)
            src.problems.append(("GK008", f"文件过大（{size // 1024 // 1024} MB，上限 {max_bytes // 1024 // 1024} MB），未检查；可用 --max-size 调整上限", 1))
            return src
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as e:
        src = Source(path, fatal=True)
        src.problems.append(("GK001", f"无法读取文件：{e.strerror or e}", 1))
        return src
    return reader(path, data)
