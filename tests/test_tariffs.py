"""tradewire_tariffs: rate, imposer, targets, products and status, in English and Spanish.

All example sentences are written for these tests.
"""

from __future__ import annotations


import pytest
from spacy.training import Example

from extractors.records import Article, Tariff
from extractors.tariffs.es_verbs import participle_form, rate_participle, verb_form
from nlp_support import PUBLISHED, run


def records(nlp, text: str) -> list[tuple]:
    return [(t.rate_pct, t.imposer, sorted(t.targets), t.status) for t in run(nlp, text)._.tariffs]


def test_seed_retelling_two_records_from_one_sentence(pipeline):
    text = (
        "Donald Trump's trade agenda has pushed Mexico and Canada onto the defensive. His announcement of "
        "tariffs on Mexican and Canadian goods, 25% as the general rate and 50% on semi-finished metals, is "
        "widely seen as a bargaining tool rather than economic policy. Washington and Ottawa keep talking."
    )
    [extraction] = pipeline.extract([Article(url="retelling", text=text, language="en", published=PUBLISHED)])
    found = [(t.rate_pct, t.imposer, sorted(t.targets), t.status) for t in extraction.tariffs]
    assert found == [(25.0, "United States", ["Canada", "Mexico"], "announced"),
                     (50.0, "United States", ["Canada", "Mexico"], "announced")]
    assert extraction.tariffs[0].products == "goods"
    assert extraction.tariffs[1].products == "semi-finished metals"
    assert all(t.sentence.startswith("His announcement") for t in extraction.tariffs)


def test_raised_from_to_gives_previous_and_new_rate(en):
    # A rise told in the past has happened: the new rate is in effect (tests/corpus GUIDELINES.md, status).
    assert records(en, "The White House raised the tariff on Canadian aluminum from 25% to 50%.") == [
        (25.0, "United States", ["Canada"], "previous"), (50.0, "United States", ["Canada"], "in effect")]
    assert records(en, "The White House will raise the tariff on Canadian aluminum from 25% to 50%.") == [
        (25.0, "United States", ["Canada"], "previous"), (50.0, "United States", ["Canada"], "announced")]


@pytest.mark.parametrize("text, expected", [
    ("Trump threatened a 100% tariff on foreign-made films.", ("United States", [], "threatened")),
    ("The EU suspended its 25% counter-tariffs on American bourbon for three months.",
     ("European Union", ["United States"], "paused")),
    ("Washington lifted the 10% duty on Canadian potash.", ("United States", ["Canada"], "removed")),
    ("Mexico faces a 30 per cent tariff from Washington.", ("United States", ["Mexico"], "in effect")),
    ("Beijing said its 34 percent levy on US farm goods would take effect on Thursday.",
     ("China", ["United States"], "announced")),
    ("Canada scrapped most counter-measures but is keeping 25% duties on U.S. steel.",
     ("Canada", ["United States"], "in effect")),
])
def test_english_imposer_targets_status(en, text, expected):
    [record] = records(en, text)
    assert record[1:] == (expected[0], sorted(expected[1]), expected[2])


@pytest.mark.parametrize("text, expected", [
    # Rates read from what goods pay, at whose border, and the default imposer when nobody is named.
    ("Canadian lumber still pays 14% at the US border.", [(14.0, "United States", ["Canada"], "in effect")]),
    ("Cars imported into the United States now pay a 25% tariff.", [(25.0, "United States", [], "in effect")]),
    ("A 10% tariff on Swiss watches took effect on Friday.", [(10.0, "United States", ["Switzerland"], "in effect")]),
    ("The levy on Brazilian beef was raised to 40%, up from 10%.",
     [(40.0, "United States", ["Brazil"], "in effect"), (10.0, "United States", ["Brazil"], "previous")]),
    # A verb joined with a tense of its own is its own action; refusing to lift a tariff leaves it on.
    ("Trump said he would pause the tariffs for most countries, but raised the rate on China to 125%.",
     [(125.0, "United States", ["China"], "in effect")]),
    ("Beijing refused to withdraw its 34% levy on American goods.", [(34.0, "China", ["United States"], "in effect")]),
    # The subject of a verb of change is the replaced rate; a subject hung as an apposition still imposes.
    ("Under the deal, the 125% tariff China slapped on American goods will drop to 10%.",
     [(125.0, "China", ["United States"], "previous"), (10.0, "China", ["United States"], "announced")]),
    # A later verb of change joined to the rate's own verb replaces it.
    ("Washington put 10% tariffs on Chinese imports in February and doubled them to 20% this week.",
     [(10.0, "United States", ["China"], "previous"), (20.0, "United States", ["China"], "in effect")]),
])
def test_english_context_rules(en, text, expected):
    assert records(en, text) == expected


@pytest.mark.parametrize("text, expected", [
    # The country qualifying the tariff noun imposes it, though a phrase of the clause names it as well.
    ("Canada will answer the new 25% U.S. tariffs with equivalent duties of its own on American exports.",
     [(25.0, "United States", ["Canada"], "announced")]),
    # A bare "would" tells a plan (the future of the past); a modal is a condition.
    ("Under the order, duties on Chinese furniture would rise to 30% in January.",
     [(30.0, "United States", ["China"], "announced")]),
    ("Trump warned that he could impose a 100% tariff on Chinese films.",
     [(100.0, "United States", ["China"], "threatened")]),
])
def test_english_qualifier_and_mood(en, text, expected):
    assert records(en, text) == expected


@pytest.mark.parametrize("text, expected", [
    # A tariff that is the passive subject of a verb of removing is removed, as its object is.
    ("Washington said the 25% tariff on Japanese steel has been removed.",
     [(25.0, "United States", ["Japan"], "removed")]),
    # A new level takes the tense of the verb of change that sets it, not that of a participle on the tariff noun.
    ("Officials said duties imposed on Brazilian coffee would be cut to 10% from 40%.",
     [(10.0, "United States", ["Brazil"], "announced"), (40.0, "United States", ["Brazil"], "previous")]),
    # The past of a verb of saying tells when it was said, not that the tariff is in force.
    ('"The duties on Chinese solar glass range from 12 per cent to 20 per cent," India\'s finance ministry said.',
     [(12.0, "India", ["China"], "announced"), (20.0, "India", ["China"], "announced")]),
    # The present of "impose" tells the act of the day, as a headline does; it says nothing of paying.
    ("The agreement imposes a 19 percent tariff on goods from Indonesia.",
     [(19.0, "United States", ["Indonesia"], "announced")]),
])
def test_english_status_of_the_governing_verb(en, text, expected):
    assert records(en, text) == expected


@pytest.mark.parametrize("text, expected", [
    # "ya" belongs to the clause before the "que": the 25 % is announced.
    ("Trump ya había adelantado que gravará con un 25 % las importaciones mexicanas.",
     [(25.0, "United States", ["Mexico"], "announced")]),
    # A rate set against the new one through its tariff noun is the replaced one.
    ("Los productos canadienses pagarán un arancel del 35 %, por encima del gravamen del 25 % que Washington les "
     "aplicó en marzo.",
     [(35.0, "United States", ["Canada"], "announced"), (25.0, "United States", ["Canada"], "previous")]),
    # "actual" or "vigente" right after the replaced rate is that rate's: the new level is still to come ...
    ("Lima llevará el arancel al maíz boliviano del 8 % actual a un 22 %.",
     [(8.0, "Peru", ["Bolivia"], "previous"), (22.0, "Peru", ["Bolivia"], "announced")]),
    # ... and after the rate itself it still says the rate stands
    ("Los aranceles chilenos del 12% vigente a las telas peruanas se mantienen.",
     [(12.0, "Chile", ["Peru"], "in effect")]),
])
def test_spanish_status_of_the_rates_clause(es, text, expected):
    assert records(es, text) == expected


@pytest.mark.parametrize("text, expected", [
    # "dejar" alone leaves a tariff as it is; "dejar de" + infinitive stops it.
    ("El anuncio de Washington deja sin cambios los aranceles del 100 % a los autos eléctricos chinos.",
     [(100.0, "United States", ["China"], "in effect")]),
    ("Estados Unidos dejará de cobrar el arancel del 10 % a la carne argentina.",
     [(10.0, "United States", ["Argentina"], "removed")]),
    # "dejar sin efecto" voids a tariff; a relative clause after the rate tells how it was laid, the clause the
    # rate stands in what is done to it now; "cesar" ends it.
    ("El fallo deja sin efecto los aranceles adicionales del 30 % a Bolivia y Paraguay.",
     [(30.0, "United States", ["Bolivia", "Paraguay"], "removed")]),
    ("Perú y Chile han firmado un acuerdo que pone fin a los aranceles del 20% que Lima impuso al cobre chileno.",
     [(20.0, "Peru", ["Chile"], "removed")]),
    ("Perú eliminó el arancel del 18 % que cobraba Lima a los vinos chilenos.",
     [(18.0, "Peru", ["Chile"], "removed")]),
    ("La Comisión de Aduanas de Perú dispuso cesar los gravámenes del 12 % impuestos en enero a las uvas chilenas.",
     [(12.0, "Peru", ["Chile"], "removed")]),
    # A text that lays down rules as the subject of a present verb of imposing states what it provides; a
    # government as the subject charges it; a relative's verb has its antecedent for subject.
    ("El pacto establece un arancel del 20% sobre los quesos chilenos que lleguen a Estados Unidos.",
     [(20.0, "United States", ["Chile"], "announced")]),
    ("Perú aplica un arancel del 20% a los quesos chilenos.",
     [(20.0, "Peru", ["Chile"], "in effect")]),
    # A conditional in a relative clause on a deal says what the deal provides; alone it is a threat.
    ("Ruiz y Boric acordaron un pacto que reduciría los aranceles peruanos a los quesos chilenos del 25% al 15%.",
     [(25.0, "Peru", ["Chile"], "previous"), (15.0, "Peru", ["Chile"], "announced")]),
    ("Perú impondría un arancel del 30% a los quesos chilenos.",
     [(30.0, "Peru", ["Chile"], "threatened")]),
    # "ver" before a participle or a noun of change is a passive in its tense: what the subject will undergo.
    ("Los exportadores chilenos verán reducidos los aranceles de Perú a los quesos chilenos del 25% al 15%.",
     [(25.0, "Peru", ["Chile"], "previous"), (15.0, "Peru", ["Chile"], "announced")]),
    ("Los exportadores chilenos verán una rebaja al 15% de los aranceles de Perú a los quesos chilenos.",
     [(15.0, "Peru", ["Chile"], "announced")]),
    # The pronominal present of a verb of level says where the tariff stands.
    ("Los aranceles de Perú a los quesos chilenos, que en total se elevan al 31%, golpean a los productores.",
     [(31.0, "Peru", ["Chile"], "in effect")]),
    # A start at the text's present ("a partir de hoy", "desde ahora", an hour with no date) is in force.
    ("Desde hoy, Perú cobrará un arancel del 20% a los quesos chilenos.",
     [(20.0, "Peru", ["Chile"], "in effect")]),
    ("A partir de las 00H01 GMT, Perú cobrará un arancel del 20% a los quesos chilenos.",
     [(20.0, "Peru", ["Chile"], "in effect")]),
    ("A partir de las 00H01 del 1 de junio, Perú cobrará un arancel del 20% a los quesos chilenos.",
     [(20.0, "Peru", ["Chile"], "announced")]),
    ("La reforma reemplazaría el actual mecanismo que impone un arancel del 20% a los quesos chilenos en Estados "
     "Unidos.",
     [(20.0, "United States", ["Chile"], "in effect")]),
    # The rate of a tariff noun that is the subject of a verb of cutting, taken to the next rate, is replaced.
    ("Los aranceles de 60 % que aplica Estados Unidos a los productos brasileños se reducirán a 20 %.",
     [(60.0, "United States", ["Brazil"], "previous"), (20.0, "United States", ["Brazil"], "announced")]),
    # "respecto al" sets a rate against the one replacing it.
    ("Washington cobrará un gravamen del 30 % a los vinos chilenos, un alza respecto al arancel del 10 % que "
     "pagaban hasta ahora.",
     [(30.0, "United States", ["Chile"], "announced"), (10.0, "United States", ["Chile"], "previous")]),
    # "desde" before a rate set against a new level is English "from": the level left, before or after the new one.
    ("Washington bajará sus aranceles a los quesos franceses al 10 % desde el 25 %.",
     [(10.0, "United States", ["France"], "announced"), (25.0, "United States", ["France"], "previous")]),
    ("Entró en vigor una rebaja desde el 30 % al 12 % de los gravámenes de Washington a los vinos chilenos.",
     [(30.0, "United States", ["Chile"], "previous"), (12.0, "United States", ["Chile"], "in effect")]),
    # A passive with "ser" takes the tense of "ser": "serán llevados" is to come.
    ("Canadá duplicará sus aranceles a la madera estadounidense, que serán llevados del 20 % al 40 %.",
     [(20.0, "Canada", ["United States"], "previous"), (40.0, "Canada", ["United States"], "announced")]),
    # A conditional is the future of the past under a verb of saying that closes the sentence as well as one that
    # opens it; "podría" stays a condition.
    ("Pekín aplicaría un arancel del 20 % a la carne de cerdo canadiense desde el lunes, añadió el ministerio.",
     [(20.0, "China", ["Canada"], "announced")]),
    ("Pekín podría aplicar un arancel del 20 % a la carne de cerdo canadiense, según dijo el ministerio.",
     [(20.0, "China", ["Canada"], "threatened")]),
    # "la entrada en vigor" has no tense of its own: "después de" puts it in the past, "antes de" in the future;
    # "una rebaja" after its determiner is a noun, not the verb "rebajar".
    ("Los bodegueros chilenos celebraron un día después de la entrada en vigor de una rebaja desde el 25 % al 10 % "
     "de los gravámenes de Washington a los vinos chilenos.",
     [(25.0, "United States", ["Chile"], "previous"), (10.0, "United States", ["Chile"], "in effect")]),
    ("Los exportadores chilenos protestaron antes de la entrada en vigor de los aranceles del 25 % de Washington a "
     "los vinos chilenos.",
     [(25.0, "United States", ["Chile"], "announced")]),
    # the same noun after the rate: "en vigor" inside "su entrada en vigor" says nothing is in force yet
    ("Los exportadores chilenos temen los aranceles del 25 % de Washington a los vinos chilenos antes de su "
     "entrada en vigor.",
     [(25.0, "United States", ["Chile"], "announced")]),
    # the main clause after a condition is a threat, whatever its tense; "si bien" ("although") is no condition
    ("El ministro advirtió que, si Bolivia no abre su mercado, Lima aplicará un arancel del 45 % a la soya "
     "boliviana.",
     [(45.0, "Peru", ["Bolivia"], "threatened")]),
    ("Si bien Bolivia abrió su mercado, Lima aplicó un arancel del 45 % a la soya boliviana.",
     [(45.0, "Peru", ["Bolivia"], "in effect")]),
    # a "si" that means "whether" (after a verb of asking or knowing, or in an infinitive or gerund clause) is no
    # condition
    ("Tras preguntarse durante semanas si Bolivia abriría su mercado, Lima aplicó un arancel del 30 % a la soya "
     "boliviana.",
     [(30.0, "Peru", ["Bolivia"], "in effect")]),
    ("Los exportadores se preguntan si habrá un acuerdo, y Lima aplicó un arancel del 30 % a la soya boliviana.",
     [(30.0, "Peru", ["Bolivia"], "in effect")]),
    # a participle right after the rate says what was done to it, whatever the clause's verb does ("impuesto"
    # is the participle there, not the noun "taxes")
    ("El pacto permitirá bajar el gravamen a los vinos chilenos por debajo del 25 % impuesto por Washington en "
     "mayo.",
     [(25.0, "United States", ["Chile"], "in effect")]),
    ("Washington cobrará un arancel del 20 % al cobre peruano, lejos del 40 % amenazado en marzo.",
     [(20.0, "United States", ["Peru"], "announced"), (40.0, "United States", ["Peru"], "threatened")]),
    # ... but not over a clause that threatens the tariff itself or puts its start to come
    ("Lima amenazó el martes con un gravamen del 20 % aplicado a toda la soya boliviana.",
     [(20.0, "Peru", ["Bolivia"], "threatened")]),
    ("El gravamen del 20 % impuesto por Lima a la soya boliviana entrará en vigor en octubre.",
     [(20.0, "Peru", ["Bolivia"], "announced")]),
    # "aceptar" over an infinitive of cutting is a promise, as "acordar" is: the new level is to come
    ("Perú aceptó recortar al 6 % su arancel a la quinua boliviana.",
     [(6.0, "Peru", ["Bolivia"], "announced")]),
    # "para evitar" is an attempt: a tariff the text says is announced, or set to start, stays announced ...
    ("Los exportadores bolivianos piden gestiones para evitar un arancel peruano del 12,5 % anunciado en enero "
     "sobre la quinua.",
     [(12.5, "Peru", [], "announced")]),
    ("Para evitar un gravamen peruano del 12,5 % sobre la quinua, que entraría en vigor en junio, La Paz ofreció "
     "cupos.",
     [(12.5, "Peru", [], "announced")]),
    # ... and one nothing else describes is a threat, as what was escaped is
    ("Bolivia negocia con Lima para evitar un arancel peruano del 30 % a la quinua.",
     [(30.0, "Peru", ["Bolivia"], "threatened")]),
])
def test_spanish_status_of_the_verbs_over_the_rate(es, text, expected):
    assert records(es, text) == expected


def test_spanish_first_person_of_ir_is_the_periphrasis_of_the_future():
    # A leader's quoted words: "voy a aumentar", "vamos a imponer" announce, as "va a aplicar" does.
    assert (verb_form("voy").lemma, verb_form("voy").tense) == ("ir", "present")
    assert (verb_form("vamos").lemma, verb_form("vamos").plural) == ("ir", True)


def test_spanish_participle_right_after_a_rate_is_read_by_one_helper(es):
    # The status rule and the rate typing share one reading: right after a rate "impuesto" is the participle of
    # "imponer" (the noun "taxes" would follow "de"); elsewhere the word alone is read as the noun it more often is.
    doc = run(es, "Lima cobra menos que el 20 % impuesto por Quito.")
    [rate] = list(doc.spans["percentages"])
    assert (rate_participle(rate).lemma, rate_participle(rate).kind) == ("imponer", "impose")
    assert participle_form("impuesto").tense == "participle" and verb_form("impuesto") is None
    other = run(es, "Lima cobra un 20 % a Quito.")
    assert rate_participle(other.spans["percentages"][0]) is None


def test_spanish_relative_on_the_object_of_a_verb(es):
    # A "que" on a noun hangs on the verb before it however long the object: that verb's subject imposes.
    text = ("El gobierno canadiense presentó ayer ante el Parlamento un nuevo paquete de medidas comerciales que "
            "contempla aranceles del 30 % al acero chino.")
    assert records(es, text) == [(30.0, "Canada", ["China"], "announced")]


def test_spanish_range_ends_share_the_noun_after_them(es):
    # Both ends of "desde el X % al Y %" measure the tariff noun after the second, through "de los".
    # Not the adjective "arancelaria" a clause back, whose country is another.
    doc = run(es, "El negociador coreano en materia arancelaria, Kim Jung-kwan, celebró una rebaja desde el 25 % al "
                  "12 % de los gravámenes de Washington a los barcos coreanos.")
    assert [(t.rate_pct, t.imposer, t.targets, t.status, t.products) for t in doc._.tariffs] == [
        (25.0, "United States", ["South Korea"], "previous", "barcos"),
        (12.0, "United States", ["South Korea"], "announced", "barcos")]


def test_spanish_surcharge_is_a_tariff_noun(es):
    # "recargo" is Spanish for "surcharge" (GUIDELINES §4 lists surcharges as tariffs).
    assert records(es, "Ottawa impuso un 15 % de recargos a los autos estadounidenses.") == [
        (15.0, "Canada", ["United States"], "in effect")]


@pytest.mark.parametrize("text, expected", [
    # The countries that act on the rates lay them, each its own; "mutuamente" makes the other one the target. The
    # levels they raised them to stand (a preterite over "hasta alcanzar": in effect, GUIDELINES §4).
    ("Entre marzo y mayo, Perú y Chile aumentaron mutuamente sus aranceles hasta alcanzar niveles del 45% y 35%, "
     "respectivamente.",
     [(45.0, "Peru", ["Chile"], "in effect"), (35.0, "Chile", ["Peru"], "in effect")]),
    # Countries that only negotiated them are hit by them, in order.
    ("Estados Unidos cobra aranceles altos a Bolivia, mientras que Chile y Argentina negociaron tasas mucho más "
     "bajas, del 10% y 15% respectivamente.",
     [(10.0, "United States", ["Chile"], "announced"), (15.0, "United States", ["Argentina"], "announced")]),
])
def test_spanish_rates_paired_respectively_with_countries(es, text, expected):
    assert records(es, text) == expected


def test_spanish_story_imposer_from_the_lead(es):
    # A Spanish story names its own government once, in the lead; its rates paragraphs later are that
    # government's, not the default imposer's.
    text = ("El gobierno mexicano aplicará aranceles del 35 % a los autos chinos. La medida busca proteger la "
            "industria nacional. Los fabricantes locales celebraron el anuncio. Los importadores temen alzas de "
            "precios. En el caso del calzado, las tasas irán del 10 al 25 por ciento.")
    assert [(t.rate_pct, t.imposer) for t in run(es, text)._.tariffs] == [(35.0, "Mexico"), (10.0, "Mexico"),
                                                                          (25.0, "Mexico")]


def test_spanish_rate_a_participle_of_imposing_follows_is_a_tariff(es):
    # "el 20 % aplicado a Perú": the participle right after the rate lays it, as a verb of imposing before it does.
    text = "Chile cobrará aranceles del 12 % a los vinos de Argentina, pero menos que el 20 % aplicado a Perú."
    assert records(es, text) == [(12.0, "Chile", ["Argentina"], "announced"), (20.0, "Chile", ["Peru"], "in effect")]


def test_spanish_range_written_as_one_word(es):
    # "5%-15%" is one token: two rate spans over the same words give the first end, then the second; the next rate
    # of either is the one after the range ("de X a entre Y": both ends of the old range are replaced).
    text = "Los aranceles de Lima a los textiles chinos pasarán de 5%-15% a entre 20%-30% en enero."
    assert records(es, text) == [(5.0, "Peru", ["China"], "previous"), (15.0, "Peru", ["China"], "previous"),
                                 (20.0, "Peru", ["China"], "announced"), (30.0, "Peru", ["China"], "announced")]


def test_spanish_tariff_noun_takes_its_own_verb_past_a_participle(es):
    # The participle qualifies the tariff noun; the finite verb of its number past the participle's phrase is the
    # noun's own, and a rate joined by "y del" shares it.
    text = ("Los nuevos aranceles del 40 % a los quesos y del 15 % a los vinos anunciados por el gobierno, tras "
            "meses de consultas, entraron en vigor el lunes.")
    assert [(t.rate_pct, t.status) for t in run(es, text)._.tariffs] == [(40.0, "in effect"), (15.0, "in effect")]
    text = "Los aranceles del 40 % a los quesos anunciados por el gobierno entrarán en vigor el jueves."
    assert [(t.rate_pct, t.status) for t in run(es, text)._.tariffs] == [(40.0, "announced")]


def test_spanish_lead_before_any_imposer_takes_the_next_stated_one(es):
    # A lead that states rates before naming who lays them: the government the story names next as imposing a
    # rate on the same goods lays them, not the default imposer; a tariff named without a rate does not count.
    text = ("Los gravámenes definitivos, de entre el 8 % y el 20 %, regirán desde el lunes. Lima impondrá "
            "gravámenes de hasta el 20 % a los lácteos de Bolivia, según su ministerio.")
    assert [(t.rate_pct, t.imposer) for t in run(es, text)._.tariffs] == [(8.0, "Peru"), (20.0, "Peru"),
                                                                          (20.0, "Peru")]


def test_spanish_lead_does_not_take_the_imposer_of_an_answer_or_of_other_goods(es):
    # The government that answers is the other side of the story; one laying a rate on other goods than those the
    # lead names does not lay the lead's rate either. Both leads fall to the default imposer.
    text = ("Los gravámenes del 10 % regirán desde el lunes. En represalia, Bolivia aplicará un arancel del 15 % "
            "a la soya peruana.")
    assert [(t.rate_pct, t.imposer) for t in run(es, text)._.tariffs] == [(10.0, "United States"), (15.0, "Bolivia")]
    text = "Los gravámenes del 10 % al cobre regirán desde el lunes. Bolivia aplicará un arancel del 15 % a la soya."
    assert [(t.rate_pct, t.imposer) for t in run(es, text)._.tariffs] == [(10.0, "United States"), (15.0, "Bolivia")]


def test_spanish_colon_lists_the_rates_of_the_noun_before_it(es):
    # A colon right after a tariff noun opens the list of its rates: the verbs before the colon govern them, so
    # the leader passing the law lays them (not the default imposer); a colon before other words still closes.
    text = ("El presidente de Chile, Gabriel Boric, aprobó una ley que eleva los aranceles: 20 % para el calzado "
            "y 12 % para los juguetes.")
    assert [(t.rate_pct, t.imposer) for t in run(es, text)._.tariffs] == [(20.0, "Chile"), (12.0, "Chile")]
    text = "El presidente de Chile, Gabriel Boric, fue claro en la cumbre: un 20 % de arancel al calzado."
    assert [(t.rate_pct, t.imposer) for t in run(es, text)._.tariffs] == [(20.0, "United States")]


def test_spanish_relative_clause_on_the_tariff_noun_names_its_imposer(es):
    # The subject of a relative clause on the tariff noun lays it, also after its verb as Spanish puts it; a verb of
    # paying has the goods for subject, and a tariff noun past a comma after the rate is another phrase's.
    text = ("En marzo entrarán en vigor los aranceles que aplicará el gobierno chileno a Perú, que llegarán hasta "
            "el 30 %.")
    assert [(t.rate_pct, t.imposer) for t in run(es, text)._.tariffs] == [(30.0, "Chile")]
    text = "Los exportadores temen que suba el arancel del 8 % que cobra Ecuador a las flores colombianas."
    assert [(t.rate_pct, t.imposer) for t in run(es, text)._.tariffs] == [(8.0, "Ecuador")]
    text = "Perú subirá al 40 % los derechos al acero, en línea con los aranceles que aplica Chile."
    assert [(t.rate_pct, t.imposer) for t in run(es, text)._.tariffs] == [(40.0, "Peru")]


def test_spanish_plan_of_a_country_to_lay_tariffs_is_that_country_s(es):
    # "el plan de Perú para imponer gravámenes": the plan's "de" + country lays them, not the speaker's country;
    # "para" + an infinitive after other words is no plan's.
    text = ("El ministro de Bolivia criticó el plan de Perú para imponer gravámenes de hasta 40 % a los países sin "
            "tratado.")
    assert [(t.rate_pct, t.imposer) for t in run(es, text)._.tariffs] == [(40.0, "Peru")]


def test_spanish_name_after_a_preposition_and_its_article_is_no_subject(es):
    # "procedentes de la Unión Europea y podrán subir al 20 %": the preposition before the article keeps the bloc
    # out of the subject of "podrán"; the government that announced the rates lays both.
    text = ("Perú anunció que sus aranceles subirán al 12 % para los quesos procedentes de la Unión Europea y podrán "
            "subir al 20 % en 2027.")
    assert [(t.rate_pct, t.imposer) for t in run(es, text)._.tariffs] == [(12.0, "Peru"), (20.0, "Peru")]


def test_spanish_name_after_por_is_no_subject(es):
    # "pasan por Panamá": a name after "por" does not impose; "serán gravados" is a future passive.
    doc = run(es, "Trump anunció que los autos japoneses pagarán un arancel del 15 %, mientras que los envíos que "
                  "pasan por Panamá serán gravados con un 30 %.")
    assert [(t.rate_pct, t.imposer, t.status) for t in doc._.tariffs] == [
        (15.0, "United States", "announced"), (30.0, "United States", "announced")]


@pytest.mark.parametrize("text", [
    "El nuevo reglamento impone gravámenes del 18 % a los textiles de países sin acuerdo comercial con Colombia.",
    "La reforma fija un arancel del 18 % a las importaciones de naciones que no tienen un tratado con Colombia.",
    "La nueva norma aplica tasas del 18 % a los productos de países con los que Colombia no tiene tratados.",
])
def test_spanish_goods_of_countries_without_a_deal_pay_the_partner_s_duty(es, text):
    # A duty on the goods of the countries lacking a trade deal with a country is that country's, whatever text
    # lays it down; the default imposer (the United States) is not read.
    assert [(t.rate_pct, t.imposer) for t in run(es, text)._.tariffs] == [(18.0, "Colombia")]


def test_spanish_lead_naming_no_target_gives_its_imposer_to_later_rates(es):
    # The lead states the government and no country hit; the rates of named countries later in the story are that
    # government's, not the default imposer's (a rate's stated targets no longer have to be shared).
    text = ("El gobierno colombiano aplicará aranceles de hasta el 40 % a las importaciones de varios sectores. "
            "La medida fue publicada en el diario oficial. Los autos chinos pagarán un arancel del 30 %.")
    assert [(t.rate_pct, t.imposer, t.targets) for t in run(es, text)._.tariffs] == [
        (40.0, "Colombia", []), (30.0, "Colombia", ["China"])]


def test_spanish_lead_laying_tariffs_without_a_rate_gives_its_imposer(es):
    # The lead names the government laying the tariffs, with no rate; the rates of a later paragraph name no
    # government: they are the lead's ("Perú aplicará ..."), not the default's. A wish about tariffs lays none.
    text = ("Perú subirá desde marzo sus aranceles sobre los bienes que lleguen de países sin tratado. "
            "El decreto fue publicado el lunes. Los gravámenes alcanzarán a los textiles de Vietnam, con tasas "
            "del 10 al 30 por ciento.")
    assert [(t.rate_pct, t.imposer) for t in run(es, text)._.tariffs] == [(10.0, "Peru"), (30.0, "Peru")]
    text = ("Perú pidió que se revisen los aranceles a sus exportaciones. El decreto fue publicado el lunes. "
            "Los gravámenes alcanzarán a los textiles de Vietnam, con tasas del 10 al 30 por ciento.")
    assert "Peru" not in [t.imposer for t in run(es, text)._.tariffs]


def test_spanish_country_goods_are_made_outside_is_no_target(es):
    # "fabricadas fuera de Chile": the goods come from anywhere but Chile; the tariff's other rate, anchored on a
    # tariff noun before that phrase, does not take Chile as its target (nor the story's other country as imposer).
    text = ("Tras semanas de espera, rige ya el 40 % que cobra Lima a las prendas fabricadas fuera de Chile y el 15 % "
            "a los zapatos.")
    assert "Chile" not in [c for t in run(es, text)._.tariffs for c in t.targets]


def test_spanish_level_reached_is_in_effect(es):
    # "alcanzan ahora un 60 %", "llegan al 60 %", "hasta alcanzar niveles del 60 % y 45 %": the level the tariffs
    # stand at, not an agreement reached; a conditional ("habrían alcanzado") is not in force.
    assert records(es, "Según Lima, sus tarifas sobre el calzado chileno alcanzan ya un 60 %.")[0][3] == \
        "in effect"
    assert records(es, "Los gravámenes de Lima a los zapatos chilenos ahora llegan al 60 %.")[0][3] == "in effect"
    assert [r[3] for r in records(es, "Lima y Santiago subieron sus aranceles hasta alcanzar niveles del 60 % y "
                                      "45 %, respectivamente.")] == ["in effect", "in effect"]
    assert records(es, "La tregua evitó aranceles que habrían alcanzado el 60 % para los zapatos chilenos.")[0][3] != \
        "in effect"


@pytest.mark.parametrize("text", [
    # an infinitive of reaching under "ir a", a modal or a wish is a level to come, whatever the tense of the
    # finite verb; only a verb of raising over it ("subieron ... hasta alcanzar") gives where the rate stands
    "Los aranceles de Lima a los zapatos chilenos van a llegar al 60 % en marzo.",
    "Los aranceles de Lima a los zapatos chilenos pueden alcanzar el 60 %.",
    "Los aranceles de Lima a los zapatos chilenos pueden llegar al 60 % si no hay acuerdo.",
    "En Lima quieren llegar al 60 % con los aranceles a los zapatos chilenos.",
])
def test_spanish_level_to_be_reached_is_not_in_effect(es, text):
    found = records(es, text)
    assert found and all(status != "in effect" for *_, status in found)


def test_spanish_rate_opening_a_text_reads_no_word_before_it(es):
    # the word before a rate that opens the text is none, not the last word of the text ("llega", a present)
    found = records(es, "60 % de arancel pagarán los zapatos chilenos en Perú desde marzo, y la mercancía llega")
    assert found and found[0][3] != "in effect"


def test_spanish_european_country_is_not_the_union(es):
    # "el país europeo" names one country of the continent, the story's; the Union's demonym after a noun of one
    # country does not make the EU a target.
    text = ("Noruega y Estados Unidos cerraron un acuerdo comercial que alivia a los exportadores de Noruega. "
            "Washington reducirá los aranceles al país europeo del 30 % al 10 %.")
    assert records(es, text) == [(30.0, "United States", ["Norway"], "previous"),
                                 (10.0, "United States", ["Norway"], "announced")]


def test_spanish_existing_tariff_before_its_rate_is_in_effect(es):
    # "un gravamen existente del 6 %": the adjective between the tariff noun and the rate's "del" says it stands
    # (a new rate is added to it); "los aranceles existentes del 30 % al 12 %" says nothing of the new level.
    assert records(es, "Chile elevará al 40 % sus aranceles al calzado, a los que se añade un gravamen existente "
                       "del 6 %.") == [(40.0, "Chile", [], "announced"), (6.0, "Chile", [], "in effect")]
    assert records(es, "Chile anunció que el calzado peruano verá reducidos los aranceles existentes del 30 % al "
                       "12 %.") == [(30.0, "Chile", [], "previous"), (12.0, "Chile", [], "announced")]


def test_spanish_tax_laid_on_goods_is_a_duty(es):
    # "los impuestos adicionales a productos chilenos": a tax laid on goods as such is a duty on them; the
    # participle after "haber" stays the verb ("ha impuesto a los productos ... un arancel").
    assert records(es, "El gobierno peruano elevó los impuestos adicionales a productos chilenos hasta el 30 %.") == \
        [(30.0, "Peru", ["Chile"], "in effect")]
    assert records(es, "Bolivia ha impuesto a los productos chilenos un arancel del 20 %.") == \
        [(20.0, "Bolivia", ["Chile"], "in effect")]


def test_spanish_ceiling_in_a_tariff_story_is_a_rate(es):
    # A cap that sets the applied rate is a tariff rate (GUIDELINES §4): "el tope será el 12 %", "el tope de 12 %".
    assert records(es, "Los aranceles a la madera no superarán el 8 % para Ottawa, mientras que para Lima y Santiago "
                       "el tope será el 12 %.") == [(8.0, "United States", ["Canada"], "announced"),
                                                    (12.0, "United States", ["Chile", "Peru"], "announced")]
    assert records(es, "Washington bajará sus aranceles. Se aplicará a los vinos el tope de 12% acordado para los "
                       "productos chilenos.") == [(12.0, "United States", ["Chile"], "announced")]
    # not in a story without tariffs
    assert records(es, "El banco fijó un tope del 12 % a los intereses de las tarjetas.") == []


def test_spanish_goods_passing_through_a_country_hit_it(es):
    # Transshipment: the country goods pass through is the target, so a deal story's partner is not its imposer.
    text = ("Washington anunció un pacto con Panamá que fija en 0 % sus aranceles para productos estadounidenses. "
            "El nuevo marco incluye un arancel del 30 % para productos que pasen por Panamá desde terceros países.")
    assert [(t.rate_pct, t.imposer, t.targets) for t in run(es, text)._.tariffs][-1] == (
        30.0, "United States", ["Panama"])
    assert records(es, "Lima cobrará un 30 % sobre las mercancías que se envíen a través de Panamá.") == [
        (30.0, "Peru", ["Panama"], "announced")]


def test_two_clauses_two_imposers(es):
    text = ("Washington bajará su arancel a los zapatos chinos de 40 % a 20 %, mientras que Pekín reducirá el suyo "
            "a la soya estadounidense de 15 % a 5 %.")
    assert records(es, text) == [(40.0, "United States", ["China"], "previous"),
                                 (20.0, "United States", ["China"], "announced"),
                                 (15.0, "China", ["United States"], "previous"),
                                 (5.0, "China", ["United States"], "announced")]


def test_spanish_goods_end_at_a_verb_or_a_date(es):
    doc = run(es, "Canadá eliminó sus contramedidas del 25 % a productos estadounidenses el 1 de septiembre, y los "
                  "aranceles del 25 % a los autos fabricados en México se reducirán.")
    assert [t.products for t in doc._.tariffs] == ["productos", "autos"]


@pytest.mark.parametrize("text, products", [
    ("Ottawa answered the 25 per cent steel and aluminum tariffs imposed by Washington.", "steel and aluminum"),
    ("Trump threatened to hit Canadian goods with an extra 35% tariff.", "goods"),
    ("He went ahead with a 25% tariff covering all goods from Mexico.", "goods"),
    ("The levies come on top of the 25% tariffs that Canada put last month on $30 billion of U.S. imports.",
     "imports"),
    ("Duty rates of 26.47% have been set by the Commerce Department on imports of Canadian softwood lumber.",
     "imports of softwood lumber"),
    ("Brazil protested the order, which doubles the duty its coffee pays to 40%.", "coffee"),
])
def test_english_goods_off_the_parse(en, text, products):
    assert [t.products for t in run(en, text)._.tariffs] == [products]


@pytest.mark.parametrize("text, products", [
    ("Trump decidió gravar con aranceles del 25 % los productos canadienses.", "productos"),
    ("Bruselas responde a los aranceles del 25 % que Estados Unidos impone a las compras de acero.",
     "compras de acero"),
    ("Los productos que lleguen de Japón pagarán aranceles del 15 %.", "productos"),
    ("Según Ottawa, los camiones, los autobuses y las autopartes mantendrán aranceles del 10 %.",
     "camiones, autobuses y autopartes"),
])
def test_spanish_goods_of_the_clause(es, text, products):
    assert [t.products for t in run(es, text)._.tariffs] == [products]


def test_spanish_goods_that_pay(es):
    doc = run(es, "Pekín cobrará un arancel del 100 % al aceite de colza, mientras que la carne de cerdo y los "
                  "productos pesqueros canadienses pagarán un gravamen del 25 %.")
    assert [(t.rate_pct, t.imposer, t.products) for t in doc._.tariffs] == [
        (100.0, "China", "aceite de colza"), (25.0, "China", "carne de cerdo y productos pesqueros")]


def test_spelled_out_rates_and_products(en):
    doc = run(en, "Ottawa imposed twenty-five per cent tariffs on US steel, aluminum and appliances.")
    [record] = doc._.tariffs
    assert (record.rate_pct, record.imposer, record.targets) == (25.0, "Canada", ["United States"])
    assert record.products == "steel, aluminum and appliances"


def test_non_tariff_percentages_make_no_record(en):
    assert records(en, "Tariffs pushed consumer prices up 3% and exports fell 2 percent.") == []


@pytest.mark.parametrize("text, expected", [
    ("Estados Unidos impuso aranceles del 25 % a los productos mexicanos y canadienses.",
     [(25.0, "United States", ["Canada", "Mexico"], "in effect")]),
    ("Trump anunció un gravamen de 50 por ciento al acero de Canadá.",
     [(50.0, "United States", ["Canada"], "announced")]),
    # A past verb of raising says the new level is in force, as "was raised to 40%" does in English
    # (tests/corpus/GUIDELINES.md §4: announced is "not yet said to be in force").
    ("EE.UU. elevó del 25 al 50 % los aranceles al aluminio mexicano.",
     [(25.0, "United States", ["Mexico"], "previous"), (50.0, "United States", ["Mexico"], "in effect")]),
    ("EE.UU. elevará del 25 al 50 % los aranceles al aluminio mexicano.",
     [(25.0, "United States", ["Mexico"], "previous"), (50.0, "United States", ["Mexico"], "announced")]),
    # The subject of the verb that governs the tariff acts, through a verb of saying and "que".
    ("Canadá informó que aplicará un arancel de 100 por ciento a los autos eléctricos fabricados en China.",
     [(100.0, "Canada", ["China"], "announced")]),
    ("El Ministerio de Comercio chino anunció que desde el 20 de marzo cobrará un arancel del 100 % al aceite "
     "de colza canadiense.", [(100.0, "China", ["Canada"], "announced")]),
    ("Según la Casa Blanca, los aranceles de 25 % a México quedan suspendidos durante un mes.",
     [(25.0, "United States", ["Mexico"], "paused")]),
    ("Trump dijo que podría imponer aranceles de 30 % a la Unión Europea.",
     [(30.0, "United States", ["European Union"], "threatened")]),
    ("A diferencia de Brasil, México enfrenta un arancel de 25 % en los productos que no cumplen el T-MEC.",
     [(25.0, "United States", ["Mexico"], "in effect")]),
    # A relative clause on the rate is its own verb; a plan's "de" + infinitive is the plan's.
    ("El arancel a Vietnam será menor que el 40 % con el que Washington había amenazado.",
     [(40.0, "United States", ["Vietnam"], "threatened")]),
    ("Ottawa critica la decisión de Pekín de imponer a la canola canadiense un arancel del 75 %.",
     [(75.0, "China", ["Canada"], "announced")]),
    # A conditional under a verb of saying is the future of the past; escaping a tariff leaves it a threat.
    ("Trump dijo que Corea del Sur pagaría un arancel del 15 % tras el acuerdo.",
     [(15.0, "United States", ["South Korea"], "announced")]),
    ("Con el acuerdo, Vietnam ha evitado el gravamen del 46 % que le exigía Estados Unidos.",
     [(46.0, "United States", ["Vietnam"], "threatened")]),
    # "y" before a new subject and its verb opens a clause of its own; goods end at a clitic or a date.
    ("Washington bajará del 145 % al 30 % sus gravámenes a los productos chinos y Pekín reducirá del 125 % al "
     "10 % los suyos.", [(145.0, "United States", ["China"], "previous"), (30.0, "United States", ["China"],
                                                                         "announced"),
                         (125.0, "China", [], "previous"), (10.0, "China", [], "announced")]),
    # A verb of imposing lays the rate that follows it; its object comes after a rate brought by "con".
    ("Trump dijo que gravará con un 25 % las importaciones mexicanas y con un 10 % las chinas.",
     [(25.0, "United States", ["Mexico"], "announced"), (10.0, "United States", ["China"], "announced")]),
    # A rate set against another ("por encima del 25 % actual") replaces it.
    ("Canadá pagará un arancel del 35 %, por encima del 25 % que rige ahora.",
     [(35.0, "United States", ["Canada"], "announced"), (25.0, "United States", ["Canada"], "previous")]),
    # Who is paid collects the duty.
    ("Suiza pagará a Estados Unidos un arancel del 39 %.", [(39.0, "United States", ["Switzerland"], "announced")]),
    ("La Unión Europea suspendió sus aranceles de 25 % a productos estadounidenses.",
     [(25.0, "European Union", ["United States"], "paused")]),
    ("México enfrenta aranceles de 30 % de EE.UU. fuera del T-MEC.",
     [(30.0, "United States", ["Mexico"], "in effect")]),
    # "entre" is a preposition unless "en" follows; a range set off by commas leaves the noun its phrase; a
    # list after "entre ellos" may hold one country.
    ("Brasil cobrará tarifas más altas, de entre el 10 % y el 40 %, a los autos de países sin tratado, entre "
     "ellos Japón.", [(10.0, "Brazil", ["Japan"], "announced"), (40.0, "Brazil", ["Japan"], "announced")]),
    # A verb of cutting or raising leaves behind the rate of the tariff it governs; "antes era del" too.
    ("Ottawa aceptó reducir su arancel del 60 % a los barcos coreanos.",
     [(60.0, "Canada", ["South Korea"], "previous")]),
    ("El acuerdo baja al 10 % el arancel a los quesos suizos, que antes era del 39 %.",
     [(10.0, "United States", ["Switzerland"], "announced"), (39.0, "United States", ["Switzerland"],
                                                              "previous")]),
    # The countries of the goods that pay a duty are its targets.
    ("Washington informó que las importaciones brasileñas pagarán un arancel del 50 %.",
     [(50.0, "United States", ["Brazil"], "announced")]),
    # A rate in a relative clause opened by "a" + "que" is laid on what the relative stands for.
    ("Ottawa gravará con un 25 % los autos de Japón y Corea del Sur, salvo las motos coreanas, a las que se "
     "cobrará un arancel del 5 %.", [(25.0, "Canada", ["Japan", "South Korea"], "announced"),
                         (5.0, "Canada", ["South Korea"], "announced")]),
])
def test_spanish_rules_over_tokens(es, text, expected):
    assert records(es, text) == expected


def test_records_point_at_the_rate(en):
    text = "Brussels approved 38% duties on Chinese electric cars."
    [record] = run(en, text)._.tariffs
    assert text[record.start:record.end] == "38%"
    assert record.imposer == "European Union" and record.targets == ["China"]
    assert record.sentence == text


def test_score_method(en):
    # the scorer's wiring, on a sentence whose status is plain: a duty charged now is in effect
    text = "Ottawa now charges 25% duties on US steel."
    predicted = run(en, text)
    reference = en.make_doc(text)
    reference._.tariffs = [Tariff(25.0, "Canada", ["United States"], "steel", "in effect", 19, 22, text)]
    scores = en.get_pipe("tradewire_tariffs").score([Example(predicted, reference)])
    assert scores["tariffs_f"] == 1.0
    assert scores["tariffs_status_acc"] == 1.0


@pytest.mark.parametrize("text, expected", [
    # The subject of a verb of imposing, through the verbs that control it.
    ("President Donald Trump is set to impose 25 per cent tariffs on Canada on Tuesday.",
     [(25.0, "United States", ["Canada"], "announced")]),
    ("Ottawa hit back with a 25 per cent duty on around C$30 billion of US exports.",
     [(25.0, "Canada", ["United States"], "in effect")]),
    # Who answers a tariff is its target; whose verb of receiving, too.
    ("Canada will answer the new 25% U.S. tariffs with equivalent duties of its own.",
     [(25.0, "United States", ["Canada"], "announced")]),
    ("Chinese goods entering the country will be subject to a 30% levy.",
     [(30.0, "United States", ["China"], "announced")]),
    ("Coffee from Brazil was exempted from the 40% additional tariff.",
     [(40.0, "United States", ["Brazil"], "removed")]),
    ("Trump threatened a 30 percent duty on Mexican imports starting Aug. 1.",
     [(30.0, "United States", ["Mexico"], "threatened")]),
    # A range keeps both ends; a change leaves the first one behind.
    ("Mexico's tariffs on Chinese goods range from 10% to 50%.",
     [(10.0, "Mexico", ["China"], "announced"), (50.0, "Mexico", ["China"], "announced")]),
    # "among them" lists the targets, as "including" does.
    ("Mexico will charge 30% tariffs on cars from countries without a trade deal, among them India.",
     [(30.0, "Mexico", ["India"], "announced")]),
    # "provided" opens a condition, not a clause on the tariff.
    ("U.S. goods will stop facing Canada's 25% tariffs provided they comply with CUSMA.",
     [(25.0, "Canada", ["United States"], "removed")]),
    # A verb of raising or cutting leaves behind the rate of the tariff it has for object.
    ("Canada agreed to cut its 100% tariff on Chinese electric vehicles.",
     [(100.0, "Canada", ["China"], "previous")]),
])
def test_english_arguments_from_the_clause(en, text, expected):
    assert records(en, text) == expected


def test_the_story_names_the_acting_government(en):
    # "Mexican lawmakers voted for ... tariffs" names no rate, but says who acts in the sentences after it.
    text = ("Mexican lawmakers voted for a measure raising tariffs on goods from China. "
            "The rates run from 10% to 50%.")
    assert records(en, text) == [(10.0, "Mexico", ["China"], "announced"), (50.0, "Mexico", ["China"], "announced")]


def test_we_in_a_quotation_is_the_speakers_government(en):
    text = '"We will put a 25% tariff on U.S. steel," Prime Minister Mark Carney said.'
    assert records(en, text) == [(25.0, "Canada", ["United States"], "announced")]


@pytest.mark.parametrize("text, products", [
    ("Ottawa hit back with a 25 per cent duty on around C$30 billion of US exports.", "exports"),
    ("Canola oil, which faces a 100 per cent tariff, was not mentioned.", "Canola oil"),
    ("The 25% tariff takes effect on Tuesday.", None),
    ("Beijing lifted its 15% tariff on American soybeans and pork on Monday.", "soybeans and pork"),
])
def test_products_are_the_goods_phrase_or_nothing(en, text, products):
    [record] = run(en, text)._.tariffs
    assert record.products == products


def test_dumping_margins_are_the_rates_of_the_ministry_that_found_them(en):
    # An anti-dumping duty is set at the margin found; "the ministry" is the one a story named with its country.
    text = ("Japan's Ministry of Finance opened an inquiry into welded pipes from Korea. "
            "The ministry then set provisional duties, with dumping margins of 12.5 percent for Korean mills.")
    assert [(rate, imposer) for rate, imposer, *_ in records(en, text)] == [(12.5, "Japan")]
    said = "The final dumping margins run from 8 percent to 11 percent, Japan's Ministry of Finance said."
    assert [(rate, imposer) for rate, imposer, *_ in records(en, said)] == [(8.0, "Japan"), (11.0, "Japan")]
    assert records(en, "The company's profit margins fell to 8 percent.") == []


@pytest.mark.parametrize("text, expected", [
    # A proposal that is cut or raised is still a proposal: its new level is announced (GUIDELINES §4).
    ("Proposed tariff rates on Chinese steel were lowered to 20%.",
     [(20.0, "United States", ["China"], "announced")]),
    ("The tariff rates had been cut from an initially proposed 50 percent to 20 percent for most goods from China.",
     [(50.0, "United States", ["China"], "previous"), (20.0, "United States", ["China"], "announced")]),
    # A cut told in the past, of no proposal, has happened.
    ("The tariff rates had been cut from 50 percent to 20 percent for most goods from China.",
     [(50.0, "United States", ["China"], "previous"), (20.0, "United States", ["China"], "in effect")]),
])
def test_a_proposal_changed_stays_a_proposal(en, text, expected):
    assert records(en, text) == expected


def test_english_story_imposer_reaches_two_sentences_back(en):
    # A rate silent on its imposer and its targets takes the government acting up to two sentences before it;
    # farther back the story may have moved on, and the default stands (Spanish, read without a parse, looks
    # through the whole story).
    near = ("The United States put a 25% tariff on Canadian lumber. China's commerce ministry said it would impose "
            "duties on some goods. Officials in Ottawa protested. A separate 10% tariff is due in May.")
    assert [(rate, imposer) for rate, imposer, *_ in records(en, near)] == [(25.0, "United States"), (10.0, "China")]
    far = ("The United States put a 25% tariff on Canadian lumber. China's commerce ministry said it would impose "
           "duties on some goods. Officials in Ottawa protested. Markets fell. A separate 10% tariff is due in May.")
    assert [(rate, imposer) for rate, imposer, *_ in records(en, far)] == [(25.0, "United States"),
                                                                          (10.0, "United States")]


def test_the_noun_a_rate_qualifies_says_its_status_too(en):
    # "the previously threatened 20% rate": the rate's own noun is no tariff noun, its modifier still says what the
    # rate was (the 25% is the clause's tariff, announced).
    text = "Ottawa's new 25% tariff on US steel is higher than the previously threatened 20% rate."
    assert records(en, text) == [(25.0, "Canada", ["United States"], "announced"),
                                 (20.0, "Canada", ["United States"], "threatened")]


@pytest.mark.parametrize("text, status", [
    # A participle that says what the tariff is about has no tense of the tariff's: the threat governs it.
    ("Washington kept threatening an additional 20 percent duty linked to Iranian oil purchases.", "threatened"),
    # A participle of imposing on the tariff tells that it was put in place.
    ("The 10% tariff imposed on Canadian lumber took effect in March.", "in effect"),
])
def test_a_participle_of_relation_tells_no_tense(en, text, status):
    [record] = records(en, text)
    assert record[3] == status


def test_what_a_tariff_is_about_is_neither_its_target_nor_its_goods(en):
    # "linked to Iranian oil purchases" says why the duty is levied; the goods it hits are India's.
    text = "Washington threatened an additional 20 percent duty on Indian goods linked to Iranian oil purchases."
    [record] = run(en, text)._.tariffs
    assert (record.targets, record.products) == (["India"], "goods")
    text = "Washington kept threatening an additional 20 percent duty linked to Iranian oil purchases."
    [record] = run(en, text)._.tariffs
    assert (record.targets, record.products) == ([], None)


def test_a_government_saying_a_rate_is_not_its_imposer(en):
    # A ministry publishes the rates its government sets; a government or its officials speak of either side's.
    said = "Korean officials said the 15% duty on cars would stay in place."
    assert [(rate, imposer) for rate, imposer, *_ in records(en, said)] == [(15.0, "United States")]
    ministry = "The duties on Korean pipes run from 8 percent to 11 percent, Japan's Ministry of Finance said."
    assert [(rate, imposer) for rate, imposer, *_ in records(en, ministry)] == [(8.0, "Japan"), (11.0, "Japan")]


@pytest.mark.parametrize("text, imposer", [
    # The country a "to" phrase on a word of sending goods names buys them and charges the duty.
    ("Beyond the quota, aluminium exporters to Canada would owe a 20% tariff.", "Canada"),
    ("Parts made elsewhere face a 40% tariff if they pass through Chile on their shipment to Japan.", "Japan"),
])
def test_the_country_goods_are_sent_to_charges_the_duty(en, text, imposer):
    assert [found for _, found, *_ in records(en, text)] == [imposer]


def test_letters_sent_to_a_country_do_not_make_it_the_buyer(en):
    # "send letters to X setting a 20% tariff": a clause of its own under "send" lays the rate; what is sent is the
    # notice, so X is the target, not the country that buys goods and charges the duty.
    text = "Trump said he would send letters to Peru and Chile setting a 20% tariff on their copper from June."
    assert records(en, text) == [(20.0, "United States", ["Chile", "Peru"], "announced")]
    # goods shipped to a country still name it as the buyer
    text = "Chilean growers who ship grapes to Peru will pay a 20% tariff from June."
    assert [imposer for _, imposer, *_ in records(en, text)] == ["Peru"]


def test_a_rise_a_measure_prevents_is_held_back_as_a_pause(en):
    # "prevents ... from rising to 45%": the rise does not come while the measure holds (GUIDELINES §4: paused).
    text = "The truce prevents Chilean duties on Argentine beef from rising to 45% this year."
    assert records(en, text) == [(45.0, "Chile", ["Argentina"], "paused")]


def test_a_tariff_that_keeps_others_from_acting_is_not_held_back(en):
    # The tariff is the subject of "keeps ... from": it does the holding back, and is no pause of its own.
    text = "The 20% Peruvian duty on Chilean wine keeps small wineries from selling in Lima, growers said on Monday."
    assert records(en, text) == [(20.0, "Peru", ["Chile"], "in effect")]


def test_a_government_that_ratifies_tariffs_acts_in_the_story(en):
    # Ratifying or enacting tariffs is laying them, as approving or passing them is.
    text = ("Peru's Congress passed the bill on Monday. President Ana Ruiz will ratify the tariffs on Friday. "
            "The rates run from 10% to 30% for most goods.")
    assert [(rate, imposer) for rate, imposer, *_ in records(en, text)] == [(10.0, "Peru"), (30.0, "Peru")]


def test_a_noun_of_change_leaves_the_rate_after_from_behind(en):
    # "the reduction ... to 12% from 25%": the rate the change leaves, as after "reduce ... to 12% from 25%".
    text = "The reduction of Chilean duties on Argentine beef to 12% from 25% starts on Monday."
    assert [(rate, status) for rate, _, _, status in records(en, text)] == [(12.0, "announced"), (25.0, "previous")]


def test_a_rate_applied_retroactively_is_in_force(en):
    # A rate that applies from a date already past is in force (GUIDELINES §4), though its verb is a future.
    text = "Chilean duties on Argentine beef will drop to 12%, retroactively from March 3."
    assert records(en, text) == [(12.0, "Chile", ["Argentina"], "in effect")]


def test_a_rate_said_not_to_be_retroactive_is_not_in_force(en):
    # Negated, "retroactive" says the rate waits for its own date: a future rate stays announced.
    text = "Lima said its 20% duty on Chilean wine would not be retroactive and would apply only from June."
    assert records(en, text) == [(20.0, "Peru", ["Chile"], "announced")]


def test_brackets_pair_a_rate_with_its_country(en):
    # In a list of deals the brackets bind a rate to the country they follow, or a country to the rate it follows;
    # the clause's verb is the deal's, so the story's country is no target of these rates.
    text = ("Norwegian exporters fear rivals will gain, as Peru (30 per cent to 12 per cent) and Chile (12 per cent) "
            "struck deals, and others negotiated tariffs of 8 percent (Britain) and 9 percent (Ecuador).")
    assert [(rate, targets) for rate, _, targets, _ in records(en, text)] == [
        (30.0, ["Peru"]), (12.0, ["Peru"]), (12.0, ["Chile"]), (8.0, ["United Kingdom"]), (9.0, ["Ecuador"])]


def test_a_country_list_before_bracketed_rate_shares_it(en):
    text = "Others facing heavy US duties are Peru (35%), Chile and Norway (50%)."
    assert [(rate, targets) for rate, _, targets, _ in records(en, text)] == [
        (35.0, ["Peru"]), (50.0, ["Chile", "Norway"])]


@pytest.mark.parametrize("text, expected", [
    # The level a tariff stands "at", said to be the current one, is in force ...
    ("With wine tariffs currently at 22.5%, Chilean growers expect a hard year.", "in effect"),
    ("The ruling would double the current Peruvian duty on Chilean salmon, which is set at 6.12 percent.", "in effect"),
    # ... not a new level a verb of change sets, however current the tariff it changes.
    ("Lima will raise the current duty on Chilean salmon to 12 percent next month.", "announced"),
])
def test_current_level_a_tariff_stands_at_is_in_force(en, text, expected):
    assert [status for _, _, _, status in records(en, text)][-1] == expected


@pytest.mark.parametrize("text, expected", [
    # A present passive with the rate as its "at" level says where the tariff stands now ...
    ("The duty on Peruvian grapes is set at 11.25 percent.", "in effect"),
    # ... a future one, or one under a future, where it will stand.
    ("Under the deal, Peruvian exports will be taxed at 12%.", "announced"),
    ("The deal will mean Peruvian exports are taxed at 12%.", "announced"),
])
def test_present_passive_level_is_in_force(en, text, expected):
    assert [status for _, _, _, status in records(en, text)] == [expected]


def test_a_baseline_rate_of_a_country_s_deal_keeps_its_country(en):
    # "baseline" names the general level a country's deal or order builds on, not a rate on every country: the
    # story's country stays the target; "universal" still says worldwide.
    text = ("Peru struck a deal with Washington on Monday. Its wine now pays a further 30% duty on top of the "
            "baseline 10% tariff charged on Peruvian goods.")
    assert [(rate, targets) for rate, _, targets, _ in records(en, text)] == [(30.0, ["Peru"]), (10.0, ["Peru"])]
    text = "Peru struck a deal with Washington on Monday. Trump kept a universal 10% baseline tariff in place."
    assert [(rate, targets) for rate, _, targets, _ in records(en, text)] == [(10.0, [])]


@pytest.mark.parametrize("text", [
    # A rate obtained in talks is agreed, not yet said to be collected: announced, whatever the verb's tense.
    "Chile and Peru negotiated tariffs of 12 percent on their wine.",
    "Norway agreed to a flat 9% tariff on its salmon.",
])
def test_a_rate_obtained_in_talks_is_announced(en, text):
    assert {status for _, _, _, status in records(en, text)} == {"announced"}


def test_a_rate_that_goes_on_after_an_agreement_stays_in_force(en):
    text = "Lima agreed to extend the truce, so Chilean wine will continue to pay a 12% tariff."
    assert [status for _, _, _, status in records(en, text)] == ["in effect"]


def test_a_rate_left_for_a_level_down_to_another_is_the_previous_one(en):
    # "from X% down to Y%" is a change whatever stands between "from" and X; "from X% to Y%" alone may be a range.
    text = "The new pact sees Chilean duties on Peruvian wine fall from a steep 40% down to 12%."
    assert [(rate, status) for rate, _, _, status in records(en, text)] == [(40.0, "previous"), (12.0, "announced")]


@pytest.mark.parametrize("text, expected", [
    # The tariff's own clause tells when it was laid; the verb over it still removes it ...
    ("Chile will lift the 25% duty it imposed on Peruvian wine.", "removed"),
    ("As part of the pact, Lima will rescind the 12 percent levy that it placed on Bolivian quinoa in 2024.", "removed"),
    # ... unless that verb is refused, and with no verb of removing the own clause decides.
    ("Chile refused to lift the 25% duty it imposed on Peruvian wine.", "in effect"),
    ("The 25% tariffs that Chile imposed on Peruvian wine in March remain.", "in effect"),
])
def test_a_removed_tariff_with_a_clause_of_its_own_is_removed(en, text, expected):
    assert [status for _, _, _, status in records(en, text)] == [expected]


@pytest.mark.parametrize("text, expected", [
    # A plan told in the past ("was going to", "was set to", "had planned to") is one that did not come: a threat
    # (GUIDELINES §4) ...
    ("The deal is far better than the 30 percent duty that Lima was going to slap on Chilean wine in June.",
     "threatened"),
    ("Lima had earlier planned to levy a 30% tariff on Chilean wine starting in June.", "threatened"),
    # ... a plan in the present still comes (announced), and a past hope is no plan.
    ("Lima is set to levy a 30% tariff on Chilean wine in June.", "announced"),
    ("Chilean negotiators had expected to secure a 10% tariff on their wine.", "announced"),
])
def test_a_plan_told_in_the_past_is_a_threat(en, text, expected):
    assert [status for _, _, _, status in records(en, text)] == [expected]


@pytest.mark.parametrize("text, expected", [
    # The level a verb of raising or cutting acts on is the one it leaves, whether the tariff noun carries the
    # rate or a noun of level holds it after "of" ...
    ("Lima will charge a 40% tariff on Chilean wine, doubling the figure of 20 percent it announced in May.",
     [(40.0, "announced"), (20.0, "previous")]),
    # ... and "cut in half" halves the tariff it names.
    ("Lima on Monday cut in half the 30 percent tariff it had set on Chilean wine.", [(30.0, "previous")]),
    # A level the change reaches is the new one.
    ("Lima raised its tariffs on Chilean wine to a rate of 20 percent.", [(20.0, "in effect")]),
])
def test_the_level_a_change_acts_on_is_the_previous_one(en, text, expected):
    assert [(rate, status) for rate, _, _, status in records(en, text)] == expected


def test_a_kept_tariff_with_a_clause_of_its_own_is_in_force(en):
    # The verb over the tariff keeps it on; its own clause only says when it was first announced.
    text = "The new accords maintain Chilean tariffs announced in May, 12% for Peru and Bolivia."
    assert [status for _, _, _, status in records(en, text)] == ["in effect"]


def test_a_country_list_after_a_is_what_respective_rates_hit(es):
    # The list is the verb's object: the subject lays both rates, each on its country.
    assert records(es, "Perú impuso aranceles a Chile y Bolivia del 25 % y 10 %, respectivamente.") == [
        (25.0, "Peru", ["Chile"], "in effect"), (10.0, "Peru", ["Bolivia"], "in effect")]


def test_a_bracketed_rate_after_the_agent_of_by_does_not_make_it_a_target(en):
    # "by Peru (25%)": Peru lays the rate; the brackets do not name whom it hits.
    found = records(en, "Tariffs imposed by Peru (25%) and Bolivia (10%) on Chilean wine have hurt exports.")
    assert [r[0] for r in found] == [25.0, 10.0]
    assert all(r[2] == ["Chile"] for r in found)


@pytest.mark.parametrize("text, expected", [
    ("A partir de hoy, Perú estudiará un arancel del 30 % al vino chileno.", "announced"),
    ("Desde hoy, Perú negocia con Chile un arancel del 10 % al vino.", "announced"),
    ("A partir de hoy, Perú cobrará un arancel del 30 % al vino chileno.", "in effect"),
])
def test_a_start_today_is_in_force_only_when_the_verb_charges(es, text, expected):
    [record] = records(es, text)
    assert record[3] == expected


@pytest.mark.parametrize("text, expected", [
    ("Ecuador dejó sin efecto la exención del arancel del 15 % para el cacao boliviano.", "in effect"),
    ("Ecuador no dejará sin efecto el arancel del 15 % al cacao boliviano.", "in effect"),
    ("Ecuador no cesará de cobrar el arancel del 15 % al cacao boliviano.", "in effect"),
    ("Ecuador nunca eliminó el arancel del 15 % al cacao boliviano.", "in effect"),
    ("Ecuador dejó sin efecto el arancel del 15 % al cacao boliviano.", "removed"),
    ("Ecuador eliminará el arancel del 15 % al cacao boliviano.", "removed"),
])
def test_an_ending_verb_removes_the_tariff_only_when_it_ends_it(es, text, expected):
    # Voiding an exemption lets the tariff apply; a negated ending keeps it.
    [record] = records(es, text)
    assert record[3] == expected


def test_a_deal_relative_closed_by_a_comma_and_a_new_subject_leaves_the_conditional_a_threat(es):
    # The relative ends at the comma: the conditional is the main clause's, a threat.
    [record] = records(es, "Sin el pacto que discuten, Ecuador impondría un arancel del 35 % al cacao boliviano.")
    assert record[3] == "threatened"
    [record] = records(es, "Ecuador y Bolivia firmaron un pacto que reduciría los aranceles al 12 % para el cacao.")
    assert record[3] == "announced"


def test_a_pronominal_rise_with_a_start_to_come_is_announced(es):
    # "se elevan al 31 %" is the level the duties stand at, unless the clause puts the step ahead.
    [record] = records(es, "Los aranceles a los quesos bolivianos se elevan al 27 % el próximo martes.")
    assert record[3] == "announced"
    [record] = records(es, "Los aranceles a los quesos bolivianos, que en total se elevan al 27 %, pesan en Quito.")
    assert record[3] == "in effect"


@pytest.mark.parametrize("text, expected", [
    ("La medida, en vigor desde abril, impone un arancel del 18 % al cacao boliviano.", "in effect"),
    ("La ley de 2019 impone un arancel del 18 % al cacao boliviano.", "in effect"),
    ("La medida, que entrará en vigor en abril, impone un arancel del 18 % al cacao boliviano.", "announced"),
    ("El pacto establece un arancel del 18 % al cacao boliviano.", "announced"),
])
def test_a_text_said_to_be_in_force_charges_what_it_provides(es, text, expected):
    [record] = records(es, text)
    assert record[3] == expected


@pytest.mark.parametrize("text", [
    "Ecuador's levies on Bolivian cocoa range from 35% down to 8%, depending on the grade.",
    "Levies on cocoa from Bolivia run 35% down to 8%, depending on the grade.",
])
def test_a_range_down_to_a_rate_is_no_change(en, text):
    # No verb or noun of change over the rate, or "from" not its own: a range, both ends stand.
    found = records(en, text)
    assert [r[0] for r in found] == [35.0, 8.0] and "previous" not in [r[3] for r in found]


def test_now_with_a_future_is_the_next_step_not_the_standing_rate(en):
    [record] = records(en, "Ecuador will now charge levies at 35% on Bolivian cocoa.")
    assert record[3] == "announced"
    [record] = records(en, "The current 35% levy on Bolivian cocoa will be raised next year.")
    assert record[3] == "in effect"


@pytest.mark.parametrize("text, expected", [
    ("Customs obtained $3 billion from the 35% levy on Bolivian cocoa last year.", "in effect"),
    ("Bolivian growers secured better prices despite the 35% levy on their cocoa.", "in effect"),
    ("Bolivia negotiated a 14% levy on its cocoa with Ecuador.", "announced"),
    ("Bolivia agreed to a flat 14% levy on its cocoa.", "announced"),
])
def test_a_verb_of_obtaining_agrees_a_rate_only_when_the_tariff_is_what_it_gets(en, text, expected):
    [record] = records(en, text)
    assert record[3] == expected


def test_the_agent_of_a_verb_of_obtaining_got_the_rate(en):
    # "the 12% rates secured by Peru and Chile": the agent of secure / win / negotiate is the side that got the
    # rate, its target, not the government laying it; the rates around it keep the story's imposer.
    text = "The new 18% tariff is higher than the 12% rates secured by Peru and Chile in their talks with Washington."
    found = records(en, text)
    assert (12.0, "United States", ["Chile", "Peru"], "announced") in found
    assert all(imposer == "United States" for _, imposer, *_ in found)
    # the agent of a verb of imposing still lays it
    assert [imposer for _, imposer, *_ in records(en, "The 12% duties imposed by Peru hit Chilean wine.")] == ["Peru"]


@pytest.mark.parametrize("text, imposer, targets", [
    # "X imports from Y", "X imports of goods": X buys the goods and charges the duty, Y is hit.
    ("Peru imports from Bolivia have paid a 12% rate since May.", "Peru", ["Bolivia"]),
    ("A 40% tariff on Chile imports of copper starts in June, the order says.", "Chile", []),
    # "from" a rate or a day is a change or a start, not a source: the country is the goods' origin
    ("Bogota will raise tariffs on Peru imports from 10% to 30%.", "Colombia", ["Peru"]),
])
def test_the_country_whose_imports_come_from_elsewhere_charges_the_duty(en, text, imposer, targets):
    found = records(en, text)
    assert found and all(record[1:3] == (imposer, targets) for record in found)


@pytest.mark.parametrize("text, imposer, targets", [
    # the clause's own subject lays the duty on the other country's goods
    ("Peru imposed a 15% tariff on Chile imports from Valparaiso last spring.", "Peru", ["Chile"]),
    ("Bolivia will impose a 30% duty on Peru imports of quinoa and tin from July.", "Bolivia", ["Peru"]),
    ("Ecuador doubled the 20% duty on Peru imports of quinoa.", "Ecuador", ["Peru"]),
])
def test_a_stated_imposer_beats_the_country_whose_imports_a_phrase_names(en, text, imposer, targets):
    found = records(en, text)
    assert found and all(record[1:3] == (imposer, targets) for record in found)


def test_the_ministry_stating_a_rate_beats_the_country_whose_imports_a_phrase_names(en):
    text = "A 20% tariff on Chile imports of grapes takes effect on Friday, the Peruvian trade ministry said."
    found = records(en, text)
    assert found and all(record[1] == "Peru" for record in found)


@pytest.mark.parametrize("text", [
    "Lawmakers voted for levies of 10% to 30% on 900 goods from nations lacking trade agreements with Peru.",
    "The new 25% tariffs hit goods from countries that have no free trade deal with Peru.",
])
def test_a_duty_on_countries_without_a_deal_with_a_country_is_that_countrys(en, text):
    # A deal lowers the partners' duties; the others pay the country's own, whatever body lays it down.
    found = records(en, text)
    assert found and all(imposer == "Peru" for _, imposer, *_ in found)


@pytest.mark.parametrize("text", [
    "A 30% tariff on Bolivian tin is not part of the deal with Peru, officials said on Friday.",
    "The 30% duty on Bolivian tin does not appear in the pact with Peru, officials said on Friday.",
])
def test_a_negation_not_on_the_deal_names_no_country_lacking_it(en, text):
    # "not part of the deal with Peru" denies the rate's place in the deal, not a deal: Peru lays nothing
    found = records(en, text)
    assert found and all(imposer != "Peru" for _, imposer, *_ in found)


def test_the_country_a_partner_noun_names_is_the_other_party(en):
    # "imports from dozens of Peruvian trading partners": Peru is the one they trade with, not the goods' origin.
    text = "Under the decree Lima charges 8 to 20 per cent on imports from a dozen Peruvian trading partners."
    found = records(en, text)
    assert found and all(record[1] == "Peru" and "Peru" not in record[2] for record in found)


@pytest.mark.parametrize("text, targets", [
    # a noun of countries said of a great number ("dozens of", "multiple"), past its compounds: everyone is hit,
    # not the country the story is about
    ("Lima set tariffs of 5% to 20% on imports from dozens of Peruvian trading partners.", []),
    ("A decree from Lima puts duties of 5% to 20% on imports from multiple countries.", []),
    # one named with them is hit with the rest (the corpus writes "all countries (incl. Chile)")
    ("Lima imposed tariffs of up to 20% on steel from Chile and other trading partners.", ["Chile"]),
])
def test_a_rate_on_many_countries_names_no_target(en, text, targets):
    found = records(en, "Bolivian exporters fear the worst, Bolivia's ministers say. " + text)
    assert found and all(record[2] == targets for record in found)


def test_and_before_a_new_subject_and_verb_starts_a_clause(en):
    # "..., and Lima might have answered with its own levies": "and" with a subject and a verb of
    # its own starts a clause, as "y Pekín reducirá" does in Spanish; its government and its tariff noun say
    # nothing of the rate of the clause before.
    text = ("If the talks had failed, Chile might have lifted its duties on Peruvian imports from a steep 30%, "
            "and Lima might have answered with higher levies of its own on Chilean wine sold in Peru.")
    [(rate, imposer, targets, _)] = records(en, text)
    assert (rate, targets) == (30.0, ["Peru"]) and imposer != "Peru"


def test_a_negated_verb_whose_object_is_the_deal_says_a_country_lacks_it(en):
    found = records(en, "Under the bill, 30% tariffs fall on goods of states that do not have a trade agreement "
                        "with Peru, Bolivia among them.")
    assert found and all(imposer == "Peru" for _, imposer, *_ in found)


@pytest.mark.parametrize("text", [
    # the goods past the quota pay the rate of the government whose quotas the story named before
    "Lima will halve its tariff rate quotas on Bolivian copper from March. Any copper above that ceiling "
    "will pay a 40% duty.",
    "Peru's trade ministry proposed cutting the wheat quotas by a third. Wheat shipments exceeding the quotas "
    "would face an 18 percent levy.",
    # the quota noun of the rate's own sentence, qualified by its country
    "Shipments of zinc beyond the Peruvian quota will be charged 22 per cent from May.",
])
def test_a_rate_on_goods_past_a_quota_is_the_quota_setters(en, text):
    found = records(en, text)
    assert found and all(record[1] == "Peru" for record in found)


def test_a_quota_rate_keeps_the_targets_of_the_first_rate_of_its_safeguard(en):
    # the first rate past Peru's quota hits everyone; a later one says nothing of whom it hits either, and is
    # not given the country the story speaks of in between
    text = ("Peru will cut its sugar quotas and put a 30% tariff on all volumes above those caps. Bolivia's "
            "exporters fear the worst, Bolivian officials say. Sugar imports exceeding the quota will then pay 30% "
            "rather than 12%.")
    found = [record for record in records(en, text) if record[0] == 30.0]
    assert found and all(record[1:3] == ("Peru", []) for record in found)


def test_a_spanish_scale_by_country_of_origin_names_no_target(es):
    # "según su (país de) origen": the rate is one step of a scale laid on every country, not on the country the
    # story is about
    text = ("Bolivia teme por sus ventas: los productores bolivianos exportan quinua. La carga que llegue a Perú "
            "tendrá recargos según el país de origen, de un 5 % a un 30 %.")
    assert [(rate, targets) for rate, _, targets, _ in records(es, text)] == [(5.0, []), (30.0, [])]


@pytest.mark.parametrize("text, rates", [
    # the cut is the size of a volume let in, the duty past it the only rate
    ("Peru will shrink the volume of wheat it lets in free of tariffs to 2 million tonnes, a 35% cut, and raise "
     "the duty beyond that to 40%.", [40.0]),
    # the replaced level of a duty-free quota is a share of shipments, not a tariff rate
    ("The ministry reduced the quota allowed in free of duty to 60 per cent of what Bolivia shipped last year, "
     "down from 100 per cent.", []),
])
def test_a_figure_that_changes_a_quota_or_volume_is_no_tariff_rate(en, text, rates):
    assert [record[0] for record in records(en, text)] == rates


@pytest.mark.parametrize("text, rate, imposer, targets", [
    # "lay" duties on goods is a verb of imposing: its subject imposes them
    ("Lima laid 30% duties on Bolivian tin.", 30.0, "Peru", ["Bolivia"]),
    # and a government that lays out a tariff plan is the one acting in the sentence after it
    ("Peru laid out a two-stage tariff plan against Chilean products. During the opening stage, wine and cheese "
     "are charged a 25% tariff.", 25.0, "Peru", ["Chile"]),
])
def test_the_subject_of_lay_imposes(en, text, rate, imposer, targets):
    assert [record[:3] for record in records(en, text)] == [(rate, imposer, targets)]


def test_a_cut_of_spanish_import_quotas_is_no_tariff_rate(es):
    # "cuotas de importación" are an amount of goods let in, not a rate, though "cuota" alone may name one
    text = "Chile subió sus aranceles al trigo. Además, el país recortó un 20 % sus cuotas de importación de trigo."
    assert records(es, text) == []


@pytest.mark.parametrize("text, status", [
    # the day's act of laying a duty, told by the main verb in the simple past: declared, not yet said collected
    ("Peru on Friday imposed 20% duties on Chilean wine.", "announced"),
    ("Peru slapped a 20% duty on Chilean wine, citing unfair subsidies.", "announced"),
    # dated before the story, the same act tells a duty already in force
    ("Last year Peru imposed 20% duties on Chilean wine.", "in effect"),
    ("Peru imposed 20% duties on Chilean wine in March.", "in effect"),
    # a perfect or a relative clause looks back at a duty already there
    ("Peru has imposed 20% duties on Chilean wine.", "in effect"),
])
def test_a_duty_laid_in_the_simple_past_is_the_news_of_the_day(en, text, status):
    [record] = records(en, text)
    assert record[3] == status


def test_the_rate_a_quota_s_goods_come_in_at_is_a_tariff_rate(en):
    # a tariff-rate quota: the figure the goods inside it pay ("at 5%") is a rate, though the verb sizes the quota
    text = ("Under the pact, Seoul expands the quota for US rice to 50,000 tonnes at 5%, compared with a 40% "
            "tariff today.")
    assert [record[0] for record in records(en, text)] == [5.0, 40.0]


@pytest.mark.parametrize("text", [
    # "mayoría" ends like a conditional but is a noun: the goods phrase reads on to the origin
    "Perú impondrá aranceles del 20 % a la mayoría de los quesos importados desde Chile.",
    # a relative of importing names the goods' origin as the participle does, past a longer list of goods
    "Perú impondrá un arancel del 20 % a la mayoría de los quesos frescos o curados que se importan desde Chile.",
    "Perú impondrá un arancel del 20 % a los quesos que se importan de Chile.",
])
def test_spanish_goods_imported_from_a_country_name_it_as_target(es, text):
    [record] = records(es, text)
    assert record[1:3] == ("Peru", ["Chile"])


def test_a_relative_of_importing_from_countries_without_a_deal_names_no_target(es):
    # the country after "sin acuerdo con" is the buyer's partner, not where the goods come from
    text = "Perú impondrá un arancel del 20 % a los quesos que se importen de países sin acuerdo con Chile."
    assert [record[2] for record in records(es, text)] == [[]]


@pytest.mark.parametrize("lang, text, status", [
    # an adverb on the verb that puts the whole clause before now: the rate is the one left behind
    ("en", "Previously, Bolivian cars faced a 20 per cent Peruvian duty.", "previous"),
    ("es", "Lima había impuesto previamente un arancel del 12 % al vino chileno.", "previous"),
    ("es", "Lima anteriormente cobró un arancel del 12 % al vino chileno.", "previous"),
    # without it the same verbs tell a duty in force; on an announcement the adverb keeps it announced
    ("en", "Bolivian cars now face a 20 per cent Peruvian duty.", "in effect"),
    ("es", "Lima había impuesto un arancel del 12 % al vino chileno.", "in effect"),
    ("en", "Peru previously announced a 20% duty on Chilean wine.", "announced"),
    ("es", "Lima anunció previamente un arancel del 12 % al vino chileno.", "announced"),
])
def test_a_rate_told_as_formerly_paid_is_the_previous_one(request, lang, text, status):
    [record] = records(request.getfixturevalue(lang), text)
    assert record[3] == status


@pytest.mark.parametrize("text", [
    "Lima signed an order adding a 30% duty on Chilean wine to the 10% already in place.",
    "Lima signed an order adding a 30% duty on Chilean wine to the 10% levy still in place.",
])
def test_a_rate_whose_own_phrase_says_it_is_in_place_is_in_effect(en, text):
    # the standing phrase is the 10%'s own; the 30% added to it is only ordered
    assert [record[3] for record in records(en, text)] == ["announced", "in effect"]


@pytest.mark.parametrize("nlp_name, text", [
    # the country the sentence presses or whose shipments it says are hit, outside the rate's own phrase
    ("es", "El gobierno peruano quiere subir la presión sobre Bolivia, elevando de inmediato los aranceles hasta "
           "el 60 %."),
    ("es", "Desde marzo, Lima aplicará un arancel del 30 % a las mercancías de países sin tratado, lo cual afectará "
           "en especial a los envíos que llegan de Bolivia."),
    ("en", "Peru kept up the pressure on Bolivia, raising its duties to 60% at once."),
])
def test_a_rate_nothing_else_targets_hits_the_country_its_sentence_names_after_on_or_from(request, nlp_name, text):
    [record] = records(request.getfixturevalue(nlp_name), text)
    assert record[1:3] == ("Peru", ["Bolivia"])


def test_a_country_named_as_a_firm_s_home_is_no_target_of_a_rate_said_without_one(es):
    # "de" of belonging: the firms of Bolivia are spared, their country is not hit
    text = "Se espera que las mineras de Bolivia queden exentas del arancel peruano del 40 %."
    assert [record[2] for record in records(es, text)] == [[]]


def test_previously_on_the_first_of_two_joined_verbs_leaves_the_new_level_alone(en):
    # "previously" dates the laying of the 10%; the 25% set on Monday by the joined verb is not left behind
    text = "Peru previously imposed a 10% duty on Chilean wine and on Monday raised it to 25%."
    assert [(record[0], record[3]) for record in records(en, text)] == [(10.0, "previous"), (25.0, "in effect")]


@pytest.mark.parametrize("nlp_name, text", [
    # "from" / "desde" after a noun or verb other than one of coming or importing name whoever acts or speaks
    ("en", "The government raised its duties to 60%, citing pressure from Bolivia."),
    ("es", "El gobierno elevó los aranceles al 60 % a partir del lunes, informó desde Bolivia la agencia."),
    # "on" after a noun of talk names a topic
    ("en", "Ministers held talks on Bolivia on Monday as the government raised duties to 60%."),
    # a country left out of the measure is not the one it hits
    ("en", "The government raised its duties to 60%, exempting imports from Bolivia."),
    ("es", "El gobierno elevó los aranceles al 60 %, salvo para los productos que llegan de Bolivia."),
    # a second country in the sentence: which one the rate hits is not told
    ("en", "Peru raised its duties to 60%, in a move aimed at imports from Bolivia and Ecuador."),
])
def test_a_country_named_after_on_or_from_as_a_topic_a_source_or_an_exception_is_no_target(request, nlp_name, text):
    assert [record[2] for record in records(request.getfixturevalue(nlp_name), text)] == [[]]


def test_a_country_goods_come_from_is_the_target_of_a_rate_said_without_one(es):
    # "desde" after a word of coming still names where the goods come from
    text = "El gobierno peruano elevó los aranceles al 60 %, lo que golpea a los productos que llegan desde Bolivia."
    assert [record[1:3] for record in records(es, text)] == [("Peru", ["Bolivia"])]


@pytest.mark.parametrize("lang, text", [
    # "previously" dates the laying of a rate the rest of the sentence says still stands
    ("en", "Peru had previously imposed a 20% duty on Chilean wine, which remains in force."),
    ("en", "The 20% duty Peru previously imposed on Chilean wine is still in force."),
    ("en", "Peru, which previously imposed a 20% duty on Chilean wine, will keep it."),
    ("es", "Perú impuso previamente un arancel del 20 % al vino chileno, que sigue vigente."),
    # on a verb of neither laying nor paying it tells nothing of the rate's end: the wine pays it now
    ("en", "Chilean wine now pays a 20% Peruvian tariff it previously escaped."),
])
def test_a_rate_laid_previously_that_still_stands_is_in_effect(request, lang, text):
    [record] = records(request.getfixturevalue(lang), text)
    assert record[3] == "in effect"


@pytest.mark.parametrize("nlp_name, text", [
    # the story reports a sector duty on every country first, and turns to the country it is most about later
    ("en", "Donald Trump said duties on heavy trucks will rise to 30% in March. The plan worries truck makers in "
           "Peru, and Peru's minister will travel to Washington next week."),
    ("es", "Donald Trump firmó una orden que sube al 30 % los aranceles a los camiones pesados. La medida preocupa "
           "a las fábricas de Perú, y el ministro de Perú viajará a Washington."),
])
def test_a_sector_duty_told_before_the_story_names_its_country_hits_no_country_in_particular(request, nlp_name, text):
    assert [record[1:3] for record in records(request.getfixturevalue(nlp_name), text)] == [("United States", [])]


@pytest.mark.parametrize("nlp_name, text", [
    # the story named its country first: the sector rate is read as the one its goods pay
    ("en", "Peru's minister will travel to Washington next week. Donald Trump said duties on heavy trucks will rise "
           "to 30% in March. The plan worries truck makers in Peru."),
    # the story says the duty hits its country, after telling the duty
    ("es", "Donald Trump firmó una orden que sube al 30 % los aranceles a los camiones pesados. La orden golpeará "
           "con fuerza a Perú, y el ministro de Perú viajará a Washington."),
    # goods of no sector duty: the story's country stays the target, wherever it is first named
    ("en", "Donald Trump said duties on coffee will rise to 30% in March. The plan worries growers in Peru, and "
           "Peru's minister will travel to Washington next week."),
])
def test_the_story_s_country_stays_the_target_of_a_rate_it_was_named_before_or_said_to_be_hit_by(request, nlp_name,
                                                                                               text):
    assert [record[1:3] for record in records(request.getfixturevalue(nlp_name), text)] == [
        ("United States", ["Peru"])]


def test_spanish_a_before_a_country_is_a_preposition_of_hitting_not_an_article(es):
    # "golpea a Bolivia": the Spanish "a" is no English article to step over on the way back to the preposition
    text = "El gobierno peruano elevó los aranceles al 60 %, lo que golpea a Bolivia."
    assert [record[1:3] for record in records(es, text)] == [("Peru", ["Bolivia"])]


@pytest.mark.parametrize("text", [
    # "around the world" spreads the rate over every country, the story's one among them
    "Peru's minister flew to Washington on Monday to discuss Peru's exports. Trump in May raised duties on copper to "
    "50% for suppliers around the world.",
    # "sectoral" names the duties laid by sector on every country alike
    "Peru's minister flew to Washington on Monday to discuss Peru's exports. The order says the new duty will not "
    "add to the sectoral tariffs on copper, which stand at 50%.",
])
def test_a_rate_said_to_be_sectoral_or_spread_around_the_world_hits_every_country(en, text):
    assert [record[2] for record in records(en, text) if record[0] == 50.0] == [[]]


@pytest.mark.parametrize("nlp_name, text", [
    # a trade deal gives its partner a sector rate of its own, even one told before the partner is named
    ("en", "Washington will cut its duties on cars to 15% under the new trade deal. The deal pleases carmakers in "
           "Peru, and Peru's minister will travel to Washington next week."),
    ("es", "Washington bajará al 15 % los aranceles a los automóviles gracias al nuevo acuerdo. La noticia alegra a "
           "las fábricas de Perú, y el ministro de Perú viajará a Washington."),
])
def test_a_deal_s_sector_rate_told_before_its_partner_is_named_keeps_the_story_s_country(request, nlp_name, text):
    assert [record[1:3] for record in records(request.getfixturevalue(nlp_name), text)] == [
        ("United States", ["Peru"])]


@pytest.mark.parametrize("text, status", [
    # "now that" gives the reason for the act, it does not say the duty already stands
    ("Now that the truce with Bolivia has ended, Lima is issuing a customs order, resulting in duties of 12 percent "
     "on Bolivian tin.", "announced"),
    ("Lima now charges duties of 12 percent on Bolivian tin.", "in effect"),
])
def test_now_that_opens_a_reason_not_a_standing_duty(en, text, status):
    [record] = records(en, text)
    assert record[3] == status


@pytest.mark.parametrize("nlp_name, text, expected", [
    # what follows the older rate tells of it alone: the duty added on top is only ordered
    ("en", "Peru signed a decree raising duties on Chile an additional 10 percent, on top of the 15 percent duty that "
           "took effect in May.", [(10.0, "announced"), (15.0, "in effect")]),
    ("es", "Se trata de un gravamen extra del 30 % para Bolivia, que se añade al 12 % ya vigente.",
     [(30.0, "announced"), (12.0, "in effect")]),
    # rates listed side by side share what is said after them
    ("en", "Peru's duties of 15% and 10% on Chilean wine took effect in May.",
     [(15.0, "in effect"), (10.0, "in effect")]),
])
def test_what_is_said_after_another_rate_is_that_rate_s_own(request, nlp_name, text, expected):
    assert [(record[0], record[3]) for record in records(request.getfixturevalue(nlp_name), text)] == expected


@pytest.mark.parametrize("text, expected", [
    # the threat is carried out: the order lays the tariff the threat named
    ("Peru's president signed a decree on Monday to impose his threatened 40% tariffs on Chilean wine.",
     [(40.0, "announced")]),
    # a deal brings the threatened rate down: the new level is no threat
    ("Peru announces a deal with Chile, cutting a threatened 40% tariff on wine to 12%.",
     [(40.0, "previous"), (12.0, "announced")]),
    # left alone, the threatened tariff is still a threat
    ("Chilean growers fear the threatened 40% tariff on wine.", [(40.0, "threatened")]),
])
def test_a_threatened_tariff_that_is_laid_or_cut_is_no_longer_a_threat(en, text, expected):
    assert [(record[0], record[3]) for record in records(en, text)] == expected


@pytest.mark.parametrize("text, status", [
    # a tariff that goods stop facing, or that a government decides not to lay, is gone
    ("From Monday, Peruvian wine will no longer face a 25% tariff in Chile.", "removed"),
    ("Lima welcomed the decision by Chile not to impose a 50% tariff on Peruvian copper.", "removed"),
    # without the negation the same verbs lay or charge the tariff
    ("From Monday, Peruvian wine will face a 25% tariff in Chile.", "announced"),
])
def test_a_tariff_no_longer_faced_or_decided_against_is_removed(en, text, status):
    [record] = records(en, text)
    assert record[3] == status


@pytest.mark.parametrize("text", [
    # the goods outside a tariff, told by a relative clause, do not see it removed
    "Chilean wine that meets the quota enters free, and wine that doesn't faces a 25% tariff in Peru.",
    "Chilean wine that meets the quota enters free, and bottles that don't face a 25% tariff in Peru.",
    # a duty a government did not lay was never there to remove
    "Peru did not impose a 25% tariff on Chilean wine last year, officials said.",
])
def test_a_bare_negation_of_facing_or_laying_removes_no_tariff(en, text):
    assert [record[3] for record in records(en, text)] != ["removed"]


@pytest.mark.parametrize("text, expected", [
    # a start that was planned and is told in the past was put off
    ("The talks ended a day before Peru's 30% tariff on all Chilean goods was set to take effect.", "paused"),
    ("Lima's 25% duties on Chilean copper were due to go into effect at midnight.", "paused"),
    # a past plan to lay the tariff, not to start it, stays a threat; a plan told in the present is announced
    ("The deal beats the 30 percent duty that Lima was going to slap on Chilean wine.", "threatened"),
    ("Peru's 30% tariff on all Chilean goods is set to take effect on Friday.", "announced"),
])
def test_a_start_told_as_a_past_plan_was_put_off(en, text, expected):
    [record] = records(en, text)
    assert record[3] == expected


@pytest.mark.parametrize("text, expected", [
    # a relative clause in the pluperfect says the rate stood until the change the sentence tells
    ("Lima's new step replaces an old duty rate of 20% that had been in force since May.", [(20.0, "previous")]),
    ("Peru's levies on copper now stand at 40%, double the 20% levies that had applied until June.",
     [(40.0, "in effect"), (20.0, "previous")]),
    # in the present perfect it still stands
    ("Peru keeps a tariff rate of 20% that has been in place since May.", [(20.0, "in effect")]),
])
def test_a_rate_told_as_having_stood_before_is_the_previous_one(en, text, expected):
    assert [(record[0], record[3]) for record in records(en, text)] == expected


@pytest.mark.parametrize("text", [
    "Peru imposed a 30% tariff on Bolivian wine. Although 90% of Peruvian exports in May were compliant, "
    "the tariff increase hurts.",
    "Peru put a 30% tariff on Bolivian wine. Roughly 85% of Bolivian exports to Peru will still enter duty-free "
    "under the tariff deal.",
    "Peru imposed a 30% tariff on Bolivian wine. Nearly 70% of Bolivian wine shipments go to Peru, so the "
    "tariff will hurt.",
])
def test_a_percentage_of_goods_a_demonym_qualifies_is_a_share_not_a_rate(en, text):
    # "90% of Peruvian exports" measures how much of the goods, not what they pay; a capitalised word after "of"
    # names who only when it is a name ("25% of Peru"), not an adjective of origin.
    assert [record[0] for record in records(en, text)] == [30.0]


@pytest.mark.parametrize("text", [
    "Peru imposed a 30% tariff on Bolivian wine. The minister said the deal keeps Peru's effective tariff rate "
    "at about 3.2%, well below the global average of around 12%.",
    "Peru imposed a 30% tariff on Bolivian wine. The pact gives Peruvian exports an effective tariff rate of "
    "roughly 3.2%, far below the global average of around 12%.",
])
def test_an_effective_or_average_rate_over_trade_is_no_duty_laid(en, text):
    # What goods pay on the whole is a mean over all of a country's trade: no government lays it.
    assert [record[0] for record in records(en, text)] == [30.0]


def test_effective_after_a_rate_still_leaves_it_a_duty(en):
    # "effective immediately" dates the duty; only "effective" opening a rate's own phrase makes it a mean.
    assert [r[0] for r in records(en, "Peru imposed a 30% tariff on Bolivian wine, effective immediately.")] == [30.0]


def test_an_average_duty_a_government_lays_is_a_rate(en):
    # Laid as the object of a verb of setting, the average is the duty itself, spread over the goods it covers.
    assert [r[:2] for r in records(en, "Peru will impose an average tariff of 25% on Bolivian wine.")] == [
        (25.0, "Peru")]


@pytest.mark.parametrize("lang, text, expected", [
    ("es", "Lima dijo el martes que bajará en un 10 por ciento sus aranceles al vino boliviano, que pasarán de "
           "un 40 por ciento a un 30 por ciento.", [40.0, 30.0]),
    ("es", "Según el acuerdo, los aranceles de Perú al vino boliviano disminuirán un 25% durante 90 días.", []),
    ("en", "Peru will cut its tariffs on Bolivian wine by 10%, to 30%.", [30.0]),
])
def test_the_size_of_a_cut_is_no_rate_but_the_level_it_reaches_is(request, lang, text, expected):
    # A rate lowered "by" a figure ("en un", "un") loses that much; the duty's level is the figure it goes "to".
    assert [record[0] for record in records(request.getfixturevalue(lang), text)] == expected


def test_a_rise_by_a_figure_is_an_added_duty(es):
    # Raising tariffs "un 10%" lays 10% more on the goods: the added duty is a rate of its own.
    assert [record[0] for record in records(es, "Perú aumentará un 10% los aranceles al vino boliviano.")] == [10.0]


@pytest.mark.parametrize("text", [
    "Washington will put a 40% tariff on Peruvian goods from May. \"Should you for any reason lift your own "
    "duties, the amount will be stacked on the 40% we charge,\" President Trump wrote to Peru.",
    "Washington will put a 40% tariff on Peruvian goods from May. \"Should you at any time lift your own duties, "
    "they will be stacked on the 40% we charge,\" President Trump wrote to Peru.",
])
def test_a_quantifier_of_circumstance_does_not_spread_a_rate_over_every_country(en, text):
    # "any reason", "any time" range over reasons and moments: the letter's 40% still hits its addressee.
    assert {(record[0], tuple(record[2])) for record in records(en, text)} == {(40.0, ("Peru",))}


@pytest.mark.parametrize("text", [
    "The response came after Trump signed an order slapping a fresh 20% tariff on Peruvian goods, raising the "
    "total tariff burden to 45%\u2014the highest imposed on any country, along with Bolivia.",
    "Trump imposed a 45% tariff on Peruvian goods on Friday. That 45% duty is higher than the rates Washington "
    "charges any other rich nation, the paper said.",
    "Trump imposed a tariff on Peruvian goods on Friday. The rate of 45% is one of the highest of any country.",
])
def test_any_country_a_rate_is_compared_with_is_not_its_scope(en, text):
    # "the highest of any country" weighs the rate against everyone else's; it still hits the story's country.
    assert {(record[0], tuple(record[2])) for record in records(en, text) if record[0] == 45.0} == {
        (45.0, ("Peru",))}


@pytest.mark.parametrize("lang, text", [
    ("en", "Peru got a shock on Friday. Washington set a 39 percent duty on goods imported from the Andean nation. "
           "Peru's exporters said Peru would seek talks."),
    ("es", "Washington dijo que la mayor parte de los espárragos importados desde Perú pagarán "
           "aranceles de 39 por ciento a partir de julio."),
])
def test_goods_imported_from_a_place_the_sentence_names_are_not_every_country_s(request, lang, text):
    # "imported from the Andean nation", "importados desde Perú" tell an origin: not every country's goods.
    assert [(record[0], record[2]) for record in records(request.getfixturevalue(lang), text)] == [(39.0, ["Peru"])]


@pytest.mark.parametrize("lang, text", [
    ("es", "Perú anunció el lunes nuevos aranceles a los vinos y licores procedentes de Bolivia. El ministro de "
           "Comercio explicó que la medida busca proteger a los productores locales. Los vinos tintos pagarán un "
           "arancel del 25 por ciento, mientras que los licores quedarán con una tasa del 15 por ciento."),
    ("en", "Peru announced new tariffs on wine and spirits from Bolivia on Monday. The trade minister said the "
           "measure would protect local growers. Red wines will pay a 25% tariff, while spirits will face a 15% duty."),
])
def test_a_rate_told_paragraphs_later_hits_whom_its_government_s_measure_was_said_to_hit(request, lang, text):
    # The story names the countries hit once, in its lead; the rates of the same measure come later, without them.
    assert [(record[0], record[1], record[2]) for record in records(request.getfixturevalue(lang), text)] == [
        (25.0, "Peru", ["Bolivia"]), (15.0, "Peru", ["Bolivia"])]


@pytest.mark.parametrize("text", [
    "Perú subirá los aranceles al vino boliviano. El proyecto contemplaba tasas de hasta 40%, pero la mayoría "
    "fueron rebajadas a alrededor de 15% o 25%.",
    "Perú subirá los aranceles al vino boliviano. En el borrador se planteaban tasas de hasta 40%, pero la mayor "
    "parte se redujo a cerca de 15% o 25%.",
])
def test_the_level_a_planned_rate_was_cut_to_is_a_rate_of_the_plan(es, text):
    # The clause of the cut does not repeat the rate noun: what was cut is the rates the sentence named, and a
    # level of a plan told in the imperfect is proposed, whatever the tense of the cut.
    assert [(record[0], record[1], record[2], record[3]) for record in records(es, text)
            if record[0] in (15.0, 25.0)] == [(15.0, "Peru", ["Bolivia"], "announced"),
                                             (25.0, "Peru", ["Bolivia"], "announced")]


@pytest.mark.parametrize("text", [
    "Perú anunció que los vinos bolivianos enfrentarán un derecho aduanero del 12% desde marzo.",
    "Perú anunció que los vinos bolivianos enfrentarán derechos antidumping del 12% desde marzo.",
])
def test_a_customs_or_antidumping_derecho_is_a_duty(es, text):
    # "derecho" with a word of customs or trade defence after it names a duty; alone it is a right.
    assert [record[0] for record in records(es, text)] == [12.0]


@pytest.mark.parametrize("text", [
    "Bolivia criticó los aranceles. «Todos los camiones que vengan a Perú de otros países serán gravados con un 20%», "
    "dijo el ministro peruano.",
    "Bolivia pidió calma. Su vecino aplicará recargos del 20% a los camiones bolivianos que ingresen a Perú.",
])
def test_the_country_goods_come_into_charges_the_duty(es, text):
    # Goods that "vengan a" or "ingresen a" a country are bought by it: that country lays the duty, it is not hit.
    assert [(record[0], record[1]) for record in records(es, text)] == [(20.0, "Peru")]


@pytest.mark.parametrize("text, status", [
    # a negation bounded in time puts the tariff off, it does not give it up
    ("Quito will not impose the 20% tariff on Andean cocoa until the talks end.", "announced"),
    ("Andean cocoa will not face the 20% duty in Quito before March 3.", "announced"),
    ("Andean growers do not pay a 20% tariff yet, but will from March.", "announced"),
    # unbounded, it still removes it
    ("Quito will not impose a 20% tariff on Andean cocoa, its minister said.", "removed"),
])
def test_a_tariff_denied_only_until_a_day_is_put_off_not_removed(en, text, status):
    [record] = records(en, text)
    assert record[3] == status


@pytest.mark.parametrize("text, status", [
    # the laying hangs on a condition, or is still to come: the threat stands
    ("Quito will impose its threatened 35% tariff on Andean cocoa if the talks collapse.", "threatened"),
    ("Quito has yet to impose its threatened 35% tariff on Andean cocoa.", "threatened"),
    # carried out, it is no longer a threat
    ("Quito will impose its threatened 35% tariff on Andean cocoa from Monday.", "announced"),
])
def test_a_threatened_tariff_laid_only_on_a_condition_is_still_a_threat(en, text, status):
    [record] = records(en, text)
    assert record[3] == status


@pytest.mark.parametrize("text, expected", [
    # the pluperfect tells how long a rate has stood when the sentence says it lasts
    ("Quito's 18% duty on Andean cocoa, which had been in force since April, remains in place.",
     [(18.0, "in effect")]),
    ("Ministers said the 18% levy, which had been in place since April, would remain.", [(18.0, "in effect")]),
    # replaced, it is the rate left behind
    ("Quito's new step replaces an old duty rate of 18% that had been in force since April.", [(18.0, "previous")]),
])
def test_a_rate_that_had_stood_and_still_lasts_is_in_effect(en, text, expected):
    assert [(record[0], record[3]) for record in records(en, text)] == expected


def test_a_rate_with_no_target_follows_earlier_rates_only_when_they_agree(en):
    """A lead naming one country carries its targets to a later rate of the same government; a lead naming two
    rates on two countries leaves a later, separate rate with none rather than the last one's."""
    text = ("Quito will impose a 20% tariff on Peruvian cocoa and a 10% tariff on Colombian coffee. Chile and "
            "Bolivia asked for talks.\n\nSeparately, Quito's 5% duty on rice stays in place.")
    assert [(record[0], record[2]) for record in records(en, text)] == [
        (20.0, ["Peru"]), (10.0, ["Colombia"]), (5.0, [])]
