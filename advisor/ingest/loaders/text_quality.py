"""Is a page's extracted text what the page says? A score and a verdict per page, in any script.

Some PDFs draw the right glyphs but map them to the wrong characters: a broken ToUnicode map
gives whole pages of Private Use Area code points, `(cid:12)` codes or look-alike nonsense, and
ligature glyphs without a mapping drop letters ("beneit" for "benefit"). Such text must not be
quoted as the document's words, so the PDF loader asks this module which pages to leave out
(or to read again by OCR).

The corpus is in the six UN languages, so nothing here needs a dictionary. A page is judged by:

- characters that are never text: U+FFFD, the Private Use Area, `(cid:N)` codes, control
  characters;
- words that are not well formed in their script: letters of two scripts in one word
  ("Рrotocol" with a Cyrillic Р), capitals and lower case mixed as no spelling does ("PRotocol";
  "NGOs" and words run together, "CubaIran", are fine), and in Latin, Cyrillic and Greek words
  of four letters or more no vowel or a run of more than five consonants;
- words that lack a ligature's letters: "beneit" where the same document also has "benefit".

Arabic, Chinese and other scripts without vowel letters in our sense are judged by the first
two signals only. `score` is the share of a page's letters that stand in well-formed words
(bad characters count as letters that are not); a page is garbled when its score is below
`GARBLED_BELOW`, or when `MISSING_LETTER_WORDS` distinct words on it lack a ligature.

Calibration (tests/integration/test_text_quality_corpus.py): on every page of the eight PDFs
of the shared corpus (241 pages) and of the six guidance look-alikes (65 pages), the lowest
score is 0.997 and the most missing-letter words on one page is 1 ("tracking" beside
"trafficking"). The garbled fixture (tests/data/guidance/garbled-issue-paper.pdf) scores 0.08
(Private Use Area), 0.351 (letter map without vowels) and 0.861 with 13 missing-letter words
(dropped ligatures). `GARBLED_BELOW` = 0.75 leaves 0.247 of margin on the clean side and 0.399
on the garbled one; `MISSING_LETTER_WORDS` = 3 leaves 2 words and 10. Pages with fewer than
`MIN_LETTERS` letters (a cover, a blank page) are too short to judge and always pass. Not
caught: a wrong map that keeps words pronounceable (a letter shift that turns consonants into
vowels as often as the reverse), and UTF-8 read as Latin-1 in a Latin-script language, which
breaks only its accented letters.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

#: Below this share of letters in well-formed words a page is garbled (margins in the docstring).
GARBLED_BELOW = 0.75
#: This many distinct words that only lack a ligature's letters make a page garbled.
MISSING_LETTER_WORDS = 3
#: Fewer letters than this are too little evidence to judge a page by.
MIN_LETTERS = 40
#: Letters a ligature glyph stands for; the ones whose loss produces "beneit" and "ofce".
LIGATURE_LETTERS = ("fi", "fl", "ff", "ffi", "ffl")

_CID_CODE = re.compile(r"\(cid:\d+\)")
#: Characters that are never text: U+FFFD, the Private Use Area, and control characters
#: (C0 and C1) other than tab and line breaks.
_NEVER_TEXT = re.compile("[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
#: A word: letters and marks, with an inner apostrophe ("State's", "l'article").
_WORD = re.compile(r"(?:[^\W\d_]|\u200c|\u200d)+(?:['’](?:[^\W\d_])+)*")
#: Scripts whose words we can check for vowels; the letters that count as vowels there.
_VOWELS = {
    "LATIN": frozenset("aeiouyAEIOUY"),
    "CYRILLIC": frozenset("аеёиоуыэюяіїєАЕЁИОУЫЭЮЯІЇЄ"),
    "GREEK": frozenset("αεηιουωάέήίόύώΑΕΗΙΟΥΩ"),
}
#: The longest run of consonants a real word has ("strengths": 4; German and Russian reach 5).
_MAX_CONSONANT_RUN = 5
_MIN_VOWEL_CHECK_LENGTH = 4
_CJK_SCRIPTS = frozenset({"CJK", "HIRAGANA", "KATAKANA", "KATAKANA-HIRAGANA"})


@dataclass(frozen=True)
class PageQuality:
    """How far one page's extracted text can be trusted."""

    page: int
    #: Share of the page's letters in well-formed words, 0–1 (1.0 for a page without letters).
    score: float
    garbled: bool
    #: Letters judged (words of two letters or more, plus characters that are never text).
    letters: int
    #: Distinct words that lack a ligature's letters, e.g. ("beneit",).
    missing_letter_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Tally:
    good: int
    bad: int
    words: tuple[str, ...]


def assess_pages(pages: Sequence[str]) -> list[PageQuality]:
    """The quality of each page (page 1 first), judged against the whole document's words."""
    # Words recur on every page: each distinct one is judged once per document.
    judged: dict[str, bool] = {}
    tallies = [_tally(text, judged) for text in pages]
    vocabulary = Counter(word.lower() for tally in tallies for word in tally.words)
    missing = _missing_letter_words(vocabulary)
    return [_judge(number, tally, missing) for number, tally in enumerate(tallies, start=1)]


def document_score(pages: Sequence[PageQuality]) -> float:
    """Share of the document's judged letters in well-formed words (1.0 when nothing was judged)."""
    letters = sum(page.letters for page in pages)
    if not letters:
        return 1.0
    return sum(page.score * page.letters for page in pages) / letters


def page_ranges(pages: Iterable[int]) -> str:
    """Page numbers as a reader writes them: [3, 4, 5, 9] → "3-5, 9"."""
    ranges: list[list[int]] = []
    for page in sorted(set(pages)):
        if ranges and page == ranges[-1][1] + 1:
            ranges[-1][1] = page
        else:
            ranges.append([page, page])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in ranges)


def parse_page_ranges(text: str) -> list[int]:
    """The inverse of `page_ranges`: "3-5, 9" → [3, 4, 5, 9]."""
    pages: list[int] = []
    for part in filter(None, (part.strip() for part in text.split(","))):
        first, _, last = part.partition("-")
        pages.extend(range(int(first), int(last or first) + 1))
    return pages


def _tally(text: str, judged: dict[str, bool]) -> _Tally:
    bad = len(_CID_CODE.findall(text))
    text = _CID_CODE.sub(" ", text)
    bad += len(_NEVER_TEXT.findall(text))
    good = 0
    words = []
    for word in (part for glued in _WORD.findall(text) for part in _unglued(glued)):
        letters = sum(1 for char in word if char.isalpha())
        if letters < 2:
            continue
        if word not in judged:
            judged[word] = _well_formed(word)
        if judged[word]:
            good += letters
            words.append(word)
        else:
            bad += letters
    return _Tally(good, bad, tuple(words))


def _unglued(word: str) -> list[str]:
    """The words of a run that lost its spaces ("CubaIranPursuant", from a list typeset in
    columns): a capital after a lower-case letter starts a word. That is a layout defect, not
    a wrong character map, and is not held against the page."""
    if word[1:].islower() or word.isupper():
        return [word]
    parts = [""]
    for previous, char in zip(" " + word, word, strict=False):
        if previous.islower() and char.isupper():
            parts.append("")
        parts[-1] += char
    return parts


def _judge(number: int, tally: _Tally, missing_letter_words: frozenset[str]) -> PageQuality:
    letters = tally.good + tally.bad
    missing = tuple(sorted({word.lower() for word in tally.words} & missing_letter_words))
    lost = sum(len(word) for word in missing)
    score = (tally.good - lost) / letters if letters else 1.0
    garbled = letters >= MIN_LETTERS and (score < GARBLED_BELOW or len(missing) >= MISSING_LETTER_WORDS)
    return PageQuality(number, round(score, 3), garbled, letters, missing)


def _missing_letter_words(vocabulary: Counter[str]) -> frozenset[str]:
    """Words that become a word of the document at least as frequent when a ligature's letters
    are put back ("beneit" beside "benefit"). A real word can match too ("tracking" beside
    "trafficking"), which is why one page needs several before it is called garbled."""
    return frozenset(
        word
        for word, count in vocabulary.items()
        if len(word) >= 3 and any(vocabulary[whole] >= count for whole in _with_ligature_letters(word))
    )


def _with_ligature_letters(word: str) -> Iterable[str]:
    for position in range(len(word) + 1):
        for letters in LIGATURE_LETTERS:
            yield word[:position] + letters + word[position:]


def _well_formed(word: str) -> bool:
    scripts = {_script(char) for char in word if char.isalpha()}
    if len(scripts) != 1:
        return False
    letters = [char for char in word if char.isalpha()]
    if not _plausible_case(letters):
        return False
    vowels = _VOWELS.get(scripts.pop())
    return vowels is None or _plausible_spelling(letters, vowels)


def _plausible_case(letters: list[str]) -> bool:
    """lower, Capitalised or UPPER; a plural acronym ("NGOs") too. "bEnefit" is not."""
    tail = "".join(letters[1:])
    if not any(char.isupper() for char in tail) or not any(char.islower() for char in tail):
        return True
    return tail[:-1].isupper() and tail[-1] == "s"


def _plausible_spelling(letters: list[str], vowels: frozenset[str]) -> bool:
    """A word of four letters or more has a vowel and no six consonants in a row. Capitals
    are not exempt: a font whose codes are glyph numbers extracts "the" as "WKH" (each letter
    29 places on), and vowel-less acronyms of four letters or more are rare ("CCPCJ")."""
    if len(letters) < _MIN_VOWEL_CHECK_LENGTH:
        return True
    run = longest = 0
    for char in letters:
        run = 0 if _base_letter(char) in vowels else run + 1
        longest = max(longest, run)
    return longest <= _MAX_CONSONANT_RUN and longest < len(letters)


@cache
def _base_letter(char: str) -> str:
    """The letter without its accents: "é" → "e", so accented vowels count as vowels."""
    return unicodedata.normalize("NFD", char)[0]


@cache
def _script(char: str) -> str:
    """The script of a letter from its Unicode name: LATIN, CYRILLIC, ARABIC, CJK, HIRAGANA…"""
    name = unicodedata.name(char, "")
    script = name.split(" ", 1)[0] if name else "UNKNOWN"
    # Japanese writes one word in kanji and kana: one script for this purpose.
    return "CJK" if script in _CJK_SCRIPTS else script
