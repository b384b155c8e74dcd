"""The support pipeline: turn → route → agent → checked reply, with few LM calls.

1. Handoff requests ("상담원 연결") are detected first and answered with a polite line.
2. The lexical router routes; the DSPy router is asked only when it is unsure and an LM is set.
3. The route's grounder links entities and pre-fetches facts from the knowledge API, and writes
   the grounded offline reply (ask-backs and handoffs are decided here, without an LM).
4. With an LM, the agent composes the reply from those facts in one call; the fact guard checks
   every quantity, asks for one rewrite, then falls back to the grounded reply.
Modes: `offline` (no LM configured), `lm`, `fallback` (LM configured but it failed, timed out or
could not ground its reply). LM failures never raise; a knowledge-load failure does.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field

from agent import templates
from agent.delivery_facts import ground_delivery
from agent.entities import DELIVERY_INTENTS, GENERAL_TOPICS, intents, is_follow_up, is_injection, order_numbers, \
    problem_kind, refers_back
from agent.fact_guard import check_reply
from agent.facts import Grounding
from agent.general_facts import ground_general
from agent.handoff import wants_human
from agent.lexical_router import DEFAULT_TRAIN_FILE, LexicalRouter
from agent.lm_backend import build_lm, prepare_environment
from agent.lm_deadline import call_within_deadline
from agent.product_facts import ground_product
from agent.route_evidence import adjust_route
from core.config import Settings, get_settings
from core.observability import describe_exception

logger = logging.getLogger(__name__)

RouteName = Literal["product", "delivery", "general"]
Mode = Literal["lm", "offline", "fallback"]
KnowledgeProvider = Callable[[], Any]

GROUNDERS: dict[str, Callable[..., Grounding]] = {
    "product": ground_product, "delivery": ground_delivery, "general": ground_general}
ROUTER_CONFIDENCE = 0.8
HISTORY_ITEMS = 6


class TurnResult(BaseModel):
    """What the pipeline returns for one customer turn (the spine sends `reply` or hands off)."""

    route: RouteName
    reply: str
    handoff: bool = False
    handoff_reason: str | None = None
    ask_back: bool = False
    mode: Mode
    facts: list[str] = Field(default_factory=list)
    lm_calls: int = 0
    tokens: int = 0
    latency_ms: float = 0.0
    lm_ms: float = 0.0  # wall time spent waiting for the LM (latency_ms - lm_ms = our own overhead)
    customer_state: dict | None = None  # opaque per-customer state the spine stores back in the chat (hashes only)


def _default_knowledge() -> Any:
    from core.knowledge.manager import get_knowledge

    return get_knowledge()


def format_history(history: Sequence[dict] | None, limit: int = HISTORY_ITEMS) -> str:
    lines = []
    for item in list(history or [])[-limit:]:
        role = "고객" if item.get("role") == "user" else "상담봇"
        text = " ".join(str(item.get("text", "")).split())
        if text:
            lines.append(f"{role}: {text}")
    return "\n".join(lines)


def _last_user_text(history: Sequence[dict] | None) -> str | None:
    for item in reversed(list(history or [])):
        if item.get("role") == "user" and item.get("text"):
            return str(item["text"])
    return None


def _with_notice(turn: str, reply: str, knowledge: Any = None) -> str:
    """Injection attempts get the grounded answer plus a line saying prices come from the shop's data."""
    if not is_injection(turn):
        return reply
    shop = getattr(knowledge, "shop", None) or {}
    name = shop.get("name") if isinstance(shop, dict) else None
    return f"{templates.INJECTION_NOTICE.format(shop=name or '저희 쇼핑몰')} {reply}"


class SupportPipeline:
    """Answers customer turns. Build once per container with `get_pipeline()`; `answer()` is thread-safe."""

    def __init__(self, settings: Settings | None = None, knowledge_provider: KnowledgeProvider | None = None,
                 lm: Any = None, lexical_router: LexicalRouter | None = None, program: Any = None,
                 train_file: Path = DEFAULT_TRAIN_FILE) -> None:
        self.settings = settings or get_settings()
        self.knowledge_provider = knowledge_provider or _default_knowledge
        self.lexical = lexical_router or LexicalRouter.from_jsonl(train_file)
        self._base_cues = {r: list(w) for r, w in self.lexical.cues.items()}
        self._cue_version: str | None = None
        self._cue_lock = threading.Lock()
        self.lm = lm if lm is not None else build_lm(self.settings)
        self.program = program
        self.adapter = None
        if self.lm is not None:
            self._init_dspy()

    # -- set-up -----------------------------------------------------------------------------------
    def _init_dspy(self) -> None:
        prepare_environment(self.settings)
        import dspy

        from agent.program import SupportProgram

        if self.program is None:
            self.program = SupportProgram()
            path = Path(self.settings.compiled_program_path)
            if path.exists():
                try:
                    self.program.load(str(path))
                    logger.info("loaded compiled program %s", path)
                except (OSError, ValueError, KeyError) as exc:
                    logger.error("ignoring unreadable compiled program %s: %s", path, exc)
        self.adapter = dspy.ChatAdapter(use_json_adapter_fallback=False)

    @property
    def mode(self) -> Mode:
        return "offline" if self.lm is None else "lm"

    def _catalogue_cues(self, knowledge: Any) -> None:
        """Teach the lexical router this catalogue's category words (once per ontology version)."""
        version = getattr(knowledge, "version", None)
        if version == self._cue_version:
            return
        with self._cue_lock:
            if version == self._cue_version:
                return
            self.lexical.cues = {r: list(w) for r, w in self._base_cues.items()}
            try:
                categories = knowledge.categories()
            except (AttributeError, TypeError):
                categories = []
            parts = [p for c in categories for p in str(c).replace("·", "/").split("/")]
            self.lexical.add_cues("product", parts)
            self._cue_version = version

    # -- the turn ---------------------------------------------------------------------------------
    def answer(self, messages: list[str], history: list[dict] | None = None,
               now: datetime | None = None, customer: dict | None = None) -> TurnResult:
        """Answer one customer turn (one or more messages). Never raises for LM failures.

        `customer` is the chat's customer record from the spine (salted hashes of the Channel.io member id
        and phone number, plus the `state` this pipeline returned as `customer_state` before); unused yet.
        """
        started = time.perf_counter()
        turn = " ".join(" ".join(str(m).split()) for m in messages if m and str(m).strip())
        if not turn:
            return self._result("general", templates.EMPTY_TURN, self.mode, started, ask_back=True)
        if now is None:
            now = datetime.now(ZoneInfo(self.settings.shop_timezone)).replace(tzinfo=None)
        knowledge = self.knowledge_provider()
        if hasattr(knowledge, "on"):  # as customers see it today: ended sales, past restock dates
            knowledge = knowledge.on(now.date())
        self._catalogue_cues(knowledge)
        lexical = self.lexical.predict(turn, context=_last_user_text(history) if is_follow_up(turn) else None)
        route = adjust_route(lexical.route, turn, knowledge)
        route = self._referred_route(route, turn, history, knowledge)
        if wants_human(turn):
            return self._result(route, templates.HANDOFF_REQUESTED, self.mode, started, handoff=True,
                                handoff_reason="customer_request")
        if self.lm is None:
            grounding = GROUNDERS[route](knowledge, turn, history, now)
            return self._finish(grounding, _with_notice(turn, grounding.reply, knowledge), "offline", started)
        return self._answer_with_lm(turn, history, now, knowledge, route, lexical.confidence, started)

    def _referred_route(self, route: str, turn: str, history: list[dict] | None, knowledge: Any) -> str:
        """"그거 세일 상품에도 쓸 수 있어요?" after a coupon question stays on the coupon (general) route.

        A turn opening with a demonstrative and bringing no subject of its own (no product named, no
        shop topic, no shipping question) keeps the previous customer message's general topic.
        """
        previous = _last_user_text(history)
        if route == "general" or not previous or not refers_back(turn):
            return route
        if intents(turn, GENERAL_TOPICS) or intents(turn, DELIVERY_INTENTS) or order_numbers(turn):
            return route
        from agent.mentions import mentioned_products

        try:
            if mentioned_products(knowledge, turn):
                return route
        except (AttributeError, TypeError):
            return route
        topics = intents(previous, GENERAL_TOPICS) - {"defects"}
        before = adjust_route(self.lexical.predict(previous).route, previous, knowledge)
        return "general" if before == "general" and topics else route

    def _answer_with_lm(self, turn: str, history: list[dict] | None, now: datetime, knowledge: Any,
                        route: str, confidence: float, started: float) -> TurnResult:
        import dspy

        lm = self.lm.copy()
        mode: Mode = "lm"
        history_text = format_history(history)
        injection = is_injection(turn)
        lm_wall = 0.0
        with dspy.context(lm=lm, adapter=self.adapter, track_usage=True):
            if confidence < ROUTER_CONFIDENCE and not injection and problem_kind(turn) in (None, "other"):
                t = time.perf_counter()
                try:
                    pred = call_within_deadline(lambda: self.program.router(
                        turn=turn, history=history_text, lexical_guess=f"{route} {confidence:.2f}"), "LM router")
                    if pred.route in GROUNDERS:
                        route = pred.route
                except Exception as exc:  # noqa: BLE001 - any LM/client failure means fallback
                    logger.warning("LM router failed, keeping lexical route %s: %s", route, describe_exception(exc))
                    mode = "fallback"
                lm_wall += time.perf_counter() - t
            grounding = GROUNDERS[route](knowledge, turn, history, now)
            reply = _with_notice(turn, grounding.reply, knowledge)
            if mode == "lm" and grounding.use_lm and not grounding.handoff and not grounding.ask_back and not injection:
                agent = getattr(self.program, route)
                facts_text = grounding.facts_text()
                t = time.perf_counter()
                try:
                    candidate = call_within_deadline(
                        lambda: agent(turn=turn, history=history_text, facts=facts_text), f"LM {route} agent").reply
                    verdict = check_reply(candidate, grounding.texts())
                    if not verdict.ok:
                        logger.info("fact guard rejected %s; asking for one rewrite", verdict.ungrounded)
                        candidate = call_within_deadline(lambda: agent(
                            turn=turn, history=history_text, facts=facts_text, feedback=verdict.feedback()),
                            f"LM {route} rewrite").reply
                        verdict = check_reply(candidate, grounding.texts())
                    if verdict.ok and candidate and candidate.strip():
                        reply = candidate.strip()
                    else:
                        logger.warning("fact guard rejected the rewrite %s; using the grounded template",
                                       verdict.ungrounded)
                        mode = "fallback"
                except Exception as exc:  # noqa: BLE001 - any LM/client failure means fallback
                    logger.warning("LM agent %s failed, using the grounded template: %s", route, describe_exception(exc))
                    mode = "fallback"
                lm_wall += time.perf_counter() - t
        calls = len(lm.history)
        tokens = sum(int((h.get("usage") or {}).get("total_tokens") or 0) for h in lm.history)
        return self._finish(grounding, reply, mode, started, lm_calls=calls, tokens=tokens,
                            lm_ms=round(lm_wall * 1000, 3))

    # -- results ----------------------------------------------------------------------------------
    def _finish(self, g: Grounding, reply: str, mode: Mode, started: float, lm_calls: int = 0,
                tokens: int = 0, lm_ms: float = 0.0) -> TurnResult:
        verdict = check_reply(reply, g.texts())
        handoff, reason = g.handoff, g.handoff_reason
        if not verdict.ok:  # a template bug must never send an ungrounded number
            logger.error("grounded reply failed the fact guard on %s (route %s); handing off", verdict.ungrounded, g.route)
            reply, handoff, reason = templates.HANDOFF_UNGROUNDED, True, "ungrounded_reply"
        return self._result(g.route, reply, mode, started, handoff=handoff, handoff_reason=reason,
                            ask_back=g.ask_back, facts=g.fact_ids, lm_calls=lm_calls, tokens=tokens, lm_ms=lm_ms)

    @staticmethod
    def _result(route: str, reply: str, mode: Mode, started: float, **fields: Any) -> TurnResult:
        return TurnResult(route=route, reply=reply, mode=mode,  # type: ignore[arg-type]
                          latency_ms=round((time.perf_counter() - started) * 1000, 3), **fields)


_pipeline: SupportPipeline | None = None
_pipeline_lock = threading.Lock()


def get_pipeline(settings: Settings | None = None) -> SupportPipeline:
    """The per-container pipeline (built, and DSPy configured, on first use)."""
    global _pipeline
    if _pipeline is None:
        with _pipeline_lock:
            if _pipeline is None:
                settings = settings or get_settings()
                prepare_environment(settings)
                pipeline = SupportPipeline(settings)
                if pipeline.lm is not None:
                    import dspy

                    try:
                        dspy.configure(lm=pipeline.lm, adapter=pipeline.adapter, track_usage=True)
                    except RuntimeError as exc:  # configured earlier by another thread; contexts still work
                        logger.warning("dspy.configure skipped: %s", exc)
                _pipeline = pipeline
    return _pipeline


def reset_pipeline() -> None:
    """Forget the container's pipeline (tests and the local stack change settings)."""
    global _pipeline
    _pipeline = None
