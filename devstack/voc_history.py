"""A seeded two-week history of VOC turn records: the demo's report, the tests' data, the bench's 100k week.

`two_weeks(week, tz, last_total)` gives the records of `week` and of the week before, shaped so the
report shows every status: a delivery-status surge (CRITICAL), more stock questions (MONITOR), a
defects category whose tone turned sour at low volume (MONITOR), fewer fee questions (IMPROVED), and
steady categories (STABLE). Customer texts are realistic Korean, some with phone numbers or order
numbers, so the stored excerpts show the redaction. Deterministic for a given seed.
Dev/test harness only: never imported by the Lambda runtime path.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

from core.voc.records import TurnRecord, turn_record
from core.voc.weeks import IsoWeek


@dataclass(frozen=True)
class Profile:
    """One category's share of the base week, its change, its negative ratios, and what customers say."""

    route: str
    topic: str
    base_share: int  # per mille of the base week
    growth: float  # last/base
    base_negative: float
    last_negative: float
    subjects: tuple[str, ...]
    negative_texts: tuple[str, ...]
    neutral_texts: tuple[str, ...]


PROFILES: tuple[Profile, ...] = (
    Profile("delivery", "status", 200, 1.55, 0.20, 0.45, ("배송 안내",),
            ("주문번호 20261118-0031 아직도 안 와요", "일주일째 배송 준비중이에요 너무 늦어요", "송장 조회가 안 돼요 답답하네요",
             "010-2345-6789 연락 주세요 언제 와요 진짜"),
            ("배송 조회 어떻게 해요?", "어제 주문한 거 언제 도착해요?", "출고됐나요?")),
    Profile("product", "stock", 150, 1.25, 0.10, 0.15, ("린넨 셔츠", "와이드 슬랙스", "옥스포드 셔츠"),
            ("린넨 셔츠 L 또 품절이네요 실망이에요", "재입고 한다더니 아직도 없네요"),
            ("린넨 셔츠 L 재고 있나요?", "와이드 슬랙스 블랙 28 있어요?", "옥스포드 셔츠 화이트 M 남았나요?")),
    Profile("general", "defects", 60, 1.17, 0.25, 0.55, ("옥스포드 셔츠", "불량·오배송 안내"),
            ("옥스포드 셔츠 단추가 떨어져서 왔어요 불량이에요", "실밥이 다 터져 있어요 환불해주세요", "받자마자 구멍이 나 있어요 최악"),
            ("불량 접수는 어떻게 하나요?",)),
    Profile("delivery", "fee", 130, 0.70, 0.05, 0.05, ("배송 안내",),
            ("배송비가 왜 이렇게 비싸요 별로네요",),
            ("제주 배송비 얼마예요?", "5만원 이상이면 무료배송인가요?", "도서산간 추가 요금 있나요?")),
    Profile("product", "size", 160, 1.03, 0.10, 0.10, ("린넨 셔츠", "데님 팬츠"),
            ("사이즈가 안 맞아요",), ("키 175에 70kg인데 M 맞을까요?", "데님 팬츠 허리 단면 알려주세요")),
    Profile("general", "returns", 100, 1.05, 0.20, 0.22, ("반품 안내",),
            ("반품 신청했는데 아직도 회수가 안 됐어요",), ("반품 어떻게 해요?", "택 제거하면 반품 안 되나요?")),
    Profile("product", "price", 80, 0.95, 0.05, 0.05, ("린넨 셔츠",), ("할인 끝났네요 실망",), ("린넨 셔츠 가격 얼마예요?",)),
    Profile("general", "other", 120, 1.0, 0.10, 0.10, (),
            ("홍길동님 이름으로 주문했는데 연락이 없어요",), ("안녕하세요", "적립금은 언제 들어와요?", "영업시간 알려주세요")),
)


def _records(week: IsoWeek, tz: str, counts: list[tuple[Profile, int, float]], rng: random.Random,
             tag: str) -> Iterator[TurnRecord]:
    start, _ = week.bounds_utc(tz)
    seconds = 7 * 86400
    for profile, n, negative_ratio in counts:
        negatives = round(n * negative_ratio)
        for i in range(n):
            negative = i < negatives
            texts = profile.negative_texts if negative else profile.neutral_texts
            yield turn_record(
                turn_id=f"{tag}{profile.topic}{i}", text=rng.choice(texts), route=profile.route, topic=profile.topic,
                subject=rng.choice(profile.subjects) if profile.subjects and rng.random() < 0.7 else None,
                negative=negative, handoff=negative and rng.random() < 0.3, fallback=rng.random() < 0.01,
                at=start + timedelta(seconds=rng.randrange(seconds)))


def two_weeks(week: IsoWeek, tz: str = "Asia/Seoul", base_total: int = 400, seed: int = 7) -> list[TurnRecord]:
    """Records of `week` and the week before; the base week holds about `base_total` turns."""
    return list(iter_two_weeks(week, tz, base_total, seed))


def iter_two_weeks(week: IsoWeek, tz: str = "Asia/Seoul", base_total: int = 400, seed: int = 7) -> Iterator[TurnRecord]:
    """`two_weeks` as a stream (the bench writes 100k records without holding them)."""
    rng = random.Random(seed)
    base = [(p, round(base_total * p.base_share / 1000), p.base_negative) for p in PROFILES]
    last = [(p, round(n * p.growth), p.last_negative) for p, n, _ in base]
    yield from _records(week.previous(), tz, base, rng, "b")
    yield from _records(week, tz, last, rng, "l")


def last_week_total(base_total: int) -> int:
    """How many records `two_weeks` puts in the reported week for a base week of `base_total`."""
    return sum(round(round(base_total * p.base_share / 1000) * p.growth) for p in PROFILES)
