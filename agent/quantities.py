"""Find every number-like quantity in Korean text and reduce it to canonical keys.

Shared by the fact guard (a reply's quantities must all appear in the turn's facts) and entity
linking (order amounts, hours). Korean writes one value many ways — "39,000원", "3만 9천원",
"삼만 구천 원", "11/30", "11월 30일", "2026-11-30", "14시", "오후 2시", "14:00", "5%", "세 개" —
so each quantity becomes a set of keys, and two texts agree when the key sets intersect.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

Key = tuple  # ("n", value) | ("won", value) | ("pct", value) | ("d", month, day) | ("t", hour, minute) | ("id", text)

_SINO_DIGITS = {"영": 0, "공": 0, "일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9}
_SMALL_UNITS = {"십": 10, "백": 100, "천": 1000}
_BIG_UNITS = {"만": 10_000, "억": 100_000_000}
# "한" is left out on purpose: "한 번", "한 분" are idioms, not counts.
_NATIVE = {"두": 2, "둘": 2, "세": 3, "셋": 3, "석": 3, "네": 4, "넷": 4, "다섯": 5,
           "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10, "열한": 11, "열두": 12, "스무": 20, "스물": 20}
_COUNTERS = "개|벌|장|켤레|명|번|시간|달|주일|살|가지|박스|세트"
_AFTER_COUNTER = r"(?=[^가-힣]|$|이|을|의|에|까지|만|짜리|째|씩|정도|이내|는|도|요|입|남|으로|로|가|와|과|이요|밖에)"

_ID = re.compile(r"(?<![\d])\d{8}\s*-\s*\d{4}(?!\d)")
_ISO_DT = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::\d{2})?)?(?!\d)")
_YMD_KO = re.compile(r"(?:(\d{4})\s*년\s*)?(\d{1,2})\s*월\s*(\d{1,2})\s*일")
_MONTH_KO = re.compile(r"(?<!\d)(\d{1,2})\s*월(?!\s*\d)")
_SLASH_DATE = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})(?![\d/])")
_DOT_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.?(?=\s*\(|\s*까지|\s*부터|\s*$|\s)")
_CLOCK = re.compile(r"(?<!\d)(\d{1,2}):(\d{2})(?!\d)")
_HOUR_KO = re.compile(
    r"(오전|오후|저녁|밤|아침|새벽|낮)?\s*(\d{1,2}|열두|열한|한|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s*시(?!간|즌|리즈|착|트|적|각|작|면|즈|스)"
    r"(?:\s*(\d{1,2})\s*분|\s*(반))?")
PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|퍼센트|프로)")  # a rate written in figures
_MONEY_MIXED = re.compile(
    r"(?:(\d[\d,]*(?:\.\d+)?)\s*억\s*)?(?:(\d[\d,]*(?:\.\d+)?)\s*만\s*)?(?:(\d)\s*천\s*)?(?:(\d)\s*백\s*)?"
    r"(\d,\d{3}|\d{1,4})?"  # (the rest in figures: "3만7800원", "3만 7,800원", "3천500원")
    r"(?=\s*원|\s*이상|\s*이하|\s*미만|\s*초과)")
_SINO_MONEY = re.compile(r"(?<![가-힣])([영공일이삼사오육칠팔구십백천만억]+)\s*원")
_NATIVE_COUNT = re.compile(r"(?<![가-힣])(" + "|".join(sorted(_NATIVE, key=len, reverse=True)) + r")\s*(" + _COUNTERS + r")" + _AFTER_COUNTER)
# "한" counts only before a counter that is not an idiom ("한 번", "한 가지", "한 달"): "한 개 남았어요".
_ONE_COUNT = re.compile(r"(?<![가-힣])(한)\s*(개|벌|장|켤레|명|박스|세트|족|팩)" + _AFTER_COUNTER)
_ONE_LEFT = re.compile(r"(?<![가-힣])(하나)\s*(?=(만\s*)?(남|밖에|뿐|있|입니다|예요|이에요))")
_SINO_PERCENT = re.compile(r"(?<![가-힣])([일이삼사오육칠팔구십백]+)\s*(?:퍼센트|프로(?![가-힣]*(모|그|필|젝|듀|세스|틴|페)))")
# Shipping said to cost nothing ("배송비는 무료예요", "무료배송", "배송비 0원"): the amount 0원 for a fee.
_FREE_SHIPPING = re.compile(r"무료\s*배송|무료로\s*(배송|보내)|무배|(배송비|택배비|배송료|배송)\S{0,3}\s*(전액\s*)?무료|"
                            r"(배송비|택배비|배송료)\S{0,3}\s*0\s*원|(배송비|택배비|배송료)\S{0,3}\s*(없|안\s*(붙|들|받))")
FREE_SHIPPING: Key = ("free_shipping", 0)
_PLAIN = re.compile(r"(?<![A-Za-z\d.,])\d[\d,]*(?:\.\d+)?(?![\d])")
_SIZE_CODE = re.compile(r"\d+\s*(?:XL|XS|X|xl|xs)\b")


@dataclass(frozen=True)
class Quantity:
    """One quantity found in a text: its surface form and every canonical key it may mean."""

    text: str
    keys: frozenset[Key]
    start: int = 0
    end: int = 0


_FIGURE = re.compile(r"\d[\d,.]*")


def figures(text: str) -> set[str]:
    """The numbers written in a text, as written without their thousands commas ("6,000원 … 3~7일" -> 6000, 3, 7)."""
    return {m.group(0).replace(",", "").rstrip(".") for m in _FIGURE.finditer(text or "")}


def _num(raw: str) -> float | int | None:
    raw = raw.replace(",", "")
    try:
        value = float(raw)
    except ValueError:
        return None
    return int(value) if value.is_integer() else value


def parse_sino_korean(word: str) -> int | None:
    """'삼만구천' -> 39000, '만' -> 10000, '이천오백' -> 2500; None when not a numeral."""
    if not word or any(ch not in _SINO_DIGITS and ch not in _SMALL_UNITS and ch not in _BIG_UNITS for ch in word):
        return None
    total, section, digit = 0, 0, None
    for ch in word:
        if ch in _SINO_DIGITS:
            digit = _SINO_DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (1 if digit is None else digit) * _SMALL_UNITS[ch]
            digit = None
        else:
            section += digit or 0
            total += (section or 1) * _BIG_UNITS[ch]
            section, digit = 0, None
    return total + section + (digit or 0)


def parse_amount(text: str) -> int | None:
    """The first KRW amount in a text ('4만5천원', '45,000원', '5만원 이상', '삼만원'), else None."""
    s = unicodedata.normalize("NFKC", text or "")
    for q in sorted(extract(s), key=lambda q: q.start):
        after = s[q.end:q.end + 3].lstrip()
        money = after.startswith(("원", "이상", "이하", "미만", "초과", "어치")) or q.text.endswith(("만", "천"))
        values = [k[1] for k in q.keys if k[0] == "n" and isinstance(k[1], int)]
        if money and values and len([k for k in q.keys if k[0] not in ("won", "pct")]) == 1:
            return values[0]
    return None


def _hour_keys(prefix: str | None, hour: int, minute: int) -> set[Key]:
    if prefix in ("오후", "저녁", "밤") and hour < 12:
        return {("t", hour + 12, minute)}
    if prefix in ("오전", "아침", "새벽"):
        return {("t", hour % 12 if hour == 12 else hour, minute)}
    if prefix == "낮" and hour < 7:
        return {("t", hour + 12, minute)}
    keys = {("t", hour, minute)}
    if hour < 12:
        keys.add(("t", hour + 12, minute))
    return keys


def extract(text: str) -> list[Quantity]:
    """Every quantity in `text`, left to right by kind; matched spans are not re-read as plain numbers."""
    return list(_extract(text or ""))


@lru_cache(maxsize=4096)
def _extract(text: str) -> tuple[Quantity, ...]:
    """`extract`, remembered per text: the router, the grounders and the fact guard read the same pieces many times."""
    s = unicodedata.normalize("NFKC", text)
    found: list[Quantity] = []
    spans: list[tuple[int, int]] = []

    def taken(a: int, b: int) -> bool:
        return any(a < y and x < b for x, y in spans)

    def add(m: re.Match[str], keys: set[Key], group: int = 0) -> None:
        a, b = m.span(group)
        if keys and not taken(a, b):
            spans.append((a, b))
            if s[b:b + 2].lstrip().startswith("원"):  # typed too: "0원" is money, not the "0" of a stock count
                keys = keys | {("won", k[1]) for k in keys if k[0] == "n"}
            found.append(Quantity(m.group(group).strip(), frozenset(keys), a, b))

    for m in _ID.finditer(s):
        add(m, {("id", re.sub(r"\s", "", m.group(0)))})
    for m in _ISO_DT.finditer(s):
        _, mo, d, hh, mm = m.groups()
        keys: set[Key] = {("d", int(mo), int(d))}
        if hh is not None:
            keys.add(("t", int(hh), int(mm)))
        add(m, keys)
    for m in _YMD_KO.finditer(s):
        add(m, {("d", int(m.group(2)), int(m.group(3)))})
    for m in _SLASH_DATE.finditer(s):
        mo, d = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12 and 1 <= d <= 31:
            add(m, {("d", mo, d)})
    for m in _DOT_DATE.finditer(s):
        mo, d = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12 and 1 <= d <= 31:
            add(m, {("d", mo, d), ("n", _num(m.group(0).rstrip(".")))})
    for m in _CLOCK.finditer(s):
        hh, mm = int(m.group(1)), int(m.group(2))
        if hh <= 24 and mm < 60:
            add(m, _hour_keys(None, hh, mm) if hh <= 12 else {("t", hh, mm)})
    for m in _HOUR_KO.finditer(s):
        raw = m.group(2)
        hour = int(raw) if raw.isdigit() else _NATIVE.get(raw, 0)
        minute = int(m.group(3)) if m.group(3) else (30 if m.group(4) else 0)
        if 0 <= hour <= 24 and minute < 60:
            add(m, _hour_keys(m.group(1), hour, minute))
    for m in PERCENT.finditer(s):
        add(m, {("n", _num(m.group(1))), ("pct", _num(m.group(1)))})
    for m in _MONEY_MIXED.finditer(s):
        if not m.group(0).strip() or not any(m.groups()):
            continue
        eok, man, cheon, baek, rest = (_num(g) if g else 0 for g in m.groups())
        if rest and (not (eok or man or cheon or baek) or cheon and rest >= 1000 or baek and rest >= 100):
            continue  # (figures alone are read as a plain number; "3천 5000원" is no amount of this kind)
        value = (eok or 0) * 100_000_000 + (man or 0) * 10_000 + (cheon or 0) * 1000 + (baek or 0) * 100 + (rest or 0)
        if value and ("억" in m.group(0) or "만" in m.group(0) or "천" in m.group(0) or "백" in m.group(0)):
            add(m, {("n", int(value) if float(value).is_integer() else value)})
    for m in _SINO_MONEY.finditer(s):
        value = parse_sino_korean(m.group(1))
        if value is not None and (len(m.group(1)) >= 2 or m.group(1) in ("만", "천", "백")):
            add(m, {("n", value)}, 1)
    for m in _NATIVE_COUNT.finditer(s):
        add(m, {("n", _NATIVE[m.group(1)])}, 1)
    for pattern in (_ONE_COUNT, _ONE_LEFT):
        for m in pattern.finditer(s):
            add(m, {("n", 1)}, 1)
    for m in _SINO_PERCENT.finditer(s):
        value = parse_sino_korean(m.group(1))
        if value is not None and (len(m.group(1)) >= 2 or m.group(1) in ("십", "백")):
            add(m, {("n", value), ("pct", value)}, 1)
    for m in _SIZE_CODE.finditer(s):
        spans.append(m.span())  # "2XL" is a size label, checked as text, not as the number 2
    for m in _PLAIN.finditer(s):
        value = _num(m.group(0))
        if value is not None:
            add(m, {("n", value)})
    for m in _FREE_SHIPPING.finditer(s):
        if "0" in m.group(0):  # "배송비 0원": its 0원 was read above; the claim is also a free-shipping one
            found.append(Quantity(m.group(0).strip(), frozenset({FREE_SHIPPING}), m.start(), m.end()))
        else:
            add(m, {FREE_SHIPPING})
    return tuple(found)


def keys_of(text: str) -> set[Key]:
    """All canonical keys of all quantities in `text`, plus each date's day number and year."""
    keys: set[Key] = set()
    for q in extract(text):
        keys.update(q.keys)
        for key in q.keys:
            if key[0] == "d":
                keys.add(("n", key[2]))
                keys.add(("n", key[1]))
    for m in _ISO_DT.finditer(unicodedata.normalize("NFKC", text or "")):
        keys.add(("n", int(m.group(1))))
    return keys
