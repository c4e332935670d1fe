"""Quotations and reported speech with their speakers, in English and Spanish.

`component` holds the `tradewire_quotes` spaCy factory and its scorer. Its insides: `marks` (quotation marks ->
regions) and `layout` (regions -> tokens and units); `english` (with `english_context` and `english_indirect`)
and `spanish` (with `spanish_indirect`) find quotes and their cues; `speaker_tokens` reads the speaker's token
off the English parse and `speakers` resolves it to a name, from the people of the article (`people`) and
government bodies (`institutions`); `lexicon` holds the word lists.
"""
