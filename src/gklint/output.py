"""Output formats: flake8-style text lines (default) and JSON."""

from __future__ import annotations

import json
from collections import Counter

from .engine import FileResult
from .catalog import text
from .findings import SEVERITIES


def as_text(results: list[FileResult], statistics: bool = False, summary: bool = True, lang: str = "zh") -> str:
    lines = []
    for r in results:
        for f in r.findings:
            lines.append(f"{f.path}:{position(f, lang)}: {f.code} {f.text(lang, origin=False)}")
    if statistics:
        counts = Counter(f.code for r in results for f in r.findings)
        for code, n in sorted(counts.items()):
            lines.append(f"{n:6d}  {code}")
    if summary:
        lines.append(_summary(results, lang))
    return "\n".join(lines) + "\n"


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


def as_json(results: list[FileResult], lang: str = "zh") -> str:
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
    return json.dumps({"lang": lang, "files": files, "summary": summary},
                      ensure_ascii=False, indent=2) + "\n"
