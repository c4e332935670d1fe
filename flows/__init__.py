"""Prefect flows, the httpx fetcher they drive, the `tradewire` CLI, and its read-only web page (`browse`).

Prefect reads its settings when first imported, so the environment is prepared here, before any module of
this package can import it: state in `data/prefect` beside the database (`data/tradewire.duckdb`, both relative
to the working directory) instead of ~/.prefect, and no telemetry or analytics (this machine is offline; every
attempt to phone home would log an error).
"""

import os
from pathlib import Path

os.environ.setdefault("PREFECT_HOME", str(Path("data", "prefect").resolve()))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_LOGGING_TO_API_ENABLED", "false")
os.environ.setdefault("PREFECT_UI_ENABLED", "false")
# When Prefect starts its own temporary server (a flow called from Python, not from the CLI), it waits 20 s for it
# by default; on a busy machine (a load of 10 on 2 cores) its start takes longer and every flow call then failed.
# 90 s, as long as flows.serve waits for the servers it starts itself.
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
# Prefect creates its home folder without parents; data/ may not exist yet on a fresh clone.
Path(os.environ["PREFECT_HOME"]).mkdir(parents=True, exist_ok=True)
