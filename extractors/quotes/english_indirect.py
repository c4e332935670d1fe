"""English indirect speech: reported clauses without quotation marks, with their speaker.

A mixin of english.EnglishQuotes. A verb of saying (INDIRECT_VERBS; not verbs of thinking) with a
clausal complement that holds no quotation gives one item per reported clause ("said X and that Y" gives
two); the complement may come before the verb ("<clause>, the ministry said"). "According to X, …" gives
the clause it hangs on. Subjects that are documents (a report, a survey) report nothing. The speaker may be
None for unnamed people and groups ("Officials said …"), never for an unresolved pronoun.
"""

from __future__ import annotations

from spacy.tokens import Token

from extractors.quotes.layout import Found
from extractors.quotes.lexicon import DOCUMENT_NOUNS, INDIRECT_VERBS


class EnglishIndirectMixin:
    """Indirect speech (see the module docstring)."""

    def _indirect(self) -> list[Found]:
        """Reported speech without marks: the clausal complement of a verb of saying (before or after it),
        one item per "… and that …" clause, or the clause "according to X" hangs on."""
        doc = self.doc
        out: list[Found] = []
        for token in doc:
            if self.region_of[token.i] != -1:
                continue
            if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                clause = token.head
                if clause is token or clause.pos_ not in ("VERB", "AUX"):
                    continue
                skip = {t.i for t in token.subtree}
                clauses = [[t for t in clause.subtree if t.i not in skip]]
            elif token.lemma_.lower() in INDIRECT_VERBS and token.pos_ == "VERB" and self._is_cue(token):
                comps = [c for c in token.children if c.dep_ == "ccomp" and self.region_of[c.i] == -1]
                if not comps:
                    continue
                clauses = self._reported_clauses(comps[0])
            else:
                continue
            speaker_token = self.speakers.speaker_token(token)
            if speaker_token is None or speaker_token.lemma_.lower() in DOCUMENT_NOUNS:
                continue
            for content in clauses:
                content = [t for t in content if not t.is_space]
                while content and (content[0].is_punct or content[0].dep_ == "mark"
                                   and content[0].lower_ in ("that", "whether")):
                    content.pop(0)
                while content and content[-1].is_punct:
                    content.pop()
                content = content[_dateline_length(content):]
                if len(content) < 3 or any(self.region_of[t.i] != -1 for t in content):
                    continue
                speaker, speaker_start = self.speakers.resolve(speaker_token, content[0].idx)
                if speaker is None and (speaker_token.pos_ == "PRON" or speaker_token.lower_ in ("who", "which")):
                    continue  # an unresolved pronoun: no one to report
                out.append(Found(content[0].idx, content[-1].idx + len(content[-1]), "indirect", speaker, 0,
                                 speaker_start))
        return out

    def _reported_clauses(self, root: Token) -> list[list[Token]]:
        """The clauses a reporting verb's complement holds: "X and that Y" gives two; a coordinated
        clause with a subject but no "that" is the writer's, not the report's ("…, and the delegations
        promised …"); a trailing "although/while/whereas/but …" clause after a comma is cut."""
        cut: set[int] = set()
        extra: list[list[Token]] = []
        for child in root.children:
            if child.i < root.i:
                continue
            if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
                has_that = any(g.dep_ == "mark" and g.lower_ == "that" for g in child.children)
                has_subject = any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in child.children)
                if has_that:
                    extra.extend(self._reported_clauses(child))
                if has_that or has_subject:
                    cut.update(t.i for t in child.subtree)
                    cut.update(g.i for g in root.children if g.dep_ == "cc" and g.i < child.i)
            elif child.dep_ == "advcl" and child.left_edge.i > root.i:
                first = child.left_edge
                if first.lower_ in ("although", "though", "while", "whereas", "but") and \
                        first.i > 0 and self.doc[first.i - 1].text == ",":
                    cut.update(t.i for t in child.subtree)
        main = [t for t in root.subtree if t.i not in cut]
        # drop a dangling coordinator or comma left at the end
        while main and (main[-1].is_punct or main[-1].dep_ == "cc"):
            main.pop()
        return [main, *extra]


_DATELINE_DASHES = ("—", "–", "--")


def _dateline_length(content: list[Token]) -> int:
    """How many tokens at the start of a reported clause are the story's dateline ("OTTAWA —", "MEXICO CITY
    (Reuters) –"): a place in capitals, perhaps an agency in brackets, then a dash. 0 when there is none."""
    depth = 0
    for k, token in enumerate(content[:8]):
        if token.text in _DATELINE_DASHES:
            return k + 1 if k > 0 else 0
        if token.text == "(":
            depth += 1
        elif token.text == ")":
            depth -= 1
        elif depth == 0 and not (token.is_upper or token.text == ","):
            return 0
    return 0
