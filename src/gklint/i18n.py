"""English for `--lang en`: what messages built from the rule packs need (table names, relations,
topics), origin paths, and the CJK test used to check that English text is English.

Template labels quoted from the report ("“（一）予以公开”", "“本年废止件数”") stay Chinese inside English
messages: they are the document's own text. Everything else is translated.
"""

from __future__ import annotations

import re

LANGS = ("zh", "en")
SEVERITY_EN = {"error": "error", "warning": "warning", "info": "info"}

# Tables by key; a custom pack's other tables fall back to their quoted Chinese name.
TABLES_EN = {
    "t2_1": "table of Article 20 (1) (regulations and normative documents)",
    "t2_5": "table of Article 20 (5) (administrative licensing)",
    "t2_6": "table of Article 20 (6) (administrative penalties and compulsory measures)",
    "t2_8": "table of Article 20 (8) (administrative fees)",
    "t2_9": "table of Article 20 (9) (centralised procurement)",
    "t3": "Table 3 (requests for disclosure received and handled)",
    "t4": "Table 4 (administrative reconsideration and litigation)",
}
# Relations of the packs by id (rules/common.yaml); others fall back to their quoted `about`.
RELATIONS_EN = {
    "A1": "“（七）总计” plus “四、结转下年度继续办理” should equal “一、本年新收” plus “二、上年结转”",
    "A2": "the total should equal the natural persons plus the five kinds of legal persons or other organisations",
    "A3": "“（七）总计” should equal the sum of the outcomes",
    "A4": "the administrative reconsideration total should equal the sum of its four outcomes",
    "A5": "the total of suits filed without reconsideration should equal the sum of its four outcomes",
    "A6": "the total of suits filed after reconsideration should equal the sum of its four outcomes",
}
# Topics and items of the content rules (rules/common.yaml `content:`), by their Chinese key.
TOPICS_EN = {
    "主动公开": "proactive disclosure", "依申请公开": "disclosure on request",
    "政府信息管理": "government information management", "政府信息公开平台建设": "disclosure platforms",
    "监督保障": "supervision and safeguards", "工作考核": "performance assessment", "社会评议": "public appraisal",
    "责任追究": "accountability", "政务公开工作要点落实情况": "implementation of the annual open-government work plan",
    "人大代表建议和政协提案办理结果公开情况": "disclosure of how deputies' suggestions and CPPCC proposals were handled",
    "存在的问题": "the problems", "改进措施": "the improvement measures",
}
TEMPLATES_EN = {
    "2019": "the 2019 trial format (“国办公开办函〔2019〕60号”)",
    "2021": "the 2021 format (“国办公开办函〔2021〕30号”)",
}

CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_QUOTED = re.compile(r"“[^”]*”|「[^」]*」|`[^`]*`")


def q(text) -> str:
    """A quotation from the document or the template, as English messages show it."""
    return f"“{text}”"


def table_en(definition) -> str:
    return TABLES_EN.get(definition.key, f"table {q(definition.name)}")


def relation_en(relation) -> str:
    return RELATIONS_EN.get(relation.id, q(relation.about))


def topic_en(name: str) -> str:
    return TOPICS_EN.get(name, q(name))


def template_en(pack) -> str:
    return TEMPLATES_EN.get(pack.template, f"the {pack.template} format")


def join_en(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


_ORIGIN = [(re.compile(p), r) for p, r in (
    (r"第(\d+)页\s*表格第(\d+)行第(\d+)列", r"page \1, table row \2, column \3"),
    (r"表(\d+)\s*第(\d+)行\s*第(\d+)列", r"table \1, row \2, column \3"),
    (r"第(\d+)段", r"paragraph \1"), (r"第(\d+)页", r"page \1"), (r"第(\d+)行", r"row \1"), (r"第(\d+)列", r"column \1"),
)]


def origin_en(origin: str) -> str:
    """`表3 第6行 第9列` → `table 3, row 6, column 9`; unknown forms are quoted as they are."""
    out = origin
    for rx, repl in _ORIGIN:
        out = rx.sub(repl, out)
    return out if not CJK.search(out) else q(origin)


def unquoted_cjk(text: str) -> list[str]:
    """CJK characters outside quoted document text — what an English message must not contain."""
    return CJK.findall(_QUOTED.sub("", text))
