"""A cache of findings keyed by file name and content, gklint version, rule packs and options.

An unchanged repository re-checks from the cache. It lives in the user's cache directory
(platformdirs: ~/.cache/gklint, ~/Library/Caches/gklint, %LOCALAPPDATA%\\gklint\\Cache), not
in the checked tree, and a cache directory gets a `.gitignore` of `*` so it is never committed.

A cache must never make a failing report pass, so an entry is trusted only if this user wrote it:
each is authenticated with an HMAC-SHA256 keyed by a secret of the user (`hmac-key` in the user's
cache directory, mode 0600, never inside --cache-dir), and validated on load (format, version,
types, known codes, messages that render). Anything else — planted, committed, damaged, of
another version — is a miss, never an error. Entries are JSON: a cache is no way to run code.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import stat
import sys
import tempfile

from . import __version__
from .fileio import read_bounded
from .findings import SEVERITIES, Finding

FORMAT = 5  # of an entry; 5: authenticated, keyed by file name too. A new format makes old entries misses.
KEY_NAME = "hmac-key"
KEY_BYTES = 32
MAX_ENTRY_BYTES = 16 * 1024 * 1024
_INFO = {"template": str, "expected_template": str, "year": int, "agency": str, "title": str, "encoding": str}
_FINDING = {"code": str, "severity": str, "msg": str, "args": dict, "line": int, "col": int, "data": dict}


def user_cache_dir() -> str:
    """platformdirs' user cache directory for gklint. On Linux it is worked out here as
    platformdirs works it out (tests compare the two) when the environment is plain — an absolute
    $XDG_CACHE_HOME, or an absolute $HOME — so that a check does not import platformdirs and the
    pathlib it brings (≈ 6 ms of a one-file run); anything else is platformdirs' own answer."""
    plain = _plain_linux_cache_dir()
    if plain is not None:
        return plain
    try:
        from platformdirs import user_cache_dir as where
    except ModuleNotFoundError:  # pragma: no cover - platformdirs is a dependency
        return os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "gklint")
    return where("gklint", appauthor=False)


def _plain_linux_cache_dir() -> str | None:
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel") or os.environ.get("ANDROID_DATA") \
            or os.environ.get("ANDROID_ROOT"):
        return None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if xdg:
        return os.path.join(xdg, "gklint") if os.path.isabs(xdg) else None
    home = os.environ.get("HOME", "")
    return os.path.join(os.path.expanduser("~/.cache"), "gklint") if os.path.isabs(home) else None


def default_dir() -> str:
    return str(user_cache_dir())


def user_key(directory: str | os.PathLike | None = None) -> bytes | None:
    """This user's secret, made on first use. None (no cache) when it cannot be made or is not
    private: a key others can read or write would let them forge entries."""
    directory = os.fspath(directory or user_cache_dir())
    path = os.path.join(directory, KEY_NAME)
    try:
        os.makedirs(directory, exist_ok=True)
        if not os.path.exists(path):
            import secrets  # only to make a key

            fd, tmp = tempfile.mkstemp(dir=directory, prefix=".key-")  # mode 0600
            with os.fdopen(fd, "wb") as fh:
                fh.write(secrets.token_bytes(KEY_BYTES))
            try:
                os.link(tmp, path)  # never replaces a key another run has just made
            except FileExistsError:
                pass
            except OSError:  # no hard links here
                if not os.path.exists(path):
                    os.replace(tmp, path)
            if os.path.exists(tmp):
                os.unlink(tmp)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
                     | getattr(os, "O_BINARY", 0))  # a FIFO put in its place must not make gklint wait
        try:
            st = os.fstat(fd)
            key = os.read(fd, KEY_BYTES + 1) if stat.S_ISREG(st.st_mode) else b""
        finally:
            os.close(fd)
    except OSError:
        return None
    if not stat.S_ISREG(st.st_mode) or len(key) != KEY_BYTES:
        return None
    if os.name == "posix" and (st.st_uid != os.getuid() or st.st_mode & 0o077):
        return None
    return key


class Cache:
    def __init__(self, directory: str | os.PathLike, salt: str, key: bytes | None = None):
        self.dir = os.fspath(directory)
        self.salt = salt.encode("utf-8")
        self.key = key if key is not None else user_key()
        self.hits = self.misses = 0
        self._ignored = False

    @staticmethod
    def salt_for(packs: dict, options) -> str:
        """What besides the file decides the findings: version, packs (by content), options (with settings)."""
        h = hashlib.sha256(f"{__version__} {FORMAT}".encode())
        for name in sorted(packs):
            h.update(json.dumps(packs[name].raw, sort_keys=True, ensure_ascii=False, default=str).encode())
        h.update(repr((options.template, options.max_bytes)).encode())
        h.update(json.dumps(options.settings, sort_keys=True, ensure_ascii=False, default=str).encode())
        return h.hexdigest()

    def _entry(self, digest: str) -> str:
        return os.path.join(self.dir, digest[:2], f"{digest}.json")

    def _mac(self, digest: str, body: str) -> str:
        return hmac.new(self.key, f"{digest}\0{body}".encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()

    def digest(self, path: str, max_bytes: int) -> str | None:
        """The entry name of a file; None when there is no cache to use or nothing to cache."""
        if self.key is None:
            return None
        try:
            data = read_bounded(path, max_bytes)  # a FIFO is refused before it is opened: open() would wait
        except OSError:
            return None  # the engine reports it (GK001, GK008); nothing to cache
        # The name's suffix chooses the reader and its base name is shown by cross-year findings.
        name = os.path.basename(path).encode("utf-8", "surrogateescape")
        return hashlib.sha256(self.salt + b"\0" + name + b"\0" + data).hexdigest()

    def get(self, digest: str | None, path: str):
        if digest is None:
            return None
        result = self._load(digest, path)
        if result is None:
            self.misses += 1
        else:
            self.hits += 1
        return result

    def _load(self, digest: str, path: str):
        from .engine import FileResult

        try:
            outer = json.loads(read_bounded(self._entry(digest), MAX_ENTRY_BYTES))  # a planted FIFO is a miss
        except (OSError, ValueError, RecursionError):
            return None
        if not (isinstance(outer, dict) and isinstance(outer.get("mac"), str) and isinstance(outer.get("entry"), str)):
            return None
        if not hmac.compare_digest(outer["mac"], self._mac(digest, outer["entry"])):
            return None  # not written by this user with these settings
        try:
            entry = json.loads(outer["entry"])
            if not (isinstance(entry, dict) and entry.get("format") == FORMAT and entry.get("version") == __version__
                    and isinstance(entry.get("info"), dict) and isinstance(entry.get("findings"), list)):
                return None
            findings = [_finding(f, path) for f in entry["findings"]]
            info = _info(entry["info"])
        except (ValueError, RecursionError):
            return None
        if info is None or any(f is None for f in findings):
            return None
        return FileResult(path, None, findings, info)

    def put(self, digest: str | None, result) -> None:
        # A GK010 is a bug of gklint, perhaps of this moment (memory): check the file again next time.
        if digest is None or any(f.code == "GK010" for f in result.findings):
            return
        body = json.dumps({"format": FORMAT, "version": __version__, "info": result.info, "findings": [
            {"code": f.code, "severity": f.severity, "msg": f.msg, "args": f.args,
             "line": f.line, "col": f.col, "data": f.data} for f in result.findings]},
            ensure_ascii=False, default=str)
        target = self._entry(digest)
        try:
            self._gitignore()
            os.makedirs(os.path.dirname(target), exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8", errors="surrogatepass") as fh:
                json.dump({"mac": self._mac(digest, body), "entry": body}, fh, ensure_ascii=True)
            os.replace(tmp, target)
        except (OSError, TypeError, ValueError):
            pass  # a cache that cannot be written only costs time

    def _gitignore(self) -> None:
        """A cache directory inside a checked-out tree keeps itself out of commits (as ruff's does)."""
        if self._ignored:
            return
        os.makedirs(self.dir, exist_ok=True)
        ignore = os.path.join(self.dir, ".gitignore")
        if not os.path.exists(ignore):
            with open(ignore, "w", encoding="utf-8") as f:
                f.write("# Made by gklint: the findings cache is never committed.\n*\n")
        self._ignored = True


def _finding(f, path: str) -> Finding | None:
    """A finding of an entry, if every field has its type, the code is a rule's and the message renders."""
    from .checks import get
    from .catalog import LANGS

    if not (isinstance(f, dict) and set(f) == set(_FINDING)
            and all(isinstance(f[k], t) and not isinstance(f[k], bool) for k, t in _FINDING.items())):
        return None
    if f["severity"] not in SEVERITIES or f["line"] < 1 or f["col"] < 1:
        return None
    try:
        get(f["code"])
        finding = Finding(f["code"], f["severity"], f["msg"], f["args"], f["line"], f["col"], path, f["data"])
        for lang in LANGS:
            finding.text(lang)
    except Exception:  # an unknown code or message, arguments the message cannot take: a miss
        return None
    return finding


def _info(info: dict) -> dict | None:
    """The summary of a report, if what outputs read from it has its type."""
    for k, t in _INFO.items():
        v = info.get(k)
        if v is not None and (not isinstance(v, t) or isinstance(v, bool)):
            return None
    rel = info.get("relations")
    if rel is not None and not (isinstance(rel, dict) and all(
            isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in rel.values())):
        return None
    if "config" in info or "suppressed" in info:  # added after checking, never cached
        return None
    return info
