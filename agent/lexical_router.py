"""The deterministic first routing stage: a character n-gram naive Bayes classifier with cue words.

It is trained from the labelled turns in `data/eval/train.jsonl` (a few milliseconds), needs no LM
and no third-party package, and reports a confidence so the pipeline asks the LM router only when
this stage is unsure. Customer text is short, spaced inconsistently and full of typos, so features
are character 2-3-grams over the text with spaces removed, word unigrams, and cue-word features
(generic shop vocabulary, plus the catalogue's own names/categories when the pipeline adds them).
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from agent.labelled_turns import ROUTES, read_cases, turn_text

DEFAULT_TRAIN_FILE = Path(__file__).resolve().parent.parent / "data" / "eval" / "train.jsonl"

# Cue words per route: generic Korean shop vocabulary (not tied to one catalogue or to test lines).
CUES: dict[str, tuple[str, ...]] = {
    "product": (
        "사이즈", "재고", "가격", "얼마", "색상", "색깔", "컬러", "소재", "원단", "핏", "할인", "세일", "품절",
        "재입고", "다시들어", "추천", "기장", "단면", "어깨", "허리", "총장", "세탁", "착용", "신축", "두께", "비침",
        "정사이즈", "남았", "있나요", "있어요", "상품", "신상", "베스트", "셔츠", "니트", "티셔츠", "반팔",
        "긴팔", "맨투맨", "후드", "후디", "슬랙스", "슬렉스", "바지", "팬츠", "청바지", "데님", "코트", "패딩",
        "자켓", "재킷", "셋업", "신발", "로퍼", "스니커즈", "부츠", "가방", "백팩", "크로스백", "벨트",
        "모자", "비니", "볼캡", "머플러", "양말", "가디건", "블루종", "아우터", "stock", "price", "size",
    ),
    "delivery": (
        "배송", "택배", "발송", "출고", "도착", "송장", "운송장", "배송비", "무료배송", "무배", "제주",
        "도서산간", "산간", "울릉", "우편번호", "배송지", "합배송", "묶음", "해외", "언제와", "언제 와",
        "받을수", "받아요", "당일", "마감", "택배사", "배송조회", "조회", "shipping", "delivery",
        "tracking", "ship", "새벽배송", "퀵",
    ),
    "general": (
        "반품", "교환", "환불", "취소", "결제", "카드", "페이", "입금", "할부", "적립금", "포인트", "쿠폰",
        "등급", "회원", "멤버십", "멤버쉽", "매장", "영업시간", "고객센터", "영수증", "세금계산서", "가입",
        "비밀번호", "탈퇴", "아이디", "안녕", "감사", "고마", "수고", "refund", "return", "exchange",
        "coupon", "불량", "환뷸", "반픔", "교한",
    ),
}
_ORDER_NO = re.compile(r"\d{8}\s*-?\s*\d{4}|\d{4}\s\d{4}\s\d{4}")
_POSTAL = re.compile(r"(?<!\d)\d{5}(?!\d)")
_MONEY = re.compile(r"\d[\d,]*\s*(?:원|만원|천원)|\d+\s*만")
CUE_WEIGHT = 5
NGRAMS = (2, 3)
_WORD = re.compile(r"[0-9a-z가-힣]+")


def normalize(text: str) -> str:
    """NFKC, lowercase, collapse whitespace (what every feature is computed from)."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def features(text: str, cues: dict[str, Sequence[str]] | None = None) -> Counter[str]:
    """Bag of features of one text (char 2-3-grams without spaces, words, cue words, shapes)."""
    norm = normalize(text)
    compact = norm.replace(" ", "")
    feats: Counter[str] = Counter()
    for n in NGRAMS:
        for i in range(len(compact) - n + 1):
            feats["c" + compact[i:i + n]] += 1
    for word in _WORD.findall(norm):
        feats["w" + word] += 1
    any_cue = False
    for route, words in (cues or CUES).items():
        hits = sum(1 for w in words if w and w in compact)
        if hits:
            feats["k:" + route] += CUE_WEIGHT * hits
            any_cue = True
    if not any_cue:
        feats["s:no_cue"] += CUE_WEIGHT
    if _ORDER_NO.search(norm):
        feats["s:order_no"] += 3
    if _POSTAL.search(_ORDER_NO.sub(" ", norm)):
        feats["s:postal"] += 2
    if _MONEY.search(norm):
        feats["s:money"] += 1
    return feats


@dataclass(frozen=True)
class LexicalRoute:
    """The first stage's answer: route, posterior of that route, and all posteriors."""

    route: str
    confidence: float
    scores: dict[str, float]


class LexicalRouter:
    """Multinomial naive Bayes over `features()`; `confidence` is a length-tempered posterior."""

    def __init__(self, alpha: float = 1.0, temperature: float = 0.5) -> None:
        self.alpha = alpha
        self.temperature = temperature
        self.cues: dict[str, list[str]] = {route: list(words) for route, words in CUES.items()}
        self.counts: dict[str, Counter[str]] = {r: Counter() for r in ROUTES}
        self.totals: dict[str, float] = {r: 0.0 for r in ROUTES}
        self.docs: dict[str, int] = {r: 0 for r in ROUTES}
        self.vocab: set[str] = set()

    # -- training -----------------------------------------------------------------------------
    def add_cues(self, route: str, words: Iterable[str]) -> None:
        """Add cue words (e.g. the catalogue's categories and product names) to a route."""
        if route not in ROUTES:
            raise ValueError(f"unknown route {route!r}; use one of {ROUTES}")
        known = set(self.cues[route])
        for word in words:
            w = normalize(word).replace(" ", "")
            if len(w) >= 2 and w not in known:
                self.cues[route].append(w)
                known.add(w)

    def fit(self, examples: Iterable[tuple[str, str]]) -> "LexicalRouter":
        for text, route in examples:
            if route not in ROUTES:
                raise ValueError(f"training example has unknown route {route!r}; use one of {ROUTES}")
            feats = features(text, self.cues)
            self.counts[route].update(feats)
            self.totals[route] += sum(feats.values())
            self.docs[route] += 1
            self.vocab.update(feats)
        return self

    @classmethod
    def from_jsonl(cls, path: Path = DEFAULT_TRAIN_FILE, **kwargs: float) -> "LexicalRouter":
        """Train from labelled JSONL lines (`message` or `messages`, `route`)."""
        return cls(**kwargs).fit((turn_text(row), row["route"]) for row in read_cases(path))

    # -- prediction ---------------------------------------------------------------------------
    def predict(self, text: str, context: str | None = None) -> LexicalRoute:
        """Route one turn; `context` (the previous customer message) counts at half weight."""
        feats = features(text, self.cues)
        if context:
            for name, count in features(context, self.cues).items():
                feats[name] += 0.5 * count
        n_docs = sum(self.docs.values()) or 1
        v = len(self.vocab) + 1
        logp: dict[str, float] = {}
        for route in ROUTES:
            denom = self.totals[route] + self.alpha * v
            score = math.log((self.docs[route] + 1) / (n_docs + len(ROUTES)))
            counts = self.counts[route]
            for name, count in feats.items():
                if name in self.vocab:
                    score += count * math.log((counts.get(name, 0) + self.alpha) / denom)
            logp[route] = score
        used = sum(c for name, c in feats.items() if name in self.vocab) or 1.0
        scale = self.temperature / math.sqrt(used)
        top = max(logp.values())
        exp = {r: math.exp((s - top) * scale) for r, s in logp.items()}
        z = sum(exp.values())
        post = {r: e / z for r, e in exp.items()}
        best = max(post, key=post.__getitem__)
        return LexicalRoute(best, post[best], post)

    # -- persistence --------------------------------------------------------------------------
    def to_dict(self) -> dict[str, object]:
        return {"alpha": self.alpha, "temperature": self.temperature, "cues": self.cues,
                "counts": {r: dict(c) for r, c in self.counts.items()}, "totals": self.totals,
                "docs": self.docs}

    @classmethod
    def from_dict(cls, data: dict) -> "LexicalRouter":
        router = cls(alpha=float(data["alpha"]), temperature=float(data["temperature"]))
        router.cues = {r: list(w) for r, w in data["cues"].items()}
        router.counts = {r: Counter(c) for r, c in data["counts"].items()}
        router.totals = {r: float(t) for r, t in data["totals"].items()}
        router.docs = {r: int(d) for r, d in data["docs"].items()}
        router.vocab = set().union(*router.counts.values())
        return router

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_dict(), ensure_ascii=False), encoding="utf-8")


