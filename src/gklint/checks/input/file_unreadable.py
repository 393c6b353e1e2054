"""GK001 file-unreadable: the file does not exist, is not readable or fails to read.

Raised by the readers."""

from __future__ import annotations

from .. import Rule


class FileUnreadable(Rule):
    code = "GK001"
    name = "file-unreadable"
    severity = "error"
