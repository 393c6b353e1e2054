"""GK010 internal-error: a rule family or the parser failed on this file.

Raised by the engine and the cross-year pairing; the other rules still run."""

from __future__ import annotations

from .. import Rule


class InternalError(Rule):
    code = "GK010"
    name = "internal-error"
    severity = "error"
