"""`advisor.corpus.fetch` against a real HTTP server on loopback, and against local mirror folders."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import pytest
from typer.testing import CliRunner

from advisor.cli import app
from advisor.config import Settings
from advisor.corpus.fetch import FetchProgress, FetchStatus, fetch_corpus
from advisor.corpus.manifest import DocumentSpec, load_manifest
from advisor.errors import FetchError, ManifestError
from tests.httpserver import LoopbackServer, Route

REPO_ROOT = Path(__file__).resolve().parents[2]
#: Small but several read chunks long, and recognisably a PDF.
BODY = b"%PDF-1.4\n" + bytes(range(256)) * 600
OTHER_BODY = b"%PDF-1.4\n" + b"another document " * 500


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def spec(doc_id: str, url: str = "", sha: str = "", **extra: Any) -> DocumentSpec:
    return DocumentSpec(
        id=doc_id, title=doc_id.title(), url=url, sha256=sha, files=(f"{doc_id}.pdf",), **extra
    )


@pytest.fixture
def dest(tmp_path: Path) -> Path:
    return tmp_path / "files"


@pytest.fixture
def quick(tmp_path: Path) -> Settings:
    """No retries and a short timeout: each test decides what it wants retried."""
    return Settings(index_dir=tmp_path / "index", fetch_timeout_s=5, fetch_retries=0)


# --- downloading ---------------------------------------------------------------------------


def test_document_is_downloaded_under_its_manifest_file_name(dest: Path, quick: Settings) -> None:
    with LoopbackServer({"/p.pdf": Route(body=BODY)}) as server:
        report = fetch_corpus([spec("protocol", server.url("/p.pdf"))], dest, quick)
    assert report.results[0].status is FetchStatus.DOWNLOADED
    assert (dest / "protocol.pdf").read_bytes() == BODY


def test_download_reports_size_and_sha256(dest: Path, quick: Settings) -> None:
    with LoopbackServer({"/p.pdf": Route(body=BODY)}) as server:
        result = fetch_corpus([spec("protocol", server.url("/p.pdf"))], dest, quick).results[0]
    assert (result.bytes, result.sha256) == (len(BODY), sha256(BODY))


def test_completed_download_leaves_no_part_file(dest: Path, quick: Settings) -> None:
    with LoopbackServer({"/p.pdf": Route(body=BODY)}) as server:
        fetch_corpus([spec("protocol", server.url("/p.pdf"))], dest, quick)
    assert sorted(path.name for path in dest.iterdir()) == ["manifest.json", "protocol.pdf"]


def test_not_found_fails_that_document_and_the_others_still_download(dest: Path, quick: Settings) -> None:
    routes = {"/a.pdf": Route(body=BODY), "/c.pdf": Route(body=OTHER_BODY)}
    with LoopbackServer(routes) as server:
        specs = [spec(name, server.url(f"/{name}.pdf")) for name in ("a", "b", "c")]
        report = fetch_corpus(specs, dest, quick)
    assert [r.status.value for r in report.results] == ["downloaded", "failed", "downloaded"]
    assert "HTTP 404" in report.results[1].reason
    assert (dest / "c.pdf").read_bytes() == OTHER_BODY


def test_client_error_is_not_retried(dest: Path, quick: Settings) -> None:
    with LoopbackServer({}) as server:
        fetch_corpus([spec("a", server.url("/a.pdf"))], dest, quick.with_overrides(fetch_retries=3))
        assert len(server.hits("/a.pdf")) == 1


def test_server_error_is_retried_until_it_succeeds(dest: Path, quick: Settings) -> None:
    with LoopbackServer({"/a.pdf": Route(body=BODY, errors_first=1)}) as server:
        settings = quick.with_overrides(fetch_retries=1)
        report = fetch_corpus([spec("a", server.url("/a.pdf"))], dest, settings)
        assert len(server.hits("/a.pdf")) == 2
    assert report.results[0].status is FetchStatus.DOWNLOADED


def test_slow_server_fails_with_a_timeout(dest: Path, quick: Settings) -> None:
    settings = quick.with_overrides(fetch_timeout_s=0.5)
    with LoopbackServer({"/slow.pdf": Route(body=BODY, delay_s=2.0)}) as server:
        result = fetch_corpus([spec("slow", server.url("/slow.pdf"))], dest, settings).results[0]
    assert result.status is FetchStatus.FAILED
    assert "timed out" in result.reason
    assert not (dest / "slow.pdf").exists()


def test_truncated_download_fails_and_keeps_the_part_file(dest: Path, quick: Settings) -> None:
    with LoopbackServer({"/t.pdf": Route(body=BODY, truncate=1)}) as server:
        result = fetch_corpus([spec("t", server.url("/t.pdf"))], dest, quick).results[0]
    assert result.status is FetchStatus.FAILED
    assert "truncated" in result.reason
    assert not (dest / "t.pdf").exists()
    assert (dest / "t.pdf.part").read_bytes() == BODY[: len(BODY) // 2]


def test_next_run_resumes_a_truncated_download_with_a_range_request(dest: Path, quick: Settings) -> None:
    with LoopbackServer({"/t.pdf": Route(body=BODY, truncate=1)}) as server:
        specs = [spec("t", server.url("/t.pdf"))]
        fetch_corpus(specs, dest, quick)
        report = fetch_corpus(specs, dest, quick)
        second_request = server.hits("/t.pdf")[1]
    assert report.results[0].status is FetchStatus.DOWNLOADED
    assert second_request.range == f"bytes={len(BODY) // 2}-"
    assert (dest / "t.pdf").read_bytes() == BODY


def test_retry_resumes_a_truncated_download_in_the_same_run(dest: Path, quick: Settings) -> None:
    with LoopbackServer({"/t.pdf": Route(body=BODY, truncate=1)}) as server:
        settings = quick.with_overrides(fetch_retries=1)
        report = fetch_corpus([spec("t", server.url("/t.pdf"))], dest, settings)
    assert report.results[0].status is FetchStatus.DOWNLOADED
    assert (dest / "t.pdf").read_bytes() == BODY


def test_server_ignoring_range_restarts_the_file_from_zero(dest: Path, quick: Settings) -> None:
    dest.mkdir()
    (dest / "r.pdf.part").write_bytes(b"stale bytes from another version")
    with LoopbackServer({"/r.pdf": Route(body=BODY, honour_range=False)}) as server:
        report = fetch_corpus([spec("r", server.url("/r.pdf"))], dest, quick)
    assert report.results[0].status is FetchStatus.DOWNLOADED
    assert (dest / "r.pdf").read_bytes() == BODY


def test_part_file_already_complete_is_finished_on_416(dest: Path, quick: Settings) -> None:
    dest.mkdir()
    (dest / "w.pdf.part").write_bytes(BODY)
    with LoopbackServer({"/w.pdf": Route(body=BODY)}) as server:
        report = fetch_corpus([spec("w", server.url("/w.pdf"))], dest, quick)
        ranges = [hit.range for hit in server.hits("/w.pdf")]
    assert ranges == [f"bytes={len(BODY)}-"]
    assert report.results[0].status is FetchStatus.DOWNLOADED
    assert (dest / "w.pdf").read_bytes() == BODY


def test_part_file_longer_than_the_document_is_restarted(dest: Path, quick: Settings) -> None:
    dest.mkdir()
    (dest / "w.pdf.part").write_bytes(BODY + b"trailing junk")
    with LoopbackServer({"/w.pdf": Route(body=BODY)}) as server:
        report = fetch_corpus([spec("w", server.url("/w.pdf"))], dest, quick)
        ranges = [hit.range for hit in server.hits("/w.pdf")]
    assert ranges == [f"bytes={len(BODY) + 13}-", None]
    assert report.results[0].status is FetchStatus.DOWNLOADED
    assert (dest / "w.pdf").read_bytes() == BODY


def test_html_page_instead_of_a_pdf_fails(dest: Path, quick: Settings) -> None:
    page = Route(body=b"<html>landing page</html>", content_type="text/html; charset=utf-8")
    with LoopbackServer({"/doc.pdf": page}) as server:
        result = fetch_corpus([spec("doc", server.url("/doc.pdf"))], dest, quick).results[0]
    assert result.status is FetchStatus.FAILED
    assert "HTML" in result.reason
    assert not (dest / "doc.pdf").exists()


def test_failure_of_an_unconfirmed_url_points_to_the_landing_page(dest: Path, quick: Settings) -> None:
    with LoopbackServer({}) as server:
        doc = spec("x", server.url("/x.pdf"), landing_page="https://example.org/x", url_confirmed=False)
        result = fetch_corpus([doc], dest, quick).results[0]
    assert "unconfirmed, see https://example.org/x" in result.reason


def test_document_without_url_asks_for_a_manual_download_from_its_landing_page(
    dest: Path, quick: Settings
) -> None:
    doc = spec("guide", landing_page="https://example.org/guide", url_confirmed=False)
    report = fetch_corpus([doc], dest, quick)
    assert report.results[0].status is FetchStatus.MANUAL
    assert "https://example.org/guide" in report.results[0].reason
    assert report.ok, "a document nobody can download automatically is not a failed fetch"


def test_manual_download_message_names_the_title_to_look_for(dest: Path, quick: Settings) -> None:
    doc = spec("guide", landing_page="https://example.org/guide", look_for="The Guide (2004), Part Three")
    reason = fetch_corpus([doc], dest, quick).results[0].reason
    assert 'look for "The Guide (2004), Part Three"' in reason
    assert "as guide.pdf" in reason


def test_file_name_with_a_path_is_refused(dest: Path, quick: Settings) -> None:
    doc = DocumentSpec(id="evil", title="Evil", url="http://127.0.0.1:9/x", files=("../x.pdf",))
    result = fetch_corpus([doc], dest, quick).results[0]
    assert result.status is FetchStatus.FAILED
    assert not (dest.parent / "x.pdf").exists()


# --- checksums and files already present ----------------------------------------------------


def test_matching_checksum_skips_without_any_request(dest: Path, quick: Settings) -> None:
    dest.mkdir()
    (dest / "p.pdf").write_bytes(BODY)
    with LoopbackServer({"/p.pdf": Route(body=BODY)}) as server:
        report = fetch_corpus([spec("p", server.url("/p.pdf"), sha256(BODY))], dest, quick)
        assert server.hits() == []
    assert report.results[0].status is FetchStatus.SKIPPED_CHECKSUM


def test_existing_file_without_checksum_is_skipped_as_present(dest: Path, quick: Settings) -> None:
    dest.mkdir()
    (dest / "p.pdf").write_bytes(BODY)
    with LoopbackServer({"/p.pdf": Route(body=BODY)}) as server:
        report = fetch_corpus([spec("p", server.url("/p.pdf"))], dest, quick)
        assert server.hits() == []
    assert report.results[0].status is FetchStatus.SKIPPED_PRESENT


def test_existing_file_with_wrong_checksum_is_downloaded_again(dest: Path, quick: Settings) -> None:
    dest.mkdir()
    (dest / "p.pdf").write_bytes(b"an older edition")
    with LoopbackServer({"/p.pdf": Route(body=BODY)}) as server:
        report = fetch_corpus([spec("p", server.url("/p.pdf"), sha256(BODY))], dest, quick)
    assert report.results[0].status is FetchStatus.DOWNLOADED
    assert (dest / "p.pdf").read_bytes() == BODY


def test_checksum_mismatch_fails_and_leaves_no_file(dest: Path, quick: Settings) -> None:
    with LoopbackServer({"/p.pdf": Route(body=BODY)}) as server:
        report = fetch_corpus([spec("p", server.url("/p.pdf"), sha256(b"other"))], dest, quick)
    assert report.results[0].status is FetchStatus.FAILED
    assert "sha256 mismatch" in report.results[0].reason
    assert not (dest / "p.pdf").exists()
    assert not (dest / "p.pdf.part").exists()


# --- progress, report, manifest ---------------------------------------------------------------


def test_progress_counts_up_to_the_total_and_ends_with_the_result(dest: Path, quick: Settings) -> None:
    ticks: list[FetchProgress] = []
    with LoopbackServer({"/p.pdf": Route(body=BODY)}) as server:
        fetch_corpus([spec("p", server.url("/p.pdf"))], dest, quick, on_progress=ticks.append)
    assert ticks[-2].completed == ticks[-2].total == len(BODY)
    assert ticks[-1].result is not None and ticks[-1].result.status is FetchStatus.DOWNLOADED


def test_summary_counts_each_status(dest: Path, quick: Settings) -> None:
    with LoopbackServer({"/a.pdf": Route(body=BODY)}) as server:
        specs = [spec("a", server.url("/a.pdf")), spec("b"), spec("c", server.url("/missing.pdf"))]
        report = fetch_corpus(specs, dest, quick)
    assert report.summary() == "3 files: 1 downloaded, 1 manual-download-needed, 1 failed"
    assert not report.ok


def test_manifest_written_beside_the_files_describes_the_documents(dest: Path, quick: Settings) -> None:
    with LoopbackServer({"/a.pdf": Route(body=BODY)}) as server:
        doc = spec("a", server.url("/a.pdf"), kind="treaty", year=2000)
        report = fetch_corpus([doc], dest, quick)
    assert report.manifest_path == dest / "manifest.json"
    assert load_manifest(dest / "manifest.json") == [doc]


# --- mirror ----------------------------------------------------------------------------------


@pytest.fixture
def mirror(tmp_path: Path) -> Path:
    folder = tmp_path / "mirror"
    folder.mkdir()
    return folder


def test_mirror_copies_a_file_found_by_its_manifest_name(mirror: Path, dest: Path, quick: Settings) -> None:
    (mirror / "a.pdf").write_bytes(BODY)
    report = fetch_corpus([spec("a", "http://127.0.0.1:9/a.pdf")], dest, quick, mirror=mirror)
    assert report.results[0].status is FetchStatus.COPIED
    assert (dest / "a.pdf").read_bytes() == BODY


def test_mirror_finds_a_file_by_document_id_stem(mirror: Path, dest: Path, quick: Settings) -> None:
    (mirror / "untoc.md").write_text("# Convention\n", encoding="utf-8")
    report = fetch_corpus([spec("untoc")], dest, quick, mirror=mirror)
    assert [(r.filename, r.status) for r in report.results] == [("untoc.md", FetchStatus.COPIED)]


def test_mirror_finds_a_file_by_the_name_in_its_url_and_stores_it_under_the_manifest_name(
    mirror: Path, dest: Path, quick: Settings
) -> None:
    (mirror / "TOC ebook-s.pdf").write_bytes(BODY)
    doc = spec("untoc-es", "https://example.org/TOC%20ebook-s.pdf", language="es", edition_of="untoc")
    report = fetch_corpus([doc], dest, quick, mirror=mirror)
    assert [(r.filename, r.status) for r in report.results] == [("untoc-es.pdf", FetchStatus.COPIED)]


def test_file_missing_from_mirror_fails_that_document_only(mirror: Path, dest: Path, quick: Settings) -> None:
    (mirror / "b.pdf").write_bytes(BODY)
    report = fetch_corpus([spec("a"), spec("b")], dest, quick, mirror=mirror)
    assert [r.status.value for r in report.results] == ["failed", "copied"]
    assert "not in mirror" in report.results[0].reason


def test_mirror_copy_is_skipped_when_the_destination_is_identical(
    mirror: Path, dest: Path, quick: Settings
) -> None:
    (mirror / "a.pdf").write_bytes(BODY)
    fetch_corpus([spec("a")], dest, quick, mirror=mirror)
    report = fetch_corpus([spec("a")], dest, quick, mirror=mirror)
    assert report.results[0].status is FetchStatus.SKIPPED_CHECKSUM


def test_mirror_file_with_wrong_checksum_fails_and_leaves_no_file(
    mirror: Path, dest: Path, quick: Settings
) -> None:
    (mirror / "a.pdf").write_bytes(BODY)
    report = fetch_corpus([spec("a", sha=sha256(b"other"))], dest, quick, mirror=mirror)
    assert report.results[0].status is FetchStatus.FAILED
    assert not (dest / "a.pdf").exists()


def test_mirror_with_its_own_manifest_copies_its_documents_and_manifest(
    mirror: Path, dest: Path, quick: Settings
) -> None:
    entries = [{"id": "untoc", "title": "UNTOC", "kind": "treaty", "files": ["untoc.md", "untoc.pdf"]}]
    (mirror / "manifest.json").write_text(json.dumps(entries), encoding="utf-8")
    (mirror / "untoc.md").write_text("# UNTOC\n", encoding="utf-8")
    (mirror / "untoc.pdf").write_bytes(BODY)
    report = fetch_corpus([spec("ignored")], dest, quick, mirror=mirror)
    assert [(r.filename, r.status.value) for r in report.results] == [
        ("untoc.md", "copied"),
        ("untoc.pdf", "copied"),
    ]
    assert (dest / "manifest.json").read_bytes() == (mirror / "manifest.json").read_bytes()


def test_missing_mirror_directory_raises_fetch_error(tmp_path: Path, dest: Path, quick: Settings) -> None:
    with pytest.raises(FetchError, match="mirror directory not found"):
        fetch_corpus([spec("a")], dest, quick, mirror=tmp_path / "absent")


# --- the project's manifest ------------------------------------------------------------------

OFFICIAL_HOSTS = {
    "unodc.org",
    "www.unodc.org",
    "un.org",
    "www.un.org",
    "treaties.un.org",
    "unhcr.org",
    "www.unhcr.org",
}


def project_manifest() -> list[DocumentSpec]:
    return load_manifest(REPO_ROOT / "corpus" / "manifest.json")


def test_project_manifest_names_only_official_sources() -> None:
    addresses = [a for doc in project_manifest() for a in (doc.url, doc.landing_page) if a]
    assert {urlparse(address).hostname for address in addresses} <= OFFICIAL_HOSTS


def test_every_document_without_a_confirmed_url_has_a_landing_page() -> None:
    unconfirmed = [doc for doc in project_manifest() if not doc.url_confirmed or not doc.url]
    assert unconfirmed and all(doc.landing_page for doc in unconfirmed)


def test_url_confirmed_must_be_true_or_false(tmp_path: Path) -> None:
    path = tmp_path / "manifest.json"
    entry = {"id": "a", "title": "A", "url_confirmed": "no"}
    path.write_text(json.dumps({"documents": [entry]}), encoding="utf-8")
    with pytest.raises(ManifestError, match="url_confirmed"):
        load_manifest(path)


# --- the command -----------------------------------------------------------------------------

EDITIONS = [
    {"id": "untoc", "title": "UNTOC", "kind": "treaty", "filename": "untoc.pdf"},
    {
        "id": "untoc-es",
        "title": "Convención",
        "kind": "treaty",
        "language": "es",
        "edition_of": "untoc",
        "filename": "untoc-es.pdf",
    },
]


def run_fetch(manifest: list[dict[str, Any]], tmp_path: Path, *args: str) -> Any:
    """`advisor fetch ARGS` with `manifest` as the project's manifest; output unwrapped."""
    path = tmp_path / "project-manifest.json"
    path.write_text(json.dumps({"documents": manifest}), encoding="utf-8")
    env = {"ADVISOR_MANIFEST_PATH": str(path), "COLUMNS": "500"}
    return CliRunner().invoke(app, ["fetch", "--dest", str(tmp_path / "files"), *args], env=env)


def test_fetch_from_a_folder_copies_a_spanish_edition_under_its_own_id(mirror: Path, tmp_path: Path) -> None:
    (mirror / "untoc.pdf").write_bytes(BODY)
    (mirror / "untoc-es.pdf").write_bytes(OTHER_BODY)
    result = run_fetch(EDITIONS, tmp_path, "--from", str(mirror))
    assert result.exit_code == 0, result.output
    fetched = tmp_path / "files"
    assert (fetched / "untoc-es.pdf").read_bytes() == OTHER_BODY
    assert (fetched / "untoc.pdf").read_bytes() == BODY
    written = {s.id: s for s in load_manifest(fetched / "manifest.json")}
    assert (written["untoc-es"].files, written["untoc-es"].edition_of) == (("untoc-es.pdf",), "untoc")


def test_fetch_prints_the_title_to_look_for_on_the_landing_page(tmp_path: Path) -> None:
    guide = {
        "id": "guide",
        "title": "Guide",
        "landing_page": "https://example.org/guide",
        "look_for": "The Guide (2004), Part Three",
        "filename": "guide.pdf",
    }
    result = run_fetch([guide], tmp_path)
    assert result.exit_code == 0, result.output
    assert (
        'manual guide: no confirmed download URL; save it from https://example.org/guide (look for "The Guide (2004), Part Three") as guide.pdf'
        in result.output
    )
