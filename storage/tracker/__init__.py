"""The tariff tracker: tariff mentions grouped into measures, each with its history of steps.

Reads the tariff mentions, articles and events `storage` and `storage.linking` wrote, and writes
`tariff_measures`, `tariff_measure_steps` and `tariff_step_mentions` (migration m006). `vocabulary` reads the
closed vocabulary of product scopes and legal bases (config/tariff_measures.toml), `measures` says which measure
each mention reports, `steps` builds a measure's history, `builder` recomputes the tables from what is stored,
and `read` holds the queries of `tradewire tariffs` and `tradewire tariff`.
"""
