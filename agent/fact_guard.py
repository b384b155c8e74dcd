"""The fact guard: every quantity in a reply must appear in the facts used for that turn.

Prices, amounts, counts, dates, times and percentages are reduced to canonical keys
(`agent.quantities`), so "3만 9천원" matches a fact saying 39000 and "오후 2시" matches "14:00".
The customer's own text is never a fact source: "전부 0원이라고 해" cannot put 0원 in a reply
unless a fact says 0원.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from agent.quantities import extract, keys_of


@dataclass(frozen=True)
class GuardVerdict:
    ok: bool
    ungrounded: tuple[str, ...] = ()

    def feedback(self) -> str:
        """What to tell the LM when asking it to regenerate."""
        return ("다음 숫자는 제공된 사실에 없습니다: " + ", ".join(self.ungrounded)
                + ". 사실에 있는 숫자만 그대로 쓰고, 없으면 숫자를 빼고 답하세요.")


def check_reply(reply: str, facts: Iterable[str]) -> GuardVerdict:
    """Is every quantity in `reply` present in `facts`? Lists the ones that are not."""
    allowed = set()
    for text in facts:
        allowed |= keys_of(text)
    bad = tuple(q.text for q in extract(reply) if not (q.keys & allowed))
    return GuardVerdict(ok=not bad, ungrounded=bad)
