"""`gklint check -`: the report read from standard input, with the size bound of a file.

The bytes are put in a private temporary directory under the name of --stdin-filename (its
suffix chooses the reader, as a file's does), checked like a file, and the findings are then
given that name, which also chose the configuration and its per-file-ignores."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from contextlib import contextmanager

from . import UsageError

DEFAULT_NAME = "-"


def stdin_name(args, files: list[str]) -> str:
    """The name the report from standard input goes by; UsageError for `-` twice, or a name without `-`."""
    given = getattr(args, "stdin_filename", None)
    if files.count("-") > 1:
        raise UsageError("run:stdin-twice")
    if given is not None and "-" not in files:
        raise UsageError("run:stdin-name-alone")
    return given or DEFAULT_NAME


@contextmanager
def materialised(plan, files: list[str], name: str):
    """While in the block, the plan's entry for `-` is a temporary file holding what standard
    input gave (at most the size limit + 1 bytes, so a larger input is reported as too large)."""
    if "-" not in files:
        yield
        return
    i = files.index("-")
    options = next(o for o, _, idx in plan.groups.values() if i in idx)
    data = sys.stdin.buffer.read(options.max_bytes + 1)
    tmpdir = tempfile.mkdtemp(prefix="gklint-stdin-")
    try:
        path = os.path.join(tmpdir, os.path.basename(name.replace("\\", "/")) or "stdin")
        with open(path, "wb") as fh:
            fh.write(data)
        plan.files[i] = path
        yield
    finally:
        plan.files[i] = name
        shutil.rmtree(tmpdir, ignore_errors=True)


def rename(results: list, files: list[str], name: str) -> None:
    """The result of standard input under its name (findings, report), once checked."""
    import dataclasses

    if "-" not in files:
        return
    r = results[files.index("-")]
    r.path = name
    r.findings = [dataclasses.replace(f, path=name) for f in r.findings]
    if r.report is not None:
        r.report.path = name
