"""Channel.io webhook: the Function URL request, the envelope models, and what a message means for us.

Pure logic (no AWS, no HTTP client): the Lambda handler feeds it the raw Function URL event and gets
back either an HTTP error (401/400/404/405/413) or a classified message. Bad input never raises
past `parse_function_url_event`/`decode_body`/`parse_envelope`: it becomes a `WebhookRejected` with a
reason. The handler checks the token between `parse_function_url_event` (path, method, query: nothing
about the body) and `decode_body` (size, base64), so an unauthenticated caller learns nothing about
what the body would have needed. Lone surrogates (invalid Unicode a JSON `\\ud800` escape can carry)
are replaced by U+FFFD in every field the bot uses: they could not be stored or hashed otherwise.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import re
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

MAX_BODY_BYTES = 256 * 1024
MAX_MESSAGE_CHARS = 2000  # one customer message as buffered and answered; longer text is cut, not refused
MAX_BLOCK_DEPTH = 20  # nested bullets deeper than this carry no customer text worth answering
WEBHOOK_PATHS = frozenset({"/", "/webhook"})
HEALTH_PATHS = frozenset({"/health", "/webhook/health"})

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"[ \t]+")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(value: str) -> str:
    """`value` with lone surrogates replaced by U+FFFD, so it encodes as UTF-8 (DynamoDB, hashes, JSON)."""
    return _LONE_SURROGATE.sub("\ufffd", value)


def _clean_any(value: Any) -> Any:
    return clean_text(value) if isinstance(value, str) else value


class WebhookRejected(Exception):
    """The request is not acceptable; `status` is the HTTP code to answer, `reason` says why."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(f"{status}: {reason}")
        self.status = status
        self.reason = reason


# --- Channel.io payload models -------------------------------------------------------------------


class MessageBlock(BaseModel):
    """One rich-text block of a message (`{"type": "text", "value": "..."}`; bullets nest blocks)."""

    model_config = ConfigDict(extra="allow")

    type: str | None = None
    value: str | None = None
    blocks: list["MessageBlock"] | None = None


class MessageEntity(BaseModel):
    """The `entity` of a `message` webhook. Unknown fields are kept (Channel adds fields over time).

    Fields the bot needs (`chatId`, `personType`, `plainText`, ids) are strict: a wrong type is a 400.
    Fields it only reads opportunistically (`blocks`, `createdAt`) are lenient: unusable values are
    dropped, so a customer message with a usable text is never refused over decoration.
    """

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    id: str | None = Field(default=None, max_length=256)
    chat_id: str = Field(alias="chatId", min_length=1, max_length=200)
    chat_type: str | None = Field(default=None, alias="chatType")
    person_type: str | None = Field(default=None, alias="personType")
    person_id: str | None = Field(default=None, alias="personId")
    plain_text: str | None = Field(default=None, alias="plainText")
    blocks: Any = None  # read by `_collect_block_text`, which skips anything that is not a text block
    log: Any = None
    state: str | None = None
    created_at: int | None = Field(default=None, alias="createdAt")

    @field_validator("id", "chat_id", "person_id", mode="before")
    @classmethod
    def _ids_as_text(cls, value: Any) -> Any:
        # Channel ids are strings, but numeric ids in hand-written payloads should not be a 400.
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @field_validator("id", "chat_id", "chat_type", "person_type", "person_id", "plain_text", "state", mode="before")
    @classmethod
    def _valid_unicode(cls, value: Any) -> Any:
        return _clean_any(value)

    @field_validator("created_at", mode="before")
    @classmethod
    def _plausible_time(cls, value: Any) -> int | None:
        # Only orders the buffered messages: an absent or absurd value means "now", never a 400.
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return None
        return int(value) if 0 < value < 10**14 else None

    def text(self) -> str:
        """The customer's text: `plainText`, or the text blocks joined when `plainText` is empty.

        Cut to MAX_MESSAGE_CHARS: a paste of a whole page is still answered, and the buffered chat
        stays far below DynamoDB's 400 KB item limit.
        """
        if self.plain_text and self.plain_text.strip():
            return self.plain_text.strip()[:MAX_MESSAGE_CHARS]
        parts: list[str] = []
        _collect_block_text(self.blocks, parts, 0)
        text = "\n".join(p for p in parts if p)
        return _SPACE.sub(" ", _TAG.sub("", text)).strip()[:MAX_MESSAGE_CHARS]


def _collect_block_text(blocks: Any, out: list[str], depth: int) -> None:
    """Text of `{"type": "text"|"code", "value": str}` blocks, nested `blocks` included; junk skipped."""
    if not isinstance(blocks, list) or depth > MAX_BLOCK_DEPTH:
        return
    for block in blocks:
        if not isinstance(block, dict):
            continue
        value = block.get("value")
        if block.get("type") in (None, "text", "code") and isinstance(value, str) and value:
            out.append(clean_text(value))
        _collect_block_text(block.get("blocks"), out, depth + 1)


class WebhookEnvelope(BaseModel):
    """`{"event": ..., "type": ..., "entity": {...}, "refers": {...}}`; `type` is case-insensitive."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    event: str | None = None
    type: str = Field(min_length=1)
    entity: dict[str, Any]
    refers: Any = None  # context (user, userChat, manager): read leniently by `customer_identity`
    dry_run: bool = Field(default=False, alias="dryRun")

    @field_validator("type", mode="before")
    @classmethod
    def _valid_unicode(cls, value: Any) -> Any:
        return _clean_any(value)

    @field_validator("type")
    @classmethod
    def _lower(cls, value: str) -> str:
        return value.strip().lower()


class ReferredProfile(BaseModel):
    """`refers.user.profile`: what the customer (or the shop's boot script) told Channel.io."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    mobile_number: str | None = Field(default=None, alias="mobileNumber", max_length=64)


class ReferredUser(BaseModel):
    """`refers.user` of a message webhook (Channel.io's User object; only what identifies the customer).

    `memberId` is the shop's own member id (set when the shop boots the messenger for a logged-in
    member); `profile.mobileNumber` (or the older top-level `mobileNumber`) the phone number on file.
    """

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    id: str | None = Field(default=None, max_length=256)
    member_id: str | None = Field(default=None, alias="memberId", max_length=256)
    mobile_number: str | None = Field(default=None, alias="mobileNumber", max_length=64)
    profile: ReferredProfile | None = None

    @field_validator("profile", mode="before")
    @classmethod
    def _clean_profile(cls, value: Any) -> Any:
        if isinstance(value, dict) and isinstance(value.get("mobileNumber"), str):
            return {**value, "mobileNumber": clean_text(value["mobileNumber"])}
        return value

    @field_validator("id", "member_id", "mobile_number", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        return _clean_any(value)


@dataclass(frozen=True)
class CustomerIdentity:
    """Who wrote, as Channel.io knows them. Raw values: hash them before storing, never log them."""

    member_id: str | None = None
    mobile_number: str | None = None

    @property
    def empty(self) -> bool:
        return not (self.member_id or self.mobile_number)


def customer_identity(refers: Any, person_id: str | None = None) -> CustomerIdentity | None:
    """The customer from `refers.user`, or None when absent or unusable (never a 400: refers is context).

    When both are known, `refers.user.id` must be the message's `personId`: a user object about
    someone else never becomes this chat's customer.
    """
    if not isinstance(refers, dict) or not isinstance(refers.get("user"), dict):
        return None
    try:
        user = ReferredUser.model_validate(refers["user"])
    except ValidationError:
        return None
    if user.id and person_id and user.id != person_id:
        return None
    mobile = (user.profile.mobile_number if user.profile else None) or user.mobile_number
    identity = CustomerIdentity(member_id=(user.member_id or "").strip() or None,
                                mobile_number=clean_text(mobile).strip() if mobile and mobile.strip() else None)
    return None if identity.empty else identity


# --- What a message means for the bot ------------------------------------------------------------

Kind = Literal["customer", "manager", "ignored"]


@dataclass(frozen=True)
class IncomingMessage:
    """A classified webhook: a customer message to answer, a manager taking over, or nothing to do."""

    kind: Kind
    reason: str
    chat_id: str | None = None
    message_id: str | None = None
    text: str = ""
    created_at_ms: int | None = None
    customer: CustomerIdentity | None = None


_LABEL = re.compile(r"[a-z0-9_.-]{1,40}")


def _label(value: str) -> str:
    """A field value fit for a log line's outcome (the sender chooses it): itself if it is a plain word."""
    value = value.lower()
    return value if _LABEL.fullmatch(value) else "other"


def classify(envelope: WebhookEnvelope) -> IncomingMessage:
    """Decide what the bot does with a webhook. Raises WebhookRejected(400) for a malformed message."""
    if envelope.type != "message":
        return IncomingMessage(kind="ignored", reason=f"type_{_label(envelope.type)}")
    try:
        entity = MessageEntity.model_validate(envelope.entity)
    except ValidationError as exc:
        raise WebhookRejected(400, f"invalid message entity: {_first_error(exc)}") from exc
    base = dict(chat_id=entity.chat_id, message_id=entity.id, created_at_ms=entity.created_at)
    if (entity.chat_type or "userChat").lower() == "group":
        return IncomingMessage(kind="ignored", reason="team_chat", **base)
    person = (entity.person_type or "").lower()
    if person == "bot":
        return IncomingMessage(kind="ignored", reason="bot_echo", **base)
    if entity.log:
        return IncomingMessage(kind="ignored", reason="system_log", **base)
    if (entity.state or "").lower() in {"removed", "failed"}:
        return IncomingMessage(kind="ignored", reason=f"state_{_label(entity.state or '')}", **base)
    if person == "manager":
        return IncomingMessage(kind="manager", reason="human_joined", **base)
    if person != "user":
        return IncomingMessage(kind="ignored", reason=f"person_{_label(person) if person else 'missing'}", **base)
    text = entity.text()
    if not text:
        return IncomingMessage(kind="ignored", reason="empty_text", **base)
    return IncomingMessage(kind="customer", reason="customer_message", text=text,
                           customer=customer_identity(envelope.refers, entity.person_id), **base)


def parse_envelope(body: str | bytes | dict[str, Any]) -> WebhookEnvelope:
    """Parse the webhook body. Raises WebhookRejected(400) with a reason when it is not a webhook."""
    if isinstance(body, (bytes, str)):
        size = len(body) if isinstance(body, bytes) else len(body.encode("utf-8", "surrogatepass"))
        if size > MAX_BODY_BYTES:
            raise WebhookRejected(413, f"body larger than {MAX_BODY_BYTES} bytes")
        text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
        if not text.strip():
            raise WebhookRejected(400, "empty body: expected a Channel.io webhook JSON object")
        try:
            data = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise WebhookRejected(400, f"body is not valid JSON: {exc}"[:300]) from exc
        except RecursionError as exc:  # "[[[[..." nested past the parser's stack
            raise WebhookRejected(400, "body is not valid JSON: nested too deeply") from exc
    else:
        data = body
    if not isinstance(data, dict):
        raise WebhookRejected(400, "body must be a JSON object with type and entity")
    try:
        return WebhookEnvelope.model_validate(data)
    except ValidationError as exc:
        raise WebhookRejected(400, f"not a Channel.io webhook: {_first_error(exc)}") from exc


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ())) or "body"
    if len(where) > 80:
        where = where[:40] + "…" + where[-36:]
    return f"{where}: {err.get('msg', 'invalid')}"[:300]


# --- Function URL request ------------------------------------------------------------------------


@dataclass(frozen=True)
class HttpRequest:
    """The parts of a Lambda Function URL (payload 2.0) event the webhook needs (body still encoded)."""

    method: str
    path: str
    query: dict[str, str]
    raw_body: Any
    base64: bool = False

    @property
    def body(self) -> str:
        """The decoded body (raises WebhookRejected): call only after the token check."""
        return decode_body(self)


def is_function_url_event(event: Any) -> bool:
    """Function URL / API Gateway v2 events carry `requestContext.http`."""
    return isinstance(event, dict) and isinstance(event.get("requestContext"), dict) and isinstance(
        event["requestContext"].get("http"), dict
    )


def parse_function_url_event(event: dict[str, Any]) -> HttpRequest:
    """Extract method, path and query; the body is kept as it came (decode it with `decode_body`).

    AWS builds these events, but a test harness or proxy may not: odd field types degrade (no query →
    no token → 401) instead of raising.
    """
    http = event["requestContext"]["http"]
    method = http.get("method")
    method = method.upper() if isinstance(method, str) and method else "GET"
    raw_path = event.get("rawPath") or http.get("path") or "/"
    path = raw_path if isinstance(raw_path, str) else "/?"
    path = path.rstrip("/") or "/"
    raw_query = event.get("queryStringParameters")
    query = {str(k): v for k, v in raw_query.items() if isinstance(v, str)} if isinstance(raw_query, dict) else {}
    return HttpRequest(method=method, path=path, query=query, raw_body=event.get("body"),
                       base64=event.get("isBase64Encoded") is True)


def decode_body(request: HttpRequest) -> str:
    """The body as text: size-checked and base64-decoded. Raises WebhookRejected(400/413)."""
    body = request.raw_body
    if body is None:
        return ""
    if not isinstance(body, str):
        raise WebhookRejected(400, "body must be a string")
    if request.base64:
        if len(body) > MAX_BODY_BYTES * 4 // 3 + 4:
            raise WebhookRejected(413, f"body larger than {MAX_BODY_BYTES} bytes")
        try:
            body = base64.b64decode(body, validate=True).decode("utf-8")
        except (binascii.Error, ValueError) as exc:  # UnicodeDecodeError is a ValueError
            raise WebhookRejected(400, "body is not valid base64-encoded UTF-8") from exc
    elif len(body) > MAX_BODY_BYTES:  # chars ≥ bytes/4: a cheap first bound before encoding
        raise WebhookRejected(413, f"body larger than {MAX_BODY_BYTES} bytes")
    return body


def token_matches(provided: str | None, expected: str | None) -> bool:
    """Constant-time token comparison; an unset expected token rejects everything (fail closed)."""
    if not expected or not isinstance(provided, str):
        return False
    return hmac.compare_digest(provided.encode("utf-8", "surrogatepass"), expected.encode("utf-8", "surrogatepass"))
