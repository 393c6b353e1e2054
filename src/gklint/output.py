"""Output formats: flake8-style text lines (default) and JSON."""

from __future__ import annotations

import json
from collections import Counter

from .engine import FileResult
from .catalog import text
from .findings import SEVERITIES


def as_text(results: list[FileResult], statistics: bool = False, summary: bool = True, lang: str = "zh",
            color: bool = False, source=None) -> str:
    """flake8-style lines; `color`: ANSI colours (terminal.colorize, the last layer); `source`: a
    terminal.SourceLines, to show each finding's source line with a caret under its column."""
    from .terminal import Line, caret, colorize, excerpt, plain

    lines = []
    for r in results:
        for f in r.findings:
            parts = Line(f.path, position(f, lang), f.code, f.severity, f.text(lang, origin=False))
            lines.append(colorize(parts) if color else plain(parts))
            at = source.at(f.path, f.line, f.col) if source is not None else None
            shown = excerpt(*at) if at else None
            if shown:
                lines += [f"    {shown[0]}", f"    {shown[1]}{caret(f.severity, '^', color)}"]
    if statistics:
        rows = statistics_of(results, lang)
        name_width = max((len(s["name"]) for s in rows), default=0)
        for s in rows:
            lines.append(f"{s['count']:6d}  {s['code']}  {s['name']:<{name_width}}  {s['summary']}".rstrip())
    if summary:
        lines.append(_summary(results, lang))
    return "\n".join(lines) + "\n" if lines else ""  # nothing to say: no blank line


def position(f, lang: str = "zh") -> str:
    """The first position of a text line: the place in the original document (`表3 第5行 第2列`,
    `第4页`), or `line:col` of a text file as flake8 writes it."""
    return f.where(lang) if f.data.get("origin") else f"{f.line}:{f.col}"


def _summary(results: list[FileResult], lang: str = "zh") -> str:
    """The last line: files, findings by severity, relations that could not be checked, suppressions."""
    sev = Counter(f.severity for r in results for f in r.findings)
    total = sum(sev.values())
    reports = [r for r in results if not r.info.get("config")]  # a config file's GK090 is not a report
    with_findings = sum(1 for r in reports if r.findings)
    hidden = sum(r.info.get("suppressed", 0) for r in results)
    parts = text("core:comma", lang).join(
        text(f"core:summary-count-{s}", lang, count=sev[s]) for s in SEVERITIES if sev[s])
    u = unchecked(results)
    args = {"files": len(reports), "with": with_findings, "total": total, "parts": parts,
            "unchecked": {"msg": "core:summary-unchecked", "args": u} if u["relations"] else "",
            "nothing": {"msg": "core:summary-nothing", "args": u} if u["nothing"] else "",
            "hidden": {"msg": "core:summary-hidden", "args": {"count": hidden}} if hidden else ""}
    return text("core:summary" if total else "core:summary-clean", lang, **args)


def unchecked(results: list[FileResult]) -> dict:
    """Relations (and their tables and files) that could not be checked, over all results."""
    stats = [r.info.get("relations") or {} for r in results]
    return {"relations": sum(s.get("unchecked", 0) for s in stats),
            "tables": sum(s.get("tables_unchecked", 0) for s in stats),
            "files": sum(1 for s in stats if s.get("unchecked")),
            "checked": sum(s.get("checked", 0) for s in stats),
            "nothing": sum(1 for r in results if nothing_checked(r))}


def nothing_checked(result) -> bool:
    """A report in which not one relation could be checked: tables missing, images, unreadable."""
    if result.info.get("config") or not result.info.get("template"):
        return False
    return not (result.info.get("relations") or {}).get("checked")


def statistics_of(results: list[FileResult], lang: str = "zh") -> list[dict]:
    """--statistics: per code, most frequent first (ruff's order), the count and the rule's name
    and summary in `lang`."""
    from .checks import get

    counts = Counter(f.code for r in results for f in r.findings)
    out = []
    for code, n in sorted(counts.items(), key=lambda cn: (-cn[1], cn[0])):
        try:
            rule = get(code)
            name, summary = rule.name, rule.doc(lang)["summary"]
        except KeyError:  # a code of a pack this process did not load: the count still holds
            name, summary = "", ""
        out.append({"code": code, "name": name, "count": n, "summary": summary})
    return out


def as_json(results: list[FileResult], lang: str = "zh", statistics: bool = False) -> str:
    """`statistics`: a top-level "statistics" array (statistics_of); the rest is unchanged."""
    files = []
    keys = ("template", "expected_template", "year", "agency", "title", "encoding", "relations")
    for r in results:
        files.append({"path": r.path, **{k: r.info.get(k) for k in keys},
                      "findings": [f.to_json(lang) for f in r.findings]})
    sev = Counter(f.severity for r in results for f in r.findings)
    summary = {"files": sum(1 for r in results if not r.info.get("config")), **{s: sev[s] for s in SEVERITIES}}
    hidden = sum(r.info.get("suppressed", 0) for r in results)
    if hidden:
        summary["suppressed"] = hidden
    u = unchecked(results)
    summary["relations"] = {"checked": u["checked"], "not_checked": u["relations"], "tables_not_checked": u["tables"],
                            "reports_with_none_checked": u["nothing"]}
    out = {"lang": lang, "files": files, "summary": summary}
    if statistics:
        out["statistics"] = statistics_of(results, lang)
    return json.dumps(out, ensure_ascii=False, indent=2) + "\n"
