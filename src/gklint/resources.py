"""Where the grammar and rule packs are: inside the installed package, or at the top of a checkout."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PKG = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def resource_dir(name: str) -> Path:
    """`grammar` or `rules`: shipped as gklint/<name> in the wheel; top-level in a source tree."""
    for candidate in (_PKG / name, _PKG.parent.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"gklint installation is missing its {name}/ directory")
