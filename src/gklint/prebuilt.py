"""gklint's own YAML (rule packs, catalogs) and grammar tables, prepared at development time.

Parsing the packaged YAML costs about 25 ms at every start, and importing the YAML library about as
much again; the same data as JSON loads in 2 ms. src/gklint/prebuilt/yaml.json holds, for every YAML
file shipped in the package, its data and the SHA-256 of its text; a file whose text has another
hash (edited since) is parsed from its YAML, as it would be without the store. Only files inside
the installed package are looked up — a pack or configuration of a checked-out tree never is.

`python -m gklint.prebuilt` writes the store and the grammar tables (grammars.py) again; a test
says when they are out of date.
"""

from __future__ import annotations

import hashlib
import json
import sys
from functools import lru_cache
from pathlib import Path

from .resources import resource_dir

_PKG = Path(__file__).resolve().parent
STORE = _PKG / "prebuilt" / "yaml.json"


def packaged_yaml(path: Path, text: str):
    """The data of a YAML file from the store when `path` is one of the package's own files with
    this text, else None (the caller parses the YAML)."""
    name = _name(path)
    if name is None:
        return None
    entry = _store().get(name)
    if not isinstance(entry, dict) or entry.get("sha256") != _digest(text):
        return None
    return json.loads(entry["json"])  # a fresh object each time: callers may change what they get


def _roots() -> dict[str, Path]:
    return {"src": _PKG, "rules": resource_dir("rules")}


def _name(path: Path) -> str | None:
    try:
        resolved = Path(path).resolve()
    except (OSError, RuntimeError, ValueError):
        return None
    for label, root in _roots().items():
        if resolved.is_relative_to(root):
            return f"{label}/{resolved.relative_to(root).as_posix()}"
    return None


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@lru_cache(maxsize=1)
def _store() -> dict:
    try:
        data = json.loads(STORE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def yaml_files() -> list[Path]:
    """Every YAML file of the package: the rule packs and the catalogs."""
    files = []
    for root in _roots().values():
        files += sorted(p for p in root.rglob("*.yaml") if "prebuilt" not in p.parts)
    return files


def build_store() -> dict:
    from .yamlload import load_yaml

    store = {}
    for path in yaml_files():
        text = path.read_text(encoding="utf-8")
        data = load_yaml(text)
        encoded = json.dumps(data, ensure_ascii=False)  # key order kept: lists are read in it
        if json.loads(encoded) != data:  # dates or non-string keys: JSON would change them
            continue
        store[_name(path)] = {"sha256": _digest(text), "json": encoded}
    return store


def write() -> list[Path]:
    from .grammars import write_tables

    STORE.parent.mkdir(exist_ok=True)
    STORE.write_text(json.dumps(build_store(), ensure_ascii=False, sort_keys=True, indent=0) + "\n",
                     encoding="utf-8")
    return [STORE, *write_tables()]


if __name__ == "__main__":
    for p in write():
        print(p)
    sys.exit(0)
