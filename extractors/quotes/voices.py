"""A country that speaks as a bare name, given the one voice the article quotes for it.

Stories let a country or its capital speak ("Hanoi called the levy unfair", "Beijing said that …") for words
the same story, in its other quotations, gives to the one person or body that spoke for that country (a
ministry's spokesperson, its president). The country word names only where the words came from; that voice
says who spoke them. With two voices of the country, or none, the government keeps them.
"""

from __future__ import annotations

import re

from extractors.quotes.institutions import country_of_word, government_of, institution_name, person_country
from extractors.quotes.layout import Found
from extractors.quotes.lexicon import INSTITUTION_NOUNS, ROLE_NOUNS, SPANISH_INSTITUTIONS, SPANISH_ROLE_NOUNS

# Words a country's name can take ("South Korea", "United Arab Emirates").
_LONGEST_NAME = 3
_WORD = re.compile(r"[^\W\d_][\w.-]*")
# Nouns of a body or a role that, right after a country's name, say the text names the speaker itself.
_BODY_WORDS = INSTITUTION_NOUNS | ROLE_NOUNS | SPANISH_INSTITUTIONS | SPANISH_ROLE_NOUNS


def _written_as_country(text: str, record: Found) -> str | None:
    """The country the record's speaker stands for when the text wrote it as the country's or capital's name
    alone ("India said", "Beijing's statement"), not as its government ("the Indian government")."""
    if record.speaker is None or record.speaker_start < 0:
        return None
    words = [m.group() for m in _WORD.finditer(text[record.speaker_start:record.speaker_start + 60])]
    for size in range(min(_LONGEST_NAME, len(words)), 0, -1):
        country = country_of_word(" ".join(words[:size]))
        if country is not None and record.speaker == government_of(country):
            return None if _body_follows(words[size:]) else country
    return None


def _body_follows(words: list[str]) -> bool:
    """Whether the words after a country's name, past a possessive "s", open a noun of a body or a role ("the
    Indian government", "India's government", "Indian officials"): the text then names who spoke, not the
    country alone."""
    if words[:1] == ["s"]:
        words = words[1:]
    head = words[0].lower() if words else ""
    return any(form in _BODY_WORDS for form in (head, head.removesuffix("s")))


def _country_of_speaker(speaker: str) -> str | None:
    """The country a named speaker speaks for: a person's in the knowledge base, or a government body's, whose
    stable name opens with the country's adjective ("Chinese Ministry of Commerce"). A description ("Chinese
    officials") or a private body ("Canadian Chamber of Commerce") speaks for no country."""
    if institution_name(speaker) == speaker:
        return country_of_word(speaker.split()[0])
    return person_country(speaker)


def give_countries_their_voice(found: list[Found], text: str) -> None:
    """Quotations a country speaks as a bare name go to the one other speaker of that country the article
    quotes, if it quotes exactly one."""
    for record in found:
        country = _written_as_country(text, record) if record.kind != "indirect" else None
        if country is None:
            continue
        voices = {other.speaker for other in found if other.kind != "indirect" and other.speaker
                  and other.speaker != record.speaker and _country_of_speaker(other.speaker) == country}
        if len(voices) == 1:
            record.speaker = voices.pop()
