"""Moodle XML: the format that carries the most of a quiz into Moodle.

multiple-choice and classification become `multichoice` (one answer, options in the quiz's
order so the file matches the handout and the quiz's seed), true-false `truefalse`, and
definition, obligation and open items `essay` (a sentence key cannot be string-matched, see
`gift`), with the model answer as the grader's information. The citation is in every
question's `generalfeedback` and in every answer's `feedback`, so it shows whichever option a
learner picks. Texts are `plain_text` in CDATA, as Moodle writes them; a text holding `]]>`,
which would end a CDATA section, is written escaped instead.
"""

from __future__ import annotations

from lxml import etree

from advisor.models import Quiz, QuizItem, QuizOption
from advisor.trainer.exports import register_format
from advisor.trainer.exports.text import citation, correct_index, explanation, is_true, wrong_option, xml_safe

_PLAIN = "plain_text"
#: Moodle's question type for each item type; the others, answered in words, are essays.
_QTYPE = {"true-false": "truefalse", "multiple-choice": "multichoice", "classification": "multichoice"}
#: Moodle's default deduction for each wrong try in adaptive modes: a third for several options,
#: all of it for true/false, where a second try cannot be wrong.
_PENALTY = {"multichoice": "0.3333333", "truefalse": "1", "essay": "0"}


def _text(parent: etree._Element, tag: str, value: str, **attrib: str) -> etree._Element:
    element = etree.SubElement(parent, tag, attrib)
    text = etree.SubElement(element, "text")
    value = xml_safe(value)
    text.text = value if "]]>" in value else etree.CDATA(value)
    return element


def _answer(parent: etree._Element, text: str, right: bool, feedback: str) -> None:
    answer = _text(parent, "answer", text, fraction="100" if right else "0", format=_PLAIN)
    _text(answer, "feedback", feedback, format=_PLAIN)


def _option_feedback(option: QuizOption, item: QuizItem) -> str:
    source = f"Source: {citation(item.source)}"
    return f"{option.feedback}\n{source}" if option.feedback else source


def _question(quiz_root: etree._Element, item: QuizItem) -> None:
    qtype = _QTYPE.get(item.type, "essay")
    question = etree.SubElement(quiz_root, "question", type=qtype)
    _text(question, "name", f"{item.id} — {item.source.provision}")
    _text(question, "questiontext", item.question, format=_PLAIN)
    _text(question, "generalfeedback", explanation(item), format=_PLAIN)
    etree.SubElement(question, "defaultgrade").text = "1"
    etree.SubElement(question, "penalty").text = _PENALTY[qtype]
    etree.SubElement(question, "hidden").text = "0"
    if qtype == "multichoice":
        _choices(question, item)
    elif qtype == "truefalse":
        _true_false(question, item)
    else:
        _essay(question, item)


def _choices(question: etree._Element, item: QuizItem) -> None:
    etree.SubElement(question, "single").text = "true"
    etree.SubElement(question, "shuffleanswers").text = "false"
    etree.SubElement(question, "answernumbering").text = "ABCD"
    key = correct_index(item)
    for i, option in enumerate(item.options):
        _answer(question, option.text, i == key, _option_feedback(option, item))


def _true_false(question: etree._Element, item: QuizItem) -> None:
    """Moodle's true/false answers are the words `true` and `false`, whatever the item's labels."""
    truth = is_true(item)
    right, wrong = item.options[correct_index(item)], wrong_option(item)
    said_true, said_false = (right, wrong) if truth else (wrong, right)
    _answer(question, "true", truth, _option_feedback(said_true, item))
    _answer(question, "false", not truth, _option_feedback(said_false, item))


def _essay(question: etree._Element, item: QuizItem) -> None:
    etree.SubElement(question, "responseformat").text = "editor"
    etree.SubElement(question, "responserequired").text = "1"
    etree.SubElement(question, "responsefieldlines").text = "10"
    etree.SubElement(question, "attachments").text = "0"
    etree.SubElement(question, "attachmentsrequired").text = "0"
    _text(question, "graderinfo", f"Model answer: {item.answer}", format=_PLAIN)
    _text(question, "responsetemplate", "", format=_PLAIN)


@register_format("moodle-xml", media_type="application/xml", suffix=".xml")
def write_moodle_xml(quiz: Quiz) -> bytes:
    root = etree.Element("quiz")
    for item in quiz.items:
        _question(root, item)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
