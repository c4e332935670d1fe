"""The `tradewire_tariffs` component: one record per tariff rate, with imposer, targets, products and status.

It reads the rates `tradewire_percentages` typed "tariff" (doc.spans["percentages"]) and the leader mentions of
`tradewire_leaders` (doc._.leaders). Each rate first gets what its own sentence states (a `Reading`):
- English from the dependency parse (clause.py): the imposer is a country, capital or leader qualifying the
  tariff noun ("US tariffs", "Trump's tariffs"), the subject of a relative clause on it ("the tariffs Canada
  put"), an agent or a border after it ("imposed by Washington", "at the US border"), the importer ("let into
  the Canadian market"), or the subject of the verb that governs it when that verb imposes ("Trump is set to
  impose", "Ottawa hit back with"); the targets are the countries of what it is laid "on" / "against" / "from",
  else those on the receiving end (the subject of "face", "pay", "be subject to", "answer"); the products the
  goods phrase of the same ("steel and aluminium", "imports", never a date or an amount);
- Spanish over tokens (targets.py, imposer.py, es_clause.py): "a/al/sobre/contra ..." phrases, qualifiers
  ("aranceles estadounidenses", "aranceles de EE.UU."), the government subject of the verbs that govern the
  tariff ("Canadá informó que aplicará", "el gobierno canadiense anunció"), recognised by their forms
  (es_verbs.py);
- its status (status.py, tense.py).
Tariff nouns without a rate ("Mexican lawmakers voted for a measure raising tariffs on goods from China") are read
the same way. Then discourse.py fills what a sentence leaves unsaid from the rates near it, the government acting
in the story, and the default imposer. Countries are normalised with the knowledge base's lexicon (US / U.S. /
Washington / the United States).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.scorer import PRFScore
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import registry

from extractors.config import CONFIG_DIR
from extractors.kb import load_kb
from extractors.lexicon import CountryFinder
from extractors import record_codec  # noqa: F401  (records cross process borders)
from extractors.records import Tariff
from extractors.tariff_vocabulary import load_vocabulary
from extractors.tariffs.discourse import Mentions, Reading, resolve
from extractors.tariffs.effective import EffectiveDates
from extractors.tariffs.stated import add_stated_dates
from extractors.tariffs.status import TariffContext
from extractors.tariffs.words import ORIGIN, PLAN_NOUNS, is_tariff_noun, names_a_deal

SPANS_KEY = "tariffs"
if not Doc.has_extension("tariffs"):
    Doc.set_extension("tariffs", default=None)


@registry.scorers("tradewire.tariffs_scorer.v1")
def make_tariffs_scorer() -> Callable[[Iterable[Example]], dict[str, Any]]:
    return score_tariffs


def score_tariffs(examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
    """P/R/F of tariffs against `example.reference._.tariffs` records.

    `tariffs_p/r/f`: per document, the multiset of (rate, imposer, set of targets) (as the project's evaluation
    counts them); `tariffs_status_acc`: share of those matched records whose status is right too.
    """
    score = PRFScore()
    matched = right = 0
    for example in examples:
        gold = example.reference._.tariffs or []
        pred = example.predicted._.tariffs or []
        key = lambda t: (round(t.rate_pct, 2), t.imposer, frozenset(t.targets))  # noqa: E731
        g, p = Counter(map(key, gold)), Counter(map(key, pred))
        tp = sum((g & p).values())
        score.tp += tp
        score.fp += sum(p.values()) - tp
        score.fn += sum(g.values()) - tp
        g_status = Counter((key(t), t.status) for t in gold)
        p_status = Counter((key(t), t.status) for t in pred)
        matched += tp
        right += sum((g_status & p_status).values())
    return {"tariffs_p": score.precision, "tariffs_r": score.recall, "tariffs_f": score.fscore,
            "tariffs_status_acc": right / matched if matched else None}


@Language.factory(
    "tradewire_tariffs",
    assigns=["doc._.tariffs", "doc.spans"],
    default_config={"language": "en", "kb_dir": None, "default_imposer": "United States",
                    "scorer": {"@scorers": "tradewire.tariffs_scorer.v1"}},
    default_score_weights={"tariffs_f": 1.0, "tariffs_p": 0.0, "tariffs_r": 0.0, "tariffs_status_acc": 0.0},
)
def make_tariffs(nlp: Language, name: str, language: str, kb_dir: str | None, default_imposer: str | None,
                 scorer: Callable | None) -> "TariffFinder":
    return TariffFinder(nlp, name, language=language, kb_dir=kb_dir, default_imposer=default_imposer, scorer=scorer)


class TariffFinder:
    """Builds tariff records from the tariff rates; writes `doc._.tariffs` and `doc.spans["tariffs"]`.

    nlp (Language): the pipeline; its tokenizer builds the country patterns.
    name (str): the component's name in the pipeline.
    language (str): "en" (uses the dependency parse when present) or "es" (rules over tokens).
    kb_dir (str | None): folder with countries.toml (and leaders.toml); None = the project's config/.
    default_imposer (str | None): the imposer of a rate when neither its sentence nor its document names one
        (the United States: most tariffs in 2024-2026 trade news are American); None leaves it unknown.
    scorer (Callable | None): the scoring function, `score_tariffs` by default.
    Needs `tradewire_percentages` (and, for leaders as imposers, `tradewire_leaders`) before it.
    """

    def __init__(self, nlp: Language, name: str = "tradewire_tariffs", *, language: str = "en",
                 kb_dir: str | Path | None = None, default_imposer: str | None = "United States",
                 scorer: Callable | None = score_tariffs) -> None:
        self.name = name
        self.default_imposer = default_imposer
        self.language = "es" if language == "es" else "en"
        self.scorer = scorer
        kb = load_kb(Path(kb_dir) if kb_dir else CONFIG_DIR)
        self.countries = CountryFinder(nlp.vocab, nlp.make_doc, kb, self.language)
        # "U.S.-made", "China-built": one token that the country patterns cannot see into.
        self.origin_prefixes = {form.text: form.country for form in kb.country_forms(self.language)
                                if form.kind in ("name", "demonym")}
        self.vocabulary = load_vocabulary()  # the goods a start date of another sentence names (stated.py)
        self.sectoral_scopes = {scope.name for scope in self.vocabulary.scopes if scope.sectoral}

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def context(self, doc: Doc) -> TariffContext:
        """What the rules need of one document: its countries (and "U.S.-made" words), leaders and parse."""
        country_at: dict[int, tuple[str, str]] = {}
        for span, form in self.countries(doc):
            for i in range(span.start, span.end):
                country_at[i] = (form.country, form.kind)
        for token in doc:
            prefix, dash, word = token.text.rpartition("-")
            if dash and word.lower() in ORIGIN and prefix in self.origin_prefixes and token.i not in country_at:
                country_at[token.i] = (self.origin_prefixes[prefix], "demonym")
        if self.language == "es":
            # "a ese país europeo", "una nación europea": the Union's demonym after a noun of one country names a
            # country of the continent (the story's), not the Union, a union of countries
            for i in [i for i, (country, kind) in country_at.items() if kind == "demonym" and
                      country == "European Union" and i > 0 and doc[i - 1].lower_ in ("país", "nación")]:
                del country_at[i]
        leader_at: dict[int, tuple[str | None, int]] = {}
        for record in doc._.leaders or []:
            span = doc.char_span(record.start, record.end, alignment_mode="expand")
            if span is not None:
                for i in range(span.start, span.end):
                    leader_at[i] = (record.country, span.start)
        return TariffContext(doc, self.language, country_at, leader_at)

    def match(self, doc: Doc) -> list[tuple[Span, Tariff]]:
        rates = [s for s in doc.spans.get("percentages", []) if s.label_ == "tariff"]
        values = {(p.start, p.end): p.value for p in (doc._.percentages or [])}
        context = self.context(doc)
        # every sentence's countries, read once: each rate takes its sentence's, the story takes all (`Mentions`)
        named = {sentence.start: context.countries_named(sentence) for sentence in doc.sents} if rates else {}
        readings: list[Reading] = []
        taken: set[tuple[int, int]] = set()
        for index, rate in enumerate(rates):
            value = _value_of(rate, values, taken)
            if value is None:
                continue
            anchor = context.anchor(rate)
            products, targets = context.products_and_targets(rate, anchor)
            if products is None and not context.parsed:
                products = context.paying_goods(rate)
            imposer, receiving = context.imposer(rate, anchor)
            bracketed = context.bracketed_targets(rate, imposer) if context.parsed else []
            if bracketed:  # "Peru (12%)", "12 percent (Peru)": the brackets name whom the rate hits
                targets, receiving = bracketed, []
            if imposer in targets and anchor is not None and context.qualifier(anchor) == imposer:
                # The country that qualifies the tariff noun imposes it; a phrase naming it as well is the goods
                # of another duty ("will answer the 25% U.S. tariffs with duties of its own on American exports").
                targets = [t for t in targets if t != imposer]
            if not targets and not receiving:
                receiving = context.receivers(rate, anchor)
            if not targets or not context.parsed:
                # In English what the rate is laid "on" says whom it hits before who faces or agrees to it.
                targets += [c for c in receiving if c not in targets and c != imposer]
            buyer = context.importer(rate) or (
                context.imports_buyer(rate) if context.parsed else context.collector(rate))
            if buyer is not None and buyer == imposer:
                targets = [t for t in targets if t != buyer]
            if imposer in targets:
                imposer = None  # "Japanese Prime Minister ... agreed to a 15% tariff on Japanese cars"
            worldwide = context.worldwide(rate, anchor)
            if not targets:
                targets = context.listed_countries(rate)
            # the next rate is the next one in the text: both ends of "5%-15%" are rate spans over the same words
            following = next((r for r in rates[index + 1:] if r.start >= rate.end), None)
            status = context.status(rate, anchor, following)
            readings.append(Reading(rate, value, imposer, targets, products, worldwide and not targets, status,
                                    answering=not context.parsed and context.answers(rate),
                                    quota=context.parsed and context.beyond_quota(rate),
                                    named=named[rate.sent.start],
                                    sectoral=self.names_sectoral_goods(rate.sent) and not names_a_deal(rate.sent)))
        if not context.parsed:
            context.respective(readings)  # Spanish: "del 10 % y 15 %, respectivamente"
        # Tariffs named without a rate say who acts in the story too ("Mexican lawmakers voted for a measure
        # raising tariffs on goods from China"): they take part in the discourse, and give no record.
        anchors = {r.span.start for r in readings} | {i for r in readings for i in range(r.span.start, r.span.end)}
        for r in list(readings):
            anchor = context.anchor(r.span)
            if anchor is not None:
                anchors.add(anchor.i)
        for token in doc:
            if token.i in anchors or not is_tariff_noun(token, self.language) or \
                    (token.dep_ == "compound" and token.head.lemma_.lower() not in PLAN_NOUNS) or \
                    token.i > 0 and doc[token.i - 1].lower_ in ("no", "non", "non-"):
                continue  # "Japan's chief tariff negotiator", "barreras no arancelarias" name no tariff
            mention = doc[token.i: token.i + 1]
            products, targets = context.products_and_targets(mention, token)
            imposer, receiving = context.imposer(mention, token)
            targets += [c for c in receiving if c not in targets and c != imposer]
            if imposer in targets:
                imposer = None
            if imposer is not None or targets:
                readings.append(Reading(mention, None, imposer, targets, products, False, "announced",
                                        lays=not context.parsed and context.lays(mention, imposer)))
        readings.sort(key=lambda r: r.span.start)
        # The first rate of a range ("10% to 15% on U.S. farm goods") names the goods the second one does.
        for first, second in zip(readings, readings[1:]):
            if first.span.sent == second.span.sent and second.span.start - first.span.end <= 3 and \
                    first.products is None:
                first.products = second.products
        resolve(readings, self.default_imposer, lambda exclude: context.focus_country(exclude=exclude), self.language,
                _mentions(named))
        readings = [r for r in readings if r.value is not None]
        effective = EffectiveDates(doc._.published, self.language)
        found = [(r.span, Tariff(rate_pct=r.value, imposer=r.imposer, targets=r.targets, products=r.products,
                                 status=r.status, start=r.span.start_char, end=r.span.end_char,
                                 sentence=r.span.sent.text,
                                 effective=effective.of(r.span, r.status)))
                 for r in readings]
        add_stated_dates(doc.text, [t for _, t in found], self.vocabulary)
        return found

    def names_sectoral_goods(self, sentence: Span) -> bool:
        """Whether a sentence names goods of a scope whose duties are laid by sector, on every country alike
        (config/tariff_measures.toml: steel, autos, trucks, lumber, pharmaceuticals ...)."""
        return any(scope in self.sectoral_scopes for _, _, scope in self.vocabulary.goods_in(sentence.text))

    def set_annotations(self, doc: Doc, matches: list[tuple[Span, Tariff]]) -> None:
        doc._.tariffs = [record for _, record in matches]
        doc.spans[SPANS_KEY] = [Span(doc, span.start, span.end, label=record.status) for span, record in matches]

    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        """Score a batch of examples with the component's scorer (see `score_tariffs`)."""
        return self.scorer(examples, **kwargs) if self.scorer else {}


def _mentions(named: dict[int, dict[str, bool]]) -> Mentions:
    """Where the story names each country first, and which it names as hit anywhere, from the countries each
    sentence names (by its first token, in text order)."""
    mentions = Mentions()
    for start, countries in named.items():
        for country, hit in countries.items():
            mentions.first.setdefault(country, start)
            if hit:
                mentions.hit.add(country)
    return mentions


def _value_of(span: Span, values: dict[tuple[int, int], float], taken: set[tuple[int, int]]) -> float | None:
    """The value of the first percentage inside the rate's span that no earlier rate took: a range written as one
    word ("5%-15%", "12-14 %") gives two rate spans over the same words, the first end and then the second. The
    percentage component makes one span per percentage, over the tokens of its own match, so rates taken in text
    order always find one left: there is no fallback to a value already taken."""
    inside = [key for key in values if span.start_char <= key[0] < span.end_char]
    key = next((k for k in inside if k not in taken), None)
    if key is None:
        return None
    taken.add(key)
    return values[key]
