"""The weekly comparison at every boundary of the four rules (exact arithmetic, inclusive bounds)."""

from __future__ import annotations

from datetime import datetime, timezone
from fractions import Fraction

import pytest

from core.voc.rules import Comparison, classify, percent, points
from core.voc.weeks import IsoWeek, WeekError, report_week


def status(last: int, base: int, last_negative: int = 0, base_negative: int = 0) -> str:
    return classify(Comparison(last, base, last_negative, base_negative))


@pytest.mark.parametrize(("last", "base", "expected"), [
    (26, 20, "CRITICAL"),   # exactly +30 % with 20 VOC
    (25, 20, "MONITOR"),    # +25 %: below 30 %, above 20 %
    (24, 20, "MONITOR"),    # exactly +20 %
    (23, 20, "STABLE"),     # +15 %
    (13, 10, "MONITOR"),    # +30 % but only 13 VOC: not CRITICAL, still MONITOR
    (12, 10, "MONITOR"),    # exactly +20 % with 12 VOC
])
def test_growth_boundaries(last: int, base: int, expected: str) -> None:
    assert status(last, base) == expected


@pytest.mark.parametrize(("last", "base", "expected"), [
    (20, 15, "CRITICAL"),   # +33 % with last week at exactly 20 VOC
    (19, 14, "MONITOR"),    # +36 % but 19 VOC in both weeks: not CRITICAL
    (10, 7, "MONITOR"),     # +43 % with exactly 10 VOC
    (9, 6, "STABLE"),       # +50 % but 9 VOC: nothing
    (14, 20, "IMPROVED"),   # the base week's 20 VOC count for volume; -30 % is a decline
])
def test_volume_boundaries_19_20_and_9_10(last: int, base: int, expected: str) -> None:
    assert status(last, base) == expected


def test_negative_ratio_rise_of_exactly_20_points_is_critical() -> None:
    # 14/20 - 10/20 = 0.7 - 0.5: in floats 0.19999999999999996, in Fractions exactly 1/5
    assert 14 / 20 - 10 / 20 < 0.2
    c = Comparison(20, 20, 14, 10)
    assert c.negative_rise == Fraction(1, 5)
    assert classify(c) == "CRITICAL"


@pytest.mark.parametrize(("last", "ln", "base", "bn", "expected"), [
    (20, 13, 20, 10, "MONITOR"),     # +15 %p: MONITOR only
    (20, 12, 20, 10, "MONITOR"),     # exactly +10 %p
    (20, 11, 20, 10, "STABLE"),      # +5 %p
    (10, 6, 10, 4, "MONITOR"),       # +20 %p but 10 VOC: MONITOR, not CRITICAL
    (10, 5, 10, 4, "MONITOR"),       # exactly +10 %p at exactly 10 VOC
    (9, 9, 9, 0, "STABLE"),          # +100 %p with 9 VOC
    (30, 0, 30, 30, "STABLE"),       # the ratio fell: no rule
])
def test_negative_ratio_boundaries(last: int, ln: int, base: int, bn: int, expected: str) -> None:
    assert status(last, base, ln, bn) == expected


@pytest.mark.parametrize(("last", "base", "expected"), [
    (8, 10, "IMPROVED"),    # exactly -20 % with a base week of 10
    (9, 10, "STABLE"),      # -10 %
    (7, 9, "STABLE"),       # -22 % but 9 VOC
    (0, 10, "IMPROVED"),    # gone entirely
    (16, 20, "IMPROVED"),   # exactly -20 % at 20 VOC
])
def test_decline_boundaries(last: int, base: int, expected: str) -> None:
    assert status(last, base) == expected


@pytest.mark.parametrize(("last", "expected"), [(20, "CRITICAL"), (19, "MONITOR"), (10, "MONITOR"), (9, "STABLE"),
                                                (0, "STABLE")])
def test_growth_from_zero_counts_as_30_percent(last: int, expected: str) -> None:
    assert Comparison(last, 0, 0, 0).growth == (None if last else Fraction(0))
    assert status(last, 0) == expected


def test_first_rule_that_holds_wins() -> None:
    # -20 % (IMPROVED) but the negative ratio rose 25 %p with 25 VOC: CRITICAL comes first
    assert status(20, 25, 5, 0) == "CRITICAL"
    # -20 % and +10 %p at 10 VOC: MONITOR before IMPROVED
    assert status(8, 10, 1, 0) == "MONITOR"


def test_counts_are_checked() -> None:
    with pytest.raises(ValueError):
        Comparison(5, 5, 6, 0)
    with pytest.raises(ValueError):
        Comparison(-1, 5, 0, 0)


def test_people_read_whole_percentages() -> None:
    assert percent(Fraction(3, 10)) == "+30%" and percent(Fraction(-1, 5)) == "-20%" and percent(None) == "신규"
    assert points(Fraction(1, 5)) == "+20%p"


# --- weeks -------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["2026-W48", "2026-W53", "2020-W53", "2027-W01"])
def test_real_weeks_parse(name: str) -> None:
    assert str(IsoWeek.parse(name)) == name


@pytest.mark.parametrize(("name", "reason"), [
    ("2025-W53", "2025 has ISO weeks 01 to 52"), ("2026-W54", "01 to 53"), ("2026-W00", "01 to 53"),
    ("2026-48", "not an ISO week"), ("2026W48", "not an ISO week"), ("last week", "not an ISO week"),
])
def test_unknown_weeks_are_named(name: str, reason: str) -> None:
    with pytest.raises(WeekError, match=reason) as info:
        IsoWeek.parse(name)
    assert name in str(info.value)


def test_weeks_are_counted_in_shop_time() -> None:
    # Sunday 23:30 in Seoul is still W48; Monday 00:30 in Seoul (Sunday 15:30 UTC) is already W49
    assert str(IsoWeek.of(datetime(2026, 11, 29, 14, 30, tzinfo=timezone.utc), "Asia/Seoul")) == "2026-W48"
    assert str(IsoWeek.of(datetime(2026, 11, 29, 15, 30, tzinfo=timezone.utc), "Asia/Seoul")) == "2026-W49"
    assert str(IsoWeek.of(datetime(2026, 11, 29, 15, 30, tzinfo=timezone.utc), "UTC")) == "2026-W48"
    start, end = IsoWeek.parse("2026-W48").bounds_utc("Asia/Seoul")
    assert start == datetime(2026, 11, 22, 15, 0, tzinfo=timezone.utc)
    assert (end - start).days == 7


def test_report_week_is_the_week_before_and_crosses_years() -> None:
    monday_9am_seoul = datetime(2026, 11, 30, 0, 0, tzinfo=timezone.utc)
    assert str(report_week(monday_9am_seoul, "Asia/Seoul")) == "2026-W48"
    assert str(IsoWeek.parse("2027-W01").previous()) == "2026-W53"
    assert str(IsoWeek.parse("2026-W01").previous()) == "2025-W52"
