"""The `tradewire_leaders` component: every mention of a political leader or government official.

A mention is one of (one record each, in text order):

1. a name of a person in the knowledge base (config/leaders.toml): full name or alias, matched
   case-sensitively ("Mark Carney", "Carney", "Sheinbaum", "Donald J. Trump"). A bare surname is not taken
   when a first name that is not the person's stands before it ("Eric Trump") or when the document names
   someone else with that surname;
2. a description that stands for a person: country + role ("the Mexican leader", "Canada's prime minister",
   "the US president", "la mandataria mexicana") or an office title from the knowledge base used alone
   ("USTR", "la presidenta"). It is resolved to the person the article names who holds that office, else to
   the knowledge base's office holder on the article date (`doc._.published`); unresolved, it is dropped. A
   Spanish description agrees in gender with the person ("la mandataria" is not Donald Trump), and a plain
   "minister" / "ministro" is not a prime minister ("the minister" after Sidhu and Carney is Sidhu). A
   title next to a name ("Canadian Prime Minister Mark Carney", "Ebrard, Mexico's economy minister") is part
   of the name's mention, not a second one;
3. an official the knowledge base does not know: a name with a government title ("Argentine Economy Minister
   Luis Caputo", "Juan Pérez, Chile's deputy trade minister"), with `in_kb` false, the role from the title
   and the country from the title or the sentence; later mentions of the surname count too.
   Economists, analysts, executives are not officials; pronouns are never mentions.

Name mentions become PERSON entities in `doc.ents` (replacing whatever the statistical NER said: the small
English model reads "Trump" as ORG and "Carney" as GPE), so that later components (quotes) can rely on them.
Records go to `doc._.leaders`, spans to `doc.spans["leaders"]` (label = canonical name).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.scorer import PRFScore
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import filter_spans, registry

from extractors.config import CONFIG_DIR
from extractors.kb import KnowledgeBase, Person, as_day, load_kb, role_key
from extractors.leaders.rules import (HONORIFICS, NON_GOVERNMENT, ORGANISATION_WORDS, ROLE_HEADS, ROLE_MODIFIERS,
                                     description_gender, descriptions, name_after, title_after, title_before,
                                     words_gender)
from extractors.lexicon import CountryFinder
from extractors import record_codec  # noqa: F401  (records cross process borders)
from extractors.records import LeaderMention

SPANS_KEY = "leaders"
_GENERIC_TITLE_WORDS = frozenset("president prime minister vice deputy chancellor premier secretary leader head state "
                                 "government pm".split())
# Offices that do not make a political leader of the country: provincial, municipal and central-bank posts.
_SUBNATIONAL = re.compile(r"\b(?:Premier of|Governor|Mayor|Head of Government of|Federal Reserve|Bank of|"
                          r"Central Bank|Banxico)\b", re.I)

if not Doc.has_extension("leaders"):
    Doc.set_extension("leaders", default=None)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)


@registry.scorers("tradewire.leaders_scorer.v1")
def make_leaders_scorer() -> Callable[[Iterable[Example]], dict[str, Any]]:
    return score_leaders


def score_leaders(examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
    """P/R/F of leaders against `example.reference._.leaders` records.

    `leaders_p/r/f`: per document, the set of (name, country) pairs (as the project's evaluation counts them);
    `leaders_mention_p/r/f`: mentions as exact (start, end, name).
    """
    people, mentions = PRFScore(), PRFScore()
    for example in examples:
        gold = example.reference._.leaders or []
        pred = example.predicted._.leaders or []
        people.score_set({(m.name, m.country) for m in pred}, {(m.name, m.country) for m in gold})
        mentions.score_set({(m.start, m.end, m.name) for m in pred}, {(m.start, m.end, m.name) for m in gold})
    return {"leaders_p": people.precision, "leaders_r": people.recall, "leaders_f": people.fscore,
            "leaders_mention_p": mentions.precision, "leaders_mention_r": mentions.recall,
            "leaders_mention_f": mentions.fscore}


@Language.factory(
    "tradewire_leaders",
    assigns=["doc.ents", "doc.spans", "doc._.leaders"],
    default_config={"language": "en", "kb_dir": None, "active_since": "2024-01-01",
                    "scorer": {"@scorers": "tradewire.leaders_scorer.v1"}},
    default_score_weights={"leaders_f": 1.0, "leaders_p": 0.0, "leaders_r": 0.0, "leaders_mention_f": 0.0,
                           "leaders_mention_p": 0.0, "leaders_mention_r": 0.0},
)
def make_leaders(nlp: Language, name: str, language: str, kb_dir: str | None, active_since: str | None,
                 scorer: Callable | None) -> "LeaderFinder":
    return LeaderFinder(nlp, name, language=language, kb_dir=kb_dir, active_since=active_since, scorer=scorer)


class LeaderFinder:
    """Finds leader mentions; writes `doc._.leaders`, `doc.spans["leaders"]` and PERSON entities.

    nlp (Language): the pipeline; its tokenizer builds the phrase patterns.
    name (str): the component's name in the pipeline.
    language (str): "en" (uses the tagger's and NER's annotations where present) or "es" (rules over tokens).
    kb_dir (str | None): folder with leaders.toml and countries.toml; None = the project's config/.
    active_since (str | None): ISO date; people whose national offices all ended before it are historical
        figures, not leader mentions (None: everyone in the knowledge base counts).
    scorer (Callable | None): the scoring function, `score_leaders` by default.
    """

    def __init__(self, nlp: Language, name: str = "tradewire_leaders", *, language: str = "en",
                 kb_dir: str | Path | None = None, active_since: str | None = "2024-01-01",
                 scorer: Callable | None = score_leaders) -> None:
        self.name = name
        self.language = "es" if language == "es" else "en"
        self.scorer = scorer
        self.kb: KnowledgeBase = load_kb(Path(kb_dir) if kb_dir else CONFIG_DIR)
        self.countries = CountryFinder(nlp.vocab, nlp.make_doc, self.kb, self.language)
        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.short_forms: dict[str, set[str]] = {}  # person -> their forms that are a bare surname
        for person in self.kb.people:
            self.names.add(person.name, [nlp.make_doc(form) for form in person.forms()])
            self.short_forms[person.name] = set(person.surname_forms())
        # Office titles from the knowledge base used alone ("USTR", "la presidenta", "secretario de Economía").
        self.titles = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.title_people: dict[str, list[Person]] = {}
        for person in self.kb.people:
            for office in person.offices:
                for alias in office.role_aliases:
                    key = alias.lower()
                    if self._title_usable(alias):
                        self.title_people.setdefault(key, [])
                        if person not in self.title_people[key]:
                            self.title_people[key].append(person)
        for key in self.title_people:
            self.titles.add(key, [nlp.make_doc(key)])
        self.active_since = date.fromisoformat(active_since) if active_since else None
        self.eligible = frozenset(p.name for p in self.kb.people if self._national(p))
        self.stop_words = frozenset(nlp.Defaults.stop_words)
        self.person_forms = frozenset(self.kb.person_forms())
        self._longer_cache: dict[str, list[str]] = {}
        self._gender_cache: dict[str, str | None] = {}

    def _national(self, person: Person) -> bool:
        """Whether a person held a national-level government office (not a province's premier, a city's
        head of government, a central banker) that was still held on or after `active_since`."""
        for office in person.offices:
            if _SUBNATIONAL.search(office.role):
                continue
            if self.active_since is None or office.end is None or office.end >= self.active_since:
                return True
        return False

    def _title_usable(self, alias: str) -> bool:
        """Titles that stand for a person alone: of the document's language, and in English with a word that
        names the office ("USTR", "Commission President", "top trade negotiator"), not a generic "Prime
        Minister" or a job title such as "chief economist"."""
        words = alias.split()
        spanish = any(w.lower() in ROLE_HEADS["es"] | {"primer", "primera", "jefa", "jefe", "titular"} for w in words)
        if (self.language == "es") != spanish and not alias.isupper():
            return False
        if self.language == "es":
            return True
        if alias.isupper():
            return True
        return len(words) > 1 and bool(role_key(alias) - _GENERIC_TITLE_WORDS) and \
            any(w.lower() in ROLE_HEADS["en"] | {"negotiator", "diplomat", "chief"} for w in words) and \
            "economist" not in alias.lower()

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    # -- finding ------------------------------------------------------------------------------------------
    def match(self, doc: Doc) -> list[tuple[Span, LeaderMention, bool]]:
        """(span, record, is_name) for every mention, in text order; is_name spans become PERSON entities."""
        published = doc._.published
        country_at: dict[int, str] = {}
        metonym_at: dict[int, str] = {}  # names, demonyms and capitals
        for span, form in self.countries(doc):
            for i in range(span.start, span.end):
                metonym_at[i] = form.country
                if form.kind != "metonym":
                    country_at[i] = form.country
        found: list[tuple[Span, LeaderMention, bool]] = []
        named: list[tuple[int, Person | LeaderMention]] = []  # (token index, who) of names, for descriptions

        taken: set[int] = set()
        for span, person in self._kb_names(doc):
            taken.update(range(span.start, span.end))
            if person.name in self.eligible:  # not a provincial premier, a central banker, a past president
                found.append((span, self._record(person, span, published), True))
                named.append((span.start, person))
        for span, record in self._officials(doc, country_at, taken, metonym_at):
            found.append((span, record, True))
            named.append((span.start, record))
            taken.update(range(span.start, span.end))
        name_tokens = {i for span, _, _ in found for i in range(span.start, span.end)}
        genders = self._title_genders(doc, found, country_at)

        for description in descriptions(doc, self.language, country_at, name_tokens):
            span = description.span
            if any(i in taken for i in range(span.start, span.end)):
                continue
            gender = description_gender(span, self.language)
            if description.bare:
                before = [(i, p) for i, p in named if i < span.start]
                who = self._resolve(role_key(description.role_words), None, span.start, before, published,
                                    named_only=True, gender=gender, genders=genders) if before else None
            else:
                who = self._resolve(role_key(description.role_words), description.country, span.start, named,
                                    published, gender=gender, genders=genders)
            if who is not None:
                found.append((span, self._describe(who, span, published), False))
                taken.update(range(span.start, span.end))
        for match_id, start, end in self.titles(doc):
            span = doc[start:end]
            if any(i in taken for i in range(start, end)) or \
                    self._next_to_name(doc, start, end, name_tokens, country_at):
                continue
            if start > 0 and doc[start - 1].lower_ in ("former", "ex", "then", "entonces", "ex-", "expresidente"):
                continue
            if end + 1 < len(doc) and doc[end].lower_ in ("at", "of", "for", "de", "del", "en") and \
                    end + 1 not in country_at and (doc[end + 1].text[:1].isupper() or doc[end + 1].lower_ in
                                                   ("a", "an", "the", "la", "el", "una", "un", "los", "las")
                                                   or doc[end].lower_ == "del" or doc[end + 1].is_lower):
                continue  # "chief economist at a Frankfurt bank", "presidente de la Asociación ...",
                # "el presidente del directorio de Codelco"
            if start > 1 and doc[start - 1].text == "," and doc[start - 2].ent_type_ == "PERSON":
                continue  # an apposition to somebody else
            key = doc.vocab.strings[match_id]
            who = self._resolve_title(key, start, named, published)
            if who is not None:
                found.append((span, self._describe(who, span, published), False))
                taken.update(range(start, end))
        found.sort(key=lambda item: item[0].start)
        return found

    def _kb_names(self, doc: Doc) -> list[tuple[Span, Person]]:
        matches = [(doc.vocab.strings[m], s, e) for m, s, e in self.names(doc)]
        spans = filter_spans([Span(doc, s, e, label=name) for name, s, e in matches])
        # Someone else with a knowledge-base surname: a PERSON entity (English), or the surname written after
        # another first name anywhere in the text ("Masanori Katayama" — Spanish has no NER): a bare "Katayama"
        # then is that person, unless the text also writes the knowledge-base person's full name.
        found = [(span, person) for span in spans if (person := self.kb.person(span.label_)) is not None]
        short = {span.start for span, person in found if span.text in self.short_forms[person.name]}
        surnames_elsewhere = self._other_people_surnames(doc) | {
            span.text for span, _ in found if span.start in short and self._after_other_first_name(doc, span)}
        text = doc.text  # built from every token on each access: once per document, not once per name
        return [(span, person) for span, person in found
                if span.start not in short or self._short_form_ok(doc, text, span, surnames_elsewhere)]

    def _other_people_surnames(self, doc: Doc) -> set[str]:
        """Surnames of PERSON entities that are not any knowledge-base person's form ("Eric Trump")."""
        out = set()
        for ent in doc.ents:
            if ent.label_ == "PERSON" and len(ent) >= 2 and ent[0].text[:1].isupper() and \
                    ent[0].lower_ not in HONORIFICS and ent.text not in self.person_forms:
                words = [t for t in ent if t.is_alpha]
                if words:
                    out.add(words[-1].text)
        return out

    def _after_other_first_name(self, doc: Doc, span: Span) -> bool:
        """Whether a bare surname follows another first name ("Eric Trump"): a capitalised word that is no stop
        word, honorific, title word or country, nor a sentence's first word that is not a proper noun."""
        before = doc[span.start - 1] if span.start > 0 else None
        return before is not None and before.text[:1].isupper() and before.is_alpha and \
            before.lower_ not in self.stop_words and before.lower_ not in HONORIFICS and \
            before.lower_ not in ROLE_HEADS[self.language] and before.lower_ not in ROLE_MODIFIERS[self.language] \
            and not self._country_word(before.text) and not (before.is_sent_start and before.pos_ != "PROPN")

    def _short_form_ok(self, doc: Doc, text: str, span: Span, elsewhere: set[str]) -> bool:
        if self._after_other_first_name(doc, span):
            return False  # another first name: "Eric Trump"
        after = doc[span.end] if span.end < len(doc) else None
        if after is not None and after.text in ("Jr.", "Jr", "Sr.", "III"):
            return False
        if span.text in elsewhere and not any(f in text for f in self._longer_forms(span.text)):
            return False
        return True

    def _longer_forms(self, short: str) -> list[str]:
        """The knowledge base's written names that end with `short` ("Mark Carney" for "Carney")."""
        if short not in self._longer_cache:
            self._longer_cache[short] = [p for p in self.person_forms if p != short and p.endswith(short)]
        return self._longer_cache[short]

    def _country_word(self, text: str) -> bool:
        return any(text == w for w in ("US", "U.S.", "EU", "UK"))

    def _officials(self, doc: Doc, country_at: dict[int, str], taken: set[int],
                   metonym_at: dict[int, str] | None = None) -> list[tuple[Span, LeaderMention]]:
        """Named officials the knowledge base does not know, with their title's role and country (from the
        title, else the nearest country or capital in the sentence, else the document's main country)."""
        lang = self.language
        metonym_at = metonym_at if metonym_at is not None else country_at
        candidates: list[Span] = []
        if lang == "en" and doc.has_annotation("ENT_IOB"):
            candidates = [e for e in doc.ents if e.label_ == "PERSON"]
        # Names right after a title word, whatever the NER said ("Ontario Premier Doug Ford" is ORG to it).
        for token in doc:
            if token.lower_ in ROLE_HEADS[lang] and (lang == "es" or token.text[:1].isupper()):
                start = token.i + 1
                if start < len(doc) and doc[start].text == "," and lang == "es":
                    start += 1
                if lang == "es":
                    # "el vocero de la dependencia, Rodrigo Alcántara": the title runs to its comma.
                    comma = next((i for i in range(start, min(len(doc), start + 6)) if doc[i].text == ","), None)
                    if comma is not None and all(doc[i].is_lower or i in country_at or doc[i].lower_ in
                                                 ROLE_MODIFIERS["es"] or doc[i].text[:1].isupper()
                                                 for i in range(start, comma)):
                        start = comma + 1
                    else:
                        while start < len(doc) and (doc[start].lower_ in ROLE_MODIFIERS["es"] or start in country_at):
                            start += 1
                name = name_after(doc, start, lang)
                if name is not None:
                    candidates.append(name)
        # Names in an apposition: "Kenta Morioka, a spokesperson for the Ministry of ...".
        for token in doc:
            if token.text == "," and any(t.lower_ in ROLE_HEADS[lang] for t in doc[token.i + 1: token.i + 5]):
                start = token.i
                while start - 1 >= 0 and start > token.i - 4 and (
                        doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha and
                        doc[start - 1].lower_ not in self.stop_words and start - 1 not in metonym_at and
                        (lang == "es" or doc[start - 1].pos_ == "PROPN" and
                         doc[start - 1].ent_type_ not in ("GPE", "LOC", "FAC", "NORP", "DATE")) or
                        doc[start - 1].lower_ in ("de", "del", "la")):
                    start -= 1
                name = name_after(doc, start, lang) if start < token.i else None
                if name is not None and name.end == token.i:
                    candidates.append(name)
        out, seen = [], set()
        for span in sorted(filter_spans(candidates), key=lambda s: s.start):
            if any(i in taken for i in range(span.start, span.end)) or span.start in seen:
                continue
            if any(t.i in country_at for t in span) or any(t.lower_ in ROLE_HEADS[lang] for t in span):
                continue
            if sum(1 for t in span if t.is_alpha and t.text[:1].isupper()) < 2 or \
                    any(t.lower_ in ORGANISATION_WORDS for t in span):
                continue  # a person has a first name and a surname; "Consejo Empresarial del Bajío" is a body
            if span[-1].lower_ in ("'s", "’s"):
                span = span[:-1]
            before = doc[span.start - 1].lower_ if span.start else ""
            if lang == "es" and before in ("en", "desde", "hacia", "ante", "tras", "sobre", "de", "del"):
                # "En Truth Social, el mandatario …": a place or medium; "vicepresidente de Prosperidad y
                # Estrategia Industrial": the title's portfolio, not a person
                continue
            title = title_before(doc, span.start, lang, country_at)
            if title is None:
                title = title_after(doc, span.end, lang, country_at)
                if title is not None and name_after(doc, title[0].end, lang) is not None:
                    # "…, el asesor Stephen Miller, el secretario de Estado Marco Rubio": that title is the
                    # next name's, not an apposition to this one
                    title = None
            if title is None:
                continue
            title_span, country = title
            if self._qualified_by_other_name(doc, title_span, country_at):
                continue  # "Ontario Premier ...", "Quebec's premier, ...", "Ford President ..."
            if not any(t.lower_ in ROLE_HEADS[lang] for t in title_span) or \
                    any(t.lower_ in NON_GOVERNMENT for t in title_span):
                continue
            if country is None and any(t.lower_ in ("commission", "comisión") for t in
                                       doc[max(0, title_span.start - 1): min(len(doc), title_span.end + 4)]):
                country = "European Union"  # "Commission spokesperson Ingrid Halvorsen"
            country = country or self._sentence_country(span, metonym_at) or self._focus_country(country_at)
            role = " ".join(t.text for t in title_span if t.i not in country_at and t.lower_ not in
                            ("'s", "’s", "the", "el", "la", ",") and t.lower_ not in HONORIFICS).strip()
            words = role.split()
            while words and words[-1].lower() in ("de", "del", "of", "the", "y", "and", "la", "el"):
                words.pop()
            role = " ".join(words)
            if lang == "en":
                role = " ".join(w if w.isupper() else w[:1].upper() + w[1:] for w in role.split())
            record = LeaderMention(name=span.text, role=role or None, country=country, in_kb=False,
                                   start=span.start_char, end=span.end_char, sentence=span.sent.text)
            out.append((span, record))
            seen.add(span.start)
        # Later mentions of an official by surname alone.
        surnames = {rec.name.split()[-1]: rec for _, rec in out}
        covered = {i for s, _ in out for i in range(s.start, s.end)} | taken
        for token in doc:
            rec = surnames.get(token.text)
            if rec is None or token.i in covered:
                continue
            prev = doc[token.i - 1] if token.i else None
            if prev is not None and prev.text[:1].isupper() and prev.is_alpha and \
                    prev.lower_ not in HONORIFICS and prev.lower_ not in self.stop_words:
                continue
            span = doc[token.i:token.i + 1]
            out.append((span, LeaderMention(name=rec.name, role=rec.role, country=rec.country, in_kb=False,
                                            start=span.start_char, end=span.end_char, sentence=span.sent.text)))
        return out

    def _qualified_by_other_name(self, doc: Doc, title: Span, country_at: dict[int, str]) -> bool:
        index = title.start - 1
        if index >= 0 and doc[index].lower_ in ("'s", "’s", "de", "del"):
            index -= 1
        if index < 0 or index in country_at:
            return False
        token = doc[index]
        return token.is_alpha and token.text[:1].isupper() and not token.is_sent_start and \
            token.lower_ not in self.stop_words and token.lower_ not in HONORIFICS

    def _focus_country(self, country_at: dict[int, str]) -> str | None:
        counts = Counter(c for i, c in country_at.items() if country_at.get(i - 1) != c)
        ranked = counts.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
        return None

    def _sentence_country(self, span: Span, country_at: dict[int, str]) -> str | None:
        """The country named nearest the name in its sentence, not one that qualifies another office ("el
        presidente estadounidense" says nothing of the canciller beside it)."""
        sentence = span.sent
        doc = span.doc
        heads = ROLE_HEADS[self.language]
        found = [(abs(i - span.start), c) for i, c in country_at.items() if sentence.start <= i < sentence.end
                 and not (i > 0 and doc[i - 1].lower_ in heads or i + 1 < len(doc) and doc[i + 1].lower_ in heads)]
        return min(found)[1] if found else None

    def _next_to_name(self, doc: Doc, start: int, end: int, names: set[int], country_at: dict[int, str]) -> bool:
        """Whether a title phrase is the title of a name beside it ("la mandataria mexicana, Claudia Sheinbaum",
        "el primer ministro de Canadá, Mark Carney", "Ebrard, secretario de Economía")."""
        nxt = end
        while nxt < len(doc) and (nxt in country_at or
                                  (doc[nxt].lower_ in ("de", "del", "of") and nxt + 1 in country_at)
                                  or doc[nxt].lower_ in ROLE_MODIFIERS[self.language] and doc[nxt].lower_ not in
                                  ("the", "el", "la", "y", "and")):
            nxt += 1
        if nxt < len(doc) and doc[nxt].text == ",":
            nxt += 1
        if nxt in names or (nxt < len(doc) and doc[nxt].lower_ in HONORIFICS and nxt + 1 in names):
            return True
        prev = start - 1
        while prev >= 0 and doc[prev].lower_ in ("the", "el", "la", "a", "an"):
            prev -= 1
        if prev >= 0 and doc[prev].text == "," and prev - 1 in names:
            return True
        return self.language == "es" and nxt < len(doc) and name_after(doc, nxt, "es") is not None

    # -- resolving ----------------------------------------------------------------------------------------
    def _resolve(self, descriptor: frozenset[str], country: str | None, at: int,
                 named: list[tuple[int, Person | LeaderMention]], published,
                 named_only: bool = False, gender: str | None = None,
                 genders: dict[str, str] | None = None) -> Person | LeaderMention | None:
        """The person a description stands for: one the article names (the latest before it first), else (unless
        `named_only`) the office holder on the article date.

        A gendered description ("la mandataria", "el ministro") only stands for a person of that gender or of
        unknown gender (`gender`: "f"/"m"; a person's gender comes from `genders`, the titles the article gives
        them, else from the knowledge base's Spanish titles). A plain "minister" is not a prime minister."""
        if not descriptor:
            return None

        def agrees(person: Person | LeaderMention) -> bool:
            if gender is None:
                return True
            known = (genders or {}).get(person.name) or self._kb_gender(person)
            return known in (None, gender)

        people = [p for _, p in sorted(named, key=lambda n: (n[0] > at, -n[0] if n[0] < at else n[0]))
                  if agrees(p)]
        kb_people = list(dict.fromkeys(p for p in people if isinstance(p, Person)))
        if kb_people:
            # an undated article: whoever it names that held the office at some time (it may be a past one)
            holders = [p for p in self.kb.holders(country, descriptor, published, among=kb_people,
                                                  any_time=published is None)
                       if p.name in self.eligible and self._rank_fits(p, descriptor)]
            if holders:
                return min(holders, key=kb_people.index)
        for other in people:
            if isinstance(other, LeaderMention) and other.country == country and other.role and \
                    descriptor <= role_key(other.role) and ("prime" in descriptor or
                                                            "prime" not in role_key(other.role)):
                return other
        if named_only:
            return None
        holders = [p for p in self.kb.holders(country, descriptor, published) if p.name in self.eligible
                   and self._rank_fits(p, descriptor) and agrees(p)]
        return holders[0] if len(holders) == 1 else None

    @staticmethod
    def _rank_fits(person: Person, descriptor: frozenset[str]) -> bool:
        """"the minister" / "el ministro" names a minister, not a prime minister ("primer ministro")."""
        if "minister" not in descriptor or "prime" in descriptor:
            return True
        return any(office.matches(descriptor) and "prime" not in role_key(office.role) for office in person.offices)

    def _kb_gender(self, person: Person | LeaderMention) -> str | None:
        """A person's gender as their Spanish titles show it ("presidenta", "ministro"), when they agree."""
        if isinstance(person, LeaderMention):
            return words_gender((person.role or "").lower().split())
        if person.name not in self._gender_cache:
            found = {words_gender(alias.lower().split()) for office in person.offices for alias in office.role_aliases}
            found.discard(None)
            self._gender_cache[person.name] = found.pop() if len(found) == 1 else None
        return self._gender_cache[person.name]

    def _title_genders(self, doc: Doc, found: list[tuple[Span, LeaderMention, bool]],
                       country_at: dict[int, str]) -> dict[str, str]:
        """Genders the article's titles give named people: "la presidenta Claudia Sheinbaum", "Marcelo Ebrard,
        secretario de Economía" (a title right before or after a name mention, with its article)."""
        votes: dict[str, set[str]] = {}
        for span, record, is_name in found:
            if not is_name:
                continue
            for title in (title_before(doc, span.start, self.language, country_at),
                          title_after(doc, span.end, self.language, country_at)):
                if title is None:
                    continue
                words = doc[max(0, title[0].start - 1):title[0].end]
                gender = description_gender(words, self.language)
                if gender:
                    votes.setdefault(record.name, set()).add(gender)
        return {name: genders.pop() for name, genders in votes.items() if len(genders) == 1}

    def _resolve_title(self, key: str, at: int, named, published) -> Person | None:
        # not a provincial premier or a past office holder ("primer ministro de Ontario")
        candidates = [p for p in self.title_people.get(key, []) if p.name in self.eligible]
        if not candidates:
            return None
        people = [p for _, p in sorted(named, key=lambda n: (n[0] > at, -n[0] if n[0] < at else n[0]))
                  if isinstance(p, Person)]
        for person in people:
            if person in candidates:
                return person
        current = [p for p in candidates if any(
            key in (a.lower() for a in o.role_aliases) and (o.held_on(as_day(published)) if published else o.end is None)
            for o in p.offices)]
        return current[0] if len(current) == 1 else None

    def _record(self, person: Person, span: Span, published) -> LeaderMention:
        office = person.office_on(published)
        return LeaderMention(name=person.name, role=office.role if office else None,
                             country=office.country if office else person.country, in_kb=True,
                             start=span.start_char, end=span.end_char, sentence=span.sent.text)

    def _describe(self, who: Person | LeaderMention, span: Span, published) -> LeaderMention:
        if isinstance(who, Person):
            return self._record(who, span, published)
        return LeaderMention(name=who.name, role=who.role, country=who.country, in_kb=False,
                             start=span.start_char, end=span.end_char, sentence=span.sent.text)

    # -- writing ------------------------------------------------------------------------------------------
    def set_annotations(self, doc: Doc, matches: list[tuple[Span, LeaderMention, bool]]) -> None:
        doc._.leaders = [record for _, record, _ in matches]
        doc.spans[SPANS_KEY] = [Span(doc, span.start, span.end, label=record.name) for span, record, _ in matches]
        people = [Span(doc, span.start, span.end, label="PERSON") for span, _, is_name in matches if is_name]
        if people:
            taken = {i for span in people for i in range(span.start, span.end)}
            kept = [e for e in doc.ents if not any(i in taken for i in range(e.start, e.end))]
            doc.ents = sorted(filter_spans(kept + people), key=lambda s: s.start)

    def score(self, examples: Iterable[Example], **kwargs: Any) -> dict[str, Any]:
        """Score a batch of examples with the component's scorer (see `score_leaders`)."""
        return self.scorer(examples, **kwargs) if self.scorer else {}

