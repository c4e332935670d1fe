"""The tariff tracker: effective dates read by the tariffs component, mentions grouped into measures with their
steps, the same measures and ids in any import order, `tradewire check`, the `tariffs` / `tariff` commands and
the demo's histories.

Figures on the real-article corpus live in bench/tracker.py; nothing here times anything.
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractors.records import Article
from flows.cli import app
from flows.stages import Pending, screen
from storage.articles import ArticleRow, store_articles
from storage.check import run_checks
from storage.db import session
from storage.linking.eval import load_corpus, to_article
from storage.linking.linker import link_pending
from storage.tracker.builder import build_measures
from storage.tracker.measures import Mention, assign, measures_of
from storage.tracker.read import state_on
from storage.tracker.steps import build_steps
from extractors.tariff_vocabulary import load_vocabulary

LINKING_CORPUS = load_corpus(Path(__file__).resolve().parent / "linking" / "corpus.jsonl")
TRACKER_TABLES = ("tariff_measures", "tariff_measure_steps", "tariff_step_mentions")


def invoke(*args: str):
    result = CliRunner().invoke(app, list(args))
    return result


# ------------------------------------------------------------------------------------- effective dates


def _effective(pipeline, text: str, published: datetime | None, language: str = "en") -> dict[float, str | None]:
    (found,) = pipeline.extract([Article(url="https://example.test/a", text=text, published=published,
                                         language=language)])
    return {t.rate_pct: t.effective for t in found.tariffs}


@pytest.mark.parametrize("text, published, expected", [
    ("President Trump said on Friday that Mexican imports will face a 30% tariff starting August 1.",
     datetime(2025, 7, 12), {30.0: "2025-08-01"}),
    ("The White House said the 50% tariff on copper takes effect on Aug. 1, 2025.", None, {50.0: "2025-08-01"}),
    ("Trump's 25% tariffs on Canada remain on track to start on Tuesday under an executive order.",
     datetime(2025, 2, 3), {25.0: "2025-02-04"}),
    ("According to the ministry, the duties stand at 75.8% and take effect on Thursday.",
     datetime(2025, 8, 12), {75.8: "2025-08-14"}),
    ("The United States raised its tariff on Canadian goods to 35 per cent from 25 per cent, effective Aug. 1.",
     datetime(2025, 7, 31), {35.0: "2025-08-01", 25.0: None}),
    ("Trump said on Monday he was putting 10% tariffs on imported timber and lumber.", datetime(2025, 9, 30),
     {10.0: None}),
])
def test_effective_dates_in_english(pipeline, text, published, expected):
    assert _effective(pipeline, text, published) == expected


@pytest.mark.parametrize("text, published, expected", [
    ("A partir del 1 de enero de 2026, México aplicará aranceles de hasta 50% a las importaciones de China.",
     None, {50.0: "2026-01-01"}),
    ("El arancel de 35% a los productos de Canadá comenzará a regir el próximo 1 de agosto.",
     datetime(2025, 7, 11), {35.0: "2025-08-01"}),
    ("Desde el 1 de enero, México cobrará aranceles de 35% a bienes de países sin tratado comercial.",
     datetime(2025, 12, 30), {35.0: "2026-01-01"}),
    ("Trump anunció este jueves un arancel de 25% a los automóviles importados.", datetime(2025, 3, 27),
     {25.0: None}),
])
def test_effective_dates_in_spanish(pipeline, text, published, expected):
    assert _effective(pipeline, text, published, "es") == expected


def test_a_weekday_needs_the_article_date(pipeline):
    text = "Trump's 25% tariffs on Canada remain on track to start on Tuesday under an executive order."
    assert _effective(pipeline, text, None) == {25.0: None}


def test_extract_prints_the_effective_date(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Copper duties\nBy Staff, July 9, 2025\n\nThe White House said a 50% tariff on copper "
                    "imports takes effect on Aug. 1, 2025.\n", encoding="utf-8")
    result = invoke("extract", str(path), "--format", "json")
    assert result.exit_code == 0, result.output
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(t["rate_pct"], t["effective"]) for t in record["tariffs"]] == [(50.0, "2025-08-01")]


# ------------------------------------------------------------------------------------- grouping


def _mention(article: str, ordinal: int, rate: float, imposer: str, targets: tuple[str, ...], status: str,
             day: date, products: str | None = None, sentence: str = "", effective: date | None = None,
             event: str | None = None) -> Mention:
    sentence = sentence or f"The {rate:g}% tariff."
    local = sentence.find(f"{rate:g}") if f"{rate:g}" in sentence else 0
    return Mention(article, ordinal, rate, imposer, targets, products, status, effective, local,
                   local + len(f"{rate:g}%"), sentence, local, day, event)


def _grouped(mentions: list[Mention]) -> dict[str, list[Mention]]:
    assign(mentions, load_vocabulary())
    return {f"{k.imposer}|{','.join(k.targets)}|{k.scope}|{k.programme}": v for k, v in measures_of(mentions).items()}


def test_a_new_rate_on_the_same_scope_is_a_step_of_the_same_measure():
    mentions = [
        _mention("a", 0, 25, "United States", (), "announced", date(2025, 2, 10), "steel and aluminum imports",
                 effective=date(2025, 3, 12)),
        _mention("b", 0, 25, "United States", (), "in effect", date(2025, 3, 12), "acero y aluminio"),
        _mention("c", 0, 50, "United States", (), "in effect", date(2025, 6, 4), "steel and aluminium",
                 effective=date(2025, 6, 4)),
        _mention("c", 1, 25, "United States", (), "previous", date(2025, 6, 4), "steel and aluminium"),
        _mention("d", 0, 25, "United States", ("Canada",), "announced", date(2025, 3, 3), "Canadian goods"),
    ]
    grouped = _grouped(mentions)
    assert set(grouped) == {"United States|all countries|steel and aluminium|None",
                            "United States|Canada|all goods|None"}
    steps = build_steps(grouped["United States|all countries|steel and aluminium|None"])
    assert [(s.rate, s.status, s.effective) for s in steps] == [
        (25, "announced", date(2025, 3, 12)), (25, "in effect", None), (50, "in effect", date(2025, 6, 4))]
    assert [sorted(s.articles) for s in steps] == [["a"], ["b", "c"], ["c"]]  # c's replaced 25% was in force


def test_a_replaced_rate_reported_after_the_change_comes_before_it():
    """"The 50% imposed on June 4 doubled the previous 25%", reported on June 20 and nowhere else: the 25% is
    known only as the replaced rate, so it is numbered before the 50% and the 50% is in force after June 4."""
    mentions = [
        _mention("a", 0, 50, "United States", ("Mexico",), "in effect", date(2025, 6, 20), "steel",
                 effective=date(2025, 6, 4)),
        _mention("a", 1, 25, "United States", ("Mexico",), "previous", date(2025, 6, 20), "steel"),
    ]
    (steps,) = [build_steps(group) for group in _grouped(mentions).values()]
    assert [(s.number, s.rate) for s in steps] == [(1, 25), (2, 50)]
    history = [{"step": s.number, "rate_pct": s.rate, "status": s.status, "effective": s.effective,
                "first_reported": s.first_reported} for s in steps]
    assert state_on(history, date(2025, 7, 1))["rate_in_force"] == 50


def test_a_mention_naming_two_countries_reports_each_ones_measure():
    mentions = [
        _mention("a", 0, 25, "United States", ("Canada", "Mexico"), "announced", date(2025, 2, 1), "goods"),
        _mention("b", 0, 25, "United States", ("Mexico",), "paused", date(2025, 2, 3), "goods"),
        _mention("c", 0, 35, "United States", ("Canada",), "announced", date(2025, 7, 10), "goods"),
    ]
    grouped = _grouped(mentions)
    assert {k: sorted(m.article_id for m in v) for k, v in grouped.items()} == {
        "United States|Canada|all goods|None": ["a", "c"], "United States|Mexico|all goods|None": ["a", "b"]}


def test_a_country_named_in_a_story_about_a_worldwide_duty_joins_it_unless_its_rate_differs():
    mentions = [
        _mention("a", 0, 50, "United States", (), "in effect", date(2025, 6, 4), "imported steel"),
        _mention("d", 0, 50, "United States", (), "in effect", date(2025, 6, 4), "steel imports"),
        _mention("b", 0, 50, "United States", ("Mexico",), "in effect", date(2025, 6, 5), "acero"),
        _mention("c", 0, 25, "United States", ("United Kingdom",), "in effect", date(2025, 6, 4), "British steel"),
    ]
    grouped = _grouped(mentions)
    assert {k: sorted(m.article_id for m in v) for k, v in grouped.items()} == {
        "United States|all countries|steel|None": ["a", "b", "d"], "United States|United Kingdom|steel|None": ["c"]}


def test_a_country_rate_joins_a_worldwide_duty_only_when_two_stories_name_its_goods_at_that_rate():
    """One story's rate naming no country (its country missed, or its goods taken from its story) does not make a
    worldwide duty for a country's deal at that rate to fall into."""
    mentions = [
        _mention("a", 0, 15, "United States", (), "in effect", date(2025, 9, 1), "auto imports"),  # country missed
        _mention("b", 0, 15, "United States", ("South Korea",), "announced", date(2025, 9, 2), "Korean cars"),
        # "the baseline 10% stays": no goods of its own, it takes the cars of the deal's rate beside it
        _mention("c", 0, 10, "United States", (), "in effect", date(2025, 6, 17), sentence="The baseline 10% stays."),
        _mention("c", 1, 10, "United States", ("United Kingdom",), "in effect", date(2025, 6, 17), "British cars"),
        _mention("d", 0, 10, "United States", ("United Kingdom",), "announced", date(2025, 5, 8), "British cars"),
    ]
    grouped = _grouped(mentions)
    assert {k: sorted(f"{m.article_id}{m.ordinal}" for m in v) for k, v in grouped.items()} == {
        "United States|all countries|autos and parts|None": ["a0", "c0"],
        "United States|South Korea|autos and parts|None": ["b0"],
        "United States|United Kingdom|autos and parts|None": ["c1", "d0"]}


def test_a_country_left_at_a_rate_the_worldwide_duty_has_moved_from_is_a_measure_of_its_own():
    """Sylvania's steel kept at 25% after the duty on every other country went to 50% is not the worldwide duty;
    Ruritania's 25% reported while the worldwide duty stood at 25% is, and so is a rate recalled as replaced."""
    mentions = [
        _mention("a", 0, 25, "United States", (), "in effect", date(2025, 3, 12), "steel imports"),
        _mention("b", 0, 25, "United States", (), "in effect", date(2025, 3, 20), "foreign steel"),
        _mention("c", 0, 50, "United States", (), "in effect", date(2025, 6, 4), "steel imports"),
        _mention("d", 0, 50, "United States", (), "in effect", date(2025, 6, 5), "imported steel"),
        _mention("e", 0, 25, "United States", ("Ruritania",), "in effect", date(2025, 4, 2), "Ruritanian steel"),
        _mention("f", 0, 25, "United States", ("Sylvania",), "in effect", date(2025, 6, 20), "Sylvanian steel"),
        _mention("g", 0, 25, "United States", ("Sylvania",), "previous", date(2025, 6, 21), "Sylvanian steel"),
    ]
    grouped = _grouped(mentions)
    assert {k: sorted(m.article_id for m in v) for k, v in grouped.items()} == {
        "United States|all countries|steel|None": ["a", "b", "c", "d", "e", "g"],
        "United States|Sylvania|steel|None": ["f"]}


def test_one_story_reading_the_old_worldwide_rate_in_effect_after_the_rise_leaves_a_country_s_new_rate_joined():
    """The worldwide steel duty went from 25% to 50%; one later story reads the old 25% as in effect (a recollection
    misread). Ruritania's 50% in effect after that is still the worldwide duty: the duty's rate on a day is the last
    one to come in, not the last one read."""
    mentions = [
        _mention("a", 0, 25, "United States", (), "in effect", date(2025, 3, 12), "steel imports"),
        _mention("b", 0, 25, "United States", (), "in effect", date(2025, 3, 20), "foreign steel"),
        _mention("c", 0, 50, "United States", (), "in effect", date(2025, 6, 4), "steel imports"),
        _mention("d", 0, 50, "United States", (), "in effect", date(2025, 6, 5), "imported steel"),
        _mention("x", 0, 25, "United States", (), "in effect", date(2025, 6, 10), "foreign steel"),
        _mention("e", 0, 50, "United States", ("Ruritania",), "in effect", date(2025, 6, 20), "Ruritanian steel"),
    ]
    grouped = _grouped(mentions)
    assert {k: sorted(m.article_id for m in v) for k, v in grouped.items()} == {
        "United States|all countries|steel|None": ["a", "b", "c", "d", "e", "x"]}


def test_a_rate_on_one_part_of_a_compound_scope_joins_the_whole_when_two_stories_name_it():
    """Steel alone ("doubles the duty on foreign steel") is the steel and aluminium duty two stories or more name
    for the same imposer and targets; one story naming both metals (its country perhaps missed) is not enough."""
    mentions = [
        _mention("a", 0, 25, "United States", (), "in effect", date(2025, 3, 12), "steel and aluminum imports"),
        _mention("b", 0, 25, "United States", (), "in effect", date(2025, 3, 14), "acero y aluminio"),
        _mention("c", 0, 50, "United States", (), "announced", date(2025, 5, 30), "foreign steel"),
        _mention("d", 0, 25, "Freedonia", (), "announced", date(2025, 4, 1), "steel and aluminium"),
        _mention("e", 0, 25, "Freedonia", (), "announced", date(2025, 4, 2), "imported steel"),
    ]
    grouped = _grouped(mentions)
    assert {k: sorted(m.article_id for m in v) for k, v in grouped.items()} == {
        "United States|all countries|steel and aluminium|None": ["a", "b", "c"],
        "Freedonia|all countries|steel and aluminium|None": ["d"], "Freedonia|all countries|steel|None": ["e"]}


def test_a_part_two_stories_report_at_a_rate_the_whole_never_has_is_a_duty_of_its_own():
    """Aluminium at 10% in two stories, beside two stories of a 25% duty on steel and aluminium: a duty of its own,
    not a step of the whole from 25% to 10% and back."""
    mentions = [
        _mention("a", 0, 25, "United States", (), "in effect", date(2018, 3, 23), "steel and aluminum imports"),
        _mention("b", 0, 25, "United States", (), "in effect", date(2018, 3, 24), "steel and aluminium"),
        _mention("c", 0, 10, "United States", (), "in effect", date(2018, 3, 25), "aluminum imports"),
        _mention("d", 0, 10, "United States", (), "in effect", date(2018, 3, 26), "imported aluminium"),
    ]
    grouped = _grouped(mentions)
    assert {k: sorted(m.article_id for m in v) for k, v in grouped.items()} == {
        "United States|all countries|steel and aluminium|None": ["a", "b"],
        "United States|all countries|aluminium|None": ["c", "d"]}


def test_programmes_named_next_to_a_rate_keep_measures_apart_and_other_rates_follow_them():
    fentanyl = "Washington raised the 20% fentanyl tariff on Chinese goods."
    reciprocal = "The reciprocal tariff of 34% on China applies from April 9."
    total = "That brings the total tariff on Chinese goods to 54%."
    mentions = [
        _mention("a", 0, 20, "United States", ("China",), "in effect", date(2025, 3, 4), "goods", fentanyl),
        _mention("b", 0, 34, "United States", ("China",), "announced", date(2025, 4, 2), "goods", reciprocal),
        _mention("b", 1, 54, "United States", ("China",), "announced", date(2025, 4, 2), "goods", total),
        _mention("c", 0, 20, "United States", ("China",), "in effect", date(2025, 4, 5), "goods"),
        _mention("d", 0, 34, "United States", ("China",), "announced", date(2025, 4, 3), "productos"),
    ]
    grouped = _grouped(mentions)
    assert {k: sorted(f"{m.article_id}{m.ordinal}" for m in v) for k, v in grouped.items()} == {
        "United States|China|all goods|fentanyl": ["a0", "c0"],
        "United States|China|all goods|reciprocal": ["b0", "d0"],
        "United States|China|all goods|total": ["b1"]}


def test_a_total_is_a_measure_of_its_own_only_when_it_adds_a_programme_to_other_rates():
    fentanyl = "Washington raised the 20% fentanyl tariff on Chinese goods."
    reciprocal = "The reciprocal tariff of 34% on China applies from April 9."
    combined = "Chinese goods now pay a combined 20% duty."         # the fentanyl duty's rate, described as a sum
    retaliation = "In response to the US reciprocal tariffs, Beijing set a 34% tariff on US goods."
    china_total = "China's tariffs on US goods now total 84%."     # China's one duty: nothing to add up
    japan = "Japanese goods will pay a total of 15%."             # no programme: the total is the duty's rate
    mentions = [
        _mention("a", 0, 20, "United States", ("China",), "in effect", date(2025, 3, 4), "goods", fentanyl),
        _mention("b", 0, 34, "United States", ("China",), "announced", date(2025, 4, 2), "goods", reciprocal),
        _mention("c", 0, 20, "United States", ("China",), "in effect", date(2025, 4, 5), "goods", combined),
        _mention("d", 0, 34, "China", ("United States",), "announced", date(2025, 4, 4), "goods", retaliation),
        _mention("e", 0, 84, "China", ("United States",), "announced", date(2025, 4, 9), "goods", china_total),
        _mention("f", 0, 25, "United States", ("Japan",), "threatened", date(2025, 7, 7), "goods",
                 "Trump threatened a 25% tariff on Japan."),
        _mention("g", 0, 15, "United States", ("Japan",), "announced", date(2025, 7, 23), "goods", japan),
    ]
    grouped = _grouped(mentions)
    assert {k: sorted(m.article_id for m in v) for k, v in grouped.items()} == {
        "United States|China|all goods|fentanyl": ["a", "c"],
        "United States|China|all goods|reciprocal": ["b"],
        "China|United States|all goods|None": ["d", "e"],
        "United States|Japan|all goods|None": ["f", "g"]}


def test_a_rate_replacing_another_is_a_step_of_the_replaced_rates_measure():
    truce = "The truce lowers the U.S. rate on Chinese goods to 30% from 145%."
    mentions = [
        _mention("a", 0, 20, "United States", ("China",), "in effect", date(2025, 3, 4), "goods",
                 "Washington raised the 20% fentanyl tariff on Chinese goods."),
        _mention("b", 0, 145, "United States", ("China",), "in effect", date(2025, 4, 11), "goods",
                 "That brings the total tariff on Chinese goods to 145%."),
        _mention("c", 0, 30, "United States", ("China",), "announced", date(2025, 5, 12), "goods", truce),
        _mention("c", 1, 145, "United States", ("China",), "previous", date(2025, 5, 12), "goods", truce),
    ]
    grouped = _grouped(mentions)
    assert {k: sorted(f"{m.article_id}{m.ordinal}" for m in v) for k, v in grouped.items()} == {
        "United States|China|all goods|fentanyl": ["a0"],
        "United States|China|all goods|total": ["b0", "c0", "c1"]}


def test_a_story_silent_on_goods_takes_the_one_scope_its_article_gives_its_imposer_and_targets():
    mentions = [
        _mention("a", 0, 20.56, "United States", ("Canada",), "announced", date(2025, 8, 8), "softwood lumber",
                 "The anti-dumping rate on softwood lumber rose to 20.56%."),
        _mention("a", 1, 35.53, "United States", ("Canada",), "announced", date(2025, 8, 8), None,
                 "Canfor got 35.53% in anti-dumping duty."),
        _mention("b", 0, 25, "United States", ("Canada",), "in effect", date(2025, 3, 7), None,
                 "Goods not covered by USMCA pay 25%."),
        _mention("b", 1, 10, "United States", ("Canada",), "in effect", date(2025, 3, 7), None,
                 "Trump kept a 10% levy."),
    ]
    grouped = _grouped(mentions)
    assert {k: sorted(f"{m.article_id}{m.ordinal}" for m in v) for k, v in grouped.items()} == {
        "United States|Canada|lumber|anti-dumping": ["a0", "a1"],
        "United States|Canada|goods not covered by USMCA|None": ["b0"],  # an exemption is not the story's goods
        "United States|Canada|all goods|None": ["b1"]}


def test_goods_given_as_examples_of_goods_in_general_do_not_narrow_the_scope():
    mentions = [
        _mention("a", 0, 15, "United States", ("Japan",), "announced", date(2025, 7, 23),
                 "most Japanese products, automobiles and parts included"),
        _mention("b", 0, 15, "United States", ("Japan",), "in effect", date(2025, 8, 7), None,
                 "Estados Unidos cobra un 15% a casi todas las importaciones niponas, automóviles incluidos."),
        _mention("c", 0, 15, "United States", ("Japan",), "announced", date(2025, 7, 24), "Japanese goods"),
        _mention("d", 0, 25, "United States", ("Japan",), "in effect", date(2025, 4, 3), None,
                 "Imports of Japanese cars, including SUVs, pay 25%."),  # the goods before the examples are cars
    ]
    grouped = _grouped(mentions)
    assert {k: sorted(m.article_id for m in v) for k, v in grouped.items()} == {
        "United States|Japan|all goods|None": ["a", "b", "c"], "United States|Japan|autos and parts|None": ["d"]}


def test_a_list_of_examples_ends_where_another_clause_starts():
    from storage.tracker.measures import _examples_left_out

    vocabulary = load_vocabulary()
    text = "Japan will pay 15% on most goods, including cars, while steel and aluminium stay at 50%."
    kept = _examples_left_out(text, vocabulary)
    assert len(kept) == len(text) and "cars" not in kept and "steel and aluminium" in kept
    # folding that changes a text's length ("ß" is "ss") leaves the offsets the text's own
    text = "Straße imports of most goods, including cars, pay 15%."
    kept = _examples_left_out(text, vocabulary)
    assert len(kept) == len(text) and kept.startswith("Straße") and "cars" not in kept


def test_goods_listed_before_and_other_goods_are_examples_of_goods_in_general():
    mentions = [
        _mention("a", 0, 40, "Freedonia", ("Sylvania",), "announced", date(2025, 5, 2), None,
                 "Freedonia plans duties of up to 40% on bicycles and other goods from Sylvania."),
        _mention("b", 0, 40, "Freedonia", ("Sylvania",), "announced", date(2025, 5, 3), None,
                 "Freedonia cobrará un 40% a los automóviles, juguetes y otros productos de Sylvania."),
        _mention("c", 0, 40, "Freedonia", ("Sylvania",), "announced", date(2025, 5, 3), "Sylvanian goods"),
        # goods in general must follow at once: "other upholstered products" are furniture, not goods in general
        _mention("d", 0, 20, "Freedonia", ("Sylvania",), "in effect", date(2025, 5, 4), None,
                 "Freedonia charges 20% on sofas and other upholstered products from Sylvania."),
    ]
    grouped = _grouped(mentions)
    assert {k: sorted(m.article_id for m in v) for k, v in grouped.items()} == {
        "Freedonia|Sylvania|all goods|None": ["a", "b", "c"], "Freedonia|Sylvania|upholstered furniture|None": ["d"]}


def test_a_goods_phrase_given_to_two_rates_of_a_sentence_is_the_nearer_rates():
    """The extractor may give one goods phrase to every rate of a sentence; the farther rate is on the goods
    named next to it, unless it has none (a range of rates) or the two rates are a change of rate."""
    oil = "Sylvanian goods in general will face a 20% tariff, but crude oil from Sylvania will pay 5%."
    farm = "Freedonia set duties on Sylvanian farm products at rates of 12% and 18%."
    raised = "Freedonia lifted its duties on steel and aluminium from 25% to 50%, and Sylvania sells it copper."
    mentions = [
        _mention("a", 0, 20, "Freedonia", ("Sylvania",), "announced", date(2025, 5, 2), "goods in general", oil),
        _mention("a", 1, 5, "Freedonia", ("Sylvania",), "announced", date(2025, 5, 2), "goods in general", oil),
        _mention("b", 0, 12, "Freedonia", ("Sylvania",), "announced", date(2025, 5, 2), "farm products", farm),
        _mention("b", 1, 18, "Freedonia", ("Sylvania",), "announced", date(2025, 5, 2), "farm products", farm),
        _mention("c", 0, 25, "Freedonia", (), "previous", date(2025, 6, 2), "steel and aluminium", raised),
        _mention("c", 1, 50, "Freedonia", (), "in effect", date(2025, 6, 2), "steel and aluminium", raised),
    ]
    assign(mentions, load_vocabulary())
    assert {(m.article_id, m.rate): m.scope for m in mentions} == {
        ("a", 20): "all goods", ("a", 5): "energy", ("b", 12): "agricultural products",
        ("b", 18): "agricultural products", ("c", 25): "steel and aluminium", ("c", 50): "steel and aluminium"}


def test_scopes_are_read_in_english_and_spanish():
    vocabulary = load_vocabulary()
    assert vocabulary.scope_of("acero y aluminio") == "steel and aluminium"
    assert vocabulary.scope_of("steel and aluminum products") == "steel and aluminium"
    assert vocabulary.scope_of("vehículos eléctricos fabricados en China") == "electric vehicles"
    assert vocabulary.scope_of("autopartes") == "autos and parts"
    assert vocabulary.scope_of("aceite de colza") == "canola"
    assert vocabulary.scope_of("mercancías") == "all goods"
    assert vocabulary.scope_of("socio comercial") is None
    # buses are a duty of their own beside trucks and cars; kitchen cabinets are "muebles de cocina" in Spanish
    assert vocabulary.scope_of("imported buses") == "buses"
    assert vocabulary.scope_of("los autobuses") == "buses"
    assert vocabulary.scope_of("muebles de cocina") == "kitchen cabinets and vanities"
    assert vocabulary.scope_of("muebles tapizados") == "upholstered furniture"
    assert vocabulary.scope_of("business services") is None
    # alcohol is named without "alcoholic"; oil and gas together are hydrocarbons in either language
    assert vocabulary.scope_of("a levy on Freedonian alcohol") == "alcoholic beverages"
    assert vocabulary.scope_of("los hidrocarburos de Sylvania") == "energy"
    assert vocabulary.scope_of("liquid hydrocarbons") == "energy"


def test_a_measures_state_follows_its_effective_dates():
    steps = [
        {"step": 1, "rate_pct": 25.0, "status": "announced", "effective": date(2025, 3, 12),
         "first_reported": date(2025, 2, 10)},
        {"step": 2, "rate_pct": 50.0, "status": "announced", "effective": date(2025, 6, 4),
         "first_reported": date(2025, 5, 30)},
        {"step": 3, "rate_pct": 50.0, "status": "removed", "effective": None, "first_reported": date(2025, 12, 1)},
    ]
    assert state_on(steps, date(2025, 2, 20))["status_on"] is None
    assert state_on(steps, date(2025, 2, 20))["next"] == "25% announced from 2025-03-12"
    assert (state_on(steps, date(2025, 4, 1))["rate_in_force"], state_on(steps, date(2025, 4, 1))["status_on"]) \
        == (25.0, "in effect")
    assert state_on(steps, date(2025, 6, 1))["next"] == "50% announced from 2025-06-04"
    assert state_on(steps, date(2025, 7, 1))["rate_in_force"] == 50.0
    assert (state_on(steps, date(2026, 1, 1))["rate_in_force"], state_on(steps, date(2026, 1, 1))["status_on"]) \
        == (None, "removed")


# ------------------------------------------------------------------------------------- order independence


@pytest.fixture(scope="module")
def extractions(pipeline):
    found = pipeline.extract([to_article(r) for r in LINKING_CORPUS])
    return {r["url"]: e for r, e in zip(LINKING_CORPUS, found)}


def _import(db: Path, records: list[dict], extractions: dict, batches: int = 1) -> None:
    """As `tradewire import` stores, links and builds, in `batches` runs (the flow's own stages)."""
    size = max(1, -(-len(records) // batches))
    for start in range(0, len(records), size):
        pending = [Pending(to_article(r), threshold=0.0) for r in records[start:start + size]]
        rows, to_extract, _ = screen(db, pending, gate_relevance=False)
        extracted = [ArticleRow(p.article, "extracted", extraction=extractions[p.article.url]) for p in to_extract]
        with session(db) as con:
            store_articles(con, extracted)
            store_articles(con, rows)
            link_pending(con)
            build_measures(con)


def _tracker(db: Path) -> dict[str, list[tuple]]:
    """The tracker tables, a mention's article named by its group of exact copies: which copy is extracted (and
    holds the mention) depends on the order they arrived in."""
    with session(db, read_only=True) as con:
        group = dict(con.execute("""
            select article_id, min(article_id) over (
                partition by case when status = 'duplicate' then duplicate_of else article_id end)
            from articles""").fetchall())
        tables = {t: con.execute(f"select * from {t}").fetchall() for t in TRACKER_TABLES}
    tables["tariff_step_mentions"] = [(group[row[0]], *row[1:]) for row in tables["tariff_step_mentions"]]
    return {t: sorted(rows, key=repr) for t, rows in tables.items()}


def _steps_of_one_article(pipeline, tmp_path: Path, record: dict, key: str, rest: str) -> list[tuple]:
    """(`key`, rate, effective date) of the steps built from one imported article; `rest` filters and orders."""
    db = tmp_path / "one.duckdb"
    _import(db, [record], {record["url"]: pipeline.extract([to_article(record)])[0]})
    with session(db, read_only=True) as con:
        return con.execute(f"select {key}, s.rate_pct, s.effective from tariff_measure_steps s "
                           f"join tariff_measures m using (measure_id) {rest}").fetchall()


def test_a_start_date_stated_beside_the_goods_dates_their_measures_step(pipeline, tmp_path):
    record = {"url": "https://example.org/ev-surtax", "title": "Canada sets duties on Chinese EVs and metals",
              "published": "2024-08-26", "language": "en", "outlet": "Example Wire",
              "text": "Canada will impose a 100% tariff on Chinese electric vehicles and a 25% surtax on Chinese "
                      "steel and aluminum, the prime minister said on Monday.\n\nThe duties on electric vehicles "
                      "start Oct. 1, and the steel and aluminum surtax on Oct. 15.\n\nBeijing said it was "
                      "studying the plan, announced on Aug. 26."}
    steps = _steps_of_one_article(pipeline, tmp_path, record, "m.scope", "order by s.rate_pct")
    assert steps == [("steel and aluminium", 25.0, date(2024, 10, 15)), ("electric vehicles", 100.0, date(2024, 10, 1))]


def test_a_start_date_whose_sentence_names_no_goods_dates_the_rates_of_the_sentence_before(pipeline, tmp_path):
    record = {"url": "https://example.org/truce", "title": "Washington and Beijing cut tariffs",
              "published": "2025-05-12", "language": "en", "outlet": "Example Wire",
              "text": "Under the deal, the United States will lower its tariffs on Chinese goods to 30% from 145%, "
                      "and China will cut its duties on American goods to 10% from 125%. The lower rates take "
                      "effect on May 14.\n\nSeparately, Canada announced a 25% tariff on American steel on "
                      "Monday."}
    steps = _steps_of_one_article(pipeline, tmp_path, record, "m.imposer",
                                  "where s.status = 'announced' order by m.imposer")
    # the date names no goods: it is the rates' of the sentence before it, not the story's other rates
    assert steps == [("Canada", 25.0, None), ("China", 10.0, date(2025, 5, 14)),
                     ("United States", 30.0, date(2025, 5, 14))]


def test_a_start_date_stated_in_another_sentence_does_not_date_a_rate_already_in_force(pipeline, tmp_path):
    record = {"url": "https://example.org/whiskey", "title": "Canada trims a surtax",
              "published": "2025-05-30", "language": "en", "outlet": "Example Wire",
              "text": "Canada will cut its surtax on American cars to 10% from 25%, while its 15% tariff on "
                      "American whiskey remains in force. The cut applies from June 2."}
    steps = _steps_of_one_article(pipeline, tmp_path, record, "s.status",
                                  "where s.rate_pct != 25 order by s.rate_pct")
    # the date is the cut's: the whiskey rate stands since before the story, from a day it does not give
    assert steps == [("announced", 10.0, date(2025, 6, 2)), ("in effect", 15.0, None)]


@pytest.fixture(scope="module")
def file_order(tmp_path_factory, extractions) -> Path:
    db = tmp_path_factory.mktemp("tracker") / "file-order.duckdb"
    _import(db, LINKING_CORPUS, extractions)
    return db


def test_the_corpus_gives_measures_with_histories(file_order):
    tables = _tracker(file_order)
    assert len(tables["tariff_measures"]) >= 5
    with session(file_order, read_only=True) as con:
        (multi,) = con.execute("select count(*) from tariff_measures where step_count >= 2").fetchone()
        checks = run_checks(con)
    assert multi >= 3
    assert all(check.ok for check in checks), [c.line() for c in checks if not c.ok]


@pytest.mark.parametrize("order", ["reversed", "shuffle-in-3-runs"])
def test_any_import_order_gives_the_same_measures_and_ids(order, file_order, extractions, tmp_path):
    records = list(reversed(LINKING_CORPUS))
    batches = 1
    if order.startswith("shuffle"):
        random.Random(3).shuffle(records)
        batches = 3
    db = tmp_path / "order.duckdb"
    _import(db, records, extractions, batches)
    assert _tracker(db) == _tracker(file_order)


def test_relink_rebuilds_the_same_measures(file_order, tmp_path):
    db = tmp_path / "relinked.duckdb"
    db.write_bytes(file_order.read_bytes())
    result = invoke("relink", "--db", str(db))
    assert result.exit_code == 0 and "measures" in result.output, result.output
    assert _tracker(db) == _tracker(file_order)


# ------------------------------------------------------------------------------------- checks


def _broken_copy(source: Path, target: Path, statement: str) -> list:
    target.write_bytes(source.read_bytes())
    with session(target) as con:
        con.execute(statement)
    with session(target, read_only=True) as con:
        return run_checks(con)


def test_check_finds_a_step_whose_mention_is_gone(file_order, tmp_path):
    checks = _broken_copy(file_order, tmp_path / "gone.duckdb", """
        delete from tariffs where (article_id, ordinal) in (select article_id, ordinal from tariff_step_mentions
                                                            limit 1)""")
    (tracker,) = [c for c in checks if c.name == "tariff measures"]
    assert not tracker.ok and "point at no stored tariff mention" in tracker.detail


def test_check_finds_a_measure_without_steps(file_order, tmp_path):
    checks = _broken_copy(file_order, tmp_path / "stepless.duckdb", """
        delete from tariff_measure_steps where measure_id = (select min(measure_id) from tariff_measures)""")
    (tracker,) = [c for c in checks if c.name == "tariff measures"]
    assert not tracker.ok and "measures have no step" in tracker.detail


def test_re_storing_an_article_takes_its_mentions_out_of_the_measures(file_order, extractions, tmp_path):
    """A run killed between storing and building leaves mentions waiting, never a step pointing at nothing."""
    db = tmp_path / "restored.duckdb"
    db.write_bytes(file_order.read_bytes())
    record = next(r for r in LINKING_CORPUS if extractions[r["url"]].tariffs)
    changed = to_article(dict(record, text=record["text"] + "\n\nThe story was updated."))
    with session(db) as con:
        store_articles(con, [ArticleRow(changed, "extracted", extraction=extractions[record["url"]])])
        checks = run_checks(con)
    (tracker,) = [c for c in checks if c.name == "tariff measures"]
    assert tracker.ok, tracker.line()
    waiting = sum(1 for t in extractions[record["url"]].tariffs if t.imposer)
    assert f"{waiting} mentions waiting" in tracker.detail


# ------------------------------------------------------------------------------------- the demo and the CLI


def test_the_demo_shows_three_measures_with_steps_reported_by_different_articles(demo_db):
    """Each of at least three measures has two or more steps, and its steps can be told by distinct articles."""
    with session(demo_db, read_only=True) as con:
        rows = con.execute("""
            select measure_id, step, list(distinct article_id) from tariff_step_mentions
            group by measure_id, step order by measure_id, step""").fetchall()
    by_measure: dict[str, list[set[str]]] = {}
    for measure_id, _, articles in rows:
        by_measure.setdefault(measure_id, []).append(set(articles))
    shown = [m for m, steps in by_measure.items() if len(steps) >= 2 and _distinct_articles(steps)]
    assert len(shown) >= 3, by_measure
    assert "us-all-steel-and-aluminium" in shown


def _distinct_articles(steps: list[set[str]]) -> bool:
    """Whether every step can be given an article of its own (a matching of steps to their articles)."""
    owner: dict[str, int] = {}

    def place(index: int, seen: set[str]) -> bool:
        for article in sorted(steps[index]):
            if article in seen:
                continue
            seen.add(article)
            if article not in owner or place(owner[article], seen):
                owner[article] = index
                return True
        return False

    return all(place(index, set()) for index in range(len(steps)))


def test_tariffs_command_gives_the_rate_on_a_date(demo_db):
    def steel_on(day: str) -> dict:
        result = invoke("tariffs", "--db", str(demo_db), "--product", "acero", "--in-effect-on", day,
                        "--format", "json")
        assert result.exit_code == 0, result.output
        return next(m for m in json.loads(result.stdout) if m["measure_id"] == "us-all-steel-and-aluminium")

    assert steel_on("2025-02-20")["next"] == "25% announced from 2025-03-12"
    assert steel_on("2025-04-01")["rate_in_force"] == 25.0
    assert (steel_on("2025-07-01")["rate_in_force"], steel_on("2025-07-01")["status_on"]) == (50.0, "in effect")


def test_tariffs_command_filters_and_formats(demo_db):
    as_json = json.loads(invoke("tariffs", "--db", str(demo_db), "--imposer", "canada", "--format", "json").stdout)
    assert as_json and {m["imposer"] for m in as_json} == {"Canada"}
    as_csv = invoke("tariffs", "--db", str(demo_db), "--imposer", "canada", "--format", "csv").stdout
    assert as_csv.splitlines()[0].startswith("measure_id,imposer,targets,scope")
    assert len(as_csv.splitlines()) == len(as_json) + 1
    hit_canada = json.loads(invoke("tariffs", "--db", str(demo_db), "--target", "Canada", "--format", "json").stdout)
    assert all("Canada" in m["targets"] or m["targets"] == ["all countries"] for m in hit_canada)
    table = invoke("tariffs", "--db", str(demo_db)).stdout
    assert "us-all-steel-and-aluminium" in table


def test_tariff_command_prints_a_history_with_its_sources(demo_db):
    result = invoke("tariff", "us-all-steel-and-aluminium", "--db", str(demo_db), "--format", "json")
    assert result.exit_code == 0, result.output
    measure = json.loads(result.stdout)
    assert measure["imposer"] == "United States" and measure["scope"] == "steel and aluminium"
    rates = [step["rate_pct"] for step in measure["history"]]
    assert rates.index(25.0) < rates.index(50.0)
    assert all(step["sources"] for step in measure["history"])
    assert all(s["url"].startswith("http") and s["sentence"] for step in measure["history"] for s in step["sources"])
    as_csv = invoke("tariff", "us-all-steel-and-aluminium", "--db", str(demo_db), "--format", "csv").stdout
    assert as_csv.splitlines()[0] == "step,rate_pct,status,effective,first_reported,published,outlet,title,url,sentence"
    missing = invoke("tariff", "no-such-measure", "--db", str(demo_db))
    assert missing.exit_code == 1 and "no tariff measure" in missing.output


def test_the_demo_run_built_the_measures_and_checks_them(demo_db):
    with session(demo_db, read_only=True) as con:
        checks = run_checks(con)
        counts = con.execute("select counts from runs").fetchall()
    (tracker,) = [c for c in checks if c.name == "tariff measures"]
    assert tracker.ok and "0 mentions waiting" in tracker.detail
    assert any(json.loads(c)["measures"] > 0 for (c,) in counts)



def test_goods_listed_before_other_goods_of_a_named_kind_are_read_where_they_stand():
    # Spanish names the kind after "otros productos": milk and cheese are examples of dairy goods, not of goods in
    # general, and stay the rate's scope
    mentions = [_mention("a", 0, 25, "Freedonia", ("Sylvania",), "announced", date(2025, 5, 2), None,
                         "Freedonia impuso un 25% a la leche, el queso y otros productos lácteos de Sylvania.")]
    assert list(_grouped(mentions)) == ["Freedonia|Sylvania|dairy|None"]


def test_a_rate_sharing_its_goods_phrase_reads_no_goods_past_a_comma():
    # two steps of one schedule share the lumber; the furniture after the comma is what the duties do, not what
    # the later step is on. The nearer-rate rule still gives the 5% the oil of its own clause.
    lumber = "Duties on Sylvanian lumber rise to 15% in May and 30% in August, lifting furniture costs."
    oil = "Sylvanian goods in general will face a 20% tariff, but crude oil from Sylvania will pay 5%."
    mentions = [
        _mention("a", 0, 15, "Freedonia", ("Sylvania",), "announced", date(2025, 5, 2), "Sylvanian lumber", lumber),
        _mention("a", 1, 30, "Freedonia", ("Sylvania",), "announced", date(2025, 5, 2), "Sylvanian lumber", lumber),
        _mention("b", 0, 20, "Freedonia", ("Sylvania",), "announced", date(2025, 5, 2), "goods in general", oil),
        _mention("b", 1, 5, "Freedonia", ("Sylvania",), "announced", date(2025, 5, 2), "goods in general", oil),
    ]
    assign(mentions, load_vocabulary())
    assert {(m.article_id, m.rate): m.scope for m in mentions} == {
        ("a", 15): "lumber", ("a", 30): "lumber", ("b", 20): "all goods", ("b", 5): "energy"}
