"""The advisor's error vocabulary.

Each class is shown to the user as its message: the CLI prints it as one line with a non-zero
exit code (`advisor.cli`), the API maps it to an HTTP status in one exception handler
(`advisor.api`). Library errors (chromadb, pypdf, httpx) are converted into these where those
libraries are called, with `raise ... from e`.
"""

from __future__ import annotations


class AdvisorError(Exception):
    """Base class: anything the advisor reports to a user rather than crashing on."""


class ConfigError(AdvisorError):
    """A setting is invalid or inconsistent (e.g. the index was built with another embedder)."""


class ManifestError(AdvisorError):
    """A corpus manifest is missing, unreadable or malformed."""


class FetchError(AdvisorError):
    """A document could not be downloaded or copied from a mirror."""


class DocumentError(AdvisorError):
    """A file cannot be turned into text: encrypted, image-only, corrupt, empty or unsupported."""


class StoreUnavailable(AdvisorError):
    """The vector store cannot be reached or opened (e.g. the Chroma server is down)."""


class IndexNotReady(AdvisorError):
    """No index exists yet at the configured location; run `advisor ingest` first."""


class UnknownDocument(AdvisorError):
    """A document id (or one of its provisions) is not in the index."""


class InvalidQuestion(AdvisorError):
    """A question is empty, too long or otherwise unusable."""


class LLMUnavailable(AdvisorError):
    """The configured language model cannot be loaded or reached."""


class DatasetError(AdvisorError):
    """An evaluation dataset does not follow the documented schema."""
