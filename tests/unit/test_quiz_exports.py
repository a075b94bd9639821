"""Quiz exports read back by real parsers: each item's text, key, option feedback and source
must survive, including text full of the formats' own markup and of other scripts."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import docx
import pytest
from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode
from moodle_xml_parser.parser import parse_bytes

from advisor.models import Quiz, QuizItem, QuizOption, QuizSource
from advisor.trainer.exports import export, skipped_items
from tests import gift

PROTOCOL = "Protocol against the Smuggling of Migrants by Land, Sea and Air"


def _source(provision: str, quote: str, page: int | None = 3) -> QuizSource:
    return QuizSource(
        doc_id="som-protocol",
        title=PROTOCOL,
        kind="treaty",
        authority="binding treaty",
        provision=provision,
        article=provision.split("(")[0],
        page=page,
        quote=quote,
        start=0,
        end=len(quote),
    )


ITEMS = [
    QuizItem(
        id="mc-1",
        type="multiple-choice",
        question='Under Article 6(1)(b), which act {if any} is "procuring" a fraudulent document? Note: a=b ~ c # d & «guillemets» *not* _this_ [x](y) <i>',
        options=[
            QuizOption(
                text="%10% of the fee: a «financial benefit»",
                correct=False,
                feedback="No ~ that is Article 6(1)(a).",
            ),
            QuizOption(
                text="Providing a fraudulent travel document = an offence",
                correct=True,
                feedback="Right: 6(1)(b)(ii) #1 «fournir»",
            ),
            QuizOption(text="Rescue at sea {SAR}", correct=False),
            QuizOption(text="R&D with a back\\slash", correct=False, feedback="Not in the Protocol."),
        ],
        answer="Providing a fraudulent travel document = an offence",
        feedback="Article 6(1)(b) lists procuring, providing or possessing.",
        source=_source(
            "Article 6(1)(b)(ii)", "“procuring, providing or possessing such a document”; & {sic}"
        ),
    ),
    QuizItem(
        id="tf-false",
        type="true-false",
        question="Migrants become liable to prosecution for having been smuggled (بروتوكول مكافحة تهريب المهاجرين).",
        options=[
            QuizOption(text="True", correct=False, feedback="No: Article 5 says they shall not."),
            QuizOption(text="False", correct=True, feedback="Yes: Article 5 protects them."),
        ],
        answer="False",
        feedback="Article 5: migrants shall not become liable to criminal prosecution.",
        source=_source(
            "Article 5",
            "Migrants shall not become liable to criminal prosecution under this Protocol",
            page=None,
        ),
    ),
    QuizItem(
        id="tf-true",
        type="true-false",
        question="The Protocol applies to offences that are transnational: {true} or false?",
        options=[
            QuizOption(text="True", correct=True),
            QuizOption(text="False", correct=False, feedback="See Article 4: scope."),
        ],
        answer="True",
        source=_source("Article 4", "transnational in nature and involve an organized criminal group"),
    ),
    QuizItem(
        id="cls-1",
        type="classification",
        question="Facts:\n\nA paid a guide to cross a border «الاتجار» 偷运移民.\nClassify the conduct.",
        options=[
            QuizOption(
                text="Smuggling of migrants",
                correct=True,
                feedback="Procurement of illegal entry for a financial benefit.",
            ),
            QuizOption(
                text="Trafficking in persons", correct=False, feedback="No exploitation purpose is stated."
            ),
        ],
        answer="Smuggling of migrants",
        feedback="Article 3(a) defines smuggling by the procurement of illegal entry.",
        source=_source(
            "Article 3(a)", "“Smuggling of migrants” shall mean the procurement, in order to obtain"
        ),
    ),
    QuizItem(
        id="def-1",
        type="definition",
        question="Define “smuggling of migrants” as in Article 3(a).",
        answer='The procurement, to obtain a financial or other material benefit, of the illegal entry of a person: "not a national".',
        feedback="The definition has three elements.",
        source=_source(
            "Article 3(a)",
            "the procurement, in order to obtain, directly or indirectly, a financial or other material benefit",
        ),
    ),
    QuizItem(
        id="obl-1",
        type="obligation",
        question="What must each State Party do under Article 6(1)?",
        answer="Adopt legislative measures to establish the offences ]]> when committed intentionally & for a benefit.",
        feedback="Article 6(1) is an obligation: «shall adopt».",
        source=_source("Article 6(1)", "Each State Party shall adopt such legislative and other measures"),
    ),
    QuizItem(
        id="open-1",
        type="open",
        question="1) Explain why «偷运移民» differs from trafficking; cite the Protocol.",
        answer="Smuggling needs no exploitation &amp; ends at the border: 偷运移民 ≠ 贩运人口.",
        source=_source("Article 3", "For the purposes of this Protocol"),
    ),
]
QUIZ = Quiz(
    title="Smuggling: Articles 3–6 & «scope»", seed=7, provisions=[f"{PROTOCOL}, Article 6"], items=ITEMS
)
CHOICE_IDS = ["mc-1", "tf-false", "tf-true", "cls-1"]
WRITTEN_IDS = ["def-1", "obl-1", "open-1"]
BY_ID = {item.id: item for item in ITEMS}


def _text(fmt: str) -> str:
    content, _, _ = export(QUIZ, fmt)  # type: ignore[arg-type]
    return content.decode("utf-8-sig")


# --- GIFT -------------------------------------------------------------------------------------


def _gift_by_id() -> dict[str, gift.Question]:
    questions = gift.parse(_text("gift"))
    assert len(questions) == len(ITEMS)
    return {q.name.split(" — ")[0]: q for q in questions}


def test_gift_names_each_question_by_item_id_and_provision():
    names = [q.name for q in gift.parse(_text("gift"))]
    assert names == [f"{item.id} — {item.source.provision}" for item in ITEMS]


def test_gift_question_text_survives_special_characters_and_newlines():
    for item_id, question in _gift_by_id().items():
        assert question.text == BY_ID[item_id].question
        assert question.text_format == "plain"


def test_gift_choice_items_keep_each_option_correctness_and_feedback():
    for item_id in ("mc-1", "cls-1"):
        question, item = _gift_by_id()[item_id], BY_ID[item_id]
        assert question.kind == "multichoice"
        assert [(a.text, a.weight, a.feedback) for a in question.answers] == [
            (o.text, 1.0 if o.correct else 0.0, o.feedback) for o in item.options
        ]


def test_gift_true_false_keeps_key_and_feedback_for_each_answer():
    false_item, true_item = _gift_by_id()["tf-false"], _gift_by_id()["tf-true"]
    assert (false_item.kind, false_item.truth) == ("truefalse", False)
    assert false_item.wrong_feedback == "No: Article 5 says they shall not."
    assert false_item.right_feedback == "Yes: Article 5 protects them."
    assert (true_item.kind, true_item.truth) == ("truefalse", True)
    assert (true_item.wrong_feedback, true_item.right_feedback) == ("See Article 4: scope.", "")


def test_gift_items_answered_in_words_are_essays_with_the_model_answer():
    for item_id in WRITTEN_IDS:
        question = _gift_by_id()[item_id]
        assert question.kind == "essay"
        assert f"Model answer: {BY_ID[item_id].answer}" in question.general_feedback


def test_gift_general_feedback_names_the_pinpoint_and_quote():
    for item_id, question in _gift_by_id().items():
        source = BY_ID[item_id].source
        assert f"{PROTOCOL}, {source.provision}" in question.general_feedback
        assert f"“{source.quote}”" in question.general_feedback


def test_gift_escapes_each_reserved_character_with_a_backslash():
    raw = _text("gift")
    assert r"which act \{if any\} is" in raw
    assert r"Note\: a\=b \~ c \# d & «guillemets»" in raw
    assert r"R&D with a back\\slash" in raw
    assert r"Facts\:\n\nA paid a guide" in raw


def test_gift_reader_reads_the_documentation_examples_as_documented():
    """The reader itself, checked on examples from Moodle's GIFT documentation."""
    choice, tf, essay, weighted = gift.parse(
        "// comment\n"
        "::Q2:: What's between orange and green in the spectrum?\n"
        "{ =yellow # right; good! ~red # wrong, it's yellow ~blue # wrong, it's yellow }\n\n"
        "Grant is buried in Grant's tomb.{FALSE#Wrong#Right}\n\n"
        "How are you? {\n####We hope you're feeling well.\n}\n\n"
        "1 + 2 \\= ?{~%50%3 =three ~four}\n"
    )
    assert (choice.name, choice.text, choice.kind) == (
        "Q2",
        "What's between orange and green in the spectrum?",
        "multichoice",
    )
    assert [(a.text, a.weight, a.feedback) for a in choice.answers] == [
        ("yellow", 1.0, "right; good!"),
        ("red", 0.0, "wrong, it's yellow"),
        ("blue", 0.0, "wrong, it's yellow"),
    ]
    assert (tf.kind, tf.truth, tf.wrong_feedback, tf.right_feedback) == ("truefalse", False, "Wrong", "Right")
    assert (essay.kind, essay.general_feedback) == ("essay", "We hope you're feeling well.")
    assert weighted.text == "1 + 2 = ?"
    assert [(a.text, a.weight) for a in weighted.answers] == [("3", 0.5), ("three", 1.0), ("four", 0.0)]


def test_gift_reader_rejects_unescaped_markup():
    """The reader is strict enough to catch an exporter that forgot to escape."""
    with pytest.raises(gift.GiftError):
        gift.parse_question("::q::What is {x}? {=a ~b}")


# --- Moodle XML -------------------------------------------------------------------------------


def _xml_questions() -> dict[str, ET.Element]:
    root = ET.fromstring(export(QUIZ, "moodle-xml")[0])
    assert root.tag == "quiz"
    return {q.findtext("name/text", "").split(" — ")[0]: q for q in root.findall("question")}


def test_moodle_xml_question_types_follow_item_types():
    types = {item_id: q.get("type") for item_id, q in _xml_questions().items()}
    assert types == {
        "mc-1": "multichoice",
        "cls-1": "multichoice",
        "tf-false": "truefalse",
        "tf-true": "truefalse",
        "def-1": "essay",
        "obl-1": "essay",
        "open-1": "essay",
    }


def test_moodle_xml_multichoice_reads_back_with_moodle_xml_parser():
    parsed = parse_bytes(export(QUIZ, "moodle-xml")[0])
    by_id = {q.name.split(" — ")[0]: q for q in parsed["multichoice"]}
    assert sorted(by_id) == ["cls-1", "mc-1"]
    for item_id, question in by_id.items():
        item = BY_ID[item_id]
        assert question.text_pre_parse == item.question.strip()
        assert question.single is True
        assert [(o.answer, o.score_fraction) for o in question.options] == [
            (opt.text, 100.0 if opt.correct else 0.0) for opt in item.options
        ]
        for option, quiz_option in zip(question.options, item.options, strict=True):
            assert option.feedback.startswith(quiz_option.feedback)
            assert item.source.provision in option.feedback
        assert f"“{item.source.quote}”" in question.general_feedback


def test_moodle_xml_true_false_marks_the_right_answer_with_its_feedback():
    for item_id, right in (("tf-false", "false"), ("tf-true", "true")):
        answers = {a.findtext("text"): a for a in _xml_questions()[item_id].findall("answer")}
        assert {text: a.get("fraction") for text, a in answers.items()} == {
            "true": "100" if right == "true" else "0",
            "false": "100" if right == "false" else "0",
        }
        item = BY_ID[item_id]
        correct = next(o for o in item.options if o.correct)
        assert answers[right].findtext("feedback/text", "").startswith(correct.feedback)
        assert item.source.provision in answers[right].findtext("feedback/text", "")


def test_moodle_xml_essays_give_the_grader_the_model_answer_and_cite_the_source():
    for item_id in WRITTEN_IDS:
        question, item = _xml_questions()[item_id], BY_ID[item_id]
        assert question.findtext("questiontext/text") == item.question
        assert question.find("questiontext").get("format") == "plain_text"
        assert question.findtext("graderinfo/text") == f"Model answer: {item.answer}"
        assert f"{item.source.provision}, p. 3 (binding treaty): “{item.source.quote}”" in question.findtext(
            "generalfeedback/text", ""
        )


def test_moodle_xml_uses_cdata_and_escapes_text_that_would_close_it():
    raw = export(QUIZ, "moodle-xml")[0].decode("utf-8")
    assert "<![CDATA[Under Article 6(1)(b)" in raw
    assert "]]&gt; when committed intentionally &amp; for a benefit" in raw


# --- Aiken ------------------------------------------------------------------------------------


def _read_aiken(text: str) -> list[tuple[str, list[str], str]]:
    """Aiken as specified: a question line, options `A.` or `A)` one per line, `ANSWER: X`."""
    questions, current = [], None
    for line in (raw.strip() for raw in text.splitlines()):
        if not line:
            continue
        if line.startswith("ANSWER:"):
            assert current is not None
            questions.append((current[0], current[1], line.split(":", 1)[1].strip()))
            current = None
        elif (
            current is not None and len(line) > 2 and line[0].isupper() and line[1] in ".)" and line[2] == " "
        ):
            assert line[0] == chr(ord("A") + len(current[1])), "options must be lettered in order"
            current[1].append(line[3:])
        else:
            assert current is None, f"a second question line before ANSWER: {line!r}"
            current = (line, [])
    assert current is None
    return questions


def test_aiken_exports_choice_items_with_the_letter_of_the_correct_option():
    questions = _read_aiken(_text("aiken"))
    assert len(questions) == len(CHOICE_IDS)
    for item_id, (question, options, key) in zip(CHOICE_IDS, questions, strict=True):
        item = BY_ID[item_id]
        assert question == " ".join(item.question.split())
        assert options == [o.text for o in item.options]
        assert options["ABCD".index(key)] == next(o.text for o in item.options if o.correct)


def test_aiken_reports_the_items_it_cannot_hold():
    assert skipped_items(QUIZ, "aiken") == WRITTEN_IDS
    assert skipped_items(QUIZ, "gift") == []


def test_aiken_skips_a_question_that_would_read_as_an_option_line():
    item = BY_ID["cls-1"].model_copy(
        update={"id": "looks-like-option", "question": "B) Classify the conduct."}
    )
    quiz = QUIZ.model_copy(update={"items": [item]})
    assert skipped_items(quiz, "aiken") == ["looks-like-option"]
    assert _read_aiken(export(quiz, "aiken")[0].decode()) == []


# --- CSV, JSON --------------------------------------------------------------------------------


def test_csv_has_one_row_per_item_with_key_and_source():
    rows = list(csv.DictReader(io.StringIO(_text("csv"))))
    assert [row["id"] for row in rows] == [item.id for item in ITEMS]
    mc = rows[0]
    assert mc["question"] == BY_ID["mc-1"].question
    assert mc["options"].split("\n")[1] == "B. Providing a fraudulent travel document = an offence"
    assert mc["key"] == "B. Providing a fraudulent travel document = an offence"
    assert (mc["provision"], mc["page"], mc["quote"]) == (
        "Article 6(1)(b)(ii)",
        "3",
        BY_ID["mc-1"].source.quote,
    )
    assert rows[1]["key"] == "B. False" and rows[1]["page"] == ""
    assert rows[4]["key"] == BY_ID["def-1"].answer and rows[4]["options"] == ""


def test_csv_starts_with_a_byte_order_mark_for_spreadsheets():
    assert export(QUIZ, "csv")[0].startswith(b"\xef\xbb\xbfid,type,question")


def test_json_is_the_quiz_model():
    assert Quiz.model_validate(json.loads(export(QUIZ, "json")[0])) == QUIZ


# --- Markdown ---------------------------------------------------------------------------------


def _plain(node: SyntaxTreeNode) -> str:
    if node.type in ("text", "code_inline"):
        return node.content
    if node.type in ("softbreak", "hardbreak"):
        return " "
    return "".join(_plain(child) for child in node.children)


def test_markdown_has_questions_then_a_separate_answer_key():
    tree = SyntaxTreeNode(MarkdownIt("commonmark").parse(_text("md")))
    assert [(n.type, n.tag) for n in tree.children] == [
        ("heading", "h1"),
        ("heading", "h2"),
        ("ordered_list", "ol"),
        ("heading", "h2"),
        ("ordered_list", "ol"),
    ]
    assert [_plain(n) for n in tree.children if n.type == "heading"] == [
        QUIZ.title,
        "Questions",
        "Answer key",
    ]
    questions, keys = tree.children[2].children, tree.children[4].children
    assert len(questions) == len(keys) == len(ITEMS)
    for entry, item in zip(questions, ITEMS, strict=True):
        assert _plain(entry.children[0]) == " ".join(item.question.split())
        if item.options:
            assert [_plain(o) for o in entry.children[1].children] == [
                f"{'ABCD'[i]}. {o.text}" for i, o in enumerate(item.options)
            ]


def test_markdown_answer_key_gives_key_justification_and_citation():
    tree = SyntaxTreeNode(MarkdownIt("commonmark").parse(_text("md")))
    keys = tree.children[4].children
    assert _plain(keys[0].children[0]) == "Key: B. Providing a fraudulent travel document = an offence"
    assert _plain(keys[0].children[1]) == BY_ID["mc-1"].feedback
    assert _plain(keys[0].children[2]) == (
        f"Source: {PROTOCOL}, Article 6(1)(b)(ii), p. 3 (binding treaty): “{BY_ID['mc-1'].source.quote}”"
    )
    assert _plain(keys[6].children[0]) == f"Model answer: {BY_ID['open-1'].answer}"


# --- Word -------------------------------------------------------------------------------------


def test_docx_answer_key_starts_on_a_new_page():
    document = docx.Document(io.BytesIO(export(QUIZ, "docx")[0]))
    paragraphs = document.paragraphs
    key_at = next(i for i, p in enumerate(paragraphs) if p.text == "Answer key")
    assert paragraphs[key_at].style.name == "Heading 1"
    breaks = [i for i, p in enumerate(paragraphs) if p._p.xpath('.//w:br[@w:type="page"]')]
    assert breaks == [key_at - 1]
    before = "\n".join(p.text for p in paragraphs[:key_at])
    assert "Source:" not in before and "Key:" not in before


def test_docx_holds_questions_options_and_key_with_citation():
    texts = [p.text for p in docx.Document(io.BytesIO(export(QUIZ, "docx")[0])).paragraphs]
    assert texts[0] == QUIZ.title
    assert f"4. {BY_ID['cls-1'].question}" in texts
    assert "B. Providing a fraudulent travel document = an offence" in texts
    assert "1. Key: B. Providing a fraudulent travel document = an offence" in texts
    assert f"Source: {PROTOCOL}, Article 5 (binding treaty): “{BY_ID['tf-false'].source.quote}”" in texts


def test_control_characters_left_by_a_pdf_text_layer_are_dropped_where_xml_forbids_them():
    item = BY_ID["tf-false"]
    source = item.source.model_copy(update={"quote": "Migrants shall not\x0cbecome liable\x01"})
    quiz = QUIZ.model_copy(update={"items": [item.model_copy(update={"source": source})]})
    feedback = ET.fromstring(export(quiz, "moodle-xml")[0]).findtext("question/generalfeedback/text", "")
    assert "“Migrants shall notbecome liable”" in feedback
    texts = [p.text for p in docx.Document(io.BytesIO(export(quiz, "docx")[0])).paragraphs]
    assert any("“Migrants shall notbecome liable”" in text for text in texts)


# --- All formats ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "media_type", "suffix"),
    [
        ("gift", "text/plain; charset=utf-8", ".gift.txt"),
        ("aiken", "text/plain; charset=utf-8", ".aiken.txt"),
        ("moodle-xml", "application/xml", ".xml"),
        ("csv", "text/csv; charset=utf-8", ".csv"),
        ("md", "text/markdown; charset=utf-8", ".md"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
        ("json", "application/json", ".json"),
    ],
)
def test_every_format_names_its_media_type_and_suffix(fmt, media_type, suffix):
    content, got_type, got_suffix = export(QUIZ, fmt)
    assert (got_type, got_suffix) == (media_type, suffix)
    assert content


def test_a_choice_item_without_exactly_one_correct_option_is_refused():
    two_keys = BY_ID["mc-1"].model_copy(
        update={"options": [QuizOption(text="a", correct=True), QuizOption(text="b", correct=True)]}
    )
    with pytest.raises(ValueError, match="exactly one correct"):
        export(QUIZ.model_copy(update={"items": [two_keys]}), "gift")
