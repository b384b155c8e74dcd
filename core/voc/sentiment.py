"""Is the customer unhappy? Korean complaint cues read from morphemes, not substrings.

Used when the pipeline gives no sentiment label (offline mode). mecab-ko reduces conjugated forms
to lemmas, so 느려요/느리네요/느렸는데 are all 느리 and 실망했어요 is 실망 + 하; the rules look at
lemmas and parts of speech:

- complaint words: 불량, 하자, 파손, 환불, 짜증, 실망, 최악, 불만, 불편, 답답, 황당, 느리, 늦, 지연, …
- phrases: 화(가) 나다, 짜증(이) 나다, 마음에 안 들다;
- a negated expectation: 안/못 + 오다/받다/맞다/되다/… ("안 와요", "못 받았어요", "작동이 안 돼요");
- 아직도 (아직 + 도): the customer has been waiting;
- a positive word negated: "안 좋아요", "만족스럽지 않아요", "괜찮지 않아요".

A complaint word followed by 아니다/않다 is cancelled ("불량은 아니에요", "느리지 않아요").
"""

from __future__ import annotations

from collections.abc import Sequence

from core.language.morphology import Morpheme, analyse

NEGATIVE_LEMMAS = frozenset({
    # product problems
    "불량", "불량품", "하자", "파손", "오배송", "누락", "고장", "얼룩", "오염", "구멍", "망가지", "찢어지", "터지", "깨지",
    "분실", "엉망", "엉터리",
    # money back, complaints
    "환불", "불만", "불만족", "항의", "신고", "사기", "보상",
    # feelings
    "짜증", "실망", "최악", "화나", "답답", "황당", "어이없", "속상", "억울", "후회", "불쾌", "불편", "불친절", "형편없",
    "별로", "최악", "기분나쁘", "열받",
    # slowness
    "느리", "늦", "지연", "늑장",
})
ANGER_HEADS = frozenset({"화", "짜증", "열"})  # + 나다: 화가 나요, 짜증 나네요, 열 받네요
ANGER_VERBS = frozenset({"날", "나", "받"})
EXPECTED_VERBS = frozenset({"오", "받", "맞", "되", "들", "듣", "열리", "잠기", "작동", "나오", "도착", "오시", "주", "보내",
                            "들어오", "연락", "해결", "처리", "읽"})
POSITIVE_LEMMAS = frozenset({"좋", "괜찮", "만족", "편하", "빠르", "친절"})
CANCELLERS = frozenset({"아니", "않"})
CANCEL_WINDOW = 4  # morphemes between a complaint word and 아니다/않다 ("불량은 아니에요": 불량 은 아니)


def _is_negation_adverb(m: Morpheme) -> bool:
    return m.pos == "MAG" and (m.lemma in {"안", "못"} or "부정부사" in m.semantic)


def _cancelled(morphemes: Sequence[Morpheme], index: int) -> bool:
    """Is the cue at `index` negated by a following 아니다/않다 ("불량은 아니에요")?"""
    for m in morphemes[index + 1:index + 1 + CANCEL_WINDOW]:
        if m.lemma in CANCELLERS and m.pos in {"VCN", "VX"}:
            return True
        if m.pos.startswith("S") and m.pos != "SN":  # a sentence mark ends the scope
            return False
    return False


def _surface_before(morphemes: Sequence[Morpheme], index: int, span: int = 3) -> str:
    return "".join(m.surface for m in morphemes[max(0, index - span):index])


def cues(text: str) -> list[str]:
    """The complaint cues found in `text` (lemmas or short phrases), in order; empty when none."""
    morphemes = analyse(text)
    found: list[str] = []
    for i, m in enumerate(morphemes):
        nxt = morphemes[i + 1:i + 4]
        if m.lemma in NEGATIVE_LEMMAS and m.pos in {"NNG", "NNP", "VV", "VA", "XR", "MAG"}:
            if not _cancelled(morphemes, i):
                found.append(m.lemma)
        elif m.lemma in ANGER_HEADS and m.pos == "NNG" and any(n.lemma in ANGER_VERBS and n.pos == "VV" for n in nxt):
            found.append(f"{m.lemma} 나다")
        elif _is_negation_adverb(m) and nxt:
            target = nxt[0]
            if target.pos in {"VV", "VA", "XSV"} and target.lemma in EXPECTED_VERBS | POSITIVE_LEMMAS:
                found.append(f"{m.lemma} {target.lemma}")
        elif m.lemma == "아직" and nxt and nxt[0].lemma == "도" and nxt[0].pos.startswith("J"):
            found.append("아직도")
        elif m.lemma == "없" and m.pos == "VA" and _surface_before(morphemes, i).endswith(("어이가", "어이")):
            found.append("어이없")  # mecab splits 어이가 없네요 into 어/IC 이/NP 가/JKS
        elif m.lemma in POSITIVE_LEMMAS and m.pos in {"VA", "NNG", "XR"}:
            if _cancelled(morphemes, i):
                found.append(f"{m.lemma} 않다")
    return found


def is_negative(text: str) -> bool:
    """True when the turn carries at least one complaint cue."""
    return bool(cues(text))
