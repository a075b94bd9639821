"""`advisor.corpus.manifest`: language editions, their validation, and the project's manifest."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from advisor.corpus.manifest import DocumentSpec, canonical_id, editions, load_manifest
from advisor.errors import ManifestError

REPO_ROOT = Path(__file__).resolve().parents[2]

PROTOCOL = {"id": "protocol", "title": "Protocol", "kind": "treaty", "filename": "protocol.pdf"}
PROTOCOL_ES = {
    "id": "protocol-es",
    "title": "Protocolo",
    "kind": "treaty",
    "language": "es",
    "edition_of": "protocol",
    "filename": "protocol-es.pdf",
}
GUIDE = {"id": "guide", "title": "Guide", "kind": "guide", "filename": "guide.pdf"}


def write_manifest(tmp_path: Path, *entries: dict[str, Any]) -> Path:
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps({"documents": list(entries)}), encoding="utf-8")
    return path


def load(tmp_path: Path, *entries: dict[str, Any]) -> list[DocumentSpec]:
    return load_manifest(write_manifest(tmp_path, *entries))


# --- fields ----------------------------------------------------------------------------------


def test_language_defaults_to_english(tmp_path: Path) -> None:
    [spec] = load(tmp_path, PROTOCOL)
    assert (spec.language, spec.edition_of) == ("en", "")


def test_edition_keeps_its_language_original_and_own_file(tmp_path: Path) -> None:
    edition = load(tmp_path, PROTOCOL, PROTOCOL_ES)[1]
    assert (edition.language, edition.edition_of, edition.files) == ("es", "protocol", ("protocol-es.pdf",))


def test_look_for_is_read(tmp_path: Path) -> None:
    [spec] = load(tmp_path, {**GUIDE, "look_for": "Guide (2004), Part Three"})
    assert spec.look_for == "Guide (2004), Part Three"


def test_manifest_written_from_specs_reads_back_the_same(tmp_path: Path) -> None:
    specs = load(tmp_path, PROTOCOL, PROTOCOL_ES, {**GUIDE, "look_for": "Guide"})
    path = tmp_path / "written.json"
    path.write_text(json.dumps({"documents": [asdict(s) for s in specs]}), encoding="utf-8")
    assert load_manifest(path) == specs


# --- validation ------------------------------------------------------------------------------


def test_language_outside_the_un_languages_is_refused(tmp_path: Path) -> None:
    with pytest.raises(
        ManifestError, match=r"protocol-de.*language 'de' is not one of en, fr, es, ru, zh, ar"
    ):
        load(tmp_path, PROTOCOL, {**PROTOCOL_ES, "id": "protocol-de", "language": "de"})


def test_edition_of_an_unknown_id_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="protocol-es: edition_of 'protocl' is not an id in the manifest"):
        load(tmp_path, PROTOCOL, {**PROTOCOL_ES, "edition_of": "protocl"})


def test_edition_of_a_non_english_entry_is_refused(tmp_path: Path) -> None:
    french = {**PROTOCOL_ES, "id": "protocol-fr", "language": "fr", "edition_of": "protocol-es"}
    with pytest.raises(
        ManifestError, match="'protocol-es' is itself in 'es'; editions must name the English"
    ):
        load(tmp_path, PROTOCOL, PROTOCOL_ES, french)


def test_edition_of_another_kind_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="protocol-es is a treaty but its edition_of 'guide' is a guide"):
        load(tmp_path, GUIDE, {**PROTOCOL_ES, "edition_of": "guide"})


def test_english_entry_with_edition_of_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ManifestError, match="protocol-es has edition_of 'protocol' but language 'en'"):
        load(tmp_path, PROTOCOL, {**PROTOCOL_ES, "language": "en"})


def test_two_editions_in_one_language_are_refused(tmp_path: Path) -> None:
    again = {**PROTOCOL_ES, "id": "protocol-es-2", "filename": "protocol-es-2.pdf"}
    with pytest.raises(ManifestError, match="'protocol' already has an edition in 'es'"):
        load(tmp_path, PROTOCOL, PROTOCOL_ES, again)


# --- one document, several languages ---------------------------------------------------------


def test_canonical_id_of_an_edition_is_the_english_entry(tmp_path: Path) -> None:
    specs = load(tmp_path, PROTOCOL, PROTOCOL_ES)
    assert canonical_id(specs, "protocol-es") == canonical_id(specs, "protocol") == "protocol"


def test_canonical_id_of_an_unlisted_document_is_itself(tmp_path: Path) -> None:
    assert canonical_id(load(tmp_path, PROTOCOL), "uploaded-notes") == "uploaded-notes"


def test_editions_lists_the_english_entry_first_from_any_edition(tmp_path: Path) -> None:
    specs = load(tmp_path, PROTOCOL, GUIDE, PROTOCOL_ES)
    assert [s.id for s in editions(specs, "protocol-es")] == ["protocol", "protocol-es"]
    assert [s.id for s in editions(specs, "guide")] == ["guide"]
    assert editions(specs, "unlisted") == []


# --- the project's manifest ------------------------------------------------------------------


def project_manifest() -> list[DocumentSpec]:
    return load_manifest(REPO_ROOT / "corpus" / "manifest.json")


def test_project_manifest_has_the_spanish_edition_of_the_untoc_e_book() -> None:
    specs = project_manifest()
    assert [(s.id, s.language) for s in editions(specs, "untoc-and-protocols")] == [
        ("untoc-and-protocols", "en"),
        ("untoc-and-protocols-es", "es"),
    ]


def test_every_manual_download_in_the_project_manifest_names_the_title_to_look_for() -> None:
    manual = [s for s in project_manifest() if not s.url]
    assert manual and all(s.look_for and s.landing_page for s in manual)


def test_project_manifest_gives_every_document_its_own_file() -> None:
    names = [name for s in project_manifest() for name in s.files]
    assert len(names) == len(set(names)) == len(project_manifest())


def test_readme_table_lists_every_document_with_its_file_name() -> None:
    readme = (REPO_ROOT / "corpus" / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if line.startswith("| `")]
    for spec in project_manifest():
        row = next((r for r in rows if r.startswith(f"| `{spec.id}` |")), "")
        assert f"`{spec.files[0]}`" in row, spec.id
        assert ("| direct |" in row) == bool(spec.url), spec.id
