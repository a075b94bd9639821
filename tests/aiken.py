"""A reader of the Aiken format, from its specification, for the quiz export tests."""

from __future__ import annotations


def read(text: str) -> list[tuple[str, list[str], str]]:
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
