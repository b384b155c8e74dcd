"""VOC records: the JSONL/table schema, and excerpts with personal data masked."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from pydantic import ValidationError

from core.voc.records import EXCERPT_CHARS, TurnRecord, redact, turn_record


@pytest.mark.parametrize(("text", "kept", "gone"), [
    ("010-1234-5678로 연락주세요", "[전화번호]로 연락주세요", "1234"),
    ("번호 01012345678 이에요", "[전화번호]", "5678"),
    ("+82 10 1234 5678 로 문자 주세요", "[전화번호]", "1234"),
    ("매장 02-123-4567 맞나요", "[전화번호]", "4567"),
    ("test.user+1@gmail.com 으로 보내주세요", "[이메일] 으로", "gmail"),
    ("서울시 강남구 테헤란로 123 101동 202호로 보내주세요", "[주소]로 보내주세요", "테헤란로"),
    ("주소는 경기도 성남시 분당구 정자동 178-1 입니다", "주소는 [주소] 입니다", "178-1"),
    ("부산 해운대구 우동 123번지", "[주소]", "해운대"),
    ("홍길동님 주문 건 확인 부탁드려요", "[이름]님 주문 건", "홍길동"),
    ("김민수 님께 보내주세요", "[이름] 님께", "김민수"),
    ("성함은 이영희 입니다", "성함은 [이름]", "이영희"),
    ("주문번호 20261105-0012 배송 언제 와요?", "주문번호 [주문번호] 배송", "0012"),
    ("주문번호는 A12345678 입니다", "[주문번호]", "A123"),
    ("20261105-0012 주문 취소요", "[주문번호] 주문 취소요", "20261105"),
    ("카드 1234-5678-9012-3456 으로 결제했는데", "카드 [카드번호] 으로", "9012"),
    ("4111 1111 1111 1111 결제 오류", "[카드번호] 결제 오류", "1111"),
    ("계좌 110123456789 로 환불해주세요", "[번호] 로 환불", "110123"),
])
def test_personal_data_is_masked(text: str, kept: str, gone: str) -> None:
    out = redact(text)
    assert kept in out and gone not in out, out


@pytest.mark.parametrize("text", [
    "고객님 감사합니다", "택배기사님이 안 오셨어요", "어머님 선물이에요", "택배로 3개 보내주세요", "사이즈로 2개 주문했어요",
    "린넨셔츠 L 재고 있나요?", "제주 배송비 얼마예요", "5만원 이상 무료배송인가요", "11월 20일 오후 3시 주문",
])
def test_ordinary_shop_talk_is_kept(text: str) -> None:
    assert redact(text) == text


def test_excerpt_is_short_and_never_cuts_a_mask_in_half() -> None:
    text = "가" * (EXCERPT_CHARS - 6) + " 010-1234-5678 " + "나" * 50
    out = redact(text)
    assert len(out) <= EXCERPT_CHARS and out.endswith("…")
    assert "010" not in out and "[전화" not in out.replace("[전화번호]", "")
    assert redact("  여러 줄\n\n  메시지  ") == "여러 줄 메시지"


def test_jsonl_record_schema() -> None:
    record = TurnRecord.model_validate({"at": "2026-11-24T10:00:00+09:00", "category1": "product",
                                        "category2": "stock", "negative": True, "unknown": "ignored"})
    assert record.category == "product/stock" and record.category3 is None and not record.handoff
    assert record.at_utc == "2026-11-24T01:00:00.000Z"
    for bad in ({"at": "2026-11-24T10:00:00", "category1": "p", "category2": "s", "negative": True},  # no offset
                {"at": "2026-11-24T10:00:00Z", "category1": "p", "category2": "s", "negative": "yes"},
                {"at": "2026-11-24T10:00:00Z", "category1": "a/b", "category2": "s", "negative": False},
                {"at": "2026-11-24T10:00:00Z", "category1": "", "category2": "s", "negative": False},
                {"at": "2026-11-24T10:00:00Z", "category2": "s", "negative": False}):
        with pytest.raises(ValidationError):
            TurnRecord.model_validate(bad)


def test_turn_record_defaults_and_cue_detector() -> None:
    at = datetime(2026, 11, 24, 1, 0, tzinfo=timezone.utc)
    record = turn_record(turn_id="abc-v1", text="아직도 안 와요 010-1111-2222", route="delivery", topic=None,
                         subject=None, negative=None, handoff=False, fallback=False, at=at)
    assert (record.category1, record.category2, record.negative) == ("delivery", "other", True)
    assert record.excerpt == "아직도 안 와요 [전화번호]"
    labelled = turn_record(turn_id="x", text="불량이에요", route="general", topic="defects", subject="P001",
                           negative=False, handoff=True, fallback=False, at=at)
    assert labelled.negative is False and labelled.category == "general/defects" and labelled.category3 == "P001"
