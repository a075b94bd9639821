"""Cut a document into chunks the embedder can read whole, without crossing an article.

A chunk is a contiguous slice of the document's cleaned text, so its text can be shown and
quoted as is. Its embedding is computed on a short context line ("Smuggling of Migrants
Protocol, Article 8 — Measures against the smuggling of migrants by sea, para. 7") followed by
the text; context line and text together must fit the embedder's window (all-MiniLM-L6-v2
truncates at 256 word pieces), so long articles are split at paragraph boundaries, and a
paragraph longer than the window at sentence, then clause, then word boundaries.

A table (one block per row, see `Block.table_header`) is packed as one group, so a table that
fits a chunk stays whole; where a long table is cut, a chunk whose text lacks the table's
header row names the columns in its context line instead, since its text must stay a slice.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterator, Sequence
from itertools import pairwise

from advisor.ingest.loaders.base import LoadedDocument
from advisor.ingest.structure import Segment, parse_structure
from advisor.models import Chunk, unit_label

#: Bump when chunk boundaries or context lines change: stored chunks are then re-made.
CHUNKER_VERSION = "3"

TokenCounter = Callable[[str], int]
_RESERVED_TOKENS = 12

_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+(?=\S)")
_CLAUSE_END = re.compile(r"(?<=[,;])\s+(?=\S)")
_WORD_GAP = re.compile(r"\s+")


def chunk_document(doc: LoadedDocument, count_tokens: TokenCounter, max_tokens: int) -> list[Chunk]:
    """All chunks of `doc`, in reading order; headings are in the context line, not the text."""
    segments = [s for s in parse_structure(doc) if not s.is_heading]
    tables = {block.start: block.table_header for block in doc.blocks if block.table_header}
    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    for unit in _units(segments):
        context = context_line(doc, unit[0])
        headers = {tables[s.start] for s in unit if s.start in tables}
        widest = max((count_tokens(_table_suffix(h)) for h in headers), default=0)
        # Room for the context line (with a table's header), the newline after it, a
        # paragraph suffix and [CLS]/[SEP].
        budget = max_tokens - count_tokens(context) - widest - _RESERVED_TOKENS
        for start, end in _pack(doc.text, unit, tables, count_tokens, budget):
            chunk_context = context + _missing_headers(doc.text[start:end], unit, tables, start, end)
            chunks.append(_make_chunk(doc, unit, start, end, chunk_context, len(chunks), seen))
    return chunks


def context_line(doc: LoadedDocument, segment: Segment) -> str:
    """Where a passage sits, in the words a practitioner would cite it with."""
    name = doc.short_title or doc.title
    if segment.article:
        where = unit_label(segment.annex, segment.article)
        if segment.article_title:
            where += f" — {segment.article_title}"
        return f"{name}, {where}"
    division = segment.section or segment.chapter or segment.part
    return f"{name} — {division}" if division else name


def _missing_headers(text: str, unit: list[Segment], tables: dict[int, str], start: int, end: int) -> str:
    """Context suffix naming the columns of each table with rows in [start, end) whose header
    row is not in the chunk's text."""
    headers = dict.fromkeys(tables[s.start] for s in unit if s.start in tables and start <= s.start < end)
    return "".join(_table_suffix(header) for header in headers if header not in text)


def _table_suffix(header: str) -> str:
    return f"; table columns: {header}"


def _units(segments: Sequence[Segment]) -> Iterator[list[Segment]]:
    """Runs of consecutive segments that belong to the same article (or division)."""
    run: list[Segment] = []
    for segment in segments:
        if run and segment.unit != run[-1].unit:
            yield run
            run = []
        run.append(segment)
    if run:
        yield run


def _pack(
    text: str, unit: list[Segment], tables: dict[int, str], count: TokenCounter, budget: int
) -> Iterator[tuple[int, int]]:
    """Spans over the unit that fit the budget, cut between numbered paragraphs when possible.

    A paragraph travels with its sub-paragraphs ("2." with its "a)", "b)"), and a table's rows
    with each other, so a chunk starts where a citation would; only a paragraph (or table) too
    long for one chunk is cut inside.
    """
    span: tuple[int, int] | None = None
    for group in _paragraph_groups(unit, tables):
        group_span = (group[0].start, group[-1].end)
        if span and count(text[span[0] : group_span[1]]) <= budget:
            span = (span[0], group_span[1])
            continue
        if span:
            yield span
        if count(text[group_span[0] : group_span[1]]) <= budget:
            span = group_span
            continue
        pieces = [p for s in group for p in _fit(text, s.start, s.end, count, budget)]
        span = pieces[0]
        for piece in pieces[1:]:
            if count(text[span[0] : piece[1]]) <= budget:
                span = (span[0], piece[1])
            else:
                yield span
                span = piece
    if span:
        yield span


def _paragraph_groups(unit: list[Segment], tables: dict[int, str]) -> Iterator[list[Segment]]:
    """Consecutive segments sharing a top-level paragraph number ("1", "1(a)", "1(b)(i)"), and
    either text or rows of one table."""
    group: list[Segment] = []

    def key(segment: Segment) -> tuple[str, str | None]:
        return _top(segment.paragraph), tables.get(segment.start)

    for segment in unit:
        if group and key(segment) != key(group[-1]):
            yield group
            group = []
        group.append(segment)
    if group:
        yield group


def _top(paragraph: str) -> str:
    return paragraph.split("(", 1)[0]


def _fit(text: str, start: int, end: int, count: TokenCounter, budget: int) -> list[tuple[int, int]]:
    """Split [start, end) at the coarsest boundary that makes every piece fit the budget."""
    if count(text[start:end]) <= budget:
        return [(start, end)]
    for boundary in (_SENTENCE_END, _CLAUSE_END, _WORD_GAP):
        pieces = _split_at(text, start, end, boundary, count, budget)
        if pieces:
            return pieces
    return [(start, end)]


def _split_at(
    text: str, start: int, end: int, boundary: re.Pattern[str], count: TokenCounter, budget: int
) -> list[tuple[int, int]] | None:
    """Greedy pieces cut only at `boundary`; None when some piece still exceeds the budget."""
    cuts = [start] + [start + m.end() for m in boundary.finditer(text[start:end])] + [end]
    pieces: list[tuple[int, int]] = []
    piece_start = start
    for previous, cut in pairwise(cuts):
        if previous > piece_start and count(text[piece_start:cut].rstrip()) > budget:
            pieces.append((piece_start, _rstrip(text, piece_start, previous)))
            piece_start = previous
    pieces.append((piece_start, end))
    if any(count(text[a:b]) > budget for a, b in pieces):
        return None
    return pieces


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _make_chunk(
    doc: LoadedDocument,
    unit: list[Segment],
    start: int,
    end: int,
    context: str,
    ordinal: int,
    seen: dict[str, int],
) -> Chunk:
    covered = [s for s in unit if s.start < end and s.end > start]
    paragraphs = tuple(dict.fromkeys(s.paragraph for s in covered if s.paragraph))
    text = doc.text[start:end]
    first = covered[0]
    context_with_paras = context + _paragraph_suffix(paragraphs)
    digest = _sha(f"{doc.doc_id}\n{context_with_paras}\n{text}")[:16]
    occurrence = seen.get(digest, 0)
    seen[digest] = occurrence + 1
    chunk_id = f"{doc.doc_id}:{digest}" + (f"-{occurrence}" if occurrence else "")
    return Chunk(
        id=chunk_id,
        doc_id=doc.doc_id,
        ordinal=ordinal,
        text=text,
        context=context_with_paras,
        start=start,
        end=end,
        page_start=doc.page_at(start),
        page_end=doc.page_at(max(start, end - 1)),
        part=first.part,
        chapter=first.chapter,
        section=first.section,
        annex=first.annex,
        article=first.article,
        article_title=first.article_title,
        paragraphs=paragraphs,
    )


def _paragraph_suffix(paragraphs: tuple[str, ...]) -> str:
    """ ", para. 7" / ", paras. 1–3": top-level numbers only, which is how treaties are cited."""
    tops = list(dict.fromkeys(_top(p) for p in paragraphs))
    if not tops:
        return ""
    if len(tops) == 1:
        return f", para. {tops[0]}"
    return f", paras. {tops[0]}–{tops[-1]}"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
