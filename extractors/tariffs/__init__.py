"""Tariff figures: each rate with the government that imposes it, the countries and goods it hits, and its status.

`component` holds the `tradewire_tariffs` spaCy factory and its scorer. Its insides, one job each: `rates`
(which percentages are tariff rates; also used by `extractors.percentages`), `imposer`, `targets`, `status`,
and `words` (the word lists and token tests they share).
"""
