"""The text-layer quality measure: clean pages in the six UN languages pass, garbled ones do not."""

from __future__ import annotations

import unicodedata

import pytest

from advisor.ingest.loaders.text_quality import (
    GARBLED_BELOW,
    assess_pages,
    document_score,
    page_ranges,
    parse_page_ranges,
)

# Our own sentences, one page's worth in each language (repeated to make a page).
CLEAN = {
    "en": "This note describes how regional offices share information with the competent "
    "authorities, and why the financial benefit of the smugglers matters to the investigation.",
    "fr": "La présente note décrit comment les bureaux régionaux échangent des informations avec "
    "les autorités compétentes, et pourquoi l'avantage financier des passeurs compte pour l'enquête.",
    "es": "Esta nota describe cómo las oficinas regionales intercambian información con las "
    "autoridades competentes, y por qué el beneficio económico de los traficantes importa.",
    "ru": "В настоящей записке описывается, как региональные отделения обмениваются информацией "
    "с компетентными органами и почему финансовая выгода перевозчиков важна для расследования.",
    "ar": "تصف هذه المذكرة كيف تتبادل المكاتب الإقليمية المعلومات مع السلطات المختصة، "
    "ولماذا تهم المنفعة المالية للمهربين في التحقيق.",
    "zh": "本说明介绍各区域办事处如何与主管当局交换信息，以及偷运者获得的经济利益为何对调查十分重要。",
}


def page(sentence: str, times: int = 4) -> str:
    return "\n".join([sentence] * times)


def verdict(text: str) -> tuple[bool, float]:
    quality = assess_pages([text])[0]
    return quality.garbled, quality.score


@pytest.mark.parametrize("language", sorted(CLEAN))
def test_a_clean_page_in_each_un_language_passes(language: str) -> None:
    garbled, score = verdict(page(CLEAN[language]))
    assert not garbled
    assert score == 1.0


def test_arabic_in_presentation_forms_as_pdfs_extract_it_passes() -> None:
    forms = [
        "ALEF ISOLATED",
        "LAM INITIAL",
        "SEEN MEDIAL",
        "LAM MEDIAL",
        "TAH MEDIAL",
        "ALEF FINAL",
        "TEH ISOLATED",
    ]
    word = "".join(unicodedata.lookup(f"ARABIC LETTER {form} FORM") for form in forms)
    assert not verdict(page(" ".join([word] * 12)))[0]


def test_acronyms_plural_acronyms_and_words_run_together_are_not_held_against_a_page() -> None:
    text = page("UNODC and UNHCR asked the NGOs of CubaIranPursuant States to report in 2024.")
    assert verdict(text) == (False, 1.0)


@pytest.mark.parametrize("language", sorted(CLEAN))
def test_private_use_characters_make_a_page_garbled(language: str) -> None:
    text = "".join(
        char if char.isspace() else chr(0xE000 + ord(char) % 256) for char in page(CLEAN[language])
    )
    assert verdict(text) == (True, 0.0)


@pytest.mark.parametrize("language", sorted(CLEAN))
def test_cid_codes_make_a_page_garbled(language: str) -> None:
    text = "".join(char if char.isspace() else f"(cid:{ord(char) % 97})" for char in page(CLEAN[language]))
    assert verdict(text)[0]


def test_replacement_characters_make_a_page_garbled() -> None:
    text = "".join(
        "\ufffd" if char.isalpha() and index % 3 else char for index, char in enumerate(page(CLEAN["ru"]))
    )
    assert verdict(text)[0]


@pytest.mark.parametrize("language", ["ru", "zh", "ar"])
def test_utf8_read_as_latin1_makes_a_page_garbled(language: str) -> None:
    # French read so loses only its accented letters ("prÃ©sente"): too little to call garbled.
    mojibake = page(CLEAN[language]).encode("utf-8").decode("latin-1")
    assert verdict(mojibake)[0]


def test_latin_letters_inside_cyrillic_words_make_a_page_garbled() -> None:
    lookalikes = str.maketrans("аеорсх", "aepocx")  # Cyrillic to Latin homoglyphs
    assert verdict(page(CLEAN["ru"]).translate(lookalikes))[0]


def test_codes_read_as_glyph_numbers_make_a_page_garbled() -> None:
    # A font whose character codes are its glyph numbers: each character 29 places before
    # its code ("the" → "WKH", "a" → "D", "." → "\x11").
    shifted = "".join(chr(ord(char) - 29) if ord(char) > 32 else char for char in page(CLEAN["en"]))
    garbled, score = verdict(shifted)
    assert garbled
    assert score < GARBLED_BELOW


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_letter_map_that_loses_the_vowels_makes_a_page_garbled(language: str) -> None:
    letters = {"en": ("aeiouy", "qxzvkw"), "ru": ("аеиоуыяю", "бвгджзкл")}[language]
    garbled, score = verdict(page(CLEAN[language]).translate(str.maketrans(*letters)))
    assert garbled
    assert score < GARBLED_BELOW


def test_words_that_lost_a_ligature_are_found_against_the_documents_other_pages() -> None:
    clean = page("The financial benefit was identified by officials, and the profit flows were defined.")
    broken = page("The nancial benet was identied by ofcials, and the prot ows were dened.")
    first, second = assess_pages([clean, broken])
    assert not first.garbled
    assert second.garbled
    assert {"benet", "nancial", "ofcials", "prot"} <= set(second.missing_letter_words)


def test_one_word_that_could_have_lost_a_ligature_is_not_enough() -> None:
    pages = [
        page("Trafficking in persons is not the tracking of goods."),
        page("The tracking of ships at sea."),
    ]
    assert not any(quality.garbled for quality in assess_pages(pages))


def test_a_page_too_short_to_judge_passes() -> None:
    assert not verdict("\ue001\ue002\ue003 12")[0]


def test_the_document_score_weighs_pages_by_their_letters() -> None:
    qualities = assess_pages([page(CLEAN["en"]), "\ue000" * 50])
    letters = [quality.letters for quality in qualities]
    assert document_score(qualities) == pytest.approx(letters[0] / sum(letters))


def test_page_ranges_read_back() -> None:
    assert page_ranges([9, 3, 4, 5]) == "3-5, 9"
    assert parse_page_ranges("3-5, 9") == [3, 4, 5, 9]
    assert parse_page_ranges("") == []
