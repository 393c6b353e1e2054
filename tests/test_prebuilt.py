"""The prebuilt store (packaged YAML as JSON) and the stored LALR tables: current, faithful, and
never used for anything outside the package."""

from __future__ import annotations

import json
from pathlib import Path

from gklint import grammars, prebuilt
from gklint.parser import _ItemStream
from gklint.yamlload import load_yaml, load_yaml_at

REGENERATE = "out of date: run `python -m gklint.prebuilt` and commit src/gklint/prebuilt/"
LEXERS = {"report": _ItemStream}


def test_every_packaged_yaml_file_is_in_the_store_with_its_current_text():
    files = prebuilt.yaml_files()
    assert len(files) > 10  # the packs and the catalogs
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert prebuilt.packaged_yaml(path, text) is not None, f"{path}: {REGENERATE}"


def test_the_store_gives_exactly_what_the_yaml_says():
    for path in prebuilt.yaml_files():
        text = path.read_text(encoding="utf-8")
        stored, parsed = prebuilt.packaged_yaml(path, text), load_yaml(text)
        assert stored == parsed, path
        assert json.dumps(stored, ensure_ascii=False) == json.dumps(parsed, ensure_ascii=False), path  # order


def test_an_edited_file_is_read_from_its_yaml():
    path = next(p for p in prebuilt.yaml_files() if p.name.startswith("gov-"))
    text = path.read_text(encoding="utf-8") + "\n# edited\n"
    assert prebuilt.packaged_yaml(path, text) is None
    assert load_yaml_at(path, text) == load_yaml(text)


def test_a_file_outside_the_package_is_never_looked_up(tmp_path):
    packaged = next(p for p in prebuilt.yaml_files() if p.name.startswith("gov-"))
    text = packaged.read_text(encoding="utf-8")
    copy = tmp_path / packaged.name
    copy.write_text(text, encoding="utf-8")
    assert prebuilt.packaged_yaml(copy, text) is None
    assert prebuilt.packaged_yaml(packaged, text) is not None  # the control: the same text inside


def test_callers_get_their_own_copy():
    path = next(p for p in prebuilt.yaml_files() if p.name.startswith("gov-"))
    text = path.read_text(encoding="utf-8")
    first = prebuilt.packaged_yaml(path, text)
    first.clear()
    assert prebuilt.packaged_yaml(path, text)


def test_grammar_tables_are_current():
    for name in grammars.GRAMMARS:
        key = grammars._key(name, grammars._source(name), LEXERS.get(name))
        assert grammars._stored(name, key) is not None, f"grammar {name}: {REGENERATE}"


def test_a_table_of_another_grammar_text_is_not_used():
    name = "expr"
    assert grammars._stored(name, grammars._key(name, grammars._source(name) + "\n", None)) is None


def test_stored_tables_parse_as_the_built_ones():
    stored = grammars.load("expr")
    built = grammars._build("expr", grammars._source("expr"), None)
    assert stored is not built
    sources = []
    for path in prebuilt.yaml_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip().startswith("assert:"):
                sources.append(line.split(":", 1)[1].strip())
    assert len(sources) > 5
    for src in sources:
        assert stored.parse(src, start="equation") == built.parse(src, start="equation"), src


def test_the_tag_encoding_keeps_integer_keys_and_tuples():
    value = {1: ("a", [2, (3,)]), "s": {"__x": 1}}
    assert json.loads(json.dumps(grammars._tag(value)), object_hook=grammars._untag) == value


def test_store_file_is_json_of_strings():
    data = json.loads(Path(prebuilt.STORE).read_text(encoding="utf-8"))
    assert all(isinstance(v["json"], str) and len(v["sha256"]) == 64 for v in data.values())


def test_stored_pieces_are_current():
    stored = json.loads(Path(prebuilt.PIECES).read_text(encoding="utf-8"))
    assert stored == json.loads(json.dumps(prebuilt.build_pieces())), f"pieces: {REGENERATE}"
    assert {"content", "expr-equation", "expr-fact"} <= set(stored)


def test_stored_pieces_decode_to_what_the_compilers_give():
    from gklint import expr
    from gklint.pack.schema import _compile_content, _decode, _Validator

    stored = json.loads(Path(prebuilt.PIECES).read_text(encoding="utf-8"))
    for key, data in stored["content"]["items"].items():
        fresh, decoded = _compile_content(_Validator([]), json.loads(key)), _decode(data)
        assert list(fresh) == list(decoded)
        for name in fresh:
            lists = (fresh[name], decoded[name]) if not isinstance(fresh[name], dict) else None
            pairs = [lists] if lists else [(fresh[name][k], decoded[name][k]) for k in fresh[name]]
            if not lists:
                assert list(fresh[name]) == list(decoded[name])  # item order: messages list them in it
            for a, b in pairs:
                assert a.phrases == b.phrases and a._pattern == b._pattern and a._prefilter == b._prefilter
    for kind, start in (("expr-equation", "equation"), ("expr-fact", "fact")):
        for key, data in stored[kind]["items"].items():
            assert expr._decode(data) == expr._transform(json.loads(key), start)


def test_pieces_of_edited_compilers_are_not_used(monkeypatch):
    source = next(iter(json.loads(Path(prebuilt.PIECES).read_text(encoding="utf-8"))["expr-fact"]["items"]))
    calls = []
    compute = lambda: calls.append(1) or "fresh"  # noqa: E731
    assert prebuilt.remembered("expr-fact", json.loads(source), compute, None, lambda d: "stored") == "stored"
    monkeypatch.setattr(prebuilt, "_code", lambda kind: "edited")
    prebuilt._pieces.cache_clear()
    try:
        assert prebuilt.remembered("expr-fact", json.loads(source), compute, None, lambda d: "stored") == "fresh"
    finally:
        monkeypatch.undo()
        prebuilt._pieces.cache_clear()
    assert calls == [1]


def test_a_source_json_cannot_hold_is_compiled():
    import datetime

    got = prebuilt.remembered("content", {"x": [datetime.date(2024, 1, 1)]}, lambda: "fresh", None, None)
    assert got == "fresh"


def test_stored_regex_code_is_current_and_complete():
    stored = json.loads(Path(prebuilt.REGEXES).read_text(encoding="utf-8"))
    assert stored["engine"] == prebuilt.ENGINE, f"regex: {REGENERATE}"
    assert stored == json.loads(json.dumps(prebuilt.build_regexes())), f"regex: {REGENERATE}"
    assert len(stored["items"]) > 100


def test_a_pattern_from_stored_code_is_the_compiled_one():
    import re

    stored = json.loads(Path(prebuilt.REGEXES).read_text(encoding="utf-8"))["items"]
    texts = ["本年度收到政府信息公开申请12件，其中当面申请3件", "未收到行政复议申请", "共计二十件", ""]
    for pattern in stored:
        made, compiled = prebuilt.regex(pattern), re.compile(pattern)
        assert made is not compiled  # made from the stored code, not re's cache
        assert (made.pattern, made.flags, made.groups, made.groupindex) == \
            (compiled.pattern, compiled.flags, compiled.groups, compiled.groupindex)
        for text in texts:
            a, b = made.search(text), compiled.search(text)
            assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict())), pattern


def test_refused_or_foreign_regex_code_is_compiled_by_re(monkeypatch):
    pattern = next(iter(json.loads(Path(prebuilt.REGEXES).read_text(encoding="utf-8"))["items"]))
    monkeypatch.setattr(prebuilt, "_regex_codes", lambda: {pattern: [32, "ffffffff" * 4, 1, []]})
    assert prebuilt.regex(pattern).pattern == pattern  # the engine refused the code; re compiled it


def _nothing_for_another_engine(monkeypatch, engine: str, other: str, codes) -> None:
    """`codes()` (a store's items, cached) is empty when the store names another engine."""
    assert codes()
    monkeypatch.setattr(prebuilt, engine, other)
    codes.cache_clear()
    try:
        assert codes() == {}
    finally:
        monkeypatch.undo()
        codes.cache_clear()


def test_regex_code_of_another_engine_is_not_used(monkeypatch):
    _nothing_for_another_engine(monkeypatch, "ENGINE", "cpython-399 (3, 99, 0) sre 0 4 4 little 1114111",
                                prebuilt._regex_codes)
