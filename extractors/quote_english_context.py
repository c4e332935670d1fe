"""English quotes, step 5: the speaker of a quotation that has no cue of its own in its frame.

A mixin of quote_english.EnglishQuotes (it uses the layout, cue and speaker helpers there). In order:
"Name: “…”" (transcripts, lists of positions); "Trump issued a statement: “…”" (whoever issued it); the
earlier paragraph of the same quotation; an attributed quotation earlier in the paragraph; a cue sentence
just before ("Bystrom agreed. “…”"); an introduction ending with a colon ("Kasich resisted:"); a person as
the subject of the sentence before ("Akazawa described the final hours. “…”"); a sentence right after
("“…” That was the message from … Karoline Leavitt"); the quotation that closed the previous paragraph; an
attribution sentence ending the previous paragraph; a dash line after it ("- Bernie Sanders."); and, last,
whoever was quoted last in the three paragraphs before (interviews).
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from extractors.quote_layout import Found
from extractors.quote_lexicon import MEDIA_NOUNS, NAMING_VERBS, SPEECH_VERBS
from extractors.quote_marks import Region
from extractors.quote_people import strip_name

_DASH_SOURCE = re.compile(r"\s*[-–—]+\s*((?:[A-Z][\w.'’-]*\s*){1,4})")


class EnglishContextMixin:
    """Speakers from the context of a quotation (see the module docstring)."""

    def _name_colon(self, index: int) -> Token | None:
        """The name in "Name: “…”" when the name opens its sentence or line."""
        doc = self.doc
        ma, _ = self.region_marks[index]
        colon = ma - 1
        while colon > 0 and doc[colon].is_space:
            colon -= 1
        if colon < 1 or doc[colon].text != ":" or self.region_of[colon] != -1:
            return None
        k = colon - 1
        if doc[k].text == ")":  # "Rep. Trey Gowdy (R-S.C.): “…”"
            while k > 0 and doc[k].text != "(" and ma - k < 12:
                k -= 1
            k -= 1
        name = doc[k]
        if name.pos_ != "PROPN" and name.ent_type_ != "PERSON" or self.region_of[k] != -1:
            return None
        while k > 0 and (doc[k - 1].pos_ == "PROPN" or doc[k - 1].ent_iob_ == "I" and doc[k].ent_iob_ == "I") \
                and not self.newline_before(k):
            k -= 1
        first = doc[k]
        if k == 0 or self.newline_before(k) or first.is_sent_start \
                or doc[k - 1].text in (".", "!", "?", ";", "-", "—", "–", ":"):
            return name
        # "Stated Stone: “…”", "Continued Stone: “…”" (the cue verb opening the line)
        cue = doc[k - 1]
        if {cue.lemma_.lower(), cue.lower_, cue.lower_[:-1], cue.lower_[:-2]} & SPEECH_VERBS:
            if k - 1 == 0 or self.newline_before(k - 1) or doc[k - 2].text in (".", "!", "?"):
                return name
        return None

    def _medium(self, index: int) -> Token | None:
        """Who speaks through a statement, tweet or letter set off right before the quotation ("Trump
        issued a statement: “…”", "his campaign’s email, “…”"): the owner, or whoever issued it."""
        doc = self.doc
        ma, _ = self.region_marks[index]
        k = ma - 1
        while k > 0 and (doc[k].is_space or doc[k].text in (",", ":")):
            k -= 1
        if k == ma - 1 or self.region_of[k] != -1:
            return None  # no separator: a quoted phrase inside the sentence
        noun = doc[k]
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in MEDIA_NOUNS:
            return None
        owners = [c for c in noun.children if c.dep_ == "poss"]
        if owners:
            return owners[0]
        if noun.dep_ in ("dobj", "obj") and noun.head.pos_ == "VERB":
            subjects = [c for c in noun.head.children if c.dep_ == "nsubj" and self.region_of[c.i] == -1]
            if subjects:
                return subjects[0]
        return None

    def _carry(self, index: int, frame: tuple[int, int], by_region: dict[int, Found]) -> tuple[str | None, int] | None:
        """The speaker of a quotation with no cue of its own, from what surrounds it (see the module
        docstring, step 5), or None."""
        region = self.regions[index]
        ma, _ = self.region_marks[index]
        # an earlier paragraph of the same quotation, or an attributed quotation earlier in the paragraph
        for previous in range(index - 1, max(-1, index - 6), -1):
            other = self.regions[previous]
            record = by_region.get(previous)
            if other.chain == region.chain:
                if record is not None:
                    return record.speaker, record.speaker_start
                continue
            between = self.text[(other.close_at or other.end):region.open_at]
            if "\n" in between:
                break
            if record is not None and record.speaker is not None:
                return record.speaker, record.speaker_start
        # an attribution sentence just before, in the same paragraph ("Bystrom agreed. “…”")
        a = frame[0]
        if a > 0 and not self.break_between(a - 1, a):
            pa, pb = self.unit_range(a - 1)
            if not any(self.region_of[k] != -1 for k in range(pa, pb)):
                for k in range(pa, pb):
                    token = self.doc[k]
                    if self._is_cue(token) and token.lemma_.lower() not in NAMING_VERBS:
                        speaker_token = self.speakers.speaker_token(token)
                        if speaker_token is not None:
                            return self.speakers.resolve(speaker_token, region.start)
        # an introduction ending with a colon and no cue ("Kasich resisted:", "Hoff’s letter makes a case:")
        colon = ma - 1
        while colon > 0 and self.doc[colon].is_space:
            colon -= 1
        if colon >= 0 and self.doc[colon].text == ":" and self.region_of[colon] == -1 and colon < ma:
            root = self.doc[colon].head
            while root.head is not root and root.dep_ not in ("ROOT",):
                root = root.head
            subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and self.region_of[c.i] == -1]
            if subjects:
                return self.speakers.resolve(subjects[0], region.start)
        # a person as the subject of the sentence just before ("Back in Tokyo, Akazawa described the final
        # hours in unusual detail. “…”")
        if a > 0 and not self.break_between(a - 1, a) and frame[0] == ma:
            pa, pb = self.unit_range(a - 1)
            if not self.quoted_any(pa, pb):
                root = next((t for t in self.doc[pa:pb] if t.dep_ == "ROOT"), None)
                subjects = [c for c in root.children if c.dep_ == "nsubj"] if root is not None else []
                if subjects and (subjects[0].ent_type_ == "PERSON" or subjects[0].lower_ in ("he", "she")
                                 or self.speakers.people.leader_at(subjects[0].idx, subjects[0].idx + 1)
                                 or self.speakers.people.person_at(subjects[0].idx)):
                    return self.speakers.resolve(subjects[0], region.start)
        # a sentence right after naming the source ("“…” That was the message from … Karoline Leavitt")
        following = self._following_source(index)
        if following is not None:
            return following
        # the quotation that closed the previous paragraph, when this one opens its paragraph
        if frame[0] == ma:
            for previous in range(index - 1, max(-1, index - 4), -1):
                other = self.regions[previous]
                record = by_region.get(previous)
                between = self.text[(other.close_at or other.end) + 1:region.open_at]
                if between.count("\n\n") > 1 or between.strip().count("\n") > 1:
                    break
                tail = between.strip()
                if record is not None and record.speaker is not None and len(tail.split()) <= 12:
                    return record.speaker, record.speaker_start
                break
        # the previous paragraph ends with an attribution sentence ("Trump told reporters on Monday.")
        if frame[0] == ma and ma > 0:
            k = ma - 1
            while k > 0 and self.doc[k].is_space:
                k -= 1
            pa, pb = self.unit_range(k)
            if not any(self.region_of[j] != -1 for j in range(pa, pb)):
                for j in range(pa, pb):
                    token = self.doc[j]
                    if self._is_cue(token) and token.lemma_.lower() not in NAMING_VERBS:
                        speaker_token = self.speakers.speaker_token(token)
                        if speaker_token is not None:
                            return self.speakers.resolve(speaker_token, region.start)
        # a dash line after it ("- Bernie Sanders.")
        dash = self._dash_source(region)
        if dash is not None:
            return dash
        # last resort for a quotation standing alone in its paragraph (interviews, long quotes): whoever
        # was quoted last, within the three paragraphs before
        if frame[0] == ma:
            for previous in range(index - 1, max(-1, index - 8), -1):
                record = by_region.get(previous)
                other = self.regions[previous]
                if self.text[(other.close_at or other.end):region.open_at].count("\n\n") > 3:
                    break
                if record is not None and record.speaker is not None and record.kind == "direct":
                    return record.speaker, record.speaker_start
        return None

    def _following_source(self, index: int) -> tuple[str | None, int] | None:
        """"That was the message from X", "Those were the words of X" right after the quotation."""
        _, mb = self.region_marks[index]
        doc = self.doc
        if mb >= len(doc) or self.break_between(mb - 1, mb):
            return None
        a, b = self.unit_range(mb)
        if a < mb:
            a = mb
        if a >= len(doc) or doc[a].lower_ not in ("that", "this", "those", "these", "such"):
            return None
        for k in range(a, min(b, a + 16)):
            token = doc[k]
            if self.region_of[k] != -1:
                return None
            if token.ent_type_ == "PERSON" or self.speakers.people.leader_at(token.idx, token.idx + len(token)):
                while k + 1 < b and doc[k + 1].ent_iob_ == "I" and doc[k + 1].ent_type_ == "PERSON":
                    k += 1
                return self.speakers.resolve(doc[k], self.regions[index].start)
        return None

    def _dash_source(self, region: Region) -> tuple[str | None, int] | None:
        end = region.close_at + 1 if region.close_at is not None else region.end
        line_end = self.text.find("\n", end)
        if line_end != -1 and not self.text[end:line_end].strip():
            match = _DASH_SOURCE.match(self.text, line_end + 1)
            if match:
                name = strip_name(match.group(1).strip().rstrip(".,"))
                if name:
                    start = match.start(1)
                    return self.speakers.people.full_name(name, start), start
        return None

    # ------------------------------------------------------------------ indirect speech
