"""The cached lemmatizer (extractors/lemmas.py) gives every token the lemma spaCy's own lemmatizer gives."""

from __future__ import annotations

import spacy

from extractors.lemmas import CachedLemmatizer
from extractors.nlp import EN_MODEL

TEXTS = [
    "The tariffs were imposed on Monday, and officials said the duties would be raised again in June.",
    "Canada's prime minister told reporters the counter-tariffs were working; exports fell 3% in April.",
    "She has been saying for weeks that the talks are going better than the markets expected.",
    "Steelmakers, automakers and farmers are bracing for higher costs as shipments slow.",
    "“We're not going to back down,” he said. The ministers met, ate and argued until late.",
]


def test_the_cached_lemmatizer_gives_spacys_lemmas(en):
    assert isinstance(en.get_pipe("lemmatizer"), CachedLemmatizer)
    reference = spacy.load(EN_MODEL)  # spaCy's own lemmatizer, as the model ships it
    for text in TEXTS * 2:  # the second time every lemma comes from the cache
        ours = en(text)
        theirs = reference(text)
        assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]
    assert [t.lemma_ for t in en("The tariffs were imposed")] == ["the", "tariff", "be", "impose"]


def test_nlp_evaluate_keeps_the_wrapped_components_scores(en):
    """The cached attribute ruler and lemmatizer score as the components they wrap, so `nlp.evaluate` still
    reports part of speech, morphology and lemmas."""
    from spacy.training import Example

    reference = spacy.load(EN_MODEL)
    examples = [Example(en.make_doc(text), reference(text)) for text in TEXTS]
    scores = en.evaluate(examples)
    assert {"pos_acc", "morph_acc", "lemma_acc"} <= set(scores)
    assert scores["lemma_acc"] == 1.0  # the same lemmas as spaCy's own lemmatizer
