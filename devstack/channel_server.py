"""A loopback Channel.io Open API server for tests, the demo and benchmarks.

Speaks the endpoints the bot uses (`POST` and `GET /open/v5/user-chats/{id}/messages`,
`PATCH /open/v5/user-chats/{id}/invite`, and the team-chat `POST`/`GET /open/v5/groups/{id}/messages` of
the weekly VOC report), checks the access headers like Channel does (401), records
every call, and replays scripted faults: `script(500, 200)` answers the next message posts with a 500
then a 200; `fail_always(503)`; `script(Reply(429, headers={"retry-after": "1"}))`; `delay` holds the
answer after the message is stored (a slow answer, or a function killed while it waits);
`store_delay` stores the message only that long after the request arrived (Channel.io storing a post
after our client gave up). `on_post` sees each accepted post (the demo uses it to send the bot-echo
webhook Channel.io would send).

Like Channel.io, a created message gets an `id`, `createdAt` (ms) and, when the request body carried
one, its `requestId` (Message objects carry `requestId`; set `echo_request_id=False` to play a
Channel.io that drops it). `GET …/messages?sortOrder=desc&limit=N` lists the chat's messages, newest
first: the bot's stored posts and anything added with `add_message` (a customer's or a manager's).
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from devstack.loopback import start_loopback, stop_loopback

ACCESS_KEY = "local-access-key"
ACCESS_SECRET = "local-access-secret"


@dataclass(frozen=True)
class Reply:
    """One scripted answer: status, extra headers, and how long to hold it."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    store_delay: float = 0.0
    body: dict[str, Any] | None = None  # the error body of a failure (default: a scripted-failure message)


@dataclass(frozen=True)
class RecordedCall:
    """A call the bot made (only successful ones count as posts/invites the customer sees)."""

    method: str
    path: str
    chat_id: str
    query: dict[str, list[str]]
    body: dict[str, Any]
    status: int
    at: float
    group_id: str = ""
    message_id: str = ""

    @property
    def text(self) -> str:
        return "\n".join(b.get("value", "") for b in self.body.get("blocks", []) if b.get("type") == "text")


class ChannelServer:
    """Start with `ChannelServer().start()`; `url` is the CHANNEL_API_BASE_URL to use."""

    def __init__(self, access_key: str = ACCESS_KEY, access_secret: str = ACCESS_SECRET,
                 echo_request_id: bool = True) -> None:
        self.access_key = access_key
        self.access_secret = access_secret
        self.echo_request_id = echo_request_id
        self.calls: list[RecordedCall] = []
        self.other_messages: list[dict[str, Any]] = []
        self.on_post: Callable[[RecordedCall], None] | None = None
        self._script: list[Reply] = []
        self._default = Reply(200)
        self._lock = threading.Condition()
        self._server: ThreadingHTTPServer | None = None

    # --- control -----------------------------------------------------------------------------

    def start(self) -> "ChannelServer":
        self._server = start_loopback(self._handle, ("POST", "PATCH", "GET"), "channel-server")
        return self

    def stop(self) -> None:
        stop_loopback(self._server)
        self._server = None

    @property
    def url(self) -> str:
        if self._server is None:
            raise RuntimeError("ChannelServer is not started: call start() first")
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def script(self, *replies: Reply | int) -> None:
        """Answer the next message posts / invites with these replies, in order, then the default."""
        with self._lock:
            self._script.extend(r if isinstance(r, Reply) else Reply(r) for r in replies)

    def fail_always(self, status: int = 503, headers: dict[str, str] | None = None) -> None:
        with self._lock:
            self._default = Reply(status, headers or {})

    def set_default(self, reply: Reply) -> None:
        with self._lock:
            self._default = reply

    def reset(self) -> None:
        with self._lock:
            self.calls.clear()
            self.other_messages.clear()
            self._script.clear()
            self._default = Reply(200)

    def add_message(self, chat_id: str, text: str, person_type: str = "user") -> None:
        """A message someone else wrote in the chat (it shows in the message list like on Channel.io)."""
        with self._lock:
            self.other_messages.append({"id": uuid.uuid4().hex[:24], "chatId": chat_id, "personType": person_type,
                                        "plainText": text, "blocks": [{"type": "text", "value": text}],
                                        "createdAt": int(time.time() * 1000)})

    def messages(self, chat_id: str, group_id: str = "") -> list[dict[str, Any]]:
        """The chat's (or, with `group_id`, the team chat's) messages as `GET …/messages` lists them, oldest first."""
        with self._lock:
            stored = [self._message_view(c) for c in self.calls if c.chat_id == chat_id and c.group_id == group_id
                      and c.path.endswith("/messages") and c.method == "POST" and c.status < 300]
            others = [m for m in self.other_messages if m["chatId"] == chat_id]
        return sorted(stored + others, key=lambda m: m["createdAt"])

    def _message_view(self, call: RecordedCall) -> dict[str, Any]:
        view = {"id": call.message_id, "chatId": call.chat_id or call.group_id, "personType": "bot", "plainText": call.text,
                "blocks": call.body.get("blocks", []), "createdAt": int(call.at * 1000)}
        if self.echo_request_id and isinstance(call.body.get("requestId"), str):
            view["requestId"] = call.body["requestId"]
        return view

    # --- queries -----------------------------------------------------------------------------

    def posts(self, chat_id: str | None = None, ok_only: bool = True) -> list[RecordedCall]:
        """Messages the bot posted (successfully, unless ok_only=False)."""
        with self._lock:
            return [c for c in self.calls if c.path.endswith("/messages") and c.method == "POST" and not c.group_id
                    and (chat_id is None or c.chat_id == chat_id) and (c.status < 300 or not ok_only)]

    def group_posts(self, group_id: str | None = None) -> list[RecordedCall]:
        """Messages the bot posted (successfully) to a team chat."""
        with self._lock:
            return [c for c in self.calls if c.group_id and c.method == "POST" and c.status < 300
                    and (group_id is None or c.group_id == group_id)]

    def invites(self, chat_id: str | None = None) -> list[RecordedCall]:
        with self._lock:
            return [c for c in self.calls if c.path.endswith("/invite") and c.status < 300
                    and (chat_id is None or c.chat_id == chat_id)]

    def wait_for_posts(self, chat_id: str, count: int, timeout: float = 15.0) -> list[RecordedCall]:
        """Block until `count` successful posts exist for the chat (or the timeout); returns them."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                posts = [c for c in self.calls if c.chat_id == chat_id and c.path.endswith("/messages")
                         and c.method == "POST" and c.status < 300]
                left = deadline - time.monotonic()
                if len(posts) >= count or left <= 0:
                    return posts
                self._lock.wait(min(left, 0.1))

    # --- request handling --------------------------------------------------------------------

    def _next_reply(self, is_write: bool) -> Reply:
        with self._lock:
            if is_write and self._script:
                return self._script.pop(0)
            return self._default if is_write else Reply(200)

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        parts = urlsplit(request.path)
        segments = [s for s in parts.path.split("/") if s]
        length = int(request.headers.get("content-length") or 0)
        raw = request.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else {}
        except json.JSONDecodeError:
            body = {"_invalid": raw.decode("utf-8", "replace")}
        chat_id = segments[3] if len(segments) > 3 and segments[2] == "user-chats" else ""
        group_id = segments[3] if len(segments) > 3 and segments[2] == "groups" else ""
        is_write = request.command in ("POST", "PATCH")
        if (request.headers.get("x-access-key") != self.access_key
                or request.headers.get("x-access-secret") != self.access_secret):
            reply = Reply(401)
        elif not parts.path.startswith(("/open/v5/user-chats/", "/open/v5/groups/")):
            reply = Reply(404)
        else:
            reply = self._next_reply(is_write)
        if is_write and reply.store_delay:  # Channel.io still working on it: stored later
            time.sleep(reply.store_delay)
        call = RecordedCall(method=request.command, path=parts.path, chat_id=chat_id, query=parse_qs(parts.query),
                            body=body if isinstance(body, dict) else {}, status=reply.status, at=time.time(),
                            group_id=group_id, message_id=uuid.uuid4().hex[:24])
        if is_write:  # stored first, answered after `delay`: a slow answer does not mean "not stored"
            with self._lock:
                self.calls.append(call)
                self._lock.notify_all()
        if reply.delay:
            time.sleep(reply.delay)
        if reply.status < 300:
            payload: dict[str, Any]
            if request.command == "GET" and parts.path.endswith("/messages"):
                limit = int((call.query.get("limit") or ["25"])[0])
                listed = self.messages(chat_id, group_id)
                newest_first = (call.query.get("sortOrder") or ["desc"])[0] != "asc"
                payload = {"messages": (list(reversed(listed)) if newest_first else listed)[:limit]}
            elif parts.path.endswith("/messages"):
                payload = {"message": self._message_view(call)}
            else:
                payload = {"userChat": {"id": chat_id, "state": "opened"}}
        else:
            payload = reply.body or {"type": "error", "status": reply.status, "message": "scripted failure"}
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        request.send_response(reply.status)
        request.send_header("content-type", "application/json")
        request.send_header("content-length", str(len(data)))
        for key, value in reply.headers.items():
            request.send_header(key, value)
        request.end_headers()
        request.wfile.write(data)
        if reply.status < 300 and call.method == "POST" and call.chat_id and self.on_post is not None:
            threading.Thread(target=self.on_post, args=(call,), daemon=True).start()
