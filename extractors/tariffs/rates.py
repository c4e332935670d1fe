"""Is this percentage the rate of a tariff? The rules `tradewire_percentages` types with (see percentages.py).

A percentage is a tariff rate when:
1. the dependency parse (English) links it to a tariff noun: "a 25% tariff", "tariffs of 25%", "raised tariffs
   to 50%" / "by 10%", "imposed 145% on ...", "tariffs on X, 25% in most cases", "the tariff, which is
   manageable at 25%";
2. a tariff noun is a few filler words away: "duties of up to 38 per cent", "aranceles del 25 %", "cuyo arancel
   pasaría de 20 % a 50 %", "25% import duties";
3. in a document about tariffs (it has a tariff noun), it is the level of a *rate* ("the 39% rate",
   "the reciprocal rate on Chinese goods would rise to 125%", "la tasa de 10 %"), unless the sentence is about
   interest, inflation, a central bank and the like; or what goods *pay*, *face*, are *charged* or *taxed*,
   *stay*/*remain* at ("Canadian energy now pays 10%", "siguen pagando 35 %"); or it is laid "on" goods
   ("an increase to 30% on non-compliant goods", "30 % a los productos");
4. it belongs with a tariff rate next to it: a list ("25% on cars and 10% on parts", "el de 25 % a los autos y
   el de 50 % al acero"), a change of rate ("from 25% to 50%", "to 47% from 57%", "up from 7.5%", "de 145 % a
   30 %"), or another figure in a sentence about a tariff that nothing else explains, unless its verb changes an
   amount of goods let in (a quota, a volume: "shrink the volume ... a 47% cut").
Percentage points are changes, never tariff rates.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from extractors.lexicon import CHANGE_WORDS
from extractors.tariffs.es_verbs import rate_participle, verb_form
from extractors.tariffs.words import is_tariff_noun

# Words that may stand between a tariff noun and its rate: "duties of up to 38 per cent", "aranceles del 25 %".
FILLERS = frozenset("of at to up as high much about around roughly nearly almost some an a the additional new "
                    "rate rates level levels average averaging ’s 's base baseline extra further flat blanket "
                    "reciprocal retaliatory import levy punitive steep hefty minimum maximum counter - "
                    "de del al a la el los las un una hasta entre y adicional adicionales nuevo nuevos nueva "
                    "nuevas recíproco recíprocos recíproca recíprocas promedio tasa nivel general generales "
                    "global globales extra mínimo máximo cerca casi alrededor unos unas por".split())
LIST_JOINERS = frozenset({"and", "or", ",", "while", "with", "y", "e", "o", ";", "mientras", "but", "pero"})
LEVEL_PREPS = frozenset({"to", "from", "at", "of", "by", "a", "al", "hasta", "en"})
SETTING_VERBS = frozenset("impose slap levy charge apply set announce threaten place put introduce add".split())
# Nouns whose level, in a document about tariffs, is a tariff rate: "the 39% rate", "bringing the total to 50%",
# "an additional 25% penalty".
RATE_NOUNS = {"en": frozenset({"rate", "rates", "charge", "surcharge", "total", "penalty", "penalties"}),
              "es": frozenset({"tasa", "tasas", "cuota", "cuotas", "tarifa", "tarifas", "total"})}
# Nouns of an amount of goods let in. A percentage that changes or measures one is no tariff rate, though its clause
# names a tariff: "shrink the volume let in tariff-free ..., a 47% cut", "reduced the duty-free quota to half of
# last year's shipments, down from 100 per cent".
QUANTITY_NOUNS = frozenset("quota quotas volume volumes".split())
# Spanish "cuotas de importación" are import quotas (an amount), though "cuota" alone may name a rate.
IMPORT_WORDS_ES = frozenset("importación importaciones".split())
# A sentence with one of these is about money, prices or the economy, not about a tariff rate.
NOT_TARIFF_CONTEXT = frozenset("interest inflation bank banxico fed central unemployment jobless yield yields "
                               "mortgage lending benchmark policy overnight growth gdp prices price vat income "
                               "remittance remittances share futures stake interés inflación banco "
                               "desempleo rendimiento crecimiento pib precios remesas hipotecaria referencia reserve "
                               "reserva".split())
# English words of a mean over trade: "an effective tariff rate of 5.6%", "the global average of around 16%" say
# what goods pay on the whole, not a duty a government lays.
MEAN_WORDS = frozenset("average effective".split())
# English verbs of lowering a rate, by lemma: the percentage they lower it "by" is the size of the cut.
LOWERING_EN = frozenset("cut lower reduce slash decrease trim".split())
MONEY_POLICY = frozenset("interest inflation bank banxico fed remittance remittances reserve interés inflación banco "
                         "remesas reserva".split())
_NOT_GOODS_AFTER_ON = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april "
                                "may june july august september october november december average balance top paper "
                                "hold track the a an".split())
PAYING = {"en": frozenset("pay pays paid paying face faces faced facing charge charged taxed stay stays stayed "
                          "remain remains remained total totals totalled totaled".split()),
          "es": frozenset("paga pagan pagando pagará pagarán pagaba pagaban pagar enfrenta enfrentan enfrentará "
                          "enfrentarán cobra cobran cobrará cobrarán queda quedan quedará quedarán mantiene "
                          "mantienen".split())}
GOODS = frozenset("goods products exports imports steel aluminium aluminum copper cars autos vehicles trucks lumber "
                  "energy potash parts items shipments productos exportaciones importaciones acero aluminio cobre "
                  "autos automóviles vehículos camiones autopartes mercancías bienes".split())
_RATE_MOVES = frozenset("increase increases hike hikes rise jump cut reduction raise aumento aumentos alza incremento "
                        "subir elevar reducción recorte".split())
# Spanish words that hedge a level between its preposition and the figure ("a alrededor de 20 %", "a cerca del
# 35 %").
HEDGES_ES = frozenset("alrededor cerca de del casi unos un el".split())
# Spanish nouns of a cap on a rate ("el tope del 12 %").
CEILING_NOUNS_ES = frozenset("tope topes techo".split())
RELATIVES = frozenset("which who que quien cual cuales what lo".split())
CLAUSE_BREAKS = frozenset("while whereas but although though because since ; mientras pero aunque porque sino".split())
_ES_VERB_ENDINGS = ("ó", "aron", "ieron", "aba", "aban", "ará", "erá", "irá", "arán", "erán", "irán", "ría",
                    "rían")


def spanish_verb(token: Token) -> bool:
    lower = token.lower_
    return len(lower) > 3 and lower.endswith(_ES_VERB_ENDINGS) and token.is_lower


def heads(span: Span, hops: int) -> list[Token]:
    """Tokens above the span in the parse, nearest first, up to `hops` levels."""
    out = []
    frontier = [t for t in span if t.head not in span or t.head == t]
    for _ in range(hops):
        frontier = [t.head for t in frontier if t.head != t]
        out.extend(frontier)
    return out


class TariffRates:
    """The tariff-rate rules for one document (what they need of it is computed once)."""

    def __init__(self, doc: Doc, lang: str) -> None:
        self.doc = doc
        self.lang = lang
        self.parsed = doc.has_annotation("DEP")
        self.tariff_doc = any(is_tariff_noun(t, lang) for t in doc)

    def is_rate(self, span: Span) -> bool:
        """Rules 1-3 for one percentage (rule 4 needs its neighbours: see `propagate`)."""
        if self._not_a_level(span):
            return False
        if (self.parsed and self._by_parse(span)) or self._by_window(span):
            return True
        if self.tariff_doc and self._rate_level(span):
            return True
        return (self.tariff_doc or self._goods_near(span)) and (self._paying(span) or self._on_goods(span) or
                                                                self._laid(span))

    def _not_a_level(self, span: Span) -> bool:
        """Whether the percentage is a figure about rates but no rate laid: a mean over trade or the size of a cut."""
        return self._mean(span) or self._lowered_by(span)

    def _lowered_by(self, span: Span) -> bool:
        """The size of a cut: the percentage a verb of lowering takes a rate down by ("bajará en un 10 por ciento
        sus aranceles", "las tarifas disminuirán un 15%", "cut the duty by 10%"); the level it takes the rate to
        follows "a" / "to" instead."""
        doc = self.doc
        index = span.start - 1
        if index < span.sent.start or doc[index].lower_ not in ("un", "by"):
            return False
        if doc[index].lower_ == "un" and index - 1 >= span.sent.start and doc[index - 1].lower_ == "en":
            index -= 1
        if doc[index].lower_ == "by":  # English: the verb "by" hangs from in the parse
            return self.parsed and doc[index].head.lemma_.lower() in LOWERING_EN
        form = verb_form(doc[index - 1].lower_) if index - 1 >= span.sent.start else None
        return form is not None and form.kind == "lower"

    def _mean(self, span: Span) -> bool:
        """English: the percentage is a mean over trade, its phrase opened by a word of `MEAN_WORDS` a few words
        before it ("an effective tariff rate near 5.6%", "the global average of around 16%"), with no
        punctuation between: no government lays it."""
        if self.lang != "en":
            return False
        for token in reversed(self.doc[max(span.sent.start, span.start - 6): span.start]):
            if token.is_punct:
                return False
            if token.lower_ in MEAN_WORDS and token.i + 1 < span.start and \
                    (token.lower_ == "average" or self._rate_noun(token.doc[token.i + 1]) or
                     is_tariff_noun(token.doc[token.i + 1], self.lang)):
                return not self._laid_as_mean(token)
        return False

    def _laid_as_mean(self, word: Token) -> bool:
        """The averaged duty is one a government lays: "will impose an average tariff of 25%" sets a rate, an
        average across the goods it covers, as the object of a verb of setting (`SETTING_VERBS`)."""
        noun = word.head
        return self.parsed and noun.dep_ == "dobj" and noun.head.lemma_.lower() in SETTING_VERBS

    def _laid(self, span: Span) -> bool:
        """Spanish: the rate a verb of imposing lays ("gravará con un 25 % las importaciones", "impuso un 10 %
        adicional"), the verb known by its form (es_verbs.py)."""
        if self.lang != "es" or self._clause_excluded(span):
            return False
        index = span.start - 1
        while index >= max(span.sent.start, span.start - 4) and self.doc[index].lower_ in (
                "un", "una", "el", "la", "con", "de", "del", "a", "al", "hasta", "otro", "adicional"):
            index -= 1
        form = verb_form(self.doc[index].lower_) if index >= span.sent.start else None
        if form is not None and form.kind == "impose" and index < span.start - 1:
            return True
        # or its participle right after the rate ("menos que el 20 % aplicado a Perú", "del 25 % impuesto por
        # Washington": there "impuesto" is the participle, the noun "taxes" would follow "de")
        after = rate_participle(span)
        return after is not None and after.kind == "impose"

    def _goods_near(self, span: Span) -> bool:
        """Whether the clause of the percentage names traded goods ("non-compliant goods still pay 25%")."""
        window = self.doc[max(span.sent.start, span.start - 10): min(span.sent.end, span.end + 4)]
        return any(t.lower_ in GOODS for t in window)

    # Rule 1
    def _by_parse(self, span: Span) -> bool:
        lang = self.lang
        chain = heads(span, 4)
        for depth, token in enumerate(chain):
            if is_tariff_noun(token, lang):
                return depth < 3 or chain[depth - 1].dep_ in ("relcl", "acomp", "attr")
            if token.pos_ in ("VERB", "AUX"):
                if token.lemma_ in SETTING_VERBS and depth == 0 and any(t.dep_ == "dobj" for t in span):
                    return True
                if token.dep_ == "relcl" and is_tariff_noun(token.head, lang):
                    return True  # "the tariff, which is manageable at 25%"
                arguments = [c for c in token.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
                via = chain[depth - 1] if depth else None
                attached = depth == 0 or (via is not None and via.lower_ in LEVEL_PREPS)
                return attached and any(is_tariff_noun(a, lang) or any(is_tariff_noun(c, lang) for c in a.children)
                                        for a in arguments)
            if token.dep_ == "appos" or any(t.dep_ == "appos" for t in span):
                if any(is_tariff_noun(t, lang) for t in token.subtree if abs(t.i - token.i) <= 4):
                    return True
        return False

    # Rule 2
    def _by_window(self, span: Span) -> bool:
        doc, lang = self.doc, self.lang
        sentence = span.sent
        index = span.start - 1
        reach = 8 if lang == "es" else 6
        while index >= max(sentence.start, span.start - reach):
            token = doc[index]
            if is_tariff_noun(token, lang) or self._ceiling(token):
                return True
            if lang == "es" and token.lower_ in ("suyo", "suya", "suyos", "suyas") and any(
                    is_tariff_noun(t, lang) for t in doc[sentence.start:index]):
                return True  # "..., mientras que Pekín reducirá el suyo a los productos estadounidenses de 125 %"
            if lang == "es":
                # Rules over bare tokens: anything but punctuation, a clause break, a verb or a change word;
                # a verb right after the tariff noun is its own ("cuyo arancel pasaría de 20 % a 50 %").
                if spanish_verb(token) and index - 1 >= sentence.start and (
                        is_tariff_noun(doc[index - 1], lang) or self._ceiling(doc[index - 1])):
                    return True  # "cuyo arancel pasaría de 20 % a 50 %", "el tope será el 12 %"
                if (token.is_punct and token.text != "-") or token.lower_ in ("que", "pero", "mientras") \
                        or spanish_verb(token) or token.lower_ in CHANGE_WORDS["es"]:
                    break
            elif token.lower_ not in FILLERS and not token.like_num:
                break
            index -= 1
        index = span.end
        while index < min(sentence.end, span.end + 4):
            token = doc[index]
            if is_tariff_noun(token, lang):
                return True
            if token.lower_ not in FILLERS and token.pos_ != "ADJ":
                break
            index += 1
        return False

    def _ceiling(self, token: Token) -> bool:
        """Spanish: a noun of a ceiling in a document about tariffs ("el tope de 12% acordado para los productos
        chilenos", "para Lima y Santiago el tope será el 12 %"): a cap that sets the applied rate is a tariff rate
        (GUIDELINES §4)."""
        return self.lang == "es" and self.tariff_doc and token.lower_ in CEILING_NOUNS_ES

    def _clause_excluded(self, span: Span) -> bool:
        """Whether the clause of the percentage is about interest, inflation, prices, a central bank, a tax (or
        the sentence before it about money policy: "La tasa es mucho menor que ..." after a sentence on
        remittances). The clause runs to a clause break or a comma that opens a new one (", lo que podría
        presionar la inflación" says what the tariff does, not what the rate is)."""
        doc = self.doc
        sentence = span.sent
        if any(t.lower_ in NOT_TARIFF_CONTEXT and self._same_clause(t.i, span.start) and
               not self._comma_clause_between(t.i, span.start) for t in sentence):
            return True
        if sentence.start > 0:
            before = doc[sentence.start - 1].sent
            return any(t.lower_ in MONEY_POLICY for t in before)
        return False

    # Rule 3
    def _rate_level(self, span: Span) -> bool:
        doc, lang = self.doc, self.lang
        sentence = span.sent
        rates = [t for t in sentence if self._rate_noun(t)]
        if self._clause_excluded(span):
            return False
        before = [t.lower_ for t in doc[max(sentence.start, span.start - 3): span.start]]
        if before and before[-1] in ("to", "a", "al") and any(w in _RATE_MOVES for w in before[:-1]):
            return True  # "a scheduled increase to 30%", "el aumento a 30 %"
        if not rates:
            return False
        if lang == "es" and self._level_reached(span):
            return True
        near = doc[max(sentence.start, span.start - 6): min(sentence.end, span.end + 3)]
        if any(self._rate_noun(t) for t in near):
            return True
        if self.parsed:
            return any(t.lower_ in RATE_NOUNS[lang] for t in heads(span, 3)) or any(
                t.lower_ in RATE_NOUNS[lang] and t.dep_ in ("nsubj", "nsubjpass") for t in sentence)
        return False

    def _level_reached(self, span: Span) -> bool:
        """Spanish: the level a verb of raising or lowering takes something to, in a sentence that names a rate
        ("las tasas de hasta 50 %, pero la mayoría se rebajó a cerca de 20 %"): what was raised or cut is the rate
        the sentence names, though the verb's clause does not repeat its noun."""
        doc = self.doc
        index = span.start - 1
        while index > span.sent.start and doc[index].lower_ in HEDGES_ES:
            index -= 1
        if index <= span.sent.start or doc[index].lower_ not in ("a", "al", "hasta"):
            return False
        form = verb_form(doc[index - 1].lower_)
        return form is not None and form.kind in ("raise", "lower")

    def _rate_noun(self, token: Token) -> bool:
        """A noun of a rate (`RATE_NOUNS`); not Spanish "cuotas de importación", an amount of goods let in."""
        doc = self.doc
        if token.lower_ not in RATE_NOUNS[self.lang]:
            return False
        return not (self.lang == "es" and token.lower_ in ("cuota", "cuotas") and token.i + 2 < len(doc) and
                    doc[token.i + 1].lower_ == "de" and doc[token.i + 2].lower_ in IMPORT_WORDS_ES)

    def _sizes_quantity(self, span: Span) -> bool:
        """English: the verb over the percentage changes an amount of goods let in (`QUANTITY_NOUNS`), its
        object: the percentage is that amount's change or level. Not a figure the goods come in "at" ("expands
        the quota to 50,000 tonnes at 5%"): that is the rate a tariff-rate quota charges."""
        if not self.parsed or span.root.head.lower_ == "at":
            return False
        verb = next((t for t in span.root.ancestors if t.pos_ == "VERB"), None)
        return verb is not None and any(c.dep_ == "dobj" and c.lemma_.lower() in QUANTITY_NOUNS
                                        for c in verb.children)

    def _paying(self, span: Span) -> bool:
        doc, lang = self.doc, self.lang
        sentence = span.sent
        if self._clause_excluded(span):
            return False
        before = [t for t in doc[max(sentence.start, span.start - 4): span.start]]
        while before and (before[-1].lower_ in ("at", "a", "al", "about", "around", "roughly", "some", "only",
                                                "el", "un", "apenas", "casi", "still", "already", "also")
                          or before[-1].like_num):
            before.pop()
        return bool(before) and (before[-1].lower_ in PAYING[lang] or before[-1].lemma_ in PAYING[lang])

    def _on_goods(self, span: Span) -> bool:
        """ "an increase to 30% on non-compliant goods", "25 % a los productos": a rate laid on goods."""
        doc = self.doc
        if span.end + 1 >= span.sent.end or self._clause_excluded(span):
            return False
        nxt, after = doc[span.end].lower_, doc[span.end + 1].lower_
        if self.lang == "es":
            return nxt in ("sobre", "al") or (nxt == "a" and after in ("los", "las", "la", "el", "productos",
                                                                        "importaciones", "bienes"))
        return nxt == "on" and after not in _NOT_GOODS_AFTER_ON and not doc[span.end + 1].like_num

    # Rule 4
    def propagate(self, spans: list[Span], types: list[str], points: list[bool]) -> list[str]:
        """Types after rule 4: neighbours of tariff rates in lists, rate changes and tariff sentences."""
        types = list(types)
        changed = True
        while changed:
            changed = False
            for i, span in enumerate(spans):
                if types[i] == "tariff" or types[i] in ("share", "poll") or points[i] or self._not_a_level(span):
                    continue
                for j in (i - 1, i + 1):
                    if 0 <= j < len(spans) and types[j] == "tariff" and spans[j].sent == span.sent and \
                            (self._joined(*sorted((spans[i], spans[j]), key=lambda s: s.start)) or
                             self._rate_change(*sorted((spans[i], spans[j]), key=lambda s: s.start))):
                        types[i], changed = "tariff", True
                        break
        for i, span in enumerate(spans):
            if types[i] == "other" and not points[i] and not self._clause_excluded(span) and \
                    not self._sizes_quantity(span) and not self._not_a_level(span) and (
                    any(types[j] == "tariff" and self._same_clause(spans[j].start, span.start)
                        for j in range(len(spans)) if j != i)
                    or any(is_tariff_noun(t, self.lang) and self._same_clause(t.i, span.start) for t in span.sent)):
                types[i] = "tariff"
        return types

    def _comma_clause_between(self, a: int, b: int) -> bool:
        """Whether a comma followed by a relative or a conjunction ("lo que", "que", "which") stands between."""
        lo, hi = min(a, b), max(a, b)
        return any(t.text == "," and t.i + 1 < hi and (self.doc[t.i + 1].lower_ in RELATIVES or
                                                        self.doc[t.i + 1].lower_ == "lo" and t.i + 2 < hi and
                                                        self.doc[t.i + 2].lower_ == "que")
                   for t in self.doc[lo:hi])

    def _same_clause(self, a: int, b: int) -> bool:
        lo, hi = min(a, b), max(a, b)
        return self.doc[lo].sent == self.doc[hi].sent and not any(t.lower_ in CLAUSE_BREAKS for t in self.doc[lo:hi])

    def _joined(self, first: Span, second: Span) -> bool:
        """Whether `second` continues a list that `first` starts: "25% on cars and 10% on steel"."""
        doc = self.doc
        gap = second.start - first.end
        between = doc[first.end: second.start]
        if gap > 16 or not any(t.lower_ in LIST_JOINERS for t in between):
            return False
        if any(t.lower_ in CHANGE_WORDS["en"] | CHANGE_WORDS["es"] and (t.pos_ == "VERB" or self.lang == "es")
               for t in between):
            return False
        if any(t.lower_ in CLAUSE_BREAKS or t.pos_ in ("VERB", "AUX") or (self.lang == "es" and spanish_verb(t))
               for t in between):
            return False  # a new clause, not a list: "..., because compliant goods escape the 25% tariff"
        if gap > 10:  # a longer gap only for an elided noun: "el de 25 % a los autos y el de 50 % al acero"
            return [t.lower_ for t in doc[max(0, second.start - 2): second.start]] in (["el", "de"], ["la", "de"],
                                                                                        ["los", "de"], ["y", "el"])
        return True

    def _rate_change(self, first: Span, second: Span) -> bool:
        """ "from 25% to 50%", "to 47% from 57%", "25%, up from 7.5%", "de 145 % a 30 %", "rather than 27.5%"."""
        between = [t.lower_ for t in self.doc[first.end: second.start]]
        if not 0 < len(between) <= 3:
            return False
        return between[-1] in ("to", "a", "al", "-", "from") or between[-2:] in (["up", "from"], ["down", "from"],
                                                                                  ["than", "the"]) or \
            between[-1:] == ["than"]
