"""The commands of the command line, once cli.py has parsed the arguments: each takes them and
returns the exit status.

    plan.py    gklint check, before checking: which files, with which configuration, packs, options
    check.py   gklint check: plan, check (runner.py), pair the years, configure, baseline, write
    rule.py    gklint rule: explain one rule, or list them all
"""

from __future__ import annotations

import sys

from .. import catalog
from ..resources import beside

# As ruff documents them: 2 is also an internal error (GK010), whatever --exit-zero or --fail-on say.
EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

catalog.register("run", beside(__file__, "messages.yaml"))


class UsageError(catalog.MessageError):
    """A configuration, pack or option problem: reported on stderr, exit status 2."""


def say(args, msg: str, **kw) -> None:
    """Message `msg` of the catalogs on stderr, in the language of --lang."""
    print(catalog.text(msg, getattr(args, "lang", "zh"), **kw), file=sys.stderr)
