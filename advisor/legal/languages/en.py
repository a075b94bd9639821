"""English: the corpus's own language; its citations need no rewriting."""

from advisor.legal.languages.base import Language, cues

LANGUAGE = Language(
    code="en",
    name="English",
    lead="The documents address this in {names}.",
    and_word="and",
    abstention="The indexed documents do not cover this question",
    see_also_note="The nearest provisions are listed under “see also”; they may help but do not answer it.",
    too_far="no indexed provision is close enough to the question",
    refusal=(
        "This advisor answers questions on the law of migrant smuggling: the Smuggling of Migrants "
        "Protocol, the Organized Crime Convention and related treaties. Ask about a provision or "
        "describe a case."
    ),
    instruction_cues=cues(
        r"\b(?:ignore|disregard|forget|override)\b[^.?!]{0,40}\b(?:instructions?|prompts?|rules|guidelines)\b",
        r"\bsystem\s+(?:prompt|message)\b",
        r"\bpretend\s+(?:to\s+be|you(?:'re|\s+are))\b",
        r"\b(?:act|behave)\s+as\s+(?:my\b|if\s+you|an?\s+(?:ai|assistant|chatbot|unrestricted|different|evil))\b",
        r"\brole-?play\b",
        r"\byou\s+are\s+now\b",
        r"\b(?:developer|god|jailbreak)\s+mode\b",
        r"\b(?:write|compose|draft|give)\s+(?:me\s+)?(?:a|an|some|the)\s+(?:[\w-]+\s+){0,2}?"
        r"(?:poem|song|story|essay|tweet|limerick|joke|contract|recipe|cover letter|speech)",
        r"\bsummari[sz]e\s+(?:this|that|the\s+following|my)\s+(?:email|e-mail|text|message|letter|article)\b",
        r"\brepeat\s+(?:the\s+word|after\s+me)\b",
        r"\brecommend\s+me\b",
        r"\btranslate\s+(?:this|that|it|the\s+following)\b",
    ),
    national_law_cues=cues(
        r"\b(?-i:(?!(?:Domestic|Public|Basic|Specific|Generic)\b)[A-Z][a-z]+(?:an|ian|ish|ese|ic|i|ch))\s+(?:(?:criminal|penal|immigration|asylum|aliens?|border|migration|nationality)\s+)?(?:law|code|act|statute|legislation|constitution)\b",
        r"\b(?:law|act|decree|code|ordinance|statute|bill)\s+(?:no\.?|n[o°º]\.?|number)\s*\d+",
        r"\b(?-i:(?:[A-Z][a-z]+\s+(?:and\s+)?){1,5}Act)(?:\s+of)?\s+\d{4}\b",
        r"\bsection\s+\d+[a-z]?(?:\(\d+\))*\s+of\s+(?:the\s+|our\s+)?(?-i:(?:[A-Z]\w+\s+){0,5}(?:Act|Code))\b",
        r"(?-i:\b[A-Z][\w'’-]+(?:\s+(?:[A-Z][\w'’-]+|and\s+Others))*\s+v\.?\s+(?:the\s+)?[A-Z][\w'’-]+)",
    ),
)
