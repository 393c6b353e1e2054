"""GK5xx: what the sections must say. The words looked for are template knowledge and live in the
pack (`content:` in rules/common.yaml); the sections are found by their role in the pack. A
section that is missing or empty is left to GK101/GK109, and which report years a rule applies
to is the pack's `rules:` setting."""

from __future__ import annotations

from ...prebuilt import regex

_PUNCT = regex(r"[\s。，,；;、：:！!？?.（）()“”\"'—-]+")


def section_text(section) -> str:
    return "".join(i.text for i in section.items if i.type in ("TEXT", "SUBHEADING"))


def with_text(report, role: str):
    """(section, its text) for the section of `role` when it has text, else (None, "")."""
    sdef = report.expected.section_by_role(role)
    section = report.section(sdef.key) if sdef is not None else None
    text = section_text(section) if section is not None else ""
    return (section, text) if text else (None, "")


def says_nothing(pack, text: str) -> bool:
    """The whole text is one of the pack's ways of saying "none" (无, 暂无 …), punctuation aside."""
    return _PUNCT.sub("", text) in {_PUNCT.sub("", w) for w in pack.words("nothing")}


def lacking(pack, text: str) -> list[str]:
    """The items of 五 (存在的问题, 改进措施) the text names none of the words of."""
    return [item for item, phrases in pack.lexicon("problems_and_measures").items() if not phrases.contains(text)]


def short(text: str, n: int = 20) -> str:
    text = text.strip()
    return text if len(text) <= n else text[:n] + "…"
