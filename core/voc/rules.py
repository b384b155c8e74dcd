"""The weekly comparison: exactly the four statuses of the VOC analyst, in exact arithmetic.

Last week = the week being reported, base week = the week before. Per category:

- CRITICAL: (growth >= 30 % or negative ratio +20 %p) and (last or base week VOC >= 20)
- MONITOR:  (growth >= 20 % or negative ratio +10 %p) and (last or base week VOC >= 10)
- IMPROVED: decline >= 20 % and (last or base week VOC >= 10)
- STABLE:   everything else.

Checked in this order; the first that holds wins. Growth from 0 counts as growth >= 30 %.
Ratios are `fractions.Fraction`, never floats: 20 %p means exactly 1/5, so 7/10 - 1/2 is on the
boundary (with floats 0.7 - 0.5 is 0.19999999999999996 and would miss it).
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

Status = Literal["CRITICAL", "MONITOR", "IMPROVED", "STABLE"]
STATUS_ORDER: tuple[Status, ...] = ("CRITICAL", "MONITOR", "IMPROVED", "STABLE")
CHANGED: frozenset[str] = frozenset({"CRITICAL", "MONITOR", "IMPROVED"})

CRITICAL_GROWTH = Fraction(30, 100)
CRITICAL_NEGATIVE_RISE = Fraction(20, 100)
CRITICAL_VOLUME = 20
MONITOR_GROWTH = Fraction(20, 100)
MONITOR_NEGATIVE_RISE = Fraction(10, 100)
MONITOR_VOLUME = 10
IMPROVED_DECLINE = Fraction(20, 100)
IMPROVED_VOLUME = 10


@dataclass(frozen=True)
class Comparison:
    """One category's counts in the two weeks, and what they mean."""

    last: int
    base: int
    last_negative: int
    base_negative: int

    def __post_init__(self) -> None:
        for name in ("last", "base", "last_negative", "base_negative"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must not be negative")
        if self.last_negative > self.last or self.base_negative > self.base:
            raise ValueError("negative counts cannot exceed the week's total")

    @property
    def growth(self) -> Fraction | None:
        """(last - base) / base; None when the base week had no VOC (growth from 0)."""
        if self.base == 0:
            return None if self.last > 0 else Fraction(0)
        return Fraction(self.last - self.base, self.base)

    @property
    def last_ratio(self) -> Fraction:
        return Fraction(self.last_negative, self.last) if self.last else Fraction(0)

    @property
    def base_ratio(self) -> Fraction:
        return Fraction(self.base_negative, self.base) if self.base else Fraction(0)

    @property
    def negative_rise(self) -> Fraction:
        """Change of the negative ratio in percentage points, as a fraction (1/5 = +20 %p)."""
        return self.last_ratio - self.base_ratio

    def grew_by(self, threshold: Fraction) -> bool:
        growth = self.growth
        return growth is None or growth >= threshold

    def declined_by(self, threshold: Fraction) -> bool:
        growth = self.growth
        return growth is not None and -growth >= threshold

    @property
    def volume(self) -> int:
        """The larger of the two weeks' counts (the rules say "last or base week VOC")."""
        return max(self.last, self.base)

    @property
    def status(self) -> Status:
        return classify(self)


def classify(c: Comparison) -> Status:
    """The first rule that holds, CRITICAL → MONITOR → IMPROVED → STABLE."""
    if (c.grew_by(CRITICAL_GROWTH) or c.negative_rise >= CRITICAL_NEGATIVE_RISE) and c.volume >= CRITICAL_VOLUME:
        return "CRITICAL"
    if (c.grew_by(MONITOR_GROWTH) or c.negative_rise >= MONITOR_NEGATIVE_RISE) and c.volume >= MONITOR_VOLUME:
        return "MONITOR"
    if c.declined_by(IMPROVED_DECLINE) and c.volume >= IMPROVED_VOLUME:
        return "IMPROVED"
    return "STABLE"


def percent(value: Fraction | None) -> str:
    """A fraction as a signed whole percentage for people (`+30%`, `-20%`, `신규` for growth from 0)."""
    if value is None:
        return "신규"
    pct = round(value * 100)
    return f"{pct:+d}%"


def points(value: Fraction) -> str:
    """A ratio change as signed percentage points (`+20%p`)."""
    return f"{round(value * 100):+d}%p"
