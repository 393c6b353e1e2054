"""GK0xx: problems with the input itself — the file, its encoding, rows that cannot be read."""

from __future__ import annotations

from ..i18n import q, table_en
from ..model import Pos, Report
from .legacy import family, rule

UNREADABLE = rule("GK001", "file-unreadable", "error", "文件无法读取",
                  "文件不存在、无权限或读取出错时，无法检查其内容。", "确认路径正确、文件可读。",
                  summary_en="The file cannot be read",
                  why_en="A file that does not exist, is not readable or fails to read cannot be checked.",
                  fix_en="Make sure the path is right and the file is readable.")
NOT_TEXT = rule("GK002", "not-text", "error", "文件不是可识别编码的文本",
                "gklint 读取 UTF-8、UTF-16（带 BOM）和 GB18030/GBK 文本；二进制文件或其他编码无法检查。",
                "用文本编辑器另存为 UTF-8；Word 或 PDF 文件请使用相应读取器（或另存为 .txt）。",
                summary_en="The file is not text in a recognised encoding",
                why_en="gklint reads UTF-8, UTF-16 (with BOM) and GB18030/GBK text; binary files and other encodings "
                       "cannot be checked.",
                fix_en="Save the file as UTF-8 in a text editor; for Word or PDF files use the matching reader (or "
                       "save as .txt).")
BAD_BYTES = rule("GK003", "invalid-bytes", "warning", "文件含有无法解码的字节，已用替换字符代替",
                 "文件大部分是 UTF-8，但个别字节无效，常见于拼接或截断的文件；受影响处的文字可能缺失。",
                 "检查消息所指行附近的文字，重新导出或另存为 UTF-8。",
                 summary_en="The file contains bytes that cannot be decoded; they were replaced",
                 why_en="The file is mostly UTF-8 but some bytes are invalid, as in concatenated or truncated files; "
                        "text at those places may be missing.",
                 fix_en="Look at the text near the line given in the message and export or save the file as UTF-8 "
                        "again.")
EMPTY = rule("GK004", "empty-file", "error", "文件为空",
             "空文件不是年度报告。", "确认导出或保存的是完整的报告。",
             summary_en="The file is empty",
             why_en="An empty file is not an annual report.",
             fix_en="Make sure the complete report was exported or saved.")
NOT_REPORT = rule("GK005", "not-a-report", "error", "文件看起来不是政府信息公开工作年度报告",
                  "既找不到“一、总体情况”等六个部分的标题，也找不到任何模板表格。",
                  "确认文件是年度报告正文；若报告以图片发布，需先转换为文字。",
                  summary_en="The file does not look like an annual report on government information disclosure",
                  why_en="Neither the headings of the six sections (such as “一、总体情况”) nor any template table were "
                         "found.",
                  fix_en="Make sure the file holds the report's text; a report published as images must be converted "
                         "to text first.")
ROW_UNREADABLE = rule("GK006", "row-unreadable", "info", "表格行的数字连写在一起，无法唯一拆分",
                      "网页抓取常把一行表格压成一串数字（如“693665”）。只有在按模板列数和本行勾稽关系拆分方式唯一时，"
                      "gklint 才会拆分；否则宁可报告无法读取，也不猜测。",
                      "在原文中用分隔符（制表符、表格单元格）把各列数字分开，或核对原始表格。",
                      "“行政规范性文件693665”：可拆为 69/36/65、6/93/665 等多种方式",
                      summary_en="The numbers of a table row run together and cannot be split in only one way",
                      why_en="Web scraping often squeezes a table row into one string of digits (such as “693665”). "
                             "gklint splits it only when the template's column count and the row's arithmetic "
                             "relations allow exactly one split; otherwise it reports the row as unreadable rather "
                             "than guess.",
                      fix_en="Separate the columns' numbers in the original (tabs, table cells), or check the "
                             "original table.",
                      example_en="“行政规范性文件693665”: can be split as 69/36/65, 6/93/665 and more")
ROW_SPLIT_BY_TOTAL = rule("GK007", "row-split-by-total", "info", "连写数字按本行总计拆分，该行总计无法再核对",
                          "一串连写数字只有借助本行“总计”才能唯一拆分时，拆分本身就满足了该总计关系，"
                          "因此这一行的总计核对不再有意义。", "在原文中把各列数字分开，gklint 即可独立核对该行总计。",
                          summary_en="Run-together numbers were split using the row's total, so that total can no "
                                     "longer be checked",
                          why_en="When a string of digits can be split only with the help of the row's total, the "
                                 "split itself satisfies that total, so checking the row's total means nothing.",
                          fix_en="Separate the numbers in the original; gklint can then check the row's total "
                                 "independently.")
TOO_LARGE = rule("GK008", "file-too-large", "error", "文件过大，未检查",
                 "年度报告通常只有几十 KB；为限制内存，超过上限的文件不读取。", "确认文件无误，或用 --max-size 提高上限。",
                 summary_en="The file is too large and was not checked",
                 why_en="Annual reports are usually a few dozen KB; to limit memory, files over the size limit are "
                        "not read.",
                 fix_en="Make sure the file is right, or raise the limit with --max-size.")
UNSUPPORTED = rule("GK009", "unsupported-format", "warning", "不支持的文件格式，未检查",
                   "gklint 读取文本（.txt、.md）、Word（.docx，以及 OOXML 格式的 .wps）、网页（.html）和 PDF；"
                   "旧版二进制 Word/WPS 文档（.doc、.wps，OLE 格式）、RTF、OFD、.odt 等格式不读取。",
                   "在 Word 或 WPS 中把报告“另存为” .docx（或导出 PDF）后再检查。",
                   "“报告.doc”是旧版二进制文档 → 另存为“报告.docx”",
                   summary_en="Unsupported file format; not checked",
                   why_en="gklint reads text (.txt, .md), Word (.docx, and .wps in OOXML format), web pages (.html) "
                          "and PDF; old binary Word/WPS documents (.doc, .wps in OLE format), RTF, OFD, .odt and "
                          "similar formats are not read.",
                   fix_en="Save the report as .docx (or export a PDF) in Word or WPS and check that.",
                   example_en="“报告.doc” is an old binary document → save it as “报告.docx”")
INTERNAL = rule("GK010", "internal-error", "error", "gklint 内部错误：某条规则运行失败",
                "规则代码出错时，gklint 报告该错误并继续运行其他规则和文件，不会中断。",
                "请把该文件和消息报告给 gklint 开发者；其他规则的结果仍然有效。",
                summary_en="gklint internal error: a rule failed to run",
                why_en="When rule code fails, gklint reports the error and goes on with the other rules and files.",
                fix_en="Please report the file and the message to the gklint developers; the other rules' results "
                       "still stand.")

DAMAGED = rule("GK011", "container-damaged", "error", "Word 或 PDF 文件已损坏或不是所声称的格式，无法读取",
               "文件扩展名或开头表明它是 Word/PDF，但内容无法解析：下载不完整、文件损坏、是其他内容的压缩包，"
               "或 XML 中含有 Word 从不生成的 DTD/实体声明（出于安全原因不展开）。",
               "用 Word 或 PDF 阅读器打开文件确认其完整，重新保存或重新下载后再检查；压缩包请先解压。",
               summary_en="The Word or PDF file is damaged or not in the format it claims, and cannot be read",
               why_en="The file's extension or first bytes say Word/PDF, but its content cannot be parsed: an "
                      "incomplete download, a damaged file, an archive of something else, or XML with DTD/entity "
                      "declarations Word never writes (not expanded, for security).",
               fix_en="Open the file in Word or a PDF reader to make sure it is complete, save or download it again "
                      "and re-check; unpack archives first.")
NO_TEXT_LAYER = rule("GK012", "pdf-no-text", "error", "PDF 没有可提取的文字（扫描件或图片），需要 OCR",
                     "扫描或拍照生成的 PDF 只有页面图片，没有文字层；字体缺少编码映射的 PDF 提取出的也只是乱码。"
                     "gklint 不做文字识别，这样的页面无法检查。部分页面没有文字时，其余页面照常检查。",
                     "使用原始的 Word 文档或由其导出的 PDF；或先用 OCR 软件识别为文字，校对后另存为 .docx 或 .txt。",
                     summary_en="The PDF has no extractable text (a scan or images); OCR is needed",
                     why_en="Scanned or photographed PDFs hold page images without a text layer, and PDFs whose fonts"
                            " lack an encoding map yield only garbage. gklint does not do OCR, so such pages cannot "
                            "be checked; when only some pages lack text, the others are checked as usual.",
                     fix_en="Use the original Word document or a PDF exported from it; or run OCR, proofread, and "
                            "save as .docx or .txt.")
ENCRYPTED = rule("GK013", "encrypted", "error", "文件已加密（受密码保护），无法读取",
                 "打开需要密码的 PDF 或 Word 文档无法提取内容。只限制打印、复制的 PDF（无打开密码）可以正常读取。",
                 "去除打开密码后另存，再检查。",
                 summary_en="The file is encrypted (password-protected) and cannot be read",
                 why_en="The content of a PDF or Word document that needs a password to open cannot be extracted. "
                        "PDFs that only restrict printing or copying (no open password) are read normally.",
                 fix_en="Remove the open password, save, and check again.")
OVERSIZED = rule("GK014", "container-oversized", "error", "文件解压后或页数过大，未读取",
                 "为防止“压缩炸弹”和超大文档耗尽内存：Word 文档解压后总大小超过 200 MB、单个部件压缩比超过 200:1 "
                 "或解压后超过 64 MB，或 PDF 超过 500 页时不读取。年度报告通常只有几页。",
                 "确认文件确实是年度报告；如是，把报告正文单独另存为新的 .docx 或 PDF 后再检查。",
                 summary_en="The file is too large once unpacked, or has too many pages; not read",
                 why_en="To keep “zip bombs” and huge documents from exhausting memory, a Word document is not read "
                        "when it unpacks to more than 200 MB in total, a part has a compression ratio over 200:1 or "
                        "unpacks to more than 64 MB, nor a PDF of more than 500 pages. Annual reports are usually a "
                        "few pages.",
                 fix_en="Make sure the file really is the annual report; if so, save the report's text alone as a new"
                        " .docx or PDF and check that.")

TRUNCATED = rule("GK020", "input-truncated", "warning", "文件或表格内容异常多，只读取了前一部分",
                 "年度报告只有几百行，模板表格不到 300 个单元格；超过 10 万行或一段表格上万个单元格，说明文件损坏或不是年度报告。"
                 "为限制运行时间和内存，只读取前 100000 行、每段表格前 20000 个单元格。",
                 "检查文件是否完整、是否误把其他数据贴进了报告。",
                 summary_en="The file or a table is unusually large; only its first part was read",
                 why_en="Annual reports have a few hundred lines and the template tables fewer than 300 cells; over "
                        "100,000 lines, or tens of thousands of cells in one table, mean the file is damaged or not a"
                        " report. To bound time and memory only the first 100,000 lines and 20,000 cells per table "
                        "are read.",
                 fix_en="Check that the file is complete and that no other data was pasted into the report.")

_SOURCE = {r.code: r for r in (UNREADABLE, NOT_TEXT, BAD_BYTES, EMPTY, TOO_LARGE, UNSUPPORTED, DAMAGED,
                                NO_TEXT_LAYER, ENCRYPTED, OVERSIZED)}


def source_findings(problems):
    """Findings for problems found while reading the bytes: [(code, message, line)], or
    (code, message, line, english); without English, the rule's English summary stands in."""
    for code, message, line, *en in problems:
        r = _SOURCE[code]
        yield r.finding(message, Pos(line), en=en[0] if en else r.summary_en)


def check(report: Report):
    if not report.looks_like_report():
        yield NOT_REPORT.finding("未找到年度报告的六个部分标题（如“一、总体情况”），也未找到模板表格；"
                                 "如果这是年度报告，请确认正文已完整导出", report.title_pos,
                                 en="Neither the headings of the report's six sections (such as “一、总体情况”) nor any "
                                    "template table were found; if this is an annual report, make sure its text was "
                                    "exported completely")
    for code, pos, info in report.notes + report.table_notes:
        if code == "GK020":
            yield TRUNCATED.finding(f"表格有 {info['cells']} 个单元格，远超模板，只读取了前 20000 个", pos,
                                    en=f"The table has {info['cells']} cells, far more than the template; only the "
                                       "first 20000 were read")
    for table in report.tables.values():
        yield from _doubts(table)
        yield from _derived(table)


def _row_name(table, row_key):
    rd = table.definition.row_defs.get(row_key)
    row = table.rows.get(row_key)
    return (rd.label if rd and rd.label else None) or (row.label if row else None) or "数据"


def _doubts(table):
    if not table.doubts:
        return
    zh, en = [], []
    k = len(table.definition.columns)
    for d in table.doubts:
        name = _row_name(table, d.row) if d.row else ""
        if d.reason == "ambiguous":
            zh.append(f"“{name}”行连写数字“{d.text}”有多种读法都说得通")
            en.append(f"row {q(name)}: the run-together numbers {q(d.text)} can be read in several ways")
        elif d.reason == "no-split":
            zh.append(f"“{name}”行连写数字“{d.text}”没有一种拆分方式满足本行勾稽关系")
            en.append(f"row {q(name)}: no split of the run-together numbers {q(d.text)} satisfies the row's relations")
        elif d.reason == "count":
            zh.append(f"“{name}”行读到 {d.count} 个数值，模板为 {k} 列")
            en.append(f"row {q(name)}: {d.count} values read, the template has {k} columns")
        elif d.reason == "no-values":
            zh.append(f"“{name}”行的数字未能与行标签对应")
            en.append(f"row {q(name)}: its numbers could not be matched to its label")
        else:
            zh.append(f"第 {d.pos.line} 行的 {d.count} 个数值未能对应到表格行")
            en.append(f"{d.count} values at line {d.pos.line} could not be matched to a row")
    first = table.doubts[0]
    yield ROW_UNREADABLE.finding(
        f"{table.definition.name}：以下内容未能确定读数，涉及的勾稽关系未核对（gklint 不作猜测）：" + "；".join(zh)
        + "。请对照原文核对；用原始 Word 文档检查更可靠", first.pos,
        en=f"{table_en(table.definition)}: gklint could not read the following with certainty and did not check "
           "the relations that need it (gklint does not guess): " + "; ".join(en)
           + ". Check against the original; checking the original Word document is more reliable",
        table=table.key, rows=[d.row for d in table.doubts if d.row])


def _derived(table):
    rows = [r for r in table.rows.values() if r.split in ("by-total", "by-relations")]
    if not rows:
        return
    zh = [f"“{_row_name(table, r.key)}”行拆分为 " + "/".join(c.raw for c in r.cells.values())
          + ("（依据本行总计）" if r.split == "by-total" else "（依据表内勾稽关系）") for r in rows]
    en = [f"row {q(_row_name(table, r.key))} as " + "/".join(c.raw for c in r.cells.values())
          + (" (by the row's total)" if r.split == "by-total" else " (by the table's relations)") for r in rows]
    yield ROW_SPLIT_BY_TOTAL.finding(
        f"{table.definition.name}：连写数字只能借助勾稽关系拆分：" + "；".join(zh) + "；这些关系因此无法再独立核对",
        rows[0].pos, en=f"{table_en(table.definition)}: run-together numbers could only be split with the help of "
                        "the relations: " + "; ".join(en) + "; those relations can no longer be checked independently",
        table=table.key, rows=[r.key for r in rows])


family(check)
