"""What one configuration file says, once read and validated (schema.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..findings import Finding
from .globs import glob_match, relative_to, where_matches


@dataclass(eq=False)
class Suppression:
    """A finding the configuration hides: code, file glob, place and reason."""

    code: str
    file: str  # glob relative to the config file's directory
    where: str | None
    reason: str
    line: int | None = None
    used: int = 0  # findings it hid in this run
    applies: bool = False  # some checked file matched `file`

    def matches(self, f: Finding, rel: str) -> bool:
        if not f.code.startswith(self.code):
            return False
        if not glob_match(self.file, rel):
            return False
        return self.where is None or where_matches(self.where, f)


@dataclass(eq=False)  # compared and hashed by identity: one object per file
class Config:
    """One configuration file, read: the keys gklint takes from it."""

    path: str  # the configuration file
    root: str  # its directory: globs and paths in it are relative to this
    table: str = ""  # "[tool.gklint]" for pyproject.toml, "" for gklint.toml
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)
    fail_on: str | None = None
    fail_on_unchecked: bool | None = None
    template: str | None = None
    issuer: str | None = None
    deadlines: dict[str, str] | None = None
    packs: list = field(default_factory=list)  # loaded Pack objects, in file order
    max_size: float | None = None
    jobs: int | None = None
    cache_dir: str | None = None
    suppress: list[Suppression] = field(default_factory=list)
    # Globs of files and folders not to check when walking folders (None: the defaults).
    exclude: tuple[str, ...] | None = None
    extend_exclude: tuple[str, ...] = ()
    color: str | None = None  # run-wide, like jobs: "auto", "always", "never"
    show_source: bool | None = None

    @property
    def settings(self) -> dict:
        out: dict = {}
        if self.issuer:
            out["issuer"] = self.issuer
        if self.deadlines:
            out["deadlines"] = dict(self.deadlines)
        return out

    def relative(self, path: str) -> str:
        """`path` relative to the config's directory, with `/` (may start with `../`)."""
        return relative_to(path, self.root)
