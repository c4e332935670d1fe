"""tradewire_quotes: quotations and reported speech, with who said them.

A rule component in the shape of spaCy's SpanRuler: `__call__` runs `match(doc)` then
`set_annotations(doc, matches)`. It writes `extractors.records.Quote` records to `doc._.quotes` (one per
contiguous quoted span, plus indirect speech) and their spans to `doc.spans["quotes"]` (label = kind).

- Quotation marks are read by `extractors.quotes.marks` (every common style, nesting, quotes carried over
  paragraphs, unpaired marks limited to their paragraph).
- English (`language="en"`, the statistical pipeline): cues and speakers from the dependency parse and the
  named entities (`extractors.quotes.english`).
- Spanish (`language="es"`, blank tokenizer + sentencizer): cue words and capitalised names around the
  quotation (`extractors.quotes.spanish`).
- Speakers are resolved to the fullest name the article gives (`extractors.quotes.speakers`,
  `extractors.quotes.people`), government bodies to a stable English name (`extractors.quotes.institutions`);
  when the leaders component ran first, a speaker overlapping one of its mentions takes that mention's
  canonical name. Unnamed people and groups get their description as written ("a senior official"), or
  None with `describe_unnamed=False`.

The package's other modules are listed in `extractors/quotes/__init__.py`.

Kinds: "direct" — the quotation is the whole of what is reported; "partial" — quoted words inside a
reported clause or named by the writer ("what he called “…”"); "indirect" — reported speech without
quotation marks ("X said that …", "according to X, …"), its span being the reported clause.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from typing import Any

from spacy.language import Language
from spacy.scorer import Scorer
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import registry

from extractors.quotes.english import EnglishQuotes
from extractors.quotes.layout import Found
from extractors.quotes.marks import quoted_regions
from extractors.quotes.people import people_from_doc
from extractors.quotes.spanish import SpanishQuotes
from extractors.quotes.voices import give_countries_their_voice
from extractors.records import QUOTE_KINDS, Quote

SPANS_KEY = "quotes"

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


def quotes_score(examples: Iterable[Example], *, spans_key: str = SPANS_KEY, **kwargs: Any) -> dict[str, Any]:
    """Span P/R/F of `doc.spans[spans_key]` against the reference docs, per kind (labelled spans).

    examples (Iterable[Example]): predicted and reference docs.
    spans_key (str): the SpanGroup both docs keep their quotes in.
    RETURNS (dict): Scorer.score_spans' "spans_quotes_p/r/f" and "spans_quotes_per_type".
    """
    kwargs = dict(kwargs)
    kwargs.setdefault("attr", f"spans_{spans_key}")
    kwargs.setdefault("allow_overlap", True)
    kwargs.setdefault("labeled", True)
    kwargs.setdefault("getter", lambda doc, key: doc.spans.get(key[len("spans_"):], []))
    kwargs.setdefault("has_annotation", lambda doc: spans_key in doc.spans)
    return Scorer.score_spans(examples, **kwargs)


@registry.scorers("tradewire.quotes_scorer.v1")
def make_quotes_scorer() -> Callable[..., dict[str, Any]]:
    return quotes_score


@Language.factory(
    "tradewire_quotes",
    assigns=["doc._.quotes", "doc.spans"],
    default_config={
        "language": "en",
        "single_quotes": "auto",
        "indirect": True,
        "describe_unnamed": True,
        "scorer": {"@scorers": "tradewire.quotes_scorer.v1"},
    },
    default_score_weights={"spans_quotes_f": 1.0, "spans_quotes_p": 0.0, "spans_quotes_r": 0.0},
)
def make_quotes(nlp: Language, name: str, language: str, single_quotes: str | bool, indirect: bool,
                describe_unnamed: bool, scorer: Callable | None) -> "QuoteExtractor":
    return QuoteExtractor(nlp, name, language=language, single_quotes=single_quotes, indirect=indirect,
                          describe_unnamed=describe_unnamed, scorer=scorer)


class QuoteExtractor:
    """Finds quotations and reported speech and who said them."""

    def __init__(self, nlp: Language, name: str = "tradewire_quotes", *, language: str = "en",
                 single_quotes: str | bool = "auto", indirect: bool = True, describe_unnamed: bool = True,
                 scorer: Callable | None = quotes_score) -> None:
        """Initialise the component.

        nlp (Language): the pipeline (unused; spaCy passes it to every factory).
        name (str): the component's name in the pipeline.
        language (str): "en" reads the parse and entities; "es" works on tokens and sentences only.
        single_quotes (str | bool): read ‘…’ and '…' as quotation marks (where they are not apostrophes):
            "auto" when the document uses them as its main quotation marks, True always, False never.
        indirect (bool): also report indirect speech (kind "indirect").
        describe_unnamed (bool): for unnamed people and groups give the description as the article writes
            it ("a senior administration official", "one Clinton aide", "analistas del sector") as speaker,
            so that a reader of the output sees who spoke; False gives None (the gold guidelines' null).
            True by default: it cannot lower speaker accuracy on the gold set (its direct and partial quotes
            all have named speakers) and raises it on PolNeAR (see bench/quotes.py). Quoted words built into
            a sentence ("partial") are still only reported for a named person or body.
        scorer (Callable | None): the scoring method, `quotes_score` by default.
        """
        if language not in ("en", "es"):
            raise ValueError(f"tradewire_quotes: language must be 'en' or 'es', not {language!r}")
        self.name = name
        self.language = language
        self.single_quotes = single_quotes
        self.indirect = indirect
        self.describe_unnamed = describe_unnamed
        self.scorer = scorer

    def __call__(self, doc: Doc) -> Doc:
        """Find the quotes of `doc` and write them to doc._.quotes and doc.spans["quotes"].

        doc (Doc): the document (English: parsed; Spanish: sentence-split).
        RETURNS (Doc): the same doc.
        """
        matches = self.match(doc)
        self.set_annotations(doc, matches)
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in stream:
            yield self(doc)

    def match(self, doc: Doc) -> list[Found]:
        """The quotes of `doc` as Found records (character offsets, kind, resolved speaker), in text order.

        doc (Doc): the document.
        RETURNS (list[Found]): one record per contiguous quoted span, then indirect reports.
        """
        text = doc.text
        if not text.strip() or not len(doc):
            return []
        regions = quoted_regions(text, single_quotes=self.single_quotes)
        leaders = _leader_spans(doc)
        if self.language == "es":
            found = SpanishQuotes(doc, regions, leaders, self.describe_unnamed).run(self.indirect)
        else:
            quoted = [(r.open_at, r.close_at if r.close_at is not None else r.end) for r in regions]
            found = EnglishQuotes(doc, regions, people_from_doc(doc, quoted, leaders),
                                  self.describe_unnamed).run(self.indirect)
        give_countries_their_voice(found, text)
        if not self.indirect:
            found = [f for f in found if f.kind != "indirect"]
        return [f for f in found if f.kind in QUOTE_KINDS and f.start < f.end]

    def set_annotations(self, doc: Doc, matches: list[Found]) -> None:
        """Write `matches` to doc._.quotes (Quote records) and doc.spans["quotes"] (spans labelled by kind).

        doc (Doc): the document.
        matches (list[Found]): what `match` returned.
        """
        records: list[Quote] = []
        spans: list[Span] = []
        sentenced = bool(matches) and (doc.has_annotation("SENT_START") or doc.has_annotation("DEP"))
        text = doc.text
        sentences = [(s.start_char, s.end_char) for s in doc.sents] if sentenced else [(0, len(text))]
        sentence_starts = [a for a, _ in sentences]
        for found in matches:
            a, b = sentences[max(0, bisect.bisect_right(sentence_starts, found.start) - 1)]
            records.append(Quote(text=text[found.start:found.end], speaker=found.speaker, kind=found.kind,
                                 start=found.start, end=found.end, sentence=text[a:b]))
            span = doc.char_span(found.start, found.end, label=found.kind, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc._.quotes = records
        doc.spans[SPANS_KEY] = spans

    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        """Score the component's spans against reference docs (see `quotes_score`)."""
        return self.scorer(examples, **kwargs) if self.scorer else {}

    # no weights and no state beyond the config: serialisation is a no-op
    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return b""

    def from_bytes(self, bytes_data: bytes, *, exclude: Iterable[str] = ()) -> "QuoteExtractor":
        return self

    def to_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> None:
        return None

    def from_disk(self, path: Any, *, exclude: Iterable[str] = ()) -> "QuoteExtractor":
        return self


def _leader_spans(doc: Doc) -> list[tuple[int, int, str]]:
    """(start, end, canonical name) of the leaders component's mentions, when it ran."""
    if not Doc.has_extension("leaders"):
        return []
    mentions = doc._.leaders or []
    out = []
    for mention in mentions:
        name = getattr(mention, "name", None)
        start = getattr(mention, "start", None)
        end = getattr(mention, "end", None)
        if name and isinstance(start, int) and isinstance(end, int):
            out.append((start, end, name))
    return sorted(out)
