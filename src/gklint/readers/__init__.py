"""Readers turn a file into lines of text, chosen by content first, then by suffix.

    .txt .md .markdown .text   text (encoding.py)           .docx .wps (OOXML)   Word (docx.py)
    .html .htm .shtml          web page (html.py)           .pdf                 PDF (pdf.py)

Content wins over the suffix: a zip with `word/document.xml` is Word whatever it is called,
`%PDF` is PDF, markup that starts with `<html`/`<table` is a web page, and an OLE compound file
(old binary .doc/.wps) gets a finding asking for .docx. Each reader returns a `Source`; a file
no reader can handle gives a `Source` whose findings say why, so the run goes on with the others.
Readers make their findings through the GK0xx rules (`get("GK011").finding(…)`); the texts are in
the rules' catalogs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..checks import get as get_rule
from ..fileio import NotRegularFile, TooLarge, read_bounded
from ..model import Pos
from ..prebuilt import regex
from ..resources import suffix as suffix_of
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
    # Findings (GK0xx) about reading the file; fatal when `lines` is empty.
    findings: list = field(default_factory=list)
    fatal: bool = False
    origins: list[str | None] | None = None  # per line, the place in the original document
    meta: dict[str, str] = field(default_factory=dict)  # e.g. publication date from page metadata
    replaced: int = 0  # characters that were no valid text, replaced with U+FFFD by the reader (GK015)


def read_text(path: str, data: bytes) -> Source:
    decoded = decode(data)
    src = Source(path, encoding=decoded.encoding)
    if decoded.problem:
        src.findings.append(decoded.problem)
    if decoded.text is None:
        src.fatal = True
        return src
    src.lines = decoded.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return src


def read_docx(path: str, data: bytes) -> Source:
    from .docx import read_docx as reader  # imported on first use: text runs need none of this
    return reader(path, data)


def read_html(path: str, data: bytes) -> Source:
    from .html import read_html as reader
    return reader(path, data)


def read_pdf(path: str, data: bytes) -> Source:
    from .pdf import read_pdf as reader
    return reader(path, data)


def read_unsupported(path: str, data: bytes) -> Source:
    from .docx import OLE_MAGIC, ole_finding
    src = Source(path, fatal=True)
    suffix = suffix_of(path).lower()
    if data.startswith(OLE_MAGIC):
        src.findings.append(ole_finding(data))
    elif data.lstrip().startswith(b"{\\rtf"):
        src.findings.append(get_rule("GK009").finding("rtf"))
    else:
        kind = {"msg": f"GK009:format-{NOT_YET.get(suffix, 'other')}"}
        src.findings.append(get_rule("GK009").finding("suffix", format=kind, suffix=suffix))
    return src


READERS = {".txt": read_text, ".md": read_text, ".markdown": read_text, ".text": read_text,
           ".docx": read_docx, ".docm": read_docx, ".dotx": read_docx, ".wps": read_docx,
           ".html": read_html, ".htm": read_html, ".shtml": read_html, ".xhtml": read_html,
           ".pdf": read_pdf}
# Report formats gklint does not read; listed in directory walks and refused with a clear finding
# (its name is message `GK009:format-<name>`).
NOT_YET = {".doc": "doc", ".ofd": "ofd", ".rtf": "rtf"}
SUFFIXES = tuple(READERS)

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_TAG = re.compile(rb"<(?:!doctype\s+html|html|head|body|table|meta|title|div)\b", re.I)
_SPACES = re.compile(rb"\s*")


def _starts_as_html(head: bytes) -> bool:
    """Markup that starts, after white space, comments and an XML declaration, with an HTML tag.
    A loop, not one regular expression: a comment repeated under a repetition backtracks
    exponentially on bytes that are no page (`<!---->` × 30 took minutes)."""
    i = 0
    while True:
        i = _SPACES.match(head, i).end()
        if head.startswith(b"<!--", i):
            end = head.find(b"-->", i + 4)
        elif head.startswith(b"<?xml", i):
            end = head.find(b">", i)
        else:
            return bool(_HTML_TAG.match(head, i))
        if end < 0:
            return False
        i = end + (3 if head[i + 1:i + 2] == b"!" else 1)


def sniff(data: bytes) -> str | None:
    """The reader a file's content asks for, whatever its suffix; None for plain text."""
    if b"%PDF-" in data[:1024]:
        return ".pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return ".docx"  # the Word reader says what a zip that is not Word is
    if data.startswith(OLE):
        return ".doc"
    head = data[:2048]
    for bom, enc in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            head = head[2:].decode(enc, errors="ignore").encode("ascii", errors="ignore")
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if _starts_as_html(head):
        return ".html"
    return None


def reader_for(path: str, data: bytes):
    kind = sniff(data)
    if kind == ".doc":
        return read_unsupported
    if kind:
        return READERS[kind]
    suffix = suffix_of(path).lower()
    if suffix in NOT_YET:
        return read_unsupported
    return READERS.get(suffix, read_text)


def read(path: str, max_bytes: int = MAX_BYTES) -> Source:
    try:
        data = read_bounded(path, max_bytes)
    except TooLarge as e:
        src = Source(path, fatal=True)
        src.findings.append(get_rule("GK008").finding("too-large", size=e.size // 1024 // 1024,
                                                      limit=max_bytes // 1024 // 1024))
        return src
    except NotRegularFile:
        src = Source(path, fatal=True)
        src.findings.append(get_rule("GK001").finding("not-regular"))
        return src
    except OSError as e:
        src = Source(path, fatal=True)
        src.findings.append(get_rule("GK001").finding("cannot-read", error=str(e.strerror or e)))
        return src
    return _valid_text(reader_for(path, data)(path, data))


_SURROGATE = regex("[\ud800-\udfff]")


def _valid_text(src: Source) -> Source:
    """No reader hands on text that cannot be encoded: lone surrogates (from a `<w:sym>`, a PDF's
    font map, a codec) become U+FFFD, and GK015 says once how many characters were replaced."""
    for i, line in enumerate(src.lines):
        if _SURROGATE.search(line):
            src.lines[i], n = _SURROGATE.subn("\ufffd", line)
            src.replaced += n
    for k, v in src.meta.items():
        src.meta[k] = _SURROGATE.sub("\ufffd", v)
    if src.replaced:
        line = next((i for i, text in enumerate(src.lines, 1) if "\ufffd" in text), 1)
        src.findings.append(get_rule("GK015").finding("replaced", Pos(line), count=src.replaced, line=line))
    return src
