"""Spanish: the verbs of tariff news, recognised by their form (the Spanish pipeline has no tagger).

What happens to a tariff is said by a verb, and when by its tense and mood: "impondrá" (future: announced),
"impuso" (done: in force), "impondría" / "podría imponer" (conditional: a threat), "suspendió" (paused). Each
lemma below belongs to one class of what it does to a tariff; it is conjugated by the regular rules of its
conjugation (-ar, -er, -ir) in the third person of the tenses news writing uses, with the spelling changes of
the present subjunctive ("aplique", "pague", "amenace"); the few irregular verbs list their stems. A lemma list
generalises where a list of forms seen in articles does not: "postergará", "habían postergado" and "postergar"
all come from "postergar". Verbs of saying are the quote extractor's (extractors/quotes/spanish_verbs.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span

from extractors.spanish_conjugation import regular_forms
from extractors.spanish_haber import HABER_PLURAL

# What a verb does to a tariff. Prefixed forms of the irregular verbs ("reimponer", "posponer") conjugate as
# their base.
CLASSES: dict[str, tuple[str, ...]] = {
    # lays a tariff on: the subject imposes it
    "impose": ("imponer", "reimponer", "aplicar", "cobrar", "gravar", "fijar", "establecer", "poner", "colocar",
               "implementar", "activar", "reactivar", "restablecer", "cargar", "castigar", "golpear",
               "sancionar", "imputar", "asignar"),
    # keeps it on: the subject imposes it, and it is in force
    "keep": ("mantener", "conservar", "sostener", "preservar"),
    # changes the level: the rate after "a" / "al" / "hasta" is the new one, the one after "de" / "del" the old
    "raise": ("elevar", "subir", "aumentar", "incrementar", "duplicar", "triplicar", "endurecer", "ampliar",
              "extender", "llevar", "pasar", "situar", "ajustar"),
    "lower": ("reducir", "bajar", "rebajar", "recortar", "disminuir", "aliviar", "moderar"),
    # makes it known for later: announced
    "announce": ("anunciar", "firmar", "decretar", "ordenar", "aprobar", "proponer", "planear", "plantear",
                 "publicar", "confirmar", "determinar", "decidir", "preparar", "contemplar", "estudiar",
                 "analizar", "evaluar", "considerar", "programar", "prever", "formalizar", "oficializar",
                 "presentar", "acordar", "pactar", "alcanzar", "dictaminar", "calcular", "concluir"),
    "pause": ("suspender", "pausar", "aplazar", "posponer", "postergar", "prorrogar", "congelar", "retrasar",
              "diferir", "detener", "frenar"),
    "remove": ("eliminar", "retirar", "levantar", "quitar", "suprimir", "derogar", "anular", "revocar", "exentar",
               "eximir", "excluir", "exceptuar", "liberar", "cancelar", "abolir", "cesar"),
    "threaten": ("amenazar", "advertir", "condicionar"),
    # is on the receiving end: the subject is hit
    "receive": ("pagar", "enfrentar", "recibir", "sufrir", "padecer", "afrontar", "soportar", "absorber",
                "aceptar", "asumir", "tolerar"),
    # escapes it: the subject was only threatened with it ("la UE ha evitado el gravamen del 30 %")
    "avoid": ("evitar", "esquivar", "eludir", "sortear", "librar", "salvar"),
    # goes on: in force
    "last": ("seguir", "continuar", "permanecer", "quedar", "regir", "persistir"),
    # starts: "entrará en vigor", "comenzará a aplicarse"
    "start": ("entrar", "comenzar", "empezar", "iniciar", "arrancar"),
    # answers another government's tariff: "respondió con aranceles de 25 %"
    "answer": ("responder", "replicar", "contraatacar", "contestar", "corresponder", "igualar"),
}
# Verbs that pass their subject to the infinitive they govern ("podría imponer", "va a aplicar", "dejará de
# cobrar"); es_clause.py reads what they add to its mood.
CONTROL = ("poder", "querer", "buscar", "pretender", "intentar", "deber", "ir", "volver", "dejar", "tener",
           "necesitar", "optar", "prometer", "comprometer", "esperar", "proyectar", "pensar")
# Irregular verbs: (present sg, preterite sg, preterite pl stem, future/conditional stem, subjunctive stem,
# participle, gerund) for the base; prefixed lemmas ("posponer", "mantener") take the prefix.
_IRREGULAR: dict[str, tuple[str, str, str, str, str, str, str]] = {
    "poner": ("pone", "puso", "pusie", "pondr", "pong", "puesto", "poniendo"),
    "tener": ("tiene", "tuvo", "tuvie", "tendr", "teng", "tenido", "teniendo"),
    "ducir": ("duce", "dujo", "duje", "ducir", "duzc", "ducido", "duciendo"),
    "seguir": ("sigue", "siguió", "siguie", "seguir", "sig", "seguido", "siguiendo"),
    "advertir": ("advierte", "advirtió", "advirtie", "advertir", "adviert", "advertido", "advirtiendo"),
    "poder": ("puede", "pudo", "pudie", "podr", "pued", "podido", "pudiendo"),
    "querer": ("quiere", "quiso", "quisie", "querr", "quier", "querido", "queriendo"),
    "ir": ("va", "fue", "fue", "ir", "vay", "ido", "yendo"),
}
# Present forms with a changed stem ("aprueba", "extiende", "comienza"): the verb's stem in the present.
_STEM_CHANGE: dict[str, str] = {"aprobar": "aprueb", "extender": "extiend", "comenzar": "comienz",
                                "empezar": "empiez", "pensar": "piens", "volver": "vuelv", "regir": "rig"}
# Forms that are more often another word (a noun, an adjective: "impuestos" are taxes, "firma" a signature):
# read as a verb only after a form of "haber" ("han impuesto").
_NOT_VERBS = frozenset({"fija", "fijas", "firma", "firmas", "cargo", "cargos", "pacto", "programa", "programas",
                        "plan", "anuncio", "anuncios", "estudio", "estudios", "alza", "baja", "bajas", "cambio",
                        "pago", "pagos", "retiro", "alcance", "ajuste", "ajustes", "presente", "libra",
                        "salva", "golpe", "amenaza", "amenazas", "decreto", "freno", "pasado",
                        "pasada", "dejado", "recibo", "impuesto", "impuestos", "impuesta", "incremento", "aumento", "recorte", "aplazamiento", "acuerdo",
                        "acuerdos", "acordado", "propuesta", "propuesto", "puesto", "puestos", "llevado",
                        "entrada", "vista", "dicho", "dichos", "dicha", "dichas", "hecho", "hechos", "ido",
                        "estado", "estados", "plantea", "presenta", "reserva", "libre", "toma"})


@dataclass(frozen=True)
class Form:
    lemma: str
    kind: str  # a key of CLASSES, "control", or "auxiliary" (haber)
    # present, preterite, imperfect, future, conditional, subjunctive, past subjunctive, participle, gerund or
    # infinitive
    tense: str
    plural: bool = False


def _regular(lemma: str) -> dict[str, tuple[str, bool]]:
    return regular_forms(lemma, _STEM_CHANGE.get(lemma))


def _irregular(prefix: str, base: str) -> dict[str, tuple[str, bool]]:
    present, preterite, plural_stem, future, subjunctive, participle, gerund = _IRREGULAR[base]
    forms = _regular(prefix + base)
    forms = {f: t for f, t in forms.items() if t[0] in ("imperfect", "infinitive")}
    p = prefix
    forms.update({p + present: ("present", False), p + present + "n": ("present", True),
                  p + preterite: ("preterite", False), p + plural_stem + "ron": ("preterite", True),
                  p + future + "á": ("future", False), p + future + "án": ("future", True),
                  p + future + "ía": ("conditional", False), p + future + "ían": ("conditional", True),
                  p + subjunctive + "a": ("subjunctive", False), p + subjunctive + "an": ("subjunctive", True),
                  p + plural_stem + "ra": ("past subjunctive", False),
                  p + plural_stem + "ran": ("past subjunctive", True),
                  p + gerund: ("gerund", False)})
    if base == "ir":  # "va a imponer"; "fue" is more often "ser" ("fue impuesto")
        forms = {f: t for f, t in forms.items() if t[0] != "preterite"}
        forms.update({"van": ("present", True), "iba": ("imperfect", False), "iban": ("imperfect", True),
                      # the first person of a leader's quoted words: "voy a aumentar", "vamos a imponer"
                      "voy": ("present", False), "vamos": ("present", True)})
    for suffix in ("o", "a", "os", "as"):
        forms[p + participle[:-1] + suffix] = ("participle", suffix.endswith("s"))
    return forms


def _conjugate(lemma: str) -> dict[str, tuple[str, bool]]:
    for base in _IRREGULAR:
        if lemma.endswith(base) and (lemma == base or base in ("poner", "tener", "ducir")):
            return _irregular(lemma[: len(lemma) - len(base)], base)
    return _regular(lemma)


@lru_cache(maxsize=1)
def _table() -> dict[str, Form]:
    table: dict[str, Form] = {}
    for kind, lemmas in list(CLASSES.items()) + [("control", CONTROL)]:
        for lemma in lemmas:
            for form, (tense, plural) in _conjugate(lemma).items():
                table.setdefault(form, Form(lemma, kind, tense, plural))
    for form, plural in HABER_PLURAL.items():
        table[form] = Form("haber", "auxiliary", "present", plural)
    return table


# The third-person forms of "ser" that make a passive with a participle ("serán gravados", "fue impuesto"), with
# their tense and number: the passive's tense is theirs ("que serán llevados del 20 % al 40 %" is to come).
SER: dict[str, tuple[str, bool]] = {
    "es": ("present", False), "son": ("present", True), "era": ("imperfect", False), "eran": ("imperfect", True),
    "fue": ("preterite", False), "fueron": ("preterite", True), "será": ("future", False),
    "serán": ("future", True), "sería": ("conditional", False), "serían": ("conditional", True),
    "sea": ("subjunctive", False), "sean": ("subjunctive", True), "fuera": ("past subjunctive", False),
    "fueran": ("past subjunctive", True),
}
# The third-person forms of "ver" that, before a participle or a noun of change, make what happens to the tariff
# happen in their tense: "verá reducidos los aranceles" is "serán reducidos", "verán una rebaja al 15 %" a cut to
# come (the subject undergoes it).
VER: dict[str, tuple[str, bool]] = {
    "ve": ("present", False), "ven": ("present", True), "vio": ("preterite", False), "vieron": ("preterite", True),
    "verá": ("future", False), "verán": ("future", True), "vería": ("conditional", False),
    "verían": ("conditional", True), "vea": ("subjunctive", False), "vean": ("subjunctive", True),
}
# Forms that are more often a preposition: a verb only before the word given ("cuando entre en vigor"; not
# "de entre el 5 % y el 50 %", "entre ellos China").
_PREPOSITION_FORMS = {"entre": "en"}


def verb_form(word: str, after_haber: bool = False, following: str | None = None) -> Form | None:
    """The tariff verb a lower-case word is a form of, or None ("impondrán" -> imponer, impose, future);
    `following` is the next word, lower-case (None when unknown or at the end)."""
    if word in _NOT_VERBS and not after_haber:
        return None
    if word in _PREPOSITION_FORMS and following != _PREPOSITION_FORMS[word]:
        return None
    return _table().get(word)


def participle_form(word: str) -> Form | None:
    """The tariff verb a lower-case word is the participle of, read as one even where the form is more often a
    noun: the caller knows by position that it is not ("del 25 % impuesto por Washington": right after a rate
    "impuesto" is no noun, which would follow "de"). Not `words.participle`, which tells whether a parsed token
    is a participle of any verb."""
    form = verb_form(word, after_haber=True)
    return form if form is not None and form.tense == "participle" else None


def rate_participle(rate: Span) -> Form | None:
    """The participle right after a rate in its sentence, which says what was done to that rate whatever the
    clause around it does: "por debajo del 25 % impuesto por Washington" (laid on), "los aranceles del 25 %
    impuestos en marzo", "inferior al 40 % amenazado antes" (threatened). Read for the status (status.py) and
    for telling a rate laid on from another percentage (rates.py)."""
    return participle_form(rate.doc[rate.end].lower_) if rate.end < rate.sent.end else None

