"""One gold question through the pipeline: run it as the server would, then score the run."""

from __future__ import annotations

from collections.abc import Sequence

from advisor.answering.verify import Verifier
from advisor.errors import AdvisorError
from advisor.evaluation.baselines import Baseline, baseline_query
from advisor.evaluation.citations import (
    SourceTexts,
    check_citation,
    cites_gold,
    evidence_in_corpus,
    evidence_quoted,
    first_cited_gold,
)
from advisor.evaluation.dataset import EvalItem, provision_id
from advisor.evaluation.faithfulness import sentence_score
from advisor.evaluation.metrics import rank_scores
from advisor.evaluation.ragas_metrics import RagasInput
from advisor.evaluation.results import ItemResult
from advisor.pipeline import Advisor, Run


def score_question(
    item: EvalItem, advisor: Advisor, baselines: Sequence[Baseline], sources: SourceTexts, verifier: Verifier
) -> tuple[ItemResult, RagasInput | None]:
    """The item's result line, and what ragas should score (answerable questions only).

    An error the advisor reports (e.g. a question it refuses) is recorded on the item and
    counted, not raised: one bad question must not lose the other results."""
    result = ItemResult(
        id=item.id, type=item.type, answerable=item.answerable, question=item.question,
        history_turns=len(item.history), gold=item.gold_ids, language=item.language, split=item.split,
        category=item.category,
    )  # fmt: skip
    query = baseline_query(item.question, [t.content for t in item.history])
    if item.answerable:
        result.evidence_in_corpus = evidence_in_corpus(item.gold, sources)
        evidence = [g.evidence for g in item.gold if g.evidence]
        for baseline in baselines:
            ranked = baseline.rank(query)
            result.baselines[baseline.name] = rank_scores(ranked.provisions, item.gold_ids)
            result.baseline_evidence[baseline.name] = evidence_quoted(ranked.texts, evidence)
    try:
        run = advisor.run(item.question, item.history)
    except AdvisorError as e:
        result.error, result.abstained = str(e), True
        return result, None
    _score_run(result, run, item, sources, verifier)
    return result, _ragas_input(item, run) if item.answerable else None


def _score_run(
    result: ItemResult, run: Run, item: EvalItem, sources: SourceTexts, verifier: Verifier
) -> None:
    answer = run.answer
    result.answer, result.mode, result.abstained = answer.answer, answer.mode, answer.abstained
    result.refused, result.confidence = answer.refused, answer.confidence
    result.resolved_question = run.resolved.search_text
    result.timings_ms = dict(answer.timings_ms)
    if item.answerable:
        result.retrieval = rank_scores(retrieved_ids(run), item.gold_ids)
    if not answer.abstained:
        result.citations = [check_citation(c, sources) for c in answer.citations]
        result.sentences = sentence_score(answer, verifier)
        if item.answerable:
            result.cites_gold = cites_gold(result.citations, item.gold_ids)
    if item.answerable:
        result.first_cited_gold = first_cited_gold(result.citations, item.gold_ids)
        quotes = [c.quote for c in answer.citations] if not answer.abstained else []
        result.evidence_quoted = evidence_quoted(quotes, [g.evidence for g in item.gold if g.evidence])


def retrieved_ids(run: Run) -> list[str]:
    return [
        provision_id(doc, article, annex) for doc, annex, article in (p.key for p in run.retrieval.provisions)
    ]


def _ragas_input(item: EvalItem, run: Run) -> RagasInput:
    """The retrieval's provisions are the top `Settings.top_k`, as many as a baseline's."""
    top = run.retrieval.provisions
    return RagasInput(
        item_id=item.id,
        user_input=run.resolved.search_text or item.question,
        response=run.answer.answer,
        reference=item.reference_answer,
        retrieved_context_ids=retrieved_ids(run),
        reference_context_ids=item.gold_ids,
        retrieved_contexts=[p.hits[0].chunk.text for p in top if p.hits],
        cited_contexts=[c.quote for c in run.answer.citations],
    )
