"""Offline agent, thirty-eighth round: a third question that shares a rule with the second, an option change of an
order told only by its state, a set called by its kind's word, the price of the option a message names, a follow-up
that names one of several alike products by the kind just asked, a short follow-up whose words are the last rule's own,
and whether the shop's people answer now or on a weekend.

Each test pins one mechanism, not one sentence: "반품 기간이랑 환불은 언제 돼요? 적립금은 돌려받아요?" answers the return
window, the refund's days and the points restored; "상품준비중인데 사이즈 L로 변경 가능해요?" is a change a person makes
(never the address rule); "키트엔 클렌징오일 들어있는거죠? 그럼 키트 3개" says the kit holds it and what three kits
cost; "그거 블랙 L 얼마에요" names 블랙 L beside the price.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from core.language.korean_text import strip_particles
from turn_asking import asker, chat

TUESDAY = datetime(2027, 2, 2, 11, 0)
_ask = asker(TUESDAY)
ROOT = Path(__file__).resolve().parents[2]


# -- several questions of the shop's rules in one message ------------------------------------------------------------
def test_three_rule_questions_each_get_their_clause(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "반품 기간이랑 환불은 언제 돼요? 적립금은 돌려받아요?").reply
    assert "7일" in reply and "3~7영업일" in reply and "복원" in reply, reply


def test_whether_used_coupons_come_back_is_a_question_of_the_rule_not_a_request(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "쿠폰도 돌려줘요?")
    assert "복원" in result.reply and not result.handoff, result.reply
    result = _ask(shops["jogunshop"], "교환 기간이랑 배송비는 누가 내요? 쿠폰도 돌려줘요?")
    assert "7일" in result.reply and "6,000원" in result.reply and not result.handoff, result.reply


# -- an order's option, told by its state ----------------------------------------------------------------------------
def test_an_option_change_of_an_order_told_by_its_state_goes_to_a_person(shops) -> None:  # noqa: ANN001
    for message in ("상품준비중인데 사이즈 L로 변경 가능해요?", "주문한거 아직 결제완료던데 색상 블랙으로 바꿀수있나요"):
        result = _ask(shops["jogunshop"], message)
        assert result.route == "general" and result.handoff, (message, result.reply)
        assert "옵션 변경" in result.reply and "배송지" not in result.reply, (message, result.reply)


def test_an_order_state_is_never_goods_the_shop_does_not_sell(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "상품준비중인 상품 있어요?").reply
    assert "판매하지 않아요" not in reply, reply


# -- sets, options and follow-ups ------------------------------------------------------------------------------------
def test_a_set_called_by_its_kind_word_holds_the_product_named_and_is_counted(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "키트엔 클렌징오일 들어있는거죠?").reply
    assert "여행용 미니 키트 구성" in reply and "딥클린 클렌징 오일 20ml도 들어 있어요" in reply, reply
    reply = _ask(shops["cosmetics"], "클렌징오일 품절이던데 키트엔 들어있는거죠? 그럼 키트 3개").reply
    assert "들어 있어요" in reply and "36,000원" in reply, reply


def test_the_contracted_topic_particle_is_a_particle() -> None:
    assert strip_particles("키트엔") == "키트" and strip_particles("제주에는") == "제주"
    assert strip_particles("집엔") == "집엔"  # (엔 after an open syllable only)


def test_the_price_of_the_option_a_message_names_is_said_as_that_options(shops) -> None:  # noqa: ANN001
    history = chat("셔츠 추천해주세요", "셔츠 중에서는 옥스포드 셔츠 39,000원, 린넨 셔츠 45,000원 등이 있어요.",
                   "오버핏으로요", "오버핏 코튼 셔츠는 35,000원이에요.")
    reply = _ask(shops["jogunshop"], "그거 블랙 L 얼마에요", history).reply
    assert "오버핏 코튼 셔츠 L 블랙 가격은 35,000원" in reply, reply
    # a follow-up that names no option says the price alone (no option carried from before is named as asked)
    reply = _ask(shops["jogunshop"], "세일 언제까지에요?", chat("오버핏 코튼 셔츠 블랙 L 있어요?",
                                                          "오버핏 코튼 셔츠 L 블랙은 현재 30개 남아 있어요.")).reply
    assert "L 블랙 가격" not in reply, reply


def test_of_alike_names_the_one_of_the_kind_just_asked_is_meant(shops) -> None:  # noqa: ANN001
    history = chat("셔츠 추천해주세요", "셔츠 중에서는 옥스포드 셔츠 39,000원, 린넨 셔츠 45,000원 등이 있어요.")
    reply = _ask(shops["jogunshop"], "오버핏으로요", history).reply
    assert "오버핏 코튼 셔츠" in reply and "반팔 티셔츠" not in reply, reply


def test_a_short_follow_up_whose_words_are_the_last_rules_own_stays_on_it(shops) -> None:  # noqa: ANN001
    history = chat("환불은 언제 돼요?", "신용카드는 카드사 사정에 따라 승인 취소 후 3~7영업일 이내에 환불됩니다.")
    reply = _ask(shops["jogunshop"], "카드사에 물어봐야되나요", history).reply
    assert "3~7영업일" in reply and "무이자" not in reply, reply


# -- the shop's people -----------------------------------------------------------------------------------------------
def test_whether_staff_answer_now_is_kept_beside_the_contact_asked(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "고객센터 전화번호랑 지금 통화 되나요?").reply
    assert "070-8890-1234" in reply and "지금은 상담 시간이에요" in reply, reply


def test_whether_staff_reply_on_a_weekend_is_the_service_not_dispatch(shops) -> None:  # noqa: ANN001
    result = _ask(shops["jogunshop"], "주말에도 답장 해줘요?")
    assert result.route == "general" and "고객센터" in result.reply and "출고" not in result.reply, result.reply
    assert "따로 나와 있지 않아요" not in result.reply, result.reply


# -- the operator's listing of orders --------------------------------------------------------------------------------
def test_query_orders_lists_every_order_of_another_shop() -> None:
    out = subprocess.run([sys.executable, "-m", "core.ontology_manager", "query", "orders", "--source",
                          str(ROOT / "tests/data/shops/grocery.owl")], capture_output=True, text=True, cwd=ROOT,
                         check=True).stdout
    listed = json.loads(out)
    assert listed and all(o["number"].startswith("DN-") for o in listed), listed
    assert [o["ordered_at"] for o in listed] == sorted(o["ordered_at"] for o in listed)


# -- start reviewers' patterns (Thursday 2027-02-11 11:30) -----------------------------------------------------------
THURSDAY = datetime(2027, 2, 11, 11, 30)


def test_an_embedded_question_after_and_is_a_question_of_its_own(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "터틀넥 니트 블랙 S 재고랑 세탁법 알려주세요 그리고 교환 가능한지도", now=THURSDAY).reply
    assert "2개" in reply and "드라이클리닝" in reply and "1회 교환" in reply, reply


def test_a_later_rule_question_stands_alone_unless_it_is_a_case_of_the_earlier(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "반품 기간 언제 돼요? 환불은 언제 돼요?").reply
    assert "7일" in reply and "3~7영업일" in reply, reply
    # a case of the earlier rule ("… 받으면") leans on it
    reply = _ask(shops["grocery"], "카드 환불은 며칠 걸려요? 적립금으로 받으면 바로 돼요?").reply
    assert "3~5영업일" in reply and "적립금으로 즉시 환불" in reply, reply
    # a fee asked after a return leans on the return
    reply = _ask(shops["grocery"], "김 안뜯었으면 반품 되죠? 배송비는 얼마에요?").reply
    assert "6,000원" in reply and "40,000원 이상" not in reply, reply


def test_a_product_named_by_a_word_of_its_name_replaces_the_one_quoted_before(shops) -> None:  # noqa: ANN001
    history = chat("반팔티 화이트 XL로 2장 사려는데 재고 되나요",
                   "베이직 반팔 티셔츠 XL 화이트는 현재 품절이에요. 헤비코튼 오버핏 반팔 티셔츠 XL 화이트는 현재 36개 남아 있어요. "
                   "가격은 25,000원이에요.")
    reply = _ask(shops["jogunshop"], "헤비코튼 XL 화이트 2장이면 배송비포함 얼마에요", history, now=THURSDAY).reply
    assert "50,000원" in reply and "베이직" not in reply, reply


def test_a_time_said_to_be_over_names_no_day_to_order_on(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "설연휴 끝났는데 배송 정상적으로 되나요?", now=THURSDAY).reply
    assert "2월 11일(목)에 출고" in reply and "확인하기 어려워서" not in reply and "크리스마스" not in reply, reply


def test_an_english_material_no_product_of_the_kind_has_is_said_so(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "do you have a cashmere sweater?", now=THURSDAY).reply
    assert reply.startswith("We have no cashmere"), reply
    reply = _ask(shops["jogunshop"], "do you have a wool sweater?", now=THURSDAY).reply
    assert "We have no" not in reply, reply


def test_option_combinations_bought_one_each_are_totalled(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "옥스포드셔츠 화이트L 스카이블루XL 각각 1장씩 사면 얼마고 오늘 출고돼요? 제주임",
                 now=THURSDAY).reply
    assert "모두 합계" in reply and "출고" in reply and "제주" in reply, reply


def test_a_price_range_with_options_counts_each_product_in_them(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "5만원 이하 니트 중에 M 블랙 재고 있는거", now=THURSDAY).reply
    assert "M 블랙 재고가 있는 니트" in reply and "(28개)" in reply, reply


# -- blind48 judges' summaries (phrasings of my own) ------------------------------------------------------------------
BLIND48_MOMENT = datetime(2027, 2, 16, 10, 20)


def test_an_order_planned_for_a_part_of_the_day_gets_that_estimate_in_the_customers_words(shops) -> None:  # noqa: ANN001
    history = chat("지금 주문하면 언제 와요?", "지금 주문하시면 2월 16일(화)에 출고되어 2월 17일(수)~2월 19일(금) 사이에 받아보실 수 있어요.")
    result = _ask(shops["jogunshop"], "결제를 저녁에 할거같은데 그럼요?", history, now=BLIND48_MOMENT)
    assert result.route == "delivery" and "저녁에 주문하시면 2월 17일(수)에 출고" in result.reply, result.reply
    assert "21시" not in result.reply, result.reply  # (never an hour the customer did not say)
    result = _ask(shops["grocery"], "점심 지나서 결제하면요?", history, now=BLIND48_MOMENT)
    assert result.route == "delivery" and "점심 지나서 주문하시면 2월 17일(수)에 출고" in result.reply, result.reply


def test_the_way_paid_gets_its_own_refund_period_first(shops) -> None:  # noqa: ANN001
    history = chat("환불 언제 돼요?", "신용카드는 카드사 사정에 따라 승인 취소 후 3~7영업일, 무통장입금은 환불 계좌로 1영업일 이내, "
                                    "카카오페이·네이버페이·토스페이는 1~3영업일 이내에 환불됩니다.")
    reply = _ask(shops["jogunshop"], "토스페이로 했어요", history, now=BLIND48_MOMENT).reply
    assert reply.startswith("토스페이로 결제하셨다면 1~3영업일 이내에 환불돼요."), reply
    # a pay brand the rule does not name is an easy payment (간편결제)
    reply = _ask(shops["grocery"], "토스페이로 결제했는데 환불 며칠 걸려요?", now=BLIND48_MOMENT).reply
    assert reply.startswith("토스페이로 결제하셨다면 1~3영업일 이내에 환불돼요."), reply


def test_a_region_said_beside_a_basket_total_adds_its_fee(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "토너 150이랑 비타씨세럼 30 같이 사면 얼마에요? 울릉도에요", now=THURSDAY).reply
    assert "43,000원" in reply and "5,000원" in reply and "48,000원" in reply, reply
    reply = _ask(shops["electronics"], "공기청정기랑 필터 2개 같이 사면 얼마? 제주도", now=THURSDAY).reply
    assert "367,000원" in reply and "372,000원" in reply, reply


def test_the_worth_suffix_is_no_part_of_a_name(shops) -> None:  # noqa: ANN001
    result = _ask(shops["grocery"], "김 10봉짜리 5개", now=THURSDAY)
    assert result.route == "product" and "44,500원" in result.reply, result.reply


def test_a_product_bought_after_a_rule_question_is_the_rules_case(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["cosmetics"], "샘플 주나요? 선크림 하나만 사도 줘요?", now=THURSDAY).reply
    assert "19,800원" in reply and "못 미쳐요" in reply and "20,000원" in reply, reply


def test_the_option_fallen_back_on_is_counted(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "사과 5kg 없으면 3kg 두개 얼마", now=THURSDAY).reply
    assert "품절" in reply and "3kg 2개는 합계 49,800원" in reply, reply


# -- end reviewers' patterns (Wednesday 2027-02-17 16:40) ------------------------------------------------------------
WEDNESDAY = datetime(2027, 2, 17, 16, 40)


def test_what_about_another_rule_asks_the_earlier_question_of_it(shops) -> None:  # noqa: ANN001
    fee = chat("단순변심 반품 배송비 얼마에요?", "단순 변심 반품은 왕복 배송비 6,000원을 고객님이 부담합니다.")
    reply = _ask(shops["jogunshop"], "교환은요?", fee, now=WEDNESDAY).reply
    assert "교환" in reply and "6,000원" in reply and "품절이면" not in reply, reply
    period = chat("반품 기간 며칠이에요?", "상품 수령일로부터 7일 이내에 반품을 신청할 수 있습니다.")
    reply = _ask(shops["jogunshop"], "교환은요?", period, now=WEDNESDAY).reply
    assert "7일 이내" in reply and "교환" in reply and "품절이면" not in reply, reply


def test_the_ones_of_the_kind_just_listed_in_an_option(shops) -> None:  # noqa: ANN001
    history = chat("가방 뭐 있어요?", "가방 중에서는 캔버스 토트백 39,000원, 나일론 백팩 69,000원 등이 있어요.")
    reply = _ask(shops["jogunshop"], "블랙으로 살수있는것만 알려줘요", history, now=WEDNESDAY).reply
    assert "블랙 재고가 있는 가방" in reply and "(12개)" in reply, reply


def test_is_the_product_in_an_option_asks_its_stock_in_english(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["jogunshop"], "Is the oxford shirt in navy XL?", now=WEDNESDAY).reply
    assert "13" in reply and "navy" in reply and "39,000" in reply, reply


def test_a_stage_named_in_part_of_a_sentence_says_who_cancels(shops) -> None:  # noqa: ANN001
    # "결제완료 상태는 마이페이지에서 …, 상품준비중 상태는 채널톡으로 요청하시면 … 취소해 드립니다": staff, for 상품준비중
    result = _ask(shops["electronics"], "W2380447 취소해주세요", now=WEDNESDAY)
    assert result.handoff and "담당자" in result.reply, result.reply


def test_a_count_change_of_an_order_not_shipped_goes_to_a_person(shops) -> None:  # noqa: ANN001
    history = chat("W2380447 취소 가능해요?", "주문번호 W2380447은 현재 상품준비중 상태예요.")
    result = _ask(shops["electronics"], "취소말고 수량을 1개로 바꿀수 있어요?", history, now=WEDNESDAY)
    assert result.handoff and "주문 옵션 변경" in result.reply and "남겨 주세요" not in result.reply, result.reply


def test_an_after_sale_rule_naming_the_goods_is_no_delivery_section_of_theirs(shops) -> None:  # noqa: ANN001
    reply = _ask(shops["grocery"], "김 10봉짜리 3개랑 들기름 1병 사면 얼마에요? 오늘 주문하면 언제와요", now=WEDNESDAY).reply
    assert "45,600원" in reply and "2월 18일(목)에 출고" in reply and "반품" not in reply, reply
