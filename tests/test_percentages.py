"""tradewire_percentages: every surface form, value, type and measure, in English and Spanish.

All example sentences are written for these tests.
"""

from __future__ import annotations


import pytest
from spacy.training import Example

from extractors.lexicon import find_percentages
from extractors.records import Article, Percentage
from nlp_support import PUBLISHED, run

@pytest.mark.parametrize("text, values", [
    ("Sales climbed 3% last quarter.", [3.0]),
    ("Sales climbed 3 per cent last quarter.", [3.0]),
    ("Sales climbed 3 percent last quarter.", [3.0]),
    ("Sales climbed 3pc last quarter.", [3.0]),
    ("Sales climbed three per cent last quarter.", [3.0]),
    ("Sales climbed twenty-five percent last quarter.", [25.0]),
    ("The rate was cut by half a percentage point.", [0.5]),
    ("Support slipped 1.5 percentage points.", [1.5]),
    ("Duties range from 10-20% on most goods.", [10.0, 20.0]),
    ("Duties of 10 to 20 per cent apply.", [10.0, 20.0]),
    ("Output shrank -0.4% in May.", [-0.4]),
    ("The 2025-2028 plan starts in 2026 with 40 projects.", []),
    # Typeset pages join with U+2011 (non-breaking hyphen) and U+2010 where plain text has "-".
    ("Geneva faces a 39\u2011percent duty.", [39.0]),
    ("Sales climbed twenty\u2010five per cent.", [25.0]),
    ("Duties range from 10\u201120% on most goods.", [10.0, 20.0]),
    ("The rate was cut by three\u2011quarters of a percentage point.", [0.75]),
])
def test_english_surface_forms(text, values):
    assert [m.value for m in find_percentages(text, "en")] == values


@pytest.mark.parametrize("text, values", [
    ("Las ventas subieron 25 % en julio.", [25.0]),
    ("Las ventas subieron 25% en julio.", [25.0]),
    ("Las ventas subieron 25 por ciento en julio.", [25.0]),
    ("Las ventas subieron veinticinco por ciento en julio.", [25.0]),
    ("La inflación bajó 0,3 % y luego 1.2 %.", [0.3, 1.2]),
    ("La tasa cayó medio punto porcentual.", [0.5]),
    ("Los aranceles irán del 10 al 20 % según el producto.", [10.0, 20.0]),
    ("El plan 2025-2028 arranca en 2026.", []),
])
def test_spanish_surface_forms(text, values):
    assert [m.value for m in find_percentages(text, "es")] == values


def test_offsets_point_at_the_figure(en):
    text = "Exports grew 4.5 per cent, while imports fell 2%."
    doc = run(en, text)
    assert [text[p.start:p.end] for p in doc._.percentages] == ["4.5 per cent", "2%"]
    assert all(p.sentence == text for p in doc._.percentages)
    assert [s.text for s in doc.spans["percentages"]] == ["4.5 per cent", "2%"]


@pytest.mark.parametrize("text, expected", [
    ("Washington put a 25% tariff on imported trucks.", ["tariff"]),
    ("Ottawa answered with duties of 15 per cent on US whiskey.", ["tariff"]),
    ("Steel now faces levies of up to 50 percent.", ["tariff"]),
    ("Brazilian beef made up 12% of the country's meat imports.", ["share"]),
    ("A survey showed 61% of voters oppose the deal.", ["poll"]),
    ("Factory output fell 2.1% in August.", ["change"]),
    ("Unemployment edged up 0.2 percentage points.", ["change"]),
    ("The central bank kept its policy rate at 4.25%.", ["other"]),
    ("The plan set tariffs at 30% for cars and 10% for parts.", ["tariff", "tariff"]),
])
def test_english_types(en, text, expected):
    assert [p.type for p in run(en, text)._.percentages] == expected


@pytest.mark.parametrize("text, expected", [
    ("Washington impuso aranceles del 25 % al acero mexicano.", ["tariff"]),
    ("Ottawa anunció un gravamen de 50 por ciento a los autos.", ["tariff"]),
    ("El país vecino compra el 80 % de las exportaciones mexicanas.", ["share"]),
    ("Según una encuesta, el 58 % de los votantes aprueba el acuerdo.", ["poll"]),
    ("La producción industrial cayó 1,4 % en junio.", ["change"]),
])
def test_spanish_types(es, text, expected):
    assert [p.type for p in run(es, text)._.percentages] == expected


def test_share_measure_names_owner_and_whole(en):
    [item] = run(en, "Chile took barely 4% of Peru's copper exports in 2024.")._.percentages
    assert item.type == "share"
    assert "Peru's copper exports" in item.measure
    assert item.measure.startswith("Chile")


def test_seed_retelling_exact_percentages(pipeline):
    """Our own retelling of the reference article: exactly four percentages, no years or plan dates."""
    text = (
        "Mexico and Canada are moving closer ahead of the 2026 review of their trade pact with the United "
        "States. The two governments agreed on a joint action plan for 2025-2028. Trade between them is "
        "still small: Canada bought only about 3% of what Mexico exported last year, and Mexico took roughly "
        "1% of Canada's export market. Trump has announced tariffs on Mexican and Canadian goods, 25% for most "
        "products and 50% for semi-finished metals, which many read as a bargaining tool."
    )
    [extraction] = pipeline.extract([Article(url="retelling", text=text, language="en", published=PUBLISHED)])
    found = [(p.value, p.type) for p in extraction.percentages]
    assert found == [(3.0, "share"), (1.0, "share"), (25.0, "tariff"), (50.0, "tariff")]


def test_score_method(en):
    text = "Imports rose 5% while the tariff stayed at 10%."
    predicted = run(en, text)
    reference = en.make_doc(text)
    reference._.percentages = [Percentage(5.0, "imports", "change", 13, 15, text),
                               Percentage(10.0, "tariff", "tariff", 43, 46, text)]
    scores = en.get_pipe("tradewire_percentages").score([Example(predicted, reference)])
    assert scores["percentages_f"] == 1.0
    assert scores["percentages_span_f"] == 1.0
