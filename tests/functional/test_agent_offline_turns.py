"""Offline turns against the bundled ontology: grounded templates, ask-backs, handoffs, failures."""

from __future__ import annotations

from datetime import datetime

import pytest

from agent.order_access import owner_identity
from agent.pipeline import SupportPipeline
from core.config import Settings
from core.knowledge.manager import get_knowledge

NOW = datetime(2026, 11, 23, 10, 30)


@pytest.fixture(scope="module")
def offline() -> SupportPipeline:
    return SupportPipeline(Settings.from_env({"LM_DISABLED": "true"}), knowledge_provider=get_knowledge)


def test_variant_stock_and_price_come_from_the_ontology(offline: SupportPipeline) -> None:
    k = get_knowledge()
    v = k.product("P003").variant(size="L", color="화이트")[0]
    result = offline.answer(["린넨 셔츠 L 화이트", "재고 있어요? 가격도요"], now=NOW)
    assert result.route == "product" and result.mode == "offline" and result.lm_calls == 0
    assert f"{v.stock}개" in result.reply and f"{v.price:,}원" in result.reply
    assert "product:P003" in result.facts and f"variant:{v.sku}" in result.facts


def test_ambiguous_product_asks_back_with_candidates(offline: SupportPipeline) -> None:
    result = offline.answer(["슬랙스 가격 얼마예요?"], now=NOW)
    assert result.ask_back and not result.handoff and "슬랙스" in result.reply and "중 어떤 상품" in result.reply


def test_order_status_and_missing_order_number(offline: SupportPipeline) -> None:
    order = get_knowledge().order("20261120-0014")
    owner = owner_identity(get_knowledge(), "20261120-0014")
    found = offline.answer(["20261120-0014 어디쯤이에요?"], now=NOW, customer=owner)
    assert order.status in found.reply and order.tracking_number in found.reply
    # a number that does not exist gets the request any non-owner gets (it does not say which it is)
    unknown = offline.answer(["주문번호 20251231-9999 배송 언제요?"], now=NOW, customer=owner)
    assert unknown.ask_back and "주문자 성함" in unknown.reply and "20251231-9999" not in unknown.reply
    missing = offline.answer(["택배 아직도 안 왔어요"], now=NOW)
    assert missing.ask_back and "주문번호" in missing.reply


def test_fee_quote_uses_region_and_amount(offline: SupportPipeline) -> None:
    q = get_knowledge().delivery_quote(45000, region="제주")
    result = offline.answer(["제주도에 45000원어치 시키면 배송비 얼마에요"], now=NOW)
    assert f"{q.fee:,}원" in result.reply


def test_handoff_request_and_empty_turn(offline: SupportPipeline) -> None:
    handoff = offline.answer(["상담원 연결해 주세요"], now=NOW)
    assert handoff.handoff and handoff.handoff_reason == "customer_request" and "연결" in handoff.reply
    empty = offline.answer(["   ", ""], now=NOW)
    assert empty.ask_back and empty.reply


def test_history_resolves_follow_ups(offline: SupportPipeline) -> None:
    history = [{"role": "user", "text": "케이블 니트 얼마예요?"}, {"role": "assistant", "text": "안내드렸어요."}]
    result = offline.answer(["소재는요?"], history=history, now=NOW)
    assert get_knowledge().product("P012").material in result.reply


def test_knowledge_failure_raises() -> None:
    class BrokenStoreError(RuntimeError):
        pass

    def broken() -> None:
        raise BrokenStoreError("ontology unavailable")

    pipeline = SupportPipeline(Settings.from_env({"LM_DISABLED": "true"}), knowledge_provider=broken)
    with pytest.raises(BrokenStoreError):
        pipeline.answer(["배송비 얼마예요?"], now=NOW)


def test_get_pipeline_is_a_singleton(monkeypatch: pytest.MonkeyPatch) -> None:
    from agent import pipeline as module

    monkeypatch.setenv("LM_DISABLED", "true")
    module.reset_pipeline()
    try:
        assert module.get_pipeline() is module.get_pipeline() and module.get_pipeline().mode == "offline"
    finally:
        module.reset_pipeline()


def test_discount_question_about_one_product_answers_for_that_product(offline: SupportPipeline) -> None:
    # GIVEN a product named by its nickname and one that is not on sale
    polo = offline.answer(["카라티 할인중이에요?"], now=NOW)
    plain = get_knowledge().find_products("무지 맨투맨").matches[0].product_id
    assert not get_knowledge().product(plain).on_sale
    basic = offline.answer(["무지 맨투맨 할인해요?"], now=NOW)
    # THEN each reply is about that product, not the list of everything on sale
    p = get_knowledge().product(get_knowledge().find_products("카라티").matches[0].product_id)
    assert p.name in polo.reply and f"{p.price:,}원" in polo.reply and f"{p.list_price:,}원" in polo.reply
    assert "할인 중인 상품이 아니에요" in basic.reply and "옥스포드" not in basic.reply
