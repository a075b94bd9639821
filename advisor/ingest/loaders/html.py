"""HTML pages: headings from h1–h6, paragraphs from block elements, page chrome dropped.

Navigation, headers, footers and scripts are the website's words, not the document's; quoting
them would misattribute text, so they are removed before any text is read.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

from advisor.errors import DocumentError
from advisor.ingest.loaders.assemble import Piece, assemble
from advisor.ingest.loaders.base import LoadedText
from advisor.ingest.loaders.cleaning import normalize_inline, read_text_file

_DROPPED = [
    "head",
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "noscript",
    "template",
    "iframe",
    "svg",
    "form",
    "button",
    "select",
]
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
#: Elements that end the running paragraph: text on either side belongs to different blocks.
_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "dd",
        "details",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
_NOT_TEXT = (Comment, Declaration, Doctype, ProcessingInstruction)


class HtmlLoader:
    """Reads `.html`/`.htm` with BeautifulSoup's built-in parser (no lxml needed)."""

    suffixes: tuple[str, ...] = (".html", ".htm", ".xhtml")

    def load(self, path: Path) -> LoadedText:
        decoded = read_text_file(path)
        soup = BeautifulSoup(decoded.text, "html.parser")
        title = _title(soup)
        for element in soup.find_all(_DROPPED):
            element.decompose()
        root = soup.body or soup
        pieces = list(html_pieces(root))
        if not pieces:
            raise DocumentError(f"{path}: no text in the HTML body")
        return assemble(pieces, title=title, metadata={"encoding": decoded.encoding})


def html_pieces(root: Tag) -> Iterator[Piece]:
    """Blocks in document order: each heading, and each run of text between block boundaries."""
    buffer: list[str] = []
    yield from _walk(root, buffer)
    yield from _flush(buffer)


def _walk(element: Tag, buffer: list[str]) -> Iterator[Piece]:
    for child in element.children:
        if isinstance(child, NavigableString):
            if not isinstance(child, _NOT_TEXT):
                buffer.append(str(child))
        elif isinstance(child, Tag) and child.name in _HEADINGS:
            yield from _flush(buffer)
            text = normalize_inline(child.get_text(" "))
            if text:
                yield Piece(text, heading_level=_HEADINGS[child.name])
        elif isinstance(child, Tag) and child.name in _BLOCKS:
            yield from _flush(buffer)
            yield from _walk(child, buffer)
            yield from _flush(buffer)
        elif isinstance(child, Tag):
            yield from _walk(child, buffer)


def _flush(buffer: list[str]) -> Iterator[Piece]:
    text = normalize_inline("".join(buffer))
    buffer.clear()
    if text:
        yield Piece(text)


def _title(soup: BeautifulSoup) -> str:
    if soup.title and soup.title.get_text(strip=True):
        return normalize_inline(soup.title.get_text(" "))
    first_heading = soup.find("h1")
    return normalize_inline(first_heading.get_text(" ")) if first_heading else ""
