"""Offline agent on mechanisms of the understanding layer, on the bundled shop and three other shops.

Each test pins one mechanism (a set against its parts, a quantity asked in a unit, the clause that says
no for the customer's condition, contact lines from the shop's own data, the customer's own sending,
follow-ups reaching back past a message without a product, the asked option axis), not one sentence.
"""

from __future__ import annotations

import pytest

from agent.evaluate import DEFAULT_NOW
from agent.handoff import wants_human
from agent.pipeline import SupportPipeline
from agent.turn_analysis import analyse_turn
from core.config import PROJECT_ROOT, Settings
from core.knowledge.manager import get_knowledge, load_knowledge, source_for

SHOPS = PROJECT_ROOT / "tests" / "data" / "shops"


def _pipeline(knowledge) -> SupportPipeline:  # noqa: ANN001
    return SupportPipeline(Settings.from_env({"LM_DISABLED": "true"}), knowledge_provider=lambda: knowledge)


@pytest.fixture(scope="module")
def shops() -> dict[str, SupportPipeline]:
    out = {"jogunshop": SupportPipeline(Settings.from_env({"LM_DISABLED": "true"}), knowledge_provider=get_knowledge)}
    for name in ("cosmetics.owl", "electronics.ttl", "grocery.owl"):
        out[name.split(".")[0]] = _pipeline(load_knowledge(source_for(str(SHOPS / name)), write_index=False))
    return out


def _ask(pipeline: SupportPipeline, message: str, history: list[dict] | None = None):
    return pipeline.answer([message], history=history, now=DEFAULT_NOW)


@pytest.mark.parametrize("shop, message, set_price, separate", [
    ("cosmetics", "토너 150이랑 수분크림 50 따로 사는거보다 세트가 더 싸요?", "42,000원", "50,000원"),
    ("electronics", "모니터 27이랑 마우스 블랙 키보드 갈축 따로 사면 얼마에요? 세트가 더 싼가요", "429,000원", "467,000원"),
])
def test_a_set_is_compared_with_its_parts_bought_separately(shops, shop: str, message: str, set_price: str,  # noqa: ANN001
                                                            separate: str) -> None:
    result = _ask(shops[shop], message)
    assert set_price in result.reply and separate in result.reply and "저렴" in result.reply, result.reply
    assert any(separate in fact for fact in result.fact_texts)  # the sum is a derived, registered fact


@pytest.mark.parametrize("message, expected", [("공기청정기 가격이랑 몇평형이에요?", "30평형"),
                                               ("에어프라이어 몇 리터예요?", "5.5L")])
def test_a_quantity_asked_in_a_unit_comes_from_the_description(shops, message: str, expected: str) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], message)
    assert expected in result.reply and not result.handoff, result.reply


def test_the_clause_that_says_no_for_the_condition_answers_a_yes_no_question(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "모니터 박스 뜯었는데 단순변심 반품 되나요?")
    assert "불가" in result.reply, result.reply


@pytest.mark.parametrize("shop, phone", [("electronics", "1588-4417"), ("grocery", "1577-6180"),
                                         ("jogunshop", "070-8890-1234")])
def test_a_handoff_gives_the_shops_own_contact(shops, shop: str, phone: str) -> None:  # noqa: ANN001
    result = _ask(shops[shop], "상담원이랑 통화하고 싶어요")
    assert result.handoff and phone in result.reply and any(phone in f for f in result.fact_texts), result.reply
    english = _ask(shops[shop], "can I talk to a human?")
    assert english.reply.startswith("Sure") and phone in english.reply


@pytest.mark.parametrize("text, expected", [("상담사님 계세요?", True), ("담당자분 있나요", True),
                                            ("직원 추천 상품 있나요", False), ("상담원 연결 안 해도 돼요", False),
                                            ("매니저 연결은 괜찮아요", False), ("상담원 연결 부탁해요", True)])
def test_asking_for_a_person_and_declining_one(text: str, expected: bool) -> None:
    assert wants_human(analyse_turn(text)) is expected


@pytest.mark.parametrize("text, dispatch", [("사진 보내드리면 되나요?", False), ("반품 언제 보내야 돼요?", False),
                                            ("오늘 중으로 보내주시나요", True), ("언제 보내주세요?", True)])
def test_the_customers_own_sending_is_not_the_shops_dispatch(text: str, dispatch: bool) -> None:
    assert analyse_turn(text).has("dispatch") is dispatch


def test_a_follow_up_reaches_back_to_the_message_that_named_the_product(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "헤비 스웻 후드티 차콜 L 재고 있나요?"}, {"role": "assistant", "text": "네, 있어요."},
               {"role": "user", "text": "가격은 얼마예요?"}, {"role": "assistant", "text": "가격 안내드렸어요."}]
    result = _ask(shops["jogunshop"], "M 사이즈는요?", history)
    assert "헤비 스웻 후드티" in result.reply and "M" in result.reply and not result.handoff, result.reply


def test_which_values_lists_the_asked_axis_only(shops) -> None:  # noqa: ANN001
    colours = _ask(shops["jogunshop"], "옥스포드 셔츠 무슨 색 있어요?").reply
    sizes = _ask(shops["jogunshop"], "옥스포드 셔츠 사이즈 뭐 있어요?").reply
    assert "네이비" in colours and "XXL" not in colours
    assert "XXL" in sizes and "네이비" not in sizes and "개" not in sizes  # the sizes, not a stock listing


def test_english_order_status_is_translated(shops) -> None:  # noqa: ANN001
    from agent.evaluate import owner_of_orders

    pipeline = shops["jogunshop"]
    text = "Where is my order 20261120-0014?"
    result = pipeline.answer([text], now=DEFAULT_NOW, customer=owner_of_orders(pipeline, [text], None))
    assert "in transit (배송중)" in result.reply and result.lang == "en", result.reply

