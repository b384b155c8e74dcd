"""Periods: how long ago something happened for the customer, and the limits a shop rule states.

"받은지 8일 됐어요", "일주일 지났는데", "한 달 전에 샀어요" give an elapsed time; a rule quoted for it says
"수령일로부터 7일 이내", "3개월 이내". Comparing the two answers the question the customer actually has
(is it still possible for me?) instead of leaving them to do the arithmetic. Pure logic, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_UNIT_DAYS = {"일": 1, "영업일": 1, "주": 7, "주일": 7, "개월": 30, "달": 30, "년": 365}  # a business day counts as one
# Native Korean counts that come before a unit ("한 달", "두 달") and words that are a period on their own.
_NATIVE = {"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6}
_WHOLE = {"하루": 1, "이틀": 2, "사흘": 3, "나흘": 4, "닷새": 5, "보름": 15, "일주일": 7, "열흘": 10}
_ELAPSED = re.compile(r"(?:(\d{1,3})|(" + "|".join(_NATIVE) + r"))\s*(주일|개월|일|주|달|년)(?![가-힣]*요일)|(" + "|".join(_WHOLE) + ")")
_PASSED = re.compile(r"됐|되었|지났|지나|넘었|넘어|전에|전쯤|째|\bago\b|\bpassed\b|\bsince\b|\bafter\b|\bit'?s\s+been\b", re.I)
_LIMIT = re.compile(r"(\d{1,3})\s*(영업일|개월|일|주)\s*(이내|안에|까지|이전)")
_LENGTH = re.compile(r"(\d{1,3})\s*(영업일|개월|일|주)(?![가-힣]*\s*(?:제외|무료|이상))")
_EN_ELAPSED = re.compile(r"(\d{1,3})\s*(days?|weeks?|months?)\s*(ago|since|passed|later)?", re.I)


@dataclass(frozen=True)
class Period:
    days: int
    surface: str  # as written ("8일", "닷새", "7일")
    english: str = ""  # the same in English ("8 days"), when it can be said

    def said(self, lang: str) -> str:
        return self.english if lang == "en" and self.english else self.surface


_UNIT_EN = {"일": "day", "주": "week", "주일": "week", "개월": "month", "달": "month", "년": "year", "영업일": "business day"}


def _english(count: int, unit: str) -> str:
    word = _UNIT_EN.get(unit, "day")
    return f"{count} {word}" + ("" if count == 1 else "s")


def elapsed(text: str) -> Period | None:
    """How long ago the customer says something happened ("받은지 8일 됐어요" -> 8 days), or None.
    Only with a word of elapsed time (됐/지났/전에/째/ago), so "7일 이내인가요?" is no elapsed period."""
    if not _PASSED.search(text or ""):
        return None
    for m in _ELAPSED.finditer(text):
        if m.group(4):
            days = _WHOLE[m.group(4)]
            return Period(days, m.group(0), _english(days, "일"))
        count = int(m.group(1)) if m.group(1) else _NATIVE[m.group(2)]
        return Period(count * _UNIT_DAYS[m.group(3)], m.group(0).replace(" ", ""), _english(count, m.group(3)))
    for m in _EN_ELAPSED.finditer(text):
        unit = m.group(2).lower().rstrip("s")
        count = int(m.group(1))
        return Period(count * {"day": 1, "week": 7, "month": 30}[unit], m.group(0), _english(count, {"day": "일", "week": "주",
                                                                                                     "month": "개월"}[unit]))
    return None


_RECEIVED_ON = re.compile(r"(?<!\d)(\d{1,2})\s*월\s*(\d{1,2})\s*일\S{0,2}\s*(받|수령|도착|배송\s*완료)")


def names_received_date(text: str) -> bool:
    """The customer names the day they received it ("12월 5일에 받은"): a period a rule's limit is measured against."""
    return bool(_RECEIVED_ON.search(text or ""))


def elapsed_since(text: str, today: Any) -> Period | None:
    """How long ago the customer received something, from the date they name ("12월 5일에 받은 바지" on 12/14 -> 9
    days), or from an elapsed time they say (see `elapsed`); None when neither is said."""
    said = elapsed(text)
    if said is not None or today is None:
        return said
    m = _RECEIVED_ON.search(text or "")
    if not m:
        return None
    try:
        on = today.replace(month=int(m.group(1)), day=int(m.group(2)))
    except ValueError:
        return None
    if on > today:
        on = on.replace(year=on.year - 1)
    days = (today - on).days
    return Period(days, f"{days}일", _english(days, "일")) if days >= 0 else None


def limit_in(text: str) -> Period | None:
    """The first time limit a rule states ("7일 이내", "3개월 이내"), in calendar days (a business day counts
    as one: a shop that counts business days is asked, not guessed)."""
    if not _LIMIT.search(text or ""):
        return None
    # every length the rule names ("신용카드는 3~7영업일, 무통장입금은 1영업일, 간편결제는 1~3영업일 이내"): the longest,
    # so the customer is never told a limit has passed that a case of the rule still allows
    lengths = [(int(m.group(1)) * _UNIT_DAYS[m.group(2)], m.group(1), m.group(2)) for m in _LENGTH.finditer(text)]
    days, count, unit = max(lengths, key=lambda t: t[0])
    return Period(days, f"{count}{unit}", _english(int(count), unit))
