"""The three things the bot does with a chat: accept a webhook, answer a turn, hand off on failure.

Adapters (chat store, scheduler, Channel.io client, agent pipeline, VOC store) are injected, so this
module imports neither boto3 nor DSPy; `lambda_function.py` wires the real ones once per container.
After a turn is answered and recorded, one VOC record is written (best effort; `core.voc` is imported
there, in the processing path only, never by the webhook).
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from core.chat.chat_state import ChatStore, HistoryTurn, PendingMessage
from core.observability import count, log_event, logger, record_turn
from core.chat.scheduler import ReplyScheduler
from core.chat.webhook import IncomingMessage

if TYPE_CHECKING:  # httpx and core.voc stay off the webhook path: imported when first used
    from core.chat.channel_api import ChannelClient
    from core.voc.records import TurnRecord

FALLBACK_LINE = "죄송합니다, 지금 바로 답변드리기 어려운 상황이에요. 확인 후 상담원이 안내드리겠습니다."
LEASE_SECONDS = 120  # longer than the Task timeout (90 s) and the Lambda timeout (60 s)
DIRECT_TEST_CHAT_ID = "test"


class LeaseBusyError(RuntimeError):
    """Another invocation is answering this chat right now; the state machine retries this one later."""


class Pipeline(Protocol):
    def answer(self, messages: list[str], history: list[dict] | None = None, now: Any = None) -> Any: ...


class VocRecorder(Protocol):
    def put(self, record: "TurnRecord") -> None: ...


@dataclass
class FlowResult:
    """What a flow did: `outcome` for logs and tests, plus flow-specific fields."""

    outcome: str
    fields: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {"outcome": self.outcome, **self.fields}


def accept_customer_message(
    message: IncomingMessage, store: ChatStore, scheduler: ReplyScheduler, delay_seconds: int
) -> FlowResult:
    """Dedupe, buffer the message, and (re)schedule the delayed reply for the chat's new version."""
    chat_id = message.chat_id or ""
    now_ms = int(time.time() * 1000)
    pending = PendingMessage(id=message.message_id or f"anon-{uuid.uuid4().hex}", text=message.text,
                             at=message.created_at_ms or now_ms)
    appended = store.append_message(chat_id, pending, dedupe=message.message_id is not None)
    if appended.status != "accepted":
        return FlowResult(appended.status, {})
    try:
        scheduler.schedule(chat_id, appended.version, delay_seconds, appended.epoch)
    except Exception:
        if message.message_id:
            # The message is buffered but nothing will answer it: let Channel.io's redelivery (after our
            # 503) schedule it again; the repeated id is answered once (join_pending drops repeats).
            store.forget_message_quietly(chat_id, message.message_id)
        raise
    _cancel_quietly(scheduler, chat_id, appended.version - 1, appended.epoch)
    return FlowResult("accepted", {"version": appended.version})


def _cancel_quietly(scheduler: ReplyScheduler, chat_id: str, version: int, epoch: int) -> None:
    """Stop a superseded wait; if Step Functions fails here the stale execution exits on its version check."""
    try:
        scheduler.cancel(chat_id, version, epoch)
    except Exception as exc:  # the message is safely scheduled: never turn this into a 503
        log_event("webhook", "cancel_failed", chat_id, level="warning", version=version, error=type(exc).__name__)


def take_over_for_human(message: IncomingMessage, store: ChatStore, scheduler: ReplyScheduler,
                        mute_minutes: int) -> FlowResult:
    """A manager wrote in the chat: mute the bot and cancel the pending reply."""
    chat_id = message.chat_id or ""
    marked = store.mark_human(chat_id, mute_minutes, reason="manager")
    _cancel_quietly(scheduler, chat_id, marked.version - 1, marked.epoch)
    return FlowResult("human_handled", {"version": marked.version, "muteMinutes": mute_minutes})


def join_pending(pending: Sequence[PendingMessage]) -> tuple[list[str], list[str]]:
    """Texts to answer (in arrival order, redeliveries dropped) and the ids they came from."""
    seen: set[str] = set()
    texts: list[str] = []
    ids: list[str] = []
    for m in sorted(pending, key=lambda p: p.at):
        ids.append(m.id)
        if m.id in seen:
            continue
        seen.add(m.id)
        texts.append(m.text)
    return texts, ids


class TurnProcessor:
    """Answers a chat's pending messages (state machine Task) and runs the Catch-path handoff."""

    def __init__(
        self,
        store: ChatStore,
        channel: Callable[[], "ChannelClient"],
        pipeline: Callable[[], Pipeline],
        manager_ids: Sequence[str] = (),
        mute_minutes: int = 720,
        voc: VocRecorder | None = None,
    ) -> None:
        self.store = store
        self._channel = channel
        self._pipeline = pipeline
        self.manager_ids = tuple(manager_ids)
        self.mute_minutes = mute_minutes
        self.voc = voc  # None: no VOC records

    def process(self, chat_id: str, version: int, owner: str) -> FlowResult:
        """One turn: lease → join pending → pipeline with history → post → record, clear answered."""
        started = time.perf_counter()
        lease = self.store.acquire_lease(chat_id, version, owner, LEASE_SECONDS)
        if lease.status == "busy":
            raise LeaseBusyError(f"chat {log_ref(chat_id)} v{version} is being answered by another "
                                 "invocation; the state machine retries")
        if lease.status != "acquired" or lease.state is None:
            return FlowResult(lease.status, {"version": version})
        state = lease.state
        texts, ids = join_pending(state.pending)
        if not texts:
            self.store.release_lease(chat_id, owner)
            return FlowResult("nothing_pending", {"version": version})
        try:
            history = self.store.recent_history(state)
            pipeline = self._pipeline()
            result = pipeline.answer(texts, history=history.messages())
            reply = (result.reply or "").strip()
            handoff = bool(result.handoff) or not reply
            reply = reply or FALLBACK_LINE
            channel = self._channel()
            channel.send_message(chat_id, reply)
        except BaseException:
            self._release_quietly(chat_id, owner)
            raise
        invited = self._invite(chat_id) if handoff else None
        turn = HistoryTurn(user="\n".join(texts), reply=reply, route=result.route, mode=result.mode, handoff=handoff)
        try:
            after = self.store.complete_turn(chat_id, owner, state, ids, turn,
                                             human_minutes=self.mute_minutes if handoff else None)
            left = len(after.pending)
        except Exception as exc:  # the reply is out: never retry (that would post it twice), just report
            self._release_quietly(chat_id, owner)
            log_event("process", "answered_unrecorded", chat_id, level="error", error=type(exc).__name__)
            count("StateWriteFailures")
            left = -1
        total_ms = (time.perf_counter() - started) * 1000
        lm_ms = float(getattr(result, "latency_ms", 0.0) or 0.0)
        record_turn(result.route, result.mode, handoff, result.lm_calls, result.tokens, total_ms)
        self._record_voc(chat_id, f"v{version}", turn.user, route=result.route, topic=getattr(result, "topic", None),
                         subject=getattr(result, "subject", None), negative=getattr(result, "negative", None),
                         handoff=handoff, fallback=result.mode == "fallback")
        return FlowResult("handed_off" if handoff else "answered", {
            "version": version, "messages": len(texts), "route": result.route, "mode": result.mode,
            "handoff": handoff, "invited": invited, "posted": True, "stillPending": left,
            "lmCalls": result.lm_calls, "tokens": result.tokens, "latencyMs": round(total_ms, 1),
            "pipelineMs": round(lm_ms, 1), "overheadMs": round(max(0.0, total_ms - lm_ms), 1),
        })

    def fallback(self, chat_id: str, version: int, error: str) -> FlowResult:
        """Catch path: tell the customer a person will follow up, invite managers, mute the bot.

        The chat is flagged `needs_human` BEFORE anything is posted, so even if Channel.io stays
        down (this raises and Step Functions retries) the message is not silently dropped.
        """
        try:
            state = self.store.get(chat_id)
        except Exception as exc:  # DynamoDB is down too: the customer still hears from us, and a person is called
            log_event("fallback", "state_unreadable", chat_id, level="error", version=version,
                      error=type(exc).__name__)
            return self._hand_off_without_state(chat_id, version)
        now = time.time()
        if state is None:
            return FlowResult("missing", {"version": version})
        if state.version != version:
            return FlowResult("stale", {"version": version})  # a newer execution owns the chat
        if state.human_handled(now) and not state.needs_human:
            return FlowResult("human_handled", {"version": version})
        try:
            self.store.mark_needs_human(chat_id, f"reply failed: {error}"[:500], self.mute_minutes)
        except Exception as exc:
            log_event("fallback", "state_unwritable", chat_id, level="error", version=version, error=type(exc).__name__)
            return self._hand_off_without_state(chat_id, version)
        count("NeedsHuman")
        from core.chat.channel_api import ChannelApiError

        try:
            self._channel().send_message(chat_id, FALLBACK_LINE)
        except ChannelApiError:
            # The customer line did not go out: still bring the managers in (their invite may work when a
            # post does not), then fail so the execution shows FAILED; the chat stays flagged needs_human.
            self._invite(chat_id)
            raise
        invited = self._invite(chat_id)
        outcome = "handed_off"
        try:
            self.store.mark_handed_off(chat_id, self.mute_minutes)
        except Exception as exc:  # the line is out and the chat is flagged needs_human: never post it twice
            log_event("fallback", "handoff_unrecorded", chat_id, level="error", version=version,
                      error=type(exc).__name__)
            outcome = "handed_off_unrecorded"
        record_turn("general", "fallback", True, 0, 0, 0.0)
        texts, _ = join_pending(state.pending)
        self._record_voc(chat_id, f"v{version}-fallback", "\n".join(texts), route="general", topic=None, subject=None,
                         negative=None, handoff=True, fallback=True)
        return FlowResult(outcome, {"version": version, "invited": invited, "reply": FALLBACK_LINE})

    def _hand_off_without_state(self, chat_id: str, version: int) -> FlowResult:
        """Post the customer line and invite managers when the chat state cannot be read or written.

        Not recorded (the table is unreachable): the pending messages stay, so the chat's next turn
        still sees them. A Channel.io failure raises, so the state machine retries this step.
        """
        count("NeedsHuman")
        self._channel().send_message(chat_id, FALLBACK_LINE)
        invited = self._invite(chat_id)
        record_turn("general", "fallback", True, 0, 0, 0.0)
        return FlowResult("handed_off_unrecorded", {"version": version, "invited": invited, "reply": FALLBACK_LINE})

    def answer_direct(self, message: IncomingMessage, dry_run: bool) -> dict[str, Any]:
        """`aws lambda invoke` with a webhook payload: answer synchronously, post unless dry run/test chat."""
        started = time.perf_counter()
        result = self._pipeline().answer([message.text], history=None)
        chat_id = message.chat_id or DIRECT_TEST_CHAT_ID
        dry = dry_run or chat_id == DIRECT_TEST_CHAT_ID
        posted = False
        invited = None
        if not dry and result.reply:
            self._channel().send_message(chat_id, result.reply)
            posted = True
            if result.handoff:
                invited = self._invite(chat_id)
        body = result.model_dump() if hasattr(result, "model_dump") else dict(result)
        body.update({"chatId": chat_id, "dryRun": dry, "posted": posted, "invited": invited,
                     "totalMs": round((time.perf_counter() - started) * 1000, 1)})
        return body

    def _record_voc(self, chat_id: str, turn: str, text: str, *, route: str, topic: str | None, subject: str | None,
                    negative: bool | None, handoff: bool, fallback: bool) -> None:
        """Write the turn's VOC record: one DynamoDB write, after the customer has the reply. A failure is
        logged (WARNING, no text) and counted, never raised: the weekly report may miss a turn, the
        customer misses nothing."""
        if self.voc is None:
            return
        try:
            from core.voc.records import turn_record

            self.voc.put(turn_record(turn_id=f"{log_ref(chat_id)}-{turn}", text=text, route=route, topic=topic,
                                     subject=subject, negative=negative, handoff=handoff, fallback=fallback))
        except Exception as exc:  # noqa: BLE001 - best effort by design
            log_event("voc", "record_failed", chat_id, level="warning", error=type(exc).__name__)
            count("VocRecordFailures")

    def _invite(self, chat_id: str) -> bool | None:
        """Invite the handoff managers; a failure is logged, not raised (the customer line is out)."""
        if not self.manager_ids:
            return None
        from core.chat.channel_api import ChannelApiError

        try:
            self._channel().invite_managers(chat_id, self.manager_ids)
            return True
        except ChannelApiError as exc:
            log_event("handoff", "invite_failed", chat_id, level="error", error=type(exc).__name__, status=exc.status)
            count("InviteFailures")
            return False

    def _release_quietly(self, chat_id: str, owner: str) -> None:
        try:
            self.store.release_lease(chat_id, owner)
        except Exception:
            logger.exception("could not release the processing lease; it expires by itself",
                             extra={"chat": log_ref(chat_id)})


def log_ref(chat_id: str) -> str:
    from core.observability import chat_hash

    return chat_hash(chat_id)
