"""One week's VOC, counted per category while the records stream past (bounded memory).

A week of 100k turns is never held as a list: each record adds to its category's counts, its
category3 counter and, up to a small limit, its sample excerpts (negative ones first). What is
kept is what the report and its follow-ups show: counts, top subjects, a few excerpts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from core.voc.weeks import IsoWeek

SAMPLE_LIMIT = 5  # excerpts kept per category and week (negative ones first)


@dataclass
class CategoryTally:
    """Counts of one category in one week, its subjects and a few excerpts."""

    total: int = 0
    negative: int = 0
    handoffs: int = 0
    fallbacks: int = 0
    subjects: Counter[str] = field(default_factory=Counter)
    negative_samples: list[str] = field(default_factory=list)
    other_samples: list[str] = field(default_factory=list)

    def add(self, negative: bool, subject: str | None, handoff: bool, fallback: bool, excerpt: str,
            sample_limit: int = SAMPLE_LIMIT) -> None:
        self.total += 1
        if negative:
            self.negative += 1
        if handoff:
            self.handoffs += 1
        if fallback:
            self.fallbacks += 1
        if subject:
            self.subjects[subject] += 1
        if excerpt:
            bucket = self.negative_samples if negative else self.other_samples
            if len(bucket) < sample_limit and excerpt not in bucket:
                bucket.append(excerpt)

    def samples(self, limit: int = 3) -> list[str]:
        """Representative excerpts: the negative ones first, then others."""
        ordered = self.negative_samples + [s for s in self.other_samples if s not in self.negative_samples]
        return ordered[:limit]


@dataclass
class WeekTally:
    """All categories of one ISO week; `add` is called once per record."""

    week: IsoWeek
    categories: dict[str, CategoryTally] = field(default_factory=dict)
    sample_limit: int = SAMPLE_LIMIT

    def add(self, category: str, negative: bool, subject: str | None = None, handoff: bool = False,
            fallback: bool = False, excerpt: str = "") -> None:
        tally = self.categories.get(category)
        if tally is None:
            tally = self.categories[category] = CategoryTally()
        tally.add(negative, subject, handoff, fallback, excerpt, self.sample_limit)

    def get(self, category: str) -> CategoryTally:
        return self.categories.get(category) or CategoryTally()

    @property
    def total(self) -> int:
        return sum(t.total for t in self.categories.values())

    @property
    def negative(self) -> int:
        return sum(t.negative for t in self.categories.values())

    @property
    def handoffs(self) -> int:
        return sum(t.handoffs for t in self.categories.values())
