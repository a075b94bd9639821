"""The advisor's error vocabulary.

Each class is shown to the user as its message: the CLI prints it as one line with a non-zero
exit code (`advisor.cli.report`), the API maps it to an HTTP status in one table
(`advisor.api.errors.STATUS`), also inside a stream that has already started. Library errors
(chromadb, httpx, openai, xllamacpp, pypdf) are converted into these by exception type where
those libraries are called, with `raise ... from e`.

Every class lives here. The one exception is `advisor.corpus.transfer`'s two private
`FetchError`s, which only tell the download loop whether to retry or restart: they reach a user
as the `FetchError` they are, with its status and exit code.
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


class UnsupportedUpload(DocumentError):
    """An uploaded file is of a type the advisor cannot read (the message lists those it can)."""


class UploadTooLarge(DocumentError):
    """An uploaded file is over `max_upload_mb`."""


class DocumentConflict(DocumentError):
    """An upload would replace a document that was not uploaded through the API (an official one)."""


class StoreUnavailable(AdvisorError):
    """The vector store cannot be reached or opened (e.g. the Chroma server is down)."""


class IndexNotReady(AdvisorError):
    """No index exists yet at the configured location; run `advisor ingest` first."""


class UnknownDocument(AdvisorError):
    """A document id (or one of its provisions) is not in the index."""


class UnknownSession(AdvisorError):
    """A chat session id never existed, was deleted, or expired."""


class Unauthorized(AdvisorError):
    """A request that needs the API key came without one."""


class Forbidden(AdvisorError):
    """A request gave the wrong API key, or writes are disabled because the server has none."""


class InvalidQuestion(AdvisorError):
    """A question is empty, too long or otherwise unusable."""


class InvalidSelection(AdvisorError):
    """A quiz request is malformed (article range, item type, format) or selects no provision."""


class ExportUnavailable(AdvisorError):
    """A quiz was asked for in a file format this installation cannot write."""


class LLMUnavailable(AdvisorError):
    """The configured language model cannot be loaded or reached."""


class DatasetError(AdvisorError):
    """An evaluation dataset does not follow the documented schema."""
