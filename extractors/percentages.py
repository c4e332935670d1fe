"""The `tradewire_percentages` component: every percentage in a text, its value, what it measures, its type.

Percentages are found by `lexicon.find_percentages` over the text (all written forms, both languages). Each
is then typed, in this order:

- "share" when it is "X % of <something>" / "X % de <algo>" (but "un 25 % de aranceles" is a tariff), or
  "poll" instead when the sentence speaks of a poll or survey;
- "tariff" when it is the rate of a tariff: linked by the dependency parse to a tariff noun (English), or
  within a few filler words of one ("aranceles del 25 %", "duties of up to 38 per cent", "a 25% levy"),
  or in a list after a tariff rate ("25% in most cases and 50% on metals"), or in "from X% to Y%" with one;
- "poll" when the sentence speaks of a poll/survey; "share" after verbs like "account for", "represent";
- "change" when a verb or noun of change governs it ("rose 3%", "a 2% decline", "cayó un 2 %") or it is in
  percentage points;
- "other" otherwise.

`measure` is a short phrase from the sentence: "share of <of-object>" (with the subject: "Canada's share of
Mexico's exports"), "tariff on <products>", "change in <subject>", or the noun the figure qualifies.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.scorer import PRFScore
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import registry

from extractors.lexicon import CHANGE_WORDS, POLL_WORDS, SHARE_WORDS, PercentMatch, find_percentages
from extractors.tariffs.rates import TariffRates, heads, spanish_verb
from extractors.tariffs.words import is_tariff_noun
from extractors import record_codec  # noqa: F401  (records cross process borders)
from extractors.records import Percentage

SPANS_KEY = "percentages"
if not Doc.has_extension("percentages"):
    Doc.set_extension("percentages", default=None)


@registry.scorers("tradewire.percentages_scorer.v1")
def make_percentages_scorer() -> Callable[[Iterable[Example]], dict[str, Any]]:
    return score_percentages


def score_percentages(examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
    """P/R/F of percentages against `example.reference._.percentages` records.

    `percentages_p/r/f`: per document, the multiset of values (as the project's evaluation counts them);
    `percentages_span_f`: exact (start, end, value); `percentages_type_acc`: share of value-matched items whose
    type is right.
    """
    values, spans = PRFScore(), PRFScore()
    typed = right = 0
    for example in examples:
        gold = example.reference._.percentages or []
        pred = example.predicted._.percentages or []
        g_values, p_values = Counter(round(p.value, 2) for p in gold), Counter(round(p.value, 2) for p in pred)
        tp = sum((g_values & p_values).values())
        values.tp += tp
        values.fp += sum(p_values.values()) - tp
        values.fn += sum(g_values.values()) - tp
        g_spans = {(p.start, p.end, round(p.value, 2)) for p in gold}
        p_spans = {(p.start, p.end, round(p.value, 2)) for p in pred}
        spans.score_set(p_spans, g_spans)
        gold_types = {(p.start, p.end): p.type for p in gold}
        for item in pred:
            if (item.start, item.end) in gold_types:
                typed += 1
                right += gold_types[(item.start, item.end)] == item.type
    return {"percentages_p": values.precision, "percentages_r": values.recall, "percentages_f": values.fscore,
            "percentages_span_f": spans.fscore, "percentages_type_acc": right / typed if typed else None}


@Language.factory(
    "tradewire_percentages",
    assigns=["doc._.percentages", "doc.spans"],
    default_config={"language": "en", "scorer": {"@scorers": "tradewire.percentages_scorer.v1"}},
    default_score_weights={"percentages_f": 1.0, "percentages_p": 0.0, "percentages_r": 0.0,
                           "percentages_span_f": 0.0, "percentages_type_acc": 0.0},
)
def make_percentages(nlp: Language, name: str, language: str, scorer: Callable | None) -> "PercentageFinder":
    return PercentageFinder(nlp, name, language=language, scorer=scorer)


class PercentageFinder:
    """Finds percentages; writes `doc._.percentages` (Percentage records) and `doc.spans["percentages"]`.

    nlp (Language): the pipeline (only its vocabulary is used).
    name (str): the component's name in the pipeline.
    language (str): "en" (uses the dependency parse when the pipeline has one) or "es" (rules over tokens).
    scorer (Callable | None): the scoring function, `score_percentages` by default.
    """

    def __init__(self, nlp: Language, name: str = "tradewire_percentages", *, language: str = "en",
                 scorer: Callable | None = score_percentages) -> None:
        self.name = name
        self.language = "es" if language == "es" else "en"
        self.scorer = scorer

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[tuple[Span, Percentage]]:
        """The percentages of `doc`, in text order: each token span with its finished record (value, type, what
        it measures, offsets, sentence)."""
        found = []
        for match in find_percentages(doc.text, self.language):
            span = doc.char_span(match.start, match.end, alignment_mode="expand")
            if span is not None and len(span):
                found.append((span, match))
        parsed = doc.has_annotation("DEP")
        rates = TariffRates(doc, self.language)
        types = [self.classify(doc, span, match, parsed, rates) for span, match in found]
        types = rates.propagate([span for span, _ in found], types, [m.points for _, m in found])
        return [(span, Percentage(value=match.value, measure=self.measure(doc, span, kind, parsed), type=kind,
                                  start=match.start, end=match.end, sentence=span.sent.text))
                for (span, match), kind in zip(found, types)]

    def set_annotations(self, doc: Doc, matches: list[tuple[Span, Percentage]]) -> None:
        """Write the records to `doc._.percentages` and their spans, labelled by type, to `doc.spans`."""
        doc._.percentages = [record for _, record in matches]
        doc.spans[SPANS_KEY] = [Span(doc, span.start, span.end, label=record.type) for span, record in matches]

    # -- typing --------------------------------------------------------------------------------------------
    def classify(self, doc: Doc, span: Span, match: PercentMatch, parsed: bool, rates: TariffRates) -> str:
        sentence = span.sent
        lang = self.language
        words = {t.lower_ for t in sentence}
        poll = bool(words & POLL_WORDS[lang])
        after = doc[span.end: min(span.end + 3, sentence.end)]
        if len(after) >= 2 and after[0].lower_ in ("of", "de", "del") and not is_tariff_noun(after[1], lang) \
                and not (len(after) > 2 and is_tariff_noun(after[2], lang)) and not _names_a_place(doc, span.end + 1):
            return "poll" if poll else "share"
        if not match.points and rates.is_rate(span):
            return "tariff"
        if poll:
            return "poll"
        near = doc[max(sentence.start, span.start - 4): span.start]
        if any(t.lower_ in SHARE_WORDS[lang] or t.lemma_ in SHARE_WORDS[lang] for t in near):
            return "share"
        if match.points or self._is_change(doc, span, parsed):
            return "change"
        return "other"

    def _is_change(self, doc: Doc, span: Span, parsed: bool) -> bool:
        lang = self.language
        before = doc[max(span.sent.start, span.start - 3): span.start]
        if before and before[-1].lower_ in ("to", "a", "al", "hasta", "at", "from", "desde"):
            return False  # a level ("rose to 3%", "up from 25%"), not the size of a change
        if any(t.lower_ in CHANGE_WORDS[lang] or t.lemma_ in CHANGE_WORDS[lang] for t in before):
            return True
        if parsed:
            for token in heads(span, 2):
                if token.lemma_ in CHANGE_WORDS[lang] or token.lower_ in CHANGE_WORDS[lang]:
                    return True
                if token.lower_ in ("to", "at"):
                    return False
        after = doc[span.end: min(span.end + 2, span.sent.end)]
        return any(t.lower_ in CHANGE_WORDS[lang] or t.lower_ in ("más", "menos", "more", "less", "higher",
                                                                   "lower") for t in after)

    # -- measure -------------------------------------------------------------------------------------------
    def measure(self, doc: Doc, span: Span, kind: str, parsed: bool) -> str | None:
        sentence = span.sent
        after = doc[span.end: sentence.end]
        if kind in ("share", "poll") and len(after) > 1 and after[0].lower_ in ("of", "de", "del"):
            obj = _phrase(after[1:], 8)
            owner = _subject(span) if parsed and kind == "share" else None
            if kind == "poll":
                return f"respondents: {obj}" if obj else "poll"
            return f"{owner}'s share of {obj}" if owner else f"share of {obj}"
        if kind == "tariff":
            preps = ("sobre", "a", "al", "contra") if self.language == "es" else ("on", "for", "against")
            products = _after_preposition(after, preps, 6, within=2)
            if products is None:  # "tariffs on Mexican and Canadian goods, 25% in most cases": the noun's phrase
                nouns = [t for t in doc[sentence.start: span.start] if is_tariff_noun(t, self.language)]
                if nouns:
                    products = _after_preposition(doc[nouns[-1].i + 1: sentence.end], preps, 6, within=2)
            word = "arancel" if self.language == "es" else "tariff"
            joiner = " sobre " if self.language == "es" else " on "
            return f"{word}{joiner}{products}" if products else word
        if kind == "change":
            subject = _subject(span) if parsed else None
            if subject:
                return f"change in {subject}"
        if parsed:
            head = span.root.head
            if head.pos_ in ("NOUN", "PROPN") and head not in span:
                return _phrase([t for t in head.subtree if t not in span and t.dep_ != "det"], 6)
            subject = _subject(span)
            if subject:
                return subject
        before = [t for t in doc[max(sentence.start, span.start - 4): span.start] if t.is_alpha]
        return " ".join(t.text for t in before[-3:]) or None

    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        """Score a batch of examples with the component's scorer (see `score_percentages`)."""
        return self.scorer(examples, **kwargs) if self.scorer else {}


def _names_a_place(doc: Doc, index: int) -> bool:
    """ "25 % de EE.UU.": a proper name (not possessive) after "of"/"de" says who, not of what. Not an English
    demonym on a noun ("90% of Peruvian exports"): that is a share of the goods it qualifies."""
    while index < len(doc) and doc[index].lower_ in ("the", "el", "la", "los", "las"):
        index += 1
    if index >= len(doc) or not doc[index].text[:1].isupper() or doc[index].pos_ == "ADJ":
        return False
    nxt = doc[index + 1] if index + 1 < len(doc) else None
    return nxt is None or nxt.lower_ not in ("'s", "’s")


_PHRASE_END = frozenset("last this in en while mientras que which starting from desde a partir durante since "
                        "until hasta after tras".split())
_LEADING = frozenset("the a an el la los las un una unos unas".split())


def _phrase(tokens, limit: int) -> str | None:
    """A short phrase: the first words of `tokens`, to punctuation, a verb, a number or a clause word."""
    words = []
    for token in tokens:
        if token.is_punct and token.text not in ("'", "’", "-") or token.lower_ in _PHRASE_END or \
                token.like_num or token.text[:1].isdigit() or token.pos_ in ("VERB", "AUX") or \
                (not token.doc.has_annotation("TAG") and spanish_verb(token)) or \
                (token.lower_ in ("and", "y") and token.i + 1 < len(token.doc) and
                 (token.doc[token.i + 1].like_num or token.doc[token.i + 1].text[:1].isdigit())):
            break
        if not words and token.lower_ in _LEADING:
            continue
        words.append(token)
        if len(words) >= limit:
            break
    text = "".join(t.text_with_ws for t in words).strip()
    return text or None


def _after_preposition(tokens: Span, preps: tuple[str, ...], limit: int, within: int = 4) -> str | None:
    for index, token in enumerate(tokens[:within]):
        if token.lower_ in preps:
            return _phrase(tokens[index + 1:], limit)
    return None


def _subject(span: Span) -> str | None:
    for token in heads(span, 2):
        if token.pos_ in ("VERB", "AUX"):
            for child in token.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child not in span:
                    tokens = [t for t in child.subtree if t.dep_ != "det"]
                    if len(tokens) <= 5:
                        return "".join(t.text_with_ws for t in tokens).strip()
            return None
    return None
