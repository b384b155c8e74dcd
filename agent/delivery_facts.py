"""Delivery turns: link order numbers, region/postal code/amount and order time; fetch facts; grounded reply.

Order status needs an order number (asked back when missing). Fee questions use `delivery_quote`
with whatever region evidence the turn has (address words, postal code, "제주", "도서산간") and the
amount when given; otherwise the fee rules themselves. Dispatch questions use `dispatch_estimate`
at `now` or at the time the customer names ("금요일 오후 3시에 주문하면").
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from agent.entities import DELIVERY_INTENTS, HYPOTHETICAL_ORDER, amount_terms, asks_dispatch, has_any, intents, \
    is_follow_up, is_problem, localize_delivery, order_numbers, order_when, postal_code, problem_kind
from agent.facts import Grounding, josa, korean_date, won


_REASONS = {"after_cutoff": "마감 시간 이후 주문", "weekend": "주말", "holiday": "공휴일"}


def dispatch_rule(p: Any, cutoff: str | None = None) -> str:
    """How fast a paid order leaves the warehouse, in the shop's own terms (same day or N business days)."""
    days = int(getattr(p, "handling_days_min", 0) or 0)
    when = "당일 출고" if days <= 0 else f"{days}영업일 뒤 출고"
    return f"평일 {cutoff or p.cutoff}까지 결제 시 {when}"


def shop_now(knowledge: Any) -> datetime:
    """The shop's wall-clock time (naive), so dispatch cut-offs are judged in the shop's time zone."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = getattr(knowledge.delivery_policy(), "timezone", None)
    if not name:
        from core.config import get_settings

        name = get_settings().shop_timezone
    try:
        zone = ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("Asia/Seoul")
    return datetime.now(zone).replace(tzinfo=None)


def _naive(when: datetime, knowledge: Any) -> datetime:
    """`when` as naive shop time (an aware datetime is converted to the shop zone first)."""
    if when.tzinfo is None:
        return when
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        zone = ZoneInfo(getattr(knowledge.delivery_policy(), "timezone", None) or "Asia/Seoul")
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("Asia/Seoul")
    return when.astimezone(zone).replace(tzinfo=None)


def base_fee_text(p: Any) -> str:
    """'기본 배송비 3,000원' or '기본 배송 무료' when the shop charges nothing."""
    return "기본 배송 무료" if int(p.base_fee or 0) <= 0 else f"기본 배송비 {won(p.base_fee)}"


def free_rule(p: Any) -> str:
    """'50,000원 이상 구매 시 기본 배송비 무료; ' or '' when the shop has no free-shipping threshold."""
    if int(p.free_threshold or 0) <= 0 or int(p.base_fee or 0) <= 0:
        return ""
    return f"{won(p.free_threshold)} 이상 구매 시 기본 배송비 무료; "


def _policy_fact(p: Any) -> str:
    return (f"택배사 {p.carrier}; {base_fee_text(p)}; {free_rule(p)}"
            f"제주 추가 배송비 {won(p.jeju_surcharge)}; 도서산간 추가 배송비 {won(p.remote_surcharge)}; "
            f"{dispatch_rule(p)}(주말·공휴일 제외); 출고 후 {p.transit_days_min}~{p.transit_days_max}영업일 내 도착; "
            f"해외 배송 {'가능' if p.ships_overseas else '불가'}")


def _order_fact(o: Any) -> str:
    items = ", ".join(f"{i.name} {i.size}/{i.color} {i.quantity}개" for i in o.items)
    text = f"주문 {o.number}: 상태 {o.status}; 주문일시 {o.ordered_at}; 상품 {items}; 결제금액 {won(o.total)} (배송비 {won(o.shipping_fee)})"
    if o.carrier:
        text += f"; 택배사 {o.carrier}"
    if o.tracking_number:
        text += f"; 송장번호 {o.tracking_number}"
    if o.expected_arrival_from:
        text += f"; 도착 예정 {o.expected_arrival_from}~{o.expected_arrival_until or o.expected_arrival_from}"
    return text


def _order_sentence(o: Any) -> str:
    s = f"주문번호 {o.number}{josa(o.number, '은', '는')} 현재 '{o.status}' 상태예요."
    if o.tracking_number:
        s += f" {o.carrier or '택배사'} 송장번호 {o.tracking_number}로 배송 조회하실 수 있어요."
    if o.expected_arrival_from and o.status not in ("배송완료", "취소"):
        until = o.expected_arrival_until or o.expected_arrival_from
        if until != o.expected_arrival_from:
            s += f" {korean_date(o.expected_arrival_from)}~{korean_date(until)} 사이에 도착할 예정이에요."
        else:
            s += f" {korean_date(until)} 도착 예정이에요."
    if o.status == "배송완료":
        s += " 받지 못하셨다면 담당자가 확인해 드릴게요."
    return s


def _basket_amount(knowledge: Any, g: Grounding, turn: str) -> tuple[int | None, str]:
    """The order amount of the products the turn names ("옥스포드 셔츠 두 개랑 와이드 슬랙스 하나"), as a derived fact."""
    from agent.mentions import basket

    try:
        items = [(p, q) for pid, q in basket(knowledge, turn) if (p := knowledge.product(pid)) is not None]
    except (AttributeError, TypeError):
        return None, ""
    if not items:
        return None, ""
    for p, _ in items:
        g.add(f"product:{p.id}:price", f"{p.name} 판매가 {won(p.price)}")
    total = g.derive_total("derived:total:" + "+".join(p.id for p, _ in items),
                           [(p.name, p.price, q) for p, q in items])
    if total is None:
        return None, ""
    terms = ", ".join(f"{p.name} {won(p.price)}" + (f" × {q}개" if q > 1 else "") for p, q in items)
    return total, f"말씀하신 상품({terms})의 합계는 {won(total)}이에요."


def _region_named(policy: Any, text: str) -> bool:
    """Region evidence in the text: 제주/도서산간 words, the shop's region words, or a postal code."""
    spaced = " ".join(text.split())
    return any(w in spaced for w in ("제주", "서귀포", "도서산간", "산간", "섬", "울릉", "옹진", "신안", "jeju", "Jeju",
                                     *policy.jeju_region_words, *policy.remote_region_words)) or postal_code(text) is not None


def _earlier_fee_turn(history: Sequence[dict] | None) -> str | None:
    """The customer's previous message, localised, when it was about the fee (amount or region to carry over)."""
    for item in reversed(list(history or [])):
        if item.get("role") == "user" and item.get("text"):
            text = localize_delivery(str(item["text"]))
            return text if amount_terms(text) is not None or intents(text, DELIVERY_INTENTS) & {"fee", "region"} else None
    return None


_WHEN = ("언제", "며칠", "도착", "받아", "받을", "받나", "출고", "발송", "걸려", "when", "howlong")
_TOPIC_WORDS = ("배송", "택배", "주소", "배송지", "합배송", "묶음", "해외")




def ground_delivery(knowledge: Any, turn: str, history: Sequence[dict] | None = None,
                    now: datetime | None = None) -> Grounding:
    """Facts and the offline reply for a delivery turn."""
    g = Grounding(route="delivery")
    now = _naive(now, knowledge) if now else shop_now(knowledge)
    policy = knowledge.delivery_policy()
    turn = localize_delivery(turn)
    asked = intents(turn, DELIVERY_INTENTS)
    region_named = _region_named(policy, turn)
    asked.discard("region")
    if region_named:
        asked.add("region")
    if has_any(turn, HYPOTHETICAL_ORDER) or (asks_dispatch(turn) and not order_numbers(turn)):
        asked.discard("status")
        asked.add("dispatch")
    earlier = _earlier_fee_turn(history) if is_follow_up(turn) and not order_numbers(turn) else None
    if earlier is not None and ({"fee", "region"} & asked or amount_terms(turn) is not None) and "status" not in asked:
        asked.add("fee")  # "그러면 6만원이면요?" after a fee question asks the fee for that amount
    else:
        earlier = None
    if {"fee", "region"} & asked and not has_any(turn, _WHEN):
        asked.discard("dispatch")  # "6만원 주문하면 배송비 얼마" asks the fee, not the arrival date
    numbers = order_numbers(turn) or [n for h in reversed(history or []) for n in order_numbers(str(h.get("text", "")))][:1]
    g.add("delivery:policy", _policy_fact(policy))
    sentences: list[str] = []
    kind = problem_kind(turn)
    if kind is not None and kind != "other":  # a parcel that never came or came damaged (or a defect routed here)
        from agent.general_facts import problem_reply

        status = ""
        for number in numbers[:1]:
            order = knowledge.order(number)
            if order is None:
                g.add(f"order:{number}", f"주문번호 {number}: 조회 결과 없음")
                status = f"주문번호 {number}{josa(number, '으로', '로')} 확인되는 주문이 없어요."
            else:
                g.add(f"order:{order.number}", _order_fact(order))
                status = f"주문번호 {order.number}{josa(order.number, '은', '는')} 현재 '{order.status}' 상태예요."
        return problem_reply(knowledge, g, turn, kind, status)

    if numbers:
        for number in numbers[:2]:
            order = knowledge.order(number)
            if order is None:
                g.add(f"order:{number}", f"주문번호 {number}: 조회 결과 없음")
                sentences.append(f"주문번호 {number}{josa(number, '으로', '로')} 확인되는 주문이 없어요. 번호를 한 번 더 확인해 주시겠어요?")
                g.ask_back = True
            else:
                g.add(f"order:{order.number}", _order_fact(order))
                sentences.append(_order_sentence(order))
                if order.status == "배송완료" and ("못받" in turn.replace(" ", "") or "안왔" in turn.replace(" ", "")):
                    g.handoff, g.handoff_reason = True, "delivery_issue"
        for key in ("address_change", "bundling"):
            if key in asked and (text := g.add_policy(knowledge, key, f"{turn} {order.status if order else ''}", _TOPIC_WORDS)):
                sentences.append(text)
        if is_problem(turn) and not g.handoff:
            sentences.append("확인이 필요한 부분은 담당자가 바로 살펴봐 드릴게요.")
            g.handoff, g.handoff_reason = True, "delivery_issue"
        g.reply = " ".join(sentences)
        return g
    if "status" in asked and not ({"fee", "region"} & asked):
        g.reply = "배송 상황을 확인해 드릴게요. 주문번호(예: 20261105-0012 형식)를 알려주시겠어요?"
        g.add("order:format", "주문번호 형식 예시 20261105-0012")
        g.ask_back, g.use_lm = True, False
        return g

    if {"fee", "region"} & asked:
        amt, terms = None, amount_terms(turn)
        if terms is not None and terms[1] > 1:  # "2만원짜리 셔츠 3벌": the total is a derived, registered fact
            unit, qty = terms
            g.add("turn:unit_amount", f"고객이 말한 단가 {won(unit)}, 수량 {qty}개")
            amt = g.derive_total(f"derived:total:turn:{unit}x{qty}", [("단가", unit, qty)])
            if amt is not None:
                sentences.append(f"{won(unit)} × {qty}개면 합계 {won(amt)}이에요.")
        elif terms is not None and terms[0] not in (policy.base_fee, policy.jeju_surcharge, policy.remote_surcharge):
            amt = terms[0]  # "배송비 3000원 맞아요?" names a fee, not an order amount
        if amt is None:
            amt, basket_line = _basket_amount(knowledge, g, turn)
            if basket_line:
                sentences.append(basket_line)
        if earlier is not None:  # "그럼 제주도는요?" after "3만원어치 사면 배송비?": the amount/region said before
            if amt is None and terms is None and (before := amount_terms(earlier)) is not None:
                amt = before[0] * before[1]
                g.add(f"history:amount:{amt}", f"고객이 앞서 말한 주문 금액 {won(before[0])}"
                      + (f" × {before[1]}개" if before[1] > 1 else ""))
                if before[1] > 1:
                    amt = g.derive_total(f"derived:total:history:{before[0]}x{before[1]}", [("단가", before[0], before[1])])
            if not region_named and _region_named(policy, earlier):
                turn, region_named = f"{earlier} {turn}", True
        code = postal_code(turn)
        try:
            q = knowledge.delivery_quote(amt or 0, address=turn if region_named else None, postal_code=code)
        except ValueError:
            q = knowledge.delivery_quote(amt or 0)
        has_threshold = int(q.free_threshold or 0) > 0 and int(policy.base_fee or 0) > 0
        if not q.ships:
            sentences.append("죄송하지만 해외 배송은 하지 않아요.")
            g.add("delivery:quote:overseas", f"지역 {q.region}: 배송 불가 {q.note}")
        elif amt is not None:
            g.add(f"delivery:quote:{q.region}:{q.amount}",
                  f"지역 {q.region}, 상품금액 {won(q.amount)}: 배송비 {won(q.fee)} (기본 {won(q.base_fee)} + 추가 {won(q.surcharge)}"
                  + (", 무료배송 기준 충족" if q.free_applied else "") + ")")
            region = "" if q.region == "기본" else f"{q.region} 지역 "
            fee = "무료" if q.fee <= 0 else won(q.fee)
            if q.free_applied and not q.surcharge and has_threshold:
                sentences.append(f"{region}{won(q.amount)} 주문이면 {won(q.free_threshold)} 이상 무료배송 기준을 충족해서 "
                                 f"배송비는 {fee}예요.")
            else:
                sentences.append(f"{region}{won(q.amount)} 주문 시 배송비는 {fee}{'예요' if q.fee <= 0 else '이에요'}."
                                 + (f" ({won(q.free_threshold)} 이상이라 기본 배송비는 무료이고, 추가 배송비 {won(q.surcharge)}만 붙어요.)"
                                    if q.free_applied and q.surcharge and has_threshold else "")
                                 + (f" {won(q.free_threshold)} 이상 구매하시면 기본 배송비는 무료예요."
                                    if has_threshold and not q.free_applied and q.fee > 0 else ""))
        elif q.region in ("제주", "도서산간"):
            g.add(f"delivery:quote:{q.region}", f"지역 {q.region}: 추가 배송비 {won(q.surcharge)}")
            base = "기본 배송은 무료이고" if policy.base_fee <= 0 else f"기본 배송비 {won(policy.base_fee)}에"
            sentences.append(f"{q.region} 지역은 {base} 추가 배송비 {won(q.surcharge)}이 붙어요."
                             + (f" {won(policy.free_threshold)} 이상 구매하시면 기본 배송비는 무료예요." if has_threshold else ""))
        else:
            if policy.base_fee <= 0:
                first = "기본 배송은 무료예요."
            elif has_threshold:
                first = f"배송비는 {won(policy.base_fee)}이고, 무료배송 기준은 {won(policy.free_threshold)} 이상 구매예요."
            else:
                first = f"배송비는 {won(policy.base_fee)}이에요."
            sentences.append(f"{first} 제주는 {won(policy.jeju_surcharge)}, 도서산간은 {won(policy.remote_surcharge)}의 추가 배송비가 있어요.")
    if "dispatch" in asked:
        said, hour_given, unreadable = order_when(turn, now)
        when = said or now
        est = knowledge.dispatch_estimate(when)
        reasons = ", ".join(_REASONS.get(r, r) for r in est.reasons)
        g.add(f"dispatch:{est.ordered_at}",
              f"{est.ordered_at} 주문 시 출고일 {est.dispatch_date}, 도착 예정 {est.arrival_from}~{est.arrival_until}, "
              f"출고 기준 결제 마감 {est.cutoff}" + (f" ({reasons})" if reasons else ""))
        rule = dispatch_rule(knowledge.delivery_policy(), est.cutoff).replace("결제 시", "결제하시면") + "돼요. "
        if has_any(turn, ("주말", "공휴일", "휴일", "연휴")) and (text := g.add_policy(knowledge, "delivery", turn, _TOPIC_WORDS)):
            sentences.append(text)
            rule = ""
        if when is now:
            lead = "말씀하신 날짜는 확인하기 어려워서 지금 주문하시는 경우로 안내드리면, 지금 주문하시면" if unreadable else "지금 주문하시면"
        elif hour_given:
            lead = f"{korean_date(est.ordered_at)} {when.hour}시 {when.minute:02d}분에 주문하시면"
        elif when.date() == now.date():
            lead = "지금 주문하시면"
        elif {"weekend", "holiday"} & set(est.reasons):
            lead = f"{korean_date(est.ordered_at)}에 주문하시면"
        else:
            lead = f"{korean_date(est.ordered_at)} {est.cutoff} 전에 주문하시면"
        sentences.append(f"{rule}{lead} {korean_date(est.dispatch_date)}에 출고되어 "
                         f"{korean_date(est.arrival_from)}~{korean_date(est.arrival_until)} 사이에 받아보실 수 있어요.")
    for key, intent in (("address_change", "address_change"), ("bundling", "bundling"), ("overseas", "overseas")):
        if intent in asked:
            text = g.add_policy(knowledge, key, turn, _TOPIC_WORDS)
            if text:
                sentences.append(text)
    if "carrier" in asked:
        sentences.append(f"배송은 {policy.carrier}{josa(policy.carrier, '으로', '로')} 보내드려요.")
    if not sentences:
        text = g.add_policy(knowledge, "delivery", turn, _TOPIC_WORDS)
        sentences.append(text or "배송 관련 문의는 담당자가 확인 후 안내해 드릴게요.")
    g.reply = " ".join(sentences)
    return g
