"""A price less the coupon a customer names: which of the shop's coupons a quoted sentence states (by the coupon
section's own values, docs/ontology.md §coupons), and the price after it as a derived fact.

Pure logic over the loaded knowledge and a `Grounding`; used by the product agent (one product's price) and the
delivery agent (a basket's total)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from agent.facts import Grounding, josa, won


@dataclass(frozen=True)
class CouponStated:
    """The one coupon a quoted text states: its section value's key, the amount or percentage off, its minimum."""

    key: str
    off: int = 0
    percent: int = 0
    least: int | None = None


def coupon_stated(knowledge: Any, said: str) -> CouponStated | None:
    """The one coupon whose amount (or percentage) of the shop's coupon section is written in `said`; None when the
    text states several (which one applies is the customer's) or none, or the shop has no such section values."""
    section = knowledge.policy("coupons") if hasattr(knowledge, "policy") else None
    if section is None:
        return None
    ints = {k: v for k, v in (section.values or {}).items() if isinstance(v, int) and not isinstance(v, bool)}
    amounts = [(k, v) for k, v in ints.items() if "Amount" in k and won(v) in said]
    percents = [(k, v) for k, v in ints.items() if "Percent" in k and re.search(rf"(?<!\d){v}\s*%", said)]
    if len(amounts) + len(percents) != 1:
        return None
    if amounts:
        key, off = amounts[0]
        return CouponStated(key, off=off, least=ints.get(key.replace("Amount", "MinOrder")))
    key, pct = percents[0]
    return CouponStated(key, percent=pct)


def say_price_after(g: Grounding, coupon: CouponStated, fact_id: str, label: str, price: int, alone: bool) -> None:
    """The price (a product's, or a basket's total when not `alone`) less the coupon, or that it is under the coupon's
    minimum; a derived fact of the price and the section's value."""
    if coupon.least is not None and price < coupon.least:
        if alone:
            g.say("{p}{j} {m} 미만이라 이 쿠폰은 {p} 하나만으로는 쓸 수 없어요.",
                  "{p} is under {m}, so this coupon can't be used on it alone.", p=label, j=josa(label, "은", "는"),
                  m=won(coupon.least, g.lang))
        else:
            g.say("합계 {t}{j} {m} 미만이라 이 쿠폰은 쓸 수 없어요.", "The total {t} is under {m}, so this coupon can't be used.",
                  t=won(price, g.lang), j=josa(won(price), "은", "는"), m=won(coupon.least, g.lang))
        return
    after = g.derive_discounted(fact_id, label, price, off=coupon.off, percent=coupon.percent)
    if after is None:
        return
    if alone:
        g.say("이 쿠폰을 쓰시면 {p}{j} {a}{cop}.", "With this coupon, {p} comes to {a}.", p=label,
              j=josa(label, "은", "는"), a=won(after, g.lang), cop=josa(won(after), "이에요", "예요"))
    else:
        g.say("이 쿠폰을 쓰시면 합계 {t}에서 할인돼 {a}{cop}.", "With this coupon, the {t} total comes to {a}.",
              t=won(price, g.lang), a=won(after, g.lang), cop=josa(won(after), "이에요", "예요"))
