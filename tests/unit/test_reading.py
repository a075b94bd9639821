"""Reading ahead of the embedder: same documents, same order, same errors as reading in line."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from advisor.corpus.sources import Source
from advisor.errors import DocumentError
from advisor.ingest.reading import Prepared, prepare, read_ahead

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "corpus"


def _sources(*names: str) -> list[Source]:
    return [Source(Path(name), None) for name in names]


def _read_or_fail(source: Source) -> Prepared:
    if source.path.name == "bad.md":
        raise DocumentError("bad.md: no text to index")
    if source.path.name == "bug.md":
        raise KeyError("a loader bug")
    return Prepared(doc=None, segments=[], chunks=[])  # type: ignore[arg-type]


@pytest.mark.parametrize("depth", [0, 1, 3])
def test_documents_come_in_the_order_given(depth: int) -> None:
    names = [f"{i}.md" for i in range(7)]
    got = [source.path.name for source, _ in read_ahead(_sources(*names), _read_or_fail, depth)]
    assert got == names


@pytest.mark.parametrize("depth", [0, 1])
def test_an_unreadable_document_is_handed_over_in_its_place(depth: int) -> None:
    got = list(read_ahead(_sources("a.md", "bad.md", "c.md"), _read_or_fail, depth))
    assert [s.path.name for s, _ in got] == ["a.md", "bad.md", "c.md"]
    assert isinstance(got[1][1], DocumentError)


@pytest.mark.parametrize("depth", [0, 1])
def test_a_loader_bug_is_raised_in_the_caller(depth: int) -> None:
    with pytest.raises(KeyError, match="a loader bug"):
        list(read_ahead(_sources("a.md", "bug.md", "c.md"), _read_or_fail, depth))


def test_stopping_early_stops_the_reader() -> None:
    items = read_ahead(_sources(*(f"{i}.md" for i in range(50))), _read_or_fail, depth=1)
    next(items)
    items.close()
    assert not any(t.name == "ingest-reader" for t in threading.enumerate())


def test_prepare_chunks_a_real_fixture_treaty(embedder) -> None:
    source = Source(FIXTURES / "pilots-protocol.md", None)
    prepared = prepare(source, embedder.count_tokens, max_tokens=256)
    assert {c.article for c in prepared.chunks} >= {"1", "2", "3", "4"}
