"""Progress on an interactive terminal: the current stage of a run, and the NLP batches done.

Silent when stderr is not a terminal (CI, cron, `serve`'s child processes) so logs stay clean. The flow calls
`update` between tasks; only the CLI process draws.
"""

from __future__ import annotations

import sys

from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

_progress: Progress | None = None
_task_id = None


def enabled() -> bool:
    return sys.stderr.isatty()


def update(stage: str, done: int | None = None, total: int | None = None) -> None:
    global _progress, _task_id
    if not enabled():
        return
    if _progress is None:
        _progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                             TimeElapsedColumn(), transient=True)
        _progress.start()
        _task_id = _progress.add_task(stage, total=None)
    _progress.update(_task_id, description=stage, completed=done or 0, total=total)


def done() -> None:
    global _progress, _task_id
    if _progress is not None:
        _progress.stop()
    _progress, _task_id = None, None
