"""tradewire_leaders and the knowledge base: names, titles, descriptions, officials, PERSON entities.

All example sentences are written for these tests; people and offices are real (config/leaders.toml).
"""

from __future__ import annotations

from datetime import date, datetime

from spacy.training import Example

from extractors.kb import load_kb, role_key
from extractors.records import Article, LeaderMention
from nlp_support import PUBLISHED, run


def mentions(nlp, text: str, published=PUBLISHED) -> list[tuple[str, str, str]]:
    """(surface text, canonical name, country) per mention."""
    return [(text[m.start:m.end], m.name, m.country) for m in run(nlp, text, published)._.leaders]


# -- knowledge base ---------------------------------------------------------------------------------------
def test_kb_offices_by_date():
    kb = load_kb()
    carney, trump = kb.person("Mark Carney"), kb.person("Donald Trump")
    assert carney.country == "Canada" and "Carney" in carney.forms()
    assert carney.office_on(date(2025, 9, 1)).role == "Prime Minister"
    assert trump.office_on(date(2019, 5, 1)).role == "President"
    assert [p.name for p in kb.holders("Canada", role_key("prime minister"), date(2024, 6, 1))] == ["Justin Trudeau"]
    assert [p.name for p in kb.holders("Mexico", role_key("leader"), date(2025, 9, 1))] == ["Claudia Sheinbaum"]


def test_kb_country_lexicon_by_language():
    kb = load_kb()
    english = {f.text: f.country for f in kb.country_forms("en")}
    spanish = {f.text: f.country for f in kb.country_forms("es")}
    assert english["U.S."] == english["Washington"] == english["American"] == "United States"
    assert english["EU"] == "European Union"
    assert spanish["EU"] == spanish["EE.UU."] == spanish["Estados Unidos"] == "United States"
    assert spanish["UE"] == "European Union"
    assert spanish["mexicanos"] == "Mexico"


# -- English ----------------------------------------------------------------------------------------------
def test_seed_retelling(pipeline):
    text = (
        "Mexico and Canada are drawing closer before next year's trade pact review. Last week President Claudia "
        "Sheinbaum welcomed Canadian Prime Minister Mark Carney in Mexico City, while Washington kept up the "
        "pressure under President Donald Trump. Trump's tariff threats have put both on the defensive. The "
        "Mexican leader said staying inside the agreement was the best option, and Carney warned against "
        "going it alone. Daniel Trefler, an economist at the University of Toronto, said the partners now "
        "behave like allies. Ottawa welcomed the plan."
    )
    [extraction] = pipeline.extract([Article(url="retelling", text=text, language="en", published=PUBLISHED)])
    people = {(m.name, m.role, m.country, m.in_kb) for m in extraction.leaders}
    assert people == {("Claudia Sheinbaum", "President", "Mexico", True),
                      ("Mark Carney", "Prime Minister", "Canada", True),
                      ("Donald Trump", "President", "United States", True)}
    surfaces = [text[m.start:m.end] for m in extraction.leaders]
    assert "Carney" in surfaces and "The Mexican leader" in surfaces
    assert not any(s in ("Washington", "Ottawa", "Daniel Trefler") for s in surfaces)


def test_known_leaders_become_person_entities(en):
    text = "Trump's aides met Carney on Tuesday."
    doc = run(en, text)
    persons = {e.text for e in doc.ents if e.label_ == "PERSON"}
    assert {"Trump", "Carney"} <= persons
    assert [s.label_ for s in doc.spans["leaders"]] == ["Donald Trump", "Mark Carney"]


def test_titles_and_appositions_make_one_mention_each(en):
    text = ("Mexico's economy minister, Marcelo Ebrard, met U.S. Trade Representative Jamieson Greer. "
            "Dominic LeBlanc, Canada's minister for Canada-U.S. trade, joined them.")
    assert mentions(en, text) == [("Marcelo Ebrard", "Marcelo Ebrard", "Mexico"),
                                  ("Jamieson Greer", "Jamieson Greer", "United States"),
                                  ("Dominic LeBlanc", "Dominic LeBlanc", "Canada")]


def test_descriptions_resolve_to_the_named_person_or_the_office_holder(en):
    named = "Justin Trudeau spoke first. Later the Canadian prime minister took questions."
    assert [m[1] for m in mentions(en, named, datetime(2024, 6, 1))] == ["Justin Trudeau", "Justin Trudeau"]
    unnamed = "Canada's prime minister and the US president spoke by phone."
    assert [m[1] for m in mentions(en, unnamed, datetime(2024, 6, 1))] == ["Justin Trudeau", "Joe Biden"]
    assert [m[1] for m in mentions(en, unnamed, PUBLISHED)] == ["Mark Carney", "Donald Trump"]


def test_role_follows_the_article_date(en):
    [mention] = run(en, "Marcelo Ebrard spoke.", datetime(2022, 3, 1))._.leaders
    assert mention.role == "Foreign Minister"
    [mention] = run(en, "Marcelo Ebrard spoke.", PUBLISHED)._.leaders
    assert mention.role == "Economy Minister"


def test_officials_outside_the_kb(en):
    text = ("Chilean Deputy Trade Minister Tomás Ibarra criticised the duties. Ibarra said talks would go on. "
            "Laura Whitcombe, chief executive of a steel maker, and analyst Peter Osgood disagreed.")
    found = run(en, text)._.leaders
    assert [(m.name, m.role, m.country, m.in_kb) for m in found] == [
        ("Tomás Ibarra", "Deputy Trade Minister", "Chile", False),
        ("Tomás Ibarra", "Deputy Trade Minister", "Chile", False)]


def test_apposition_officials_and_heads_of_private_bodies(en):
    text = ("“We will adapt,” said Laura Benton, president of the Ontario Chamber of Commerce. "
            "Hiroshi Tanaka, a spokesperson for Japan's trade ministry, said talks would resume.")
    found = run(en, text)._.leaders
    assert [(m.name, m.country, m.in_kb) for m in found] == [("Hiroshi Tanaka", "Japan", False)]


def test_heads_of_bodies_named_after_a_country_or_region_are_no_officials(en):
    text = ("Henrik Lund, president of European steel association Eurofer, said the quota was too high. "
            "Laura Pinto, president of the Canadian steel producers' group, backed the duty. "
            "Hiroshi Tanaka, a spokesperson for Japan's trade ministry, said talks would resume.")
    found = run(en, text)._.leaders
    assert [(m.name, m.country, m.in_kb) for m in found] == [("Hiroshi Tanaka", "Japan", False)]


def test_ambassadors_and_envoys_are_no_officials(en, es):
    # The definition (tests/corpus/GUIDELINES.md §4) lists ambassadors among those who are not leaders; an
    # envoy holds no office of its list either.
    text = ("Trump's special envoy Steve Witkoff will join talks with Russia next week. "
            "Canada's ambassador to the United States, Kirsten Hillman, met officials.")
    assert [m.name for m in run(en, text)._.leaders] == ["Donald Trump"]
    assert run(es, "La embajadora de México, Ana López, se reunió con funcionarios.")._.leaders == []


def test_spanish_namesake_written_in_full_keeps_a_bare_surname_from_the_kb_person(es):
    # Satsuki Katayama is in the knowledge base; the executive who shares her surname is not.
    text = ("El consejero delegado del organismo, Masanori Katayama, pidió apoyo al negociador. "
            "Katayama, también directivo de una automotriz, dijo que el sector sufre.")
    assert [m.name for m in run(es, text)._.leaders if "Katayama" in m.name] == []
    text = "La ministra de Finanzas, Satsuki Katayama, habló con la prensa. Katayama dijo que no habrá cambios."
    assert [m.name for m in run(es, text)._.leaders] == ["Satsuki Katayama", "Satsuki Katayama"]


def test_no_pronouns_no_metonyms_no_namesakes(en):
    text = "Eric Trump said he liked the plan. Washington and Brussels disagreed. She did not comment."
    assert mentions(en, text) == []


# -- Spanish ----------------------------------------------------------------------------------------------
def test_spanish_names_titles_and_descriptions(es):
    text = ("La presidenta Claudia Sheinbaum recibió al primer ministro canadiense, Mark Carney. "
            "La mandataria mexicana dijo que el presidente estadounidense no fue invitado. "
            "Después, el secretario de Economía, Marcelo Ebrard, habló con Sheinbaum.")
    assert mentions(es, text) == [
        ("Claudia Sheinbaum", "Claudia Sheinbaum", "Mexico"), ("Mark Carney", "Mark Carney", "Canada"),
        ("La mandataria mexicana", "Claudia Sheinbaum", "Mexico"),
        ("el presidente estadounidense", "Donald Trump", "United States"),
        ("Marcelo Ebrard", "Marcelo Ebrard", "Mexico"), ("Sheinbaum", "Claudia Sheinbaum", "Mexico")]
    doc = run(es, text)
    assert {e.text for e in doc.ents if e.label_ == "PERSON"} == {"Claudia Sheinbaum", "Mark Carney",
                                                                  "Marcelo Ebrard", "Sheinbaum"}


def test_spanish_official_outside_the_kb(es):
    text = "La ministra de Agricultura de Chile, Ana Lucía Parra, rechazó la medida."
    [mention] = run(es, text)._.leaders
    assert (mention.name, mention.country, mention.in_kb) == ("Ana Lucía Parra", "Chile", False)
    assert mention.role == "ministra de Agricultura"


def test_spanish_undated_description_is_the_named_office_holder(es):
    """Without a date, "el primer ministro canadiense" is the prime minister the article names, even one whose
    office has ended since (the article may be older than the knowledge base)."""
    text = ("El primer ministro Justin Trudeau respondió a los aranceles. «No hay justificación», declaró el "
            "primer ministro canadiense.")
    assert [m[1] for m in mentions(es, text, published=None)] == ["Justin Trudeau", "Justin Trudeau"]


def test_spanish_titles_that_make_no_official(es):
    texts = ["El presidente del directorio de una minera, Ramón Ibáñez, habló con la prensa.",
             "En Radio Sur, el mandatario Donald Trump insistió en su plan.",
             "Lo acompañaron el asesor Pedro Lagos, el secretario de Estado Marco Rubio y el canciller Juan Ramón "
             "de la Fuente.",
             "El primer ministro de Ontario, Doug Ford, criticó los aranceles."]
    assert [{m[1] for m in mentions(es, text)} for text in texts] == [
        set(), {"Donald Trump"}, {"Marco Rubio", "Juan Ramón de la Fuente"}, set()]


def test_score_method(en):
    text = "Carney called Sheinbaum."
    predicted = run(en, text)
    reference = en.make_doc(text)
    reference._.leaders = [LeaderMention("Mark Carney", "Prime Minister", "Canada", True, 0, 6, text),
                           LeaderMention("Claudia Sheinbaum", "President", "Mexico", True, 14, 23, text)]
    scores = en.get_pipe("tradewire_leaders").score([Example(predicted, reference)])
    assert scores["leaders_f"] == 1.0 and scores["leaders_mention_f"] == 1.0


# -- descriptions agree with the person: gender (Spanish), rank ("minister" is not a prime minister) ---------
def test_spanish_feminine_description_skips_a_man_named_later(es):
    text = ("La presidenta Claudia Sheinbaum habló por teléfono con Donald Trump. "
            "Más tarde, la mandataria dijo que la llamada fue cordial.")
    assert [m[:2] for m in mentions(es, text)][-1] == ("la mandataria", "Claudia Sheinbaum")


def test_spanish_feminine_title_with_only_a_man_named_before(es):
    text = ("Donald Trump anunció nuevos aranceles el miércoles. La presidenta pidió calma a los exportadores. "
            "Claudia Sheinbaum presentará su plan el lunes.")
    found = [m[:2] for m in mentions(es, text)]
    assert ("La presidenta", "Claudia Sheinbaum") in found
    assert ("La presidenta", "Donald Trump") not in found


def test_spanish_minister_is_not_the_prime_minister(es):
    text = ("El ministro de Comercio Internacional de Canadá, Maninder Sidhu, llegó a Monterrey con un mensaje del "
            "primer ministro Mark Carney. El ministro canadiense se reunió con empresarios de la región.")
    assert [m[:2] for m in mentions(es, text)][-1] == ("El ministro canadiense", "Maninder Sidhu")


def test_english_bare_minister_is_the_latest_minister_not_the_prime_minister(en):
    text = ("Maninder Sidhu, Canada's trade minister, spent the week in Jakarta. Prime Minister Mark Carney "
            "had asked him to open new markets. The minister said the trip went well.")
    assert [m[:2] for m in mentions(en, text)][-1] == ("The minister", "Maninder Sidhu")


def test_quotes_take_the_resolved_description(pipeline):
    text = ("Maninder Sidhu, Canada's trade minister, spent the week in Jakarta. Prime Minister Mark Carney "
            "had asked him to open new markets.\n\n"
            "The minister was upbeat. “Every new buyer makes us less exposed,” he said.")
    spanish = ("La presidenta Claudia Sheinbaum habló por teléfono con Donald Trump.\n\n"
               "«Fue una conversación franca», escribió la mandataria en redes sociales.")
    english, es_extraction = pipeline.extract([Article(url="en", text=text, language="en", published=PUBLISHED),
                                               Article(url="es", text=spanish, language="es", published=PUBLISHED)])
    assert [q.speaker for q in english.quotes if q.kind == "direct"] == ["Maninder Sidhu"]
    assert [q.speaker for q in es_extraction.quotes if q.kind == "direct"] == ["Claudia Sheinbaum"]
