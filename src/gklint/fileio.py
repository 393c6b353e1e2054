"""Reading and writing files whose names come from users or checked trees: only regular files,
never more than a bound, and outputs replaced atomically."""

from __future__ import annotations

import os
import stat


class NotRegularFile(OSError):
    """A FIFO, device, socket or directory where a file was expected (reading it could hang)."""


class TooLarge(OSError):
    def __init__(self, path, size: int, limit: int):
        super().__init__(f"{path}: {size} bytes > {limit}")
        self.filename, self.size, self.limit = str(path), size, limit


def read_bounded(path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes. Anything else is refused before it is
    opened (opening a FIFO waits for a writer, reading a device never ends), and again after (the
    name may have been replaced in between); the open never blocks."""
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise NotRegularFile(f"not a regular file: {path}")
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotRegularFile(f"not a regular file: {path}")
        if st.st_size > limit:
            raise TooLarge(path, st.st_size, limit)
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # the file grew while being read
                raise TooLarge(path, total, limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def is_regular(path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False
