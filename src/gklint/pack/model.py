"""What a loaded rule pack is: the template of one version as typed definitions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from ..expr import Equation
from ..normalize import key
from ..phrases import PhraseList

KINDS = ("count", "amount", "signed")
NO_PHRASES = PhraseList(())


class SectionDef(NamedTuple):
    key: str
    number: int
    title: str
    variants: tuple[str, ...] = ()
    role: str | None = None  # what rules call it: overview, problems, other …


class ColumnDef(NamedTuple):
    key: str
    label: str
    kind: str = "count"
    units: tuple[str, ...] = ()
    group: str | None = None  # the merged header above it (行政复议, 法人或其他组织 …)


class RowDef(NamedTuple):
    key: str
    label: str | None
    sets: tuple[str, ...] = ()
    group: tuple[str, ...] = ()  # the merged labels heading it, outermost first (三、本年度办理结果 › （三）不予公开)


@dataclass
class TableDef:
    """One table of a template version: its anchors, header, columns and rows."""
    key: str
    name: str
    section: str
    anchors: tuple[str, ...]
    header: tuple[str, ...]
    columns: tuple[ColumnDef, ...]
    row_defs: dict[str, RowDef]
    rows: tuple[str, ...]  # expected layout, in order
    groups: tuple[str, ...] = ()
    name_en: str = ""

    @property
    def title(self) -> dict:
        """The table's name as a localised message argument."""
        if self.name_en:
            return {"zh": self.name, "en": self.name_en}
        return {"msg": "pack:table-title", "args": {"name": self.name}}

    def column(self, k: str) -> ColumnDef | None:
        return next((c for c in self.columns if c.key == k), None)

    def column_label(self, k: str) -> str | None:
        """A column's label, prefixed by its merged header only where the label repeats (表四 总计)."""
        col = self.column(k)
        if col is None:
            return None
        repeated = sum(1 for c in self.columns if c.label == col.label) > 1
        return f"{col.group}·{col.label}" if repeated and col.group else col.label

    def labels(self) -> set[str]:
        out = set(self.anchors) | set(self.header) | set(self.groups)
        out |= {c.label for c in self.columns}
        out |= {r.label for r in self.row_defs.values() if r.label}
        return out


class Relation(NamedTuple):
    id: str
    code: str
    table: str
    each: str | None  # "row", "col" or None
    equation: Equation
    about: str  # what the relation says, in Chinese
    about_en: str = ""

    @property
    def says(self) -> dict:
        """`about` as a localised message argument."""
        if self.about_en:
            return {"zh": self.about, "en": self.about_en}
        return {"msg": "pack:quoted", "args": {"text": self.about}}


class Fact(NamedTuple):
    """A named quantity of the template (`facts:`), so rules never name a table, row or column:
    a cell selection (`t3[R02][C1..C7]`) or a linear expression (`t4[ALL][F10] + t4[ALL][F15]`)."""

    name: str
    source: str
    terms: tuple  # expr.Term, as in relations


class RuleSetting(NamedTuple):
    """`rules: {CODE: {applies: …}}`: the severity of a rule for reports of some years ("off": not run)."""

    severity: str
    years: tuple[int | None, int | None] = (None, None)

    def covers(self, year: int | None) -> bool:
        lo, hi = self.years
        if year is None:
            return lo is None and hi is None
        return (lo is None or year >= lo) and (hi is None or year <= hi)


@dataclass(eq=False)  # hashed by identity: packs are loaded once and cached
class Pack:
    """A rule pack: one template version's sections, tables, relations, facts and phrases."""
    template: str
    name: str
    path: str
    years: tuple[int | None, int | None]
    sections: tuple[SectionDef, ...]
    tables: dict[str, TableDef]
    relations: tuple[Relation, ...]
    marker_labels: tuple[str, ...]
    marker_rows: tuple[tuple[str, str], ...]
    obsolete_basis: tuple[str, ...] = ()
    title_required: tuple[str, ...] = ()
    title_slips: tuple[str, ...] = ()
    raw: dict = field(default_factory=dict, repr=False)
    # `content:` — template words for the content, narrative and date rules (GK5xx–GK7xx):
    # name -> PhraseList, or name -> {item: PhraseList}; compiled on load (gklint/phrases.py).
    content: dict = field(default_factory=dict, repr=False)
    names_en: dict = field(default_factory=dict, repr=False)  # English names of content items
    name_en: str = ""
    supersedes: tuple[str, ...] = ()  # template versions this one replaced
    facts: dict = field(default_factory=dict, repr=False)  # name -> Fact
    settings: dict = field(default_factory=dict, repr=False)  # code -> (RuleSetting, …)
    relation_rules: dict = field(default_factory=dict, repr=False)  # code -> {name, severity, zh, en}
    deadlines: dict = field(default_factory=dict, repr=False)  # issuer kind -> "MM-DD"

    def __repr__(self) -> str:
        return f"Pack({self.template!r}, {str(self.path)!r})"

    @property
    def title(self) -> dict:
        """The format's name as a localised message argument."""
        return {"zh": self.name, "en": self.name_en or self.name}

    def term(self, item: str) -> dict:
        """A content item (topic) as a localised message argument."""
        if self.names_en.get(item):
            return {"zh": item, "en": self.names_en[item]}
        return {"msg": "pack:quoted", "args": {"text": item}}

    def rule_severity(self, code: str, default: str, year: int | None) -> str:
        """The severity of rule `code` for a report of `year` under this pack ("off": not run)."""
        for setting in self.settings.get(code, ()):
            if setting.covers(year):
                return setting.severity
        return default

    def section_by_role(self, role: str) -> SectionDef | None:
        return next((s for s in self.sections if s.role == role), None)

    def words(self, name: str) -> tuple[str, ...]:
        """The phrases of a `content:` list as written (empty when the pack has none)."""
        return self.phrases(name).sources

    def items(self, name: str) -> dict[str, tuple[str, ...]]:
        """The named items of a `content:` mapping, each with its phrases as written, in pack order."""
        return {k: v.sources for k, v in self.lexicon(name).items()}

    def phrases(self, name: str) -> PhraseList:
        """The compiled phrases of a `content:` list (none when the pack has no such list)."""
        val = self.content.get(name)
        return val if isinstance(val, PhraseList) else NO_PHRASES

    def lexicon(self, name: str) -> dict[str, PhraseList]:
        """The items of a `content:` mapping with their compiled phrases, in pack order."""
        val = self.content.get(name)
        return dict(val) if isinstance(val, dict) else {}

    def covers(self, year: int) -> bool:
        lo, hi = self.years
        return (lo is None or year >= lo) and (hi is None or year <= hi)

    def marker_keys(self) -> set[str]:
        return {key(m) for m in self.marker_labels}
