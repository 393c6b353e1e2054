"""The phrase language of the packs (gklint/phrases.py): what phrases match, how broken ones are
reported on pack load, and that no phrase or text makes a search slow."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conftest import copy_packs, edit_text, lint_text
from gklint.checks import all_rules
from gklint.phrases import PhraseError, compile_list, compile_phrase, fold
from gklint.pack import PackError, load_pack
from gklint.textscan import contains, phrase_re

LISTS = {"kinds": {"review_total": ["复议"], "suits_total": ["诉讼"]}, "plain": ["许可", "处罚"]}


def spans(phrase, text, lexicons=LISTS):
    return [(m.group(), m.group("n")) for m in compile_phrase(phrase, lexicons).finditer(fold(text))]


def test_text_and_gap_within_a_clause():
    p = compile_phrase("未收到…申请")
    assert p.search("本年度未收到政府信息公开申请")
    assert p.search("未收到申请")  # the gap may be empty
    assert not p.search("未收到任何材料，申请人")  # a gap stays within one clause
    assert not p.search("未收到" + "的" * 21 + "申请")  # up to 20 characters
    assert compile_phrase("未收到…{3}申请").search("未收到的的的申请")
    assert not compile_phrase("未收到…{3}申请").search("未收到的的的的申请")


def test_full_width_punctuation_is_folded():
    assert compile_phrase("处罚（含简易程序）").search(fold("行政处罚（含简易程序）"))


def test_counts_in_digits_and_chinese_numerals():
    assert spans("共 {n} 件", "共5件，共 12 件，共两件，共1,234件") == [
        ("共5件", "5"), ("共 12 件", "12"), ("共两件", "两"), ("共1,234件", "1,234")]
    # A gap never passes over a figure in a phrase that takes one: the figure is the first after the words.
    assert spans("收到…{n}件", "收到2023年申请5件") == []
    assert spans("收到…{n}件", "收到申请5件") == [("收到申请5件", "5")]


def test_alternatives_optional_parts_and_captures():
    p = compile_phrase("行政{kind:复议|诉讼}(案件|申请)?(共计|共)? {n} (件|起)")
    m = p.search("行政复议申请共计4起")
    assert (m.group("kind"), m.group("n"), m.start("n")) == ("复议", "4", 8)
    assert p.search("行政诉讼 9 件").group("kind") == "诉讼"
    assert not p.search("行政处罚3件")
    # The first choice that fits is kept: list the longer one first.
    assert compile_phrase("(共计|共){n}件").search("共计5件")
    assert not compile_phrase("(共|共计){n}件").search("共计5件")


def test_word_lists_name_the_item_matched():
    p = compile_phrase("行政{kind:@kinds}{n}件", LISTS)
    m = p.search("行政诉讼3件")
    assert (m.group("kind"), m.item("kind")) == ("诉讼", "suits_total")
    assert compile_phrase("行政{k:@plain}", LISTS).search("行政处罚").item("k") == "处罚"


def test_slots_for_amounts_years_and_remarks():
    m = compile_phrase("处理费…{6}{amount} (万元|元)").search("收取处理费 20.5 万元")
    assert m.group("amount") == "20.5"
    assert compile_phrase("结转({year} 年)?{n}件").search("结转2026年6件").group("n") == "6"
    assert compile_phrase("处罚({aside})?共{n}件").search(fold("处罚（含简易程序）共7件")).group("n") == "7"


def test_not_after_not_before_and_gap_excludes():
    p = compile_phrase({"phrase": "结转…{6}{n}件", "not_after": ["上", "上一"]})
    assert p.search("上年结转3件")  # 年, not 上, is right before 结转 (the rule's `earlier` words catch 上年)
    assert p.search("上结转3件") is None and p.search("上一结转3件") is None
    # The follow-up on word boundaries: "申请" as part of 申请人 is not an application.
    q = compile_phrase({"phrase": "未收到…申请", "not_before": ["人"]})
    assert q.search("未收到政府信息公开申请") and not q.search("未收到该申请人提交的补正")
    r = compile_phrase({"phrase": "办结…{12}{n}件", "gap_excludes": ["：", "结转"]})
    assert r.search("办结申请5件") and not r.search("办结并结转5件") and not r.search(fold("办结情况：5件"))


def test_textscan_helpers_take_strings_or_a_pack_list(packs):
    assert contains("本年度未收取信息处理费", ["处理费"]) and contains("未收取处理 费", packs["2021"].phrases("fee"))
    assert phrase_re(["未收到…申请"]).search("未收到任何申请").group() == "未收到任何申请"


def test_a_list_is_searched_in_order():
    words = compile_list(["未收到…申请", "无依申请"])
    assert words.search("全年无依申请公开事项").group() == "无依申请"
    assert words.contains("未 收到申请")  # content words ignore spaces in the text
    assert [m.group() for m in words.finditer("未收到申请，无依申请")] == ["未收到申请", "无依申请"]
    # Each match reads the slots of the phrase that matched.
    counts = compile_list(["收到{n}件", {"phrase": "办结 {n} (件|起)", "not_after": ["未"]}])
    assert [(m.group("n"), m.start("n")) for m in counts.finditer("收到5件，未办结3件，办结 4起")] == [("5", 2), ("4", 14)]
    with pytest.raises(PhraseError, match="最多有 1000 个词语"):
        compile_list(["字"] * 1001)
    assert not compile_list([]).search("任何文字")


@pytest.mark.parametrize("phrase, error", [
    ("", "empty"), ("…申请", "gap-edge"), ("未收到…", "gap-edge"), ("a…b…c…d", "too-many-gaps"),
    ("未…{31}申请", "gap-bound"), ("未…{0}申请", "gap-bound"), ("a(b", "unclosed"), ("a{n", "unclosed"),
    ("a(b(c))", "nested-group"), ("a(b|…)", "group-content"), ("a(b|{k:x|y})", "group-content"),
    ("a)b", "stray"), ("a|b", "stray"), ("a?b", "stray"), ("a\\", "escape-at-end"), ("{N}", "slot-name"),
    ("a{count}", "unknown-slot"), ("a{k:@nope}", "unknown-lexicon"), ("a(b||c)", "empty-alternative"),
    ("a(b|b)", "duplicate-alternative"), ("a{k:b c|d}", "choice-content"), ("(a)?", "matches-empty"),
    ("a" * 201, "too-long"), ("a" + "(b|c)" * 11, "too-many-groups"),
    ({"phrase": "a", "after": ["b"]}, "unknown-option"), ({"phrase": "a", "not_after": ["…"]}, "option-texts"),
])
def test_broken_phrases_are_refused(phrase, error):
    with pytest.raises(PhraseError) as e:
        compile_phrase(phrase, {"gaps": ["a…b"]})
    assert e.value.msg == f"phrases:{error}"
    assert e.value.text("zh") and e.value.text("en")


def test_a_word_list_used_in_a_phrase_holds_plain_text():
    with pytest.raises(PhraseError, match="词表 gaps"):
        compile_phrase("x{k:@gaps}", {"gaps": ["a…b"]})


def test_escapes_make_syntax_text():
    assert compile_phrase("a\\(b\\)\\…c").search("a(b)…c")


@pytest.mark.parametrize("old, new, where, message", [
    ("  fee: [处理费, 收费, 收取费用]", "  fee: [处理费, 收费(, 收取费用]", "content.fee.1", "缺少 )"),
    ("- {phrase: \"办结…{12}{n} 件\"", "- {phrase: \"办结…{40}{n} 件\"", "content.completed.0",
     "间隔 …{数字} 的上限应为 1 到 30"),
    ("    review_total: [复议]", "    review_total: [复…议]", "content.review_counts.0", "词表 review_kinds 中的词语只能是文字"),
    ("    主动公开: [主动公开,", "    主动公开: [主动公开, \"…公开\",", "content.overview_topics.主动公开.1",
     "间隔 … 不能在词语的开头或结尾"),
])
def test_broken_phrase_in_a_pack_names_file_line_and_key(tmp_path, old, new, where, message):
    main = copy_packs(tmp_path) / "gov-2021.yaml"
    edit_text(tmp_path / "common.yaml", old, new)
    with pytest.raises(PackError) as err:
        load_pack(main)
    text = str(err.value)
    assert text.startswith(str(tmp_path / "common.yaml") + ":") and where in text and message in text, text
    line = int(text.split(":")[1])
    assert new.strip()[:6] in (tmp_path / "common.yaml").read_text(encoding="utf-8").splitlines()[line - 1], text
    assert err.value.text("en") != text


def test_rules_read_only_what_the_packs_declare(packs):
    for rule in all_rules():
        for name in getattr(rule, "words", ()):
            assert all(name in p.content for p in packs.values()), (rule.code, name)
        for fact in getattr(rule, "facts", ()):
            assert any(fact in p.facts for p in packs.values()), (rule.code, fact)


# -- time: no phrase of a pack and no text make a search slow ----------------------------------------

def _fast(fn):
    # A liveness guard, generous for slow machines: backtracking on these inputs takes hours.
    # Speed itself is measured in benchmarks/.
    t0 = time.perf_counter()
    fn()
    assert time.perf_counter() - t0 < 30


@pytest.mark.parametrize("run", ["1" * 200_000, "一" * 200_000, "行政复议" + " " * 200_000 + "x", "收到申请" * 20_000,
                                 "办理行政许可（" * 20_000])
def test_packed_phrases_take_linear_time(packs, run):
    pack = packs["2021"]
    lists = [pack.phrases(name) for name in pack.content if not isinstance(pack.content[name], dict)]
    _fast(lambda: [list(p.finditer(run)) for words in lists for p in words])


def test_hostile_phrases_take_linear_time():
    alternatives = "(a|aa|aaa|aaaa|aaaaa)" * 9 + "b"  # nine groups that could each match five ways
    _fast(lambda: list(compile_phrase(alternatives).finditer("a" * 100_000)))
    _fast(lambda: list(compile_phrase("a a a a{n}b").finditer("a" + " " * 100_000)))


def test_a_long_run_of_digits_in_a_report_is_read_quickly(tmp_path):
    # The narrative rules' patterns once tried every position of such a run: minutes, not seconds.
    base = (Path(__file__).parent / "rule_cases" / "base" / "clean-2021.txt").read_text(encoding="utf-8")
    for run in ("1" * 100_000, "一" * 100_000):
        _fast(lambda: lint_text(tmp_path, base.replace("我局认真贯彻落实", run + "我局认真贯彻落实", 1), "r.txt"))


def test_a_renamed_phrase_is_the_phrase_compiled_with_the_prefix():
    # joined patterns are made by renaming (compile_list); the compiler's own prefix is the reference
    for source in ("行政{kind:复议|诉讼}(案件|申请)?(共计|共)? {n} (件|起)", "未收到…{3}申请",
                   {"phrase": "收到 {n} 件", "not_after": ["未"], "not_before": ["次"]}):
        assert compile_phrase(source).renamed("q3") == compile_phrase(source, None, "q3")
