"""Offline agent, twentieth round: sizes the shop does not sell, a basket naming a kind of several products, the
most of a kind.

Each test pins one mechanism, not one sentence: a letter size of the clothing world that no product of the shop is
sold in ("3XL") is said to be unsold, with the sizes the product has; a conjunct of a basket that names only a kind
the shop sells several products of is asked about (its products listed) while the other conjunct is answered on its
own, its options not lent to the other product; "제일 싼 코트" lists the kind in price order, not the one name the
fuzzy search scored best.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from agent.evaluate import answer_as_owner

TUESDAY = datetime(2026, 12, 8, 10, 0)


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = TUESDAY):  # noqa: ANN001
    return answer_as_owner(pipeline, [message], history or [], now)


# -- letter sizes no product is sold in --------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "token"), [("맨투맨 3XL 있어요?", "3XL"), ("후드티 4xl은 안나와요?", "4XL"),
                                             ("Do you have the sweatshirt in 3XL?", "3XL")])
def test_a_letter_size_no_product_has_is_said_to_be_unsold(shops, text: str, token: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert token in result.reply and not result.ask_back, result.reply
    assert "XL" in result.reply.replace(token, ""), result.reply  # the sizes it has


def test_a_size_the_shop_sells_elsewhere_is_still_its_own_answer(shops) -> None:  # noqa: ANN001
    # XXL is sold by other 맨투맨: the shop's own vocabulary finds it, the letter-size rule does not step in
    result = _ask(shops["jogunshop"], "맨투맨 xxl 재고요")
    assert "XXL" in result.reply, result.reply


# -- a basket naming a kind of several products ---------------------------------------------------------------------
@pytest.mark.parametrize("text", ["맨투맨 L 두개랑 비니 하나 얼마예요?", "비니 하나랑 맨투맨 L 두개 얼마예요?",
                                  "맨투맨이랑 비니 얼마예요?"])
def test_a_kind_of_several_products_in_a_basket_is_asked_about(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert "19,000원" in result.reply and "판매하지 않아요" not in result.reply, result.reply  # no L lent to the beanie
    assert "무지 맨투맨" in result.reply and "기모 맨투맨" in result.reply and result.ask_back, result.reply


def test_a_basket_of_products_named_whole_still_gets_its_total(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "무지 맨투맨 L 2개랑 골지 비니 1개 얼마요?")
    assert "77,000원" in result.reply and not result.ask_back, result.reply


def test_a_kind_of_many_products_is_counted_not_listed_whole(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "셔츠랑 비니 재고 있어요?")
    assert "가지" in result.reply and "비니" in result.reply and "합계" not in result.reply, result.reply


# -- the most of a kind ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["제일 싼 코트는요?", "what's your cheapest coat?"])
def test_the_most_of_a_kind_lists_the_kind_in_price_order(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text).reply
    coats = ("싱글 울 코트", "더블 울 코트", "발마칸 코트")  # 183,200원 (on sale), 259,000원, 289,000원
    assert all(c in reply for c in coats) and sorted(coats, key=reply.index) == list(coats), reply


def test_the_dearest_of_a_kind_comes_first(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "젤 비싼 셔츠 뭐에요").reply
    assert "가장 비싼" in reply and reply.index("데님 셔츠") < reply.index("린넨 셔츠"), reply


# -- a service's own section for English customers; places asked of against the places a rule lists ----------------
def test_an_english_name_for_a_delivery_service_finds_its_own_section_in_english(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "When's the cutoff for early morning delivery?").reply
    # (the glossed points lead, as sentences since round 27)
    assert "23:00" in reply and "dawn delivery" in reply.split("Our policy")[0] and "ships the same day" not in reply, reply


@pytest.mark.parametrize("text", ["부산도 새벽배송 돼요?", "do u have dawn delivery to busan?"])
def test_a_province_asked_of_that_the_rule_does_not_list_is_said_so(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], text).reply
    assert ("부산은 안내된 지역(서울·경기·인천)에 들어 있지 않아요" in reply
            or "Busan is not among the areas the rule lists (Seoul, Gyeonggi, Incheon)" in reply), reply


@pytest.mark.parametrize("text", ["수원 새벽배송 가능한가요?", "인천도 새벽배송 되죠?", "새벽배송 오늘 시키면 낼 아침에 와요? 분당임"])
def test_a_city_inside_a_province_or_a_listed_province_gets_no_verdict(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], text).reply
    assert "들어 있지 않아요" not in reply and "새벽배송" in reply, reply


# -- several questions, two products across turns, what the texts never say ----------------------------------------
MONDAY = datetime(2026, 12, 21, 15, 10)


def test_a_later_question_naming_a_rule_the_first_did_not_is_answered_too(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "쿠폰이랑 적립금 같이 쓸 수 있어요? 적립금 유효기간 있나요?").reply
    assert "함께 쓸 수 있습니다" in reply and "12개월" in reply, reply


def test_the_same_rule_asked_twice_with_a_condition_is_one_answer(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "반품 돼요? 택 뗐는데 돼요?").reply
    assert "택 제거" in reply and reply.count("반품") <= 2, reply


_TWO_TURNS = [{"role": "user", "text": "숏 푸퍼 패딩 얼마예요?"}, {"role": "bot", "text": "숏 푸퍼 패딩의 가격은 135,100원입니다."},
              {"role": "user", "text": "롱패딩은요?"}, {"role": "bot", "text": "덕다운 롱패딩의 가격은 329,000원입니다."}]


@pytest.mark.parametrize("text", ["둘 중에 뭐가 더 따뜻해요?", "둘 다 재고 있어요?", "which one is warmer?"])
def test_which_of_the_two_means_the_products_of_the_last_two_turns(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text, _TWO_TURNS).reply
    assert "숏 푸퍼 패딩" in reply and "덕다운 롱패딩" in reply, reply


@pytest.mark.parametrize(("shop", "text", "who"), [("cosmetics", "임산부인데 수분크림 써도 돼요?", "임산부"),
                                                   ("cosmetics", "아기한테 선크림 발라도 되나요?", "아기"),
                                                   ("grocery", "당뇨 있는데 고구마 먹어도 되나요?", "당뇨")])
def test_whether_it_suits_someone_its_texts_never_name_is_unstated(shops, shop: str, text: str, who: str) -> None:  # noqa: ANN001
    reply = _ask(shops[shop], text).reply
    assert reply.split(".")[0].endswith("따로 나와 있지 않아요") and who in reply.split(".")[0], reply


def test_a_misread_verb_is_no_one_the_product_suits(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "첼시 부츠 비오는 날 신어도 돼요?").reply
    assert "비오가" not in reply, reply


@pytest.mark.parametrize(("text", "sibling", "asked"), [("볼트북 14인치 i7 32GB 있어요?", "16인치 4개(1,690,000원)", "1,590,000원"),
                                                       ("전기포트 2L 화이트 있어요?", "1.7L 25개(39,000원)", "45,000원")])
def test_a_sibling_in_stock_at_another_price_carries_its_own(shops, text: str, sibling: str, asked: str) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], text, now=MONDAY).reply
    assert sibling in reply and f"가격은 {asked}" in reply and not reply.count(f"가격은 {asked}") > 1, reply
    assert reply.index(sibling) < reply.index(asked), reply


@pytest.mark.parametrize(("shop", "text", "fact"), [("jogunshop", "발마칸 코트 할부 돼요?", "무이자 할부"),
                                                    ("jogunshop", "발마칸 코트 살건데 무이자 할부 돼요? 몇개월?", "무이자 할부"),
                                                    ("electronics", "모니터 27인치 살건데 무이자 할부 돼요? 몇개월?", "12개월")])
def test_a_way_to_pay_asked_beside_a_product_is_the_shops_payment_rule(shops, shop: str, text: str, fact: str) -> None:  # noqa: ANN001
    result = _ask(shops[shop], text, now=MONDAY)
    assert result.route == "general" and fact in result.reply, result.reply
    assert "적립금" not in result.reply and result.reply.count("무이자") == 1, result.reply  # no counter read as a rule's noun


# -- something like a sold-out option; what is paid in a surcharged region ------------------------------------------
def test_a_sold_out_option_with_something_like_it_wanted_gets_the_other_options_in_stock(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "틴트 칠리 있어요? 없으면 비슷한거 추천", now=MONDAY).reply
    assert "칠리는 현재 품절" in reply and "로지 14개" in reply and "다른 상품이 없어요" not in reply, reply


def test_an_option_in_stock_makes_the_if_not_void(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "틴트 로지 없으면 비슷한 색 있나요", now=MONDAY).reply
    assert "로지는 현재 14개 남아 있어요" in reply, reply


def test_the_product_set_aside_still_gets_others_of_its_kind(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "틴트 말고 비슷한 거 있어요?", now=MONDAY).reply
    assert "벨벳 무드 틴트 말고" in reply, reply


def test_a_price_asked_in_a_surcharged_region_includes_its_fee(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "울릉도인데 토너 150ml 하나만 시키면 총 얼마?", now=MONDAY).reply
    assert "18,000원" in reply and "7,500원" in reply and "25,500원" in reply, reply


@pytest.mark.parametrize(("shop", "text", "fee"), [("cosmetics", "토너 150ml 하나 울릉도로 보내면 배송비 얼마예요?", "7,500원"),
                                                   ("grocery", "쌀 20kg 제주도로 시키면 배송비?", "4,000원")])
def test_a_fee_question_naming_a_product_by_its_head_or_kind_and_option_prices_it(shops, shop: str, text: str,
                                                                                  fee: str) -> None:  # noqa: ANN001
    reply = _ask(shops[shop], text, now=MONDAY).reply
    assert "주문 시 배송비는 " + fee in reply, reply


@pytest.mark.parametrize(("shop", "text"), [("electronics", "노트북 거치대 같은 거 사면 배송비 있어요?"),
                                            ("grocery", "제주 사는데 배송비 얼마나 붙어요?")])
def test_a_noun_describing_another_or_a_place_in_a_name_prices_nothing(shops, shop: str, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops[shop], text, now=MONDAY).reply
    assert "주문 시" not in reply and "주문이면" not in reply, reply


# -- names inside other words; a thing sold only by likeness; what a kind holds ------------------------------------
def test_a_name_never_starts_inside_a_noun_of_the_turn() -> None:
    from agent.mentions import mentioned_products
    from core.knowledge.manager import get_knowledge

    k = get_knowledge()
    assert mentioned_products(k, "겨울 코트 뭐 있어요?") == []  # 겨울 holds 울, no 울 코트
    assert mentioned_products(k, "기모맨투맨 L 있어요") == ["P024"]  # a compound written without a space still names
    assert mentioned_products(k, "울코트 있어요") == ["P044"]


def test_what_a_kind_holds_lists_it(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "겨울 코트 뭐 있어요?", now=MONDAY).reply
    assert all(c in reply for c in ("싱글 울 코트", "더블 울 코트", "발마칸 코트")), reply


def test_a_thing_found_only_by_likeness_is_said_not_sold(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "스마트워치 팔아요?", now=MONDAY).reply
    assert "'스마트워치' 상품은 판매하지 않아요" in reply and "4K 스마트 TV" in reply, reply


@pytest.mark.parametrize(("shop", "text", "name"), [("cosmetics", "어성초 있어요?", "어성초 진정 토너"),
                                                    ("electronics", "TV 팔아요?", "4K 스마트 TV")])
def test_a_word_of_a_products_name_still_names_it(shops, shop: str, text: str, name: str) -> None:  # noqa: ANN001
    reply = _ask(shops[shop], text, now=MONDAY).reply
    assert name in reply and "판매하지 않아요" not in reply, reply


# -- the newest option carried; "what about …" of one word ------------------------------------
def test_a_follow_up_carries_the_newest_value_on_each_axis(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "데님 셔츠 연청 S 있어요?"}, {"role": "bot", "text": "데님 셔츠 S 연청은 현재 품절이에요."},
               {"role": "user", "text": "M은요?"}, {"role": "bot", "text": "데님 셔츠 M 연청은 현재 23개 남아 있어요."}]
    reply = _ask(shops["jogunshop"], "가격은요?", history, now=MONDAY).reply
    assert "49,000원" in reply and "품절" not in reply, reply


def test_a_one_word_what_about_naming_another_thing_is_answered_too(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "네이버페이 돼요? 할부는?", now=MONDAY).reply
    assert "네이버페이" in reply and "무이자 할부" in reply, reply


# -- a conversation on a rule, told in steps ----------------------------------------------------------------------
_RETURN_STEPS = [{"role": "user", "text": "반품하려고요"}, {"role": "bot", "text": "반품은 상품 수령일로부터 7일 이내에 신청할 수 있어요."}]


def test_a_changed_mind_and_when_it_came_is_no_fault(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "단순변심이에요. 받은지 3일 됐어요", _RETURN_STEPS, now=MONDAY)
    assert not result.handoff and "3일은 7일 기간 안이에요" in result.reply, result.reply


def test_when_it_came_alone_is_no_fault() -> None:
    from agent.problems import problem_kind
    from agent.turn_analysis import analyse_turn

    assert problem_kind(analyse_turn("받은지 3일 됐어요")) is None
    assert problem_kind(analyse_turn("가습기 받은지 2주 됐는데 물이 새요")) == "defect"


def test_a_follow_up_leans_on_the_rule_named_a_message_earlier(shops) -> None:  # noqa: ANN001
    history = [*_RETURN_STEPS, {"role": "user", "text": "단순변심이에요. 받은지 3일 됐어요"},
               {"role": "bot", "text": "말씀하신 3일은 7일 기간 안이에요."}]
    result = _ask(shops["jogunshop"], "배송비는 얼마 들어요?", history, now=MONDAY)
    assert result.route == "general" and "6,000원" in result.reply, result.reply


# -- a day to order by, missed today; a cancelled order's refund ------------------------------------------------------
@pytest.mark.parametrize("text", ["크리스마스 전에 받으려면 언제까지 주문해야 돼요?", "24일까지 받으려면 언제까지 시켜야 해요?"])
def test_a_day_to_order_by_that_was_today_before_the_cut_off_is_said_missed(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text, now=MONDAY).reply
    assert "오늘 14:00 전까지 결제하셔야 했는데" in reply, reply


def test_a_day_to_order_by_still_ahead_is_given(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "24일까지 받으려면 언제까지 시켜야 해요?", now=datetime(2026, 12, 18, 11, 10)).reply
    assert "늦어도 12월 21일(월) 14:00 전까지 결제해 주세요" in reply, reply


def test_a_cancelled_orders_refund_asked_gets_the_refund_rule(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "20261109-0031 환불 됐나요?", now=MONDAY).reply
    assert "'취소' 상태" in reply and "영업일" in reply, reply


def test_a_stock_list_cut_short_says_how_many_options_are_in_stock(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "옥스포드 셔츠 있어요?", now=MONDAY).reply
    assert "등 모두 9가지 옵션이 남아 있어요" in reply, reply


@pytest.mark.parametrize(("text", "said"), [("가죽 자켓 있어요?", "가죽 자켓은 없어요"), ("캐시미어 코트 있나요?", "캐시미어 코트는 없어요")])
def test_a_material_no_product_of_the_kind_has_is_said_first(shops, text: str, said: str) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], text, now=MONDAY).reply
    assert reply.startswith("말씀하신 " + said), reply


def test_a_material_a_product_of_the_kind_has_names_it(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "린넨 셔츠 있어요?", now=MONDAY).reply
    assert "없어요" not in reply.split(".")[0] and "린넨 셔츠" in reply, reply


@pytest.mark.parametrize("text", ["공청기 필터 언제 갈아요?", "공청기 필터 언제 갈아요? 가격도요"])
def test_when_a_thing_is_done_again_is_the_interval_its_texts_state(shops, text: str) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], text, now=MONDAY).reply
    assert "6~12개월" in reply and "39,000원" in reply, reply


@pytest.mark.parametrize(("text", "value"), [("피부 밝은 편인데 쿠션 몇호? 재고도?", "17호 바닐라"),
                                             ("쿠션 몇호 써야돼요? 피부톤 건강한 편이에요", "25호 샌드")])
def test_the_shops_guide_is_applied_to_the_case_the_customer_names(shops, text: str, value: str) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], text, now=MONDAY).reply
    assert reply.startswith(f"말씀하신 경우에는 {value}"), reply


@pytest.mark.parametrize("text", ["쿠션 호수 추천해주세요", "린넨 셔츠 L 재고 있어요?"])
def test_no_case_named_gets_no_pick_from_a_guide(shops, text: str) -> None:  # noqa: ANN001
    shop = "cosmetics" if "쿠션" in text else "jogunshop"
    assert "말씀하신 경우에는" not in _ask(shops[shop], text, now=MONDAY).reply


# -- an order's stage against the last stage a rule allows --------------------------------------------------------
NOV = datetime(2026, 11, 23, 10, 30)


@pytest.mark.parametrize(("shop", "text", "verdict"), [
    ("grocery", "DN-004541 배송지 바꿀 수 있어요?", "지금은 '결제완료' 상태라 배송지 변경이 가능해요"),
    ("grocery", "DN-004530 주소 바꿀래요 이사 가서요", "이미 '상품준비중' 상태라 배송지 변경은 어려워요('결제완료' 상태까지 가능)"),
    ("jogunshop", "20261118-0022 배송중인데 주소 바꿀 수 있나요?", "이미 '배송중' 상태라 배송지 변경은 어려워요"),
    ("jogunshop", "배송지 변경 가능한가요? 주문번호 20261121-0005", "지금은 '상품준비중' 상태라 배송지 변경이 가능해요")])
def test_an_orders_stage_is_weighed_against_the_last_stage_the_rule_allows(shops, shop: str, text: str,
                                                                           verdict: str) -> None:  # noqa: ANN001
    reply = _ask(shops[shop], text, now=NOV).reply
    assert verdict in reply, reply


def test_a_minimum_is_weighed_when_one_of_the_turns_questions_asks_it(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "신규가입 쿠폰 얼마짜리에요? 2만원어치 사도 쓸 수 있어요?", now=MONDAY).reply
    assert "20,000원은 30,000원 이상 기준에 못 미쳐요" in reply and "5,000원" in reply, reply
