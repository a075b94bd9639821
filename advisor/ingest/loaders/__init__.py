"""Document loaders: one module per file format, chosen by suffix through a small registry.

`load_document` is the entry point: it picks the loader, names the result from the manifest
(or from the file when there is no manifest entry) and fingerprints the bytes. Adding a format
is a new module with a `Loader` class and one `register` call, not another `elif`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from advisor.config import Settings
from advisor.corpus.manifest import DocumentSpec
from advisor.errors import DocumentError
from advisor.ingest.loaders.base import Block, LoadedDocument, LoadedText, Loader
from advisor.ingest.loaders.cleaning import prettify_stem, read_bytes
from advisor.ingest.loaders.html import HtmlLoader
from advisor.ingest.loaders.markdown import MarkdownLoader
from advisor.ingest.loaders.ocr import ocr_reader
from advisor.ingest.loaders.pdf import PdfLoader
from advisor.ingest.loaders.text import TextLoader

__all__ = [
    "Block",
    "LoadedDocument",
    "LoadedText",
    "Loader",
    "LoaderRegistry",
    "default_registry",
    "load_document",
    "supported_suffixes",
]

#: What a document is when no manifest says otherwise: the weakest authority.
DEFAULT_KIND = "guidance"
#: Said of a file no manifest lists (e.g. an upload): we cannot vouch for what it is.
UNLISTED_AUTHORITY = "Not in the official manifest: its source and authority are not verified."


class LoaderRegistry:
    """Maps lower-case suffixes (".pdf") to the loader that reads them."""

    def __init__(self, loaders: Iterable[Loader] = ()) -> None:
        self._by_suffix: dict[str, Loader] = {}
        for loader in loaders:
            self.register(loader)

    def register(self, loader: Loader) -> None:
        """Add (or replace) the loader for each of its suffixes."""
        for suffix in loader.suffixes:
            self._by_suffix[suffix.lower()] = loader

    @property
    def suffixes(self) -> tuple[str, ...]:
        return tuple(sorted(self._by_suffix))

    def loader_for(self, path: Path) -> Loader:
        loader = self._by_suffix.get(path.suffix.lower())
        if loader is None:
            shown = path.suffix or "(none)"
            raise DocumentError(
                f"{path}: unsupported file type {shown}; supported: {', '.join(self.suffixes)}"
            )
        return loader


def default_registry(settings: Settings | None = None) -> LoaderRegistry:
    """A fresh registry with the built-in formats (no shared mutable state between callers);
    PDF pages with a garbled text layer are read by OCR as `settings` say (no settings: never)."""
    ocr = ocr_reader(settings) if settings is not None else None
    return LoaderRegistry([PdfLoader(ocr), MarkdownLoader(), HtmlLoader(), TextLoader()])


def supported_suffixes() -> tuple[str, ...]:
    """Suffixes the built-in loaders read, e.g. for `advisor ingest` to filter a folder."""
    return default_registry().suffixes


def load_document(
    path: Path,
    spec: DocumentSpec | None = None,
    registry: LoaderRegistry | None = None,
) -> LoadedDocument:
    """Read one file into a `LoadedDocument`; any defect is a one-line `DocumentError`."""
    path = Path(path)
    loader = (registry or default_registry()).loader_for(path)
    data = read_bytes(path)
    if not data.strip():
        raise DocumentError(f"{path}: empty file")
    loaded = loader.load(path)
    if not loaded.text:
        raise DocumentError(f"{path}: no text found")
    spec = spec or DocumentSpec(
        id=path.stem,
        title=loaded.title or prettify_stem(path.stem),
        kind=DEFAULT_KIND,
        authority=UNLISTED_AUTHORITY,
    )
    return LoadedDocument(
        doc_id=spec.id,
        title=spec.title,
        kind=spec.kind,
        source_path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        text=loaded.text,
        blocks=loaded.blocks,
        page_offsets=loaded.page_offsets,
        short_title=spec.short_title,
        year=spec.year,
        authority=spec.authority_note,
        url=spec.url,
        metadata=loaded.metadata,
        language=spec.language,
        edition_of=spec.edition_of,
    )
