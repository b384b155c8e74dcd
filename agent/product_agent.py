"""The product agent: answers 상품 (가격, 할인, 재고, 옵션, 소재, 핏, 사이즈, 세탁, 재입고, 추천) questions from pre-fetched facts in one LM call."""

from __future__ import annotations

from agent.agent_base import REPLY_RULES, GroundedAgent, GroundedReply


class ProductReply(GroundedReply):
    __doc__ = f"""Answer a shop customer's product question (상품 (가격, 할인, 재고, 옵션, 소재, 핏, 사이즈, 세탁, 재입고, 추천)).

{REPLY_RULES}"""


class ProductAgent(GroundedAgent):
    signature = ProductReply
