"""Offline agent, fifty-first round: a person turned down by 싫- or by a contracted -지 않- ("원치 않아요"), a turn that
only turns a person down, and the cost of a thing written as one word ("설치비").

Each test pins one mechanism, not one sentence.
"""

from __future__ import annotations

from datetime import datetime

from turn_asking import asker

FRIDAY_EVENING = datetime(2027, 7, 9, 18, 40)
_ask = asker(FRIDAY_EVENING)


# -- a person turned down ----------------------------------------------------------------------------------------------
def test_a_contracted_negation_negates_its_predicate() -> None:
    from agent.turn_analysis import analyse_turn

    assert "need" in analyse_turn("상담원 연결 원치 않아요").negated
    assert "need" not in analyse_turn("상담원 연결 원해요").negated


def test_a_person_turned_down_by_dislike_or_contracted_negation_is_no_request(shops) -> None:  # noqa: ANN001
    from agent.handoff import wants_human

    for message in ("상담원 기다리기 싫어요 그냥 여기서 알려주세요. 반품비 얼마에요?", "상담원 연결 원치 않아요. 배송 언제 와요?",
                    "상담원 연결은 싫어요"):
        assert not wants_human(message), message
        assert not _ask(shops["jogunshop"], message).handoff, message
    # (the dislike is of the person named right before it, nothing else between: the bot turned down asks for a person)
    for message in ("챗봇 싫어요 사람 불러줘", "사람이랑 얘기하고 싶어요 봇은 싫어요", "상담원 연결해 주세요 챗봇 싫어요"):
        assert wants_human(message), message


def test_a_turn_that_only_turns_a_person_down_is_offered_help_here(shops) -> None:  # noqa: ANN001
    for message in ("상담사 말고 그냥 여기서 답해줘", "상담원 연결하지 마세요", "상담원 필요 없어요"):
        r = _ask(shops["jogunshop"], message)
        assert not r.handoff and "여기서 바로 도와드릴게요" in r.reply, (message, r.reply)


# -- the cost of a thing written as one word ---------------------------------------------------------------------------
def test_a_cost_written_as_one_word_is_answered_by_the_clause_of_its_thing(shops) -> None:  # noqa: ANN001
    for message in ("TV 설치비 있어요?", "TV 설치비 얼마에요?"):
        reply = _ask(shops["electronics"], message).reply
        assert "60,000원" in reply and not reply.startswith("기존 TV 수거"), reply


# -- amounts -----------------------------------------------------------------------------------------------------------
def test_an_amount_of_man_with_its_rest_in_figures_is_one_amount() -> None:
    from agent.quantities import parse_amount

    assert parse_amount("3만7800원 주문이요") == 37800
    assert parse_amount("3만 7,800원") == 37800
    assert parse_amount("3천500원") == 3500
    assert parse_amount("7800원") == 7800 and parse_amount("4만5천원") == 45000


def test_a_fee_the_customer_names_is_no_order_amount(shops) -> None:  # noqa: ANN001
    from agent.entities import amount_terms

    assert amount_terms("제주라고 배송비 6천원이나 받는게 말이돼요?") is None
    assert amount_terms("제주도 3만원 주문하면 배송비 얼마에요?") == (30000, 1)
    reply = _ask(shops["jogunshop"], "제주라고 배송비 6천원이나 받는게 말이돼요?").reply
    assert "6,000원 주문 시" not in reply and "추가 배송비 3,000원" in reply, reply


# -- a stretch of time spent -------------------------------------------------------------------------------------------
def test_a_stretch_of_time_spent_is_a_wish_not_goods_sent(shops) -> None:  # noqa: ANN001
    from agent.turn_analysis import analyse_turn

    for message in ("월요일에 다시 물어볼게요 주말 잘 보내요", "좋은 주말 보내세요", "연휴 즐겁게 보내시고 다음주에 봬요"):
        a = analyse_turn(message)
        assert a.has("wish") and not a.has("dispatch"), message
    for message in ("주말에 보내주세요", "오늘 보내주세요", "주말에 잘 보내주세요"):
        assert analyse_turn(message).has("dispatch"), message
    reply = _ask(shops["jogunshop"], "월요일에 다시 물어볼게요 주말 잘 보내요").reply
    assert "출고" not in reply, reply


# -- English -----------------------------------------------------------------------------------------------------------
def test_months_a_rule_states_in_years_are_said_in_years(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "how long is the laptop warranty?").reply
    assert "Laptop warranty: 2 years" in reply and "Battery warranty: 1 year" in reply, reply
    assert "Main unit: 2 years battery" not in reply, reply


def test_a_second_topic_after_n_ro_is_glossed_as_its_own_clause() -> None:
    from agent.english_gloss import _pieces, gloss

    assert _pieces("온라인 전용 매장으로 오프라인 매장은 없습니다.") == ["온라인 전용 매장으로", "오프라인 매장은 없습니다."]
    # (said of a topic before it, the shop's name the caller sets aside, it stays one piece)
    assert len(_pieces("조군샵은 온라인 전용 매장으로 오프라인 매장은 없습니다.")) == 1
    assert "Offline store: none" in gloss("온라인 전용 매장으로 오프라인 매장은 없습니다.")
    # ("N(으)로" that is the argument of the verb after it is no clause of its own)
    assert len(_pieces("결제완료 상태로 변경되면 취소는 마이페이지에서 할 수 있습니다.")) == 1


# -- a place in a region named by its class ----------------------------------------------------------------------------
def test_a_place_in_a_region_the_rule_names_by_its_class_is_said_to_be_in_it(shops) -> None:  # noqa: ANN001
    from core.knowledge.delivery_rules import place_of_region

    policy = shops["grocery"].knowledge_provider().delivery_policy()
    assert place_of_region(policy, "울릉도도 새벽배송 돼요?") == ("울릉도", "도서산간")
    assert place_of_region(policy, "도서산간인데요") is None and place_of_region(policy, "제주도인데요") is None
    reply = _ask(shops["grocery"], "울릉도도 새벽배송 돼요?").reply
    # (with the no first since stop 63)
    assert reply.startswith("아니요, 울릉도는 도서산간 지역이에요.") and "새벽배송이 되지 않습니다" in reply, reply
    # (never twice: the fee template says the region itself)
    fee = _ask(shops["jogunshop"], "울릉도 배송비 얼마에요?").reply
    assert "울릉도는 도서산간" not in fee, fee


# -- a condition of the customer's that frees the fee ------------------------------------------------------------------
def test_a_condition_whose_rule_frees_the_fee_answers_yes(shops) -> None:  # noqa: ANN001
    for message in ("멤버십 회원인데 두부 하나만 사도 무료배송이에요?", "멤버십이면 두부 하나만 사도 무료배송이에요?"):
        reply = _ask(shops["grocery"], message).reply
        assert "네, 월 2,900원 들녘멤버십에 가입하면" in reply and "아니요" not in reply, reply
        assert "멤버십이 아니시면 2,900원 주문 시 배송비는 3,000원이에요" in reply, reply


# -- the rate of the customer's own tier -------------------------------------------------------------------------------
def test_the_points_rate_of_the_tier_the_customer_names_as_theirs_is_said_first(shops) -> None:  # noqa: ANN001
    for message in ("골드인데 적립금 얼마나 쌓여요?", "저 골드 등급이에요 적립률 어떻게 돼요?", "골드면 몇프로 적립돼요?"):
        reply = _ask(shops["jogunshop"], message).reply
        assert reply.startswith("골드 등급 적립률은 3%예요."), reply
    # (no tier named: the shop's own rate rule, nothing said first)
    plain = _ask(shops["jogunshop"], "적립금 얼마나 쌓여요?").reply
    assert "등급 적립률은" not in plain, plain


# -- a word of another product's name before an alias ------------------------------------------------------------------
def test_a_word_of_another_products_name_before_an_alias_names_that_product(shops) -> None:  # noqa: ANN001
    from agent.mentions import mentioned_products

    knowledge = shops["jogunshop"].knowledge_provider()
    assert mentioned_products(knowledge, "스트라이프 긴팔티 블랙 XL 있어요?") == ["P022"]
    assert mentioned_products(knowledge, "스트라이프긴팔티 있어요?") == ["P022"]
    # (a word the alias's own product holds, or no word before it: the alias's product)
    assert mentioned_products(knowledge, "기본 긴팔티 있어요?") == ["P019"]
    assert mentioned_products(knowledge, "긴팔티 있어요?") == ["P019"]
    reply = _ask(shops["jogunshop"], "스트라이프 긴팔티 블랙 XL 있어요?").reply
    assert "스트라이프 긴팔 티셔츠" in reply and "베이직" not in reply, reply
    # (never a word of another product named before it: "울 머플러 골지 비니" is the muffler and the beanie)
    assert mentioned_products(knowledge, "니트 장갑이랑 울 머플러 골지 비니 같이 사면 얼마에요?") == ["P072", "P067", "P069"]


# -- a combination that leaves a kind unnamed --------------------------------------------------------------------------
def test_each_option_of_a_combination_that_leaves_a_kind_unnamed_is_listed(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["electronics"], "노트북 14인치 i7이랑 16인치 i5 가격 차이 얼마에요?").reply
    assert "1,390,000원" in reply and "1,590,000원" in reply and "1,290,000원" in reply, reply


# -- how much longer a region takes ------------------------------------------------------------------------------------
def test_late_asked_with_deo_asks_how_long_and_an_unstated_longer_time_is_said(shops) -> None:  # noqa: ANN001
    from agent.turn_analysis import analyse_turn

    assert analyse_turn("제주도면 배송 더 늦어요?").has("duration")
    assert analyse_turn("배송이 너무 늦어요").has("late")
    jeju = _ask(shops["jogunshop"], "제주도면 배송 더 늦어요?").reply
    assert "제주는 도착까지 1~2일 더 걸릴 수 있습니다" in jeju, jeju
    unstated = _ask(shops["electronics"], "제주도면 배송 더 늦어요? 추가금도 있나요").reply
    assert "제주 지역이 더 걸리는지는 안내에 따로 나와 있지 않아요" in unstated and "5,000원" in unstated, unstated


# -- whether a thing can be done, and a combining request --------------------------------------------------------------
def test_whether_it_can_be_done_is_said_by_the_sections_first_clause(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "배송지 바꿀 수 있어요?").reply
    assert reply.startswith("배송지는 결제완료 상태에서만 변경할 수 있습니다."), reply
    # (not when a passage chosen says it already, nor for a question of cost)
    once = _ask(shops["jogunshop"], "주소 바꿀 수 있어요?").reply
    assert once.count("변경할 수 있") == 1, once


def test_a_request_to_combine_orders_is_the_bundling_rule_not_a_status_lookup(shops) -> None:  # noqa: ANN001
    r = _ask(shops["jogunshop"], "따로 주문한 거 두 개 합쳐서 보내주세요")
    assert "합배송해 드립니다" in r.reply and "주문번호(숫자 8자리" not in r.reply, r.reply


# -- a reaction right after the goods were put on ----------------------------------------------------------------------
def test_a_reaction_right_after_the_goods_were_put_on_is_a_skin_reaction(shops) -> None:  # noqa: ANN001
    from agent.turn_analysis import analyse_turn

    assert analyse_turn("쿠션 개봉했는데 바르니까 따가워요").has("skin")
    assert not analyse_turn("니트 소재 따가워요?").has("skin")  # (a material asked of, nothing put on)
    reply = _ask(shops["cosmetics"], "쿠션 개봉했는데 바르니까 따가워요").reply
    assert "피부과 전문의 소견서" in reply, reply


# -- a word that describes the thing asked for -------------------------------------------------------------------------
def test_a_describing_word_is_no_part_of_a_name_searched(shops) -> None:  # noqa: ANN001
    from core.knowledge.search import _describes

    assert _describes("큰") and _describes("작은") and _describes("싼거")
    assert not _describes("딥클린") and not _describes("블랙") and not _describes("대용량")
    # ("큰" never fuzzily names 크림: the toner's larger option is the one asked)
    big = _ask(shops["cosmetics"], "토너 큰 거 있어요?").reply
    assert big.startswith("어성초 진정 토너 300ml") and "세트" not in big, big
    small = _ask(shops["cosmetics"], "토너 작은 용량 있어요?").reply
    assert small.startswith("어성초 진정 토너 150ml"), small


# -- late as far as a time; a value with its aside, in English ---------------------------------------------------------
def test_late_as_far_as_a_time_is_no_delay(shops) -> None:  # noqa: ANN001
    from agent.turn_analysis import analyse_turn

    assert not analyse_turn("늦게까지 고생하시네요").has("late")
    assert analyse_turn("배송이 늦게 와요").has("late")
    r = _ask(shops["jogunshop"], "늦게까지 고생하시네요")
    assert "배송 안내" not in r.reply and r.route == "general", r.reply


def test_a_value_with_an_aside_is_said_in_english_before_the_aside() -> None:
    from agent.english_gloss import english_value

    assert english_value("국산(제주 서귀포)", alone=True) == "Korea, 제주 서귀포"
    assert english_value("국산(제주 서귀포)") == "국산(제주 서귀포) (Korea, 제주 서귀포)"
    assert english_value("노르웨이산") == "노르웨이산"  # (nothing known: the shop's value as it is)


def test_words_written_with_a_middle_dot_are_glossed_as_one_or_the_other() -> None:
    from agent.english_gloss import gloss

    assert gloss("받으신 신선식품은 바로 냉장·냉동 보관해 주세요.") == "Fresh food: refrigerated / keep frozen"
    # (a topic's own words keep its joiner and its reading: "Orders on weekends / public holidays")
    assert gloss("주말·공휴일 주문은 다음 영업일에 출고됩니다.").startswith("Orders on weekends / public holidays:")
