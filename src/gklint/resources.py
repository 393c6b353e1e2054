"""Where the grammar and rule packs are: inside the installed package, or at the top of a checkout.

Paths here are strings (os.path): importing pathlib costs a one-file check about 4 ms."""

from __future__ import annotations

import os
from functools import lru_cache

_PKG = os.path.dirname(os.path.realpath(__file__))


@lru_cache(maxsize=None)
def resource_dir(name: str) -> str:
    """`grammar` or `rules`: shipped as gklint/<name> in the wheel; top-level in a source tree."""
    for candidate in (os.path.join(_PKG, name), os.path.join(os.path.dirname(os.path.dirname(_PKG)), name)):
        if os.path.isdir(candidate):
            return candidate
    raise FileNotFoundError(f"gklint installation is missing its {name}/ directory")


def beside(module_file: str, name: str) -> str:
    """The file `name` in the folder of `module_file` (a module's `__file__`)."""
    return os.path.join(os.path.dirname(module_file), name)


def path_text(path) -> str:
    """`str(pathlib.Path(path))`: empty and `.` parts dropped, one slash between parts (POSIX)."""
    text = os.fspath(path)
    if os.name != "posix" or not isinstance(text, str):
        from pathlib import Path

        return str(Path(text))
    root = "//" if text.startswith("//") and not text.startswith("///") else "/" if text.startswith("/") else ""
    return root + "/".join(part for part in text.split("/") if part and part != ".") or "."


def yaml_of(module_file: str) -> str:
    """The YAML file named as a module (balance.py → balance.yaml), beside it."""
    return os.path.splitext(module_file)[0] + ".yaml"


def suffix(path) -> str:
    """`pathlib.Path(path).suffix`: the last dot's part of the last name, if neither first nor last."""
    name = os.path.basename(path_text(path))
    i = name.rfind(".")
    return name[i:] if 0 < i < len(name) - 1 else ""


def read_text(path) -> str:
    """`pathlib.Path(path).read_text(encoding="utf-8")`."""
    with open(path, encoding="utf-8") as f:
        return f.read()
