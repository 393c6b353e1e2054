"""Transition only: rules still written in the old style (one module per family, messages as
Chinese/English strings in code). Each is registered like a new rule; its messages render through
the inline catalog `legacy`. Removed once every family is converted."""

from __future__ import annotations

from dataclasses import dataclass

from .. import catalog
from ..findings import Finding
from . import REGISTRY, Checker

catalog.register_data("legacy", {"zh": {"messages": {"text": "{zh}"}}, "en": {"messages": {"text": "{en}"}}})


@dataclass(frozen=True)
class LegacyRule:
    code: str
    name: str
    severity: str
    summary: str
    why: str
    fix: str
    example: str = ""
    summary_en: str = ""
    why_en: str = ""
    fix_en: str = ""
    example_en: str = ""
    needs_report = True

    def doc(self, lang: str = "zh") -> dict[str, str]:
        if lang == "en":
            return {"summary": self.summary_en, "why": self.why_en, "fix": self.fix_en, "example": self.example_en}
        return {"summary": self.summary, "why": self.why, "fix": self.fix, "example": self.example}

    def finding(self, message: str, pos=None, severity: str | None = None, en: str = "", **data) -> Finding:
        line, col = (pos.line, pos.col) if pos is not None else (1, 1)
        return Finding(self.code, severity or self.severity, "legacy:text", {"zh": message, "en": en or message},
                       line, col, data=data)


def rule(code: str, name: str, severity: str, summary: str, why: str, fix: str, example: str = "", *,
         summary_en: str = "", why_en: str = "", fix_en: str = "", example_en: str = "") -> LegacyRule:
    if code in REGISTRY:
        raise ValueError(f"duplicate rule code {code}")
    r = LegacyRule(code, name, severity, summary, why, fix, example, summary_en, why_en, fix_en, example_en)
    REGISTRY[code] = r  # type: ignore[assignment]
    return r


def family(check, needs_report: bool = False):
    """Run an old-style family's `check(report)` like a Checker."""
    cls = type(f"Legacy_{check.__module__.rsplit('.', 1)[-1]}", (Checker,),
               {"needs_report": needs_report, "check": lambda self, report: check(report),
                "__module__": check.__module__})
    return cls
