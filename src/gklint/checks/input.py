"""GK0xx: problems with the input itself — the file, its encoding, rows that cannot be read."""

from __future__ import annotations

from ..model import Pos, Report
from . import rule

UNREADABLE = rule("GK001", "file-unreadable", "error", "文件无法读取",
                  "文件不存在、无权限或读取出错时，无法检查其内容。", "确认路径正确、文件可读。")
NOT_TEXT = rule("GK002", "not-text", "error", "文件不是可识别编码的文本",
                "gklint 读取 UTF-8、UTF-16（带 BOM）和 GB18030/GBK 文本；二进制文件或其他编码无法检查。",
                "用文本编辑器另存为 UTF-8；Word 或 PDF 文件请使用相应读取器（或另存为 .txt）。")
BAD_BYTES = rule("GK003", "invalid-bytes", "warning", "文件含有无法解码的字节，已用替换字符代替",
                 "文件大部分是 UTF-8，但个别字节无效，常见于拼接或截断的文件；受影响处的文字可能缺失。",
                 "检查消息所指行附近的文字，重新导出或另存为 UTF-8。")
EMPTY = rule("GK004", "empty-file", "error", "文件为空",
             "空文件不是年度报告。", "确认导出或保存的是完整的报告。")
NOT_REPORT = rule("GK005", "not-a-report", "error", "文件看起来不是政府信息公开工作年度报告",
                  "既找不到“一、总体情况”等六个部分的标题，也找不到任何模板表格。",
                  "确认文件是年度报告正文；若报告以图片发布，需先转换为文字。")
ROW_UNREADABLE = rule("GK006", "row-unreadable", "error", "表格行的数字连写在一起，无法唯一拆分",
                      "网页抓取常把一行表格压成一串数字（如“693665”）。只有在按模板列数和本行勾稽关系拆分方式唯一时，"
                      "gklint 才会拆分；否则宁可报告无法读取，也不猜测。",
                      "在原文中用分隔符（制表符、表格单元格）把各列数字分开，或核对原始表格。",
                      "“行政规范性文件693665”：可拆为 69/36/65、6/93/665 等多种方式")
ROW_SPLIT_BY_TOTAL = rule("GK007", "row-split-by-total", "info", "连写数字按本行总计拆分，该行总计无法再核对",
                          "一串连写数字只有借助本行“总计”才能唯一拆分时，拆分本身就满足了该总计关系，"
                          "因此这一行的总计核对不再有意义。", "在原文中把各列数字分开，gklint 即可独立核对该行总计。")
TOO_LARGE = rule("GK008", "file-too-large", "error", "文件过大，未检查",
                 "年度报告通常只有几十 KB；为限制内存，超过上限的文件不读取。", "确认文件无误，或用 --max-size 提高上限。")
UNSUPPORTED = rule("GK009", "unsupported-format", "warning", "不支持的文件格式，未检查",
                   "当前版本读取 .txt 和 .md；Word、网页和 PDF 读取器将在后续版本提供。",
                   "将报告另存为 .txt 或 .md 后再检查。")
INTERNAL = rule("GK010", "internal-error", "error", "gklint 内部错误：某条规则运行失败",
                "规则代码出错时，gklint 报告该错误并继续运行其他规则和文件，不会中断。",
                "请把该文件和消息报告给 gklint 开发者；其他规则的结果仍然有效。")

_SOURCE = {r.code: r for r in (UNREADABLE, NOT_TEXT, BAD_BYTES, EMPTY, TOO_LARGE, UNSUPPORTED)}


def source_findings(problems):
    """Findings for problems found while reading the bytes: [(code, message, line)]."""
    for code, message, line in problems:
        yield _SOURCE[code].finding(message, Pos(line))


def check(report: Report):
    if not report.looks_like_report():
        yield NOT_REPORT.finding("未找到年度报告的六个部分标题（如“一、总体情况”），也未找到模板表格；"
                                 "如果这是年度报告，请确认正文已完整导出", report.title_pos)
    for code, pos, info in report.notes:
        if code == "GK006":
            table, row = info["table"], info["row"]
            runs = "、".join(f"“{r}”" for r in info["runs"])
            how = "没有一种拆分方式满足本行勾稽关系" if info["candidates"] == 0 else f"有 {info['candidates']} 种拆分方式都说得通"
            yield ROW_UNREADABLE.finding(
                f"{table.definition.name}“{row.label or '数据'}”行：连写数字 {runs} 需拆成 {info['expected']} 列，但{how}，"
                "gklint 不作猜测；请在原文中分开各列数字", pos, table=table.key, row=row.key)
        elif code == "GK007":
            table, row = info["table"], info["row"]
            yield ROW_SPLIT_BY_TOTAL.finding(
                f"{table.definition.name}“{row.label or '数据'}”行的连写数字按本行总计拆分为 "
                + "/".join(c.raw for c in row.cells.values()) + "，因此该行总计无法再独立核对", pos,
                table=table.key, row=row.key)
