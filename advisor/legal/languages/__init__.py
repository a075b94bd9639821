"""Languages as packs: one module per UN language, one `Language` object each.

What differs between languages lives here and nowhere else: how a question cites a provision
("l'article 6, paragraphe 3", "статья 16", "第六条第三款"), rewritten into the English citation
form the reference finder reads, and the words of the answer's frame (lead line, abstention).
Quotes are never translated: they are the document's own words.

`LanguageDetector` picks a question's language with py3langid, whose model ships inside the
package; adding a language is a new module registered in `LANGUAGES`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from advisor.legal.languages import ar, en, es, fr, ru, zh
from advisor.legal.languages.base import Language

__all__ = ["LANGUAGES", "Language", "LanguageDetector", "language"]

LANGUAGES: dict[str, Language] = {pack.LANGUAGE.code: pack.LANGUAGE for pack in (en, fr, es, ar, ru, zh)}
#: Below this confidence a question is taken as English, the corpus's language: short,
#: acronym-laden questions ("UNTOC art 18") are what the identifier is least sure of.
MIN_CONFIDENCE = 0.9


def language(code: str) -> Language:
    """The pack for `code`; English for a language without one."""
    return LANGUAGES.get(code, LANGUAGES["en"])


@dataclass
class LanguageDetector:
    """py3langid restricted to the languages that have a pack (loaded once, ~0.5 s)."""

    codes: tuple[str, ...] = tuple(LANGUAGES)
    _identifier: object = field(init=False, repr=False)

    def __post_init__(self) -> None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        identifier.set_languages(list(self.codes))
        self._identifier = identifier

    def detect(self, text: str) -> Language:
        """The language of `text`; English when unsure or when the text has no letters."""
        if not re.search(r"[^\W\d_]", text):
            return LANGUAGES["en"]
        code, confidence = self._identifier.classify(text)  # type: ignore[attr-defined]
        return language(code) if confidence >= MIN_CONFIDENCE else LANGUAGES["en"]
