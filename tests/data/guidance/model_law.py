"""Look-alike of a model law: front matter, chapters, articles in option groups, commentaries.

Article numbers are alphanumeric ("Article 5.A") and grouped under "Option A"/"Option B"
headings; each article's statutory text is followed by a bold "Commentary" saying whether the
provision is mandatory and which treaty article it implements. All wording is invented.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4

from tests.data.guidance._pdf import ContentsLine, Furniture, Story, Truth, roman
from tests.data.guidance._prose import pick, sentences

FILE = "model-law.pdf"
SPEC = {
    "id": "model-law-som",
    "title": "Model Provisions against the Smuggling of Migrants (synthetic look-alike)",
    "short_title": "Model Law on Smuggling (look-alike)",
    "kind": "model-law",
    "year": 2010,
    "authority": "Synthetic test fixture imitating a UNODC model law; invented text.",
}
PAGESIZE = A4
HEADER = "Model Provisions against the Smuggling of Migrants"
JOB_NUMBER = "V.10-52715 (E)"
BARCODE = "*1052715*"
DISCLAIMER = "This publication has not been formally edited."
PROTOCOL = "Smuggling of Migrants Protocol"
CONVENTION = "Organized Crime Convention"

#: (title, treaty article, paragraph reference, mandatory?) for the articles of one block.
PLAIN_ARTICLES = (
    ("Statement of purpose", 2, "", True),
    ("Interpretation", 1, ", paragraph 2", True),
    ("Use of terms", 3, "", True),
    ("Scope of application", 4, "", True),
)
OPTION_TITLES = ("Smuggling of migrants", "Smuggling for a benefit other than money",
                 "Preparatory conduct", "Smuggling by an organized group", "Facilitating illegal stay")  # fmt: skip
PROTECTION_TITLES = ("Non-liability of smuggled migrants", "Assistance to smuggled migrants")


def story(scale: int, contents: dict[str, int | str]) -> Story:
    truth = Truth(FILE, SPEC["id"], SPEC["kind"])
    s = Story(truth, "Times", contents)
    _front_matter(s, scale)
    s.furniture(Furniture(header=HEADER, footer="{n}", restart=True))
    chapter = 0
    article = 0
    for block in range(scale):
        if block == 0:
            chapter += 1
            _chapter(s, chapter, "General provisions")
            for title, treaty_article, paragraph, mandatory in PLAIN_ARTICLES:
                article += 1
                _article(s, str(article), title, treaty_article, paragraph, mandatory, article)
        chapter += 1
        _chapter(
            s,
            chapter,
            "Criminalization" if block == 0 else f"Criminalization: supplementary offences {block}",
        )
        article += 1
        _options(s, article, block)
        article += 1
        _article(s, str(article), "Aggravating circumstances", 6, ", paragraph 3", True, article)
        chapter += 1
        _chapter(s, chapter, "Protection and assistance" if block == 0 else f"Protection measures {block}")
        for offset, title in enumerate(PROTECTION_TITLES):
            article += 1
            _article(s, str(article), title, 5 + offset * 11, "", offset == 0, article)
    s.unit(None)
    s.page_break()
    s.furniture(Furniture())
    _back_cover(s)
    return s


def furniture(s: Story, printed: dict[int, str], pages: int) -> list[str]:
    return [HEADER, JOB_NUMBER, BARCODE]


def _front_matter(s: Story, scale: int) -> None:
    for line in ("UNITED NATIONS OFFICE ON DRUGS AND CRIME", "Vienna International Centre, PO Box 500",
                 "1400 Vienna, Austria", "Tel.: (+43-1) 26060-0, Fax: (+43-1) 26060-5866", "www.unodc.org"):  # fmt: skip
        s.para(line, "small")
    s.space(420)
    s.para(JOB_NUMBER, "small")
    s.para(BARCODE, "small")
    s.page_break()
    s.space(120)
    s.heading("UNITED NATIONS OFFICE ON DRUGS AND CRIME", "h2")
    s.space(40)
    s.heading("Model Provisions against the Smuggling of Migrants", "title")
    s.para("A synthetic publication prepared for testing document loaders.", "italic")
    s.page_break()
    s.space(360)
    s.para("© Fixture Publications, 2010. All rights reserved.", "small")
    s.para("The designations employed and the presentation of material in this publication do not imply the "
           "expression of any opinion whatsoever concerning the legal status of any country or territory.", "small")  # fmt: skip
    s.para(DISCLAIMER, "small")
    s.page_break()
    s.furniture(Furniture(header=HEADER, footer="{n}", restart=True, roman=True))
    s.heading("Contents", "h1")
    s.raw(ContentsLine("Introduction", _page(s, "intro")))
    for chapter in range(1, 2 * scale + 2):
        s.raw(ContentsLine(f"Chapter {roman(chapter)}", _page(s, f"chapter-{chapter}"), indent=12))
    s.page_break()
    s.heading("Introduction", "h1", mark="intro")
    for k in range(3):
        s.para(sentences(40 + k, 4))


def _page(s: Story, key: str) -> str:
    return str(s.contents.get(key, 0) or "00")


def _chapter(s: Story, number: int, title: str) -> None:
    s.unit(None)
    s.heading(f"Chapter {roman(number)}. {title}", "h1", mark=f"chapter-{number}")


def _options(s: Story, article: int, block: int) -> None:
    for group, letters in (("Option A", "ABC"), ("Option B", "DE")):
        s.unit(None)
        s.heading(group, "h2")
        for letter in letters:
            index = "ABCDE".index(letter)
            _article(s, f"{article}.{letter}", OPTION_TITLES[index], 6, ", paragraph 1 (a)",
                     letter in "AD", article * 10 + index + block)  # fmt: skip


def _article(
    s: Story, number: str, title: str, treaty: int, paragraph: str, mandatory: bool, seed: int
) -> None:
    label = f"Article {number}"
    s.unit(None)
    s.heading(f"{label} {title}", "h3")
    s.unit(label)
    s.para(f"(1) Any person who, in order to obtain a {pick(('financial', 'material'), seed)} or other benefit, "
           f"intentionally procures the conduct described below shall be liable to "
           f"[insert penalty] where the person:", "item")  # fmt: skip
    s.para(f"(a) arranges the illegal entry of another person into [insert name of State] by land, sea or air "
           f"on route {seed};", "subitem")  # fmt: skip
    fragment = f"provides transport or lodging on stage {seed} of the journey"
    s.para(f"(b) {fragment}, knowing that the person has no right to enter or remain; or", "subitem",
           pinpoint=(f"{label}(1)(b)", fragment))  # fmt: skip
    s.para("(c) produces or obtains a fraudulent travel or identity document for that purpose.", "subitem")
    s.para(f"(2) The [insert name of competent authority] shall keep a record of each prosecution brought "
           f"under this article and report it annually. {sentences(seed, 1)}", "item")  # fmt: skip
    s.unit(None)
    s.heading("Commentary", "h3")
    s.unit(f"{label}, Commentary")
    duty = "mandatory" if mandatory else "optional"
    s.para(f"Article {number} is {duty} for States parties. This provision implements article {treaty}"
           f"{paragraph}, of the Protocol, read together with article 5 of the {CONVENTION}. "
           f"{sentences(seed + 1, 2)}", links=(f"{PROTOCOL}, Article {treaty}", f"{CONVENTION}, Article 5"))  # fmt: skip
    anchor = f"drafting history of article {number}"
    note = s.note(f"See the interpretative material on the {anchor}, note {seed}, in the travaux of the "
                  "negotiating committee.", anchor)  # fmt: skip
    s.para(f"{sentences(seed + 2, 2)} The alternative wording in brackets reflects the {note} and may be "
           f"adapted to the legal tradition of the State. {sentences(seed + 3, 1)}")  # fmt: skip
    if seed % 2 == 0:
        s.para(f"National example: the criminal code of {pick(('Veltria', 'Caspery', 'Duvania'), seed)} "
               f"(section {seed}) uses similar language and adds {sentences(seed + 4, 1).lower()}")  # fmt: skip


def _back_cover(s: Story) -> None:
    s.space(560)
    s.para("Printed in the fixture workshop", "small")
    s.para(JOB_NUMBER, "small")
    s.para(BARCODE, "small")
