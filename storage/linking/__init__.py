"""Near-duplicates and events: which stored stories are copies, and which report the same happening.

Reads the articles and extraction rows `storage` wrote and writes `events`, `article_events` and
`articles.duplicate_of` (plus the linker's own `link_*` tables). `linker` holds the entry points
(`link_pending`, `link_if_latest`, `relink`, `explain`); `features` turns an article into what it is linked
by, `score` says how well it fits an event, `dedup` finds near-copies, `units`, `index`, `replay` and
`events` decide and publish the dated stories in time order, `undated` the stories without a publication date,
`lexicon` holds the word lists, and `eval` scores a linking against gold events (for tests and
`bench/linking.py`).
"""
