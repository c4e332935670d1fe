"""The DuckDB database: schema and migrations (`migrations`), connections with lock retries (`db`), writing
articles with their extraction rows (`articles`), what an incoming batch repeats of the stored articles
(`screening`), the queries behind the CLI (`queries`) and those only the browse page needs (`browse`), run
records (`runs`), exports (`export`), integrity checks (`check`), event linking in its own package (`linking`),
and the tariff tracker's measures and steps in its own (`tracker`).

Uses only the record types and shared lexicons of `extractors`; knows nothing of flows.
"""
