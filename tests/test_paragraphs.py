"""A blank line always ends a sentence (`extractors/paragraphs.py`), in both languages' real pipelines, and the
records read off those sentences: quotes and percentages stay inside their paragraph."""

from __future__ import annotations

import pytest
import spacy

from extractors.paragraphs import ParagraphBreaks

EN_HEADLINE = ("Canada slaps 25% tariff on U.S. goods\n\n"
               "Prime Minister Mark Carney said on Friday that the measure would take effect next week.")
EN_SAYS_HEADLINE = ("Carney says Canada will match US tariffs\n\n"
                    "Prime Minister Mark Carney said on Friday that Ottawa would answer every new duty.")
EN_BULLETS = ("What the deal includes:\n\n"
              "- a 15% tariff on most EU goods\n\n"
              "- zero tariffs on aircraft parts\n\n"
              "- purchases of U.S. energy worth $750 billion\n\n"
              "Trade Commissioner Maros Sefcovic said the deal was the best available.")
ES_HEADLINE = ("Canadá impone un arancel del 25 % a productos de EE.UU.\n\n"
               "El primer ministro Mark Carney dijo el viernes que la medida entrará en vigor la próxima semana.")
ES_BULLETS = ("Lo que incluye el acuerdo:\n\n"
              "- un arancel del 15 % a la mayoría de bienes europeos\n\n"
              "- cero aranceles a piezas de aviones\n\n"
              "El comisario Maros Sefcovic dijo que el acuerdo era el mejor posible.")


def sentences(doc) -> list[str]:
    return [s.text for s in doc.sents]


@pytest.fixture(scope="module")
def nlp(pipeline):
    return {"en": pipeline.nlp("en"), "es": pipeline.nlp("es")}


def test_the_component_comes_before_each_languages_segmenter(nlp):
    assert nlp["en"].pipe_names.index("tradewire_paragraphs") < nlp["en"].pipe_names.index("parser")
    assert nlp["es"].pipe_names.index("tradewire_paragraphs") < nlp["es"].pipe_names.index("sentencizer")


@pytest.mark.parametrize("language, text, expected", [
    ("en", EN_HEADLINE, ["Canada slaps 25% tariff on U.S. goods\n\n",
                         "Prime Minister Mark Carney said on Friday that the measure would take effect next week."]),
    ("en", EN_BULLETS, ["What the deal includes:\n\n", "- a 15% tariff on most EU goods\n\n",
                        "- zero tariffs on aircraft parts\n\n", "- purchases of U.S. energy worth $750 billion\n\n",
                        "Trade Commissioner Maros Sefcovic said the deal was the best available."]),
    ("es", ES_HEADLINE, ["Canadá impone un arancel del 25 % a productos de EE.UU.\n\n",
                         "El primer ministro Mark Carney dijo el viernes que la medida entrará en vigor la próxima "
                         "semana."]),
    ("es", ES_BULLETS, ["Lo que incluye el acuerdo:\n\n", "- un arancel del 15 % a la mayoría de bienes europeos\n\n",
                        "- cero aranceles a piezas de aviones\n\n",
                        "El comisario Maros Sefcovic dijo que el acuerdo era el mejor posible."]),
])
def test_a_blank_line_ends_the_sentence_and_its_whitespace_stays_with_it(nlp, language, text, expected):
    assert [s.text_with_ws for s in nlp[language](text).sents] == expected


def test_a_headline_that_reports_speech_is_its_own_quote_and_the_lead_keeps_its_own(nlp):
    quotes = nlp["en"](EN_SAYS_HEADLINE)._.quotes
    assert [(q.text, q.speaker, q.kind) for q in quotes] == [
        ("Canada will match US tariffs", "Mark Carney", "indirect"),
        ("Ottawa would answer every new duty", "Mark Carney", "indirect")]


@pytest.mark.parametrize("language, text, quote, measure", [
    ("en", EN_HEADLINE, "the measure would take effect next week", "tariff on U.S. goods"),
    ("en", EN_BULLETS, "the deal was the best available", "tariff on most EU goods"),
    ("es", ES_HEADLINE, "la medida entrará en vigor la próxima semana", "arancel sobre productos de EE.UU."),
])
def test_quotes_and_percentages_stay_in_their_paragraph(nlp, language, text, quote, measure):
    doc = nlp[language](text)
    assert [q.text for q in doc._.quotes] == [quote]
    assert [(p.measure, p.type) for p in doc._.percentages] == [(measure, "tariff")]


def segmenter(min_newlines: int = 2):
    """The Spanish segmentation alone: the component, then the sentencizer as `extractors.nlp` sets it."""
    nlp = spacy.blank("es")
    nlp.add_pipe("tradewire_paragraphs", config={"min_newlines": min_newlines})
    nlp.add_pipe("sentencizer", config={"overwrite": False})
    return nlp


@pytest.mark.parametrize("text, expected", [
    # a single line break is no paragraph: the sentencizer's punctuation decides
    ("Primera línea\nsegunda línea.", ["Primera línea\nsegunda línea."]),
    # spaces on the blank line, and several blank lines, still make one break
    ("Titular sin punto \n  \n\n Texto del cuerpo.", ["Titular sin punto \n  \n\n ", "Texto del cuerpo."]),
    # blank lines before the first word start nothing; after the last word, nothing follows
    ("\n\nTitular\n\nCuerpo.\n\n", ["\n\nTitular\n\n", "Cuerpo.\n\n"]),
    # a full stop then a blank line: one boundary, at the word (before, the whitespace began the next sentence)
    ("Uno.\n\nDos.", ["Uno.\n\n", "Dos."]),
])
def test_segmentation_around_blank_lines(text, expected):
    assert [s.text_with_ws for s in segmenter()(text).sents] == expected


def test_min_newlines_one_makes_every_line_a_sentence():
    assert [s.text for s in segmenter(min_newlines=1)("Primera línea\nsegunda línea.").sents] == \
        ["Primera línea\n", "segunda línea."]
    with pytest.raises(ValueError):
        ParagraphBreaks(min_newlines=0)


@pytest.mark.parametrize("text, expected", [
    # a forced start let the parser break the first word off ("Mexico" alone, "and Canada …" next)
    ("Mexico and Canada close ranks ahead of the review\n\n"
     "Mexico and Canada close ranks ahead of the review\nThe trade policy has pushed both neighbours closer.",
     ["Mexico and Canada close ranks ahead of the review\n\n",
      "Mexico and Canada close ranks ahead of the review\nThe trade policy has pushed both neighbours closer."]),
    # ... or the closing quote mark off the paragraph before
    ('The union called the tariffs "a direct attack on workers."\n\nSteel exports fell 12% in March.',
     ['The union called the tariffs "a direct attack on workers."\n\n', "Steel exports fell 12% in March."]),
    ('"It is a sad day," said the premier. "We will fight back."\n\nOntario will add a 25% surcharge.',
     ['"It is a sad day," said the premier. ', '"We will fight back."\n\n', "Ontario will add a 25% surcharge."]),
])
def test_the_parser_breaks_no_token_off_around_a_blank_line(nlp, text, expected):
    assert [s.text_with_ws for s in nlp["en"](text).sents] == expected
