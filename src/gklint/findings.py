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

    def sort_key(self):
        return (self.path, self.line, self.col, self.code)

    def to_json(self) -> dict:
        out = {"code": self.code, "severity": self.severity, "line": self.line, "column": self.col,
               "message": self.message}
        out.update(self.data)
        return out
