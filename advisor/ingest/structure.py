"""Legal structure of a loaded document: which division and citable unit each block is in.

Treaties and model laws are cited by article and paragraph ("Article 8(7)", "Article
5.A(1)(b)"), and a model law's commentary by its article ("Article 5.A, Commentary"). Guidance
is cited by its own units: a guide's continuously numbered paragraphs ("para. 42"), an issue
paper's decimal sections ("section 2.3.1"), a manual's lettered sections inside modules
("Module 3, section B"), a toolkit's tools ("Tool 5.3"). Each unit is a provision: what a chunk
may not cross, what is ranked and what a citation names (see `advisor.models.unit_label`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from advisor.ingest.headings import english_heading
from advisor.ingest.loaders.base import Block, LoadedDocument
from advisor.models import COMMENTARY, is_labelled, is_paragraph_unit

# Roman numerals stay upper-case even under re.I, so "Part civil..." is not "Part CIVIL".
# "5.A" is one article of a model law's option group, not article 5 paragraph A.
_NUMBER_BODY = r"\d+(?:\.[A-Z]|[A-Za-z])?(?:\s+(?:bis|ter|quater))?|(?-i:[IVXLC]+)"
_NUMBER = rf"({_NUMBER_BODY})"
#: The 2004 Legislative Guides volume spells its Parts out: "Part Three".
_ORDINAL_WORDS = r"(?:one|two|three|four|five|six|seven|eight|nine|ten)"
_DIVISIONS = {
    "part": re.compile(rf"^part\s+({_ORDINAL_WORDS}|{_NUMBER_BODY})\b[.:]?\s*(.*)$", re.I | re.S),
    "chapter": re.compile(rf"^chapter\s+{_NUMBER}\b[.:]?\s*(.*)$", re.I | re.S),
    "section": re.compile(rf"^section\s+{_NUMBER}\b[.:]?\s*(.*)$", re.I | re.S),
    "annex": re.compile(rf"^annex\s+{_NUMBER}\b[.:]?\s*(.*)$", re.I | re.S),
    "article": re.compile(rf"^art(?:icle|\.)\s+{_NUMBER}\b[.:]?\s*(.*)$", re.I | re.S),
    "module": re.compile(r"^module\s+(\d{1,2})\b[.:]?\s*(.*)$", re.I | re.S),
    "pillar": re.compile(r"^pillar\s+(\d{1,2}|(?-i:[IVX]+))\b[.:]?\s*(.*)$", re.I | re.S),
    "tool": re.compile(r"^tool\s+(\d{1,2}(?:\.\d{1,2})?)\b[.:]?\s*(.*)$", re.I | re.S),
}
_PREAMBLE = re.compile(r"^preamble\b[.:]?\s*$", re.I)
#: A contents list is navigation, not text to quote: its entries are kept out of chunks.
_CONTENTS = re.compile(
    r"^(?:(?:table\s+of\s+)?contents|table\s+des\s+mati[eè]res|sommaire|[íi]ndice|содержание|目录|المحتويات)$",
    re.I,
)
#: An entry of a contents list: dot leaders, or a page number closing a short line.
_CONTENTS_ENTRY = re.compile(r"(?:\.\s*){3,}|\s\d{1,3}$|^\d{1,3}$|^[ivxlc]{1,6}$", re.I)
_NUMBERED_HEADING = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(\S.{0,150})$", re.S)
_LETTERED_HEADING = re.compile(r"^([A-H])\.\s+(\S.{0,150})$", re.S)
_COMMENTARY = re.compile(r"^commentary\b", re.I)
_BODY_NUMBER = re.compile(r"^(\d{1,3})\.\s")
#: A guide numbers its paragraphs through a whole Part: unbroken runs this long on average
#: (a treaty's paragraph numbers restart in every article: runs of two to four).
_MIN_PARAGRAPH_RUN = 8
#: A heading never runs longer than this without typographic evidence (a plain-text file).
_MAX_BARE_HEADING = 150
_MAX_BARE_TITLE = 100
# Paragraph markers, outermost first. Rank decides nesting: "A." > "1." > "(1)" > "a)" > "(i)".
_MARKERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, re.compile(r"^([A-H])\.(?:\s|$)")),
    (1, re.compile(r"^(\d{1,3})\.(?:\s|$)")),
    (2, re.compile(r"^\((\d{1,3})\)(?:\s|$)")),
    (4, re.compile(r"^\(?((?:x{0,3})(?:ix|iv|v?i{0,3}))\)(?:\s|$)")),
    (3, re.compile(r"^\(?([a-z]{1,2})\)(?:\s|$)")),
)
_ALPHA_RANK, _ROMAN_RANK = 3, 4


@dataclass(frozen=True)
class Segment:
    """A block with its place in the document's structure."""

    start: int
    end: int
    is_heading: bool = False
    part: str = ""
    chapter: str = ""
    section: str = ""
    annex: str = ""
    article: str = ""
    article_title: str = ""
    #: Paragraph address inside the article: "7", "1(b)(ii)", "A(1)"; "" when unnumbered.
    paragraph: str = ""

    @property
    def unit(self) -> tuple[str, str, str, str, str]:
        """What a chunk may not cross: the article, or the division holding unnumbered text."""
        if self.article:
            return (self.annex, self.article, "", "", "")
        return (self.annex, "", self.part, self.chapter, self.section)


def parse_structure(doc: LoadedDocument) -> list[Segment]:
    """Address every block of `doc`; headings are kept as segments flagged `is_heading`."""
    typographic = any(block.heading_level is not None for block in doc.blocks)
    numbered_paragraphs, restarts = _numbers_paragraphs(doc.blocks)
    blocks = tuple(part for block in doc.blocks for part in _split_heading(block))
    state = Segment(start=0, end=0)
    markers: list[tuple[int, str]] = []
    segments: list[Segment] = []
    pending_title = False
    unit_level = 0
    in_contents = False
    for i, block in enumerate(blocks):
        if in_contents and (block.heading_level is None or _CONTENTS_ENTRY.search(block.text)):
            segments.append(replace(state, start=block.start, end=block.end, is_heading=True))
            continue
        in_contents = bool(_CONTENTS.match(block.text.strip()))
        heading = None if pending_title else _classify_heading(block, typographic)
        if pending_title or heading is not None:
            if heading is not None:
                kind, number, title = heading
                pending_title = not title and _is_title_line(blocks, i + 1, typographic)
                level = block.heading_level or 0
                if not _closes_unit(state, kind, level, unit_level):
                    state = _inside_unit(state, title)
                else:
                    state = _enter(state, kind, number, title, numbered_paragraphs)
                    unit_level = level if state.article else 0
            else:
                pending_title = False
                state = _retitle(state, _clean_title(block.text))
            markers = []
            segments.append(replace(state, start=block.start, end=block.end, is_heading=True))
            continue
        paragraph_number = _BODY_NUMBER.match(block.text) if numbered_paragraphs else None
        if paragraph_number and not _is_article(state):
            title = state.section or state.chapter or state.part
            unit = f"para. {paragraph_number.group(1)}"
            if restarts and state.part:  # numbered afresh in each Part: "Part Three, para. 42"
                unit = f"Part {state.part.split()[0]}, {unit}"
            state = replace(state, article=unit, article_title=title)
        markers = _push_marker(markers, block.text)
        paragraph = _label(markers) if _is_article(state) else ""
        segments.append(replace(state, start=block.start, end=block.end, paragraph=paragraph))
    return segments


def _split_heading(block: Block) -> list[Block]:
    """A heading block whose later lines open divisions of their own ("Chapter I. General
    provisions" over "Article 1 Statement of purpose", grouped by the loader as one heading)
    as one block per division, so the article is not lost inside the chapter's title."""
    if block.heading_level is None or "\n" not in block.text:
        return [block]
    parts: list[Block] = []
    offset = 0
    for line in block.text.split("\n")[1:]:
        at = block.text.index(line, offset + 1)
        if any(pattern.match(line.strip()) for pattern in _DIVISIONS.values()):
            start = block.start + offset
            parts.append(
                Block(
                    block.text[offset:at].rstrip(),
                    start,
                    start + len(block.text[offset:at].rstrip()),
                    block.heading_level,
                )
            )
            offset = at
    parts.append(Block(block.text[offset:], block.start + offset, block.end, block.heading_level))
    return parts


def _numbers_paragraphs(blocks: tuple[Block, ...]) -> tuple[bool, bool]:
    """Whether the document is cited by paragraph number (a legislative guide: its body
    paragraphs are numbered in long unbroken runs rather than restarting at each article),
    and whether the numbering starts afresh somewhere (the 2004 volume restarts in each of its
    four Parts, so "para. 42" alone would name four paragraphs)."""
    numbers = [
        int(m.group(1)) for b in blocks if b.heading_level is None and (m := _BODY_NUMBER.match(b.text))
    ]
    breaks = sum(1 for a, b in pairwise(numbers) if b != a + 1)
    numbered = len(numbers) / (breaks + 1) >= _MIN_PARAGRAPH_RUN
    return numbered, numbered and len(set(numbers)) < len(numbers)


def _is_article(state: Segment) -> bool:
    """Inside an article's own text, where "1." and "(a)" are its paragraphs."""
    return bool(state.article) and not is_labelled(state.article) and not state.article.endswith(COMMENTARY)


def _closes_unit(state: Segment, kind: str, level: int, unit_level: int) -> bool:
    """Whether a heading ends the unit it appears in. Divisions (Chapter, Article, Tool...)
    always do. In an article, other headings never do: a model law's "Commentary" belongs to
    its article. A guide's paragraph ends at any heading; a paper's section at the next
    numbered one, or at an unnumbered heading as prominent as its own ("Annex",
    "Bibliography"), while a lesser one ("Promising practice", a box's title) stays in it."""
    if kind not in ("heading", "numbered", "lettered") or not state.article:
        return True
    if not is_labelled(state.article):
        return False
    if is_paragraph_unit(state.article) or kind != "heading":
        return True
    return level == 0 or unit_level == 0 or level <= unit_level


def _inside_unit(state: Segment, title: str) -> Segment:
    """A heading inside a unit: "Commentary" opens the article's commentary, others stay."""
    if _COMMENTARY.match(title) and _is_article(state):
        return replace(state, article=state.article + COMMENTARY, paragraph="")
    return state


def _classify_heading(block: Block, typographic: bool) -> tuple[str, str, str] | None:
    """(kind, number, title) when the block opens a division; None for body text.

    When the loader saw typography (Markdown, PDF fonts, HTML), only blocks it marked as
    headings qualify, so a paragraph that starts "Article 5 of the Convention..." stays body
    text. Plain text has no such evidence: a short line that does not read as a clause will do.
    """
    text = english_heading(block.text.strip())
    if _PREAMBLE.match(text):
        return ("preamble", "", "Preamble")
    if typographic and block.heading_level is None:
        return None
    if not typographic and (len(text) > _MAX_BARE_HEADING or text.endswith((";", ",", ":"))):
        return None
    for kind, pattern in _DIVISIONS.items():
        match = pattern.match(text)
        if match:
            return (kind, _normalise_number(match.group(1)), _clean_title(match.group(2)))
    if block.heading_level is None:
        return None
    for kind, pattern in (("numbered", _NUMBERED_HEADING), ("lettered", _LETTERED_HEADING)):
        match = pattern.match(text)
        if match:
            return (kind, match.group(1), _clean_title(match.group(2)))
    return ("heading", "", _clean_title(text))


def _enter(state: Segment, kind: str, number: str, title: str, numbered_paragraphs: bool) -> Segment:
    """The structural state after a heading: deeper levels reset, and the unit it opens."""
    label = f"{number}{'.' if kind == 'lettered' else ''} {title}".strip() if number else title
    if kind == "article":
        return replace(state, article=number, article_title=title, paragraph="")
    cleared = replace(state, article="", article_title="", paragraph="")
    if kind == "part":
        return replace(cleared, part=label, chapter="", section="")
    if kind in ("chapter", "pillar"):
        name = f"{kind.title()} {label}" if kind == "pillar" else label
        return replace(cleared, chapter=name, section="")
    if kind == "module":
        return replace(
            cleared, chapter=f"Module {label}", section="", article=f"Module {number}", article_title=title
        )
    if kind == "tool":
        return replace(cleared, section=f"Tool {label}", article=f"Tool {number}", article_title=title)
    if kind == "annex":
        return replace(cleared, annex=number or title, part="", chapter="", section="")
    unit = _guidance_unit(state, kind, number, numbered_paragraphs)
    return replace(cleared, section=label, article=unit, article_title=title if unit else "")


def _guidance_unit(state: Segment, kind: str, number: str, numbered_paragraphs: bool) -> str:
    """The unit a numbered or lettered heading opens: "section 2.3.1" in a paper,
    "Module 3, section B" in a manual; none in a guide, whose paragraphs are the units."""
    if numbered_paragraphs:
        return ""
    if kind == "numbered":
        return f"section {number}"
    module = re.match(r"Module (\d+)", state.chapter)
    if kind == "lettered" and module:
        return f"Module {module.group(1)}, section {number}"
    return ""


def _retitle(state: Segment, title: str) -> Segment:
    """Give the division just entered the title found on the heading's next line."""
    if state.article:
        return replace(state, article_title=title)
    for field_name in ("section", "chapter", "part"):
        value = getattr(state, field_name)
        if value:
            return replace(state, **{field_name: f"{value} {title}"})
    return state


def _is_title_line(blocks: tuple[Block, ...], index: int, typographic: bool) -> bool:
    """A heading with no words ("Article 8") takes its title from the next line if that reads
    as a title: marked as a heading by the loader, or, in plain text, short and unpunctuated."""
    if index >= len(blocks):
        return False
    block = blocks[index]
    if typographic:
        heading = _classify_heading(block, typographic) if block.heading_level is not None else None
        return heading is not None and heading[0] == "heading"
    text = block.text.strip()
    return (
        len(text) <= _MAX_BARE_TITLE
        and not text.endswith((".", ";", ":", ","))
        and _classify_heading(block, typographic) is None
        and _match_marker([], text) is None
    )


def _clean_title(title: str) -> str:
    return " ".join(title.split()).strip(" .:—-")


def _normalise_number(number: str) -> str:
    return " ".join(number.split())


def _push_marker(markers: list[tuple[int, str]], text: str) -> list[tuple[int, str]]:
    """Update the paragraph-marker stack with the marker opening `text`, if any."""
    found = _match_marker(markers, text)
    if found is None:
        return markers
    rank, value = found
    return [m for m in markers if m[0] < rank] + [(rank, value)]


def _match_marker(markers: list[tuple[int, str]], text: str) -> tuple[int, str] | None:
    for rank, pattern in _MARKERS:
        match = pattern.match(text)
        if not match or not match.group(1):
            continue
        value = match.group(1)
        if rank == _ROMAN_RANK and _continues_alphabet(markers, value):
            return (_ALPHA_RANK, value)
        return (rank, value)
    return None


def _continues_alphabet(markers: list[tuple[int, str]], value: str) -> bool:
    """'(i)' after '(h)' is the letter i, not roman one; likewise (v) after (u), (x) after (w)."""
    letters = [v for rank, v in markers if rank == _ALPHA_RANK]
    return bool(letters) and len(value) == 1 and ord(letters[-1][-1]) + 1 == ord(value)


def _label(markers: list[tuple[int, str]]) -> str:
    if not markers:
        return ""
    head, *rest = (value for _, value in markers)
    return head + "".join(f"({value})" for value in rest)
