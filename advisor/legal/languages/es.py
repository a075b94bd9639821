"""Spanish: «el artículo 8(7) del Protocolo», «párrafo 3 del artículo 16»."""

from advisor.legal.languages.base import Language, cues, rewrites

LANGUAGE = Language(
    code="es",
    name="español",
    lead="Los documentos tratan esta cuestión en {names}.",
    and_word="y",
    abstention="Los documentos indexados no abordan esta cuestión",
    see_also_note=(
        "Las disposiciones más cercanas figuran en «véase también»; pueden ayudar, pero no la responden."
    ),
    not_binding={
        "model-law": "legislación modelo, no vinculante",
        "guidance": "orientación de la UNODC, no vinculante",
        "manual": "material de capacitación, no vinculante",
    },
    too_far="ninguna disposición indexada está lo bastante cerca de la pregunta",
    refusal=(
        "Este asesor responde preguntas sobre el derecho del tráfico ilícito de migrantes: el Protocolo "
        "contra el tráfico ilícito de migrantes, la Convención contra la Delincuencia Organizada y los "
        "tratados conexos. Pregunte por una disposición o describa un caso."
    ),
    instrument_names=rewrites(
        # UNODC guidance by its usual names, to the words `legal/instruments.py` knows.
        ("ley(?:es)?\\s+modelo", "model law"),
        ("gu[íi]as?\\s+legislativas?", "legislative guide"),
        ("manual(?:es)?\\s+de\\s+(?:capacitaci[óo]n|formaci[óo]n)", "training manual"),
        ("documentos?\\s+tem[áa]ticos?", "issue paper"),
        ("marco\\s+(?:internacional\\s+)?de\\s+acci[óo]n", "framework"),
        ("(?:conjunto|caja)\\s+de\\s+herramientas", "toolkit"),
        (
            r"protocolo\s+(?:contra\s+el\s+|sobre\s+el\s+|de\s+)?tráfico\s+ilícito\s+de\s+migrantes(?:\s+por\s+tierra,\s+mar\s+y\s+aire)?",
            "Smuggling of Migrants Protocol",
        ),
        (
            r"protocolo\s+(?:para\s+prevenir,\s+reprimir\s+y\s+sancionar\s+la\s+|sobre\s+la\s+|contra\s+la\s+|de\s+)?trata\s+de\s+personas",
            "Trafficking in Persons Protocol",
        ),
        (
            r"protocolo\s+(?:contra\s+la\s+fabricación\s+y\s+el\s+tráfico\s+ilícitos\s+de\s+|sobre\s+|de\s+)?armas\s+de\s+fuego",
            "Firearms Protocol",
        ),
        (
            r"convenci[óo]n\s+(?:de\s+las\s+naciones\s+unidas\s+)?contra\s+la\s+delincuencia\s+organizada\s+transnacional|convenci[óo]n\s+de\s+palermo",
            "Palermo Convention",
        ),
        (
            r"convenci[óo]n\s+(?:de\s+las\s+naciones\s+unidas\s+)?contra\s+la\s+corrupci[óo]n|convenci[óo]n\s+de\s+mérida",
            "Convention against Corruption",
        ),
        (
            r"protocolo\s+(?:de\s+1967\s+)?sobre\s+el\s+estatuto\s+de\s+los\s+refugiados|protocolo\s+de\s+1967",
            "1967 Protocol",
        ),
        (
            r"convenci[óo]n\s+(?:de\s+1951\s+)?sobre\s+el\s+estatuto\s+de\s+los\s+refugiados|convenci[óo]n\s+de\s+ginebra\s+(?:de\s+1951\s+)?sobre\s+(?:los\s+)?refugiados",
            "Refugee Convention",
        ),
        (
            r"convenci[óo]n\s+(?:de\s+las\s+naciones\s+unidas\s+)?sobre\s+el\s+derecho\s+del\s+mar|convemar",
            "Law of the Sea Convention",
        ),
    ),
    rewrites=rewrites(
        # Guidance units: commentary, section, module, tool.
        ("\\bcomentarios?\\s+(?:al|del|sobre\\s+el)\\s+(?=art)", "commentary to "),
        ("\\bcomentarios?\\b", "commentary"),
        ("\\bsecci[óo]n\\b", "section"),
        ("\\bm[óo]dulo\\b", "module"),
        ("\\bherramienta\\b", "tool"),
        (r"\b(?:párrafo|parrafo|apartado)\s+(\d+)\s+del\s+art[íi]culo\s+(\d+)", r"article \2, paragraph \1"),
        (r"\bart[íi]culos?\b", "article"),
        (r"\b(?:párrafo|parrafo|apartado)s?\b", "paragraph"),
        (r"\bdel\s+protocolo\b", "of the Protocol"),
        (r"\bprotocolo\b", "Protocol"),
        (r"\bde\s+la\s+convenci[óo]n\b", "of the Convention"),
        (r"\bconvenci[óo]n\b", "Convention"),
    ),
    instruction_cues=cues(
        r"\bignora\b[^.?!]{0,40}\binstrucciones\b",
        r"\bescr[íi]be(?:me)?\s+un\s+(?:poema|cuento|canción)",
        r"\bfinge\s+(?:ser|que)\b",
        r"\btraduce\b",
    ),
    national_law_cues=cues(
        r"\bc[óo]digo\s+(?:penal|procesal)",
        r"\bley\s+(?:org[áa]nica\s+)?(?:n[°ºo.]*\s*)?\d+(?:/\d{2,4})?",
    ),
)
