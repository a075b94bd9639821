"""Division headings of the other UN language editions, read as the English ones.

The structure parser knows "Article 8", "Chapter II", "Part Three", "Annex I" and
"Preamble". A Spanish, French, Russian, Arabic or Chinese edition of the same instrument heads
the same divisions "Artículo 8", "Chapitre II", "Статья 8", "المادة 8", "第八条"; rewritten to
English before they are classified, the same provision gets the same number in every edition
(`advisor.corpus.manifest.canonical_id` then knows them for one provision).
"""

from __future__ import annotations

import re

from advisor.legal.languages.zh import chinese_number

#: Eastern Arabic digits, as Arabic editions print article numbers.
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
#: (pattern, English word) for headings that open with a division word.
_WORDS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"^(?:{words})(?=\s)", re.I), english)
    for words, english in (
        (r"art[íi]culo|статья|المادة", "Article"),
        (r"chapitre|cap[íi]tulo|глава|الفصل", "Chapter"),
        (r"partie|parte|часть|الجزء", "Part"),
        (r"annexe|anexo|приложение|المرفق", "Annex"),
        (r"secci[óo]n|раздел", "Section"),
    )
)
_PREAMBLE = re.compile(r"^(?:pr[ée]ambule|pre[áa]mbulo|преамбула|الديباجة|序言)\s*$", re.I)
#: 第八条 / 第二章 / 第三部分 and the Chinese numerals in them.
_CHINESE = re.compile(r"^第([零〇一二两三四五六七八九十百\d]+)(条|章|部分|节)")
_CHINESE_WORDS = {"条": "Article", "章": "Chapter", "部分": "Part", "节": "Section"}


def english_heading(text: str) -> str:
    """`text` with a leading division word in another UN language put in English, e.g.
    "Artículo 8. Medidas" → "Article 8. Medidas", "第八条 措施" → "Article 8 措施"."""
    if _PREAMBLE.match(text):
        return "Preamble"
    chinese = _CHINESE.match(text)
    if chinese:
        word = _CHINESE_WORDS[chinese.group(2)]
        return f"{word} {chinese_number(chinese.group(1))} {text[chinese.end() :].strip()}".strip()
    for pattern, english in _WORDS:
        if pattern.match(text):
            return pattern.sub(english, text, count=1).translate(_ARABIC_DIGITS)
    return text
