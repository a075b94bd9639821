"""Invented, legal-sounding prose about migrant smuggling, varied deterministically by a counter.

None of it is UNODC text: the sentences are written for these fixtures. Variation comes from
rotating through the pools with a seed, so a larger `scale` gives different-looking paragraphs
while the output stays byte-for-byte reproducible.
"""

from __future__ import annotations

STATES = ("Veltria", "Norrland Isles", "Caspery", "Duvania", "Oskaria", "Meridon", "Talvene", "Quorra")
AGENCIES = ("the border police", "the coast guard", "the prosecution service", "the labour inspectorate",
            "the financial intelligence unit", "the immigration service")  # fmt: skip
SENTENCES = (
    "The offence is complete once the smuggler has arranged the irregular entry, whether or not the migrant arrives.",
    "A State may extend the provision to conduct within its own territory without requiring a border crossing.",
    "Drafters should keep the financial or other material benefit as an element, so that humanitarian help stays outside the offence.",
    "Evidence of payment is rarely direct; investigators usually rely on intercepted messages and the ledgers of intermediaries.",
    "The migrant who was smuggled is a witness and a person in need of protection, not an accomplice to the offence.",
    "Courts in {state} have accepted that a single transfer of money may show the benefit the provision requires.",
    "{agency} in {state} reported {n} cases in which the same network organized several journeys in one season.",
    "Where the vessel is stateless, boarding may follow without the consent of another State, subject to the safeguards described below.",
    "The provision leaves the level of the penalty to national law but asks that it reflect the gravity of the conduct.",
    "Legislators often combine this measure with rules on the confiscation of vehicles and vessels used in the journey.",
    "Practitioners noted that joint investigation teams shortened the time needed to identify the organizers by several months.",
    "Nothing in the provision obliges a State to criminalize family members who help a relative to cross a border without gain.",
    "The list of aggravating circumstances is not closed; national drafters may add circumstances known in their own law.",
    "Travel documents obtained by bribery are treated in the same way as documents that were forged from the outset.",
    "A survey of {n} jurisdictions found that most had adopted the definition without changing its wording.",
    "In {state}, a specialized unit within {agency} now handles all requests for mutual legal assistance on smuggling.",
)
BENEFIT_TERMS = ("benefit", "payment", "advantage", "reward", "consideration", "gain")


def pick(pool: tuple[str, ...], seed: int) -> str:
    return pool[seed % len(pool)]


def sentences(seed: int, count: int) -> str:
    """`count` sentences starting at position `seed` in the pool, with placeholders filled."""
    out = []
    for i in range(count):
        k = seed * 7 + i * 3
        sentence = SENTENCES[k % len(SENTENCES)].format(
            state=pick(STATES, k), agency=pick(AGENCIES, k + seed), n=12 + (k * 5) % 70
        )
        out.append(capitalised(sentence))
    return " ".join(out)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
