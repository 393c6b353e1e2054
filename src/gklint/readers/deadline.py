"""A time limit on reading one document, where the platform lets Python code be interrupted.

pdfminer follows a reference to itself for ever (a catalog `1 0 obj 1 0 R endobj` hangs it
while it opens the file). Such loops are in the library, not in a bound gklint can set on the
input, so the reading as a whole gets a deadline: an interval timer (SIGALRM) raises `TimeUp`
into it. Only in a process's main thread on a platform with `setitimer` (Linux, macOS; the
--jobs workers are main threads of their processes); elsewhere (Windows, the browser) the
reading runs without one.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager


class TimeUp(BaseException):
    """Raised into a reading whose time is up. Not an Exception: the libraries' own `except
    Exception` blocks must not swallow it and go on."""


@contextmanager
def deadline(seconds: float):
    """Within the block, `TimeUp` after `seconds`, and again every second until the block is left
    (a library may swallow one raise in a bare `except`)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return
    state = {"armed": True}

    def up(signum, frame):
        if state["armed"]:
            raise TimeUp()

    previous = signal.signal(signal.SIGALRM, up)
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    try:
        yield
    finally:
        state["armed"] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
