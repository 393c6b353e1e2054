"""A finding: one problem in one file, at an original line and column.

Findings are immutable. A rule makes one with its message id and arguments (`Rule.finding`);
the text is rendered from the message catalogs in the language asked for, when it is shown. The
engine and the configuration derive new findings with `decorate` (path, section, origin,
severity) — the only way a finding changes after it is made.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"error": 3, "warning": 2, "info": 1}


class FrozenDict(dict):
    """A dict that cannot be changed once made (picklable, JSON-able like any dict)."""

    def _readonly(self, *args, **kwargs):
        raise TypeError("finding data is read-only; use findings.decorate")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _readonly  # type: ignore[assignment]

    def __reduce__(self):
        return (FrozenDict, (dict(self),))

    def __hash__(self):  # type: ignore[override]
        return id(self)


def frozen(mapping) -> FrozenDict:
    return mapping if isinstance(mapping, FrozenDict) else FrozenDict(mapping or {})


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    msg: str  # message id in a catalog, e.g. "GK101:missing"
    args: dict = field(default_factory=FrozenDict)  # the message's arguments (JSON-able)
    line: int = 1
    col: int = 1
    path: str = ""
    # Machine-readable detail: section, table/row/column path, expected, actual, operands, origin …
    data: dict = field(default_factory=FrozenDict)

    def __post_init__(self):
        object.__setattr__(self, "args", frozen(self.args))
        object.__setattr__(self, "data", frozen(self.data))

    def text(self, lang: str = "zh") -> str:
        """The message in `lang`, with the place in the original document where a reader gave one."""
        from .catalog import render
        from .origins import term

        out = render(self.msg, self.args, lang)
        origin = self.data.get("origin")
        if origin:
            out += render("core:origin", {"origin": term(origin)}, lang)
        return out

    @property
    def message(self) -> str:
        """The Chinese message (fingerprints and `where` matching use it)."""
        return self.text("zh")

    def sort_key(self):
        return (self.path, self.line, self.col, self.code)

    def to_json(self, lang: str = "zh") -> dict:
        out = dict(self.data)  # rule detail first: the core keys below always win
        out.update({"code": self.code, "severity": self.severity, "line": self.line, "column": self.col,
                    "message": self.text(lang)})
        return out


def decorate(f: Finding, **changes) -> Finding:
    """A copy of `f` with some fields changed; `data=` is merged into the finding's data."""
    if "data" in changes:
        merged = dict(f.data)
        merged.update(changes["data"])
        changes["data"] = merged
    return dataclasses.replace(f, **changes)
