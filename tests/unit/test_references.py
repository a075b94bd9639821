"""Provision references and instrument names in practitioners' wording resolve to provisions."""

from __future__ import annotations

import pytest

from advisor.legal.instruments import Instruments
from advisor.legal.languages import LANGUAGES
from advisor.legal.references import ProvisionRef, cross_references, find_references
from advisor.models import DocumentRecord

_TITLES = {
    "smuggling-protocol": ("Protocol against the Smuggling of Migrants by Land, Sea and Air, supplementing "
                           "the United Nations Convention against Transnational Organized Crime", "Smuggling of Migrants Protocol"),
    "untoc": ("United Nations Convention against Transnational Organized Crime", "Organized Crime Convention (UNTOC)"),
    "trafficking-protocol": ("Protocol to Prevent, Suppress and Punish Trafficking in Persons, supplementing the "
                             "United Nations Convention against Transnational Organized Crime", "Trafficking in Persons Protocol"),
    "refugee-protocol": ("Protocol relating to the Status of Refugees", "Refugee Protocol (1967)"),
    "harbour-convention": ("Convention on the Safety of Fictional Harbours", "Harbour Convention"),
}  # fmt: skip


def _record(doc_id: str) -> DocumentRecord:
    title, short = _TITLES[doc_id]
    return DocumentRecord(
        doc_id=doc_id, title=title, short_title=short, kind="treaty", year=None, authority="", url="",
        source_path="", file_sha256="", fingerprint="", page_count=0, chunk_count=0, ingested_at="",
    )  # fmt: skip


@pytest.fixture(scope="module")
def instruments() -> Instruments:
    return Instruments.for_documents([_record(d) for d in _TITLES])


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("article 8(7)", ProvisionRef("smuggling-protocol", "8", "7")),
        ("art. 6 para. 3 of the Palermo Convention", ProvisionRef("untoc", "6", "3")),
        ("What does Article 16 of the Smuggling Protocol require?", ProvisionRef("smuggling-protocol", "16")),
        ("art 19 SOM protocol", ProvisionRef("smuggling-protocol", "19")),
        ("What does UNTOC article 24 provide?", ProvisionRef("untoc", "24")),
        ("Article 6(1)(b)(ii) of the Protocol", ProvisionRef("smuggling-protocol", "6", "1(b)(ii)")),
        ("What does Article IV of the 1967 Protocol say?", ProvisionRef("refugee-protocol", "IV")),
        ("Is article 5 of the TIP Protocol relevant?", ProvisionRef("trafficking-protocol", "5")),
    ],
)
def test_a_reference_resolves_to_the_instrument_named_nearest(instruments, question, expected):
    assert find_references(question, instruments, "smuggling-protocol") == [expected]


def test_a_generic_name_yields_to_the_instrument_named_beside_it(instruments):
    refs = find_references("Protocol Article 1 — how does it relate to UNTOC?", instruments, None)
    assert refs == [ProvisionRef("smuggling-protocol", "1")]


def test_lists_of_articles_are_all_found(instruments):
    refs = find_references("articles 27 and 28 of the Convention", instruments, None)
    assert refs == [ProvisionRef("untoc", "27"), ProvisionRef("untoc", "28")]


def test_without_an_instrument_the_default_applies(instruments):
    assert find_references("what does art. 9 say", instruments, None) == [ProvisionRef(None, "9")]


def test_inside_a_protocol_the_convention_is_the_one_it_supplements(instruments):
    text = "Without prejudice to articles 27 and 28 of the Convention and to article 6 of this Protocol"
    refs = cross_references(text, "smuggling-protocol", instruments)
    assert refs == [
        ProvisionRef("untoc", "27"),
        ProvisionRef("untoc", "28"),
        ProvisionRef("smuggling-protocol", "6"),
    ]


def test_a_protocol_supplementing_a_convention_is_linked_to_it(instruments):
    assert instruments.parent("smuggling-protocol") == "untoc"
    assert instruments.parent("trafficking-protocol") == "untoc"
    assert instruments.parent("untoc") is None


def test_a_smuggling_question_is_about_the_protocol_and_its_convention(instruments):
    assert instruments.focus("A smuggler fled abroad; can we ask for extradition?") == {
        "smuggling-protocol",
        "untoc",
    }


def test_instrument_names_are_left_out_of_the_words_searched(instruments):
    stripped = instruments.without_names("Does UNTOC's article on liability apply to migrant smuggling?")
    assert "UNTOC" not in stripped and "smuggling" not in stripped and "liability" in stripped


def test_titles_give_aliases_to_documents_the_registry_does_not_know(instruments):
    mentions = instruments.mentions("Under the Harbour Convention, may a vessel be detained?")
    assert [m.doc_id for m in mentions] == ["harbour-convention"]


@pytest.mark.parametrize(
    ("code", "text", "doc_id"),
    [
        ("fr", "Et selon le Protocole relatif à la traite des personnes ?", "trafficking-protocol"),
        ("fr", "la Convention des Nations Unies contre la criminalité transnationale organisée", "untoc"),
        ("es", "¿Y en el Protocolo contra el tráfico ilícito de migrantes?", "smuggling-protocol"),
        ("es", "el Protocolo de 1967 sobre el Estatuto de los Refugiados", "refugee-protocol"),
        (
            "ru",
            "А что говорит Протокол о предупреждении и пресечении торговли людьми?",
            "trafficking-protocol",
        ),
        ("ru", "согласно Конвенции против транснациональной организованной преступности", "untoc"),
        ("zh", "那么《关于打击陆、海、空偷运移民的补充议定书》呢？", "smuggling-protocol"),
        ("zh", "《联合国打击跨国有组织犯罪公约》第十六条", "untoc"),
        ("ar", "وماذا يقول بروتوكول منع وقمع ومعاقبة الاتجار بالأشخاص؟", "trafficking-protocol"),
        ("ar", "بموجب اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية", "untoc"),
    ],
)
def test_instruments_named_in_another_un_language_are_recognised(instruments, code, text, doc_id):
    english = LANGUAGES[code].english_citations(text)
    assert [m.doc_id for m in instruments.mentions(english) if not m.generic] == [doc_id]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What does para 42 of the guide say?", [ProvisionRef(None, "para. 42")]),
        ("paragraphs 12 and the rest", [ProvisionRef(None, "para. 12")]),
        ("the commentary to article 5.A", [ProvisionRef(None, "5.A, Commentary"), ProvisionRef(None, "5.A")]),
        (
            "article 5.a and its commentary",
            [ProvisionRef(None, "5.A, Commentary"), ProvisionRef(None, "5.A")],
        ),
        ("see tool 6 and Tool 5.3", [ProvisionRef(None, "Tool 6"), ProvisionRef(None, "Tool 5.3")]),
        ("section 2.3.1 of the paper", [ProvisionRef(None, "section 2.3.1")]),
        (
            "module 3, section B, then module 4",
            [ProvisionRef(None, "Module 3, section B"), ProvisionRef(None, "Module 4")],
        ),
        # A treaty's paragraph stays the article's, not a guide's.
        ("article 8, paragraph 2", [ProvisionRef("smuggling-protocol", "8", "2")]),
        ("paragraph 2 of article 8", [ProvisionRef("smuggling-protocol", "8")]),
        ("article 5. A person who", [ProvisionRef("smuggling-protocol", "5")]),
    ],
)
def test_guidance_units_named_in_questions(instruments, question, expected):
    assert find_references(question, instruments, "smuggling-protocol") == expected
