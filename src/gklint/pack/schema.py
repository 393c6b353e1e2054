"""Checking a merged pack mapping and building the model from it; every error names file, line and key."""

from __future__ import annotations

import datetime
from typing import Any


from .. import catalog, prebuilt
from ..prebuilt import regex
from ..expr import Equation, ExprError, parse_equation, parse_fact
from ..phrases import PhraseError, PhraseList, compile_list, decode as decode_list, encode as encode_list
from .model import KINDS, ColumnDef, Fact, Pack, Relation, RowDef, RuleSetting, SectionDef, TableDef
from .source import PackError, _read

SEVERITY_NAMES = ("error", "warning", "info")


class _Validator:
    """Reads the merged mapping into typed definitions; errors point into the right file."""

    def __init__(self, chain: list[str]):
        self.chain = chain

    def fail(self, keypath: list, msg: str, **args):
        """Raise PackError with message `msg` (an id of the `pack` catalog unless it names another).
        The error is reported in the first file of the chain that mentions the key path."""
        import yaml  # only when an error is reported

        msg = msg if ":" in msg else f"pack:{msg}"
        for path in self.chain:
            try:
                node = yaml.compose(_read(path), Loader=yaml.SafeLoader)
            except (OSError, ValueError, yaml.YAMLError):
                continue
            if _has_path(node, keypath[:1]):
                raise PackError(path, keypath, msg, **args)
        raise PackError(self.chain[0], keypath, msg, **args)

    def need(self, obj: Any, name: str, typ: type | tuple, keypath: list, required: bool = True):
        if not isinstance(obj, dict):
            self.fail(keypath, "mapping")
        if name not in obj or obj[name] is None:
            if required:
                self.fail(keypath + [name], "required")
            return None
        val = obj[name]
        if not isinstance(val, typ):
            want = typ.__name__ if isinstance(typ, type) else "/".join(t.__name__ for t in typ)
            self.fail(keypath + [name], "type", want=want, got=type(val).__name__)
        return val

    def strings(self, obj: dict, name: str, keypath: list, required: bool = False) -> tuple[str, ...]:
        val = self.need(obj, name, list, keypath, required) or []
        for i, v in enumerate(val):
            if not isinstance(v, str) or not v.strip():
                self.fail(keypath + [name, i], "non-empty-string")
        return tuple(val)


def _has_path(node: Any, keypath: list) -> bool:
    import yaml

    for k in keypath:
        if not isinstance(node, yaml.MappingNode):
            return False
        node = next((vn for kn, vn in node.value if kn.value == str(k)), None)
        if node is None:
            return False
    return True


def build(data: dict, chain: list[str]) -> Pack:
    v = _Validator(chain)
    template = v.need(data, "template", str, [])
    name = v.need(data, "name", str, [])
    years = v.need(data, "years", dict, [], required=False) or {}
    for k in years:
        if k not in ("min", "max") or not isinstance(years[k], int):
            v.fail(["years", k], "years")

    sections = []
    for i, s in enumerate(v.need(data, "sections", list, [])):
        kp = ["sections", i]
        sections.append(SectionDef(
            v.need(s, "key", str, kp), v.need(s, "number", int, kp), v.need(s, "title", str, kp),
            v.strings(s, "variants", kp), v.need(s, "role", str, kp, required=False)))
    if [s.number for s in sections] != list(range(1, len(sections) + 1)):
        v.fail(["sections"], "section-numbers")
    section_keys = {s.key for s in sections}

    tables: dict[str, TableDef] = {}
    for tkey, t in (v.need(data, "tables", dict, []) or {}).items():
        kp = ["tables", tkey]
        section = v.need(t, "section", str, kp)
        if section not in section_keys:
            v.fail(kp + ["section"], "unknown-section", section=repr(section), known=str(sorted(section_keys)))
        columns = []
        for i, c in enumerate(v.need(t, "columns", list, kp)):
            ckp = kp + ["columns", i]
            kind = v.need(c, "kind", str, ckp, required=False) or "count"
            if kind not in KINDS:
                v.fail(ckp + ["kind"], "kind", kinds=str(KINDS))
            columns.append(ColumnDef(v.need(c, "key", str, ckp), v.need(c, "label", str, ckp), kind,
                                     v.strings(c, "units", ckp), v.need(c, "group", str, ckp, required=False)))
        if len({c.key for c in columns}) != len(columns):
            v.fail(kp + ["columns"], "duplicate-column")
        row_defs = {}
        for rkey, r in (v.need(t, "row_defs", dict, kp) or {}).items():
            rkp = kp + ["row_defs", rkey]
            if not isinstance(r, dict):
                v.fail(rkp, "mapping")
            label = r.get("label")
            if label is not None and not isinstance(label, str):
                v.fail(rkp + ["label"], "row-label")
            row_defs[rkey] = RowDef(rkey, label, v.strings(r, "sets", rkp), v.strings(r, "group", rkp))
        rows = v.strings(t, "rows", kp, required=True)
        for i, r in enumerate(rows):
            if r not in row_defs:
                v.fail(kp + ["rows", i], "row-undefined", row=repr(r))
        # A row's group labels are labels of the table like those of `groups:`.
        groups = tuple(dict.fromkeys(v.strings(t, "groups", kp) + tuple(g for r in row_defs.values() for g in r.group)))
        tables[tkey] = TableDef(
            tkey, v.need(t, "name", str, kp), section, v.strings(t, "anchors", kp, required=True),
            v.strings(t, "header", kp), tuple(columns), row_defs, rows, groups,
            v.need(t, "name_en", str, kp, required=False) or "")

    relations = []
    for i, r in enumerate(v.need(data, "relations", list, [], required=False) or []):
        kp = ["relations", i]
        code = v.need(r, "code", str, kp)
        if not (len(code) == 5 and code.startswith("GK3") and code[2:].isdigit()):
            v.fail(kp + ["code"], "relation-code")
        table = v.need(r, "table", str, kp)
        if table not in tables:
            v.fail(kp + ["table"], "unknown-table", table=repr(table))
        each = v.need(r, "each", str, kp, required=False)
        if each not in (None, "row", "col"):
            v.fail(kp + ["each"], "each")
        try:
            eq = parse_equation(v.need(r, "assert", str, kp))
        except ExprError as e:
            v.fail(kp + ["assert"], e.msg, **e.args_)
        _check_equation(v, kp, eq, each, tables)
        relations.append(Relation(v.need(r, "id", str, kp), code, table, each, eq,
                                  v.need(r, "about", str, kp, required=False) or "",
                                  v.need(r, "about_en", str, kp, required=False) or ""))
    relation_rules = _relation_rules(v, data, {r.code for r in relations})

    markers = v.need(data, "markers", dict, [], required=False) or {}
    marker_rows = []
    for i, ref in enumerate(v.strings(markers, "rows", ["markers"])):
        tkey, _, rkey = ref.partition(".")
        if tkey not in tables or rkey not in tables[tkey].row_defs:
            v.fail(["markers", "rows", i], "marker-row", ref=repr(ref))
        marker_rows.append((tkey, rkey))
    title = v.need(data, "title", dict, [], required=False) or {}
    names_en = v.need(data, "names_en", dict, [], required=False) or {}
    for k, val in names_en.items():
        if not isinstance(val, str):
            v.fail(["names_en", k], "string")
    return Pack(
        template, name, chain[0], (years.get("min"), years.get("max")), tuple(sections), tables,
        tuple(relations), v.strings(markers, "labels", ["markers"]), tuple(marker_rows),
        v.strings(data, "obsolete_basis", []), v.strings(title, "required", ["title"]),
        v.strings(title, "slips", ["title"]), data, _content(v, data), dict(names_en),
        v.need(data, "name_en", str, [], required=False) or "", v.strings(data, "supersedes", []),
        _facts(v, data, tables), _settings(v, data), relation_rules, _deadlines(v, data))


SETTING_SEVERITIES = ("error", "warning", "info", "off")
_CODE_RE = regex(r"GK\d{3}")
_RELATION_CODE_RE = regex(r"GK3\d{2}")
_NAME_RE = regex(r"[a-z][a-z0-9-]*")
_MMDD = regex(r"(\d{2})-(\d{2})")


def _relation_rules(v: _Validator, data: dict, used: set[str]) -> dict:
    """`relation_rules:` the rule behind each relation code: name, severity and doc in each language."""
    out = {}
    declared = v.need(data, "relation_rules", dict, [], required=False) or {}
    for code, r in declared.items():
        kp = ["relation_rules", code]
        if not isinstance(code, str) or not _RELATION_CODE_RE.fullmatch(code):
            v.fail(kp, "relation-code")
        name = v.need(r, "name", str, kp)
        if not _NAME_RE.fullmatch(name):
            v.fail(kp + ["name"], "rule-name")
        severity = v.need(r, "severity", str, kp)
        if severity not in SEVERITY_NAMES:
            v.fail(kp + ["severity"], "severity", severities=str(SEVERITY_NAMES))
        docs = {}
        for lang in catalog.LANGS:
            block = v.need(r, lang, dict, kp, required=lang == "zh") or {}
            for k in ("summary", "why", "fix"):
                if lang == "zh" or block:
                    v.need(block, k, str, kp + [lang])
            v.need(block, "example", str, kp + [lang], required=False)
            v.need(block, "title", str, kp + [lang], required=False)
            docs[lang] = {k: str(val) for k, val in block.items() if k in ("title", "summary", "why", "fix", "example")}
        out[code] = {"name": name, "severity": severity, **docs}
    for code in sorted(used - set(out)):
        v.fail(["relation_rules"], "relation-undescribed", code=code)
    return out


def _facts(v: _Validator, data: dict, tables: dict) -> dict:
    out = {}
    for name, source in (v.need(data, "facts", dict, [], required=False) or {}).items():
        kp = ["facts", name]
        if not isinstance(source, str):
            v.fail(kp, "fact")
        try:
            terms = parse_fact(source)
        except ExprError as e:
            v.fail(kp, e.msg, **e.args_)
        _check_terms(v, kp, terms, set(), tables)
        out[name] = Fact(name, source, terms)
    return out


def _settings(v: _Validator, data: dict) -> dict:
    """`rules:` per-version settings: `applies:` a severity or off, or a list of them by years."""
    out = {}
    for code, s in (v.need(data, "rules", dict, [], required=False) or {}).items():
        kp = ["rules", code]
        if not isinstance(code, str) or not _CODE_RE.fullmatch(code):
            v.fail(kp, "rule-code")
        if not isinstance(s, dict) or set(s) - {"applies"}:
            v.fail(kp, "applies-only")
        applies = s.get("applies")
        entries = applies if isinstance(applies, list) else [{"severity": applies}]
        settings = []
        for i, e in enumerate(entries):
            ekp = kp + ["applies"] + ([i] if isinstance(applies, list) else [])
            if not isinstance(e, dict) or set(e) - {"severity", "years"}:
                v.fail(ekp, "applies")
            severity = e.get("severity")
            if severity is False:  # YAML reads a bare off as false
                severity = "off"
            if severity not in SETTING_SEVERITIES:
                v.fail(ekp, "severity", severities=str(SETTING_SEVERITIES))
            years = e.get("years") or {}
            if not isinstance(years, dict) or set(years) - {"min", "max"} or \
                    not all(isinstance(y, int) and not isinstance(y, bool) for y in years.values()):
                v.fail(ekp + ["years"], "years")
            settings.append(RuleSetting(severity, (years.get("min"), years.get("max"))))
        out[code] = tuple(settings)
    return out


def _deadlines(v: _Validator, data: dict) -> dict:
    out = {}
    for kind, value in (v.need(data, "deadlines", dict, [], required=False) or {}).items():
        if not (isinstance(value, str) and valid_mmdd(value)):
            v.fail(["deadlines", kind], "deadline")
        out[kind] = value
    return out


def valid_mmdd(value: str) -> bool:
    """MM-DD that is a date in every year (so never 02-29)."""
    m = _MMDD.fullmatch(value)
    if not m:
        return False
    try:
        datetime.date(2001, int(m.group(1)), int(m.group(2)))
    except ValueError:
        return False
    return True


def _content(v: _Validator, data: dict) -> dict:
    """`content:`: each entry a list of phrases, or a mapping of item names to lists of phrases (a
    word list). Every phrase is compiled here (gklint/phrases.py), so a broken one is reported with
    its file, line and key when the pack is loaded; content like a packaged pack's is compiled
    already (prebuilt.py)."""
    content = v.need(data, "content", dict, [], required=False) or {}
    return prebuilt.remembered("content", content, lambda: _compile_content(v, content), _encode, _decode)


def _encode(compiled: dict) -> dict:
    return {name: encode_list(val) if isinstance(val, PhraseList) else {k: encode_list(p) for k, p in val.items()}
            for name, val in compiled.items()}


def _decode(data: dict) -> dict:
    return {name: decode_list(val) if isinstance(val, list) else {k: decode_list(p) for k, p in val.items()}
            for name, val in data.items()}


def _compile_content(v: _Validator, content: dict) -> dict:
    out: dict = {}
    for name, val in content.items():
        kp = ["content", name]
        if isinstance(val, list):
            out[name] = _phrases(v, val, kp, content)
        elif isinstance(val, dict):
            out[name] = {}
            for item, phrases in val.items():
                if not isinstance(item, str) or not item.strip():
                    v.fail(kp + [item], "item-name")
                if not isinstance(phrases, list) or not phrases:
                    v.fail(kp + [item], "no-phrases")
                out[name][item] = _phrases(v, phrases, kp + [item], content)
        else:
            v.fail(kp, "content")
    return out


def _phrases(v: _Validator, entries: list, kp: list, content: dict) -> PhraseList:
    for i, e in enumerate(entries):
        if not (isinstance(e, str) and e.strip() or isinstance(e, dict)):
            v.fail(kp + [i], "non-empty-string")
    try:
        return compile_list(entries, content)
    except PhraseError as e:
        v.fail(kp + ([e.index] if e.index is not None else []), e.msg, **e.args_)


def _check_equation(v: _Validator, kp: list, eq: Equation, each: str | None, tables: dict) -> None:
    bound = {"row"} if each == "row" else {"col"} if each == "col" else set()
    if eq.variables() - bound:
        v.fail(kp + ["assert"], "unbound", names=str(sorted(eq.variables() - bound)))
    _check_terms(v, kp + ["assert"], eq.terms, bound, tables)


def _check_terms(v: _Validator, kp: list, terms, bound: set, tables: dict) -> None:
    for t in terms:
        if t.ref and not bound and any(s.kind == "var" for s in (t.ref.row, t.ref.col)):
            v.fail(kp, "no-variables")
        if not t.ref:
            continue
        table = tables.get(t.ref.table)
        if table is None:
            v.fail(kp, "unknown-table", table=repr(t.ref.table))
        cols = {c.key for c in table.columns}
        for sel, known, msg in ((t.ref.row, set(table.row_defs), "unknown-row"), (t.ref.col, cols, "unknown-column")):
            names = [sel.a, sel.b] if sel.kind == "range" else [sel.a] if sel.kind == "key" else []
            for n in names:
                if n not in known:
                    v.fail(kp, msg, name=repr(n), table=t.ref.table)
