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
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

if TYPE_CHECKING:
    from advisor.fetch import FetchProgress


def _bars(console: Console) -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[note]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    )


class IngestBars:
    """Two bars: documents read and chunked, then chunks embedded and stored."""

    def __init__(self, console: Console) -> None:
        self._progress = _bars(console)
        self._read: TaskID | None = None
        self._embed: TaskID | None = None

    def __enter__(self) -> IngestBars:
        self._progress.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._progress.stop()

    def reading(self, total: int) -> None:
        self._read = self._progress.add_task("reading", total=total, note="")

    def read(self, path: Path) -> None:
        if self._read is not None:
            self._progress.update(self._read, advance=1, note=path.name)

    def embedding(self, total: int) -> None:
        self._embed = self._progress.add_task("embedding", total=total, note="chunks")

    def embedded(self, count: int) -> None:
        if self._embed is not None:
            self._progress.advance(self._embed, count)


class FetchBars:
    """One byte-counting bar per file being fetched; it closes with the file's status."""

    def __init__(self, console: Console) -> None:
        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            DownloadColumn(),
            TextColumn("{task.fields[note]}"),
            console=console,
        )
        self._tasks: dict[tuple[str, str], TaskID] = {}

    def __enter__(self) -> FetchBars:
        self._progress.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._progress.stop()

    def __call__(self, event: FetchProgress) -> None:
        key = (event.doc_id, event.filename)
        if key not in self._tasks:
            self._tasks[key] = self._progress.add_task(event.filename, total=event.total, note="")
        task = self._tasks[key]
        self._progress.update(task, completed=event.completed, total=event.total)
        if event.result is not None:
            done = event.result.bytes or event.completed
            self._progress.update(task, completed=done, total=done or 1, note=event.result.status.value)
