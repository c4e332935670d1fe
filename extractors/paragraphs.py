"""A blank line ends a sentence: the spaCy component `tradewire_paragraphs`.

Why: in news text a sentence never runs across a paragraph break, but neither of our segmenters knows that.
A headline or a bullet has no full stop, so Spanish's sentencizer (punctuation only) runs it into the next
paragraph, and English's parser sometimes joins them too. The joined "sentence" then misleads every rule that
reads a sentence: a headline ("Carney says Canada will match US tariffs") became the reported speech of the
lead below it, the lead's own speech was missed, and a percentage's measure read across the break.

The component runs before the segmenter and presets the boundary, which both keep: the parser treats preset
sentence starts as constraints, and the sentencizer leaves them alone (its `overwrite` is False, spaCy's
default). At every gap of whitespace holding `min_newlines` line breaks, the first word after the gap starts a
sentence, and the whitespace tokens of the gap do not, so they stay at the end of the sentence before it, as
the parser puts them elsewhere.

Around the preset start the component also rules starts out, for the parser's sake: it is a greedy transition
parser, and where a start is forced on it, the other moves left to it near the boundary are to break one
token off instead — the paragraph's closing quote mark or the first word of a paragraph ("Mexico" alone, "and
Canada close ranks …" next). With the start alone, the English tune texts of tests/corpus got 19 sentences that
are a closing quote mark and 2 that are one word, against 1 and 0 without the component. So the punctuation
that closes the paragraph before the gap and the token after the first word never start a sentence (neither
does in running text); with them, 0 and 0.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("tradewire_paragraphs", default_config={"min_newlines": 2})
def make_paragraphs(nlp: Language, name: str, min_newlines: int) -> "ParagraphBreaks":
    """`min_newlines`: how many line breaks a run of whitespace needs to end a sentence (2: a blank line,
    spaces and tabs on it allowed; 1 would make every line of the text a sentence of its own)."""
    return ParagraphBreaks(min_newlines=min_newlines)


class ParagraphBreaks:
    """Marks the first word after a blank line as a sentence start (see the module's docstring)."""

    def __init__(self, min_newlines: int = 2) -> None:
        if min_newlines < 1:
            raise ValueError(f"min_newlines must be at least 1, not {min_newlines}")
        # A gap: `min_newlines` line breaks with other whitespace between them, then any whitespace up to the
        # next word (the match ends where that word starts).
        self._gap = re.compile(r"\n(?:[^\S\n]*\n){%d}\s*" % (min_newlines - 1))

    def __call__(self, doc: Doc) -> Doc:
        # The starts are read and written as one array: Token.is_sent_start checks the whole Doc's annotation
        # on every call, which cost 5 ms an article (PolNeAR texts) against 0.5 ms this way.
        offsets, spaces, puncts = (column.tolist() for column in doc.to_array([IDX, IS_SPACE, IS_PUNCT]).T)
        starts = {offset: i for i, (offset, space) in enumerate(zip(offsets, spaces)) if not space}
        if not starts:
            return doc
        sent_starts = doc.to_array([SENT_START]).astype(numpy.int64)  # 1 starts, -1 does not, 0 not known
        last = len(doc) - 1
        for gap in self._gap.finditer(doc.text, min(starts)):  # a gap before the first word ends no sentence
            word = starts.get(gap.end())
            if word is not None:
                sent_starts[word] = 1
                if word < last:
                    sent_starts[word + 1] = -1
            before = last if word is None else word - 1  # None: the gap ends the text
            while before > 0 and spaces[before]:
                sent_starts[before] = -1
                before -= 1
            # the closing punctuation of the paragraph before, back to its words (or to a paragraph's start)
            while before > 0 and puncts[before] and sent_starts[before] != 1:
                sent_starts[before] = -1
                before -= 1
        doc.from_array([SENT_START], sent_starts.astype(numpy.uint64))
        return doc
