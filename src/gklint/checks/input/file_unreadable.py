"""GK001 file-unreadable: the file does not exist, is not readable, fails to read, or is not a regular
file (a FIFO or device, whose reading could block forever).

Raised by the readers."""

from __future__ import annotations

from .. import Rule


class FileUnreadable(Rule):
    code = "GK001"
    name = "file-unreadable"
    severity = "error"
