"""The forms of a regular Spanish verb, each with its tense and number — one conjugator for the tariff verbs
(extractors/tariffs/es_verbs.py) and the verbs of saying (extractors/quotes/spanish_verbs.py), which each keep
the tenses they read. Spanish runs without a parser here, so a verb is known by its form: conjugating a lemma by
the rules of its class generalises where a list of the forms seen in articles does not."""

from __future__ import annotations

# The endings of the simple tenses by class (third person singular, plural); the subjunctive goes on a stem that
# keeps the infinitive's sound ("indicar" -> "indique", "elegir" -> "elija", "gozar" -> "goce").
_TENSES = {
    "ar": {"present": ("a", "an"), "preterite": ("ó", "aron"), "imperfect": ("aba", "aban"),
           "subjunctive": ("e", "en"), "past subjunctive": ("ara", "aran")},
    "er": {"present": ("e", "en"), "preterite": ("ió", "ieron"), "imperfect": ("ía", "ían"),
           "subjunctive": ("a", "an"), "past subjunctive": ("iera", "ieran")},
}
_SUBJUNCTIVE_STEM = {"ar": {"c": "qu", "g": "gu", "z": "c"}, "er": {"g": "j", "c": "z"}}


def regular_forms(lemma: str, changed_stem: str | None = None) -> dict[str, tuple[str, bool]]:
    """form -> (tense, plural) for a regular verb in the third person: the simple tenses, future and conditional,
    the participle (both genders and numbers), the gerund and the infinitive (also with "se": "comenzará a
    aplicarse"). `changed_stem` is the present's stem of a stem-changing verb ("aprueb" for "aprobar")."""
    stem, ending = lemma[:-2], lemma[-2:]
    verb_class = "ar" if ending == "ar" else "er"  # -ir verbs take the -er endings in these persons
    subjunctive = stem[:-1] + _SUBJUNCTIVE_STEM[verb_class].get(stem[-1:], stem[-1:])
    forms: dict[str, tuple[str, bool]] = {}
    for tense, (singular, plural) in _TENSES[verb_class].items():
        base = subjunctive if tense == "subjunctive" else stem
        forms[base + singular] = (tense, False)
        forms[base + plural] = (tense, True)
    for tense, (singular, plural) in (("future", ("á", "án")), ("conditional", ("ía", "ían"))):
        forms[lemma + singular] = (tense, False)
        forms[lemma + plural] = (tense, True)
    participle, gerund = ("ad", "ando") if verb_class == "ar" else ("id", "iendo")
    for suffix in ("o", "a", "os", "as"):
        forms[stem + participle + suffix] = ("participle", suffix.endswith("s"))
    forms[stem + gerund] = ("gerund", False)
    forms[lemma] = ("infinitive", False)
    forms[lemma + "se"] = ("infinitive", False)
    if changed_stem is not None:
        vowel = "a" if verb_class == "ar" else "e"
        forms[changed_stem + vowel] = ("present", False)
        forms[changed_stem + vowel + "n"] = ("present", True)
    return forms
