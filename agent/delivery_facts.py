"""Delivery turns: fees by region and amount, when an order leaves and arrives, and the customer's orders.

What is asked comes from the turn's concepts (fee, region, dispatch/arrival with a time word, tracking,
address change, bundling, overseas, carrier) and its entities (the shop's own order-number shapes, a
postal code or address words, an amount, a day and hour). An order question gets what was asked about
that order — the fee paid, the items, the total, whether tracking exists yet — not always status plus
tracking; an order is shown only to its owner (`agent.order_access`). Follow-ups ("그럼 6만원이면요?",
"제주도는요?") carry the amount or region of the previous message.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from agent.entities import (CLOCK_OR_DAY, ORDER_VERB, PART_OF_DAY, PLANNED, amount_terms, localize_delivery, order_numbers, order_when, placed_at,
                             placed_order, postal_code)
from agent.facts import Grounding, josa, korean_date, status_label, won
from agent.periods import WEEKDAYS_EN, WEEKDAYS_KO
from agent.problems import WHY, is_late_parcel
from agent.route_evidence import WITH_THE_ORDER
from agent.turn_analysis import AFTER_SALE_ACTS, TurnAnalysis, analyse_turn
from agent.turn_context import Turn, as_turn, user_texts
from core.knowledge.model import ORDER_STATUSES
from core.language.korean_text import sentences

_REASONS = {"after_cutoff": ("마감 시간 이후 주문", "ordered after the cut-off"), "weekend": ("주말", "weekend"),
            "holiday": ("공휴일", "holiday")}
_REGION_WORDS = ("제주", "서귀포", "도서산간", "산간", "섬", "울릉", "옹진", "신안", "jeju", "island", "ulleung")


def dispatch_rule(p: Any, cutoff: str | None = None, lang: str = "ko") -> str:
    """How fast a paid order leaves the warehouse, in the shop's own terms (same day or N business days)."""
    days = int(getattr(p, "handling_days_min", 0) or 0)
    if lang == "en":
        when = "ships the same day" if days <= 0 else f"ships {days} business day(s) later"
        return f"paid before {cutoff or p.cutoff} on a weekday, an order {when}"
    when = "당일 출고" if days <= 0 else f"{days}영업일 뒤 출고"
    return f"평일 {cutoff or p.cutoff} 전까지 결제 시 {when}"  # the cut-off itself is after it (ontology.md)


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


def shop_local(when: datetime, knowledge: Any) -> datetime:
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
    return "기본 배송 무료" if int(p.base_fee or 0) <= 0 else f"기본 배송비 {won(p.base_fee)}"


def free_rule(p: Any) -> str:
    if int(p.free_threshold or 0) <= 0 or int(p.base_fee or 0) <= 0:
        return ""
    return f"{won(p.free_threshold)} 이상 구매 시 기본 배송비 무료; "


def policy_fact(p: Any) -> str:
    return (f"택배사 {p.carrier}; {base_fee_text(p)}; {free_rule(p)}"
            f"제주 추가 배송비 {won(p.jeju_surcharge)}; 도서산간 추가 배송비 {won(p.remote_surcharge)}; "
            f"{dispatch_rule(p)}(주말·공휴일 제외); 출고 후 {p.transit_days_min}~{p.transit_days_max}영업일 내 도착; "
            f"해외 배송 {'가능' if p.ships_overseas else '불가'}")


def order_fact(o: Any) -> str:
    items = ", ".join(f"{i.name}{' ' + i.label if i.label else ''} {i.quantity}개 (단가 {won(i.unit_price)})" for i in o.items)
    text = (f"주문 {o.number}: 상태 {o.status}; 주문일시 {o.ordered_at}; 상품 {items}; 결제금액 {won(o.total)} "
            f"(배송비 {won(o.shipping_fee)})")
    if o.region:
        text += f"; 배송 지역 {o.region}"
    if o.carrier:
        text += f"; 택배사 {o.carrier}"
    text += f"; 송장번호 {o.tracking_number}" if o.tracking_number else "; 송장번호 아직 없음"
    if o.expected_arrival_from:
        text += f"; 도착 예정 {o.expected_arrival_from}~{o.expected_arrival_until or o.expected_arrival_from}"
    if getattr(o, "payment_method", None):
        text += f"; 결제수단 {o.payment_method}"
    return text


BEFORE_DISPATCH = ("결제대기", "결제완료", "상품준비중")
# a person offered, not forced (a handoff mutes the bot); taken out again when a person takes the chat after all
STAFF_OFFER = ("담당자 확인이 필요하시면 말씀해 주세요.", "If you'd like a staff member to check it, just say so.")
_ASKS_WHEN_COMES = re.compile(r"언제\s*(?:와|오|도착)")


# Days past the end of an order's arrival window after which it is stuck, not late: asked where it is, a person has to
# ask the courier or the warehouse (a week or so late is offered a person, not forced: a handoff mutes the bot in that
# chat). Two weeks is a judgement, not a shop rule; the labelled rounds' writers (who never read the code) expected a
# person somewhere between one and four weeks past the window.
STUCK_AFTER_DAYS = 14


def _estimated(o: Any, knowledge: Any) -> Any:
    """The shop's own dispatch estimate for an order that has not left and carries no arrival dates of its own (paid
    and waiting): from the moment it was paid, by the shop's cut-off and business days; None otherwise."""
    if knowledge is None or o.expected_arrival_from or o.status not in BEFORE_DISPATCH or not o.ordered_at:
        return None
    try:
        return knowledge.dispatch_estimate(datetime.fromisoformat(str(o.ordered_at)))
    except (AttributeError, TypeError, ValueError):
        return None


def _window_end(o: Any, knowledge: Any = None) -> date | None:
    """The last day the order was due: its own arrival dates, else the shop's estimate from when it was paid."""
    if o.expected_arrival_from:
        return _day(o.expected_arrival_until or o.expected_arrival_from)
    est = _estimated(o, knowledge)
    return _day(est.arrival_until) if est is not None else None


def _needs_person(o: Any, a: TurnAnalysis, today: date | None, knowledge: Any = None) -> bool:
    """An overdue order a person must look at: the customer says it is late, asks when one that has not even left
    the warehouse will ship or arrive (nobody here can say), or it is stuck (`STUCK_AFTER_DAYS` past its window)."""
    if today is None or not _overdue(o, today, knowledge):
        return False
    from agent.general_facts import deposit_due_asked

    if deposit_due_asked(a) and not (is_late_parcel(a) or a.has("late")):
        return False  # "입금 언제까지?" of an order long paid: its payment is answered, a person only offered
    until = _window_end(o, knowledge)
    # stuck, asked where it is or when it comes (not its fee, total or items: "배송비 얼마 나왔어요?" is answered)
    about_delivery = a.has("status", "tracking", "arrival", "dispatch", "when", "shipping", "where") or a.question == "when" \
        or not a.has("fee", "cost", "price", "paid", "payment", "items", "receipts", "address", "change", "cancellation")
    stuck = until is not None and (today - until).days >= STUCK_AFTER_DAYS and about_delivery
    return stuck or is_late_parcel(a) or a.has("late") or o.status in BEFORE_DISPATCH and a.has("when", "dispatch", "arrival")


def _status_sentence(g: Grounding, o: Any, status: bool = True, today: date | None = None, complained: bool = False,
                     knowledge: Any = None, when_asked: bool = False, late_said: bool = True) -> None:
    """The order's state, then when it ships or comes (`late_said` False: an order past its window is not apologised
    for, the question was of something else)."""
    if status:
        g.say("주문번호 {n}{j} 현재 '{s}' 상태예요.", "Order {n} is currently {s_en}.", n=o.number, j=josa(o.number, "은", "는"),
              s=o.status, s_en=status_label(o.status, "en"))
    est = _estimated(o, knowledge)
    late = est is not None and today is not None and _overdue(o, today, knowledge)
    if late and not late_said:
        return
    if est is not None and today is not None and (when_asked or late):
        # paid and waiting, no dates of its own: the shop's rule from the moment it was paid says when it ships
        g.add(f"derived:order_dispatch:{o.number}", f"주문 {o.number}: 결제 시각 기준 출고일 {korean_date(est.dispatch_date)}, "
                                                    f"도착 예정 {korean_date(est.arrival_from)}~{korean_date(est.arrival_until)}")
        if late:
            g.say("결제 시각 기준으로 {d}에 출고됐어야 하는 주문인데 아직 출고 전이에요. 늦어져 죄송합니다.",
                  "Given when it was paid, it should have shipped on {d}, but it hasn't shipped yet; sorry for the delay.",
                  d=korean_date(est.dispatch_date, g.lang))
            g.say(*(("담당자가 주문 상황을 확인해 바로 안내해 드릴게요.", "A staff member will check the order and get back to you.")
                    if complained else STAFF_OFFER))
            return
        g.say("결제 시각 기준으로 {d}에 출고되어 {a}~{b} 사이에 도착할 예정이에요.",
              "Going by when it was paid, it ships on {d} and should arrive between {a} and {b}.",
              d=korean_date(est.dispatch_date, g.lang), a=korean_date(est.arrival_from, g.lang), b=korean_date(est.arrival_until, g.lang))
    if o.tracking_number:
        g.say("{c} 송장번호 {t}{j} 배송 조회하실 수 있어요.", "You can track it with {c} tracking number {t}.",
              c=o.carrier or g.text("택배사", "the courier"), t=o.tracking_number, j=josa(o.tracking_number, "으로", "로"))
    if o.expected_arrival_from and o.status == "배송완료" and when_asked:
        # "언제 도착했는지": the shop records no delivery day, only the window it was due in; said as such
        until = o.expected_arrival_until or o.expected_arrival_from
        exact = bool(o.tracking_number)
        g.say("도착 예정일은 {span}이었어요" + ("(정확한 도착 시각은 송장 조회에서 확인하실 수 있어요)." if exact else "."),
              "It was due {span}" + (" (tracking shows the exact delivery time)." if exact else "."),
              span=(korean_date(o.expected_arrival_from, g.lang) + "~" + korean_date(until, g.lang)) if until != o.expected_arrival_from
              else korean_date(until, g.lang))
    if o.expected_arrival_from and o.status not in ("배송완료", "취소"):
        until = o.expected_arrival_until or o.expected_arrival_from
        if today is not None and _overdue(o, today):
            # the window has passed and the parcel is not delivered: never state it as still to come
            if not late_said:
                return
            g.say(*OVERDUE_LINE, d=korean_date(until, g.lang))
            if complained:  # "아직도 안 왔어요": the caller hands off, a person checks the shipment
                g.say("담당자가 배송 상황을 확인해 바로 안내해 드릴게요.", "A staff member will check the shipment and get back to you.")
            else:  # a plain status question: a person is offered, not forced (a handoff mutes the bot)
                g.say(*STAFF_OFFER)
            return
        if until != o.expected_arrival_from:
            g.say("{a}~{b} 사이에 도착할 예정이에요.", "It should arrive between {a} and {b}.",
                  a=korean_date(o.expected_arrival_from, g.lang), b=korean_date(until, g.lang))
        else:
            g.say("{d} 도착 예정이에요.", "It should arrive on {d}.", d=korean_date(until, g.lang))


def _overdue(o: Any, today: date, knowledge: Any = None) -> bool:
    """Not delivered and past the end of its arrival window (the shop's estimate for one paid and waiting)."""
    return overdue_since(o, today, knowledge) is not None


def overdue_since(o: Any, today: date, knowledge: Any = None) -> date | None:
    """The last day the order was due, when it is not delivered and that day has passed; else None."""
    until = _window_end(o, knowledge)
    return until if o.status not in ("배송완료", "취소") and until is not None and until < today else None


# said of an order past its arrival window and not delivered ({d}: the last day it was due)
OVERDUE_LINE = ("도착 예정일({d})이 지났는데 아직 배송이 완료되지 않았어요. 늦어져 죄송합니다.",
                "It was due by {d} and hasn't been delivered yet; sorry for the delay.")


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


_AMOUNT_SEEN = re.compile(r"(?<![\d-])\d{1,3}(?:,\d{3})+(?![\d-])|\d+\s*(?:원|won\b|krw\b)", re.I)


def asks_amount_paid(a: TurnAnalysis) -> bool:
    """The turn asks what was paid for an order ("결제 총액 얼마였죠?", "how much did I pay in total")."""
    return a.has("paid", "price") and not a.has("fee") or bool(re.search(r"결제\s*금액|총액|얼마\s*(냈|결제)|total", a.text, re.I))


def paid_line(g: Grounding, o: Any, named: bool = False) -> str:
    """What was paid for an order, its shipping fee said as included or as free (never "배송비 0원 포함")."""
    if o.shipping_fee:
        return g.text("{n}결제금액은 {t}(배송비 {f} 포함)이에요.", "You paid {t}{n_en} in total (shipping {f} included).",
                      n=f"주문번호 {o.number}의 " if named else "", n_en=f" for order {o.number}" if named else "",
                      t=won(o.total, g.lang), f=won(o.shipping_fee, g.lang))
    return g.text("{n}결제금액은 {t}(무료배송)이에요.", "You paid {t}{n_en} in total (free shipping).",
                  n=f"주문번호 {o.number}의 " if named else "", n_en=f" for order {o.number}" if named else "",
                  t=won(o.total, g.lang))


def _fee_parts(g: Grounding, knowledge: Any, o: Any, region: str) -> bool:
    """The shop's rule that makes an order's fee ("8,500원이 왜?" -> 기본 3,500원 + 제주 5,000원), when the rule worked
    out for the order's goods and region gives the fee charged; False otherwise (nothing is said)."""
    try:
        q = knowledge.delivery_quote(o.total - o.shipping_fee, region=o.region)
    except (AttributeError, TypeError, ValueError):
        return False
    if q.fee != o.shipping_fee or not q.surcharge:
        return False
    base = q.fee - q.surcharge
    g.add(f"delivery:quote:{q.region}:{q.amount}", f"상품금액 {won(q.amount)}, {q.region}: 기본 배송비 {won(base)} + 추가 배송비 "
          f"{won(q.surcharge)} = 배송비 {won(q.fee)}" + (f" (무료배송 기준 {won(q.free_threshold)} 이상)" if q.free_threshold else ""))
    if base:
        g.say("기본 배송비 {b}에 {r} 지역 추가 배송비 {s}{j} 더해진 금액이에요.",
              "That's the base fee of {b} plus the {r} surcharge of {s}.", b=won(base, g.lang), r=region,
              s=won(q.surcharge, g.lang), j=josa(won(q.surcharge), "이", "가"))
    elif not (q.free_applied and q.free_threshold):  # no base fee at all: the surcharge is the fee
        g.say("{r} 지역 추가 배송비 {s}{j} 붙은 금액이에요.", "That's the {r} surcharge of {s}.", r=region,
              s=won(q.surcharge, g.lang), j=josa(won(q.surcharge), "이", "가"))
    else:
        g.say("{t} 이상이라 기본 배송비는 무료이고, {r} 지역 추가 배송비 {s}만 붙었어요.",
              "The base fee was waived (over {t}); only the {r} surcharge of {s} applied.", t=won(q.free_threshold, g.lang),
              r=region, s=won(q.surcharge, g.lang))
    return True


# the way an order was paid, asked ("결제수단", "뭘로 결제했", "어떻게 결제했", "payment method", "how did I pay")
_WAY_PAID_ASKED = re.compile(r"결제\s*(?:수단|방법|방식)|(?:뭘로|뭐로|무엇으로|어떻게)\s*결제\s*했|payment\s+method|"
                             r"how\s+did\s+i\s+pay|paid\s+(?:with|by)\s+what|what\s+did\s+i\s+pay\s+with", re.I)


def complained_of_delay(a: TurnAnalysis) -> bool:
    """The turn asks or complains of the order's delivery (when, where, late), not only of another thing."""
    from agent.general_facts import deposit_due_asked

    return is_late_parcel(a) or a.has("late", "arrival", "status", "tracking", "dispatch", "where") \
        or (a.has("when") or a.question == "when") and not deposit_due_asked(a)


def _order_answer(g: Grounding, o: Any, a: TurnAnalysis, today: date | None = None, knowledge: Any = None) -> None:
    """What was asked about this order: the fee paid, the total, the items, tracking — else its status."""
    from agent.general_facts import payment_state_asked, state_asked

    said = False
    before = len(g.sentences)
    # "why was shipping 5,000?": shipping with an amount the customer saw asks the fee too
    if a.has("fee", "free") or (a.has("shipping") and (a.has("price", "paid") or _AMOUNT_SEEN.search(a.text))):
        g.say("주문번호 {n}의 배송비는 {f}{cop}.", "The shipping fee on order {n} was {f}.", n=o.number,
              f=won(o.shipping_fee, g.lang) if o.shipping_fee else g.text("무료", "free"),
              cop=josa(won(o.shipping_fee), "이었어요", "였어요") if o.shipping_fee else "였어요")
        if o.shipping_fee and o.region and o.region != "기본":
            from agent.english_gloss import GLOSSARY

            r = o.region if g.lang == "ko" else GLOSSARY.get(o.region, o.region)
            if not _fee_parts(g, knowledge, o, r):
                g.say("({r} 지역 추가 배송비가 포함된 금액이에요.)", "(It includes the {r} surcharge.)", r=r)
        elif not o.shipping_fee and knowledge is not None:
            # "GD261102-004 배송비 왜 0원이에요?": why it was free: the goods' sum against the shop's threshold
            policy = knowledge.delivery_policy()
            goods = sum(i.quantity * i.unit_price for i in o.items)
            if policy.free_threshold and goods >= policy.free_threshold:
                g.add(f"derived:goods:{o.number}", f"주문 {o.number} 상품 금액 합계 {won(goods)}")
                g.add("delivery:policy", policy_fact(policy))
                g.say("상품 금액 {a}{j} 무료배송 기준 {t} 이상이라 배송비가 붙지 않았어요.",
                      "The goods came to {a}, over the free-shipping threshold of {t}.", a=won(goods, g.lang),
                      j=josa(won(goods), "이", "가"), t=won(policy.free_threshold, g.lang))
        said = True
    if asks_amount_paid(a):
        g.sentences.append(paid_line(g, o))
        said = True
    method = getattr(o, "payment_method", None)
    if method and _WAY_PAID_ASKED.search(a.text):
        # "20261105-0012 송장번호랑 결제수단 알려주세요", "how did I pay for it?": the way the order was paid
        from agent.english_gloss import GLOSSARY

        g.say("주문번호 {n}{j} {m}{k} 결제하셨어요.", "Order {n} was paid by {m_en}.", n=o.number, j=josa(o.number, "은", "는"),
              m=method, k=josa(method, "으로", "로"), m_en=GLOSSARY.get(method, method))
        said = not a.has("tracking", "status")  # ("송장번호랑 결제수단": the tracking number too)
    adding = bool(_ADDING.search(a.text)) and bool(_COMES_TOGETHER.search(a.text))
    in_order, not_in = _items_named(knowledge, o, a.text) if a.is_question and WITH_THE_ORDER.search(a.text) \
        and not adding else ([], [])
    if adding and knowledge is not None:
        # "벨트도 추가주문하면 같이 보내줄 수 있나요?": a new order sent with this one is the bundling rule, never "the
        # order holds no belt"
        _quote_policy(g, knowledge, analyse_turn(f"{a.text} 합배송"), ("bundling",))
    if in_order:  # "양말도 같이 오는 거 맞죠?": the item named is (or is not) in this order, with what the order holds
        g.say("네, 주문번호 {n}에 {names}{j} 함께 들어 있어요.", "Yes, order {n} includes {names}.", n=o.number,
              names=", ".join(in_order), j=josa(in_order[-1], "이", "가"))
    if not_in:
        g.say("주문번호 {n}에는 {names}{j} 들어 있지 않아요.", "Order {n} doesn't include {names}.", n=o.number,
              names=", ".join(not_in), j=josa(not_in[-1], "이", "가"))
        in_order = in_order or not_in  # the order's items are listed below either way
    if in_order or a.has("items") or OWN_ORDER_CONTENT.search(a.text) or re.search(r"어떤\s*상품|상품\s*(이|은)?\s*뭐|"
                                   r"몇\s*(개|장|벌|켤레|팩|박스)\S*\s*(주문|시켰|샀)|how\s+many\s+\w+\s+did\s+i|"
                                   # "몇 사이즈 샀었죠?", "what size did I order?": the option of what was bought
                                   r"(몇|무슨|어떤|어느)\s*(사이즈|치수|색|색상|컬러|옵션)\S*\s*(으로\s*)?(주문|시켰|샀|산\s*거)|"
                                   r"(what|which)\s+(size|colou?r|option)\s+did\s+i|"
                                   # "이때 산 틴트 색이 뭐였죠?": the option of the thing bought, named after it
                                   r"(?<![가-힣])(산|샀던|주문한|시킨|구매한)\s+(\S+\s+)?(무슨\s*|어떤\s*|몇\s*)?(사이즈|치수|색|색상|컬러|옵션)", a.text, re.I):
        items = ", ".join(f"{i.name}{' ' + i.label if i.label else ''} {i.quantity}개" if g.lang == "ko"
                          else f"{i.name}{' ' + i.label if i.label else ''} × {i.quantity}" for i in o.items)
        g.say("주문하신 상품은 {items}입니다.", "Your order contains: {items}.", items=items)
        said = True
    if a.has("tracking") and not o.tracking_number and o.status in BEFORE_DISPATCH:
        g.say("주문번호 {n}{j} 아직 출고 전이라 송장번호가 없어요. 현재 '{s}' 상태예요.",
              "Order {n} hasn't shipped yet, so there's no tracking number. It's currently {s_en}.", n=o.number,
              j=josa(o.number, "은", "는"), s=o.status, s_en=status_label(o.status, "en"))
        _status_sentence(g, o, status=False, today=today, complained=_needs_person(o, a, today, knowledge),
                         knowledge=knowledge, when_asked=True)  # and when it should arrive
        said = stated = True
    else:
        stated = False
    not_come = a.has("late") and a.mentions("arrival") and o.status != "배송완료"  # "아직도 안옴 배송비 6천원이나 냈는데"
    # (not again when its state and dates were just said with the tracking number it lacks)
    if (not said or a.has("status") or in_order or not_come) and not stated:  # "결제금액이랑 상태 알려주세요"
        at = len(g.sentences)
        # ("20261122-0016 배송지 변경 가능해요?" of an order not yet shipped: its state, no apology for its lateness before
        # the answer asked)
        person = _needs_person(o, a, today, knowledge)
        # (only when what is asked can still be done: a change the stage refuses leaves the customer waiting, and the
        # lateness is said)
        acts = [key for key, asked in (("cancellation", a.has("cancellation")), ("address_change", a.has("address")))
                if asked]
        other_asked = o.status in BEFORE_DISPATCH and not person and not complained_of_delay(a) \
            and (payment_state_asked(a) and not acts
                 or bool(acts) and all(stage_allows(knowledge, o, key) is not False for key in acts))
        _status_sentence(g, o, today=today, complained=person, knowledge=knowledge,
                         when_asked=a.has("when", "dispatch", "arrival") or a.question == "when",
                         late_said=not other_asked)
        if not_come and said:  # where the order stands, first: the complaint is that it has not come
            g.sentences[before:] = g.sentences[at:] + g.sentences[before:at]
    if o.status == "확인필요":  # the shop flagged the order: a person explains, the bot does not guess why
        g.say("이 주문은 담당자가 확인 중이라 담당자가 직접 안내해 드릴게요.",
              "This order is being reviewed by our staff, so a staff member will get back to you.")
        g.handoff, g.handoff_reason = True, "order_review"

    verdict = state_asked(g, o, a).strip()  # "입금확인 됐나요?": what the state says to it, after the state
    if verdict:
        at = next((i + 1 for i in range(before, len(g.sentences)) if f"'{o.status}'" in g.sentences[i]), len(g.sentences))
        g.sentences.insert(at, verdict)


def _items_named(knowledge: Any, o: Any, text: str) -> tuple[list[str], list[str]]:
    """The products the turn names that this order holds, and those it does not ("양말도 같이 와요?" of an order
    holding 면 양말 3팩, or of one without socks)."""
    if knowledge is None:
        return [], []
    try:
        from agent.mentions import mentioned_products

        named = list(dict.fromkeys(mentioned_products(knowledge, text)))
    except (AttributeError, TypeError):
        return [], []
    held = {i.product_id for i in o.items}
    inside = list(dict.fromkeys(i.name for i in o.items if i.product_id in named))
    outside = [p.name for pid in named if pid not in held and (p := knowledge.product(pid)) is not None]
    return inside, outside


def _ask_order_number(g: Grounding, fmt: str, ko: str, en: str) -> None:
    """Ask for the order number, in the shop's own format when it has one ({f}: "(숫자 8자리 - 숫자 4자리)")."""
    if fmt:
        g.add("order:format", f"주문번호 형식: {fmt}")
    g.say(ko, en, f=f"({fmt})" if fmt else "", fe=f" ({fmt})" if fmt else "")


def _region_said_before(policy: Any, turn: Turn, text: str) -> tuple[str, bool]:
    """A fee asked with no region, after the customer said where they are ("울릉도도 배송돼요?" -> "7만원 주문이면 배송비
    총 얼마 내요?"): that region still applies. Returns the text to quote for and whether a region is named."""
    from core.knowledge.delivery_rules import REGION_BASIC, REGION_OVERSEAS, region_of_text

    for earlier in user_texts(turn.history, limit=2):
        region = region_of_text(policy, localize_delivery(earlier))
        if region and region not in (REGION_BASIC, REGION_OVERSEAS):
            return f"{region} {text}", True
    return text, False


def _region_named(policy: Any, text: str) -> bool:
    spaced = " ".join(text.split())
    words = (*_REGION_WORDS, *policy.jeju_region_words, *policy.remote_region_words)
    return any(w.lower() in spaced.lower() for w in words) or postal_code(text) is not None


def _region_spelt(policy: Any, text: str) -> str:
    """A delivery turn with a region word typed one letter wrong ("제쥬도 배송비") written as the region ("제주 배송비"),
    so every rule reads it; only in delivery turns, where a place is what such a word means."""
    from core.knowledge.delivery_rules import initialled_region, misspelt_region, region_of_text

    if region_of_text(policy, text):
        return text  # spelt right ("제주도면"): nothing to add (a region word put before "쌀 20키로" would name 제주 감귤)
    found = misspelt_region(policy, text) or initialled_region(policy, text)  # (or in its initials: "ㅈㅈ도")
    return text if found is None else f"{found} {text}"


# which courier the shop uses ("택배 어디꺼 써요?", "택배사 어디에요", "무슨 택배로 와요?", "which courier")
_WHICH_COURIER = re.compile(r"(택배|택배사|배송\s*업체)\S{0,2}\s*(는|은)?\s*(어디|어느|무슨|뭐)|(어디|어느|무슨)\s*(택배|택배사)|"
                            r"\bwhich\s+(courier|carrier|delivery\s+company)\b", re.I)


# what the customer's own order holds, asked ("제 주문내역 알려주세요", "뭐 주문했는지", "주문한거 뭐였죠?", "what did I order")
OWN_ORDER_CONTENT = re.compile(r"주문\s*내역|뭐\s*(?:주문|시켰|샀)|무엇을\s*주문|(?:주문|구매)한\s*(?:거|것|게|건)\s*(?:뭐|무엇)|"
                               # what was ordered, asked to be confirmed ("L로 한거 맞죠?", "아이보리로 주문한 거 맞나요")
                               r"(?:(?:로|으로)\s*(?:한|시킨|주문한|산)|주문한|시킨|구매한)\s*(?:거|것|게|건)\s*(?:맞|이\s*맞)|"
                               r"\bwhat\s+(?:did\s+)?i\s+(?:order|buy)\b|\bmy\s+order\s+(?:history|details)\b", re.I)


def _asks(a: TurnAnalysis, text: str, region_named: bool) -> set[str]:
    out: set[str] = set()
    if OWN_ORDER_CONTENT.search(text) and (a.is_question or a.request or a.has("inform")):
        out.add("status")  # "제 주문내역 좀 알려주세요": the order is looked up (its number asked for when not given)
    # "3만원 넘게 사면 그 추가금도 없어지는거죠?": a fee said to go away is still the fee asked about
    fee_asked = bool({"fee", "free"} & set(a.negated)) and a.is_question
    if a.has("fee", "free") or fee_asked or (a.has("shipping") and (a.has("price", "cost") or a.question == "how_much")) \
            or with_shipping(text):
        out.add("fee")  # "total with shipping?": what the order comes to, shipping included
    if region_named and not out & {"fee"} and not a.has("dispatch", "arrival", "duration", "when"):
        out.add("fee")
    if region_named and a.question == "how_much" and not a.has("arrival", "duration", "when"):
        out.add("fee")  # "울릉도로 보내면 총 얼마?": what it comes to sent there (보내다 is no question of when)
    if a.has("tracking", "status"):
        out.add("status")
    # the customer's own order, already placed ("제가 주문한 거", "제 주문", "화요일에 주문한 모니터", "어제 시킨 거")
    placed = placed_order(text)
    hypothetical_order = not placed and (a.hypothetical or a.has("today", "tomorrow", "weekend")
                                         or re.search(r"지금\s*(주문|결제|사면)", text))
    if a.has("dispatch", "duration", "today", "tomorrow", "weekend") or (a.has("arrival") and (a.question == "when" or a.has("today", "tomorrow", "when"))) \
            or a.question == "when" and a.has("shipping", "order", "buy"):
        if placed or not hypothetical_order and not a.has("dispatch", "duration") and (
                a.reported or a.mentions("order_number") or re.search(r"주문\s*(했|한)", text)):
            out.add("status")  # "배송 언제 와요? 주문번호는 몰라요", "제 주문 언제 출고돼요?": an order already placed
        else:
            out.add("dispatch")
    if placed and a.has("late", "tracking"):
        out.add("status")  # "주문한 모니터 아직도 배송중이래요 왜이리 느려요", "제가 주문한 거 송장번호 좀"
    elif not out and a.concepts == {"late"} and a.is_question \
            and all(h.form.startswith("언제") for h in a.hits if h.concept == "late"):
        # "언제와요?", "언제오나요" written as one word, naming no order and nothing late: when an order comes (an order
        # of theirs, named or just discussed, is read before this)
        out.add("dispatch")
    if (a.hypothetical or PLANNED.search(text) and CLOCK_OR_DAY.search(text)) and a.has("order", "buy", "payment") \
            and not out & {"fee"}:
        out.add("dispatch")  # ("결제를 저녁에 할거같은데 그럼요?": an order planned for a time, when it would come)
    if region_named and a.question == "yes_no" and "dispatch" in out and not placed \
            and not a.has("when", "arrival", "duration", "today", "tomorrow", "weekend") and not a.hypothetical:
        out.discard("dispatch")  # "백령도도 보내주나요?": whether that place gets parcels, and what it costs there
        out.add("fee")
    if region_named and a.question == "yes_no" and not out and not placed \
            and not a.has("when", "duration", "today", "tomorrow", "weekend", "dispatch"):
        out.add("fee")  # "울릉도로 받을 수 있어요?": the same, asked of receiving there
    if a.has("address") and (a.has("change") or a.request or a.question):
        out.add("address_change")
    if a.has("bundling") or (a.has("together") and a.has("shipping", "arrival") and not with_shipping(text)) \
            or _COMBINE.search(text) \
            or a.all("together", "dispatch") and (a.has("twice") or "따로" in text) and a.question != "when":
        # ("어제 주문 두번 따로 했는데 같이 보내주실수 있어요?": orders placed apart, sent as one)
        out.add("bundling")
        if _COMBINE.search(text) and not (a.question == "when" or a.has("when", "arrival", "tracking", "late")):
            out -= {"status", "dispatch"}  # ("따로 주문한 거 합쳐서 보내주세요": 보내- is the combining's verb, no when)
    if a.has("overseas"):
        out.add("overseas")
    if a.has("carrier") and not a.has("tracking") or _WHICH_COURIER.search(text):
        out.add("carrier")  # "택배 어디꺼 써요?", "which courier": the shop's carrier
    elif "택배" in a.lemmas and not a.has("tracking", "status", "region", "address") and any(
            (b := analyse_turn(part)).question in ("where", "which") and "택배" in b.lemmas for part in sentences(a.text)):
        out.add("carrier")  # "어디 택배로 와요?", "무슨 택배예요?" (in any sentence of the turn): which courier carries it
        if not (a.question == "when" or a.has("when", "arrival", "today", "tomorrow")):
            out.discard("dispatch")  # "무슨 택배로 보내요?": the courier, not the days
    return out


def delivery_asks(knowledge: Any, text: str) -> set[str]:
    """What a delivery question asks (fee, dispatch, status, overseas, carrier, address change, bundling), as the
    delivery agent reads it: for the pipeline to tell two questions of one message apart."""
    policy = knowledge.delivery_policy()
    text = _region_spelt(policy, localize_delivery(text))
    return _asks(analyse_turn(text), text, _region_named(policy, text))


def _dispatch_asked_apart(text: str) -> bool:
    """A sentence of its own asks when it ships ("… 배송비 얼마에요? 오늘 보내주나요?"): a second question beside the
    fee, not the fee's wording."""
    parts = sentences(text)
    return len(parts) > 1 and any((b := analyse_turn(x)).has("dispatch") and b.has("today", "tomorrow", "when")
                                  and not b.has("fee", "free") for x in parts)


def _changes_the_order(knowledge: Any, a: TurnAnalysis) -> bool:
    """A follow-up that only changes the order a fee was quoted for: another count ("2박스 사면요?") or a product added
    ("충전기도 같이 사면요?")."""
    from agent.mentions import COUNT_ONLY, adds_more, adds_to_previous, basket, counts_said

    # ("그럼 울머플러도 추가하면 무료배송 되나요? 총액은?": a product added, said by 추가 or 더, however long the turn;
    # "그럼 김 5개 사면요?": a short turn that buys a product counted, the order asked about before in another count)
    short_buy = len(a.text.split()) <= 4 and a.has("buy", "together")
    return bool(COUNT_ONLY.match(a.text)) or (short_buy or adds_more(a)) and bool(basket(knowledge, a.text)) \
        and adds_to_previous(a, knowledge) \
        or short_buy and counts_said(a.text) and bool(basket(knowledge, a.text) or _named_in_part(knowledge, a.text))


def _earlier_fee_turn(previous: str | None) -> str | None:
    """The previous customer message, localised, when it was about the fee (an amount or region to carry over)."""
    if not previous:
        return None
    text = localize_delivery(previous)
    a = analyse_turn(text)
    return text if amount_terms(text) is not None or a.has("fee", "free", "region") else None


def ground_delivery(knowledge: Any, turn: Turn | str, history: list[dict] | None = None,
                    now: Any = None) -> Grounding:
    """Facts and the offline reply for a delivery turn (what of it the shop never mentions said first)."""
    from agent.services import say_unstated

    turn = as_turn(turn, history, now)
    moved = _MOVED_FROM.search(turn.text)
    if moved is not None:
        # "주소를 제주도에서 서울로 변경할 수 있나요?": the place moved away from is no region the parcel goes to
        from dataclasses import replace

        rest = (turn.text[:moved.start(1)] + turn.text[moved.end(1):]).strip()
        turn = replace(turn, text=rest, analysis=analyse_turn(rest))
    return say_unstated(_ground_delivery(knowledge, turn), knowledge, turn.analysis)


# an address changed from one place to another ("제주도에서 서울로 바꾸고", "부산에서 제주로 변경"): group 1 the place left
_MOVED_FROM = re.compile(r"(\S+?에서)\s*\S+?(?:으로|로)\s*(?:\S+\s+)?(?:바꾸|바꿔|바꿀|변경|수정|옮기|옮겨|이사)")


# what a clause says the shop leaves out of a parcel ("거래명세서를 빼고 보내드립니다", "… 제외하고")
_LEFT_OUT = re.compile(r"빼고|빼서|제외하고|없이\s*(?:보내|발송|포장)")


def _left_out_of_the_parcel(g: Grounding, knowledge: Any, a: TurnAnalysis) -> bool:
    """"가격표 빼고 보내주실수 있어요?", "선물할건데 가격표 빼고 보내주세요": a thing to be left out of the parcel, asked
    when no time, fee or place is: the shop's clause that says what it sends without, whichever section holds it."""
    from agent.general_facts import quote
    from agent.policy_answer import PolicyAnswer, answer_policy

    if not a.has("exclude") or not (a.is_question or a.request) \
            or a.has("when", "arrival", "fee", "free", "region", "tracking", "status", "today", "tomorrow"):
        return False
    answer = answer_policy(knowledge, a)
    clause = next((p for p in answer.passages if _LEFT_OUT.search(p.text)), None) if answer.confident else None
    if clause is None:
        return False
    g.sentences.extend(quote(g, knowledge, PolicyAnswer(passages=[clause], confident=True)))
    g.topic = clause.key
    return True


# a follow-up that only changes when ("2시 전에 하면요?", "내일이면요?", "금요일에 하면?"): its conditional ending
_WHEN_FOLLOW_UP = re.compile(r"\s*(?:에\s*)?(?:하면|이면|(?<=[가-힣])면)\s*(?:요|은요|는요)?\s*[?？.!~]*\s*$")
_TIME_SAID = re.compile(r"\d|오늘|내일|낼|모레|주말|요일|오전|오후|아침|저녁|밤|새벽|지금|이따")


def _ground_delivery(knowledge: Any, turn: Turn) -> Grounding:
    from agent.mentions import IF_BOUGHT, basket
    from agent.order_access import order_for_turn
    from agent.problems import problem_kind

    g = Grounding(route="delivery", lang=turn.lang)
    now = shop_local(turn.now, knowledge) if turn.now else shop_now(knowledge)
    policy = knowledge.delivery_policy()
    text = _region_spelt(policy, localize_delivery(turn.text))
    a = analyse_turn(text)
    region_named = _region_named(policy, text)
    asks = _asks(a, text, region_named)
    if holidays_named(policy, text, now.date().isoformat()) and not asks & {"fee", "status", "address_change"}:
        asks |= {"dispatch"}  # "크리스마스에도 배송돼요?": whether parcels leave on that day, and when they do
    region_follow_up = False
    if region_named and asks == {"fee"} and not a.has("fee", "free", "price", "cost") and turn.previous:
        prev = localize_delivery(turn.previous)
        before = _asks(analyse_turn(prev), prev, _region_named(policy, prev))
        if "dispatch" in before and "fee" not in before:
            # "제주도면요?" after "오늘 주문하면 언제 출고돼요?": the same question for that region, and what it adds
            asks, region_follow_up = {"dispatch", "fee"}, True
    if asks <= {"dispatch"} and turn.previous and (when := _WHEN_FOLLOW_UP.search(text)) and not ORDER_VERB.search(text) \
            and _TIME_SAID.search(text):
        prev = localize_delivery(turn.previous)
        if "dispatch" in _asks(analyse_turn(prev), prev, _region_named(policy, prev)) and ORDER_VERB.search(prev):
            # "2시 전에 하면요?", "내일이면요?" after "오늘 3시에 주문하면 언제 출고돼요?": the same question, ordered then
            text = text[:when.start()] + " 주문하면요?"
            a, asks = analyse_turn(text), {"dispatch"}
    numbers = order_numbers(text, knowledge)
    from agent.general_facts import order_number_forgotten

    if not numbers and order_number_forgotten(g, knowledge, text, turn.history):
        return g.finish()  # "주문번호 모르는데 조회 가능해요?": a person finds the order by name and phone
    if not numbers and _left_out_of_the_parcel(g, knowledge, a):
        return g.finish()  # "가격표 빼고 보내주실수 있어요?": the shop's clause on what it leaves out, not the dates
    # a follow-up about the order just discussed: its status, fee or items, and when it comes ("오늘 못 받으면 언제까지
    # 기다려야 돼요"), unless the customer asks about placing a new order ("지금 주문하면 …")
    about_new_order = a.hypothetical and a.has("order", "buy", "payment")
    if not numbers and not about_new_order and (asks & {"status", "dispatch"} or a.has("order", "fee", "paid", "items")
                                                or is_late_parcel(a)  # "24일까지 온다면서 왜 아직도 안와요?"
                                                or turn.previous and not asks
                                                # ("그럼 배송지라도 바꿀 수 있어요?": an address is changed on an order placed)
                                                or turn.previous and asks == {"address_change"}
                                                # ("주소를 제주로 바꾸고 싶어요 가능해요?" after the order was named)
                                                or bool(turn.history) and "address_change" in asks
                                                or bool(turn.history) and a.is_question and bool(WITH_THE_ORDER.search(text))):
        # the order this conversation is about: named by the customer a few messages ago ("20261105-0012 주문 확인요"
        # → "박준호 / 2290" → "송장번호 알려주세요"), the newest one first
        earlier_texts = [turn.previous] if turn.previous and (not asks or asks == {"address_change"}) \
            else user_texts(turn.history)
        if turn.previous and not asks and is_late_parcel(a):  # "아직도 안왔는데 어떡해요" two questions after the number
            earlier_texts += user_texts(turn.history)
        numbers = next((found[:1] for t in earlier_texts if t and (found := order_numbers(t, knowledge))), [])
        if numbers and region_named and a.has("change") \
                and (turn.previous and analyse_turn(turn.previous).has("address") or _CHANGED_TO.search(text)):
            # "제주로 바꾸면 추가금 있어요?" after "20261122-0001 배송지 변경 가능해요?": the address change asked on
            asks.add("address_change")
            asks.discard("fee")  # (the fee asked is the new address's, not the one the order paid)
        if numbers and not asks:
            asks.add("status")
    if asks & {"dispatch"} and numbers and not a.hypothetical:
        asks.discard("dispatch")  # "주문번호 … 언제 와요": that order's status, not a new order's estimate
        asks.add("status")
    earlier = _earlier_fee_turn(turn.previous) if turn.previous and not numbers else None
    if earlier is not None and (asks & {"fee"} or amount_terms(text) is not None or region_named
                                or _changes_the_order(knowledge, a)  # ("2박스 사면요?": the fee of that many)
                                or IF_BOUGHT.search(text) and basket(knowledge, text)):  # ("A랑 B 사면요?": of these)
        asks.add("fee")
    else:
        earlier = None
    if asks & {"fee"} and not a.has("when", "arrival", "duration") and not a.question == "when" and not region_follow_up \
            and not _dispatch_asked_apart(text) and not (earlier is not None and order_when(text, now)[0] is not None):
        asks.discard("dispatch")  # (kept when an order time is said after a fee quote: "오늘 오후 5시에 주문하면요?")
    from agent.entities import deadline

    if not asks & {"fee", "status", "dispatch"} and not numbers and (
            deadline(text, now) is not None or _holiday_deadline(policy, text, now.date()) is not None):
        asks.add("dispatch")  # "목요일까지 받을 수 있음?": whether it comes by then
    if not asks and not numbers and a.is_question and a.has("shipping", "arrival") \
            and order_when(text, now)[0] is not None:
        asks.add("dispatch")  # "크리스마스에도 배송해요?", "do you ship on Christmas?": whether that day ships
    if asks & {"bundling", "overseas", "address_change", "carrier"} and not (a.question == "when" or a.has("when", "arrival")
                                                                            and not ("bundling" in asks and a.question == "yes_no"
                                                                                     and not a.has("today", "tomorrow"))):
        # "합배송 돼요?", "어느 택배사로 보내요?": that rule or carrier, not an order's dates ("사과랑 감귤 같이 시키면
        # 한박스로 와요?": how it comes, not when)
        asks.discard("dispatch")
    g.add("delivery:policy", policy_fact(policy))
    g.topic = next((t for t in ("status", "fee", "dispatch", "address_change", "bundling", "overseas", "carrier") if t in asks), "delivery")

    kind = problem_kind(a, knowledge)
    if kind is not None and kind != "other":
        from agent.general_facts import order_status_line, problem_reply

        status = ""
        for number in numbers[:1]:
            order, _ = order_for_turn(knowledge, number, turn)  # not shown: the person taking over checks it
            if order is not None:
                g.add(f"order:{order.number}", order_fact(order))
                status = order_status_line(g, order, tracking=kind == "not_received")
        return problem_reply(knowledge, g, turn, kind, status)

    if numbers:
        for number in numbers[:2]:
            order, refusal = order_for_turn(knowledge, number, turn)
            if order is None:
                if refusal is not None:  # not this chat's order, or no such order: the same request either way
                    refusal.apply(g)
                continue
            g.add(f"order:{order.number}", order_fact(order))
            g.subject = order.number
            _order_answer(g, order, a, now.date(), knowledge)
            from agent.general_facts import not_requested_change

            if not_requested_change(g, turn, order.status):  # "취소된거 맞나요? 제가 취소 안했는데"
                return g.finish()
            from agent.general_facts import option_change_before_dispatch

            if option_change_before_dispatch(g, knowledge, turn, order.status):  # "… 사이즈 변경 가능해요?"
                return g.finish()
            if order.status == "배송완료" and is_late_parcel(a) or _needs_person(order, a, now.date(), knowledge):
                # "아직도 안 왔어요", "2주째 결제완료에서 안 넘어가요", "너무 늦네요" past the window: a person checks
                g.handoff, g.handoff_reason = True, "delivery_issue"
            for key in ("address_change", "bundling"):
                if key in asks:
                    if key == "address_change":
                        stage_verdict(g, knowledge, order, key, "배송지 변경", "the address")
                    _quote_once(g, knowledge, a, (key,))
                    if key == "address_change":
                        _new_address_surcharge(g, knowledge, order, a)
            if order.status == "취소" and a.mentions("refund") and a.is_question and not g.handoff:
                # "20261109-0031 환불 됐나요?" of a cancelled order: its state, and when the refund comes by the shop's rule
                # (the order's state as context: no goods come back, so not the clause timed from a return's check)
                _quote_once(g, knowledge, analyse_turn(f"{text} 환불 기간"), ("refund",), context=order.status)
                from agent.general_facts import say_paid_with

                say_paid_with(g, turn, order)  # (how it was paid, and whether the rule's longest time has passed)
            if a.has("cancellation") and (a.request or a.is_question) and order.status not in ("취소", "배송완료"):
                # "2주 넘었는데 아직 상품준비중이에요 그냥 취소해주세요": the order's state, and the shop's cancellation rule
                if a.is_question:
                    stage_verdict(g, knowledge, order, "cancellation", "주문 취소", "the order")
                _quote_once(g, knowledge, analyse_turn(f"{text} {order.status}"), ("cancellation",), about="취소")
                # "그냥 취소해주세요", "취소하고 싶어요 … 환불은 언제 돼요?": staff cancel it (a request said beside a
                # question is still one; "취소 가능해요?" alone asks the rule)
                if a.request and not g.handoff:
                    from agent.general_facts import ACTION_HANDOFF

                    g.say(*ACTION_HANDOFF)
                    g.handoff, g.handoff_reason = True, "action_request"
        return g.finish()
    if _own_delivery_section(g, knowledge, a) or _clause_naming_the_word(g, knowledge, a) \
            or _own_section_follow_up(g, knowledge, turn, a):
        _weekday_arrival(g, text, now, knowledge, a)
        return g.finish()  # "새벽배송 몇 시까지 주문해야 돼요?": the shop's own section on that service
    # ("배송 너무 느려요", "배송 왜 이렇게 느려요": slowness complained of, not asked about, is their parcel late too)
    slow = a.has("late") and a.has("shipping", "arrival") and not a.hypothetical and not asks \
        and (not a.is_question or bool(WHY.search(text)))
    if ("status" in asks and not asks & {"fee", "dispatch"} or (is_late_parcel(a) or slow) and not asks & {"fee"}) \
            and "address_change" not in asks and not ("bundling" in asks and (_NOT_YET_SENT.search(text)
                                                                             or a.question == "yes_no" and a.has("possible"))):
        # "배송지 바꿀 수 있나요? 아직 안 보냈을 거예요", "합쳐서 보내줄 수 있어요? 둘 다 아직 출고 전이에요": the address or
        # bundling rule, not a late parcel (a bundle asked for that has not come, "묶음배송 신청했는데 왜 안 와요", is one)
        fmt = knowledge.order_number_format(g.lang) if hasattr(knowledge, "order_number_format") else ""
        placed = placed_at(text, now)
        # "언제 와요" is read as impatience too; with the time they ordered it asks the days (a window already past is late)
        impatient = is_late_parcel(a) or any(h.concept == "late" and not _ASKS_WHEN_COMES.fullmatch(h.form) for h in a.hits)
        if not (impatient or a.has("together")) and not asks & {"bundling", "address_change", "overseas", "carrier"} \
                and (a.question == "when" or a.has("when", "arrival", "dispatch")
                     # ("2시 10분에 결제했는데 오늘 출고 안되나요?": a negative question asks whether it ships today)
                     or a.question == "yes_no" and "dispatch" in a.negated) and placed is not None \
                and date.fromisoformat(str(knowledge.dispatch_estimate(placed).arrival_until)[:10]) >= now.date():
            # "오늘 오전 11시 반에 결제했는데 언제 도착해요?": the days for the time they ordered, then their order number (a
            # window already past is a late parcel: the number is asked for, nothing is promised)
            say_dispatch(g, knowledge, text, a, now, placed=True)
            _ask_order_number(g, fmt, "주문번호{f}를 알려주시면 주문 상태도 바로 확인해 드릴게요.",
                              "If you send your order number{fe}, I'll check its status too.")
            g.topic, g.ask_back = "dispatch", True  # the order number is still asked for
            return g.finish()
        if is_late_parcel(a) or a.has("late"):
            g.say("배송이 늦어져 걱정되셨죠.", "Sorry your parcel is taking a while.")
        if "carrier" in asks and getattr(policy, "carrier", ""):  # "택배 어디꺼 써요? 송장번호도 나오죠?": the carrier first
            g.say("배송은 {c}{j} 보내드리고, 출고되면 송장번호로 배송 조회하실 수 있어요.",
                  "We ship with {c}; once it ships, you can track it with the tracking number.", c=policy.carrier,
                  j=josa(policy.carrier, "으로", "로"))
        if OWN_ORDER_CONTENT.search(text):  # ("제 주문내역 알려주세요": what it holds, not where it is)
            _ask_order_number(g, fmt, "주문 내역을 확인해 드릴게요. 주문번호{f}를 알려주시겠어요?",
                              "I'll look up your order. Could you tell me your order number{fe}?")
        else:
            _ask_order_number(g, fmt, "배송 상황을 확인해 드릴게요. 주문번호{f}를 알려주시겠어요?",
                              "I'll check the delivery. Could you tell me your order number{fe}?")
        g.ask_back, g.use_lm, g.topic = True, False, "status"
        return g.finish()
    if "fee" in asks and not region_named and earlier is None:
        text, region_named = _region_said_before(policy, turn, text)
    elif "dispatch" in asks and not region_named and turn.previous and not numbers and "fee" not in asks:
        # "도착은 며칠 더 걸려요?", "며칠 걸려요?" after the Jeju fee or "제주도도 배송돼요?": the days of the region just
        # named, its extra days with them
        text, region_named = _region_said_before(policy, turn, text)
    if "fee" in asks:
        _fee(g, knowledge, policy, text, a, earlier, region_named, _earlier_baskets(turn, knowledge, a),
             name_it=not turn.same_message)
        _fee_condition(g, knowledge, policy, a)
        basket_after_coupon(g, knowledge, a)
    if "dispatch" in asks and not numbers and _section_of_the_product(g, knowledge, turn, a):
        pass  # "TV 언제 와요?": the installer's visit the shop's own section states, not a parcel's dates
    elif "dispatch" in asks:
        # ("어제 일요일 밤에 주문했는데 … 언제쯤 받을까요": the order already placed then, not a Sunday still to come)
        say_dispatch(g, knowledge, text, a, now, placed=placed_at(text, now) is not None)
        if region_named:
            _region_time_note(g, knowledge, policy, text)
    for key in ("address_change", "bundling", "overseas"):
        abroad_refused = key == "overseas" and not policy.ships_overseas and not region_named
        if key in asks and not (key == "overseas" and "fee" in asks and not abroad_refused):
            # ("미국으로 보내주실 수 있나요? 배송비 더 낼게요": that no parcel goes abroad is said first, before any fee)
            before = len(g.sentences)
            quoted = _quote_policy(g, knowledge, a, (key if key != "address_change" else "address_change",),
                                   faq_title=_SHIPPING_QUESTION)  # never "상한 상품이 왔어요" for "같이 시키면 한번에 와요?"
            if not quoted and key == "bundling" and (a.has("bundling") or _COMES_TOGETHER.search(a.text)):
                # "같이 주문하면 한번에 와요?": whether things come together is the bundling section's, whatever its
                # words; a short section is said whole (a long one would be a guess)
                try:
                    section = knowledge.passages().section(key)
                except (AttributeError, TypeError):
                    section = []
                if 0 < len(section) <= 2:
                    from agent.general_facts import PolicyAnswer

                    _say_rule(g, knowledge, a, PolicyAnswer(passages=list(section), confident=True))
            said = " ".join(g.sentences)
            if key == "overseas" and not policy.ships_overseas and (not quoted or a.has("shipping", "dispatch", "arrival")
                                                                    and not re.search(r"해외\s*배송|overseas", said, re.I)):
                # "Can I use it in Japan? Do you ship there?": the quoted clause spoke of using it; shipping is said first
                g.sentences.insert(before, g.text("죄송하지만 해외 배송은 하지 않아요.", "Sorry, we don't ship overseas."))
            if abroad_refused and "fee" in asks:
                g.sentences[:] = g.sentences[before:] + g.sentences[:before]
    if "carrier" in asks:
        g.say("배송은 {c}{j} 보내드려요.", "We ship with {c}.", c=policy.carrier, j=josa(policy.carrier, "으로", "로"))
    if not g.sentences:
        # ("Ok what if I ship it to my friend in Busan instead?": a place of the standard delivery area, when no clause
        # of the shop's speaks to the turn)
        # (the standard area first: a clause that lists a service's areas, "서울·경기·인천 일부 지역은 새벽배송 …", is
        # no answer to whether 부산 gets parcels)
        if _only_place_asked(a):
            answered = _standard_place(g, policy, a) or _quote_policy(g, knowledge, a, ("delivery",), shipping_only=True)
        else:
            answered = _quote_policy(g, knowledge, a, ("delivery",), shipping_only=True) or _standard_place(g, policy, a)
        if not answered:
            # (never a promise that someone will reply when no one is called: what the shop's texts lack is said, and a
            # person offered)
            g.say("문의하신 내용은 배송 안내에 따로 나와 있지 않아요. 정확한 확인이 필요하시면 담당자에게 연결해 드릴게요.",
                  "Our delivery information doesn't cover that; if you need it confirmed, I can connect you to a staff "
                  "member.")
            g.topic = "no_rule"
    return g.finish()


# things said to come together or apart ("한번에 와요?", "한 박스로 와요?", "같이 받을 수 있어요?")
_COMES_TOGETHER = re.compile(r"(같이|함께|한\s*번에|한\s*박스|한\s*상자|따로)\s*\S{0,4}\s*(와|오|받|보내|발송|배송)")
# a rule mapping order days to an arrival day ("금요일·토요일 주문은 월요일 새벽에 도착합니다")
_RULE_WEEKDAYS = re.compile(r"((?:[월화수목금토일]요일\s*[·,및와과]?\s*)+)\s*주문\s*(?:분)?\s*(?:은|는|도)?\s*(?:다음\s*주\s*)?"
                            r"([월화수목금토일])요일\s*(새벽|아침|오전|오후|저녁)?\s*(?:에\s*)?(?:도착|배송|받)")
# the day the customer would order on, named ("금요일 밤에 새벽배송으로 시키면", "if I order on Friday night")
_ORDER_ON = re.compile(r"([월화수목금토일])요일\s*(?:날\s*)?(?:밤|저녁|오후|오전|아침|새벽|늦게)?\s*(?:에|에는|에도)?\s*(?:\S+\s+){0,2}?"
                       r"(?:주문|시키|시켜|시킨|결제|구매)|\border(?:ed|ing)?\s+(?:it\s+)?(?:on\s+)?(?:a\s+)?(" + "|".join(WEEKDAYS_EN) + r")\b",
                       re.I)
# an order placed today, now ("오늘 새벽배송 주문하면", "지금 시키면", "if I order today"): today's weekday is its day
_ORDER_TODAY = re.compile(r"(?:오늘|지금|이따|today|now)\s*(?:밤|저녁|오후)?\s*(?:에|에는)?\s*(?:\S+\s+){0,2}?(?:주문|시키|시켜|결제|구매)"
                          r"|\border(?:ing)?\b[^.?!]{0,30}?\b(?:today|now|tonight)\b", re.I)
# the day the customer hopes it arrives ("토요일 아침에 오나요", "arrive on Saturday")
_ARRIVE_ON = re.compile(r"([월화수목금토일])요일\s*(?:날\s*)?(?:밤|저녁|오후|오전|아침|새벽)?\s*(?:에|에는|까지)?\s*(?:\S+\s+)?(?:와|오|도착|받)"
                        r"|\b(?:arrive|come|get\s+it|be\s+there)\w*\s+(?:by\s+|on\s+)?(" + "|".join(WEEKDAYS_EN) + r")\b", re.I)


def _weekday_arrival(g: Grounding, text: str, now: datetime, knowledge: Any = None,
                     a: TurnAnalysis | None = None) -> None:
    """The day an order placed on the weekday the customer names arrives, by the quoted rule that maps order days to
    an arrival day ("금요일 밤에 시키면 토요일에 와요?" against "금요일·토요일 주문은 월요일 새벽에 도착합니다"): the dates,
    and a no when they hoped for another day. With no day named, a question whether or when the service brings an
    order is about one placed now: "서울 사는데 새벽배송 돼요?" on a Friday evening is told it comes on Monday at dawn,
    by the service's own section even when the reply quoted another of its clauses."""
    from datetime import timedelta

    said = _ORDER_ON.search(text) or _ORDER_TODAY.search(text)
    sentences = list(g.sentences)
    if said is None:
        if knowledge is None or a is None or not g.subject or a.negated or a.hypothetical \
                or any(x.startswith("아니요") for x in g.sentences) or _region_named(knowledge.delivery_policy(), text) \
                or not (a.question in ("yes_no", "when") or a.has("when", "arrival")) \
                or re.search(r"[월화수목금토일]요일|주말|내일|모레|다음\s*주|\b(?:tomorrow|weekend|" + "|".join(WEEKDAYS_EN)
                             + r")\b", text, re.I):
            return
        try:
            sentences += [x.text for x in knowledge.passages().section(g.subject) if x.kind == "clause"]
        except (AttributeError, TypeError):
            return
        order_wd = now.weekday()
    else:
        order_wd = now.weekday() if said.re is _ORDER_TODAY else \
            WEEKDAYS_KO.index(said.group(1)) if said.group(1) else WEEKDAYS_EN.index(said.group(2).lower())
    for sentence in sentences:
        for rule in _RULE_WEEKDAYS.finditer(sentence):
            days = {WEEKDAYS_KO.index(c) for c in re.findall(r"([월화수목금토일])요일", rule.group(1))}
            if order_wd not in days:
                continue
            arrive_wd = WEEKDAYS_KO.index(rule.group(2))
            ordered = now.date() + timedelta(days=(order_wd - now.weekday()) % 7)
            arrives = ordered + timedelta(days=(arrive_wd - order_wd) % 7 or 7)
            g.add(f"derived:weekday_arrival:{ordered.isoformat()}",
                  f"{korean_date(ordered.isoformat())} 주문 → {korean_date(arrives.isoformat())} 도착 (규칙: {rule.group(0)})")
            hoped = next((m for m in _ARRIVE_ON.finditer(text) if m.start() >= said.end() - 2), None)
            hoped_wd = None if hoped is None else (WEEKDAYS_KO.index(hoped.group(1)) if hoped.group(1)
                                                   else WEEKDAYS_EN.index(hoped.group(2).lower()))
            no = hoped_wd is not None and hoped_wd != arrive_wd
            when = {"새벽": ("새벽에 ", "early morning"), "아침": ("아침에 ", "in the morning"), "오전": ("오전에 ", "in the morning"),
                    "오후": ("오후에 ", "in the afternoon"), "저녁": ("저녁에 ", "in the evening")}.get(rule.group(3) or "", ("", ""))
            if said is None:
                # (after the reply's first sentence, which says whether and where the service runs)
                g.sentences.insert(min(1, len(g.sentences)), g.text(
                    f"오늘 {korean_date(ordered.isoformat())} 주문하시면 {korean_date(arrives.isoformat())} {when[0]}도착해요.",
                    f"An order placed today, {korean_date(ordered.isoformat(), 'en')}, arrives on "
                    + f"{korean_date(arrives.isoformat(), 'en')}" + (f" {when[1]}" if when[1] else "") + "."))
                return
            g.sentences.insert(0, g.text(
                ("아니요, " if no else "") + f"{korean_date(ordered.isoformat())}에 주문하시면 "
                + (f"{WEEKDAYS_KO[hoped_wd]}요일이 아니라 " if no else "") + f"{korean_date(arrives.isoformat())} {when[0]}도착해요.",
                ("No: " if no else "") + f"an order placed on {korean_date(ordered.isoformat(), 'en')} arrives on "
                + f"{korean_date(arrives.isoformat(), 'en')}" + (f" {when[1]}" if when[1] else "") + "."))
            return


_SHIPPING_CONCEPTS = frozenset({"shipping", "dispatch", "fee", "arrival", "region"})
_STANDARD_SECTIONS = ("delivery", "holidays", "returns", "exchange", "refund")
# an FAQ question about shipping itself (what a bundling, address or overseas rule may be answered by)
_SHIPPING_QUESTION = re.compile(r"배송|발송|출고|도착|택배|묶음|합배송|주소|배송지|해외|(같이|함께|한\s*번에|따로)\s*\S{0,3}\s*(와|오|받|보내)|"
                                r"\b(ship|deliver|parcel)", re.I)
_ANSWERED_HERE = frozenset({"bundling", "address", "overseas"})


# words every delivery section's title shares: naming one of them names no particular service
# orders combined into one parcel, in the customer's words ("합쳐서 보내줄 수 있어요?", "한 박스로 묶어 주세요")
_COMBINE = re.compile(r"합쳐\s*(서)?\s*(보내|받|배송|발송)|한꺼번에\s*(보내|받)|한\s*박스로|묶어\s*(서)?\s*(보내|주|줄)")
# not dispatched yet: what lets orders be combined
_NOT_YET_SENT = re.compile(r"(출고|발송|배송)\s*(전|안\s*(됐|됬|되었))|안\s*나갔|준비\s*중|결제\s*완료")
_GENERIC_DELIVERY_WORDS = frozenset({"배송", "배송비", "택배", "택배비", "주문", "출고", "발송", "도착", "배송료", "안내"})


def _own_delivery_section(g: Grounding, knowledge: Any, a: TurnAnalysis) -> bool:
    """A delivery service the shop describes in a section of its own (새벽배송, 퀵, 설치 배송 …): when the
    question names it literally, that section answers, not the standard fee/dispatch rule (even when the standard
    rule, which may mention the service too, ranks first: "새벽배송 몇시까지 주문해야 돼요?")."""
    from agent.policy_answer import _title_topics, answer_policy

    words = {m.surface for m in a.morphemes if m.pos in ("NNG", "NNP") and len(m.surface) >= 2}
    named = (words | {"".join(a.text.split())[:i] for i in range(2, 5)}) - _GENERIC_DELIVERY_WORDS

    def own(p: Any) -> bool:
        title_topics = _title_topics(p.title)
        if p.kind != "clause" or p.key in _STANDARD_SECTIONS or not (title_topics & _SHIPPING_CONCEPTS):
            return False
        if title_topics & _ANSWERED_HERE:
            return False  # bundling, address changes, overseas: answered with the fee/dispatch rules below
        compact_title = p.title.replace(" ", "")
        # the service is named as the section's own title names it ("새벽", not the 배송 every title has)
        return any(w in compact_title and not any(w in g_ for g_ in _GENERIC_DELIVERY_WORDS) for w in named)

    answer = answer_policy(knowledge, a)
    # (the standard rule not sure of itself, "지금 새벽배송 주문하면 언제 와요? 서울이에요", still leaves the service's
    # own section to answer when the turn names it)
    if not answer.passages or not (answer.confident and own(answer.passages[0])):
        try:
            sections = {p.key for p in knowledge.passages().passages if own(p)}
        except (AttributeError, TypeError):
            return False
        if len(sections) != 1:
            return False
        answer = answer_policy(knowledge, a, keys=tuple(sections), topics=())  # the section named is the topic
        if not answer.passages or not (own(answer.passages[0]) or answer.passages[0].kind == "faq"
                                       and any(w in answer.passages[0].title.replace(" ", "") for w in named)):
            # ("새벽배송 언제 와요?": when the service brings it, asked in words none of its clauses write: the section
            # itself, in its order, which states its days and hours)
            if not (a.question == "when" or a.has("when", "arrival")) or a.has("fee", "free", "tracking", "status"):
                return False  # an FAQ entry answers only when its question names the service ("새벽배송 되나요?")
            from agent.policy_answer import PolicyAnswer

            try:
                clauses = [x for x in knowledge.passages().section(next(iter(sections))) if x.kind == "clause"]
            except (AttributeError, TypeError):
                return False
            if not clauses:
                return False
            answer = PolicyAnswer(passages=clauses, confident=True)
    p = answer.passages[0]
    if a.question == "yes_no" and not a.negated and not a.has("region") \
            and not _region_named(knowledge.delivery_policy(), a.text) and not re.search(r"[월화수목금토일]요일|주말", a.text):
        # "새벽배송 되나요?": whether the service is had is said by its section's first clause (where and until when
        # it runs), whichever clauses matched the words best (not "제주도 새벽배송 돼요?", "금요일 밤에 시키면 토요일에
        # 와요?": the clause on that place or day answers)
        try:
            opening = next((x for x in knowledge.passages().section(p.key)), None)
        except (AttributeError, TypeError):
            opening = None
        if opening is not None and all(opening.text != x.text for x in answer.passages):
            from dataclasses import replace as _with

            answer = _with(answer, passages=[opening, *answer.passages])
    _say_rule(g, knowledge, a, answer)
    g.topic, g.subject = "delivery_service", p.key
    return True


def _place_not_listed(g: Grounding, a: TurnAnalysis, texts: list[str]) -> None:
    """"부산도 새벽배송 돼요?" against "서울·경기·인천 일부 지역은 …": the province asked of is not among the provinces
    the rule lists, said before the rule."""
    from agent.policy_answer import provinces_asked
    from core.knowledge.delivery_rules import PROVINCES

    if a.question != "yes_no":
        return
    from agent.english_gloss import says_no

    asked = provinces_asked(a)
    # (the areas the rule serves, not those a sentence of it refuses: "제주·도서산간은 새벽배송이 되지 않습니다")
    joined = " ".join(t for t in texts if not says_no(t))
    listed = sorted((p for p in PROVINCES if p in joined), key=joined.index)
    if len(asked) == 1 and len(listed) >= 2 and asked[0][:2] not in listed:
        place = asked[0]
        g.say("말씀하신 {place}{j} 안내된 지역({listed})에 들어 있지 않아요.",
              "{place_en} is not among the areas the rule lists ({listed_en}).", place=place,
              j=josa(place, "은", "는"), listed="·".join(listed), place_en=PROVINCES[place[:2]][0].title(),
              listed_en=", ".join(PROVINCES[p][0].title() for p in listed))


def _place_classed(g: Grounding, knowledge: Any, a: TurnAnalysis, texts: list[str]) -> None:
    """"울릉도도 새벽배송 돼요?" against "제주·도서산간은 새벽배송이 되지 않습니다": the place named is in a region the rule
    names only by its class, which is said before the rule (the customer need not know 울릉도 is 도서산간)."""
    from core.knowledge.delivery_rules import place_of_region

    try:
        named = place_of_region(knowledge.delivery_policy(), a.text)
    except (AttributeError, TypeError):
        return
    if named is None or g.lang != "ko":
        return
    place, region = named
    if not any(region in t for t in texts) or any(place in t for t in texts) \
            or f"{region} 지역" in " ".join(g.sentences):
        return  # (nor when the reply says it already: "말씀하신 곳은 도서산간 지역이라 …")
    g.add(f"delivery:region_of:{place}", f"{place}: {region} 지역")
    g.say("{place}{j} {region} 지역이에요.", "", place=place, j=josa(place, "은", "는"), region=region)


def _region_refused(g: Grounding, knowledge: Any, a: TurnAnalysis, texts: list[str]) -> None:
    """"제주도 새벽배송 돼요?" against "…, 제주·도서산간은 새벽배송이 되지 않습니다": the clause that refuses the region the
    customer names (by its own name or its class) answers no, said first; the rule follows as its source."""
    from agent.english_gloss import _CLAUSE_BREAK, says_no
    from core.knowledge.delivery_rules import place_of_region, region_of_text

    if g.lang != "ko" or a.question != "yes_no" or a.negated or any(x.startswith("아니요") for x in g.sentences):
        return
    try:
        policy = knowledge.delivery_policy()
    except (AttributeError, TypeError):
        return
    region = region_of_text(policy, a.text) or (place_of_region(policy, a.text) or (None, None))[1]
    if region not in ("제주", "도서산간"):
        return
    for i, text in enumerate(texts):
        clauses = _CLAUSE_BREAK.split(text)
        at = next((k for k, c in enumerate(clauses) if region in c and says_no(c)), None)
        if at is None:
            continue
        if g.sentences and g.sentences[-1].endswith(f"{region} 지역이에요."):
            # ("울릉도도 새벽배송 돼요?": the place's region said just before answers no, the refusal follows)
            g.sentences[-1] = "아니요, " + g.sentences[-1]
            g.say("{p}.", "", p=clauses[at].strip().rstrip("."))
        else:
            g.say("아니요, {p}.", "", p=clauses[at].strip().rstrip("."))
        # (the rule's other clauses stay, as a sentence of their own: "새벽배송비는 택배 배송비와 같고" -> "… 같습니다")
        rest = [c.strip() for k, c in enumerate(clauses) if k != at and c.strip()]
        if at == len(clauses) - 1 and rest and all(re.search(r"[가-힣]$", c) for c in rest):
            from core.language.korean_text import declarative_form

            rest[-1] = declarative_form(rest[-1]) + "."
            texts[i] = ", ".join(c + "고" for c in rest[:-1]) + (", " if len(rest) > 1 else "") + rest[-1]
        else:
            del texts[i]
        return


def _say_rule(g: Grounding, knowledge: Any, a: TurnAnalysis, answer: Any) -> list[str]:
    """The chosen passages as the reply's sentences: quoted as written, or for an English customer what English can
    say of them first (`general_facts.english_rule`)."""
    from agent.general_facts import quote

    texts = quote(g, knowledge, answer)
    _place_not_listed(g, a, texts)
    _place_classed(g, knowledge, a, texts)
    _region_refused(g, knowledge, a, texts)
    if g.lang == "en":
        from agent.english_rules import section_values
        from agent.general_facts import english_rule, own_names

        english_rule(g, a, texts, values=section_values(knowledge, answer.passages), names=own_names(knowledge))
    else:
        g.sentences.extend(texts)
    return texts


def _section_of_the_product(g: Grounding, knowledge: Any, turn: Turn, a: TurnAnalysis) -> bool:
    """A product asked of (in the turn, or in an earlier question of the same message) that a delivery section of the
    shop's own names ("TV는 설치 기사가 방문해 … 결제 후 3~7일 안에"): that section's clauses saying when, instead of the
    standard parcel's dispatch and arrival. False when no such section names it."""
    from agent.general_facts import PolicyAnswer
    from agent.mentions import mentioned_products
    from agent.product_facts import is_pre_order, product_fact, say_pre_order

    def asked_of(said: str) -> list[Any]:
        products = [p for pid in dict.fromkeys(mentioned_products(knowledge, said)) if (p := knowledge.product(pid))]
        if products:
            return products
        try:
            found = knowledge.find_products(said)
        except (AttributeError, TypeError):
            return []
        if found.matches and not found.ambiguous and found.matches[0].score >= 85:
            return [knowledge.product(found.matches[0].product_id)]
        from agent.entities import category_in  # "TV는 언제 와요?": a kind the shop sells one product of

        kind = category_in(knowledge, said)
        members = knowledge.filter_products(category=kind, limit=2) if kind else []
        return list(members) if len(members) == 1 else []

    # (or, the turn naming none, the one the customer asked of just before: "언제 받을 수 있어요?" after "TV 65인치
    # 있어요?")
    products = asked_of(" ".join([*turn.same_message, a.text])) or (asked_of(turn.previous) if turn.previous else [])
    if len(products) != 1 or products[0] is None:
        return False
    product = products[0]
    if is_pre_order(product):  # "절임배추 … 언제 도착해요?": as its own description says, not the day's parcel
        g.add(f"product:{product.id}", product_fact(product))
        say_pre_order(g, product, knowledge)
        g.topic, g.subject = "dispatch", product.id
        return True
    names = [n for n in (product.name, *product.aliases) if len(n) >= 2]
    try:
        passages = knowledge.passages().passages
    except (AttributeError, TypeError):
        return False
    # the shop's clause naming this product and saying when it comes ("TV는 … 결제 후 3~7일 안에 … 배송·설치됩니다")
    timed = re.compile(r"\d+\s*(~\s*\d+\s*)?(일|영업일)\s*(안|이내|내|후|뒤)|당일|다음\s*날|순차")
    # (never an after-sale rule's period, "김·들기름 … 7일 이내 반품 … 왕복 배송비", nor a fee's "배송비")
    clauses = [p for p in passages if p.kind == "clause" and any(n in p.text for n in names) and timed.search(p.text)
               and re.search(r"배송(?!비)|도착|설치|출고|발송", p.text)
               and p.key not in (*AFTER_SALE_ACTS, "defects")][:2]
    if not clauses:
        return False
    _say_rule(g, knowledge, a, PolicyAnswer(passages=clauses, confident=True))
    g.topic, g.subject = "delivery_service", clauses[0].key
    return True


def _own_section_follow_up(g: Grounding, knowledge: Any, turn: Turn, a: TurnAnalysis) -> bool:
    """"금요일 밤에 시키면요?" right after "새벽배송 어떻게 돼요?": a short follow-up about the service the customer just
    asked of, answered by that section's clauses that name a word of it ("금요일·토요일 주문은 월요일 새벽에 도착합니다"),
    not by the standard parcel dispatch. False when no clause of that section names one."""
    from agent.general_facts import PolicyAnswer
    from agent.mentions import mentioned_products

    if not turn.previous or len(a.text.split()) > 5 or a.has("fee", "tracking", "status") \
            or mentioned_products(knowledge, a.text):
        return False  # (a place named is the service's own question: "인천 송도요 오늘밤 10시에 주문하면?")
    before = Grounding(route="delivery", lang=g.lang)
    if not _own_delivery_section(before, knowledge, analyse_turn(localize_delivery(turn.previous))) or not before.subject:
        return False
    words = {m.surface for m in a.morphemes if m.pos in ("NNG", "NNP") and len(m.surface) >= 2} - _GENERIC_DELIVERY_WORDS
    # a place said with its kind ("제주도", "부산시") is written by its name alone in a rule ("제주·도서산간은 …")
    words |= {w[:-1] for w in words if len(w) >= 3 and w[-1] in "도시군구"}
    if re.search(r"택배|일반\s*배송", a.text):
        return False  # "택배는 언제 와요?": the standard parcel, asked apart from the service
    try:
        clauses = [p for p in knowledge.passages().passages if p.kind == "clause" and p.key == before.subject
                   and any(w in p.text for w in words)]
    except (AttributeError, TypeError):
        return False
    if not clauses:
        return False
    _say_rule(g, knowledge, a, PolicyAnswer(passages=clauses[:2], confident=True))
    g.topic, g.subject = "delivery_service", before.subject
    return True


_FREE_SAID = re.compile(r"배송비\S{0,2}\s*(?:\S+\s+)?무료|무료\s*배송")  # a clause that frees the fee ("… 배송비가 무료이고")
_CONDITION_AFTER = re.compile(r"\s*(?:회원|등급|고객)?\s*(?:이면|면|이라면|라면|인데|이어도|여도|이라도|라도|"
                              r"(?:에\s*)?가입\s*하면|(?:을|를)?\s*(?:쓰면|사용하면|적용하면)|"
                              # (the condition the customer is not in: "멤버십 아닌데", "멤버십 가입 안했는데")
                              r"(?P<not>(?:이|가)?\s*아닌데|(?:이|가)?\s*아니면|(?:에\s*)?가입\s*(?:안|않)|"
                              r"(?:을|를)?\s*안\s*(?:쓰|써|쓴)))")


# a place the customer would change to ("제주도로 바꾸면", "울릉도로 변경하면"): the destination of the order changed
_CHANGED_TO = re.compile(r"(?:으로|로)\s*(?:바꾸|바꿔|바뀌|변경)")


def _place_of_kind(policy: Any, text: str, region: str) -> bool:
    """Whether the customer named a place ("울릉도") the shop's rule calls by its kind (도서산간) rather than the kind
    itself (the reply says "말씀하신 곳": the text here is the delivery reader's, whose place words may be cut to their
    stem)."""
    stems = [x for x in (*(getattr(policy, "remote_region_words", ()) or ()), *(getattr(policy, "jeju_region_words", ())
                                                                             or ())) if x and x != "제주"]
    return any(region not in w and w.startswith(tuple(stems)) for w in re.findall(r"[가-힣]{2,}", text or "")) \
        if stems else False


def _cutoff_moot(knowledge: Any, est: Any) -> bool:
    """Whether an order of that day ships on the same day whatever its hour (a weekend or holiday: the cut-off of
    that day decides nothing, so a reply never says "14:00 전에 주문하셨다면" of a Sunday)."""
    day = str(est.ordered_at)[:10]
    try:
        first = knowledge.dispatch_estimate(datetime.fromisoformat(f"{day}T00:01"))
        last = knowledge.dispatch_estimate(datetime.fromisoformat(f"{day}T23:59"))
    except (AttributeError, TypeError, ValueError):
        return False
    return str(first.dispatch_date)[:10] == str(last.dispatch_date)[:10] != day


def basket_after_coupon(g: Grounding, knowledge: Any, a: TurnAnalysis) -> None:
    """"들기름이랑 김 3개 사면 무료배송 돼요? 첫구매 쿠폰 쓰면 얼마에요": a basket totalled, and the one coupon quoted for it
    states one coupon of the shop's section: the total less it, or that the total is under its minimum
    (`agent.coupon_price`). Nothing when no total was derived, or the quoted text states several coupons."""
    from agent.coupon_price import coupon_stated, say_price_after

    if not a.has("coupons") or not (a.has("price") or a.question == "how_much"):
        return
    total_fact = next((f for f in g.facts if f.id.startswith("derived:total:")), None)
    found = re.search(r"합계 ([\d,]+)원", total_fact.text) if total_fact is not None else None
    coupon = coupon_stated(knowledge, " ".join(g.sentences)) if found is not None else None
    if found is None or coupon is None:
        return
    say_price_after(g, coupon, f"derived:coupon:basket:{coupon.key}", "합계", int(found.group(1).replace(",", "")),
                    alone=False)


def _fee_condition(g: Grounding, knowledge: Any, policy: Any, a: TurnAnalysis) -> None:
    """"멤버십이면 제주 추가배송비도 없어요?", "VIP면 도서산간 추가배송비 면제돼요?": a condition of the shop's own rules
    (a membership, a tier, a coupon) the fee is asked under. Its clause that speaks of the shipping fee follows the fee
    sentence; when the surcharge of a region is asked and that clause never names one, or when no clause of it speaks
    of the fee at all, that is said: the rules do not say it changes the fee."""
    from agent.general_facts import quote
    from agent.mentions import COUNTERS, mentioned_products
    from agent.policy_answer import PolicyAnswer
    from agent.turn_analysis import GENERIC_NOUNS

    if not a.is_question:
        return
    try:
        store = knowledge.passages()
    except (AttributeError, TypeError):
        return
    # the fee rules' own words (배송비, 추가, 제주, 무료 …) are the fee's, never a condition of it
    amounts = {won(x) for x in (policy.base_fee, policy.free_threshold, policy.jeju_surcharge, policy.remote_surcharge) if x}
    fee_words = " ".join(p.text for p in store.passages if p.kind == "clause" and any(x in p.text for x in amounts))
    spans = [(h.start, h.end) for h in a.hits if h.concept in ("region", "fee", "free", "shipping", "order", "buy")]
    # the noun said as the condition ("멤버십이면", "VIP 회원인데", "쿠폰 쓰면", "가입하면"), not any noun of the turn
    # (a place or a person's name is no condition of a rule: "울릉도도 배송돼요?" names where, its region's fee says it)
    nouns = [m.surface for m in a.morphemes if m.pos in ("NNG", "NNP", "SL") and len(m.surface) >= 2
             and m.semantic not in ("인명", "지명") and _CONDITION_AFTER.match(a.text, m.end)
             and m.surface.lower() not in GENERIC_NOUNS and m.surface not in fee_words
             and not any(s0 < m.end and m.start < e0 for s0, e0 in spans) and not mentioned_products(knowledge, m.surface)]
    for noun in nouns:
        holding = [p for p in store.containing(noun) if p.kind in ("clause", "faq")]
        if not holding or len(holding) > 3 or re.fullmatch(COUNTERS, noun):
            continue  # (a word many rules use, "상태", or a counter, "두박스면", is no condition of the shop's)
        on_fee = [p for p in holding if re.search(r"배송비|무료\s*배송|무료배송", p.text)]
        if on_fee:
            said = " ".join(g.sentences)
            clause = [x for x in quote(g, knowledge, PolicyAnswer(passages=on_fee[:1], confident=True))
                      if x not in said]
            no = next((i for i, x in enumerate(g.sentences) if x.startswith("아니요, ")), None)
            outside = bool(_CONDITION_AFTER.match(a.text, next(m.end for m in a.morphemes if m.surface == noun))["not"])
            if no is not None and clause and _FREE_SAID.search(clause[0]) and a.question == "yes_no" and a.has("free") \
                    and not outside:
                # "멤버십 회원인데 두부 하나만 사도 무료배송이에요?": the rule of the customer's condition frees the fee, so
                # it answers yes; the order's own fee is what it costs without it
                g.sentences[no] = "{n}{j} 아니시면 {rest}".format(n=noun, j=josa(noun, "이", "가"),
                                                                 rest=g.sentences[no].removeprefix("아니요, "))
                g.sentences[no:no] = [f"네, {clause[0]}", *clause[1:]]
            else:
                g.sentences.extend(clause)
        surcharge = a.has("region") or "추가" in a.text
        if not on_fee or surcharge and not any(re.search(r"추가|제주|도서산간|산간", p.text) for p in on_fee):
            g.add(f"turn:asked:{noun}", f"고객이 말한 조건 {noun} (배송비 {'추가분 ' if on_fee else ''}안내 없음)")
            g.say("{n}{j} {what}가 달라지는지는 안내에 따로 나와 있지 않아요.",
                  "Our information doesn't say that {n} changes {what_en}.", n=noun, j=josa(noun, "이면", "면"),
                  what="지역 추가 배송비" if on_fee else "배송비",
                  what_en="the regional surcharge" if on_fee else "the shipping fee")
        return


def _clause_naming_the_word(g: Grounding, knowledge: Any, a: TurnAnalysis) -> bool:
    """A short delivery question whose one thing asked is a word only one non-standard rule section of the shop writes
    ("해피콜은 언제쯤 와요?" of the TV installation section): that section's clauses answer, not the standard dispatch."""
    from agent.mentions import mentioned_products
    from agent.policy_answer import answer_policy

    # a cost asked of that thing ("TV 벽걸이로 하면 추가금 있어요?" of "벽걸이 설치는 … 60,000원"): that clause's amount, not
    # the parcel's fee
    cost = a.has("fee") and not a.has("free", "region", "shipping")
    if not a.is_question or a.has("free", "region", "bundling", "address", "overseas", "cancellation", "together") \
            or a.has("fee") and not cost \
            or ORDER_VERB.search(a.text) or len(a.text.split()) > 5 or any(w in a.text for w in _GENERIC_DELIVERY_WORDS):
        return False  # an order placed at some moment, or a parcel named, asks the standard dispatch
    spans = [(h.start, h.end) for h in a.hits]
    # the one noun no concept of ours reads and no product is called by, the thing asked about (followed by a
    # topic/subject particle or a noun: "해피콜은 …", "해피콜 전화 …"; not "문자로 알려주나요": a means)
    nouns = [m for m in a.morphemes if m.pos in ("NNG", "NNP") and len(m.surface) >= 2
             and not any(s0 < m.end and m.start < e0 for s0, e0 in spans) and not mentioned_products(knowledge, m.surface)]
    if len(nouns) != 1:
        return False
    after = next((m for m in a.morphemes if m.start >= nouns[0].end), None)
    if after is not None and after.pos not in ("JX", "JKS", "NNG", "NNP") + (("JKB",) if cost else ()):
        return False
    try:
        holding = knowledge.passages().containing(nouns[0].surface)
    except (AttributeError, TypeError):
        return False
    if cost:
        from agent.policy_answer import WON

        holding = [p for p in holding if WON.search(p.text)]
    keys = {p.key for p in holding if p.kind == "clause"}  # one section's rule (its FAQ entries may say it too)
    if len(keys) != 1 or next(iter(keys)) in _STANDARD_SECTIONS:
        return False
    key = next(iter(keys))
    answer = answer_policy(knowledge, a, keys=(key,), topics=())
    answer.passages = [p for p in answer.passages if p in holding or p.key == key and p.kind == "clause"][:2]
    if not any(p in holding for p in answer.passages):
        return False
    _say_rule(g, knowledge, a, answer)
    g.topic, g.subject = "delivery_service", key
    return True


# an order's stages in order, up to delivery (`ORDER_STATUSES` lists them first, then cancelled, returned …)
_STAGES = ORDER_STATUSES[:ORDER_STATUSES.index("배송완료") + 1]
_UNTIL = {"address_change": "addressChangeUntilStatus", "cancellation": "cancelUntilStatus"}


_FROM_PLACE = re.compile(r"\S+?에서(?=\s)")
# what moving the address is said with, by its lemma (any ending: 바꿀, 바꿨, 옮겨): a verb, or a noun made one by 하다
_MOVED = frozenset({"바꾸", "옮기", "변경", "수정"})


def _to_a_place(text: str) -> bool:
    """The turn says where the address moves to: a place with 로/으로 right before a verb of moving it ("서울로 바꿀 수
    있어요?", "서울로 옮겨주세요", "서울로 변경"), or after the place it moves from ("변경해주세요 제주에서 서울로")."""
    return _destination(text) is not None


# a move said from one place to another ("제주에서 서울로"), in either order of the verb
_FROM_TO = re.compile(r"(?<![가-힣])\S+?에서\s*(\S+?)(?:으로|로)(?![가-힣])")


def _destination(text: str) -> str | None:
    """The place the address moves to, as the customer writes it ("서울로 바꿀 수 있어요?" -> 서울, "제주에서 서울로" ->
    서울); None when the turn says none."""
    from core.language.morphology import analyse

    pair = _FROM_TO.search(text)
    if pair is not None:
        return pair.group(1)
    ms = analyse(text)
    for i, (m, n) in enumerate(zip(ms, ms[1:])):
        if m.pos == "JKB" and m.lemma in ("로", "으로") and n.lemma in _MOVED and i:
            return text[ms[i - 1].start:ms[i - 1].end]
    return None


def _without_origin(text: str) -> str:
    """The turn less the place it moves from ("제주에서 서울로 바꾸고 싶어요" -> "… 서울로 …"), when it names where to."""
    return _FROM_PLACE.sub(" ", text) if _to_a_place(text) else text


def _new_address_surcharge(g: Grounding, knowledge: Any, order: Any, a: TurnAnalysis) -> None:
    """"20261122-0001 배송지를 제주도로 바꾸고 싶은데 추가금 있어요?": the surcharge of the region the order would go
    to, by the shop's delivery rule for that order's amount (a free-shipping order still pays it when the rule says so)."""
    from agent.english_gloss import GLOSSARY
    from agent.turn_analysis import without_ruled_out
    from core.knowledge.delivery_rules import region_of_text
    from core.knowledge.model import REGION_BASIC

    if not a.has("change"):
        return  # ("울릉도 주소인데 언제쯤 받을까요": the address the order already goes to, nothing changed)
    try:
        policy = knowledge.delivery_policy()
        # ("제주 말고 서울로": Seoul; "제주에서 서울로 바꾸고 싶어요": to Seoul, from Jeju; "서울로 바꾸면 제주 추가배송비
        # …": Seoul, the place moved to, whatever other region the turn names)
        to = _destination(without_ruled_out(a))
        region = region_of_text(policy, to) if to else region_of_text(policy, _without_origin(without_ruled_out(a)))
        if region is None or region == REGION_BASIC:
            return
        quote = knowledge.delivery_quote(sum(i.unit_price * i.quantity for i in order.items) or order.total, region=region)
    except (AttributeError, TypeError, ValueError):
        return
    if not quote.ships or quote.surcharge <= 0:
        return
    g.add(f"delivery:surcharge:{quote.region}", f"{quote.region} 추가 배송비 {won(quote.surcharge)}")
    g.say("{r}{j} 바꾸시면 추가 배송비 {s}{j2} 붙어요.", "Changing it to {r_en} adds a {s} surcharge.", r=quote.region,
          j=josa(quote.region, "으로", "로"), s=won(quote.surcharge, g.lang), j2=josa(won(quote.surcharge), "이", "가"),
          r_en=GLOSSARY.get(quote.region, quote.region))


def _stage_until(knowledge: Any, order: Any, key: str) -> tuple[Any, str] | None:
    """The shop's section for `key` and the last stage its rule allows it at (`addressChangeUntilStatus`), when both
    that stage and the order's are stages of an order; None otherwise."""
    section = knowledge.policy(key) if hasattr(knowledge, "policy") else None
    until = str((section.values if section is not None else {}).get(_UNTIL[key], ""))
    if until not in _STAGES or order.status not in _STAGES:
        return None
    return section, until


def stage_allows(knowledge: Any, order: Any, key: str) -> bool | None:
    """Whether the shop's rule still allows `key` ("cancellation", "address_change") at the order's stage; None when
    the rule names no last stage."""
    found = _stage_until(knowledge, order, key)
    return None if found is None else _STAGES.index(order.status) <= _STAGES.index(found[1])


def stage_verdict(g: Grounding, knowledge: Any, order: Any, key: str, ko: str, en: str) -> None:
    """"DN-004541 배송지 바꿀 수 있어요?": the order's stage against the last stage the shop's rule allows it at
    (`addressChangeUntilStatus`): whether it can still be done, said before the rule."""
    found = _stage_until(knowledge, order, key)
    if found is None:
        return
    section, until = found
    g.add(f"policy:{key}:until", f"{section.title}: {until} 상태까지 가능")
    verb = "cancelled" if key == "cancellation" else "changed"
    if stage_allows(knowledge, order, key):
        g.say("지금은 '{s}' 상태라 {what}{j} 가능해요.", "It is {s_en} now, so {what_en} can still be {v}.",
              s=order.status, what=ko, j=josa(ko, "이", "가"), what_en=en, v=verb, s_en=status_label(order.status, "en"))
    else:
        g.say("이미 '{s}' 상태라 {what}{j} 어려워요('{u}' 상태까지 가능).",
              "It is already {s_en}, so {what_en} can no longer be {v} (only up to '{u_en}').",
              s=order.status, what=ko, j=josa(ko, "은", "는"), u=until, what_en=en, v=verb,
              s_en=status_label(order.status, "en"), u_en=status_label(until, "en"))


def surcharged_region(knowledge: Any, text: str) -> str | None:
    """The delivery region the text names when it is one the shop's rules treat apart (never the basic one or abroad)."""
    from core.knowledge.delivery_rules import REGION_BASIC, REGION_OVERSEAS, region_of_text

    try:
        found = region_of_text(knowledge.delivery_policy(), localize_delivery(text)) if text else None
    except (AttributeError, TypeError, ValueError):
        return None
    return found if found not in (REGION_BASIC, REGION_OVERSEAS) else None


# what asking whether parcels go to a place is made of: shipping, arriving, sending, possibility and the asking itself
_PLACE_ASK_CONCEPTS = frozenset({"shipping", "arrival", "possible", "dispatch", "region", "request"})


def _only_place_asked(a: TurnAnalysis) -> bool:
    """The turn names a place and nothing else of its own ("부산도 배송돼요?", "Do you deliver to Busan?", its place
    already localised): every other content word is a generic delivery word, or an English word the lexicon reads as
    asking for a parcel to go there; no fee, amount, service ("새벽배송", "early morning") or day is asked."""
    from agent.policy_answer import provinces_asked
    from core.language.loanwords import STOP

    places = provinces_asked(a)
    if len(places) != 1 or re.search(r"\d", a.text):
        return False
    # (a Korean noun by the shop's generic delivery words: "새벽배송" is read as shipping too, but names a service)
    if any(m.pos in ("NNG", "NNP") and m.surface not in places[0] and m.surface not in _GENERIC_DELIVERY_WORDS
           for m in a.morphemes):
        return False
    read = [(h.start, h.end) for h in a.hits if h.concept in _PLACE_ASK_CONCEPTS]
    return all(any(s <= w.start() < e for s, e in read) for w in re.finditer(r"[A-Za-z]+", a.text)
               if w.group().lower() not in STOP)


def _standard_place(g: Grounding, policy: Any, a: TurnAnalysis) -> bool:
    """A domestic place the customer asks to have goods sent to, that no surcharge of the shop's covers ("부산으로 보내도
    돼요?", "ship it to Busan?"): it is delivered as anywhere in the standard area; False when no such place is named."""
    from agent.english_gloss import GLOSSARY
    from agent.policy_answer import provinces_asked
    from core.knowledge.delivery_rules import region_of_text
    from core.knowledge.model import REGION_BASIC

    named = provinces_asked(a)
    if len(named) != 1 or region_of_text(policy, localize_delivery(a.text)) not in (None, REGION_BASIC) \
            or not a.has("shipping", "arrival", "possible", "dispatch") or a.question not in ("yes_no", "what", None) \
            or a.concepts - {"shipping", "arrival", "possible", "dispatch", "agree", "similar", "exist", "order", "buy",
                             "region", "request"}:  # (a fee, a day or a service asked, "새벽배송 돼요?", is theirs)
        return False
    place = named[0]
    g.add(f"delivery:standard_area:{place}", f"{place}: 추가 배송비 없는 일반 배송 지역")
    g.say("{p}{j} 추가 배송비 없는 일반 배송 지역이라 배송돼요.", "Yes, we deliver to {p_en}; it's in our standard delivery "
          "area with no surcharge.", p=place, j=josa(place, "은", "는"), p_en=GLOSSARY.get(place, place))
    return True


def _quote_once(g: Grounding, knowledge: Any, *args: Any, **kwargs: Any) -> None:
    """`_quote_policy`, saying none of the rule's sentences this reply said already ("… 0041이랑 …0001 합배송 되나요?":
    the bundling rule once, not once per order)."""
    before = list(g.sentences)
    _quote_policy(g, knowledge, *args, **kwargs)
    g.sentences[len(before):] = [x for x in g.sentences[len(before):] if x not in before]


def _quote_policy(g: Grounding, knowledge: Any, a: TurnAnalysis, keys: tuple[str, ...], shipping_only: bool = False,
                  about: str = "", faq_title: re.Pattern[str] | None = None, context: str = "") -> bool:
    """Quote the shop's clauses of those sections (and FAQ) that answer the turn. `shipping_only`: an FAQ entry only
    when it is about shipping or names a thing of the turn ("더 빨리 받을 방법은요?" is never answered by how to keep
    apples). `about`: only clauses that say this word (a cancellation rule says 취소, a refund's timing does not)."""
    from dataclasses import replace

    from agent.policy_answer import _topics, answer_policy, provinces_asked

    # a bundling question is its section's: the turn's other topics ("둘 다 아직 출고 전이에요", "어제 주문 두번 따로
    # 했는데 같이 보내주실수 있어요?" of dispatch) would let their FAQ entries in first
    own = _topics(a)
    answer = answer_policy(knowledge, a, context, keys=keys,
                           topics=() if keys == ("bundling",) and own and "bundling" not in own
                           and (a.has("bundling") or _COMBINE.search(a.text) or a.all("together", "dispatch"))
                           else None)
    if shipping_only:
        from agent.turn_analysis import GENERIC_NOUNS

        # or one that names a thing of the turn ("어디 쌀이에요?": the FAQ on where rice is from); 받다 alone (arrival) is
        # everywhere, and 방법 or 거 name nothing
        nouns = [m.surface for m in a.morphemes if m.pos in ("NNG", "NNP") and m.surface.lower() not in GENERIC_NOUNS
                 and m.surface not in ("방법", "때", "곳")]
        said = {f"@{c}" for c in a.concepts} - {"@arrival", "@shipping", "@possible", "@exist", "@how", "@when"}
        # (a one-syllable noun by the passage's own words: "급해서요" is no FAQ on coupons "발급")
        kept = [p for p in answer.passages if p.kind != "faq" or any(n in p.text if len(n) > 1 else n in p.tokens
                                                                     for n in nouns)
                or any(f"@{c}" in p.tokens for c in _SHIPPING_CONCEPTS - {"arrival"}) and said & set(p.tokens)]
        # an FAQ answer's later sentence never stands alone: its first sentence says whom it is about ("제주는 … 도착까지
        # 1~2일 더 걸릴 수 있습니다")
        firsts = {p.key: p for p in knowledge.passages().passages if p.kind == "faq" and p.position == 0}
        whole: list[Any] = []
        for p in kept:
            lead = firsts.get(p.key) if p.kind == "faq" and p.position > 0 else None
            if lead is not None and lead not in kept and lead not in whole:
                whole.append(lead)
            whole.append(p)
        answer = replace(answer, passages=whole)
    if about:
        answer = replace(answer, passages=[p for p in answer.passages if about in p.text])
    named = provinces_asked(a)
    asked = surcharged_region(knowledge, a.text)
    if named or asked is not None:
        # "ship it to Busan?", "울릉도도 배송돼요?": an FAQ entry of another region ("네, 제주도도 배송됩니다") answers
        # another question
        # (an entry's later sentence by its whole entry: "추가 배송비 3,000원이 붙으며 …" is Q04's, of 제주)
        entries: dict[str, str] = {}
        for x in knowledge.passages().passages:
            if x.kind == "faq":
                entries[x.key] = f"{entries.get(x.key, '')} {x.text}"
        answer = replace(answer, passages=[p for p in answer.passages if p.kind != "faq" or not (
            set(provinces_asked(analyse_turn(entries.get(p.key, p.text)))) - set(named)
            or (own := surcharged_region(knowledge, entries.get(p.key, p.text))) is not None and own != asked)])
    if faq_title is not None:  # an FAQ entry only when its own question is about the rule's matter
        answer = replace(answer, passages=[p for p in answer.passages if p.kind != "faq" or faq_title.search(p.title)])
    if not answer.passages:
        return False
    opening = _opening_that_allows(knowledge, a, keys, answer.passages)
    if opening is not None:
        # "배송지 바꿀 수 있어요?": whether it can be done is said by the section's first clause ("배송지는 결제완료
        # 상태에서만 변경할 수 있습니다"), before a clause that only speaks of a case of it ("새벽배송 지역이 아닌 주소로 바꾸면 …")
        answer = replace(answer, passages=[opening, *answer.passages])
    texts = _say_rule(g, knowledge, a, answer)
    from agent.general_facts import ACTION_HANDOFF, asks_staff_in_chat

    if asks_staff_in_chat(a, texts) and not g.handoff:  # "주소 바꿔주세요", "합배송 해주세요": staff do it on this request
        g.say(*ACTION_HANDOFF)
        g.handoff, g.handoff_reason = True, "action_request"
    return True


_ALLOWS = re.compile(r"수\s*있|가능")  # a clause that says whether (and when) a thing can be done


def _opening_that_allows(knowledge: Any, a: TurnAnalysis, keys: tuple[str, ...], passages: list[Any]) -> Any | None:
    """The first clause of the one section asked of, when the turn asks yes or no whether a thing can be done and that
    clause says whether it can ("… 변경할 수 있습니다"), and no passage chosen is already one that says so."""
    if a.question != "yes_no" or not a.has("possible") or len(keys) != 1 \
            or any(_ALLOWS.search(p.text) for p in passages):
        return None
    try:
        section = [p for p in knowledge.passages().section(keys[0]) if p.kind == "clause"]
    except (AttributeError, TypeError):
        return None
    first = section[0] if section else None
    return first if first is not None and first.position == 0 and _ALLOWS.search(first.text) \
        and all(first.text != p.text for p in passages) else None


_ADDING = re.compile(r"추가(?!\s*(?:배송비|요금|비용|금|비|로\s*(?:붙|내|드)))|더\s*(담|사|넣)|같이\s*(사|담)|하나\s*더|\badd(ing)?\b|\bplus\b", re.I)


def _products_added(knowledge: Any, text: str) -> list[tuple[Any, int]]:
    """The products (with counts) the turn names, by name or by its name's head noun ("김 한봉 추가하면"); [] for an
    amount alone ("add another 15,000 won item")."""
    from agent.mentions import basket

    try:
        return [(p, q) for pid, q in basket(knowledge, text) or _named_in_part(knowledge, text)
                if (p := knowledge.product(pid)) is not None]
    except (AttributeError, TypeError):
        return []


def sum_added_to(text: str, earlier: str | None) -> int | None:
    """The one sum an earlier message named ("3만원 사면 …", "45,000원어치") when this turn adds to it ("거기에 김 한봉
    추가하면 …"): that sum; None when the turn adds nothing or the earlier message named no single sum."""
    if earlier is None or not _ADDING.search(text):
        return None
    before = amount_terms(earlier)
    return before[0] if before is not None and before[1] == 1 else None


def _with_added_products(g: Grounding, knowledge: Any, text: str, amount: int) -> int:
    """The customer's cart amount with the products they say they add, as a derived total; the amount alone when
    they add none."""
    items = _products_added(knowledge, text) if _ADDING.search(text) else []
    if not items:
        return amount
    for p, _ in items:
        g.add(f"product:{p.id}:price", f"{p.name} 판매가 {won(p.price)}")
    total = g.derive_total("derived:total:cart+" + "+".join(p.id for p, _ in items),
                           [("장바구니", amount, 1), *((p.name, p.price, q) for p, q in items)])
    if total is None:
        return amount
    added = ", ".join(f"{p.name} {won(p.price, g.lang)}" + (f" × {q}" if q > 1 else "") for p, q in items)
    g.say("장바구니 {a}에 {items}{j} 더하면 합계 {t}이에요.", "Your cart of {a} plus {items} comes to {t}.",
          a=won(amount, g.lang), items=added, j=josa(added, "을", "를"), t=won(total, g.lang))
    return total


_VERB_ENDED = re.compile(r"(?:면|면요|고|서|는데|니까|려고|려는데|는|요|다|죠)[?？.!~]*$")


def _price_claimed(knowledge: Any, text: str, amount: int) -> bool:
    """`text` names one product and `amount` is no price of any of its options: a price the customer believes or
    remembers ("저번에 51700원이던데"), not the amount of an order."""
    from agent.mentions import basket

    named = basket(knowledge, text) or _named_in_part(knowledge, text)
    product = knowledge.product(named[0][0]) if len(named) == 1 else None
    return product is not None and amount not in {v.price for v in product.variants} and amount != product.price


def _named_in_part(knowledge: Any, text: str) -> list[tuple[str, int]]:
    """The one product a fee question names by the head noun of its name ("토너 150ml 하나 울릉도로": 어성초 진정 토너;
    not "제주" of 제주 노지 감귤) or by its kind ("쌀 20kg 제주도로"), an option named choosing among several, with its
    count; [] when none or several."""
    from agent.entities import category_in
    from agent.mentions import lone_count
    from core.language.korean_text import normalize, strip_particles, words
    from core.language.morphology import analyse

    # the words a noun starting the next word follows, read in the whole sentence, describe that noun ("노트북
    # 거치대"); a next word ending as a verb does is none, whatever its tag ("노트북 사면": "if I buy")
    ms = analyse(text)
    before_noun = {text[:m.start].split()[-1] for i, m in enumerate(ms) if i and m.pos in ("NNG", "NNP")
                   and text[m.start - 1].isspace() and ms[i - 1].pos in ("NNG", "NNP") and not re.search(r"\d", m.surface)
                   and not _VERB_ENDED.search(text[m.start:].split()[0])}
    kept = [w for w in words(text) if w not in before_noun]
    said = {normalize(strip_particles(w)) for w in kept} - {""}
    mentions = [m for m in knowledge.find_products(text).mentions if m.value]
    options = {m.axis: m.value for m in mentions}
    try:
        headed = [p for p in knowledge.products()
                  if any(str(n).split() and normalize(str(n).split()[-1]) in said for n in (p.name, *p.aliases))]
    except (AttributeError, TypeError):
        return []
    kind = category_in(knowledge, " ".join(kept)) if not headed else None
    members = headed or (knowledge.filter_products(category=kind, in_stock=None, limit=20) if kind else [])
    # (each product reads the values on its own axes: "5키로" is a 중량 of the tangerines, a size of the rice)
    vocab = knowledge._searcher().vocab if hasattr(knowledge, "_searcher") else None
    fitting = [p for p in members if not options
               or (not vocab.resolve(p, mentions)[1] if vocab is not None else any(v.matches(options) for v in p.variants))]
    if len(fitting) != 1 or not options and len(members) != 1:
        return []
    return [(fitting[0].id, max(1, min(lone_count(knowledge, text) or 1, 99)))]


def _basket_total(g: Grounding, knowledge: Any, text: str, earlier: list[str] | None = None,
                  name_it: bool = True) -> int | None:
    """The products of the order asked about (named in `text`, or carried from the `earlier` customer messages,
    see `agent.mentions.carried_basket`) as price facts and their derived total, or None."""
    from agent.mentions import basket_lines, carried_basket, per_product

    try:
        lines = [] if earlier else basket_lines(knowledge, text)
        # "마스크팩 10매짜리 3개랑 1매짜리 5개": one product in two options of other prices, each its own line
        split = len(lines) > len({pid for pid, _, _ in lines})
        pairs = carried_basket(knowledge, analyse_turn(text), earlier) if earlier \
            else [(pid, q) for pid, q, _ in lines] if split else per_product(lines)
        if not pairs and not earlier:
            pairs = _named_in_part(knowledge, text)
        if not pairs and earlier:  # "2박스 사면요?" after "귤 5키로 한박스 제주도 배송비": that product, in this count
            from agent.mentions import lone_count

            found = next((x for t in earlier if (x := _named_in_part(knowledge, t))), [])
            pairs = [(found[0][0], lone_count(knowledge, text) or found[0][1])] if found else []
        items = [(p, q) for pid, q in pairs if (p := knowledge.product(pid)) is not None]
    except (AttributeError, TypeError):
        return None
    if not items or not earlier and _kind_unresolved(g, knowledge, text, [p.id for p, _ in items]):
        return None
    # this turn's own option first ("그럼 5키로 두 박스랑 …" after "3키로 얼마예요?"), else the one named before
    # (what is compared against is not bought: "1매씩 10개 사는 거보다 싸네요? 배송비는요" is the set of before)
    own = re.split(r"보다|\bthan\b", text)[-1]
    said = " ".join([*(earlier or []), own])  # the options named where the products were ("고구마 5키로 두박스랑 …")
    # (each product's option read from one text: its own part of this turn when that names one, else the newest said)
    # (two values of one kind in its own part, "5키로짜리 사과 3키로랑" after 감귤 was asked: the newest is bought)
    source = {p.id: (_own_part(knowledge, p, own), False) if (_unit_price(knowledge, p, own)[0] or not earlier)
              and not (earlier and _values_per_kind(knowledge, p, _own_part(knowledge, p, own)) > 1)
              else (said, True) for p, _ in items}
    priced = [(p, q, *_unit_price(knowledge, p, source[p.id][0], newest=source[p.id][1])) for p, q in items] \
        if not split else [(knowledge.product(pid), q, *_unit_price(knowledge, knowledge.product(pid), line))
                           for pid, q, line in lines]
    # an option named that is sold out is no part of what can be ordered ("옥스포드셔츠 네이비L이랑 크루넥니트 오트밀M"):
    # said so, and the total is of the rest
    gone = [(p, _sold_out_named(knowledge, p, *source[p.id], whole="" if earlier else own)) for p, _, _, _ in priced] \
        if not split else []
    gone = [(p, label) for p, label in gone if label]
    if gone:
        names = ", ".join(f"{p.name} {label}" for p, label in gone)
        g.say("{names}{j} 지금 품절이라 주문하실 수 없어요.", "{names}: sold out at the moment, so it can't be ordered now.",
              names=names, j=josa(names, "은", "는"))
        for p, label in gone:
            g.add(f"product:{p.id}:soldout:{label}", f"{p.name} {label} 품절")
        priced = [x for x in priced if all(x[0] is not p for p, _ in gone)]
        items = [(p, q) for p, q in items if all(p is not x for x, _ in gone)]
        if not priced:
            return None
    short = [(p, q, left) for p, q, _, _ in priced if q > 1 and not split
             and (left := _left_in_named(knowledge, p, _own_part(knowledge, p, own) if not earlier else said,
                                         bool(earlier))) is not None and left[1] < q]
    from agent.product_facts import say_fewer_left

    for p, q, (label, n) in short:
        # "그거 2개 사면 배송비는요?" after "카고팬츠 34 카키 1개 남아 있어요": fewer left than asked, said before the sum
        name = f"{p.name} {label}".strip()
        g.add(f"product:{p.id}:stock:{label}", f"{name} 재고 {n}개")
        say_fewer_left(g, name, n, q)
    capped = {p.id: left[1] for p, _, left in short if left[1] > 0}
    if capped:
        # (the sum and the fee of what can be ordered: the ones left, never the count that cannot be had)
        for p, q, (label, _) in short:  # (the count asked, the customer's own, repeated to say it cannot be had)
            g.add(f"asked:count:{p.id}", f"{p.name} {label} 요청 수량 {q}개".replace("  ", " "))
        priced = [(p, capped.get(p.id, q), label, price) for p, q, label, price in priced]
        items = [(p, capped.get(p.id, q)) for p, q in items]
        if len(capped) == 1:
            g.say("남은 {n}개로 계산해 드릴게요.", "Counting the {n} left:", n=next(iter(capped.values())))
        else:
            g.say("남은 수량으로 계산해 드릴게요.", "Counting what is left:")
    for p, _, label, price in priced:
        g.add(f"product:{p.id}:price" + (f":{label}" if label else ""), f"{p.name}{' ' + label if label else ''} 판매가 {won(price)}")
    total = g.derive_total("derived:total:" + "+".join(p.id for p, _ in items), [(p.name, price, q) for p, q, _, price in priced])
    if total is not None and (len(priced) > 1 or priced[0][1] > 1):  # one item once: its price is the total
        parts = ", ".join(f"{p.name}{' ' + label if label else ''} {won(price, g.lang)}" + (f" × {q}" if q > 1 else "")
                          for p, q, label, price in priced)
        g.say("{parts}, 합계 {t}이에요.", "{parts}: {t} in total.", parts=parts, t=won(total, g.lang))
    elif total is not None and name_it and not any(won(total) in x or won(total, "en") in x for x in g.sentences):
        # "롱패딩 제주도로 시키면 배송비 얼마?": the one product's price is the order's amount; said with its name, so the
        # amount in the fee sentence is never a sum from nowhere
        p, _, label, price = priced[0]
        name = f"{p.name}{' ' + label if label else ''}"
        g.say("{name}{j} {t}{cop}.", "{name} is {t}.", name=name, j=josa(name, "은", "는"), t=won(price, g.lang),
              cop="이에요")
    return total


def _kind_over_threshold(g: Grounding, knowledge: Any, text: str, q: Any) -> bool:
    """"울릉도 사는데 코트 하나 사면 배송비 얼마에요?": a kind named, no one product of it, whose every product costs the
    free-shipping threshold or more: whichever is bought, the base fee is waived (and the region's surcharge stays)."""
    from agent.entities import category_in
    from agent.product_facts import _called_part

    kind = category_in(knowledge, text)
    members = knowledge.filter_products(category=kind, in_stock=True, limit=200) if kind else []
    if members and all("/" in (p.category or "") for p in members):
        members = _called_part(members, "".join(kind.split()))  # "코트" of "코트/자켓/패딩": the coats, not the vest
    if len(members) < 2:
        return False
    cheapest = min(members, key=lambda p: p.price)
    if cheapest.price < int(q.free_threshold):
        return False
    g.add(f"product:{cheapest.id}:price", f"{cheapest.name} 판매가 {won(cheapest.price)} ({kind} 중 최저가)")
    g.add(f"delivery:threshold:{q.free_threshold}", f"무료배송 기준 {won(q.free_threshold)} 이상, 지역 {q.region} 추가 배송비 "
          f"{won(q.surcharge)}")
    g.say("{k}{j} 가장 저렴한 {n}도 {p}이라 어떤 걸 사셔도 {t} 이상이에요.", "Every {k} costs {t} or more (the cheapest, {n}, "
          "is {p}).", k=kind, j=josa(kind, "은", "는"), n=cheapest.name, p=won(cheapest.price, g.lang),
          t=won(q.free_threshold, g.lang))
    if q.surcharge:
        g.say("{r} 지역이라 기본 배송비는 무료이고, 추가 배송비 {s}만 붙어요.", "The base fee is waived; only the {s} {r} "
              "surcharge applies.", r=q.region, s=won(q.surcharge, g.lang))
    else:
        g.say("배송비는 무료예요.", "Shipping is free.")
    return True


def _kind_unresolved(g: Grounding, knowledge: Any, text: str, named: list[str]) -> bool:
    """"맨투맨 L 두개랑 비니 하나 사면 배송비": one conjunct names only a kind the shop sells several products of, so
    the order's amount is unknown; those products are listed and the customer asked which one is meant."""
    from agent.mentions import unresolved_kind
    from agent.product_facts import ask_which_of_kind

    kind = unresolved_kind(knowledge, text)
    if kind is None or set(named) & {p.id for p in kind[3]}:
        return False
    ask_which_of_kind(g, kind[0], kind[3], "주문 금액과 배송비를 정확히 알려드릴게요",
                      "I'll work out the order's amount and shipping")
    return True


def _count_to_free(g: Grounding, knowledge: Any, text: str, a: TurnAnalysis, threshold: int, cart: int = 0) -> None:
    """"두부 몇개 사야 무료배송이에요?": how many of the one product named reach the free-shipping threshold, and what
    they come to (a derived total of its price, so the count is a fact of this turn); with the `cart` they are added
    to ("두부로 채우면" after a basket of 27,400원), how many more and the cart's new total."""
    from agent.mentions import basket

    if a.question != "how_many" or threshold <= 0:
        return
    try:
        pairs = basket(knowledge, text) or _named_in_part(knowledge, text)
    except (AttributeError, TypeError):
        return
    product = knowledge.product(pairs[0][0]) if len(pairs) == 1 else None
    if product is None:
        return
    label, price = _unit_price(knowledge, product, text)
    count = -(-(threshold - cart) // price) if price > 0 and cart < threshold else 0
    if not (1 if cart else 2) <= count <= 50:
        return
    name = f"{product.name}{' ' + label if label else ''}"
    if cart:
        total = g.derive_total(f"derived:total:to_free:cart+{product.id}", [("장바구니", cart, 1), (name, price, count)])
        if total is not None:
            g.say("{name}{j} {n}개 더 담으시면 합계 {t}{k} 되어 무료배송이에요.", "{n} more of {name} bring it to {t}, which "
                  "ships free.", name=name, j=josa(name, "을", "를"), n=count, t=won(total, g.lang),
                  k=josa(won(total), "이", "가"))
        return
    total = g.derive_total(f"derived:total:to_free:{product.id}", [(name, price, count)])
    if total is not None:
        g.say("{name}{j} {n}개를 담으시면 {t}{k} 되어 무료배송이에요.", "{n} of {name} come to {t}, which ships free.",
              name=name, j=josa(name, "은", "는"), n=count, t=won(total, g.lang), k=josa(won(total), "이", "가"))


def _own_part(knowledge: Any, product: Any, text: str) -> str:
    """The conjunct of a basket that names `product` ("귤 5kg랑 고구마 3kg" -> "고구마 3kg"), where its option is said;
    the whole text when the turn is no basket of conjuncts or no one conjunct names it."""
    from agent.mentions import CONJUNCTION

    parts = [x for x in CONJUNCTION.split(text) if x.strip()]
    if len(parts) < 2:
        return text
    try:
        own = [x for x in parts if any(m.product_id == product.id and m.score >= 80
                                       for m in knowledge.find_products(x).matches[:1])]
    except (AttributeError, TypeError):
        return text
    return own[0] if len(own) == 1 else text


def _axis_of_value(product: Any) -> dict[str, str]:
    """Each value the product is sold in, with its own kind of option ("3kg": "중량")."""
    return {str(v): ax.key for ax in product.axes for v in product.values(ax.key)}


def _values_per_kind(knowledge: Any, product: Any, text: str) -> int:
    """The most values of one kind of the product's options that `text` names ("5키로짜리 사과 3키로": 2)."""
    axis_of = _axis_of_value(product)
    try:
        named = {(axis_of[m.value], m.value) for m in knowledge.find_products(text).mentions if m.value in axis_of}
    except (AttributeError, TypeError):
        return 0
    return max((sum(1 for a, _ in named if a == axis) for axis, _ in named), default=0)


def _wanted(knowledge: Any, product: Any, text: str, newest: bool = False) -> dict[str, str] | None:
    """The option values `text` names for `product` ({} when none); None when they cannot be read."""
    try:
        mentions = knowledge.find_products(text).mentions
        if newest:  # (of the values this product is sold in: another product's "3키로" is none of its own)
            # (a value is read by the product's own kind of option, whatever other kind the vocabulary also files it
            # under: "5kg" then "3kg" of 중량 leaves 3kg, though both are sizes too)
            axis_of = _axis_of_value(product)
            last = {axis_of[m.value]: m.value for m in mentions if m.value in axis_of}
            mentions = [m for m in mentions if m.value not in axis_of or last.get(axis_of[m.value]) == m.value]
        wanted, _ = knowledge._searcher().vocab.resolve(product, mentions)
    except (AttributeError, TypeError):
        return None
    return dict(wanted or {})


def _sold_out_named(knowledge: Any, product: Any, text: str, newest: bool = False, whole: str = "") -> str | None:
    """The option `text` names for `product` when every option of it is sold out ("옥스포드셔츠 네이비L": "L 네이비"),
    or None (none named, or some of it in stock, or the `whole` message names it in several): an order of it cannot
    be placed now."""
    wanted = _wanted(knowledge, product, text, newest)
    chosen = [v for v in product.variants if v.matches(wanted)] if wanted else []
    if not chosen or any(v.in_stock for v in chosen):
        return None
    if not newest:  # (two values of one kind named, "화이트 XL 2장이랑 블랙 L 1장": several options, not this one)
        from agent.mentions import CONJUNCTION

        sold = {(ax.key, str(v)) for ax in product.axes for v in product.values(ax.key)}
        # the conjuncts that name this product or none ("… 2장이랑 블랙 L 1장"), never another's option ("크루넥니트 오트밀M")
        parts = [x for x in CONJUNCTION.split(whole or text) if x.strip()]
        found = [knowledge.find_products(x) for x in parts]
        own = " ".join(x for x, f in zip(parts, found) if not f.matches or f.ambiguous
                       or f.matches[0].product_id == product.id)
        named = [(m.axis, m.value) for m in knowledge.find_products(own).mentions if (m.axis, m.value) in sold]
        if len({value for _, value in named}) > len({axis for axis, _ in named}):
            return None
    return " ".join(dict.fromkeys(str(value) for value in wanted.values()))


def _left_in_named(knowledge: Any, product: Any, text: str, newest: bool = False) -> tuple[str, int] | None:
    """The option `text` names for `product` (every value of it named, one variant) and how many of it are left, or
    None (no single option named, or it is sold out: said apart)."""
    wanted = _wanted(knowledge, product, text, newest)
    chosen = [v for v in product.variants if v.matches(wanted)] if wanted else list(product.variants)[:2]
    if len(chosen) != 1 or not chosen[0].in_stock:
        return None  # (a product of one variant is that option, named or not)
    return " ".join(dict.fromkeys(str(value) for value in (wanted or {}).values())), int(chosen[0].stock)


def named_option_price(knowledge: Any, product: Any, text: str) -> int:
    """The price of `product` in the option its own part of `text` names ("쿠션 17호 리필포함이랑 틴트" -> 38,000원);
    its lowest price when none is named."""
    return _unit_price(knowledge, product, _own_part(knowledge, product, text))[1]


def _unit_price(knowledge: Any, product: Any, text: str, newest: bool = False) -> tuple[str, int]:
    """The price of the option the customer names for `product` ("23호 리필포함" -> that variant's 38,000원), with the
    option's label; the product's own (lowest) price when no option, or options of different prices, are named.
    `newest`: `text` is messages joined oldest first, and of two values of one kind named the newest is the one bought
    ("그럼 싱글 두개 사면" after "퀸 품절이에요?")."""
    wanted = _wanted(knowledge, product, text, newest)
    if wanted is None:
        return "", product.price
    if not wanted:  # "토너 300이랑 수분크림50": a quantity value said without its unit
        from agent.product_facts import _bare_number_option

        wanted = _bare_number_option(product, text)
    chosen = [v for v in product.variants if v.matches(wanted)] if wanted else []
    # (the option named even at the product's lowest price: "그럼 싱글 2개" after the queen is the single's price)
    if chosen and len({v.price for v in chosen}) == 1 and len({v.price for v in product.variants}) > 1:
        label = " ".join(dict.fromkeys(str(value) for value in wanted.values()))
        return label, chosen[0].price
    return "", product.price


def threshold_restated(policy: Any, text: str) -> bool:
    """The one amount of `text` is the shop's free-shipping threshold ("5만원 넘으니까 무료배송 맞죠?"): the rule said
    back, not the amount of an order."""
    return bool(policy.free_threshold) and amount_terms(text) == (policy.free_threshold, 1)


def _earlier_baskets(turn: Turn, knowledge: Any, a: TurnAnalysis) -> list[str]:
    """The customer's earlier messages a fee question may carry products from: the one this turn leans on, or
    the last two when the turn adds to what was discussed ("양말도 하나 추가하면 무료배송 되나?")."""
    from agent.mentions import adds_to_previous
    from agent.turn_context import user_texts

    from agent.mentions import basket, lone_count, mention_spans, option_values_in, points_back

    if turn.same_message:  # "기모 맨투맨 L 재고 있나요? 제주도로 받으면 배송비도 알려주세요": the products asked first
        earlier = " ".join(turn.same_message)
        found = knowledge.find_products(earlier)
        before = next((t for t in user_texts(turn.history, limit=2) if mention_spans(knowledge, t)), None)
        if before and not mention_spans(knowledge, earlier) and not (found.matches and not found.ambiguous):
            # "브라운 M은 몇개 있어요? 그걸로 두개 사면 배송비 붙나요" after the fleece: the product of the turn before,
            # with the option this message named
            return [f"{before} {earlier}"]
        return [earlier]
    if turn.previous:
        if not mention_spans(knowledge, turn.previous) and not mention_spans(knowledge, a.text) \
                and amount_terms(turn.previous) is None and analyse_turn(turn.previous).has("fee", "free"):
            # "제주도면요?" after "배송비는 무료죠?" after a basket priced: the basket of the message before that one
            before = next((t for t in user_texts(turn.history, limit=3) if t != turn.previous and basket(knowledge, t)), None)
            if before is not None:
                return [before, turn.previous]
        if not basket(knowledge, turn.previous) and not _named_in_part(knowledge, turn.previous) \
                and (option_values_in(knowledge, turn.previous) or points_back(turn.previous)):
            # "그럼 울릉도로 보내면 총 얼마?" after "흑청 32 있어요?" after "와이드 데님 얼마에요?": the option asked last, of
            # the product named the message before it
            before = next((t for t in user_texts(turn.history, limit=3)
                           if t != turn.previous and basket(knowledge, t)), None)
            if before is not None:
                return [before, turn.previous]
        return [turn.previous]
    counted = not mention_spans(knowledge, a.text) and lone_count(knowledge, a.text) is not None  # "L 하나랑 화이트 하나"
    pointed = points_back(a.text)  # "그거 두개랑 클렌징폼 하나": the product discussed, counted, and another
    if turn.history and (counted or pointed or adds_to_previous(a, knowledge)):
        return user_texts(turn.history, limit=2)
    last = user_texts(turn.history, limit=1)
    if last and a.has("fee") and not mention_spans(knowledge, a.text) and len(basket(knowledge, last[0])) >= 2 \
            and analyse_turn(last[0]).has("price", "total"):
        return last  # "배송비는 따로 있어요? 제주에요" after "비니랑 장갑이랑 머플러 … 합쳐서 얼마에요?": that basket's fee
    if last and threshold_restated(knowledge.delivery_policy(), a.text) and basket(knowledge, last[0]) \
            and analyse_turn(last[0]).has("price", "total"):
        return last  # "5만원 넘으니까 무료배송 맞죠? 제주에요" after the sneakers' price: the threshold restated, that order
    return []


_WITH_SHIPPING = re.compile(r"(배송비|택배비|배송료)\s*(까지|포함|합쳐|더해|넣어)|(배송비|택배비|배송료)\s*(랑|하고)\s*(총|다|전부|합)|"
                            r"\b(including shipping|with shipping|shipping included|total with shipping)\b|"
                            # what is paid is the goods and the fee ("총 결제금액", "얼마 내야 돼요", "total to pay")
                            r"총\s*결제\s*(금액|액)|결제\s*(금액|액)\s*(은|이)?\s*총|총\s*(얼마\s*)?(내야|낼)|얼마\s*내야|"
                            r"\b(?:total|amount)\s+(?:i\s+(?:have\s+to\s+|need\s+to\s+)?pay|to\s+pay|due)\b|\bpay\s+in\s+total\b",
                            re.I)


# what an amount counts, asked of the free-shipping threshold ("배송비 포함 5만원이에요, 아니면 상품금액만?", "할인 전
# 금액 기준이에요?", "쿠폰 쓰고도 5만원 넘어야 돼요?")
_BASIS_ASKED = re.compile(r"포함|상품\s*금액|할인\s*(?:전|후|된|받은|적용)|쿠폰\s*(?:적용|쓰|사용|빼)|실\s*결제|결제\s*금액|"
                          r"\b(?:before|after)\s+(?:the\s+)?(?:discount|coupon)|\bincluding\b", re.I)


def _threshold_basis(g: Grounding, knowledge: Any, text: str, threshold: int) -> bool:
    """The shop's own sentence of the free-shipping threshold, when the customer asks what the amount counts: the
    sentence says it ("상품 금액 50,000원 이상"), the template does not (True when quoted)."""
    from agent.general_facts import quote
    from agent.policy_answer import PolicyAnswer

    if not _BASIS_ASKED.search(text):
        return False
    try:
        passages = knowledge.passages().passages
    except (AttributeError, TypeError):
        return False
    amount = f"{threshold:,}"
    own = next((p for p in passages if p.kind == "clause" and amount in p.text and "무료" in p.text), None)
    if own is not None:
        g.sentences.extend(quote(g, knowledge, PolicyAnswer(passages=[own])))
        if re.search(r"쿠폰|할인|적립금|coupon|discount", text, re.I) and not re.search(r"쿠폰|할인|적립금|실결제", own.text):
            g.say("쿠폰·할인 적용 전후 중 어느 금액이 기준인지는 안내에 따로 나와 있지 않아요.",
                  "Whether the amount is counted before or after coupons and discounts is not stated.")
    return own is not None


def with_shipping(text: str) -> bool:
    """The customer asks what they pay in all, shipping included ("배송비까지 총 얼마", "total with shipping")."""
    return bool(_WITH_SHIPPING.search(text))


def say_paid_in_all(g: Grounding, q: Any) -> None:
    """What is paid in all for a quoted order, the fee added to the goods (a derived fact of the two)."""
    grand = g.derive_total(f"derived:total:with_shipping:{q.amount}+{q.fee}", [("상품금액", q.amount, 1), ("배송비", q.fee, 1)])
    if grand is not None:
        g.say("배송비까지 합치면 총 {t}이에요.", "With shipping, that's {t} in total.", t=won(grand, g.lang))


def _fee(g: Grounding, knowledge: Any, policy: Any, text: str, a: TurnAnalysis, earlier: str | None, region_named: bool,
         previous: list[str] | None = None, name_it: bool = True) -> None:
    """The fee of the customer's order (`name_it`: a product whose price is the order's amount is named; not when an
    earlier question of the same message priced it)."""
    amt, terms = None, amount_terms(text)
    if threshold_restated(policy, text) and previous and not earlier:
        terms = None  # "5만원 넘으니까 무료배송 맞죠? 제주에요" after a price asked: the threshold restated, not the order
    if terms is not None and terms[1] > 1:  # "2만원짜리 셔츠 3벌": the total is a derived, registered fact
        unit, qty = terms
        g.add("turn:unit_amount", f"고객이 말한 단가 {won(unit)}, 수량 {qty}개")
        amt = g.derive_total(f"derived:total:turn:{unit}x{qty}", [("단가", unit, qty)])
        if amt is not None:
            g.say("{u} × {q}개면 합계 {t}이에요.", "{u} × {q} comes to {t}.", u=won(unit, g.lang), q=qty, t=won(amt, g.lang))
    elif terms is not None and terms[0] not in (policy.base_fee, policy.jeju_surcharge, policy.remote_surcharge) \
            and (before_sum := sum_added_to(text, earlier)) is not None and not _products_added(knowledge, text):
        # "and if I add another 15,000 won item, is shipping free?" after a 30,000 won order: the order grown by it
        g.add(f"history:amount:{before_sum}", f"고객이 앞서 말한 주문 금액 {won(before_sum)}")
        g.add(f"turn:amount:{terms[0]}", f"고객이 더한다고 말한 금액 {won(terms[0])}")
        amt = g.derive_total(f"derived:total:history:{before_sum}+{terms[0]}", [("앞선 주문 금액", before_sum, 1),
                                                                               ("추가 금액", terms[0], 1)])
        if amt is not None:
            g.say("{a} + {b}, 합계 {t}이에요.", "{a} + {b} comes to {t}.", a=won(before_sum, g.lang), b=won(terms[0], g.lang),
                  t=won(amt, g.lang))
    elif terms is not None and terms[0] not in (policy.base_fee, policy.jeju_surcharge, policy.remote_surcharge):
        amt = terms[0]
        g.add(f"turn:amount:{amt}", f"고객이 말한 주문 금액 {won(amt)}")
        amt = _with_added_products(g, knowledge, text, amt)  # "장바구니 47,000원인데 비니 하나 추가하면"
    if amt is None and terms is None and (before_sum := sum_added_to(text, earlier)) is not None:
        # "거기에 김 한봉 추가하면 무료배송?" after "3만원 사면 배송비 얼마에요?": the amount said before, and what is added
        amt = before_sum
        g.add(f"history:amount:{amt}", f"고객이 앞서 말한 주문 금액 {won(amt)}")
        amt = _with_added_products(g, knowledge, text, amt)
    from agent.mentions import adds_more, basket

    filled: int | None = None  # the cart a product fills up to the threshold ("몇개 더 사야 … 두부로 채우면")
    if amt is None and terms is None and previous and a.question == "how_many" and adds_more(a) \
            and len(basket(knowledge, text) or _named_in_part(knowledge, text)) == 1 \
            and len(basket(knowledge, previous[0])) >= 2:
        # "그럼 몇개 더 사야 무료배송이에요? 두부로 채우면" after "두부 5개랑 계란 한판 사면 배송비 붙어요?": the basket
        # before is the cart, and the product named is what is added to it
        amt = filled = _basket_total(g, knowledge, previous[0], None, name_it)
    if amt is None and not placed_order(text):  # ("사과랑 고구마 같이 시켰는데 따로 왔어요": paid then, not today's sum)
        # (a basket two messages back, the fee question between naming none: "제주도면요?" after "배송비는 무료죠?")
        carried = previous if previous and (not earlier or _changes_the_order(knowledge, a) or len(previous) > 1
                                            and previous[-1] == earlier) else None
        amt = _basket_total(g, knowledge, text, carried, name_it)
    if earlier is not None:
        before = amount_terms(earlier) if amt is None and terms is None else None
        if before is not None and _price_claimed(knowledge, earlier, before[0]):
            # "아이보리 S 사면 배송비 포함 얼마에요?" after "꽈배기니트 … 저번에 51700원이던데": a price the customer
            # remembered for the product, no order's amount; the product at its price now is the order
            amt, before = _basket_total(g, knowledge, text, [earlier], name_it), None
        if before is not None:
            amt = before[0] * before[1]
            g.add(f"history:amount:{amt}", f"고객이 앞서 말한 주문 금액 {won(before[0])}" + (f" × {before[1]}개" if before[1] > 1 else ""))
            if before[1] > 1:
                amt = g.derive_total(f"derived:total:history:{before[0]}x{before[1]}", [("단가", before[0], before[1])])
        if not region_named and _region_named(policy, earlier):
            text, region_named = f"{earlier} {text}", True
    code = postal_code(text)
    try:
        q = knowledge.delivery_quote(amt or 0, address=text if region_named else None, postal_code=code)
    except ValueError:
        q = knowledge.delivery_quote(amt or 0)
    has_threshold = int(q.free_threshold or 0) > 0 and int(policy.base_fee or 0) > 0
    if not q.ships:
        g.say("죄송하지만 해외 배송은 하지 않아요.", "Sorry, we don't ship overseas.")
        g.add("delivery:quote:overseas", f"지역 {q.region}: 배송 불가 {q.note}")
        return
    region_ko = "" if q.region == "기본" else f"{q.region} 지역 "
    region_en = "" if q.region == "기본" else f" to {q.region}"
    if amt is not None:
        g.add(f"delivery:quote:{q.region}:{q.amount}", f"지역 {q.region}, 상품금액 {won(q.amount)}: 배송비 {won(q.fee)} "
              f"(기본 {won(q.base_fee)} + 추가 {won(q.surcharge)}" + (", 무료배송 기준 충족" if q.free_applied else "") + ")")
        fee = g.text("무료", "free") if q.fee <= 0 else won(q.fee, g.lang)
        # "울릉도인데 3만원 넘게 사면 배송비 무료죠?": whether it ships free leads the sentence of the fee
        verdict = (g.text("네", "Yes") if q.fee <= 0 else g.text("아니요", "No")) \
            if a.question == "yes_no" and a.has("free") and not a.has("compare") else ""
        said_before = len(g.sentences)
        if q.free_applied and not q.surcharge and has_threshold:
            g.say("{r}{a} 주문이면 {t} 이상 무료배송 기준을 충족해서 배송비는 {f}예요.",
                  "For a {a} order{r_en}, shipping is {f} (free from {t}).", r=region_ko, a=won(q.amount, g.lang),
                  t=won(q.free_threshold, g.lang), f=fee, r_en=region_en)
        else:
            g.say("{r}{a} 주문 시 배송비는 {f}{cop}.", "For a {a} order{r_en}, shipping is {f}.", r=region_ko,
                  a=won(q.amount, g.lang), f=fee, cop="예요" if q.fee <= 0 else "이에요", r_en=region_en)
            if q.free_applied and q.surcharge and has_threshold:
                g.say("({t} 이상이라 기본 배송비는 무료이고, 추가 배송비 {s}만 붙어요.)",
                      "(The base fee is waived over {t}; only the {s} regional surcharge applies.)",
                      t=won(q.free_threshold, g.lang), s=won(q.surcharge, g.lang))
            elif has_threshold and not q.free_applied and q.fee > 0:
                gap = g.derive_difference(f"derived:difference:free_threshold:{q.amount}", ("무료배송 기준", int(q.free_threshold)),
                                          ("상품금액", int(q.amount)))
                waived = q.surcharge > 0 and q.region in ("제주", "도서산간") and not (
                    policy.jeju_surcharge_when_free if q.region == "제주" else policy.remote_surcharge_when_free)
                if gap and waived:  # (a shop that waives the surcharge too: the whole fee goes, not only the base)
                    g.say("{d} 더 담아 {t} 이상이 되면 추가 배송비까지 배송비가 모두 무료예요.",
                          "{d} more brings it to {t}, from which shipping is free, surcharge included.",
                          t=won(q.free_threshold, g.lang), d=won(gap, g.lang))
                elif gap:  # "장바구니 27,000원인데 얼마 더 사야돼요?": how far the order is from free shipping
                    g.say("{d} 더 담아 {t} 이상이 되면 기본 배송비가 무료예요.",
                          "{d} more brings it to {t}, from which the base fee is free.",
                          t=won(q.free_threshold, g.lang), d=won(gap, g.lang))
                    _count_to_free(g, knowledge, text, a, int(q.free_threshold), filled or 0)
                else:
                    g.say("{t} 이상 구매하시면 기본 배송비는 무료예요.", "Orders of {t} or more ship free (base fee).",
                          t=won(q.free_threshold, g.lang))
        if verdict and len(g.sentences) > said_before:
            first = g.sentences[said_before]
            g.sentences[said_before] = f"{verdict}, {first[0].lower() + first[1:] if g.lang == 'en' else first}"
        if q.fee > 0 and (with_shipping(text) or region_named and a.has("together") and not a.has("fee")):
            # ("울릉도로 보내면 총 얼마?": the whole sum sent there, its fee with the goods, as `_fee_sentence` reads "총";
            # "배송비 총 얼마" is the fee's own)
            say_paid_in_all(g, q)
    elif has_threshold and _kind_over_threshold(g, knowledge, text, q):
        pass
    elif q.region in ("제주", "도서산간"):
        g.add(f"delivery:quote:{q.region}", f"지역 {q.region}: 추가 배송비 {won(q.surcharge)}")
        if policy.base_fee <= 0:
            g.say("{r} 지역은 기본 배송은 무료이고 추가 배송비 {s}이 붙어요.", "Shipping{r_en} is free plus a {s} surcharge.",
                  r=q.region, s=won(q.surcharge, g.lang), r_en=region_en)
        else:
            both = policy.base_fee + q.surcharge
            g.add(f"derived:fee_total:{q.region}", f"{q.region} 배송비 합계 {won(both)} (기본 {won(policy.base_fee)} + 추가 "
                  f"{won(q.surcharge)})")
            # (the place the customer named, when the rule calls it by its kind: "울릉도는 도서산간 지역이라 …")
            place = _place_of_kind(policy, text, q.region)
            if place:  # "울릉도 배송비": the place named is of the kind the rule prices
                g.say("말씀하신 곳은 {r} 지역이라 기본 배송비 {b}에 추가 배송비 {s}이 붙어 모두 {t}이에요.",
                      "Shipping{r_en} is {b} plus a {s} surcharge, {t} in all.", r=q.region, b=won(policy.base_fee, g.lang),
                      s=won(q.surcharge, g.lang), r_en=region_en, t=won(both, g.lang))
            else:
                g.say("{r} 지역은 기본 배송비 {b}에 추가 배송비 {s}이 붙어 모두 {t}이에요.",
                      "Shipping{r_en} is {b} plus a {s} surcharge, {t} in all.", r=q.region, b=won(policy.base_fee, g.lang),
                      s=won(q.surcharge, g.lang), r_en=region_en, t=won(both, g.lang))
        if has_threshold:
            still = policy.jeju_surcharge_when_free if q.region == "제주" else policy.remote_surcharge_when_free
            if still:
                g.say("{t} 이상 구매하시면 기본 배송비는 무료예요(추가 배송비는 그대로 붙어요).",
                      "From {t}, the base fee is waived (the surcharge still applies).", t=won(policy.free_threshold, g.lang))
            else:  # the shop waives this region's surcharge with free shipping too
                g.say("{t} 이상 구매하시면 추가 배송비까지 무료예요.", "From {t}, shipping is free, the surcharge included.",
                      t=won(policy.free_threshold, g.lang))
    else:
        if policy.base_fee <= 0:
            g.say("기본 배송은 무료예요.", "Standard shipping is free.")
        elif has_threshold and _threshold_basis(g, knowledge, text, int(policy.free_threshold)):
            pass  # (the shop's sentence says the fee, the threshold and what it counts)
        elif has_threshold:
            g.say("배송비는 {b}이고, 무료배송 기준은 {t} 이상 구매예요.", "Shipping is {b}, free on orders of {t} or more.",
                  b=won(policy.base_fee, g.lang), t=won(policy.free_threshold, g.lang))
        else:
            g.say("배송비는 {b}이에요.", "Shipping is {b}.", b=won(policy.base_fee, g.lang))
        g.say("제주는 {j}, 도서산간은 {r}의 추가 배송비가 있어요.", "Jeju adds {j} and remote islands {r}.",
              j=won(policy.jeju_surcharge, g.lang), r=won(policy.remote_surcharge, g.lang))
        waived = [(ko, en) for ko, en, kept in (("제주", "Jeju", policy.jeju_surcharge_when_free),
                                                ("도서산간", "remote islands", policy.remote_surcharge_when_free)) if not kept]
        if waived and has_threshold:  # "삼만원 넘게 사면 택비 공짜죠?": which surcharges the free threshold waives too
            g.say("{t} 이상 무료배송 주문은 {r} 추가 배송비도 붙지 않아요.", "Free-shipping orders ({t}+) pay no {r_en} surcharge "
                  "either.", t=won(policy.free_threshold, g.lang), r="·".join(k for k, _ in waived),
                  r_en=" or ".join(e for _, e in waived))


# A day of the month with no month before it ("24일"; not "12월 24일", "12/24일" or "2024일").
_BARE_DAY = re.compile(r"(?<![\d/.])(?<!월)(?<!월 )(\d{1,2})\s*일")


def _anchor_to_holiday(text: str, policy: Any) -> str:
    """"크리스마스 선물 … 24일 오후에 주문" : a bare day next to a holiday the shop names is in that holiday's month."""
    names = getattr(policy, "holiday_names", None) or {}
    for iso, name in names.items():
        if len(iso) >= 10 and any(p.search(text or "") for p in _holiday_patterns(name)):
            month = int(iso[5:7])
            return _BARE_DAY.sub(lambda m: f"{month}월 {m.group(1)}일", text)
    return text


_HOLIDAY_FILLER = frozenset({"연휴", "대체공휴일", "대체", "공휴일", "휴일"})
# a holiday named as a time to reach or pass ("크리스마스 전에", "설 연휴 지나고"): a deadline or an occasion
_AROUND = re.compile(r"(날|\s*연휴|\s*명절)?\s*(에는|에|엔|이|가)?\s*(전|후|까지|지나|이전|이후|끝나|쯤)")


def _holiday_head(name: str) -> str:
    """A holiday name's head word: its first word that is not filler ("대체공휴일(설날)" -> 설날); "" when none."""
    return next((w for w in re.findall(r"[가-힣A-Za-z]+", str(name)) if w not in _HOLIDAY_FILLER), "")


def _holiday_key(name: str) -> str:
    """What groups the days of one holiday: its head without a final 날 (설날, 설날 연휴, 대체공휴일(설날) -> 설)."""
    head = _holiday_head(name)
    return head[:-1] if head.endswith("날") and len(head) > 1 else head


# the English names of Korea's public holidays (calendar words, not one shop's): "Are you open on Lunar New Year?"
_HOLIDAYS_IN_ENGLISH = {"설날": ("lunar new year", "seollal", "korean new year"), "추석": ("chuseok", "korean thanksgiving"),
                        "신정": ("new year's day",), "삼일절": ("independence movement day",),
                        "어린이날": ("children's day",), "현충일": ("memorial day",), "광복절": ("liberation day",),
                        "개천절": ("national foundation day",), "한글날": ("hangul day",),
                        "부처님오신날": ("buddha's birthday",), "크리스마스": ("christmas", "xmas")}


def _holiday_patterns(name: str) -> list[re.Pattern[str]]:
    """How a customer names one of the shop's holidays: its head word whole ("크리스마스", "설날", "삼일절"), and for a
    -날 holiday its stem with 연휴/명절 ("설 연휴"), or a one-syllable stem with a particle ("설에", "설때") or before
    전/까지 ("설 전에 받으려면"). Only the
    name's first word counts ("물류센터 재고 실사" is named by 물류센터, never by 재고)."""
    head = _holiday_head(name)
    if not head:
        return []
    out = [re.compile(rf"(?<![가-힣A-Za-z]){re.escape(head)}(?![A-Za-z])", re.I)]
    out += [re.compile(rf"\b{re.escape(english)}\b", re.I) for english in _HOLIDAYS_IN_ENGLISH.get(head, ())]
    if head.endswith("날") and len(head) > 1:
        stem = re.escape(head[:-1])
        out.append(re.compile(rf"(?<![가-힣]){stem}\s*(연휴|명절)"))
        if len(head) == 2:
            out.append(re.compile(rf"(?<![가-힣]){stem}(에|때|엔|도)(?![가-힣])"))
            out.append(re.compile(rf"(?<![가-힣]){stem}(?=\s*(?:전|이전|까지)(?:에|엔|에는)?(?![가-힣]))"))  # "설 전에"
    return out


def holidays_named(policy: Any, text: str, today: str = "") -> list[tuple[str, str]]:
    """The shop's holidays (ISO date, name) the customer names as days ("설 연휴에도 출고해요?" -> every day of 설날,
    its 연휴 and the substitute day), from `today` on; [] when none is named, or only as a time to reach or pass
    ("크리스마스 전에 받을 수 있어요?": a deadline, see `entities.deadline`)."""
    names = getattr(policy, "holiday_names", None) or {}
    days_of: dict[str, list[str]] = {}
    for iso, name in sorted(names.items()):
        if _holiday_key(name):
            days_of.setdefault(_holiday_key(name), []).append(iso)
    out: dict[str, str] = {}
    for iso, name in sorted(names.items()):
        for pattern in _holiday_patterns(name):
            found = pattern.search(text or "")
            if found is not None and not _AROUND.match(text, found.end()):
                for day in days_of.get(_holiday_key(name), [iso]):  # 설날 names its 연휴 and substitute day too
                    if day >= today:
                        out[day] = names[day]
                break
    return sorted(out.items())


def _weekend_only_wanted(a: TurnAnalysis, wanted: Any) -> bool:
    """Every weekend word of the turn is in the day the customer wants the parcel by ("주말까지 받을 수 있어요?",
    "토요일까지 와요?"): no weekend order, so the rule for weekend orders is not what is asked."""
    if wanted is None:
        return False
    at = a.text.find(wanted[1])
    if at < 0:
        return False
    return all(at <= h.start < at + len(wanted[1]) for h in a.hits if h.concept == "weekend")


def _holiday_deadline(policy: Any, text: str, today: date) -> tuple[date, str, tuple[int, int]] | None:
    """"설 연휴 전에 받으려면": one of the shop's own holidays named as the time to receive by (its first day, the day
    before it for 전/이전), the holiday's words and the span with 전/까지, as `entities.deadline` gives a day of the
    calendar; None when no holiday of the shop is named so (or only as an order's day: "설 연휴 전에 주문하면")."""
    from agent.entities import ORDER_VERB

    names = getattr(policy, "holiday_names", None) or {}
    for iso, name in sorted(names.items()):
        if iso < today.isoformat():
            continue
        for pattern in _holiday_patterns(name):
            found = pattern.search(text or "")
            around = _AROUND.match(text, found.end()) if found is not None else None
            if around is None or around.group(3) not in ("전", "까지", "이전") \
                    or ORDER_VERB.search(text[around.end():around.end() + 8]):
                continue
            first = min(d for d, n in names.items() if _holiday_key(n) == _holiday_key(name) and d >= today.isoformat())
            day = date.fromisoformat(first[:10])
            return (day - timedelta(days=1) if around.group(3) != "까지" else day), found.group(0), \
                (found.start(), around.end())
    return None


def _say_holidays(g: Grounding, days: list[tuple[str, str]]) -> None:
    """"2월 6일(토)~2월 9일(화)은 쉬는 날이라 출고하지 않아요": the holidays named, as one span when they run on."""
    from datetime import timedelta

    first, last = days[0][0], days[-1][0]
    one_run = all(date.fromisoformat(b) - date.fromisoformat(a) == timedelta(days=1)
                  for (a, _), (b, _) in zip(days, days[1:]))
    g.add("delivery:holidays:" + ",".join(iso for iso, _ in days),
          "출고 휴무일: " + ", ".join(f"{korean_date(iso)} {name}" for iso, name in days))
    span = f"{korean_date(first, g.lang)}~{korean_date(last, g.lang)}" if one_run and first != last else \
        ", ".join(korean_date(iso, g.lang) for iso, _ in days)
    g.say("{span}은 쉬는 날이라 출고하지 않아요.", "We don't ship on {span} (holidays).", span=span)


_LONGER = re.compile(r"\d+\s*(~\s*\d+)?\s*(영업)?일\s*(정도\s*)?더|더\s*(걸|소요|늦)")


def _region_time_note(g: Grounding, knowledge: Any, policy: Any, text: str) -> None:
    """"제주도면 언제 와요?": the shop's own sentence on how much longer that region takes ("도착까지 1~2일 더 걸릴 수
    있습니다", from the FAQ entry or policy section that names the region), after the usual estimate."""
    from core.knowledge.delivery_rules import REGION_BASIC, region_of_text

    region = region_of_text(policy, text)
    if not region or region == REGION_BASIC:
        return
    try:
        passages = knowledge.passages().passages
    except AttributeError:
        return
    # a sentence that names the region and how much longer it takes, else one of the same FAQ answer (never another
    # sentence of a whole policy section, which may speak of another region or a holiday)
    note = next((p for p in passages if region in p.text and _LONGER.search(p.text)), None)
    if note is None:
        faqs = {p.key for p in passages if p.kind == "faq" and region in p.text}
        note = next((p for p in passages if p.kind == "faq" and p.key in faqs and _LONGER.search(p.text)), None)
    if note is not None:
        g.add(f"policy:{note.key}:{note.position}", note.text)
        from agent.english_gloss import GLOSSARY

        g.say("{r}{j} {t}", "For {r} (in Korean): {t}", r=region if g.lang == "ko" else GLOSSARY.get(region, region),
              j=josa(region, "은", "는"), t=note.text)
    elif _LONGER.search(text) and g.lang == "ko":
        # "제주도면 배송 더 걸려요?" of a shop that states no longer time for it: that is said, not left unanswered
        g.say("{r} 지역이 더 걸리는지는 안내에 따로 나와 있지 않아요.", "", r=region)


# an hour said by the clock ("2시", "14:00", "2pm"), not a part of the day ("아침에")
_CLOCK_HOUR = re.compile(r"\d\s*(시|:\d)|\d\s*(am|pm)\b", re.I)


def say_dispatch(g: Grounding, knowledge: Any, text: str, a: TurnAnalysis, now: datetime, placed: bool = False) -> None:
    """The dispatch and arrival days of an order placed when the customer says (now when unsaid), and whether it comes
    by the day they want it. `placed`: they already ordered ("오늘 11시 반에 결제했는데 언제 와요?"), so the lead says so."""
    from agent.entities import BEFORE_THE_HOUR, asks_latest_order_day, deadline, without_event_days, without_past_occasion

    if not placed and (rest := without_past_occasion(text)) != text:
        text, a = rest, analyse_turn(rest)  # "설연휴 끝났는데 배송 되나요?": asked of now, no holiday named
    text = _anchor_to_holiday(text, knowledge.delivery_policy())
    wanted = deadline(text, now)
    by_holiday = wanted is None and (wanted := _holiday_deadline(knowledge.delivery_policy(), text, now.date())) is not None
    text_with_deadline = text
    if wanted is not None:  # "목요일까지 받을 수 있음?": that day is the deadline, not the order day
        text = text[:wanted[2][0]] + " " + text[wanted[2][1]:]
    if not placed:
        text = without_event_days(text)  # "토요일(19일)에 여행가는데 지금 주문하면": the occasion is no order day
    said, hour_given, unreadable = order_when(text, now, past=placed)
    if said is not None and not placed and said.date() > now.date() and said.weekday() == now.weekday() \
            and (said.date() - now.date()).days == 7 and re.search(r"지금|오늘|\bnow\b|\btoday\b", text, re.I):
        # "If I order now on Saturday afternoon" asked on a Saturday: the weekday named is today's, not next week's
        back = said - timedelta(days=7)
        said = back if hour_given and back >= now else None  # (an hour of today still to come is kept; else now)
        hour_given = said is not None
    if hour_given and said is not None and not placed and said.date() == now.date() \
            and said.strftime("%H:%M") == knowledge.delivery_policy().cutoff \
            and (_CUTOFF_RESTATED.search(text) or re.search(r"지금|\bnow\b", text, re.I)):
        # "14시 전 주문하면 당일출고라면서요 지금 1시인데", "12시 넘었는데 지금 시키면": the cut-off named, the order now
        said, hour_given = None, False
    if hour_given and said is not None and not placed and said.date() == now.date() and said < now \
            and _CLOCK_HOUR.search(text) \
            and not re.search(r"\d\s*월\s*\d|\d+\s*일|[월화수목금토일]요일|그날|그때", text):
        # "오후 2시 전에 주문하면 오늘 나가요?" asked at 18:10: that hour of today has passed, so an order now is what
        # the answer can be of (why it is not today is said below when asked)
        said, hour_given = None, False
    # "설 연휴에도 출고해요? 날짜 알려줘요": those days, and when an order placed on the first one ships (not "크리스마스
    # 선물로 … 24일 오후에 주문하면": a day of ordering said, the holiday is only the occasion)
    holidays = holidays_named(knowledge.delivery_policy(), text, now.date().isoformat()) \
        if not placed and wanted is None and not re.search(r"\d|지금|\bnow\b", text, re.I) \
        else []
    if holidays and (said is None or said.date().isoformat() in dict(holidays)):
        _say_holidays(g, holidays)
        said = said or datetime.fromisoformat(holidays[0][0]).replace(hour=9, tzinfo=now.tzinfo)
    else:
        holidays = []
    when = said or now
    if placed and said is not None and said is not now and not hour_given and not PART_OF_DAY.search(text):
        when = when.replace(hour=9, minute=0)  # "오늘 결제했는데": said as "before the cut-off", so computed so
    if wanted is not None:
        wanted = deadline(text_with_deadline, now, after=when.date()) \
            or _holiday_deadline(knowledge.delivery_policy(), text_with_deadline, now.date())
    est = knowledge.dispatch_estimate(when)
    _add_estimate(g, est)
    rule = dispatch_rule(knowledge.delivery_policy(), est.cutoff, g.lang)
    order_iso = when.date().isoformat()
    if not holidays and order_iso in knowledge.delivery_policy().holidays and not placed:
        # "내일 주문하면 언제 와요?" on Christmas Eve: the day they order on is a holiday, said before the dates
        holidays = [(order_iso, knowledge.delivery_policy().holiday_names.get(order_iso, ""))]
        _say_holidays(g, holidays)
    if holidays:
        rule = ""  # the holidays were said; the estimate below says when it ships
    elif a.has("weekend") and not by_holiday and not _weekend_only_wanted(a, wanted) \
            and _quote_policy(g, knowledge, a, ("delivery", "holidays")):
        # (not "설 연휴 전에 받으려면": a holiday of the shop's that is the day to receive by, its dates worked out below)
        rule = ""
    elif g.lang == "ko":
        g.sentences.append(rule.replace("결제 시", "결제하시면") + "돼요.")
    else:
        g.sentences.append(rule[0].upper() + rule[1:] + ".")
    policy = knowledge.delivery_policy()
    lo, hi = policy.transit_days_min, policy.transit_days_max
    if a.has("duration") and not a.has("fee", "price") and not placed and hi > 0:
        # "배송 보통 얼마나 걸려요": how long the parcel travels, as the shop states it, before the dates worked out
        days = f"{lo}~{hi}" if lo != hi else f"{hi}"
        g.say("출고 후 보통 {d}영업일 안에 도착해요.", "After dispatch it usually takes {d_en} business day{s}.",
              d=days, d_en=days.replace("~", "-"), s="" if days == "1" else "s")
    if placed:
        # an order already placed: "12월 22일(화) 11시 30분에 주문하셨다면"; a part of the day in the customer's own word
        # ("어제 오후에" -> "오후에", never an hour they did not say); no time: "before the cut-off" of that day
        before = bool(BEFORE_THE_HOUR.search(text))  # "2시 전에 결제했는데": said as the hour it was before
        shown = when + timedelta(minutes=1) if before else when
        if before:
            g.add(f"turn:time:{shown:%H:%M}", f"고객이 말한 시각 {shown:%H:%M} (상품 정보 아님)")
        at = g.text("{h}시", "at {h}:{m:02d}", h=shown.hour, m=shown.minute) \
            + (f" {shown.minute}분" if g.lang == "ko" and shown.minute else "") + (g.text(" 전", "") if before else "")
        part = PART_OF_DAY.search(text) if not re.search(r"\d\s*(시|:\d)", text) else None
        if part is not None and said is not now:
            lead = g.text("{d} {p}에 주문하셨다면", "If you ordered on {d} {p_en}, it", d=korean_date(est.ordered_at, g.lang),
                          p=part.group(0), p_en=_PART_OF_DAY_EN.get(part.group(0), "that day"))
        elif hour_given or said is now:
            lead = g.text("{d} {t}에 주문하셨다면", "If you ordered on {d} {t}, it", d=korean_date(est.ordered_at, g.lang), t=at)
        elif _cutoff_moot(knowledge, est):  # "어제 일요일에 주문했는데": no cut-off on a day nothing ships
            lead = g.text("{d}에 주문하셨다면", "If you ordered on {d}, it", d=korean_date(est.ordered_at, g.lang))
        else:
            lead = g.text("{d} {c} 전에 주문하셨다면", "If you ordered on {d} before {c}, it", d=korean_date(est.ordered_at, g.lang),
                          c=est.cutoff)
    elif when is now:
        lead = g.text("말씀하신 날짜는 확인하기 어려워서 지금 주문하시는 경우로 안내드리면, 지금 주문하시면",
                      "I couldn't read the date, so for an order placed now: ordering now,") if unreadable else \
            g.text("지금 주문하시면", "If you order now, it")
    elif hour_given and not _CLOCK_HOUR.search(text) \
            and (part := re.search(rf"({PART_OF_DAY.pattern})(\s*(?:지나서|지나고|지나면|이후|넘어서|후))?", text)):
        # "결제를 저녁에 할거같은데", "점심 지나서 결제하면": the part of the day in the customer's own words, never an hour
        # they did not say
        lead = g.text("{d} {p}{e} 주문하시면", "If you order on {d} {p_en}, it", d=korean_date(est.ordered_at, g.lang),
                      p=part.group(0), e="" if part.group(2) else "에",
                      p_en=f"after {_PART_OF_DAY_EN.get(part.group(1), 'that day').split()[-1]}" if part.group(2)
                      else _PART_OF_DAY_EN.get(part.group(1), "that day"))
    elif hour_given:
        after = bool(re.search(r"\d\s*시\s*(반\s*)?(넘어|넘은|이후|지나|후에|후로)|\bafter\s+\d", text, re.I))
        before = bool(BEFORE_THE_HOUR.search(text))
        shown = when + timedelta(minutes=1) if before else when  # "2시 전에 주문하면": said as the hour it is before
        if before:
            g.add(f"turn:time:{shown:%H:%M}", f"고객이 말한 시각 {shown:%H:%M} (상품 정보 아님)")
        lead = g.text("{d} {t}{a} 주문하시면", "If you order on {d} {a_en}{h}:{m:02d}, it", d=korean_date(est.ordered_at, g.lang),
                      h=shown.hour, m=shown.minute, t=f"{shown.hour}시" + (f" {shown.minute}분" if shown.minute else ""),
                      a=" 이후에" if after else " 전에" if before else "에", a_en="after " if after else "before " if before else "at ")
    elif when.date() == now.date():
        lead = g.text("지금 주문하시면", "If you order now, it")
    elif {"weekend", "holiday"} & set(est.reasons):
        lead = g.text("{d}에 주문하시면", "If you order on {d}, it", d=korean_date(est.ordered_at, g.lang))
    else:
        lead = g.text("{d} {c} 전에 주문하시면", "If you order on {d} before {c}, it", d=korean_date(est.ordered_at, g.lang), c=est.cutoff)
    if not placed and when.date() == now.date() and str(est.dispatch_date)[:10] != now.date().isoformat() \
            and _WHY_NOT_TODAY.search(text):
        if _cutoff_moot(knowledge, est):
            # "지금 1시인데 왜 월요일이에요?", "오늘 출고돼요?" on a Saturday: why not today, said first (today's own
            # reason: a Friday past the cut-off is no weekend, though the weekend follows it)
            weekend = now.weekday() >= 5
            g.say("오늘은 {r}이라 출고하지 않아요.", "We don't ship today ({r_en}).",
                  r="주말" if weekend else "공휴일", r_en="weekend" if weekend else "holiday")
        elif {"weekend", "holiday", "cutoff"} & set(est.reasons) or now.strftime("%H:%M") >= str(est.cutoff):
            g.say("오늘 출고 마감({c})이 지났어요.", "Today's dispatch cut-off ({c}) has passed.", c=est.cutoff)
    if est.arrival_from == est.arrival_until:  # one day, not "24일~24일"
        g.say("{lead} {d}에 출고되어 {a}에 받아보실 수 있어요.", "{lead} ships on {d} and arrives on {a}.",
              lead=lead, d=korean_date(est.dispatch_date, g.lang), a=korean_date(est.arrival_from, g.lang))
    else:
        g.say("{lead} {d}에 출고되어 {a}~{b} 사이에 받아보실 수 있어요.", "{lead} ships on {d} and arrives between {a} and {b}.",
              lead=lead, d=korean_date(est.dispatch_date, g.lang), a=korean_date(est.arrival_from, g.lang),
              b=korean_date(est.arrival_until, g.lang))
    if not placed and _BANK_TRANSFER.search(text) and str(est.dispatch_date)[:10] == str(est.ordered_at)[:10]:
        # "1시 50분에 주문하고 무통장으로 할건데": the cut-off counts the payment, which is the deposit itself
        g.say("무통장입금은 {c} 전까지 입금까지 마치셔야 당일 출고돼요.",
              "With a bank transfer, the deposit itself must be made before {c} for same-day dispatch.", c=est.cutoff)
    if wanted is not None:
        if not _deadline_verdict(g, est, wanted[0]) and g.lang == "ko" and str(wanted[0])[:10] > now.date().isoformat():
            _faster_service(g, knowledge, date.fromisoformat(str(est.ordered_at)[:10]))  # (never for "오늘 저녁까지")
        if not placed and asks_latest_order_day(text_with_deadline):
            _latest_order_day(g, knowledge, now, wanted[0])
        if by_holiday:  # "설 연휴 전에": the days of that holiday the shop ships nothing
            policy, today = knowledge.delivery_policy(), now.date().isoformat()
            # ("설 전에": the stem alone names its 연휴 the way "설 연휴" does)
            days = holidays_named(policy, wanted[1], today) or holidays_named(policy, f"{wanted[1]} 연휴", today)
            if days:
                _say_holidays(g, days)


# a clock with "before" that restates the shop's cut-off ("14시 전 주문하면 당일출고라면서요"); a question of why not
# today, or whether today ("왜 월요일이에요?", "오늘 출고돼요?", "why not today")
_CUTOFF_RESTATED = re.compile(r"\d{1,2}\s*시\s*(?:\d{1,2}\s*분\s*)?(?:전|이전|까지)")
_WHY_NOT_TODAY = re.compile(r"왜|오늘\s*(?:바로\s*)?(?:출고|발송|보내|나가)|당일\s*(?:출고|발송)|\bwhy\b|\btoday\b", re.I)


def _add_estimate(g: Grounding, est: Any) -> None:
    """An order moment's dispatch estimate as a fact: the reply's wording of each day with its ISO date, the cut-off
    and why it ships later (a weekend, a holiday, past the cut-off)."""
    reasons = ", ".join(_REASONS.get(r, (r, r))[0] for r in est.reasons)
    day = lambda d: f"{korean_date(d, 'ko')} ({d})"  # noqa: E731 - the reply's wording and the ISO date
    g.add(f"dispatch:{est.ordered_at}", f"{day(est.ordered_at)} 주문 시 출고일 {day(est.dispatch_date)}, 도착 예정 "
          f"{day(est.arrival_from)}~{day(est.arrival_until)}, 출고 기준 결제 마감 {est.cutoff}"
          + (f" ({reasons})" if reasons else ""))


def _missed_today(g: Grounding, knowledge: Any, now: datetime, by_day: date) -> None:
    """"크리스마스 전에 받으려면 언제까지 주문해야 돼요?" past today's cut-off: an order paid before it today would have
    come by then; said so, with the cut-off (nothing when even that would not)."""
    morning = knowledge.dispatch_estimate(datetime.combine(now.date(), datetime.min.time(), now.tzinfo).replace(hour=9))
    if str(morning.dispatch_date)[:10] != str(now.date()) or date.fromisoformat(str(morning.arrival_until)[:10]) > by_day:
        return
    _add_estimate(g, morning)
    g.say("{w}까지 확실히 받으시려면 오늘 {c} 전까지 결제하셔야 했는데, 지금은 그 시간이 지났어요.",
          "To be sure of having it by {w}, it had to be paid by {c} today, and that time has passed.",
          w=korean_date(by_day.isoformat(), g.lang), c=morning.cutoff)


def _latest_order_day(g: Grounding, knowledge: Any, now: datetime, by: Any) -> None:
    """The last day an order still arrives by the customer's day (its latest arrival on or before it): the day, and
    the cut-off on it when it ships that day; nothing when no order from now can."""
    by_day = by if isinstance(by, date) else date.fromisoformat(str(by)[:10])
    day = by_day
    while day >= now.date():
        moment = now if day == now.date() else datetime.combine(day, datetime.min.time(), now.tzinfo).replace(hour=9)
        est = knowledge.dispatch_estimate(moment)
        if date.fromisoformat(str(est.arrival_until)[:10]) <= by_day:
            break
        day -= timedelta(days=1)
    else:
        _missed_today(g, knowledge, now, by_day)
        return
    if day == now.date() and str(est.dispatch_date)[:10] != str(day):
        _missed_today(g, knowledge, now, by_day)
        return  # today, already past the cut-off: the estimate above is the answer
    _add_estimate(g, est)
    ships_that_day = str(est.dispatch_date)[:10] == str(day)
    w, d = korean_date(by_day.isoformat(), g.lang), korean_date(day.isoformat(), g.lang)
    if ships_that_day:
        g.say("{w}까지 받으시려면 늦어도 {d} {c} 전까지 결제해 주세요.", "To have it by {w}, pay by {c} on {d} at the latest.",
              w=w, d=d, c=est.cutoff)
    else:
        g.say("{w}까지 받으시려면 늦어도 {d}까지 주문해 주세요.", "To have it by {w}, order by {d} at the latest.", w=w, d=d)


_PART_OF_DAY_EN = {"아침": "in the morning", "오전": "in the morning", "오후": "in the afternoon", "점심": "at lunch",
                   "저녁": "in the evening", "밤": "at night"}  # the English of `entities.PART_OF_DAY`


def _faster_service(g: Grounding, knowledge: Any, ordered: date | None = None) -> None:
    """A parcel that will not come by the customer's day: the shop's own faster service, when a section of its rules
    describes one that arrives the next day (새벽배송: "밤 23:00까지 주문하면 다음 날 아침 7:00 전에 …"), quoted as the
    shop wrote it (where it runs, on which days and until when it is ordered are the shop's words; a long section by
    its sentence on the next day)."""
    from agent.policy_answer import _title_topics

    try:
        passages = knowledge.passages().passages
    except (AttributeError, TypeError):
        return
    own = [p for p in passages if p.kind == "clause" and p.key not in _STANDARD_SECTIONS
           and _title_topics(p.title) & _SHIPPING_CONCEPTS and not _title_topics(p.title) & _ANSWERED_HERE
           and _NEXT_DAY.search(p.text)]
    if len({p.key for p in own}) != 1:
        return
    from core.language.korean_text import sentences

    # all of it when short (on which days and where it runs), else its sentence on the next day
    sentence = own[0].text if len(own[0].text) <= 220 else next(x for x in sentences(own[0].text) if _NEXT_DAY.search(x))
    g.add(f"policy:{own[0].key}", f"{own[0].title}: {own[0].text}")
    service = own[0].title.replace(" 안내", "")  # "새벽배송 안내" -> 새벽배송
    day = "월화수목금토일"[ordered.weekday()] if ordered is not None else ""
    ruled = next((x for p in passages if p.kind == "clause" and p.key == own[0].key for x in sentences(p.text)
                  if day and re.search(rf"{day}요일[^.]*?주문", x)), None)
    if ruled is not None and ordered is not None and _day_in_a_range(day, ruled) and _NEXT_DAY.search(sentence):
        # "일요일~목요일 주문 분만 새벽배송되며" for a Thursday order: that day is one it runs on, so it comes the next
        # day, said with its date and the service's own sentence (where it runs, until when it is ordered)
        nxt = ordered + timedelta(days=1)
        g.add(f"derived:{own[0].key}:{nxt.isoformat()}", f"{korean_date(ordered.isoformat())} 주문 시 {service} 도착일 "
                                                          f"{korean_date(nxt.isoformat())}")
        g.sentences.append(f"{service}{josa(service, '은', '는')} {day}요일 주문도 되는 날이라 {korean_date(nxt.isoformat())}에 "
                           f"받으실 수 있어요: {sentence}")
        for i, x in enumerate(g.sentences[:-1]):
            if x.endswith("까지는 도착이 어려워요.") and not x.startswith("택배로는"):
                g.sentences[i] = f"택배로는 {x}"
        return
    if ruled is not None:
        # "금요일·토요일 주문은 월요일 새벽에 도착합니다" for a Friday order: the service's own rule for that day is
        # quoted, never promised as faster
        g.sentences.append(f"{service}{josa(service, '은', '는')} 주문하신 요일에 따라 달라요: {ruled}")
        return
    g.sentences.append(f"{service}{josa(service, '을', '를')} 이용하시면 더 빨리 받으실 수 있어요: {sentence}")
    # (the parcel's "… 도착이 어려워요" said before is the parcel's, not the service's: "택배로는 …")
    for i, x in enumerate(g.sentences[:-1]):
        if x.endswith("까지는 도착이 어려워요.") and not x.startswith("택배로는"):
            g.sentences[i] = f"택배로는 {x}"


_BANK_TRANSFER = re.compile(r"무통장|계좌\s*이체|가상\s*계좌|\bbank\s+transfer\b", re.I)


def _day_in_a_range(day: str, sentence: str) -> bool:
    """The weekday (its one syllable) falls in a range of days the sentence runs the service on ("일요일~목요일 주문
    분만 새벽배송되며"), in a clause that refuses nothing."""
    from agent.service_hours import weekdays_between

    for clause in re.split(r"(?<=며)\s+|,\s*", sentence):
        m = re.search(r"([월화수목금토일])요일\s*[~\-부터]+\s*([월화수목금토일])요일", clause)
        if m and not re.search(r"안\s*되|않|불가|제외", clause) \
                and "월화수목금토일".index(day) in weekdays_between(m.group(1), m.group(2)):
            return True
    return False


# a service that comes the day after the order ("다음 날 아침 7:00 전에", "익일 오전")
_NEXT_DAY = re.compile(r"다음\s*날|익일|당일\s*(?:도착|배송)")


def _deadline_verdict(g: Grounding, est: Any, by: Any) -> bool:
    """Whether the estimate meets the day the customer wants it by (that day is theirs, registered as such); True
    when it surely does."""
    by_day = by if isinstance(by, date) else date.fromisoformat(str(by)[:10])
    latest, earliest = date.fromisoformat(str(est.arrival_until)[:10]), date.fromisoformat(str(est.arrival_from)[:10])
    g.add(f"turn:deadline:{by_day.isoformat()}", f"고객이 원하는 도착일 {korean_date(by_day.isoformat(), 'ko')} ({by_day})")
    when = korean_date(by_day.isoformat(), g.lang)
    if latest <= by_day:
        if not earliest == latest == by_day:  # (the estimate just said "{that day}에 받아보실 수 있어요": not twice)
            g.say("{w}까지 받아보실 수 있어요.", "So it should arrive by {w}.", w=when)
        return True
    if earliest > by_day:
        g.say("{w}까지는 도착이 어려워요.", "It is unlikely to arrive by {w}.", w=when)
    else:
        g.say("{w}까지 도착할 수도 있지만 보장되지는 않아요.", "It may arrive by {w}, but that isn't guaranteed.", w=when)
    return False
