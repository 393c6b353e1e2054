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
