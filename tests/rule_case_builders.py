"""Inputs for tests/rule_cases that cannot be written as text edits: each function returns the
document's bytes and the file name to check it under (`base: build:<function>`)."""

from __future__ import annotations

from pathlib import Path

from readers_fixtures import html_page, seed_blocks

BASE = Path(__file__).parent / "rule_cases" / "base"


def _clean_2021_page(pubdate: str) -> tuple[bytes, str]:
    """The clean 2021 base as a CMS web page whose metadata says when it was published."""
    blocks = seed_blocks((BASE / "clean-2021.txt").read_text(encoding="utf-8"))
    return html_page(blocks, pubdate=pubdate).encode("utf-8"), "report.html"


def page_published_in_time() -> tuple[bytes, str]:
    return _clean_2021_page("2024-01-20 09:00:00")


def page_published_late() -> tuple[bytes, str]:
    return _clean_2021_page("2024-02-10 09:00:00")
