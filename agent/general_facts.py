"""General turns: policy sections and FAQ for returns, payment, points …; greetings; out-of-scope.

A topic word picks the policy sections to quote; the FAQ fills in what no section covers. A request
the bot cannot perform itself (a cancellation, a refund to process) or a complaint is answered with
the policy and handed to a person; a question with no grounded answer is handed over politely.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from agent.entities import ACTION_REQUESTS, COMPLAINTS, GENERAL_TOPICS, GREETINGS, THANKS, compact, has_any, intents
from agent.facts import Grounding

_FAQ_MIN_SCORE = 75.0

GREETING_REPLY = "안녕하세요, 조군샵입니다! 상품, 배송, 주문에 관해 궁금하신 점을 말씀해 주세요."
THANKS_REPLY = "문의해 주셔서 감사합니다. 더 궁금하신 점이 있으면 언제든 말씀해 주세요!"
OUT_OF_SCOPE_REPLY = ("저는 조군샵 상품, 배송, 주문, 교환·반품 문의를 도와드리고 있어요. "
                      "쇼핑 관련해서 궁금하신 점을 말씀해 주시면 바로 안내해 드릴게요.")
COMPLAINT_REPLY = "불편을 드려 정말 죄송합니다. 담당자가 내용을 확인하고 바로 연락드릴게요."
HANDOFF_REPLY = "문의하신 내용은 담당자가 확인 후 답변드릴게요. 잠시만 기다려 주세요."


def _add_policy(knowledge: Any, g: Grounding, key: str) -> str | None:
    section = knowledge.policy(key)
    if section is None:
        return None
    values = "; ".join(f"{k}={v}" for k, v in section.values.items())
    g.add(f"policy:{key}", f"{section.title}: {section.text}" + (f" ({values})" if values else ""))
    return section.text


def ground_general(knowledge: Any, turn: str, history: Sequence[dict] | None = None,
                   now: datetime | None = None) -> Grounding:
    """Facts and the offline reply for a general turn."""
    g = Grounding(route="general")
    c = compact(turn)
    topics = [t for t in GENERAL_TOPICS if t in intents(turn, GENERAL_TOPICS)]
    if "defects" in topics:
        topics = ["defects", *[t for t in topics if t != "defects"], *(["exchange"] if "exchange" not in topics else [])]
    texts = [text for t in topics if (text := _add_policy(knowledge, g, t))]
    faq = knowledge.faq(turn, limit=2) if topics or len(c) >= 4 else []
    best = faq[0] if faq and faq[0].score >= _FAQ_MIN_SCORE else None
    if best is not None:
        g.add(f"faq:{best.id}", f"Q. {best.question} A. {best.answer}")

    if has_any(turn, COMPLAINTS):
        g.reply = " ".join([COMPLAINT_REPLY, *texts[:1]]) if texts else COMPLAINT_REPLY
        g.handoff, g.handoff_reason, g.use_lm = True, "complaint", False
        return g
    if texts:
        g.reply = " ".join(texts[:2])
        if has_any(turn, ACTION_REQUESTS) and {"cancellation", "refund", "returns", "exchange", "defects"} & set(topics):
            g.reply += " 접수와 처리는 담당자가 확인 후 도와드릴게요."
            g.handoff, g.handoff_reason = True, "action_request"
        return g
    if best is not None:
        g.reply = best.answer
        return g
    if has_any(turn, THANKS):
        g.reply = THANKS_REPLY
        return g
    if has_any(turn, GREETINGS) or len(c) <= 3:
        g.reply = GREETING_REPLY
        return g
    if topics:  # a topic the shop has no section or FAQ for (account help, …)
        g.reply = HANDOFF_REPLY
        g.handoff, g.handoff_reason, g.use_lm = True, "not_in_facts", False
        return g
    g.reply = OUT_OF_SCOPE_REPLY
    return g
