"""One VOC record per answered customer turn, and the redaction that keeps text at rest harmless.

A record says when, which route (category1), which topic the agent used (category2: stock, price,
size, fee, dispatch, status, returns, exchange, defects, … or `other`), which product group or
policy section when known (category3), whether the customer sounded negative, and whether the
turn was handed off or answered by the fallback. The only text kept is a short excerpt with phone
numbers, e-mail addresses, street addresses, names before 님, order numbers and card-like numbers
masked: enough for a person to recognise a complaint, not enough to identify the customer.

`TurnRecord` is also the schema of the JSONL lines the CLI reads (`{"at", "category1",
"category2", "negative"}` required, other fields optional), so it is a pydantic model.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StrictBool, field_validator

EXCERPT_CHARS = 80  # a recognisable sentence, not a conversation
CATEGORY_CHARS = 40
SUBJECT_CHARS = 80

Category = Annotated[str, Field(min_length=1, max_length=CATEGORY_CHARS)]


class TurnRecord(BaseModel):
    """One answered turn, as stored in the table and as read from a JSONL line."""

    model_config = ConfigDict(extra="ignore", frozen=True, str_strip_whitespace=True)

    at: AwareDatetime
    category1: Category
    category2: Category
    category3: str | None = Field(default=None, max_length=SUBJECT_CHARS)
    negative: StrictBool
    handoff: StrictBool = False
    fallback: StrictBool = False
    excerpt: str = Field(default="", max_length=4 * EXCERPT_CHARS)
    turn_id: str = Field(default="", max_length=80)

    @field_validator("category1", "category2")
    @classmethod
    def _no_slash(cls, value: str) -> str:
        if "/" in value:  # the report names a category "category1/category2"
            raise ValueError("must not contain '/'")
        return value

    @property
    def category(self) -> str:
        return f"{self.category1}/{self.category2}"

    @property
    def at_utc(self) -> str:
        """`at` in UTC, ISO 8601 with milliseconds and `Z`: sortable as a string (the table's sort key)."""
        return self.at.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + \
            f"{self.at.microsecond // 1000:03d}Z"


def turn_record(*, turn_id: str, text: str, route: str, topic: str | None, subject: str | None,
                negative: bool | None, handoff: bool, fallback: bool, at: datetime | None = None) -> TurnRecord:
    """The record of one answered turn; `negative` None means "ask the cue detector about `text`"."""
    if negative is None:
        from core.voc.sentiment import is_negative

        negative = is_negative(text)
    return TurnRecord(
        at=at or datetime.now(timezone.utc), category1=_category(route, "general"), category2=_category(topic, "other"),
        category3=(subject or None) and subject[:SUBJECT_CHARS], negative=bool(negative), handoff=handoff,
        fallback=fallback, excerpt=redact(text), turn_id=turn_id)


def _category(value: str | None, default: str) -> str:
    clean = (value or "").strip().replace("/", "-")[:CATEGORY_CHARS]
    return clean or default


# --- redaction ---------------------------------------------------------------------------------

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# 13-19 digits in groups (cards); checked before phone and order numbers, which are shorter
_CARD = re.compile(r"(?<![\d-])\d{4}(?:[ -]?\d{2,6}){2,4}(?![\d-])")
_ORDER_KEYWORD = re.compile(r"((?:주문|송장|운송장|결제|예약)\s*번호\s*(?:는|은|가|이)?\s*[:：]?\s*)[A-Za-z0-9][A-Za-z0-9-]{3,}")
_ORDER_NO = re.compile(r"(?<!\d)\d{8}\s?-\s?\d{4,6}(?!\d)")
_PHONE = re.compile(r"(?<![\d-])(?:\+?82[-.\s]?)?0?1[016789][-.\s]?\d{3,4}[-.\s]?\d{4}(?![\d-])"
                    r"|(?<![\d-])0\d{1,2}[-.\s)]\d{3,4}[-.\s]\d{4}(?![\d-])")
_LONG_DIGITS = re.compile(r"(?<!\d)\d{9,}(?!\d)")  # account numbers and anything else that identifies
_REGIONS = ("서울|부산|대구|인천|광주|대전|울산|세종|경기|강원|충북|충남|충청북|충청남|전북|전남|전라북|전라남|경북|경남|"
            "경상북|경상남|제주")
_ADDRESS = re.compile(
    r"(?:(?:" + _REGIONS + r")[가-힣]{0,5}\s+)?(?:[가-힣]{1,8}(?:시|군|구)\s+){0,3}"  # 서울특별시 강남구
    r"(?:[가-힣0-9]{1,12}(?:대로|로|길)\s?\d{1,5}(?:-\d{1,5})?(?![\d]|\s*(?:개|벌|원|일|시|분|장|켤레|번|명|%|cm|kg))"  # 테헤란로 123
    r"|[가-힣]{1,8}(?:동|리|가)\s?\d{1,5}-\d{1,5}(?:\s?번지)?"  # 역삼동 123-45
    r"|[가-힣]{1,8}(?:동|리|가)\s?\d{1,5}\s?번지)"
    r"(?:\s*,?\s*[가-힣A-Za-z0-9]{0,12}(?:아파트|빌라|오피스텔|타워|빌딩|맨션))?"
    r"(?:\s*,?\s*\d{1,4}\s?동)?(?:\s*\d{1,5}\s?호)?")
_REGION_DISTRICT = re.compile(r"(?:" + _REGIONS + r")[가-힣]{0,5}\s+[가-힣]{1,8}(?:시|군|구)(?:\s+[가-힣]{1,8}(?:구|읍|면|동))?")
_UNIT = re.compile(r"(?<!\d)\d{1,4}\s?동\s?\d{1,5}\s?호")
# Titles and kinship words that take 님 but are not names ("고객님", "기사님", "어머님")
_NOT_NAMES = frozenset("""고객 회원 기사 택배기사 배송기사 상담원 상담사 매니저 사장 직원 담당자 담당 관리자 선생 어머 아버 어머니 아버지 부모
    형 누 언니 오빠 누나 형님 손 판매자 셀러 작가 운영자 대표 팀장 실장 과장 부장 주인 점장 사모 선배 교수 의사 간호사 고객센터 여러분 구매자
    주문자 받는분 보내는분 수령인 수취인 택배 센터 본사 관계자 사장님 하느 하나 임""".split())
_NAME_BEFORE_NIM = re.compile(r"(?<![가-힣])([가-힣]{2,4})(\s?)님")
_NAME_AFTER_LABEL = re.compile(r"((?:이름|성함|수령인|수취인|받는\s?분|주문자)\s*(?:은|는|이|가|:|：)?\s*)[가-힣]{2,4}(?![가-힣])")
_SPACES = re.compile(r"\s+")
_MASK_RUN = re.compile(r"\[주소\](?:[\s,]*\[주소\])+")


def _name(match: re.Match[str]) -> str:
    word = match.group(1)
    return match.group(0) if word in _NOT_NAMES else f"[이름]{match.group(2)}님"


def redact(text: str, limit: int = EXCERPT_CHARS) -> str:
    """A short excerpt of `text` with personal data masked; masking runs on the whole text before cutting,
    so a number split by the cut is never half-kept."""
    clean = _SPACES.sub(" ", text or "").strip()
    clean = _EMAIL.sub("[이메일]", clean)
    clean = _ORDER_KEYWORD.sub(lambda m: f"{m.group(1)}[주문번호]", clean)
    clean = _ORDER_NO.sub("[주문번호]", clean)
    clean = _CARD.sub(lambda m: "[카드번호]" if sum(c.isdigit() for c in m.group(0)) >= 13 else m.group(0), clean)
    clean = _PHONE.sub("[전화번호]", clean)
    clean = _ADDRESS.sub("[주소]", clean)
    clean = _REGION_DISTRICT.sub("[주소]", clean)
    clean = _UNIT.sub("[주소]", clean)
    clean = _MASK_RUN.sub("[주소]", clean)
    clean = _LONG_DIGITS.sub("[번호]", clean)
    clean = _NAME_BEFORE_NIM.sub(_name, clean)
    clean = _NAME_AFTER_LABEL.sub(lambda m: f"{m.group(1)}[이름]", clean)
    if len(clean) > limit:
        cut = clean[:limit - 1]
        if "[" in cut[-8:] and "]" not in cut[cut.rfind("["):]:  # never leave half a mask
            cut = cut[:cut.rfind("[")]
        clean = cut.rstrip() + "…"
    return clean
