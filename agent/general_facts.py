"""General turns: policy sections and FAQ for returns, payment, points …; greetings; out-of-scope.

A topic word picks the policy sections to quote; the FAQ fills in what no section covers. A request
the bot cannot perform itself (a cancellation, a refund to process) or a complaint is answered with
the policy and handed to a person; a question with no grounded answer is handed over politely.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from agent.entities import ACTION_REQUESTS, COMPLAINTS, DELIVERY_INTENTS, GENERAL_TOPICS, GREETINGS, THANKS, compact, \
    has_any, intents, clean_turn, is_follow_up, is_injection, is_out_of_scope, order_numbers, problem_kind
from agent.facts import Grounding, josa
from agent.policy_text import score

_FAQ_MIN_SCORE = 75.0

GREETING_REPLY = "안녕하세요, {shop}입니다! 상품, 배송, 주문에 관해 궁금하신 점을 말씀해 주세요."
THANKS_REPLY = "문의해 주셔서 감사합니다. 더 궁금하신 점이 있으면 언제든 말씀해 주세요!"
OUT_OF_SCOPE_REPLY = ("저는 {shop} 상품, 배송, 주문, 교환·반품 문의를 도와드리고 있어요. "
                      "쇼핑 관련해서 궁금하신 점을 말씀해 주시면 바로 안내해 드릴게요.")
PROBLEM_REPLY = "불편을 드려 죄송합니다."
PROBLEM_HANDOFF = "담당자가 주문 내역을 확인하고 바로 도와드릴게요."
_TOPIC_WORDS = tuple(w for words in GENERAL_TOPICS.values() for w in words)


def shop_name(knowledge: Any) -> str:
    """The shop's own name from the ontology (so another shop's bot never says ours)."""
    shop = getattr(knowledge, "shop", None) or {}
    return str(shop.get("name") or "저희 쇼핑몰") if isinstance(shop, dict) else "저희 쇼핑몰"
COMPLAINT_REPLY = "불편을 드려 정말 죄송합니다. 담당자가 내용을 확인하고 바로 연락드릴게요."
INJECTION_REFUSAL = ("요청하신 대로 가격·할인·정책을 바꿔 안내하거나 내부 설정을 보여 드릴 수는 없어요. "
                     "궁금하신 상품, 배송, 주문 내용을 말씀해 주시면 등록된 정보 그대로 안내해 드릴게요.")
ASK_ORDER_NUMBER = "주문번호를 함께 남겨 주시면 더 빠르게 확인해 드릴게요."

# A reported problem, by kind: the apology, the policy sections to quote (first one the shop has) and
# words that steer sentence choice towards the free return/exchange rule.
PROBLEM_LINES: dict[str, tuple[str, tuple[str, ...], str]] = {
    "defect": ("받으신 상품에 문제가 있어 불편을 드려 정말 죄송합니다.", ("defects", "returns", "exchange"),
               "불량 배송비 부담 무료 교환 반품"),
    "wrong_item": ("주문하신 것과 다른 상품을 받으셨다니 불편을 드려 정말 죄송합니다.", ("defects", "exchange", "returns"),
                   "오배송 주문과 다른 상품 배송비 부담 무료 교환 반품"),
    "missing_item": ("주문하신 상품 중 일부가 빠진 채 도착해 불편을 드려 죄송합니다.", ("bundling", "defects"),
                     "일부 나머지 먼저 보내고 추가 배송비"),
    "damaged_parcel": ("택배가 훼손된 채 도착해 불편을 드려 정말 죄송합니다.", ("defects", "returns"),
                       "불량 파손 배송비 부담 교환 반품"),
    "double_charge": ("결제가 중복으로 처리되어 불편을 드려 정말 죄송합니다.", (), ""),
    "not_received": ("배송완료로 표시됐는데 상품을 받지 못하셨다니 불편을 드려 정말 죄송합니다.", ("delivery",),
                     "택배 발송 도착"),
}


def problem_reply(knowledge: Any, g: Grounding, turn: str, kind: str, status_sentence: str = "") -> Grounding:
    """A reported problem: apology, the order's status if named, the policy sentence that applies, handoff."""
    lead, keys, hint = PROBLEM_LINES.get(kind, (PROBLEM_REPLY, (), ""))
    policy = ""
    for key in keys:
        if (text := g.add_policy(knowledge, key, f"{turn} {hint}", _TOPIC_WORDS)):
            policy = text
            break
    if kind == "not_received":
        carrier = getattr(knowledge.delivery_policy(), "carrier", "") if hasattr(knowledge, "delivery_policy") else ""
        policy = f"담당자가 {carrier} 배송 기록을 확인해 드릴게요." if carrier else ""
    ask = "" if order_numbers(turn) else ASK_ORDER_NUMBER
    g.reply = " ".join(x for x in (lead, status_sentence, policy, PROBLEM_HANDOFF, ask) if x)
    g.handoff, g.handoff_reason, g.use_lm = True, "problem", False
    return g
HANDOFF_REPLY = "문의하신 내용은 담당자가 확인 후 답변드릴게요. 잠시만 기다려 주세요."




def _order_status(knowledge: Any, g: Grounding, turn: str) -> tuple[str, str | None]:
    """The status sentence of an order number in the turn (cancellation/return questions name one)."""
    for number in order_numbers(turn)[:1]:
        order = knowledge.order(number)
        if order is None:
            g.add(f"order:{number}", f"주문번호 {number}: 조회 결과 없음")
            return f"주문번호 {number}{josa(number, '으로', '로')} 확인되는 주문이 없어요.", None
        g.add(f"order:{order.number}", f"주문 {order.number}: 상태 {order.status}; 주문일시 {order.ordered_at}")
        return f"주문번호 {order.number}{josa(order.number, '은', '는')} 현재 '{order.status}' 상태예요.", order.status
    return "", None


_SECTION_MIN_SCORE = 3.0


def _best_section(knowledge: Any, turn: str) -> str | None:
    """The policy section (any key the shop defines) whose title or a sentence shares a content word."""
    best, best_key = 0.0, None
    try:
        sections = knowledge.policies()
    except (AttributeError, TypeError):
        return None
    for section in sections:
        value = max([score(section.title, turn)] + [score(x, turn) for x in section.text.split(". ")])
        if value > best:
            best, best_key = value, section.key
    return best_key if best >= _SECTION_MIN_SCORE else None


def ground_general(knowledge: Any, turn: str, history: Sequence[dict] | None = None,
                   now: datetime | None = None) -> Grounding:
    """Facts and the offline reply for a general turn."""
    g = Grounding(route="general")
    c = compact(turn)
    topics = [t for t in GENERAL_TOPICS if t in intents(turn, GENERAL_TOPICS)]
    context = ""
    if not topics and history and is_follow_up(turn) and problem_kind(turn) is None:
        # "그거 세일 상품에도 쓸 수 있어요?" after a coupon question: the topic of the previous customer message
        previous = next((str(h["text"]) for h in reversed(history) if h.get("role") == "user" and h.get("text")), "")
        topics = [t for t in GENERAL_TOPICS if t in intents(previous, GENERAL_TOPICS)]
        context = previous if topics else ""
    if "defects" in topics:
        topics = ["defects", *[t for t in topics if t != "defects"], *(["exchange"] if "exchange" not in topics else [])]
    status_sentence, status = _order_status(knowledge, g, turn)
    question = f"{turn} {status}" if status else turn
    if context:
        question = f"{turn} {context}"
    texts = [text for t in topics if (text := g.add_policy(knowledge, t, question, _TOPIC_WORDS))]
    faq = knowledge.faq(turn, limit=2) if topics or len(c) >= 4 else []
    best = faq[0] if faq and faq[0].score >= _FAQ_MIN_SCORE else None
    if best is not None:
        g.add(f"faq:{best.id}", f"Q. {best.question} A. {best.answer}")

    shop = shop_name(knowledge)
    kind = problem_kind(turn)
    if kind is not None and kind != "other":
        return problem_reply(knowledge, g, turn, kind, status_sentence)
    if is_injection(turn):
        extra = texts[:1]
        if not extra and intents(turn, DELIVERY_INTENTS) & {"fee", "region"}:
            extra = [t for t in (g.add_policy(knowledge, "delivery", turn, _TOPIC_WORDS),) if t][:1]
        g.reply = " ".join([INJECTION_REFUSAL, *extra])
        g.use_lm = False
        return g
    if is_out_of_scope(turn) and not topics:
        g.reply = OUT_OF_SCOPE_REPLY.format(shop=shop)
        return g
    if kind == "other" and not has_any(turn, COMPLAINTS):
        g.reply = " ".join(x for x in (PROBLEM_REPLY, status_sentence, *texts[:1], PROBLEM_HANDOFF) if x)
        g.handoff, g.handoff_reason, g.use_lm = True, "problem", False
        return g
    if has_any(turn, COMPLAINTS):
        g.reply = " ".join([COMPLAINT_REPLY, *texts[:1]]) if texts else COMPLAINT_REPLY
        g.handoff, g.handoff_reason, g.use_lm = True, "complaint", False
        return g
    if texts:
        g.reply = " ".join(x for x in (status_sentence, *texts[:2]) if x)
        if has_any(turn, ACTION_REQUESTS) and {"cancellation", "refund", "returns", "exchange", "defects"} & set(topics):
            g.reply += " 접수와 처리는 담당자가 확인 후 도와드릴게요."
            g.handoff, g.handoff_reason = True, "action_request"
        return g
    if best is not None:
        g.reply = best.answer
        return g
    section = _best_section(knowledge, turn)
    if section is not None:
        g.reply = g.add_policy(knowledge, section, turn, _TOPIC_WORDS) or ""
        return g
    if has_any(turn, THANKS):
        g.reply = THANKS_REPLY
        return g
    if has_any(turn, GREETINGS) or len(c) <= 3 or not clean_turn(turn):
        g.reply = GREETING_REPLY.format(shop=shop)
        return g
    if topics:  # a topic the shop has no section or FAQ for (account help, …)
        g.reply = HANDOFF_REPLY
        g.handoff, g.handoff_reason, g.use_lm = True, "not_in_facts", False
        return g
    g.reply = OUT_OF_SCOPE_REPLY.format(shop=shop)
    return g
