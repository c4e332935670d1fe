"""The people a document names, for the quote extractor: who a surname, a pronoun or a description
stands for.

`people_from_doc` builds a `PeopleIndex` once per English document from the named entities, the names the
knowledge base knows (whatever the statistical NER made of them) and the leaders component's mentions when
it ran. Pronouns (he/she) outside quotations are resolved in text order and added as mentions, so later
pronouns can chain through them; a confident link also tells a person's gender. The index answers:
- `full_name(text, at)`: "Carney" -> "Mark Carney" (the full name the article used, preferably before `at`;
  else the knowledge base's person with that alias; "Lee" -> "Lee Jae-myung" for family-name-first names);
- `antecedent(at, ...)`: the person a pronoun or description points back to (main-clause subjects first,
  compatible gender and nationality);
- `leader_at(start, end)`: the canonical name of a leaders-component mention overlapping a span.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from extractors.accents import fold
from extractors.leaders.rules import words_gender
from extractors.quotes.institutions import country_of_english_word, person_country
from extractors.quotes.lexicon import PRONOUNS_ALL, PRONOUNS_PERSON, SPEECH_VERBS, TITLES

_SENTENCE_END = re.compile(r"(?<=[a-z]{3})[.!?]\s+(?=[A-Z])")


def strip_name(text: str) -> str:
    """A name without its titles, possessive and edge punctuation: "Sen. Ted Cruz's" -> "Ted Cruz"."""
    for separator in (" - ", " — ", " – ", ": ", " | "):  # "Weak - Rubio", "overhype - HuffPollster"
        if separator in text:
            text = text.rsplit(separator, 1)[1]
    text = _SENTENCE_END.split(text, maxsplit=1)[0]  # "Sanders. This" (an entity run over a full stop)
    text = text.strip().strip(",;:()\"“”'‘’")
    for suffix in ("’s", "'s", "’", "'"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    words = text.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLES or words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    while len(words) > 1 and words[-1].lower().rstrip(".,") in ("jr", "sr", "ii", "iii", "iv"):
        words = words[:-1]
    return " ".join(words).strip(" ,")


@lru_cache(maxsize=1)
def _kb_forms() -> dict:
    try:
        from extractors.kb import load_kb

        return load_kb().person_forms()
    except Exception:  # no knowledge base: names stay as written
        return {}


@lru_cache(maxsize=512)
def kb_roles(name: str) -> str:
    """Every office title the knowledge base gives a person, lower-cased ("president | presidenta | …")."""
    try:
        from extractors.kb import load_kb

        person = load_kb().person(name)
    except Exception:
        return ""
    if person is None:
        return ""
    titles = [t for office in person.offices for t in (office.role, *office.role_aliases)]
    return " | ".join(t.lower() for t in titles)


@lru_cache(maxsize=512)
def kb_gender(name: str) -> str | None:
    """A knowledge-base person's gender, as their Spanish office titles give it ("presidenta" -> "f")."""
    return words_gender(kb_roles(name).replace("|", " ").split())


def kb_name(name: str) -> str | None:
    """The canonical name of the knowledge-base person with this alias ("Sheinbaum", "Lee"), if only one."""
    found = _kb_forms().get(name) or []
    names = {p.name for p in found}
    return names.pop() if len(names) == 1 else None


@dataclass
class Person:
    start: int
    end: int
    name: str  # cleaned full form as written here
    quoted: bool  # inside a quotation (not an antecedent for what follows)
    subject: bool  # the grammatical subject of its clause
    context: str  # lower-cased words just before the name (titles, nationality: "canadian prime minister")
    canonical: str | None = None  # from the leaders component
    gender: str | None = None  # "m" / "f" when a title or a confidently resolved pronoun told
    pronoun: str | None = None  # for a resolved he/she mention standing for `name`: its gender


class PeopleIndex:
    """The people (and organisations) a document names, in order of mention."""

    def __init__(self, people: list[Person], organisations: list[tuple[int, int, str]],
                 leaders: list[tuple[int, int, str]]) -> None:
        self.people = sorted(people, key=lambda p: p.start)
        self.starts = [p.start for p in self.people]
        self.organisations = sorted(organisations)
        self.leaders = sorted(leaders)
        self._by_surname: dict[str, list[Person]] = {}
        for person in self.people:
            words = person.name.split()
            if len(words) >= 2:
                self._by_surname.setdefault(fold(words[-1]), []).append(person)
        self._leader_by_surname: dict[str, str] = {}
        for _, _, name in self.leaders:
            words = name.split()
            if len(words) >= 2:
                self._leader_by_surname.setdefault(fold(words[-1]), name)

    def leader_at(self, start: int, end: int) -> str | None:
        """The canonical name of a leaders mention overlapping [start, end)."""
        for a, b, name in self.leaders:
            if a < end and start < b:
                return name
            if a >= end:
                break
        return None

    def full_name(self, name: str, at: int) -> str:
        """The longest form of `name` the article gives: a surname resolves to the full name mentioned
        before `at` (else after it), or to the knowledge base's person with that alias; a name with several
        words is returned as it is."""
        words = name.split()
        if not words:
            return name
        if len(words) >= 2:
            # "Hillary Clinton" stays; "Mr. Clinton" was stripped to "Clinton" before coming here
            return name
        key = fold(words[-1])
        candidates = self._by_surname.get(key, [])
        before = [p for p in candidates if p.start < at]
        chosen = before[-1] if before else (candidates[0] if candidates else None)
        if chosen is not None:
            return chosen.canonical or chosen.name
        if key in self._leader_by_surname:
            return self._leader_by_surname[key]
        # family name first ("Lee" for "Lee Jae-myung", "Xi" for "Xi Jinping")
        firsts = {p.canonical or p.name for p in self.people if len(p.name.split()) >= 2
                  and fold(p.name.split()[0]) == key and p.start < at + 2000}
        if len(firsts) == 1:
            return firsts.pop()
        return kb_name(name) or name

    def resolve_pronouns(self, pronouns: list[tuple[int, int, str, bool, list[int], int]]) -> None:
        """Resolve he/she outside quotations in text order, each to the person it most likely stands for
        (see `antecedent`), and add it to the index as a mention of that person: later pronouns can then
        chain through it ("He was careful. … “…,” he said."). A resolved pronoun also tells its person's
        gender. `pronouns`: (start, end, "m"|"f", is a main-clause subject, where the subjects of the clauses
        its sentence builds it into start: see `clause_subjects`, where the search before it starts: see
        `reported_by_aside`); the first of those that is a person of a compatible gender is its antecedent."""
        for start, end, gender, subject, bound, search_at in pronouns:
            found = self._bound(bound, gender) or self.antecedent(search_at, gender=gender)
            if found is None:
                continue
            # only a confident link teaches a gender: a subject pronoun right after its subject antecedent
            if found.gender is None and subject and found.subject and start - found.end < 300:
                for person in self.people:
                    if person.name == found.name and person.gender is None:
                        person.gender = gender
            entry = Person(start, end, found.name, False, subject, "", found.canonical, None, gender)
            k = bisect.bisect_left(self.starts, start)
            self.people.insert(k, entry)
            self.starts.insert(k, start)

    def antecedent(self, at: int, *, exclude_span: tuple[int, int] | None = None, demonym: str | None = None,
                   window: int = 1500, prefer_subject: bool = True, gender: str | None = None) -> Person | None:
        """The person a pronoun or description at `at` most likely refers to: among people named (or
        pronouns resolved) before it outside quotations, within `window` characters, of a compatible gender
        and nationality, the main-clause subject of the latest sentences, else the latest one."""
        k = bisect.bisect_left(self.starts, at)
        candidates = []
        for person in reversed(self.people[:k]):
            if at - person.end > window:
                break
            if person.quoted or (exclude_span and person.start < exclude_span[1] and exclude_span[0] < person.end):
                continue
            if demonym is not None and not self._compatible(person, demonym):
                continue
            if gender is not None and (self.gender_of(person) not in (None, gender)
                                       or person.pronoun not in (None, gender)):
                continue
            candidates.append(person)
        if not candidates:
            return None
        if prefer_subject:
            nearest = candidates[0]
            for person in candidates[:5]:
                if person.subject and nearest.start - person.end < 400:
                    return person
            return nearest
        return candidates[0]

    def _bound(self, starts: list[int], gender: str) -> Person | None:
        """The first person (or resolved pronoun) starting at one of `starts` whose gender fits."""
        for start in starts:
            person = self.person_at(start) or self.pronoun_at(start)
            if person is None or person.quoted:
                continue
            if self.gender_of(person) in (None, gender) and person.pronoun in (None, gender):
                return person
        return None

    def person_at(self, start: int) -> Person | None:
        """A person mention (not a pronoun) covering the character `start`."""
        k = bisect.bisect_right(self.starts, start) - 1
        while k >= 0 and self.people[k].end > start - 200:
            person = self.people[k]
            if person.start <= start < person.end and person.pronoun is None:
                return person
            k -= 1
        return None

    def pronoun_at(self, start: int) -> Person | None:
        """The resolved pronoun mention starting at `start`, if `resolve_pronouns` resolved it."""
        k = bisect.bisect_left(self.starts, start)
        if k < len(self.people) and self.people[k].start == start and self.people[k].pronoun is not None:
            return self.people[k]
        return None

    def gender_of(self, person: Person) -> str | None:
        """"m" / "f" from the titles and resolved pronouns of the person's mentions, else from the Spanish
        titles the knowledge base gives them ("presidenta", "secretario"): a leader the article names only by
        name ("Sheinbaum has refrained …") is still no antecedent of "he"."""
        votes = [p.gender for p in self.people if p.name == person.name and p.gender]
        if not votes:
            return kb_gender(person.canonical or person.name)
        m, f = votes.count("m"), votes.count("f")
        return "m" if m > f else "f" if f > m else None

    def candidates_before(self, at: int, *, exclude_span: tuple[int, int] | None = None,
                          demonym: str | None = None, window: int = 3000) -> list[Person]:
        """People named before `at` outside quotations, latest first, one entry per name."""
        k = bisect.bisect_left(self.starts, at)
        out: list[Person] = []
        seen: set[str] = set()
        for person in reversed(self.people[:k]):
            if at - person.end > window:
                break
            if person.quoted or person.name in seen:
                continue
            if exclude_span and person.start < exclude_span[1] and exclude_span[0] < person.end:
                continue
            if demonym is not None and not self._compatible(person, demonym):
                continue
            seen.add(person.name)
            out.append(person)
        return out

    def latest_subject(self, names: set[str], floor: int, at: int, *,
                       exclude_span: tuple[int, int] | None = None) -> Person | None:
        """The latest mention in [floor, at), outside quotations, of one of `names` as the subject of its
        sentence's main clause (a resolved pronoun included): who the passage is about."""
        k = bisect.bisect_left(self.starts, at)
        for person in reversed(self.people[:k]):
            if person.start < floor:
                break
            if person.quoted or not person.subject or person.name not in names:
                continue
            if exclude_span and person.start < exclude_span[1] and exclude_span[0] < person.end:
                continue
            return person
        return None

    def mentions_before(self, person: Person, at: int) -> int:
        return sum(1 for p in self.people if p.name == person.name and p.start < at)

    def contexts_of(self, person: Person) -> str:
        """The words around every mention of `person` (titles, appositions), as one lower-case string."""
        return " ".join(p.context for p in self.people if p.name == person.name)

    def _compatible(self, person: Person, demonym: str) -> bool:
        """Whether a description with `demonym` ("mexican") may stand for `person`: by the knowledge base's
        country for the person, else not when any mention of the person carries another nationality
        ("Canadian Prime Minister Mark Carney")."""
        wanted = country_of_english_word(demonym)
        known = person_country(person.canonical or person.name)
        if wanted and known:
            return wanted == known
        seen: set[str] = set()
        for other in self.people:
            if other.name == person.name:
                seen.update(w for w in other.context.split() if country_of_english_word(w) or w in DEMONYM_WORDS)
        return demonym in seen or not seen

    def is_person_name(self, name: str) -> bool:
        """`name` is, or ends with, the surname of a person the article names in full."""
        words = name.split()
        if not words:
            return False
        key = fold(words[-1])
        return key in self._by_surname or key in self._leader_by_surname

    def organisation_containing(self, noun: str, at: int) -> str | None:
        """The latest organisation named before `at` whose name contains `noun` ("ministry")."""
        found = None
        key = fold(noun)
        for start, _, name in self.organisations:
            if start >= at:
                break
            if key in fold(name).split():
                found = name
        return found

    def latest_organisation(self, at: int, window: int = 600) -> str | None:
        found = None
        for start, end, name in self.organisations:
            if start >= at:
                break
            if at - end <= window:
                found = name
        return found


DEMONYM_WORDS = frozenset("""
american mexican canadian chinese european british french german italian japanese indian brazilian korean
australian argentine argentinian indonesian saudi turkish russian spanish israeli iranian ukrainian
""".split())


def people_from_doc(doc: Doc, quoted: list[tuple[int, int]], leaders: list[tuple[int, int, str]]) -> PeopleIndex:
    """The PeopleIndex of an English doc: PERSON entities (titles stripped), then any other mention of a
    surname they introduced (the small model often tags "Sheinbaum" ORG or "Carney" GPE), organisations and
    the leaders component's mentions. `quoted` lists the (start, end) character spans inside quotation marks."""
    starts = [q[0] for q in quoted]

    def in_quote(char: int) -> bool:
        k = bisect.bisect_right(starts, char) - 1
        return k >= 0 and quoted[k][0] <= char <= quoted[k][1]

    def context_of(a: int, b: int) -> str:
        """Lower-cased words of the name's own phrase: titles before it ("canadian prime minister") and an
        apposition after it (", an economist at ...")."""
        words = []
        k = a - 1
        while k >= 0 and a - k <= 4 and not doc[k].is_punct and "\n" not in doc[k].whitespace_ \
                and doc[k].pos_ in ("PROPN", "NOUN", "ADJ", "DET", "NUM"):
            words.append(doc[k].lower_)
            k -= 1
        after = []
        if b < len(doc) and doc[b].text in (",", "(", "—", "–"):
            for token in doc[b + 1:b + 8]:
                if token.is_punct:
                    break
                after.append(token.lower_)
        return " ".join(reversed(words)) + " | " + " ".join(after)

    def canonical_at(a: int, b: int) -> str | None:
        for x, y, leader in leaders:
            if x < b and a < y:
                return leader
        return None

    def person(a_char: int, b_char: int, name: str, root: Token, a_tok: int, b_tok: int) -> Person:
        context = context_of(a_tok, b_tok)
        return Person(a_char, b_char, name, in_quote(a_char), main_subject(root), context,
                      canonical_at(a_char, b_char), _title_gender(context))

    people: list[Person] = []
    taken: set[int] = set()
    surnames: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        name = strip_name(ent.text)
        if not name or name.lower() in PRONOUNS_ALL:
            continue
        people.append(person(ent.start_char, ent.end_char, name, ent.root, ent.start, ent.end))
        taken.update(range(ent.start, ent.end))
        words = name.split()
        if len(words) >= 2:
            surnames.setdefault(fold(words[-1]), name)
    for _, _, leader in leaders:
        words = leader.split()
        if len(words) >= 2:
            surnames.setdefault(fold(words[-1]), leader)
    organisations: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            continue
        name = strip_name(ent.text)
        words = name.split()
        if words and fold(words[-1]) in surnames and (len(words) == 1 or ent.root.pos_ == "PROPN" and len(words) <= 3):
            people.append(person(ent.start_char, ent.end_char, name, ent.root, ent.start, ent.end))
            taken.update(range(ent.start, ent.end))
        elif ent.label_ == "ORG" and not in_quote(ent.start_char):
            # a body named inside a quotation is what the quotation talks about, not one the text names
            organisations.append((ent.start_char, ent.end_char, name or ent.text))
    for token in doc:
        if token.i in taken or token.pos_ not in ("PROPN", "NOUN") or not token.text[:1].isupper():
            continue
        if fold(token.text) in surnames and token.ent_iob_ == "O":
            people.append(person(token.idx, token.idx + len(token), token.text, token, token.i, token.i + 1))
            continue
        # names the knowledge base knows, whatever the statistical NER made of them ("Chrystia" GPE)
        if token.pos_ == "PROPN" and (token.i + 1 >= len(doc) or doc[token.i + 1].pos_ != "PROPN"):
            a = token.i
            while a > 0 and doc[a - 1].pos_ == "PROPN" and token.i - a < 3 and a - 1 not in taken:
                a -= 1
            for start in range(a, token.i + 1):
                known = kb_name(doc[start:token.i + 1].text)
                if known:
                    entry = person(doc[start].idx, token.idx + len(token), known, token, start, token.i + 1)
                    entry.canonical = known
                    people.append(entry)
                    taken.update(range(start, token.i + 1))
                    break
    for a, b, name in leaders:
        if not any(p.start < b and a < p.end for p in people):
            span = doc.char_span(a, b, alignment_mode="expand")
            if span is not None:
                entry = person(a, b, name, span.root, span.start, span.end)
                entry.canonical = name
                people.append(entry)
    # one-word mentions carry the full name the article gave (or the knowledge base's)
    people = list({p.start: p for p in sorted(people, key=lambda p: p.start)}.values())
    latest: dict[str, str] = {}
    for entry in people:
        words = entry.name.split()
        key = fold(words[-1]) if words else ""
        if len(words) >= 2:
            latest[key] = entry.name
        elif key in latest or key in surnames:
            entry.name = latest.get(key) or surnames[key]
        elif entry.canonical is None and kb_name(entry.name):
            entry.name = kb_name(entry.name) or entry.name
    index = PeopleIndex(people, organisations, leaders)
    pronouns = []
    for token in doc:
        gender = PRONOUNS_PERSON.get(token.lower_)
        if gender and token.pos_ == "PRON" and not in_quote(token.idx):
            subject = token.lower_ in ("he", "she") and main_subject(token)
            reported = reported_by_aside(token)
            pronouns.append((token.idx, token.idx + len(token), gender, subject,
                             [t.idx for t in clause_subjects(token) if not in_quote(t.idx)],
                             token.idx if reported is None else reported.left_edge.idx))
    index.resolve_pronouns(pronouns)
    return index


_SAME_GENDER = {"he": frozenset({"him", "his", "himself"}), "she": frozenset({"her", "hers", "herself"})}


def clause_subjects(pronoun: Token) -> list[Token]:
    """The subjects a pronoun's own sentence offers as its antecedent, nearest in the clause structure first:
    the subject of a clause its clause is built into ("Carney announced …, blaming Washington for what he
    called …": Carney), then, for the subject of a main verb, the subject of an adverbial clause set before it
    ("when Carney was asked about …, he said …"). The pronoun's own clause and the clauses after it offer none."""
    found: list[Token] = []
    verb = pronoun.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    own = verb
    reported = reported_by_aside(pronoun)
    for ancestor in own.ancestors:
        if ancestor.pos_ not in ("VERB", "AUX") or reported is not None and ancestor.i == reported.i:
            continue
        found += [c for c in ancestor.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < pronoun.i
                  and c.pos_ in ("PROPN", "PRON", "NOUN")]
    if pronoun.dep_ in ("nsubj", "nsubjpass") and pronoun.head.i == own.i:
        # adverbial clauses before it, also one inside another ("As the paper reported, when Carney was asked
        # …, he said"), the nearest subject first, but not one that names someone else with the pronoun's
        # gender ("After Poilievre criticised him …, he replied")
        same = _SAME_GENDER.get(pronoun.lower_, frozenset())
        clauses = [c for c in own.children if c.dep_ == "advcl" and c.i < pronoun.i]
        subjects = []
        while clauses:
            clause = clauses.pop()
            if any(t.lower_ in same for t in clause.subtree):
                continue
            subjects += [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            clauses += [c for c in clause.children if c.dep_ == "advcl" and c.i < pronoun.i]
        found += sorted(subjects, key=lambda c: -c.i)
    return found


def reported_by_aside(pronoun: Token) -> Token | None:
    """The clause an aside of saying whose subject is the pronoun is set into ("Carney, he noted, had promised …":
    "promised"), else None. What the aside reports is about someone its speaker talks of: the clause's subject,
    named before the aside, is not the pronoun's antecedent."""
    verb = pronoun.head
    if pronoun.dep_ == "nsubj" and verb.dep_ == "parataxis" and verb.lemma_.lower() in SPEECH_VERBS \
            and verb.head.left_edge.i < pronoun.i < verb.head.i:
        return verb.head
    return None


def main_subject(token: Token) -> bool:
    """The token is (part of) the subject of its sentence's main verb: "Jonathan Reynolds" in "The Business
    and Trade Secretary, Jonathan Reynolds, said …"."""
    t = token
    for _ in range(4):
        if t.dep_ in ("appos", "compound", "flat", "conj") and t.head is not t:
            t = t.head
        else:
            break
    if t.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = t.head
    for _ in range(2):
        if verb.dep_ == "ROOT":
            return True
        if verb.dep_ in ("conj",) and verb.head is not verb:
            verb = verb.head
        else:
            break
    return verb.dep_ == "ROOT"


def _title_gender(context: str) -> str | None:
    words = set(context.replace("|", " ").split())
    if words & {"mr.", "mr", "sir", "lord", "king", "prince", "spokesman", "chairman", "congressman", "his"}:
        return "m"
    if words & {"mrs.", "mrs", "ms.", "ms", "dame", "lady", "queen", "princess", "spokeswoman", "chairwoman",
                "congresswoman", "her"}:
        return "f"
    return None
