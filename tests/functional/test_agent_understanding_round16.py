"""Offline agent, sixteenth round: faults told in the present tense, goods weighed in kilos, what a product fights.

Each test pins one mechanism, not one sentence: a mark told in the present ("화면에 줄이 가요"), which the analyser
reads as a question, is a fault when no question mark asks it; a weight or length outside a grown body's range ("쌀
20kg", "사과 5키로") is the goods' measure, not the customer's body, so it no longer hides the fault told after it;
contamination (벌레, 이물질) is a fault of what came; a fault's word before what a product does against it ("곰팡이
제거제", "벌레 퇴치") names a use, not a report.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from agent.evaluate import answer_as_owner
from agent.problems import problem_kind
from agent.turn_analysis import analyse_turn

MONDAY_MORNING = datetime(2026, 12, 21, 10, 15)


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = MONDAY_MORNING):  # noqa: ANN001
    return answer_as_owner(pipeline, [message], history or [], now)


# -- faults told in the present ------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["TV 받았는데 화면에 줄이 가요", "모니터 화면에 세로줄이 가요", "유리에 금이 가네요"])
def test_a_mark_told_in_the_present_is_a_fault(text: str) -> None:
    assert problem_kind(analyse_turn(text)) == "defect"


@pytest.mark.parametrize("text", ["화면에 줄이 가요?", "제주도에 택배가 가요?"])
def test_the_same_words_asked_are_no_fault(text: str) -> None:
    assert problem_kind(analyse_turn(text)) is None


def test_a_present_mark_gets_the_fault_rule(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "TV 받았는데 화면에 줄이 가요")
    assert result.route == "general" and result.handoff and "초기 불량" in result.reply, result.reply


# -- the goods' weight is not the customer's body -------------------------------------------------------------------
@pytest.mark.parametrize(("text", "body"), [
    ("쌀 20kg 받았는데 벌레가 있어요", False), ("사과 5키로 얼마예요", False), ("선반 30cm 짜리 있어요?", False),
    ("65kg인데 M 맞을까요", True), ("키 175cm 몸무게 70kg이에요", True),
])
def test_a_measure_outside_a_body_is_the_goods(text: str, body: bool) -> None:
    assert analyse_turn(text).has("body") is body


@pytest.mark.parametrize("text", ["쌀 20kg 받았는데 벌레가 있어요", "햅쌀 20kg 받았는데 벌레 나왔어요 어떻게 해요",
                                  "there were bugs in the rice I received"])
def test_contamination_in_what_came_is_a_fault(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], text)
    assert result.route == "general" and result.handoff and "24시간" in result.reply, result.reply


# -- what a product does against a fault ----------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["곰팡이 제거제 있어요?", "얼룩 제거제 팔아요?", "벌레 퇴치제 있어요?", "do you sell stain remover?"])
def test_a_fault_word_before_its_remedy_reports_nothing(shops, text: str) -> None:  # noqa: ANN001
    assert not analyse_turn(text).has("defect")
    result = _ask(shops["grocery"], text)
    assert not result.handoff and ("판매하지 않" in result.reply or "doesn't sell" in result.reply), result.reply


# -- the thing not sold, said back as written ------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "said"), [
    ("등산화 있나요", "'등산화'"), ("강아지 옷 있어요?", "'강아지 옷'"), ("곰팡이 제거제 있어요?", "'곰팡이 제거제'"),
    ("래쉬가드나 수영복 있어요?", "'래쉬가드나 수영복'"), ("여자 옷도 팔아요?", "'여자 옷'"), ("아보카도 팔아요?", "'아보카도'"),
    ("Do you sell swimwear?", "'swimwear'"),
])
def test_the_thing_not_sold_is_said_as_written(shops, text: str, said: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert said in result.reply, result.reply


# -- comparing two prices ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "said", "unsaid"), [
    ("울머플러가 골지비니보다 비싸요? 얼마 차이?", ("더 비싼 상품은 28,000원인 울 머플러", "가격 차이는 9,000원"), ()),
    ("램스울 니트랑 케이블 니트 가격 차이 얼마나 나요", ("두 상품 가격은 69,000원으로 같아요",), ()),
    # which is cheaper, both on sale: a verdict and each sale's end, not a sum
    ("코듀로이 팬츠랑 울 슬랙스 중 뭐가 더 싸요? 둘다 할인중이죠?", ("더 저렴한 상품은 55,200원인 코듀로이 셋업 팬츠", "12월 25일"),
     ("합계",)),
    # a measure compared is no price difference
    ("와이드 청바지랑 일자 청바지 30 허벅지 단면 차이 얼마나 나요?", ("35cm", "31cm"), ("가격 차이",)),
    ("크루넥 니트랑 울 머플러 같이 사면 얼마", ("합계 67,200원",), ()),  # bought together is still a sum
])
def test_two_prices_compared(shops, text: str, said: tuple[str, ...], unsaid: tuple[str, ...]) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text).reply
    assert all(x in reply for x in said) and not any(x in reply for x in unsaid), reply


# -- every sale running ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["지금 세일하는거 다 알려주세요", "Are there any sales going on right now?"])
def test_the_sales_listed_are_all_of_them(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text).reply
    for name in ("크루넥 니트", "울 블렌드 슬랙스", "싱글 울 코트", "숏 푸퍼 패딩", "코듀로이 셋업 팬츠", "울 머플러"):
        assert name in reply, (name, reply)


# -- a fault of a part, and the rule for it -------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["단추가 떨어졌는데 교환 되나요?", "코트 받았는데 단추가 떨어져있었어요 지금이라도 교환 되나요?"])
def test_a_part_come_off_is_the_fault_rule_not_a_change_of_mind(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert "3개월 이내" in result.reply and "7일 이내에 같은 상품" not in result.reply, result.reply


def test_even_now_is_no_condition() -> None:
    assert not analyse_turn("지금이라도 교환 되나요?").hypothetical
    assert analyse_turn("불량이라도 교환 되나요?").hypothetical


@pytest.mark.parametrize("text", ["지퍼 고장나면 교환돼요?", "단추 떨어지면 교환돼요?", "불량이면요?"])
def test_a_fault_asked_about_is_not_refused_by_the_rule_on_what_customers_do(shops, text: str) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "반품 되나요?"}, {"role": "assistant", "text": "수령 후 7일 이내 반품할 수 있어요."}] \
        if text == "불량이면요?" else None
    reply = _ask(shops["jogunshop"], text, history).reply
    assert "반품이 불가" not in reply and "불량" in reply, reply


@pytest.mark.parametrize("text", ["니트에 향수 냄새 좀 뱄는데 반품 될까요", "택 뗐는데 반품 돼요?"])
def test_what_the_customer_did_still_meets_its_refusal(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text).reply
    assert "불가" in reply or "어렵" in reply, reply


def test_a_value_that_falls_is_nothing_broken() -> None:
    from core.language.lexicon import spot
    from core.language.morphology import analyse

    text = "상품 가치가 떨어진 경우 반품이 불가합니다."
    assert "break" not in {h.concept for h in spot(text, analyse(text))}
    text = "단추가 떨어졌어요"
    assert "break" in {h.concept for h in spot(text, analyse(text))}


# -- two questions with no mark between, and a region asked of receiving ---------------------------------------------
def test_an_asking_ending_read_as_joining_still_ends_a_question(shops) -> None:  # noqa: ANN001
    from agent.pipeline import split_questions

    assert split_questions("롱패딩 네이비 XL 재고있나요 울릉도로 받을수있어요?") == ["롱패딩 네이비 XL 재고있나요", "울릉도로 받을수있어요?"]
    reply = _ask(shops["jogunshop"], "롱패딩 네이비 XL 재고있나요 울릉도로 받을수있어요?").reply
    assert "45개" in reply and "5,000원" in reply, reply


@pytest.mark.parametrize(("text", "fee"), [("울릉도로 받을수있어요?", "5,000원"), ("제주도 받을 수 있어요?", "3,000원")])
def test_receiving_in_a_region_is_whether_it_ships_there_and_its_fee(shops, text: str, fee: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text).reply
    assert f"추가 배송비 {fee}" in reply, reply


# -- products counted one after another -------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "total"), [("우유 2개랑 계란 하나 두부 3개 사면 배송비 포함 얼마에요", "총 33,600원"),
                                             ("우유 두개 두부 세개 얼마에요", "합계 17,700원")])
def test_counts_one_after_another_are_a_basket(shops, text: str, total: str) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], text).reply
    assert total in reply, reply


def test_each_listed_product_keeps_the_values_written_after_its_own_word(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "맨투맨 기모 블랙 M, 무지 그레이 L, 레터링 크림 XL 다 있어요?").reply
    assert "기모 맨투맨 M 사이즈 블랙" in reply and "무지 맨투맨 L 그레이" in reply and "레터링 맨투맨 XL 크림" in reply, reply
    assert "품절" in reply, reply  # (무지 그레이 L is sold out)


def test_a_value_said_once_for_both_stays_both(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "테일러드 셋업 자켓이랑 팬츠 같이 사려고요"},
               {"role": "assistant", "text": "테일러드 셋업 자켓 149,000원, 테일러드 셋업 팬츠 79,000원이에요."}]
    reply = _ask(shops["jogunshop"], "둘 다 네이비로 자켓 L 팬츠 32 재고 있어요?", history).reply
    assert "자켓 L 네이비" in reply and "32 사이즈 네이비" in reply, reply


# -- a product's own words, its keeping, its origin ---------------------------------------------------------------------
def test_a_word_the_named_products_text_holds_is_asked_of_it(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "한우 등심 등급은?")
    assert result.route == "product" and "1++ 등급" in result.reply, result.reply


def test_the_membership_grade_is_still_the_membership(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "멤버십 등급 어떻게 돼요?")
    assert result.route == "general", result.reply


@pytest.mark.parametrize(("text", "verdict"), [("한우 받은지 4일 됐는데 아직 먹어도 돼요?", "5일 기간 안이에요"),
                                               ("한우 받은지 일주일 됐는데 먹어도 되나요", "5일 기간이 지난 경우예요")])
def test_kept_since_receipt_is_its_care_note_against_the_days(shops, text: str, verdict: str) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], text).reply
    assert "수령 후 5일 이내" in reply and verdict in reply, reply


@pytest.mark.parametrize("text", ["Is the beef from Korea?", "Where is the beef from?"])
def test_the_one_product_whose_names_hold_the_word_answers_as_itself(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], text).reply
    assert "국내산" in reply and "Products with" not in reply, reply


# -- broken, and broken by the customer ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["액정 깨졌어요", "화면 깨짐", "컵이 깨졌어요"])
def test_broken_in_the_past_is_the_fault_verb(text: str) -> None:
    assert analyse_turn(text).has("defect")


def test_damage_the_customer_caused_gets_the_paid_repair_rule(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "노트북 떨어뜨려서 액정 깨졌어요")
    assert result.route == "general" and "사용자 과실은 유상 수리" in result.reply, result.reply
    result = _ask(shops["electronics"], "노트북 액정이 깨졌어요")
    assert "초기 불량" in result.reply and "유상" not in result.reply, result.reply


# -- a thing's own cost word ------------------------------------------------------------------------------------------------
def test_a_things_cost_word_is_a_cost_too() -> None:
    a = analyse_turn("설치비 따로 있어요?")
    assert a.has("install") and a.has("cost")


@pytest.mark.parametrize("text", ["설치비 따로 있어요?", "TV 65인치 얼마에요? 설치비 따로 있어요?"])
def test_the_installation_fee_is_the_installation_rule_not_a_shipping_fee(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], text).reply
    assert "60,000원" in reply and "추가 배송비는 없습니다" not in reply, reply


# -- both of the products before; the order's own state ------------------------------------------------------------------
_PADDINGS = [{"role": "user", "text": "숏패딩이랑 롱패딩 차이가 뭐에요?"},
             {"role": "assistant", "text": "숏 푸퍼 패딩은 짧은 기장의 푸퍼, 덕다운 롱패딩은 무릎 아래까지 오는 덕다운 패딩이에요."}]


@pytest.mark.parametrize("text", ["둘다 가격은요?", "both in black?"])
def test_both_are_the_two_products_named_before(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text, _PADDINGS).reply
    assert "숏 푸퍼 패딩" in reply and "덕다운 롱패딩" in reply, reply


_SHIPPING_ORDER = [{"role": "user", "text": "20261118-0022 배송 어디쯤이에요?"},
                   {"role": "assistant", "text": "주문 20261118-0022는 배송중이에요."}]


@pytest.mark.parametrize(("text", "history"), [("20261118-0022 취소 할 수 있어요?", None), ("취소 할 수 있어요?", _SHIPPING_ORDER)])
def test_a_cancellation_gets_the_clause_for_the_orders_own_state(shops, text: str, history) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text, history).reply
    assert "'배송중'" in reply and "배송중 이후에는 취소가 불가" in reply and "결제완료 상태에서는" not in reply, reply


# -- the kinds listed, and a value asked of its own ------------------------------------------------------------------------
def test_the_values_listed_beside_a_value_asked(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "핸드크림 향 뭐있어요? 화이트머스크 품절이에요?").reply
    assert "화이트머스크는 현재 품절" in reply and "무화과, 화이트머스크, 베르가못" in reply, reply


def test_a_value_asked_apart_from_the_listing_gets_its_stock(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "크루넥 니트 색상 뭐 있어요? 블랙 M 있어요?")
    assert not result.handoff and "28개" in result.reply and "블랙, 차콜, 오트밀, 네이비" in result.reply, result.reply


# -- numbers that are no counts ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["do u have black slacks size 34?", "any jeans in 32?"])
def test_a_number_after_a_value_word_is_no_count(shops, text: str) -> None:  # noqa: ANN001
    from agent.mentions import lone_count

    assert lone_count(shops["jogunshop"].knowledge_provider(), text) is None
    reply = _ask(shops["jogunshop"], text).reply
    assert "can't be ordered at once" not in reply, reply


def test_two_compared_are_no_count(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "가디건 두개 차이 알려주세요").reply
    assert "2개 사시면" not in reply, reply


# -- a sold-out option in an exchange; a day of the month right before the order verb -----------------------------------
def test_an_exchange_into_a_sold_out_option_gets_that_clause(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "어제 받은 바지 사이즈 교환하려는데 교환할 사이즈가 품절이면 어떻게 돼요?").reply
    assert "품절이면 반품(환불)으로 처리" in reply, reply


@pytest.mark.parametrize("text", ["25일 주문하면 언제 와요?", "크루넥니트 세일 25일까지죠? 25일 주문하면 언제 와요?"])
def test_a_day_of_the_month_right_before_the_order_verb_is_the_order_day(shops, text: str) -> None:  # noqa: ANN001
    from agent.entities import order_day

    assert order_day("25일 주문하면 언제 와요?", MONDAY_MORNING)[0].isoformat() == "2026-12-25"
    reply = _ask(shops["jogunshop"], text).reply
    assert "12월 25일(금)에 주문하시면 12월 28일(월)에 출고" in reply, reply


def test_a_length_in_days_is_no_order_day() -> None:
    from agent.entities import order_day

    assert order_day("배송 10일 걸려요?", MONDAY_MORNING)[0] is None


# -- English words for goods in general name no loanword -------------------------------------------------------------------
def test_clothes_is_no_loanword_product(shops) -> None:  # noqa: ANN001
    found = shops["jogunshop"].knowledge_provider().find_products("Do you sell kids clothes?")
    assert not found.matches or found.matches[0].score < 80, found.matches
    reply = _ask(shops["jogunshop"], "Do you sell kids clothes?").reply
    assert "doesn't sell" in reply and "비니" not in reply, reply


# -- a pack against single ones ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["마스크팩 10매짜리 얼마고 1매씩 사는거보다 얼마나 싸요?", "마스크팩 1매씩 10번 사는거랑 10매짜리랑 뭐가 싸요?"])
def test_a_pack_weighed_against_single_ones_is_priced_per_unit(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], text).reply
    assert "1매당 가격은" in reply and "10매가 더 저렴" in reply and "합계" not in reply, reply


def test_a_skin_type_beside_a_product_searched_for_is_a_recommendation(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "지성피부 토너 추천해주세요")
    assert result.route == "product" and "어성초 진정 토너" in result.reply, result.reply
