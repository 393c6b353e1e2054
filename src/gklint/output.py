"""Output formats: flake8-style text lines (default) and JSON."""

from __future__ import annotations

import json
from collections import Counter

from .engine import FileResult
from .findings import SEVERITIES
from .ruledoc import severity_name


def text(results: list[FileResult], statistics: bool = False, summary: bool = True, lang: str = "zh") -> str:
    lines = []
    for r in results:
        for f in r.findings:
            lines.append(f"{f.path}:{f.line}:{f.col}: {f.code} {f.text(lang)}")
    if statistics:
        counts = Counter(f.code for r in results for f in r.findings)
        for code, n in sorted(counts.items()):
            lines.append(f"{n:6d}  {code}")
    if summary:
        lines.append(_summary(results, lang))
    return "\n".join(lines) + "\n"


def _summary(results: list[FileResult], lang: str = "zh") -> str:
    sev = Counter(f.severity for r in results for f in r.findings)
    total = sum(sev.values())
    files = sum(1 for r in results if not r.info.get("config"))  # a config file's GK090 is not a report
    with_findings = sum(1 for r in results if r.findings and not r.info.get("config"))
    hidden = sum(r.info.get("suppressed", 0) for r in results)
    if lang == "en":
        return _summary_en(files, with_findings, total, sev, hidden)
    tail = f"；已按配置忽略 {hidden} 项。" if hidden else "。"
    if not total:
        return f"检查 {files} 个文件，未发现问题{tail}"
    parts = "，".join(f"{severity_name(s)} {sev[s]}" for s in SEVERITIES if sev[s])
    return f"检查 {files} 个文件，{with_findings} 个有问题：共 {total} 项（{parts}）{tail}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _summary_en(files: int, with_findings: int, total: int, sev: Counter, hidden: int) -> str:
    tail = f"; {_plural(hidden, 'finding')} suppressed by configuration." if hidden else "."
    if not total:
        return f"Checked {_plural(files, 'file')}, no problems found{tail}"
    parts = ", ".join(f"{sev['info']} info" if s == "info" else _plural(sev[s], s)
                      for s in SEVERITIES if sev[s])
    return f"Checked {_plural(files, 'file')}, {with_findings} with problems: {_plural(total, 'finding')} ({parts}){tail}"


def as_json(results: list[FileResult], lang: str = "zh") -> str:
    files = []
    keys = ("template", "expected_template", "year", "agency", "title", "encoding")
    for r in results:
        files.append({"path": r.path, **{k: r.info.get(k) for k in keys},
                      "findings": [f.to_json(lang) for f in r.findings]})
    sev = Counter(f.severity for r in results for f in r.findings)
    summary = {"files": sum(1 for r in results if not r.info.get("config")), **{s: sev[s] for s in SEVERITIES}}
    hidden = sum(r.info.get("suppressed", 0) for r in results)
    if hidden:
        summary["suppressed"] = hidden
    return json.dumps({"lang": lang, "files": files, "summary": summary},
                      ensure_ascii=False, indent=2) + "\n"
