"""The cached attribute ruler (extractors/attribute_rules.py) sets on every token what spaCy's own ruler sets."""

from __future__ import annotations

import json
from pathlib import Path

import spacy

from extractors.attribute_rules import CachedAttributeRuler, use_cached_attribute_ruler
from extractors.lemmas import use_cached_lemmatizer
from extractors.nlp import COMPONENTS, EN_MODEL, extraction_from_doc

GOLD = Path(__file__).resolve().parent / "gold" / "gold.jsonl"

TEXTS = [
    "The tariffs were imposed on Monday, and officials said the duties would be raised again in June.",
    "“We're not going to back down,” he said. I told you it's done; they gave it to me and you.",
    # the rules that span two tokens (gon na, got ta, let 's, c'm on, y' all, ai n't) and the regular expressions
    "We're gonna win, y'all. Let's go! C'mon, it ain't over, nothin' doing, we gotta go.",
    # whitespace tokens, "there is", auxiliaries, "but" as an adverb, subordinating "that" and "if"
    "There is a tariff.\n\n  There's more; there were others.\t But she did, and he has said that if it works…",
    "Does it matter? Have they? He had the steel he needed, but it's all but over.",
]


def attributes(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


def test_the_cached_ruler_sets_what_spacys_ruler_sets(en):
    assert isinstance(en.get_pipe("attribute_ruler"), CachedAttributeRuler)
    reference = spacy.load(EN_MODEL)  # spaCy's own ruler (and lemmatizer), as the model ships them
    for text in TEXTS * 2:  # the second time every one-token match comes from the cache
        assert attributes(en(text)) == attributes(reference(text))
    aint = en("It ain't over.")
    assert [t.lemma_ for t in aint][1:3] == ["be", "not"]


def test_a_ruler_with_rules_the_cache_cannot_key_stays_spacys():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LENGTH": 3}]], {"LEMMA": "three"})  # a token's length is not part of the cache's key
    use_cached_attribute_ruler(nlp)
    assert nlp.get_pipe("attribute_ruler") is ruler
    assert [t.lemma_ for t in nlp("Tax cut now")] == ["three", "three", "three"]


def test_extractions_are_the_same_as_with_spacys_ruler(en):
    """Our components on top of spaCy's own ruler, against the pipeline as built: the same records on every
    English document of the gold set."""
    stock = spacy.load(EN_MODEL)
    use_cached_lemmatizer(stock)
    stock.add_pipe("tradewire_paragraphs", before="parser")  # as extractors.nlp segments
    for name in COMPONENTS:
        stock.add_pipe(name, config={"language": "en"})
    documents = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [d["text"] for d in documents if d.get("language", "en") == "en"]
    assert len(texts) > 30
    ours = [extraction_from_doc(doc) for doc in en.pipe(texts)]
    theirs = [extraction_from_doc(doc) for doc in stock.pipe(texts)]
    assert ours == theirs
    assert sum(len(e.quotes) + len(e.tariffs) for e in ours) > 100
