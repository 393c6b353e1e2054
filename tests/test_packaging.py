"""A normal (non-editable) install must carry the grammar and the rule packs inside the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from conftest import ROOT


def test_wheel_ships_grammar_and_rules(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = tmp_path.glob("gklint-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("gklint/grammar/report.lark", "gklint/grammar/expr.lark", "gklint/rules/common.yaml",
                     "gklint/rules/gov-2021.yaml", "gklint/rules/gov-2019.yaml", "gklint/cli.py",
                     "gklint/templates/report.html.j2", "gklint/formats/html.py"):
        assert required in names, sorted(names)
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "gklint = gklint.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("METADATA"))).decode()
    assert "Requires-Dist: jinja2" in metadata  # the HTML report renders with it
