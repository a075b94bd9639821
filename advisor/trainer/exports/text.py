"""What every export says the same way: the citation, option letters, the correct option."""

from __future__ import annotations

import re
import string

from advisor.models import QuizItem, QuizOption, QuizSource

#: Items answered by picking an option; the others (definition, obligation, open) are answered
#: in words and carry a model answer in `QuizItem.answer`.
CHOICE_TYPES = frozenset({"true-false", "multiple-choice", "classification"})

_TRUE = frozenset({"true", "t"})
_FALSE = frozenset({"false", "f"})
# C0 controls other than tab, newline and carriage return: XML 1.0 forbids them, so Moodle XML
# and .docx (python-docx refuses them) could not hold a quote that a PDF text layer left them in.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def citation(source: QuizSource) -> str:
    """'Title, Article 6(1)(b), p. 4 (binding treaty): “quote”' — pinpoint, weight and basis."""
    where = f"{source.title}, {source.provision}"
    if source.page is not None:
        where += f", p. {source.page}"
    if source.authority:
        where += f" ({source.authority})"
    return f"{where}: “{source.quote}”"


def explanation(item: QuizItem) -> str:
    """The general feedback: the model answer for items answered in words, why, and the source."""
    parts = [] if item.type in CHOICE_TYPES else [f"Model answer: {item.answer}"]
    if item.feedback:
        parts.append(item.feedback)
    parts.append(f"Source: {citation(item.source)}")
    return "\n".join(parts)


def letter(index: int) -> str:
    """A, B, C ... for option `index` (handouts and Aiken both letter the options)."""
    return string.ascii_uppercase[index]


def one_line(text: str) -> str:
    """Whitespace runs as single spaces: formats whose records are lines (Aiken, Markdown lists)."""
    return " ".join(text.split())


def xml_safe(text: str) -> str:
    return _CONTROL.sub("", text)


def correct_index(item: QuizItem) -> int:
    """The index of the one correct option; a choice item with none, or several, has no key."""
    correct = [i for i, option in enumerate(item.options) if option.correct]
    if len(item.options) < 2 or len(correct) != 1:
        raise ValueError(
            f"quiz item {item.id}: a {item.type} item needs two or more options and exactly one "
            f"correct, has {len(item.options)} options and {len(correct)} correct"
        )
    return correct[0]


def is_true(item: QuizItem) -> bool:
    """The key of a true-false item, read from its correct option ("True"/"False", "T"/"F")."""
    word = item.options[correct_index(item)].text.strip().casefold()
    if word in _TRUE | _FALSE:
        return word in _TRUE
    raise ValueError(f"quiz item {item.id}: a true-false key must read True or False, not {word!r}")


def wrong_option(item: QuizItem) -> QuizOption:
    """The other option of a true-false item: its feedback is what a wrong answer shows."""
    key = correct_index(item)
    return next(option for i, option in enumerate(item.options) if i != key)


def key_text(item: QuizItem) -> str:
    """The key as handouts and tables show it: "B. option text", or the model answer."""
    if item.type in CHOICE_TYPES:
        index = correct_index(item)
        return f"{letter(index)}. {one_line(item.options[index].text)}"
    return item.answer
