"""GK2xx: the tables of sections 二, 三 and 四 — present, labelled as in the template, complete,
and holding the right kind of values. Each table is checked against the definition it was read
with; a table of another template version is left to the GK4xx rules.

Texts several rules of the family share are in the family catalog `tables` (`__init__.yaml`)."""

from __future__ import annotations


from ... import catalog
from ...resources import yaml_of

catalog.register("tables", yaml_of(__file__))


def own_tables(report):
    """The tables read with the layout's own definitions, in document order."""
    layout = report.layout
    if layout is None:
        return []
    own = [t for t in report.tables.values() if layout.tables.get(t.key) is t.definition]
    return sorted(own, key=lambda t: (t.pos.line, t.pos.col))


def expected_tables(report):
    """(section definition, section, the tables the layout puts there) for each section of the report
    that should hold tables; a missing section is GK101's."""
    layout = report.layout
    if layout is None:
        return
    for sdef in layout.sections:
        expected = [t for t in layout.tables.values() if t.section == sdef.key]
        section = report.section(sdef.key)
        if expected and section is not None:
            yield sdef, section, expected


def no_table_text(report, sdef, expected) -> bool:
    """None of the section's tables was read, and no table text is under its heading (GK202's case)."""
    return not any(t.key in report.tables for t in expected) and \
        sdef.key not in {sk for sk, _ in report.table_blocks}


def row_name(label: str | None) -> dict:
    """A row as messages name it: “label”行, or 数据行 for the unlabelled data row (表四)."""
    return {"msg": "tables:row", "args": {"label": label}} if label else {"msg": "tables:data-row"}


def row_item(label: str | None) -> dict:
    """A row in a list of rows: its quoted label, or 数据行."""
    return {"msg": "tables:label", "args": {"label": label}} if label else {"msg": "tables:data-row"}
