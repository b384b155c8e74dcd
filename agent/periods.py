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
# Native Korean counts that come before a unit ("한 달", "열세 달") and words that are a period on their own.
_NATIVE = {"열한": 11, "열두": 12, "열세": 13, "열네": 14, "열다섯": 15, "열여섯": 16, "열일곱": 17, "열여덟": 18,
           "열아홉": 19, "스무": 20, "한": 1, "두": 2, "세": 3, "석": 3, "네": 4, "넉": 4, "다섯": 5, "여섯": 6,
           "일곱": 7, "여덟": 8, "아홉": 9, "열": 10}
# Sino-Korean counts ("일 년 2개월", "삼 개월"; before a year or months only here, never before 일 (a day); the order
# day's "삼일 후" reads them too)
SINO_COUNT = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9, "십": 10}
WHOLE_PERIODS = {"하루": 1, "이틀": 2, "사흘": 3, "나흘": 4, "닷새": 5, "보름": 15, "일주일": 7, "열흘": 10, "반년": 182}
PERIOD_UNITS = ("주일", "개월", "시간", "일", "주", "달", "년")  # the units a length of time is counted in
# "1년 반", "한 달 반": half a unit more
# (a native count never counts days or years: "세일" is a sale, never "세 일"; those are 3일, 사흘)
_ELAPSED = re.compile(r"(?<![가-힣\d])(?:(\d{1,3})|(" + "|".join(_NATIVE) + r")(?!\s*(?:일|년))|(" + "|".join(SINO_COUNT)
                      + r")(?=\s*(?:년|개월)))\s*(" + "|".join(PERIOD_UNITS) + r")(?![가-힣]*요일)(\s*반(?![가-힣]))?|("
                      + "|".join(WHOLE_PERIODS) + ")")
# a day of a date: after its month ("12월 30일"), or said with 에 ("30일에 받은"; "3일에 한 번" is how often, no length
# since either)
_MONTH_BEFORE = re.compile(r"\d\s*월\s*$")
_SINCE_BEFORE = re.compile(r"지\s*$")  # "받은지 7일에": a length since, with 에
_ON_THE_DAY = re.compile(r"\s*에(?![가-힣])")
# what joins a second part ("1년 2개월", "일주일 하고 하루", "한 달 보름")
_JOINED = re.compile(r"\s*(?:하고|에|\+)?\s*")
# "3개월 조금 넘었는데", "일주일 넘게": more than the period said
_OVER = re.compile(r"\s*(?:조금\s*|좀\s*|살짝\s*|약간\s*|훨씬\s*)?(?:넘|이상|초과)")
_PASSED = re.compile(r"됐|되었|지났|지나|넘었|넘어|전에|전쯤|째|썼|사용했|(?:산|쓴|받은|사용한|구매한|주문한)\s*지(?![가-힣])|\bago\b|\bpassed\b|\bsince\b|\bafter\b|\bit'?s\s+been\b", re.I)
# a limit: a length with a word that bounds it ("7일 이내", "1년간 무상", "2년 무상 보증"); never a year or a day of a date
_LIMIT = re.compile(r"(?<![\d월])(?<!월\s)(\d{1,3})\s*(영업일|개월|시간|일|주|년)\s*(?:\([^)]*\)\s*)?(이내|안에|까지|이전|간(?![가-힣])|동안|무상|보증)")
_LENGTH = re.compile(r"(?<![\d월])(?<!월\s)(\d{1,3})\s*(영업일|개월|시간|일|주|년)(?![가-힣]*\s*(?:제외|무료|이상))")
_EN_ELAPSED = re.compile(r"(\d{1,3})\s*(days?|weeks?|months?)\s*(ago|since|passed|later)?", re.I)


# the customer's case, in the words the shop's rules use for it
CASE_WORDS = {"change_of_mind": r"단순\s*변심|변심|마음에\s*안|맘에\s*안|change\s+of\s+mind",
              "defect": r"불량|고장|하자|파손|입력이\s*안|안\s*켜|defect|broken", "opened": r"(?<!미)개봉|뜯"}


def cases_in(text: str) -> set[str]:
    """The cases a text speaks of ("단순 변심 반품은 …": change_of_mind)."""
    return {k for k, words in CASE_WORDS.items() if re.search(words, text or "", re.I)}


@dataclass(frozen=True)
class Period:
    days: int
    surface: str  # as written ("8일", "닷새", "7일")
    english: str = ""  # the same in English ("8 days"), when it can be said
    hours: int | None = None  # a limit stated in hours ("수령 후 24시간 이내"): measured in hours, not days
    event: str = ""  # what the customer's time counts from: "receipt", "purchase", "use" or "" (unsaid)
    over: bool = False  # said as more than it ("일주일 넘었는데"): `days` is one more than the words
    upto: int | None = None  # a day named loosely ("10월에 산", "지난주에 받은"): `days` at least, `upto` at most
    named: str = ""  # that day as the customer named it, with its dates unless a whole month ("지난주 월요일(12월 7일)", "10월")
    on: str = ""  # the one day the customer named ("12월 30일에 받은", "지난주 화요일에"), ISO; "" for a count of days

    def said(self, lang: str) -> str:
        return self.english if lang == "en" and self.english else self.surface


_UNIT_EN = {"시간": "hour", "일": "day", "주": "week", "주일": "week", "개월": "month", "달": "month", "년": "year", "영업일": "business day"}


def _english(count: int, unit: str) -> str:
    word = _UNIT_EN.get(unit, "day")
    return f"{count} {word}" + ("" if count == 1 else "s")


def _count_unit(m: re.Match[str]) -> tuple[int, str, int] | None:
    """(days, unit, count) of one match of `_ELAPSED` with a count and a unit; None for a whole word."""
    if m.group(6):
        return None
    count = int(m.group(1)) if m.group(1) else _NATIVE[m.group(2)] if m.group(2) else SINO_COUNT[m.group(3)]
    unit = m.group(4)
    return (count // 24 if unit == "시간" else count * _UNIT_DAYS[unit]), unit, count


def elapsed(text: str) -> Period | None:
    """How long ago the customer says something happened ("받은지 8일 됐어요" -> 8 days), or None.
    Only with a word of elapsed time (됐/지났/전에/째/ago), so "7일 이내인가요?" is no elapsed period. Two parts are
    one period ("1년 2개월", "일주일 하고 하루", "한 달 보름"), "반" adds half a unit, and "넘었는데" after it makes it
    more than that ("3개월 조금 넘었는데")."""
    if not _PASSED.search(text or ""):
        return None
    for m in _ELAPSED.finditer(text):
        first = _count_unit(m)
        if first is not None and first[1] == "일" and (_MONTH_BEFORE.search(text, 0, m.start()) or _ON_THE_DAY.match(text, m.end())
                                                       and not _SINCE_BEFORE.search(text, 0, m.start())):
            continue  # "12월 30일에 받았어요", "30일에 받았는데": a day of a date, no length of time
        if first is None:
            days, unit, hours = WHOLE_PERIODS[m.group(6)], "일", None
            surface, english = m.group(0), _english(WHOLE_PERIODS[m.group(6)], "일")
            half = re.match(r"\s*반(?![가-힣])", text[m.end():])
            if half and m.group(6) != "반년":  # "일주일 반"
                days += days // 2
                surface += " 반"
                m_end = m.end() + half.end()
            else:
                m_end = m.end()
        else:
            days, unit, count = first
            hours = count if unit == "시간" else None
            surface, english = m.group(0).replace(" ", ""), _english(count, unit)
            if m.group(5):  # "1년 반": a year and a half
                days += _UNIT_DAYS.get(unit, 0) // 2
                surface, english = f"{m.group(0)[:m.group(0).rfind(m.group(4)) + len(m.group(4))].replace(' ', '')} 반", \
                    f"{count}.5 {_UNIT_EN.get(unit, 'day')}s"
        end = m.end() if first is not None else m_end
        joined = _JOINED.match(text, end)
        more = _ELAPSED.match(text, joined.end()) if joined else None
        if more is not None and hours is None and not (first and first[0] == 0):
            second = _count_unit(more)
            extra = WHOLE_PERIODS[more.group(6)] if second is None else second[0]
            if 0 < extra < (days if first is None else _UNIT_DAYS.get(unit, 1)) or second is None and extra < days:
                days += extra  # "1년 2개월", "일주일 하고 하루", "한 달 보름"
                surface += " " + more.group(0).replace(" ", "")
                english += f" {extra} day" + ("" if extra == 1 else "s") if second is None else \
                    f" {_english(second[2], second[1])}"
                end = more.end()
        over = bool(_OVER.match(text, end))
        if over:
            days += 1  # "3개월 조금 넘었는데": more than three months
        return Period(days, surface, english, hours, _event_near(text, m.start(), end), over)
    for m in _EN_ELAPSED.finditer(text):
        unit = m.group(2).lower().rstrip("s")
        count = int(m.group(1))
        return Period(count * {"day": 1, "week": 7, "month": 30}[unit], m.group(0), _english(count, {"day": "일", "week": "주",
                                                                                                     "month": "개월"}[unit]))
    return None


# a date of receipt, written out or as a shopper types it ("12월 7일에 받은", "12/7에 받은", "12.7 도착한")
_RECEIVED_ON = re.compile(r"(?<![\d/.])(\d{1,2})\s*(?:월\s*(\d{1,2})\s*일|[/.](\d{1,2})(?![\d/.]))\S{0,2}\s*"
                          r"(받|수령|도착|배송\s*완료)")


# an English date of receipt: the verb, then the day ("I received it on Dec 15", "got it on the 15th of December")
_MONTHS_EN = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december")
WEEKDAYS_EN = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# a month's name whole or cut after three letters (or four: "Sept")
_EN_MONTH = r"(" + "|".join(f"{m[:3]}(?:{m[3:]}|{m[3:4]})?" if m[3:] else m for m in _MONTHS_EN) + r")"
_EN_RECEIVED_ON = re.compile(r"\b(?:received|got|arrived|came|delivered|bought|ordered)\b[^.?!]{0,25}?\b(?:on\s+)?(?:"
                             + _EN_MONTH + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?|(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _EN_MONTH + r")\b",
                             re.I)


# an English receipt with the date in digits ("received the knit on 12/7", "got it 12/14")
_EN_RECEIVED_NUMERIC = re.compile(r"\b(received|got|arrived|came|delivered|bought|ordered)\b[^.?!]{0,25}?"
                                  r"(?<![\d/.])(1[0-2]|0?[1-9])/([0-3]?\d)(?![\d/])", re.I)


def names_received_date(text: str) -> bool:
    """The customer names the day they received it ("12월 5일에 받은"): a period a rule's limit is measured against."""
    return bool(_RECEIVED_ON.search(text or "") or _EN_RECEIVED_ON.search(text or "")
                or _EN_RECEIVED_NUMERIC.search(text or ""))


# the event a customer's time counts from, by the verb next to it ("받은 지 8일", "8일 전에 산", "1년 반 썼는데")
_RECEIVED = re.compile(r"받|도착|수령|배송\s*완료|왔|received|arrived|came|got\s+it", re.I)
_EVENTS = (("receipt", _RECEIVED),
           ("purchase", re.compile(r"샀|산\s*지|(?<![가-힣])산(?=\s|$)|사고|구매|구입|주문|시킨|시켰|결제|bought|ordered", re.I)),
           ("use", re.compile(r"썼|쓴|쓰고|사용|입었|입은|신었|신은|먹|used|wore", re.I)),
           # the customer sending something back ("반품 보낸지 3일"): no receipt, purchase or inspection of the shop's
           ("sent", re.compile(r"보낸|보냈|부친|부쳤|발송했|회수|\bsent\b|\bshipped\s+(it\s+)?back\b", re.I)),
           # a time waited for what has not come ("두달째 안오는데", "열흘째 못 받았어요"): no receipt, nor a time of any
           # rule's own count
           ("wait", re.compile(r"안\s*(?:와|오|옴|온)|못\s*받|안\s*받|안\s*들어|\b(?:not|never|hasn'?t|haven'?t)\s+"
                               r"(?:yet\s+)?(?:arrived|come|received|got)", re.I)))


def received_said(text: str) -> bool:
    """The customer speaks of receiving something ("받았는데", "도착했어요", "it came yesterday")."""
    return bool(_RECEIVED.search(text or ""))


def _event_near(text: str, start: int, end: int) -> str:
    """The event nearest the period in its clause (within 12 letters either side), or ""."""
    best, distance = "", 99
    before, after = text[max(0, start - 12):start], text[end:end + 12]
    since = bool(re.search(r"[가-힣]\s*지\s*$", before))  # "요청한지 2주": counted from what the customer names
    for name, pattern in _EVENTS:
        if name == "wait" and since:
            continue
        for m in pattern.finditer(before):
            if len(before) - m.end() < distance:
                best, distance = name, len(before) - m.end()
        m = pattern.search(after)
        if m and m.start() < distance:
            best, distance = name, m.start()
    return best


# what a rule's limit counts from ("수령 후 7일", "주문 후 3일", "승인 취소 후 3~7영업일", "구매일로부터 1년")
_BASES = (("receipt", re.compile(r"수령|받은\s*날|받으신|받고|도착|배송\s*완료")),
          ("order", re.compile(r"주문\s*(?:후|일|하신)|결제\s*후")),
          ("purchase", re.compile(r"구매일|구입일|구매\s*후")),
          ("other", re.compile(r"승인\s*취소|검수|적립일|구매\s*확정|신청\s*후|입고|개봉\s*후|제조일")))


def counted_from(rule: str) -> str:
    """What a rule's limit counts from: "receipt", "order", "purchase", "other" or "" (unsaid)."""
    return next((name for name, pattern in _BASES if pattern.search(rule or "")), "")


_IN_TRANSIT = 5  # days a parcel usually takes between purchase and receipt


def decides(given: Period, limit: Period, rule: str) -> bool:
    """Whether the customer's time, counted from its event, decides the rule's limit counted from its own: a time
    since purchase is an upper bound on the time since receipt (within, only), a time of use a lower bound (past,
    only); a time since receipt says nothing of a limit counted from a refund's approval or an inspection."""
    base, event = counted_from(rule), given.event
    past = given.days > limit.days
    if base == "receipt":  # (a parcel comes within days of its purchase: far past the limit is past it anyway)
        return event in ("", "receipt") or event == "purchase" and (not past or given.days > limit.days + _IN_TRANSIT) \
            or event == "use" and past
    if base == "order":
        return event in ("", "purchase")
    if base == "other":
        return event == ""
    return True


# a day counted back from today before a past event of the order ("그제 주문했는데", "어제 받은 니트"): its days ago
_DAYS_AGO = {"어제": 1, "어저께": 1, "그제": 2, "그저께": 2}
_DAY_AGO_EVENT = re.compile(r"(" + "|".join(_DAYS_AGO) + r")(?![가-힣]*요일)\S{0,2}\s*(?:\S+\s+)?"
                            r"(?:(?:주문|구매|결제|신청|입금|반품|도착|배송\s*완료)(?:했|한|하였|됐|된)|받(?:았|은)|샀|산\s|왔|온\s|보냈|보낸)")


WEEKDAYS_KO = "월화수목금토일"
# a day or a span of days named without its date: "지난주 월요일", "저번 주말", "10월 말", "지난달", "last Monday",
# "in October" (a date with its day, "12월 5일", is read by _RECEIVED_ON)
_NAMED_DAYS = re.compile(
    r"(?:(지지난|지난|저번|이번)\s*주\s*)?([월화수목금토일])요일"
    r"|(지난|저번|이번)?\s*주말"
    r"|(지지난|지난|저번|이번)\s*주(?![가-힣]*요일)(?![말간])"
    r"|(?<![\d.\-/])(\d{1,2})\s*월\s*(초순|초|중순|중|말쯤|말|하순)?(?!\s*\d)"
    r"|(지난|저번|이번)\s*달\s*(초순|초|중순|중|말쯤|말|하순)?"
    r"|\b(last|this)\s+(week(?:end)?|month|" + "|".join(WEEKDAYS_EN) + r")\b"
    r"|\b(?:in|on)\s+(?:early\s+|mid-?\s*|late\s+)?(" + "|".join((*_MONTHS_EN, *WEEKDAYS_EN)) + r")\b"
    r"|(재작년|작년|지난\s*해|저번\s*해)\s*(?:(\d{1,2})\s*월|(봄|여름|가을|겨울|연초|초|연말|말))?"
    r"|(지난|저번|올)\s*(봄|여름|가을|겨울)"
    r"|\blast\s+(spring|summer|fall|autumn|winter|year)\b", re.I)
# the months of a season, counted from its year's first month (겨울: December and the next year's January, February)
_SEASONS = {"봄": (3, 3), "여름": (6, 3), "가을": (9, 3), "겨울": (12, 3), "spring": (3, 3), "summer": (6, 3),
            "fall": (9, 3), "autumn": (9, 3), "winter": (12, 3), "초": (1, 3), "연초": (1, 3), "말": (11, 2),
            "연말": (11, 2)}


def _months_span(year: int, first_month: int, months: int, today: Any) -> tuple[Any, Any]:
    """The first and last day of `months` months from `first_month` of `year` (running into the next year)."""
    from datetime import timedelta

    first = today.replace(year=year, month=first_month, day=1)
    end_month = first_month + months
    after = today.replace(year=year + (end_month - 1) // 12, month=(end_month - 1) % 12 + 1, day=1)
    return first, after - timedelta(days=1)


def _season_span(which: str, season: str, today: Any) -> tuple[Any, Any] | None:
    """"작년 겨울", "지난 여름", "올 봄", "last winter", "작년 초": the days of that season or part of a year.
    지난/last: the latest one over before today; 올: this year's; 작년/재작년: the one of that year."""
    first_month, months = _SEASONS[season.lower()]
    if which in ("작년", "재작년", "지난해", "저번해"):
        return _months_span(today.year - (2 if which == "재작년" else 1), first_month, months, today)
    if which == "올":
        return _months_span(today.year, first_month, months, today)
    for year in (today.year, today.year - 1, today.year - 2):
        first, last = _months_span(year, first_month, months, today)
        if last < today:
            return first, last
    return None
# the event that day is of, done already, right after it ("… 받은", "… 샀는데", "… ordered"): never a plan ("월요일에
# 주문하면")
_PAST_EVENT = re.compile(r"\S{0,3}\s*(?:\S+\s+){0,2}?(?:받았|받은|수령했|수령한|도착했|도착한|왔|온(?=\s|$)|배송\s*완료"
                         r"|샀|산(?=\s|$|건|거)|구매했|구매한|구입했|구입한|주문했|주문한|시킨|시켰|결제했|결제한"
                         r"|received|arrived|came|got\s+it|bought|ordered)", re.I)

_DAY_OF_MONTH = re.compile(r"\s*\(\s*(\d{1,2})\s*일\s*\)|\s+(\d{1,2})\s*일(?=\S{0,2}\s)")
_PAST_EVENT_EN = re.compile(r"\b(?:received|arrived|came|got|bought|ordered|purchased)\b", re.I)


def _part_of_month(first: Any, last: Any, part: str | None) -> tuple[Any, Any]:
    """The days of a month's part ("초": 1-10, "중순": 11-20, "말": 21-end), or the whole month."""
    part = (part or "").lower()
    if part in ("초", "초순", "early"):
        return first, first.replace(day=10)
    if part in ("중", "중순", "mid"):
        return first.replace(day=11), first.replace(day=20)
    if part in ("말", "말쯤", "하순", "late"):
        return first.replace(day=21), last
    return first, last


def _month_span(today: Any, month: int) -> tuple[Any, Any] | None:
    """The first and last day of `month` at or before today's (a later month is last year's)."""
    from datetime import timedelta

    if not 1 <= month <= 12:
        return None
    year = today.year - (1 if month > today.month else 0)
    first = today.replace(year=year, month=month, day=1)
    after = first.replace(year=year + (month == 12), month=month % 12 + 1)
    return first, after - timedelta(days=1)


def named_day_span(text: str, today: Any) -> tuple[Any, Any, str, int] | None:
    """(earliest, latest, as named, where) of a past day the customer names without its date, before the verb of
    what happened then ("지난주 월요일에 받은", "10월 말에 샀는데", "last Monday I received"); None when none is named
    or the day is today's or later."""
    from datetime import timedelta

    if today is None:
        return None
    for m in _NAMED_DAYS.finditer(text or ""):
        english = bool(m.group(9) or m.group(11) or m.group(17))
        dated = _DAY_OF_MONTH.match(text, m.end())  # "지난주 월요일(21일)": the day of the month written beside it decides
        end = dated.end() if dated else m.end()
        if not _PAST_EVENT.match(text, end) and not (english and _PAST_EVENT_EN.search(text[max(0, m.start() - 30):m.start()])):
            continue  # (English names the day after the verb: "I received it last Monday")
        if dated:
            number = int(dated.group(1) or dated.group(2))
            day = today.replace(day=1) - timedelta(days=1) if number > today.day else today
            try:
                day = day.replace(day=number)
            except ValueError:
                continue
            return day, day, m.group(0).strip(), m.start()
        monday = today - timedelta(days=today.weekday())
        weeks_back = {"지지난": 2, "지난": 1, "저번": 1, "last": 1, "이번": 0, "this": 0}
        span = None
        if m.group(2):  # a weekday, of a week named or the latest one before today
            wd = WEEKDAYS_KO.index(m.group(2))
            if m.group(1):
                day = monday - timedelta(weeks=weeks_back[m.group(1)]) + timedelta(days=wd)
            else:
                day = today - timedelta(days=(today.weekday() - wd) % 7 or 7)
            span = (day, day)
        elif m.group(0).strip().endswith("주말"):
            back = 1 if m.group(3) in ("지난", "저번") or today.weekday() < 5 else 0
            saturday = monday - timedelta(weeks=back) + timedelta(days=5)
            span = (saturday, saturday + timedelta(days=1))
        elif m.group(4):
            start = monday - timedelta(weeks=weeks_back[m.group(4)])
            span = (start, start + timedelta(days=6))
        elif m.group(5):
            whole = _month_span(today, int(m.group(5)))
            span = _part_of_month(*whole, m.group(6)) if whole else None
        elif m.group(7):
            month = today.month - (0 if m.group(7) == "이번" else 1) or 12
            whole = _month_span(today, month)
            span = _part_of_month(*whole, m.group(8)) if whole else None
        elif m.group(9):
            which, what = m.group(9).lower(), m.group(10).lower()
            if what in WEEKDAYS_EN:  # ("last Thursday" said on a Monday: the Thursday just past, as English means it)
                wd = WEEKDAYS_EN.index(what)
                day = today - timedelta(days=(today.weekday() - wd) % 7 or 7) if which == "last" \
                    else monday + timedelta(days=wd)
                span = (day, day)
            elif what == "weekend":
                saturday = monday - timedelta(weeks=weeks_back[which]) + timedelta(days=5)
                span = (saturday, saturday + timedelta(days=1))
            elif what == "week":
                start = monday - timedelta(weeks=weeks_back[which])
                span = (start, start + timedelta(days=6))
            else:
                whole = _month_span(today, today.month - weeks_back[which] or 12)
                span = whole
        elif m.group(11):
            what = m.group(11).lower()
            if what in WEEKDAYS_EN:
                wd = WEEKDAYS_EN.index(what)
                day = today - timedelta(days=(today.weekday() - wd) % 7 or 7)
                span = (day, day)
            else:
                whole = _month_span(today, _MONTHS_EN.index(what) + 1)
                part = re.search(r"early|mid|late", m.group(0), re.I)
                span = _part_of_month(*whole, part.group(0) if part else None) if whole else None
        elif m.group(12):
            which = re.sub(r"\s+", "", m.group(12))
            year = today.year - (2 if which == "재작년" else 1)
            if m.group(13):
                month = int(m.group(13))
                span = _months_span(year, month, 1, today) if 1 <= month <= 12 else None
            else:
                span = _season_span(which, m.group(14), today) if m.group(14) else \
                    _months_span(year, 1, 12, today)
        elif m.group(15):
            span = _season_span(m.group(15), m.group(16), today)
        elif m.group(17):
            what = m.group(17).lower()
            span = _months_span(today.year - 1, 1, 12, today) if what == "year" else _season_span("last", what, today)
        if span is None:
            continue
        first, last = span
        last = min(last, today)
        if first >= today:
            return None  # today or later: nothing has elapsed
        return first, last, m.group(0).strip(), m.start()
    return None


def _named_period(text: str, today: Any) -> Period | None:
    """The days since a day the customer names without its date: at least to its last day, at most to its first."""
    from datetime import timedelta

    span = named_day_span(text, today)
    if span is None:
        return None
    first, last, named, at = span
    least, most = (today - last).days, (today - first).days
    dates = f"{first.month}월 {first.day}일" + ("" if first == last else f"~{last.month}월 {last.day}일")
    whole_month = first.day == 1 and (last + timedelta(days=1)).day == 1
    english = _english(least, "일") if least == most else f"at least {_english(least, '일')}"
    return Period(least, f"{least}일", english, event=_event_near(text, at, at + len(named)),
                  upto=None if least == most else most, named=named if whole_month else f"{named}({dates})",
                  on=first.isoformat() if first == last else "")


def elapsed_since(text: str, today: Any) -> Period | None:
    """How long ago the customer received something, from the date they name ("12월 5일에 받은 바지" on 12/14 -> 9
    days), from a day counted back ("그제 주문했는데" -> 2 days), or from an elapsed time they say (see `elapsed`);
    None when none is said."""
    said = elapsed(text)
    back = _DAY_AGO_EVENT.search(text or "")
    if back is not None and (said is None or said.event != "receipt"):
        event = _event_near(text, back.start(), back.start() + len(back.group(1)))
        if said is None or event == "receipt":  # "산지 9일 된 셔츠 어제 받았는데": received yesterday
            days = _DAYS_AGO[back.group(1)]
            return Period(days, f"{days}일", _english(days, "일"), event=event)
    if said is not None or today is None:
        return said
    m = _RECEIVED_ON.search(text or "")
    english = _EN_RECEIVED_ON.search(text or "") if not m else None
    numeric = _EN_RECEIVED_NUMERIC.search(text or "") if not m and not english else None
    if not m and not english and not numeric:
        return _named_period(text, today)  # "지난주 월요일에 받은", "10월에 산"
    try:
        if m:
            on = today.replace(month=int(m.group(1)), day=int(m.group(2) or m.group(3)))
        elif numeric:  # "I received it on 12/7": month first, as the shop's customers write it
            on = today.replace(month=int(numeric.group(2)), day=int(numeric.group(3)))
        else:  # "I received it on Dec 15", "got it December 15th", "arrived on 15 Dec"
            month = [m[:3] for m in _MONTHS_EN].index((english.group(1) or english.group(4)).lower()[:3])
            on = today.replace(month=month + 1, day=int(english.group(2) or english.group(3)))
    except ValueError:
        return None
    if on > today:
        on = on.replace(year=on.year - 1)
    days = (today - on).days
    english = english or numeric
    event = "" if m else "purchase" if re.match(r"bought|ordered", english.group(0), re.I) else "receipt"
    # the day as the customer gave it, written out ("12/7에 받은" -> 12월 7일): the reply counts from it to today
    named = f"{on.month}월 {on.day}일" if m else ""
    return Period(days, f"{days}일", _english(days, "일"), event=event, on=on.isoformat(), named=named) if days >= 0 else None


def limit_in(text: str) -> Period | None:
    """The first time limit a rule states ("7일 이내", "3개월 이내"), in calendar days (a business day counts
    as one: a shop that counts business days is asked, not guessed)."""
    if not _LIMIT.search(text or ""):
        return None
    # every length the rule names ("신용카드는 3~7영업일, 무통장입금은 1영업일, 간편결제는 1~3영업일 이내"): the longest,
    # so the customer is never told a limit has passed that a case of the rule still allows
    lengths = [(_days(int(m.group(1)), m.group(2)), m.group(1), m.group(2)) for m in _LENGTH.finditer(text)]
    days, count, unit = max(lengths, key=lambda t: t[0])
    return Period(days, f"{count}{unit}", _english(int(count), unit), int(count) if unit == "시간" else None)


# a time the shop waits before it acts on its own ("배송완료 후 7일이 지나면 자동으로 구매확정"), not a deadline
_WAIT = re.compile(r"(?<![\d월])(\d{1,3})\s*(개월|일|주)\s*(?:이|가)?\s*(?:지나면|경과\s*(?:시|하면|후)|뒤에?\s*자동|후\s*자동)")


def wait_in(text: str) -> Period | None:
    """The waiting time a rule states before something happens by itself ("배송완료 후 7일이 지나면 자동으로
    됩니다"), in calendar days; None when the rule states none."""
    m = _WAIT.search(text or "")
    if m is None:
        return None
    return Period(_days(int(m.group(1)), m.group(2)), f"{m.group(1)}{m.group(2)}", _english(int(m.group(1)), m.group(2)))


def _days(count: int, unit: str) -> int:
    """A length in whole calendar days (hours rounded up: "24시간" is a day; business days with their weekends: "7영업일"
    is 11 days, "3영업일" 5), so a customer's calendar days are never told they are past a limit they are still in."""
    if unit == "시간":
        return -(-count // 24)
    if unit == "영업일":
        return count + 2 * -(-count // 5)  # each started week of business days may hold a weekend
    return count * _UNIT_DAYS[unit]


_PARTICLE = re.compile(r"(?:로부터|부터|으로|은|는|이|가|을|를|의|에|도|로)$")


def _words(text: str) -> list[str]:
    return [w for w in (_PARTICLE.sub("", x) for x in re.findall(r"[가-힣]{2,}", text)) if len(w) >= 2]


def limit_of_subject(text: str, rules: list[str]) -> Period | None:
    """Of a rule's several limits for several things ("노트북 본체는 2년(배터리는 1년) 무상 보증"), the one whose
    thing the customer names most fully ("노트북 … 배터리가 빨리 닳아요": 배터리 1년; "노트북 화면이 안 켜져요": 노트북
    본체 2년): each limit's own words before its length, those no other limit's part also says, and the share of them
    the customer wrote (a word of theirs inside one counts: 카드 of 신용카드). When they name none of them, the rule's
    general limit, written first ("모든 제품은 1년, 노트북 본체는 2년"); None when no one limit is singled out."""
    compact = re.sub(r"\s", "", text)
    said = _words(text)
    pieces = []
    for rule in rules:
        if limit_in(rule) is None:
            continue
        for piece in re.split(r"[(),]|(?<=며)\s|(?<=고)\s", rule):
            if (m := _LENGTH.search(piece)) is not None:
                pieces.append((piece, m))
    if len(pieces) < 2:
        return None
    scored: list[tuple[float, Period]] = []
    for piece, m in pieces:
        elsewhere = " ".join(other for other, _ in pieces if other is not piece)
        own = [w for w in _words(piece[:m.start()]) if w not in elsewhere]
        if not own:
            continue
        fit = sum(w in compact or any(n in w for n in said) for w in own) / len(own)
        scored.append((fit, Period(_days(int(m.group(1)), m.group(2)), f"{m.group(1)}{m.group(2)}",
                                   _english(int(m.group(1)), m.group(2)))))
    if not scored:
        return None
    top = max(f for f, _ in scored)
    if top == 0 and len(pieces) == len(scored):
        return scored[0][1]  # none of the things named ("가습기가 안 켜져요"): the rule's general limit, written first
    best = [p for f, p in scored if f == top]
    return best[0] if top > 0 and len(best) == 1 else None
