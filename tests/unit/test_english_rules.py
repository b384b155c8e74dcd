"""English lines of a shop rule from its structured values (agent.english_rules): each value the quoted Korean
sentence states, in English; the sentences fully said are not quoted again in Korean."""

from __future__ import annotations

from agent.english_rules import english_lines


def test_values_the_sentence_states_are_said_in_english_and_cover_it() -> None:
    values = {"returnDays": 7, "returnFeeRoundTrip": 6000, "returnFeeOneWay": 3000, "remoteReturnExtra": 5000}
    lines, covered = english_lines(values, ["상품 수령 후 7일 이내, 단순 변심 반품은 왕복 6,000원입니다."])
    text = " ".join(lines)
    assert "within 7 days" in text and "6,000 KRW round trip" in text
    assert "5,000" not in text  # a value the sentence does not state answers nothing asked
    assert covered == [True]


def test_a_range_is_said_whole_and_in_business_days_when_the_shop_says_so() -> None:
    values = {"cardRefundDaysMin": 3, "cardRefundDaysMax": 7, "transferRefundDays": 1}
    lines, _ = english_lines(values, ["신용카드는 3~7영업일, 무통장입금은 1영업일 이내에 환불됩니다."])
    assert "3-7 business days" in lines[0] and "1 business day" in lines[0], lines


def test_one_end_of_a_range_alone_is_not_said() -> None:
    values = {"cardRefundDaysMin": 3, "cardRefundDaysMax": 5}
    lines, covered = english_lines(values, ["카드는 3영업일 정도 걸려요."])
    assert lines == [] and covered == [False]


def test_a_shops_own_key_is_read_from_its_name_and_unit() -> None:
    lines, _ = english_lines({"laptopWarrantyMonths": 24, "giftWrapFee": 2000},
                             ["노트북은 24개월 보증이며 선물 포장은 2,000원입니다."])
    assert "Laptop warranty: 24 months" in " ".join(lines) and "Gift wrap: 2,000 KRW" in " ".join(lines), lines


def test_an_exception_or_a_condition_english_did_not_say_stays_quoted() -> None:
    values = {"returnDays": 7}
    _, covered = english_lines(values, ["택을 제거한 상품은 7일 이내라도 반품이 불가합니다."])
    assert covered == [False]  # "불가": an exception is quoted
    _, covered = english_lines(values, ["수령 후 7일 이내에 채널톡 또는 마이페이지에서 신청해 주세요."])
    assert covered == [False]  # where to apply (chat, My Page) is more than the lines say


def test_hours_and_contact_are_said_as_spans_and_strings() -> None:
    values = {"openTime": "10:00", "closeTime": "17:00", "lunchStart": "12:00", "lunchEnd": "13:00",
              "closedDays": "토요일, 일요일, 공휴일", "telephone": "070-8890-1234"}
    lines, covered = english_lines(values, ["평일 10:00~17:00(점심 12:00~13:00), 토요일, 일요일, 공휴일 휴무, 전화 070-8890-1234"])
    text = " ".join(lines)
    assert "10:00-17:00" in text and "12:00-13:00" in text and "Saturday" in text and "070-8890-1234" in text, text


def test_no_value_no_line() -> None:
    assert english_lines({}, ["오프라인 매장은 없습니다."]) == ([], [False])
