"""A liveness guard for inputs that could hang gklint or exhaust its memory: files are checked in a
worker process with a wall-clock timeout and an address-space limit, so that a hang or a runaway
allocation fails the test that met it instead of stalling the whole run.

The bounds are generous — 30 s and 2 GB above the worker's own size for an input of up to 100 KB,
30 s more per further 100 KB — and say only that a check ends. Speed and growth are measured in
benchmarks/, never asserted in tests.

The worker (this file run as a script) checks one file per request, as `gklint check` does, and
renders the results in every output format, or those the guard names (a lone surrogate reaching a
message fails here); it
answers with the findings, the exception if the check raised, and the peak memory of the check.
A worker that times out or dies is killed and replaced.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
import traceback
from pathlib import Path

TIMEOUT = 30.0  # seconds per started 100 KB of input
MEMORY = 2 * 1024 ** 3  # bytes the worker may grow by while checking one file
PER_SIZE = 100 * 1024


class Guard:
    """Checks files in a worker process; `check` returns an Outcome whatever happens to it."""

    def __init__(self, timeout: float = TIMEOUT, memory: int = MEMORY, formats: tuple[str, ...] = ()):
        self.timeout, self.memory = timeout, memory
        self.formats = formats  # output formats to render each result in; empty: every format
        self.proc: subprocess.Popen | None = None

    def _start(self) -> subprocess.Popen:
        env = dict(os.environ, GKLINT_LIVENESS_MEMORY=str(self.memory),
                   GKLINT_LIVENESS_FORMATS=",".join(self.formats))
        proc = subprocess.Popen([sys.executable, __file__], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, env=env, text=True, encoding="utf-8")
        if self._answer(proc, 120) is None:  # imports and rule packs loaded, limits set
            self._stop(proc)
            raise RuntimeError("the liveness worker did not start")
        return proc

    @staticmethod
    def _answer(proc: subprocess.Popen, timeout: float) -> dict | None:
        ready, _, _ = select.select([proc.stdout], [], [], timeout)
        line = proc.stdout.readline() if ready else ""
        return json.loads(line) if line else None

    @staticmethod
    def _stop(proc: subprocess.Popen) -> None:
        if proc.poll() is None:
            proc.kill()
        proc.wait()

    def check(self, path, crash: str | None = None) -> "Outcome":
        size = os.path.getsize(path)
        timeout = self.timeout * max(1, -(-size // PER_SIZE))
        if self.proc is None or self.proc.poll() is not None:
            self.proc = self._start()
        start = time.perf_counter()
        self.proc.stdin.write(json.dumps({"path": str(path), "crash": crash}) + "\n")
        self.proc.stdin.flush()
        answer = self._answer(self.proc, timeout)
        seconds = time.perf_counter() - start
        if answer is None:
            hung = self.proc.poll() is None
            self._stop(self.proc)
            self.proc = None
            return Outcome(str(path), "hang" if hung else "died", seconds=seconds,
                           error=f"no answer within {timeout:.0f} s" if hung else "the worker died")
        if answer.get("error"):
            self._stop(self.proc)  # a MemoryError may leave it in a poor state
            self.proc = None
        return Outcome(str(path), "error" if answer.get("error") else "ok", answer.get("findings", []),
                       answer.get("error"), seconds, answer.get("peak", 0), answer.get("info", {}))

    def close(self) -> None:
        if self.proc is not None:
            self._stop(self.proc)
            self.proc = None


class Outcome:
    def __init__(self, path: str, status: str, findings=(), error: str | None = None, seconds: float = 0.0,
                 peak: int = 0, info: dict | None = None):
        self.path, self.status, self.findings, self.error = path, status, list(findings), error
        self.seconds, self.peak = seconds, peak  # peak: bytes the worker grew by while checking
        self.info = info or {}  # agency, year, title and encoding as read

    @property
    def codes(self) -> list[str]:
        return [f["code"] for f in self.findings]

    def problem(self, crash: bool = False) -> str | None:
        """What is wrong with this outcome, or None: it finished, without GK010 unless a rule was
        made to crash, and every finding has the file and a position."""
        if self.status != "ok":
            return f"{self.status}: {self.error}"
        if ("GK010" in self.codes) != crash:
            return f"GK010 {'missing' if crash else 'raised'}: {[f['message'] for f in self.findings][:3]}"
        for f in self.findings:
            if f["path"] != self.path or not (isinstance(f["line"], int) and f["line"] >= 1
                                              and isinstance(f["col"], int) and f["col"] >= 1):
                return f"finding without file or position: {f}"
        return None


# -- the worker ---------------------------------------------------------------------------------------

def _vm_size() -> int | None:
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def _peak_reset() -> int | None:
    """Reset the peak resident size (Linux `clear_refs`) and return the current resident size."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
        return _status("VmRSS")
    except OSError:
        return None


def _status(key: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return None


def serve() -> None:
    import resource

    from gklint.checks import get
    from gklint.engine import Options, check_file
    from gklint.formats import FORMATS, render
    from gklint.pack import builtin_packs

    packs, options = builtin_packs(), Options()
    formats = [f for f in os.environ.get("GKLINT_LIVENESS_FORMATS", "").split(",") if f] or list(FORMATS)
    for fmt in formats:  # import every format once, before the limit is set
        render(fmt, [])
    vm = _vm_size()
    if vm is not None and hasattr(resource, "RLIMIT_AS"):
        limit = vm + int(os.environ.get("GKLINT_LIVENESS_MEMORY", MEMORY))
        resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
    out = sys.stdout
    out.write(json.dumps({"ready": True}) + "\n")
    out.flush()
    for line in sys.stdin:
        request = json.loads(line)
        rule = get(request["crash"]) if request.get("crash") else None
        saved = type(rule).check if rule else None
        if rule:
            def boom(self, report):
                raise RuntimeError("deliberate crash (liveness guard)")
            type(rule).check = boom
        base = _peak_reset()
        answer: dict = {}
        try:
            result = check_file(request["path"], options, packs)
            for fmt in formats:
                render(fmt, [result]).encode("utf-8")
                render(fmt, [result], lang="en").encode("utf-8")
            answer["findings"] = [{"code": f.code, "severity": f.severity, "path": f.path, "line": f.line,
                                   "col": f.col, "message": f.text("zh")} for f in result.findings]
            answer["info"] = {k: result.info.get(k) for k in ("agency", "year", "title", "encoding")}
        except BaseException:  # a MemoryError too: the answer says what happened
            answer["error"] = traceback.format_exc(limit=8)
        finally:
            if rule:
                type(rule).check = saved
        peak = _status("VmHWM")
        answer["peak"] = max(0, peak - base) if peak is not None and base is not None else 0
        out.write(json.dumps(answer, ensure_ascii=True) + "\n")
        out.flush()


if __name__ == "__main__":
    serve()
