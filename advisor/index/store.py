"""Vector stores: where chunk embeddings live and are searched.

`VectorStore` is the small interface the rest of the advisor uses; backends register a factory
in `STORES` under the name `Settings.store` selects. The default backend is Chroma through
llama-index's `ChromaVectorStore`: embedded (`PersistentClient` in `index/chroma`) unless
`ADVISOR_CHROMA_HOST` points at a Chroma server.

chromadb 1.x errors become `StoreUnavailable` by type: opening the collection, a `ValueError`
("Could not connect": the client's check that a server answers), an httpx `TransportError`,
a `ChromaError` (e.g. the embedded store's path is a file) or an `OSError`; once open, an httpx
`TransportError` (the server refused, reset or timed out). Any other error is a bug.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict
from functools import cached_property
from typing import TYPE_CHECKING, Any, Protocol

import httpx

from advisor.config import Settings
from advisor.errors import ConfigError, StoreUnavailable
from advisor.models import Chunk

if TYPE_CHECKING:
    from llama_index.core.schema import TextNode
    from llama_index.vector_stores.chroma import ChromaVectorStore

log = logging.getLogger(__name__)

#: Chroma refuses larger batches in one call.
_BATCH = 1000


class VectorStore(Protocol):
    """Embeddings of chunks, keyed by chunk id, with their citation metadata."""

    def ids(self) -> set[str]: ...

    def embeddings(self, ids: Sequence[str]) -> dict[str, list[float]]: ...

    def upsert(self, chunks: Sequence[Chunk], vectors: dict[str, list[float]], doc: DocFields) -> None: ...

    def delete(self, ids: Iterable[str]) -> None: ...

    def search(
        self, vector: list[float], top_k: int, doc_ids: Sequence[str] = (), kinds: Sequence[str] = ()
    ) -> list[tuple[str, float]]: ...

    def count(self) -> int: ...


#: Document-level fields copied into every chunk's metadata (title, kind, source file...).
DocFields = dict[str, str]

STORES: dict[str, Callable[[Settings], VectorStore]] = {}


def register_store(
    name: str,
) -> Callable[[Callable[[Settings], VectorStore]], Callable[[Settings], VectorStore]]:
    def register(factory: Callable[[Settings], VectorStore]) -> Callable[[Settings], VectorStore]:
        STORES[name] = factory
        return factory

    return register


def open_store(settings: Settings) -> VectorStore:
    """The store `settings.store` names; `ConfigError` for an unknown name."""
    try:
        factory = STORES[settings.store]
    except KeyError as e:
        raise ConfigError(f"unknown store {settings.store!r}; known: {', '.join(STORES)}") from e
    return factory(settings)


def chunk_metadata(chunk: Chunk, doc: DocFields) -> dict[str, str | int]:
    """Flat metadata for one chunk (stores accept only scalars; '' stands for "none")."""
    fields = asdict(chunk)
    fields.pop("text")
    fields["paragraphs"] = ", ".join(chunk.paragraphs)
    fields["page_start"] = chunk.page_start or 0
    fields["page_end"] = chunk.page_end or 0
    fields["content_hash"] = chunk.content_hash
    return {**doc, **fields}


class ChromaStore:
    """Chroma collection behind llama-index's `ChromaVectorStore` (cosine space)."""

    def __init__(self, settings: Settings) -> None:
        collection = _open_collection(settings)
        _check_embed_model(collection, settings)
        self._collection = collection

    @cached_property
    def _vectors(self) -> ChromaVectorStore:
        """llama-index's view of the collection, made on first write or search: importing it
        takes seconds, which a re-ingest of unchanged files should not pay."""
        from llama_index.vector_stores.chroma import ChromaVectorStore

        return ChromaVectorStore(chroma_collection=self._collection)

    def ids(self) -> set[str]:
        return set(self._call(self._collection.get, include=[])["ids"])

    def embeddings(self, ids: Sequence[str]) -> dict[str, list[float]]:
        found: dict[str, list[float]] = {}
        for batch in _batches(list(ids)):
            got = self._call(self._collection.get, ids=batch, include=["embeddings"])
            found.update(zip(got["ids"], (list(map(float, e)) for e in got["embeddings"]), strict=True))
        return found

    def upsert(self, chunks: Sequence[Chunk], vectors: dict[str, list[float]], doc: DocFields) -> None:
        """Add new chunks; refresh the metadata of chunks already stored (same id, same vector)."""
        wanted = [chunk.id for chunk in chunks]
        present = {
            i
            for batch in _batches(wanted)
            for i in self._call(self._collection.get, ids=batch, include=[])["ids"]
        }
        nodes = [_node(chunk, vectors[chunk.id], doc) for chunk in chunks]
        fresh = [node for node in nodes if node.node_id not in present]
        kept = [node for node in nodes if node.node_id in present]
        for batch in _batches(fresh):
            self._call(self._vectors.add, batch)
        if kept:
            from llama_index.core.vector_stores.utils import node_to_metadata_dict

            for batch in _batches(kept):
                metadatas = [node_to_metadata_dict(n, remove_text=True) for n in batch]
                self._call(self._collection.update, ids=[n.node_id for n in batch], metadatas=metadatas)

    def delete(self, ids: Iterable[str]) -> None:
        for batch in _batches(list(ids)):
            self._call(self._vectors.delete_nodes, node_ids=batch)

    def search(
        self, vector: list[float], top_k: int, doc_ids: Sequence[str] = (), kinds: Sequence[str] = ()
    ) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity), best first."""
        from llama_index.core.vector_stores.types import VectorStoreQuery

        query = VectorStoreQuery(
            query_embedding=vector, similarity_top_k=top_k, filters=_filters(doc_ids, kinds)
        )
        result = self._call(self._vectors.query, query)
        # ChromaVectorStore reports exp(-distance); in cosine space distance = 1 - cosine.
        return [(i, 1.0 + _log(s)) for i, s in zip(result.ids or [], result.similarities or [], strict=True)]

    def count(self) -> int:
        return int(self._call(self._collection.count))

    @staticmethod
    def _call(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except httpx.TransportError as e:
            raise StoreUnavailable(f"Chroma is unreachable: {e}") from e


@register_store("chroma")
def _chroma(settings: Settings) -> VectorStore:
    return ChromaStore(settings)


def _open_collection(settings: Settings) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from chromadb.errors import ChromaError

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    try:
        if settings.chroma_host:
            client = chromadb.HttpClient(
                host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
            )
        else:
            settings.chroma_dir.mkdir(parents=True, exist_ok=True)
            client = chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)
        return client.get_or_create_collection(
            settings.collection,
            metadata={"hnsw:space": "cosine", "embed_model": settings.embed_space},
        )
    except (ValueError, httpx.TransportError, ChromaError, OSError) as e:
        where = (
            f"{settings.chroma_host}:{settings.chroma_port}" if settings.chroma_host else settings.chroma_dir
        )
        raise StoreUnavailable(f"cannot open Chroma at {where}: {e}") from e


def _check_embed_model(collection: Any, settings: Settings) -> None:
    """Vectors from two embedders, or from one model on two backends, are not comparable:
    refuse to mix them in one collection (`Settings.embed_space` names what built it)."""
    built_with = (collection.metadata or {}).get("embed_model")
    if built_with and built_with != settings.embed_space:
        multilingual = settings.embed_model == settings.multilingual_model
        switches = (
            "ADVISOR_MULTILINGUAL_BACKEND"
            if multilingual
            else "ADVISOR_EMBED_MODEL and ADVISOR_EMBED_BACKEND"
        )
        raise ConfigError(
            f"the index was built with embedding model {built_with!r}, not {settings.embed_space!r}: "
            f"use another --index / ADVISOR_COLLECTION, or set {switches} back"
        )


def _node(chunk: Chunk, vector: list[float], doc: DocFields) -> TextNode:
    from llama_index.core.schema import NodeRelationship, RelatedNodeInfo, TextNode

    return TextNode(
        id_=chunk.id,
        text=chunk.text,
        embedding=vector,
        metadata=chunk_metadata(chunk, doc),
        # llama-index stores the source node id under `doc_id`: make it our document id.
        relationships={NodeRelationship.SOURCE: RelatedNodeInfo(node_id=chunk.doc_id)},
    )


def _filters(doc_ids: Sequence[str], kinds: Sequence[str]) -> Any:
    from llama_index.core.vector_stores.types import FilterOperator, MetadataFilter, MetadataFilters

    filters = [
        MetadataFilter(key=key, value=list(values), operator=FilterOperator.IN)
        for key, values in (("doc_id", doc_ids), ("kind", kinds))
        if values
    ]
    return MetadataFilters(filters=filters) if filters else None


def _batches(items: list[Any]) -> Iterable[list[Any]]:
    for offset in range(0, len(items), _BATCH):
        yield items[offset : offset + _BATCH]


def _log(similarity: float) -> float:
    import math

    return math.log(similarity) if similarity > 0 else -1.0
