"""Agent-layer correctness: which amount a fee question is about, when a hypothetical order is placed,
shops without a free-shipping threshold, derived numbers and blind spots in the fact guard, shop time.

Each test pins a general rule (threshold talk is not an order amount, unit price × quantity, next
occurrence of a date, arithmetic must be visible, "무료" about a fee is the amount 0원), not one message.
"""

from __future__ import annotations

import copy
import json
from datetime import date, datetime
from pathlib import Path

import pytest

from agent.delivery_facts import ground_delivery, shop_now
from agent.entities import amount, amount_terms, order_day, order_time, order_when
from agent.fact_guard import check_reply
from agent.quantities import FREE_SHIPPING, extract, keys_of
from core.knowledge.shop_knowledge import ShopKnowledge

DATA = Path(__file__).resolve().parents[2] / "data"
SUNDAY = datetime(2026, 11, 22, 10, 0)
MONDAY = datetime(2026, 11, 23, 10, 30)


def _index() -> dict:
    path = next(DATA.glob("ontology.owl.*.index.json"), None)
    if path is not None:
        return json.loads(path.read_text(encoding="utf-8"))
    from core.knowledge.owl_index import build_index

    index, _ = build_index((DATA / "ontology.owl").read_bytes(), source="ontology.owl")
    return index


@pytest.fixture(scope="module")
def index() -> dict:
    return _index()


@pytest.fixture(scope="module")
def shop(index: dict) -> ShopKnowledge:
    return ShopKnowledge(copy.deepcopy(index), source="bundled")


def _variant(index: dict, **delivery: int) -> ShopKnowledge:
    changed = copy.deepcopy(index)
    changed["delivery"].update(delivery)
    return ShopKnowledge(changed, source="variant")


def _guarded(g) -> None:
    verdict = check_reply(g.reply, g.texts())
    assert verdict.ok, (g.reply, verdict.ungrounded, g.texts())


# -- 1. which amount a fee question is about ------------------------------------------------------
@pytest.mark.parametrize("text, terms", [
    ("무료배송이 5만원 이상이라던데 4만5천원이면 배송비 얼마?", (45000, 1)),
    ("2만원짜리 셔츠 3벌 주문하면 배송비 있나요?", (20000, 3)),
    ("2만원짜리 오버핏 셔츠 세 벌 사면 배송비는요?", (20000, 3)),
    ("무료배송 기준 3만원 맞죠?", None),
    ("5만원 넘으면 무료인가요?", None),
    ("3만원 이하도 무료배송 돼요? 지금 2만5천원어치 담았어요", (25000, 1)),
    ("제주도에 45000원어치", (45000, 1)),
])
def test_order_amount_skips_threshold_talk_and_multiplies_unit_prices(text: str, terms) -> None:
    assert amount_terms(text) == terms
    assert amount(text) == (None if terms is None else terms[0] * terms[1])


def test_fee_reply_uses_the_order_amount_not_the_threshold(shop: ShopKnowledge) -> None:
    p = shop.delivery_policy()
    below = p.free_threshold - 5000
    g = ground_delivery(shop, f"무료배송이 {p.free_threshold // 10000}만원 이상이라던데 {below:,}원이면 배송비 얼마?", now=MONDAY)
    assert f"{below:,}원" in g.reply and f"{p.base_fee:,}원" in g.reply
    _guarded(g)


def test_unit_price_times_quantity_is_a_registered_total(shop: ShopKnowledge) -> None:
    p = shop.delivery_policy()
    unit = p.free_threshold // 2 - 5000  # three of them pass the threshold, one does not
    g = ground_delivery(shop, f"{unit:,}원짜리 셔츠 3벌 주문하면 배송비 있나요?", now=MONDAY)
    assert f"{unit * 3:,}원" in g.reply and "무료" in g.reply
    assert any(f.id.startswith("derived:total") for f in g.facts)
    _guarded(g)


def test_wrong_threshold_claim_gets_the_real_threshold(shop: ShopKnowledge) -> None:
    p = shop.delivery_policy()
    wrong = p.free_threshold - 20000
    g = ground_delivery(shop, f"무료배송 기준 {wrong // 10000}만원 맞죠?", now=MONDAY)
    assert f"{p.free_threshold:,}원" in g.reply and f"{wrong:,}원" not in g.reply
    _guarded(g)


# -- 2. hypothetical order time -------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("12/24 오후 1시에 주문하면 언제 와요?", datetime(2026, 12, 24, 13, 0)),
    ("12월 24일 주문하면 언제 와요?", datetime(2026, 12, 24, 9, 0)),
    ("1/5에 주문하면요?", datetime(2027, 1, 5, 9, 0)),  # next occurrence on or after today
    ("모레 주문하면 언제 도착해요?", datetime(2026, 11, 24, 9, 0)),
    ("글피 주문하면요?", datetime(2026, 11, 25, 9, 0)),
    ("다음 주 금요일에 주문하면?", datetime(2026, 11, 27, 9, 0)),
    ("일요일에 주문하면 언제 와요?", datetime(2026, 11, 29, 9, 0)),  # today's weekday: next week
    ("오늘 주문하면 내일 도착하나요?", datetime(2026, 11, 22, 10, 0)),
    ("내일 도착해요?", None),
])
def test_order_time_reads_dates_and_relative_days(text: str, expected: datetime | None) -> None:
    assert order_time(text, SUNDAY) == expected


def test_unreadable_date_is_flagged_and_said_to_be_now(shop: ShopKnowledge) -> None:
    assert order_day("다음 달에 주문하면 언제 와요?", SUNDAY) == (None, True)
    assert order_when("2/30에 주문하면?", SUNDAY) == (None, False, True)
    assert order_day("1/5에 주문하면요?", SUNDAY) == (date(2027, 1, 5), False)
    g = ground_delivery(shop, "다음 달에 주문하면 언제 와요?", now=MONDAY)
    assert "지금 주문하시는 경우" in g.reply
    _guarded(g)


def test_dated_order_is_estimated_for_that_date(shop: ShopKnowledge) -> None:
    g = ground_delivery(shop, "12/24 오후 1시에 주문하면 언제 와요?", now=MONDAY)
    assert "12월 24일" in g.reply and "13시" in g.reply
    _guarded(g)


# -- 3. no free-shipping threshold; free base delivery ---------------------------------------------
@pytest.mark.parametrize("turn", ["배송비 얼마예요?", "3만원 주문하면 배송비 얼마?", "제주도 배송비 얼마예요?"])
def test_no_threshold_never_says_zero_won_threshold(index: dict, turn: str) -> None:
    k = _variant(index, free_threshold=0)
    g = ground_delivery(k, turn, now=MONDAY)
    assert "0원 이상" not in g.reply and "0원 이상" not in " ".join(g.texts())
    assert "무료배송" not in g.reply
    _guarded(g)


def test_free_base_delivery_is_called_free(index: dict) -> None:
    k = _variant(index, base_fee=0)
    g = ground_delivery(k, "배송비 얼마예요?", now=MONDAY)
    assert "배송비 0원" not in g.reply and "무료" in g.reply
    _guarded(g)


def test_product_bundle_fee_without_threshold(index: dict) -> None:
    from agent.product_facts import ground_product

    k = _variant(index, free_threshold=0)
    products = sorted((p for p in k.filter_products(limit=50) if p.price), key=lambda p: -p.price)[:2]
    names = "랑 ".join(p.name for p in products)
    g = ground_product(k, f"{names} 같이 사면 배송비 얼마?", now=MONDAY)
    assert "합계" in g.reply and "무료" not in g.reply and "0원 이상" not in " ".join(g.texts()), g.reply
    assert check_reply(g.reply, g.texts()).ok, (g.reply, g.texts())


# -- 4. derived numbers need a visible arithmetic cue ------------------------------------------
def test_difference_without_cue_is_rejected() -> None:
    facts = ["옥스포드 셔츠 판매가 39,000원", "기본 배송비 3,000원"]
    verdict = check_reply("옥스포드 셔츠는 39,000원인데 지금 36,000원에 드려요 (배송비 3,000원)", facts)
    assert not verdict.ok and "36,000" in verdict.ungrounded
    assert check_reply("39,000원 + 배송비 3,000원 = 42,000원이에요.", facts).ok
    assert check_reply("정가 39,000원보다 3,000원 저렴한 36,000원이에요.", facts).ok


# -- 5. fact guard blind spots -------------------------------------------------------------------
def test_one_counts_and_sino_percent_are_quantities() -> None:
    facts = ["린넨 셔츠 M 재고 3개; 할인율 10%"]
    assert not check_reply("한 개 남았어요.", facts).ok
    assert not check_reply("하나 남았어요.", facts).ok
    assert check_reply("한 번 더 확인해 주세요. 한 가지 더 안내드릴게요.", facts).ok
    assert not check_reply("이십 퍼센트 할인 중이에요.", facts).ok
    assert check_reply("십 퍼센트 할인 중이에요.", facts).ok
    assert check_reply("이 프로모션은 곧 끝나요.", facts).ok
    assert check_reply("한 개 남았어요.", ["린넨 셔츠 M 재고 1개"]).ok


def test_free_shipping_claims_need_a_free_fact() -> None:
    assert FREE_SHIPPING in keys_of("지역 기본, 상품금액 60,000원: 배송비 0원 (무료배송 기준 충족)")
    assert FREE_SHIPPING in keys_of("50,000원 이상 구매 시 기본 배송비 무료")
    assert any(FREE_SHIPPING in q.keys for q in extract("배송비는 무료예요"))
    paid = ["택배사 CJ대한통운; 기본 배송비 3,000원", "상품금액 20,000원: 배송비 3,000원"]
    assert not check_reply("배송비는 무료예요.", paid).ok
    assert not check_reply("무료배송으로 보내드려요.", paid).ok
    assert check_reply("배송비는 무료예요.", ["상품금액 60,000원: 배송비 0원"]).ok


def test_every_delivery_template_passes_the_guard(shop: ShopKnowledge) -> None:
    for turn in ("배송비 얼마예요?", "6만원 주문하면 배송비?", "제주도 3만원 주문하면 배송비 얼마?", "모레 주문하면 언제 와요?",
                 "금요일 오후 3시에 주문하면 언제 받아요?"):
        _guarded(ground_delivery(shop, turn, now=MONDAY))


# -- 6. shop time --------------------------------------------------------------------------------
def test_default_now_is_naive_shop_time(shop: ShopKnowledge) -> None:
    from zoneinfo import ZoneInfo

    now = shop_now(shop)
    zone = ZoneInfo(shop.delivery_policy().timezone)
    assert now.tzinfo is None
    assert abs((datetime.now(zone).replace(tzinfo=None) - now).total_seconds()) < 60
    aware = datetime(2026, 11, 23, 1, 30, tzinfo=ZoneInfo("UTC"))  # 10:30 in Seoul
    g = ground_delivery(shop, "지금 주문하면 언제 출고돼요?", now=aware)
    assert any("2026-11-23T10:30" in f.id or "2026-11-23 10:30" in f.text for f in g.facts), g.texts()
