"""Tariff figures: each rate with the government that imposes it, the countries and goods it hits, and its status.

`component` holds the `tradewire_tariffs` spaCy factory and its scorer. Its insides, one job each: `rates`
(which percentages are tariff rates; also used by `extractors.percentages`), `targets` (the tariff noun, goods
and targets over tokens), `clause` (English: the verb governing a tariff, its subject, the goods phrase, off the
parse), `es_clause` and `es_verbs` (Spanish: the verbs governing a tariff and their subject, over tokens, the
verbs known by their forms), `imposer`, `tense` and `status` (what the clause says happens to the tariff), `discourse` (what a
sentence leaves unsaid, from the rest of the story), and `words` (the word lists and token tests they share).
"""
