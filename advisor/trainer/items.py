"""Draft quiz items, one builder per item type, each resting on a verbatim clause.

A builder reads the legal structure only (no language model): definitions, obligations and
contrasts (`advisor.trainer.forms`), neighbouring and sibling provisions for distractors, the
curated provision keywords for "which provision applies?" stems. Each draft names the texts the
faithfulness check must find supported by its quote (`claims`) and those it must not
(`distractors`); `advisor.trainer.generate` runs that check.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from advisor.legal.authority import authority_label
from advisor.legal.instruments import Instruments
from advisor.models import ItemType, QuizItem, QuizOption, QuizSource
from advisor.trainer import forms
from advisor.trainer.selection import Clause, ProvisionLibrary, SelectedProvision

#: Option texts longer than this are cut at a clause boundary: a choice is read at a glance.
OPTION_CHARS = 260
#: Statements longer than this make poor true/false items (the change hides in the length).
STATEMENT_CHARS = 450
#: An open question's model answer: whole clauses up to about this length.
MODEL_ANSWER_CHARS = 1200
#: Distractors this similar to the key (rapidfuzz ratio / partial ratio, 0-100) could be read
#: as a second correct option and are not used.
DISTRACTOR_RATIO = 75
DISTRACTOR_PARTIAL = 90
#: Articles either side of a provision whose clauses make confusable distractors.
NEIGHBOURHOOD = 3
DISTRACTORS = 3


@dataclass
class Context:
    library: ProvisionLibrary
    instruments: Instruments
    keywords: dict[str, dict[str, str]]
    rng: random.Random


@dataclass
class Draft:
    item: QuizItem
    claims: list[str]
    distractors: list[str] = field(default_factory=list)


def source(p: SelectedProvision, start: int, end: int, paragraph: str) -> QuizSource:
    """The item's basis: `document text[start:end]`, cited to the paragraph it begins in."""
    return QuizSource(
        doc_id=p.record.doc_id,
        title=p.record.label,
        kind=p.record.kind,
        authority=authority_label(p.record.kind),
        provision=p.pinpoint(Clause(paragraph, start, end, "", None)),
        article=p.article,
        annex=p.annex,
        page=p.page(start),
        quote=p.document_text[start:end],
        start=start,
        end=end,
    )


def clause_source(p: SelectedProvision, clause: Clause) -> QuizSource:
    return source(p, clause.start, clause.end, clause.paragraph)


def item(kind: ItemType, question: str, answer: str, src: QuizSource, **more: object) -> QuizItem:
    digest = hashlib.sha1(f"{kind}|{question}|{src.provision}".encode()).hexdigest()[:10]
    return QuizItem(id=f"{kind}-{digest}", type=kind, question=question, answer=answer, source=src, **more)


def plain(text: str) -> str:
    return " ".join(text.split())


def where(p: SelectedProvision, clause: Clause) -> str:
    """ "Article 6(1) of the Smuggling of Migrants Protocol"."""
    return f"{p.pinpoint(clause)} of the {p.record.label}"


def definition_items(ctx: Context, provisions: list[SelectedProvision]) -> list[Draft]:
    drafts = []
    for p in provisions:
        for clause in p.clauses:
            if found := forms.definition_in(clause):
                answer = plain(found.text)
                question = f"What does “{found.term}” mean under the {p.record.label}?"
                feedback = f"{where(p, clause)} defines “{found.term}”."
                drafts.append(
                    Draft(
                        item("definition", question, answer, clause_source(p, clause), feedback=feedback),
                        [answer],
                    )
                )
    return drafts


def obligation_items(ctx: Context, provisions: list[SelectedProvision]) -> list[Draft]:
    drafts = []
    for p in provisions:
        for clause in p.clauses:
            duty = forms.obligation_in(clause)
            if duty is None:
                continue
            subject = (
                duty.subject
                if duty.subject.startswith("States")
                else duty.subject[0].lower() + duty.subject[1:]
            )
            subject = subject.removeprefix("The ").removeprefix("the ")
            topic = f" ({p.title})" if p.title else ""
            if duty.transitive:
                question = f"Under {where(p, clause)}{topic}, what must {subject} {duty.verb}?"
            else:
                question = f"Under {where(p, clause)}{topic}, what must {subject} do?"
            answer = plain(forms.body(clause))
            feedback = f"Model answer quoted from {p.pinpoint(clause)}: an obligation (“shall”)."
            drafts.append(
                Draft(
                    item("obligation", question, answer, clause_source(p, clause), feedback=feedback),
                    [answer],
                )
            )
    return drafts


def true_false_items(ctx: Context, provisions: list[SelectedProvision]) -> list[Draft]:
    drafts = []
    for p in provisions:
        for clause in p.clauses:
            statement = plain(forms.body(clause))
            if forms.definition_in(clause):  # "vessels may moor" describes; definition items ask it
                continue
            if not 40 <= len(statement) <= STATEMENT_CHARS or statement.endswith(":"):
                continue
            contrast = forms.contrast_in(statement)
            is_true = contrast is None or ctx.rng.random() < 0.5
            shown = statement if is_true or contrast is None else forms.falsified(statement, contrast)
            question = f"True or false? {_capital(where(p, clause))} provides: “{shown}”"
            if is_true or contrast is None:
                feedback = f"True: {p.pinpoint(clause)} reads “{statement}”"
            else:
                feedback = (
                    f"False ({contrast.name}): {p.pinpoint(clause)} says “{contrast.original}”, "
                    f"not “{contrast.changed}”: “{statement}”"
                )
            options = [
                QuizOption(text="True", correct=is_true),
                QuizOption(text="False", correct=not is_true),
            ]
            answer = "True" if is_true else "False"
            tf = item(
                "true-false", question, answer, clause_source(p, clause), options=options, feedback=feedback
            )
            drafts.append(Draft(tf, [statement]))
    return drafts


def multiple_choice_items(ctx: Context, provisions: list[SelectedProvision]) -> list[Draft]:
    return _definition_choices(ctx, provisions) + _provision_choices(ctx, provisions)


def _provision_choices(ctx: Context, provisions: list[SelectedProvision]) -> list[Draft]:
    drafts = []
    for p in provisions:
        pool = [[_option_text(c) for q in tier for c in q.clauses[:2]] for tier in _confusable(ctx, p)]
        for clause in p.clauses[:2]:
            correct = _option_text(clause)
            if len(correct) < 40:
                continue
            question = f"Which of these statements is made by {where(p, clause)}?"
            if draft := _choice(ctx, question, correct, pool, clause_source(p, clause), p.pinpoint(clause)):
                drafts.append(draft)
    return drafts


def _definition_choices(ctx: Context, provisions: list[SelectedProvision]) -> list[Draft]:
    drafts = []
    for p in provisions:
        found = [(c, d) for c in p.clauses if (d := forms.definition_in(c))]
        if not found:
            continue
        near, siblings = _confusable(ctx, p)
        pool = [
            [
                forms.shortened(d.text, OPTION_CHARS)
                for q in tier
                for c in q.clauses
                if (d := forms.definition_in(c))
            ]
            for tier in ([p, *near], siblings)
        ]
        for clause, definition in found:
            correct = forms.shortened(definition.text, OPTION_CHARS)
            question = f"Under the {p.record.label}, which of these is the meaning of “{definition.term}”?"
            if draft := _choice(ctx, question, correct, pool, clause_source(p, clause), p.pinpoint(clause)):
                drafts.append(draft)
    return drafts


def _choice(
    ctx: Context, question: str, correct: str, pool: list[list[str]], src: QuizSource, pin: str
) -> Draft | None:
    """A multiple-choice draft with `DISTRACTORS` options that cannot pass for the key, drawn
    from `pool`'s tiers in order (the same instrument's provisions before a sibling
    Protocol's, which a learner rules out by their subject alone)."""
    candidates = []
    for tier in pool:
        fresh = [d for d in dict.fromkeys(tier) if _distinct(d, correct) and d not in candidates]
        ctx.rng.shuffle(fresh)
        candidates += fresh
    chosen: list[str] = []
    for candidate in candidates:
        if all(_distinct(candidate, other) for other in chosen):
            chosen.append(candidate)
        if len(chosen) == DISTRACTORS:
            break
    if len(chosen) < DISTRACTORS:
        return None
    options = [QuizOption(text=correct, correct=True)] + [QuizOption(text=d, correct=False) for d in chosen]
    ctx.rng.shuffle(options)
    feedback = f"{pin} of the {src.title}: “{plain(src.quote)}”"
    mc = item("multiple-choice", question, correct, src, options=options, feedback=feedback)
    return Draft(mc, [correct.removesuffix(" …")], [d.removesuffix(" …") for d in chosen])


def _distinct(a: str, b: str) -> bool:
    """Neither text is a near-copy or a part of the other."""
    a_plain, b_plain = a.removesuffix(" …").lower(), b.removesuffix(" …").lower()
    return (
        fuzz.ratio(a_plain, b_plain) < DISTRACTOR_RATIO
        and fuzz.partial_ratio(a_plain, b_plain) < DISTRACTOR_PARTIAL
    )


def _option_text(clause: Clause) -> str:
    return forms.shortened(forms.first_sentence(plain(forms.body(clause))), OPTION_CHARS)


def _confusable(
    ctx: Context, p: SelectedProvision
) -> tuple[list[SelectedProvision], list[SelectedProvision]]:
    """Nearby articles of the same instrument, and the same article of sibling Protocols
    (those supplementing the same Convention)."""
    number = _number(p.article)
    near = [
        q
        for q in ctx.library.of(p.record.doc_id)
        if q.key != p.key
        and number is not None
        and (n := _number(q.article)) is not None
        and abs(n - number) <= NEIGHBOURHOOD
    ]
    parent = ctx.instruments.parent(p.record.doc_id)
    siblings = [
        q
        for doc in ctx.library.english_treaties
        if parent and doc != p.record.doc_id and ctx.instruments.parent(doc) == parent
        for q in ctx.library.of(doc)
        if q.article == p.article and q.annex == p.annex
    ]
    return near, siblings


def _capital(text: str) -> str:
    """ "section 2 of the Guide" opening a sentence."""
    return text[:1].upper() + text[1:]


def _number(article: str) -> int | None:
    return int(article) if article.isdigit() else None
