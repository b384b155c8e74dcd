"""Offline agent, thirtieth round: a verb fused with its -지다, a place of making, a "who" question, a second question
of one rule's section that names a thing of its own, and a kind listed for its material or origin.

Each test pins one mechanism, not one sentence: "가죽이 갈라졌어요" is 갈라지다 (not 가르다) and a fault of the goods;
"피복이 벗겨졌어요" is 벗겨지다; "중국산", "국내생산" name where goods are made; "배송비는 누가 내요" asks (who pays);
"고객센터 지금 전화 되나요? 쇼룸은 오늘 열어요?" is two questions (the hours, and that there is no shop to visit),
while "반품 돼요? 택 뗐는데 돼요?" asks one thing twice; "울 100% 니트 있어요?" shows each knit's composition, the
most wool first.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from agent.evaluate import answer_as_owner
from agent.pipeline import own_predicate
from agent.turn_analysis import analyse_turn

FRIDAY_MORNING = datetime(2027, 1, 8, 10, 40)


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = FRIDAY_MORNING):  # noqa: ANN001
    return answer_as_owner(pipeline, [message], history or [], now)


# -- a verb fused with its -지다 ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["가방 가죽이 갈라졌어요", "이어폰 케이블 피복이 벗겨졌어요"])
def test_a_verb_fused_with_its_jida_is_read_as_written(text: str) -> None:
    assert analyse_turn(text).has("break", "defect"), analyse_turn(text).concepts


def test_leather_come_apart_is_a_fault_handed_to_a_person(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "가방 가죽이 갈라졌어요")
    assert result.handoff and "3개월" in result.reply, result.reply


def test_whether_leather_comes_apart_asked_is_no_fault(shops) -> None:  # noqa: ANN001
    assert not _ask(shops["jogunshop"], "가죽 잘 갈라지나요?").handoff


# -- where goods are made ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["이거 한국산이에요?", "국내생산 니트 있어요?", "베트남산이에요?"])
def test_a_place_with_its_making_suffix_asks_the_origin(text: str) -> None:
    assert analyse_turn(text).has("origin")


def test_a_kind_asked_for_its_origin_shows_each_products(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "국내생산 니트 있어요?")
    assert result.reply.count("(중국)") == 5, result.reply


# -- who does it ------------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, asks", [("배송비는 누가내요", True), ("반품비 누구 부담이에요", True),
                                        ("누가 뜯어본 것 같았어요", False)])
def test_who_is_a_question_unless_told_in_the_past(text: str, asks: bool) -> None:
    assert analyse_turn(text).is_question == asks


def test_a_shade_exchange_and_who_pays_are_both_answered(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "쿠션 비닐 안뜯었는데 호수 바꿀수있어요? 배송비는 누가내요")
    assert not result.ask_back and "7일" in result.reply and "5,000원" in result.reply, result.reply


# -- two questions of one section -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, predicate", [("고객센터 지금 전화 되나요?", "전화"), ("쇼룸은 오늘 열어요?", "열"),
                                             ("택 뗐는데 돼요?", ""), ("사이즈 바꿀 수 있어요?", "바꾸"),
                                             ("안하면 취소돼요?", "취소")])
def test_the_predicate_of_a_question(text: str, predicate: str) -> None:
    assert own_predicate(analyse_turn(text)) == predicate


def test_the_hours_and_a_shop_to_visit_are_both_answered(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "고객센터 지금 전화 되나요? 쇼룸은 오늘 열어요?")
    assert "상담 시간" in result.reply and "오프라인 매장은 없습니다" in result.reply, result.reply


def test_one_rule_asked_twice_is_one_answer(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "교환 돼요? 사이즈 바꿀 수 있어요?")
    assert result.reply.count("1회 교환") == 1, result.reply


# -- a kind listed for its material -----------------------------------------------------------------------------------------
def test_a_kind_asked_for_a_fibre_shows_each_composition_most_first(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "울 들어간 니트 있어요?")
    assert result.reply.index("램스울 100%") < result.reply.index("울 50%") < result.reply.index("울 30%"), result.reply
    # all of the fibre asked: only the knits that are all of it (round 40)
    result = _ask(shops["jogunshop"], "울 100% 니트 있어요?")
    assert "램스울 100%" in result.reply and "울 50%" not in result.reply, result.reply


def test_the_most_of_a_fibre_is_said_first(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "니트 중에 울 함량 제일 높은건 뭐에요?")
    assert result.reply.startswith("울 함량이 가장 높은 니트는 램스울 크루넥 니트(램스울 100%)"), result.reply


# -- English replies name the shop's Hangul words in English too ------------------------------------------------------------
def test_colours_alone_in_a_list_are_said_in_english_too() -> None:
    from agent.facts import english_colours

    assert english_colours("Available colours: 화이트, 스카이블루.") == "Available colours: white (화이트), sky blue (스카이블루)."
    assert english_colours("In stock for 케이블 니트 네이비") == "In stock for 케이블 니트 네이비"  # a name is never cut


def test_an_english_reply_glosses_a_products_korean_name_once(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "What colors does the kettle come in?")
    assert "무선 전기포트 (electric kettle)" in result.reply and "white (화이트)" in result.reply, result.reply
    assert result.reply.count("(electric kettle)") == 1


def test_an_alias_with_a_number_the_name_lacks_is_not_said() -> None:
    from types import SimpleNamespace

    from agent.facts import english_alias

    assert english_alias(SimpleNamespace(name="공기청정기", aliases=("air purifier A30", "air purifier"))) == "air purifier"
    assert english_alias(SimpleNamespace(name="옥스포드 버튼다운 셔츠", aliases=("OCBD", "button down shirt"))) == "button down shirt"


# -- baskets, addresses, other values and requests of an order --------------------------------------------------------------
TUESDAY_MORNING = datetime(2026, 12, 29, 9, 10)


def test_a_basket_whose_option_named_is_sold_out_gets_no_total(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "비니 아이보리 있어요? 장갑 차콜도 같이 사려구요", now=TUESDAY_MORNING)
    assert "품절" in result.reply and "합계" not in result.reply, result.reply


def test_an_address_changed_to_a_surcharged_region_gets_its_surcharge(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "20261122-0001 주문 배송지를 제주도로 바꾸고 싶은데 되나요? 추가금 있어요?",
                  now=TUESDAY_MORNING)
    assert "제주로 바꾸시면 추가 배송비 3,000원" in result.reply, result.reply


def test_an_address_the_order_already_goes_to_gets_no_change_surcharge(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "주문번호 20261122-0009 울릉도 주소인데 언제쯤 받을까요", now=TUESDAY_MORNING)
    assert "바꾸시면 추가 배송비 5,000원" not in result.reply, result.reply


def test_other_sizes_asked_keep_the_colour(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "청자켓 중청 M 품절이던데 다른 사이즈 중청은 뭐 있어요", now=TUESDAY_MORNING)
    assert "중청은 L 3개, XL 34개" in result.reply and "연청 44개" not in result.reply, result.reply


@pytest.mark.parametrize("text, handed", [("20261121-0005 취소하고 싶은데 가능해요?", True),  # staff cancel at 상품준비중
                                          ("20261122-0001 취소하고 싶은데 가능해요?", False),  # My Page at 결제완료
                                          ("20261121-0005 취소하고 싶은데 어떻게 하면 돼요?", False)])
def test_a_wish_to_cancel_an_order_is_a_request_where_staff_carry_it_out(shops, text: str, handed: bool) -> None:  # noqa: ANN001
    assert _ask(shops["jogunshop"], text, now=TUESDAY_MORNING).handoff == handed


# -- a thing named after "and"; two questions of one section; a restock asked beside a count --------------------------------
def test_a_thing_named_after_and_with_yo_is_a_second_question(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "성수 쇼룸 월요일에 가도 돼요? 그리고 고객센터 전화번호요", now=TUESDAY_MORNING)
    assert "쇼룸" in result.reply and "1644-2871" in result.reply, result.reply


def test_two_questions_of_one_section_each_get_their_clause(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "글로우VIP 되려면 얼마 사야돼요? 혜택은 뭐있어요", now=TUESDAY_MORNING)
    assert "300,000원" in result.reply and "무료배송 쿠폰 2장" in result.reply, result.reply


def test_when_a_value_comes_back_beside_anothers_count_is_a_restock_question(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "틴트 칠리 색 언제 다시 들어와요? 모브는 몇개 남음?", now=TUESDAY_MORNING)
    assert "재입고 일정은 아직 정해지지 않았어요" in result.reply and "재고 1개" in result.reply, result.reply


# -- a thing the goods are used with that no text names ----------------------------------------------------------------------
@pytest.mark.parametrize("text, said", [("버티컬 마우스 맥북에서도 돼요?", "무선 버티컬 마우스를 맥북에서 쓸 수 있는지는"),
                                        ("65W 충전기 맥북에서도 돼요?", "65W GaN 고속 충전기를 맥북에서 쓸 수 있는지는")])
def test_use_with_a_thing_no_text_names_is_said_unstated(shops, text: str, said: str) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], text, now=TUESDAY_MORNING)
    assert result.reply.startswith(said) and "나와 있지 않아요" in result.reply, result.reply


def test_use_with_a_thing_the_texts_name_is_answered_by_them(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "노트북 윈도우로 되나요?", now=TUESDAY_MORNING)
    assert "윈도우 11" in result.reply and "나와 있지 않아요" not in result.reply, result.reply


def test_the_most_of_a_fibre_keeps_the_superlatives_of_prices_apart() -> None:
    from agent.product_facts import _MOST_OF_FIBRE, _SUPERLATIVE

    assert _SUPERLATIVE.search("최저가 코트") and _SUPERLATIVE.search("the least expensive coat")
    assert _MOST_OF_FIBRE.search("울 함량 제일 높은건")


# -- 나가 said of a part; a damaged box with the goods fine ---------------------------------------------------------------------
@pytest.mark.parametrize("text, fault", [("니트 올이 나갔어요", True), ("전원이 나갔어요", True),
                                         ("택배가 아직 안 나갔어요", False), ("상품이 나갔나요?", False)])
def test_nagada_of_a_part_is_a_fault_and_of_a_parcel_a_dispatch(text: str, fault: bool) -> None:
    a = analyse_turn(text)
    assert a.has("defect") == fault and (not fault or not a.has("dispatch")), a.concepts


def test_a_damaged_box_with_the_goods_fine_is_a_change_of_mind_return(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "아 택배박스가 찢어져서 왔는데 옷은 멀쩡해요 그래도 반품 되나요? 받은지 3일 됐어요",
                  now=TUESDAY_MORNING)
    assert not result.handoff and "6,000원" in result.reply and "7일" in result.reply, result.reply


# -- a part of the thing doing something, told ----------------------------------------------------------------------------
@pytest.mark.parametrize("text, fault", [("밑창이 벌써 들떠요.. 교환 되나요?", True), ("지퍼가 자꾸 걸려요", True),
                                         ("밑창이 들뜨나요?", False), ("단추가 달려있어요?", False),
                                         ("밑창이 미끄러우면 어떡해요", False)])
def test_a_part_doing_something_told_is_a_fault(text: str, fault: bool) -> None:
    assert analyse_turn(text).has("defect") == fault


def test_a_fault_of_a_part_weighs_the_defect_period(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "20261030-0002 더비슈즈 산건데 밑창이 벌써 들떠요.. 교환 되나요? 배송비 제가 내야돼요?",
                  now=TUESDAY_MORNING)
    assert "3개월 기간 안" in result.reply and "7일 기간이 지났" not in result.reply, result.reply


# -- a count asked that the rule does not state --------------------------------------------------------------------------------
@pytest.mark.parametrize("text, said", [("카드 무이자 할부 몇개월까지 돼요?", "몇 개월까지인지는 안내에 따로 나와 있지 않아요"),
                                        ("포토리뷰 몇장 올려야 적립돼요?", "몇 장인지는 안내에 따로 나와 있지 않아요")])
def test_a_count_the_rule_does_not_state_is_said_unstated(shops, text: str, said: str) -> None:  # noqa: ANN001
    assert said in _ask(shops["jogunshop"], text, now=TUESDAY_MORNING).reply


@pytest.mark.parametrize("shop, text", [("cosmetics", "적립금 몇프로 쌓여요?"), ("cosmetics", "샘플 주나요?? 몇개 줘요 ㅋㅋ"),
                                        ("jogunshop", "쿠폰 몇장까지 쓸 수 있어요?")])
def test_a_count_the_rule_states_is_not_said_unstated(shops, shop: str, text: str) -> None:  # noqa: ANN001
    assert "따로 나와 있지 않아요" not in _ask(shops[shop], text, now=TUESDAY_MORNING).reply


# -- the values of a kind asked in a value named -------------------------------------------------------------------------------
@pytest.mark.parametrize("text, said", [("헤비 후드티 M 무슨 색 있어요?", "M은 색상 차콜 33개, 오트밀 12개가 있어요"),
                                        ("heavy hoodie what colors in M?", "In M, colours in stock: charcoal/차콜 (33), oatmeal/오트밀 (12)")])
def test_the_values_of_a_kind_asked_in_a_value_named_are_listed(shops, text: str, said: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text, now=datetime(2026, 12, 10, 14, 5))
    assert said in result.reply and not result.handoff, result.reply


def test_when_options_named_and_sold_out_come_is_each_ones_restock(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "스니커즈 화이트 260 언제 와요? 가죽 스니커즈 화이트 270도요", now=datetime(2026, 12, 10, 14, 5))
    assert "12월 11일(금) 재입고 예정" in result.reply and "12월 16일(수) 재입고 예정" in result.reply, result.reply
