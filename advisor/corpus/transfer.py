"""Moving bytes safely into place: resumable download or copy into `<name>.part`, then a
checksum-verified atomic rename, so a final file name never holds a partial or wrong file.

Kept apart from `advisor.corpus.fetch` (which decides *what* to fetch and reports on it) because
resuming is fiddly and worth reading on its own: a `.part` left by an earlier attempt is
continued with `Range: bytes=N-`; a server that ignores Range (200) or answers from another
offset is restarted from zero; a 416 means either the part is already whole or it must be
restarted. A body shorter than its Content-Length, or cut off by the server, is "truncated":
the bytes received stay in the `.part` so the next attempt (or run) continues from there.

Errors are `FetchError`s whose message is the reason shown to the user. Timeouts, dropped
connections, truncation and 5xx/408/429 are retried; other HTTP errors are not.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Callable
from pathlib import Path

import httpx

from advisor import __version__
from advisor.errors import FetchError

log = logging.getLogger(__name__)

#: Called with (bytes in the part so far, expected complete size or None when unknown).
ByteProgress = Callable[[int, "int | None"], None]

_CHUNK = 64 * 1024
PART_SUFFIX = ".part"
#: First pause before a retry, doubled each time: a server that just dropped us gets a moment.
_BACKOFF_S = 0.25
_RETRYABLE_STATUS = frozenset({408, 429})


class _RetryableError(FetchError):
    """A failure that another attempt may cure (timeout, dropped connection, 5xx)."""


class _RestartError(FetchError):
    """The server cannot continue our `.part`; start the file again from byte zero."""


def make_client(timeout_s: float) -> httpx.Client:
    """One client per fetch run; `timeout_s` bounds each connect, read and write."""
    # identity encoding: Content-Length and Range offsets then count the bytes we store.
    headers = {"User-Agent": f"advisor/{__version__} (corpus fetch)", "Accept-Encoding": "identity"}
    return httpx.Client(timeout=timeout_s, follow_redirects=True, headers=headers)


def download(client: httpx.Client, url: str, part: Path, *, attempts: int, on_bytes: ByteProgress) -> None:
    """Make `part` hold the complete body of `url`, resuming what it already holds.

    `part` is named `<final name>.part`; a PDF target refuses an HTML answer (landing page).
    Raises `FetchError` with the reason once `attempts` are used up or on a permanent error.
    """
    for attempt in range(1, attempts + 1):
        try:
            _download_once(client, url, part, on_bytes)
            return
        except _RetryableError as e:
            if attempt >= attempts:
                raise
            log.info("attempt %d/%d for %s failed: %s", attempt, attempts, url, e)
            time.sleep(_BACKOFF_S * 2 ** (attempt - 1))


def _download_once(client: httpx.Client, url: str, part: Path, on_bytes: ByteProgress) -> None:
    try:
        _request(client, url, part, on_bytes)
    except _RestartError as e:
        log.info("restarting %s from zero: %s", url, e)
        part.unlink(missing_ok=True)
        _request(client, url, part, on_bytes)  # no Range now, so it cannot ask to restart again


def _request(client: httpx.Client, url: str, part: Path, on_bytes: ByteProgress) -> None:
    offset = part.stat().st_size if part.is_file() else 0
    headers = {"Range": f"bytes={offset}-"} if offset else {}
    try:
        with client.stream("GET", url, headers=headers) as response:
            start = _resume_point(response, offset, part)
            if start is not None:
                _stream_body(response, part, start, on_bytes)
    except httpx.TimeoutException as e:
        raise _RetryableError(f"timed out: no data for {client.timeout.read}s") from e
    except httpx.TransportError as e:
        raise _RetryableError(f"connection failed: {e}") from e


def _resume_point(response: httpx.Response, offset: int, part: Path) -> int | None:
    """Byte at which the body continues `part`; None when `part` is already the whole file."""
    status = response.status_code
    if status == 416 and offset:
        if _content_range(response)[1] == offset:
            return None
        raise _RestartError("server refused the resume range (HTTP 416)")
    if status >= 400:
        error = _RetryableError if status >= 500 or status in _RETRYABLE_STATUS else FetchError
        raise error(f"HTTP {status} {response.reason_phrase}".rstrip())
    if _is_html(response) and Path(part.stem).suffix.lower() == ".pdf":
        raise FetchError("server sent an HTML page, not the PDF (a landing page?)")
    if status == 206 and offset:
        if _content_range(response)[0] != offset:
            raise _RestartError("server answered the resume from another offset")
        return offset
    return 0  # a full body: no Range asked, or the server ignored it


def _stream_body(response: httpx.Response, part: Path, start: int, on_bytes: ByteProgress) -> None:
    length = response.headers.get("Content-Length", "")
    total = start + int(length) if length.isdigit() else None
    written = start
    try:
        with part.open("ab" if start else "wb") as fh:
            for chunk in response.iter_bytes():  # unbuffered: keep every byte that arrived
                fh.write(chunk)
                written += len(chunk)
                on_bytes(written, total)
    except (httpx.RemoteProtocolError, httpx.ReadError) as e:
        raise _RetryableError(_truncated(written, total)) from e
    except OSError as e:
        raise FetchError(f"cannot write {part}: {e}") from e
    if total is not None and start + response.num_bytes_downloaded < total:
        raise _RetryableError(_truncated(written, total))


def _truncated(written: int, total: int | None) -> str:
    expected = f" of {total}" if total is not None else ""
    return (
        f"download truncated: connection closed after {written}{expected} bytes; partial file kept to resume"
    )


def _content_range(response: httpx.Response) -> tuple[int | None, int | None]:
    """(first byte, complete length) from `Content-Range: bytes 10-99/100` or `bytes */100`."""
    value = response.headers.get("Content-Range", "").removeprefix("bytes ").strip()
    span, _, size = value.partition("/")
    first = span.partition("-")[0]
    return (int(first) if first.isdigit() else None, int(size) if size.isdigit() else None)


def _is_html(response: httpx.Response) -> bool:
    content_type: str = response.headers.get("Content-Type", "")
    return content_type.lower().startswith("text/html")


def part_path(target: Path) -> Path:
    """Where `target` is assembled before its atomic rename."""
    return target.with_name(target.name + PART_SUFFIX)


def copy_to_part(source: Path, part: Path, on_bytes: ByteProgress) -> None:
    """Copy a local file into `part`; a failed copy leaves no `part` behind."""
    total = source.stat().st_size
    try:
        with source.open("rb") as fin, part.open("wb") as fout:
            while chunk := fin.read(_CHUNK):
                fout.write(chunk)
                on_bytes(fout.tell(), total)
    except OSError as e:
        part.unlink(missing_ok=True)
        raise FetchError(f"cannot copy {source}: {e}") from e


def commit_part(part: Path, target: Path, expected_sha256: str) -> tuple[int, str]:
    """Verify `part` against `expected_sha256` (when given) and rename it to `target`.

    Returns (size, sha256). On a mismatch `part` is deleted, since resuming a complete but
    wrong file cannot fix it, and `FetchError` says so.
    """
    digest = sha256_of(part)
    if expected_sha256 and digest != expected_sha256.lower():
        part.unlink()
        raise FetchError(
            f"sha256 mismatch: manifest says {expected_sha256}, file is {digest}; file discarded"
        )
    size = part.stat().st_size
    try:
        os.replace(part, target)
    except OSError as e:
        raise FetchError(f"cannot move {part.name} to {target}: {e}") from e
    return size, digest


def write_atomically(target: Path, data: bytes) -> None:
    part = part_path(target)
    try:
        part.write_bytes(data)
        os.replace(part, target)
    except OSError as e:
        raise FetchError(f"cannot write {target}: {e}") from e


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
