"""GK4xx: which template version the report's tables follow, against the one its year requires.

The markers of each version are pack data (`markers:`); the table reader records every marker it
meets, and reads the tables with the version they follow (engine `_choose_layout`). Which version
replaced which is pack data too (`supersedes:`).

Texts several rules of the family share are in the family catalog `version` (`__init__.yaml`)."""

from __future__ import annotations


from ... import catalog
from ...resources import yaml_of

catalog.register("version", yaml_of(__file__))

SHOWN = 3  # markers named in a message


def markers(found, report) -> dict:
    """The first few distinct markers with their places, as a message argument."""
    shown: list[tuple[str, int]] = []
    for label, pos in found:
        if (label, pos.line) not in shown:
            shown.append((label, pos.line))
    items = [{"msg": "version:marker", "args": {"label": label, "at": report.place(line)}} for label, line in shown[:SHOWN]]
    more = {"msg": "version:more"} if len(shown) > SHOWN else ""
    return {"msg": "version:markers", "args": {"items": items, "more": more}}


def subject(rule, year: int | None) -> dict:
    """“2024 年度报告” / “本年度报告” in the rule's own wording."""
    if year is None:
        return {"msg": f"{rule.catalog_name}:this-report"}
    return {"msg": f"{rule.catalog_name}:report", "args": {"year": year}}


def layout_finding(rule, report):
    """GK401/GK403: the tables follow another version than the report's year requires."""
    expected, layout = report.expected, report.layout
    found = report.markers.get(layout.template, [])
    pos = found[0][1] if found else report.title_pos
    return rule.finding("layout", pos, report=subject(rule, report.year), expected=expected.title,
                        layout=layout.title, markers=markers(found, report), version=layout.template,
                        data={"expected": expected.template, "detected": layout.template})
