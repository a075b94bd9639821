"""How much a passage binds: a treaty obliges its States Parties; everything else explains.

Shown beside every citation that is not binding ("UNODC guidance, not binding"), used by
retrieval so that a treaty provision leads the guidance that explains it, and open to filters
through the document kinds of `advisor.corpus.manifest.KINDS`.
"""

from __future__ import annotations

BINDING_KINDS = frozenset({"treaty"})

_LABELS = {
    "treaty": "binding treaty",
    "model-law": "model legislation, not binding",
    "manual": "training material, not binding",
}
_GUIDANCE = "UNODC guidance, not binding"


def authority_label(kind: str) -> str:
    """A few words a practitioner reads next to the citation: what weight the passage has."""
    return _LABELS.get(kind, _GUIDANCE)


def is_binding(kind: str) -> bool:
    return kind in BINDING_KINDS
