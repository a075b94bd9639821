"""The default answerer: no language model, so nothing can be said that a document does not say.

The answer is the best paragraphs of the best provisions, quoted verbatim, each with a numbered
citation, grouped by provision and led by a line naming the instruments and articles. When the
evidence is too weak (see `advisor.answering.abstain`), it says the documents do not cover the question
and lists the nearest provisions as "see also".
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby

from advisor.answering.abstain import AbstentionModel, Decision, decide
from advisor.answering.passages import Passage, PassageSelector, pinpoint, provision_of
from advisor.config import Settings
from advisor.legal.authority import is_binding
from advisor.legal.instruments import Instruments
from advisor.legal.languages import LANGUAGES, Language, language
from advisor.models import Answer, ProvisionKey, Reason, SeeAlso
from advisor.retrieval.candidates import ProvisionHit
from advisor.retrieval.followup import ResolvedQuestion
from advisor.retrieval.retriever import Retrieval

ABSTENTION = LANGUAGES["en"].abstention
#: A provision from an instrument outside the question's field is quoted beside the best only
#: if it scores within 3% of it, i.e. as well up to the noise of fused scores: an answer about
#: smuggling should not lean on UNCAC's extradition article because it came close.
_OUT_OF_FIELD_RATIO = 0.97
#: Nearest provisions listed when abstaining: enough to check for oneself, too few to read as
#: an answer.
_SEE_ALSO_PROVISIONS = 3


class ExtractiveAnswerer:
    mode = "extractive"
    condense = None

    def __init__(
        self,
        settings: Settings,
        selector: PassageSelector,
        instruments: Instruments,
        vocabulary: frozenset[str],
    ) -> None:
        self._settings = settings
        self.selector = selector
        self.instruments = instruments
        self.vocabulary = vocabulary
        self.abstention = AbstentionModel.load(settings.abstention_path)

    def answer(self, question: str, resolved: ResolvedQuestion, retrieval: Retrieval) -> Answer:
        decision, passages = self.prepare(question, retrieval)
        if decision.abstain:
            return abstention(question, resolved, retrieval, decision, self.instruments)
        return Answer(
            question=question,
            answer=compose(passages, language(retrieval.language)),
            citations=[p.citation(n) for n, p in enumerate(passages, start=1)],
            see_also=see_also(retrieval.provisions, {provision_of(p) for p in passages}, self.instruments),
            resolved_question=resolved.search_text,
            language=retrieval.language,
            confidence=decision.confidence,
        )

    def stream(
        self, question: str, resolved: ResolvedQuestion, retrieval: Retrieval
    ) -> Iterator[str | Answer]:
        """An extractive answer exists whole at once; it is sent line by line all the same."""
        answer = self.answer(question, resolved, retrieval)
        yield from answer.answer.splitlines(keepends=True)
        yield answer

    def prepare(self, question: str, retrieval: Retrieval) -> tuple[Decision, list[Passage]]:
        """Whether to abstain, and if not, the passages to answer from."""
        s = self._settings
        off_topic = s.off_topic_below if retrieval.language == "en" else s.multilingual_off_topic_below
        decision = decide(
            question, retrieval, self.vocabulary, self.abstention, off_topic, s.answer_provisions
        )
        if decision.abstain:
            return decision, []
        passages = self.evidence(retrieval, question)
        if not passages:
            reason = "no quotable passage was found"
            return Decision(True, reason, best_similarity=decision.best_similarity), []
        return decision, passages

    def evidence(self, retrieval: Retrieval, question: str) -> list[Passage]:
        """The passages an answer rests on, grouped by provision, best provision first."""
        passages: list[Passage] = []
        for provision in self._chosen(retrieval):
            passages += self.selector.passages(
                retrieval, provision, self._settings.quotes_per_provision, question
            )
        return passages

    def _chosen(self, retrieval: Retrieval) -> list[ProvisionHit]:
        """The best provision, and those scoring close to it or brought in for a legal reason.

        A provision from an instrument outside the question's field (UNCAC's extradition
        article in a smuggling case) must score as well as the best to be quoted beside it.
        """
        provisions = retrieval.provisions
        if not provisions:
            return []
        best = provisions[0].score
        chosen = []
        for p in provisions:
            ratio = self._settings.provision_ratio
            if retrieval.focus and p.key.doc_id not in retrieval.focus:
                ratio = max(ratio, _OUT_OF_FIELD_RATIO)
            if p is provisions[0] or p.score >= ratio * best or p.reason in (Reason.NAMED, Reason.BRIDGE):
                chosen.append(p)
        return chosen[: self._settings.answer_provisions]


def compose(passages: list[Passage], lang: Language = LANGUAGES["en"]) -> str:
    """Orientation line, then each provision's quotes with their citation numbers."""
    numbered = list(enumerate(passages, start=1))
    groups = [
        (heading, list(items)) for heading, items in groupby(numbered, key=lambda x: x[1].provision_heading)
    ]
    names = lang.join([_short_heading(items[0][1]) for _, items in groups])
    lines = [lang.lead.format(names=names)]
    for heading, items in groups:
        first = items[0][1]
        # What does not bind says so, so guidance is never read as the obligation.
        weight = "" if is_binding(first.kind) else f" [{lang.weight(first.kind)}]"
        lines.append("")
        lines.append(f"{heading}{weight}" + (f" ({first.reason})" if first.reason else "") + ":")
        lines += [f"[{n}] {p.provision}: “{p.quote}”" for n, p in items]
    return "\n".join(lines)


def abstention(
    question: str,
    resolved: ResolvedQuestion,
    retrieval: Retrieval,
    decision: Decision,
    instruments: Instruments,
) -> Answer:
    """ "Not covered", why, and the nearest provisions so the user can check for themselves."""
    nearest = see_also(retrieval.provisions[:_SEE_ALSO_PROVISIONS], set(), instruments)
    lang = language(retrieval.language)
    if decision.refused:
        return Answer(
            question=question,
            answer=lang.refusal,
            abstained=True,
            refused=True,
            resolved_question=resolved.search_text,
            language=retrieval.language,
        )
    text = f"{lang.abstention}: {decision.reason}."
    if nearest:
        text += f" {lang.see_also_note}"
    return Answer(
        question=question,
        answer=text,
        abstained=True,
        see_also=nearest,
        resolved_question=resolved.search_text,
        language=retrieval.language,
        confidence=decision.confidence,
    )


def see_also(
    provisions: list[ProvisionHit], quoted: set[ProvisionKey], instruments: Instruments
) -> list[SeeAlso]:
    """Retrieved provisions not quoted: related reading, with why they came up."""
    return [
        SeeAlso(
            doc_id=p.key.doc_id,
            title=instruments.label(p.key.doc_id),
            provision=pinpoint(p.key.annex, p.key.article, "", p.hits[0].chunk.section if p.hits else ""),
            article=p.key.article,
            reason=p.why,
        )
        for p in provisions
        if p.key not in quoted
    ]


def _short_heading(passage: Passage) -> str:
    where = pinpoint(passage.annex, passage.article, "", passage.section)
    return f"{passage.title}, {where}" if where else passage.title
