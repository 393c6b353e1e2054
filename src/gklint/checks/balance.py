"""GK3xx: the 勾稽关系 (arithmetic relations) of the tables, as written in the rule pack.

Each relation is expanded per row or column into a linear form and compared exactly (integers,
or decimals for amounts). Blank, "not applicable" and unreadable operands make a relation *not
checkable* (GK309), never failed. A wrong cell usually breaks several relations at once; the
cell that explains them all is named, and the fault is reported once, at the most specific
relation (the one with the fewest operands).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ..expr import Sel
from ..i18n import q, relation_en, table_en
from ..model import NUMBER, Report, Table
from ..pack import Pack, Relation, TableDef
from .legacy import family, rule

A1 = rule("GK301", "column-balance", "error", "表三某列：第一项加第二项之和不等于第三项加第四项之和",
          "表三表头注明“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”，即每一列"
          "“本年新收”+“上年结转”=“（七）总计”+“结转下年度继续办理”（国办公开办函〔2021〕30号格式；2019 年试行格式相同）。",
          "逐列核对四个数字：新收与上年结转之和必须等于办结总数与结转下年度之和。按消息中给出的应有值改正出错的单元格。",
          "一、本年新收 5 + 二、上年结转 1 = 6，但（七）总计 4 + 四、结转下年度 1 = 5",
          summary_en="Table 3, a column: item one plus item two does not equal item three plus item four",
          why_en="Table 3's header says “本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和” (in each column, items one plus two equal "
                 "items three plus four): “本年新收” + “上年结转” = “（七）总计” + “结转下年度继续办理” (“国办公开办函〔2021〕30号” format; the 2019"
                 " trial format is the same).",
          fix_en="Check the four numbers of each column: new plus carried-in requests must equal completed plus "
                 "carried-over ones. Correct the wrong cell to the value given in the message.",
          example_en="“一、本年新收” 5 + “二、上年结转” 1 = 6, but “（七）总计” 4 + “四、结转下年度” 1 = 5")
A2 = rule("GK302", "row-total", "error", "表三某行：总计不等于自然人与五类法人或其他组织之和",
          "表三“总计”列是申请人情况各列之和（template-spec A2）。",
          "把该行六个申请人列相加，填入“总计”；或改正填错的申请人列。",
          "（一）予以公开：自然人 2，其余 0，总计却填 0",
          summary_en="Table 3, a row: the total does not equal natural persons plus the five kinds of legal persons "
                     "or other organisations",
          why_en="Table 3's “总计” column is the sum of the applicant columns (template-spec A2).",
          fix_en="Add up the row's six applicant columns and put the sum in “总计”; or correct the wrong applicant "
                 "column.",
          example_en="“（一）予以公开”: natural persons 2, all others 0, but the total is 0")
A3 = rule("GK303", "outcome-total", "error", "表三某列：（七）总计不等于各项办理结果之和",
          "“三、本年度办理结果”中每件申请只计入一种结果（见“（二）部分公开”的注），故（七）总计等于各结果行之和（template-spec A3）。",
          "核对该列每个办理结果行，（七）总计应等于它们之和；若某申请被计入两种结果，只保留一种。",
          summary_en="Table 3, a column: “（七）总计” does not equal the sum of the outcomes",
          why_en="In “三、本年度办理结果” each request is counted under one outcome only (see the note to “（二）部分公开”), so "
                 "“（七）总计” equals the sum of the outcome rows (template-spec A3).",
          fix_en="Check each outcome row of the column; “（七）总计” should be their sum. If a request was counted under "
                 "two outcomes, keep one.")
A4 = rule("GK304", "review-litigation-total", "error", "表四：行政复议或行政诉讼的总计不等于其四项结果之和",
          "表四三组（行政复议、未经复议直接起诉、复议后起诉）的“总计”分别等于结果维持、结果纠正、其他结果、尚未审结之和（template-spec A4–A6）。",
          "重新相加该组四项结果，改正总计或填错的结果数。",
          summary_en="Table 4: the total of administrative reconsideration or litigation does not equal the sum of "
                     "its four outcomes",
          why_en="In each of Table 4's three groups (reconsideration, suits without reconsideration, suits after "
                 "reconsideration) the “总计” equals upheld + corrected + other outcome + pending (template-spec "
                 "A4–A6).",
          fix_en="Add up the group's four outcomes again and correct the total or the wrong outcome.")
BLANK_TOTAL = rule("GK310", "blank-but-not-zero", "warning", "空白单元格按勾稽关系应为非零数字",
                   "空白不等于 0；当一项勾稽关系中只有一个单元格空白、其余数字都已填写，而这些数字要求它不为 0 时，"
                   "空白就是漏填：表格不完整，读者无法知道实际数字。",
                   "在空白单元格中填入消息给出的数字（先核对其余数字无误）。",
                   "“四、结转下年度继续办理”行“总计”列空白，但自然人 1 + 其余 0 = 1",
                   summary_en="A blank cell should hold a number other than 0 by the table's relations",
                   why_en="Blank is not 0: when only one cell of a relation is blank, the others are filled in, and they "
                          "require it not to be 0, the blank is an omission: the table is incomplete and readers cannot "
                          "know the actual figure.",
                   fix_en="Fill in the number given in the message (after checking the other numbers).",
                   example_en="“四、结转下年度继续办理”, column “总计”, is blank, but natural persons 1 + the others 0 = 1")
NOT_CHECKABLE = rule("GK309", "relation-not-checkable", "info", "勾稽关系因空白、不适用或无法读取的单元格而无法核对",
                     "空白不等于 0：空白单元格可能是漏填，不能据此判断数字是否平衡。",
                     "在空白单元格中填写数字（没有发生的填 0），gklint 即可核对。",
                     summary_en="An arithmetic relation cannot be checked because of blank, not applicable or "
                                "unreadable cells",
                     why_en="Blank is not 0: a blank cell may be an omission, so whether the numbers balance cannot "
                            "be told.",
                     fix_en="Fill in the blank cells (0 for what did not happen) and gklint can check them.")


@dataclass
class Instance:
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


def _keys(sel: Sel, binding: dict, order: list[str], rows_present: dict[str, tuple]) -> list[str]:
    if sel.kind == "key":
        return [sel.a]
    if sel.kind == "var":
        return [binding[sel.a]]
    if sel.kind == "range":
        i, j = order.index(sel.a), order.index(sel.b)
        return order[i:j + 1]
    return [r for r, sets in rows_present.items() if sel.a in sets]


def expand(relation: Relation, definition: TableDef, rows_present: dict[str, tuple]):
    """Yield (binding, {(row, col): coef}, const) for every instance of a relation."""
    cols = [c.key for c in definition.columns]
    row_order = list(definition.rows) + [r for r in rows_present if r not in definition.rows]
    values = row_order if relation.each == "row" else cols if relation.each == "col" else [None]
    for v in values:
        if relation.each == "row" and v not in rows_present:
            continue
        binding = {"row": v, "col": v}
        terms: dict[tuple[str, str], int] = {}
        const = 0
        for t in relation.equation.terms:
            if t.ref is None:
                const += t.const
                continue
            for r in _keys(t.ref.row, binding, row_order, rows_present):
                for c in _keys(t.ref.col, binding, cols, rows_present):
                    terms[(r, c)] = terms.get((r, c), 0) + t.coef
        yield v, {k: c for k, c in terms.items() if c}, const


def row_constraints(pack: Pack, table_key: str, row_key: str):
    """Relations that involve one row only, as predicates over its values in column order.

    Only relations whose every term addresses the row itself ($row, or its key) qualify; a
    relation over a row set or range spans other rows even when only this one is known."""
    definition = pack.tables[table_key]
    cols = [c.key for c in definition.columns]
    out = []
    for rel in pack.relations:
        if rel.table != table_key:
            continue
        if not all(t.ref is None or (t.ref.row.kind == "var" and rel.each == "row")
                   or (t.ref.row.kind == "key" and t.ref.row.a == row_key) for t in rel.equation.terms):
            continue
        for _, terms, const in expand(rel, definition, {row_key: definition.row_defs[row_key].sets}):
            if terms and all(r == row_key for r, _ in terms):
                idx = [(cols.index(c), coef) for (_, c), coef in terms.items()]
                out.append(lambda nums, idx=idx, const=const: sum(nums[i] * k for i, k in idx) + const == 0)
    return out


def evaluate(report: Report, pack: Pack) -> list[Instance]:
    out = []
    for rel in pack.relations:
        table = report.tables.get(rel.table)
        if table is None or table.version != pack.template:
            continue  # a table of another version (e.g. 2019's 第二十条第（九）项) has no relations here
        present = {k: r.sets for k, r in table.rows.items()}
        for binding, terms, const in expand(rel, table.definition, present):
            inst = Instance(rel, table, binding, terms, const)
            _compute(inst)
            out.append(inst)
    return out


def _compute(inst: Instance) -> None:
    table = inst.table
    total = Decimal(inst.const)
    left = right = Decimal(0)
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
            inst.status = "unreadable"
            return
        if row.split == "by-total" and all(rr == r for rr, _ in inst.terms) or row.split == "by-relations":
            inst.status = "split"
            return
        inst.operands.append((cell, coef))
        total += coef * cell.value
        if coef > 0:
            left += coef * cell.value
        else:
            right -= coef * cell.value
    inst.diff, inst.lhs, inst.rhs = total, left, right
    inst.status = "fail" if total != 0 else "ok"


def locate(instances: list[Instance]):
    """Group failed relations by the one cell whose correction would balance them all.

    Returns [(cell_key, new_value, [instances])]; a failure no single cell explains comes alone
    with cell_key None."""
    failed = [i for i in instances if i.status == "fail"]
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


def _row_label(table: Table, row_key: str) -> str | None:
    row = table.rows.get(row_key)
    rd = table.definition.row_defs.get(row_key)
    return rd.label if rd and rd.label else row.label if row and row.label else None


def _col_label(table: Table, col_key: str) -> str:
    """A column's label, prefixed by its merged header only where the label repeats (表四 总计)."""
    col = table.definition.column(col_key)
    if col is None:
        return col_key
    repeated = sum(1 for c in table.definition.columns if c.label == col.label) > 1
    return f"{col.group}·{col.label}" if repeated and col.group else col.label


def _cell_name(table: Table, row_key: str, col_key: str) -> str:
    row_label = _row_label(table, row_key)
    col_label = _col_label(table, col_key)
    return f"“{row_label}”行“{col_label}”列" if row_label else f"“{col_label}”"


def _cell_name_en(table: Table, row_key: str, col_key: str) -> str:
    row_label = _row_label(table, row_key)
    col_label = _col_label(table, col_key)
    return f"row {q(row_label)}, column {q(col_label)}" if row_label else q(col_label)


def _fmt(v: Decimal) -> str:
    return format(v.normalize(), "f") if v == v.to_integral_value() else format(v, "f")


def _side(table: Table, inst: Instance, operands, en: bool = False) -> str:
    """Operands named relative to the relation: columns of a row relation, rows of a column one
    (`en`: the labels quoted, as in English messages)."""
    parts = []
    for cell, _ in operands:
        if inst.relation.each == "row":
            name = _col_label(table, cell.col)
        elif inst.relation.each == "col":
            name = _row_label(table, cell.row) or cell.row
        else:
            name = _cell_name(table, cell.row, cell.col).strip("“”")
        parts.append(f"{q(name) if en else name} {_fmt(cell.value)}")
    return " + ".join(parts)


def check(report: Report):
    pack = report.layout
    if pack is None:
        return
    instances = evaluate(report, pack)
    rules = {"GK301": A1, "GK302": A2, "GK303": A3, "GK304": A4}
    for suspect, delta, fails in locate(instances):
        inst = min(fails, key=lambda i: (i.size(), pack.relations.index(i.relation)))
        table = inst.table
        actual = [(c, k) for c, k in inst.operands if k > 0]
        expected = [(c, k) for c, k in inst.operands if k < 0]
        where = table.definition.name
        if inst.relation.each == "row":
            where += f"“{_row_label(table, inst.binding)}”行"
        elif inst.relation.each == "col":
            where += f"“{_col_label(table, inst.binding)}”列"
        where_en = table_en(table.definition)
        if inst.relation.each == "row":
            where_en += f", row {q(_row_label(table, inst.binding))}"
        elif inst.relation.each == "col":
            where_en += f", column {q(_col_label(table, inst.binding))}"
        diff = inst.lhs - inst.rhs
        en = (f"{where_en}: {relation_en(inst.relation)}, but {_side(table, inst, actual, True)}"
              + (f" = {_fmt(inst.lhs)}" if len(actual) > 1 else "")
              + f" ≠ {_side(table, inst, expected, True)}" + (f" = {_fmt(inst.rhs)}" if len(expected) > 1 else "")
              + f" (difference {_fmt(diff)})")
        msg = (f"{where}：{inst.relation.about}，但 {_side(table, inst, actual)}"
               + (f" = {_fmt(inst.lhs)}" if len(actual) > 1 else "")
               + f" ≠ {_side(table, inst, expected)}" + (f" = {_fmt(inst.rhs)}" if len(expected) > 1 else "")
               + f"（相差 {_fmt(diff)}）")
        data = {"table": table.key, "relation": inst.relation.id, "binding": inst.binding,
                "expected": _num(inst.rhs), "actual": _num(inst.lhs), "difference": _num(diff),
                "operands": [{"cell": c.path, "label": _cell_name(table, c.row, c.col), "value": _num(c.value),
                              "side": "actual" if k > 0 else "expected"} for c, k in inst.operands]}
        pos = actual[0][0].pos if actual else table.pos
        if suspect is not None:
            _, r, c = suspect
            cell = table.cell(r, c)
            new = cell.value + delta
            msg += f"；若其余数字无误，{_cell_name(table, r, c)}应为 {_fmt(new)}（现为 {_fmt(cell.value)}）"
            en += (f"; if the other numbers are right, {_cell_name_en(table, r, c)} should be {_fmt(new)} "
                   f"(now {_fmt(cell.value)})")
            data["suspect"] = {"cell": cell.path, "label": _cell_name(table, r, c), "value": _num(cell.value),
                               "should_be": _num(new)}
            pos = cell.pos
        others = [f for f in fails if f is not inst]
        if others:
            msg += f"；这一处错误同时使另外 {len(others)} 项核对不平衡（" + "、".join(
                _instance_name(o) for o in others) + "），不再重复报告"
            en += (f"; this error also unbalances {len(others)} other check{'s' if len(others) > 1 else ''} ("
                   + "; ".join(_instance_name_en(o) for o in others) + "), not reported again")
            data["also_breaks"] = [{"relation": o.relation.id, "binding": o.binding} for o in others]
        yield rules[inst.relation.code].finding(msg, pos, en=en, **data)
    yield from _blank_totals(instances)
    yield from _not_checkable(instances)


def _instance_name(inst: Instance) -> str:
    """A relation instance in words, for the people who fill the table (not A1/A3)."""
    table = inst.table
    if inst.relation.each == "row":
        return f"“{_row_label(table, inst.binding)}”行：{inst.relation.about}"
    if inst.relation.each == "col":
        return f"“{_col_label(table, inst.binding)}”列：{inst.relation.about}"
    return inst.relation.about


def _instance_name_en(inst: Instance) -> str:
    table = inst.table
    if inst.relation.each == "row":
        return f"row {q(_row_label(table, inst.binding))}: {relation_en(inst.relation)}"
    if inst.relation.each == "col":
        return f"column {q(_col_label(table, inst.binding))}: {relation_en(inst.relation)}"
    return relation_en(inst.relation)


def _num(v: Decimal):
    return int(v) if v == v.to_integral_value() else float(v)


def _blank_totals(instances: list[Instance]):
    """GK310: a blank cell that its relation, all other cells filled in, says is not 0."""
    from ..model import BLANK

    needs: dict[tuple, tuple] = {}
    for inst in instances:
        if inst.status != "blank":
            continue
        blank, total = None, Decimal(inst.const)
        for (r, c), coef in inst.terms.items():
            cell = inst.table.cell(r, c)
            if cell is not None and cell.kind == BLANK and blank is None:
                blank = (cell, coef)
            elif cell is not None and cell.kind == NUMBER and cell.certain:
                total += coef * cell.value
            else:
                blank = False
                break
        if not blank:
            continue
        cell, coef = blank
        value = -total / coef
        if value != 0:
            key_ = (inst.table.key, cell.row, cell.col)
            if key_ not in needs or inst.size() < needs[key_][1].size():
                needs[key_] = (value, inst)
    for (tkey, r, c), (value, inst) in needs.items():
        table = inst.table
        cell = table.cell(r, c)
        yield BLANK_TOTAL.finding(
            f"{table.definition.name}{_cell_name(table, r, c)}空白，但按勾稽关系（{inst.relation.about}）应为 {_fmt(value)}；"
            "空白不等于 0，请填写", cell.pos,
            en=f"{table_en(table.definition)}, {_cell_name_en(table, r, c)}, is blank, but by the relation "
               f"({relation_en(inst.relation)}) it should be {_fmt(value)}; blank is not 0, please fill it in",
            cell=cell.path, table=tkey, relation=inst.relation.id, binding=inst.binding, should_be=_num(value))


def _not_checkable(instances: list[Instance]):
    """One GK309 per table for relations with blank or n/a operands.

    Relations that fail to be checkable because a row could not be read (GK006, GK207) or was
    split by its own total (GK007) are not repeated here: those findings already say so."""
    by_table: dict[str, list[Instance]] = {}
    for i in instances:
        if i.status == "blank":
            by_table.setdefault(i.table.key, []).append(i)
    for tkey, insts in by_table.items():
        table = insts[0].table
        cells = []
        for i in insts:
            if i.blank_cell not in cells:
                cells.append(i.blank_cell)
        relations = sorted({i.relation.id for i in insts})
        yield NOT_CHECKABLE.finding(
            f"{table.definition.name}：{len(insts)} 项勾稽关系（{'、'.join(relations)}）因空白或“不适用”的单元格无法核对，"
            f"如{_cell_name(table, cells[0].row, cells[0].col)}；这不表示数字平衡", cells[0].pos,
            en=f"{table_en(table.definition)}: {len(insts)} arithmetic relation{'s' if len(insts) > 1 else ''} "
               f"({', '.join(relations)}) cannot be checked because of blank or “不适用” (not applicable) cells, such "
               f"as {_cell_name_en(table, cells[0].row, cells[0].col)}; this does not mean the numbers balance",
            table=tkey, relations=relations, count=len(insts), cells=[c.path for c in cells])

family(check)
