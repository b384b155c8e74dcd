"""Offline agent, twenty-first round: a kind named with option values, a price range over a part of a kind, things
the shop does not sell, loanword spellings.

Each test pins one mechanism, not one sentence: a kind the turn names with option values is answered over that kind
(the products of it sold in those values), not by the one name the fuzzy search liked best, nor by a product of
another kind; a customer's word for a kind that is also one product's other name ("맨투맨", "청바지") asks over every
product called so, the one it names alone said first when it is sold out; a price range over a part of a kind
("코트" of 코트/자켓/패딩) keeps to that part and, when none is so cheap, says the cheapest; a list of a range or of
options shows up to eight products, each with its own price as a fact; a one-syllable noun the analyser split from its
last syllable ("샌들" = 샌 + 들) is still the thing asked for; an exclusion clause that names a word in passing ("향수·
체취 등 오염") does not answer whether the shop has it; palatal loanword spellings fold (챠콜 = 차콜).
"""

from __future__ import annotations

from datetime import datetime

import pytest

from agent.evaluate import answer_as_owner
from core.knowledge.options import canon_token
from core.language.korean_text import fold_palatal

TUESDAY = datetime(2026, 12, 8, 10, 0)


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = TUESDAY):  # noqa: ANN001
    return answer_as_owner(pipeline, [message], history or [], now)


# -- a kind named with option values -------------------------------------------------------------------------------
def test_a_kind_with_options_lists_that_kind_in_them_not_another_kind(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "화이트 셔츠 XXL 있어요?")
    assert "옥스포드 셔츠" in result.reply and "옥스포드 버튼다운 셔츠" in result.reply, result.reply
    assert "티셔츠" not in result.reply, result.reply  # 피케 카라 티셔츠 is no 셔츠


def test_a_kind_named_only_by_its_word_is_not_one_of_its_alike_names(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "블랙 L 사이즈 있는 셔츠 뭐 있어요?")
    assert "오버핏 코튼 셔츠" in result.reply and "차이나카라 셔츠" in result.reply, result.reply


def test_a_name_word_besides_the_kind_still_names_the_one(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "베이직 반팔티 화이트 M 재고 있나요?")
    assert result.reply.startswith("베이직 반팔 티셔츠") and "헤비코튼" not in result.reply, result.reply


@pytest.mark.parametrize("text", ["네이비 맨투맨 XL", "맨투맨 네이비 XL 있어요?"])
def test_a_kind_word_that_is_also_a_name_asks_over_the_products_called_so(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert "기모 맨투맨" in result.reply and "하프집업 맨투맨" in result.reply, result.reply
    assert "후드" not in result.reply, result.reply  # the hoodies of 맨투맨/후드 are not called 맨투맨


def test_the_one_called_so_is_said_first_when_sold_out_in_those_options(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "청바지 32 연청 잇어요?")
    assert result.reply.startswith("스트레이트 데님 팬츠") and "품절" in result.reply and "12월 16일" in result.reply, result.reply
    assert "와이드 데님 팬츠" in result.reply and "37개" in result.reply, result.reply
    assert "안내드릴게요" not in result.reply, result.reply  # no header for the second product


@pytest.mark.parametrize("text", ["로퍼 블랙 265 재고 ㅇㅇ?", "반팔티 xl 화이트 품절이에여?"])
def test_a_word_calling_one_product_or_a_sold_out_question_stays_with_it(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert "재고가 있는" not in result.reply, result.reply


def test_a_measure_word_that_only_says_the_size_still_filters(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "슬랙스 허리 32 블랙 잇음?")
    assert "32 사이즈 블랙 재고가 있는 슬랙스" in result.reply, result.reply


# -- price ranges over a part of a kind ----------------------------------------------------------------------------
def test_a_part_of_a_kind_below_every_price_says_the_cheapest(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "10만원 이하 코트 있어요?")
    assert "없어요" in result.reply and "싱글 울 코트" in result.reply and "183,200원" in result.reply, result.reply
    assert "조끼" not in result.reply and "항공점퍼" not in result.reply, result.reply


def test_a_part_of_a_kind_in_a_range_keeps_to_that_part(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "코트 중에 10만원대 있어요?")
    assert "싱글 울 코트" in result.reply and "패딩" not in result.reply and "블레이저" not in result.reply, result.reply


def test_a_range_lists_every_product_in_it_up_to_eight(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "3만원 이하 티셔츠 보여주세요")
    for name in ("베이직 반팔 티셔츠", "와플 긴팔 티셔츠", "스트라이프 긴팔 티셔츠", "헨리넥 긴팔 티셔츠"):
        assert name in result.reply, result.reply


def test_options_list_shows_more_than_three_with_their_prices(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "검정 슬랙스 있나요?")
    assert "카고 팬츠" in result.reply and "가지예요" not in result.reply, result.reply


# -- things the shop does not sell ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "word"), [("샌들 있어요?", "샌들"), ("향수 있나요", "향수")])
def test_a_thing_not_sold_is_said_so_not_a_look_alike_or_a_clause(shops, text: str, word: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert f"'{word}'" in result.reply and "판매하지 않아요" in result.reply, result.reply
    assert "반품" not in result.reply and "비슷한 이름" not in result.reply, result.reply


# -- loanword spellings ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("a", "b"), [("챠콜", "차콜"), ("쥬스", "주스"), ("레져", "레저"), ("쵸코", "초코")])
def test_palatal_spellings_fold_to_one(a: str, b: str) -> None:
    assert fold_palatal(a) == fold_palatal(b) == b


def test_an_option_value_is_found_by_either_spelling(shops) -> None:  # noqa: ANN001
    assert canon_token("챠콜") == canon_token("차콜")
    result = _ask(shops["jogunshop"], "슬렉스 30 챠콜 재고요")
    assert "차콜" in result.reply and "슬랙스" in result.reply, result.reply


# -- a list the shop's last reply gave, earlier messages of any role ---------------------------------------------------
_SALES = [{"role": "user", "text": "지금 세일하는 상품 뭐있어요?"},
          {"role": "bot", "text": "지금 할인 중인 상품은 싱글 울 코트 183,200원(정가 229,000원), 숏 푸퍼 패딩 135,100원(정가 "
                                  "159,000원), 기모 데님 팬츠 44,000원(정가 55,000원)이 있어요."}]


def test_a_reply_written_with_a_bot_role_is_the_shops_last_reply(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "세번째꺼 30 중청 있어요?", _SALES)
    assert result.reply.startswith("기모 데님 팬츠 30") and "개 남아" in result.reply, result.reply


def test_of_alike_names_the_one_the_last_reply_listed_is_meant(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "5만원 이하 니트 있어요?"},
               {"role": "assistant", "text": "말씀하신 가격대의 니트는 크루넥 니트 39,200원, 브이넥 니트 49,000원, 터틀넥 니트 "
                                             "45,000원이 있어요."}]
    result = _ask(shops["jogunshop"], "브이넥 베이지 L 있어요?", history)
    assert result.reply.startswith("브이넥 니트 L 베이지") and not result.ask_back, result.reply


# -- orders: a person's name, an item's option changed, the points an order earns ------------------------------------
def test_an_orderers_name_is_no_thing_asked_for(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "20261121-0018 김민수 5678 사이즈 265에서 270으로 바꿀 수 있나요?")
    assert "김민수" not in result.reply and "판매하지 않아요" not in result.reply, result.reply
    assert "상품준비중" in result.reply and "교환" in result.reply, result.reply  # an ordered item's option changed


def test_the_points_an_order_earns_are_its_goods_paid_times_the_rate(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "20261012-0003 김민수 5678 적립금 얼마 들어와요?")
    assert "752원" in result.reply and "1%" in result.reply, result.reply


# -- rules: another product, two orders sent as one, how and what it costs ---------------------------------------------
def test_exchanging_for_another_product_quotes_its_own_rule(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "산 니트를 다른 상품으로 바꾸고 싶어요")
    assert "반품 후 새로 주문" in result.reply, result.reply


@pytest.mark.parametrize("text", ["어제 주문하고 오늘 또 주문했는데 같이 보내줄 수 있어요?",
                                  "두번 주문했는데 한번에 같이 보내주실 수 있나요?"])
def test_two_orders_sent_together_is_combined_shipping(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert "합배송" in result.reply and not result.ask_back, result.reply


def test_how_a_rule_is_done_and_what_it_costs_are_both_answered(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "반품하려면 어떻게 해야돼요? 비용은요?")
    assert "신청" in result.reply and "6,000원" in result.reply, result.reply


# -- a fee follow-up that changes the order ------------------------------------------------------------------------------
_TANGERINE_FEE = [{"role": "user", "text": "귤 5키로 한박스 제주도 배송비 얼마에요?"},
                  {"role": "assistant", "text": "제주 지역 27,900원 주문 시 배송비는 7,000원이에요."}]


def test_a_fee_question_names_a_product_by_an_alias_of_one_word(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "귤 5키로 한박스 제주도 배송비 얼마에요?")
    assert "27,900원" in result.reply and "7,000원" in result.reply, result.reply


@pytest.mark.parametrize("text", ["2박스 사면요?", "2개 사면요?", "두 박스면요?"])
def test_another_count_after_a_fee_quote_is_that_order_again(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], text, _TANGERINE_FEE)
    assert result.route == "delivery" and "55,800원" in result.reply and "4,000원" in result.reply, result.reply


def test_a_product_added_after_a_fee_quote_is_that_order_with_it(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "제주도인데 마우스 하나 배송비 얼마에요?"},
               {"role": "assistant", "text": "제주 지역 29,000원 주문 시 배송비는 5,000원이에요."}]
    result = _ask(shops["electronics"], "충전기도 같이 사면요?", history)
    assert result.route == "delivery" and "64,000원" in result.reply and "5,000원" in result.reply, result.reply


@pytest.mark.parametrize("text", ["그럼 3만원 넘게 사면요?", "그럼 3만원 이상 사면요?"])
def test_an_amount_over_a_threshold_the_customer_would_spend_is_their_order(shops, text: str) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "핸드크림 하나 제주도로 보내면 배송비 얼마에요?"},
               {"role": "assistant", "text": "제주 지역 9,000원 주문 시 배송비는 5,500원이에요."}]
    result = _ask(shops["cosmetics"], text, history)
    assert "30,000원" in result.reply and "무료" in result.reply, result.reply


# -- a one-axis product's value sold out -----------------------------------------------------------------------------
def test_a_sold_out_value_of_a_one_axis_product_names_the_others_in_stock(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "헤드폰 실버 있어요? 없으면 다른 색은?")
    assert "품절" in result.reply and "블랙" in result.reply and "네이비" in result.reply, result.reply
    english = _ask(shops["cosmetics"], "is the white musk hand cream in stock?")
    assert "other scents" in english.reply or "Sold out" not in english.reply, english.reply


# -- one product's options in a price range, a unit said once, a tier's minimum ----------------------------------------
def test_one_products_options_in_a_price_range_are_listed_with_their_prices(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "150만원 이하 i7 노트북 있어요?")
    assert "1,390,000원" in result.reply and "1,490,000원" in result.reply, result.reply
    assert "1,590,000원" not in result.reply and "1,690,000원" not in result.reply, result.reply


def test_a_price_remembered_is_no_range(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "어성초토너 300미리 아직 24000원이에여?? 세일 끝났나")
    assert "가격대" not in result.reply and "29,000원" in result.reply, result.reply


def test_a_unit_said_once_serves_both_numbers(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "포트 블랙 1.7이랑 2리터 가격 차이 있어요?")
    assert "39,000원" in result.reply and "45,000원" in result.reply and "6,000원" in result.reply, result.reply


def test_what_a_tier_takes_quotes_the_clause_naming_its_minimum(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "골드등급 되려면 얼마 사야돼요")
    assert "1,500,000원" in result.reply, result.reply


# -- a service no text of the shop mentions; a budget is no word of a care note -----------------------------------------
@pytest.mark.parametrize(("shop", "text", "noun"), [("jogunshop", "바지 기장 수선 해주나요?", "기장 수선"),
                                                    ("electronics", "노트북 렌탈 되나요", "렌탈"),
                                                    ("grocery", "선물세트 보자기 포장 되나요?", "보자기 포장"),
                                                    ("jogunshop", "편의점 픽업 가능한가요?", "편의점 픽업")])
def test_a_service_no_shop_text_mentions_is_said_unstated(shops, shop: str, text: str, noun: str) -> None:  # noqa: ANN001
    result = _ask(shops[shop], text)
    assert result.route == "general" and noun in result.reply and "나와 있지 않아요" in result.reply, result.reply
    assert "원" not in result.reply, result.reply  # no product list, no rule's fee


@pytest.mark.parametrize(("shop", "text"), [("jogunshop", "선물포장 되나요?"), ("jogunshop", "무이자 할부 되나요?"),
                                            ("cosmetics", "우편번호 23008인데 여기도 해당돼요?"),
                                            ("electronics", "SSD 1TB로 업그레이드 돼요?")])
def test_a_service_the_shop_speaks_of_or_no_service_is_not_called_unstated(shops, shop: str, text: str) -> None:  # noqa: ANN001
    assert "나와 있지 않아요" not in _ask(shops[shop], text).reply


def test_a_budget_is_no_word_of_a_care_note(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "회색 후드티 L 5만원 이하로 있어요?")
    assert "세탁" not in result.reply and "49,000원" in result.reply, result.reply


# -- among the kind just listed; a sibling at another price --------------------------------------------------------------
_KNITS = [{"role": "user", "text": "니트 추천해주세요"},
          {"role": "assistant", "text": "니트 중에서는 크루넥 니트 39,200원, 브이넥 니트 49,000원, 램스울 크루넥 니트 69,000원이 "
                                        "있어요."}]
_SLACKS = [{"role": "user", "text": "슬랙스 뭐 있어요?"},
           {"role": "assistant", "text": "슬랙스 중에서는 와이드 슬랙스 45,000원, 세미와이드 원턱 슬랙스 49,000원, 밴딩 슬랙스 "
                                         "39,000원이 있어요."}]


def test_the_cheapest_among_a_kind_just_listed_is_of_that_kind(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "그 중에 제일 싼 거요", _KNITS)
    assert "가장 저렴한 니트는 크루넥 니트" in result.reply and "양말" not in result.reply, result.reply


def test_options_among_a_kind_just_listed_list_that_kind_in_them(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "그중에 블랙 32 있는거만요", _SLACKS)
    assert "재고가 있는 슬랙스" in result.reply and "카고 팬츠" in result.reply, result.reply


def test_a_sibling_at_another_price_carries_its_own(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "사과 5키로 있어요?")
    assert "3kg" in result.reply and "24,900원" in result.reply, result.reply


# -- counts glued to their word; a kind's word in a price range ---------------------------------------------------------
def test_counts_glued_to_their_products_count_each(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "두부3개 고등어1개 총얼마에요")
    assert "21,600원" in result.reply and "38,700원" not in result.reply, result.reply


@pytest.mark.parametrize("text", ["후드티 5만원 이하 있어요?", "any hoodies under 50k won?"])
def test_a_kind_word_in_a_price_range_lists_the_products_called_so(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert ("기모 후드티 49,000" in result.reply or "기모 후드티 (hooded sweatshirt) 49,000" in result.reply) and "맨투맨" not in result.reply, result.reply


def test_knitwear_names_the_knits(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "any knitwear under 50,000 won?")
    assert "크루넥 니트" in result.reply, result.reply
