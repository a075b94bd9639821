"""Put the corpus on disk: download the manifest's documents, or copy them from a local mirror.

This is the only part of the advisor that touches the network, and only when `advisor fetch`
runs; nothing happens at import time. The module never prints: each file reports progress
through `on_progress`, and the outcome of every file comes back in a `FetchReport`.

Network (the default). `advisor.corpus.transfer` downloads each document's `url` into
`<dest>/<filename>.part` (resumed with HTTP Range after an interruption; retried
`settings.fetch_retries` times on timeouts, dropped connections, truncation and 5xx) and renames
it to `<filename>` only once complete and, when the manifest gives a sha256, verified. A
truncated download fails that document and keeps its `.part` for the next run; a 404 fails it
at once. A file already under its final name is skipped without a request:
"skipped-checksum-match" when it matches the manifest's sha256, "skipped-present" when the
manifest has none (a final name is only ever written complete). One failed document never
stops the others.

Mirror (`advisor fetch --from DIR`). Files are copied (atomically, same checksum logic) from DIR
instead of downloaded. When DIR holds its own `manifest.json`, *that* manifest decides what is
taken: every file of every document it lists, plus the manifest itself, so
`advisor fetch --from ../shared/corpus` followed by `advisor ingest corpus/files` sees the
shared corpus with its metadata. Without one, each given document is found in DIR by its
manifest file name, else by the file name in its URL (as a browser saves it), else by any file
whose stem is the document id, and is stored under its manifest file name: each language
edition lands under its own entry. A file missing from DIR fails that document ("not in
mirror"). A copy is skipped when the destination already matches the manifest's sha256, or the
mirror's file when the manifest has none.

Either way `<dest>/manifest.json` ends up describing the documents fetched.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from urllib.parse import unquote, urlparse

import httpx

from advisor.config import Settings
from advisor.corpus.manifest import MANIFEST_NAMES, DocumentSpec, find_manifest, load_manifest
from advisor.corpus.transfer import (
    PART_SUFFIX,
    commit_part,
    copy_to_part,
    download,
    make_client,
    part_path,
    sha256_of,
    write_atomically,
)
from advisor.errors import FetchError

log = logging.getLogger(__name__)


class FetchStatus(StrEnum):
    DOWNLOADED = "downloaded"
    COPIED = "copied"
    SKIPPED_CHECKSUM = "skipped-checksum-match"
    SKIPPED_PRESENT = "skipped-present"
    #: The manifest has no confirmed download URL: the user saves the file and uses --from.
    MANUAL = "manual-download-needed"
    FAILED = "failed"


@dataclass(frozen=True)
class FetchResult:
    """What happened to one file of one document; `reason` says why when it failed."""

    doc_id: str
    filename: str
    status: FetchStatus
    path: Path | None = None
    bytes: int = 0
    sha256: str = ""
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.status is not FetchStatus.FAILED


@dataclass(frozen=True)
class FetchProgress:
    """One progress tick for one file; `total` is None while unknown, `result` set on the last."""

    doc_id: str
    filename: str
    completed: int
    total: int | None
    result: FetchResult | None = None


ProgressCallback = Callable[[FetchProgress], None]


@dataclass
class FetchReport:
    """Every file's outcome, in manifest order, and the manifest written beside them."""

    dest: Path
    results: list[FetchResult] = field(default_factory=list)
    manifest_path: Path | None = None

    @property
    def ok(self) -> bool:
        return all(result.ok for result in self.results)

    @property
    def failures(self) -> list[FetchResult]:
        return [result for result in self.results if not result.ok]

    @property
    def manual(self) -> list[FetchResult]:
        return [result for result in self.results if result.status is FetchStatus.MANUAL]

    def counts(self) -> dict[str, int]:
        counted = Counter(result.status for result in self.results)
        return {status.value: counted[status] for status in FetchStatus if counted[status]}

    def summary(self) -> str:
        """One line for the CLI, e.g. `14 files: 3 downloaded, 11 failed`."""
        parts = ", ".join(f"{n} {status}" for status, n in self.counts().items())
        noun = "file" if len(self.results) == 1 else "files"
        return f"{len(self.results)} {noun}: {parts or 'nothing to do'}"


def fetch_corpus(
    specs: list[DocumentSpec],
    dest: Path,
    settings: Settings,
    *,
    mirror: Path | None = None,
    on_progress: ProgressCallback | None = None,
) -> FetchReport:
    """Fetch `specs` into `dest`, from `mirror` when given (whose own manifest then wins).

    Raises `FetchError` only when nothing can be attempted (dest cannot be created, mirror
    missing) and `ManifestError` for a broken mirror manifest; per-file failures are in the
    report.
    """
    notify = on_progress or _ignore_progress
    try:
        dest.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise FetchError(f"cannot create destination {dest}: {e}") from e
    if mirror is not None:
        return _fetch_from_mirror(specs, dest, mirror, notify)
    report = FetchReport(dest)
    with make_client(settings.fetch_timeout_s) as client:
        for spec in specs:
            report.results.append(_download_document(client, spec, dest, settings, notify))
    report.manifest_path = _write_manifest(specs, dest)
    return report


# --- network -------------------------------------------------------------------------------


def _download_document(
    client: httpx.Client,
    spec: DocumentSpec,
    dest: Path,
    settings: Settings,
    notify: ProgressCallback,
) -> FetchResult:
    name = _download_name(spec)
    if not _is_plain_name(name):
        return _finish(notify, _failed(spec.id, name, f"unsafe file name {name!r} in manifest"))
    target = dest / name
    existing = _existing_result(spec.id, target, spec.sha256)
    if existing is not None:
        return _finish(notify, existing)
    if not spec.url:
        manual = FetchResult(spec.id, name, FetchStatus.MANUAL, reason=_no_url_reason(spec, name))
        return _finish(notify, manual)

    def on_bytes(completed: int, total: int | None) -> None:
        notify(FetchProgress(spec.id, name, completed, total))

    try:
        part = part_path(target)
        download(client, spec.url, part, attempts=settings.fetch_retries + 1, on_bytes=on_bytes)
        size, digest = commit_part(part, target, spec.sha256)
    except FetchError as e:
        return _finish(notify, _failed(spec.id, name, _download_failure(spec, e)))
    return _finish(notify, FetchResult(spec.id, name, FetchStatus.DOWNLOADED, target, size, digest))


def _download_name(spec: DocumentSpec) -> str:
    if spec.files:
        return spec.files[0]
    return _published_name(spec) or f"{spec.id}.pdf"


def _published_name(spec: DocumentSpec) -> str:
    """The file name in the document's URL: what a browser saves it as (`TOCebook-s.pdf`)."""
    return unquote(Path(urlparse(spec.url).path).name) if spec.url else ""


def _no_url_reason(spec: DocumentSpec, name: str) -> str:
    where = f" from {spec.landing_page}" if spec.landing_page else ""
    title = f' (look for "{spec.look_for}")' if spec.look_for else ""
    return f"no confirmed download URL; save it{where}{title} as {name}, then `advisor fetch --from FOLDER`"


def _download_failure(spec: DocumentSpec, error: FetchError) -> str:
    reason = f"{error} ({spec.url})"
    if not spec.url_confirmed and spec.landing_page:
        reason += f"; this URL is unconfirmed, see {spec.landing_page}"
    return reason


# --- mirror --------------------------------------------------------------------------------


def _fetch_from_mirror(
    specs: list[DocumentSpec], dest: Path, mirror: Path, notify: ProgressCallback
) -> FetchReport:
    if not mirror.is_dir():
        raise FetchError(f"mirror directory not found: {mirror}")
    own_manifest = find_manifest(mirror)
    if own_manifest is not None:
        specs = load_manifest(own_manifest)
    report = FetchReport(dest)
    for spec in specs:
        report.results.extend(_copy_document(spec, mirror, dest, notify))
    if own_manifest is None:
        report.manifest_path = _write_manifest(specs, dest)
    else:
        report.manifest_path = _copy_manifest(own_manifest, dest)
    return report


def _copy_document(
    spec: DocumentSpec, mirror: Path, dest: Path, notify: ProgressCallback
) -> list[FetchResult]:
    sources = _mirror_sources(spec, mirror)
    expected = spec.sha256 if len(sources) == 1 else ""  # one checksum cannot cover two files
    results = []
    for name, source in sources:
        if not _is_plain_name(name):
            result = _failed(spec.id, name, f"unsafe file name {name!r} in manifest")
        elif source is None:
            result = _failed(spec.id, name, f"not in mirror {mirror}")
        else:
            result = _copy_file(spec.id, source, dest / name, expected, notify)
        results.append(_finish(notify, result))
    return results


def _mirror_sources(spec: DocumentSpec, mirror: Path) -> list[tuple[str, Path | None]]:
    """(name in dest, file in mirror or None) per file: listed names, the URL's name, id stem."""
    listed = [(name, mirror / name) for name in spec.files]
    if any(source.is_file() for _, source in listed):
        return [(name, source if source.is_file() else None) for name, source in listed]
    published = _published_name(spec)
    if published and (mirror / published).is_file():
        return [(_dest_name(spec, mirror / published), mirror / published)]
    stem_matches = sorted(
        path
        for path in mirror.iterdir()
        if path.is_file() and path.stem == spec.id and path.suffix != PART_SUFFIX
    )
    if stem_matches:
        return [(_dest_name(spec, path), path) for path in stem_matches]
    return [(name, None) for name in spec.files] or [(spec.id, None)]


def _dest_name(spec: DocumentSpec, path: Path) -> str:
    """Keep the manifest's file name when it is the same format, so dest agrees with it."""
    if len(spec.files) == 1 and Path(spec.files[0]).suffix.lower() == path.suffix.lower():
        return spec.files[0]
    return path.name


def _copy_file(
    doc_id: str, source: Path, target: Path, expected: str, notify: ProgressCallback
) -> FetchResult:
    def on_bytes(completed: int, total: int | None) -> None:
        notify(FetchProgress(doc_id, target.name, completed, total))

    try:
        existing = _existing_result(doc_id, target, expected or sha256_of(source))
        if existing is not None:
            return existing
        part = part_path(target)
        copy_to_part(source, part, on_bytes)
        size, digest = commit_part(part, target, expected)
    except FetchError as e:
        return _failed(doc_id, target.name, str(e))
    except OSError as e:
        return _failed(doc_id, target.name, f"cannot read {source}: {e}")
    return FetchResult(doc_id, target.name, FetchStatus.COPIED, target, size, digest)


def _copy_manifest(manifest: Path, dest: Path) -> Path:
    target = dest / MANIFEST_NAMES[0]
    if not (target.exists() and target.samefile(manifest)):
        write_atomically(target, manifest.read_bytes())
    return target


# --- shared --------------------------------------------------------------------------------


def _existing_result(doc_id: str, target: Path, expected: str) -> FetchResult | None:
    """A skip result when `target` needs no fetching; None when it must be (re)fetched."""
    if not target.is_file():
        return None
    digest = sha256_of(target)
    size = target.stat().st_size
    if not expected:
        return FetchResult(doc_id, target.name, FetchStatus.SKIPPED_PRESENT, target, size, digest)
    if digest == expected.lower():
        return FetchResult(doc_id, target.name, FetchStatus.SKIPPED_CHECKSUM, target, size, digest)
    log.warning("%s does not match its expected sha256; fetching it again", target)
    return None


def _write_manifest(specs: list[DocumentSpec], dest: Path) -> Path:
    target = dest / MANIFEST_NAMES[0]
    text = json.dumps({"documents": [asdict(spec) for spec in specs]}, indent=2, ensure_ascii=False)
    write_atomically(target, (text + "\n").encode("utf-8"))
    return target


def _is_plain_name(name: str) -> bool:
    """A bare file name: a manifest must not make us write outside the destination."""
    return bool(name) and name not in (".", "..") and Path(name).name == name and "\\" not in name


def _failed(doc_id: str, filename: str, reason: str) -> FetchResult:
    log.info("%s (%s) failed: %s", doc_id, filename, reason)
    return FetchResult(doc_id, filename, FetchStatus.FAILED, reason=reason)


def _finish(notify: ProgressCallback, result: FetchResult) -> FetchResult:
    """Send the file's last tick, carrying its result, and hand the result back."""
    notify(FetchProgress(result.doc_id, result.filename, result.bytes, result.bytes or None, result))
    return result


def _ignore_progress(_: FetchProgress) -> None:
    return None
