"""The delivery agent: answers 배송 (배송비, 무료배송 기준, 제주/도서산간, 출고 마감과 소요일, 주문 배송 상태와 송장, 주소 변경, 합배송) questions from pre-fetched facts in one LM call."""

from __future__ import annotations

from agent.agent_base import REPLY_RULES, GroundedAgent, GroundedReply


class DeliveryReply(GroundedReply):
    __doc__ = f"""Answer a shop customer's delivery question (배송 (배송비, 무료배송 기준, 제주/도서산간, 출고 마감과 소요일, 주문 배송 상태와 송장, 주소 변경, 합배송)).

{REPLY_RULES}"""


class DeliveryAgent(GroundedAgent):
    signature = DeliveryReply
