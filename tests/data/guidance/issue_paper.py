"""Look-alike of an issue paper: roman front matter, decimal headings, many footnotes, a case box.

Body pages carry the short title as a running header and a "Page N of M" footer. Footnote
references are separate raised text objects, so pypdf reads each as a number on its own line in
the middle of a sentence; the loader must not leave it there.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4

from tests.data.guidance._pdf import ContentsLine, Furniture, Story, Truth
from tests.data.guidance._prose import STATES, pick, sentences

FILE = "issue-paper.pdf"
SPEC = {
    "id": "issue-paper-benefit",
    "title": "Issue Paper: The Element of Benefit in Migrant Smuggling (synthetic look-alike)",
    "short_title": "Issue Paper on Benefit (look-alike)",
    "kind": "issue-paper",
    "year": 2017,
    "authority": "Synthetic test fixture imitating a UNODC issue paper; invented text.",
}
PAGESIZE = A4
HEADER = "Issue Paper: The Element of Benefit in Migrant Smuggling"
FOOTER = "Page {n} of {total}"
PROTOCOL = "Smuggling of Migrants Protocol"
CONVENTION = "Organized Crime Convention"
#: (chapter title, [(section, [subsections])]) of one block of the body.
BLOCK = (
    ("THE ELEMENT OF BENEFIT", (("Drafting history", ()), ("Financial benefit", ()),
                               ("Other material benefit", ("Sexual services", "Benefits in kind")))),
    ("NATIONAL PRACTICE", (("Survey results", ()), ("Case studies", ()))),
)  # fmt: skip


def story(scale: int, contents: dict[str, int | str]) -> Story:
    truth = Truth(FILE, SPEC["id"], SPEC["kind"])
    s = Story(truth, "Helvetica", contents)
    _front_matter(s, scale)
    s.furniture(Furniture(header=HEADER, footer=FOOTER, restart=True))
    _chapter(s, 1, "INTRODUCTION", seed=1)
    _section(s, "1.1", "Purpose of the paper", 2)
    _section(s, "1.2", "Methodology", 3)
    chapter = 1
    for block in range(scale):
        for title, sections in BLOCK:
            chapter += 1
            _chapter(s, chapter, title if block == 0 else f"{title} ({block + 1})", seed=chapter * 7)
            for index, (section, subsections) in enumerate(sections, start=1):
                number = f"{chapter}.{index}"
                _section(s, number, section, chapter * 13 + index)
                if section == "Survey results":
                    _survey(s, chapter)
                if section == "Case studies":
                    _case_box(s, chapter)
                for sub, subsection in enumerate(subsections, start=1):
                    _section(s, f"{number}.{sub}", subsection, chapter * 17 + sub, "h3")
    chapter += 1
    _chapter(s, chapter, "CONCLUSIONS", seed=5)
    _annex(s)
    return s


def furniture(s: Story, printed: dict[int, str], pages: int) -> list[str]:
    body_pages = sorted({label for label in printed.values() if label.isdigit()}, key=int)
    total = len(body_pages)
    return [HEADER] + [FOOTER.format(n=n, total=total) for n in body_pages]


def _front_matter(s: Story, scale: int) -> None:
    s.furniture(Furniture(footer="{n}", restart=True, roman=True))
    s.space(160)
    s.heading("ISSUE PAPER", "h1")
    s.heading("The Element of Benefit in Migrant Smuggling", "title")
    s.para("A synthetic look-alike written for testing; the cases and figures are invented.", "italic")
    s.page_break()
    s.heading("Acknowledgements", "h2")
    s.para(sentences(60, 3))
    s.para("The opinions expressed are those of the fictional authors. This publication has not been formally "
           "edited.", "small")  # fmt: skip
    s.page_break()
    s.heading("Contents", "h1")
    s.raw(ContentsLine("1. INTRODUCTION", _page(s, "ch1")))
    for chapter in range(2, 2 + 2 * scale + 1):
        s.raw(ContentsLine(f"{chapter}. ...", _page(s, f"ch{chapter}")))
    s.page_break()


def _page(s: Story, key: str) -> str:
    return str(s.contents.get(key) or "00")


def _chapter(s: Story, number: int, title: str, seed: int) -> None:
    s.unit(None)
    s.heading(f"{number}. {title}", "h1", mark=f"ch{number}")
    s.unit(f"section {number}")
    s.para(f"This chapter, numbered {number}, examines {title.lower()} in the light of the questionnaire "
           f"replies. {sentences(seed, 3)}")  # fmt: skip


def _section(s: Story, number: str, title: str, seed: int, style: str = "h2") -> None:
    s.unit(None)
    s.heading(f"{number} {title}", style)
    s.unit(f"section {number}")
    anchor = f"as the replies on point {number} show"
    note = s.note(f"Questionnaire reply of {pick(STATES, seed)} on point {number}, on file with the fictional "
                  "secretariat.", anchor)  # fmt: skip
    text = f"Section {number} turns to {title.lower()}. {sentences(seed, 2)} The practice varies, {note}, across regions."
    text += f" Article 6 of the {PROTOCOL} requires the benefit element; article 2 states the purpose."
    s.para(text, links=(f"{PROTOCOL}, Article 6", f"{PROTOCOL}, Article 2"))
    s.para(f"{sentences(seed + 5, 4)}")
    s.para(f"{sentences(seed + 9, 3)}")


def _survey(s: Story, chapter: int) -> None:
    header = ["State", "Benefit element in law", "Definition of benefit", "Convictions (5 years)"]
    rows = [[pick(STATES, chapter + k), pick(("Yes", "No", "Partly"), chapter + k),
             pick(("Financial only", "Financial or material", "Any advantage"), chapter * 3 + k),
             str(4 + (chapter * 7 + k * 13) % 90)] for k in range(8)]  # fmt: skip
    s.table(header, rows, (2, 2, 3, 2))


def _case_box(s: Story, chapter: int) -> None:
    state = pick(STATES, chapter)
    s.box(f"Case {chapter + 1}: The ferry tickets of {state}", [
        f"A driver in {state} carried eleven migrants across the border in exchange for their ferry tickets, "
        "which he later resold.",
        f"The trial court held that the tickets were a material benefit. {sentences(chapter * 3, 6)} "
        f"{sentences(chapter * 3 + 2, 5)}",
        "On appeal, the conviction was upheld because the resale showed the driver acted for gain.",
    ])  # fmt: skip


def _annex(s: Story) -> None:
    s.unit(None)
    s.page_break()
    s.heading("ANNEX. SURVEY QUESTIONNAIRE", "h1")
    for k in range(1, 7):
        s.para(f"Question {k}. {sentences(70 + k, 1)}")
