"""The delivery agent: answers 배송 (배송비, 무료배송 기준, 제주/도서산간, 출고 마감과 소요일, 주문 배송 상태와 송장, 주소 변경, 합배송) questions from pre-fetched facts in one LM call."""

from __future__ import annotations

import dspy

from agent.agent_base import REPLY_RULES, GroundedAgent


class DeliveryReply(dspy.Signature):
    __doc__ = f"""Answer a 조군샵 customer's delivery question (배송 (배송비, 무료배송 기준, 제주/도서산간, 출고 마감과 소요일, 주문 배송 상태와 송장, 주소 변경, 합배송)).

{REPLY_RULES}"""

    turn: str = dspy.InputField(desc="the customer's latest message(s)")
    history: str = dspy.InputField(desc="recent conversation, oldest first (may be empty)")
    facts: str = dspy.InputField(desc="facts from the shop's ontology, one per line as [id] text")
    feedback: str = dspy.InputField(desc="a correction to apply when rewriting (usually empty)")
    reply: str = dspy.OutputField(desc="the message to send to the customer, in Korean")


class DeliveryAgent(GroundedAgent):
    signature = DeliveryReply
