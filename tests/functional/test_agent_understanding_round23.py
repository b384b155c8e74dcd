"""Offline agent, twenty-third round: what a set holds, a request no rule speaks to, a basket grown in a follow-up.

Each test pins one mechanism, not one sentence: a set named with another thing and asked whether it holds it answers
from the set's own parts; a request of the shop that meets a rule only on the act of asking ("… 주세요") is passed to a
person, never quoted an unrelated rule nor asked "what do you mean?"; an amount said before, with products added now,
is the basket a fee is quoted for; a letter size no product of a kind comes in is said so, with the kind's sizes.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from agent.evaluate import answer_as_owner
from agent.policy_answer import answer_policy, question_tokens
from agent.turn_analysis import analyse_turn

WEDNESDAY = datetime(2026, 12, 30, 13, 55)


def _ask(pipeline, message: str, history: list[dict] | None = None, now: datetime = WEDNESDAY):  # noqa: ANN001
    return answer_as_owner(pipeline, [message], history or [], now)


# -- what a set holds -----------------------------------------------------------------------------------------------
def test_a_thing_not_among_a_sets_parts_is_said_not_in_it(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "미니키트에 선크림도 들어있나요?")
    assert "어성초 진정 토너 30ml 1개" in result.reply and "선크림은 여행용 미니 키트 구성에 들어 있지 않아요" in result.reply, \
        result.reply


def test_a_thing_among_a_sets_parts_is_said_in_it_by_the_parts_name(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "재택근무 세트에 키보드도 들어가요?")
    assert "네, 구성에 텐키리스 기계식 키보드 갈축도 들어 있어요" in result.reply, result.reply


# -- a request no rule speaks to ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["부재시 경비실에 맡겨주세요", "문앞에 놓고 가주세요"])
def test_a_request_no_rule_speaks_to_is_passed_to_a_person(shops, text: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert result.handoff and "담당자에게 전달" in result.reply and not result.ask_back, result.reply


def test_the_bound_noun_when_meets_no_clause(shops) -> None:  # noqa: ANN001
    a = analyse_turn("부재 시 경비실에 맡겨주세요")
    assert "시" not in question_tokens(a)
    assert not answer_policy(shops["jogunshop"].knowledge_provider(), a).confident


def test_the_hour_asked_keeps_its_word() -> None:
    assert "시" in question_tokens(analyse_turn("몇시까지 주문하면 오늘 출고돼요?"))


# -- a basket grown in a follow-up --------------------------------------------------------------------------------------
def test_products_added_to_an_amount_said_before_make_the_basket(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "3만원 사면 배송비 얼마에요?"},
               {"role": "assistant", "text": "기본 배송비는 3,000원이며 40,000원 이상 구매 시 무료배송입니다."}]
    result = _ask(shops["grocery"], "거기에 김 한봉 추가하면 무료배송 돼요?", history)
    assert "30,000원에 완도 곱창김 10봉 8,900원을 더하면 합계 38,900원" in result.reply and "1,100원 더" in result.reply, \
        result.reply


# -- a size no product of the kind comes in ----------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "kind", "size"), [("3XL 있는 티셔츠 있어요?", "티셔츠", "3XL"), ("XS 코트 있어요?", "코트", "XS")])
def test_a_letter_size_no_product_of_the_kind_comes_in_is_said_so(shops, text: str, kind: str, size: str) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], text)
    assert result.reply.startswith(f"{kind} 중에 {size} 사이즈로 나오는 상품은 없어요") and "XXL 사이즈로 나와요" in result.reply, \
        result.reply


# -- a bulk discount no rule states ------------------------------------------------------------------------------------
@pytest.mark.parametrize(("shop", "text", "count"), [("jogunshop", "단체주문 50벌 할인 되나요", "50벌"),
                                                      ("grocery", "회사 간식용으로 귤 20박스 사면 할인 돼요?", "20박스")])
def test_a_discount_for_a_bulk_count_no_rule_states_goes_to_a_person(shops, shop: str, text: str, count: str) -> None:  # noqa: ANN001
    result = _ask(shops[shop], text)
    assert result.reply.startswith(f"{count} 같은 대량 구매 할인은") and result.handoff, result.reply


def test_a_small_count_is_no_bulk_order(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "맨투맨 2개 사면 할인돼요?")
    assert "대량 구매" not in result.reply and not result.handoff, result.reply


# -- a threat is a complaint, not the customer's "if" ------------------------------------------------------------------
def test_a_condition_on_the_shop_not_acting_is_no_hypothetical() -> None:
    assert not analyse_turn("환불 안해주면 소비자원에 신고할거에요").hypothetical
    assert analyse_turn("두 개 사면 무료배송이에요?").hypothetical


def test_a_threat_gets_an_apology_and_a_person(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "환불 안해주면 소비자원에 신고할거에요")
    assert result.handoff and result.reply.startswith("불편을 드려 정말 죄송합니다"), result.reply


# -- which of two measures more --------------------------------------------------------------------------------------
def test_two_products_charts_compared_on_the_measure_named(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "와이드 슬랙스랑 세미와이드 원턱 슬랙스 32 허벅지 어느게 더 넓어요?")
    assert "32 기준 허벅지단면: 와이드 슬랙스 36.5cm, 세미와이드 원턱 슬랙스 34.5cm" in result.reply, result.reply
    assert result.reply.endswith("와이드 슬랙스가 더 넓어요."), result.reply


def test_equal_lengths_are_said_equal(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "싱글 울 코트랑 더블 울 코트 중에 뭐가 더 길어요?")
    assert "총장: 싱글 울 코트 108cm, 더블 울 코트 108cm" in result.reply and "같아요" in result.reply, result.reply


# -- the prefix 미- negates -----------------------------------------------------------------------------------------------
def test_the_prefix_not_yet_negates_the_word_it_opens() -> None:
    a = analyse_turn("미개봉인데 반품 배송비 얼마에요?")
    assert "opened" in a.negated and "opened" not in a.concepts
    assert "overseas" in analyse_turn("미국 배송 돼요?").concepts  # a word of its own, no prefix


# -- the way a thing is done, asked of a word no text holds ------------------------------------------------------------
def test_a_means_no_text_of_the_shop_holds_is_said_unstated(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "회원가입 안하고 비회원으로 주문 가능해요?")
    assert result.reply.startswith("비회원 주문에 대해서는") and "따로 나와 있지 않아요" in result.reply, result.reply


# -- where the goods are made -------------------------------------------------------------------------------------------
def test_a_country_with_the_suffix_made_is_an_origin_not_shipping_abroad() -> None:
    assert analyse_turn("중국산이에요?").concepts == {"origin"}
    assert "overseas" in analyse_turn("중국으로 배송 돼요?").concepts


def test_the_whole_catalogues_origins_grouped_when_no_product_or_kind_is_named(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "여기 옷 어디서 만들어요? 중국산이에요?")
    assert result.reply.startswith("전체 상품의 원산지는 상품마다 달라요.") and ": 중국" in result.reply, result.reply
    assert "해외" not in result.reply, result.reply


def test_a_question_on_genuine_goods_gets_no_origins(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "정품 맞아요? 병행수입 아니죠")
    assert "원산지" not in result.reply, result.reply


# -- a wait counted is a late parcel; a time bound is no thing asked for -----------------------------------------------
def test_a_wait_counted_is_no_parcel_shown_delivered(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "일주일째 택배가 안와요")
    assert "배송완료" not in result.reply, result.reply
    assert "배송완료로 표시됐는데" in _ask(shops["jogunshop"], "배송완료라는데 못받았어요").reply


def test_a_time_bound_is_not_said_unstated(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "내일 오전에 주문하면 새해 전에 받을 수 있나요")
    assert "따로 나와 있지 않아요" not in result.reply and "1월 4일" in result.reply, result.reply


# -- a thing of a product its own texts never write, written by the shop's FAQ -------------------------------------------
def test_the_shops_text_that_writes_the_word_answers_for_a_silent_product(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "틴트도 비건이에요?")
    assert "비건 인증을 받았습니다" in result.reply, result.reply


# -- a sold-out option is never in a total --------------------------------------------------------------------------------
def test_a_sold_out_option_is_left_out_of_the_total(shops) -> None:  # noqa: ANN001
    result = _ask(shops["electronics"], "온수매트 퀸 품절이에요? 그럼 싱글 두개 사면 얼마에요")
    assert "품절인 퀸은 빼고 계산하면 합계 318,000원" in result.reply and "517,000" not in result.reply, result.reply


def test_one_option_left_once_gets_no_total(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "린넨 셔츠 화이트랑 스카이블루 둘 다 M 있나요?")
    assert "합계" not in result.reply, result.reply


# -- a request before a question ------------------------------------------------------
def test_a_request_said_before_a_when_question_is_carried_out_on_the_order_the_chat_named(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "20261119-0011 언제와요"},
               {"role": "assistant", "text": "주문번호 20261119-0011은 현재 배송중 상태예요."}]
    result = _ask(shops["jogunshop"], "그냥 취소할래요 환불은 언제 돼요?", history)
    # (round 48: the order the chat named is weighed by its own stage, which the rule no longer cancels: said, and no
    # person is called for what no one would carry out)
    assert "20261119-0011" in result.reply and "영업일" in result.reply and "취소가 불가" in result.reply, result.reply


def test_a_wish_followed_by_how_asks_how(shops) -> None:  # noqa: ANN001
    assert not _ask(shops["jogunshop"], "반품하고 싶어요 어떻게 해요?").handoff


# -- the seasons a product is made for ------------------------------------------------------------------------------------
def test_a_season_asked_of_a_product_gets_its_own_seasons(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "린넨셔츠 겨울에 입어도 돼요?")
    assert "린넨 셔츠는 봄·여름 시즌 상품이에요. 겨울 시즌 상품으로 나온 건 아니에요." in result.reply, result.reply


def test_a_season_named_filters_a_kinds_listing(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "20만원 아래로 겨울 아우터 추천 좀 해주세요")
    assert "숏 푸퍼 패딩" in result.reply and "데님 트러커 자켓" not in result.reply, result.reply


# -- the other kind of option of a sold-out choice -------------------------------------------------------------------------
def test_a_sold_out_pair_of_two_non_size_options_offers_each_kept(shops) -> None:  # noqa: ANN001
    result = _ask(shops["cosmetics"], "쿠션 23호 단품으로 살수있나요")
    assert "단품은 17호 바닐라" in result.reply and "23호 미디엄은 리필 포함 7개(38,000원)가 있어요" in result.reply, result.reply


# -- how long goods keep once received ---------------------------------------------------------------------------------------
def test_a_time_to_eat_them_within_is_the_goods_shelf_life_not_their_arrival(shops) -> None:  # noqa: ANN001
    assert "expiry" in analyse_turn("받으면 며칠 안에 먹어야 돼요?").concepts
    result = _ask(shops["grocery"], "한우 받으면 며칠 안에 먹어야 돼요?")
    assert result.route == "product" and "수령 후 5일 이내" in result.reply, result.reply


# -- something the customer has not done yet is no late parcel ----------------------------------------------------------------
def test_a_thing_not_done_yet_by_the_customer_is_no_late_parcel() -> None:
    assert "late" not in analyse_turn("입금 아직 안했는데 기한이 언제까지에요?").concepts
    assert "late" in analyse_turn("아직 출고 안 했나요?").concepts  # the shop's shipping, not yet done: late


def test_the_deposit_deadline_is_answered_beside_the_orders_status(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "20261122-0016 입금 아직 안했는데 기한이 언제까지에요?")
    assert "3일 이내에 입금" in result.reply and not result.handoff, result.reply


# -- how two products differ -----------------------------------------------------------------------------------------------------
def test_how_two_products_differ_is_said_after_the_two_side_by_side(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "옥스포드 셔츠랑 옥스포드 버튼다운 셔츠 차이가 뭐예요?")
    assert "두 상품은 가격(39,000원 / 42,000원), 핏(레귤러핏 / 세미오버핏)이 달라요." in result.reply, result.reply
    assert "소재(면 100%)" in result.reply and "같아요" in result.reply, result.reply


def test_a_difference_of_one_thing_asked_gets_no_overview(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "싱글 울 코트랑 더블 울 코트 L 기준 기장 차이 있어요?")
    assert "두 상품은" not in result.reply, result.reply


# -- an order number after a phone number ----------------------------------------------------------------------------------------
def test_an_order_number_after_a_hyphenated_phone_is_read_whole() -> None:
    from core.knowledge.order_numbers import pattern_for

    found = pattern_for(["20261105-0012"]).findall("오태양 010-2019-6658 20261120-0006 롱패딩 아직도 안왔어요")
    assert [x.strip() for x in found] == ["20261120-0006"]


def test_the_owner_who_gives_name_and_phone_first_sees_the_order(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "오태양 010-2019-6658 20261120-0006 롱패딩 아직도 안왔어요")
    assert "20261120-0006" in result.reply and "본인 확인" not in result.reply, result.reply


# -- goods that came apart, and a fee asked twice -----------------------------------------------------------------------------------
def test_goods_that_came_separately_are_no_wrong_item_and_a_fee_asked_is_no_double_charge(shops) -> None:  # noqa: ANN001
    from agent.problems import problem_kind

    a = analyse_turn("쌀이랑 고구마 같이 시켰는데 따로 왔어요 배송비 두번 낸거에요?")
    assert problem_kind(a) is None
    assert problem_kind(analyse_turn("결제가 두번 됐어요")) == "double_charge"
    result = _ask(shops["grocery"], "쌀이랑 고구마 같이 시켰는데 따로 왔어요 배송비 두번 낸거에요?")
    assert "추가 배송비는 받지 않습니다" in result.reply and not result.handoff, result.reply


# -- the state the customer tells --------------------------------------------------------------------------------------------------
def test_the_state_the_customer_tells_puts_its_own_clause_first(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "배송중인데 지금 취소 가능해요?")
    assert result.reply.startswith("배송중 이후에는 취소가 불가하며"), result.reply


# -- an order number not known ------------------------------------------------------------------------------------------------------
def test_an_order_number_not_known_is_never_asked_for_again(shops) -> None:  # noqa: ANN001
    asked = _ask(shops["jogunshop"], "주문번호 모르는데 조회 가능해요?")
    assert "성함과 휴대폰 번호를 남겨 주세요" in asked.reply and "숫자 8자리" not in asked.reply and not asked.handoff, asked.reply
    history = [{"role": "user", "text": "주문번호 모르는데 조회 가능해요?"}, {"role": "assistant", "text": asked.reply}]
    given = _ask(shops["jogunshop"], "박준호 010-7715-2290 이에요", history)
    assert given.handoff and "담당자가 주문을 찾아" in given.reply, given.reply
    told = _ask(shops["jogunshop"], "주문번호를 까먹었어요 박준호 010-7715-2290")
    assert told.handoff and "사진" not in told.reply, told.reply
