"""Quoted regions of a text, found from the quotation marks alone (no tokenizer, no parser).

`quoted_regions(text)` scans the text paragraph by paragraph (a paragraph is a line) and returns one `Region`
per contiguous quoted span, its offsets pointing at the quoted words without the marks. It understands

- curly double quotes “…”, low-high „…“ / „…”, guillemets «…» and reversed »…«, straight "…" (and ″);
- single quotes ‘…’ and straight '…' used as the outer quotation marks (British style), told apart from
  apostrophes (don’t, the leaders’ meeting, ’90s) by what stands on either side of the mark. By default
  ("auto") they are read only in a document that uses them as its main marks; elsewhere single quotes are
  nested quotations or headline/scare quotes. The typewriter pair ''…'' of some archives is not read as
  quotation marks (the PolNeAR scorer does not either), but ’’ closing an open “ is;
- quotes nested one level inside another (“… ‘…’ …”): they stay part of the outer region;
- quotes that run over several paragraphs: news style leaves the quote open at the end of a paragraph and
  reopens it at the start of the next, so the open region ends with its paragraph and the next one starts
  a new region of the same `chain` (one record per contiguous span, linked so that one speaker serves all);
- unpaired marks: a quote still open at the end of its paragraph (and not carried on) ends there, so a
  stray mark costs at most the rest of one paragraph, never the rest of the document; a closing mark with
  nothing open is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass

# Opening mark -> the marks that may close it.
DOUBLE_PAIRS = {
    "“": "”“",  # “…” (English); “…“ is a common typo for the closer
    "„": "“”",  # „…“ (German, Czech…) and „…” (Polish, Romanian…)
    "«": "»",
    "»": "«",  # »…« (German, Danish typesetting)
    '"': '"',
    "″": "″",
}
SINGLE_PAIRS = {"‘": "’‘", "‚": "‘’", "'": "'", "‹": "›", "›": "‹"}
OPENING_PUNCT = "([{—–-/"
CLOSING_PUNCT = ".,;:!?)]}—–-…"


@dataclass
class Region:
    """A quoted span: `start`/`end` bound the quoted text (marks and edge spaces excluded, end exclusive).

    `open_at` / `close_at` are the offsets of the marks (None when the paragraph ended without a closing
    mark); `chain` numbers the quotation a region belongs to (regions of a quote carried over several
    paragraphs share it); `mark` is the opening mark.
    """

    start: int
    end: int
    open_at: int
    close_at: int | None
    chain: int
    mark: str

    @property
    def closed(self) -> bool:
        return self.close_at is not None


def _left_flanking(text: str, i: int, lo: int, hi: int) -> bool:
    """The mark at i can open: it starts the paragraph or follows a space/opening punctuation, and a
    non-space follows it."""
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    opens = before.isspace() or before in OPENING_PUNCT or before in DOUBLE_PAIRS or before in "”“"
    return opens and not after.isspace()


def _right_flanking(text: str, i: int, lo: int, hi: int) -> bool:
    """The mark at i can close: a non-space precedes it and a space, punctuation or the end follows it."""
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    return not before.isspace() and (after.isspace() or after in CLOSING_PUNCT or after in "”\"'’»«")


def _is_apostrophe(text: str, i: int, lo: int, hi: int) -> bool:
    """’ or ' inside a word (don't), eliding a start (’90s, 'em) or ending a plural possessive (leaders’ )."""
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if before.isalnum() and after.isalnum():
        return True
    if (before.isspace() or i == lo) and after.isdigit():
        return True
    return False


def _single_closer(text: str, i: int, lo: int, hi: int, mark: str) -> int | None:
    """Where the single quote opened at i closes within [i, hi), or None (then it was no quote)."""
    closers = SINGLE_PAIRS[mark]
    fallback = None
    j = i + 1
    while j < hi:
        ch = text[j]
        if ch in closers and not _is_apostrophe(text, j, lo, hi) and _right_flanking(text, j, lo, hi):
            before = text[j - 1]
            after = text[j + 1] if j + 1 < hi else " "
            # "leaders’ meeting": an s before the mark and a lower-case word after it is a possessive.
            possessive = before in "sS" and after == " " and j + 2 < hi and text[j + 2].islower()
            if not possessive:
                return j
            if fallback is None:
                fallback = j
        j += 1
    return fallback


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _starts_with_opener(text: str, lo: int, hi: int, mark: str) -> bool:
    k = lo
    while k < hi and text[k].isspace():
        k += 1
    if k >= hi:
        return False
    ch = text[k]
    if mark in SINGLE_PAIRS:
        return ch in SINGLE_PAIRS or ch in DOUBLE_PAIRS
    return ch in DOUBLE_PAIRS or ch == "”" and k + 1 < hi and not text[k + 1].isspace()


def quoted_regions(text: str, *, single_quotes: bool | str = "auto") -> list[Region]:
    """Every quoted region of `text`, in order (see the module docstring).

    text (str): the document text; offsets of the result point into it.
    single_quotes (bool | "auto"): read ‘…’ and '…' as the outer quotation marks (where they are not
        apostrophes). "auto" does so only when the document uses them as its main quotation marks (more
        single- than double-quoted regions, as in British style); otherwise single quotes are nested
        quotations or headline/scare quotes and are left alone.
    RETURNS (list[Region]): the regions, each with its chain number.
    """
    if single_quotes == "auto":
        doubles = _scan(text, singles=False)
        if "‘" not in text and "'" not in text or text.count("''") >= 2:
            # no single marks at all, or ''…'' quotations (single marks inside them are nested quotes)
            return doubles
        singles = _scan(text, singles=True)
        n_single = sum(1 for r in singles if r.mark in SINGLE_PAIRS)
        n_double = sum(1 for r in singles if r.mark not in SINGLE_PAIRS)
        return singles if n_single > n_double else doubles
    return _scan(text, singles=bool(single_quotes))


def _chain(carried: tuple[str, int] | None, opens_paragraph: bool, chains: int) -> tuple[int, int]:
    """(chain of a quotation opening here, chains so far): the carried quote's chain when it reopens at the
    paragraph's start, else a new chain."""
    if carried is not None and opens_paragraph:
        return carried[1], chains
    return chains + 1, chains + 1


def _scan(text: str, *, singles: bool) -> list[Region]:
    regions: list[Region] = []
    paragraphs = _paragraphs(text)
    chains = 0
    carried: tuple[str, int] | None = None  # (mark, chain) of a quote left open at the last paragraph's end

    def add(a: int, b: int, open_at: int, close_at: int | None, chain: int, mark: str) -> None:
        a, b = _trimmed(text, a, b)
        if a < b:
            regions.append(Region(a, b, open_at, close_at, chain, mark))

    for index, (lo, hi) in enumerate(paragraphs):
        if lo == hi:
            continue  # blank lines never end a carried quote
        first = lo
        while first < hi and text[first].isspace():
            first += 1
        if carried is not None and not _starts_with_opener(text, lo, hi, carried[0]):
            carried = None
        open_at: int | None = None
        mark = ""
        chain = 0
        nested: str | None = None  # closers of a quote of another style opened inside the open one
        i = lo
        while i < hi:
            ch = text[i]
            if ch in "'’" and text[i + 1:i + 2] == ch:
                # '' and ’’: typewriter stand-ins for a double quotation mark. Closing an open double
                # quotation (“question’’) they count; elsewhere (the ''…'' of some archives) they are
                # left alone, as the PolNeAR scorer does.
                if open_at is not None and mark not in SINGLE_PAIRS and _right_flanking(text, i + 1, lo, hi):
                    add(open_at + 1, i, open_at, i + 1, chain, mark)
                    open_at = None
                i += 2
                continue
            if open_at is None:
                opener = ch in DOUBLE_PAIRS or (ch == "”" and i == first and _left_flanking(text, i, lo, hi))
                if opener and ch in "\"″" and not _left_flanking(text, i, lo, hi) and text[i - 1:i].isdigit():
                    opener = False  # 12" (inches)
                if opener and ch == "»" and not _left_flanking(text, i, lo, hi):
                    opener = False
                if opener:
                    chain, chains = _chain(carried, i == first, chains)
                    carried = None
                    open_at, mark = i, ("“" if ch == "”" else ch)
                elif singles and ch in SINGLE_PAIRS and _left_flanking(text, i, lo, hi) \
                        and not _is_apostrophe(text, i, lo, hi):
                    j = _single_closer(text, i, lo, hi, ch)
                    if j is not None and j > i + 1:
                        chain, chains = _chain(carried, i == first, chains)
                        carried = None
                        add(i + 1, j, i, j, chain, ch)
                        i = j + 1
                        continue
                i += 1
                continue
            if nested is not None:
                if ch in nested:
                    nested = None
                i += 1
                continue
            if mark in "\"″":
                if ch == mark or (ch in "”»" and not _left_flanking(text, i, lo, hi)):
                    add(open_at + 1, i, open_at, i, chain, mark)
                    open_at = None
                elif ch in "“«„" and _left_flanking(text, i, lo, hi):
                    nested = DOUBLE_PAIRS[ch]
            else:
                closers = DOUBLE_PAIRS[mark]
                if ch == mark and ch in closers and _left_flanking(text, i, lo, hi) \
                        and not _right_flanking(text, i, lo, hi):
                    # “A “B -- an opener while one is open: the first region ends here, a new one starts
                    add(open_at + 1, i, open_at, None, chain, mark)
                    chains += 1
                    chain = chains
                    open_at = i
                elif ch in closers or (ch == '"' and _right_flanking(text, i, lo, hi)) \
                        or (ch in "”»" and mark in "“„«" and not _left_flanking(text, i, lo, hi)):
                    add(open_at + 1, i, open_at, i, chain, mark)
                    open_at = None
                elif ch in "“«„\"" and _left_flanking(text, i, lo, hi):
                    nested = DOUBLE_PAIRS[ch]
            i += 1
        carried = None
        if open_at is not None:
            add(open_at + 1, hi, open_at, None, chain, mark)
            carried = (mark, chain)
    return regions
