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
    """One claim about a report: rule code, severity, message and place."""

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

    def text(self, lang: str = "zh", origin: bool = True) -> str:
        """The message in `lang`; with `origin`, followed by the place in the original document where
        a reader gave one (for formats whose position is a line of gklint's text export)."""
        from .catalog import render
        from .origins import term

        out = render(self.msg, self.args, lang)
        if origin and self.data.get("origin"):
            out += render("core:origin", {"origin": term(self.data["origin"])}, lang)
        return out

    def where(self, lang: str = "zh") -> str:
        """The position a person finds in the file: the place in the original document (`表3 第5行
        第2列`, `第4页`, `第12段`), else the line and column of a text file."""
        from .catalog import render
        from .origins import in_language

        if self.data.get("origin"):
            return in_language(self.data["origin"], lang)
        return render("core:position", {"line": self.line, "col": self.col}, lang)

    def location(self, lang: str = "zh") -> dict:
        """`where` as JSON: `{"table": 3, "row": 5, "column": 2, "where": …}`, `{"page": 4, …}`,
        `{"paragraph": 12, …}`; a text file's `{"line": …, "column": …, "where": …}`."""
        from .origins import location

        found = location(self.data["origin"]) if self.data.get("origin") else {"line": self.line, "column": self.col}
        return {**found, "where": self.where(lang)}

    @property
    def message(self) -> str:
        """The Chinese message (fingerprints and `where` matching use it)."""
        return self.text("zh")

    def sort_key(self):
        return (self.path, self.line, self.col, self.code)

    def to_json(self, lang: str = "zh") -> dict:
        from .places import public

        out = public(self.data, lang)  # rule detail first: the core keys below always win
        # `line`/`column` are those of gklint's text export (the same as `location`'s for text files).
        out.update({"code": self.code, "severity": self.severity, "location": self.location(lang),
                    "line": self.line, "column": self.col, "message": self.text(lang, origin=False)})
        return out


def decorate(f: Finding, **changes) -> Finding:
    """A copy of `f` with some fields changed; `data=` is merged into the finding's data."""
    if "data" in changes:
        merged = dict(f.data)
        merged.update(changes["data"])
        changes["data"] = merged
    return dataclasses.replace(f, **changes)
