"""JUnit XML: one test suite per report, one failing test case per finding, one passing case for a
clean report — so CI test views list every report checked."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ..catalog import text
from ..ruledoc import severity_name

# Characters XML 1.0 cannot carry (form feeds and other controls left by Word).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _clean(text: str) -> str:
    return _NOT_XML.sub("", text)


def render(results, summary: bool = True, lang: str = "zh") -> str:
    root = ET.Element("testsuites", name="gklint")
    tests = failures = 0
    for r in results:
        path = _clean(r.path)
        n = len(r.findings)
        suite = ET.SubElement(root, "testsuite", name=path, tests=str(max(n, 1)), failures=str(n), errors="0", skipped="0")
        for f in r.findings:
            message = f.text(lang)
            name = text("core:junit-case", lang, code=f.code, line=f.line, col=f.col)
            label = text("core:junit-severity", lang, severity=severity_name(f.severity, lang))
            case = ET.SubElement(suite, "testcase", classname=path, name=name)
            failure = ET.SubElement(case, "failure", message=_clean(message), type=f.severity)
            failure.text = _clean(f"{f.path}:{f.line}:{f.col}: {f.code}{label}{message}")
        if not n:
            ET.SubElement(suite, "testcase", classname=path, name="gklint")
        tests += max(n, 1)
        failures += n
    root.set("tests", str(tests))
    root.set("failures", str(failures))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
