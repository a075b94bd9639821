"""Answers as plain text: for the terminal, and for chat clients that only show message text."""

from __future__ import annotations

from advisor.legal.authority import is_binding
from advisor.models import Answer


def sources_block(answer: Answer) -> str:
    """ "Sources:" with one line per citation: [n] instrument, pinpoint, page."""
    if not answer.citations:
        return ""
    lines = ["Sources:"]
    for c in answer.citations:
        page = f", p. {c.page}" if c.page else ""
        weight = f" ({c.authority})" if c.authority and not is_binding(c.kind) else ""
        lines.append(f"[{c.n}] {c.title}, {c.provision or 'text'}{page}{weight}")
    return "\n".join(lines)


def see_also_block(answer: Answer) -> str:
    if not answer.see_also:
        return ""
    items = [f"{s.title}, {s.provision}" if s.provision else s.title for s in answer.see_also]
    return "See also: " + "; ".join(items)


def verification_line(answer: Answer) -> str:
    v = answer.verification
    if v is None:
        return ""
    kept = sum(1 for s in v.sentences if s.supported and s.substantive)
    claims = sum(1 for s in v.sentences if s.substantive)
    line = f"Verified: {kept} of {claims} generated sentences supported by their passages"
    if v.removed:
        line += f"; {v.removed} removed"
    if v.fell_back_to_extractive:
        line += "; showing the quoted passages instead"
    return line + "."


def answer_as_text(answer: Answer) -> str:
    """The answer followed by its sources (and, when abstaining, where to look instead)."""
    parts = [answer.answer, sources_block(answer), see_also_block(answer), verification_line(answer)]
    return "\n\n".join(p for p in parts if p)
