"""Offline agent, twenty-second round: what the shop's texts never mention, said plainly.

Each test pins one mechanism, not one sentence: a noun written before a kind's or product's name that no text of the
shop holds (a brand, a kind of that thing: "나이키 운동화", "교복 바지") is said not to be carried before what the shop
sells under the name; a word close to a product's name (a typo), an option value or a number's word is no such noun.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from agent.evaluate import answer_as_owner
from agent.product_facts import qualifiers_not_carried
from agent.shop_corpus import shop_says
from agent.turn_analysis import analyse_turn

SATURDAY = datetime(2026, 12, 5, 11, 0)


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = SATURDAY):  # noqa: ANN001
    return answer_as_owner(pipeline, [message], history or [], now)


# -- a brand or kind the shop never mentions -----------------------------------------------------------------------
@pytest.mark.parametrize(("text", "phrase", "kind"), [("나이키 운동화 있어요?", "나이키 운동화", "스니커즈"),
                                                      ("교복 바지 있나요", "교복 바지", "슬랙스"),
                                                      ("구스다운 패딩은 없나요?", "구스다운 패딩", "숏 푸퍼 패딩"),
                                                      ("트랜치 코트 아직 팔아요?", "트랜치 코트", "울 코트")])
def test_a_qualifier_no_text_of_the_shop_holds_is_said_not_carried(shops, text: str, phrase: str, kind: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert result.reply.startswith(f"조군샵에서는 '{phrase}'") and "취급하지 않아요" in result.reply, result.reply
    assert kind in result.reply, result.reply  # what the shop sells under the name still follows


@pytest.mark.parametrize("text", ["옥스포트 셔츠 있어요?", "블랙 셔츠 있어요?", "2만원 이하 셔츠 있어요?",
                                  "출근용 슬랙스 있어요?", "겨울 코트 있어요?"])
def test_a_typo_an_option_or_a_number_word_is_no_qualifier(shops, text: str) -> None:  # noqa: ANN001
    k = shops["jogunshop"].knowledge_provider()
    assert qualifiers_not_carried(k, analyse_turn(text)) == [], text


def test_a_word_the_shop_writes_is_known(shops) -> None:  # noqa: ANN001
    k = shops["jogunshop"].knowledge_provider()
    assert shop_says(k, "옥스포드") and not shop_says(k, "나이키")


def test_a_question_that_seeks_nothing_gets_no_such_sentence(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "고구마 품종이 뭐에요? 호박고구마에요 밤고구마에요?")
    assert "취급하지 않아요" not in result.reply, result.reply


# -- a thing asked for that the shop's texts never mention ---------------------------------------------------------
@pytest.mark.parametrize(("text", "thing"), [("퀵으로 받을 수 있나요", "퀵"), ("편의점 택배로 받을 수 있나요?", "편의점 택배"),
                                             ("새벽배송 되나요?", "새벽배송"), ("부분 환불도 되나요?", "부분 환불")])
def test_a_thing_no_text_of_the_shop_holds_is_said_unstated(shops, text: str, thing: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert result.reply.startswith(thing) and "따로 나와 있지 않아요" in result.reply, result.reply


def test_the_nearest_rule_still_follows_and_a_bare_fallback_becomes_a_person_offer(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "편의점 택배로 받을 수 있나요?")
    assert "CJ대한통운" in result.reply, result.reply
    result = _ask(shops["jogunshop"], "퀵으로 받을 수 있나요")
    assert "담당자에게 연결해 드릴게요" in result.reply, result.reply


@pytest.mark.parametrize("text", ["제주 무배됨?", "우편번호 23008인데 여기도 해당돼요?", "쿠폰 중복 사용 돼요?",
                                  "목요일까지 받을 수 있음?", "주소 잘못 입력했어요 바꿀 수 있나요",
                                  "비니 하나랑 장갑 하나 사면 무배 돼요?", "미국으로 보내줄 수 있나요", "지금 통화 되나요?"])
def test_a_verb_a_vocabulary_word_a_time_or_a_place_is_no_unstated_thing(shops, text: str) -> None:  # noqa: ANN001
    from agent.services import unstated_asked

    k = shops["jogunshop"].knowledge_provider()
    assert unstated_asked(k, analyse_turn(text)) is None, text


def test_the_grocery_shop_that_does_dawn_delivery_is_not_told_unstated(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "새벽배송 되나요?")
    assert "따로 나와 있지 않아요" not in result.reply, result.reply


# -- an order request kept across the messages that complete it ----------------------------------------------------
_ASKED = "접수와 처리는 담당자가 확인 후 도와드릴게요. 주문번호와 주문자 성함, 휴대폰 번호 뒷 4자리를 남겨 주시면 더 빠르게 도와드릴게요."


@pytest.mark.parametrize("text", ["주문 취소하고 싶어요", "반품하고 싶어요", "청바지 허리가 작아서 교환할래요"])
def test_a_request_on_an_order_with_no_number_asks_for_it_for_the_person(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert result.handoff and "주문번호" in result.reply and "뒷 4자리" in result.reply, result.reply


def test_a_request_on_a_named_order_asks_for_no_number(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "20261121-0018 주문 취소하고 싶어요")
    assert result.handoff and "남겨 주시면" not in result.reply, result.reply


def test_the_number_given_as_asked_continues_the_request(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "주문 취소하고 싶어요"}, {"role": "assistant", "text": _ASKED}]
    result = _ask(shops["jogunshop"], "20261121-0018 이에요", history)
    assert result.route == "general" and "상품준비중" in result.reply and "취소" in result.reply, result.reply
    assert result.handoff, result.reply  # a person carries the cancellation out


def test_a_number_given_unasked_is_no_continuation(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "주문 취소하고 싶어요"}, {"role": "assistant", "text": "네, 알겠습니다."}]
    result = _ask(shops["jogunshop"], "20261121-0018 이에요", history)
    assert result.route == "delivery", result.reply


def test_the_case_told_after_a_request_is_that_request(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "반품하려구요"},
               {"role": "assistant", "text": "상품 수령일로부터 7일 이내에 채널톡 또는 마이페이지에서 반품을 신청할 수 있습니다."}]
    result = _ask(shops["jogunshop"], "택은 안뗐고 받은지 3일 됐어요. 무료배송으로 받았어요", history)
    assert result.route == "general" and "7일 기간 안이에요" in result.reply, result.reply


def test_a_plain_return_is_measured_against_the_plain_window_not_the_faults(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "반품하려구요. 택은 안뗐고 받은지 3일 됐어요. 무료배송으로 받았어요")
    assert "7일 기간 안이에요" in result.reply and "3개월" not in result.reply, result.reply


# -- a follow-up keeps what the conversation is about ----------------------------------------------------------------
def test_a_late_parcel_complaint_uses_the_order_just_discussed(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "20261119-0011 배송 어디쯤이에요?"},
               {"role": "assistant", "text": "주문번호 20261119-0011은 현재 배송중 상태예요."}]
    result = _ask(shops["jogunshop"], "24일까지 온다면서 왜 아직도 안와요?", history)
    assert "20261119-0011" in result.reply and "배송중" in result.reply and not result.ask_back, result.reply


@pytest.mark.parametrize(("now", "said"), [(SATURDAY, "12월 7일(월) 10:00부터"), (datetime(2026, 12, 7, 11, 0), "곧 답변드려요")])
def test_when_a_person_answers_is_the_next_staffed_moment(shops, now: datetime, said: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "언제 답변 받을 수 있어요?", now=now)
    assert result.route == "general" and said in result.reply, result.reply


def test_the_noun_ipgo_before_a_noun_made_of_a_verb_is_stock_in(shops) -> None:  # noqa: ANN001
    analysis = analyse_turn("입고 알림 신청 어떻게 해요")
    assert analysis.has("restock"), analysis.concepts
    assert not analyse_turn("한번 입고 나갔어요").has("restock")  # wore it and went out


def test_a_word_only_before_another_in_a_products_names_is_not_that_product(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "향수도 파나요?")
    assert result.reply.startswith("'향수'는 따로 판매하지 않아요") and "퍼퓸 핸드크림" in result.reply, result.reply
    result = _ask(shops["cosmetics"], "핸드크림 팔아요?")  # the head of its name: the product itself
    assert "판매하지 않아요" not in result.reply, result.reply


# -- a rule's minimum applied to what the customer would spend -----------------------------------------------------
@pytest.mark.parametrize(("shop", "text", "said"), [
    ("jogunshop", "신규가입 쿠폰 4만원짜리 사도 써져요?", "40,000원은 30,000원 이상 기준을 충족해요"),
    ("jogunshop", "신규가입 쿠폰 2만원짜리 사도 써져요?", "20,000원은 30,000원 이상 기준에 못 미쳐요"),
    ("cosmetics", "만오천원어치 사면 샘플 몇개 줘요?", "15,000원은 20,000원 이상 기준에 못 미쳐요")])
def test_a_thing_bought_at_a_price_is_measured_against_the_rules_minimum(shops, shop: str, text: str, said: str) -> None:  # noqa: ANN001
    result = _ask(shops[shop], text)
    assert result.reply.startswith(f"말씀하신 {said}"), result.reply


def test_a_coupons_own_value_is_still_no_amount_spent() -> None:
    from agent.entities import amount_terms

    assert amount_terms("가입쿠폰 만원짜리 언제 줘요?") is None


# -- an attribute asked of a kind ------------------------------------------------------------------------------------
def test_a_material_asked_of_a_part_of_a_kind_lists_each_of_that_part(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "코트 소재가 뭐에요?")
    assert "싱글 울 코트: 겉감: 울 70%" in result.reply and "발마칸 코트" in result.reply, result.reply
    assert "플리스" not in result.reply and "패딩" not in result.reply, result.reply


def test_a_material_asked_of_a_kind_of_many_notes_lists_them(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "니트 소재 뭐에요?")
    assert "램스울 크루넥 니트: 램스울 100%" in result.reply and not result.ask_back, result.reply


# -- a size the product holds, against the customer's ----------------------------------------------------------------
def test_a_larger_thing_than_the_product_holds_may_not_fit_and_a_roomier_one_is_named(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "토트백에 15인치 노트북 들어가요?")
    assert "15인치는 안내된 13인치보다 커서 들어가지 않을 수 있어요" in result.reply, result.reply
    assert "나일론 백팩은 15인치 노트북 수납이 가능하다고" in result.reply, result.reply


def test_a_smaller_thing_fits(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "백팩에 13인치 노트북 들어가나요?")
    assert "13인치는 안내된 15인치보다 작아 들어갈 거예요" in result.reply, result.reply


# -- a waist said bare -----------------------------------------------------------------------------------------------
def test_a_bare_waist_that_is_one_of_the_inch_sizes_is_the_customers_own(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "와이드 슬랙스 허리 32면 몇 사이즈 사야돼요")
    assert result.reply.startswith("말씀하신 치수에는 32 사이즈(허리단면 40.5cm)"), result.reply
    assert "소재" not in result.reply, result.reply  # 면 written onto a number is no cotton


def test_myeon_written_onto_a_number_is_no_fibre() -> None:
    assert not analyse_turn("허리 32면 몇 사이즈").has("material")
    assert analyse_turn("면 100%에요?").has("material")


# -- the customer's own balance ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["적립금 얼마 남았는지 알 수 있나요?", "쿠폰 몇장 남았어요?"])
def test_a_customers_own_balance_is_said_not_in_the_data(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert result.reply.startswith("고객님 계정의 잔액은 제가 확인할 수 있는 정보에 없어요"), result.reply


@pytest.mark.parametrize("text", ["적립금 3000원 있는데 써져요?", "적립금 사용할려면 최소 얼마있어야되요", "적립금 언제 소멸돼요?"])
def test_an_amount_or_a_minimum_asked_is_no_balance(shops, text: str) -> None:  # noqa: ANN001
    assert "계정의 잔액" not in _ask(shops["jogunshop"], text).reply


def test_a_lower_price_remembered_gets_that_the_product_is_not_on_sale_now(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "옥스포드 셔츠 31200원 아니었어요? 왜 39000원이에요", now=datetime(2027, 1, 8, 16, 0))
    assert "39,000원" in result.reply and "지금은 할인 중인 상품이 아니에요" in result.reply, result.reply
