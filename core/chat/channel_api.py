"""Channel.io Open API client (httpx): post the bot's reply, invite managers for a handoff, post to a team chat.

Retries 429 and 5xx (and timeouts / connection errors) with exponential backoff, honouring
`Retry-After` and `x-ratelimit-reset`; 401/403 are configuration errors and never retried.
Errors are typed so the handler can tell "retry the turn later" from "fix the settings".
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import quote

import httpx

API_PREFIX = "/open/v5"
RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})


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
    """429/5xx/timeouts persisted through every retry: the state machine retries, then hands off."""


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

    def send_message(self, chat_id: str, text: str) -> dict[str, Any]:
        """Post a text message to the user chat as the bot (`botName`).

        A POST whose answer was lost (read timeout) may have been stored: before posting again, the
        chat's latest messages are read, and a bot message with this exact text counts as sent, so a
        slow Channel.io does not make the customer read the same reply twice.
        """
        body = {"blocks": [{"type": "text", "value": text}]}
        path = f"/user-chats/{quote(chat_id, safe='')}/messages"
        return self._request("POST", path, params={"botName": self.bot_name}, json=body,
                             label="POST /user-chats/{id}/messages",
                             already_done=lambda: self._recently_posted(path, text))

    def _recently_posted(self, path: str, text: str) -> bool:
        """Does the chat's newest page of messages hold a bot message with exactly `text`?"""
        try:
            response = self._http.get(f"{self.base_url}{API_PREFIX}{path}", params={"sortOrder": "desc", "limit": 10},
                                      headers={"x-access-key": self._key or "", "x-access-secret": self._secret or ""})
            messages = _json(response).get("messages") if response.status_code < 300 else None
        except httpx.HTTPError:
            return False
        wanted = text.strip()
        for message in messages if isinstance(messages, list) else []:
            if not isinstance(message, dict) or message.get("personType") != "bot":
                continue
            blocks = message.get("blocks") if isinstance(message.get("blocks"), list) else []
            shown = str(message.get("plainText") or "") or "\n".join(
                str(b.get("value", "")) for b in blocks if isinstance(b, dict) and b.get("type") == "text")
            if shown.strip() == wanted:
                return True
        return False

    def send_group_message(self, group_id: str, text: str) -> dict[str, Any]:
        """Post a text message to a team chat (group) as the bot: the weekly VOC report's Channel.io destination.

        Same body as a user-chat message; a POST whose answer was lost is checked against the group's
        latest messages before it is sent again, so the team does not read a report twice.
        """
        body = {"blocks": [{"type": "text", "value": text}]}
        path = f"/groups/{quote(group_id, safe='')}/messages"
        return self._request("POST", path, params={"botName": self.bot_name}, json=body,
                             label="POST /groups/{id}/messages",
                             already_done=lambda: self._recently_posted(path, text))

    def invite_managers(self, chat_id: str, manager_ids: Sequence[str]) -> dict[str, Any]:
        """Invite managers into the chat (the human handoff)."""
        params: list[tuple[str, str]] = [("botName", self.bot_name)] + [("managerIds", m) for m in manager_ids]
        return self._request("PATCH", f"/user-chats/{quote(chat_id, safe='')}/invite", params=params,
                             label="PATCH /user-chats/{id}/invite")

    def close(self) -> None:
        self._http.close()

    # --- internals ---------------------------------------------------------------------------

    def _request(self, method: str, path: str, params: Any = None, json: Any = None, label: str = "",
                 already_done: Callable[[], bool] | None = None) -> dict[str, Any]:
        """One API call with retries; error messages name the endpoint, never the chat id (logs stay private)."""
        if not self._key or not self._secret:
            raise ChannelConfigError("Channel.io credentials are missing: set CHANNEL_ACCESS_KEY and CHANNEL_ACCESS_SECRET")
        headers = {"x-access-key": self._key, "x-access-secret": self._secret}
        url = f"{self.base_url}{API_PREFIX}{path}"
        what = label or f"{method} {path}"
        last: str = ""
        last_status: int | None = None
        for attempt in range(self.max_retries + 1):
            try:
                response = self._http.request(method, url, params=params, json=json, headers=headers)
            except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as exc:
                last = f"{type(exc).__name__}: {exc}"
                sent = isinstance(exc, (httpx.ReadTimeout, httpx.RemoteProtocolError))  # the request went out
                if sent and already_done is not None and already_done():
                    return {}
                if attempt < self.max_retries:
                    self._sleep(self._backoff(attempt))
                    continue
                raise ChannelUnavailableError(f"{what} failed after {attempt + 1} attempts: {last}") from exc
            status = response.status_code
            if status < 300:
                return _json(response)
            if status in (401, 403):
                raise ChannelConfigError(
                    f"Channel.io answered {status} to {what}: check CHANNEL_ACCESS_KEY/CHANNEL_ACCESS_SECRET "
                    "and that the bot may post to this channel", status)
            if status not in RETRYABLE_STATUS:
                raise ChannelRequestError(f"Channel.io answered {status} to {what}: {response.text[:200]}", status)
            last, last_status = f"HTTP {status}", status
            if attempt < self.max_retries:
                self._sleep(self._wait_for(response, attempt))
        raise ChannelUnavailableError(f"{what} failed after {self.max_retries + 1} attempts: {last}",
                                      last_status)

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
