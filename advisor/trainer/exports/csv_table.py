"""CSV: one row per item, for a spreadsheet or another tool's importer.

Options are joined one per line (`A. text`), so a cell holds them without a separator that an
option could contain. Written with a byte-order mark: Excel otherwise opens UTF-8 as the local
code page and garbles Arabic, Chinese and «guillemets».
"""

from __future__ import annotations

import csv
import io

from advisor.models import Quiz, QuizItem
from advisor.trainer.exports import register_format
from advisor.trainer.exports.text import key_text, letter, one_line

COLUMNS = ("id", "type", "question", "options", "key", "feedback", "provision", "page", "quote")


def row(item: QuizItem) -> dict[str, str]:
    source = item.source
    return {
        "id": item.id,
        "type": item.type,
        "question": item.question,
        "options": "\n".join(f"{letter(i)}. {one_line(o.text)}" for i, o in enumerate(item.options)),
        "key": key_text(item),
        "feedback": item.feedback,
        "provision": source.provision,
        "page": "" if source.page is None else str(source.page),
        "quote": source.quote,
    }


@register_format("csv", media_type="text/csv; charset=utf-8", suffix=".csv")
def write_csv(quiz: Quiz) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(row(item) for item in quiz.items)
    return out.getvalue().encode("utf-8-sig")
