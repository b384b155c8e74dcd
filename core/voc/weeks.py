"""ISO weeks in the shop's time zone: the unit the VOC report counts and stores by.

A week is named like `2026-W48` (ISO 8601: Monday to Sunday, week 1 holds the year's first
Thursday). Turns are assigned to weeks in `SHOP_TIMEZONE`, so a message at 23:30 on Sunday in Seoul
belongs to that week even though it is still Sunday afternoon in UTC.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


class WeekError(ValueError):
    """A week name that is malformed or does not exist (e.g. 2025-W53); the message names it."""


@dataclass(frozen=True, order=True)
class IsoWeek:
    """One ISO week; `str(week)` is its name (`2026-W48`)."""

    year: int
    week: int

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    @classmethod
    def parse(cls, name: str) -> "IsoWeek":
        """`2026-W48` → IsoWeek(2026, 48); raises WeekError naming the value when it is not a real week."""
        match = _WEEK.match(name.strip()) if isinstance(name, str) else None
        if not match:
            raise WeekError(f"week {name!r} is not an ISO week such as 2026-W48")
        year, week = int(match.group(1)), int(match.group(2))
        weeks_in_year = date(year, 12, 28).isocalendar().week  # 28 Dec is always in the year's last week
        if not 1 <= week <= weeks_in_year:
            raise WeekError(f"week {name!r} does not exist: {year} has ISO weeks 01 to {weeks_in_year:02d}")
        return cls(year, week)

    @classmethod
    def of(cls, moment: datetime, tz: str) -> "IsoWeek":
        """The week `moment` (timezone-aware) falls in, in the shop's time zone."""
        local = moment.astimezone(ZoneInfo(tz))
        iso = local.isocalendar()
        return cls(iso.year, iso.week)

    @property
    def monday(self) -> date:
        return date.fromisocalendar(self.year, self.week, 1)

    def previous(self) -> "IsoWeek":
        iso = (self.monday - timedelta(days=7)).isocalendar()
        return IsoWeek(iso.year, iso.week)

    def bounds_utc(self, tz: str) -> tuple[datetime, datetime]:
        """[start, end) of the week in UTC: Monday 00:00 to next Monday 00:00, shop time."""
        zone = ZoneInfo(tz)
        start = datetime.combine(self.monday, time(0), tzinfo=zone)
        end = datetime.combine(self.monday + timedelta(days=7), time(0), tzinfo=zone)
        return start.astimezone(timezone.utc), end.astimezone(timezone.utc)


def report_week(now: datetime, tz: str) -> IsoWeek:
    """The week a Monday report covers: the ISO week before the one `now` falls in (shop time)."""
    return IsoWeek.of(now, tz).previous()
