"""Rule packs: the shipped ones load and agree with the template spec; broken ones fail clearly."""

from __future__ import annotations

import pytest

from conftest import copy_packs, edit_text
from gklint.expr import ExprError, parse_equation
from gklint.pack import PackError, load_pack, pack_for_year


def test_builtin_packs_shape(packs):
    p21, p19 = packs["2021"], packs["2019"]
    assert [s.title for s in p21.sections][4] == "存在的主要问题及改进情况"
    assert len(p21.tables["t3"].rows) == 25 and len(p19.tables["t3"].rows) == 23
    # 10 data cells in 二 for 2021, 22 for 2019 (template-spec §2.4, §3.4).
    def cells(p):
        return sum(len(t.rows) * len(t.columns) for k, t in p.tables.items() if k.startswith("t2"))
    assert (cells(p21), cells(p19)) == (10, 22)
    assert len(p21.tables["t4"].columns) == 15
    assert {r.id for r in p21.relations} == {"A1", "A2", "A3", "A4", "A5", "A6"}


def test_shared_parts_come_from_common(packs):
    # Both versions take section titles and table 四 from common.yaml, not from copies.
    assert packs["2019"].tables["t4"].columns == packs["2021"].tables["t4"].columns
    assert packs["2019"].sections == packs["2021"].sections


@pytest.mark.parametrize("year,template", [(2019, "2019"), (2020, "2019"), (2021, "2021"), (2030, "2021"), (None, "2021")])
def test_pack_by_year(packs, year, template):
    assert pack_for_year(year, packs).template == template


def test_copied_pack_loads(tmp_path):
    pack = load_pack(copy_packs(tmp_path) / "gov-2021.yaml")
    assert pack.template == "2021" and len(pack.tables) == 6


@pytest.mark.parametrize("file,old,new,where,message", [
    ("gov-2021.yaml", "template: \"2021\"\n", "", "template", "缺少必填项"),
    ("gov-2021.yaml", "rows: [licensing]", "rows: [licencing]", "tables.t2_5.rows.0", "未在 row_defs 中定义"),
    ("common.yaml", "assert: t4[ALL][F05] = sum(t4[ALL][F01..F04])", "assert: t4[ALL][F05] = sum(t4[ALL][F01..F99])",
     "relations.3.assert", "未知的列 'F99'"),
    ("common.yaml", "assert: t3[$row][C7] = sum(t3[$row][C1..C6])", "assert: t3[$row][C7] == C1",
     "relations.1.assert", "无法解析关系式"),
    ("common.yaml", "    code: GK302", "    code: GK999", "relations.1.code", "GK3xx"),
    ("gov-2021.yaml", "kind: amount, units: [万元]", "kind: money", "tables.t2_8.columns.0.kind", "kind 应为"),
])
def test_broken_pack_names_file_line_and_key(tmp_path, file, old, new, where, message):
    main = copy_packs(tmp_path) / "gov-2021.yaml"
    edit_text(tmp_path / file, old, new)
    with pytest.raises(PackError) as err:
        load_pack(main)
    text = str(err.value)
    assert text.startswith(str(tmp_path / file) + ":"), text
    assert where in text and message in text
    line = int(text.split(":")[1])
    assert line > 1 and (tmp_path / file).read_text(encoding="utf-8").splitlines()[line - 1].strip(), text


def test_yaml_syntax_error_has_line(tmp_path):
    main = copy_packs(tmp_path) / "gov-2021.yaml"
    edit_text(main, "years: {min: 2021}", "years: {min: 2021")
    with pytest.raises(PackError) as err:
        load_pack(main)
    assert "YAML 语法错误" in str(err.value) and err.value.line > 1


def test_extends_cycle(tmp_path):
    (tmp_path / "a.yaml").write_text("extends: b.yaml\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\n", encoding="utf-8")
    with pytest.raises(PackError, match="循环"):
        load_pack(tmp_path / "a.yaml")


def test_yaml_is_loaded_safely(tmp_path):
    main = copy_packs(tmp_path) / "gov-2021.yaml"
    edit_text(main, "name: ", "name: !!python/object/apply:os.system ['echo pwned'] #")
    with pytest.raises(PackError):
        load_pack(main)


@pytest.mark.parametrize("source", [
    "t3[R01][C1] = __import__('os')", "t3[R01][C1..C3] = 0", "sum(t3[R01][C1]) =", "t3[R01][C1] = 1 + open(x)",
])
def test_expressions_are_parsed_not_evaluated(source):
    with pytest.raises(ExprError):
        parse_equation(source)


def test_expression_terms():
    eq = parse_equation("t3[R24][$col] + t3[R25][$col] = t3[R01][$col] + t3[R02][$col] - 3")
    assert [t.coef for t in eq.terms] == [1, 1, -1, -1, 1] and eq.variables() == {"col"}
