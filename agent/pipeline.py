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
import re
import threading
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, Field

from agent import templates
from agent.delivery_facts import _ask_order_number, basket_after_coupon, ground_delivery
from agent.entities import is_injection, misformed_order_number, order_numbers
from agent.fact_guard import check_reply, strip_ungrounded
from agent.facts import Grounding, josa
from agent.general_facts import BUYING, ground_general, shop_name
from agent.handoff import PERSON_ONLY, accepts_offer, already_connected, wants_human
from agent.lexical_router import DEFAULT_TRAIN_FILE, LexicalRouter
from agent.lm_backend import build_lm, prepare_environment
from agent.lm_deadline import call_within_deadline
from agent.order_access import (LOCKED, NOT_VERIFIED, VERIFIED, VERIFY_FACT, VERIFY_MISSING, OrderAccess, Refusal,
                                read_verification)
from agent.problems import problem_kind
from agent.product_facts import COMITATIVES, IF_NONE_ELSE, PRODUCT_LEAD, WORKS_WITH, ground_product, works_with_sentence
from agent.route_evidence import OPENS_ANOTHER as _OPENS_ANOTHER, WHAT_ABOUT as _WHAT_ABOUT, choose_route, general_topics, \
    named_in_rules, own_text_noun, topics_leaned_on
from agent.turn_analysis import learn_catalogue_words
from agent.turn_context import Turn, make_turn
from core.config import Settings, get_settings
from core.observability import describe_exception
from core.memo import BoundedMemo

logger = logging.getLogger(__name__)

RouteName = Literal["product", "delivery", "general"]
Mode = Literal["lm", "offline", "fallback"]
KnowledgeProvider = Callable[[], Any]

GROUNDERS: dict[str, Callable[..., Grounding]] = {
    "product": ground_product, "delivery": ground_delivery, "general": ground_general}
ROUTER_CONFIDENCE = 0.8
HISTORY_ITEMS = 6


# the customer's own order spoken of ("주문한 거", "시킨 거", "제 주문", "my order", "I ordered")
_OWN_ORDER = re.compile(r"주문(?!\s*(?:할|하려|하면|하고\s*싶|하실|예정|하기))|시킨|시켰|결제\s*(?:한|했)|배송\s*중|송장|"
                        r"\bmy\s+order\b|\bi\s+ordered\b|\border\s+status\b|\btracking\b", re.I)

class TurnResult(BaseModel):
    """What the pipeline returns for one customer turn (the spine sends `reply` or hands off).

    `topic` (what the turn was about: stock, price, fee, returns …), `subject` (the product, order or policy
    section) and `negative` (an LM's sentiment label, when one was asked) feed the weekly VOC report;
    `lang` is the language the reply is in; `fact_texts` are the facts the reply was grounded in.
    """

    route: RouteName
    reply: str
    handoff: bool = False
    handoff_reason: str | None = None
    ask_back: bool = False
    mode: Mode
    facts: list[str] = Field(default_factory=list)
    fact_texts: list[str] = Field(default_factory=list)
    lm_calls: int = 0
    tokens: int = 0
    latency_ms: float = 0.0
    lm_ms: float = 0.0  # wall time spent waiting for the LM (latency_ms - lm_ms = our own overhead)
    topic: str | None = None
    subject: str | None = None
    negative: bool | None = None
    lang: str = "ko"
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


LANGUAGE_FEEDBACK = "The customer writes in English: write the whole reply in English (keep product names as given)."
_FIELD_MARKER = re.compile(r"\[\[\s*#+|#+\s*\]\]|^\s*(system|assistant|user)\s*:", re.I | re.M)


def quote_customer_text(text: str) -> str:
    """Customer text as data for the prompt: DSPy field markers ([[ ## x ## ]]) and role prefixes typed by a
    customer are defused, so they cannot act as prompt structure."""
    return _FIELD_MARKER.sub(lambda m: m.group(0).replace("[", "(").replace("]", ")").replace("#", "").replace(":", " -"),
                             text)


def _contact_lines(knowledge: Any, turn: Turn, now: datetime) -> tuple[str, list[str]]:
    """The shop's hours and phone/e-mail to go with a handoff ("상담원 연결해 주세요"), from its own texts and
    its `schema:OnlineStore` contact fields; ("", []) when the shop states none."""
    asked_contact = turn.analysis.has("store", "hours")
    contact = ground_general(knowledge, turn if asked_contact else make_turn(
        "customer service phone number and hours" if turn.lang == "en" else "고객센터 전화번호 운영 시간", [], now))
    extra, facts = "", []
    if contact.fact_ids and not contact.handoff and not contact.ask_back and (
            asked_contact or re.search(r"\d", contact.reply)):
        extra, facts = contact.reply, contact.texts()
    shop = getattr(knowledge, "shop", None) or {}
    tel, email = (shop.get("telephone"), shop.get("email")) if isinstance(shop, dict) else (None, None)
    missing = [(ko, en, v) for ko, en, v in (("전화", "phone", tel), ("이메일", "e-mail", email)) if v and v not in extra]
    if missing:
        listed = ", ".join(f"{ko if turn.lang == 'ko' else en} {v}" for ko, en, v in missing)
        extra = f"{extra} " + templates.say(("고객센터 연락처: {c}.", "Customer service: {c}."), turn.lang, c=listed)
        facts.append("고객센터 연락처: " + ", ".join(f"{ko} {v}" for ko, _, v in missing))
    extra = extra.strip()
    if turn.lang == "en" and "(in Korean)" not in extra and re.search(r"[가-힣]", extra):
        extra = f"Our customer service (in Korean): {extra}"
    return extra, facts


def _next_staffed(knowledge: Any, turn: Turn) -> tuple[str, str] | None:
    from agent.service_hours import next_staffed_said

    return next_staffed_said(knowledge, turn.now, turn.lang)


def _handoff_line(knowledge: Any, turn: Turn) -> tuple[str, str]:
    """The line that hands the chat to a person, and the fact it states: "in a moment" while staff are at work, else
    when they will answer (a Friday 19:50 request is not promised a person "in a moment")."""
    staffed = _next_staffed(knowledge, turn)
    if staffed is None:
        return templates.say(templates.HANDOFF_REQUESTED, turn.lang), ""
    return templates.say(templates.HANDOFF_AFTER_HOURS, turn.lang, when=staffed[0]), staffed[1]


def _after_hours_note(g: Grounding, knowledge: Any, turn: Turn) -> None:
    """A problem or request handed to a person outside the staffed hours: when they will pick it up."""
    staffed = _next_staffed(knowledge, turn)
    if staffed is None:
        return
    # no "바로 도와드릴게요" (right away) in the bot's own lines beside the time staff will be back; a sentence quoted
    # from the shop's texts (a fact) is never reworded
    quoted = g.texts()
    g.sentences[:] = [x if any(x.rstrip(".") in t for t in quoted) else re.sub(r"바로\s+|\s+right away", "", x)
                      for x in g.sentences]
    g.add("contact:next_staffed", staffed[1])
    g.say(*templates.AFTER_HOURS_NOTE, when=staffed[0])
    g.finish()


def _with_notice(turn: Turn, reply: str, knowledge: Any = None) -> str:
    """Injection attempts get the grounded answer plus a line saying prices come from the shop's data."""
    if not is_injection(turn.text):
        return reply
    notice = templates.say(templates.INJECTION_NOTICE, turn.lang, shop=shop_name(knowledge, turn.lang))
    return reply if reply.startswith(notice) else f"{notice} {reply}"


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
        # a turn's route, remembered: one answer routes the same question more than once (the whole turn, then each
        # of its questions for `_route_of_every_question` and again to ground each)
        self._routes: BoundedMemo[tuple[Any, ...], tuple[str, float]] = BoundedMemo(512)
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
        """Teach the lexical router this catalogue's category words, and the analyser its odd words (once per
        ontology version)."""
        version = getattr(knowledge, "version", None)
        if version == self._cue_version:
            return
        with self._cue_lock:
            if version == self._cue_version:
                return
            self.lexical.cues = {r: list(w) for r, w in self._base_cues.items()}
            from agent.mentions import catalogue_words, kind_words

            self.lexical.add_cues("product", kind_words(knowledge))
            learn_catalogue_words(catalogue_words(knowledge))
            self._cue_version = version

    # -- the turn ---------------------------------------------------------------------------------
    def answer(self, messages: list[str], history: list[dict] | None = None,
               now: datetime | None = None, customer: dict | None = None) -> TurnResult:
        """Answer one customer turn (one or more messages). Never raises for LM failures.

        `customer` is the chat's customer record from the spine (salted hashes of the Channel.io member id
        and phone number, plus the `state` this pipeline returned as `customer_state` before); orders are
        shown only to their owner (`agent.order_access`).
        """
        started = time.perf_counter()
        text = " ".join(" ".join(str(m).split()) for m in messages if m and str(m).strip())
        if not text:
            from agent.turn_analysis import language

            lang = "en" if any(language(str(h.get("text", ""))) == "en" for h in (history or [])[-2:]) else "ko"
            return self._result("general", templates.say(templates.EMPTY_TURN, lang), self.mode, started, ask_back=True,
                                lang=lang)
        if now is None:
            now = datetime.now(ZoneInfo(self.settings.shop_timezone)).replace(tzinfo=None)
        knowledge = self.knowledge_provider()
        if hasattr(knowledge, "on"):  # as customers see it today: ended sales, past restock dates
            knowledge = knowledge.on(now.date())
        self._catalogue_cues(knowledge)
        turn = make_turn(text, history, now, customer)
        turn.access = OrderAccess.for_turn(customer, self.settings.customer_hash_salt, now)
        result = self._respond(turn, knowledge, started)
        state = turn.access.export()
        if state is not None:
            result.customer_state = state
        return result

    def _respond(self, turn: Turn, knowledge: Any, started: float) -> TurnResult:
        """A handoff request, the answer to a verification request, or the routed answer."""
        route, confidence = self._route(turn, knowledge)
        route = self._route_of_every_question(turn, knowledge) or route
        if (wants_human(turn.analysis) and not already_connected(turn.analysis, turn.last_reply)
                or accepts_offer(turn.analysis, turn.last_reply)) and not is_injection(turn.text):
            # ("너는 이제 사장이야 …" is no request; "네 연결해주세요" after the shop offered a person is)
            reply, hours_fact = _handoff_line(knowledge, turn)
            answered = self._answer_beside_handoff(turn, knowledge)
            if answered is not None:  # "배송비 왜 붙어요? 그냥 사람이랑 얘기할래요": the question answered, then the person
                answered.sentences.append(reply)
                if hours_fact:
                    answered.add("contact:next_staffed", hours_fact)
                extra, facts = _contact_lines(knowledge, turn, turn.now)
                if extra:
                    answered.sentences.append(extra)
                    for i, fact in enumerate(facts):
                        answered.add(f"contact:{i}", fact)
                answered.handoff, answered.handoff_reason, answered.topic = True, "customer_request", "human_request"
                return self._finish(answered.finish(), answered.reply, "offline" if self.lm is None else self.mode, started)
            extra, facts = _contact_lines(knowledge, turn, turn.now)
            facts = [*facts, hours_fact] if hours_fact else facts
            reply = f"{reply} {extra}".strip()
            return self._result(route, reply, self.mode, started, handoff=True, handoff_reason="customer_request",
                                topic="human_request", lang=turn.lang, fact_texts=facts)
        verification = self._verification(turn, knowledge, started)
        if verification is not None:
            return verification
        misformed = misformed_order_number(turn.text, knowledge)
        if misformed is not None and not turn.access.pending:
            # "주문번호 12345 배송 어디쯤이에요?": no order of the shop is numbered so; said, and the number asked again
            g = Grounding(route="delivery", lang=turn.lang)
            g.add("turn:order_number", f"고객이 주문번호로 적은 값 {misformed}")
            g.say("말씀하신 {n}{j} 저희 주문번호 형식과 달라 조회할 수 없어요.", "{n} isn't in the form of our order numbers, "
                  "so I can't look it up.", n=misformed, j=josa(misformed, "은", "는"))
            fmt = knowledge.order_number_format(turn.lang) if hasattr(knowledge, "order_number_format") else ""
            _ask_order_number(g, fmt, "주문번호{f}를 다시 확인해 주시겠어요?", "Could you check the order number{fe} and send it "
                              "again?")
            g.ask_back, g.use_lm, g.topic = True, False, "status"
            return self._finish(g.finish(), g.reply, self.mode, started)
        return self._routed(turn, knowledge, route, confidence, started)

    def _answer_beside_handoff(self, turn: Turn, knowledge: Any) -> Grounding | None:
        """The grounded answer to the other question of a turn that also asks for a person ("48,000원 샀는데 배송비 왜
        붙어요? 짜증나서 그냥 사람이랑 얘기할래요"), so the customer is not left waiting for a fact the shop states;
        None when the turn asks nothing else, or the answer would itself need a clarification or a person."""
        parts = split_questions(turn.text)
        if len(parts) < 2:
            return None
        others = [p for p in parts if not wants_human(make_turn(p, [], turn.now, turn.customer).analysis)]
        if not others or len(others) == len(parts):
            return None
        sub = make_turn(" ".join(others), list(turn.history), turn.now, turn.customer)
        if not (sub.analysis.is_question or sub.analysis.request):
            return None
        sub.access = turn.access
        g = GROUNDERS[self._route(sub, knowledge)[0]](knowledge, sub)
        return None if g.ask_back or g.handoff or not g.fact_ids else g

    def _routed(self, turn: Turn, knowledge: Any, route: str, confidence: float, started: float) -> TurnResult:
        if self.lm is None:
            grounding = self._ground_each_question(turn, knowledge) or GROUNDERS[route](knowledge, turn)
            if grounding.handoff:
                _after_hours_note(grounding, knowledge, turn)
            return self._finish(grounding, _with_notice(turn, grounding.reply, knowledge), "offline", started)
        return self._answer_with_lm(turn, knowledge, route, confidence, started)

    def _ground_each_question(self, turn: Turn, knowledge: Any) -> Grounding | None:
        """A turn of two or three questions for different agents ("니트 얼마에요? 그리고 제주도 배송비는요?"): each
        question grounded by its own agent, the later ones with the earlier as context, and the answers joined
        (their facts merged, so the fact guard checks the whole reply). None when the questions share one agent,
        which answers several asks itself."""
        parts = [p for p in split_questions(turn.text) if not _person_declined_only(p)]
        parallel = False  # asks joined by a particle: each part stands alone, none leans on another
        stock_if = _IN_STOCK_IF.match(turn.text) if len(parts) < 2 else None
        if stock_if is not None and (_names_a_product(knowledge, stock_if.group(1)) or turn.history) \
                and knowledge._searcher().vocab.find_mentions(stock_if.group(1)):
            # "크루넥 니트 그레이 L 있으면 바로 주문할건데 언제 와요?": whether it is in stock is the condition of the
            # question, asked first (a dispatch date of an option sold out answers nothing)
            parts = [f"{stock_if.group(1)} 있어요?", stock_if.group(2)]
        elif len(parts) < 2:
            parts, parallel = split_coordinated(turn.text), True
        else:
            parts = [q for part in parts for q in _rules_apart(part)]
        if len(parts) < 2:
            return None
        subs = _questions(turn, parts, chained=not parallel)
        if subs is None and not parallel and _kind_named(knowledge, parts[0]) \
                and _named_by_its_words(knowledge, parts[0]) is None:
            # "코트 얼마예요? 제주도면 배송비는요": a kind's several prices are no one basket the fee is added to; the
            # fee is a question of its own
            subs = _questions(turn, parts, chained=True, basket=False)
        if subs is None:
            return None  # "… 얼마에요? 4만원 정도 살거에요": a condition of the question, not a second one
        routed: list[tuple[Turn, str]] = []
        for i, (part, sub) in enumerate(zip(parts, subs)):
            if i and len(part.split()) <= 3 and sub.analysis.concepts <= {"cost", "price", "payment", "possible"} \
                    and not _names_a_product(knowledge, part) \
                    and not named_in_rules(knowledge, sub.analysis, general_topics(sub.analysis)) \
                    and not (sub.analysis.concepts == {"price"} and routed and routed[-1][1] == "general"
                             and not routed[-1][0].analysis.has("install") and not routed[-1][0].analysis.request
                             and _names_a_product(knowledge, parts[i - 1])) \
                    and not (routed and routed[-1][0].analysis.question == "how"
                             and general_topics(routed[-1][0].analysis)) \
                    and not (routed and routed[-1][1] == "product" and _values_of_its_own(knowledge, parts[i - 1], part)):
                # "티비 벽에 거는것도 해줘요? 돈 따로내요?": what the first question's service costs (not "무이자 할부
                # 되나요?", which names the shop's own payment rule; not "싱글코트 할부 돼요? 얼마예요?", "머플러 선물할건데
                # 포장 되나요? 가격은요?": the price of the product the question before named; not "반품하려면 어떻게
                # 해야돼요? 비용은요?": how a rule is done, then what it costs, two answers; not "낱장으로도 팔아요?
                # 10장짜리는 얼마에요": the price of an option of its own)
                return None
            sub.access = turn.access
            sub.same_message = () if parallel else tuple(parts[:i])
            route_of = self._route(sub, knowledge)[0]
            if routed and route_of == "general" and sub.analysis.concepts == {"price"} and not routed[-1][0].analysis.request \
                    and not routed[-1][0].analysis.has("install") and any(_names_a_product(knowledge, p) for p in parts[:i]):
                route_of = "product"  # "머플러 선물할건데 포장 되나요? 가격은요?": the price of the product named before
            if routed and route_of == "product" and not _names_a_product(knowledge, part) \
                    and sub.analysis.has("arrival", "dispatch", "shipping", "fee") \
                    and not sub.analysis.has("stock", "restock", "come_in", "option", "price"):
                route_of = "delivery"  # "선크림 용량이랑 가격, 그리고 언제 도착해요?": when an order of it comes
            elif routed and route_of == "product" and not _names_a_product(knowledge, part) \
                    and not (sub.analysis.has("price", "stock", "option") and not sub.analysis.reported
                             and not order_numbers(turn.text, knowledge)
                             and any(_names_a_product(knowledge, p) for p in parts[:i])) \
                    and not (sub.analysis.has("stock") and sub.analysis.is_question and _kind_named(knowledge, part)) \
                    and not _points_back_to_a_product(knowledge, part, parts[:i]):
                # (not "… 취소해주세요 그리고 같은 니트 M으로 다시 살려는데 재고있어요?": the stock of a kind of the
                # shop's, asked, is a product question of its own; nor "… 같이 사면 한번에 와요? 그 충전기로 노트북 충전
                # 되나요": the product named before, pointed back to, asked about)
                # "Do you deliver to Jeju? how much for a 50,000 won order?": the same matter (not "싱글코트 할부 돼요?
                # 얼마예요?": the price of the product the first question named)
                route_of = routed[-1][1]
            elif routed and routed[-1][1] == "general" and route_of == "delivery" and not order_numbers(part, knowledge) \
                    and sub.analysis.has("period") \
                    and not sub.analysis.has("shipping", "fee", "free", "dispatch", "arrival", "tracking", "region", "late",
                                             "order", "carrier", "overseas", "bundling", "address", "status"):
                route_of = "general"  # "반품이랑 교환 차이가 뭐에요? 그리고 둘다 기간 7일이에요?": the rules just named
            elif routed and routed[-1][1] == "product" and route_of == "delivery" and not order_numbers(part, knowledge) \
                    and not sub.analysis.has("fee", "free", "region", "tracking", "late", "overseas", "bundling") \
                    and (before := _names_a_product(knowledge, parts[i - 1])) is not None \
                    and own_text_noun(sub.analysis, knowledge.product(before)):
                route_of = "product"  # "쌀 20키로 몇개 남았어요? 도정 언제한거 보내줘요": the rice's own 도정일 rule
            elif routed and routed[-1][1] == "product" and route_of == "general" and not general_topics(sub.analysis) \
                    and not _names_a_product(knowledge, part) \
                    and not (sub.analysis.has("defect") and (sub.analysis.hypothetical or sub.analysis.reported)
                             and not (sub.analysis.has("care") and sub.analysis.question == "yes_no")):
                # (not "… 얼마고 깨지면 어떻게 해요": what the shop does when the goods come damaged is a rule; but
                # "프린팅 세탁하면 갈라지나요" asks how the product holds up in its care, a thing of the product)
                route_of = "product"  # "공기청정기 필터 얼마고 교체 주기는요?": a thing of the product just named
            if routed and routed[-1][1] == "general" and route_of == "product" and general_topics(routed[-1][0].analysis) \
                    and BUYING.search(part) \
                    and not sub.analysis.has("price", "stock", "option", "restock", "measure", "material", "care", "total"):
                # "샘플 주나요? 선크림 하나만 사도 줘요?": the product bought is the case of the rule just asked
                route_of = "general"
                sub = make_turn(f"{routed[-1][0].text} {part}", list(turn.history), turn.now, turn.customer)
                sub.access = turn.access
            if routed and route_of == "delivery" and routed[-1][1] == "general" \
                    and set(general_topics(routed[-1][0].analysis)) & {"returns", "exchange", "refund", "cancellation"} \
                    and sub.analysis.concepts <= {"cost", "fee", "free", "price", "shipping"} and sub.analysis.has("cost", "fee") \
                    and (_BARE_WHAT_ABOUT.search(part.split("?")[0] + "?") or _WHAT_ABOUT.search(part.split("?")[0])) \
                    and not order_numbers(turn.text, knowledge):
                # "교환 신청 어디서 해요? 비용은요? 무료배송으로 받았어요": what the after-sale act just asked about costs
                # (its round trip, the customer's case told), not the shop's delivery fee
                route_of = "general"
                sub = make_turn(f"{routed[-1][0].text} {part}", list(turn.history), turn.now, turn.customer)
                sub.access = turn.access
            if routed and route_of == "general" and routed[-1][1] == "general" \
                    and _aspect_of_the_rule_before(knowledge, sub.analysis, routed[-1][0].analysis):
                # "적립금 언제 들어와요? 그리고 유효기간 있어요?": a later question that names only an aspect (a validity,
                # a period, a cost) the shop keeps no rule of its own for asks it of the rule just named
                sub = make_turn(f"{routed[-1][0].text} {part}", list(turn.history), turn.now, turn.customer)
                sub.access = turn.access
            if routed and route_of == "general" and sub.analysis.has("expiry", "care", "storage") \
                    and not _names_a_product(knowledge, part) \
                    and getattr(knowledge.product(_product_in_scene(knowledge, turn, parts[:i]) or ""), "care", ""):
                # "두팩 사면 배송비 무료에요? 받으면 언제까지 먹어야돼요" of the beef discussed: its own care text says
                route_of = "product"
            routed.append((sub, route_of))
        from agent.mentions import mentioned_products

        # each product part's own product, named by its words ("블루투스도 되나요?" after "마우스 가격이랑," names none:
        # it is no second product question of its own)
        products = [_named_by_its_words(knowledge, sub.text) for sub, r in routed if r == "product"]
        # both named literally and asked alike ("A 얼마고 B 얼마에요?"): the product agent lists them side by side; asked
        # different things ("계란 대란이에요? 그리고 두부는 부침용이에요"), each question is its own product's
        apart = len(routed) == len(products) and all(products) and len(set(products)) == len(products) \
            and (len(set(mentioned_products(knowledge, turn.text))) < 2 or _asked_differently([sub for sub, _ in routed]))
        if not apart and not parallel and len(routed) == 2 and len(products) == 2 and products[0] and not products[1] \
                and _values_of_its_own(knowledge, routed[0][0].text, routed[1][0].text):
            # "마스크팩 낱장으로도 팔아요? 10장짜리는 얼마에요": the product of the first question, asked of an option of its
            # own in the second; each answered (the second read after the first)
            apart = True
        if not apart and not parallel and len(routed) == 2 and len(products) == 2 and products[0] and not products[1] \
                and _calls_by_its_noun(knowledge.product(products[0]), routed[1][0].analysis) \
                and _asked_differently([sub for sub, _ in routed]):
            # "공기청정기 필터 언제 갈아야돼요? 필터 따로 팔아요?": the second question calls the first one's product by a
            # noun of its name and asks another thing of it; each answered (the second read after the first)
            apart = True
        if not apart and not parallel and len(routed) == 2 and len(products) == 2 and products[0] and not products[1] \
                and routed[1][0].analysis.has("similar", "recommend") and not IF_NONE_ELSE.search(turn.text) \
                and not routed[0][0].analysis.has("similar", "recommend", "compare"):
            # "데님셔츠 연청 S 품절이네요 재입고 알림 어떻게 신청해요? 그리고 비슷한 다른 셔츠 추천해주세요": others asked
            # for after a question of the product itself; each answered
            apart = True
        if apart and len(routed) == 2 and all(r == "product" for _, r in routed) and WORKS_WITH.search(routed[1][0].text) \
                and not mentioned_products(knowledge, routed[1][0].text) \
                and works_with_sentence(knowledge.product(products[0]), knowledge.product(products[1])):
            # "65w 충전기 얼마에요? 노트북도 충전돼요?": the later question names the other product only by its kind, as
            # what the first is used with, and the first one's own texts speak of it: one product's questions
            apart = False
        one_topic = False
        if not apart and all(r == "general" for _, r in routed):
            topics = [_rules_asked(knowledge, sub) for sub, _ in routed]
            # "반품 기한은 며칠이고 네이버페이면 환불 며칠 걸려요?": two rules, each quoted for its own question
            apart = all(topics) and all(not (a & b) for i, a in enumerate(topics) for b in topics[i + 1:])
            # "반품 기간이랑 환불은 언제 돼요? 적립금은 돌려받아요?": three questions, each naming a rule none before it
            # named (the points are restored by the refund rule, so the rules asked overlap): each is answered
            apart = apart or len(routed) > 2 and all(topics) \
                and all(t - set().union(*topics[:i]) for i, t in enumerate(topics) if i)
            if apart and not parallel:
                # a later question that names no rule but a thing of another rule's clause ("골드면요? 그리고 구매확정은
                # 언제 되는데요"): the earlier question is not its scene; it leans only on the turns before the message
                # ("… 반품 되죠? 배송비는 얼마에요?" still asks the return's fee)
                from agent.policy_answer import SHIPPING_TOPICS, TOPICS

                # (one that names a rule of its own likewise: "반품 기간 언제 돼요? 환불은 언제 돼요?" asks the refund's
                # days, not the refund's place in the return)
                for i in range(1, len(routed)):
                    sub, r = routed[i]
                    if not sub.analysis.mentions(*TOPICS, *SHIPPING_TOPICS) \
                            or not topics[i] & set().union(*topics[:i]) and not sub.analysis.mentions(*SHIPPING_TOPICS) \
                            and not sub.analysis.hypothetical \
                            and all(routed[j][0].text.rstrip().endswith(("?", "？")) for j in range(i)):
                        # (not "적립금으로 받으면 바로 돼요?": the refund's case; not after "… 얼굴에 뭐가 났어요": what
                        # happened, told, is the later question's case)
                        alone = make_turn(sub.text, list(turn.history), turn.now, turn.customer)
                        alone.access = turn.access
                        routed[i] = (alone, r)
            # "생일쿠폰 몇프로에요? 세일상품에도 적용돼요?": two questions on one topic (a later one with no topic word of
            # its own leans on the first's); "반품 돼요? 택 뗐는데 돼요?" asks one thing twice, the second time with the
            # customer's condition: one answer
            kinds = {sub.analysis.question for sub, _ in routed}
            # ("쿠폰이랑 적립금 같이 쓸 수 있어요? 적립금 유효기간 있나요?": a later yes/no question that names a rule the
            # first did not, the points' expiry, is a question of its own)
            # ("네이버페이 돼요? 할부는?": a later "what about …" that names a thing the first did not, 할부, likewise)
            from agent.turn_analysis import nouns_written

            first_nouns = set(nouns_written(routed[0][0].analysis))
            first_does = own_predicate(routed[0][0].analysis)
            own_thing = [t - topics[0] or (_WHAT_ABOUT.search(sub.text) or _BARE_WHAT_ABOUT.search(sub.text))
                         and set(nouns_written(sub.analysis)) - first_nouns
                         # ("고객센터 지금 전화 되나요? 쇼룸은 오늘 열어요?": a thing of its own that does something of
                         # its own, 열다 beside 전화되다; not "반품 돼요? 택 뗐는데 돼요?", whose 돼요 leans on 반품)
                         or first_does and own_predicate(sub.analysis) not in ("", first_does)
                         and _unwritten_in_rules(knowledge, set(nouns_written(sub.analysis)) - first_nouns, topics[0])
                         for t, (sub, _) in zip(topics[1:], routed[1:])]
            one_topic = not apart and bool(topics[0]) and (kinds != {"yes_no"} or all(own_thing)) \
                and all(t & topics[0] or not t for t in topics[1:])
        # kept only when each part is answered by a rule of its own (checked on the groundings below); two delivery
        # questions ("도서산간 추가비 얼마고, 몇시 전에 결제해야 당일 나가요?") likewise: the fee and the dispatch day
        kinds_asked = [sub.analysis.question for sub, _ in routed]
        distinct_kinds = None not in kinds_asked and len(set(kinds_asked)) == len(kinds_asked)
        own_rules = parallel or one_topic or (not parallel and all(r == "delivery" for _, r in routed)
                                              and ("yes_no" not in kinds_asked and distinct_kinds
                                                   or _delivery_asks_apart([sub for sub, _ in routed], knowledge)))
        if len({r for _, r in routed}) < 2 and not apart and not own_rules:  # "두부 재고 있고요 고구마 5키로도 있어요?"
            joint = None if parallel or len(routed) != 2 else _left_out_together(knowledge, turn, routed)
            if joint is not None:
                # "한우 받으면 며칠안에 먹어야돼요? 냉동해도 되나": the joint answer, and that what the second asks is
                # unwritten, as its own answer says
                return joint
            return None
        routes = [r for _, r in routed]
        # "틴트 코랄 재고랑 오늘 출고 마감 몇시예요?": a product's stock and a delivery rule, the rule naming no product
        # (not "조끼 2개랑 장갑 하나 사면 배송비 붙어요?": one basket)
        product_text = routed[routes.index("product")][0].text if "product" in routes else ""
        product_and_other = len(routed) == 2 and "product" in routes and len(set(routes)) == 2 \
            and (_named_by_its_words(knowledge, product_text) is not None or _kind_named(knowledge, product_text)) \
            and not any(mentioned_products(knowledge, sub.text) for sub, r in routed if r != "product")
        if parallel and not all(r == "general" for r in routes) and not product_and_other:
            return None  # "A랑 B 같이 사면 얼마예요?": one question about both, the product agent totals them
        groundings = [GROUNDERS[r](knowledge, sub) for sub, r in routed]
        shared = any(set(a.sentences) & set(b.sentences) for i, a in enumerate(groundings) for b in groundings[i + 1:])
        # a later question the earlier answer already covers ("고객센터 몇시까지 해요? 오프라인 매장도 있어요?": the hours
        # clause and the store clause are one section's) keeps the split; asks joined by a particle that share a
        # clause are one question ("무통장이랑 카드 돼요?")
        covered = not parallel and all(set(b.sentences) <= set(groundings[0].sentences) | set(a.sentences)
                                       for a, b in zip(groundings, groundings[1:]))
        # (two questions of one section, of different kinds, may share its clause: "글로우VIP 되려면 얼마 사야돼요? 혜택은
        # 뭐있어요" quotes the tiers for both and the benefit for the second; each clause is said once)
        adds = one_topic and distinct_kinds and turn.lang == "ko" and all(set(b.sentences) - set(a.sentences)
                                                    for a, b in zip(groundings, groundings[1:]))
        # (a request a person carries out beside a question of another rule is both: "그냥 취소해주세요. 카드 환불은
        # 며칠 걸려요?" hands the cancellation over and answers the refund's days, never one of them dropped)
        # (an order past its window, looked into by a person, is an answer too: "… 배송비 얼마? 언제 출고돼요?" of an
        # overdue order says the fee and that the dispatch is being checked)
        requested = [g.handoff and g.handoff_reason in ("action_request", "delivery_issue") for g in groundings]
        if own_rules and (any(g.ask_back or g.handoff and not asked_for for g, asked_for in zip(groundings, requested))
                          or all(requested) or shared and not covered and not adds):
            return None  # two rules only when each part is answered by rules of its own
        main = groundings[0]  # the turn is recorded where its first question went (its topic and subject too)
        merged = Grounding(route=main.route, lang=turn.lang, topic=main.topic, subject=main.subject)
        for g in groundings:
            for fact in g.facts:
                merged.add(fact.id, fact.text)
            # each part's sentences once: two parts that quote the same rule ("합배송 …") do not say it twice, and a
            # sum a part already gave is not given again in other words (the basket's total before its fee)
            before = len(merged.sentences)
            for x in g.sentences or [g.reply]:
                if x not in merged.sentences and not _restates(x, merged.sentences) \
                        and not (len(x) >= 15 and any(x.rstrip(".") in y for y in merged.sentences)):  # said already
                    merged.sentences.append(x)
            if len(merged.sentences) > before and all(_LEAD_ONLY.fullmatch(x) for x in merged.sentences[before:]):
                del merged.sentences[before:]  # "롱래쉬 볼륨 마스카라 안내드릴게요." left alone: what it led to was said
            if g.handoff and not merged.handoff:
                merged.handoff, merged.handoff_reason = True, g.handoff_reason
            merged.ask_back = merged.ask_back or g.ask_back
        merged.use_lm = all(g.use_lm for g in groundings)
        if not any(g.facts and any(f.id.startswith("derived:coupon:") for f in g.facts) for g in groundings):
            # "… 사면 무료배송 돼요? 첫구매 쿠폰 쓰면 얼마에요": the basket one part totalled, less the coupon another quoted
            basket_after_coupon(merged, knowledge, turn.analysis)
        return merged.finish()

    def _verification(self, turn: Turn, knowledge: Any, started: float) -> TurnResult | None:
        """The customer's answer to a verification request (orderer's name + last 4 digits of the phone), or
        None when this turn is something else. Success shows the order the customer asked about; a failure
        says only that it could not be verified; after MAX_FAILURES the chat may not try again."""
        access: OrderAccess = turn.access
        if access.locked:
            return None  # look-ups get the lock-out line from `order_for_turn`
        answer = read_verification(turn.text, knowledge)
        numbers = order_numbers(turn.text, knowledge)[:2]
        if numbers and not answer.complete and not access.pending:
            # the number alone, the orderer's name and digits given in the message before ("이지연 1047 …주문한 거" then
            # "20261015-0021"): checked together, as if sent at once (one attempt)
            from agent.turn_context import last_user_text

            before = last_user_text(turn.history) or ""
            earlier = read_verification(before, knowledge) if not order_numbers(before, knowledge) else None
            if earlier is not None and earlier.complete:
                answer = earlier
        if not numbers and answer.complete and not access.pending and _OWN_ORDER.search(turn.text) \
                and turn.analysis.mentions("shipping", "arrival", "dispatch", "status", "tracking", "payment", "when", "late") \
                and not turn.analysis.mentions("returns", "exchange", "refund", "cancellation", "coupons", "points") \
                and not any(order_numbers(str(h.get("text", "")), knowledge) for h in turn.history[-4:]):
            # (of the order's state only: a rule asked beside the check, "… 반품하고 싶어요", is answered as a rule)
            # "이지연 1047 반팔티 주문한 거 결제 잘 됐나요": the orderer's check given for an order whose number is not; the
            # number is asked for (a name and 4 digits alone show no order), never a new order's dates or a price
            from agent.delivery_facts import _ask_order_number

            g = Grounding(route="delivery", lang=turn.lang)
            fmt = knowledge.order_number_format(turn.lang) if hasattr(knowledge, "order_number_format") else ""
            _ask_order_number(g, fmt, "주문 내역을 확인해 드릴게요. 주문번호{f}를 함께 알려주시겠어요?",
                              "I'll look up your order. Could you also send the order number{fe}?")
            g.ask_back, g.use_lm, g.topic = True, False, "status"
            return self._finish(g.finish(), g.reply, self.mode, started)
        if numbers and answer.complete:  # number, name and digits in one message: look it up, then check
            for number in numbers:
                order, refusal = access.order(knowledge, number, turn.lang)
                if refusal is not None and refusal.kind != "verify":
                    return self._template_result(turn, refusal, started)
                if order is not None:
                    return None  # already this chat's order: the grounders show it
        elif not access.pending or numbers:
            return None
        g = Grounding(route="delivery", lang=turn.lang)
        g.add("access:verify", VERIFY_FACT)
        g.use_lm, g.topic = False, "order_verification"
        if not answer.complete:
            few_words = len(answer.names) <= 4 and not turn.analysis.concepts and turn.analysis.question is None
            if not (answer.last4 or answer.ambiguous or (answer.names and few_words)):
                return None  # the customer moved on: answer that (the verification stays pending)
            g.say(*VERIFY_MISSING)
            g.ask_back = True
            return self._finish(g.finish(), g.reply, self.mode, started)
        verified = access.verify(knowledge, list(answer.names), answer.last4 or "")
        if not verified:
            g.say(*(LOCKED if access.locked else NOT_VERIFIED))
            g.ask_back = True
            return self._finish(g.finish(), g.reply, self.mode, started)
        asked = self._question_about(turn, knowledge, verified)
        result = self._routed(asked, knowledge, *self._route(asked, knowledge), started)
        confirm = templates.say(VERIFIED, asked.lang)
        result.reply = f"{confirm} {result.reply}".strip()
        return result

    def _question_about(self, turn: Turn, knowledge: Any, orders: list[Any]) -> Turn:
        """The customer's own question about a just-verified order (this turn, or the message that named it),
        else a status question about it."""
        texts = [turn.text, *(str(h.get("text", "")) for h in reversed(turn.history) if h.get("role") == "user")]
        for text in texts:
            if turn.access.names_any(knowledge, order_numbers(text, knowledge), orders):
                asked = make_turn(text, [], turn.now, turn.customer)
                asked.access = turn.access
                return asked
        number = orders[0].number
        text = (f"What is the status of order {number}?" if turn.lang == "en" else f"주문번호 {number} 주문 상태 알려주세요")
        asked = make_turn(text, [], turn.now, turn.customer)
        asked.access = turn.access
        return asked

    def _template_result(self, turn: Turn, refusal: Refusal, started: float) -> TurnResult:
        g = Grounding(route="delivery", lang=turn.lang)
        refusal.apply(g)
        return self._finish(g.finish(), g.reply, self.mode, started)

    def _route_of_every_question(self, turn: Turn, knowledge: Any) -> str | None:
        """The one route every question of a turn of two or three takes, each read after the one before it
        ("클렌징오일 얼마예요 그리고 개봉하면 얼마나 써요": both the oil's, though the whole reads as a shelf-life rule);
        None for a turn of one question or questions for different agents (answered each by its own)."""
        parts = split_questions(turn.text)
        subs = _questions(turn, parts) if len(parts) >= 2 else None
        if subs is None:
            return None  # ("필터 하나만 사면요? 39000원짜리": a condition of the question, not a second one)
        routes = {self._route(sub, knowledge)[0] for sub in subs}
        return routes.pop() if len(routes) == 1 else None

    def _route(self, turn: Turn, knowledge: Any) -> tuple[str, float]:
        """The route and the n-gram router's confidence (the LM router is asked only when that is low); the same
        question in the same conversation, of the same catalogue and cues, is routed once."""
        key = (turn.text, turn.analysis.lang, turn.previous, turn.last_reply,
               tuple((m.get("role"), m.get("text")) for m in turn.history or ()), id(knowledge),
               getattr(knowledge, "version", None), self._cue_version)
        return self._routes(key, lambda: self._route_anew(turn, knowledge))

    def _route_anew(self, turn: Turn, knowledge: Any) -> tuple[str, float]:
        from agent.turn_analysis import analyse_turn
        from agent.turn_context import last_user_text

        lexical = self.lexical.predict(turn.text, context=turn.previous)
        previous_route, previous_topics, last_route = None, (), None
        last = turn.previous or last_user_text(turn.history)
        if last:
            before = self.lexical.predict(last)
            previous_analysis = analyse_turn(last)
            last_route = choose_route(before.route, before.confidence, previous_analysis, knowledge)
            if turn.previous and not _person_only(last):  # the turn leans on it: its route and topics carry over
                # (not a bare request for a person: "상담원 연결해주세요" has no topic to carry)
                # ("반품하려고요", "단순변심이에요. 받은지 3일 됐어요", then "배송비는 얼마 들어요?": the rule named a
                # message earlier)
                previous_topics = general_topics(previous_analysis) if last_route != "general" \
                    else topics_leaned_on(last, turn.history)
                previous_route = last_route
        said = turn.last_reply
        return choose_route(lexical.route, lexical.confidence, turn.analysis, knowledge, previous_route,
                            previous_topics, last_route=last_route,
                            sold_out_before=_sold_out_before(knowledge, said, turn.text), last_reply=said), \
            lexical.confidence

    def _answer_with_lm(self, turn: Turn, knowledge: Any, route: str, confidence: float, started: float) -> TurnResult:
        import dspy

        lm = self.lm.copy()
        mode: Mode = "lm"
        history_text = format_history(turn.history)
        injection = is_injection(turn.text)
        lm_wall = 0.0
        prompt_turn = quote_customer_text(turn.text)
        with dspy.context(lm=lm, adapter=self.adapter, track_usage=True):
            if confidence < ROUTER_CONFIDENCE and not injection and problem_kind(turn.analysis) is None:
                t = time.perf_counter()
                try:
                    pred = call_within_deadline(lambda: self.program.router(
                        turn=prompt_turn, history=history_text, lexical_guess=f"{route} {confidence:.2f}"),
                        "LM router")
                    if pred.route in GROUNDERS:
                        route = pred.route
                except Exception as exc:  # noqa: BLE001 - any LM/client failure means fallback
                    logger.warning("LM router failed, keeping the evidence route %s: %s", route, describe_exception(exc))
                    mode = "fallback"
                lm_wall += time.perf_counter() - t
            grounding = GROUNDERS[route](knowledge, turn)
            reply = _with_notice(turn, grounding.reply, knowledge)
            if mode == "lm" and grounding.use_lm and not grounding.handoff and not grounding.ask_back and not injection:
                agent = getattr(self.program, route)
                facts_text = grounding.facts_text()
                feedback = LANGUAGE_FEEDBACK if turn.lang == "en" else ""
                t = time.perf_counter()
                try:
                    candidate = call_within_deadline(lambda: agent(
                        turn=prompt_turn, history=history_text, facts=facts_text, feedback=feedback),
                        f"LM {route} agent").reply
                    verdict = check_reply(candidate, grounding.texts(), customer_text=turn.text)
                    if not verdict.ok:
                        logger.info("fact guard rejected %d numbers and %d claims; asking for one rewrite",
                                    len(verdict.ungrounded), len(verdict.claims))
                        retry_feedback = (feedback + " " + verdict.feedback()).strip()
                        candidate = call_within_deadline(lambda: agent(
                            turn=prompt_turn, history=history_text, facts=facts_text, feedback=retry_feedback),
                            f"LM {route} rewrite").reply
                        verdict = check_reply(candidate, grounding.texts(), customer_text=turn.text)
                    if verdict.ok and candidate and candidate.strip():
                        reply = candidate.strip()
                    else:
                        logger.warning("fact guard rejected the rewrite (%d numbers, %d claims); using the grounded "
                                       "template", len(verdict.ungrounded), len(verdict.claims))
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
        # a template bug must never send an ungrounded number, nor mute the chat for it (claims are checked on
        # LM text: templates state only their own facts)
        verdict = check_reply(reply, g.texts(), claims=False)
        if not verdict.ok:
            logger.error("grounded reply failed the fact guard on %s (route %s); dropping those sentences",
                         verdict.ungrounded, g.route)
            reply = strip_ungrounded(reply, g.texts(), claims=False) or templates.say(templates.CHECKING, g.lang)
        return self._result(g.route, reply, mode, started, handoff=g.handoff, handoff_reason=g.handoff_reason,
                            ask_back=g.ask_back, facts=g.fact_ids, fact_texts=g.texts(), lm_calls=lm_calls,
                            tokens=tokens, lm_ms=lm_ms, topic=g.topic, subject=g.subject, lang=g.lang)

    @staticmethod
    def _result(route: str, reply: str, mode: Mode, started: float, **fields: Any) -> TurnResult:
        return TurnResult(route=route, reply=reply, mode=mode,  # type: ignore[arg-type]
                          latency_ms=round((time.perf_counter() - started) * 1000, 3), **fields)


# the last reply said a thing is sold out ("… 카키 L은 품절이에요"; not a rule: "품절 상품은 …", "옵션이 품절이면")
_SOLD_OUT_SAID = re.compile(r"(?<!옵션이 )(?<!옵션이)품절(?!이면|일\s*경우|\s*상품|\s*제품|된\s*(상품|제품|옵션))|\bsold\s+out\b", re.I)


def _sold_out_before(knowledge: Any, said: str, text: str) -> bool:
    """The shop's last reply said a thing is sold out, and this turn names no option value that sentence does not
    (so "언제 와요?" / "2L 화이트는 언제 와요?" ask of the sold-out thing; "화이트 L은 언제 와요?" after "네이비 L은
    품절" asks of another, in-stock one)."""
    from core.language.korean_text import sentences as split_sentences

    sentences = [x for x in split_sentences(said) if _SOLD_OUT_SAID.search(x)]
    if not sentences:
        return False
    try:
        named = [(m.token, m.value) for m in knowledge._searcher().vocab.find_mentions(text)]
    except (AttributeError, TypeError):
        named = []
    return any(all(any(str(v).replace(" ", "") in x.replace(" ", "") for v in pair) for pair in named) for x in sentences)


_pipeline: SupportPipeline | None = None
_pipeline_lock = threading.Lock()


def _person_only(text: str) -> bool:
    """A text that names a person and nothing else to ask about ("상담원 연결해주세요", "상담원은 안 불러도 돼요,")."""
    from agent.turn_analysis import analyse_turn

    a = analyse_turn(text)
    return a.mentions("human") and not (a.concepts | a.negated) - PERSON_ONLY


def _person_declined_only(part: str) -> bool:
    """A part of the turn that only declines a person ("상담원은 안 불러도 돼요,"): no question of its own."""
    from agent.turn_analysis import analyse_turn

    return _person_only(part) and not wants_human(analyse_turn(part))


# a question ends ("…에요? 그리고 …", "…? …"), or a clause opens a new one ("아 그리고", "also")
# a question mark, "그리고/또 …", a comma after a Korean word ("… 가격이랑, 오늘 주문하면 …"), or a question word's
# clause joined by -고 ("얼마고 쿠폰 돼요?"); `_ground_each_question` keeps a split only when each part asks something
_QUESTION_BREAK = re.compile(r"(?<=[?？])\s+|(?<=[?？])(?=[가-힣])|(?<=[가-힣]요[.!])\s+(?=(?:근데|그런데|그리고|아\s*그리고|참|아참)\s)|\s+(?=(?:아\s*)?(?:그리고|또|아참|and\s+also|also)\s)|(?<=[가-힣]),\s*|"
                             # an English question of when it comes joined by "and" ("how much is the rice and when
                             # would it arrive?"), a matter of its own; never two things of one question ("shirt and
                             # pants", "how do I get the coupon and how much is it")
                             r",?\s+(?=and\s+(?:when|how\s+soon)\s+(?:would|will|can|could|does|do|should)\s+"
                             r"(?:it|they|i|we|you)\s+(?:arrive|ship|come|get\s+(?:it|installed|delivered)|be\s+(?:delivered|shipped|installed)|"
                             r"receive)\b)|"
                             # ("what sizes does it come in and is ivory S in stock": "and" opening a clause with a verb
                             # of its own, a question of its own)
                             r",?\s+(?=and\s+(?:is|are|does|do)\s+\S)|"
                             r"(?:(?<=얼마고)|(?<=언제고)|(?<=어디고)|(?<=몇개고)|(?<=뭐고)|(?<=있고요)|(?<=있구요)|(?<=가격이랑)|(?<=가격하고)|(?<=며칠이고)|(?<=얼마이고))\s+", re.I)


# a sentence that only leads into what follows ("롱래쉬 볼륨 마스카라 안내드릴게요.", "About the mascara:")
_LEAD_ONLY = re.compile("|".join(re.escape(t).replace(re.escape("{name}"), ".{1,60}") for t in PRODUCT_LEAD))
_VERDICT_OPENING = re.compile(r"(?:네|아니요|아뇨)[,.]\s|(?:Yes|No)[,.]\s")


def _left_out_together(knowledge: Any, turn: Turn, routed: list[tuple[Turn, str]]) -> Grounding | None:
    """Two product questions answered together, where the joint answer leaves out that what the second one asks is
    unwritten (its own answer says so; the joint one says nothing unwritten): the joint answer with that verdict
    sentence added (its facts too). None when any answer hands off or asks back, or nothing is left out."""
    if routed[0][1] != "product" or routed[1][1] != "product" or routed[1][0].analysis.has("buy", "order"):
        # (a rule's two questions are weighed by the rule agents' own checks above; "오늘 사야되나" muses on buying)
        return None
    whole = GROUNDERS["product"](knowledge, turn)
    if whole.handoff or whole.ask_back or not whole.sentences or any(_UNWRITTEN_SAID.search(y) for y in whole.sentences):
        return None
    first, second = (GROUNDERS[r](knowledge, sub) for sub, r in routed)
    if second.handoff or second.ask_back or first.ask_back:
        return None
    verdicts = [v for x in second.sentences if x not in first.sentences
                for v in re.split(r"(?<=[.!?])\s+", x) if _UNWRITTEN_SAID.search(v)]
    if not verdicts:
        return None
    for fact in second.facts:
        whole.add(fact.id, fact.text)
    whole.sentences.extend(verdicts)
    return whole.finish()


# the replies' own words for "the shop's texts do not say" ("냉동에 대해서는 상품 안내에 따로 나와 있지 않아요")
_UNWRITTEN_SAID = re.compile(r"따로 나와 있지 않|따로 안내되어 있지 않|안내되어 있지 않")


def _restates(sentence: str, said: list[str]) -> bool:
    """A sentence of three figures or more, every one of them already said ("… × 2, … 8,900원, 합계 56,700원이에요"
    after "합계 56,700원(23,900원 × 2 + 8,900원)"); or a sentence of figures all said, worded nearly as a sentence
    said (a rule's FAQ restating its clause: "… 최대 12개월 무이자 할부가 됩니다" after "… 무이자 할부가 적용됩니다")."""
    from rapidfuzz import fuzz

    from agent.quantities import figures

    own = figures(sentence)
    if not own or not own <= figures(" ".join(said)) or _VERDICT_OPENING.match(sentence):
        return False  # (a verdict on the figures said, "네, 지금은 상담 시간이에요(10:00~17:00 …)", answers anew)
    return len(own) >= 3 or any(fuzz.ratio(sentence, x) >= 85 for x in said)


def _names_a_product(knowledge: Any, text: str) -> str | None:
    """The one product a part of a turn names clearly, or None."""
    try:
        found = knowledge.find_products(text)
        if (not found.matches or found.ambiguous) and (joined := _PRICE_AND.search(text)):
            # "필터 가격이랑 교체주기도요": the words asked after the price blur the search; its own conjunct names it
            found = knowledge.find_products(text[:joined.start()])
    except (AttributeError, TypeError):
        return None
    if found.matches and found.ambiguous and (wanted := {m.axis: m.value for m in found.mentions if m.value}):
        # "맨투맨 오트밀 S 재고 있어요?": of the products the kind's word finds, the one sold in the options named
        sellers = [m.product_id for m in found.matches
                   if (p := knowledge.product(m.product_id)) is not None and any(v.matches(wanted) for v in p.variants)]
        return sellers[0] if len(sellers) == 1 else None
    return found.matches[0].product_id if found.matches and not found.ambiguous else None


_PRICE_AND = re.compile(r"\s*가격(?:이랑|하고)\s")  # a product's price asked, joined to another thing asked of it


def _named_by_its_words(knowledge: Any, text: str) -> str | None:
    """The one product a part of a turn names by a word of its name or aliases ("두부 재고 있고요"), or None: a part
    whose only match is a product's description ("블루투스도 되나요?" finds a headphone said to be Bluetooth) names
    none."""
    from agent.product_facts import name_spans

    pid = _names_a_product(knowledge, text)
    product = knowledge.product(pid) if pid else None
    if product is None:
        return None
    # its name or an alias written whole, or a word of its own name ("필터" of A30 교체용 헤파 필터; not "블루투스" of
    # the alias "블루투스 헤드폰", a feature other products have)
    return pid if name_spans(text, product) or any(len(w) >= 2 and w in text for w in product.name.split()) else None


# "2박스 사면 배송비는요": what about a cost, led by the purchase it is of (a condition ending in -면)
_COST_IF = re.compile(r"^\S+\s+\S+면\s+\S*[가-힣](은|는)요\s*[?？]?\s*$")
_BARE_WHAT_ABOUT = re.compile(r"^\S+(?:은|는|도)\s*[?？]\s*$")  # "할부는?": one word and a topic particle, asked


def _asked_by_naming(a: Any) -> bool:
    """The part ends with a noun and the polite 요 ("전화번호요", "배송비요"): a thing asked for by naming it."""
    ms = [m for m in a.morphemes if not m.pos.startswith("S")]
    return len(ms) >= 2 and ms[-1].surface == "요" and ms[-1].pos.startswith(("J", "E", "VCP")) and ms[-2].pos in ("NNG", "NNP", "SL")


# a clause that ends in an embedded question ("교환 가능한지도", "언제 오는지요"): whether or when, to be told
_WHETHER_TOO = re.compile(r"(?:는|은|인|한|된|할|될|일|간|온|난)지(?:도|요|도요)?\s*[?？.!~]*$")


def _asks_something(a: Any, part: str, first: bool, after_price: bool = False) -> bool:
    """A part of a split turn that asks: a question, a request to be told ("배송비도 알려주세요") or of a shop rule's
    service ("샘플도 줘요", "기존 TV 수거해줘요"), or, first, a noun phrase of an asked thing joined to the next part
    ("와이드 슬랙스 블랙 32 가격이랑, …"). `after_price`: the part before asked a price. A complaint put as a question
    ("배송 4달째 안오는데 장난하세요?") asks nothing to be answered on its own."""
    if a.has("complaint") and a.question == "yes_no" and not general_topics(a) \
            and not a.has("arrival", "dispatch", "tracking", "fee", "price", "stock", "status", "option", "cost"):
        return False
    if a.is_question or (a.request and a.has("inform")) or not first and a.request and general_topics(a) \
            or first and a.request and general_topics(a) and (part.rstrip().endswith(("요.", "요!"))
                                                              or part.rstrip(" .!~").endswith("주세요")) \
            or not first and _WHAT_ABOUT.search(part) and (_OPENS_ANOTHER.match(part) or not (after_price and a.has("fee"))) \
            or not first and _COST_IF.search(part) and a.has("fee", "cost") and not after_price:
        # (a later part "그리고 제주도 배송비는요", "교환 기간은요": "what about …", asked with the topic particle and
        # 요; "… 얼마에요? 제주도면 배송비는요" without a conjunction is the fee of the basket just priced, which the
        # product agent adds to its total)
        return True
    if not first and _OPENS_ANOTHER.match(part) and _asked_by_naming(a):
        return True  # "… 가도 돼요? 그리고 고객센터 전화번호요": a thing named after "and", with 요, is asked for
    if not first and a.request and a.has("recommend", "similar"):
        return True  # "… 신청해요? 그리고 비슷한 다른 셔츠 추천해주세요": others asked to be shown
    if not first and _OPENS_ANOTHER.match(part) and _WHETHER_TOO.search(part):
        return True  # "… 알려주세요 그리고 교환 가능한지도": whether, asked to be told as the part before was
    if not first and a.has("arrival") and not a.reported:
        from agent.entities import names_a_deadline

        if names_a_deadline(part):
            return True  # "… 남았어요? 낼모레 여행가서 빨리 받아야 해요": a day it must come by asks whether it will
    return first and a.has("price", "stock", "fee", "cost", "option") and (
        bool(re.search(r"(이랑|랑|하고|도|고요)\s*,?\s*$", part))
        or part.rstrip(" ~.").endswith("요")  # "롱패딩 L 블랙 재고 있어요 그리고 반품 가능해요?": asked, before the next
        or bool(a.morphemes) and a.morphemes[-1].pos in ("NNG", "NNP"))  # "선크림 용량이랑 가격, 그리고 …": a list of asks


_LIGHT_PREDICATES = frozenset({"되", "하", "있", "없", "이", "아니", "가능", "괜찮"})


def own_predicate(a: Any) -> str:
    """What a question says is done: its last verb or adjective ("쇼룸은 오늘 열어요?" -> 열), or the noun a light verb
    makes a verb of ("전화 되나요?" -> 전화, "취소돼요?" -> 취소); "" when the last predicate is a light verb on its
    own ("택 뗐는데 돼요?": 되 leans on what was asked before) or there is none. 수 있다 is read through to its verb
    ("바꿀 수 있어요?" -> 바꾸)."""
    ms = a.morphemes
    for k in range(len(ms) - 1, -1, -1):
        m = ms[k]
        if not (m.pos in ("VV", "VA", "XSV", "XSA")):
            continue
        if m.lemma in ("있", "없") and k >= 2 and ms[k - 1].lemma == "수" and ms[k - 1].pos == "NNB":
            continue  # "바꿀 수 있어요": the verb before 수
        if m.pos in ("XSV", "XSA") or m.lemma in _LIGHT_PREDICATES:
            before = ms[k - 1] if k else None
            joined = before is not None and before.pos in ("NNG", "NNP", "XR") and before.end >= m.start - 1
            return before.lemma if joined and before is not None else ""
        return m.lemma
    return ""


def _unwritten_in_rules(knowledge: Any, nouns: set[str], topics: set[str]) -> bool:
    """Some of `nouns` name a thing of their own: no generic word, and written in no clause of those rules ("쇼룸"
    beside the hours' rule; not "사이즈" of the exchange rule's "다른 사이즈·색상으로")."""
    from agent.route_evidence import rules_write
    from agent.turn_analysis import GENERIC_NOUNS

    if not hasattr(knowledge, "passages"):
        return False  # (no shop texts to read them against)
    return any(not rules_write(knowledge, n, topics) for n in nouns if n.lower() not in GENERIC_NOUNS and len(n) >= 2)


# an option's stock as the condition of a later question ("… 그레이 L 있으면 바로 주문할건데 언제 와요?")
_IN_STOCK_IF = re.compile(r"(.+?)\s*(?:재고\s*)?(?:있으면|남아\s*있으면)\s*[,.]?\s*(.+[?？]?)$")


def _aspect_of_the_rule_before(knowledge: Any, analysis: Any, before: Any) -> bool:
    """Whether a question names only an aspect a rule may have (a validity, a period: a topic that is also a
    condition of clauses) that the shop keeps no section of its own for, while the question before it named a rule:
    the aspect is that rule's ("… 적립금 … 그리고 유효기간 있어요?" is the points' expiry, not the FAQ's 입금 기한).
    A goods' shelf life ("유통기한") is the goods' own."""
    from agent.policy_answer import _GOODS_EXPIRY, CONDITIONS, SHIPPING_TOPICS

    own, first = set(general_topics(analysis)), set(general_topics(before))
    if not own or not first or own & first or not own <= set(CONDITIONS) - {"points", "coupons"} \
            or analysis.mentions(*SHIPPING_TOPICS) or _GOODS_EXPIRY.search(analysis.text):
        return False
    try:
        sections = {p.key for p in knowledge.passages().passages if p.kind == "clause"}
    except (AttributeError, TypeError):
        return False
    return not own & sections


def _rules_asked(knowledge: Any, turn: Turn) -> set[str]:
    """The shop rules a question is about: its topic words, else the sections of the clauses that answer it and
    name one of its nouns ("구매확정은 언제 되는데요" names no topic word; the points clause "구매확정은 …" answers it)."""
    from agent.policy_answer import answer_policy
    from agent.route_evidence import general_topics

    own = set(general_topics(turn.analysis))
    if own:
        return own
    from agent.turn_analysis import nouns_written

    # (a counter is no thing asked of: "몇개월?" after "할부 돼요?" leans on the question before)
    counters = {m.surface for m in turn.analysis.morphemes if m.pos.startswith("NNB")}
    nouns = [n for n in nouns_written(turn.analysis) if n not in counters]
    answer = answer_policy(knowledge, turn.analysis) if nouns else None
    if answer is None or not answer.confident:
        return set()
    return {p.key for p in answer.passages if p.kind == "clause" and any(n in p.text for n in nouns)}


def _kind_named(knowledge: Any, text: str) -> bool:
    """The part names a kind of the catalogue ("니트 세탁법"): the product agent answers it for that kind."""
    from agent.entities import category_in

    try:
        return category_in(knowledge, text) is not None
    except (AttributeError, TypeError):
        return False


def _product_in_scene(knowledge: Any, turn: Turn, before: list[str]) -> str | None:
    """The product an earlier question of the turn names, or else the customer's message before it; None."""
    from agent.turn_context import last_user_text

    return next((pid for p in [*before, last_user_text(turn.history) or ""] if (pid := _names_a_product(knowledge, p))), None)


# a determiner pointing back ("그 충전기", "이 크림", "that charger")
_POINTING = re.compile(r"(?<![가-힣])(?:그|이|저)\s+([가-힣A-Za-z0-9]+)|\b(?:that|this|the\s+same)\s+(\w+)", re.I)


def _points_back_to_a_product(knowledge: Any, part: str, before: Sequence[str]) -> bool:
    """The part points back ("그 충전기로 …") with a word of the name of a product an earlier question named."""
    from agent.mentions import mentioned_products
    from core.language.korean_text import strip_particles

    words = [strip_particles(m.group(1) or m.group(2)) for m in _POINTING.finditer(part)]
    if not words:
        return False
    named = [knowledge.product(pid) for p in before for pid in mentioned_products(knowledge, p)]
    return any(p is not None and any(len(w) >= 2 and w.lower() in p.name.lower().replace(" ", "") for w in words)
               for p in named)


def _calls_by_its_noun(product: Any, analysis: Any) -> bool:
    """The turn calls `product` by a noun of its name ("필터" of "A30 교체용 헤파 필터"), no other product named."""
    name = getattr(product, "name", "") or ""
    return any(m.pos in ("NNG", "NNP") and len(m.surface) > 1 and m.surface in name for m in analysis.morphemes)


def _asked_differently(subs: list[Turn]) -> bool:
    """The product questions of a turn ask different things of their products (stock of one, the size of another;
    or a quality no word of ours reads, "대란이에요?", which is that product's own); False when all ask alike."""
    from agent.product_facts import asked

    if any(sub.analysis.has("compare", "together", "set_parts") for sub in subs):
        return False  # (a question that weighs one against the other, buys them together or asks a set's part: both at once)
    asks = [frozenset(asked(sub, []) - {"options"}) for sub in subs]
    return not all(asks) or len(set(asks)) == len(asks)


def _questions(turn: Turn, parts: list[str], chained: bool = True, basket: bool = True) -> list[Turn] | None:
    """Each question of a turn as a turn of its own, read after the ones before it when `chained` (else each alone);
    None when a part asks nothing (it is a condition of another: "… 얼마에요? 4만원 정도 살거에요"). `basket`: a
    price asked before makes a bare fee question that basket's fee."""
    subs: list[Turn] = []
    history = list(turn.history)
    for i, part in enumerate(parts):
        sub = make_turn(part, history, turn.now, turn.customer)
        after_price = basket and bool(subs) and subs[-1].analysis.has("price", "total")
        if not _asks_something(sub.analysis, part, first=i == 0, after_price=after_price):
            return None
        subs.append(sub)
        if chained:
            history = [*history, {"role": "user", "text": part}]
    return subs


def _values_of_its_own(knowledge: Any, first: str, second: str) -> bool:
    """The second question names an option value and the first none ("10장짜리는 얼마에요" after "낱장으로도 팔아요?"; not
    "블랙 30 있음? 없으면 차콜 30은?", one question of two values, which the product agent answers side by side)."""
    try:
        vocab = knowledge._searcher().vocab
    except (AttributeError, TypeError):
        return False
    said = {m.value for m in vocab.find_mentions(first) if m.value}
    own = {m.value for m in vocab.find_mentions(second) if m.value}
    if not own or said or re.search(r"[A-Za-z]{3}", second):  # (English: one answer reads better)
        return False
    from agent.turn_analysis import analyse_turn, asks_if_sold

    asked = analyse_turn(first)  # (what the first asks is whether it is sold, or in what: no fit, sale or price of it)
    return asks_if_sold(asked) or asked.has("option") and not asked.has("fit", "discount", "price")


def _delivery_asks_apart(subs: list[Turn], knowledge: Any) -> bool:
    """Delivery questions that each ask a matter of their own ("… shipping to Jeju for a 30,000 won order? Also do you
    ship to Japan?": the fee, then overseas shipping), none asking what another does: each answered."""
    from agent.delivery_facts import delivery_asks

    asked = [delivery_asks(knowledge, sub.text) for sub in subs]
    return all(asked) and all(not (a & b) for i, a in enumerate(asked) for b in asked[i + 1:])


def split_questions(text: str) -> list[str]:
    """The questions of one turn, when it asks two or three with a real break between them; else [text]."""
    parts: list[str] = []
    for p in (p.strip() for p in _QUESTION_BREAK.split(text or "") if p and p.strip()):
        if len("".join(p.split())) >= 4 or not parts:
            parts.append(p)
        else:  # "… 오늘 출고돼요? 제주임": a short word after a question is its condition, kept with it
            parts[-1] = f"{parts[-1]} {p}"
    parts = [p for p in parts if len("".join(p.split())) >= 4]
    for i in range(len(parts) - 1, 0, -1):
        # "필터 가격이랑 교체주기도요": a price joined to a thing asked with no question of its own, one question
        if parts[i - 1].endswith(("가격이랑", "가격하고")) and not _ASKING_WORD.search(parts[i]) \
                and not parts[i].rstrip().endswith(("?", "？")):
            parts[i - 1:i + 1] = [f"{parts[i - 1]} {parts[i]}"]
    if len(parts) == 3 and not parts[2].rstrip().endswith(("?", "？")):
        from agent.turn_analysis import analyse_turn

        if not _asks_something(analyse_turn(parts[2]), parts[2], first=False):
            parts = [parts[0], f"{parts[1]} {parts[2]}"]  # "… by Tuesday if I order now? I'm in Seoul": its condition
    if len(parts) == 1:
        parts = _unpunctuated_questions(parts[0])
    return parts if 2 <= len(parts) <= 3 else [text]


# question words and interrogative final endings: what makes an unpunctuated clause a question
_QUESTION_WORD = re.compile(r"언제|얼마|몇|며칠|어디|뭐|무슨|어떤|어떻게|어느|왜")
# a question word that asks in a clause that does not end asking ("몇 과 들어있고", "얼마예요"): not an indefinite
# ("뭐 하나 샀는데요", "몇 번 빨았는데" are "something", "a few times")
_ASKING_WORD = re.compile(r"언제|얼마|몇(?!\s*(번|군데|개\s*월))|며칠(?!\s*(전|째|동안|됐|지났|지나|만에|이나|씩))|어디|무슨|어떤|어느|어떻게|어케|뭐(?=\s*(있|예요|에요|야|임|죠|가\s|가요))")
# a word that is the asked amount, with or without its copula ("장갑얼마", "얼마예요", "얼마임"; not "얼마나 걸려요")
_AMOUNT_ASKED = re.compile(r"\S*얼마(?:예요|에요|이에요|임|인가요|인지|죠|지요|야|냐)?[?？]?")
# one word, a noun and a topic particle, closing the turn ("비용은", "색상은"): asked as "what about …"
_BARE_TOPIC = re.compile(r"[가-힣A-Za-z0-9]{2,}(?:은|는)\s*[?？]?")
_ASKING_ENDINGS = frozenset({"나요", "가요", "까요", "을까요", "ㄹ까요", "니", "냐", "나", "니까", "습니까", "ㅂ니까", "는지", "죠"})


def _unpunctuated_questions(text: str) -> list[str]:
    """Two questions written without a question mark between them ("롱패딩 블랙 L 있나요 오늘 주문하면 언제 와요",
    "사과 3kg 몇 과 들어있고 언제 받을 수 있어요?"): the break is after a word the analyser ends with a final ending
    that asks (나요, 까요) or, in a clause that holds a question word, with a final ending or a joining -고; after the
    amount asked ("장갑얼마 머플러는 …", "코트 얼마예요 할부 돼요"); after a product's stock or price said with a closing
    ending ("우유 재고 있어요 무통장 돼요"). Both sides must be questions of at least two words, or the second a "what
    about …" ("… 보증기간은요"); a statement before a question ("사이즈 작아요 교환 돼요?", "… 개봉했어요 교환 되나요")
    is not split. [text] when there is no such break."""
    from agent.turn_analysis import analyse_turn
    from core.language.morphology import analyse

    morphemes = analyse(text)
    for i, m in enumerate(morphemes[:-1]):
        at_word_end = m.end < len(text) and text[m.end].isspace()
        if not at_word_end:
            continue
        first, second = text[:m.end].strip(), text[m.end:].strip()
        # "장갑얼마 머플러는 세일해요?", "코트 얼마에요 할부 돼요": a clause that ends with the asked amount itself
        word = first.split()[-1]
        asks_amount = bool(_AMOUNT_ASKED.fullmatch(word)) and (len(first.split()) > 1 or not word.startswith("얼마")) \
            and (word != "얼마" or bool(_WHAT_ABOUT.search(second)))  # (bare 얼마: "비니 얼마 적립금은요")
        # (a one-word second question only as "what about …": "… 몇키로에요 보증기간은요", or a bare topic after a
        # clause that ends asking: "벽걸이로 달아주나요 비용은")
        bare_topic = bool(_BARE_TOPIC.fullmatch(second)) and m.surface in _ASKING_ENDINGS \
            and (m.pos == "EF" or m.pos == "EC" and m.surface in ("나요", "까요", "을까요", "ㄹ까요"))
        if len(first.split()) < 2 and not asks_amount or len(second.split()) < 2 and not _WHAT_ABOUT.search(second) \
                and not bare_topic:
            continue
        # "얼마예요": the copula and its final ending in one token; "몇키로에요": 요 read as a particle, still closing
        # ("재고있나요 울릉도로 …": 나요 read as a joining ending, which no joining ending is)
        closes = m.pos == "EF" or "EF" in m.tags.split("+") or m.pos == "JX" and m.surface in ("에요", "이에요", "예요") \
            or m.pos == "EC" and m.surface in ("나요", "까요", "을까요", "ㄹ까요")
        also = m.surface == "고" and (m.pos == "EC" or "EC" in m.tags.split("+")) and _also_both(morphemes, m.end)
        asks_first = closes and (m.surface in _ASKING_ENDINGS or bool(_ASKING_WORD.search(first))) \
            or m.surface == "고" and (m.pos == "EC" or "EC" in m.tags.split("+")) and bool(_ASKING_WORD.search(first)) \
            or asks_amount \
            or also
        # (the copula's -고 after a noun: "세일 언제까지고 …", "얼마고 …"; two things each with 도, "샘플도 주고
        # 배송비도 무료에요?": each is asked)
        # the second asks: a question word or mark, an asking ending (also the turn's last: "… 무이자 할부 되나요"), "what
        # about …" ("… 보증기간은요", "… 필터 가격은요"), or any closing 요 after a plain first ask ("코트 얼마예요 할부
        # 돼요": whether it asks, `_questions` reads)
        asks_second = bool(_QUESTION_WORD.search(second)) or second.endswith(("?", "？")) or bare_topic \
            or any(x.pos == "EF" and x.surface in _ASKING_ENDINGS for x in morphemes if x.start >= m.end) \
            or morphemes[-1].surface in _ASKING_ENDINGS or bool(_WHAT_ABOUT.search(second))
        # ("우유 재고 있어요 무통장 돼요": a product's stock or price said with a closing ending, then another ask; not a
        # statement: "… 개봉했어요", "… 없네요", "… 달라서요", "사이즈 작아요"). The first part is analysed only when that
        # decides the break.
        plain_closing = second.endswith("요") and not asks_second
        product_ask = closes and not m.surface.endswith(("네요", "군요", "거든요", "는데요", "서요")) \
            and (not asks_first or plain_closing and not asks_amount) \
            and (told := analyse_turn(first)).has("stock", "price") and not told.reported
        asks_first = asks_first or product_ask
        asks_second = asks_second or (asks_amount or product_ask) and plain_closing
        if not asks_first and asks_second and m.surface == "고" and (m.pos == "EC" or "EC" in m.tags.split("+")) \
                and i and morphemes[i - 1].pos in ("VA", "VX", "VCP") and morphemes[i - 1].end == m.start:
            # ("옥스포드 셔츠 M 재고 있고 언제 받을 수 있어요?": a product's stock or price joined by -고 to a question is
            # asked too, not a statement of it; never one done, "재고 있길래 주문했고 …", nor a verb's, "가격 적힌 거 빼고 …")
            if (told := analyse_turn(first)).has("stock", "price") and not told.reported:
                return [f"{first}?", second]  # (asked as the question it is: "… 재고 있고?")
        if asks_first and asks_second:
            # (the first of two things each with 도 asks by the second's ending: "샘플도 주고?")
            return [f"{first}?" if also and second.endswith(("?", "？")) else first, second]
    return [text]


def _also_both(morphemes: list[Any], joint: int) -> bool:
    """"샘플도 주고 배송비도 무료에요?", "환불도 되고 교환도 돼요?": the clause before a joining -고 and the one after it
    each open with a thing marked by the additive 도, the parallel that asks of both things alike (a clause of one
    thing, "택 떼고 입어봤는데 반품 돼요?", is no second ask)."""
    before = [x for x in morphemes if x.end <= joint]
    after = [x for x in morphemes if x.start >= joint]
    also_before = any(x.pos == "JX" and x.surface == "도" and i and before[i - 1].is_noun
                      for i, x in enumerate(before[-4:], start=len(before) - min(4, len(before))))
    also_after = len(after) >= 2 and after[0].is_noun and any(
        x.pos == "JX" and x.surface == "도" and after[i - 1].is_noun for i, x in enumerate(after[1:3], start=1))
    return also_before and also_after


# words that ask of two joined things together ("같이 쓸 수 있어요?", "둘 다 사면"), and of stacking (동시, 중복), which
# a first thing of more than one word ("적립금 유효기간이랑 쿠폰 중복") does not share
_TOGETHER = re.compile(r"같이|함께|합치|합쳐|합해|합하|더하|더해|포함|사면|살\s*때|사도|시키면|주문하면|구매하면")
_STACKED = re.compile(r"동시|중복")


_CLOSES = re.compile(r"(?<=\S)(요|다|까|죠)$|[?？.!~]$")  # a word that closes a sentence ("돼요", "알려주세요", "있나?")


def _rules_apart(question: str) -> list[str]:
    """One question of several in a message, split further when it joins two shop rules by a particle ("반품
    기간이랑 환불은 언제 돼요?" beside "적립금은 돌려받아요?"): each rule asked on its own, so a third question does not
    crowd out one of the two; [question] when its asks are not of rules each their own."""
    pieces = split_coordinated(question)
    if len(pieces) < 2:
        return [question]
    from agent.turn_analysis import analyse_turn

    topics = [set(general_topics(analyse_turn(p))) for p in pieces]
    if all(topics) and all(not (a & b) for i, a in enumerate(topics) for b in topics[i + 1:]):
        return pieces
    return [question]


def split_coordinated(text: str) -> list[str]:
    """Two asked things joined by a comitative particle and one closing predicate ("반품 기간이랑 교환 배송비
    알려주세요"): each asked with that predicate ("반품 기간 알려주세요", "교환 배송비 알려주세요"); [text] when the
    turn is not built that way. The particle is read by the analyser, so a verb's -하고 ("결제하고 …") never splits.
    `_ground_each_question` keeps the split only for shop rules each answered by passages of their own."""
    import unicodedata

    from core.language.morphology import analyse

    whole = unicodedata.normalize("NFKC", text or "").strip()
    # the sentence that holds the joint; the sentences after it are context for the second ask ("… 알려주세요.
    # 토스페이로 결제했어요": the predicate is 알려주세요, not 결제했어요)
    from core.language.korean_text import sentences

    parts = sentences(whole)
    s, rest = (parts[0], " ".join(parts[1:])) if parts else (whole, "")
    morphemes = analyse(s)
    joints = [m for i, m in enumerate(morphemes) if m.pos in ("JKB", "JC") and m.surface in COMITATIVES and i
              and morphemes[i - 1].is_noun and s[m.end:m.end + 1].isspace()]
    if len(joints) != 1:
        return [whole]
    first, second = s[:joints[0].start].strip(), s[joints[0].end:].strip()
    both_told = bool(re.search(r"둘\s*다", second)) and bool(re.search(r"알려|말해|안내|설명|\btell\b", second))
    if len(second.split()) < 2 or len(first.split()) > 4 or re.search(r"[?？.!]", first) \
            or (_TOGETHER.search(second) or _STACKED.search(second)) \
            and not (len(first.split()) >= 2 and not _TOGETHER.search(second)) \
            or re.search(r"둘\s*다", second) and not both_told:
        return [whole]  # "적립금이랑 쿠폰 같이 쓸 수 있어요?", "둘 다 사면", "셔츠 두 장이랑 배송비 합치면", "고구마 5kg이랑
        # 김 2개 사면 무료배송?" (one basket bought): one question
        # about both together (not "적립금 유효기간이랑 쿠폰 중복 되는지": a thing of the first's own, then the second's
        # own stacking)
    # the shared predicate: the words after the second ask's last word of nouns only, up to the first verb ("… 교환
    # 배송비 어떻게 돼요?"); words after that verb are a clause of their own ("… 알려주세요 카드결제했어요"), context
    words = second.split()
    nouns_only = [all(m.is_noun or m.pos.startswith(("J", "S")) for m in analyse(w)) for w in words]
    # the predicate ends with the first word that closes a sentence (a final ending: "돼요"; a verb that modifies a
    # noun, "주는 적립금", does not), else with the last word
    verb_at = next((i for i in range(1, len(words)) if not nouns_only[i] and _CLOSES.search(words[i])
                    or any(m.pos == "EF" for m in analyse(words[i]))), len(words) - 1)  # ("필요", "중요": nouns, no ending)
    start = max((i + 1 for i in range(verb_at) if nouns_only[i]), default=0)
    tail = [w for w in words[start:verb_at + 1] if w not in ("둘", "다")]  # "둘 다 알려주세요": each is told
    if start == 0 or not tail:
        return [whole]
    after = " ".join(words[verb_at + 1:] + ([rest] if rest else []))
    return [f"{first} {' '.join(tail)}", f"{' '.join(words[:verb_at + 1])} {after}".strip()]


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
