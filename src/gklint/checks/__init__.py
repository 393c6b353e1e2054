"""The rule catalogue. Each module holds one family of rules: their codes, summaries, severities
and explanations next to the code that checks them (yamllint/ruff style).

    GK0xx input        input.py      unreadable file, not a report, unreadable table rows
    GK1xx structure    structure.py  sections, headings, report title
    GK2xx tables       tables.py     tables, labels, rows, cell values
    GK3xx arithmetic   balance.py    勾稽关系 from the pack
    GK4xx version      version.py    2019 vs 2021 template layout
    GK5xx content      content.py    what the sections must say (five topics, 信息处理费 …)
    GK6xx narrative    narrative.py  figures in the text against the tables
    GK7xx dates        dates.py      report year, statistics period, deadline, sign-off date
    GK8xx cross-year   crossyear.py  against the same body's previous report (two reports; not in checkers())

`gklint rule CODE` and docs/rules.md are generated from these definitions.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..findings import Finding


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: str
    summary: str  # one line, Chinese
    why: str  # legal or template basis
    fix: str  # how to fix
    example: str = ""
    # The same in English (--lang en); template labels stay Chinese, in “…” quotes.
    summary_en: str = ""
    why_en: str = ""
    fix_en: str = ""
    example_en: str = ""

    def doc(self, lang: str = "zh") -> tuple[str, str, str, str]:
        """(summary, why, fix, example) in `lang`."""
        if lang == "en":
            return self.summary_en, self.why_en, self.fix_en, self.example_en
        return self.summary, self.why, self.fix, self.example

    def finding(self, message: str, pos=None, severity: str | None = None, en: str = "", **data) -> Finding:
        """A finding of this rule, with its message in Chinese and (`en`) English; `severity` lowers
        or raises it where the rule doc says so."""
        line, col = (pos.line, pos.col) if pos is not None else (1, 1)
        return Finding(self.code, severity or self.severity, message, line, col, data=data, message_en=en)


REGISTRY: dict[str, Rule] = {}


def rule(code: str, name: str, severity: str, summary: str, why: str, fix: str, example: str = "", *,
         summary_en: str = "", why_en: str = "", fix_en: str = "", example_en: str = "") -> Rule:
    if code in REGISTRY:
        raise ValueError(f"duplicate rule code {code}")
    r = Rule(code, name, severity, summary, why, fix, example, summary_en, why_en, fix_en, example_en)
    REGISTRY[code] = r
    return r


def all_rules() -> list[Rule]:
    from . import balance, config, content, crossyear, dates, input, narrative, structure, tables, version  # noqa: F401  (registration)
    return [REGISTRY[c] for c in sorted(REGISTRY)]


def checkers():
    """The check functions, in the order they run; each takes a Report, yields Findings."""
    from . import balance, content, dates, input, narrative, structure, tables, version
    return [input.check, dates.check, structure.check, version.check, tables.check, balance.check, content.check,
            narrative.check]
