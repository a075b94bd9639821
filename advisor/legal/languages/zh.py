"""Chinese: 《议定书》第六条第三款, with articles in Chinese numerals."""

from __future__ import annotations

import re

from advisor.legal.languages.base import Language, cues, rewrites

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_NUMERAL = re.compile(r"[零〇一二两三四五六七八九十百\d]+")


def chinese_number(numeral: str) -> int:
    """三十二 → 32, 十八 → 18, 一百零五 → 105, 6 → 6."""
    if numeral.isdigit():
        return int(numeral)
    total, current = 0, 0
    for char in numeral:
        if char in _DIGITS:
            current = _DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


def _ascii_numbers(text: str) -> str:
    """第六条第三款 → 第6条第3款, so that the rewrites below read plain digits."""
    return re.sub(
        r"第([零〇一二两三四五六七八九十百\d]+)([条款项])",
        lambda m: f"第{chinese_number(m.group(1))}{m.group(2)}",
        text,
    )


class _Chinese(Language):
    def english_citations(self, text: str) -> str:
        return super().english_citations(_ascii_numbers(text))


LANGUAGE = _Chinese(
    code="zh",
    name="中文",
    lead="文件在以下条款中涉及这一问题：{names}。",
    and_word="和",
    abstention="已编入索引的文件未涉及这一问题",
    see_also_note="最接近的条款列于“另见”之下；它们或有帮助，但并未回答该问题。",
    not_binding={
        "model-law": "示范立法，不具约束力",
        "guidance": "毒品和犯罪问题办公室指导材料，不具约束力",
        "manual": "培训材料，不具约束力",
    },
    too_far="没有任何已编入索引的条款与该问题足够接近",
    refusal=(
        "本顾问回答有关偷运移民法律的问题：《关于打击陆、海、空偷运移民的补充议定书》、《联合国打击跨国有组织犯罪公约》"
        "及相关条约。请询问某一条款或描述一个案件。"
    ),
    instrument_names=rewrites(
        # UNODC guidance by its usual names, to the words `legal/instruments.py` knows.
        ("示范法", "model law"),
        ("立法指南", "legislative guide"),
        ("培训手册", "training manual"),
        ("问题文件", "issue paper"),
        ("行动框架", "framework"),
        ("工具包", "toolkit"),
        (
            "(?:《)?(?:联合国)?(?:关于)?打击陆、?海、?空偷运移民的?补充议定书(?:》)?|偷运移民议定书",
            " Smuggling of Migrants Protocol ",
        ),
        (
            "(?:《)?(?:关于)?预防、?禁止和惩治贩运人口[^》]{0,12}?补充议定书(?:》)?|贩运人口议定书",
            " Trafficking in Persons Protocol ",
        ),
        (
            "(?:《)?(?:关于)?打击非法制造和贩运枪支[^》]{0,20}?补充议定书(?:》)?|枪支议定书",
            " Firearms Protocol ",
        ),
        ("(?:《)?(?:联合国)?打击跨国有组织犯罪公约(?:》)?|巴勒莫公约", " Palermo Convention "),
        ("(?:《)?(?:联合国)?反腐败公约(?:》)?", " Convention against Corruption "),
        ("(?:《)?关于难民地位的议定书(?:》)?|1967年议定书", " 1967 Protocol "),
        ("(?:《)?关于难民地位的公约(?:》)?|难民公约", " Refugee Convention "),
        ("(?:《)?(?:联合国)?海洋法公约(?:》)?", " Law of the Sea Convention "),
    ),
    rewrites=rewrites(
        # Guidance units: commentary, section, module, tool.
        ("评注", " commentary "),
        ("第\\s*(\\d+(?:\\.\\d+)*)\\s*节", " section \\1 "),
        ("工具\\s*(\\d+(?:\\.\\d+)?)", " tool \\1 "),
        ("第\\s*(\\d+)\\s*单元|单元\\s*(\\d+)", " module \\1\\2 "),
        (r"第(\d+)条第(\d+)款", r" article \1, paragraph \2 "),
        (r"第(\d+)条", r" article \1 "),
        (r"第(\d+)款", r" paragraph \1 "),
        (r"《?议定书》?", " Protocol "),
        (r"《?公约》?", " Convention "),
    ),
    instruction_cues=cues(
        r"忽略[^。？！]{0,20}(?:指令|指示|说明)",
        r"写一首(?:诗|歌)",
        r"假装你是",
        r"翻译",
    ),
    national_law_cues=cues(
        "刑法|刑事诉讼法|出境入境管理法|出入境管理法",
    ),
)
