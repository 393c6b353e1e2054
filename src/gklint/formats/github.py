"""GitHub Actions workflow commands: each finding becomes an annotation on the file and line.

    ::error file=r.txt,line=112,col=2,title=GK302::message
"""

from __future__ import annotations

from . import relpath

LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _data(text: str) -> str:
    # The runner's own escaping (actions/toolkit): a raw newline would end the command.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def render(results, summary: bool = True, lang: str = "zh") -> str:
    from ..output import _summary

    lines = [f"::{LEVEL[f.severity]} file={_prop(relpath(f.path))},line={f.line},col={f.col},title={f.code}::{_data(f.text(lang))}"
             for r in results for f in r.findings]
    if summary:
        lines.append(_summary(results, lang))
    return "\n".join(lines) + "\n"
