"""Korean complaint cues from morphemes: lemmas, parts of speech and negation."""

from __future__ import annotations

import pytest

from core.voc.sentiment import cues, is_negative


@pytest.mark.parametrize("text", [
    "불량이에요 환불해주세요", "아직도 안 와요", "배송이 너무 느려요", "배송이 느렸는데요", "짜증나네요 진짜", "실망했어요",
    "최악입니다", "화가 나요", "화나요", "주문한 지 일주일인데 아직 안 왔어요", "못 받았어요", "좋지 않아요", "안 좋아요",
    "답답하네요", "어이가 없네요", "사이즈가 안 맞아요", "작동이 안 돼요", "마음에 안 들어요", "만족스럽지 않아요",
    "왜 이렇게 늦어요", "정말 황당하네요", "별로예요", "불편해요",
])
def test_complaints_are_negative(text: str) -> None:
    assert is_negative(text), text


@pytest.mark.parametrize("text", [
    "린넨셔츠 L 재고 있나요?", "배송비 얼마예요?", "언제 와요?", "반품하고 싶어요", "교환 되나요", "괜찮아요 감사합니다",
    "불량은 아니에요", "느리지 않아요", "문제 없어요", "오늘 주문하면 언제 와요?", "안녕하세요", "감사합니다 좋네요", "",
])
def test_questions_and_cancelled_cues_are_not(text: str) -> None:
    assert not is_negative(text), (text, cues(text))


def test_cues_name_what_was_found() -> None:
    assert cues("아직도 안 와요") == ["아직도", "안 오"]
    assert cues("배송이 느렸는데 불량이네요") == ["느리", "불량"]
