"""Offline agent, forty-first round: a later question that names only an aspect of the rule just asked, a "which
ones" question answered by the clause that lists them, a colour glued onto the kind it colours, a product swapped in
a basket, and a fit as a condition of a kind.

Each test pins one mechanism, not one sentence: "적립금 언제 들어와요? 그리고 유효기간 있어요?" asks the points' expiry
(never the FAQ's deposit deadline); "결제수단 뭐뭐있어요?" gets the list of ways to pay before any exception; "흰티",
"블랙셔츠", "네이비니트" are a colour and a kind; "블레이저 말고 싱글코트로 바꾸면요?" re-totals the basket asked before;
"봄 셔츠 오버핏으로" lists the shirts of that fit.
"""

from __future__ import annotations

from datetime import datetime

from core.knowledge.manager import get_knowledge
from turn_asking import asker, chat

FRIDAY = datetime(2027, 2, 26, 16, 40)
_ask = asker(FRIDAY)


# -- a later question of one rule --------------------------------------------------------------------------------------
def test_a_later_question_naming_only_an_aspect_asks_it_of_the_rule_before(shops) -> None:  # noqa: ANN001
    for shop, expiry in (("jogunshop", "12개월"), ("cosmetics", "12개월"), ("grocery", "6개월")):
        reply = _ask(shops[shop], "적립금 언제 들어와요? 그리고 유효기간 있어요?").reply
        assert expiry in reply and "소멸" in reply, (shop, reply)
        assert "입금" not in reply, (shop, reply)
    jog = _ask(shops["jogunshop"], "적립금 언제 들어와요? 그리고 유효기간 있어요?").reply
    assert "7일" in jog, jog  # the first question keeps its own answer


def test_a_goods_shelf_life_beside_the_points_is_the_goods_own(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "적립금 얼마나 쌓여요? 유통기한은 얼마에요?").reply
    assert "3%" in reply and "36개월" in reply, reply


# -- which ones ---------------------------------------------------------------------------------------------------------
def test_which_ones_is_answered_by_the_clause_that_lists_them(shops) -> None:  # noqa: ANN001
    for message in ("결제수단 뭐뭐있어요?", "어떤 결제수단 돼요?", "결제 뭐뭐 돼요?"):
        reply = _ask(shops["jogunshop"], message).reply
        assert reply.startswith("신용카드·체크카드"), (message, reply)
        assert "카카오페이" in reply and "토스페이" in reply, (message, reply)


def test_what_a_tier_gives_is_no_list_asked(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "VIP되면 뭐가 좋아요?").reply
    assert reply.startswith("글로우VIP 회원에게는 매달 무료배송 쿠폰 2장"), reply


# -- a colour glued onto its kind -------------------------------------------------------------------------------------
def test_a_colour_adjective_glued_onto_a_kind_is_a_colour_and_the_kind(shops) -> None:  # noqa: ANN001
    for message in ("흰티 있어요?", "흰 티셔츠 있어요?", "흰셔츠 있어요?"):
        reply = _ask(shops["jogunshop"], message).reply
        assert "화이트 재고가 있는" in reply, (message, reply)
        assert "비슷한 이름의 상품이 여러 개" not in reply, (message, reply)


def test_a_colour_word_glued_onto_a_kind_filters_the_kind(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "블랙셔츠 있어요?").reply
    assert "블랙 재고가 있는 셔츠" in reply and "차이나카라 셔츠" in reply, reply
    reply = _ask(shops["jogunshop"], "네이비니트 M 재고?").reply
    assert "네이비 M 재고가 있는 니트" in reply, reply


def test_a_colour_in_a_price_range_and_size_filters_the_kind(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "흰티 추천 3만원 이하 XL").reply
    assert "화이트 XL" in reply and "피케 카라 티셔츠" not in reply, reply


def test_a_colour_word_in_a_product_alias_is_still_a_colour() -> None:
    vocab = get_knowledge()._searcher().vocab
    assert [m.value for m in vocab.find_mentions("흰 스니커즈")] == ["화이트"]
    assert [m.value for m in vocab.find_mentions("검은셔츠")] == ["블랙"]
    assert vocab.find_mentions("높은 거") == []


# -- a product swapped in a basket ------------------------------------------------------------------------------------
def test_a_product_swapped_in_a_basket_re_totals_it(shops) -> None:  # noqa: ANN001
    history = chat("옥스포드 셔츠랑 와이드 슬랙스 같이 사면 얼마?", "합계 84,000원이에요.")
    reply = _ask(shops["jogunshop"], "옥스포드 셔츠 대신 린넨 셔츠로 하면 총 얼마에요?", history).reply
    assert "합계 90,000원" in reply and "옥스포드" not in reply, reply


def test_a_product_set_aside_with_no_other_named_is_still_a_look_for_similar(shops) -> None:  # noqa: ANN001
    history = chat("블레이저랑 슬랙스 같이 사면 얼마에요?", "합계 198,000원이에요.")
    reply = _ask(shops["jogunshop"], "블레이저 말고 비슷한거 있어요?", history).reply
    assert "말고 같은" in reply, reply


# -- a fit as a condition of a kind -----------------------------------------------------------------------------------
def test_a_fit_said_of_a_kind_lists_the_kind_of_that_fit(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "봄 셔츠 오버핏으로 추천해주세요").reply
    assert "오버핏 셔츠" in reply and "오버핏 코튼 셔츠" in reply and "옥스포드 버튼다운 셔츠" in reply, reply
    assert "린넨 셔츠" not in reply, reply
    reply = _ask(shops["jogunshop"], "세미오버핏 니트 뭐있어요").reply
    assert "케이블 니트" in reply and "하프집업 니트" in reply and "없어요" not in reply, reply
    assert "크루넥" not in reply, reply


def test_a_fit_recommended_is_no_one_product_named_by_it(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "오버핏 셔츠 추천해주세요").reply
    assert "오버핏 셔츠 중에서는" in reply, reply


# -- a kind said by the last word of its products' names ------------------------------------------------------------
MONDAY = datetime(2027, 3, 8, 14, 20)


def test_a_kind_said_by_its_products_last_name_word_is_listed_in_a_price_range(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "토너 추천 2만원 이하", now=MONDAY).reply
    assert "토너는 어성초 진정 토너 18,000원" in reply, reply
    assert "틴트" not in reply and "선크림" not in reply, reply
    reply = _ask(shops["cosmetics"], "3만원 이하 크림 추천", now=MONDAY).reply
    assert "크림은 지금 없어요" in reply and "히알루론 수분 크림 32,000원" in reply, reply


def test_a_skin_type_beside_a_kind_recommended_is_a_product_question(shops) -> None:  # noqa: ANN001
    for message in ("트러블 잘나는데 토너 추천", "지성인데 트러블 잘나요 토너 추천 2만원 이하"):
        result = _ask(shops["cosmetics"], message, now=MONDAY)
        assert result.route == "product" and "어성초 진정 토너" in result.reply, (message, result.reply)
        assert "17호 바닐라" not in result.reply, result.reply


def test_a_word_before_the_generic_product_noun_names_no_kind(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "베스트 상품 추천해줘").reply
    assert "베스트 중에서는" not in reply, reply


# -- a later yes/no of a thing the texts state by its contrary ---------------------------------------------------------
def test_a_later_question_of_a_thing_stated_by_its_contrary_gets_that_sentence(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "키보드 청축 있어요? 무선인가요").reply
    assert "품절" in reply and "유선 기계식 키보드" in reply, reply


# -- a farewell -------------------------------------------------------------------------------------------------------
def test_a_friday_night_wished_is_a_farewell(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "불금 보내세요~")
    assert result.route == "general" and "출고" not in result.reply, result.reply


# -- an order number and a reason, after a return was asked ------------------------------------------------------------
def test_an_order_number_and_a_size_reason_after_a_return_is_the_return(shops) -> None:  # noqa: ANN001
    history = chat("반품하려구요", "반품을 도와드릴게요. 주문번호를 알려주시겠어요?")
    result = _ask(shops["jogunshop"], "20261116-0019요 사이즈가 커서요", history, now=MONDAY)
    assert result.route == "general" and "20261116-0019" in result.reply, result.reply
    assert "단순 변심" in result.reply and "교환할 옵션이 품절이면" not in result.reply, result.reply


# -- a set, a product left out, a stock condition ---------------------------------------------------------------------
def test_the_whole_set_asked_after_one_part_totals_its_parts(shops) -> None:  # noqa: ANN001
    history = chat("테일러드 셋업 자켓 얼마에요?", "테일러드 셋업 자켓의 가격은 149,000원입니다.")
    reply = _ask(shops["jogunshop"], "세트로 다 사면 얼마?", history).reply
    assert "테일러드 셋업 팬츠" in reply and "합계 228,000원" in reply and "양말" not in reply, reply


def test_all_of_a_set_matched_is_bought_together(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "셋업 자켓이랑 바지 다 맞추면 얼마에요?").reply
    assert "합계 228,000원" in reply, reply


def test_a_product_left_out_of_a_basket_re_totals_the_rest(shops) -> None:  # noqa: ANN001
    history = chat("와이드 슬랙스랑 가죽 벨트랑 면 양말 3팩 같이 사면 얼마에요?", "합계 96,000원이에요.")
    reply = _ask(shops["jogunshop"], "벨트 빼고 계산하면요?", history).reply
    assert "합계 57,000원" in reply and "벨트" not in reply, reply


def test_an_options_stock_as_the_condition_of_a_delivery_question_is_checked_first(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "크루넥 니트 그레이 L 있으면 바로 주문할건데 언제 와요?").reply
    assert "그레이 색상은 판매하지 않아요" in reply and "3월 2일(화)에 출고" in reply, reply
    history = chat("크루넥 니트 얼마에요?", "크루넥 니트는 49,000원이에요.")
    reply = _ask(shops["jogunshop"], "네이비 L 있으면 바로 주문할건데 언제 와요?", history).reply
    assert "네이비" in reply and "남아 있어요" in reply and "3월 2일(화)에 출고" in reply, reply


# -- a restriction cleared only when nothing else it refuses was done -------------------------------------------------
def test_another_act_the_refusing_clause_names_keeps_the_restriction(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "정품등록만 하고 아예 안썼는데 단순변심 반품 돼요?").reply
    assert "정품 등록" in reply and "해당하지 않아요" not in reply, reply
    reply = _ask(shops["jogunshop"], "입진 않았는데 향수냄새가 좀 뱄어요.. 반품 될까요").reply
    assert "향수" in reply and "해당하지 않아요" not in reply, reply
    reply = _ask(shops["jogunshop"], "택은 안 뗐는데 하루 입고 외출했어요 반품 가능?").reply
    assert "해당하지 않아요" not in reply and "어렵습니다" in reply, reply


def test_a_restriction_cleared_is_said_after_the_rule(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "택 그대로 있고 안 입었어요 반품 돼요?").reply
    assert reply.index("어렵습니다") < reply.index("착용한 상품이 아니니"), reply


# -- a basket weighed against a rule's minimum ------------------------------------------------------------------------
def test_products_bought_together_are_summed_against_a_rules_minimum(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "충전기랑 마우스 같이 사면 쿠폰 쓸수 있음?").reply
    assert "합계 64,000원은 100,000원 이상 기준에 못 미쳐요" in reply, reply
    reply = _ask(shops["jogunshop"], "옥스포드 셔츠랑 와이드 슬랙스 사면 가입쿠폰 쓸 수 있어요?").reply
    assert "합계 84,000원은 30,000원 이상 기준을 충족해요" in reply, reply


# -- the customer's waist with a pick asked ---------------------------------------------------------------------------
def test_a_waist_given_with_a_pick_asked_is_size_advice(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "원턱 슬랙스 허리 31이면 뭐 사요?").reply
    assert "30과 32 사이즈 사이예요" in reply, reply
    reply = _ask(shops["jogunshop"], "허리 31인치인데 와이드 슬랙스 30이랑 32 중 뭐가 나아요?").reply
    assert "32 사이즈(허리단면 40.5cm)가 가장 가까워요" in reply, reply


def test_a_waist_given_with_a_fit_check_keeps_the_products_range(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "벨트 허리 36인데 맞을까요? 길이 몇이에요").reply
    assert "28~36인치" in reply and "120cm" in reply, reply


# -- the rule's own limit asked past it -------------------------------------------------------------------------------
def test_the_rules_own_limit_asked_past_it_gets_no_within_verdict(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "무통장입금 3일 지나면 어케됨?").reply
    assert "기간 안이에요" not in reply and "자동 취소" in reply, reply
    reply = _ask(shops["jogunshop"], "받은지 8일 지나면 반품 안돼요?").reply
    assert "7일 기간이 지난 경우예요" in reply, reply


# -- a negative question of today's dispatch, with the time paid ------------------------------------------------------
def test_a_negative_question_of_todays_dispatch_weighs_the_time_paid(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "오늘 2시 10분에 결제했는데 오늘 출고 안되나요?", now=MONDAY).reply
    assert "14:00" in reply and "3월 9일(화)에 출고" in reply, reply
    reply = _ask(shops["jogunshop"], "오늘 1시 반에 결제했는데 오늘 출고 안되나요?", now=MONDAY).reply
    assert "3월 8일(월)에 출고" in reply, reply


# -- an attribute asked by its name, a fibre that starts another noun -------------------------------------------------
def test_an_attribute_asked_by_its_name_lists_the_kind_with_it(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "코트 가격이랑 소재 알려주세요").reply
    assert "싱글 울 코트 229,000원(겉감: 울 70%" in reply and "플리스" not in reply, reply


def test_a_fibre_that_starts_another_noun_is_no_fibre_condition(shops) -> None:  # noqa: ANN001
    from agent.product_facts import _fibre_wanted

    knits = get_knowledge().filter_products(category="니트", in_stock=None, limit=50)
    assert _fibre_wanted("니트 세탁기 돌려도 되나요? 울코스로요", knits) is None
    assert _fibre_wanted("울소재 니트 있어요?", knits) == ("울", "with")
    assert _fibre_wanted("울 안 들어간 니트 있어요?", knits) == ("울", "without")


def test_the_state_a_product_comes_in_is_no_arrival(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "고등어 손질돼서 와요?")
    assert result.route == "product" and "가시를 발라낸" in result.reply, result.reply
    result = _ask(shops["jogunshop"], "내일 주문해서 언제 와요?")
    assert result.route == "delivery", result.reply


# -- cheaper than the product discussed -------------------------------------------------------------------------------
def test_cheaper_than_the_product_discussed_lists_its_kinds_cheaper_ones(shops) -> None:  # noqa: ANN001
    history = chat("램스울 크루넥 니트 얼마에요?", "램스울 크루넥 니트는 69,000원이에요.")
    reply = _ask(shops["jogunshop"], "더 싼 건 없어요?", history).reply
    assert "터틀넥 니트 45,000원" in reply and "옵션이 남아 있어요" not in reply, reply
    assert "69,000원" not in reply.split("상품으로는")[-1], reply


# -- among the products the last reply listed -------------------------------------------------------------------------
def test_among_them_is_among_the_products_the_last_reply_listed(shops) -> None:  # noqa: ANN001
    history = chat("후드티 뭐 있어요?", "후드티는 기모 후드티 49,000원, 헤비 스웻 후드티 59,000원, 후드 집업 55,000원이 있어요.")
    reply = _ask(shops["jogunshop"], "그중에 제일 싼거 블랙 L 있어요?", history, now=MONDAY).reply
    assert "블랙 L 재고가 있는 후드티는 후드 집업 55,000원" in reply and "맨투맨" not in reply, reply


# -- English: a superlative names no product; a problem's rule quoted as Korean ---------------------------------------
def test_an_english_superlative_names_no_product(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "which knit is warmest?").reply
    assert "basic tee" not in reply and "Our knit" in reply, reply


def test_an_english_problem_quotes_the_rule_as_the_shops_korean_text(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "I received the wrong color").reply
    assert "Our policy (in Korean): 받으신 상품이" in reply, reply


# -- a product asked of as a gift -------------------------------------------------------------------------------------
def test_a_product_asked_of_as_a_gift_gets_what_it_is_and_the_shops_gift_clause(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "머플러 선물용으로 좋아요?").reply
    assert "울 100% 머플러" in reply and "주문 메모" in reply, reply
    reply = _ask(shops["jogunshop"], "울 머플러 카멜 색상 재고 있어요? 선물하려구요").reply
    assert "주문 메모" not in reply, reply  # (the gift is the reason of a stock question)


# -- a kind's product listed in an option priced at its own options --------------------------------------------------
def test_a_product_listed_in_an_option_is_priced_at_those_options(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "150만원 이하로 노트북 16인치 추천", now=MONDAY).reply
    assert "1,290,000원~1,490,000원" in reply and "1,190,000원" not in reply and "1,690,000원" not in reply, reply


# -- an address moved from a surcharged region ------------------------------------------------------------------------
def test_an_address_moved_away_from_a_surcharged_region_adds_no_surcharge(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "20261122-0001 주소 서울로 바꾸면 제주 추가배송비 돌려받나요?", now=MONDAY).reply
    assert "제주로 바꾸시면" not in reply, reply
    reply = _ask(shops["jogunshop"], "20261122-0001 배송지를 제주도로 바꾸고 싶은데 추가금 있어요?", now=MONDAY).reply
    assert "제주로 바꾸시면 추가 배송비 3,000원" in reply, reply
