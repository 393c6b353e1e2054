"""`gklint web` without a browser: pinned downloads and their checks, reproducible wheels and
folders, the browser's Python path under plain CPython with only the bundled wheels, the local
server. The real-browser test is test_web_browser.py."""

from __future__ import annotations

import hashlib
import io
import json
import re
import subprocess
import sys
import tarfile
import threading
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

import pytest

from conftest import ROOT, seed
from gklint.cli import main
from gklint.web import fetch as fetching
from gklint.web.build import build
from gklint.web.fetch import BuildError, Pin, load_pins
from gklint.web.serve import make_server
from gklint.web.wheel import from_sdist, write_wheel
from test_crossyear import make


def writer(content: bytes) -> tuple[str, ...]:
    """A download command that writes `content` into the folder it is given."""
    return (sys.executable, "-c", f"import sys, pathlib; pathlib.Path(sys.argv[1], 'f').write_bytes({content!r})",
            "{dest}")


def pin(command, content: bytes = b"data") -> Pin:
    return Pin("x", "1", "x-1.bin", hashlib.sha256(content).hexdigest(), command, {})


# --- pinned downloads ----------------------------------------------------------------------------

def test_a_download_is_checked_then_cached_and_then_offline(tmp_path):
    said = []
    path = fetching.fetch(pin(writer(b"data")), tmp_path, lambda msg, **a: said.append(msg))
    assert path.read_bytes() == b"data" and said == ["web:fetching"]
    # From the cache: the command is not run again (this one would fail).
    assert fetching.fetch(pin((sys.executable, "-c", "raise SystemExit(3)")), tmp_path) == path
    assert [p.name for p in tmp_path.iterdir()] == ["x-1.bin"]  # no temporary folder left behind


def test_a_download_with_another_hash_is_refused_and_not_kept(tmp_path):
    with pytest.raises(BuildError) as e:
        fetching.fetch(pin(writer(b"tampered"), b"data"), tmp_path)
    assert e.value.msg == "web:bad-hash" and e.value.args_["actual"] == hashlib.sha256(b"tampered").hexdigest()
    assert not any(tmp_path.iterdir())
    # A damaged cached file is fetched again, not used.
    (tmp_path / "x-1.bin").write_bytes(b"damaged")
    assert fetching.fetch(pin(writer(b"data")), tmp_path).read_bytes() == b"data"


def test_a_failing_or_missing_tool_is_a_build_error(tmp_path):
    with pytest.raises(BuildError) as e:
        fetching.fetch(pin((sys.executable, "-c", "import sys; sys.exit('registry unreachable')")), tmp_path)
    assert e.value.msg == "web:fetch-failed" and e.value.args_["detail"] == "registry unreachable"
    with pytest.raises(BuildError) as e:
        fetching.fetch(pin(("gklint-no-such-tool", "{dest}")), tmp_path)
    assert e.value.msg == "web:no-tool" and e.value.args_["tool"] == "gklint-no-such-tool"


def test_npm_integrity_is_sha512_in_base64(tmp_path):
    path = tmp_path / "f"
    path.write_bytes(b"abc")
    integrity = "sha512-3a81oZNherrMQXNJriBBMRLm+k6JqX6iCp7u5ktV05ohkpkqJ0/BqDa6PCOj/uu9RU1EI2Q86A4qmslPpUyknw=="
    assert Pin("p", "1", "f", integrity, (), {}).digest(path) == integrity


def test_every_runtime_dependency_is_pinned_exactly_and_within_its_range():
    from packaging.requirements import Requirement

    pyodide, python = load_pins()
    assert pyodide.hash.startswith("sha512-") and "pyodide.asm.wasm" in pyodide.extra["files"]
    pinned = {p.name: p for p in python}
    for p in python:
        assert re.fullmatch("[0-9a-f]{64}", p.hash) and p.file.startswith(f"{p.name}-{p.version}")
    requires = [Requirement(r) for r in tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]]
    browser = {"markupsafe"}  # jinja2's own dependency
    for r in requires:
        if r.name in ("pdfplumber", "pypdfium2", "platformdirs") or (r.marker and not r.marker.evaluate({"python_version": "3.14"})):
            continue  # PDFs and the findings cache are the command line's; tomli is for Python < 3.11 only
        browser.add(r.name)
        assert r.name in pinned and r.specifier.contains(pinned[r.name].version), r
    assert set(pinned) == browser


# --- wheels and the folder ----------------------------------------------------------------------

def sdist(tmp_path) -> Path:
    path = tmp_path / "pkg-1.0.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        for name, data in (("pkg-1.0/PKG-INFO", b"Metadata-Version: 2.1\nName: pkg\nVersion: 1.0\n"),
                           ("pkg-1.0/LICENSE", b"licence"), ("pkg-1.0/lib/pkg/__init__.py", b"X = 1\n"),
                           ("pkg-1.0/lib/pkg/_speed.c", b"int x;"), ("pkg-1.0/lib/pkg/py.typed", b""),
                           ("pkg-1.0/tests/test_pkg.py", b"")):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def test_pure_wheel_from_an_sdist_is_the_same_bytes_every_time(tmp_path):
    files, metadata, licences = from_sdist(sdist(tmp_path), "lib/pkg")
    assert set(files) == {"pkg/__init__.py", "pkg/py.typed"} and licences == {"LICENSE": b"licence"}
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = write_wheel(tmp_path / "a", "pkg", "1.0", files, metadata, licences)
    b = write_wheel(tmp_path / "b", "pkg", "1.0", dict(reversed(files.items())), metadata, licences)
    assert a.name == "pkg-1.0-py3-none-any.whl" and a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as zf:
        record = zf.read("pkg-1.0.dist-info/RECORD").decode()
        assert "pkg/__init__.py,sha256=" in record and "pkg-1.0.dist-info/licenses/LICENSE" in zf.namelist()
        assert zf.read("pkg-1.0.dist-info/METADATA").startswith(b"Metadata-Version: 2.1\nName: pkg")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A real build (downloads from the cache; the first build on a machine fetches them)."""
    folder = tmp_path_factory.mktemp("web") / "site"
    build(folder)
    return folder


def tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_same_tree_builds_the_same_folder_and_a_rebuild_replaces_it(site, tmp_path):
    other = tmp_path / "again"
    build(other)
    assert tree(other) == tree(site)
    (other / "stale.js").write_text("old")
    build(other)  # an earlier build is replaced whole
    assert tree(other) == tree(site)
    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    for w in manifest["wheels"]:
        assert hashlib.sha256((site / "wheels" / w["file"]).read_bytes()).hexdigest() == w["sha256"]
    assert "pyodide.asm.wasm" in tree(site / manifest["pyodide"]) and not list(site.rglob("*.d.ts"))


def test_a_folder_that_is_not_a_build_is_never_written_over(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("keep")
    assert main(["web", "build", str(tmp_path), "--lang", "en"]) == 2
    assert "is neither empty nor a gklint web folder" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]
    assert main(["web"]) == 2


def test_the_bundled_wheels_alone_run_the_browser_path(site, tmp_path):
    """Only the folder's wheels on the path, no site-packages (-S), as in the page: gklint checks
    a report and renders the page, with pure-Python YAML and MarkupSafe, and never imports the
    modules of several processes."""
    lib = tmp_path / "lib"
    for wheel in (site / "wheels").glob("*.whl"):
        zipfile.ZipFile(wheel).extractall(lib)
    code = f"""
import shutil, sys
sys.path[:0] = [{str(lib)!r}]
import gklint.web.inbrowser as page, markupsafe, yaml
s = page.Session({str(tmp_path / 'files')!r})
shutil.copy({str(seed('001'))!r}, {str(tmp_path / 'files' / 'a.txt')!r})
s.check("a.txt")
print(s.finish()["error"], "GK302" in s.page("en"))
print(all(m.__file__.startswith({str(lib)!r}) for m in (page, markupsafe, yaml)), yaml.__with_libyaml__,
      hasattr(markupsafe, "_speedups"))
print([m for m in ("multiprocessing", "concurrent.futures") if m in sys.modules])
"""
    run = subprocess.run([sys.executable, "-S", "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split("\n")[:3] == ["1 True", "True False False", "[]"]


def test_the_page_session_gives_the_same_page_as_check_html(tmp_path, monkeypatch):
    from gklint.web.inbrowser import Session

    files = tmp_path / "files"
    files.mkdir()
    make(files, "2022.txt", 2022, r25="四、结转下年度继续办理\t\t2\t0\t0\t0\t0\t0\t2")  # GK801 with 2023
    make(files, "2023.txt", 2023)
    monkeypatch.chdir(files)
    assert main(["check", "2022.txt", "2023.txt", "--isolated", "--no-cache", "-q", "--html", "../cli.html"]) == 1
    session = Session(str(tmp_path / "page"))
    for name in ("2022.txt", "2023.txt"):
        (tmp_path / "page" / name).write_bytes((files / name).read_bytes())
        session.check(name)
    counts = session.finish()
    page = session.page("zh")
    assert page == (tmp_path / "cli.html").read_text(encoding="utf-8") and "GK801" in page
    assert counts["files"] == 2 and counts["error"] >= 1 and not (tmp_path / "page").exists()


# --- the local server ----------------------------------------------------------------------------

def test_serve_gives_the_types_browsers_need_and_no_listings(tmp_path):
    (tmp_path / "core").mkdir()
    (tmp_path / "index.html").write_text("<!doctype html>", encoding="utf-8")
    (tmp_path / "core" / "a.wasm").write_bytes(b"\0asm")
    (tmp_path / "core" / "a.mjs").write_text("export {}", encoding="utf-8")
    server = make_server(tmp_path, 0)
    host, port = server.server_address
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        assert host == "127.0.0.1"

        def get(path):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as r:
                return r.headers["Content-Type"], r.headers["Cache-Control"]

        assert get("/") == ("text/html; charset=utf-8", "no-cache")
        assert get("/core/a.wasm")[0] == "application/wasm" and get("/core/a.mjs")[0] == "text/javascript"
        with pytest.raises(urllib.error.HTTPError) as e:
            get("/core/")
        assert e.value.code == 404
    finally:
        server.shutdown()
        server.server_close()


def test_a_busy_port_is_reported(tmp_path, capsys):
    server = make_server(tmp_path, 0)
    try:
        with pytest.raises(BuildError) as e:
            make_server(tmp_path, server.server_address[1])
        assert e.value.msg == "web:port-busy"
    finally:
        server.server_close()


def test_the_folder_size_stays_what_docs_web_md_says(site):
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    assert 12e6 < total < 16e6, total  # "about 14 MB": the Pyodide core is 13.5 MB of it
