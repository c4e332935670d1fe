"""The `tradewire_cached_attribute_ruler` component: spaCy's attribute ruler with its one-token rules remembered.

The English pipeline's attribute ruler (part of speech, morphology and a few lemmas from the tagger's tag, the
parser's label and the word) runs a Matcher of 179 patterns over every token of every Doc: 13.5 % of the whole
pipeline's time on PolNeAR news texts, as much as the parser. 171 of those patterns look at one token only, and
only at its tag, dependency label, lowercase form and whether it is whitespace; a word that no pattern names
(nor matches by regular expression) behaves like any other such word. So which one-token patterns match is a
function of (the word's class, tag, label), a small set: this component asks spaCy's own Matcher about each
combination once, on the first token that has it, remembers the answer, and runs the Matcher only for the
patterns that span several tokens ("gon na", "let 's"). The rules are applied as spaCy applies them: every
match of a token in pattern order, later ones winning, with spaCy's own `set_token_attrs`. On PolNeAR's 840
train texts and our 282 (corpus, gold, linking), every token got the same tag, part of speech, morphology,
lemma, label, head and entity as with spaCy's ruler, and the model's pipeline took 101 s of CPU instead
of 118 s (`tradewire extract` gave the same bytes for the 840 texts).

A model whose one-token patterns look at anything else (a token's shape, its length, a quantifier) keeps spaCy's
ruler: `use_cached_attribute_ruler` leaves it in place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

from extractors.pipe_swap import swap_pipe

# What a one-token pattern may look at for its matches to be a function of the key below.
_KEYED = {"TAG", "DEP", "IS_SPACE", "LOWER"}
_WORD_PREDICATES = {"IN", "NOT_IN", "REGEX"}


class CachedAttributeRuler:
    """Applies `ruler`'s rules (spaCy's AttributeRuler); one-token matches cached per (word class, tag, label)."""

    def __init__(self) -> None:
        self.ruler: AttributeRuler | None = None
        self._single: Matcher | None = None    # the one-token patterns, asked once per key
        self._multi: Matcher | None = None     # the longer ones, run on every Doc
        self._named: set[str] = set()          # words some pattern names (LOWER: value, IN or NOT_IN lists)
        self._regexes: list[re.Pattern] = []   # LOWER REGEX predicates
        self._word_class: dict[int, Any] = {}  # lowercase form's id -> its class
        self._matches: dict[tuple, tuple[int, ...]] = {}  # (class, is_space, tag, label) -> rule numbers

    def wrap(self, ruler: AttributeRuler) -> None:
        """Apply the rules of `ruler` (spaCy's AttributeRuler, whose patterns `cacheable` accepted)."""
        self.ruler = ruler
        self._single, self._multi = Matcher(ruler.vocab), Matcher(ruler.vocab)
        for number, entry in enumerate(ruler.patterns):
            one = [p for p in entry["patterns"] if len(p) == 1]
            longer = [p for p in entry["patterns"] if len(p) != 1]
            if one:
                self._single.add(str(number), one)
            if longer:
                self._multi.add(str(number), longer)
            for token in (t for p in one for t in p):
                word = token.get("LOWER")
                if isinstance(word, str):
                    self._named.add(word)
                elif isinstance(word, dict):
                    self._named.update(word.get("IN", ()), word.get("NOT_IN", ()))
                    if "REGEX" in word:
                        self._regexes.append(re.compile(word["REGEX"]))

    def __call__(self, doc: Doc) -> Doc:
        """Set the rules' attributes on every token they match.

        doc (Doc): a tagged and parsed document.
        RETURNS (Doc): the same document.
        """
        if self.ruler is None:
            raise ValueError("tradewire_cached_attribute_ruler wraps nothing: use `use_cached_attribute_ruler(nlp)`")
        strings = doc.vocab.strings
        by_token: dict[int, list[int]] = {}
        for match_id, start, end in self._multi(doc, allow_missing=True):
            number = int(strings[match_id])
            index = self.ruler.indices[number]
            by_token.setdefault(start + index if index >= 0 else end + index, []).append(number)
        rows = doc.to_array([LOWER, IS_SPACE, TAG, DEP]).tolist()
        attrs = self.ruler.attrs
        for i, (lower, space, tag, label) in enumerate(rows):
            key = (self._class_of(lower, strings), space, tag, label)
            numbers = self._matches.get(key)
            if numbers is None:
                found = self._single(doc[i:i + 1], allow_missing=True)
                numbers = self._matches[key] = tuple(sorted(int(strings[m]) for m, _, _ in found))
            if i in by_token:
                numbers = tuple(sorted(numbers + tuple(by_token[i])))
            if numbers:
                token = doc[i]
                for number in numbers:
                    set_token_attrs(token, attrs[number])
        return doc

    def _class_of(self, lower: int, strings) -> Any:
        """A word the patterns name is its own class; any other word is classed by the regular expressions it
        matches (all the patterns can tell apart)."""
        found = self._word_class.get(lower)
        if found is None:
            text = strings[lower]
            found = self._word_class[lower] = lower if text in self._named else \
                tuple(bool(r.search(text)) for r in self._regexes)
        return found

    def score(self, examples: Iterable, **kwargs) -> dict:
        """The wrapped ruler's scores (tag, part of speech, morphology, lemma): `nlp.evaluate` keeps them."""
        return self.ruler.score(examples, **kwargs) if self.ruler is not None else {}

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in stream:
            yield self(doc)


def cacheable(ruler: AttributeRuler) -> bool:
    """Whether every one-token pattern of `ruler` looks only at what the cache is keyed on, and every rule
    changes a token its matches contain (as spaCy checks when it applies one)."""
    for number, entry in enumerate(ruler.patterns):
        for pattern in entry["patterns"]:
            index = ruler.indices[number]
            if not -len(pattern) <= index < len(pattern):
                return False
            if len(pattern) != 1:
                continue
            (token,) = pattern
            if not set(token) <= _KEYED:
                return False
            word = token.get("LOWER")
            if isinstance(word, dict) and not set(word) <= _WORD_PREDICATES:
                return False
            if word is not None and not isinstance(word, (str, dict)):
                return False
    return True


@Language.factory("tradewire_cached_attribute_ruler")
def make_cached_attribute_ruler(nlp: Language, name: str) -> CachedAttributeRuler:
    """An empty wrapper: `use_cached_attribute_ruler` puts the pipeline's own ruler in it."""
    return CachedAttributeRuler()


def use_cached_attribute_ruler(nlp: Language) -> None:
    """Replace `nlp`'s "attribute_ruler" by a CachedAttributeRuler around it, at the same place and under the
    same name; a ruler whose patterns the cache cannot key stays as it is."""
    if "attribute_ruler" not in nlp.pipe_names or not cacheable(nlp.get_pipe("attribute_ruler")):
        return
    cached, original = swap_pipe(nlp, "attribute_ruler", "tradewire_cached_attribute_ruler")
    cached.wrap(original)
