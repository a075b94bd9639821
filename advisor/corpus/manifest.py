"""Corpus manifests: which documents exist, what they are called and how much authority they carry.

Two shapes are read: the project's `corpus/manifest.json` (`{"documents": [...]}`, one official
URL per document, used by `advisor fetch`) and a bare list such as `../shared/corpus/manifest.json`
(several files per document, no URL). Both become `DocumentSpec`s.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.errors import ManifestError

KINDS = ("treaty", "model-law", "guide", "manual", "issue-paper", "guidance")
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
