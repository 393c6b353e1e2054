"""GK090 unused-suppression: a suppression of the configuration that hid nothing.

Raised by gklint.config (`unused`) once every checked file has been seen."""

from __future__ import annotations

from .. import Rule


class UnusedSuppression(Rule):
    code = "GK090"
    name = "unused-suppression"
    severity = "warning"
    needs_report = False
