"""When the shop's customer service next has a person at work, from its own `store` values (docs/ontology.md:
`openTime`, `closeTime`, `lunchStart`, `lunchEnd`, `closedDays`) and its named holidays.

A handoff at Friday 19:50 must not promise a person "in a moment" when nobody is in until Monday 10:00; the
reply says when the staff will answer instead. Pure logic: no AWS, no HTTP, no clock of its own."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

_WEEKDAYS = {"월": 0, "화": 1, "수": 2, "목": 3, "금": 4, "토": 5, "일": 6,
             "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_HOLIDAY_WORDS = re.compile(r"공휴일|휴일|holiday", re.I)


def weekdays_between(first: str, last: str) -> set[int]:
    """The weekdays (Monday 0) of a range the shop writes by their syllables ("화~일", "일요일~목요일"), wrapping."""
    a, b = "월화수목금토일".index(first), "월화수목금토일".index(last)
    return {(a + i) % 7 for i in range((b - a) % 7 + 1)}


@dataclass(frozen=True)
class ServiceHours:
    """The staffed hours one shop states (shop-local wall clock)."""

    open: time
    close: time
    lunch: tuple[time, time] | None
    closed_weekdays: frozenset[int]
    closed_on_holidays: bool
    holidays: frozenset[str]  # ISO dates the shop names as holidays

    def staffed(self, at: datetime) -> bool:
        """A person is at work at `at` (not a closed day, within the hours, outside lunch)."""
        if not self._open_day(at.date()):
            return False
        now = at.time()
        if not (self.open <= now < self.close):
            return False
        return not (self.lunch and self.lunch[0] <= now < self.lunch[1])

    def next_staffed(self, at: datetime) -> datetime | None:
        """The next moment a person is at work after `at`; None when one is at work now (or none is found in 3 weeks)."""
        if self.staffed(at):
            return None
        day = at.date()
        if self._open_day(day) and self.lunch and self.lunch[0] <= at.time() < self.lunch[1]:
            return datetime.combine(day, self.lunch[1])
        if self._open_day(day) and at.time() < self.open:
            return datetime.combine(day, self.open)
        for offset in range(1, 22):
            nxt = day + timedelta(days=offset)
            if self._open_day(nxt):
                return datetime.combine(nxt, self.open)
        return None

    def open_on(self, day: date) -> bool:
        """Whether a person is at work at all on `day` (not a closed weekday or a named holiday)."""
        return self._open_day(day)

    def _open_day(self, day: date) -> bool:
        if day.weekday() in self.closed_weekdays:
            return False
        return not (self.closed_on_holidays and day.isoformat() in self.holidays)


def _clock(value: Any) -> time | None:
    m = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", str(value or ""))
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        return None
    return time(int(m.group(1)), int(m.group(2)))


def service_hours(values: dict[str, Any] | None, holidays: Any = ()) -> ServiceHours | None:
    """The staffed hours from a `store` section's values, or None when the shop does not state both ends of its day.
    `closedDays` is read for weekday names ("토요일, 일요일, 공휴일", "Sat, Sun") and a holidays word."""
    values = values or {}
    start, end = _clock(values.get("openTime")), _clock(values.get("closeTime"))
    if start is None or end is None or end <= start:
        return None
    lunch_start, lunch_end = _clock(values.get("lunchStart")), _clock(values.get("lunchEnd"))
    lunch = (lunch_start, lunch_end) if lunch_start and lunch_end and lunch_start < lunch_end else None
    closed = str(values.get("closedDays") or "")
    words = re.findall(r"[가-힣]+|[A-Za-z]+", closed)
    weekdays = {_WEEKDAYS[w[0]] for w in words if re.fullmatch(r"[월화수목금토일](요일)?", w)}
    weekdays |= {_WEEKDAYS[w[:3].lower()] for w in words if w[:3].lower() in _WEEKDAYS and re.fullmatch(r"[A-Za-z]+", w)}
    return ServiceHours(open=start, close=end, lunch=lunch, closed_weekdays=frozenset(weekdays),
                        closed_on_holidays=bool(_HOLIDAY_WORDS.search(closed)),
                        holidays=frozenset(str(d)[:10] for d in (holidays or ())))


def of_shop(knowledge: Any) -> ServiceHours | None:
    """The loaded shop's staffed hours (its `store` section and its delivery policy's named holidays), or None."""
    try:
        section = knowledge.policy("store")
        policy = knowledge.delivery_policy()
    except (AttributeError, TypeError):
        return None
    if section is None:
        return None
    holidays = [*(getattr(policy, "holidays", None) or ()), *(getattr(policy, "holiday_names", None) or {})]
    return service_hours(getattr(section, "values", None), holidays)


def next_staffed_said(knowledge: Any, now: Any, lang: str) -> tuple[str, str] | None:
    """Outside the staffed hours the shop states (its `store` values and holidays): when a person will answer, in
    the customer's language ("12월 14일(월) 10:00"), and that time as a fact for the guard; None while staff are at
    work or when the shop states no hours."""
    from agent.delivery_facts import shop_local
    from agent.facts import korean_date

    hours = of_shop(knowledge) if now is not None else None
    at = hours.next_staffed(shop_local(now, knowledge)) if hours is not None else None
    if at is None:
        return None
    clock = f"{at.hour:02d}:{at.minute:02d}"
    fact = f"고객센터 다음 운영 시작: {korean_date(at.date().isoformat())} {clock} (운영 {hours.open:%H:%M}~{hours.close:%H:%M})"
    return f"{korean_date(at.date().isoformat(), lang)} {clock}", fact
