"""The DSPy program: the LM router and the three one-call agents as one `dspy.Module`.

This is what `python -m agent.optimize` compiles and saves (demos + instructions per predictor,
JSON under data/compiled/), and what the pipeline loads. `forward` runs route → agent on facts that
were fetched beforehand, which is also the optimizer's view of a turn.
"""

from __future__ import annotations

import dspy

from agent.delivery_agent import DeliveryAgent
from agent.general_agent import GeneralAgent
from agent.product_agent import ProductAgent
from agent.router import Router


class SupportProgram(dspy.Module):
    def __init__(self) -> None:
        super().__init__()
        self.router = Router()
        self.product = ProductAgent()
        self.delivery = DeliveryAgent()
        self.general = GeneralAgent()

    def agent(self, route: str) -> dspy.Module:
        if route not in ("product", "delivery", "general"):
            raise ValueError(f"unknown route {route!r}; use product, delivery or general")
        return getattr(self, route)

    def forward(self, turn: str, history: str, facts: str, route: str) -> dspy.Prediction:
        """Compose the reply for an already routed turn with its pre-fetched facts."""
        return self.agent(route)(turn=turn, history=history, facts=facts)
