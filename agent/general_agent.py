"""The general agent: answers 교환, 반품, 환불, 취소, 결제, 적립금, 쿠폰, 멤버십, 영수증, 매장, 인사, 기타 questions from pre-fetched facts in one LM call."""

from __future__ import annotations

import dspy

from agent.agent_base import REPLY_RULES, GroundedAgent


class GeneralReply(dspy.Signature):
    __doc__ = f"""Answer a 조군샵 customer's general question (교환, 반품, 환불, 취소, 결제, 적립금, 쿠폰, 멤버십, 영수증, 매장, 인사, 기타).

{REPLY_RULES}"""

    turn: str = dspy.InputField(desc="the customer's latest message(s)")
    history: str = dspy.InputField(desc="recent conversation, oldest first (may be empty)")
    facts: str = dspy.InputField(desc="facts from the shop's ontology, one per line as [id] text")
    feedback: str = dspy.InputField(desc="a correction to apply when rewriting (usually empty)")
    reply: str = dspy.OutputField(desc="the message to send to the customer, in Korean")


class GeneralAgent(GroundedAgent):
    signature = GeneralReply
