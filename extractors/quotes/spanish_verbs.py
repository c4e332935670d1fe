"""Spanish verbs of saying, recognised by their form (the Spanish pipeline has no tagger).

The lemmas are data (config/spanish_speech.toml); this module conjugates them by the regular rules of their
class (-ar, -er, -ir) in the forms reported speech uses — third person singular and plural of the present,
preterite and imperfect (a future or conditional "dirá" is a prediction inside a report, not an attribution), the
participle, the gerund and the infinitive — and adds the
irregular forms the file lists. A lemma list generalises where a list of forms does not: "resaltó",
"han resaltado" and "al resaltar" all come from "resaltar".

`speech_verb(doc, i)` reads token i: the lemma, its class (saying / naming / thinking), its grammatical number,
and whether it is finite. An infinitive counts only after "al", "tras", "sin", "después de", "antes de" ("al
sostener que"), a gerund only before "que"
("asegurando que"): elsewhere they are not reports ("optó por responder"). A participle after a form of "haber" ("ha señalado", "habían dicho") is finite with
the auxiliary's number; alone it is a cue only as a naming verb before "de" or "como" ("calificada de «…»"). `number` is what a speaker ranker needs: "señalaron"
wants a plural subject ("los ministros …"), "señaló" a singular one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from extractors.config import CONFIG_DIR, load_toml
from extractors.spanish_conjugation import regular_forms
from extractors.spanish_haber import HABER_PLURAL

# The forms of "haber" that make a compound tense with a participle, with their number ("haber dicho",
# "habiendo señalado": none).
_HABER = {form: "pl" if plural else "sg" for form, plural in HABER_PLURAL.items()} | {"haber": None,
                                                                                 "habiendo": None}

_REPORTING_TENSES = frozenset({"present", "preterite", "imperfect"})


@dataclass(frozen=True)
class VerbForm:
    lemma: str
    kind: str  # "saying", "naming" or "thinking"
    number: str | None  # "sg", "pl", or None (participle, gerund, infinitive)
    finite: bool
    form: str  # "finite", "participle", "gerund" or "infinitive"


@dataclass(frozen=True)
class SpeechLexicon:
    forms: dict[str, tuple[str, str | None, str]]  # lower-case form -> (lemma, number, form kind)
    not_verbs: frozenset[str]  # forms read as another word, except as a participle after "haber"
    kinds: dict[str, str]  # lemma -> saying / naming / thinking
    reports: frozenset[str]  # lemmas whose "que" opens reported speech

    def reads(self, lemma: str) -> str:
        return self.kinds.get(lemma, "saying")


def _regular(lemma: str) -> dict[str, tuple[str | None, str]]:
    """form -> (number, form kind) for a regular verb: the tenses a report is told in (present, preterite,
    imperfect), the participle, the gerund and the infinitive."""
    out: dict[str, tuple[str | None, str]] = {}
    for form, (tense, plural) in regular_forms(lemma).items():
        if tense in _REPORTING_TENSES:
            out[form] = ("pl" if plural else "sg", "finite")
        elif tense in ("participle", "gerund") or (tense == "infinitive" and form == lemma):
            out[form] = (None, tense)
    return out


def _irregular(lemma: str, forms: list[str]) -> dict[str, tuple[str | None, str]]:
    out: dict[str, tuple[str | None, str]] = {}
    for form in forms:
        if form == lemma:
            out[form] = (None, "infinitive")
        elif form.endswith(("ndo",)):
            out[form] = (None, "gerund")
        elif form.endswith(("ido", "ito", "sto", "cho", "ído")) and not form.endswith("ió"):
            for suffix in ("o", "a", "os", "as"):
                out[form[:-1] + suffix] = (None, "participle")
        else:
            out[form] = ("pl" if form.endswith("n") else "sg", "finite")
    return out


@lru_cache(maxsize=1)
def lexicon() -> SpeechLexicon:
    data = load_toml(CONFIG_DIR / "spanish_speech.toml")
    kinds: dict[str, str] = {}
    for kind in ("saying", "thinking", "naming"):  # later classes win: "calificar" is naming
        for lemma in data.get(kind, []):
            kinds[lemma] = kind
    irregular = data.get("irregular", {})
    not_verbs = {w.lower() for w in data.get("not_verbs", [])}
    forms: dict[str, tuple[str, str | None, str]] = {}
    for lemma in sorted(kinds):
        table = _irregular(lemma, irregular[lemma]) if lemma in irregular else _regular(lemma)
        for form, (number, form_kind) in table.items():
            forms.setdefault(form, (lemma, number, form_kind))
    thinking = set(data.get("thinking", []))
    reports = frozenset(lemma for lemma in kinds if lemma not in thinking)
    return SpeechLexicon(forms, frozenset(not_verbs), kinds, reports)


def speech_verb(doc: Doc, i: int) -> VerbForm | None:
    """Token i as a verb of saying, or None. A participle is finite after a form of "haber" (with the
    auxiliary's number), a pronoun or "se" may stand between ("se lo había dicho")."""
    lex = lexicon()
    found = lex.forms.get(doc[i].lower_)
    if found is None:
        return None
    lemma, number, form = found
    if form != "participle" and doc[i].lower_ in lex.not_verbs:
        return None
    if form == "finite" and _after_determiner(doc, i, lex):
        return None  # "una amenaza", "su denuncia", "considera la amenaza «…»": a noun of that form
    if form == "participle":
        k = i - 1
        while k >= 0 and doc[k].lower_ in ("ya", "le", "les", "lo", "la", "se", "también", "incluso"):
            k -= 1
        aux = doc[k].lower_ if k >= 0 else ""
        if aux in _HABER:
            return VerbForm(lemma, lex.reads(lemma), _HABER[aux], _HABER[aux] is not None, "finite")
        if doc[i].lower_ in lex.not_verbs or lex.reads(lemma) != "naming" or \
                not (i + 1 < len(doc) and doc[i + 1].lower_ in ("de", "como")) or \
                i > 0 and doc[i - 1].lower_ in ("el", "la", "los", "las", "un", "una", "unos", "unas"):
            # "los aranceles anunciados", "un comunicado": an adjective or a noun, no report; "la llamada de
            # «…»" (a phone call) is a noun after its determiner
            return None
    if form == "infinitive" and not (i > 0 and (doc[i - 1].lower_ in ("al", "tras", "sin") or
                                                doc[i - 1].lower_ == "de" and i > 1 and
                                                doc[i - 2].lower_ in ("después", "antes", "luego"))):
        # "optó por responder" is no report; "al sostener que …", "después de tachar de «…»" report the words
        # of the sentence's subject
        return None
    if form == "gerund" and not (i + 1 < len(doc) and doc[i + 1].lower_ in ("que", ":")):
        return None  # "asegurando que …"
    return VerbForm(lemma, lex.reads(lemma), number, form == "finite", form)


# Words that only ever determine a noun: a verb form after one is a noun ("una amenaza", "su queja").
DETERMINERS_ONLY = frozenset("el un una unos unas su sus del este esta estos estas ese esa esos esas".split())
# Prepositions: after one, "la", "las", "los" are articles, not clitic pronouns ("con la amenaza de …").
_PREPOSITIONS = frozenset("a de con para por ante tras sobre entre hacia según contra sin desde en".split())


def _after_determiner(doc: Doc, i: int, lex: SpeechLexicon) -> bool:
    """Token i follows a word that determines a noun: a determiner that is never a pronoun, or "la", "las",
    "los" where no clitic can stand — after a preposition or after a finite verb (a clitic goes before its
    verb: "la calificó", but "considera la amenaza")."""
    if i == 0:
        return False
    before = doc[i - 1].lower_
    if before in DETERMINERS_ONLY:
        return True
    if before not in ("la", "las", "los") or i < 2:
        return False
    previous = doc[i - 2].lower_
    return previous in _PREPOSITIONS or lex.forms.get(previous, ("", None, ""))[2] == "finite"


def reports_speech(lemma: str) -> bool:
    """Whether "que" after this verb opens reported speech (not for verbs of thinking or naming)."""
    return lemma in lexicon().reports


# What "según" may name instead of a speaker: the statement itself ("según declaraciones recogidas por CNBC",
# "según el comunicado de la Secretaría": then whoever the "de" names speaks).
_STATEMENT_NOUNS = frozenset("""
declaraciones declaración comunicado comunicados informe informes reporte reportes versión versiones
documento documentos nota medios prensa
""".split())


def according_to(doc: Doc, i: int) -> int | None:
    """For "según X", "de acuerdo con X", "a juicio de X", "en palabras de X" with its key word at token i: the
    token where X starts; for a statement ("según declaraciones de X", "según el comunicado del ministerio")
    where its author starts, or None when it names none; else None."""
    lower = doc[i].lower_
    nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
    before = doc[i - 1].lower_ if i > 0 else ""
    start = None
    if lower == "según":
        start = i + 1
    elif lower == "acuerdo" and before == "de" and nxt == "con":
        start = i + 2
    elif (lower, before) in (("juicio", "a"), ("palabras", "en")) and nxt in ("de", "del"):
        return i + 2
    if start is None:
        return None
    k = start + 1 if start < len(doc) and doc[start].lower_ in ("el", "la", "los", "las", "un", "una", "unas",
                                                               "unos", "su", "sus") else start
    if k < len(doc) and doc[k].lower_ in _STATEMENT_NOUNS:
        return k + 2 if k + 2 < len(doc) and doc[k + 1].lower_ in ("de", "del") else None
    return start
