"""Grounded quizzes without a language model: select provisions, draft items from their legal
structure, keep those the verifier finds faithful to their quotes, drop near-duplicates.

Deterministic for a seed: the drafts are built in document order, shuffled by one
`random.Random(seed)`, and taken type by type in turn until `n` are kept, so the same seed over
the same index gives byte-identical JSON.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import get_args

from rapidfuzz import fuzz

from advisor.answering.verify import Verifier
from advisor.errors import InvalidSelection
from advisor.models import DroppedItem, ItemType, Quiz, QuizItem
from advisor.pipeline import Advisor
from advisor.retrieval.headnotes import load_keywords
from advisor.retrieval.questions import check_question
from advisor.trainer import classification, items
from advisor.trainer.selection import (
    TOPIC_PROVISIONS,
    ProvisionLibrary,
    Scope,
    SelectedProvision,
    select_in_document,
)

log = logging.getLogger(__name__)

ITEM_TYPES: tuple[ItemType, ...] = get_args(ItemType)
#: Items whose question and key together are this similar (rapidfuzz ratio) to a kept one ask
#: the same thing: "What must each State Party adopt?" twice from two language editions.
DUPLICATE_RATIO = 90

Builder = Callable[[items.Context, list[SelectedProvision]], list[items.Draft]]
BUILDERS: dict[ItemType, list[Builder]] = {
    "definition": [items.definition_items],
    "obligation": [items.obligation_items],
    "true-false": [items.true_false_items],
    "multiple-choice": [items.multiple_choice_items],
    "classification": [classification.smuggling_or_trafficking_items, classification.which_provision_items],
    "open": [classification.open_items],
}


@dataclass(frozen=True)
class QuizSpec:
    scope: Scope = field(default_factory=Scope)
    n: int = 20
    types: tuple[ItemType, ...] = ITEM_TYPES
    seed: int = 0


def parse_types(text: str | Sequence[str] | None) -> tuple[ItemType, ...]:
    """ "definition,true-false" → the item types; `InvalidSelection` naming the known ones."""
    if not text:
        return ITEM_TYPES
    names = [t.strip() for t in (text.split(",") if isinstance(text, str) else text) if t.strip()]
    unknown = [t for t in names if t not in ITEM_TYPES]
    if unknown or not names:
        raise InvalidSelection(
            f"unknown item type {', '.join(unknown) or '(none)'}: use {', '.join(ITEM_TYPES)}"
        )
    return tuple(t for t in ITEM_TYPES if t in names)  # type: ignore[misc]


def select_provisions(advisor: Advisor, library: ProvisionLibrary, scope: Scope) -> list[SelectedProvision]:
    """The scope's provisions: a topic's retrieved ones (within --doc, articles, chapter if
    given), else those of one document (the default instrument when none is named)."""
    if not scope.topic:
        return select_in_document(library, scope.doc or advisor.settings.default_instrument, scope)
    topic = check_question(scope.topic, advisor.settings.max_question_chars)
    filters = advisor.filters([scope.doc] if scope.doc else [])
    retrieval = advisor.retriever.retrieve(topic, filters, top_k=TOPIC_PROVISIONS)
    found = [p for hit in retrieval.provisions if (p := library.find(hit.key)) and p.clauses]
    if scope.articles or scope.chapter:
        allowed = {
            q.key
            for doc in dict.fromkeys(p.record.doc_id for p in found)
            for q in _within(library, doc, scope)
        }
        found = [p for p in found if p.key in allowed]
    if not found:
        raise InvalidSelection(f"no provision found for the topic {scope.topic!r} in the selection")
    return found


def _within(library: ProvisionLibrary, doc_id: str, scope: Scope) -> list[SelectedProvision]:
    try:
        return select_in_document(library, doc_id, scope)
    except InvalidSelection:
        return []


def generate_quiz(advisor: Advisor, spec: QuizSpec) -> Quiz:
    if not 1 <= spec.n <= 100:
        raise InvalidSelection(f"a quiz has 1 to 100 items, not {spec.n}")
    library = ProvisionLibrary(advisor.catalog, advisor.documents)
    provisions = select_provisions(advisor, library, spec.scope)
    rng = random.Random(spec.seed)
    context = items.Context(library, advisor.instruments, load_keywords(advisor.settings.keywords_path), rng)
    queues = {kind: _drafts(context, kind, provisions) for kind in spec.types}
    verifier = Verifier(
        advisor.embedder, advisor.settings.verifier_threshold, advisor.settings.verifier_lexical_share
    )
    kept: list[QuizItem] = []
    dropped: list[DroppedItem] = []
    for draft in _interleaved(queues, rng):
        if len(kept) == spec.n:
            break
        reason = _duplicate_of(draft.item, kept) or _unfaithful(verifier, draft)
        if reason:
            dropped.append(
                DroppedItem(
                    type=draft.item.type,
                    question=draft.item.question,
                    provision=_cited(draft.item),
                    reason=reason,
                )
            )
        else:
            kept.append(draft.item)
    log.info("quiz: %d items kept, %d dropped", len(kept), len(dropped))
    return Quiz(
        title=_title(spec.scope, provisions),
        seed=spec.seed,
        provisions=list(dict.fromkeys(p.label for p in provisions)),
        items=kept,
        dropped=dropped,
    )


def _drafts(context: items.Context, kind: ItemType, provisions: list[SelectedProvision]) -> list[items.Draft]:
    drafts = [d for build in BUILDERS[kind] for d in build(context, provisions)]
    context.rng.shuffle(drafts)
    return drafts


def _interleaved(queues: dict[ItemType, list[items.Draft]], rng: random.Random) -> list[items.Draft]:
    """One of each type in turn (the types' order shuffled), so a short quiz mixes them."""
    kinds = [k for k in queues if queues[k]]
    rng.shuffle(kinds)
    order = []
    for depth in range(max((len(q) for q in queues.values()), default=0)):
        order += [queues[k][depth] for k in kinds if depth < len(queues[k])]
    return order


def _duplicate_of(candidate: QuizItem, kept: list[QuizItem]) -> str:
    text = f"{candidate.question} {candidate.answer}".lower()
    for other in kept:
        if fuzz.ratio(text, f"{other.question} {other.answer}".lower()) >= DUPLICATE_RATIO:
            return f"near-duplicate of item {other.id}"
    return ""


def _unfaithful(verifier: Verifier, draft: items.Draft) -> str:
    """Every claim must be supported by the item's quote; no distractor may be."""
    quote = draft.item.source.quote
    for claim in draft.claims:
        support = verifier.support(claim, quote)
        if support < verifier.threshold:
            return f"key not supported by {_cited(draft.item)} (support {support:.2f} < {verifier.threshold})"
    for distractor in draft.distractors:
        support = verifier.support(distractor, quote)
        if support >= verifier.threshold:
            cited = _cited(draft.item)
            return f"a distractor is supported by {cited} (support {support:.2f}): a second correct option"
    return ""


def _cited(quiz_item: QuizItem) -> str:
    return f"{quiz_item.source.title}, {quiz_item.source.provision}"


def _title(scope: Scope, provisions: list[SelectedProvision]) -> str:
    if scope.topic:
        return f"Quiz: {scope.topic}"
    label = provisions[0].record.label
    where = [
        f"articles {scope.articles}" if scope.articles else "",
        f"chapter {scope.chapter}" if scope.chapter else "",
    ]
    return f"Quiz: {label}" + (f", {' and '.join(w for w in where if w)}" if any(where) else "")
