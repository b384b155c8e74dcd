"""Channel.io Open API client (httpx): post the bot's reply, find it again, invite managers for a handoff,
post the weekly VOC report to a team chat.

Retries 429 and 5xx (and timeouts / connection errors) with exponential backoff, honouring
`Retry-After` and `x-ratelimit-reset`; 401/403 are configuration errors and never retried. Every wait
and every request timeout is cut to the turn's deadline (`core.deadline`): past it the call fails
with ChannelUnavailableError and the state machine retries the turn. Errors are typed so the handler
can tell "retry the turn later" from "fix the settings", and their messages never carry Channel.io's
answer body (it may echo the customer's text).

Exactly one reply per turn: each post carries the turn attempt's id as `requestId` (a field of
Channel.io's Message object, returned by the create call, the message list and webhooks; whether the
create call stores a client-chosen value is not documented, so it is never the only clue). After an
ambiguous failure (a timeout or a dropped connection after the request was sent, or a 502/504), and
before any later attempt posts the same reply, `find_posted` reads the chat's newest messages and
recognises this turn's message: a bot message with this `requestId`, or a bot message with the same
text created after the posting record was written and not one of the bot's earlier posts. An identical
reply of an earlier turn therefore never counts as this turn's.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import httpx

from core import deadline as turn_deadline

API_PREFIX = "/open/v5"
RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})
AMBIGUOUS_STATUS = frozenset({502, 504})  # a proxy gave up: the request may still have been stored
CLOCK_SKEW_SECONDS = 2.0  # Channel.io's createdAt vs our clock when matching "created after the record"
SETTLE_SECONDS = 3.0  # after an ambiguous failure, how long the chat is watched before posting again
LIST_LIMIT = 50
_SPACES = re.compile(r"\s+")


class ChannelApiError(RuntimeError):
    """A Channel.io API call failed."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class ChannelConfigError(ChannelApiError):
    """Credentials or bot settings are wrong (401/403, or keys missing): fix the configuration."""


class ChannelRequestError(ChannelApiError):
    """Channel.io rejected the request itself (other 4xx, e.g. unknown chat): retrying will not help."""


class ChannelUnavailableError(ChannelApiError):
    """429/5xx/timeouts persisted through every retry (or the turn's deadline): the state machine retries."""


@dataclass(frozen=True)
class PostedMessage:
    """A bot message as Channel.io stored it (`found`: recognised in the chat, not answered to our POST)."""

    id: str | None
    found: bool = False


def _shown_text(message: dict[str, Any]) -> str:
    blocks = message.get("blocks") if isinstance(message.get("blocks"), list) else []
    text = str(message.get("plainText") or "") or "\n".join(
        str(b.get("value", "")) for b in blocks if isinstance(b, dict) and b.get("type") == "text")
    return _SPACES.sub(" ", text).strip()


class ChannelClient:
    """Thin Open API client. Pass `http` (an httpx.Client) to point it anywhere, e.g. a loopback server."""

    def __init__(
        self,
        base_url: str,
        access_key: str | None,
        access_secret: str | None,
        bot_name: str,
        timeout: float = 5.0,
        max_retries: int = 3,
        backoff_seconds: float = 0.25,
        max_wait_seconds: float = 10.0,
        http: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self._key = access_key
        self._secret = access_secret
        self.bot_name = bot_name
        self.max_retries = max_retries
        self.backoff_seconds = backoff_seconds
        self.max_wait_seconds = max_wait_seconds
        self._sleep = sleep
        self._clock = clock
        self._http = http or httpx.Client(base_url=self.base_url, timeout=httpx.Timeout(timeout, connect=min(timeout, 3.0)))

    @classmethod
    def from_settings(cls, settings: Any, http: httpx.Client | None = None) -> "ChannelClient":
        return cls(
            base_url=settings.channel_api_base_url,
            access_key=settings.channel_access_key,
            access_secret=settings.channel_access_secret,
            bot_name=settings.channel_bot_name,
            timeout=settings.channel_timeout_seconds,
            http=http,
        )

    def send_message(self, chat_id: str, text: str, request_id: str | None = None, since: float | None = None,
                     earlier_ids: Collection[str] = ()) -> PostedMessage:
        """Post a text message to the user chat as the bot (`botName`), at most once for `request_id`.

        A POST whose answer was lost may have been stored: before posting again the chat is watched for
        up to SETTLE_SECONDS (`find_posted` with `since`, the posting record's time, and `earlier_ids`, the
        bot's earlier posts), so a slow Channel.io does not make the customer read the same reply twice.
        """
        body: dict[str, Any] = {"blocks": [{"type": "text", "value": text}]}
        if request_id:
            body["requestId"] = request_id
        path = f"/user-chats/{quote(chat_id, safe='')}/messages"
        started = self._clock() if since is None else since

        def already_done() -> PostedMessage | None:
            return self._settled_find(chat_id, text, request_id, started, earlier_ids)

        out = self._request("POST", path, params={"botName": self.bot_name}, json=body,
                            label="POST /user-chats/{id}/messages", already_done=already_done)
        if isinstance(out, PostedMessage):
            return out
        message = out.get("message") if isinstance(out.get("message"), dict) else {}
        message_id = message.get("id")
        return PostedMessage(id=str(message_id) if message_id else None)

    def _settled_find(self, chat_id: str, text: str, request_id: str | None, since: float,
                      earlier_ids: Collection[str]) -> PostedMessage | None:
        """`find_posted`, repeated for up to SETTLE_SECONDS (cut to the deadline): a late store shows up."""
        limit = turn_deadline.current()
        until = time.monotonic() + (limit.bound(SETTLE_SECONDS) if limit else SETTLE_SECONDS)
        while True:
            try:
                found = self.find_posted(chat_id, text, request_id, since, earlier_ids)
            except ChannelApiError:
                found = None
            if found is not None:
                return found
            left = until - time.monotonic()
            if left <= 0:
                return None
            self._sleep(min(0.5, left))

    def find_posted(self, chat_id: str, text: str, request_id: str | None, since: float,
                    earlier_ids: Collection[str] = ()) -> PostedMessage | None:
        """This turn's message in the chat's newest messages, or None.

        A bot message is this turn's when its `requestId` is `request_id`, or when it shows `text`, was
        created at or after `since` (epoch seconds, the posting record's time, less CLOCK_SKEW_SECONDS) and
        is none of `earlier_ids`. Raises ChannelApiError when the list cannot be read.
        """
        if not self._key or not self._secret:
            raise ChannelConfigError("Channel.io credentials are missing: set CHANNEL_ACCESS_KEY and CHANNEL_ACCESS_SECRET")
        path = f"{self.base_url}{API_PREFIX}/user-chats/{quote(chat_id, safe='')}/messages"
        try:
            response = self._http.get(path, params={"sortOrder": "desc", "limit": LIST_LIMIT},
                                      headers={"x-access-key": self._key, "x-access-secret": self._secret},
                                      timeout=self._timeout())
        except httpx.HTTPError as exc:
            raise ChannelUnavailableError(f"GET /user-chats/{{id}}/messages failed: {type(exc).__name__}") from None
        if response.status_code in (401, 403):
            raise ChannelConfigError(f"Channel.io answered {response.status_code} to GET /user-chats/{{id}}/messages: "
                                     "check CHANNEL_ACCESS_KEY/CHANNEL_ACCESS_SECRET", response.status_code)
        if response.status_code >= 300:
            raise ChannelUnavailableError(f"Channel.io answered {response.status_code} to GET /user-chats/{{id}}/messages",
                                          response.status_code)
        messages = _json(response).get("messages")
        wanted = _SPACES.sub(" ", text).strip()
        earliest_ms = (since - CLOCK_SKEW_SECONDS) * 1000
        for message in messages if isinstance(messages, list) else []:
            if not isinstance(message, dict) or message.get("personType") != "bot":
                continue
            message_id = str(message["id"]) if message.get("id") else None
            if request_id and message.get("requestId") == request_id:
                return PostedMessage(id=message_id, found=True)
            created = message.get("createdAt")
            if (isinstance(created, (int, float)) and created >= earliest_ms and message_id not in earlier_ids
                    and _shown_text(message) == wanted):
                return PostedMessage(id=message_id, found=True)
        return None

    def send_group_message(self, group_id: str, text: str) -> dict[str, Any]:
        """Post a text message to a team chat (group) as the bot: the weekly VOC report's Channel.io destination.

        Same body as a user-chat message; a POST whose answer was lost is checked against the group's
        latest messages before it is sent again, so the team does not read a report twice.
        """
        body = {"blocks": [{"type": "text", "value": text}]}
        path = f"/groups/{quote(group_id, safe='')}/messages"
        return self._request("POST", path, params={"botName": self.bot_name}, json=body,
                             label="POST /groups/{id}/messages",
                             already_done=lambda: self._group_posted(path, text))

    def _group_posted(self, path: str, text: str) -> dict[str, Any] | None:
        """The team chat's newest page holds a bot message with exactly `text`: a lost answer was stored."""
        try:
            response = self._http.get(f"{self.base_url}{API_PREFIX}{path}", params={"sortOrder": "desc", "limit": 10},
                                      headers={"x-access-key": self._key or "", "x-access-secret": self._secret or ""},
                                      timeout=self._timeout())
            messages = _json(response).get("messages") if response.status_code < 300 else None
        except httpx.HTTPError:
            return None
        wanted = _SPACES.sub(" ", text).strip()
        for message in messages if isinstance(messages, list) else []:
            if isinstance(message, dict) and message.get("personType") == "bot" and _shown_text(message) == wanted:
                return {"message": message, "found": True}
        return None

    def invite_managers(self, chat_id: str, manager_ids: Sequence[str]) -> dict[str, Any]:
        """Invite managers into the chat (the human handoff)."""
        params: list[tuple[str, str]] = [("botName", self.bot_name)] + [("managerIds", m) for m in manager_ids]
        return self._request("PATCH", f"/user-chats/{quote(chat_id, safe='')}/invite", params=params,
                             label="PATCH /user-chats/{id}/invite")

    def close(self) -> None:
        self._http.close()

    # --- internals ---------------------------------------------------------------------------

    def _request(self, method: str, path: str, params: Any = None, json: Any = None, label: str = "",
                 already_done: Callable[[], Any] | None = None) -> Any:
        """One API call with retries, within the turn's deadline; error messages name the endpoint, never
        the chat id nor Channel.io's answer body (logs and Step Functions errors stay private).

        `already_done` is asked after an ambiguous failure; a non-None answer is returned as the result.
        """
        if not self._key or not self._secret:
            raise ChannelConfigError("Channel.io credentials are missing: set CHANNEL_ACCESS_KEY and CHANNEL_ACCESS_SECRET")
        headers = {"x-access-key": self._key, "x-access-secret": self._secret}
        url = f"{self.base_url}{API_PREFIX}{path}"
        what = label or f"{method} {path}"
        last: str = ""
        last_status: int | None = None
        for attempt in range(self.max_retries + 1):
            self._check_deadline(what, attempt)
            ambiguous = False
            try:
                response = self._http.request(method, url, params=params, json=json, headers=headers,
                                              timeout=self._timeout())
            except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as exc:
                last = type(exc).__name__
                # the request went out (or may have): Channel.io may store it although we never saw the answer
                ambiguous = isinstance(exc, (httpx.ReadTimeout, httpx.WriteTimeout, httpx.RemoteProtocolError,
                                             httpx.ReadError, httpx.WriteError))
                wait = self._backoff(attempt)
            else:
                status = response.status_code
                if status < 300:
                    return _json(response)
                if status in (401, 403):
                    raise ChannelConfigError(
                        f"Channel.io answered {status} to {what}: check CHANNEL_ACCESS_KEY/CHANNEL_ACCESS_SECRET "
                        "and that the bot may post to this channel", status)
                if status not in RETRYABLE_STATUS:
                    raise ChannelRequestError(f"Channel.io answered {status} to {what}{_error_type(response)}", status)
                last, last_status = f"HTTP {status}", status
                ambiguous = status in AMBIGUOUS_STATUS
                wait = self._wait_for(response, attempt)
            if ambiguous and already_done is not None:
                done = already_done()
                if done is not None:
                    return done
            if attempt < self.max_retries:
                limit = turn_deadline.current()
                if limit is not None and limit.remaining() <= wait:
                    break
                self._sleep(wait)
        raise ChannelUnavailableError(f"{what} failed after {attempt + 1} attempts: {last}", last_status)

    def _check_deadline(self, what: str, attempt: int) -> None:
        limit = turn_deadline.current()
        if limit is not None and limit.remaining() < 0.2:
            raise ChannelUnavailableError(f"{what}: the turn's deadline passed after {attempt} attempts")

    def _timeout(self) -> Any:
        """The client's timeout, cut to what is left of the turn (outside a turn: the client's own)."""
        limit = turn_deadline.current()
        if limit is None:
            return httpx.USE_CLIENT_DEFAULT
        base = self._http.timeout
        left = max(0.1, limit.remaining())
        return httpx.Timeout(connect=min(base.connect or left, left), read=min(base.read or left, left),
                             write=min(base.write or left, left), pool=min(base.pool or left, left))

    def _backoff(self, attempt: int) -> float:
        return min(self.max_wait_seconds, self.backoff_seconds * (2**attempt) * (1 + random.random() * 0.2))

    def _wait_for(self, response: httpx.Response, attempt: int) -> float:
        """Seconds to wait before the next try: Retry-After, else x-ratelimit-reset, else backoff."""
        wait = _retry_after(response.headers.get("retry-after"))
        if wait is None:
            wait = _reset_in(response.headers.get("x-ratelimit-reset"), self._clock())
        if wait is None:
            wait = self._backoff(attempt)
        return max(0.0, min(wait, self.max_wait_seconds))


def _error_type(response: httpx.Response) -> str:
    """` (type)` from Channel.io's error body when it names one; never its message (it may quote the customer)."""
    kind = _json(response).get("type")
    return f" ({kind[:40]})" if isinstance(kind, str) and kind.isidentifier() else ""


def _json(response: httpx.Response) -> dict[str, Any]:
    if not response.content:
        return {}
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {"data": data}


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        return None  # HTTP-date form: fall back to the other hints


def _reset_in(value: str | None, now: float) -> float | None:
    """`x-ratelimit-reset` is epoch seconds (milliseconds tolerated); return seconds from now."""
    if not value:
        return None
    try:
        reset = float(value)
    except ValueError:
        return None
    if reset > 1e12:
        reset /= 1000.0
    return max(0.0, reset - now)
