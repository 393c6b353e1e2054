"""Rule explanations, for `gklint rule CODE` and docs/rules.md — one source for both."""

from __future__ import annotations

from .checks import Rule, all_rules
from .findings import SEVERITY_ZH

FAMILIES = {
    "GK0": "输入（GK0xx）", "GK1": "结构（GK1xx）", "GK2": "表格（GK2xx）", "GK3": "勾稽关系（GK3xx）",
    "GK4": "模板版本（GK4xx）", "GK5": "内容（GK5xx）",
    "GK6": "正文与表格（GK6xx）", "GK7": "日期（GK7xx）", "GK8": "跨年度（GK8xx）",
}


FAMILIES_EN = {
    "GK0": "Input (GK0xx)", "GK1": "Structure (GK1xx)", "GK2": "Tables (GK2xx)", "GK3": "Arithmetic relations (GK3xx)",
    "GK4": "Template version (GK4xx)", "GK5": "Content (GK5xx)",
    "GK6": "Text against tables (GK6xx)", "GK7": "Dates (GK7xx)", "GK8": "Cross-year (GK8xx)",
}


def render_rule(r: Rule, lang: str = "zh") -> str:
    if lang == "en":
        summary, why, fix, example = r.doc("en")
        lines = [f"{r.code} {r.name} ({r.severity})", "", summary, "", f"Basis: {why}", "", f"Fix: {fix}"]
        if example:
            lines += ["", f"Example: {example}"]
        return "\n".join(lines)
    lines = [f"{r.code} {r.name}（{SEVERITY_ZH[r.severity]}）", "", r.summary, "", f"依据：{r.why}", "", f"修改：{r.fix}"]
    if r.example:
        lines += ["", f"示例：{r.example}"]
    return "\n".join(lines)


def rules_markdown_en() -> str:
    out = ["# gklint rules", "", "Generated from the rule definitions by `python -m gklint.ruledoc en > docs/rules.en.md`, "
           "like `gklint rule CODE --lang en`; do not edit by hand. Chinese: [rules.md](rules.md).", ""]
    family = None
    for r in all_rules():
        fam = FAMILIES_EN.get(r.code[:3], r.code[:3])
        if fam != family:
            out += [f"## {fam}", "", "| Code | Name | Severity | Summary |", "|---|---|---|---|"]
            family = fam
        out.append(f"| [{r.code}](#{r.code.lower()}) | {r.name} | {r.severity} | {r.summary_en} |")
    out.append("")
    for r in all_rules():
        summary, why, fix, example = r.doc("en")
        out += [f"### {r.code}", "", f"**{r.name}** · default severity: {r.severity}", "",
                summary, "", f"- Basis: {why}", f"- Fix: {fix}"]
        if example:
            out.append(f"- Example: {example}")
        out.append("")
    return "\n".join(out)


def rules_markdown() -> str:
    out = ["# gklint 规则", "", "本页由 `python -m gklint.ruledoc > docs/rules.md` 从规则定义生成，与 `gklint rule CODE` 同源；请勿手工编辑。", ""]
    family = None
    for r in all_rules():
        fam = FAMILIES.get(r.code[:3], r.code[:3])
        if fam != family:
            out += [f"## {fam}", "", "| 代码 | 名称 | 级别 | 说明 |", "|---|---|---|---|"]
            family = fam
        out.append(f"| [{r.code}](#{r.code.lower()}) | {r.name} | {SEVERITY_ZH[r.severity]} | {r.summary} |")
    out.append("")
    for r in all_rules():
        out += [f"### {r.code}", "", f"**{r.name}** · 默认级别：{SEVERITY_ZH[r.severity]}（{r.severity}）", "",
                r.summary, "", f"- 依据：{r.why}", f"- 修改：{r.fix}"]
        if r.example:
            out.append(f"- 示例：{r.example}")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    import sys

    print(rules_markdown_en() if sys.argv[1:] == ["en"] else rules_markdown(), end="")
