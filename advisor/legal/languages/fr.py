"""French: « l'article 6, paragraphe 3, du Protocole »."""

from advisor.legal.languages.base import Language, cues, rewrites

LANGUAGE = Language(
    code="fr",
    name="français",
    lead="Les documents traitent de cette question dans {names}.",
    and_word="et",
    abstention="Les documents indexés ne traitent pas de cette question",
    see_also_note=(
        "Les dispositions les plus proches figurent sous « voir aussi » ; "
        "elles peuvent aider mais n'y répondent pas."
    ),
    too_far="aucune disposition indexée n'est assez proche de la question",
    refusal=(
        "Ce conseiller répond aux questions sur le droit du trafic illicite de migrants : le Protocole "
        "contre le trafic illicite de migrants, la Convention contre la criminalité organisée et les "
        "traités connexes. Interrogez-le sur une disposition ou décrivez un cas."
    ),
    rewrites=rewrites(
        (r"\bparagraphes?\b", "paragraph"),
        (r"\balinéas?\b", "subparagraph"),
        (r"\bdu\s+protocole\b", "of the Protocol"),
        (r"\bprotocole\b", "Protocol"),
        (r"\bde\s+la\s+convention\b", "of the Convention"),
    ),
    instruction_cues=cues(
        r"\bignore[rz]?\b[^.?!]{0,40}\binstructions?\b",
        r"\b(?:écris|écrivez|rédige|rédigez)[- ]moi\s+un\s+(?:poème|chanson|conte)",
        r"\bfais\s+semblant\b",
        r"\btraduis\b",
    ),
)
