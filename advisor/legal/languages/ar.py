"""Arabic: «المادة 18 من الاتفاقية», «الفقرة 3 من المادة 6», with Eastern Arabic digits."""

from advisor.legal.languages.base import Language, cues, rewrites

LANGUAGE = Language(
    code="ar",
    name="العربية",
    lead="تتناول الوثائق هذه المسألة في {names}.",
    and_word="و",
    abstention="لا تتناول الوثائق المفهرسة هذه المسألة",
    see_also_note="ترد أقرب الأحكام تحت «انظر أيضاً»؛ قد تفيد لكنها لا تجيب عن السؤال.",
    too_far="لا يوجد حكم مفهرس قريب بما يكفي من السؤال",
    refusal=(
        "يجيب هذا المستشار عن الأسئلة المتعلقة بقانون تهريب المهاجرين: بروتوكول مكافحة تهريب المهاجرين "
        "واتفاقية مكافحة الجريمة المنظمة والمعاهدات ذات الصلة. اسأل عن حكم أو صف قضية."
    ),
    rewrites=rewrites(
        *((digit, str(value)) for value, digit in enumerate("٠١٢٣٤٥٦٧٨٩")),
        (r"الفقرة\s*(\d+)\s*من\s*المادة\s*(\d+)", r"article \2, paragraph \1"),
        (r"(?:ال)?مادة\s*(\d+)", r"article \1"),
        (r"(?:ال)?فقرة\s*(\d+)", r"paragraph \1"),
        (r"من\s+البروتوكول", "of the Protocol"),
        (r"من\s+الاتفاقية", "of the Convention"),
    ),
    instruction_cues=cues(
        r"تجاهل[^.؟!]{0,40}(?:التعليمات|تعليماتك)",
        r"اكتب\s+(?:لي\s+)?قصيدة",
        r"تظاهر\s+بأنك",
        r"ترجم\b",
    ),
)
