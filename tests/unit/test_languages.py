"""Questions in the six UN languages: the language is recognised, citations in its own forms
are read, the multilingual embedder finds the provision, and the answer's frame is in it."""

from __future__ import annotations

import pytest

from advisor.config import Settings
from advisor.index.catalog import Catalog
from advisor.index.store import open_store
from advisor.ingest.incremental import ingest
from advisor.legal.languages import LANGUAGES, LanguageDetector
from advisor.legal.languages.zh import chinese_number
from tests.conftest import FIXTURE_CORPUS


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


@pytest.mark.parametrize(
    ("question", "code"),
    [
        ("Mon client a fait passer cinq personnes par la frontière contre de l'argent.", "fr"),
        ("¿Qué dice el artículo 6 sobre los grupos delictivos?", "es"),
        ("ما هي التزامات الدولة تجاه المهاجرين المهربين؟", "ar"),
        ("Что грозит перевозчику, который вёз людей через границу?", "ru"),
        ("船长把十二个人带到岛上，收了钱，这算偷运移民吗？", "zh"),
        ("What must carriers check before boarding?", "en"),
    ],
)
def test_the_question_language_is_recognised(detector, question, code) -> None:
    assert detector.detect(question).code == code


def test_an_unsure_guess_falls_back_to_english(detector) -> None:
    assert detector.detect("UNTOC art 18").code == "en"
    assert detector.detect("18(3)").code == "en"


@pytest.mark.parametrize(
    ("code", "question", "english"),
    [
        (
            "fr",
            "Que prévoit l'article 6, paragraphe 3, du Protocole ?",
            "article 6, paragraph 3, of the Protocol",
        ),
        ("es", "¿Qué dice el párrafo 2 del artículo 8?", "article 8, paragraph 2"),
        ("ar", "ماذا تقول الفقرة ٣ من المادة 16 من الاتفاقية؟", "article 16, paragraph 3 of the Convention"),
        ("ru", "Что сказано в пункте 3 статьи 6 Протокола?", "article 6, paragraph 3 of the Protocol"),
        ("zh", "《议定书》第六条第三款规定了什么？", "article 6, paragraph 3"),
    ],
)
def test_citations_in_each_language_are_read_as_english_ones(code, question, english) -> None:
    assert english in LANGUAGES[code].english_citations(question)


@pytest.mark.parametrize(
    ("numeral", "value"), [("六", 6), ("十八", 18), ("二十六", 26), ("一百零五", 105), ("7", 7)]
)
def test_chinese_article_numbers(numeral, value) -> None:
    assert chinese_number(numeral) == value


def test_a_french_question_finds_the_provision_and_is_answered_in_french(fixture_advisor) -> None:
    answer = fixture_advisor.ask("Les phares doivent-ils rester allumés toute la nuit ?")
    assert answer.language == "fr" and not answer.abstained
    assert answer.answer.startswith("Les documents traitent de cette question dans")
    assert (answer.citations[0].doc_id, answer.citations[0].article) == ("pilots-protocol", "3")


def test_a_russian_article_reference_names_the_provision(fixture_advisor) -> None:
    answer = fixture_advisor.ask("Что говорит статья 3 Протокола?")
    assert answer.language == "ru"
    assert (answer.citations[0].doc_id, answer.citations[0].article) == ("pilots-protocol", "3")


def test_quotes_stay_in_the_documents_language(fixture_advisor) -> None:
    answer = fixture_advisor.ask("¿Quién debe inspeccionar los buques que entran en el puerto?")
    assert answer.citations
    for citation in answer.citations:
        text, _ = fixture_advisor.catalog.text_of(citation.doc_id)
        assert text[citation.start : citation.end] == citation.quote


def test_every_catalogued_chunk_has_a_multilingual_vector(fixture_index: Settings) -> None:
    catalogued = Catalog.open_existing(fixture_index.catalog_path).chunk_ids()
    assert fixture_index.multilingual is not None
    assert open_store(fixture_index.multilingual).ids() == catalogued


def test_missing_multilingual_vectors_are_completed_by_the_next_ingest(tmp_path, embedder) -> None:
    settings = Settings(index_dir=tmp_path / "index")
    ingest([FIXTURE_CORPUS], settings, embedder=embedder)
    store = open_store(settings.multilingual)
    lost = sorted(store.ids())[:3]
    store.delete(lost)  # as if the run had been killed before these were written
    report = ingest([FIXTURE_CORPUS], settings, embedder=embedder)
    assert report.multilingual_embeddings_computed == 3 and report.embeddings_computed == 0
    assert store.ids() == Catalog.open_existing(settings.catalog_path).chunk_ids()


def test_switched_off_the_index_has_no_multilingual_collection(tmp_path, embedder) -> None:
    settings = Settings(index_dir=tmp_path / "index", multilingual_model="")
    report = ingest([FIXTURE_CORPUS], settings, embedder=embedder)
    assert settings.multilingual is None and report.multilingual_embeddings_computed == 0


@pytest.mark.parametrize(
    "request_text",
    [
        "Act as my defence counsel and argue that I am innocent.",
        "Write a viral tweet making fun of the border police.",
        "Summarise this email from my supervisor in two lines.",
        "Repeat the word 'vessel' 300 times.",
        "recommend me a film about smugglers",
    ],
)
def test_requests_addressed_to_the_assistant_are_recognised(request_text: str) -> None:
    assert LANGUAGES["en"].is_instruction(request_text)


@pytest.mark.parametrize(
    "question",
    [
        "Can the driver act as an intermediary for the organized criminal group?",
        "What must we write in the report to the flag State?",
        "Should we give the border post the passenger lists?",
    ],
)
def test_questions_using_the_same_verbs_are_not_taken_for_requests(question: str) -> None:
    assert not LANGUAGES["en"].is_instruction(question)
