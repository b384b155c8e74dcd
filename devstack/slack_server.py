"""A loopback Slack Web API server for tests, the demo and benchmarks of the weekly VOC report.

Speaks what `slack_sdk.WebClient(base_url=server.api_url)` calls for the report: `chat.postMessage`
(JSON body; thread replies via `thread_ts`), the v2 file upload (`files.getUploadURLExternal`, the
POST of the bytes to the returned upload URL, `files.completeUploadExternal`) and `auth.test`. It
checks the bearer token (`invalid_auth`) and the Block Kit limits Slack enforces (at most 50 blocks,
3,000 characters per section text, 150 per header: `invalid_blocks`), records every message and
file, and replays scripted failures: `fail_next("chat.postMessage", "ratelimited", status=429)`,
`fail_next("chat.postMessage", "msg_too_long", skip=2)` (the third post fails).
Dev/test harness only: never imported by the Lambda runtime path.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from devstack.loopback import start_loopback, stop_loopback

BOT_TOKEN = "xoxb-local-voc-token"


@dataclass(frozen=True)
class SlackMessage:
    """A message the bot posted: `thread_ts` is set for thread replies."""

    channel: str
    ts: str
    text: str
    blocks: list[dict[str, Any]]
    thread_ts: str | None = None

    @property
    def shown(self) -> str:
        """What a person reads: the section/header texts, else the notification text."""
        parts = []
        for block in self.blocks:
            if block.get("type") in {"section", "header"}:
                parts.append(str((block.get("text") or {}).get("text", "")))
            elif block.get("type") == "context":
                parts.extend(str(e.get("text", "")) for e in block.get("elements", []))
        return "\n".join(parts) or self.text


@dataclass(frozen=True)
class SlackFile:
    """A file shared through the v2 upload, with its bytes."""

    id: str
    title: str
    filename: str
    channel: str | None
    thread_ts: str | None
    initial_comment: str | None
    content: bytes


@dataclass
class _Failure:
    method: str
    error: str
    status: int = 200
    skip: int = 0  # calls of `method` to let through first


@dataclass
class _State:
    messages: list[SlackMessage] = field(default_factory=list)
    files: list[SlackFile] = field(default_factory=list)
    uploads: dict[str, dict[str, Any]] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)
    failures: list[_Failure] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    counter: int = 0


def block_problem(blocks: Any) -> str | None:
    """Slack's own limits for a message's blocks (the server answers `invalid_blocks` when one fails)."""
    if not isinstance(blocks, list):
        return "blocks must be a list"
    if len(blocks) > 50:
        return f"no more than 50 items allowed [json-pointer:/blocks] ({len(blocks)})"
    for i, block in enumerate(blocks):
        text = (block.get("text") or {}).get("text", "") if isinstance(block, dict) else ""
        kind = block.get("type") if isinstance(block, dict) else None
        if kind == "section" and len(text) > 3000:
            return f"must be less than 3001 characters [json-pointer:/blocks/{i}/text/text]"
        if kind == "header" and len(text) > 150:
            return f"must be less than 151 characters [json-pointer:/blocks/{i}/text/text]"
        if kind not in {"section", "header", "divider", "context", "image", "actions", "rich_text"}:
            return f"unsupported type [json-pointer:/blocks/{i}/type]"
    return None


class SlackServer:
    """Start with `SlackServer().start()`; `api_url` is the SLACK_API_BASE_URL to use."""

    def __init__(self, token: str = BOT_TOKEN) -> None:
        self.token = token
        self.state = _State()
        self._server: ThreadingHTTPServer | None = None

    # --- control -----------------------------------------------------------------------------

    def start(self) -> "SlackServer":
        self._server = start_loopback(self._handle, ("POST",), "slack-server")
        return self

    def stop(self) -> None:
        stop_loopback(self._server)
        self._server = None

    def __enter__(self) -> "SlackServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("SlackServer is not started: call start() first")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def api_url(self) -> str:
        """What `SLACK_API_BASE_URL` / `WebClient(base_url=...)` takes."""
        return f"{self.url}/api/"

    def fail_next(self, method: str, error: str, status: int = 200, skip: int = 0) -> None:
        """Answer the next call of `method` (after `skip` successful ones) with `{"ok": false, "error": error}`
        and HTTP `status` (429 adds `Retry-After: 0`)."""
        with self.state.lock:
            self.state.failures.append(_Failure(method, error, status, skip))

    def reset(self) -> None:
        with self.state.lock:
            self.state.messages.clear()
            self.state.files.clear()
            self.state.uploads.clear()
            self.state.calls.clear()
            self.state.failures.clear()

    # --- queries -----------------------------------------------------------------------------

    @property
    def messages(self) -> list[SlackMessage]:
        """Top-level messages (not thread replies), oldest first."""
        with self.state.lock:
            return [m for m in self.state.messages if m.thread_ts is None]

    def replies(self, ts: str) -> list[SlackMessage]:
        """Thread replies under the message `ts`, oldest first."""
        with self.state.lock:
            return [m for m in self.state.messages if m.thread_ts == ts]

    @property
    def files(self) -> list[SlackFile]:
        with self.state.lock:
            return list(self.state.files)

    @property
    def calls(self) -> list[str]:
        """Every method called, in order (`chat.postMessage`, `files.getUploadURLExternal`, …)."""
        with self.state.lock:
            return list(self.state.calls)

    # --- request handling --------------------------------------------------------------------

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(request.path)
        length = int(request.headers.get("content-length") or 0)
        raw = request.rfile.read(length) if length else b""
        if parts.path.startswith("/upload/"):
            self._upload(request, parts.path.rsplit("/", 1)[-1], raw)
            return
        method = parts.path.removeprefix("/api/")
        args: dict[str, Any] = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        kind = request.headers.get("content-type", "")
        if "json" in kind:
            try:
                body = json.loads(raw or b"{}")
            except json.JSONDecodeError:
                self._send(request, 200, {"ok": False, "error": "invalid_json"})
                return
            args.update(body if isinstance(body, dict) else {})
        elif raw:
            args.update({k: v[-1] for k, v in parse_qs(raw.decode("utf-8")).items()})
        with self.state.lock:
            self.state.calls.append(method)
            failure = next((f for f in self.state.failures if f.method == method), None)
            if failure and failure.skip:
                failure.skip -= 1
                failure = None
            elif failure:
                self.state.failures.remove(failure)
        if request.headers.get("authorization") != f"Bearer {self.token}":
            self._send(request, 200, {"ok": False, "error": "invalid_auth"})
        elif failure:
            headers = {"Retry-After": "0"} if failure.status == 429 else {}
            self._send(request, failure.status, {"ok": False, "error": failure.error}, headers)
        elif method == "chat.postMessage":
            self._post_message(request, args)
        elif method == "files.getUploadURLExternal":
            self._upload_url(request, args)
        elif method == "files.completeUploadExternal":
            self._complete_upload(request, args)
        elif method == "auth.test":
            self._send(request, 200, {"ok": True, "team": "local", "user": "voc-bot", "bot_id": "B0LOCAL"})
        else:
            self._send(request, 404, {"ok": False, "error": "unknown_method"})

    def _next_ts(self) -> str:
        with self.state.lock:
            self.state.counter += 1
            return f"{int(time.time())}.{self.state.counter:06d}"

    @staticmethod
    def _channel_id(channel: str) -> str:
        """`#voc` → a stable `C…` id, as Slack answers a channel name with its id."""
        if channel.startswith(("C", "G", "D")) and channel[1:].isalnum():
            return channel
        return "C" + hashlib.sha1(channel.encode()).hexdigest()[:10].upper()

    def _post_message(self, request: BaseHTTPRequestHandler, args: dict[str, Any]) -> None:
        channel = str(args.get("channel") or "")
        blocks = args.get("blocks")
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        if not channel:
            self._send(request, 200, {"ok": False, "error": "channel_not_found"})
            return
        if not blocks and not args.get("text"):
            self._send(request, 200, {"ok": False, "error": "no_text"})
            return
        problem = block_problem(blocks or [])
        if problem:
            self._send(request, 200, {"ok": False, "error": "invalid_blocks", "errors": [problem]})
            return
        message = SlackMessage(channel=self._channel_id(channel), ts=self._next_ts(), text=str(args.get("text") or ""),
                               blocks=list(blocks or []), thread_ts=args.get("thread_ts") or None)
        with self.state.lock:
            self.state.messages.append(message)
        self._send(request, 200, {"ok": True, "channel": message.channel, "ts": message.ts,
                                  "message": {"text": message.text, "ts": message.ts, "thread_ts": message.thread_ts}})

    def _upload_url(self, request: BaseHTTPRequestHandler, args: dict[str, Any]) -> None:
        if not args.get("filename") or not str(args.get("length") or "").isdigit():
            self._send(request, 200, {"ok": False, "error": "invalid_arguments"})
            return
        file_id = "F" + hashlib.sha1(f"{time.time()}{len(self.state.uploads)}".encode()).hexdigest()[:10].upper()
        with self.state.lock:
            self.state.uploads[file_id] = {"filename": args["filename"], "length": int(args["length"]), "content": None}
        self._send(request, 200, {"ok": True, "upload_url": f"{self.url}/upload/{file_id}", "file_id": file_id})

    def _upload(self, request: BaseHTTPRequestHandler, file_id: str, raw: bytes) -> None:
        with self.state.lock:
            upload = self.state.uploads.get(file_id)
            if upload is not None:
                upload["content"] = raw
        status, body = (200, f"OK - {len(raw)}") if upload is not None else (404, "unknown upload")
        data = body.encode()
        request.send_response(status)
        request.send_header("content-type", "text/plain")
        request.send_header("content-length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)

    def _complete_upload(self, request: BaseHTTPRequestHandler, args: dict[str, Any]) -> None:
        try:
            files = json.loads(args.get("files") or "[]")
        except json.JSONDecodeError:
            files = None
        if not isinstance(files, list) or not files:
            self._send(request, 200, {"ok": False, "error": "invalid_arguments"})
            return
        shared = []
        with self.state.lock:
            for entry in files:
                upload = self.state.uploads.get(str(entry.get("id")))
                if upload is None or upload["content"] is None:
                    break
                channel = args.get("channel_id") or None
                shared.append(SlackFile(id=str(entry["id"]), title=str(entry.get("title") or upload["filename"]),
                                        filename=upload["filename"], channel=self._channel_id(channel) if channel else None,
                                        thread_ts=args.get("thread_ts") or None,
                                        initial_comment=args.get("initial_comment") or None, content=upload["content"]))
            else:
                self.state.files.extend(shared)
        if len(shared) != len(files):
            self._send(request, 200, {"ok": False, "error": "file_not_found"})
            return
        self._send(request, 200, {"ok": True, "files": [{"id": f.id, "title": f.title} for f in shared]})

    @staticmethod
    def _send(request: BaseHTTPRequestHandler, status: int, payload: dict[str, Any],
              headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        request.send_response(status)
        request.send_header("content-type", "application/json; charset=utf-8")
        request.send_header("content-length", str(len(data)))
        for key, value in (headers or {}).items():
            request.send_header(key, value)
        request.end_headers()
        request.wfile.write(data)
