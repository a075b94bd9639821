"""`load_document`: loader chosen by suffix, names from the manifest or the file, fingerprint."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from advisor.corpus.manifest import DocumentSpec
from advisor.errors import DocumentError
from advisor.ingest.loaders import (
    LoadedText,
    LoaderRegistry,
    default_registry,
    load_document,
    supported_suffixes,
)
from advisor.ingest.loaders.assemble import Piece, assemble

SOURCES = {
    "smuggling-protocol.md": "# Smuggling Protocol\n\nArticle text.\n\nMore text.\n",
    "page.html": "<html><body><h1>Page</h1><p>Article text.</p></body></html>",
    "note.txt": "Article text.\n\nMore text.\n",
}


class UpperCaseLoader:
    """A format added from outside the package: `.shout` files, read in capitals."""

    suffixes: tuple[str, ...] = (".shout",)

    def load(self, path: Path) -> LoadedText:
        return assemble([Piece(path.read_text(encoding="utf-8").strip().upper())])


def _write(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    path.write_text(SOURCES[name], encoding="utf-8")
    return path


def test_built_in_suffixes_are_supported() -> None:
    assert {".pdf", ".md", ".markdown", ".html", ".htm", ".txt"} <= set(supported_suffixes())


def test_suffix_matching_ignores_case(tmp_path: Path) -> None:
    path = tmp_path / "NOTE.TXT"
    path.write_text("Text.", encoding="utf-8")
    assert load_document(path).text == "Text."


def test_without_manifest_id_is_the_file_stem_and_kind_is_guidance(tmp_path: Path) -> None:
    doc = load_document(_write(tmp_path, "smuggling-protocol.md"))
    assert (doc.doc_id, doc.title, doc.kind) == ("smuggling-protocol", "Smuggling Protocol", "guidance")


def test_without_manifest_or_title_the_stem_is_prettified(tmp_path: Path) -> None:
    doc = load_document(_write(tmp_path, "note.txt"))
    assert doc.title == "Note"


def test_manifest_spec_names_the_document(tmp_path: Path) -> None:
    spec = DocumentSpec(
        id="som-protocol",
        title="Protocol against the Smuggling of Migrants",
        kind="treaty",
        short_title="Smuggling Protocol",
        year=2000,
        url="https://example.org/p.pdf",
    )
    doc = load_document(_write(tmp_path, "smuggling-protocol.md"), spec)
    assert (doc.doc_id, doc.title, doc.kind, doc.short_title, doc.year, doc.url) == (
        "som-protocol",
        "Protocol against the Smuggling of Migrants",
        "treaty",
        "Smuggling Protocol",
        2000,
        "https://example.org/p.pdf",
    )
    assert doc.authority == spec.authority_note


def test_sha256_is_of_the_file_bytes(tmp_path: Path) -> None:
    path = _write(tmp_path, "page.html")
    assert load_document(path).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_blocks_are_exact_slices_separated_by_one_blank_line(tmp_path: Path, name: str) -> None:
    doc = load_document(_write(tmp_path, name))
    assert doc.blocks
    assert doc.text == "\n\n".join(block.text for block in doc.blocks)
    for block in doc.blocks:
        assert doc.text[block.start : block.end] == block.text
        assert block.text == block.text.strip() and "\n\n" not in block.text


def test_a_new_format_is_added_by_registration(tmp_path: Path) -> None:
    registry = default_registry()
    registry.register(UpperCaseLoader())
    path = tmp_path / "memo.shout"
    path.write_text("article one\n", encoding="utf-8")
    assert load_document(path, registry=registry).text == "ARTICLE ONE"
    assert ".shout" not in supported_suffixes()


def test_an_empty_registry_refuses_everything(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"unsupported file type \.txt"):
        load_document(_write(tmp_path, "note.txt"), registry=LoaderRegistry())
