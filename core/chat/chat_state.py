"""Chat state in one DynamoDB table: pending messages, versions, leases, posting records, history, dedupe.

Single-table layout (partition key `pk`, sort key `sk`, both strings; TTL attribute `ttl`):

| item | pk | sk | attributes |
|---|---|---|---|
| chat | `CHAT#{key(chatId)}` | `STATE` | `version` (N: +1 per accepted message or manager takeover), `epoch` (N: ms when the item was created), `pending` (L of {id, text, at, st, n}), `history` (L of {user, reply, route, mode, handoff, at}), `posting` (M: the reply being posted, see `Posting`), `posted_ids` (L: Channel.io ids of the bot's recent posts), `customer` (M: salted hashes, see core.chat.customer), `human_until` (N epoch s), `lease_owner`, `lease_until`, `lease_version`, `lease_at`, `needs_human` (BOOL), `needs_human_reason`, `fallback_attempt`, `fallback_at`, `updated_at`, `ttl` |
| dedupe | `CHAT#{key(chatId)}` | `MSG#{key(messageId)}` | `ttl` (2 days) |

`key(x)` is the id itself when it is short and plain (`[A-Za-z0-9._:-]`, ≤ 128 chars, as Channel.io's
hex ids are), else `h:<sha256 hex>`: DynamoDB limits sort keys to 1,024 bytes and a webhook may carry
anything. The same function names the pending entries, so dedupe, answering and clearing agree.

A turn is: lease (returns pending messages, history, customer and any posting record) → answer →
`begin_posting` (a conditional write of the reply about to be posted, under our lease, only while no
manager owns the chat) → POST → `complete_turn` (records the turn, clears exactly the answered messages,
removes the posting record). A turn that dies anywhere after `begin_posting` leaves the record: the next
attempt (state machine retry, next message, Catch path) finds it and asks Channel.io whether that post
landed before posting it again. All writes are conditional, so concurrent invocations cannot answer
the same turn twice or lose a message that arrived meanwhile.

Sizes: an item is at most 400 KB. Pending texts are cut to MAX_PENDING_TEXT_BYTES and there are at most
MAX_PENDING entries (a flood past that is merged into the newest entry, never dropped); history is cut to
MAX_HISTORY_BYTES. The chat item's `ttl` is pushed forward on every write to HISTORY_TTL_DAYS (at least a
day past any human mute). `epoch` keeps Step Functions execution names unique when an expired chat
starts again at version 1.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from core.observability import logger

CHAT_SK = "STATE"
DEDUPE_TTL_SECONDS = 2 * 24 * 3600
MAX_CLEAR_ATTEMPTS = 5
MAX_MERGE_ATTEMPTS = 5
MAX_PENDING = 30  # entries; past this a message is merged into the newest entry (see append_message)
MAX_PENDING_TEXT_BYTES = 6_000  # UTF-8 bytes per pending entry (≈2,000 Hangul): 30 × 6 KB = 180 KB at most
MAX_HISTORY_TEXT = 2000  # chars kept per side of a recorded turn
MAX_HISTORY_BYTES = 120_000  # the whole history; older turns go first
MAX_POSTED_IDS = 10
MAX_KEY_CHARS = 128
_PLAIN_KEY = re.compile(r"[A-Za-z0-9._:-]{1,%d}" % MAX_KEY_CHARS)


class ChatStateError(RuntimeError):
    """DynamoDB refused or failed a chat-state operation; the message says which and why."""


class LeaseLostError(ChatStateError):
    """Another invocation holds (or took over) this chat's processing lease."""


class HumanTookOverError(ChatStateError):
    """A manager wrote in the chat (or it was handed off) before the bot's reply could be posted."""


def key_part(value: str) -> str:
    """The id as it appears in a key: itself when short and plain, else `h:` + its SHA-256."""
    if _PLAIN_KEY.fullmatch(value):
        return value
    return "h:" + hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


def _pk(chat_id: str) -> str:
    return f"CHAT#{key_part(chat_id)}"


def cap_bytes(text: str, limit: int, keep: Literal["head", "tail"] = "head") -> str:
    """`text` cut to at most `limit` UTF-8 bytes on a character boundary (the start or the end kept)."""
    data = text.encode("utf-8", "surrogatepass")
    if len(data) <= limit:
        return text
    cut = data[:limit] if keep == "head" else data[-limit:]
    return cut.decode("utf-8", "ignore")


@dataclass(frozen=True)
class PendingMessage:
    """A customer message waiting for the bot's reply (`n` > 1: several merged by a flood)."""

    id: str
    text: str
    at: int  # epoch milliseconds (Channel.io's createdAt, or ours)
    stored: float = 0.0  # epoch seconds when we buffered it
    n: int = 1

    def to_item(self) -> dict[str, Any]:
        return {"M": {"id": {"S": self.id}, "text": {"S": self.text}, "at": {"N": str(self.at)},
                      "st": {"N": _num(self.stored)}, "n": {"N": str(self.n)}}}

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> "PendingMessage":
        m = item["M"]
        return cls(id=m["id"]["S"], text=m["text"]["S"], at=int(m["at"]["N"]),
                   stored=float(m.get("st", {}).get("N", "0")), n=int(m.get("n", {}).get("N", "1")))


@dataclass(frozen=True)
class HistoryTurn:
    """One answered turn: what the customer said (joined) and what the bot replied."""

    user: str
    reply: str
    route: str = ""
    mode: str = ""
    handoff: bool = False
    at: float = 0.0  # epoch seconds

    def as_messages(self) -> list[dict[str, str]]:
        return [{"role": "user", "text": self.user}, {"role": "assistant", "text": self.reply}]

    def to_item(self) -> dict[str, Any]:
        return {"M": {"user": {"S": self.user}, "reply": {"S": self.reply}, "route": {"S": self.route},
                      "mode": {"S": self.mode}, "handoff": {"BOOL": self.handoff}, "at": {"N": _num(self.at)}}}

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> "HistoryTurn":
        m = item["M"]
        return cls(user=m["user"]["S"], reply=m["reply"]["S"], route=m.get("route", {}).get("S", ""),
                   mode=m.get("mode", {}).get("S", ""), handoff=bool(m.get("handoff", {}).get("BOOL", False)),
                   at=float(m.get("at", {}).get("N", "0")))

    def size(self) -> int:
        return len(self.user.encode("utf-8", "surrogatepass")) + len(self.reply.encode("utf-8", "surrogatepass")) + 64


@dataclass(frozen=True)
class History:
    """Recent turns, oldest first."""

    turns: tuple[HistoryTurn, ...] = ()

    def messages(self) -> list[dict[str, str]]:
        """The `[{"role", "text"}]` list the agent pipeline takes."""
        return [m for turn in self.turns for m in turn.as_messages()]


@dataclass(frozen=True)
class Posting:
    """The durable record of a reply about to be posted, written before the POST (`begin_posting`).

    `attempt` is unique to this turn attempt and is sent to Channel.io as the message's `requestId`;
    `at` (epoch s, before the first POST) and `until` (no POST of this attempt starts after it) bound
    when its message can have been created. Everything needed to finish the turn without the LM is here.
    """

    attempt: str
    version: int  # the lease version (the turn's version)
    at: float
    until: float
    reply: str
    answered: tuple[str, ...]
    user: str
    route: str = ""
    mode: str = ""
    handoff: bool = False
    lm_calls: int = 0
    tokens: int = 0
    customer_state: str | None = None
    topic: str | None = None  # for the turn's VOC record, written after the post
    subject: str | None = None
    negative: bool | None = None

    def to_item(self) -> dict[str, Any]:
        m: dict[str, Any] = {
            "attempt": {"S": self.attempt}, "version": {"N": str(self.version)}, "at": {"N": _num(self.at)},
            "until": {"N": _num(self.until)}, "reply": {"S": self.reply}, "user": {"S": self.user},
            "answered": {"L": [{"S": a} for a in self.answered]}, "route": {"S": self.route}, "mode": {"S": self.mode},
            "handoff": {"BOOL": self.handoff}, "lm_calls": {"N": str(self.lm_calls)}, "tokens": {"N": str(self.tokens)}}
        if self.customer_state is not None:
            m["customer_state"] = {"S": self.customer_state}
        if self.topic:
            m["topic"] = {"S": self.topic}
        if self.subject:
            m["subject"] = {"S": self.subject}
        if self.negative is not None:
            m["negative"] = {"BOOL": self.negative}
        return {"M": m}

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> "Posting":
        m = item["M"]
        return cls(attempt=m["attempt"]["S"], version=int(m["version"]["N"]), at=float(m["at"]["N"]),
                   until=float(m["until"]["N"]), reply=m["reply"]["S"], user=m.get("user", {}).get("S", ""),
                   answered=tuple(a["S"] for a in m.get("answered", {}).get("L", [])),
                   route=m.get("route", {}).get("S", ""), mode=m.get("mode", {}).get("S", ""),
                   handoff=bool(m.get("handoff", {}).get("BOOL", False)),
                   lm_calls=int(m.get("lm_calls", {}).get("N", "0")), tokens=int(m.get("tokens", {}).get("N", "0")),
                   customer_state=m.get("customer_state", {}).get("S"), topic=m.get("topic", {}).get("S"),
                   subject=m.get("subject", {}).get("S"), negative=m.get("negative", {}).get("BOOL"))

    def turn(self) -> HistoryTurn:
        return HistoryTurn(user=self.user, reply=self.reply, route=self.route, mode=self.mode, handoff=self.handoff)


@dataclass(frozen=True)
class ChatState:
    """The chat item as read from the table."""

    chat_id: str
    version: int = 0
    epoch: int = 0
    pending: tuple[PendingMessage, ...] = ()
    history: tuple[HistoryTurn, ...] = ()
    human_until: float = 0.0
    lease_owner: str | None = None
    lease_until: float = 0.0
    lease_version: int = 0
    needs_human: bool = False
    posting: Posting | None = None
    posted_ids: tuple[str, ...] = ()
    customer: dict[str, str] = field(default_factory=dict)
    fallback_attempt: str | None = None
    fallback_at: float = 0.0

    @classmethod
    def from_item(cls, chat_id: str, item: dict[str, Any]) -> "ChatState":
        posting = item.get("posting")
        return cls(
            chat_id=chat_id,
            version=int(item.get("version", {}).get("N", "0")),
            epoch=int(item.get("epoch", {}).get("N", "0")),
            pending=tuple(PendingMessage.from_item(m) for m in item.get("pending", {}).get("L", [])),
            history=tuple(HistoryTurn.from_item(t) for t in item.get("history", {}).get("L", [])),
            human_until=float(item.get("human_until", {}).get("N", "0")),
            lease_owner=item.get("lease_owner", {}).get("S"),
            lease_until=float(item.get("lease_until", {}).get("N", "0")),
            lease_version=int(item.get("lease_version", {}).get("N", "0")),
            needs_human=bool(item.get("needs_human", {}).get("BOOL", False)),
            posting=Posting.from_item(posting) if posting and "M" in posting else None,
            posted_ids=tuple(p["S"] for p in item.get("posted_ids", {}).get("L", [])),
            customer={k: v["S"] for k, v in item.get("customer", {}).get("M", {}).items() if "S" in v},
            fallback_attempt=item.get("fallback_attempt", {}).get("S"),
            fallback_at=float(item.get("fallback_at", {}).get("N", "0")),
        )

    def human_handled(self, now: float) -> bool:
        return self.human_until > now


AppendStatus = Literal["accepted", "duplicate", "human_handled"]
LeaseStatus = Literal["acquired", "stale", "human_handled", "busy", "missing"]


@dataclass(frozen=True)
class AppendResult:
    status: AppendStatus
    version: int = 0
    epoch: int = 0
    merged: bool = False


@dataclass(frozen=True)
class LeaseResult:
    status: LeaseStatus
    state: ChatState | None = None


@dataclass
class ChatStore:
    """DynamoDB adapter for chat state. Pass `client` (a boto3 DynamoDB client) or one is built."""

    table_name: str
    client: Any = None
    history_turns: int = 10
    history_ttl_days: int = 30
    human_mute_minutes: int = 720
    clock: Callable[[], float] = field(default=time.time)

    def __post_init__(self) -> None:
        if self.client is None:
            import boto3

            self.client = boto3.client("dynamodb")
        self._errors = self.client.exceptions

    def _item_ttl(self, now: float) -> str:
        """Chat item expiry: HISTORY_TTL_DAYS after the last write, and never before a mute ends."""
        keep = max(self.history_ttl_days * 86400, self.human_mute_minutes * 60 + 86400)
        return str(int(now) + keep)

    # --- webhook side ------------------------------------------------------------------------

    def append_message(self, chat_id: str, message: PendingMessage, dedupe: bool = True,
                       customer: dict[str, str] | None = None) -> AppendResult:
        """Dedupe on the message id, then append it to the pending buffer and bump the version.

        Past MAX_PENDING entries the message is merged into the newest entry (texts joined, the newest
        bytes kept, the entry renamed to this message's id so a turn already answering the old entry
        does not clear the merged text). `customer` (salted hashes) is stored when it changed.
        """
        now = self.clock()
        entry = replace(message, id=key_part(message.id), text=cap_bytes(message.text, MAX_PENDING_TEXT_BYTES),
                        stored=now)
        if dedupe:
            try:
                self.client.put_item(
                    TableName=self.table_name,
                    Item={"pk": {"S": _pk(chat_id)}, "sk": {"S": f"MSG#{entry.id}"},
                          "ttl": {"N": str(int(now) + DEDUPE_TTL_SECONDS)}},
                    ConditionExpression="attribute_not_exists(pk)",
                )
            except self._errors.ConditionalCheckFailedException:
                return AppendResult(status="duplicate")
        try:
            result = self._append_or_merge(chat_id, entry, now)
        except Exception:
            # The dedupe record is written but the message is not buffered: drop the record, or
            # Channel.io's redelivery of this webhook would be taken for a duplicate and lost.
            if dedupe:
                self.forget_message_quietly(chat_id, message.id)
            raise
        if result.status == "accepted" and customer:
            self._store_customer(chat_id, customer)
        return result

    def _append_or_merge(self, chat_id: str, entry: PendingMessage, now: float) -> AppendResult:
        values = {":empty": {"L": []}, ":msg": {"L": [entry.to_item()]}, ":epoch": {"N": str(int(now * 1000))},
                  ":now": {"N": _num(now)}, ":ttl": {"N": self._item_ttl(now)}, ":one": {"N": "1"},
                  ":max": {"N": str(MAX_PENDING)}, ":nocustomer": {"M": {}}}
        try:
            out = self.client.update_item(
                TableName=self.table_name,
                Key=self._chat_key(chat_id),
                UpdateExpression="SET pending = list_append(if_not_exists(pending, :empty), :msg), "
                "epoch = if_not_exists(epoch, :epoch), customer = if_not_exists(customer, :nocustomer), "
                "updated_at = :now, #ttl = :ttl ADD version :one",
                ConditionExpression="(attribute_not_exists(human_until) OR human_until <= :now) "
                "AND (attribute_not_exists(pending) OR size(pending) < :max)",
                ExpressionAttributeNames={"#ttl": "ttl"},
                ExpressionAttributeValues=values,
                ReturnValues="ALL_NEW",  # UPDATED_NEW omits an unchanged if_not_exists epoch
                ReturnValuesOnConditionCheckFailure="ALL_OLD",
            )
        except self._errors.ConditionalCheckFailedException as exc:
            old = ChatState.from_item(chat_id, exc.response.get("Item") or {})
            if old.human_handled(now):
                return AppendResult(status="human_handled")
            return self._merge(chat_id, entry, old, now)
        attrs = out["Attributes"]
        return AppendResult(status="accepted", version=int(attrs["version"]["N"]), epoch=int(attrs["epoch"]["N"]))

    def _merge(self, chat_id: str, entry: PendingMessage, old: ChatState, now: float) -> AppendResult:
        """Merge `entry` into the newest pending entry of a full buffer (optimistic: version-checked)."""
        for _ in range(MAX_MERGE_ATTEMPTS):
            if old.human_handled(now):
                return AppendResult(status="human_handled")
            if len(old.pending) < MAX_PENDING:  # a turn cleared the buffer meanwhile: append normally
                return self._append_or_merge(chat_id, entry, now)
            last = old.pending[-1]
            merged = PendingMessage(id=entry.id, text=cap_bytes(f"{last.text}\n{entry.text}", MAX_PENDING_TEXT_BYTES,
                                                                keep="tail"),
                                    at=entry.at, stored=now, n=last.n + 1)
            try:
                out = self.client.update_item(
                    TableName=self.table_name,
                    Key=self._chat_key(chat_id),
                    UpdateExpression=f"SET pending[{len(old.pending) - 1}] = :merged, updated_at = :now, "
                    "#ttl = :ttl ADD version :one",
                    ConditionExpression="version = :v AND (attribute_not_exists(human_until) OR human_until <= :now)",
                    ExpressionAttributeNames={"#ttl": "ttl"},
                    ExpressionAttributeValues={":merged": merged.to_item(), ":now": {"N": _num(now)},
                                               ":ttl": {"N": self._item_ttl(now)}, ":one": {"N": "1"},
                                               ":v": {"N": str(old.version)}},
                    ReturnValues="ALL_NEW",
                    ReturnValuesOnConditionCheckFailure="ALL_OLD",
                )
            except self._errors.ConditionalCheckFailedException as exc:
                old = ChatState.from_item(chat_id, exc.response.get("Item") or {})
                continue
            attrs = out["Attributes"]
            return AppendResult(status="accepted", version=int(attrs["version"]["N"]), epoch=int(attrs["epoch"]["N"]),
                                merged=True)
        raise ChatStateError(f"could not buffer a message of chat {_short(chat_id)} after {MAX_MERGE_ATTEMPTS} "
                             "attempts (too many concurrent messages); Channel.io redelivers it")

    def _store_customer(self, chat_id: str, hashes: dict[str, str]) -> None:
        """Set the customer's hashes (keeping the pipeline's `state`); a failure is logged, not raised."""
        sets = ", ".join(f"customer.#c{i} = :c{i}" for i in range(len(hashes)))
        try:
            self.client.update_item(
                TableName=self.table_name, Key=self._chat_key(chat_id), UpdateExpression=f"SET {sets}",
                ConditionExpression="attribute_exists(customer)",
                ExpressionAttributeNames={f"#c{i}": k for i, k in enumerate(hashes)},
                ExpressionAttributeValues={f":c{i}": {"S": v} for i, v in enumerate(hashes.values())},
            )
        except Exception as exc:  # the message is buffered; the identity comes again with the next one
            logger.warning(f"could not store the customer's hashes ({type(exc).__name__})",
                           extra={"chat": _short(chat_id)})

    def forget_message(self, chat_id: str, message_id: str) -> None:
        """Drop a dedupe record (after a scheduling failure, so Channel's redelivery is not ignored)."""
        self.client.delete_item(TableName=self.table_name,
                                Key={"pk": {"S": _pk(chat_id)}, "sk": {"S": f"MSG#{key_part(message_id)}"}})

    def forget_message_quietly(self, chat_id: str, message_id: str) -> bool:
        """`forget_message` on a failure path: never masks the original error; False when it failed."""
        try:
            self.forget_message(chat_id, message_id)
            return True
        except Exception as exc:  # DynamoDB is failing anyway; the record expires in DEDUPE_TTL_SECONDS
            logger.error("could not drop the dedupe record of a message that was not answered: Channel.io's "
                         f"redelivery of it will be ignored as a duplicate ({type(exc).__name__})",
                         extra={"chat": _short(chat_id)})
            return False

    def mark_human(self, chat_id: str, minutes: int, reason: str = "manager") -> AppendResult:
        """A human answers this chat: mute the bot, drop pending messages, bump the version.

        `human_until` in the future makes a concurrent turn's `begin_posting` fail: a manager's message
        that arrives before the bot's post wins, and the bot's reply is dropped.
        """
        now = self.clock()
        out = self.client.update_item(
            TableName=self.table_name,
            Key=self._chat_key(chat_id),
            UpdateExpression="SET human_until = :until, pending = :empty, human_reason = :reason, "
            "epoch = if_not_exists(epoch, :epoch), updated_at = :now, #ttl = :ttl ADD version :one",
            ExpressionAttributeNames={"#ttl": "ttl"},
            ExpressionAttributeValues={":until": {"N": _num(now + minutes * 60)}, ":empty": {"L": []},
                                       ":reason": {"S": reason}, ":epoch": {"N": str(int(now * 1000))},
                                       ":now": {"N": _num(now)}, ":ttl": {"N": self._item_ttl(now)},
                                       ":one": {"N": "1"}},
            ReturnValues="ALL_NEW",  # UPDATED_NEW omits an unchanged if_not_exists epoch
        )
        attrs = out["Attributes"]
        return AppendResult(status="human_handled", version=int(attrs["version"]["N"]),
                            epoch=int(attrs["epoch"]["N"]))

    # --- processing side ---------------------------------------------------------------------

    def get(self, chat_id: str) -> ChatState | None:
        out = self.client.get_item(TableName=self.table_name, Key=self._chat_key(chat_id), ConsistentRead=True)
        item = out.get("Item")
        return ChatState.from_item(chat_id, item) if item else None

    def history(self, chat_id: str) -> History:
        """The chat's recent turns, oldest first (expired ones dropped)."""
        state = self.get(chat_id)
        return self.recent_history(state) if state else History()

    def recent_history(self, state: ChatState) -> History:
        """The turns of `state` still within HISTORY_TTL_DAYS, at most HISTORY_TURNS, oldest first."""
        if self.history_turns <= 0:
            return History()
        oldest = self.clock() - self.history_ttl_days * 86400
        fresh = [t for t in state.history if t.at >= oldest]
        return History(turns=tuple(fresh[-self.history_turns:]))

    def acquire_lease(self, chat_id: str, version: int, owner: str, seconds: float) -> LeaseResult:
        """Take the processing lease for `version`, or say why not (stale, human, busy, missing).

        The returned state carries the pending messages, history, customer and any posting record: no
        second read is needed.
        """
        now = self.clock()
        try:
            out = self.client.update_item(
                TableName=self.table_name,
                Key=self._chat_key(chat_id),
                UpdateExpression="SET lease_owner = :owner, lease_until = :until, lease_version = :v, lease_at = :now",
                ConditionExpression="version = :v AND (attribute_not_exists(lease_until) OR lease_until < :now) "
                "AND (attribute_not_exists(human_until) OR human_until <= :now)",
                ExpressionAttributeValues={":owner": {"S": owner}, ":until": {"N": _num(now + seconds)},
                                           ":v": {"N": str(version)}, ":now": {"N": _num(now)}},
                ReturnValues="ALL_NEW",
                ReturnValuesOnConditionCheckFailure="ALL_OLD",
            )
        except self._errors.ConditionalCheckFailedException as exc:
            item = exc.response.get("Item")
            state = ChatState.from_item(chat_id, item) if item else self.get(chat_id)
            if state is None:
                return LeaseResult(status="missing")
            if state.version != version:
                return LeaseResult(status="stale", state=state)
            if state.human_handled(now):
                return LeaseResult(status="human_handled", state=state)
            return LeaseResult(status="busy", state=state)
        return LeaseResult(status="acquired", state=ChatState.from_item(chat_id, out["Attributes"]))

    def release_lease(self, chat_id: str, owner: str, posting_attempt: str | None = None) -> None:
        """Give the lease back after a failure so the state machine's retry can take it at once.

        With `posting_attempt`, that attempt's posting record is closed (`until` = now): it posts no more,
        so the next attempt need not wait for its deadline before asking Channel.io what landed.
        """
        now = self.clock()
        expression = "REMOVE lease_owner, lease_until, lease_version, lease_at"
        condition = "lease_owner = :owner"
        values: dict[str, Any] = {":owner": {"S": owner}}
        if posting_attempt:
            expression = "SET posting.#until = :now " + expression
            condition += " AND posting.attempt = :attempt"
            values.update({":now": {"N": _num(now)}, ":attempt": {"S": posting_attempt}})
        kwargs: dict[str, Any] = {"ExpressionAttributeNames": {"#until": "until"}} if posting_attempt else {}
        try:
            self.client.update_item(TableName=self.table_name, Key=self._chat_key(chat_id),
                                    UpdateExpression=expression, ConditionExpression=condition,
                                    ExpressionAttributeValues=values, **kwargs)
        except self._errors.ConditionalCheckFailedException:
            if posting_attempt:  # the record is gone or another's: still give our lease back
                self.release_lease(chat_id, owner)
            return  # our lease expired and someone else holds it now: nothing of ours to release

    def begin_posting(self, chat_id: str, owner: str, posting: Posting) -> None:
        """Write the posting record before the POST; raises when the bot may not post.

        Conditional on still holding the lease for the turn's version, on no manager owning the chat now
        (`human_until <= now`: `mark_human` makes this fail) and on no other posting record.
        """
        now = self.clock()
        self._posting_write(chat_id, now, UpdateExpression="SET posting = :posting, updated_at = :now",
                            ConditionExpression="lease_owner = :owner AND lease_version = :v "
                            "AND (attribute_not_exists(human_until) OR human_until <= :now) "
                            "AND attribute_not_exists(posting)",
                            ExpressionAttributeValues={":posting": posting.to_item(), ":owner": {"S": owner},
                                                       ":v": {"N": str(posting.version)}, ":now": {"N": _num(now)}})

    def renew_posting(self, chat_id: str, owner: str, attempt: str, until: float) -> None:
        """Before posting a recorded reply again: the same mute and lease checks as `begin_posting`."""
        now = self.clock()
        self._posting_write(chat_id, now, UpdateExpression="SET posting.#until = :until, updated_at = :now",
                            ConditionExpression="lease_owner = :owner AND posting.attempt = :attempt "
                            "AND (attribute_not_exists(human_until) OR human_until <= :now)",
                            ExpressionAttributeNames={"#until": "until"},
                            ExpressionAttributeValues={":until": {"N": _num(until)}, ":owner": {"S": owner},
                                                       ":attempt": {"S": attempt}, ":now": {"N": _num(now)}})

    def _posting_write(self, chat_id: str, now: float, **update: Any) -> None:
        """A conditional write of the posting record; its failure says whether a person or a lease is why."""
        try:
            self.client.update_item(TableName=self.table_name, Key=self._chat_key(chat_id),
                                    ReturnValuesOnConditionCheckFailure="ALL_OLD", **update)
        except self._errors.ConditionalCheckFailedException as exc:
            item = exc.response.get("Item")
            state = ChatState.from_item(chat_id, item) if item else None
            if state is not None and state.human_handled(now):
                raise HumanTookOverError(f"chat {_short(chat_id)} is owned by a person now; the reply is dropped") \
                    from None
            raise LeaseLostError(f"lease on chat {_short(chat_id)} was lost before the reply could be posted") from None

    def drop_posting(self, chat_id: str, owner: str, attempt: str) -> None:
        """Forget a recorded reply that was never posted (a person took the chat) and release the lease."""
        try:
            self.client.update_item(
                TableName=self.table_name, Key=self._chat_key(chat_id),
                UpdateExpression="REMOVE posting, lease_owner, lease_until, lease_version, lease_at",
                ConditionExpression="posting.attempt = :attempt",
                ExpressionAttributeValues={":attempt": {"S": attempt}},
            )
        except self._errors.ConditionalCheckFailedException:
            self.release_lease(chat_id, owner)

    def complete_turn(self, chat_id: str, state: ChatState, posting: Posting, posted_id: str | None = None,
                      human_minutes: int | None = None) -> ChatState | None:
        """The reply of `posting` is out: record the turn, clear exactly its answered messages, remove the
        posting record, remember the Channel.io message id, store the pipeline's customer state and
        release the lease. Returns None when another attempt completed this turn already.

        One write, conditional on the version last read and on the posting record still being this
        attempt's: when a message arrived meanwhile, re-read and keep it pending for the next turn.
        `human_minutes` marks a handoff.
        """
        answered_ids = set(posting.answered)
        now = self.clock()
        recorded = replace(posting.turn(), user=posting.user[:MAX_HISTORY_TEXT], reply=posting.reply[:MAX_HISTORY_TEXT],
                           at=now)
        current = state
        for _ in range(MAX_CLEAR_ATTEMPTS):
            turns = [*self.recent_history(current).turns, recorded][-self.history_turns:] \
                if self.history_turns > 0 else []
            while len(turns) > 1 and sum(t.size() for t in turns) > MAX_HISTORY_BYTES:
                turns.pop(0)
            remaining = [m for m in current.pending if m.id not in answered_ids]
            posted = [*current.posted_ids, posted_id][-MAX_POSTED_IDS:] if posted_id else list(current.posted_ids)
            customer = dict(current.customer)
            if posting.customer_state is not None:
                customer["state"] = posting.customer_state
            sets = ["pending = :remaining", "history = :history", "posted_ids = :posted", "customer = :customer",
                    "updated_at = :now", "#ttl = :ttl"]
            values: dict[str, Any] = {":remaining": {"L": [m.to_item() for m in remaining]},
                                      ":history": {"L": [t.to_item() for t in turns]},
                                      ":posted": {"L": [{"S": p} for p in posted]},
                                      ":customer": {"M": {k: {"S": v} for k, v in customer.items()}},
                                      ":now": {"N": _num(now)}, ":ttl": {"N": self._item_ttl(now)},
                                      ":v": {"N": str(current.version)}, ":attempt": {"S": posting.attempt}}
            if human_minutes is not None:
                sets += ["human_until = :until", "human_reason = :reason"]
                values[":until"] = {"N": _num(now + human_minutes * 60)}
                values[":reason"] = {"S": "handoff"}
            try:
                self.client.update_item(
                    TableName=self.table_name, Key=self._chat_key(chat_id),
                    UpdateExpression="SET " + ", ".join(sets)
                    + " REMOVE posting, lease_owner, lease_until, lease_version, lease_at",
                    ConditionExpression="version = :v AND posting.attempt = :attempt",
                    ExpressionAttributeNames={"#ttl": "ttl"},
                    ExpressionAttributeValues=values,
                    ReturnValuesOnConditionCheckFailure="ALL_OLD",
                )
                return replace(current, pending=tuple(remaining), history=tuple(turns), posted_ids=tuple(posted),
                               customer=customer, posting=None, lease_owner=None,
                               human_until=now + human_minutes * 60 if human_minutes is not None else current.human_until)
            except self._errors.ConditionalCheckFailedException as exc:
                item = exc.response.get("Item")
                fresh = ChatState.from_item(chat_id, item) if item else self.get(chat_id)
                if fresh is None or fresh.posting is None or fresh.posting.attempt != posting.attempt:
                    return None  # another attempt found this post and recorded the turn
                current = fresh  # a message arrived meanwhile: keep it, clear only ours
        raise ChatStateError(f"could not clear answered messages of chat {_short(chat_id)} "
                             f"after {MAX_CLEAR_ATTEMPTS} attempts (too many concurrent messages)")

    def mark_needs_human(self, chat_id: str, reason: str, human_minutes: int, attempt: str) -> ChatState:
        """Before the fallback posts anything: flag the chat for a person and mute the bot.

        The first fallback attempt's id and time stay (`if_not_exists`): a retry of the Catch path asks
        Channel.io whether that attempt's line landed before posting it again. Returns the new state.
        """
        now = self.clock()
        out = self.client.update_item(
            TableName=self.table_name,
            Key=self._chat_key(chat_id),
            UpdateExpression="SET needs_human = :yes, needs_human_reason = :reason, human_until = :until, "
            "fallback_attempt = if_not_exists(fallback_attempt, :attempt), fallback_at = if_not_exists(fallback_at, :now), "
            "updated_at = :now, #ttl = :ttl",
            ExpressionAttributeNames={"#ttl": "ttl"},
            ExpressionAttributeValues={":yes": {"BOOL": True}, ":reason": {"S": reason[:500]},
                                       ":until": {"N": _num(now + human_minutes * 60)}, ":now": {"N": _num(now)},
                                       ":ttl": {"N": self._item_ttl(now)}, ":attempt": {"S": attempt}},
            ReturnValues="ALL_NEW",
        )
        return ChatState.from_item(chat_id, out["Attributes"])

    def mark_handed_off(self, chat_id: str, human_minutes: int) -> None:
        """The fallback reached the customer: mute the bot, hand the pending messages to the human."""
        now = self.clock()
        self.client.update_item(
            TableName=self.table_name,
            Key=self._chat_key(chat_id),
            UpdateExpression="SET human_until = :until, human_reason = :reason, pending = :empty, updated_at = :now "
            "REMOVE lease_owner, lease_until, lease_version, lease_at, needs_human, posting, fallback_attempt, "
            "fallback_at",
            ExpressionAttributeValues={":until": {"N": _num(now + human_minutes * 60)}, ":reason": {"S": "fallback"},
                                       ":empty": {"L": []}, ":now": {"N": _num(now)}},
        )

    def _chat_key(self, chat_id: str) -> dict[str, Any]:
        return {"pk": {"S": _pk(chat_id)}, "sk": {"S": CHAT_SK}}


def _num(value: float) -> str:
    return f"{value:.3f}"


def _short(chat_id: str) -> str:
    return hashlib.sha256(chat_id.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def create_table(table_name: str, client: Any = None) -> None:
    """Create the chat-state table (on-demand, TTL on `ttl`) if it does not exist; local stack and tests."""
    if client is None:
        import boto3

        client = boto3.client("dynamodb")
    try:
        client.create_table(
            TableName=table_name,
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"},
                                  {"AttributeName": "sk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
    except client.exceptions.ResourceInUseException:
        return
    client.get_waiter("table_exists").wait(TableName=table_name, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
    client.update_time_to_live(TableName=table_name,
                               TimeToLiveSpecification={"Enabled": True, "AttributeName": "ttl"})
