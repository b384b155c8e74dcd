"""The general agent: answers 교환, 반품, 환불, 취소, 결제, 적립금, 쿠폰, 멤버십, 영수증, 매장, 인사, 기타 questions from pre-fetched facts in one LM call."""

from __future__ import annotations

from agent.agent_base import REPLY_RULES, GroundedAgent, GroundedReply


class GeneralReply(GroundedReply):
    __doc__ = f"""Answer a shop customer's general question (교환, 반품, 환불, 취소, 결제, 적립금, 쿠폰, 멤버십, 영수증, 매장, 인사, 기타).

{REPLY_RULES}"""


class GeneralAgent(GroundedAgent):
    signature = GeneralReply
