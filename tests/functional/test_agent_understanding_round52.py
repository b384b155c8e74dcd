"""Offline agent, fifty-second round: an order placed now by a service's weekday rule, a thing counted more than once
against a clause about one of it.

Each test pins one mechanism, not one sentence.
"""

from __future__ import annotations

from datetime import datetime

from turn_asking import asker

FRIDAY_EVENING = datetime(2027, 7, 9, 18, 40)
WEDNESDAY_EVENING = datetime(2027, 7, 7, 18, 40)
_ask = asker(FRIDAY_EVENING)


# -- an order placed now, by the service's weekday rule ----------------------------------------------------------------
def test_a_service_asked_of_with_no_day_named_is_an_order_placed_today(shops) -> None:  # noqa: ANN001
    for message in ("서울 사는데 새벽배송 돼요?", "새벽배송 언제 와요?"):
        reply = _ask(shops["grocery"], message).reply
        assert "7월 12일(월) 새벽에 도착" in reply and "7월 9일(금)" in reply, (message, reply)
    # (on a day the rule maps to no later day, nothing is added; a day named is that day's, not today's)
    assert "도착해요" not in asker(WEDNESDAY_EVENING)(shops["grocery"], "서울 사는데 새벽배송 돼요?").reply
    assert "7월 9일(금) 주문" not in _ask(shops["grocery"], "토요일에 새벽배송 시키면 언제 와요?").reply


# -- a thing counted more than once ------------------------------------------------------------------------------------
def test_a_thing_counted_more_than_once_is_not_the_case_of_a_clause_about_one(shops) -> None:  # noqa: ANN001
    for message in ("주문 두건인데 묶어서 배송 가능한가요?", "어제 주문 두번 따로 했는데 같이 보내주실수 있어요?",
                    "두 번 주문했는데 합배송 돼요?"):
        reply = _ask(shops["jogunshop"], message).reply
        assert "따로" in reply and "합배송" in reply and "한 상자로" not in reply, (message, reply)
    # (one order asked of keeps the one-order clause)
    assert _ask(shops["jogunshop"], "한 주문에 여러 개 사면 한 박스로 와요?").reply.startswith("한 주문의 상품은")


# -- a condition the customer is not in --------------------------------------------------------------------------------
def test_a_concept_negated_only_in_a_clause_telling_the_situation_is_no_route_topic(shops) -> None:  # noqa: ANN001
    from agent.route_evidence import _told_as_background
    from agent.turn_analysis import analyse_turn

    a = analyse_turn("멤버십 가입 안했는데 두부 하나 사면 무료배송이에요?")
    assert "account" in a.negated and _told_as_background(a, "account")
    assert not _told_as_background(analyse_turn("멤버십 가입 안 돼요?"), "account")  # (the negation asked of)
    r = _ask(shops["grocery"], "멤버십 가입 안했는데 두부 하나 사면 무료배송이에요?")
    assert r.route == "delivery" and "아니요, 2,900원 주문 시 배송비는 3,000원" in r.reply, r.reply


def test_a_fee_asked_outside_the_condition_that_frees_it_says_no_and_names_the_condition(shops) -> None:  # noqa: ANN001
    for message in ("멤버십 아닌데 두부 하나 사면 무료배송이에요?", "멤버십 가입 안했는데 무료배송이에요?"):
        reply = _ask(shops["grocery"], message).reply
        assert "들녘멤버십에 가입하면" in reply and "네, " not in reply and "3,000원" in reply, (message, reply)
    # (the customer inside it is told yes)
    assert "네, 월 2,900원 들녘멤버십" in _ask(shops["grocery"], "멤버십 회원인데 두부 하나만 사도 무료배송이에요?").reply


# -- a thing described by the act done to it ---------------------------------------------------------------------------
def test_an_act_done_to_or_at_a_noun_is_searched_as_the_compound_it_makes() -> None:
    from agent.policy_answer import deverbal_compounds
    from agent.turn_analysis import analyse_turn

    assert "벽걸이" in deverbal_compounds(analyse_turn("TV 벽에 거는 거 돈 따로 받아요?"))
    assert deverbal_compounds(analyse_turn("배송 받는 거 언제예요?")) == []  # (no light or open-syllable verb)


def test_a_product_asked_of_a_service_described_by_its_act_quotes_what_the_service_costs(shops) -> None:  # noqa: ANN001
    for message in ("TV 벽에 거는 거 돈 따로 받아요?", "티비 벽에 거는것도 해줘요? 돈 따로내요?"):
        reply = _ask(shops["electronics"], message).reply
        assert "벽걸이 설치는 브래킷 포함 60,000원" in reply and "무통장" not in reply, (message, reply)


# -- a thing of the goods told not working -----------------------------------------------------------------------------
def test_a_counted_thing_or_a_word_also_of_the_body_told_not_working_is_a_fault(shops) -> None:  # noqa: ANN001
    from agent.problems import _thing_fails
    from agent.turn_analysis import analyse_turn

    assert _thing_fails(analyse_turn("주말에 키보드 받았는데 키 하나가 안눌려요"))
    assert _thing_fails(analyse_turn("키보드 키가 안 눌려요"))
    assert not _thing_fails(analyse_turn("키가 안 커서 기장 짧은 거 있어요?"))  # (the customer's build)
    r = _ask(shops["electronics"], "주말에 키보드 받았는데 키 하나가 안눌려요")
    assert r.route == "general" and "14일 이내" in r.reply, r.reply


# -- a build written as two bare numbers -------------------------------------------------------------------------------
def test_a_height_and_weight_written_as_two_bare_numbers_are_the_customers_build(shops) -> None:  # noqa: ANN001
    from agent.size_advice import BODY_PAIR

    assert BODY_PAIR.search("180 75 숏패딩 사이즈 추천좀").groups() == ("180", "75")
    assert BODY_PAIR.search("175에 32 입으면 돼요?") is None  # (a waist in inches)
    reply = _ask(shops["jogunshop"], "180 75 숏패딩 사이즈 추천좀").reply
    assert "L 사이즈를 추천" in reply, reply


# -- a trouble that names no order -------------------------------------------------------------------------------------
def test_a_trouble_naming_no_order_is_handed_on_without_asking_for_one(shops) -> None:  # noqa: ANN001
    monday = asker(datetime(2027, 8, 2, 7, 10))
    for message in ("주말 동안 문의 남겼는데 답이 없네요", "상담 연결이 왜 이렇게 안돼요"):
        r = monday(shops["jogunshop"], message)
        assert r.handoff and "답변이 늦어져" in r.reply and "주문" not in r.reply, (message, r.reply)
    # (a trouble of an order still asks for its number)
    assert "주문번호" in monday(shops["jogunshop"], "결제는 됐는데 주문내역이 없어요").reply


# -- small talk with the bot -------------------------------------------------------------------------------------------
def test_a_turn_about_the_one_it_is_written_to_is_small_talk_with_the_bot(shops) -> None:  # noqa: ANN001
    from agent.turn_analysis import analyse_turn, talk_to_the_bot

    assert talk_to_the_bot(analyse_turn("너도 월요병 있냐")) and talk_to_the_bot(analyse_turn("넌 주말에 뭐했어?"))
    assert not talk_to_the_bot(analyse_turn("너네 반품 어떻게 해?"))  # (a rule asked)
    for shop, message in (("electronics", "너도 월요병 있냐"), ("jogunshop", "넌 주말에 뭐했어?")):
        r = _ask(shops[shop], message)
        assert r.route == "general" and "상담 챗봇" in r.reply and "판매하지" not in r.reply, (message, r.reply)
    # (what it is, asked: said plainly; whether it is a person: no)
    assert _ask(shops["jogunshop"], "넌 누구야").reply.startswith("저는 조군샵의 자동 상담봇이에요")
    r = _ask(shops["jogunshop"], "너 사람이야?")
    assert r.reply.startswith("아니요, 저는 조군샵의 자동 상담봇") and not r.handoff, r.reply


def test_a_remark_that_meets_a_rule_only_by_its_words_of_the_time_is_answered_in_kind(shops) -> None:  # noqa: ANN001
    for shop in ("grocery", "jogunshop"):
        reply = _ask(shops[shop], "월요일 아침부터 고생이 많으세요").reply
        assert reply.startswith("말씀 감사해요") and "배송" not in reply.split("!")[0], reply


# -- which is warmer, when neither description says --------------------------------------------------------------------
def test_warmth_said_by_neither_description_gives_the_share_of_the_fibre_both_are_made_of(
        shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "울코트랑 발마칸 코트 중에 뭐가 더 따뜻해요?").reply
    assert "그 점이 따로 나와 있지 않아요" in reply and "겉감 울 함량은 싱글 울 코트 70%, 발마칸 코트 60%" in reply, reply
    # (one description saying it still decides, and no share is added)
    reply = _ask(shops["jogunshop"], "숏패딩이랑 롱패딩 뭐가 더 따뜻해요?").reply
    assert "덕다운 롱패딩이에요" in reply and "함량은" not in reply, reply


# -- a region typed in its initials ------------------------------------------------------------------------------------
def test_a_region_typed_in_its_initial_consonants_is_that_region_in_a_delivery_turn(shops) -> None:  # noqa: ANN001
    from core.knowledge.delivery_rules import initialled_region

    policy = shops["jogunshop"].knowledge_provider().delivery_policy()
    assert initialled_region(policy, "ㅈㅈ도 배송비 얼마") == "제주" and initialled_region(policy, "ㅇㄹㄷ 배송돼요?") == "도서산간"
    assert initialled_region(policy, "ㅇㅈ 배송비") is None and initialled_region(policy, "ㅈㅈ 3만원") is None
    reply = _ask(shops["grocery"], "ㅈㅈ도 3만원 주문하면 배송비?").reply
    assert "7,000원" in reply, reply


# -- an option value asked of, never an unsold thing; a kind named by a word of its category ---------------------------
def test_a_value_the_catalogue_sells_asked_beside_a_product_is_no_unsold_thing(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "더비슈즈 브라운도 팔아요?").reply
    assert "판매하지 않" not in reply and "다크브라운" in reply, reply


def test_a_kind_named_by_a_word_of_its_category_asks_nothing_of_its_own(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "브라운 바지 있어요?").reply
    assert "소재" not in reply and "남아 있어요" in reply, reply


# -- a problem told in English -----------------------------------------------------------------------------------------
def test_a_problem_told_in_english_says_the_rule_in_english_before_its_korean_source(shops) -> None:  # noqa: ANN001
    r = _ask(shops["electronics"], "keyboard arrived with a broken key")
    assert r.handoff and "Defective or wrong items: within 14 days." in r.reply, r.reply
    assert r.reply.index("within 14 days") < r.reply.index("Our policy (in Korean)"), r.reply


# -- when a product asked of just before comes -------------------------------------------------------------------------
def test_when_it_comes_asked_after_a_product_with_its_own_delivery_rule_is_that_rule(shops) -> None:  # noqa: ANN001
    history = [{"role": "user", "text": "TV 65인치 있어요?"}, {"role": "assistant", "text": "4K 스마트 TV 65인치는 재고 2개 있어요."}]
    for message in ("언제 받을 수 있어요?", "배송은 얼마나 걸려요?"):
        reply = _ask(shops["electronics"], message, history).reply
        assert "결제 후 3~7일" in reply and "당일 출고" not in reply, (message, reply)
    # (a product with no rule of its own keeps the standard parcel's)
    history = [{"role": "user", "text": "키보드 있어요?"}, {"role": "assistant", "text": "텐키리스 기계식 키보드는 재고 있어요."}]
    assert "출고" in _ask(shops["electronics"], "언제 받을 수 있어요?", history).reply


# -- a kind listed in an English question's shop sentence --------------------------------------------------------------
def test_an_english_question_whether_a_product_is_among_the_kinds_a_shop_sentence_lists_is_answered_first(
        shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "is ur toner vegan?").reply
    assert reply.startswith("Yes: 어성초 진정 토너") and "(토너·크림·선크림)" in reply, reply
    reply = _ask(shops["cosmetics"], "is the tint vegan?").reply
    assert "is not one of the kinds" in reply and not reply.startswith(("Yes", "No")), reply


# -- a person ruled out by 말고 ------------------------------------------------------------------------------------------
def test_a_person_ruled_out_by_malgo_leaves_the_question_after_it(shops) -> None:  # noqa: ANN001
    r = _ask(shops["jogunshop"], "상담원 연결 말고 그냥 반품 방법만 알려주세요")
    assert not r.handoff and not r.ask_back and "마이페이지" in r.reply, r.reply


# -- a region the service refuses ------------------------------------------------------------------------------------
def test_a_service_asked_of_in_a_region_its_rule_refuses_is_answered_no_first(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "제주도 새벽배송 돼요?").reply
    assert reply.startswith("아니요, 제주·도서산간은 새벽배송이 되지 않습니다.") and "배송비와 같습니다" in reply, reply
    reply = _ask(shops["grocery"], "울릉도도 새벽배송 돼요?").reply
    assert reply.startswith("아니요, 울릉도는 도서산간 지역이에요.") and reply.count("아니요") == 1, reply
    assert "아니요" not in _ask(shops["grocery"], "서울 새벽배송 돼요?").reply


def test_a_clause_ended_in_a_connective_is_said_as_a_statement_of_its_own() -> None:
    from core.language.korean_text import declarative_form

    assert [declarative_form(s) for s in ("같", "크", "가능하", "알", "없")] == ["같습니다", "큽니다", "가능합니다",
                                                                              "압니다", "없습니다"]
