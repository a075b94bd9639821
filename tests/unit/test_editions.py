"""Language editions: one document in two UN languages is one set of provisions."""

from __future__ import annotations

import json
import shutil

import pytest

from advisor.config import Settings
from advisor.ingest.incremental import ingest
from advisor.pipeline import Advisor
from tests.conftest import FIXTURE_CORPUS


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory: pytest.TempPathFactory, embedder) -> Advisor:
    """The Harbour Convention and a second edition of it (same words: what matters here is
    that two editions of one provision both match)."""
    corpus = tmp_path_factory.mktemp("bilingual")
    shutil.copy(FIXTURE_CORPUS / "harbour-convention.md", corpus / "harbour-convention.md")
    shutil.copy(FIXTURE_CORPUS / "harbour-convention.md", corpus / "harbour-convention-fr.md")
    manifest = [
        {"id": "harbour-convention", "title": "Convention on the Safety of Fictional Harbours",
         "kind": "treaty", "files": ["harbour-convention.md"]},
        {"id": "harbour-convention-fr", "title": "Convention sur la sécurité des ports fictifs",
         "kind": "treaty", "language": "fr", "edition_of": "harbour-convention",
         "files": ["harbour-convention-fr.md"]},
    ]  # fmt: skip
    (corpus / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    settings = Settings(index_dir=tmp_path_factory.mktemp("bilingual-index"), multilingual_model="")
    ingest([corpus], settings, embedder=embedder)
    return Advisor.load(settings, embedder=embedder)


def test_an_edition_is_catalogued_with_its_language_and_english_original(bilingual):
    editions = {d.doc_id: (d.language, d.edition_of) for d in bilingual.documents}
    assert editions == {
        "harbour-convention": ("en", ""),
        "harbour-convention-fr": ("fr", "harbour-convention"),
    }


def test_one_provision_in_two_editions_is_cited_once(bilingual):
    answer = bilingual.ask("Can a vessel suspected of carrying hazardous cargo be searched?")
    articles = [c.article for c in answer.citations if c.paragraph == "2(b)"]
    assert articles == ["2"], [(c.doc_id, c.provision) for c in answer.citations]
