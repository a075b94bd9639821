"""Publishing boilerplate: the print shop's marks and notices, not the document's words.

UN publications carry a job number ("V.10-52715 (E)") and its barcode ("*1052715*") on the
cover and back cover, and booklets bound into one PDF repeat their copyright page ("This
publication has not been formally edited.") before every module. Neither is in a running
header or footer band, so `pdf_furniture` cannot see them. What gives them away:
- job numbers and barcodes have shapes no sentence has;
- notices are small print, repeated verbatim, on pages that are otherwise nearly empty (covers
  and copyright pages). A sentence that a body page repeats is not boilerplate: it is set in
  the body size, on a full page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from advisor.ingest.loaders.pdf_layout import measure_body_size
from advisor.ingest.loaders.pdf_lines import Line

#: UN document job number, "V.10-52715 (E)": office letter(s), year, serial, language.
_JOB_NUMBER = re.compile(r"^[A-Z]{1,2}\.\d{2}-\d{5}\s*\([A-Z]\)$")
#: Code 39 barcode as text: the serial framed by the start/stop asterisks.
_BARCODE = re.compile(r"^\*\d{6,}\*$")
#: A page with fewer lines than this share of a full page (the 90th percentile of pages) is a
#: cover, a copyright page or a divider, where notices sit.
SPARSE_PAGE_SHARE = 1 / 3
FULL_PAGE_QUANTILE = 0.9
#: Print smaller than this share of the body size is small print (notices, not text).
SMALL_PRINT_RATIO = 0.9
#: Sparse pages a notice must appear on, word for word.
MIN_REPEATS = 2


def remove_boilerplate(pages: Sequence[list[Line]]) -> list[list[Line]]:
    """The same pages without job numbers, barcodes and repeated small-print notices."""
    notices = _repeated_notices(pages)
    return [
        [line for line in lines if not (_is_print_mark(line.text) or _key(line.text) in notices)]
        for lines in pages
    ]


def _is_print_mark(text: str) -> bool:
    return bool(_JOB_NUMBER.match(text) or _BARCODE.match(text))


def _key(text: str) -> str:
    return " ".join(text.split())


def _repeated_notices(pages: Sequence[list[Line]]) -> set[str]:
    """Small-print lines found word for word on at least `MIN_REPEATS` sparse pages."""
    lines = [line for page in pages for line in page]
    if not lines:
        return set()
    body_size = measure_body_size(lines)
    counts = sorted(len(page) for page in pages)
    full = counts[min(len(counts) - 1, int(FULL_PAGE_QUANTILE * (len(counts) - 1) + 0.5))]
    repeats: Counter[str] = Counter()
    for page in pages:
        if len(page) >= SPARSE_PAGE_SHARE * full:
            continue
        repeats.update({_key(line.text) for line in page if line.size < SMALL_PRINT_RATIO * body_size})
    return {text for text, count in repeats.items() if count >= MIN_REPEATS}
