"""Look-alike legal corpora for scale benchmarks: k times a real corpus, without copying it.

A corpus of scale k holds the real documents once and k − 1 look-alikes of each Markdown one.
A look-alike keeps its model's outline (chapters, articles, how many paragraphs each has, how
long and how numbered they are), so it chunks into about as many chunks as its model, but every
heading and paragraph is new: clauses cut from the whole real corpus, recombined at random,
under fresh titles. Copies would be no test: identical chunks share one id and one vector, so
an index of ten copies is the size of one.

Benchmarks import it as `synthetic_corpus` (they run from `evals/`), tests as
`evals.synthetic_corpus`.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

from advisor.corpus.manifest import find_manifest
from advisor.ingest.loaders.markdown import markdown_pieces

_ARTICLE = re.compile(r"^art(?:icle|\.)\s+\S+?\.?(?:\s+(.*))?$", re.I | re.S)
_DIVISION = re.compile(r"^(part|chapter|section|annex)\b", re.I)
_MARKER = re.compile(r"^(\(?(?:\d{1,3}|[a-z]{1,2}|[ivx]{1,5})[.)])\s+")
#: Where a sentence is cut into clauses; short scraps ("and") make unreadable recombinations.
_CLAUSE_CUT = re.compile(r"(?<=[a-z)])[,;:.]\s+")
_MIN_CLAUSE_WORDS = 4
#: A clause cut after one of these words would leave a sentence hanging ("... and.").
_DANGLING = frozenset("a an and as by for in of or shall that the to which with".split())
#: Names that keep look-alikes apart from the real instruments: a question's "the Protocol" or
#: "the Convention" must still mean what it means in the real corpus.
_FORMS = ("Regional Agreement", "Framework Arrangement", "Model Accord", "Joint Declaration")
_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV")


@dataclass(frozen=True)
class Block:
    """One block of a real document's outline: its kind, length in words, paragraph marker."""

    kind: str  # "title", "division", "article", "heading" (any other) or "paragraph"
    words: int
    marker: str = ""
    label: str = ""  # "Chapter", "Part"... for divisions
    level: int = 0  # Markdown heading level, for other headings


@dataclass(frozen=True)
class Model:
    """A real Markdown document: its manifest entry and outline."""

    spec: dict[str, object]
    outline: tuple[Block, ...]


@dataclass(frozen=True)
class Phrasebook:
    """The real corpus cut into clauses (for paragraphs) and article titles (for headings)."""

    clauses: tuple[str, ...]
    titles: tuple[str, ...]


def read_models(source: Path) -> tuple[list[Model], Phrasebook]:
    """The Markdown documents the manifest of `source` lists, and the phrasebook of them all."""
    specs = _manifest(source)
    models, clauses, titles = [], [], []
    for spec in specs:
        markdown = next((f for f in spec.get("files", []) if str(f).endswith(".md")), None)
        if markdown is None:
            continue
        outline = []
        for piece in markdown_pieces((source / str(markdown)).read_text(encoding="utf-8")):
            block, found_clauses, title = _block(piece.text, piece.heading_level)
            outline.append(block)
            clauses += found_clauses
            titles += [title] if title else []
        models.append(Model(spec, tuple(outline)))
    return models, Phrasebook(tuple(dict.fromkeys(clauses)), tuple(dict.fromkeys(titles)))


def build_corpus(source: Path, target: Path, scale: int, seed: int = 0) -> int:
    """Write the corpus of `scale` × `source` into `target` (real files linked, look-alikes
    written, one manifest for all); the number of documents in it."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    target.mkdir(parents=True, exist_ok=True)
    specs = _manifest(source)
    for spec in specs:
        for name in spec.get("files", []):
            link = target / str(name)
            if not link.exists():
                link.symlink_to((source / str(name)).resolve())
    models, phrasebook = read_models(source)
    entries = list(specs)
    for copy in range(1, scale):
        for model in models:
            rng = random.Random(f"{seed}-{copy}-{model.spec['id']}")
            entry, text = look_alike(model, phrasebook, copy, rng)
            (target / f"{entry['id']}.md").write_text(text, encoding="utf-8")
            entries.append(entry)
    (target / "manifest.json").write_text(json.dumps(entries, indent=1), encoding="utf-8")
    return len(entries)


def look_alike(
    model: Model, phrasebook: Phrasebook, copy: int, rng: random.Random
) -> tuple[dict[str, object], str]:
    """A new document in the outline of `model`: (manifest entry, Markdown text)."""
    form = rng.choice(_FORMS)
    number = f"{copy}-{model.spec['id']}"
    title = f"{form} No. {number} on {_heading(phrasebook, rng).lower()}"
    lines, articles, headings, divisions = [f"# {title}"], 0, 0, {}
    for block in model.outline:
        if block.kind == "article":
            articles += 1
            lines.append(f"#### Article {articles}. {_heading(phrasebook, rng)}")
        elif block.kind == "division":
            divisions[block.label] = divisions.get(block.label, 0) + 1
            numeral = _ROMAN[(divisions[block.label] - 1) % len(_ROMAN)]
            lines.append(f"## {block.label} {numeral}. {_heading(phrasebook, rng)}")
        elif block.kind == "heading":
            headings += 1  # numbered, as a guide's sections are ("2 Inspections")
            lines.append(f"{'#' * block.level} {headings} {_heading(phrasebook, rng)}")
        elif block.kind == "paragraph":
            marker = f"{block.marker} " if block.marker else ""
            lines.append(marker + _paragraph(phrasebook, block.words, rng))
    entry = {
        "id": f"lookalike-{number}",
        "title": title,
        "short_title": f"{form} No. {number}",
        "kind": model.spec.get("kind", "guidance"),
        "files": [f"lookalike-{number}.md"],
    }
    return entry, "\n\n".join(lines) + "\n"


def _manifest(source: Path) -> list[dict[str, object]]:
    manifest = find_manifest(source)
    if manifest is None:
        raise FileNotFoundError(f"no manifest.json in {source}")
    raw = json.loads(manifest.read_text(encoding="utf-8"))
    return list(raw["documents"] if isinstance(raw, dict) else raw)


def _block(text: str, level: int | None) -> tuple[Block, list[str], str]:
    """The outline block of one piece, the clauses it lends and the article title it lends."""
    words = len(text.split())
    if level == 1:
        return Block("title", words), [], ""
    if level is not None:
        article = _ARTICLE.match(text)
        if article:
            return Block("article", words), [], (article.group(1) or "").strip()
        division = _DIVISION.match(text)
        if division:
            return Block("division", words, label=division.group(1).title()), [], ""
        return Block("heading", words, level=level), [], ""
    marker = _MARKER.match(text)
    body = text[marker.end() :] if marker else text
    return Block("paragraph", words, marker.group(1) if marker else ""), _clauses(body), ""


def _clauses(text: str) -> list[str]:
    pieces = (p.strip().rstrip(".,;:") for p in _CLAUSE_CUT.split(text))
    return [
        p
        for p in pieces
        if len(p.split()) >= _MIN_CLAUSE_WORDS
        and not p[0].isdigit()
        and p.split()[-1].lower() not in _DANGLING
        and p.isprintable()
        and '"' not in p
        and "“" not in p
    ]


def _paragraph(phrasebook: Phrasebook, words: int, rng: random.Random) -> str:
    """About `words` words of clauses from different places, in sentences of one to three."""
    clauses: list[str] = []
    while sum(len(c.split()) for c in clauses) < max(words, _MIN_CLAUSE_WORDS):
        clauses.append(rng.choice(phrasebook.clauses))
    sentences = []
    while clauses:
        size = rng.randint(1, 3)
        sentence = rng.choice((", ", "; ", ", and ")).join(clauses[:size])
        del clauses[:size]
        sentences.append(sentence[0].upper() + sentence[1:] + ".")
    return " ".join(sentences)


def _heading(phrasebook: Phrasebook, rng: random.Random) -> str:
    """An article title spliced from the first half of one real title and the rest of another."""
    first, second = (t.split() for t in rng.sample(phrasebook.titles, 2))
    head = first[: max(1, len(first) // 2)]
    tail = second[len(second) // 2 :] if len(second) > 1 else []
    return " ".join(head + tail)
