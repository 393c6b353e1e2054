"""`gklint web build DIR`: the static web app. Layout of DIR:

    index.html app.js app.css worker.js   the page (static/), index.html with its labels filled in
    pyodide-<version>/                    the Pyodide core, from the pinned npm tarball
    wheels/                               gklint (built from the installed tree) and its dependencies
    manifest.json                         what the worker loads, with sha256 of each wheel

Everything comes from the cache of pinned downloads (fetch.py), so a rebuild is offline, and the
same tree gives the same bytes: a folder can be rebuilt and compared.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tarfile
import tempfile
import time
from pathlib import Path

from .. import __version__, catalog
from ..resources import resource_dir
from .fetch import BuildError, Pin, cache_dir, fetch, load_pins
from .wheel import from_sdist, from_tree, write_wheel

STATIC = Path(__file__).with_name("static")
PAGE_FILES = ("app.js", "app.css", "worker.js")
GENERATOR = "gklint web build"  # marks a folder as one this command may replace


def build(out: Path, say=lambda msg, **args: None) -> dict:
    """Build the web app into `out` (created, or replaced if an earlier build); returns its size."""
    started = time.monotonic()
    out = Path(out).absolute()
    _check_target(out)
    pyodide, python = load_pins()
    cache = cache_dir()
    say("web:build-start", dir=str(out))
    tarball = fetch(pyodide, cache, say)
    downloads = [(pin, fetch(pin, cache, say)) for pin in python]
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        os.chmod(tmp, 0o755)  # mkdtemp's 0700 would hide the folder from a web server's user
        _assemble(tmp, pyodide, tarball, downloads)
        _replace(out, tmp)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    files = [p for p in out.rglob("*") if p.is_file()]
    return {"dir": str(out), "files": len(files), "bytes": sum(p.stat().st_size for p in files),
            "seconds": time.monotonic() - started}


def _check_target(out: Path) -> None:
    """Only an empty folder or an earlier build is ever written over."""
    if not out.exists():
        return
    if out.is_dir() and not any(out.iterdir()):
        return
    try:
        ours = json.loads((out / "manifest.json").read_text(encoding="utf-8")).get("generator") == GENERATOR
    except (OSError, ValueError, AttributeError):
        ours = False
    if not ours:
        raise BuildError("web:not-ours", dir=str(out))


def _replace(out: Path, new: Path) -> None:
    """`new` becomes `out`; a server reading `out` meanwhile sees the old build or the new one."""
    old = None
    if out.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
        os.replace(out, old / "site")
    os.replace(new, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _assemble(site: Path, pyodide: Pin, tarball: Path, downloads: list[tuple[Pin, Path]]) -> None:
    core = f"pyodide-{pyodide.version}/"
    (site / core).mkdir()
    with tarfile.open(tarball, "r:gz") as tar:
        for name in pyodide.extra["files"]:
            try:
                member = tar.extractfile(f"package/{name}")
            except KeyError:
                member = None
            if member is None:
                raise BuildError("web:bad-tarball", file=pyodide.file, missing=name)
            (site / core / name).write_bytes(member.read())
    wheels = site / "wheels"
    wheels.mkdir()
    built = [_python_wheel(pin, path, wheels) for pin, path in downloads] + [_gklint_wheel(wheels)]
    manifest = {"generator": GENERATOR, "gklint": __version__, "pyodide": core,
                "wheels": [{"file": w.name, "sha256": _sha256(w)} for w in built]}
    (site / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    for name in PAGE_FILES:
        shutil.copyfile(STATIC / name, site / name)
    (site / "index.html").write_text(_index(site), encoding="utf-8")


def _python_wheel(pin: Pin, path: Path, wheels: Path) -> Path:
    if pin.extra["kind"] == "wheel":
        return Path(shutil.copyfile(path, wheels / pin.file))
    files, metadata, licences = from_sdist(path, pin.extra["source"])
    if not files:
        raise BuildError("web:bad-sdist", file=pin.file, source=pin.extra["source"])
    return write_wheel(wheels, pin.name, pin.version, files, metadata, licences)


def _gklint_wheel(wheels: Path) -> Path:
    """gklint as installed, i.e. the working tree for an editable install, with its grammar and packs."""
    package = Path(__file__).resolve().parent.parent
    files = from_tree(package, "gklint")
    for name in ("grammar", "rules"):
        folder = Path(resource_dir(name))
        if package not in folder.resolve().parents:  # a checkout keeps them beside src/
            files.update(from_tree(folder, f"gklint/{name}"))
    metadata = (f"Metadata-Version: 2.1\nName: gklint\nVersion: {__version__}\n"
                "Summary: Compliance linter for 政府信息公开工作年度报告\n")
    return write_wheel(wheels, "gklint", __version__, files, metadata)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _index(site: Path) -> str:
    """index.html in Chinese, both languages' labels inside it for the switch, and each page file
    named with its hash, so a browser never runs a cached file of an earlier build."""
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(STATIC), autoescape=True, keep_trailing_newline=True)
    labels = {lang: catalog.block("web", lang)["page"] for lang in catalog.LANGS}
    assets = {name: f"{name}?v={_sha256(site / name)[:16]}" for name in PAGE_FILES}
    return env.get_template("index.html.j2").render(t=labels["zh"], labels=labels, assets=assets,
                                                    version=__version__)
