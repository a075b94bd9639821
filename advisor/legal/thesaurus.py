"""Practitioners' wording → the instruments' wording, for the lexical side of retrieval.

A prosecutor writes "we boarded the boat", "they fled abroad", "he hid the profits"; the treaties
say "vessel", "extradition", "laundering of proceeds of crime". BM25 cannot bridge that gap and a
small embedder bridges it poorly, so a question matching an entry of `data/thesaurus.json` has
the entry's legal terms added to its lexical query. The entries encode how treaties word things;
`Settings.thesaurus_path` can point at another file (an empty list disables expansion).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from advisor.errors import ConfigError


@dataclass(frozen=True)
class Entry:
    patterns: tuple[re.Pattern[str], ...]
    terms: str
    #: The provisions ("untoc:16") whose wording `terms` come from: every entry must name one,
    #: so that it can be checked against the texts (tests/integration) and pruned with them.
    serves: tuple[str, ...]


class Thesaurus:
    def __init__(self, entries: list[Entry]) -> None:
        self._entries = entries

    @classmethod
    def load(cls, path: Path | None = None) -> Thesaurus:
        """The bundled thesaurus, or the one at `path`."""
        try:
            raw = path.read_text(encoding="utf-8") if path else _bundled()
            data = json.loads(raw)
            entries = [
                Entry(
                    tuple(re.compile(rf"(?<!\w){p}", re.I) for p in item["when"]),
                    item["add"],
                    tuple(item["serves"]),
                )
                for item in data["entries"]
            ]
            if any(not e.serves for e in entries):
                raise ValueError("every entry must name the provisions it serves")
        except (OSError, ValueError, KeyError, TypeError, re.error) as e:
            raise ConfigError(f"cannot read thesaurus {path or 'bundled'}: {e}") from e
        return cls(entries)

    @property
    def entries(self) -> list[Entry]:
        return list(self._entries)

    def expand(self, text: str) -> str:
        """The legal terms for the wording found in `text` ("" when none matches)."""
        return " ".join(e.terms for e in self._entries if any(p.search(text) for p in e.patterns))


def _bundled() -> str:
    return resources.files("advisor.legal.data").joinpath("thesaurus.json").read_text(encoding="utf-8")
