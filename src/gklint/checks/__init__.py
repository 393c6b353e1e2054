"""The rules. One rule is one module (yamllint style): a `Rule` subclass declaring its code, name,
default severity, the pack facts and words it reads, and its `check`; its doc and messages, in
every language, in the catalog file of the same name beside it (`section_missing.py` →
`section_missing.yaml`). Modules are grouped by family:

    input/      GK0xx  unreadable file, not a report, unreadable table rows
    structure/  GK1xx  sections, headings, report title
    tables/     GK2xx  tables, labels, rows, cell values
    relations/  GK3xx  勾稽关系: the codes are declared by the packs' relations
    version/    GK4xx  which template version the tables follow
    content/    GK5xx  what the sections must say
    narrative/  GK6xx  figures in the text against the tables
    dates/      GK7xx  report year, statistics period, deadline, sign-off date
    crossyear/  GK8xx  against the same body's previous report (two reports)
    config/     GK09x  gklint's own configuration

The registry is built from the declarations: defining a subclass with a `code` registers it.
Template versions never appear here: what differs between versions is pack data — facts, words,
and `rules:` settings that switch a rule off or change its severity by year (see docs/packs.md).
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from typing import ClassVar, Iterable

from .. import catalog
from ..findings import Finding
from ..resources import yaml_of

REGISTRY: dict[str, "Rule"] = {}
CHECKERS: list = []  # what runs on a report: rules with a `check`, and `Checker`s
FAMILIES = ("input", "structure", "tables", "relations", "version", "content", "narrative", "dates", "crossyear",
            "config")


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[str]
    facts: ClassVar[tuple[str, ...]] = ()  # named facts of the pack it reads (`facts:`)
    words: ClassVar[tuple[str, ...]] = ()  # word lists of the pack it reads (`content:`)
    catalog_name: ClassVar[str] = ""  # defaults to the code
    needs_report: ClassVar[bool] = True  # skipped when the file is not a report (GK005)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "code" not in cls.__dict__:
            return  # an abstract helper class
        module = sys.modules[cls.__module__]
        cls.catalog_name = cls.__dict__.get("catalog_name") or cls.code
        catalog.register(cls.catalog_name, yaml_of(module.__file__))
        rule = register(cls())
        if "check" in cls.__dict__:
            CHECKERS.append(rule)

    # Rules without a `check` of their own are raised elsewhere: by readers, the table reader,
    # the configuration, or a checker that serves several codes (relations).
    def check(self, report) -> Iterable[Finding]:
        return ()

    def finding(self, msg: str, pos=None, *, severity: str | None = None, data: dict | None = None,
                **args) -> Finding:
        """A finding of this rule: message `msg` of its catalog with `args`, at `pos` (a model Pos)."""
        line, col = (pos.line, pos.col) if pos is not None else (1, 1)
        return Finding(self.code, severity or self.severity, f"{self.catalog_name}:{msg}", args, line, col,
                       data=data or {})

    def title(self, lang: str = "zh") -> str:
        """The rule's name for people (`报告标题不规范`), from its catalog; `name` is its id."""
        return str(catalog.block(self.catalog_name, lang).get("title") or self.name)

    def doc(self, lang: str = "zh") -> dict[str, str]:
        """summary, why, fix and example in `lang`."""
        block = catalog.block(self.catalog_name, lang)
        return {k: str(block.get(k) or "") for k in catalog.DOC_KEYS}


class Checker:
    """Runs on every report and raises findings of several rules (e.g. every relation of a pack)."""

    needs_report: ClassVar[bool] = True

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        CHECKERS.append(cls())

    def check(self, report) -> Iterable[Finding]:
        raise NotImplementedError


def register(rule: Rule) -> Rule:
    if rule.code in REGISTRY and type(REGISTRY[rule.code]) is not type(rule):
        raise ValueError(f"duplicate rule code {rule.code}")
    REGISTRY[rule.code] = rule
    return rule


_loaded = False


def load_rules() -> None:
    """Import every rule module (each registers itself)."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    for family in FAMILIES:
        try:
            package = importlib.import_module(f"{__name__}.{family}")
        except ModuleNotFoundError as e:
            if e.name != f"{__name__}.{family}":
                raise
            continue
        for info in pkgutil.iter_modules(getattr(package, "__path__", ())):
            importlib.import_module(f"{package.__name__}.{info.name}")


def get(code: str) -> Rule:
    load_rules()
    if code not in REGISTRY:
        _builtin_packs()  # a relation code: registered when its pack is loaded
    return REGISTRY[code]


def all_rules(packs=None) -> list[Rule]:
    """Every rule, by code. Without `packs`: the built-in rules and the relation codes of every pack
    loaded in this process (the built-in packs at least). With `packs`: the built-in rules and the
    relation codes of those packs only (generated docs, `gklint rule --pack`)."""
    load_rules()
    _builtin_packs()
    if packs is None:
        return [REGISTRY[c] for c in sorted(REGISTRY)]
    from .relations import RelationRule, register_pack_rules

    codes = {c for c, r in REGISTRY.items() if not isinstance(r, RelationRule)}
    for pack in (packs.values() if isinstance(packs, dict) else packs):
        codes.update(register_pack_rules(pack))
    return [REGISTRY[c] for c in sorted(codes)]


def _builtin_packs():
    from ..pack import builtin_packs  # loading a pack registers its relation codes

    return builtin_packs()


def checkers() -> list:
    """What runs on a report, in a fixed order (by module)."""
    load_rules()
    return sorted(CHECKERS, key=lambda c: type(c).__module__)
