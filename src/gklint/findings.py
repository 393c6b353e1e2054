"""A finding: one problem in one file, at an original line and column."""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass
class Finding:
    code: str
    severity: str
    message: str
    line: int = 1
    col: int = 1
    path: str = ""
    # Machine-readable detail: table/row/column path, expected, actual, operands, fix …
    data: dict = field(default_factory=dict)
    message_en: str = ""  # the same message in English (--lang en); `message` stays Chinese

    def text(self, lang: str = "zh") -> str:
        """The message in `lang`; Chinese where no English was given."""
        return self.message_en if lang == "en" and self.message_en else self.message

    def sort_key(self):
        return (self.path, self.line, self.col, self.code)

    def to_json(self, lang: str = "zh") -> dict:
        out = dict(self.data)  # rule detail first: the core keys below always win
        out.update({"code": self.code, "severity": self.severity, "line": self.line, "column": self.col,
                    "message": self.text(lang)})
        return out
