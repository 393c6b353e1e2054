"""`gklint rule CODE | --all`: a rule explained, or every rule listed, with the relation codes of
the built-in packs and of any --pack."""

from __future__ import annotations

import sys

from . import EXIT_OK, EXIT_USAGE, UsageError, say
from .plan import cli_packs


def run(args) -> int:
    from ..checks import all_rules
    from ..pack import builtin_packs
    from ..ruledoc import render_rule

    try:
        packs = cli_packs(args)
    except UsageError as e:
        print(e.text(args.lang), file=sys.stderr)
        return EXIT_USAGE
    # The --pack packs last: where they redefine a built-in relation code, theirs is explained.
    rules = all_rules([p for t, p in builtin_packs().items() if t not in packs] + list(packs.values()))
    if args.all or not args.code:
        for r in rules:
            print(f"{r.code}  {r.severity:<7}  {r.doc(args.lang)['summary']}")
        return EXIT_OK
    code = args.code.upper()
    match = next((r for r in rules if r.code == code), None)
    if match is None:
        say(args, "core:cli-no-rule", code=args.code)
        return EXIT_USAGE
    print(render_rule(match, args.lang))
    return EXIT_OK
