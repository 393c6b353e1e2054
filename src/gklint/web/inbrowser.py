"""gklint inside the web page: the page's worker runs this under Pyodide, in one process.

The worker writes the chosen files into a folder of Pyodide's in-memory file system (they never
leave the browser); a `Session` checks them one by one as `gklint check --html` does with no
configuration file — check_all with one job and no cache, keeping the model for the page, then the
cross-year pairs — and renders the same findings page in either language.
"""

from __future__ import annotations

import os
import shutil

from ..engine import Options
from ..formats import render
from ..pack import builtin_packs
from ..pairing import add_crossyear
from ..runner import check_all

_packs = builtin_packs()  # parsed once, at start-up, while the page shows its progress
MAX_BYTES = Options().max_bytes  # larger files are refused by the page before they are read


class Session:
    def __init__(self, folder: str):
        self.folder = folder
        self.options = Options()
        self.results: list = []
        os.makedirs(folder, exist_ok=True)

    def check(self, name: str, lang: str = "zh") -> None:
        """Check one file of the folder; its path in the findings is its name."""
        os.chdir(self.folder)
        self.results += check_all([name], self.options, _packs, jobs=1, cache=None, keep_model=True, lang=lang)

    def finish(self) -> dict:
        """GK8xx across the checked files; then the files themselves are no longer needed.
        Returns the counts of findings by severity, and of files."""
        os.chdir(self.folder)
        add_crossyear(self.results, lambda i: (self.options, _packs))
        os.chdir(os.path.dirname(self.folder))
        shutil.rmtree(self.folder, ignore_errors=True)
        counts = {"files": len(self.results), "error": 0, "warning": 0, "info": 0}
        for res in self.results:
            for f in res.findings:
                counts[f.severity] = counts.get(f.severity, 0) + 1
        return counts

    def page(self, lang: str = "zh") -> str:
        return render("html", self.results, lang=lang)
