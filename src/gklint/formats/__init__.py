"""Output formats. `text` and `json` live in gklint.output; the others here, one module each:

    html        html.py      one self-contained page for people (jinja2 template in gklint/templates)
    sarif       sarif.py     SARIF 2.1.0 for code scanning
    github      github.py    GitHub Actions workflow command annotations
    junit       junit.py     JUnit XML for CI test reports
    gitlab      gitlab.py    GitLab Code Quality JSON
    json-lines  jsonlines.py one JSON object per finding per line
"""

from __future__ import annotations

import importlib
import os

FORMATS = ("text", "json", "html", "sarif", "github", "junit", "gitlab", "json-lines")


def render(fmt: str, results, statistics: bool = False, summary: bool = True, lang: str = "zh",
           color: bool = False, source=None) -> str:
    """`results` in format `fmt`, with messages (and rule docs) in `lang` ("zh" or "en"); `color`
    and `source` (--show-source) are for the text format only."""
    from ..output import as_json, as_text

    if fmt == "text":
        return as_text(results, statistics, summary, lang, color, source)
    if fmt == "json":
        return as_json(results, lang, statistics)
    module = importlib.import_module(f".{fmt.replace('-', '')}", __name__)  # jinja2 is imported only for html
    return module.render(results, summary=summary, lang=lang)


def relpath(path: str) -> str:
    """A path as CI tools want it: relative to the working directory when inside it, with `/`."""
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute)
    except ValueError:  # another drive on Windows
        return absolute.replace(os.sep, "/")
    return (absolute if rel.split(os.sep)[0] == ".." else rel).replace(os.sep, "/")

