"""Small builders for test documents: blocks in, a `LoadedDocument` out (no loader involved)."""

from __future__ import annotations

from pathlib import Path

from advisor.ingest.loaders.base import Block, LoadedDocument


def document(
    parts: list[tuple[str, int | None]],
    *,
    doc_id: str = "harbour-convention",
    short_title: str = "Harbour Convention",
    kind: str = "treaty",
    pages: list[int] | None = None,
) -> LoadedDocument:
    """`parts` are (text, heading_level) pairs; `pages[i]` is the page of block i."""
    text, blocks, offsets = "", [], []
    for i, (words, level) in enumerate(parts):
        if text:
            text += "\n\n"
        start = len(text)
        text += words
        blocks.append(Block(words, start, len(text), level))
        if pages and (not offsets or pages[i] > len(offsets)):
            offsets += [start] * (pages[i] - len(offsets))
    return LoadedDocument(
        doc_id=doc_id,
        title="Convention on the Safety of Fictional Harbours",
        kind=kind,
        source_path=Path(f"{doc_id}.md"),
        sha256="0" * 64,
        text=text,
        blocks=tuple(blocks),
        page_offsets=tuple(offsets),
        short_title=short_title,
    )


#: A three-article synthetic treaty in the shape of the UN instruments.
HARBOUR_TREATY: list[tuple[str, int | None]] = [
    ("Convention on the Safety of Fictional Harbours", 1),
    ("Preamble", None),
    (
        "The States Parties to this Convention, Recognizing the need for safe harbours, Have agreed as follows:",
        None,
    ),
    ("Chapter I. General provisions", 2),
    ("Article 1. Use of terms", 4),
    ("For the purposes of this Convention:", None),
    ("a) \u201cHarbour\u201d shall mean a sheltered body of water where vessels may moor;", None),
    ("b) \u201cPilot\u201d shall mean a person who guides vessels into a harbour:", None),
    ("(i) Who is licensed by a State Party; or", None),
    ("(ii) Who is employed by the harbour authority;", None),
    ("Article 2. Inspection of vessels", 4),
    ("1. Each State Party shall inspect vessels entering its harbours.", None),
    (
        "2. A State Party that has reasonable grounds to suspect that a vessel carries hazardous cargo may:",
        None,
    ),
    ("(a) Board the vessel;", None),
    ("(b) Search the vessel.", None),
    ("3. States Parties shall inform the flag State of the results of any inspection.", None),
    ("Chapter II. Final provisions", 2),
    ("Article 3\nEntry into force", 4),
    (
        "This Convention shall enter into force on the ninetieth day after the deposit of the tenth instrument of ratification.",
        None,
    ),
]
