"""GK0xx: problems with the input itself — the file, its encoding and size, table rows that cannot
be read, and gklint's own failures. Most of these rules have no `check`: the readers, the engine,
the parser and the table reader raise them where they meet the problem (`get(code).finding(…)`).

Texts several rules of the family share are in the family catalog `input` (`__init__.yaml`)."""

from __future__ import annotations


from ... import catalog
from ...resources import yaml_of

catalog.register("input", yaml_of(__file__))


def row_label(row) -> str | dict:
    """A table row's label for GK006/GK007 messages; the unlabelled data row has a stand-in."""
    return row.label or {"msg": "input:unlabelled"}
