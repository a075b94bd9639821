"""Which treaty articles each guidance unit discusses, so each can be found from the other.

A model law's commentary names its source ("implements article 6, paragraph 1 (a), of the
Protocol"); a guide's paragraphs name the articles they explain. Read once per index from the
units' own text, these links let "what does the guide say about article 8?" reach the guide's
paragraphs on article 8, and let a treaty article lead the guidance that explains it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from advisor.legal.authority import is_binding
from advisor.legal.instruments import Instruments
from advisor.legal.references import find_references
from advisor.models import Chunk, ProvisionKey


class GuidanceLinks:
    """Guidance unit → the treaty articles it names, and the reverse."""

    def __init__(
        self,
        by_provision: Mapping[ProvisionKey, Sequence[Chunk]],
        kinds: Mapping[str, str],
        instruments: Instruments,
    ) -> None:
        self._discusses: dict[ProvisionKey, list[ProvisionKey]] = {}
        self._explained_by: dict[ProvisionKey, list[ProvisionKey]] = defaultdict(list)
        #: (treaty article, paragraph) → units naming that paragraph ("article 6, paragraph 3").
        self._by_paragraph: dict[tuple[ProvisionKey, str], list[ProvisionKey]] = defaultdict(list)
        for key, chunks in by_provision.items():
            if is_binding(kinds.get(key.doc_id, "")) or not key.article:
                continue
            text = " ".join(c.text for c in chunks)
            # Only articles tied to a treaty by name count: a guide's bare "article 6" could be
            # any instrument's.
            refs = [
                r
                for r in find_references(text, instruments, default_doc=None)
                if r.doc_id and is_binding(kinds.get(r.doc_id, ""))
            ]
            named = [ProvisionKey(r.doc_id or "", "", r.article) for r in refs]
            treaty = [k for k in dict.fromkeys(named) if k in by_provision]
            self._discusses[key] = treaty
            for article in treaty:
                self._explained_by[article].append(key)
            for ref, article in zip(refs, named, strict=True):
                if ref.paragraph and article in by_provision:
                    self._by_paragraph[(article, ref.paragraph.split("(")[0])].append(key)

    def discusses(self, key: ProvisionKey) -> list[ProvisionKey]:
        """The treaty articles a guidance unit names, in the order it names them."""
        return self._discusses.get(key, [])

    def explaining(self, article: ProvisionKey) -> list[ProvisionKey]:
        """Guidance units, of any document, that name treaty `article`, in reading order."""
        return self._explained_by.get(article, [])

    def discussing(
        self, doc_id: str, article: str, treaty: str | None = None, paragraph: str = ""
    ) -> list[ProvisionKey]:
        """Units of guidance document `doc_id` that discuss article `article` (of `treaty`,
        or of any treaty when None), in reading order; those naming `paragraph` first."""
        units = [
            unit
            for key, units in self._explained_by.items()
            if key.article == article and (treaty is None or key.doc_id == treaty)
            for unit in units
            if unit.doc_id == doc_id
        ]
        top = paragraph.split("(")[0]
        exact = [
            unit
            for (key, named), units in self._by_paragraph.items()
            if top and named == top and key.article == article and (treaty is None or key.doc_id == treaty)
            for unit in units
            if unit.doc_id == doc_id
        ]
        return list(dict.fromkeys(exact + units))
