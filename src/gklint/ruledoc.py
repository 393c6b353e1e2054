"""Rule explanations, for `gklint rule CODE` and docs/rules.md — one source for both."""

from __future__ import annotations

from .checks import Rule, all_rules
from .findings import SEVERITY_ZH

FAMILIES = {
    "GK0": "输入（GK0xx）", "GK1": "结构（GK1xx）", "GK2": "表格（GK2xx）", "GK3": "勾稽关系（GK3xx）",
    "GK4": "模板版本（GK4xx）", "GK5": "内容（GK5xx）",
    "GK6": "正文与表格（GK6xx）", "GK7": "日期（GK7xx）",
}


def render_rule(r: Rule) -> str:
    lines = [f"{r.code} {r.name}（{SEVERITY_ZH[r.severity]}）", "", r.summary, "", f"依据：{r.why}", "", f"修改：{r.fix}"]
    if r.example:
        lines += ["", f"示例：{r.example}"]
    return "\n".join(lines)


def rules_markdown() -> str:
    out = ["# gklint 规则", "", "本页由 `python -m gklint.ruledoc > docs/rules.md` 从规则定义生成，与 `gklint rule CODE` 同源；请勿手工编辑。", ""]
    family = None
    for r in all_rules():
        fam = FAMILIES.get(r.code[:3], r.code[:3])
        if fam != family:
            out += [f"## {fam}", "", "| 代码 | 名称 | 级别 | 说明 |", "|---|---|---|---|"]
            rows_start = len(out)
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
    print(rules_markdown(), end="")
