"""Personal data in free text (phones, e-mails, card and order numbers, addresses, names): found once, masked
with the caller's placeholders.

Two places mask customer text: log records (`core.observability.redact`, `<phone>`) and VOC excerpts
(`core.voc.records.redact`, `[전화번호]`). Both use `mask` with their own labels, so a pattern fixed here is
fixed in both. Pure `re`, so the webhook path can import it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

KINDS = ("email", "order", "card", "phone", "address", "number", "name")


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


def _name(match: re.Match[str]) -> str:
    word = match.group(1)
    return match.group(0) if word in _NOT_NAMES else f"[이름]{match.group(2)}님"


def mask(text: str, labels: Mapping[str, str]) -> str:
    """`text` (whitespace collapsed) with every kind of personal data replaced by `labels[kind]`."""
    address = labels["address"]
    clean = _SPACES.sub(" ", text or "").strip()
    clean = _EMAIL.sub(labels["email"], clean)
    clean = _ORDER_KEYWORD.sub(lambda m: f"{m.group(1)}{labels['order']}", clean)
    clean = _ORDER_NO.sub(labels["order"], clean)
    clean = _CARD.sub(lambda m: labels["card"] if sum(c.isdigit() for c in m.group(0)) >= 13 else m.group(0), clean)
    clean = _PHONE.sub(labels["phone"], clean)
    clean = _ADDRESS.sub(address, clean)
    clean = _REGION_DISTRICT.sub(address, clean)
    clean = _UNIT.sub(address, clean)
    clean = re.sub(re.escape(address) + r"(?:[\s,]*" + re.escape(address) + ")+", address, clean)
    clean = _LONG_DIGITS.sub(labels["number"], clean)
    clean = _NAME_BEFORE_NIM.sub(lambda m: m.group(0) if m.group(1) in _NOT_NAMES else f"{labels['name']}{m.group(2)}님",
                                 clean)
    return _NAME_AFTER_LABEL.sub(lambda m: f"{m.group(1)}{labels['name']}", clean)
