"""Downloads for `gklint web build`: every file pinned in pins.yaml is fetched once with its
registry's own client (`npm pack`, `pip download`), checked against its pinned hash, and kept in a
cache outside the repository, so later builds need no network at all."""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..yamlload import load_yaml

PINS = Path(__file__).with_name("pins.yaml")
TIMEOUT = 900  # seconds for one download command: a stalled registry must not hang the build


class BuildError(Exception):
    """A build that cannot go on; `msg` and `args_` name the text in the web catalog."""

    def __init__(self, msg: str, **args):
        super().__init__(msg)
        self.msg, self.args_ = msg, args


@dataclass(frozen=True)
class Pin:
    name: str
    version: str
    file: str  # the file's name in the cache
    hash: str  # `sha512-<base64>` (npm's dist.integrity) or a sha256 in hex (PyPI)
    command: tuple[str, ...]  # fetches the file into the folder given as "{dest}"
    extra: dict  # the rest of the pin's entry (files to take, source folder)

    def digest(self, path: Path) -> str:
        """The file's hash in the form this pin gives."""
        algorithm, sep, _ = self.hash.partition("-")
        h = hashlib.new(algorithm if sep else "sha256")
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        return f"{algorithm}-{base64.b64encode(h.digest()).decode()}" if sep else h.hexdigest()


def load_pins(path: Path = PINS) -> tuple[Pin, list[Pin]]:
    """(the Pyodide tarball, gklint's Python dependencies) as pinned."""
    data = load_yaml(path.read_text(encoding="utf-8"))
    p = data["pyodide"]
    pyodide = Pin(p["package"], str(p["version"]), p["file"], p["integrity"],
                  ("npm", "pack", f"{p['package']}@{p['version']}", "--pack-destination", "{dest}", "--silent"),
                  {"files": tuple(p["files"])})
    python = []
    for d in data["python"]:
        kind = "wheel" if "wheel" in d else "sdist"
        only = ("--only-binary", ":all:") if kind == "wheel" else ("--no-binary", d["name"])
        python.append(Pin(d["name"], str(d["version"]), d[kind], d["sha256"],
                          (sys.executable, "-m", "pip", "download", "--no-deps", "--quiet", *only,
                           f"{d['name']}=={d['version']}", "--dest", "{dest}"),
                          {"kind": kind, "source": d.get("source")}))
    return pyodide, python


def cache_dir() -> Path:
    """GKLINT_WEB_CACHE, else gklint/web in the user's cache folder."""
    if os.environ.get("GKLINT_WEB_CACHE"):
        return Path(os.environ["GKLINT_WEB_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or (os.environ.get("LOCALAPPDATA") if os.name == "nt" else None)
    return (Path(base) if base else Path.home() / ".cache") / "gklint" / "web"


def fetch(pin: Pin, cache: Path, say=lambda msg, **args: None) -> Path:
    """The pinned file from the cache, downloaded first if it is not there (or not intact)."""
    target = cache / pin.file
    if target.is_file() and pin.digest(target) == pin.hash:
        return target
    cache.mkdir(parents=True, exist_ok=True)
    say("web:fetching", file=pin.file, cache=str(cache))
    tool = shutil.which(pin.command[0])
    if tool is None:
        raise BuildError("web:no-tool", file=pin.file, tool=pin.command[0])
    with tempfile.TemporaryDirectory(dir=cache, prefix=".fetch-") as dest:
        argv = [tool, *(a.replace("{dest}", dest) for a in pin.command[1:])]
        try:
            run = subprocess.run(argv, cwd=dest, capture_output=True, text=True, timeout=TIMEOUT,
                                 stdin=subprocess.DEVNULL)
            failed = run.returncode != 0 and (run.stderr.strip() or run.stdout.strip() or f"exit {run.returncode}")
        except (OSError, subprocess.TimeoutExpired) as e:
            failed = str(e)
        got = [p for p in Path(dest).iterdir() if p.is_file()]
        if failed or len(got) != 1:
            detail = failed or f"{len(got)} files"
            raise BuildError("web:fetch-failed", file=pin.file, command=" ".join(pin.command[:3]),
                             detail=str(detail).strip().splitlines()[-1][:300])
        actual = pin.digest(got[0])
        if actual != pin.hash:  # never kept: the next build downloads again
            raise BuildError("web:bad-hash", file=pin.file, expected=pin.hash, actual=actual)
        os.replace(got[0], target)
    return target
