"""Vocabulary and small token tests of the tariff rules (targets, imposer, status).

English words are lemmas or lower-cased forms; Spanish words are lower-cased forms or stems ("impus" for
impuso/impusieron), because the Spanish pipeline has no lemmatizer.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from extractors.lexicon import TARIFF_NOUNS, TAX_CONTEXT, TAX_NOUNS
from extractors.spanish_haber import HABER_PLURAL
from extractors.tariffs.es_verbs import SER

TARGET_PREPS = {"en": ("on", "against", "for", "to"), "es": ("a", "al", "sobre", "contra", "para")}
# Prepositions that put a country named anywhere in a sentence on the side whose goods are hit ("pressure on Peru",
# "sobre Perú"): TARGET_PREPS without "to", "for", "para", which also bring in what a duty is about or for whom
# ("linked to Iranian oil").
HIT_PREPOSITIONS = frozenset("on against sobre contra a al".split())
# Prepositions of origin, which say where goods come from only after a word of coming or importing ("imports from
# Peru", "llegan de Perú", "importados desde Perú"): alone they name a belonging or whoever acts ("las empresas de
# Perú", "pressure from Peru", "informó desde Lima").
FROM_PREPOSITIONS = frozenset("from desde de del".split())
# Words after which a country is left out of a measure, not hit by it ("exempting imports from Peru", "other than
# Peru", "salvo los productos que llegan de Perú").
SPARING = frozenset("except excepting excluding exempt exempts exempted exempting spare spares spared sparing than "
                    "salvo excepto exceptuando excluye excluyendo exime eximió exentos exentas exento exenta".split())
# Nouns after which "on" / "sobre" names a topic, not whom goods are hit by ("talks on Peru", "un acuerdo sobre Perú").
TOPIC_NOUNS = frozenset("talks negotiations deal agreement report debate meeting summit policy stance views "
                        "conversaciones negociaciones acuerdo informe debate reunión cumbre política postura".split())
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
# English nouns of a trade agreement, by lemma: the country "with" which one is made is a party to it, not the
# origin of goods ("goods from nations lacking trade agreements with Peru": Peru charges the duty).
TREATY_NOUNS_EN = frozenset("agreement deal pact treaty fta".split())
# Nouns of a trade agreement in both languages (English by lemma, Spanish by form): a sentence naming one speaks of
# the rates a deal gives its partner ("cars will pay 15% under the deal"), not of a duty laid on every country.
DEAL_NOUNS = TREATY_NOUNS_EN | frozenset("acuerdo acuerdos pacto pactos tratado tratados".split())
# The words that say a country lacks a trade agreement (TREATY_NOUNS_EN) with another, read on the parse of the
# treaty noun: its determiner or modifier ("that have no pact with", "non-FTA"), the preposition or verb that takes
# it ("countries without a free trade deal with Chile", "nations lacking trade agreements with Peru"), or a negated
# verb taking it ("that do not have trade agreements with"); a "not" elsewhere in the clause denies something else
# ("is not part of the deal with Canada").
LACKING_EN = frozenset("without lack no non non-".split())
# Nouns of a relation between countries: the country that qualifies one is the other party ("imports from dozens
# of US trading partners", "any American ally"), not the origin of the goods.
PARTNER_NOUNS = frozenset("partner ally neighbour neighbor".split())
# Words that say a noun of countries means many of them ("many countries", "multiple nations", "otros países"), and
# nouns of a great number before "of" ("dozens of trading partners").
MANY_WORDS = frozenset("many most other several numerous various all multiple muchos otros varios todos".split())
MANY_OF = frozenset("dozens scores hundreds".split())
# Subjects of these verbs with a tariff as object are its targets: "Canada will answer the 25% U.S. tariffs".
ANSWERING = frozenset("answer respond retaliate counter match mirror condemn denounce protest".split())
ORIGIN = frozenset("made produced built manufactured imported coming originating shipped hechos hechas fabricados "
                   "fabricadas producidos producidas importados importadas procedentes provenientes".split())
IMPOSING_EN = frozenset("impose slap levy announce threaten raise hike set put place apply introduce order sign plan "
                        "unveil charge increase double triple extend add lift remove pause suspend cut lower reduce "
                        "drop scrap keep maintain retaliate respond hit match propose consider delay postpone exempt "
                        "waive finalize finalise implement expand approve adopt bring push slash reinstate restore "
                        "answer counter decide agree_to target aim collect weigh mull study prepare pass vote back "
                        "seek want start begin levy use wield ratify enact lay".split())
# English words of going past a quota, and the nouns of the limit they pass ("imports above the quota", "anything
# beyond that level", "volumes exceeding the caps", "a 25% tariff after quotas", "excess volumes"): a duty on such
# goods is the safeguard of the government that sets the quota (imposer.py).
EXCESS_EN = frozenset("above beyond over exceed exceeding outside after excess surpass surpassing".split())
LIMIT_NOUNS_EN = frozenset("quota trq trqs cap ceiling level limit threshold volume".split())
# Nouns of a quota system, by lemma, whose government is the one that sets it ("the bloc's safeguard quotas",
# "Peru will cut its tariff rate quotas").
QUOTA_NOUNS_EN = frozenset("quota trq trqs safeguard".split())
IMPORTING = frozenset("import imports imported importing importa importan importó importaron importados importadas "
                      "importe importen".split())
INTO_WORDS = frozenset("enter enters entering entered exports export exported shipped shipments sold entra entran "
                       "entrar ingresan ingresa ingresar llegan exportaciones exporta exportan exportados venden "
                       "envíos envío ventas ingresen entren lleguen vengan vienen".split())
# Participles that say what a tariff is about, not what was done to it or whom it hits: "a 25% levy tied to
# fentanyl", "the duty linked to Iranian oil purchases", "tariffs related to trade in fentanyl precursors".
RELATING = frozenset("tie link relate aim base connect associate design intend mean".split())
PLAN_NOUNS = frozenset("plan plans proposal decision move order announcement threat bid".split())
CLAUSE_BREAKS = frozenset("while whereas but although though because ; mientras pero aunque sino porque".split())
# Words that say a rate applies to every country: its targets stay empty ("sectoral": the duties laid by sector on
# every country alike). Not "baseline": a country's deal or order names its own rate so ("Peru's deal sets a
# baseline of 12% on its wine", "a further 30% on top of the baseline 10% Chile pays"), and a worldwide baseline
# is said so by "universal", "all" or "every" beside it.
GLOBAL_CUES = frozenset("all every any global universal worldwide imported import foreign todos todas todo "
                        "global universal importado importada importados importadas importan importa "
                        "mundial sectoral sectorial sectoriales".split())
# English words before "the world" that spread a rate over it: "partners around the world", "across the world"
# (Spanish says "en todo el mundo", which "todo" covers).
WORLD_SPREAD = frozenset("around across throughout over".split())
# Words that end a goods phrase read over tokens: verbs of being, dates, pronouns, infinitives of the news.
NOT_GOODS_WORDS = frozenset("se fue es son era eran será serán sería queda quedan quedó ha han había está están "
                            "estaba vender comprar compensar exportar importar pagar lo this that which who was were "
                            "is are enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
                            "diciembre lunes martes miércoles jueves viernes sábado domingo comienzos principios "
                            "finales mediados january february march april june july august september october "
                            "november december monday tuesday wednesday thursday friday saturday sunday".split())
CHANGE_ES = ("elev", "sub", "aument", "pas", "reduj", "reduc", "baj", "recort", "increment", "dupl", "tripl")
ES_PREPOSITIONS = frozenset("a al contra sobre de del con para entre y en desde hacia ante según tras como "
                            "sin".split())
# Verbs of saying: what they report is somebody's word ("Trump said he would impose ...").
REPORTING = frozenset("say tell report state note add claim announce write post confirm declare".split())
# Spanish nouns of goods as such, which a tax laid on is a duty ("impuestos a productos chilenos").
TAXED_GOODS_ES = frozenset("productos importaciones bienes mercancías exportaciones envíos".split())
# Spanish words that say a tariff is in force: "vigente", "ya", "actualmente" ("en vigor" is a phrase: "está en
# vigor" is, "antes de su entrada en vigor" is not; status.py reads it with its verb or preposition).
ES_IN_EFFECT = frozenset("vigente vigentes actual actuales actualmente ya".split())
# Of those, the adjectives: they qualify the rate right before them ("del 8 % actual"), not the whole clause.
STANDING_ES = frozenset("vigente vigentes actual actuales".split())
# An anti-dumping duty is set at the dumping margin found, and stories give the margin as the rate ("dumped ... at
# margins of 9.65 percent", "deposits based on dumping margins of 30.6 percent"): a margin is a tariff noun when
# its sentence speaks of dumping, never alone (profit margins, margins of victory).
MARGIN_NOUNS = frozenset("margin margins margen márgenes".split())


# Spanish "derecho(s)" names a duty only with a word of customs or trade defence after it ("un derecho aduanero del
# 10 %", "derechos antidumping"); alone it is a right.
DUTY_QUALIFIERS_ES = ("aduaner", "arancelari", "antidumping", "compensatori")


def is_tariff_noun(token: Token, lang: str) -> bool:
    """A word that names an import duty: a tariff noun ("tariffs", "aranceles", not "duty-free"), a tax noun next
    to words of trade ("a 25% levy on imports"), a dumping margin, "cuotas compensatorias"."""
    lower = token.lower_
    if lower in TARIFF_NOUNS[lang] or token.lemma_ in TARIFF_NOUNS[lang]:
        return not (lower == "duty" and token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ in ("-", "free"))
    if lower in TAX_NOUNS[lang]:
        return any(t.lower_ in TAX_CONTEXT for t in token.doc[max(0, token.i - 2): token.i + 4]) or \
            lang == "es" and _laid_on_goods(token)
    if dumping_margin(token):
        return True
    if lang == "es" and lower in ("cuota", "cuotas") and token.i + 1 < len(token.doc):
        return token.doc[token.i + 1].lower_.startswith("compensatori")
    if lang == "es" and lower in ("derecho", "derechos") and token.i + 1 < len(token.doc):
        return token.doc[token.i + 1].lower_.startswith(DUTY_QUALIFIERS_ES)
    return False


def _laid_on_goods(token: Token) -> bool:
    """Spanish: a tax laid "a" / "sobre" goods as such is a duty on them ("los impuestos adicionales a productos
    chilenos", "subió los impuestos a sus productos"), as a tax next to words of trade is; one adjective may stand
    between, a determiner after the preposition. Not the participle after "haber" or "ser" ("ha impuesto a los
    productos chilenos un arancel", "fue impuesto a las importaciones"): the verb, whose tariff noun stands
    elsewhere."""
    doc = token.doc
    if token.i > 0 and (doc[token.i - 1].lower_ in HABER_PLURAL or doc[token.i - 1].lower_ in SER):
        return False
    index = token.i + 1
    if index < len(doc) and doc[index].lower_ not in ("a", "al", "sobre") and doc[index].is_alpha:
        index += 1  # "impuestos adicionales a"
    if index >= len(doc) or doc[index].lower_ not in ("a", "al", "sobre"):
        return False
    index += 1
    if index < len(doc) and doc[index].lower_ in ("los", "las", "el", "la", "sus", "su", "estos", "estas"):
        index += 1
    return index < len(doc) and doc[index].lower_ in TAXED_GOODS_ES


def names_a_deal(sentence: Span) -> bool:
    """Whether a sentence names a trade agreement (DEAL_NOUNS)."""
    return any(token.lower_ in DEAL_NOUNS or token.lemma_.lower() in DEAL_NOUNS for token in sentence)


def dumping_margin(token: Token) -> bool:
    """A margin in a sentence about dumping (MARGIN_NOUNS)."""
    return token.lower_ in MARGIN_NOUNS and any("dump" in t.lower_ for t in token.sent)


# Noun endings that look like a conditional's "-ría": "la mayoría de los quesos", "esta categoría de bienes".
NOUN_ENDINGS_LIKE_CONDITIONAL = ("oría",)


def spanish_verbish(token: Token) -> bool:
    """A Spanish word with a verb's ending. A conditional adds "-ía" to an infinitive in -ar/-er/-ir (or to a
    stem in -dr/-br/-rr), never to one in -or, so "mayoría", "categoría" are nouns."""
    lower = token.lower_
    return token.is_lower and len(lower) > 3 and lower.endswith(("ó", "aron", "ieron", "aba", "aban", "ará", "erá",
                                                                  "irá", "arán", "erán", "irán", "ría", "rían")) \
        and not lower.endswith(NOUN_ENDINGS_LIKE_CONDITIONAL)


def participle(token: Token, lang: str) -> bool:
    if lang == "es":
        return token.lower_.endswith(("ado", "ados", "ada", "adas", "ido", "idos", "ida", "idas", "esto", "estos",
                                      "uesta", "uestas"))
    return token.tag_ == "VBN"


def figure(token: Token) -> bool:
    """A number as written: "12", "3.5", "twelve"."""
    return token.like_num or token.text[:1].isdigit()


def percent_ahead(doc: Doc, index: int) -> bool:
    return any(figure(t) or "%" in t.text for t in doc[index + 1: index + 3])
