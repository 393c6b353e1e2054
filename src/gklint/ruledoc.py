"""Rule explanations, for `gklint rule CODE` and docs/rules.md — one source for both: each rule's
catalog (its doc beside its module, or a pack's relation docs)."""

from __future__ import annotations

from .catalog import text
from .checks import Rule, all_rules


def severity_name(severity: str, lang: str = "zh") -> str:
    return text(f"core:severity-{severity}", lang)


def render_rule(r: Rule, lang: str = "zh") -> str:
    doc = r.doc(lang)
    lines = [text("core:ruledoc-title", lang, code=r.code, title=r.title(lang), severity=severity_name(r.severity, lang)),
             "", doc["summary"], "", text("core:ruledoc-why", lang, why=doc["why"]), "",
             text("core:ruledoc-fix", lang, fix=doc["fix"])]
    if doc["example"]:
        lines += ["", text("core:ruledoc-example", lang, example=doc["example"])]
    return "\n".join(lines)


def rule_json(r: Rule, lang: str = "zh") -> dict:
    """`gklint rule --format json`: a rule's identity, default severity and doc in `lang`, and the
    pack facts and word lists it reads (what a pack can change of it)."""
    from .engine import family_of

    return {"code": r.code, "name": r.name, "severity": r.severity, "family": family_of(r),
            "family_title": text(f"core:family-{r.code[:3]}", lang), **r.doc(lang),
            "facts": list(r.facts), "words": list(r.words)}


def rules_markdown(lang: str = "zh", packs=None) -> str:
    """docs/rules.md: the built-in rules and the relation codes of `packs` (the built-in packs by
    default, whatever else this process loaded)."""
    from .pack import builtin_packs

    out = [text("core:rulesmd-head", lang), ""]
    family = None
    rules = all_rules(builtin_packs() if packs is None else packs)
    for r in rules:
        fam = text(f"core:family-{r.code[:3]}", lang)
        if fam != family:
            out += [f"## {fam}", "", text("core:rulesmd-table", lang), "|---|---|---|---|"]
            family = fam
        out.append(f"| [{r.code}](#{r.code.lower()}) | {r.title(lang)} | {severity_name(r.severity, lang)} | "
                   f"{r.doc(lang)['summary']} |")
    out.append("")
    for r in rules:
        doc = r.doc(lang)
        out += [f"### {r.code} {r.title(lang)}", "", text("core:rulesmd-default", lang, name=r.name,
                                         severity=severity_name(r.severity, lang), raw=r.severity), "",
                doc["summary"], "", text("core:rulesmd-why", lang, why=doc["why"]),
                text("core:rulesmd-fix", lang, fix=doc["fix"])]
        if doc["example"]:
            out.append(text("core:rulesmd-example", lang, example=doc["example"]))
        out.append("")
    return "\n".join(out)


def rules_markdown_en() -> str:
    return rules_markdown("en")


if __name__ == "__main__":
    import sys

    print(rules_markdown("en" if sys.argv[1:] == ["en"] else "zh"), end="")
