"""Figures a practitioner sees (gold cited, first citation gold, evidence quoted) and their
report by split, type and language."""

from __future__ import annotations

from advisor.evaluation.citations import SourceTexts, evidence_in_corpus, evidence_quoted, first_cited_gold
from advisor.evaluation.dataset import GoldProvision
from advisor.evaluation.results import CitationCheck, ItemResult
from advisor.evaluation.summary import by_split, headline


def _check(n: int, provision: str) -> CitationCheck:
    return CitationCheck(
        n=n, provision_id=provision, page=1, expected_page=1, verbatim=True, in_provision=True
    )


def _result(
    id_: str,
    split: str,
    *,
    answerable: bool = True,
    cited: bool = False,
    first: bool = False,
    quoted: bool = False,
    abstained: bool = False,
    language: str = "en",
    type_: str = "scenario",
) -> ItemResult:
    return ItemResult(
        id=id_,
        type=type_,
        answerable=answerable,
        question="?",
        split=split,
        language=language,
        abstained=abstained,
        cites_gold=cited if answerable and not abstained else None,
        first_cited_gold=first if answerable else None,
        evidence_quoted=quoted if answerable else None,
    )


def test_the_first_citation_is_the_lowest_number_not_the_first_listed() -> None:
    checks = [_check(2, "p:8"), _check(1, "p:6")]
    assert first_cited_gold(checks, ["p:6"])
    assert not first_cited_gold(checks, ["p:8"])


def test_nothing_cited_is_not_a_first_gold_citation() -> None:
    assert not first_cited_gold([], ["p:6"])


def test_evidence_is_found_across_quote_marks_line_breaks_and_two_quotes() -> None:
    quotes = ["“Migrants shall not become liable", "to criminal prosecution under this Protocol”"]
    assert evidence_quoted(quotes, ["migrants shall not become liable to criminal\nprosecution"])
    assert not evidence_quoted(quotes, ["for the fact of having been the object of conduct"])
    assert not evidence_quoted(quotes, [""])


def test_an_abstention_on_an_answerable_item_counts_as_a_miss() -> None:
    figures = headline(
        [_result("a", "tune", cited=True, first=True, quoted=True), _result("b", "tune", abstained=True)]
    )
    assert figures["gold_cited"] == figures["first_cited_gold"] == figures["evidence_quoted"] == 0.5
    assert figures["answer_rate"] == 0.5


def test_splits_are_reported_apart_by_type_and_language() -> None:
    items = [
        _result("a", "tune", cited=True),
        _result("b", "validation", cited=False, language="fr"),
        _result("c", "validation", answerable=False, abstained=True, type_="unanswerable"),
    ]
    table = by_split(items)
    assert table["tune"]["all"]["gold_cited"] == 1.0
    assert table["validation"]["all"]["gold_cited"] == 0.0
    assert set(table["validation"]["by_language"]) == {"en", "fr"}
    assert table["validation"]["by_type"]["unanswerable"]["abstention_recall"] == 1.0


def test_gold_evidence_is_checked_against_the_indexed_provision(fixture_advisor) -> None:
    sources = SourceTexts(fixture_advisor.catalog)
    real = GoldProvision(doc="pilots-protocol", article="2", evidence="valid for no more than five years")
    elsewhere = GoldProvision(
        doc="pilots-protocol", article="3", evidence="valid for no more than five years"
    )
    invented = GoldProvision(doc="pilots-protocol", article="2", evidence="valid for no more than ten years")
    assert evidence_in_corpus([real], sources)
    assert not evidence_in_corpus([elsewhere], sources)
    assert not evidence_in_corpus([real, invented], sources)
