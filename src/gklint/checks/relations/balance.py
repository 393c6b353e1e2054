"""The relations of the report's layout pack, evaluated exactly and reported once per root cause.

Each relation is expanded per row or column into a linear form and compared exactly (integers,
or decimals for amounts). Blank, "not applicable" and unreadable operands make a relation *not
checkable* (GK309), never failed. A wrong cell usually breaks several relations at once; the
cell that explains them all is named, and the fault is reported once, at the most specific
relation (the one with the fewest operands). The finding is the rule of the relation's code,
with the severity its pack gives; the message frames are the catalog `relations` (balance.yaml).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ... import catalog
from ...model import NUMBER, Report, Table
from ...pack import Pack, Relation
from ...resources import yaml_of
from .. import Checker
from ...linear import instances
from . import cell_name, col_label, fmt, joined, num, row_label, rule_for
from .blank_not_zero import BlankNotZero
from .relation_not_checkable import RelationNotCheckable

catalog.register("relations", yaml_of(__file__))


@dataclass(slots=True)  # slotted: dozens per report
class Instance:
    """One relation applied to a table (its $row or $col bound, if it has one): terms and outcome."""

    relation: Relation
    table: Table
    binding: str | None  # the row or column key bound to $row / $col
    terms: dict[tuple[str, str], int]  # (row, col) -> coefficient
    const: int = 0
    status: str = "ok"  # ok | fail | blank | unreadable | split | incomplete
    diff: Decimal = Decimal(0)
    lhs: Decimal = Decimal(0)
    rhs: Decimal = Decimal(0)
    operands: list = field(default_factory=list)
    blank_cell: object = None

    def size(self) -> int:
        return len(self.terms)


def evaluate(report: Report, pack: Pack) -> list[Instance]:
    out = []
    for rel in pack.relations:
        table = report.tables.get(rel.table)
        if table is None or table.definition is not pack.tables.get(rel.table):
            continue  # a table read with another version's definition has no relations here
        present = {k: r.sets for k, r in table.rows.items()}
        for binding, terms, const in instances(rel, table.definition, present):
            inst = Instance(rel, table, binding, terms, const)
            _compute(inst)
            out.append(inst)
    return out


def _compute(inst: Instance) -> None:
    table = inst.table
    total = Decimal(inst.const)
    # A constant stands on the side where it is positive, so that lhs - rhs is the whole form.
    left, right = Decimal(max(inst.const, 0)), Decimal(max(-inst.const, 0))
    for (r, c), coef in inst.terms.items():
        row = table.rows.get(r)
        if row is None:
            inst.status = "incomplete"  # missing row: reported by GK205, not here
            return
        cell = row.cells.get(c)
        if cell is None:
            inst.status = "unreadable"
            inst.blank_cell = (row, c)
            return
        if cell.kind != NUMBER:
            inst.status = "blank"
            inst.blank_cell = cell
            return
        if not cell.certain:
            inst.status = "unreadable"  # one reading among several: GK006 says so
            inst.blank_cell = cell
            return
        if row.split == "by-total" and all(rr == r for rr, _ in inst.terms) or row.split == "by-relations":
            inst.status = "split"  # the split was chosen to satisfy the relations: GK007 says so
            return
        inst.operands.append((cell, coef))
        term = coef * cell.value
        total += term
        if coef > 0:
            left += term
        else:
            right -= term
    inst.diff, inst.lhs, inst.rhs = total, left, right
    inst.status = "fail" if total != 0 else "ok"


def locate(instances: list[Instance]):
    """Group failed relations by the one cell whose correction would balance them all.

    Returns [(cell_key, new_value, [instances])]; a failure no single cell explains comes alone
    with cell_key None."""
    failed = [i for i in instances if i.status == "fail"]
    if not failed:
        return []  # most reports: nothing to explain, no index of every cell to build
    by_cell: dict[tuple, list[Instance]] = {}
    for inst in instances:
        for rc in inst.terms:
            by_cell.setdefault((inst.table.key,) + rc, []).append(inst)
    explained: dict[int, tuple] = {}
    candidates = []
    for cell_key, insts in by_cell.items():
        if not all(i.status == "fail" for i in insts if i.status in ("ok", "fail")):
            continue  # changing this cell would break a relation that holds now
        fails = [i for i in insts if i.status == "fail"]
        if not fails:
            continue
        deltas = {-(i.diff / i.terms[cell_key[1:]]) for i in fails}
        if len(deltas) == 1:
            candidates.append((len(fails), cell_key, deltas.pop(), fails))
    candidates.sort(key=lambda c: -c[0])
    groups = []
    for n, cell_key, delta, fails in candidates:
        if any(id(f) in explained for f in fails):
            continue
        # The same set explained by several cells (e.g. one 四 group): no single suspect.
        rivals = [c for c in candidates if c[1] != cell_key and {id(x) for x in c[3]} == {id(x) for x in fails}]
        for f in fails:
            explained[id(f)] = cell_key
        groups.append((None if rivals else cell_key, delta, fails))
    for f in failed:
        if id(f) not in explained:
            groups.append((None, None, [f]))
    return groups


def _where(inst: Instance):
    """The table, and the row or column the instance is bound to."""
    table = inst.table
    if inst.relation.each == "row":
        return {"msg": "relations:where-row",
                "args": {"table": table.definition.title, "row": row_label(table, inst.binding) or inst.binding}}
    if inst.relation.each == "col":
        return {"msg": "relations:where-col",
                "args": {"table": table.definition.title, "col": col_label(table, inst.binding)}}
    return table.definition.title


def _side(inst: Instance, sign: int, total: Decimal):
    """One side of the relation (+1: the left, "actual"; -1: the right, "expected"): its operands
    named relative to the relation (columns of a row relation, rows of a column one), with their
    sum where there are several."""
    table = inst.table
    parts = []
    for cell, _ in (o for o in inst.operands if o[1] * sign > 0):
        if inst.relation.each == "row":
            name = col_label(table, cell.col)
        elif inst.relation.each == "col":
            name = row_label(table, cell.row) or cell.row
        elif row_label(table, cell.row):
            parts.append({"msg": "relations:operand-cell",
                          "args": {"cell": cell_name(table, cell.row, cell.col), "value": fmt(cell.value)}})
            continue
        else:
            name = col_label(table, cell.col)
        parts.append({"msg": "relations:operand", "args": {"name": name, "value": fmt(cell.value)}})
    const = max(sign * inst.const, 0)
    if const or not parts:
        parts.append(fmt(Decimal(const)))
    terms = joined("relations:plus", parts)
    return {"msg": "relations:total", "args": {"terms": terms, "total": fmt(total)}} if len(parts) > 1 else terms


def _instance_name(inst: Instance):
    """A relation instance in words, for the people who fill the table (not its id)."""
    table = inst.table
    if inst.relation.each == "row":
        return {"msg": "relations:instance-row",
                "args": {"row": row_label(table, inst.binding) or inst.binding, "says": inst.relation.says}}
    if inst.relation.each == "col":
        return {"msg": "relations:instance-col",
                "args": {"col": col_label(table, inst.binding), "says": inst.relation.says}}
    return inst.relation.says


class Relations(Checker):
    """Every relation of the layout pack; GK309 for those blank or n.a. operands leave unchecked."""

    def check(self, report):
        pack = report.layout
        if pack is None:
            return
        instances = evaluate(report, pack)
        unchecked = [i for i in instances if i.status not in ("ok", "fail")]
        report.stats["relations"] = {"checked": len(instances) - len(unchecked), "unchecked": len(unchecked),
                                     "tables_unchecked": len({i.table.key for i in unchecked})}
        for suspect, delta, fails in locate(instances):
            yield self._finding(pack, suspect, delta, fails)
        yield from BlankNotZero.findings(instances)
        yield from RelationNotCheckable.findings(instances)

    @staticmethod
    def _finding(pack: Pack, suspect, delta, fails):
        inst = min(fails, key=lambda i: (i.size(), pack.relations.index(i.relation)))
        table = inst.table
        diff = inst.lhs - inst.rhs
        args = {"where": _where(inst), "says": inst.relation.says, "actual": _side(inst, 1, inst.lhs),
                "expected": _side(inst, -1, inst.rhs), "difference": fmt(diff), "suspect": "", "cascade": ""}
        data = {"table": table.key, "relation": inst.relation.id, "binding": inst.binding,
                "expected": num(inst.rhs), "actual": num(inst.lhs), "difference": num(diff),
                "operands": [{"cell": c.path, "label": catalog.localise(cell_name(table, c.row, c.col), "zh"),
                              "value": num(c.value), "side": "actual" if k > 0 else "expected"}
                             for c, k in inst.operands]}
        pos = next((c.pos for c, k in inst.operands if k > 0), table.pos)
        if suspect is not None:
            _, r, c = suspect
            cell = table.cell(r, c)
            new = cell.value + delta
            name = cell_name(table, r, c)
            args["suspect"] = {"msg": "relations:suspect",
                               "args": {"cell": name, "should_be": fmt(new), "value": fmt(cell.value)}}
            data["suspect"] = {"cell": cell.path, "label": catalog.localise(name, "zh"), "value": num(cell.value),
                               "should_be": num(new)}
            pos = cell.pos
        others = [f for f in fails if f is not inst]
        if others:
            args["cascade"] = {"msg": "relations:cascade", "args": {
                "count": len(others), "names": joined("relations:also", [_instance_name(o) for o in others])}}
            data["also_breaks"] = [{"relation": o.relation.id, "binding": o.binding} for o in others]
        code = inst.relation.code
        return rule_for(pack, code).finding("fail", pos, severity=pack.relation_rules[code]["severity"],
                                            data=data, **args)
