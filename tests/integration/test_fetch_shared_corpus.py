"""`advisor fetch --from ../shared/corpus`: the shared corpus copied whole, ready to ingest."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.config import Settings
from advisor.corpus.fetch import FetchStatus, fetch_corpus
from advisor.corpus.manifest import load_manifest

pytestmark = pytest.mark.integration


def test_shared_corpus_is_copied_with_every_listed_file(shared_dir: Path, settings: Settings) -> None:
    mirror = shared_dir / "corpus"
    report = fetch_corpus([], settings.corpus_dir, settings, mirror=mirror)
    listed = sorted(name for spec in load_manifest(mirror / "manifest.json") for name in spec.files)
    assert report.ok, report.failures
    assert sorted(result.filename for result in report.results) == listed
    assert all((settings.corpus_dir / name).read_bytes() == (mirror / name).read_bytes() for name in listed)


def test_shared_corpus_copy_carries_its_manifest(shared_dir: Path, settings: Settings) -> None:
    mirror = shared_dir / "corpus"
    fetch_corpus([], settings.corpus_dir, settings, mirror=mirror)
    copied = load_manifest(settings.corpus_dir / "manifest.json")
    assert copied == load_manifest(mirror / "manifest.json")


def test_second_copy_of_the_shared_corpus_skips_every_file(shared_dir: Path, settings: Settings) -> None:
    mirror = shared_dir / "corpus"
    fetch_corpus([], settings.corpus_dir, settings, mirror=mirror)
    report = fetch_corpus([], settings.corpus_dir, settings, mirror=mirror)
    assert {result.status for result in report.results} == {FetchStatus.SKIPPED_CHECKSUM}
