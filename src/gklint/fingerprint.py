"""Where a finding is, independent of line numbers: its report section and a stable fingerprint.

Baselines, GitLab Code Quality and SARIF need to recognise a finding again after lines were added
elsewhere in the file, so a fingerprint never contains a line number.
"""

from __future__ import annotations

import hashlib

from .findings import Finding
from .model import Report
from .normalize import key
from .origins import without_numbers
from .prebuilt import regex

# Messages quote other lines ("与第 12 行的部分重复", "（第 293 行）"); those numbers move with edits.
_LINE_REF = regex(r"第\s*\d+\s*行")


def section_at(report: Report | None, line: int) -> str | None:
    """Key of the section whose heading precedes `line`; None for front matter (or no report)."""
    found = None
    for s in report.sections if report else ():
        if s.pos.line <= line:
            found = s.key
    return found


def fingerprint_key(f: Finding, report: Report | None) -> str:
    """Readable identity of a finding: code and table path, or code, section and normalised text."""
    d = f.data
    if d.get("anchor"):  # a rule's own stable identity, for messages carrying changing figures
        where = d["anchor"]
    elif d.get("cell"):
        where = d["cell"]
    elif d.get("table") and d.get("relation"):
        where = f"{d['table']} {d['relation']} {d.get('binding')}"
    elif d.get("table") and d.get("row"):
        where = f"{d['table']}[{d['row']}]"
    else:
        message = f.message
        if d.get("origin"):
            message = message.replace(f"（原文位置：{d['origin']}）", "")
        message = without_numbers(_LINE_REF.sub("第行", message))
        where = f"{d.get('section') or section_at(report, f.line) or '-'} {key(message)}"
    return f"{f.code} {where}"


def fingerprint(f: Finding, report: Report | None) -> str:
    return hashlib.sha256(fingerprint_key(f, report).encode("utf-8")).hexdigest()[:20]
