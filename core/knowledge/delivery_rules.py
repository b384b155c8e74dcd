"""Delivery fee and dispatch/arrival arithmetic: pure functions over a `DeliveryPolicy`.

Fee: the base fee is waived when the goods total reaches the free-shipping threshold (amount >=
threshold); the 제주/도서산간 surcharge is added on top and, unless the ontology says otherwise,
still applies with free shipping. Region comes from an explicit region word, a postal code
(ranges from the ontology; 제주 checked first) or address keywords.

Dates: orders paid before the cut-off on a business day (Mon-Fri, not a holiday) are dispatched
that day, otherwise on the next business day (that rule is the handling time); arrival is dispatch
plus the transit days, counted in business days.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any, Iterator
from zoneinfo import ZoneInfo

from core.knowledge.model import REGION_BASIC, REGION_JEJU, REGION_REMOTE, DeliveryPolicy, DeliveryQuote, \
    DispatchEstimate

REGION_OVERSEAS = "해외"
# Used only when the ontology lists no address keywords for 도서산간.
DEFAULT_REMOTE_WORDS = ("울릉", "옹진", "신안", "백령", "연평", "덕적", "흑산", "거문도", "추자", "우도", "비금",
                        "도초", "완도군", "진도군", "욕지", "한산", "사량")
_OVERSEAS_WORDS = ("해외", "외국", "overseas", "abroad", "미국", "일본", "중국", "캐나다", "호주", "유럽", "usa",
                   "japan", "china")
_POSTAL_RE = re.compile(r"(?<!\d)(\d{5})(?!\d)")
# Korea's provinces and metropolitan cities (시·도), short Korean forms and English spellings: a place the customer
# names that is one of them can be told apart from the ones a rule lists; a city inside one (수원 in 경기) cannot
PROVINCES: dict[str, tuple[str, ...]] = {
    "서울": ("seoul",), "부산": ("busan", "pusan"), "대구": ("daegu",), "인천": ("incheon",), "광주": ("gwangju",),
    "대전": ("daejeon",), "울산": ("ulsan",), "세종": ("sejong",), "경기": ("gyeonggi",), "강원": ("gangwon",),
    "충북": ("chungbuk",), "충남": ("chungnam",), "전북": ("jeonbuk",), "전남": ("jeonnam",), "경북": ("gyeongbuk",),
    "경남": ("gyeongnam",), "제주": ("jeju",)}


class DeliveryRuleError(ValueError):
    """Bad input to a fee or date computation (negative amount, malformed cut-off)."""


def policy_from_dict(d: dict[str, Any]) -> DeliveryPolicy:
    """Build the DeliveryPolicy from the index's "delivery" dict."""
    def ranges(key: str) -> tuple[tuple[str, str], ...]:
        return tuple((str(a), str(b)) for a, b in d.get(key) or ())

    return DeliveryPolicy(
        carrier=str(d.get("carrier") or ""), base_fee=int(d.get("base_fee") or 0),
        free_threshold=int(d.get("free_threshold") or 0), jeju_surcharge=int(d.get("jeju_surcharge") or 0),
        remote_surcharge=int(d.get("remote_surcharge") or 0), cutoff=str(d.get("cutoff") or "00:00"),
        handling_days_min=int(d.get("handling_days_min") or 0), handling_days_max=int(d.get("handling_days_max") or 0),
        transit_days_min=int(d.get("transit_days_min") or 0), transit_days_max=int(d.get("transit_days_max") or 0),
        holidays=tuple(d.get("holidays") or ()), ships_overseas=bool(d.get("ships_overseas")),
        jeju_postal_ranges=ranges("jeju_postal_ranges"), remote_postal_ranges=ranges("remote_postal_ranges"),
        jeju_region_words=tuple(d.get("jeju_region_words") or ("제주",)),
        remote_region_words=tuple(d.get("remote_region_words") or ()),
        jeju_surcharge_when_free=bool(d.get("jeju_surcharge_when_free", True)),
        remote_surcharge_when_free=bool(d.get("remote_surcharge_when_free", True)),
        holiday_names=dict(d.get("holiday_names") or {}),
        timezone=str(d.get("timezone") or "Asia/Seoul"),
    )


# -- region ----------------------------------------------------------------------------------------
def _in_ranges(code: str, ranges: tuple[tuple[str, str], ...]) -> bool:
    return any(len(a) == len(code) and a <= code <= b for a, b in ranges)


def region_of_postal_code(policy: DeliveryPolicy, postal_code: str) -> str:
    """제주 / 도서산간 / 기본 for a 5-digit postal code (제주 first, as docs/ontology.md says)."""
    digits = re.sub(r"\D", "", postal_code or "")
    if len(digits) != 5:
        raise DeliveryRuleError(f"postal code must have 5 digits, got {postal_code!r}")
    if _in_ranges(digits, policy.jeju_postal_ranges):
        return REGION_JEJU
    if _in_ranges(digits, policy.remote_postal_ranges):
        return REGION_REMOTE
    return REGION_BASIC


def _remote_words(policy: DeliveryPolicy) -> tuple[str, ...]:
    return policy.remote_region_words or DEFAULT_REMOTE_WORDS


def _named_regions(policy: DeliveryPolicy) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The surcharged regions and the address words that name each (Jeju's, then the remote areas')."""
    return (REGION_JEJU, tuple(policy.jeju_region_words)), (REGION_REMOTE, tuple(_remote_words(policy)))


def _region_variants(policy: DeliveryPolicy) -> Iterator[tuple[str, str]]:
    """(region, word) for each address word of the surcharged regions, a two-syllable one also with its 도 ("제주",
    "제주도"): the forms a misspelt or initialled region word is measured against."""
    for region, names in _named_regions(policy):
        for name in names:
            yield from ((region, v) for v in ({name, name + "도"} if len(name) == 2 else {name}))


def region_of_text(policy: DeliveryPolicy, text: str) -> str | None:
    """Region named by free text ("제주도", "울릉군 ...", "도서산간", "해외"); None when nothing says."""
    t = re.sub(r"\s+", "", (text or "").lower())
    if not t:
        return None
    match = _POSTAL_RE.search(text or "")
    if match:
        region = region_of_postal_code(policy, match.group(1))
        if region != REGION_BASIC:
            return region
    if any(w and re.sub(r"\s+", "", w.lower()) in t for w in policy.jeju_region_words) or "jeju" in t:
        return REGION_JEJU
    if "도서산간" in t or "산간" in t or "도서지역" in t or "섬지역" in t:
        return REGION_REMOTE
    if any(w and re.sub(r"\s+", "", w.lower()) in t for w in _remote_words(policy)):
        return REGION_REMOTE
    if any(w in t for w in _OVERSEAS_WORDS):
        return REGION_OVERSEAS
    if t in {"기본", "일반", "육지", "본토", "내륙", "국내", "standard"} or match:
        return REGION_BASIC
    return None


def place_of_region(policy: DeliveryPolicy, text: str) -> tuple[str, str] | None:
    """The place a customer names by its own name and the region it is in ("울릉도도 새벽배송 돼요?" -> ("울릉도",
    "도서산간")): the shop's address word for a region, with the 도/군/섬 of the name written after it; None when the
    text names no such place, or names the region itself ("도서산간인데", "제주도")."""
    for region, names in _named_regions(policy):
        for name in names:
            m = re.search(re.escape(name) + r"(?:도|군|읍|면|섬)?", text or "") if name else None
            if m is not None and region[:2] not in m.group(0):
                return m.group(0), region
    return None


def misspelt_region(policy: DeliveryPolicy, text: str) -> str | None:
    """A region word typed with one jamo wrong ("제쥬도", "울릉두"): words of three syllables or more only (the
    place name with its 도/군/읍), since two-syllable words one jamo apart are often other words ("재주"). Not part
    of `region_of_text`: the delivery agent applies it to its own turns, where a place is what such a word means."""
    from rapidfuzz.distance import Levenshtein

    from core.language.korean_text import jamo

    words = re.findall(r"[가-힣]{3,}", text)
    if not words:
        return None
    for region, variant in _region_variants(policy):
        if len(variant) >= 3 and any(Levenshtein.distance(jamo(w[:len(variant)]), jamo(variant), score_cutoff=1) <= 1
                                     for w in words):
            return region
    return None


def initialled_region(policy: DeliveryPolicy, text: str) -> str | None:
    """A region word typed in its initial consonants ("ㅈㅈ도 배송비?", "ㅇㄹㄷ 배송돼요?"): a run of two or more bare
    initials, with the syllable after it, whose initials are those of a region word of the shop's, with its 도. As
    `misspelt_region`, only applied to delivery turns, where a place is what such a word means."""
    from core.language.korean_text import initials

    for run in re.finditer(r"[\u3131-\u314e\u1100-\u1112]{2,}[가-힣]?", text or ""):
        key = initials(run.group(0))
        # (three letters at least: two bare initials are too often other words, "ㅇㅈ" is 인정)
        found = next((region for region, variant in _region_variants(policy)
                      if len(variant) >= 3 and key == initials(variant)), None)
        if found is not None:
            return found
    return None


def resolve_region(policy: DeliveryPolicy, region: str | None = None, address: str | None = None,
                   postal_code: str | None = None) -> str:
    """Most specific evidence wins: postal code, then address, then the region word; default 기본."""
    if postal_code:
        return region_of_postal_code(policy, postal_code)
    if address:
        found = region_of_text(policy, address)
        if found:
            return found
    if region:
        found = region_of_text(policy, region)
        if found:
            return found
        raise DeliveryRuleError(f"unknown region {region!r}: use 기본, 제주, 도서산간 or give an address/postal code")
    return REGION_BASIC


# -- fee -------------------------------------------------------------------------------------------
def quote(policy: DeliveryPolicy, amount: int, region: str | None = None, address: str | None = None,
          postal_code: str | None = None) -> DeliveryQuote:
    """Delivery fee for a goods total (KRW) to a region; amount >= threshold waives the base fee."""
    try:
        amount = int(amount)
    except (TypeError, ValueError) as exc:
        raise DeliveryRuleError(f"amount must be a whole number of KRW, got {amount!r}") from exc
    if amount < 0:
        raise DeliveryRuleError(f"amount must be >= 0 KRW, got {amount}")
    where = resolve_region(policy, region=region, address=address, postal_code=postal_code)
    if where == REGION_OVERSEAS:
        if not policy.ships_overseas:
            return DeliveryQuote(region=where, amount=amount, base_fee=policy.base_fee, surcharge=0, fee=0,
                                 free_threshold=policy.free_threshold, free_applied=False, carrier=policy.carrier,
                                 ships=False, note="해외 배송은 하지 않습니다.")
        where = REGION_BASIC
    free = policy.free_threshold > 0 and amount >= policy.free_threshold
    base = 0 if free else policy.base_fee
    surcharge = 0
    if where == REGION_JEJU:
        surcharge = policy.jeju_surcharge if (not free or policy.jeju_surcharge_when_free) else 0
    elif where == REGION_REMOTE:
        surcharge = policy.remote_surcharge if (not free or policy.remote_surcharge_when_free) else 0
    fee = base + surcharge
    parts = []
    if free:
        parts.append(f"{policy.free_threshold:,}원 이상 무료배송")
    else:
        parts.append(f"기본 배송비 {policy.base_fee:,}원 ({policy.free_threshold:,}원 이상 무료)")
    if surcharge:
        parts.append(f"{where} 추가 배송비 {surcharge:,}원")
    return DeliveryQuote(region=where, amount=amount, base_fee=policy.base_fee, surcharge=surcharge, fee=fee,
                         free_threshold=policy.free_threshold, free_applied=free, carrier=policy.carrier,
                         ships=True, note=", ".join(parts))


# -- dates -----------------------------------------------------------------------------------------
def _cutoff(policy: DeliveryPolicy) -> time:
    try:
        hh, mm = policy.cutoff.strip().split(":")
        return time(int(hh), int(mm))
    except (ValueError, AttributeError) as exc:
        raise DeliveryRuleError(f"dispatch cut-off must be \"HH:MM\", got {policy.cutoff!r}: fix shop:cutoffTime") \
            from exc


def is_business_day(policy: DeliveryPolicy, day: date) -> bool:
    return day.weekday() < 5 and day.isoformat() not in policy.holidays


def add_business_days(policy: DeliveryPolicy, day: date, n: int) -> date:
    """The n-th business day after `day` (n = 0 returns `day`)."""
    while n > 0:
        day += timedelta(days=1)
        if is_business_day(policy, day):
            n -= 1
    return day


def next_business_day(policy: DeliveryPolicy, day: date) -> date:
    """`day` itself when it is a business day, else the first one after it."""
    while not is_business_day(policy, day):
        day += timedelta(days=1)
    return day


def local_time(policy: DeliveryPolicy, moment: datetime) -> datetime:
    """The moment in the shop's time zone; a naive datetime is taken as shop-local time."""
    tz = ZoneInfo(policy.timezone)
    return moment.replace(tzinfo=tz) if moment.tzinfo is None else moment.astimezone(tz)


def estimate(policy: DeliveryPolicy, ordered_at: datetime) -> DispatchEstimate:
    """Dispatch day and arrival window for an order paid at `ordered_at`."""
    local = local_time(policy, ordered_at)
    cutoff = _cutoff(policy)
    day = local.date()
    reasons: list[str] = []
    if day.weekday() >= 5:
        reasons.append("weekend")
    elif day.isoformat() in policy.holidays:
        reasons.append("holiday")
    elif local.time() >= cutoff:
        reasons.append("after_cutoff")
    start = day if not reasons else day + timedelta(days=1)
    first = next_business_day(policy, start)
    skipped = [start + timedelta(days=i) for i in range((first - start).days)]
    if any(d.weekday() >= 5 for d in skipped) and "weekend" not in reasons:
        reasons.append("weekend")
    if any(d.isoformat() in policy.holidays and d.weekday() < 5 for d in skipped) and "holiday" not in reasons:
        reasons.append("holiday")
    # docs/ontology.md: an order paid before the cut-off on a business day starts that day, otherwise on
    # the next business day; dispatch is handlingTime's minimum business days later (0 = same day);
    # arrival = dispatch + transit days, counted in business days.
    dispatch = add_business_days(policy, first, max(0, policy.handling_days_min))
    arrival_from = add_business_days(policy, dispatch, policy.transit_days_min)
    arrival_until = add_business_days(policy, dispatch, max(policy.transit_days_max, policy.transit_days_min))
    window = [dispatch + timedelta(days=i) for i in range((arrival_until - dispatch).days + 1)]
    if any(d.isoformat() in policy.holidays for d in window) and "holiday" not in reasons:
        reasons.append("holiday_in_transit")
    return DispatchEstimate(
        ordered_at=local.replace(tzinfo=None).isoformat(timespec="minutes"), cutoff=cutoff.strftime("%H:%M"),
        dispatch_date=dispatch.isoformat(), arrival_from=arrival_from.isoformat(),
        arrival_until=arrival_until.isoformat(), reasons=tuple(reasons),
    )
