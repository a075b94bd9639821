"""Look-alike of a legislative guide's "Part Three": one run of numbered paragraphs.

Paragraphs are numbered 1..N through the Part; bold numbered sub-headings ("3. Mandatory
requirements") sit right before body paragraphs numbered the same way ("25. States must"),
told apart only by typography. Contents lists paragraph ranges whose dash is a drawn rule.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4

from tests.data.guidance._pdf import ContentsLine, Furniture, Story, Truth, roman
from tests.data.guidance._prose import pick, sentences

FILE = "legislative-guide.pdf"
SPEC = {
    "id": "legislative-guide-som",
    "title": "Legislative Guide, Part Three: the Smuggling of Migrants Protocol (synthetic look-alike)",
    "short_title": "Legislative Guide, Part Three (look-alike)",
    "kind": "guide",
    "year": 2004,
    "authority": "Synthetic test fixture imitating a UNODC legislative guide; invented text.",
}
PAGESIZE = A4
HEADER = "Legislative guide: Smuggling of Migrants Protocol"
PROTOCOL = "Smuggling of Migrants Protocol"
CONVENTION = "Organized Crime Convention"
SUBHEADINGS = ("Introduction", "Summary of main requirements", "Mandatory requirements",
               "Other measures, including optional issues")  # fmt: skip
#: (chapter title, [(section title, treaty article)]) repeated for every block.
CHAPTERS = (
    ("General provisions", (("Introduction", 1), ("Scope and use of terms", 4))),
    ("Criminalization", (("Smuggling offences", 6),)),
    ("Measures at sea", (("Boarding and search of vessels", 8),)),
    ("Protection and assistance", (("Protection of smuggled migrants", 16),)),
)


class _Numbering:
    """The Part's one paragraph counter."""

    def __init__(self) -> None:
        self.value = 0

    def next(self) -> int:
        self.value += 1
        return self.value


def story(scale: int, contents: dict[str, int | str]) -> Story:
    truth = Truth(FILE, SPEC["id"], SPEC["kind"])
    s = Story(truth, "Times", contents)
    s.space(150)
    s.heading("Part Three", "title")
    s.heading("Legislative guide for the implementation of the Protocol against the Smuggling of Migrants "
              "(synthetic look-alike)", "h1")  # fmt: skip
    s.page_break()
    s.heading("Contents", "h1")
    chapter = 0
    for _ in range(scale):
        for title, sections in CHAPTERS:
            chapter += 1
            s.raw(ContentsLine(f"{roman(chapter)}. {title}", _range(s, f"c{chapter}")))
            for letter, (section, _) in zip("ABCD", sections, strict=False):
                s.raw(ContentsLine(f"{letter}. {section}", _range(s, f"c{chapter}{letter}"), indent=14))
    s.raw(ContentsLine("Annex. Checklist for drafters", "00"))
    s.page_break()
    s.furniture(Furniture(header=HEADER, footer="{n}", restart=True))
    numbers = _Numbering()
    chapter = 0
    for block in range(scale):
        for title, sections in CHAPTERS:
            chapter += 1
            s.unit(None)
            s.heading(f"{roman(chapter)}. {title}", "h1")
            first = numbers.value + 1
            for letter, (section, article) in zip("ABCD", sections, strict=False):
                s.unit(None)
                s.heading(f"{letter}. {section}", "h2")
                start = numbers.value + 1
                if article in (6, 8, 16):
                    _with_subheadings(s, numbers, article, chapter + block)
                else:
                    for k in range(8):
                        _paragraph(s, numbers.next(), article, chapter * 5 + k)
                s.marks[f"c{chapter}{letter}"] = {"printed": f"{start}-{numbers.value}"}
            s.marks[f"c{chapter}"] = {"printed": f"{first}-{numbers.value}"}
    _annex(s)
    return s


def furniture(s: Story, printed: dict[int, str], pages: int) -> list[str]:
    return [HEADER]


def _range(s: Story, key: str) -> str:
    found = s.contents.get(key)
    return f"Paragraphs {found}" if found else "Paragraphs 00-00"


def _with_subheadings(s: Story, numbers: _Numbering, article: int, seed: int) -> None:
    for sub, heading in enumerate(SUBHEADINGS, start=1):
        s.unit(None)
        s.heading(f"{sub}. {heading}", "h3")
        for k in range(3 if sub != 3 else 5):
            number = numbers.next()
            if sub == 3 and k == 0:
                _quoting_paragraph(s, number, article)
            else:
                _paragraph(s, number, article, seed * 11 + sub * 3 + k)


def _paragraph(s: Story, number: int, article: int, seed: int) -> None:
    s.unit(f"para. {number}")
    duty = pick(("must", "may wish to", "should consider whether to", "are required to"), seed)
    text = (f"{number}. States {duty} review their legislation on point {number} of this Part. "
            f"{sentences(seed, 3)}")  # fmt: skip
    links: tuple[str, ...] = ()
    if seed % 3 == 0:
        text += f" Article {article} of the Protocol is relevant here, as is article 34 of the {CONVENTION}."
        links = (f"{PROTOCOL}, Article {article}", f"{CONVENTION}, Article 34")
    if seed % 4 == 1:
        anchor = f"reflected in the interpretative notes on paragraph {number}"
        note = s.note(f"The interpretative notes record that the drafters considered point {number} and "
                      "agreed it needs no separate provision (document F/99/123, para. 7).", anchor)  # fmt: skip
        text += f" This reading is {note}, which drafters should consult."
    s.para(text, links=links)


def _quoting_paragraph(s: Story, number: int, article: int) -> None:
    s.unit(f"para. {number}")
    s.para(f"{number}. Article {article} of the Protocol, which States must implement, reads in the part "
           f"relevant here:", links=(f"{PROTOCOL}, Article {article}",))  # fmt: skip
    s.para(f"\u201cEach State Party shall adopt such measures as may be necessary to establish as an offence "
           f"the conduct set forth in this article {article}, when committed intentionally and in order to "
           f"obtain a financial or other material benefit.\u201d", "quote")  # fmt: skip
    s.para(
        "The words \u201cfinancial or other material benefit\u201d should be transposed without narrowing "
        "them to cash payments alone."
    )


def _annex(s: Story) -> None:
    s.unit(None)
    s.page_break()
    s.heading("Annex. Checklist for drafters", "h1")
    for k in range(6):
        s.para(f"[ ] Has the law addressed item {k + 1}? {sentences(90 + k, 1)}")
