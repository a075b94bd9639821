"""Text hygiene shared by every loader: decoding bytes, normalising inline text, fallback titles.

Everything the advisor quotes passes through `normalize_inline`, so a quotation found in the
index is found again in the cleaned text whatever the source format was.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from advisor.errors import DocumentError

logger = logging.getLogger(__name__)

#: Typographic ligatures some PDF producers emit as single code points; readers search "fi".
_LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\ufb05": "st",
        "\ufb06": "st",
    }
)
#: Invisible characters that break substring search: soft hyphen, zero-width marks, BOM.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class DecodedText:
    """A text file's content and the encoding that decoded it (reported when it is a guess)."""

    text: str
    encoding: str


def normalize_inline(text: str) -> str:
    """One line of clean text: ligatures expanded, invisibles dropped, whitespace collapsed."""
    text = _INVISIBLE.sub("", text.translate(_LIGATURES))
    return _WHITESPACE.sub(" ", text).strip()


def prettify_stem(stem: str) -> str:
    """A readable fallback title from a file name: `smuggling-protocol` → `Smuggling protocol`."""
    words = re.sub(r"[-_.]+", " ", stem).strip()
    return words[:1].upper() + words[1:] if words else stem


def read_text_file(path: Path) -> DecodedText:
    """Decode a text-like file: UTF-8 (BOM or not), UTF-16 with a BOM, else cp1252 with a warning.

    cp1252 is the usual encoding of text saved on Windows; it decodes almost any byte, so it
    comes last and is logged, because a wrong guess shows up as odd punctuation in quotes.
    """
    data = read_bytes(path)
    decoded = _decode(data, path)
    if "\x00" in decoded.text:
        raise DocumentError(f"{path}: binary content (NUL bytes) in a text file")
    return decoded


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a `DocumentError` saying why they cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError as e:
        raise DocumentError(f"{path}: file not found") from e
    except IsADirectoryError as e:
        raise DocumentError(f"{path}: is a directory, not a document") from e
    except OSError as e:
        raise DocumentError(f"{path}: cannot read file ({e.strerror or e})") from e


def _decode(data: bytes, path: Path) -> DecodedText:
    bom_utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    # utf-8-sig reads plain UTF-8 too and drops a leading byte-order mark if there is one.
    for encoding in ("utf-16",) if bom_utf16 else ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "cp1252":
            logger.warning("%s: not valid UTF-8; decoded as cp1252", path)
        return DecodedText(text, encoding.removesuffix("-sig"))
    reason = "invalid UTF-16" if bom_utf16 else "neither UTF-8 nor cp1252"
    raise DocumentError(f"{path}: undecodable text ({reason})")
