"""Normalisation helpers: the fast character table is exactly str.translate."""

from hypothesis import given, settings, strategies as st

from gklint.normalize import _FOLD, _KEY, CharTable, key

ALPHABET = st.sampled_from("０１９ＡＺａｚ　\u00a0（）：，；“”「」[]()abc123 \t报告年度总计" + "".join(chr(k) for k in _KEY))


@settings(max_examples=300, derandomize=True, database=None)
@given(st.text(ALPHABET, max_size=3 * CharTable.LONG))
def test_char_table_is_translate(text):
    for table in (_FOLD, _KEY):
        assert CharTable(table)(text) == text.translate(table)


def test_long_and_short_texts_take_both_paths():
    label = "（一）予以公开　总 计"
    long = label * (CharTable.LONG // len(label) + 1)
    assert len(label) < CharTable.LONG <= len(long)
    assert key(label) == "（一）予以公开总计"
    assert key(long) == "（一）予以公开总计" * (CharTable.LONG // len(label) + 1)


@settings(max_examples=200, derandomize=True, database=None)
@given(st.text(max_size=6), st.integers(-3, 9), st.integers(1, 5), st.booleans())
def test_span_col_is_clamped_to_the_text(text, i, start, explicit):
    from gklint.normalize import Span

    cols = tuple(range(start + 2, start + 2 + len(text))) if explicit else None
    span = Span(text, 1, cols, start)
    n = len(text)
    j = max(0, min(i, max(n - 1, 0)))  # the reference: clamp to the last index
    expected = (cols[j] if cols else start) if explicit else start + j
    assert span.col(i) == expected
