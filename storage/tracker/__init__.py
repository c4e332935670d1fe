"""The tariff tracker: tariff mentions grouped into measures, each with its history of steps.

Reads the tariff mentions, articles and events `storage` and `storage.linking` wrote, and writes
`tariff_measures`, `tariff_measure_steps` and `tariff_step_mentions` (migration m006), with the closed vocabulary
of product scopes and legal bases (extractors/tariff_vocabulary.py). `measures` says which measure each mention
reports, `steps` builds a measure's history, `builder` recomputes the tables from what is stored (and dates the
mentions their sentences leave undated by the start dates the extractor read in their articles' other sentences),
and `read` holds the queries of `tradewire tariffs` and `tradewire tariff`.
"""
