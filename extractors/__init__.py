"""Page -> article -> extracted records. No database and no Prefect here: everything takes text in and gives
typed records out (`extractors.records`), so the same code serves `extract`, `import`, `ingest` and the benches.

Packages, each named after what it produces:

- `article/`     a web page or a local file -> `Article` (title, authors, dates, language, canonical URL, body),
                 and its trade-policy relevance;
- `leaders/`, `tariffs/`, `quotes/`, `percentages.py`
                 the spaCy components: a spaCy `Doc` -> `LeaderMention`, `Tariff`, `Quote`, `Percentage`
                 records (each package's `component.py` holds the factory and the scorer; the other modules
                 are its insides and are imported by nothing outside the package, except that
                 `percentages.py` types tariff percentages with `tariffs.rates`, and `tariffs/stated.py` reads the
                 article's dates with `article.dates.find_dates`).

Shared by several of them, at this level: `records` (the record types that cross module and process borders)
with `record_codec` (their serialisation) and `contract` (the `extract` JSON shape), `kb` (the leaders and
countries knowledge base), `lexicon` (country finding and shared word lists) and `tariff_vocabulary` (the tariff
tracker's product scopes and legal bases, which `tariffs/stated.py` reads too), `accents`, `config`,
`lemmas` and `attribute_rules` (spaCy's lemmatizer and attribute ruler, cached), `paragraphs` (a blank line
ends a sentence: the starts it presets before the parser or sentencizer); the assembly: `nlp` (one
process's pipelines), `pipeline` (the pool of NLP workers around it), `pool_size` (how many workers), `worker`
(what a worker process runs) and `evaluate` (scores against a gold file).

Rules: nothing here imports `storage` or `flows`; imports inside point one way (components -> shared modules,
never the reverse).
"""
