"""A scripted OpenAI-compatible chat endpoint on loopback: stands in for a remote model service.

The advisor's own code (the `openai` backend, the verifier, the fallback) runs for real; only
the outside service whose words we need to control is replaced by canned replies.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Literal

#: How a streamed reply ends: as it should, with an `error` chunk (what OpenAI sends when it
#: fails mid-answer), or with the connection dropped before the announced length.
StreamEnd = Literal["done", "error", "drop"]
STREAM_ERROR = "the scripted model ran out of memory"


@contextmanager
def scripted_chat_server(reply: str, stream_end: StreamEnd = "done") -> Iterator[tuple[str, list[dict]]]:
    """Serve `reply` to every chat completion; yield (base URL, received request bodies).

    A streamed reply comes one word per chunk and ends as `stream_end` says."""
    received: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            received.append(body)
            if body.get("stream"):
                self._send(_streamed(reply, stream_end), "text/event-stream", drop=stream_end == "drop")
            else:
                self._send(json.dumps(_completion(reply, body)).encode(), "application/json")

        def _send(self, data: bytes, content_type: str, drop: bool = False) -> None:
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            # A dropped connection: the client is promised more than it gets.
            self.send_header("Content-Length", str(len(data) * 2 if drop else len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", received
    finally:
        server.shutdown()
        server.server_close()


def _completion(reply: str, body: dict) -> dict:
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": body.get("model", "scripted"),
        "choices": [
            {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": reply}}
        ],
    }


def _streamed(reply: str, end: StreamEnd) -> bytes:
    words = reply.split(" ")
    pieces = [{"role": "assistant", "content": ""}] + [
        {"content": word if i == 0 else " " + word} for i, word in enumerate(words)
    ]
    chunks = [
        {
            "id": "chatcmpl-test",
            "object": "chat.completion.chunk",
            "created": 0,
            "model": "scripted",
            "choices": [{"index": 0, "delta": delta, "finish_reason": None}],
        }
        for delta in pieces
    ]
    lines = [f"data: {json.dumps(chunk)}\n\n" for chunk in chunks]
    if end == "error":
        lines.append(f"data: {json.dumps({'error': {'message': STREAM_ERROR, 'type': 'server_error'}})}\n\n")
    elif end == "done":
        lines.append("data: [DONE]\n\n")
    return "".join(lines).encode()
