"""The read/write lock that keeps questions from seeing an index half-rewritten."""

from __future__ import annotations

import threading

from advisor.api.live import ReadWriteLock

WAIT_S = 0.2


def test_readers_share_the_lock() -> None:
    lock = ReadWriteLock()
    with lock.read():
        entered = threading.Event()

        def read() -> None:
            with lock.read():
                entered.set()

        threading.Thread(target=read).start()
        assert entered.wait(WAIT_S * 5)


def test_writer_waits_for_readers_to_finish() -> None:
    lock = ReadWriteLock()
    wrote = threading.Event()

    def write() -> None:
        with lock.write():
            wrote.set()

    with lock.read():
        threading.Thread(target=write).start()
        assert not wrote.wait(WAIT_S)
    assert wrote.wait(WAIT_S * 5)


def test_waiting_writer_goes_before_new_readers() -> None:
    lock = ReadWriteLock()
    order: list[str] = []
    writer_waiting, reader_started = threading.Event(), threading.Event()

    def write() -> None:
        writer_waiting.set()
        with lock.write():
            order.append("write")

    def read() -> None:
        reader_started.set()
        with lock.read():
            order.append("read")

    with lock.read():
        writer = threading.Thread(target=write)
        writer.start()
        writer_waiting.wait()
        while not lock.writers_waiting:
            threading.Event().wait(0.01)
        reader = threading.Thread(target=read)
        reader.start()
        reader_started.wait()
        assert not order
    writer.join(WAIT_S * 5)
    reader.join(WAIT_S * 5)
    assert order == ["write", "read"]


def test_lock_can_be_released_by_another_thread_than_took_it() -> None:
    """A streamed answer takes the read side in one worker thread and may end in another."""
    lock = ReadWriteLock()
    reading = lock.read()
    reading.__enter__()
    threading.Thread(target=reading.__exit__, args=(None, None, None)).start()
    wrote = threading.Event()
    threading.Thread(target=lambda: lock.write().__enter__() or wrote.set()).start()
    assert wrote.wait(WAIT_S * 5)
