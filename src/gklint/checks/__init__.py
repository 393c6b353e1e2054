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

    def finding(self, message: str, pos=None, severity: str | None = None, **data) -> Finding:
        """A finding of this rule; `severity` lowers or raises it where the rule doc says so."""
        line, col = (pos.line, pos.col) if pos is not None else (1, 1)
        return Finding(self.code, severity or self.severity, message, line, col, data=data)


REGISTRY: dict[str, Rule] = {}


def rule(code: str, name: str, severity: str, summary: str, why: str, fix: str, example: str = "") -> Rule:
    if code in REGISTRY:
        raise ValueError(f"duplicate rule code {code}")
    r = Rule(code, name, severity, summary, why, fix, example)
    REGISTRY[code] = r
    return r


def all_rules() -> list[Rule]:
    from . import balance, config, content, dates, input, narrative, structure, tables, version  # noqa: F401  (registration)
    return [REGISTRY[c] for c in sorted(REGISTRY)]


def checkers():
    """The check functions, in the order they run; each takes a Report, yields Findings."""
    from . import balance, content, dates, input, narrative, structure, tables, version
    return [input.check, dates.check, structure.check, version.check, tables.check, balance.check, content.check,
            narrative.check]
