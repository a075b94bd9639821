"""What one evaluated question leaves behind: a line of results.jsonl.

Every summary figure is computed from these records, so a surprising number can be traced to
the questions behind it.
"""

from __future__ import annotations

from pydantic import BaseModel

#: Cut-offs of hit@k and recall@k; the pipeline returns five provisions.
KS = (1, 3, 5)


class RankScores(BaseModel):
    """How a ranked list of provisions (ours or a baseline's) fares against the gold ones."""

    ranked: list[str]
    hit_at_1: float
    hit_at_3: float
    hit_at_5: float
    recall_at_1: float
    recall_at_3: float
    recall_at_5: float
    #: 1/rank of the first gold provision in the top five; 0 when none is there.
    reciprocal_rank: float


class CitationCheck(BaseModel):
    """Is a quote what the cited provision says, where it says it?"""

    n: int
    provision_id: str
    page: int | None
    expected_page: int | None
    verbatim: bool
    in_provision: bool

    @property
    def exact(self) -> bool:
        return self.verbatim and self.in_provision and self.page == self.expected_page


class SentenceScore(BaseModel):
    """Answer sentences checked by the verifier against the passages they cite."""

    checked: int = 0
    supported: int = 0
    source: str = ""


class ItemResult(BaseModel):
    id: str
    type: str
    answerable: bool
    language: str = "en"
    split: str = "tune"
    category: str | None = None
    question: str
    history_turns: int = 0
    resolved_question: str = ""
    answer: str = ""
    mode: str = ""
    abstained: bool = False
    refused: bool = False
    #: The answer's estimated probability that the documents answer it (None: not estimated).
    confidence: float | None = None
    error: str = ""
    gold: list[str] = []
    retrieval: RankScores | None = None
    baselines: dict[str, RankScores] = {}
    #: Per baseline, for answerable items: is a gold evidence span in the text it retrieved?
    baseline_evidence: dict[str, bool] = {}
    citations: list[CitationCheck] = []
    cites_gold: bool | None = None
    #: Answerable items: is the first cited provision a gold one (False when nothing is cited)?
    first_cited_gold: bool | None = None
    #: Answerable items: does a gold evidence span appear in the quotes (False when none)?
    evidence_quoted: bool | None = None
    #: Answerable items: is every gold evidence span in the indexed text of its provision?
    evidence_in_corpus: bool | None = None
    sentences: SentenceScore = SentenceScore()
    timings_ms: dict[str, float] = {}
    ragas: dict[str, float | None] = {}
    #: Why a ragas metric has no value for this item: "timeout", "parse error: ...", "nan".
    ragas_failures: dict[str, str] = {}
