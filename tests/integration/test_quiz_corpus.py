"""Quizzes over the real treaties: the Smuggling Protocol's articles 1-9 and a topic."""

from __future__ import annotations

import pytest

from advisor.config import Settings
from advisor.index.embeddings import Embedder
from advisor.pipeline import Advisor
from advisor.trainer.generate import QuizSpec, generate_quiz
from advisor.trainer.selection import Scope


@pytest.fixture(scope="module")
def advisor(corpus_index: Settings, embedder: Embedder) -> Advisor:
    return Advisor.load(corpus_index, embedder=embedder)


def test_articles_1_to_9_give_twenty_grounded_items_of_every_type(advisor: Advisor):
    spec = QuizSpec(Scope(doc="smuggling-protocol", articles="1-9"), n=20, seed=1)
    quiz = generate_quiz(advisor, spec)
    assert len(quiz.items) == 20
    assert {i.type for i in quiz.items} == {
        "definition", "obligation", "true-false", "multiple-choice", "classification", "open"
    }  # fmt: skip
    for item in quiz.items:
        text, _ = advisor.catalog.text_of(item.source.doc_id)
        assert text[item.source.start : item.source.end] == item.source.quote
        smuggling_or_trafficking = item.source.doc_id == "trafficking-protocol" and item.source.article == "3"
        assert smuggling_or_trafficking or (item.source.doc_id, int(item.source.article) <= 9) == (
            "smuggling-protocol",
            True,
        )
    assert generate_quiz(advisor, spec).model_dump_json() == quiz.model_dump_json()


def test_the_definition_of_smuggling_is_asked_from_article_3(advisor: Advisor):
    spec = QuizSpec(Scope(doc="smuggling-protocol", articles="3"), n=50, types=("definition",))
    keys = {i.question: i.answer for i in generate_quiz(advisor, spec).items}
    key = keys["What does “Smuggling of migrants” mean under the Smuggling of Migrants Protocol?"]
    assert key.startswith("the procurement, in order to obtain, directly or indirectly, a financial")


def test_a_topic_quiz_draws_on_cooperation_provisions(advisor: Advisor):
    quiz = generate_quiz(advisor, QuizSpec(Scope(topic="international cooperation"), n=20, seed=1))
    assert quiz.provisions and quiz.items
    assert any("cooperat" in p.lower() or "Article 7" in p for p in quiz.provisions)
