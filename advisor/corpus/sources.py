"""Which files an ingest reads, and which manifest entry names each.

`advisor ingest` takes files and folders. In a folder with a manifest, the manifest says what
the documents are; files it does not list (notes, READMEs) are left out. A document present in
several formats (the shared corpus has each treaty as PDF and Markdown) is read once, from the
format that keeps the most for citations: PDF (pages), then HTML, Markdown, plain text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from advisor.corpus.manifest import DocumentSpec, find_manifest, load_manifest, specs_by_file
from advisor.errors import DocumentError
from advisor.ingest.loaders import supported_suffixes

#: Most useful first: pages make pinpoint citations possible.
FORMAT_PREFERENCE = (".pdf", ".html", ".htm", ".md", ".markdown", ".txt")


@dataclass(frozen=True)
class Source:
    """A file to ingest and the manifest entry describing it (None: named after the file)."""

    path: Path
    spec: DocumentSpec | None

    @property
    def doc_id(self) -> str:
        return self.spec.id if self.spec else self.path.stem


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str


def collect_sources(paths: list[Path]) -> tuple[list[Source], list[Skipped]]:
    """One source per document id; what was passed over and why."""
    candidates: list[Source] = []
    skipped: list[Skipped] = []
    for path in paths:
        if path.is_dir():
            found, passed = _from_folder(path)
            candidates += found
            skipped += passed
        elif path.is_file():
            candidates.append(Source(path, _spec_for_file(path)))
        else:
            raise DocumentError(f"{path}: no such file or folder")
    chosen, duplicates = _one_per_document(candidates)
    return chosen, skipped + duplicates


def _from_folder(folder: Path) -> tuple[list[Source], list[Skipped]]:
    manifest = find_manifest(folder)
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not _hidden(p, folder))
    if manifest is None:
        readable = [Source(p, None) for p in files if p.suffix.lower() in supported_suffixes()]
        return readable, []
    by_file = specs_by_file(load_manifest(manifest))
    sources, skipped = [], []
    for path in files:
        if path == manifest:
            continue
        spec = by_file.get(path.name)
        if spec is None:
            skipped.append(Skipped(path, f"not listed in {manifest.name}"))
        elif path.suffix.lower() in supported_suffixes():
            sources.append(Source(path, spec))
    return sources, skipped


def _spec_for_file(path: Path) -> DocumentSpec | None:
    """The entry of the manifest beside `path` that lists it (or has its stem as id)."""
    manifest = find_manifest(path.parent)
    if manifest is None:
        return None
    specs = load_manifest(manifest)
    listed = specs_by_file(specs).get(path.name)
    return listed or next((s for s in specs if s.id == path.stem), None)


def _one_per_document(candidates: list[Source]) -> tuple[list[Source], list[Skipped]]:
    best: dict[str, Source] = {}
    skipped: list[Skipped] = []
    for source in sorted(candidates, key=lambda s: (s.doc_id, _rank(s.path))):
        kept = best.get(source.doc_id)
        if kept is None:
            best[source.doc_id] = source
        elif kept.path != source.path:
            skipped.append(Skipped(source.path, f"same document as {kept.path.name}"))
    return list(best.values()), skipped


def _rank(path: Path) -> int:
    suffix = path.suffix.lower()
    return FORMAT_PREFERENCE.index(suffix) if suffix in FORMAT_PREFERENCE else len(FORMAT_PREFERENCE)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)
