"""Offline agent, twenty-ninth round: a bare topic asked after a question that closes asking, two of a product's own
names asked to be one, the region said before carried into a question of days, a product named with nothing asked
of it, an English word of one product's English name, a shop's option guide of values weighed against each other, and
a time waited for what has not come.

Each test pins one mechanism, not one sentence: "…달아주나요 비용은" is two questions (the service and its cost);
"케이블니트랑 꽈배기니트 같은거에요?" names one product twice, so it is said to be one; "며칠 걸려요?" after "제주도도
배송돼요?" gets the region's extra days; "숏패딩 보여주세요" gets what it comes in beside its price; "Is the beef
grass-fed?" is about the one product whose English name holds "beef"; the shade guide answers "21호랑 23호 중에 어떤게
더 밝아요" without recommending a third value, and is not quoted for values the guide does not name; "두달째 안오는데" is
no time since receipt or a request, so no rule's limit is weighed against it.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from agent.evaluate import answer_as_owner
from agent.pipeline import split_questions

MONDAY_MORNING = datetime(2027, 1, 4, 9, 30)


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = MONDAY_MORNING):  # noqa: ANN001
    return answer_as_owner(pipeline, [message], history or [], now)


# -- a bare topic after a question that closes asking ---------------------------------------------------------------------
@pytest.mark.parametrize("text, parts", [("65인치 티비 벽걸이로 달아주나요 비용은", 2), ("롱패딩 할부 되나요 가격은", 2),
                                         ("셔츠 재고 있나요 저는", 1)])
def test_a_bare_topic_after_an_asking_ending_is_a_second_question(text: str, parts: int) -> None:
    assert len(split_questions(text)) == parts


def test_the_cost_of_a_service_asked_as_a_bare_topic_is_quoted(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "65인치 티비 벽걸이로 달아주나요 비용은")
    assert result.route == "product" and "60,000원" in result.reply, result.reply


# -- two of a product's own names ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, name", [("케이블니트랑 꽈배기니트 같은거에요?", "케이블 니트"),
                                        ("폴라티랑 목폴라 똑같은 거죠?", "터틀넥 니트")])
def test_two_names_of_one_product_asked_to_be_one_are_said_to_be(shops, text: str, name: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert result.reply.startswith("네,") and f"같은 상품({name})" in result.reply, result.reply


def test_two_products_asked_to_be_one_are_not_said_to_be(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "케이블니트랑 터틀넥 같은거에요?")
    assert "같은 상품" not in result.reply, result.reply


# -- the region said before -----------------------------------------------------------------------------------------------
def test_days_asked_after_a_region_get_its_extra_days(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "제주도도 배송돼요?"},
               {"role": "assistant", "text": "네, 제주도도 배송됩니다. 추가 배송비 3,000원이 붙어요."}]
    result = _ask(shops["jogunshop"], "며칠 걸려요?", history)
    assert result.route == "delivery" and "1~2일 더" in result.reply, result.reply


# -- a product named with nothing asked --------------------------------------------------------------------------------------
def test_a_product_shown_gets_what_it_comes_in(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "숏패딩 보여주세요")
    assert "블랙, 아이보리, 카키" in result.reply and "원" in result.reply, result.reply


def test_a_price_asked_gets_no_list_of_options(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "숏패딩 얼마에요?")
    assert "블랙" not in result.reply, result.reply


# -- an English word of one product's English name ---------------------------------------------------------------------------
def test_an_english_word_of_one_products_name_routes_to_it(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "Is the beef grass-fed?")
    assert result.route == "product" and not result.ask_back and "등심" in result.reply, result.reply


# -- an option guide of values weighed ----------------------------------------------------------------------------------------
def test_values_weighed_get_the_guide_without_a_third_value_recommended(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "쿠션 21호랑 23호 중에 어떤게 더 밝아요")
    assert "보통 피부는 21호 라이트" in result.reply and "17호 바닐라를 추천드려요" not in result.reply.split(".")[0], \
        result.reply


def test_values_the_guide_does_not_name_get_no_guide(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "쿠션 단품이랑 리필포함 뭐가 달라요? 가격은")
    assert "밝은 피부" not in result.reply and "38,000원" in result.reply, result.reply


# -- a time waited for what has not come -----------------------------------------------------------------------------------
def test_a_time_waited_is_weighed_against_no_rules_limit(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "두달째 안오는데 그냥 취소해주세요")
    assert result.handoff and "기간이 지난 경우" not in result.reply, result.reply


def test_a_time_since_the_refund_request_is_still_weighed(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "환불 요청한지 2주 됐는데 아직 안 들어왔어요 20261109-0031")
    assert "기간이 지난 경우" in result.reply and result.handoff, result.reply
