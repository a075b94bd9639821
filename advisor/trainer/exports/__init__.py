"""Quiz exports: one module per format, registered by name in `EXPORTERS`.

`export(quiz, fmt)` returns the file's bytes, its media type and a file suffix. A format that
cannot carry every item type (Aiken holds only single-answer choice questions) registers a
`supports` test; `skipped_items(quiz, fmt)` names the items it leaves out, so a caller can tell
the user instead of handing over a silently shorter quiz. Adding a format is a new module that
calls `register_format`, plus its name in `QuizFormat` and in `_load_builtin_formats`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from advisor.models import Quiz, QuizFormat, QuizItem

__all__ = ["EXPORTERS", "Exporter", "export", "register_format", "skipped_items"]


def _every_item(item: QuizItem) -> bool:
    return True


@dataclass(frozen=True)
class Exporter:
    """How one format is written: `write` receives only the items `supports` accepts."""

    write: Callable[[Quiz], bytes]
    media_type: str
    suffix: str
    supports: Callable[[QuizItem], bool] = _every_item


EXPORTERS: dict[str, Exporter] = {}


def register_format(
    name: QuizFormat,
    *,
    media_type: str,
    suffix: str,
    supports: Callable[[QuizItem], bool] = _every_item,
) -> Callable[[Callable[[Quiz], bytes]], Callable[[Quiz], bytes]]:
    def register(write: Callable[[Quiz], bytes]) -> Callable[[Quiz], bytes]:
        EXPORTERS[name] = Exporter(write, media_type, suffix, supports)
        return write

    return register


def export(quiz: Quiz, fmt: QuizFormat) -> tuple[bytes, str, str]:
    """The quiz as a file in `fmt`: (content, media type, file suffix such as ".gift.txt")."""
    exporter = _exporter(fmt)
    kept = [item for item in quiz.items if exporter.supports(item)]
    content = exporter.write(quiz.model_copy(update={"items": kept}))
    return content, exporter.media_type, exporter.suffix


def skipped_items(quiz: Quiz, fmt: QuizFormat) -> list[str]:
    """Ids of the items `fmt` cannot express, which `export` leaves out of that file."""
    exporter = _exporter(fmt)
    return [item.id for item in quiz.items if not exporter.supports(item)]


def _exporter(fmt: QuizFormat) -> Exporter:
    _load_builtin_formats()
    try:
        return EXPORTERS[fmt]
    except KeyError:
        raise ValueError(f"no quiz export format {fmt!r}; known: {', '.join(sorted(EXPORTERS))}") from None


def _load_builtin_formats() -> None:
    """Importing a format module registers it (kept lazy: python-docx and lxml load on use)."""
    from advisor.trainer.exports import (  # noqa: F401
        aiken,
        csv_table,
        gift,
        json_dump,
        markdown,
        moodle_xml,
        word,
    )
