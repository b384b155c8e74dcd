"""The textbook DSPy design, for comparison only: a Predict router and ReAct agents with tools.

Same knowledge API, no pre-fetching: each agent discovers facts by calling tools, which costs a
thought/tool call per step plus the extract call (~4 LM calls per turn with the router).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any, Literal

import dspy


class TextbookRoute(dspy.Signature):
    """Route a Korean fashion-shop customer message to product, delivery or general."""

    turn: str = dspy.InputField()
    history: str = dspy.InputField()
    route: Literal["product", "delivery", "general"] = dspy.OutputField()


class TextbookReply(dspy.Signature):
    """Answer the customer of 조군샵 in polite Korean using the tools to look up facts."""

    turn: str = dspy.InputField()
    history: str = dspy.InputField()
    reply: str = dspy.OutputField()


def make_tools(knowledge: Any, now: datetime) -> dict[str, list]:
    """Typed tool functions over the knowledge API, grouped per agent."""

    def find_products(query: str) -> str:
        """Search products by name; returns matches with ids and scores."""
        return json.dumps(knowledge.find_products(query).to_dict(), ensure_ascii=False)

    def product_details(product_id: str) -> str:
        """Price, options, stock, material, fit and size chart of one product."""
        p = knowledge.product(product_id)
        return json.dumps(p.to_dict() if p else {"error": "no such product"}, ensure_ascii=False)

    def delivery_quote(amount: int, address: str = "") -> str:
        """Delivery fee for an order amount (KRW) and an address or region."""
        return json.dumps(knowledge.delivery_quote(amount, address=address or None).to_dict(), ensure_ascii=False)

    def dispatch_estimate() -> str:
        """When an order placed now is dispatched and arrives."""
        return json.dumps(knowledge.dispatch_estimate(now).to_dict(), ensure_ascii=False)

    def order_status(number: str) -> str:
        """Status, tracking number and expected arrival of an order by number."""
        o = knowledge.order(number)
        return json.dumps(o.to_dict() if o else {"error": "no such order"}, ensure_ascii=False)

    def policy(key: str) -> str:
        """Shop policy text by key (returns, exchange, refund, payment, points, coupons, delivery ...)."""
        s = knowledge.policy(key)
        return json.dumps(s.to_dict() if s else {"error": "no such policy"}, ensure_ascii=False)

    def faq(query: str) -> str:
        """Search the shop's FAQ."""
        return json.dumps([e.to_dict() for e in knowledge.faq(query)], ensure_ascii=False)

    return {"product": [find_products, product_details],
            "delivery": [delivery_quote, dispatch_estimate, order_status, policy],
            "general": [policy, faq]}


class TextbookPipeline(dspy.Module):
    def __init__(self, knowledge: Any, now: datetime, max_iters: int = 4) -> None:
        super().__init__()
        self.router = dspy.Predict(TextbookRoute)
        tools = make_tools(knowledge, now)
        self.agents = {route: dspy.ReAct(TextbookReply, tools=fns, max_iters=max_iters) for route, fns in tools.items()}

    def forward(self, turn: str, history: str = "") -> dspy.Prediction:
        route = self.router(turn=turn, history=history).route
        agent = self.agents.get(route, self.agents["general"])
        return dspy.Prediction(route=route, reply=agent(turn=turn, history=history).reply)
