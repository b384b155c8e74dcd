"""A loopback OpenAI-compatible chat server for tests and benchmarks of the real DSPy client path.

It answers `POST .../chat/completions` (OpenAI `/v1/...`, Azure `/openai/deployments/<d>/...` and
`/openai/v1/...`) from a queue of scripted replies, or from a `responder` callable when the queue is
empty, and records every request. Scripted replies can be delayed (to trigger client timeouts), be
HTTP errors, or trickle: `trickle=0.5` sends the headers and then one byte every 0.5 s (a server that
defeats per-read timeouts), until the client hangs up, the server stops, or TRICKLE_MAX_SECONDS pass.
Scripted replies are test fixtures, never product logic: the product never imports this.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Responder = Callable[[dict[str, Any]], str]

_TOKEN = re.compile(r"[A-Za-z0-9]+|[^\sA-Za-z0-9]")
TRICKLE_MAX_SECONDS = 120.0  # a trickling reply stops by itself


def count_tokens(text: str) -> int:
    """A deterministic token estimate (ASCII words and every other character count one each)."""
    return len(_TOKEN.findall(text))


def chat_fields(**fields: str) -> str:
    """Format output fields the way DSPy's ChatAdapter parses them (`[[ ## name ## ]]`)."""
    parts = [f"[[ ## {name} ## ]]\n{value}" for name, value in fields.items()]
    return "\n\n".join(parts + ["[[ ## completed ## ]]"])


def requested_output_fields(body: dict[str, Any]) -> list[str]:
    """Output field names a DSPy ChatAdapter request asks for (harness helper for responders)."""
    system = " ".join(str(m.get("content", "")) for m in body.get("messages", []) if m.get("role") == "system")
    match = re.search(r"Your output fields are:(.*?)(?:All interactions|\Z)", system, re.S)
    if not match:
        return []
    return re.findall(r"\d+\.\s+`(\w+)`", match.group(1))


@dataclass
class ScriptedReply:
    """One queued answer: content (assistant text), or an HTTP error status, after an optional delay."""

    content: str = ""
    status: int = 200
    delay: float = 0.0
    error_message: str = "scripted error"
    trickle: float = 0.0


@dataclass
class RecordedRequest:
    path: str
    body: dict[str, Any]
    headers: dict[str, str]
    prompt_tokens: int


@dataclass
class _State:
    queue: deque[ScriptedReply] = field(default_factory=deque)
    requests: list[RecordedRequest] = field(default_factory=list)
    responder: Responder | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    stopping: threading.Event = field(default_factory=threading.Event)


class _Handler(BaseHTTPRequestHandler):
    server: "_Server"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Silence per-request logging (tests and benchmarks read the recorded requests instead)."""

    def _send(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout tests); nothing left to answer

    def _trickle(self, every: float) -> None:
        """Headers, then a space every `every` seconds: never silent long enough for a read timeout."""
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "1000000")
        self.end_headers()
        stop = self.server.state.stopping
        ends = time.monotonic() + TRICKLE_MAX_SECONDS
        try:
            while time.monotonic() < ends and not stop.wait(every):
                self.wfile.write(b" ")
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass
        self.close_connection = True

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        if self.path.rstrip("/").endswith("/models"):
            self._send(200, {"object": "list", "data": [{"id": "stub-model", "object": "model"}]})
        else:
            self._send(404, {"error": {"message": f"no route {self.path}"}})

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        path = self.path.split("?", 1)[0]
        if not path.endswith("/chat/completions"):
            self._send(404, {"error": {"message": f"no route {self.path}", "type": "invalid_request_error"}})
            return
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except json.JSONDecodeError:
            self._send(400, {"error": {"message": "body is not JSON", "type": "invalid_request_error"}})
            return
        prompt = "\n".join(_content_text(m.get("content")) for m in body.get("messages", []))
        prompt_tokens = count_tokens(prompt)
        state = self.server.state
        with state.lock:
            state.requests.append(RecordedRequest(path, body, dict(self.headers.items()), prompt_tokens))
            scripted = state.queue.popleft() if state.queue else None
            responder = state.responder
        if scripted is None:
            if responder is None:
                self._send(500, {"error": {"message": "stub server has no scripted reply left", "type": "server_error"}})
                return
            scripted = ScriptedReply(content=responder(body))
        if scripted.delay:
            time.sleep(scripted.delay)
        if scripted.trickle:
            self._trickle(scripted.trickle)
            return
        if scripted.status != 200:
            self._send(scripted.status, {"error": {"message": scripted.error_message, "type": "server_error"}})
            return
        completion_tokens = count_tokens(scripted.content)
        self._send(200, {
            "id": f"chatcmpl-stub-{len(state.requests)}",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", "stub-model"),
            "choices": [{"index": 0, "finish_reason": "stop",
                         "message": {"role": "assistant", "content": scripted.content}}],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                      "total_tokens": prompt_tokens + completion_tokens},
        })


def _content_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
    return ""


class _Server(ThreadingHTTPServer):
    request_queue_size = 256
    daemon_threads = True
    state: _State


class OpenAIStubServer:
    """Start with `OpenAIStubServer().start()` (or as a context manager); point clients at `.base_url`."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, responder: Responder | None = None) -> None:
        self._server = _Server((host, port), _Handler)
        self._server.state = _State(responder=responder)
        self._thread: threading.Thread | None = None

    @property
    def state(self) -> _State:
        return self._server.state

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """OpenAI-style base URL including `/v1` (what `LM_API_BASE` takes)."""
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def root_url(self) -> str:
        """Server root (what `AZURE_OPENAI_ENDPOINT` takes)."""
        return f"http://127.0.0.1:{self.port}"

    @property
    def requests(self) -> list[RecordedRequest]:
        with self.state.lock:
            return list(self.state.requests)

    def start(self) -> "OpenAIStubServer":
        self._thread = threading.Thread(target=self._server.serve_forever, name="openai-stub", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.state.stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> "OpenAIStubServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def push(self, content: str = "", *, delay: float = 0.0, status: int = 200,
             error_message: str = "scripted error", trickle: float = 0.0) -> None:
        """Queue one reply (served first-in first-out)."""
        with self.state.lock:
            self.state.queue.append(ScriptedReply(content, status, delay, error_message, trickle))

    def push_fields(self, delay: float = 0.0, **fields: str) -> None:
        """Queue one reply holding DSPy ChatAdapter output fields."""
        self.push(chat_fields(**fields), delay=delay)

    def set_responder(self, responder: Responder | None) -> None:
        """Answer from `responder(request_body)` whenever the queue is empty."""
        with self.state.lock:
            self.state.responder = responder

    def reset(self) -> None:
        """Forget queued replies, recorded requests and the responder."""
        with self.state.lock:
            self.state.queue.clear()
            self.state.requests.clear()
            self.state.responder = None

    @property
    def pending(self) -> int:
        with self.state.lock:
            return len(self.state.queue)


def main() -> None:
    """`python -m devstack.openai_stub_server [PORT]`: serve an echo-style stub for manual trials."""
    import sys

    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8765

    def responder(body: dict[str, Any]) -> str:
        fields = requested_output_fields(body) or ["reply"]
        return chat_fields(**{name: "확인 후 안내해 드리겠습니다." for name in fields})

    server = OpenAIStubServer(port=port, responder=responder).start()
    print(json.dumps({"base_url": server.base_url}))
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.stop()


if __name__ == "__main__":
    main()
