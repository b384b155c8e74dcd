"""Who may see an order: its status, tracking and contents are shown only to the order's owner.

(Ownership checks land with the chat's customer identity; until then every order number resolves.)
"""

from __future__ import annotations

from typing import Any


def order_for_turn(knowledge: Any, number: str, turn: Any) -> tuple[Any, str | None]:
    """(the order, None) when this chat may see it; (None, a polite explanation) when it may not;
    (None, None) when no such order exists."""
    return knowledge.order(number), None


def owner_identity(knowledge: Any, text: str) -> dict[str, Any] | None:
    """The identity under which a chat owns the orders named in `text` (evaluation harness and tests)."""
    return None
