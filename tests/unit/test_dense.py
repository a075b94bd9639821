"""English dense search in memory: the chunks Chroma would find, within the filters asked for."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from advisor.index.catalog import Catalog
from advisor.index.store import open_store
from advisor.index.vectors import ChunkVectors
from advisor.models import Filters, ProvisionKey
from advisor.retrieval.dense import MatrixSpace

QUESTIONS = [
    "Must lighthouses be kept lit at night?",
    "Can a pilot without a licence be extradited?",
    "What must a harbour master record?",
]


@pytest.fixture(scope="module")
def indexed(fixture_index):
    catalog = Catalog(fixture_index.catalog_path)
    return catalog.chunks(), {d.doc_id: d.kind for d in catalog.documents()}, open_store(fixture_index)


@pytest.fixture(scope="module")
def space(indexed) -> MatrixSpace:
    chunks, kinds, store = indexed
    return MatrixSpace(ChunkVectors.load(store, [c.id for c in chunks]), chunks, kinds)


@pytest.mark.parametrize("question", QUESTIONS)
def test_the_matrix_finds_the_chunks_chroma_finds(space, indexed, embedder, question):
    vector = embedder.embed_query(question)
    in_memory, chroma = space.search(vector, 5, Filters()), indexed[2].search(vector, 5)
    assert [i for i, _ in in_memory] == [i for i, _ in chroma]
    assert np.allclose([s for _, s in in_memory], [s for _, s in chroma], atol=1e-4)


def test_a_document_filter_keeps_to_that_document(space, indexed, embedder):
    chunks, _, store = indexed
    vector = embedder.embed_query(QUESTIONS[0])
    found = [i for i, _ in space.search(vector, 10, Filters(doc_ids=("harbour-convention",)))]
    doc_of = {c.id: c.doc_id for c in chunks}
    assert found and {doc_of[i] for i in found} == {"harbour-convention"}
    assert found == [i for i, _ in store.search(vector, 10, ["harbour-convention"])]


def test_a_kind_filter_keeps_to_that_kind(space, indexed, embedder):
    chunks, kinds, store = indexed
    kind = kinds["harbour-guide"]
    vector = embedder.embed_query(QUESTIONS[2])
    found = [i for i, _ in space.search(vector, 10, Filters(kinds=(kind,)))]
    kind_of = {c.id: kinds[c.doc_id] for c in chunks}
    assert found and {kind_of[i] for i in found} == {kind}
    assert found == [i for i, _ in store.search(vector, 10, kinds=[kind])]


def test_cosines_are_those_of_the_stored_vectors(space, indexed, embedder):
    chunks, _, store = indexed
    vector = embedder.embed_query(QUESTIONS[1])
    ids = [c.id for c in chunks[:4]]
    stored = store.embeddings(ids)
    expected = {i: float(np.dot(vector, stored[i])) for i in ids}
    assert space.cosines(vector, ids) == pytest.approx(expected, abs=1e-6)


def test_a_chunk_without_a_vector_is_never_found(indexed, embedder):
    chunks, kinds, store = indexed
    loaded = ChunkVectors.load(store, [c.id for c in chunks])
    present = loaded.present.copy()
    present[0] = False  # as if an ingest died before storing this chunk's vector
    space = MatrixSpace(ChunkVectors(loaded.chunk_ids, loaded.matrix, present), chunks, kinds)
    vector = embedder.embed_query(chunks[0].text)
    assert chunks[0].id not in {i for i, _ in space.search(vector, len(chunks), Filters())}
    assert space.cosines(vector, [chunks[0].id]) == {}


def test_a_provision_as_a_whole_is_the_normalised_mean_of_its_chunks(indexed, embedder):
    chunks, kinds, store = indexed
    # The fixture's articles fit one chunk each: read its first three chunks as one provision.
    key = chunks[0].provision
    merged = [replace(c, doc_id=key.doc_id, annex=key.annex, article=key.article) for c in chunks[:3]]
    ids = [c.id for c in merged]
    space = MatrixSpace(ChunkVectors.load(store, ids), merged, kinds)
    query = embedder.embed_query("What may a State Party do to a vessel carrying hazardous cargo?")
    vectors = np.array(list(store.embeddings(ids).values()))
    mean = vectors.mean(axis=0)
    expected = float(mean @ np.asarray(query) / np.linalg.norm(mean))
    assert space.provision_cosines(query, [key])[0] == pytest.approx(expected, abs=1e-5)


def test_a_provision_without_vectors_has_no_similarity(space, embedder):
    query = embedder.embed_query("lighthouses")
    assert space.provision_cosines(query, [ProvisionKey("nowhere", "", "1")]).tolist() == [0.0]
