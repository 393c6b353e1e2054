"""Rules about gklint's own configuration (GK09x). They are not run on reports: the CLI reports
them after applying a configuration file (gklint.config), with the config file as their path."""

from __future__ import annotations

import json

from ..i18n import q
from .legacy import rule

UNUSED_SUPPRESSION = rule(
    "GK090", "unused-suppression", "warning", "配置文件中的忽略条目（suppress）没有匹配任何问题",
    "忽略条目用于无法加注释的文档（PDF、Word、网页）中确认无误或已另行更正的问题；原问题改正后条目就失效了，"
    "留着它会在同类问题再次出现时把新问题一并隐藏。只有条目的 file 匹配到本次检查的文件时才报告。",
    "删除该条目；若问题仍在但位置或文字变了，改正条目的 code、file 或 where（where 为单元格或表格路径，"
    "如 t3[R03][C7]，或问题说明中的一段文字）。",
    "[[tool.gklint.suppress]] code = \"GK302\"，file = \"reports/2021/*.txt\"，where = \"t3[R03][C7]\"，"
    "但该表已改正 → GK090",
             summary_en="A suppression in the configuration file matched no finding",
             why_en="Suppressions are for findings in documents that cannot carry comments (PDF, Word, web pages) "
                    "which were checked and found correct or were corrected elsewhere; once the problem is fixed the "
                    "entry is dead, and keeping it would hide the same problem when it comes back. Reported only when"
                    " the entry's file matches a checked file.",
             fix_en="Delete the entry; if the problem is still there but moved or reworded, correct the entry's code,"
                    " file or where (a cell or table path such as t3[R03][C7], or a piece of the message text).",
             example_en='[[tool.gklint.suppress]] code = "GK302", file = "reports/2021/*.txt", where = "t3[R03][C7]",'
                        " but the table has been corrected → GK090")


def unused_message_en(suppression: dict) -> str:
    """GK090's English message, from the finding's data (gklint.config writes the Chinese one)."""
    def show(value):
        return json.dumps(value, ensure_ascii=False, default=str)

    where = f", where = {show(suppression['where'])}" if suppression.get("where") else ""
    return (f"The suppression (code = {suppression['code']}, file = {show(suppression['file'])}{where}) matched no "
            f"finding and can be deleted; its reason: {q(suppression.get('reason'))}")
