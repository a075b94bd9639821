"""Corpus manifests: which documents exist, what they are called and how much authority they carry.

Two shapes are read: the project's `corpus/manifest.json` (`{"documents": [...]}`, one official
URL per document, used by `advisor fetch`) and a bare list such as `../shared/corpus/manifest.json`
(several files per document, no URL). Both become `DocumentSpec`s.

A document published in several UN languages has one entry per language: the English one, and
one per other edition with its `language` and `edition_of` (the English entry's id), each with
its own file. `canonical_id` and `editions` let the rest of the code treat them as one document.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.errors import ManifestError

KINDS = ("treaty", "model-law", "guide", "manual", "issue-paper", "guidance")
#: The six official UN languages (ISO 639-1), the languages UNODC publishes its editions in.
LANGUAGES = ("en", "fr", "es", "ru", "zh", "ar")
#: The language of the entries other editions point at: the corpus, its ids and citations are
#: English first.
BASE_LANGUAGE = "en"
MANIFEST_NAMES = ("manifest.json",)

_AUTHORITY_BY_KIND = {
    "treaty": "Binding treaty: obligations for States Parties.",
    "model-law": "Non-binding: UNODC model legislative provisions, to be adapted by States.",
}
_GUIDANCE_AUTHORITY = "Non-binding UNODC guidance: explains and supports implementation."


@dataclass(frozen=True)
class DocumentSpec:
    """One document as a manifest describes it."""

    id: str
    title: str
    kind: str = "guidance"
    short_title: str = ""
    year: int | None = None
    authority: str = ""
    url: str = ""
    sha256: str = ""
    files: tuple[str, ...] = field(default_factory=tuple)
    #: Where the publisher presents the document; the fallback when `url` is unconfirmed.
    landing_page: str = ""
    #: False when `url` was not seen verbatim in public material and may not resolve.
    url_confirmed: bool = True
    #: The title to look for on `landing_page` when the file has to be saved by hand.
    look_for: str = ""
    #: ISO 639-1 code of the edition's language, one of `LANGUAGES`.
    language: str = BASE_LANGUAGE
    #: For an edition in another language: the id of the English entry it translates.
    edition_of: str = ""

    @property
    def label(self) -> str:
        """The name a citation shows: the short title when there is one."""
        return self.short_title or self.title

    @property
    def authority_note(self) -> str:
        return self.authority or _AUTHORITY_BY_KIND.get(self.kind, _GUIDANCE_AUTHORITY)


def load_manifest(path: Path) -> list[DocumentSpec]:
    """Read either manifest shape; raises `ManifestError` with the reason on any defect."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise ManifestError(f"manifest not found: {path}") from e
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ManifestError(f"cannot read manifest {path}: {e}") from e
    entries = raw.get("documents") if isinstance(raw, dict) else raw
    if not isinstance(entries, list):
        raise ManifestError(f"{path}: expected a list of documents or {{'documents': [...]}}")
    specs = [_spec_from_entry(entry, path, i) for i, entry in enumerate(entries)]
    _reject_duplicate_ids(specs, path)
    _check_editions(specs, path)
    return specs


def find_manifest(directory: Path) -> Path | None:
    """The manifest that sits in `directory`, if any."""
    for name in MANIFEST_NAMES:
        candidate = directory / name
        if candidate.is_file():
            return candidate
    return None


def specs_by_file(specs: list[DocumentSpec]) -> dict[str, DocumentSpec]:
    """Map each listed file name to its document, so a loader can name what it reads."""
    return {name: spec for spec in specs for name in spec.files}


def canonical_id(specs: list[DocumentSpec], doc_id: str) -> str:
    """The id of the English entry `doc_id` is an edition of; `doc_id` itself otherwise.

    The language texts of a UN treaty are equally authentic, so article 6 of the Protocol in
    the Spanish edition *is* article 6 of the Protocol. Code that groups, deduplicates or
    compares provisions keys them by this id, so one provision found in two languages counts
    once. An id the manifest does not list (a file ingested without one) is its own canonical id.
    """
    spec = next((s for s in specs if s.id == doc_id), None)
    return spec.edition_of if spec is not None and spec.edition_of else doc_id


def editions(specs: list[DocumentSpec], doc_id: str) -> list[DocumentSpec]:
    """Every language edition of the document `doc_id` belongs to, the English entry first.

    Given any edition's id, this is the set a reader may be sent to for the same text in
    another language; empty when the manifest does not list `doc_id`.
    """
    if not any(s.id == doc_id for s in specs):
        return []
    root = canonical_id(specs, doc_id)
    return [s for s in specs if s.id == root] + [s for s in specs if s.edition_of == root]


def _spec_from_entry(entry: Any, path: Path, index: int) -> DocumentSpec:
    where = f"{path}: document #{index + 1}"
    if not isinstance(entry, dict):
        raise ManifestError(f"{where} is not an object")
    missing = [key for key in ("id", "title") if not entry.get(key)]
    if missing:
        raise ManifestError(f"{where} lacks {', '.join(missing)}")
    kind = entry.get("kind", "guidance")
    if kind not in KINDS:
        raise ManifestError(f"{where} ({entry['id']}): kind {kind!r} is not one of {KINDS}")
    language = entry.get("language") or BASE_LANGUAGE
    if language not in LANGUAGES:
        raise ManifestError(
            f"{where} ({entry['id']}): language {language!r} is not one of {', '.join(LANGUAGES)}"
        )
    files = entry.get("files") or ([entry["filename"]] if entry.get("filename") else [])
    return DocumentSpec(
        id=str(entry["id"]),
        title=str(entry["title"]),
        kind=kind,
        short_title=str(entry.get("short_title", "")),
        year=_year(entry.get("year"), where),
        authority=str(entry.get("authority", "")),
        url=str(entry.get("url", "")),
        sha256=str(entry.get("sha256") or ""),
        files=tuple(str(name) for name in files),
        landing_page=str(entry.get("landing_page", "")),
        url_confirmed=_flag(entry.get("url_confirmed", True), "url_confirmed", where),
        look_for=str(entry.get("look_for", "")),
        language=language,
        edition_of=str(entry.get("edition_of") or ""),
    )


def _flag(value: Any, key: str, where: str) -> bool:
    if not isinstance(value, bool):
        raise ManifestError(f"{where}: {key} must be true or false, not {value!r}")
    return value


def _year(value: Any, where: str) -> int | None:
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError) as e:
        raise ManifestError(f"{where}: year {value!r} is not a number") from e


def _reject_duplicate_ids(specs: list[DocumentSpec], path: Path) -> None:
    seen: set[str] = set()
    for spec in specs:
        if spec.id in seen:
            raise ManifestError(f"{path}: document id {spec.id!r} appears twice")
        seen.add(spec.id)


def _check_editions(specs: list[DocumentSpec], path: Path) -> None:
    """Each edition points at an English entry of the same kind, once per language.

    One level only (an edition of an edition would make the canonical id ambiguous), and the
    same kind because an edition is the same document: a Spanish treaty cannot translate an
    English guide.
    """
    by_id = {spec.id: spec for spec in specs}
    seen: set[tuple[str, str]] = set()
    for spec in specs:
        if not spec.edition_of:
            continue
        where = f"{path}: {spec.id}"
        if spec.language == BASE_LANGUAGE:
            raise ManifestError(
                f"{where} has edition_of {spec.edition_of!r} but language 'en': "
                "edition_of is only for editions in another language"
            )
        original = by_id.get(spec.edition_of)
        if original is None:
            raise ManifestError(f"{where}: edition_of {spec.edition_of!r} is not an id in the manifest")
        if original.language != BASE_LANGUAGE:
            raise ManifestError(
                f"{where}: edition_of {original.id!r} is itself in {original.language!r}; "
                "editions must name the English entry"
            )
        if original.kind != spec.kind:
            raise ManifestError(
                f"{where} is a {spec.kind} but its edition_of {original.id!r} is a "
                f"{original.kind}: an edition is the same document"
            )
        if (original.id, spec.language) in seen:
            raise ManifestError(f"{where}: {original.id!r} already has an edition in {spec.language!r}")
        seen.add((original.id, spec.language))
