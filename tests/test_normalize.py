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


@settings(max_examples=300, derandomize=True, database=None)
@given(st.lists(st.sampled_from(["\t", " ", "\u3000", "\u00a0", "\u200b", "a", "总计", "12", "[bookmark: x]"]),
                min_size=1, max_size=14).map("".join))
def test_tab_cells_are_the_pieces_between_tabs_stripped(raw):
    # the lexer cuts by offsets; the reference cuts spans and strips them
    from gklint.lexer import _cut, _tab_cells
    from gklint.normalize import normalize_line

    span = normalize_line(raw, 1)
    if "\t" not in span.text:
        return
    parts = _cut(span, "\t")
    if not parts[0].text.strip():
        parts = parts[1:]
    expected = [(p.strip().text, p.strip().col(0) if p.strip().text else p.col(0)) for p in parts]
    assert [(c.text, c.col) for c in _tab_cells(span)] == expected
