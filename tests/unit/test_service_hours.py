"""When the shop's customer service next has a person at work (agent/service_hours.py): pure logic on the shop's own
`store` values and holidays."""

from __future__ import annotations

from datetime import datetime

from agent.service_hours import service_hours

VALUES = {"openTime": "10:00", "closeTime": "17:00", "lunchStart": "12:00", "lunchEnd": "13:00",
          "closedDays": "토요일, 일요일, 공휴일"}
HOURS = service_hours(VALUES, ["2026-12-25"])


def test_staff_at_work_within_the_hours_of_an_open_day() -> None:
    assert HOURS is not None
    assert HOURS.next_staffed(datetime(2026, 12, 10, 11, 5)) is None  # a Thursday morning


def test_friday_evening_waits_for_monday_morning() -> None:
    assert HOURS.next_staffed(datetime(2026, 12, 11, 19, 50)) == datetime(2026, 12, 14, 10, 0)


def test_lunch_waits_for_its_end_and_early_morning_for_the_opening() -> None:
    assert HOURS.next_staffed(datetime(2026, 12, 10, 12, 30)) == datetime(2026, 12, 10, 13, 0)
    assert HOURS.next_staffed(datetime(2026, 12, 10, 7, 0)) == datetime(2026, 12, 10, 10, 0)


def test_a_holiday_before_a_weekend_is_skipped_too() -> None:
    assert HOURS.next_staffed(datetime(2026, 12, 24, 18, 30)) == datetime(2026, 12, 28, 10, 0)


def test_english_weekday_names_and_no_holiday_word() -> None:
    hours = service_hours({"openTime": "09:00", "closeTime": "18:00", "closedDays": "Sat, Sun"}, ["2026-12-25"])
    assert hours is not None and not hours.closed_on_holidays
    assert hours.next_staffed(datetime(2026, 12, 25, 8, 0)) == datetime(2026, 12, 25, 9, 0)


def test_no_stated_hours_means_no_promise_either_way() -> None:
    assert service_hours({}) is None
    assert service_hours({"openTime": "18:00", "closeTime": "09:00"}) is None
    assert service_hours({"openTime": "9시", "closeTime": "18:00"}) is None
