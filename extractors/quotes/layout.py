"""Where the quotations sit among the tokens: the language-independent layer under english and
spanish.

`QuoteLayout` maps each quoted region (marks.Region) to tokens, marks every token with the region it
stands in, and cuts the document into *units*: sentences, joined where a quotation runs over a sentence
boundary, and cut at line breaks. A quotation's frame starts from the units it touches.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc

from extractors.quotes.marks import Region

# The share of a reported clause's letters that may stand outside the marks for the quotation to be "direct"
# (the whole of what is reported: wire style, and PolNeAR's line); above it the quoted words are "partial".
DIRECT_MAX_UNQUOTED = 0.2


def mostly_quoted(quoted: int, unquoted: int) -> bool:
    """Letters inside the marks against the clause's letters outside them: a direct quotation."""
    return quoted > 0 and unquoted / (quoted + unquoted) < DIRECT_MAX_UNQUOTED


def paragraph_start(text: str, at: int, back: int = 0) -> int:
    """Character offset where the paragraph holding `at` starts, or the one `back` paragraphs before."""
    start = at
    for _ in range(back + 1):
        start = text.rfind("\n", 0, max(0, start - 1))
        while start > 0 and text[start - 1] == "\n":
            start -= 1
        if start <= 0:
            return 0
    return start + 1


@dataclass
class Found:
    """One quotation (or indirect report) found: character offsets into doc.text."""

    start: int
    end: int
    kind: str
    speaker: str | None
    chain: int = 0
    speaker_start: int = -1


class QuoteLayout:
    """Token-level view of a document's quotations.

    doc (Doc): the document (any pipeline that sets sentence starts).
    regions (list[Region]): its quoted regions, in order.
    """

    def __init__(self, doc: Doc, regions: list[Region]) -> None:
        self.doc = doc
        self.text = doc.text
        self.regions = regions
        self.tok_starts = [t.idx for t in doc]
        self.region_of = [-1] * len(doc)  # quotation index per token, marks included; -1 outside
        self.region_tokens: list[tuple[int, int]] = []  # tokens of the quoted words [a, b)
        self.region_marks: list[tuple[int, int]] = []  # tokens from the opening to the closing mark [a, b)
        for index, region in enumerate(regions):
            a = self.token_at(region.start)
            b = self.token_at(region.end - 1) + 1
            ma = self.token_at(region.open_at)
            mb = self.token_at(region.close_at) + 1 if region.close_at is not None else b
            self.region_tokens.append((a, b))
            self.region_marks.append((ma, mb))
            for i in range(ma, mb):
                if self.region_of[i] == -1:
                    self.region_of[i] = index
        self.quoted = [(r.open_at, r.close_at if r.close_at is not None else r.end) for r in regions]
        self.units = self._units()
        self._unit_bounds: dict[int, tuple[int, int]] = {}

    # ------------------------------------------------------------------ tokens and units
    def token_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.tok_starts, char) - 1)

    def newline_before(self, i: int) -> bool:
        doc = self.doc
        return i > 0 and ("\n" in doc[i - 1].whitespace_ or "\n" in doc[i - 1].text or "\n" in doc[i].text)

    def _units(self) -> list[int]:
        """Unit number per token: sentences, joined where a quotation crosses their boundary, cut at line
        breaks. A sentence the segmenter starts right after an opening mark starts at the mark instead."""
        doc = self.doc
        starts = {t.i for t in doc if t.is_sent_start}
        for ma, _ in self.region_marks:
            if ma + 1 in starts and ma not in starts:
                starts.discard(ma + 1)
                starts.add(ma)
        unit = [0] * len(doc)
        current = 0
        for i in range(len(doc)):
            if i > 0:
                index = self.region_of[i]
                opens = index != -1 and self.region_marks[index][0] == i
                if opens and i in starts and not self._ends_sentence(i - 1):
                    starts.discard(i)  # "The president called it | “…”": the segmenter cut at the mark
                if self.newline_before(i) or i in starts and (index == -1 or opens):
                    current += 1
            unit[i] = current
        return unit

    def _ends_sentence(self, i: int) -> bool:
        """Token i closes a sentence: final punctuation, possibly followed by a closing mark."""
        doc = self.doc
        while i >= 0 and doc[i].is_space:
            i -= 1
        if i < 0:
            return True
        text = doc[i].text
        if text in ("”", "»", '"', "’", "'", "«", "“") and i > 0:
            text = doc[i - 1].text
        return text[-1:] in (".", "!", "?", ":", ";", "…") or self.newline_before(i + 1)

    def unit_range(self, i: int) -> tuple[int, int]:
        """Tokens [a, b) of the unit holding token i."""
        u = self.units[i]
        if u in self._unit_bounds:
            return self._unit_bounds[u]
        a = i
        while a > 0 and self.units[a - 1] == u:
            a -= 1
        b = i
        while b < len(self.doc) and self.units[b] == u:
            b += 1
        self._unit_bounds[u] = (a, b)
        return a, b

    def with_colon_intro(self, a: int, ma: int) -> int:
        """The start of a quotation's frame: unit `a`, or, when the quotation opens its unit (a == ma) right
        after a colon ("He put it bluntly: “…”"), the start of the unit that introduces it."""
        if a == ma and a > 0:
            k = a - 1
            while k > 0 and self.doc[k].is_space:
                k -= 1
            if self.doc[k].text == ":" and self.region_of[k] == -1:
                return self.unit_range(k)[0]
        return a

    def break_between(self, i: int, j: int) -> bool:
        """A line break between tokens i < j."""
        return i < j and "\n" in self.text[self.doc[i].idx:self.doc[j].idx]

    def alnum(self, i: int, j: int) -> int:
        """Letters and digits in tokens [i, j)."""
        return sum(sum(c.isalnum() for c in self.doc[k].text) for k in range(i, j))

    def quoted_any(self, i: int, j: int) -> bool:
        return any(self.region_of[k] != -1 for k in range(i, j))

    def inner_text(self, index: int) -> str:
        region = self.regions[index]
        return self.text[region.start:region.end]

    def after_close(self, index: int) -> int:
        """Character offset just after the region's closing mark (or its end when unclosed)."""
        region = self.regions[index]
        return region.close_at + 1 if region.close_at is not None else region.end
