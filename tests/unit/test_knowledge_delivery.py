"""Delivery fee and dispatch/arrival arithmetic: threshold boundary, regions, cut-off, weekends, holidays."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone

import pytest

from core.config import BUNDLED_ONTOLOGY
from core.knowledge.delivery_rules import DeliveryRuleError, estimate, quote, region_of_text
from core.knowledge.model import DeliveryPolicy
from core.knowledge.shop_knowledge import ShopKnowledge
from core.knowledge.manager import LocalSource, load_knowledge

POLICY = DeliveryPolicy(
    carrier="CJ대한통운", base_fee=3000, free_threshold=50000, jeju_surcharge=3000, remote_surcharge=5000,
    cutoff="14:00", handling_days_min=0, handling_days_max=1, transit_days_min=1, transit_days_max=3,
    holidays=("2026-12-25", "2027-01-01"), jeju_postal_ranges=(("63000", "63644"),),
    remote_postal_ranges=(("40200", "40240"), ("23100", "23116")), jeju_region_words=("제주", "서귀포"),
    remote_region_words=("울릉", "옹진", "신안"),
)


@pytest.mark.parametrize(("amount", "fee", "free"), [(49999, 3000, False), (50000, 0, True), (50001, 0, True),
                                                      (0, 3000, False)])
def test_threshold_boundary(amount: int, fee: int, free: bool) -> None:
    q = quote(POLICY, amount)
    assert (q.fee, q.free_applied, q.region, q.surcharge) == (fee, free, "기본", 0)


def test_jeju_surcharge_applies_with_free_shipping() -> None:
    below = quote(POLICY, 45000, region="제주")
    assert (below.base_fee, below.surcharge, below.fee, below.free_applied) == (3000, 3000, 6000, False)
    above = quote(POLICY, 50000, region="제주도")
    assert (above.surcharge, above.fee, above.free_applied) == (3000, 3000, True)


def test_surcharge_waived_when_ontology_says_so() -> None:
    policy = replace(POLICY, jeju_surcharge_when_free=False)
    assert quote(policy, 60000, region="제주").fee == 0
    assert quote(policy, 40000, region="제주").fee == 6000


@pytest.mark.parametrize(("kwargs", "region", "fee"), [
    ({"postal_code": "63100"}, "제주", 6000),
    ({"postal_code": "40225"}, "도서산간", 8000),
    ({"postal_code": "23116"}, "도서산간", 8000),
    ({"postal_code": "06236"}, "기본", 3000),
    ({"address": "제주특별자치도 서귀포시 중문로 1"}, "제주", 6000),
    ({"address": "경상북도 울릉군 울릉읍 도동리"}, "도서산간", 8000),
    ({"address": "인천 옹진군 백령면"}, "도서산간", 8000),
    ({"address": "서울시 강남구 테헤란로 1 (06236)"}, "기본", 3000),
    ({"address": "전남 어딘가 40230"}, "도서산간", 8000),
    ({"region": "도서산간"}, "도서산간", 8000),
])
def test_region_by_postal_code_and_address(kwargs: dict, region: str, fee: int) -> None:
    q = quote(POLICY, 10000, **kwargs)
    assert (q.region, q.fee) == (region, fee)


def test_overseas_is_not_shipped() -> None:
    q = quote(POLICY, 100000, region="해외")
    assert q.ships is False and q.fee == 0 and "해외" in q.note


def test_bad_inputs_raise_clear_errors() -> None:
    with pytest.raises(DeliveryRuleError, match=">= 0"):
        quote(POLICY, -1)
    with pytest.raises(DeliveryRuleError, match="5 digits"):
        quote(POLICY, 1000, postal_code="123")
    with pytest.raises(DeliveryRuleError, match="unknown region"):
        quote(POLICY, 1000, region="화성")
    assert region_of_text(POLICY, "") is None


@pytest.mark.parametrize(("ordered", "dispatch", "arr_from", "arr_until", "reasons"), [
    # Wednesday before cut-off: same day
    ("2026-11-18T13:59", "2026-11-18", "2026-11-19", "2026-11-23", ()),
    # exactly at the cut-off counts as after it
    ("2026-11-18T14:00", "2026-11-19", "2026-11-20", "2026-11-24", ("after_cutoff",)),
    # Friday after cut-off -> Monday
    ("2026-11-20T15:10", "2026-11-23", "2026-11-24", "2026-11-26", ("after_cutoff", "weekend")),
    # Saturday / Sunday -> Monday
    ("2026-11-21T09:00", "2026-11-23", "2026-11-24", "2026-11-26", ("weekend",)),
    ("2026-11-22T23:59", "2026-11-23", "2026-11-24", "2026-11-26", ("weekend",)),
    # holiday (Friday 2026-12-25) -> Monday; transit skips nothing else
    ("2026-12-25T10:00", "2026-12-28", "2026-12-29", "2026-12-31", ("holiday", "weekend")),
    # Thursday after cut-off, Friday is a holiday -> Monday
    ("2026-12-24T16:00", "2026-12-28", "2026-12-29", "2026-12-31", ("after_cutoff", "weekend", "holiday")),
    # transit over New Year's Day (holiday) and a weekend
    ("2026-12-31T10:00", "2026-12-31", "2027-01-04", "2027-01-06", ("holiday_in_transit",)),
])
def test_dispatch_estimate(ordered: str, dispatch: str, arr_from: str, arr_until: str, reasons: tuple) -> None:
    e = estimate(POLICY, datetime.fromisoformat(ordered))
    assert (e.dispatch_date, e.arrival_from, e.arrival_until) == (dispatch, arr_from, arr_until)
    assert set(e.reasons) == set(reasons)
    assert e.cutoff == "14:00"


def test_handling_days_delay_dispatch_in_business_days() -> None:
    # GIVEN a shop that ships one business day after payment (handlingTime min 1)
    slow = replace(POLICY, handling_days_min=1, handling_days_max=2)
    # Friday before the cut-off starts Friday, ships Monday; Thursday after it starts Friday, ships Monday
    assert estimate(slow, datetime.fromisoformat("2026-11-20T10:00")).dispatch_date == "2026-11-23"
    assert estimate(slow, datetime.fromisoformat("2026-11-19T15:00")).dispatch_date == "2026-11-23"
    assert estimate(slow, datetime.fromisoformat("2026-11-18T10:00")).dispatch_date == "2026-11-19"


def test_aware_times_are_converted_to_seoul() -> None:
    # 04:30 UTC = 13:30 KST (before cut-off); 05:30 UTC = 14:30 KST (after)
    before = estimate(POLICY, datetime(2026, 11, 18, 4, 30, tzinfo=timezone.utc))
    after = estimate(POLICY, datetime(2026, 11, 18, 5, 30, tzinfo=timezone.utc))
    assert before.dispatch_date == "2026-11-18" and before.ordered_at == "2026-11-18T13:30"
    assert after.dispatch_date == "2026-11-19"


@pytest.fixture(scope="module")
def shop() -> ShopKnowledge:
    return load_knowledge(LocalSource(BUNDLED_ONTOLOGY), write_index=False, use_index=False)


def test_bundled_orders_agree_with_the_rules(shop: ShopKnowledge) -> None:
    """Every stored order's fee and arrival window follows from the ontology's own delivery policy."""
    checked = 0
    for number in shop.order_numbers():
        order = shop.order(number)
        assert order is not None
        goods = sum(i.quantity * i.unit_price for i in order.items)
        assert shop.delivery_quote(goods, region=order.region).fee == order.shipping_fee, number
        assert order.total == goods + order.shipping_fee
        if order.expected_arrival_from:
            e = shop.dispatch_estimate(datetime.fromisoformat(order.ordered_at))
            assert (e.arrival_from, e.arrival_until) == (order.expected_arrival_from, order.expected_arrival_until)
            checked += 1
    assert checked >= 10


def test_bundled_policy_facts(shop: ShopKnowledge) -> None:
    p = shop.delivery_policy()
    assert p.base_fee > 0 and p.free_threshold > 0 and p.cutoff.count(":") == 1
    assert p.jeju_postal_ranges and p.remote_postal_ranges and p.holidays
    assert shop.delivery_quote(p.free_threshold - 1).fee == p.base_fee
    assert shop.delivery_quote(p.free_threshold).fee == 0
    jeju = shop.delivery_quote(p.free_threshold, postal_code=p.jeju_postal_ranges[0][0])
    assert jeju.region == "제주" and jeju.fee == p.jeju_surcharge
    remote = shop.delivery_quote(1000, postal_code=p.remote_postal_ranges[0][1])
    assert remote.region == "도서산간" and remote.fee == p.base_fee + p.remote_surcharge
    assert shop.order("20261105-0012") is not None
    assert shop.order("2026 1105 0012") is not None
    assert shop.order("99999999-0000") is None
    for key in ("delivery", "returns", "exchange", "refund", "cancellation", "payment", "points", "coupons",
                "membership", "store", "address_change", "bundling", "overseas", "receipts"):
        section = shop.policy(key)
        assert section is not None and section.text, key
