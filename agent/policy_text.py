"""Pick the policy sentences that answer the question, instead of quoting a whole section.

A policy section is a paragraph ("반품은 7일 이내 … 왕복 배송비 6,000원 … 택 제거 시 불가 …"); a
customer asks one thing ("적립금 언제 소멸돼요?"). Sentences are scored by the question's content
words (and their stems: "소멸돼요" → "소멸") plus a few generic question cues ("얼마" looks for
amounts, "언제" for days). The picked sentences are verbatim substrings of the fact, so the fact
guard passes by construction. Works on any shop's policy text; nothing here names one shop.
"""

from __future__ import annotations

import re

from core.language.korean_text import normalize, strip_particles, words

_SENTENCE_END = re.compile(r"(?<=[다요)]\.)\s+")
# Question word -> what an answering sentence tends to contain (generic Korean, not shop data).
_CUES: dict[str, tuple[str, ...]] = {
    "얼마": ("원", "%"), "비용": ("원",), "배송비": ("배송비",), "언제": ("일", "이내", "후"), "며칠": ("일", "이내"),
    "기간": ("일", "개월", "이내"), "몇번": ("회",), "몇회": ("회",), "어떻게": ("신청", "채널톡", "마이페이지", "요청"),
    "방법": ("신청", "채널톡", "마이페이지", "요청"), "어디": ("마이페이지", "채널톡", "앱"), "중복": ("1장", "함께", "중복"),
    "같이": ("함께",), "소멸": ("소멸",), "유효": ("소멸", "유효"), "시간": (":", "시"), "전화": ("전화",),
    "번호": ("전화", "070", "02-"), "택": ("택", "태그"), "입어": ("착용",), "착용": ("착용",), "세탁": ("세탁",),
}
_STOP = {"어떻게", "되나요", "돼요", "되요", "있나요", "있어요", "가능", "가능한가요", "가능해요", "알려주세요", "궁금해요",
         "하고", "싶어요", "하려고", "문의", "문의요", "드려요", "주세요", "해주세요", "얼마에요", "얼마예요", "인가요"}
MAX_SENTENCES = 2


def sentences(text: str) -> list[str]:
    """Split a policy paragraph into sentences (each keeps its final period)."""
    parts = [p.strip() for p in _SENTENCE_END.split(text or "") if p and p.strip()]
    return [p if p.endswith((".", "!", "?", ")")) else p + "." for p in parts]


def _stems(question: str) -> list[str]:
    out = []
    for w in words(question):
        w = strip_particles(w)
        if len(w) >= 2 and w not in _STOP:
            out.append(w)
    return out


def score(sentence: str, question: str, topic_words: tuple[str, ...] = ()) -> float:
    c = normalize(sentence)
    total = 0.0
    for w in _stems(question):
        # the topic word itself ("반품") is in most sentences of its section: half weight
        weight = 0.5 if w in topic_words else 1.0
        for n in range(len(w), 1, -1):  # longest prefix present: "소멸돼요" -> "소멸"
            if w[:n] in c:
                total += n * weight
                break
        for cue_word, cues in _CUES.items():
            if cue_word in w and any(x in sentence for x in cues):
                total += 1.5
    return total


def relevant(text: str, question: str, topic_words: tuple[str, ...] = (), limit: int = MAX_SENTENCES,
             default: int = MAX_SENTENCES) -> str:
    """The sentences of `text` that best answer `question` (its first `default` sentences if none do)."""
    parts = sentences(text)
    if len(parts) <= 1:
        return text.strip()
    scored = [(score(s, question, topic_words), i) for i, s in enumerate(parts)]
    best = max(sc for sc, _ in scored)
    if best < 2:
        return " ".join(parts[:default])
    picked = sorted(i for sc, i in sorted(scored, key=lambda t: (-t[0], t[1]))[:limit] if sc >= best * 0.6)
    return " ".join(parts[i] for i in picked)
