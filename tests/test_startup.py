"""Start-up shortcuts (issue 13) give what the long way gives."""

import re

from gklint.lazyre import LazyPattern


def test_lazy_pattern_matches_as_compiled():
    source = r"[\u4e00-\u9fff]\d{2,}|\d{2,}[\u4e00-\u9fff]"
    lazy, compiled = LazyPattern(source), re.compile(source)
    for text in ("申请12件", "12件", "共3件", "", "x123四"):
        assert bool(lazy.search(text)) == bool(compiled.search(text))
        assert lazy.sub("#", text) == compiled.sub("#", text)
    assert lazy.pattern == source  # attributes other than methods come from the pattern too
