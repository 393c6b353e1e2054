"""Real reports as reviewers meet them (../shared/corpus/wild/expect.yaml, read in place): every
`must` defect is reported at error or warning level, and no error or warning matches neither a
`must` nor a `may` item of its file — a false alarm costs more trust than a missed defect.

An item matches a finding when the finding's code starts with one of the item's `codes` and,
where the item has a `text`, the finding's message contains it (the file's own definition)."""

from __future__ import annotations

import pytest
import yaml

from conftest import SHARED, lint

EXPECT = SHARED / "corpus" / "wild" / "expect.yaml"
FILES = yaml.safe_load(EXPECT.read_text(encoding="utf-8"))["files"] if EXPECT.exists() else {}


def matches(finding, item) -> bool:
    return any(finding.code.startswith(c) for c in item["codes"]) and item.get("text", "") in finding.message


def test_there_are_wild_reports():
    assert len(FILES) >= 10


@pytest.mark.parametrize("name", sorted(FILES))
def test_wild_report(name):
    expected = FILES[name]
    must, may = expected.get("must") or [], expected.get("may") or []
    raised = [f for f in lint(SHARED / name).findings if f.severity in ("error", "warning")]
    false = [f"{f.severity} {f.code} {f.line}:{f.col} {f.message}" for f in raised
             if not any(matches(f, item) for item in must + may)]
    missed = [item for item in must if not any(matches(f, item) for f in raised)]
    assert not false, "false alarms:\n" + "\n".join(false)
    assert not missed, f"defects not reported: {missed}"
