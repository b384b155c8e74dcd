"""The three things the bot does with a chat: accept a webhook, answer a turn, hand off on failure.

Adapters (chat store, scheduler, Channel.io client, agent pipeline, VOC store) are injected, so this
module imports neither boto3 nor DSPy; `lambda_function.py` wires the real ones once per container.
After a turn is answered and recorded, one VOC record is written (best effort; `core.voc` is imported
there, in the processing path only, never by the webhook).

A turn posts exactly one reply, whatever dies when: the reply is recorded in the chat item
(`begin_posting`, conditional on our lease and on no manager owning the chat) before it is posted with
the attempt's id as Channel.io `requestId`; an attempt that finds such a record (a retry, the next
message, the Catch path) asks Channel.io whether that post landed (`ChannelClient.find_posted`) and
records the turn, or posts the recorded reply, instead of answering again. Everything slow runs under
the turn's deadline (`core.deadline`): the pipeline gets the deadline less the time kept for posting.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from core.chat import customer as customer_records
from core.chat.chat_state import ChatState, ChatStore, HumanTookOverError, LeaseLostError, PendingMessage, Posting
from core.chat.scheduler import ReplyScheduler
from core.chat.webhook import IncomingMessage
from core.deadline import Deadline
from core.observability import count, describe_exception, log_event, logger, record_turn

if TYPE_CHECKING:  # httpx and core.voc stay off the webhook path: imported when first used
    from core.chat.channel_api import ChannelClient
    from core.voc.records import TurnRecord

FALLBACK_LINE = "죄송합니다, 지금 바로 답변드리기 어려운 상황이에요. 확인 후 상담원이 안내드리겠습니다."
LEASE_MARGIN_SECONDS = 30  # lease = turn deadline + this: outlives the turn and its last DynamoDB write
MAX_TURN_CHARS = 8000  # the most customer text one turn hands to the pipeline (newest kept)
DIRECT_TEST_CHAT_ID = "test"


class LeaseBusyError(RuntimeError):
    """Another invocation is answering this chat right now; the state machine retries this one later."""


class Pipeline(Protocol):
    def answer(self, messages: list[str], history: list[dict] | None = None, now: Any = None,
               customer: dict | None = None) -> Any: ...


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
    message: IncomingMessage, store: ChatStore, scheduler: ReplyScheduler, delay_seconds: int,
    customer_salt: str | None = None,
) -> FlowResult:
    """Dedupe, buffer the message (with the customer's salted hashes), and (re)schedule the delayed reply."""
    chat_id = message.chat_id or ""
    now_ms = int(time.time() * 1000)
    pending = PendingMessage(id=message.message_id or f"anon-{uuid.uuid4().hex}", text=message.text,
                             at=message.created_at_ms or now_ms)
    appended = store.append_message(chat_id, pending, dedupe=message.message_id is not None,
                                    customer=customer_records.identity_hashes(message.customer, customer_salt))
    if appended.status != "accepted":
        return FlowResult(appended.status, {})
    if appended.merged:
        count("MessagesMerged")
    try:
        scheduler.schedule(chat_id, appended.version, delay_seconds, appended.epoch)
    except Exception:
        if message.message_id:
            # The message is buffered but nothing will answer it: let Channel.io's redelivery (after our
            # 503) schedule it again; the repeated id is answered once (join_pending drops repeats).
            store.forget_message_quietly(chat_id, message.message_id)
        raise
    _cancel_quietly(scheduler, chat_id, appended.version - 1, appended.epoch)
    return FlowResult("accepted", {"version": appended.version, **({"merged": True} if appended.merged else {})})


def _cancel_quietly(scheduler: ReplyScheduler, chat_id: str, version: int, epoch: int) -> None:
    """Stop a superseded wait; if Step Functions fails here the stale execution exits on its version check."""
    try:
        scheduler.cancel(chat_id, version, epoch)
    except Exception as exc:  # the message is safely scheduled: never turn this into a 503
        log_event("webhook", "cancel_failed", chat_id, level="warning", version=version, error=type(exc).__name__)


def take_over_for_human(message: IncomingMessage, store: ChatStore, scheduler: ReplyScheduler,
                        mute_minutes: int) -> FlowResult:
    """A manager wrote in the chat: mute the bot (a reply not yet posted is dropped) and cancel the pending reply."""
    chat_id = message.chat_id or ""
    marked = store.mark_human(chat_id, mute_minutes, reason="manager")
    _cancel_quietly(scheduler, chat_id, marked.version - 1, marked.epoch)
    return FlowResult("human_handled", {"version": marked.version, "muteMinutes": mute_minutes})


def join_pending(pending: Sequence[PendingMessage], max_chars: int = MAX_TURN_CHARS) -> tuple[list[str], list[str]]:
    """Texts to answer (in arrival order, redeliveries dropped, at most `max_chars` in all) and the ids
    they came from. Past `max_chars` the oldest text is cut from its start (`…` marks the cut): a flood
    is answered once, from its newest part, and every one of its ids counts as answered.
    """
    seen: set[str] = set()
    texts: list[str] = []
    ids: list[str] = []
    for m in sorted(pending, key=lambda p: (p.at, p.stored)):
        ids.append(m.id)
        if m.id in seen:
            continue
        seen.add(m.id)
        texts.append(m.text)
    kept: list[str] = []
    left = max_chars
    for text in reversed(texts):
        if left <= 0:
            break
        kept.append(text if len(text) <= left else "…" + text[len(text) - left + 1:])
        left -= len(text)
    return list(reversed(kept)), ids


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
        turn_deadline_seconds: float = 45.0,
        post_reserve_seconds: float = 12.0,
        clock: Callable[[], float] = time.time,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.store = store
        self._channel = channel
        self._pipeline = pipeline
        self.manager_ids = tuple(manager_ids)
        self.mute_minutes = mute_minutes
        self.voc = voc  # None: no VOC records
        self.turn_deadline_seconds = turn_deadline_seconds
        self.post_reserve_seconds = min(post_reserve_seconds, turn_deadline_seconds / 2)
        self._clock = clock
        self._sleep = sleep

    @property
    def lease_seconds(self) -> float:
        return self.turn_deadline_seconds + LEASE_MARGIN_SECONDS

    # --- a turn --------------------------------------------------------------------------------

    def process(self, chat_id: str, version: int, owner: str, deadline: Deadline | None = None) -> FlowResult:
        """One turn: lease → (finish an earlier attempt's post) → pipeline → posting record → post → record."""
        started = time.perf_counter()
        deadline = deadline or Deadline.after(self.turn_deadline_seconds)
        recovered: FlowResult | None = None
        for _ in range(2):  # a second pass answers what is still pending after an earlier post was recovered
            lease = self.store.acquire_lease(chat_id, version, owner, self.lease_seconds)
            if lease.status == "busy":
                raise LeaseBusyError(f"chat {log_ref(chat_id)} v{version} is being answered by another "
                                     "invocation; the state machine retries")
            if lease.status != "acquired" or lease.state is None:
                return recovered or FlowResult(lease.status, {"version": version})
            state = lease.state
            if state.posting is None:
                return self._answer(chat_id, version, owner, state, deadline, started)
            recovered = self._resume(chat_id, version, owner, state, deadline, started)
            if recovered.outcome not in {"recovered", "answered", "handed_off"} or not recovered.fields.get("stillPending"):
                return recovered
        return recovered  # type: ignore[return-value]

    def _answer(self, chat_id: str, version: int, owner: str, state: ChatState, deadline: Deadline,
                started: float) -> FlowResult:
        texts, ids = join_pending(state.pending)
        if not texts:
            self.store.release_lease(chat_id, owner)
            return FlowResult("nothing_pending", {"version": version})
        try:
            history = self.store.recent_history(state)
            pipeline = self._pipeline()
            with deadline.earlier(self.post_reserve_seconds).active():
                result = pipeline.answer(texts, history=history.messages(),
                                         customer=customer_records.for_pipeline(state.customer))
            reply = (result.reply or "").strip()
            handoff = bool(result.handoff) or not reply
            now = self._clock()
            posting = Posting(
                attempt=uuid.uuid4().hex, version=state.lease_version or version, at=now,
                until=now + deadline.remaining(), reply=reply or FALLBACK_LINE, answered=tuple(ids),
                user="\n".join(texts), route=result.route, mode=result.mode, handoff=handoff,
                lm_calls=int(result.lm_calls or 0), tokens=int(result.tokens or 0),
                customer_state=customer_records.encode_state(getattr(result, "customer_state", None)),
                topic=getattr(result, "topic", None), subject=getattr(result, "subject", None),
                negative=getattr(result, "negative", None))
            self.store.begin_posting(chat_id, owner, posting)
        except HumanTookOverError:
            self._release_quietly(chat_id, owner)
            count("RepliesDropped")
            log_event("process", "reply_dropped_human", chat_id, level="warning", version=version)
            return FlowResult("human_handled", {"version": version, "posted": False})
        except LeaseLostError:
            log_event("process", "lease_lost", chat_id, level="warning", version=version)
            return FlowResult("lease_lost", {"version": version, "posted": False})
        except BaseException:
            self._release_quietly(chat_id, owner)
            raise
        lm_ms = float(getattr(result, "latency_ms", 0.0) or 0.0)
        return self._post(chat_id, version, owner, state, posting, deadline, started, pipeline_ms=lm_ms)

    def _resume(self, chat_id: str, version: int, owner: str, state: ChatState, deadline: Deadline,
                started: float) -> FlowResult:
        """An earlier attempt recorded a reply and may have posted it: find it, or post it now."""
        posting = state.posting
        assert posting is not None
        from core.chat.channel_api import SETTLE_SECONDS

        wait = posting.until + SETTLE_SECONDS - self._clock()  # its last POST may still be landing
        if wait > 0:
            self._sleep(min(wait, max(0.0, deadline.remaining() - self.post_reserve_seconds)))
        try:
            with deadline.active():
                found = self._channel().find_posted(chat_id, posting.reply, posting.attempt, posting.at,
                                                    state.posted_ids)
        except BaseException:
            self._release_quietly(chat_id, owner)
            raise
        if found is not None:
            count("PostsRecovered")
            invited = self._invite(chat_id) if posting.handoff else None
            result = self._complete(chat_id, version, owner, state, posting, found.id, started, invited=invited)
            log_event("process", "post_recovered", chat_id, version=version, turn_version=posting.version)
            return FlowResult("recovered", {**result.fields, "recovered": True})
        try:
            self.store.renew_posting(chat_id, owner, posting.attempt, self._clock() + deadline.remaining())
        except HumanTookOverError:
            self.store.drop_posting(chat_id, owner, posting.attempt)
            count("RepliesDropped")
            log_event("process", "reply_dropped_human", chat_id, level="warning", version=version)
            return FlowResult("human_handled", {"version": version, "posted": False})
        except LeaseLostError:
            return FlowResult("lease_lost", {"version": version, "posted": False})
        log_event("process", "post_retried", chat_id, version=version, turn_version=posting.version)
        return self._post(chat_id, version, owner, state, posting, deadline, started)

    def _post(self, chat_id: str, version: int, owner: str, state: ChatState, posting: Posting, deadline: Deadline,
              started: float, pipeline_ms: float = 0.0) -> FlowResult:
        try:
            with deadline.active():
                sent = self._channel().send_message(chat_id, posting.reply, request_id=posting.attempt,
                                                    since=posting.at, earlier_ids=state.posted_ids)
        except BaseException:
            self._release_quietly(chat_id, owner, posting.attempt)
            raise
        invited = self._invite(chat_id) if posting.handoff else None
        return self._complete(chat_id, version, owner, state, posting, sent.id, started, invited=invited,
                              pipeline_ms=pipeline_ms, found=sent.found)

    def _complete(self, chat_id: str, version: int, owner: str | None, state: ChatState, posting: Posting,
                  posted_id: str | None, started: float, invited: bool | None = None, pipeline_ms: float = 0.0,
                  found: bool = False) -> FlowResult:
        """The reply is out: record the turn. A failure here is reported, never retried (the record stays and
        the next attempt on this chat finds the post and records the turn)."""
        try:
            after = self.store.complete_turn(chat_id, state, posting, posted_id,
                                             human_minutes=self.mute_minutes if posting.handoff else None)
            left = len(after.pending) if after is not None else 0
        except Exception as exc:
            if owner:
                self._release_quietly(chat_id, owner)
            log_event("process", "answered_unrecorded", chat_id, level="error", error=type(exc).__name__)
            count("StateWriteFailures")
            left = -1
        total_ms = (time.perf_counter() - started) * 1000
        record_turn(posting.route, posting.mode, posting.handoff, posting.lm_calls, posting.tokens, total_ms)
        self._record_voc(chat_id, f"v{posting.version}", posting.user, route=posting.route, topic=posting.topic,
                         subject=posting.subject, negative=posting.negative, handoff=posting.handoff,
                         fallback=posting.mode == "fallback")
        return FlowResult("handed_off" if posting.handoff else "answered", {
            "version": version, "messages": len(posting.answered), "route": posting.route, "mode": posting.mode,
            "handoff": posting.handoff, "invited": invited, "posted": True, "stillPending": left,
            "lmCalls": posting.lm_calls, "tokens": posting.tokens, "latencyMs": round(total_ms, 1),
            "pipelineMs": round(pipeline_ms, 1), "overheadMs": round(max(0.0, total_ms - pipeline_ms), 1),
            **({"foundAfterTimeout": True} if found else {}),
        })

    # --- the Catch path ------------------------------------------------------------------------

    def fallback(self, chat_id: str, version: int, error: str) -> FlowResult:
        """Catch path: tell the customer a person will follow up, invite managers, mute the bot.

        A reply recorded by the failed turn that did reach Channel.io is recorded instead (no second
        message). The chat is flagged `needs_human` BEFORE anything is posted, so even if Channel.io
        stays down (this raises and Step Functions retries) the message is not silently dropped; a
        retry of this step first looks for the line an earlier try may have posted.
        """
        from core.chat.channel_api import ChannelApiError

        try:
            state = self.store.get(chat_id)
        except Exception as exc:  # DynamoDB is down too: the customer still hears from us, and a person is called
            log_event("fallback", "state_unreadable", chat_id, level="error", version=version,
                      error=type(exc).__name__)
            return self._hand_off_without_state(chat_id, version)
        now = self._clock()
        if state is None:
            return FlowResult("missing", {"version": version})
        if state.version != version and state.posting is None:
            return FlowResult("stale", {"version": version})  # a newer execution owns the chat
        if state.human_handled(now) and not state.needs_human:
            return FlowResult("human_handled", {"version": version})
        if state.posting is not None:
            try:
                found = self._channel().find_posted(chat_id, state.posting.reply, state.posting.attempt,
                                                    state.posting.at, state.posted_ids)
            except ChannelApiError:
                found = None
            if found is not None:
                invited = self._invite(chat_id) if state.posting.handoff else None
                return self._complete(chat_id, version, None, state, state.posting, found.id, time.perf_counter(),
                                      invited=invited)
            if state.version != version:
                return FlowResult("stale", {"version": version})
        attempt = uuid.uuid4().hex
        try:
            flagged = self.store.mark_needs_human(chat_id, f"reply failed: {error}"[:500], self.mute_minutes, attempt)
        except Exception as exc:
            log_event("fallback", "state_unwritable", chat_id, level="error", version=version, error=type(exc).__name__)
            return self._hand_off_without_state(chat_id, version)
        count("NeedsHuman")
        request_id = flagged.fallback_attempt or attempt
        try:
            self._channel().send_message(chat_id, FALLBACK_LINE, request_id=request_id,
                                         since=flagged.fallback_at or now, earlier_ids=flagged.posted_ids)
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
        self._channel().send_message(chat_id, FALLBACK_LINE, request_id=f"fallback-{log_ref(chat_id)}-v{version}")
        invited = self._invite(chat_id)
        record_turn("general", "fallback", True, 0, 0, 0.0)
        return FlowResult("handed_off_unrecorded", {"version": version, "invited": invited, "reply": FALLBACK_LINE})

    # --- direct invoke -------------------------------------------------------------------------

    def answer_direct(self, message: IncomingMessage, dry_run: bool) -> dict[str, Any]:
        """`aws lambda invoke` with a webhook payload: answer synchronously, post unless dry run/test chat."""
        started = time.perf_counter()
        deadline = Deadline.after(self.turn_deadline_seconds)
        with deadline.earlier(self.post_reserve_seconds).active():
            result = self._pipeline().answer([message.text], history=None)
        chat_id = message.chat_id or DIRECT_TEST_CHAT_ID
        dry = dry_run or chat_id == DIRECT_TEST_CHAT_ID
        posted = False
        invited = None
        if not dry and result.reply:
            with deadline.active():
                self._channel().send_message(chat_id, result.reply, request_id=uuid.uuid4().hex)
            posted = True
            if result.handoff:
                invited = self._invite(chat_id)
        body = result.model_dump() if hasattr(result, "model_dump") else dict(result)
        body.pop("customer_state", None)
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

    def _release_quietly(self, chat_id: str, owner: str, posting_attempt: str | None = None) -> None:
        try:
            self.store.release_lease(chat_id, owner, posting_attempt)
        except Exception as exc:
            logger.warning(f"could not release the processing lease; it expires by itself ({describe_exception(exc)})",
                           extra={"chat": log_ref(chat_id)})


def log_ref(chat_id: str) -> str:
    from core.observability import chat_hash

    return chat_hash(chat_id)
