"""Classification items: "which provision applies?" and "smuggling or trafficking?"; and the
open questions of discussion sheets.

"Which provision applies?" stems are built from a provision's curated practitioner keywords
(`advisor/legal/data/provision_keywords.json`), or its title when it has none, with the
provisions of the same instrument as options. "Smuggling or trafficking?" stems are cut from
the two definitions themselves (Smuggling Protocol art. 3(a), Trafficking Protocol art. 3(a)):
the conduct, means and purpose each one names, so the key always rests on the text.
"""

from __future__ import annotations

import re

from advisor.models import QuizOption, unit_label
from advisor.trainer import forms
from advisor.trainer.items import (
    MODEL_ANSWER_CHARS,
    Context,
    Draft,
    clause_source,
    item,
    plain,
    source,
)
from advisor.trainer.selection import Clause, SelectedProvision

OPTIONS = 4
#: Keywords shown in a "which provision applies?" stem.
STEM_KEYWORDS = 3
SMUGGLING, TRAFFICKING = "smuggling of migrants", "trafficking in persons"
#: "the procurement, in order to obtain, directly or indirectly, BENEFIT, of ENTRY"
_SMUGGLING_PARTS = re.compile(
    r"^(the \w+), in order to obtain, directly or indirectly, (.+?), of (the .+)$", re.S
)
#: "ACTS of persons, by means of MEANS, for the purpose of exploitation"
_TRAFFICKING_PARTS = re.compile(
    r"^(the .+?) of persons, by means of (.+?), (for the purpose of exploitation)", re.S
)
_LIST_SPLIT = re.compile(r",\s*(?:or\s+)?|\s+or\s+(?=of\b)")
_SCENARIOS_PER_DEFINITION = 3
_WHICH_OFFENCE = f"Under the two Protocols' definitions, is this {SMUGGLING} or {TRAFFICKING}?"


def which_provision_items(ctx: Context, provisions: list[SelectedProvision]) -> list[Draft]:
    drafts = []
    for p in provisions:
        others = [q for q in ctx.library.of(p.record.doc_id) if q.key != p.key and q.annex == p.annex]
        if len(others) < OPTIONS - 1 or not p.clauses:
            continue
        chosen = ctx.rng.sample(others, OPTIONS - 1)
        stem = _applies_stem(ctx, p, chosen)
        if stem is None:
            continue
        labels = [unit_label(q.annex, q.article) for q in [p, *chosen]]
        options = [QuizOption(text=label, correct=label == labels[0]) for label in labels]
        ctx.rng.shuffle(options)
        first = next((c for c in p.clauses if len(c.text) >= 60 and not c.text.endswith(":")), p.clauses[0])
        excerpt = forms.shortened(plain(first.text), 300)
        title = f" ({p.title})" if p.title else ""
        feedback = f"{labels[0]}{title} of the {p.record.label}: “{excerpt}”"
        draft = item(
            "classification", stem, labels[0], clause_source(p, first), options=options, feedback=feedback
        )
        drafts.append(Draft(draft, [excerpt.removesuffix(" …")]))
    return drafts


def _applies_stem(ctx: Context, p: SelectedProvision, others: list[SelectedProvision]) -> str | None:
    """Keywords of `p` that none of the other options' keywords or titles contain."""
    keywords = ctx.keywords.get(p.record.doc_id, {}).get(p.article, "") if not p.annex else ""
    if keywords:
        taken = " ".join(
            ctx.keywords.get(q.record.doc_id, {}).get(q.article, "") + " " + q.title for q in others
        ).lower()
        own = [k.strip() for k in keywords.split(",") if k.strip() and k.strip().lower() not in taken]
        if len(own) >= STEM_KEYWORDS:
            picked = ctx.rng.sample(own, STEM_KEYWORDS)
            return (
                f"A case file mentions: {'; '.join(picked)}. Which provision of the {p.record.label} applies?"
            )
    if p.title:
        return f"Which provision of the {p.record.label} deals with {p.title[0].lower()}{p.title[1:]}?"
    return None


def smuggling_or_trafficking_items(ctx: Context, provisions: list[SelectedProvision]) -> list[Draft]:
    """Only when both definitions are indexed and the selection holds one of them."""
    found = {term: hit for term in (SMUGGLING, TRAFFICKING) if (hit := _definition(ctx, term))}
    if len(found) < 2 or not any(p.key == hit[0].key for hit in found.values() for p in provisions):
        return []
    options = {
        term: f"{term.capitalize()} ({hit[0].record.label}, {hit[0].pinpoint(hit[1])})"
        for term, hit in found.items()
    }
    drafts = []
    for term, (p, clause, definition) in found.items():
        for frame, scenario in _scenarios(ctx, term, definition.text):
            stem = f"{frame}{scenario}. {_WHICH_OFFENCE}"
            choices = [QuizOption(text=text, correct=t == term) for t, text in options.items()]
            defined = f"defines “{definition.term}” as “{plain(definition.text)}”"
            feedback = f"{p.pinpoint(clause)} of the {p.record.label} {defined}"
            src = source(p, definition.start, definition.end, clause.paragraph)
            drafts.append(
                Draft(
                    item("classification", stem, options[term], src, options=choices, feedback=feedback),
                    [scenario],
                )
            )
    return drafts


def _definition(ctx: Context, term: str) -> tuple[SelectedProvision, Clause, forms.Definition] | None:
    for doc in ctx.library.english_treaties:
        for p in ctx.library.of(doc):
            for clause in p.clauses:
                if (d := forms.definition_in(clause)) and d.term.lower() == term:
                    return p, clause, d
    return None


def _scenarios(ctx: Context, term: str, text: str) -> list[tuple[str, str]]:
    """Situations described in the definition's own words, each as (framing words, the
    definition's words): only the latter must be supported by the definition. None when the
    definition's wording is unfamiliar."""
    text = plain(text)
    if term == SMUGGLING and (m := _SMUGGLING_PARTS.match(text)):
        return [("Someone undertakes ", f"{m[1]} of {m[3]}, in order to obtain {m[2]}")]
    if term == TRAFFICKING and (m := _TRAFFICKING_PARTS.match(text)):
        acts = [a.strip() for a in _LIST_SPLIT.split(m[1].removeprefix("the ")) if a.strip()]
        means = [a.strip().removeprefix("of ") for a in _LIST_SPLIT.split(m[2]) if a.strip()]
        pairs = [(a, b) for a in acts for b in means]
        picked = ctx.rng.sample(pairs, min(_SCENARIOS_PER_DEFINITION, len(pairs)))
        return [("A case involves ", f"the {a} of persons, by means of {b}, {m[3]}") for a, b in picked]
    return []


def open_items(ctx: Context, provisions: list[SelectedProvision]) -> list[Draft]:
    drafts = []
    for p in provisions:
        clauses = _leading_clauses(p)
        start, end = clauses[0].start, clauses[-1].end
        answer = plain(p.document_text[start:end])
        if len(answer) < 80:
            continue
        title = f" ({p.title})" if p.title else ""
        unit = unit_label(p.annex, p.article)
        question = (
            f"Discussion: what does {unit}{title} of the {p.record.label} provide, "
            "and what does it ask of practitioners?"
        )
        feedback = f"Model answer quoted from {unit} of the {p.record.label}."
        src = source(p, start, end, clauses[0].paragraph if len(clauses) == 1 else "")
        drafts.append(Draft(item("open", question, answer, src, feedback=feedback), [answer]))
    return drafts


def _leading_clauses(p: SelectedProvision) -> list[Clause]:
    """Whole clauses from the provision's start, up to `MODEL_ANSWER_CHARS` (at least one)."""
    taken = [p.clauses[0]]
    for clause in p.clauses[1:]:
        if clause.end - taken[0].start > MODEL_ANSWER_CHARS:
            break
        taken.append(clause)
    return taken
