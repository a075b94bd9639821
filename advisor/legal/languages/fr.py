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
    not_binding={
        "model-law": "législation type, non contraignante",
        "guidance": "orientations de l'ONUDC, non contraignantes",
        "manual": "matériel de formation, non contraignant",
    },
    too_far="aucune disposition indexée n'est assez proche de la question",
    refusal=(
        "Ce conseiller répond aux questions sur le droit du trafic illicite de migrants : le Protocole "
        "contre le trafic illicite de migrants, la Convention contre la criminalité organisée et les "
        "traités connexes. Interrogez-le sur une disposition ou décrivez un cas."
    ),
    instrument_names=rewrites(
        # UNODC guidance by its usual names, to the words `legal/instruments.py` knows.
        ("lois?\\s+types?", "model law"),
        ("guides?\\s+l[ée]gislatifs?", "legislative guide"),
        ("manuels?\\s+de\\s+formation", "training manual"),
        ("documents?\\s+th[ée]matiques?", "issue paper"),
        ("cadre\\s+(?:international\\s+)?d['’]action", "framework"),
        ("bo[îi]te\\s+[àa]\\s+outils", "toolkit"),
        (
            r"protocole\s+(?:contre\s+le\s+|relatif\s+au\s+)?trafic\s+illicite\s+de\s+migrants(?:\s+par\s+terre,\s+air\s+et\s+mer)?",
            "Smuggling of Migrants Protocol",
        ),
        (
            r"protocole\s+(?:visant\s+à\s+prévenir,\s+réprimer\s+et\s+punir\s+la\s+|relatif\s+à\s+la\s+|sur\s+la\s+)?traite\s+des\s+(?:personnes|êtres\s+humains)",
            "Trafficking in Persons Protocol",
        ),
        (
            r"protocole\s+(?:contre\s+la\s+fabrication\s+et\s+le\s+trafic\s+illicites\s+d'|relatif\s+aux\s+|sur\s+les\s+)?armes\s+à\s+feu",
            "Firearms Protocol",
        ),
        (
            r"convention\s+(?:des\s+nations\s+unies\s+)?contre\s+la\s+criminalité\s+transnationale\s+organisée|convention\s+de\s+palerme",
            "Palermo Convention",
        ),
        (
            r"convention\s+(?:des\s+nations\s+unies\s+)?contre\s+la\s+corruption|convention\s+de\s+mérida",
            "Convention against Corruption",
        ),
        (
            r"protocole\s+(?:de\s+1967\s+)?relatif\s+au\s+statut\s+des\s+réfugiés|protocole\s+de\s+1967",
            "1967 Protocol",
        ),
        (
            r"convention\s+(?:de\s+1951\s+)?relative\s+au\s+statut\s+des\s+réfugiés|convention\s+de\s+genève\s+(?:de\s+1951\s+)?sur\s+les\s+réfugiés",
            "Refugee Convention",
        ),
        (
            r"convention\s+(?:des\s+nations\s+unies\s+)?sur\s+le\s+droit\s+de\s+la\s+mer",
            "Law of the Sea Convention",
        ),
    ),
    rewrites=rewrites(
        # Guidance units: commentary, section, module, tool.
        ("\\bcommentaires?\\s+(?:de|sur|relatif\\s+[àa])\\s+l['’](?=art)", "commentary to "),
        ("\\bcommentaires?\\b", "commentary"),
        ("\\boutil\\b", "tool"),
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
    national_law_cues=cues(
        r"\bcode\s+(?:pénal|de\s+procédure\s+pénale|de\s+l'entrée\s+et\s+du\s+séjour)",
        r"\bCESEDA\b",
        r"\bloi\s+(?:organique\s+)?(?:n[°ºo]\.?\s*)?\d",
    ),
)
