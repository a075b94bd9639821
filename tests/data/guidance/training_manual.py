"""Look-alike of a training manual: module booklets bound in one PDF.

Each module restarts with a cover, a copyright page repeating the same disclaimer, and page
numbers from 1. Bullets are dingbat glyphs, which text extraction turns into odd letters.
"""

from __future__ import annotations

from reportlab.lib.pagesizes import A4

from tests.data.guidance._pdf import Furniture, Story, Truth
from tests.data.guidance._prose import STATES, pick, sentences

FILE = "training-manual.pdf"
SPEC = {
    "id": "training-manual-som",
    "title": "Basic Training Manual on Investigating Migrant Smuggling (synthetic look-alike)",
    "short_title": "Training Manual (look-alike)",
    "kind": "manual",
    "year": 2010,
    "authority": "Synthetic test fixture imitating a UNODC training manual; invented text.",
}
PAGESIZE = A4
DISCLAIMER = "This publication has not been formally edited."
MANUAL = "Basic Training Manual on Investigating Migrant Smuggling"
PROTOCOL = "Smuggling of Migrants Protocol"
TOPICS = ("Concepts and categories of migrant smuggling", "Financial investigations",
          "Protection of smuggled migrants", "International cooperation")  # fmt: skip
#: ZapfDingbats "n" is a filled square; pypdf reads the glyph back as an odd character.
BULLET = '<font name="ZapfDingbats">n</font>'
SECTIONS = ("Learning objectives", "Legal framework", "Case study", "Checklist", "Exercise")


def story(scale: int, contents: dict[str, int | str]) -> Story:
    truth = Truth(FILE, SPEC["id"], SPEC["kind"])
    s = Story(truth, "Helvetica", contents)
    modules = 3 * scale
    for module in range(1, modules + 1):
        _module(s, module, pick(TOPICS, module - 1))
        if module < modules:
            s.page_break()
    return s


def furniture(s: Story, printed: dict[int, str], pages: int) -> list[str]:
    modules = len({u["unit"].split(",")[0] for u in s.truth.units})
    return [DISCLAIMER] + [_header(m) for m in range(1, modules + 1)]


def _header(module: int) -> str:
    return f"{MANUAL} \u2013 Module {module}"


def _module(s: Story, module: int, topic: str) -> None:
    s.unit(None)
    s.furniture(Furniture())
    s.space(200)
    s.heading(f"Module {module}", "title")
    s.heading(topic, "h1")
    s.page_break()
    s.space(380)
    s.para(
        "\u00a9 Fixture Publications. The boundaries and names shown do not imply official endorsement.",
        "small",
    )
    s.para(DISCLAIMER, "small")
    s.page_break()
    s.furniture(Furniture(header=_header(module), footer="{n}", restart=True))
    for letter, title in zip("ABCDE", SECTIONS, strict=True):
        s.unit(None)
        s.heading(f"{letter}. {title}", "h2")
        s.unit(f"Module {module}, section {letter}")
        _section(s, module, letter, title)


def _section(s: Story, module: int, letter: str, title: str) -> None:
    seed = module * 5 + "ABCDE".index(letter)
    if letter == "A":
        s.para(f"Module {module} introduces investigators to {pick(TOPICS, module - 1).lower()}. "
               f"{sentences(seed, 2)}")  # fmt: skip
        s.para("Objectives: On completing this module users will be able to:")
        for k in range(4):
            s.para(f"{BULLET} {pick(('explain', 'identify', 'apply', 'describe'), seed + k)} "
                   f"{sentences(seed + k, 1)[:-1].lower()};", "item")  # fmt: skip
    elif letter == "B":
        article = 6 + module % 4
        s.para(f"Investigators in module {module} work under article {article} of the {PROTOCOL}. "
               f"{sentences(seed, 3)}", links=(f"{PROTOCOL}, Article {article}",))  # fmt: skip
        s.box(f"Treaty extract: article {article}", [
            f"Each State Party shall take the measures needed to make the conduct described in article "
            f"{article} an offence under its law.",
            "Such measures shall apply whether or not the smuggled person has reached the destination.",
        ], shade="#E4ECF4")  # fmt: skip
        s.para(sentences(seed + 1, 3))
    elif letter == "C":
        state = pick(STATES, seed)
        s.para(f"The case study in module {module} follows a network moving people through {state}. "
               f"{sentences(seed, 4)}")  # fmt: skip
        s.para(sentences(seed + 2, 5))
    elif letter == "D":
        s.para(f"Before closing a file in module {module}, investigators should confirm each point below.")
        for k in range(5):
            s.para(f"{BULLET} {sentences(seed + k, 1)}", "item")
    else:
        s.para(f"Exercise {module}: in groups, draft an investigation plan for the scenario in section C, "
               f"applying article 8 of the {PROTOCOL}. {sentences(seed, 3)}", links=(f"{PROTOCOL}, Article 8",))  # fmt: skip
        s.para(sentences(seed + 3, 3))
