"""Political leaders and government officials mentioned in an article, resolved to a person and an office.

`component` holds the `tradewire_leaders` spaCy factory and its scorer; `rules` its word lists and the tests of
whether a name or a description is a government official's.
"""
