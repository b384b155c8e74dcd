"""Chat state in one DynamoDB table: pending messages, versions, leases, history, dedupe records.

Single-table layout (partition key `pk`, sort key `sk`, both strings; TTL attribute `ttl`):

| item | pk | sk | attributes |
|---|---|---|---|
| chat | `CHAT#{chatId}` | `STATE` | `version` (N: +1 per accepted message or manager takeover), `epoch` (N: ms when the item was created), `pending` (L of {id, text, at}), `history` (L of {user, reply, route, mode, handoff, at}: the last HISTORY_TURNS turns), `human_until` (N epoch s), `lease_owner`, `lease_until`, `lease_version`, `needs_human` (BOOL), `needs_human_reason`, `updated_at`, `ttl` |
| dedupe | `CHAT#{chatId}` | `MSG#{messageId}` | `ttl` (2 days) |

The chat item's `ttl` is pushed forward on every write to HISTORY_TTL_DAYS (at least a day past any
human mute), so an idle chat's text disappears with it; turns older than HISTORY_TTL_DAYS are also
dropped when read. History lives in the chat item so a turn costs two writes: the lease (which returns
pending messages and history) and the completion (which records the turn, clears exactly the answered
messages and releases the lease). Both are conditional writes, so concurrent invocations cannot answer
the same turn twice or lose a message that arrived meanwhile. `epoch` keeps Step Functions execution
names unique when an expired chat starts again at version 1.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from core.observability import logger

CHAT_SK = "STATE"
DEDUPE_TTL_SECONDS = 2 * 24 * 3600
MAX_CLEAR_ATTEMPTS = 5
MAX_PENDING = 50  # a flood of messages inside one reply delay is not a customer: stop buffering
MAX_HISTORY_TEXT = 2000  # chars kept per side of a recorded turn: history stays far below the 400 KB item limit


class ChatStateError(RuntimeError):
    """DynamoDB refused or failed a chat-state operation; the message says which and why."""


class LeaseLostError(ChatStateError):
    """Another invocation holds (or took over) this chat's processing lease."""


def _pk(chat_id: str) -> str:
    return f"CHAT#{chat_id}"


@dataclass(frozen=True)
class PendingMessage:
    """A customer message waiting for the bot's reply."""

    id: str
    text: str
    at: int  # epoch milliseconds

    def to_item(self) -> dict[str, Any]:
        return {"M": {"id": {"S": self.id}, "text": {"S": self.text}, "at": {"N": str(self.at)}}}

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> "PendingMessage":
        m = item["M"]
        return cls(id=m["id"]["S"], text=m["text"]["S"], at=int(m["at"]["N"]))


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


@dataclass(frozen=True)
class History:
    """Recent turns, oldest first."""

    turns: tuple[HistoryTurn, ...] = ()

    def messages(self) -> list[dict[str, str]]:
        """The `[{"role", "text"}]` list the agent pipeline takes."""
        return [m for turn in self.turns for m in turn.as_messages()]


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
    needs_human: bool = False

    @classmethod
    def from_item(cls, chat_id: str, item: dict[str, Any]) -> "ChatState":
        return cls(
            chat_id=chat_id,
            version=int(item.get("version", {}).get("N", "0")),
            epoch=int(item.get("epoch", {}).get("N", "0")),
            pending=tuple(PendingMessage.from_item(m) for m in item.get("pending", {}).get("L", [])),
            history=tuple(HistoryTurn.from_item(t) for t in item.get("history", {}).get("L", [])),
            human_until=float(item.get("human_until", {}).get("N", "0")),
            lease_owner=item.get("lease_owner", {}).get("S"),
            lease_until=float(item.get("lease_until", {}).get("N", "0")),
            needs_human=bool(item.get("needs_human", {}).get("BOOL", False)),
        )

    def human_handled(self, now: float) -> bool:
        return self.human_until > now


AppendStatus = Literal["accepted", "duplicate", "human_handled", "too_many_pending"]
LeaseStatus = Literal["acquired", "stale", "human_handled", "busy", "missing"]


@dataclass(frozen=True)
class AppendResult:
    status: AppendStatus
    version: int = 0
    epoch: int = 0


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

    def append_message(self, chat_id: str, message: PendingMessage, dedupe: bool = True) -> AppendResult:
        """Dedupe on the message id, then append it to the pending buffer and bump the version."""
        now = self.clock()
        if dedupe:
            try:
                self.client.put_item(
                    TableName=self.table_name,
                    Item={"pk": {"S": _pk(chat_id)}, "sk": {"S": f"MSG#{message.id}"},
                          "ttl": {"N": str(int(now) + DEDUPE_TTL_SECONDS)}},
                    ConditionExpression="attribute_not_exists(pk)",
                )
            except self._errors.ConditionalCheckFailedException:
                return AppendResult(status="duplicate")
        try:
            out = self.client.update_item(
                TableName=self.table_name,
                Key=self._chat_key(chat_id),
                UpdateExpression="SET pending = list_append(if_not_exists(pending, :empty), :msg), "
                "epoch = if_not_exists(epoch, :epoch), updated_at = :now, #ttl = :ttl ADD version :one",
                ConditionExpression="(attribute_not_exists(human_until) OR human_until <= :now) "
                "AND (attribute_not_exists(pending) OR size(pending) < :max)",
                ExpressionAttributeNames={"#ttl": "ttl"},
                ExpressionAttributeValues={":empty": {"L": []}, ":msg": {"L": [message.to_item()]},
                                           ":epoch": {"N": str(int(now * 1000))}, ":now": {"N": _num(now)},
                                           ":ttl": {"N": self._item_ttl(now)}, ":one": {"N": "1"},
                                           ":max": {"N": str(MAX_PENDING)}},
                ReturnValues="ALL_NEW",  # UPDATED_NEW omits an unchanged if_not_exists epoch
                ReturnValuesOnConditionCheckFailure="ALL_OLD",
            )
        except self._errors.ConditionalCheckFailedException as exc:
            old = ChatState.from_item(chat_id, exc.response.get("Item") or {})
            return AppendResult(status="human_handled" if old.human_handled(now) else "too_many_pending")
        except Exception:
            # The dedupe record is written but the message is not buffered: drop the record, or
            # Channel.io's redelivery of this webhook would be taken for a duplicate and lost.
            if dedupe:
                self.forget_message_quietly(chat_id, message.id)
            raise
        attrs = out["Attributes"]
        return AppendResult(status="accepted", version=int(attrs["version"]["N"]), epoch=int(attrs["epoch"]["N"]))

    def forget_message(self, chat_id: str, message_id: str) -> None:
        """Drop a dedupe record (after a scheduling failure, so Channel's redelivery is not ignored)."""
        self.client.delete_item(TableName=self.table_name,
                                Key={"pk": {"S": _pk(chat_id)}, "sk": {"S": f"MSG#{message_id}"}})

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
        """A human answers this chat: mute the bot, drop pending messages, bump the version."""
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

    def acquire_lease(self, chat_id: str, version: int, owner: str, seconds: int) -> LeaseResult:
        """Take the processing lease for `version`, or say why not (stale, human, busy, missing).

        The returned state carries the pending messages and the history: no second read is needed.
        """
        now = self.clock()
        try:
            out = self.client.update_item(
                TableName=self.table_name,
                Key=self._chat_key(chat_id),
                UpdateExpression="SET lease_owner = :owner, lease_until = :until, lease_version = :v",
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

    def release_lease(self, chat_id: str, owner: str) -> None:
        """Give the lease back after a failure so the state machine's retry can take it at once."""
        try:
            self.client.update_item(
                TableName=self.table_name,
                Key=self._chat_key(chat_id),
                UpdateExpression="REMOVE lease_owner, lease_until, lease_version",
                ConditionExpression="lease_owner = :owner",
                ExpressionAttributeValues={":owner": {"S": owner}},
            )
        except self._errors.ConditionalCheckFailedException:
            return  # our lease expired and someone else holds it now: nothing of ours to release

    def complete_turn(
        self,
        chat_id: str,
        owner: str,
        state: ChatState,
        answered: Iterable[str],
        turn: HistoryTurn,
        human_minutes: int | None = None,
    ) -> ChatState:
        """Record the turn in the history, clear exactly the answered messages and release the lease.

        One write, conditional on the version last read and on still holding the lease: when a message
        arrived meanwhile, re-read and keep it pending for the next turn. Only the lease holder writes
        the history, so it is computed from the leased state. `human_minutes` marks a handoff.
        """
        answered_ids = set(answered)
        now = self.clock()
        recorded = HistoryTurn(user=turn.user[:MAX_HISTORY_TEXT], reply=turn.reply[:MAX_HISTORY_TEXT],
                               route=turn.route, mode=turn.mode, handoff=turn.handoff, at=now)
        turns = [*self.recent_history(state).turns, recorded][-self.history_turns:] if self.history_turns > 0 else []
        current = state
        for _ in range(MAX_CLEAR_ATTEMPTS):
            remaining = [m for m in current.pending if m.id not in answered_ids]
            sets = ["pending = :remaining", "history = :history", "updated_at = :now", "#ttl = :ttl"]
            values: dict[str, Any] = {":remaining": {"L": [m.to_item() for m in remaining]},
                                      ":history": {"L": [t.to_item() for t in turns]},
                                      ":now": {"N": _num(now)}, ":ttl": {"N": self._item_ttl(now)},
                                      ":v": {"N": str(current.version)}, ":owner": {"S": owner}}
            if human_minutes is not None:
                sets += ["human_until = :until", "human_reason = :reason"]
                values[":until"] = {"N": _num(now + human_minutes * 60)}
                values[":reason"] = {"S": "handoff"}
            try:
                self.client.update_item(
                    TableName=self.table_name, Key=self._chat_key(chat_id),
                    UpdateExpression="SET " + ", ".join(sets) + " REMOVE lease_owner, lease_until, lease_version",
                    ConditionExpression="version = :v AND lease_owner = :owner",
                    ExpressionAttributeNames={"#ttl": "ttl"},
                    ExpressionAttributeValues=values,
                    ReturnValuesOnConditionCheckFailure="ALL_OLD",
                )
                return ChatState(chat_id=chat_id, version=current.version, epoch=current.epoch,
                                 pending=tuple(remaining), history=tuple(turns),
                                 human_until=now + human_minutes * 60 if human_minutes is not None else 0.0)
            except self._errors.ConditionalCheckFailedException as exc:
                item = exc.response.get("Item")
                fresh = ChatState.from_item(chat_id, item) if item else self.get(chat_id)
                if fresh is None or fresh.lease_owner != owner:
                    raise LeaseLostError(
                        f"lease on chat {_short(chat_id)} was lost before the turn was recorded; "
                        "keep the lease (core.chat.flows.LEASE_SECONDS) above the Lambda timeout"
                    ) from None
                current = fresh  # a message arrived meanwhile: keep it, clear only ours
        raise ChatStateError(f"could not clear answered messages of chat {_short(chat_id)} "
                             f"after {MAX_CLEAR_ATTEMPTS} attempts (too many concurrent messages)")

    def mark_needs_human(self, chat_id: str, reason: str, human_minutes: int) -> None:
        """Before the fallback posts anything: flag the chat for a person and mute the bot."""
        now = self.clock()
        self.client.update_item(
            TableName=self.table_name,
            Key=self._chat_key(chat_id),
            UpdateExpression="SET needs_human = :yes, needs_human_reason = :reason, human_until = :until, "
            "updated_at = :now, #ttl = :ttl",
            ExpressionAttributeNames={"#ttl": "ttl"},
            ExpressionAttributeValues={":yes": {"BOOL": True}, ":reason": {"S": reason[:500]},
                                       ":until": {"N": _num(now + human_minutes * 60)}, ":now": {"N": _num(now)},
                                       ":ttl": {"N": self._item_ttl(now)}},
        )

    def mark_handed_off(self, chat_id: str, human_minutes: int) -> None:
        """The fallback reached the customer: mute the bot, hand the pending messages to the human."""
        now = self.clock()
        self.client.update_item(
            TableName=self.table_name,
            Key=self._chat_key(chat_id),
            UpdateExpression="SET human_until = :until, human_reason = :reason, pending = :empty, updated_at = :now "
            "REMOVE lease_owner, lease_until, lease_version, needs_human",
            ExpressionAttributeValues={":until": {"N": _num(now + human_minutes * 60)}, ":reason": {"S": "fallback"},
                                       ":empty": {"L": []}, ":now": {"N": _num(now)}},
        )

    def _chat_key(self, chat_id: str) -> dict[str, Any]:
        return {"pk": {"S": _pk(chat_id)}, "sk": {"S": CHAT_SK}}


def _num(value: float) -> str:
    return f"{value:.3f}"


def _short(chat_id: str) -> str:
    return hashlib.sha256(chat_id.encode("utf-8")).hexdigest()[:12]


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
