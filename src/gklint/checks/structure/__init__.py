"""GK1xx: the six sections of the report, their headings, and the report title."""

from __future__ import annotations

from ...vocab import cn_number


def canonical(section_def) -> str:
    """A section's heading as the template writes it: `二、主动公开政府信息情况`."""
    return cn_number(section_def.number) + "、" + section_def.title


def written(heading) -> str:
    """A heading as the report writes it, with its ordinal."""
    return f"{heading.ordinal}、{heading.title}" if heading.ordinal else heading.title


def first_sections(report):
    """Each section at its first occurrence (repeats are GK103's)."""
    seen = set()
    for s in report.sections:
        if s.key not in seen:
            seen.add(s.key)
            yield s
