"""Progress bars for long CLI work (rich), fed by the callbacks library code exposes.

Library functions never print; they call a progress object. These classes are the CLI's
implementation of those callbacks, written to stderr so stdout stays clean for `--json`.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

if TYPE_CHECKING:
    from advisor.corpus.fetch import FetchProgress

_COUNTED = (
    MofNCompleteColumn(),
    TextColumn("{task.fields[note]}"),
    TimeElapsedColumn(),
    TimeRemainingColumn(),
)


class _Bars:
    """A rich `Progress` started and stopped as a context manager."""

    def __init__(self, console: Console, *columns: ProgressColumn) -> None:
        self._progress = Progress(
            TextColumn("[bold]{task.description}"), BarColumn(), *columns, console=console
        )

    def __enter__(self) -> _Bars:
        self._progress.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._progress.stop()


class IngestBars(_Bars):
    """Two bars: documents read and chunked, and chunks embedded and stored (filled side by side)."""

    def __init__(self, console: Console) -> None:
        super().__init__(console, *_COUNTED)
        self._read: TaskID | None = None
        self._embed: TaskID | None = None

    def reading(self, total: int) -> None:
        self._read = self._progress.add_task("reading", total=total, note="")

    def read(self, path: Path) -> None:
        if self._read is not None:
            self._progress.update(self._read, advance=1, note=path.name)

    def embedding(self, total: int, what: str = "embedding") -> None:
        self._embed = self._progress.add_task(what, total=total, note="chunks")

    def queued(self, count: int) -> None:
        """Documents are read while others are embedded: the total grows as they arrive."""
        if self._embed is not None:
            task = self._progress.tasks[self._embed]
            self._progress.update(self._embed, total=(task.total or 0) + count)

    def embedded(self, count: int) -> None:
        if self._embed is not None:
            self._progress.advance(self._embed, count)


class FetchBars(_Bars):
    """One byte-counting bar per file being fetched; it closes with the file's status."""

    def __init__(self, console: Console) -> None:
        super().__init__(console, DownloadColumn(), TextColumn("{task.fields[note]}"))
        self._tasks: dict[tuple[str, str], TaskID] = {}

    def __call__(self, event: FetchProgress) -> None:
        key = (event.doc_id, event.filename)
        if key not in self._tasks:
            self._tasks[key] = self._progress.add_task(event.filename, total=event.total, note="")
        task = self._tasks[key]
        self._progress.update(task, completed=event.completed, total=event.total)
        if event.result is not None:
            done = event.result.bytes or event.completed
            self._progress.update(task, completed=done, total=done or 1, note=event.result.status.value)


class EvalBars(_Bars):
    """One bar per evaluation stage (questions, baselines, ragas...); the last closes as "done"."""

    def __init__(self, console: Console) -> None:
        super().__init__(console, *_COUNTED)
        self._task: TaskID | None = None

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        if error is None:
            self.stage("done", 1)
            self.advance()
        super().__exit__(kind, error, tb)

    def stage(self, name: str, total: int | None) -> None:
        """Close the previous stage's bar (full) and open one for `name` (None: no count)."""
        if self._task is not None:
            done = self._progress.tasks[-1].total or 1
            self._progress.update(self._task, total=done, completed=done)
        self._task = self._progress.add_task(name, total=total, note="")

    def advance(self) -> None:
        if self._task is not None:
            self._progress.advance(self._task)
