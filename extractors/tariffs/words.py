"""Vocabulary and small token tests of the tariff rules (targets, imposer, status).

English words are lemmas or lower-cased forms; Spanish words are lower-cased forms or stems ("impus" for
impuso/impusieron), because the Spanish pipeline has no lemmatizer.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from extractors.lexicon import TARIFF_NOUNS, TAX_CONTEXT, TAX_NOUNS

TARGET_PREPS = {"en": ("on", "against", "for", "to"), "es": ("a", "al", "sobre", "contra", "para")}
PHRASE_STOP = {
   "en": frozenset("by starting as in until after before since while which that who when , ; . : with at "
                   "outside during over amid".split()),
   "es": frozenset("desde por a partir en hasta tras antes mientras que quien cuando , ; . : con fuera durante "
                   "para ante entrar ingresar".split()),
}
DETERMINERS = frozenset("the a an all most some its their his her these those this that el la los las un una "
                        "unos unas su sus todos todas los este esta estos estas ese esa esos esas".split())
SUBJECT_PRONOUNS = frozenset({"he", "she", "his", "her"})
# Words that may stand between an imposer and its tariff noun: "Washington's new 25% tariffs".
PRE_TARIFF = frozenset("'s ’s new additional retaliatory reciprocal - import proposed planned threatened existing "
                       "current higher steep sweeping blanket punitive of counter per cent percent % "
                       "across-the-board".split())
# Subjects of these verbs are on the receiving end: "Mexico faces a 30% tariff", "Japan agreed to 15%".
RECEIVING_EN = frozenset("face agree accept avoid escape suffer receive negotiate secure win get pay spare absorb "
                         "endure confront stay remain total enter carry attract incur".split())
# Subjects of these verbs with a tariff as object are its targets: "Canada will answer the 25% U.S. tariffs".
ANSWERING = frozenset("answer respond retaliate counter match mirror condemn denounce protest".split())
ORIGIN = frozenset("made produced built manufactured imported coming originating shipped hechos hechas fabricados "
                   "fabricadas producidos producidas importados importadas procedentes provenientes".split())
IMPOSING_EN = frozenset("impose slap levy announce threaten raise hike set put place apply introduce order sign plan "
                        "unveil charge increase double triple extend add lift remove pause suspend cut lower reduce "
                        "drop scrap keep maintain retaliate respond hit match propose consider delay postpone exempt "
                        "waive finalize finalise implement expand approve adopt bring push slash reinstate restore "
                        "answer counter decide agree_to target aim collect weigh mull study prepare pass vote back "
                        "seek want start begin levy use wield".split())
IMPORTING = frozenset("import imports imported importing importa importan importó importaron importados importadas "
                      "importe importen".split())
INTO_WORDS = frozenset("enter enters entering entered exports export exported shipped sold entra entran entrar "
                       "ingresan ingresa ingresar llegan exportaciones exporta exportan exportados venden".split())
PLAN_NOUNS = frozenset("plan plans proposal decision move order announcement threat bid".split())
CLAUSE_BREAKS = frozenset("while whereas but although though because ; mientras pero aunque sino porque".split())
# Words that say a rate applies to every country: its targets stay empty.
GLOBAL_CUES = frozenset("all every any global universal worldwide baseline imported import foreign todos todas todo "
                        "global universal importados importadas importan importa mundial".split())
# Words that end a goods phrase read over tokens: verbs of being, dates, pronouns, infinitives of the news.
NOT_GOODS_WORDS = frozenset("fue es son era eran será serán sería queda quedan quedó ha han había está están "
                            "estaba vender comprar compensar exportar importar pagar lo this that which who was were "
                            "is are enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
                            "diciembre lunes martes miércoles jueves viernes sábado domingo comienzos principios "
                            "finales mediados january february march april june july august september october "
                            "november december monday tuesday wednesday thursday friday saturday sunday".split())
RECEIVING_ES = ("enfrent", "recib", "evit", "acept", "negoci", "pag", "sufr", "padec", "libr", "qued", "logr",
                "obtuv", "consigu", "acord")
IMPOSING_ES = ("impus", "impon", "impond", "anunci", "aplic", "amenaz", "elev", "aument", "dupl", "tripl", "fij",
               "establec", "cobr", "grav", "suspend", "paus", "retir", "elimin", "levant", "reduj", "reduc", "baj",
               "mant", "decret", "orden", "firm", "respond", "adopt", "ampli", "extend", "extiend", "sub",
               "recort", "cort", "aprob", "prepar", "plane", "contempl", "estudi", "arremet", "golpe", "castig",
               "ha ", "dispuso", "determin", "confirm", "reviv", "reactiv", "activ", "endurec", "prorrog",
               "pospus", "aplaz", "exent", "agreg", "añad", "sum")
CHANGE_ES = ("elev", "sub", "aument", "pas", "reduj", "reduc", "baj", "recort", "increment", "dupl", "tripl")
ES_PREPOSITIONS = frozenset("a al contra sobre de del con para entre y en desde hacia ante según tras como "
                            "sin".split())
# Verbs of saying: what they report is somebody's word ("Trump said he would impose ...").
REPORTING = frozenset("say tell report state note add claim announce write post confirm declare".split())
THREAT = {"en": frozenset("threaten threatened threatening threat threats warn warned warning".split()),
          "es": frozenset("amenazó amenaza amenazas amenazar amenazado advirtió advierte".split())}
IN_EFFECT_PHRASES = {"en": frozenset("already current currently existing now remain remains remained keep kept "
                                     "keeping maintain maintained maintaining still".split()),
                     "es": frozenset("vigor vigente vigentes actual actuales actualmente ya mantiene mantienen "
                                     "mantuvo mantendrá sigue siguen".split())}
ANNOUNCE = {"en": frozenset("announce announced announcement unveil unveiled plan planned plans propose proposed "
                            "will would shall set new introduce introduced order ordered sign signed raise raised "
                            "hike hiked increase increased 'll".split()),
            "es": frozenset("anunció anuncia anunciar anuncio anunciaron impondrá aplicará aplicarán entrará "
                            "entrarán nuevo nuevos nueva nuevas propuso plan firmó ordenó elevó eleva "
                            "aumentó subió".split())}


def is_tariff_noun(token: Token, lang: str) -> bool:
    if token.lower_ in TARIFF_NOUNS[lang] or token.lemma_ in TARIFF_NOUNS[lang]:
        return True
    if token.lower_ in TAX_NOUNS[lang]:
        return any(t.lower_ in TAX_CONTEXT for t in token.doc[max(0, token.i - 2): token.i + 4])
    return False


def spanish_verbish(token: Token) -> bool:
    lower = token.lower_
    return token.is_lower and len(lower) > 3 and lower.endswith(("ó", "aron", "ieron", "aba", "aban", "ará", "erá",
                                                                  "irá", "arán", "erán", "irán", "ría", "rían"))


def participle(token: Token, lang: str) -> bool:
    if lang == "es":
        return token.lower_.endswith(("ado", "ados", "ada", "adas", "ido", "idos", "ida", "idas", "esto", "estos",
                                      "uesta", "uestas"))
    return token.tag_ == "VBN"


def next_verb(doc: Doc, start: int, stop: int) -> str | None:
    """The first word after a Spanish subject that can be its verb, an apposition ("X, ministro de Y,") skipped."""
    index = start
    if index < stop and doc[index].text == ",":
        close = next((i for i in range(index + 1, min(stop, index + 12)) if doc[i].text == ","), None)
        index = close + 1 if close is not None else index + 1
    while index < stop and doc[index].lower_ in ("no", "ya", "también", "hoy", "ayer", "se", "le", "les", "lo", "la",
                                                 "ha", "han", "había", "habría", "va", "iba", "podría", "quiere"):
        if doc[index].lower_ in ("ha", "han", "había", "habría", "va", "iba", "podría", "quiere") and \
                index + 1 < stop:
            return doc[index + 1].lower_ if doc[index + 1].lower_ not in ("a",) else (
                doc[index + 2].lower_ if index + 2 < stop else None)
        index += 1
    return doc[index].lower_ if index < stop else None


def percent_ahead(doc: Doc, index: int) -> bool:
    return any(t.like_num or t.text[:1].isdigit() or "%" in t.text for t in doc[index + 1: index + 3])
