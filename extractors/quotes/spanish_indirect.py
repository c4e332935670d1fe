"""Spanish indirect speech, by rules over tokens: a mixin of spanish.SpanishQuotes.

A word of saying followed (right away or after a short adjunct: "sostuvo en su conferencia matutina que")
by "que" reports the clause after it, up to the sentence end; "y que" starts a new item; a comma followed
by porque, aunque, pero, mientras, por lo que … or by another cue ends it; a clause holding a quotation
is left out (the partial quote stands for it); a leading parenthetical (", tras una llamada con …,") is
skipped. "Según X, …" reports the rest of its sentence. Verbs of thinking (considera, estima) report
nothing.
"""

from __future__ import annotations

from extractors.quotes.layout import Found
from extractors.quotes.lexicon import SPANISH_ROLE_NOUNS
from extractors.quotes.spanish_verbs import reports_speech

_CLAUSE_STOPS = ("porque", "aunque", "pero", "mientras", "ya", "pues", "sin", "cuando", "tras", "por", "lo",
                 "salvo", "excepto", "donde", "como", "según", "aun")


class SpanishIndirectMixin:
    """Indirect speech in Spanish (see the module docstring)."""

    def _indirect(self) -> list[Found]:
        doc = self.doc
        out: list[Found] = []
        n = len(doc)
        for token in doc:
            if self.region_of[token.i] != -1:
                continue
            lower = token.lower_
            if lower == "según":
                k = token.i + 1
                while k < n and doc[k].text not in (",", ".", ";") and k - token.i < 10:
                    k += 1
                if k >= n or doc[k].text != ",":
                    continue
                # "Según Mariana Echeverría, economista en jefe de una consultora, la economía …"
                nxt = k + 1
                if nxt < n and doc[nxt].lower_ in SPANISH_ROLE_NOUNS | {"economista", "analista", "profesor",
                                                                        "profesora", "investigadora", "investigador"}:
                    j = nxt
                    while j < n and doc[j].text not in (",", ".") and j - nxt < 12:
                        j += 1
                    if j < n and doc[j].text == ",":
                        k = j
                speaker = self._noun_phrase_speaker(token.i + 1, self._apposition_end(token.i + 1, k))
                for a, b in self._clauses(k + 1):
                    out.append(self._indirect_record(a, b, speaker))
                continue
            verb = self.verbs[token.i]
            if verb is None or verb.form == "participle" or not reports_speech(verb.lemma):
                continue
            # the "que" of the report: right after the cue or after a short adjunct ("sostuvo en su
            # conferencia matutina que", "escribió …, en una carta dirigida a …, que")
            k = token.i + 1
            while k < n and k - token.i <= 16 and doc[k].lower_ != "que" and doc[k].text not in (".", ";", ":") \
                    and self.region_of[k] == -1 and not self._is_cue(doc[k]):
                k += 1
            if k >= n or doc[k].lower_ != "que" or self.region_of[k] != -1:
                continue
            if k > token.i + 1 and doc[k - 1].text not in (",",) and k - token.i > 8:
                continue
            frame = self.unit_range(token.i)
            speaker = self._speaker_for_cue(token, None, frame)
            if speaker is None:
                speaker = self._latest_person(token.idx) or (None, -1)
            for a, b in self._clauses(k + 1):
                out.append(self._indirect_record(a, b, speaker))
        return [r for r in out if r is not None]

    def _apposition_end(self, a: int, comma: int) -> int:
        """End of the name after "según" (before its apposition)."""
        for k in range(a, comma):
            if self.doc[k].text == ",":
                return k
        return comma

    def _indirect_record(self, a: int, b: int, speaker: tuple[str | None, int] | None) -> Found | None:
        doc = self.doc
        if b - a < 3:
            return None
        who, at = speaker if speaker else (None, -1)
        return Found(doc[a].idx, doc[b - 1].idx + len(doc[b - 1]), "indirect", who, 0, at)

    def _clauses(self, start: int) -> list[tuple[int, int]]:
        """The reported clauses from token `start` (just after "que") to the sentence end: cut at "y que",
        at a conjunction after a comma, at a following cue; a clause holding a quotation is dropped (the
        partial quote stands for it); a leading parenthetical (", tras una llamada con …,") is skipped."""
        doc = self.doc
        n = len(doc)
        k = start
        if k < n and doc[k].text == ",":
            j = k + 1
            while j < n and doc[j].text not in (",", ".") and j - k < 15:
                j += 1
            if j < n and doc[j].text == ",":
                k = j + 1
        clauses = []
        a = k
        while k < n:
            t = doc[k]
            if t.text in (".", ";", ":", "?", "!") and self.region_of[k] == -1 or t.is_space and "\n" in t.text \
                    or self.newline_before(k) and k > a:
                break
            nxt = doc[k + 1] if k + 1 < n else None
            if t.lower_ in ("y", "e") and nxt is not None and nxt.lower_ == "que":
                clauses.append((a, k - (1 if doc[k - 1].text == "," else 0)))
                a = k + 2
                k += 2
                continue
            if t.text == "," and nxt is not None and (nxt.lower_ in _CLAUSE_STOPS or self._is_cue(nxt)):
                break
            if t.lower_ in ("y", "e") and nxt is not None and self._is_cue(nxt):
                break
            k += 1
        clauses.append((a, k))
        out = []
        for a, b in clauses:
            while b > a and doc[b - 1].is_punct:
                b -= 1
            if b - a >= 3 and not self.quoted_any(a, b):
                out.append((a, b))
        return out
