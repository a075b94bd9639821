"""Look-alike of a toolkit: stand-alone tools ("Tool 5") with numbered sections ("Tool 5.3").

Tools cross-refer ("see Tool 6.2") and carry "Promising practice" and "Recommended resources"
boxes; an annex reproduces a few invented treaty articles.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import LETTER

from tests.data.guidance._pdf import Furniture, Story, Truth
from tests.data.guidance._prose import STATES, pick, sentences

FILE = "toolkit.pdf"
SPEC = {
    "id": "toolkit-som",
    "title": "Toolkit to Combat Smuggling of Migrants (synthetic look-alike)",
    "short_title": "Toolkit (look-alike)",
    "kind": "guidance",
    "year": 2010,
    "authority": "Synthetic test fixture imitating a UNODC toolkit; invented text.",
}
PAGESIZE = LETTER
HEADER = "Toolkit to Combat Smuggling of Migrants"
PROTOCOL = "Smuggling of Migrants Protocol"
CONVENTION = "Organized Crime Convention"
TOOL_TITLES = ("Legislative framework", "Criminal justice response", "Protection and assistance",
               "Prevention")  # fmt: skip
SECTION_TITLES = ("Overview", "Definitions in national law", "Jurisdiction", "Investigative techniques")


def story(scale: int, contents: dict[str, int | str]) -> Story:
    truth = Truth(FILE, SPEC["id"], SPEC["kind"])
    s = Story(truth, "Helvetica", contents)
    s.space(180)
    s.heading("Toolkit to Combat Smuggling of Migrants", "title")
    s.para("A synthetic look-alike written for testing; tools and practices are invented.", "italic")
    s.page_break()
    tools = 3 * scale
    for tool in range(4, 4 + tools):
        _tool(s, tool, tools)
    _annex(s)
    return s


def furniture(s: Story, printed: dict[int, str], pages: int) -> list[str]:
    return [HEADER]


def _tool(s: Story, tool: int, tools: int) -> None:
    s.unit(None)
    s.page_break()
    s.furniture(Furniture(header=HEADER, footer="{n}"))
    s.heading(f"Tool {tool} {pick(TOOL_TITLES, tool)}", "h1")
    s.unit(f"Tool {tool}")
    other = 4 + (tool - 3) % tools
    s.para(f"Tool {tool} gathers what practitioners need on {pick(TOOL_TITLES, tool).lower()}; for related "
           f"measures see Tool {other}.2. {sentences(tool, 2)}")  # fmt: skip
    for section, title in enumerate(SECTION_TITLES, start=1):
        label = f"Tool {tool}.{section}"
        s.unit(None)
        s.heading(f"{label} {title}", "h2")
        s.unit(label)
        seed = tool * 5 + section
        links: tuple[str, ...] = ()
        text = f"This section, {label}, addresses {title.lower()}. {sentences(seed, 3)}"
        if section in (2, 4):
            text += f" Article 3 of the {PROTOCOL} and article 2 of the {CONVENTION} supply the terms."
            links = (f"{PROTOCOL}, Article 3", f"{CONVENTION}, Article 2")
        s.para(text, links=links)
        s.para(f"{sentences(seed + 1, 3)} (see Tool {other}.{section}).")
        if section == 3:
            s.box("Promising practice", [
                f"{pick(STATES, seed)} set up a joint desk of police and prosecutors for smuggling cases at "
                "its main port.",
                f"{sentences(seed + 2, 2)} The desk cut the average investigation time by a third.",
            ])  # fmt: skip
        if section == 4:
            s.box("Recommended resources", [
                f"Fixture Handbook on {title}, second edition, chapter {tool}.",
                "Practice notes of the fictional regional network of prosecutors, issues 3 to 9.",
            ], shade="#F2F2E6")  # fmt: skip


def _annex(s: Story) -> None:
    s.unit(None)
    s.page_break()
    s.heading("Annex. Selected treaty provisions (invented wording)", "h1")
    for article, title in ((3, "Use of terms"), (6, "Criminalization"), (16, "Protection and assistance")):
        s.heading(f"Article {article}", "h3")
        s.heading(title, "h3")
        s.para(f"1. Each State Party shall adopt measures on {title.lower()} consistent with this article.")
        s.para("2. Nothing in this article shall affect the rights of smuggled persons under other law.")
