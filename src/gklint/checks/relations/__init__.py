"""GK3xx: the 勾稽关系 (arithmetic relations) of the tables. The relations, their codes, severities,
messages and docs are pack data (`relations:` and `relation_rules:` in rules/common.yaml); this
package evaluates them (balance.py) and registers every code a pack declares, so a pack's own
GK3xx code is selectable, documented and reported like any built-in rule."""

from __future__ import annotations

from ... import catalog
from ...findings import Finding
from .. import REGISTRY, Rule


class RelationRule(Rule):
    """The rule behind a relation code of a pack; its messages are the relations checker's."""

    needs_report = False

    def __init__(self, code: str, spec: dict):
        self.code, self.name, self.severity = code, spec["name"], spec["severity"]
        self.catalog_name = f"pack-{code}"
        catalog.register_data(self.catalog_name, {lang: spec[lang] for lang in ("zh", "en") if spec.get(lang)})

    def finding(self, msg: str, pos=None, *, severity: str | None = None, data: dict | None = None, **args) -> Finding:
        line, col = (pos.line, pos.col) if pos is not None else (1, 1)
        return Finding(self.code, severity or self.severity, f"relations:{msg}", args, line, col, data=data or {})


def register_pack_rules(pack) -> None:
    """Register the relation codes of `pack`; a code that is a built-in rule's is a pack error."""
    from ...pack import PackError

    for code, spec in pack.relation_rules.items():
        known = REGISTRY.get(code)
        if known is not None and not isinstance(known, RelationRule):
            raise PackError(pack.path, ["relation_rules", code], f"{code} 是 gklint 内置规则的代码，勾稽关系不能使用",
                            en=f"{code} is the code of a built-in gklint rule and cannot be used by a relation")
        REGISTRY[code] = RelationRule(code, spec)
