"""Bounds on what settings may ask for, shared by the command line and the configuration file:
a value outside them is a usage or configuration error (exit 2), never an overflow or a hang."""

from __future__ import annotations

import math

MAX_SIZE_MB = 1024  # --max-size / max-size: reports are at most tens of MB
MAX_JOBS = 256  # --jobs / jobs: 0 = the number of CPU cores
SETTINGS_BYTES = 2 * 1024 * 1024  # a configuration or baseline file (packs: pack/source.py)
BASELINE_BYTES = 64 * 1024 * 1024  # a baseline of a large repository holds ~100 000 findings


def size_mb(value) -> bool:
    """A file size limit in MB: a finite number in (0, MAX_SIZE_MB]."""
    return (isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
            and 0 < value <= MAX_SIZE_MB)


def jobs(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_JOBS
