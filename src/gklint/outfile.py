"""Writing outputs (-o, --html, --write-baseline): whole or not at all, and never over an input."""

from __future__ import annotations

import os
import tempfile


def write_atomic(path: str, data: bytes) -> None:
    """`data` as the content of `path`: written to a temporary file beside it, then renamed over
    it, so an interrupted or failed run leaves the old file (or none), never a partial one."""
    try:
        _replace(path, data)
    except OSError as e:
        raise OSError(e.errno, e.strerror, path) from None  # the error names the output, not the temporary


def _replace(path: str, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(path)), prefix=".gklint-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        if os.path.exists(path):  # keep the mode of the file replaced (mkstemp makes it 0600)
            os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def same_file(output: str, inputs) -> str | None:
    """The input that `output` is (after links and `..`), if any; an output not yet there is none."""
    if not os.path.exists(output):
        return None
    for p in inputs:
        try:
            if p and os.path.samefile(output, p):
                return p
        except OSError:
            continue
    return None
