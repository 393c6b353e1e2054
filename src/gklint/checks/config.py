"""Rules about gklint's own configuration (GK09x). They are not run on reports: the CLI reports
them after applying a configuration file (gklint.config), with the config file as their path."""

from __future__ import annotations

from . import rule

UNUSED_SUPPRESSION = rule(
    "GK090", "unused-suppression", "warning", "配置文件中的忽略条目（suppress）没有匹配任何问题",
    "忽略条目用于无法加注释的文档（PDF、Word、网页）中确认无误或已另行更正的问题；原问题改正后条目就失效了，"
    "留着它会在同类问题再次出现时把新问题一并隐藏。只有条目的 file 匹配到本次检查的文件时才报告。",
    "删除该条目；若问题仍在但位置或文字变了，改正条目的 code、file 或 where（where 为单元格或表格路径，"
    "如 t3[R03][C7]，或问题说明中的一段文字）。",
    "[[tool.gklint.suppress]] code = \"GK302\"，file = \"reports/2021/*.txt\"，where = \"t3[R03][C7]\"，"
    "但该表已改正 → GK090")
