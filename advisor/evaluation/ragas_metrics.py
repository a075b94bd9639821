"""ragas metrics: the id- and string-based ones always, the LLM-judged ones with a judge.

Scored on answerable questions only (abstention has its own figures; ragas' answer relevancy
scores a correct abstention 0). Contexts are what each metric is about: for faithfulness the
quotes the answer cites, for context precision/recall the best chunk of each retrieved
provision. Ids are provision ids ("smuggling-protocol:8"), gold ones as reference.

A judge can fail on an item (timeout, unparseable output, NaN); each failure is counted per
metric with its reason, and a metric's value is the mean over the items it did score.
"""

from __future__ import annotations

import asyncio
import logging
import math
import os
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.evaluation.judge import Judge

log = logging.getLogger(__name__)

NON_LLM_METRICS = ("id_based_context_recall", "id_based_context_precision", "non_llm_string_similarity")
LLM_METRICS = (
    "faithfulness",
    "answer_relevancy",
    "llm_context_precision_with_reference",
    "context_recall",
    "factual_correctness",
)
#: The sample fields each metric reads; an item lacking one is skipped, not failed.
_NEEDS = {
    "id_based_context_recall": ("retrieved_context_ids", "reference_context_ids"),
    "id_based_context_precision": ("retrieved_context_ids", "reference_context_ids"),
    "non_llm_string_similarity": ("response", "reference"),
    "faithfulness": ("user_input", "response", "cited_contexts"),
    "answer_relevancy": ("user_input", "response"),
    "llm_context_precision_with_reference": ("user_input", "retrieved_contexts", "reference"),
    "context_recall": ("user_input", "retrieved_contexts", "reference"),
    "factual_correctness": ("response", "reference"),
}


#: Exception types from ragas/instructor/openai, by what they mean for the evaluation.
_FAILURE_KINDS = {
    "IncompleteOutputException": "truncated",
    "LLMDidNotFinishException": "truncated",
    "InstructorRetryException": "unparseable",
    "ValidationError": "unparseable",
    "RagasOutputParserException": "unparseable",
    "JSONDecodeError": "unparseable",
}


@dataclass
class RagasInput:
    """One answerable question as ragas sees it."""

    item_id: str
    user_input: str
    response: str
    reference: str
    retrieved_context_ids: list[str]
    reference_context_ids: list[str]
    retrieved_contexts: list[str]
    cited_contexts: list[str]


@dataclass
class RagasOutcome:
    scores: dict[str, dict[str, float]] = field(default_factory=dict)  # item → metric → value
    failures: dict[str, dict[str, str]] = field(default_factory=dict)  # item → metric → reason
    #: Metrics not run at all, with why (no judge, no embeddings).
    not_run: dict[str, str] = field(default_factory=dict)


def score_items(
    inputs: Sequence[RagasInput],
    judge: Judge | None,
    embedder_dir: Path,
    timeout_s: float,
    on_item: Callable[[], None] | None = None,
) -> RagasOutcome:
    """Every metric on every input, one metric call at a time (a local judge serves one)."""
    os.environ.setdefault("RAGAS_DO_NOT_TRACK", "true")  # ragas phones home otherwise; we are offline
    outcome = RagasOutcome()
    metrics = _non_llm_metrics()
    if judge is None:
        outcome.not_run = {name: "no judge given (--judge)" for name in LLM_METRICS}
    else:
        llm_metrics, outcome.not_run = _llm_metrics(judge, embedder_dir, timeout_s)
        metrics.update(llm_metrics)
    asyncio.run(_score_all(inputs, metrics, timeout_s, outcome, on_item))
    return outcome


async def _score_all(
    inputs: Sequence[RagasInput],
    metrics: dict[str, Any],
    timeout_s: float,
    outcome: RagasOutcome,
    on_item: Callable[[], None] | None,
) -> None:
    from ragas import SingleTurnSample

    for item in inputs:
        scores, failures = (
            outcome.scores.setdefault(item.item_id, {}),
            outcome.failures.setdefault(item.item_id, {}),
        )
        for name, metric in metrics.items():
            if not all(getattr(item, f) for f in _NEEDS[name]):
                continue
            sample = SingleTurnSample(**_sample_fields(item, name))
            value, reason = await _score_one(metric, sample, timeout_s)
            if reason:
                failures[name] = reason
            else:
                scores[name] = round(value, 4)
        if on_item is not None:
            on_item()


async def _score_one(metric: Any, sample: Any, timeout_s: float) -> tuple[float, str]:
    """(value, "") or (nan, why it failed). Any judge error is an outcome to count, not a
    crash: a small judge fails often and in many ways (parse, validation, HTTP)."""
    try:
        value = await metric.single_turn_ascore(sample, timeout=timeout_s)
    except TimeoutError:
        return math.nan, f"timeout: no score within {timeout_s:g} s"
    except Exception as e:  # any judge failure is counted with its reason (see above)
        log.debug("ragas %s failed: %r", metric.name, e)
        return math.nan, failure_reason(e)
    if value is None or math.isnan(float(value)):
        return math.nan, "nan: the judge's output gave no score"
    return float(value), ""


def failure_reason(error: BaseException) -> str:
    """The reason as "kind: detail", the kind being what a reader can act on: truncated (raise
    the judge's max tokens or use a better judge), unparseable, endpoint, or the type's name."""
    name = type(error).__name__
    kind = _FAILURE_KINDS.get(name) or ("endpoint" if name.startswith("API") else name)
    detail = str(error).strip().splitlines()[0][:160] if str(error).strip() else name
    return f"{kind}: {detail}"


def _sample_fields(item: RagasInput, metric: str) -> dict[str, Any]:
    fields = {f: getattr(item, f) for f in _NEEDS[metric]}
    if "cited_contexts" in fields:
        fields["retrieved_contexts"] = fields.pop("cited_contexts")
    return fields


def _non_llm_metrics() -> dict[str, Any]:
    with warnings.catch_warnings():
        # ragas 0.4 marks ragas.metrics.* deprecated in favour of ragas.metrics.collections,
        # which has no id-based metrics and no single_turn_ascore; these are still supported.
        warnings.simplefilter("ignore", DeprecationWarning)
        from ragas.metrics import IDBasedContextPrecision, IDBasedContextRecall, NonLLMStringSimilarity

    return {
        "id_based_context_recall": IDBasedContextRecall(),
        "id_based_context_precision": IDBasedContextPrecision(),
        "non_llm_string_similarity": NonLLMStringSimilarity(),
    }


def _llm_metrics(judge: Judge, embedder_dir: Path, timeout_s: float) -> tuple[dict[str, Any], dict[str, str]]:
    from openai import AsyncOpenAI
    from ragas.llms import llm_factory

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from ragas.metrics import (
            FactualCorrectness,
            Faithfulness,
            LLMContextPrecisionWithReference,
            LLMContextRecall,
            ResponseRelevancy,
        )

    client = AsyncOpenAI(
        base_url=judge.base_url, api_key=judge.api_key or "not-needed", timeout=timeout_s, max_retries=0
    )
    llm = llm_factory(
        judge.model, provider="openai", client=client, max_tokens=judge.max_tokens, max_retries=judge.attempts
    )
    metrics: dict[str, Any] = {
        "faithfulness": Faithfulness(llm=llm),
        "llm_context_precision_with_reference": LLMContextPrecisionWithReference(llm=llm),
        "context_recall": LLMContextRecall(llm=llm),
        "factual_correctness": FactualCorrectness(llm=llm),
    }
    embeddings, why_not = _local_embeddings(embedder_dir)
    if embeddings is None:
        return metrics, {"answer_relevancy": why_not}
    metrics["answer_relevancy"] = ResponseRelevancy(llm=llm, embeddings=embeddings)
    return dict(sorted(metrics.items(), key=lambda kv: LLM_METRICS.index(kv[0]))), {}


def _local_embeddings(model_dir: Path) -> tuple[Any | None, str]:
    """ragas' embeddings wrapper over our bundled sentence-transformers model (answer
    relevancy compares questions by embedding); None and the reason when it cannot load.

    ragas 0.4.3's own `HuggingfaceEmbeddings` cannot be instantiated (abstract async
    methods), so the model is reached through llama-index's HuggingFace embedding and
    ragas' llama-index wrapper, imported from `ragas.embeddings.base` (the re-export in
    `ragas.embeddings` only adds a deprecation warning)."""
    try:
        from llama_index.embeddings.huggingface import HuggingFaceEmbedding
        from ragas.embeddings.base import LlamaIndexEmbeddingsWrapper

        return LlamaIndexEmbeddingsWrapper(HuggingFaceEmbedding(model_name=str(model_dir), device="cpu")), ""
    except (ImportError, OSError, ValueError, TypeError) as e:  # TypeError: ragas API drift
        return None, f"skipped: the local embedder could not be loaded for ragas offline ({e})"


def ragas_summary(outcome: RagasOutcome, items: int) -> tuple[dict[str, float | None], dict[str, dict]]:
    """Per metric: the mean over scored items, and how many items were scored/failed/skipped."""
    from advisor.evaluation.metrics import mean

    values: dict[str, float | None] = {}
    counts: dict[str, dict] = {}
    for name in (*NON_LLM_METRICS, *LLM_METRICS):
        if name in outcome.not_run:
            counts[name] = {"run": False, "reason": outcome.not_run[name]}
            continue
        scored = [s[name] for s in outcome.scores.values() if name in s]
        reasons = [f[name] for f in outcome.failures.values() if name in f]
        values[name] = mean(scored)
        counts[name] = {
            "run": True,
            "scored": len(scored),
            "failed": len(reasons),
            "skipped": items - len(scored) - len(reasons),
            "failure_kinds": _kinds(reasons),
        }
    return values, counts


def _kinds(reasons: Sequence[str]) -> dict[str, int]:
    kinds: dict[str, int] = {}
    for reason in reasons:
        kind = reason.split(":")[0]
        kinds[kind] = kinds.get(kind, 0) + 1
    return kinds
