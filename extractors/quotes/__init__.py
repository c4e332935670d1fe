"""Quotations and reported speech with their speakers, in English and Spanish.

`component` holds the `tradewire_quotes` spaCy factory and its scorer. Its insides: `marks` (quotation marks ->
regions) and `layout` (regions -> tokens and units); `english` (with `english_context` and `english_indirect`)
and `spanish` (with `spanish_indirect` and the verb forms of `spanish_verbs`) find quotes and their cues;
`speaker_tokens` reads the speaker's token off the English parse and `speakers` resolves it to a name, from the
people of the article (`people`) and government bodies (`institutions`); on the Spanish side `spanish_speakers`
finds the words beside a cue or in the context that name the speaker and `spanish_names` says whom they name;
`voices` then gives a country that speaks as a bare name the one voice the article quotes for it, in both
languages; `lexicon` holds the word lists.
"""
