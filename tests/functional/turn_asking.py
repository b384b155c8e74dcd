"""Asking the offline pipeline as the verified owner of the orders a turn names, at a fixed moment: the helpers the
understanding rounds share (each round fixes its own moment)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from agent.evaluate import answer_as_owner


def asker(moment: datetime) -> Callable[..., Any]:
    """`ask(pipeline, message, history=None, now=moment)`: the pipeline's answer to one message."""

    def ask(pipeline: Any, message: str, history: list[dict] | None = None, now: datetime = moment) -> Any:
        return answer_as_owner(pipeline, [message], history or [], now)

    return ask


def chat(*turns: str) -> list[dict]:
    """A history of alternating customer and shop turns, the customer's first."""
    return [{"role": "user" if i % 2 == 0 else "assistant", "text": t} for i, t in enumerate(turns)]
