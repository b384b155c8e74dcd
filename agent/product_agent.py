"""The product agent: answers 상품 (가격, 할인, 재고, 옵션, 소재, 핏, 사이즈, 세탁, 재입고, 추천) questions from pre-fetched facts in one LM call."""

from __future__ import annotations

import dspy

from agent.agent_base import REPLY_RULES, GroundedAgent


class ProductReply(dspy.Signature):
    __doc__ = f"""Answer a 조군샵 customer's product question (상품 (가격, 할인, 재고, 옵션, 소재, 핏, 사이즈, 세탁, 재입고, 추천)).

{REPLY_RULES}"""

    turn: str = dspy.InputField(desc="the customer's latest message(s)")
    history: str = dspy.InputField(desc="recent conversation, oldest first (may be empty)")
    facts: str = dspy.InputField(desc="facts from the shop's ontology, one per line as [id] text")
    feedback: str = dspy.InputField(desc="a correction to apply when rewriting (usually empty)")
    reply: str = dspy.OutputField(desc="the message to send to the customer, in Korean")


class ProductAgent(GroundedAgent):
    signature = ProductReply
