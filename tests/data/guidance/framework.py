"""Look-alike of a framework for action: pillars of decimal sections and long multi-column tables.

Each table runs over a page break and repeats its header row on the continuation page, as
real frameworks typeset them.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import LETTER

from tests.data.guidance._pdf import Furniture, Story, Truth
from tests.data.guidance._prose import AGENCIES, pick, sentences

FILE = "framework.pdf"
SPEC = {
    "id": "framework-som",
    "title": "International Framework for Action against Migrant Smuggling (synthetic look-alike)",
    "short_title": "Framework for Action (look-alike)",
    "kind": "guidance",
    "year": 2011,
    "authority": "Synthetic test fixture imitating a UNODC framework; invented text.",
}
PAGESIZE = LETTER
HEADER = "Framework for Action against Migrant Smuggling"
PROTOCOL = "Smuggling of Migrants Protocol"
PILLARS = ("Prosecution", "Protection", "Prevention", "Cooperation")
HEADER_ROW = ["Objective", "Measures", "Actors", "Indicators"]
SUBSECTIONS = ("Legislative measures", "Operational measures")


def story(scale: int, contents: dict[str, int | str]) -> Story:
    truth = Truth(FILE, SPEC["id"], SPEC["kind"])
    s = Story(truth, "Helvetica", contents)
    s.space(180)
    s.heading("International Framework for Action against Migrant Smuggling", "title")
    s.para("A synthetic look-alike written for testing; objectives and indicators are invented.", "italic")
    s.page_break()
    s.furniture(Furniture(header=HEADER, footer="{n}", restart=True))
    s.heading("Introduction", "h1")
    s.para(sentences(3, 4))
    for pillar in range(1, 4 * scale + 1):
        _pillar(s, pillar)
    return s


def furniture(s: Story, printed: dict[int, str], pages: int) -> list[str]:
    return [HEADER]


def _pillar(s: Story, pillar: int) -> None:
    s.unit(None)
    s.heading(f"Pillar {pillar}. {pick(PILLARS, pillar - 1)}", "h1")
    for sub, title in enumerate(SUBSECTIONS, start=1):
        label = f"section {pillar}.{sub}"
        s.unit(None)
        s.heading(f"{pillar}.{sub} {title}", "h2")
        s.unit(label)
        seed = pillar * 3 + sub
        article = pick(("6", "8", "10", "16"), seed)
        s.para(f"Under pillar {pillar}, {title.lower()} put article {article} of the {PROTOCOL} into practice. "
               f"{sentences(seed, 2)}", links=(f"{PROTOCOL}, Article {article}",))  # fmt: skip
        rows = [_row(pillar, sub, k) for k in range(9 if sub == 1 else 5)]
        s.table(HEADER_ROW, rows, (3, 4, 2, 3))


def _row(pillar: int, sub: int, k: int) -> list[str]:
    seed = pillar * 11 + sub * 5 + k
    return [
        f"{pillar}.{sub}.{k + 1} Objective on {pick(('legislation', 'capacity', 'data', 'victims', 'borders'), seed)}",
        sentences(seed, 2),
        pick(AGENCIES, seed).capitalize(),
        f"Number of {pick(('cases', 'officers trained', 'requests answered', 'laws amended'), seed)} per year",
    ]
