"""gklint: a compliance linter for 政府信息公开工作年度报告."""

import dataclasses

__version__ = "0.1.0"


def _class_exec(source, globals=None, locals=None, /):
    from .prebuilt import dataclass_exec  # imported when first needed: `python -m gklint.prebuilt` runs it

    dataclass_exec(source, globals, locals)


# Before any class of the package is made: their generated methods come from stored bytecode.
dataclasses.exec = _class_exec
