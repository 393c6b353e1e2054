"""HTML tokens in one pass: start and end tags with their attributes, text with its character
references resolved; comments, declarations and processing instructions skipped.

Why not the standard library's `html.parser`: on this Python (3.11) it is quadratic on an
unclosed tag repeated (`<a ` × 10 000 takes minutes), raises AssertionError on `<![` and
ValueError on `&#` followed by 5 000 digits, and it behaves differently across the Python versions
gklint runs on (3.11 here, 3.14 in the browser build under Pyodide). This tokenizer is pure Python
(so it runs under Pyodide too), follows the HTML standard's tokenizer where that decides what a
report page says (an unclosed tag or quoted value runs to the end of the page; a comment ends at
`-->`; `<script>` and `<style>` hold raw text), and reads every character a bounded number of
times: each construct is found with `str.find` or a single-class regular expression, and nothing
is scanned again after a failed attempt.
"""

from __future__ import annotations

import re
from html import unescape as _unescape

_SPACE = "\t\n\f\r "
_TAG_NAME = re.compile(r"[a-zA-Z][^\t\n\f\r />\x00]*")
_ATTR_NAME = re.compile(r"[^\t\n\f\r />][^\t\n\f\r />=]*")
_UNQUOTED = re.compile(r"[^\t\n\f\r >]*")
_SPACES = re.compile(r"[\t\n\f\r ]*")
_CHARREF = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
RAW_TEXT = ("script", "style")
_RAW_END = {t: re.compile(rf"</{t}[\t\n\f\r />]", re.I) for t in RAW_TEXT}
MAX_CODE_DIGITS = 8  # more digits than any code point has (after leading zeros)


def unescape(text: str) -> str:
    """Character references resolved as `html.unescape` does, without converting a reference of
    thousands of digits to an integer (a ValueError, and slow): such a reference is U+FFFD, as
    any reference beyond Unicode is."""
    if "&" not in text:
        return text
    return _CHARREF.sub(_reference, text)


def _reference(m: re.Match) -> str:
    ref = m.group()
    if ref.startswith("&#"):
        digits = ref[3:] if ref[2:3] in ("x", "X") else ref[2:]
        if len(digits.rstrip(";").lstrip("0")) > MAX_CODE_DIGITS:
            return "\ufffd"
    return _unescape(ref)


def tokens(text: str):
    """("start", tag, attrs, self_closing) | ("end", tag) | ("text", str), in document order."""
    i, n = 0, len(text)
    while i < n:
        j = text.find("<", i)
        if j < 0:
            j = n
        if j > i:
            yield ("text", unescape(text[i:j]))
        if j >= n:
            return
        i = j
        nxt = text[i + 1:i + 2]
        if nxt.isascii() and nxt.isalpha():
            tag, attrs, closing, i = _tag(text, i + 1)
            if tag is None:
                return  # the page ends inside the tag: no tag (as the standard says)
            yield ("start", tag, attrs, closing)
            if tag in RAW_TEXT and not closing:
                m = _RAW_END[tag].search(text, i)
                end = m.start() if m else n
                if end > i:
                    yield ("text", text[i:end])
                i = end
        elif nxt == "/":
            after = text[i + 2:i + 3]
            if after.isascii() and after.isalpha():
                tag, _, _, i = _tag(text, i + 2)
                if tag is None:
                    return
                yield ("end", tag)
            elif after == ">":
                i += 3  # `</>`: nothing
            elif not after:
                yield ("text", "</")
                return
            else:
                i = _skip_to(text, i + 2, ">")
        elif text.startswith("<!--", i):
            if text.startswith(">", i + 4):
                i += 5  # `<!-->`: an empty comment
            elif text.startswith("->", i + 4):
                i += 6  # `<!--->`
            else:
                k = text.find("-->", i + 4)
                i = n if k < 0 else k + 3
        elif nxt in ("!", "?"):
            i = _skip_to(text, i + 2, ">")  # doctype, CDATA, declarations, processing instructions
        else:
            yield ("text", "<")
            i += 1


def _skip_to(text: str, start: int, char: str) -> int:
    k = text.find(char, start)
    return len(text) if k < 0 else k + 1


def _tag(text: str, start: int):
    """(name, attributes, self-closing, position after `>`) of the tag whose name starts at
    `start`; name None when the page ends before the tag does."""
    n = len(text)
    m = _TAG_NAME.match(text, start)
    name = m.group().lower()
    j = m.end()
    attrs: list[tuple[str, str | None]] = []
    while True:
        j = _SPACES.match(text, j).end()
        if j >= n:
            return None, attrs, False, n
        c = text[j]
        if c == ">":
            return name, attrs, False, j + 1
        if c == "/":
            if text.startswith(">", j + 1):
                return name, attrs, True, j + 2
            j += 1
            continue
        a = _ATTR_NAME.match(text, j)
        key = a.group().lower()
        j = _SPACES.match(text, a.end()).end()
        if not text.startswith("=", j):
            attrs.append((key, None))
            continue
        j = _SPACES.match(text, j + 1).end()
        quote = text[j:j + 1]
        if quote in ('"', "'"):
            k = text.find(quote, j + 1)
            if k < 0:
                return None, attrs, False, n
            attrs.append((key, unescape(text[j + 1:k])))
            j = k + 1
        else:
            v = _UNQUOTED.match(text, j)
            attrs.append((key, unescape(v.group())))
            j = v.end()
