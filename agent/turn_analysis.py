"""What a customer turn says, from its morphemes: concepts, negation, question type, conditions, language.

Built once per turn from `core.language.morphology` (mecab-ko lemmas and parts of speech) and the
concept lexicon (`core.language.lexicon`). Pure logic: no knowledge access, no I/O. The agents read
intents and conditions from here instead of substring lists over the raw text:

- `concepts` / `negated`: concepts asserted vs. under negation ("상담원 연결 안 해도 돼요" names a
  person and a connection, both negated; "환불할 건 아니고" negates the refund request);
- `question`: what kind of answer is wanted (when / how_much / how_many / which / where / how / yes_no);
- `hypothetical` ("…하면", "if"), `request` ("…해 주세요", "I'd like to"), `reported` (something happened);
- `excluded`: spans of what the customer rules out ("린넨셔츠 말고");
- `lang`: "en" when the customer writes English (replies follow), else "ko".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace, field
from functools import lru_cache

from agent.entities import COUNT_WORDS
from core.language.lexicon import HOW_LONG, HOW_OFTEN, TOPIC_CONCEPTS, ConceptHit, question_kind, spot, terms_as_nouns
from core.language.korean_text import final_consonant
from core.language.morphology import Morpheme, analyse, know_words, known_words_as_nouns, normalise

_PREDICATE = frozenset({"VV", "VA", "VX", "XSV", "XSA", "VCP", "VCN"})
# (요 typed as 여 too: "되나여", "될까여")
_QUESTION_ENDINGS = re.compile(r"(나요|까요|가요|나여|까여|가여|ㄹ까|을까|니|냐|나|죠|지요|는지|은지|던가|인가|인지|되요|돼요|습니까|ㅂ니까|어요\?|아요\?|예요\?|에요\?|야\?|래\?|음\?|임\?)\s*[?？]*\s*$")
_WHAT = re.compile(r"뭐예요|뭐에요|뭔가요|뭐야|무엇|뭔지|\bwhat\b")
# (after an opening word: "also can it arrive before christmas", "ok and is it warm")
_YES_NO_EN = re.compile(r"^\s*(?:(?:also|and|so|ok|okay|oh|hi|hey|hello|then|but|plus|btw|well)[,!.]?\s+)*"
                        r"(do|does|did|is|are|was|were|can|could|will|would|have|has|should|may|any)\b", re.I)
_HYPOTHETICAL = re.compile(r"만약|만일|혹시\s*.*면|경우에?|하더라도|라도|\bif\b|\bin\s+case\b|\bwhat\s+if\b|\bsuppose", re.I)
REQUEST_TAIL = re.compile(r"(해\s*주세요|해\s*줘|해\s*주실|해\s*주시|주세요|줘요|주라|해줘|부탁|원해요|원합니다|싶어요|싶습니다|싶은데|하고\s*싶|할게요|할께요|"
                           r"할래요|하겠습니다|해\s*주실\s*수|해주실수|가능할까요|바랍니다|\bplease\b|\bi\s*(want|would\s+like|'d\s+like|need)\s+to\b|"
                           r"\b(can|could)\s+you\b|\bi\s*want\b"
                           # "DN-004541 취소요", "반품이요": an after-sale act said with 요 alone, at the end (no ?)
                           r"|(?:취소|반품|환불|교환)\s*(?:이)?요\s*[.!~ㅠㅜ]*\s*$)", re.I)
# the word that rules out what an excluded span names, right after it ("코랄 말고 …", "취소 말고 …")
RULED_OUT = re.compile(r"\s*(?:말고|말구|빼고|대신에?|아니고)")


def without_ruled_out(analysis: "TurnAnalysis") -> str:
    """The turn's text with the word right before each word that rules it out blanked, and that word too ("배송지 바꿀수
    있나요 제주 말고 서울로" -> "배송지 바꿀수 있나요 … 서울로"): the place or value the customer does not mean."""
    text = analysis.text
    for start, end in sorted(analysis.excluded, reverse=True):
        cut = RULED_OUT.match(text, end)
        if cut is not None:
            last = len(text[:end].rstrip())
            word = max(start, text.rfind(" ", start, last) + 1)
            text = text[:word] + " " * (cut.end() - word) + text[cut.end():]
    return text


AFTER_SALE_ACTS = frozenset({"cancellation", "returns", "refund", "exchange"})
# the words of a day ("주말", "오늘", "내일"): named in a remark, they ask no rule of that day
TIME_WORDS = frozenset({"weekend", "today", "tomorrow"})


def only_a_day_named(a: "TurnAnalysis", besides: frozenset[str]) -> bool:
    """A turn that names a day and, of concepts, only `besides` (small talk's), and asks the shop to do nothing
    ("토요일인데 일하시느라 고생많으세요"): the day is no rule asked of it."""
    return not a.request and bool(a.concepts & TIME_WORDS) and not a.concepts - TIME_WORDS - besides


# the one the customer writes to, as a pronoun ("너도", "넌", "당신은"): mecab's NP of the second person
_ADDRESSEE = frozenset({"너", "넌", "니", "네", "당신", "너희", "니네", "너네"})
# concepts small talk may name beside its subject: a day, whether something is had, greetings and wishes
_TALK_CONCEPTS = TIME_WORDS | {"exist", "greeting", "wish", "agree", "thanks", "quick", "offtopic"}


def talk_to_the_bot(a: "TurnAnalysis") -> bool:
    """A Korean turn about the one it is written to ("너도 월요병 있냐", "넌 주말에 뭐했어?", "너 피곤하지 않아?"): a
    second-person pronoun, no request, and no concept but small talk's (never "너네 반품 어떻게 해?", which asks a
    rule, nor "당신들 환불 언제 해줄 거예요", a complaint of one)."""
    return a.lang == "ko" and not a.request and any(m.pos == "NP" and m.surface in _ADDRESSEE for m in a.morphemes) \
        and not (a.concepts | a.negated) - _TALK_CONCEPTS


def declined_acts(a: "TurnAnalysis") -> set[str]:
    """The acts the customer rules out ("취소 말고 …", "환불 말고 교환으로"): every mention of them is inside a span the
    turn excludes."""
    hits = [h for h in a.hits if h.concept in AFTER_SALE_ACTS]
    return {c for c in {h.concept for h in hits} if all(a.in_excluded(h.start, h.end) for h in hits if h.concept == c)}


_DONE_AFTER = re.compile(r"\s*(?:을|를|은|는|이|가|도)?\s*(?:신청|접수|요청|처리|완료)?\s*(?:했|됐|되었|하였|해\s*놨|해\s*버렸|된\s*(?:거|건|상태))")


def done_acts(a: "TurnAnalysis") -> set[str]:
    """The after-sale acts the customer says are done ("취소했는데 환불 언제 돼요?", "반품 접수했는데 환불은요?") while
    another is asked: the one done is their case, the other the question (never every act: "취소했는데 왜 안 돼요"
    asks of the cancellation itself)."""
    hits = [h for h in a.hits if h.concept in AFTER_SALE_ACTS]

    def said_done(h: ConceptHit) -> bool:  # (the verb's hit "취소하" ends inside 했: 취소했는데)
        return bool(_DONE_AFTER.match(a.text, h.end)) or a.text[h.end - 1:h.end] in ("했", "됐")

    done = {c for c in {h.concept for h in hits} if all(said_done(h) for h in hits if h.concept == c)}
    return done if {h.concept for h in hits} - done else set()


def without_declined_acts(a: "TurnAnalysis") -> str:
    """The turn's text less each act it rules out and the word that rules it out ("교환 말고"): what is asked is the
    other act ("교환 말고 환불로 … 언제 들어와요" is of the refund), and no goods are dropped by it."""
    text = a.text
    for start, end in sorted(a.excluded, reverse=True):
        inside = [h for h in a.hits if start <= h.start and h.end <= end]
        cut = RULED_OUT.match(text, end)
        if inside and all(h.concept in AFTER_SALE_ACTS for h in inside) and cut is not None:
            text = text[:start] + " " * (cut.end() - start) + text[cut.end():]
    return text


_EXCLUDE = re.compile(r"(말고|빼고|제외하고|대신에?|말구|아니고|\bother\s+than\b|\bexcept\b|\binstead\s+of\b|\bbesides\b|\bnot\s+the\b)", re.I)
# (a perfect's negation too: "if I haven't opened it"; "isn't it …?" is left to the question it asks)
_EN_NEGATION = re.compile(r"\b(not|no|don't|dont|doesn't|doesnt|didn't|didnt|haven't|havent|hasn't|hasnt|never|without|"
                          r"no\s+need)\b", re.I)
_NOT_A_PRICE = re.compile(HOW_LONG + r"|얼마\s*나\s*남|얼마\s*동안")  # "얼마나 써요", "얼마나 남았어요", "얼마동안"
_HANGUL = re.compile(r"[가-힣ㄱ-ㅎㅏ-ㅣ]")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class TurnAnalysis:
    text: str
    lang: str
    morphemes: tuple[Morpheme, ...]
    hits: tuple[ConceptHit, ...]
    concepts: frozenset[str]
    negated: frozenset[str]
    question: str | None
    hypothetical: bool
    request: bool
    reported: bool
    excluded: tuple[tuple[int, int], ...] = ()
    lemmas: tuple[str, ...] = field(default=())
    negated_hits: tuple[ConceptHit, ...] = ()  # each hit inside a negation ("2주 됐는데 … 안됐어요": the second 되)

    def has(self, *names: str) -> bool:
        """Any of `names` asserted (not negated)."""
        return any(n in self.concepts for n in names)

    def mentions(self, *names: str) -> bool:
        """Any of `names` named at all, asserted or negated."""
        return any(n in self.concepts or n in self.negated for n in names)

    def all(self, *names: str) -> bool:
        return all(n in self.concepts for n in names)

    @property
    def is_question(self) -> bool:
        return self.question is not None

    def in_excluded(self, start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in self.excluded)


_KOREAN_ENDING = re.compile(r"[가-힣](요|까|다|니|죠|야|냐|나|음|임|자|래|지|네)\s*[?!.~ㅠㅜㅋㅎ]*\s*$")


# words that speak of time beside 얼마나 ("얼마나 걸려요", "며칠", "how long")
_TIME_WORDS = re.compile(r"걸리|걸려|걸릴|기다리|기다려|소요|며칠|몇\s*일|언제|기간|오래|뒤에|후에|\b(how\s+long|days?)\b", re.I)


def language(text: str) -> str:
    """"en" when the customer writes English (Latin letters clearly outnumber Hangul and the sentence does not
    end in a Korean predicate: "coupon code 있어요?" is Korean with English words), else "ko"."""
    clean = (text or "").strip()
    hangul = len(_HANGUL.findall(clean))
    latin = len(_LATIN.findall(clean))
    if hangul and _KOREAN_ENDING.search(clean) and not _nouns_only(clean.split()[-1]):
        return "ko"
    return "en" if latin >= 3 and latin >= 3 * max(hangul, 1) and hangul <= 6 else "ko"


def _nouns_only(word: str) -> bool:
    """The last word is nouns only ("... name 김민지"): a name or a noun that happens to end in 지/나/자, no predicate."""
    ms = [m for m in analyse(word) if not m.pos.startswith("S")]
    return bool(ms) and all(m.pos.startswith("N") or m.pos == "MM" for m in ms)


# 아니 + a question ending: "아닌가요", "아닌지", "아니에요?", "아니죠?", "아닌 것 같아요" (a confirmation, not a denial)
_TAG_QUESTION = re.compile(r"아닌\s*(가|지|거|것\s*같|듯)|아니(에요|예요|야|죠|지요|냐|니)\s*\?")


def _noun_before(ms: tuple[Morpheme, ...], i: int) -> bool:
    """The word before morpheme i (particles skipped) is a content noun, not a bound noun (거, 것, 건)."""
    k = i - 1
    while k >= 0 and ms[k].pos.startswith("J"):
        k -= 1
    return k >= 0 and ms[k].pos in ("NNG", "NNP")


_MUST_NOT_NOT = re.compile(r"\S{0,5}(으면|면)\s*안\s*(돼|되)")  # "(안) 해주시면 안 돼요?": a double negative, a request
_FINE_WITHOUT = re.compile(r"\S{0,6}도\s*(돼|되|괜찮)")  # "(안 해)주셔도 돼요", "(안 해)도 괜찮아요"


def _negated_spans(text: str, ms: tuple[Morpheme, ...]) -> list[tuple[int, int]]:
    """Character spans under negation: 안/못 + predicate (and the noun its light verb 하/되 carries),
    predicate + 지 않/못/말, a clause ending in 없/아니 (its nouns), and English not/don't/no need."""
    spans: list[tuple[int, int]] = []
    for i, m in enumerate(ms):
        if m.pos == "MAG" and m.lemma in ("안", "못") and ("부정" in m.semantic or m.lemma == "못"):
            for j in range(i + 1, min(len(ms), i + 3)):
                if ms[j].pos in _PREDICATE or ms[j].pos.startswith("V"):
                    if _MUST_NOT_NOT.match(text, ms[j].start):
                        break  # "연결 안 해주시면 안 돼요?": not doing it is refused, so it is asked for
                    start = ms[j].start
                    # "연결 안 해도": the light verb's noun is what is negated; across its particle only when not doing
                    # it is said to be fine ("연결은 안해주셔도 돼요"), never in "교환은 안 되나요?" (asks whether it can be)
                    k = i - 1
                    fine = bool(_FINE_WITHOUT.match(text, ms[j].start))
                    while k > 0 and ms[k].pos.startswith("J") and fine:
                        k -= 1
                    if (ms[j].lemma in ("하", "되") or fine) and k >= 0 and ms[k].pos.startswith("NN"):
                        start = ms[k].start  # (not doing it to the noun said to be fine: "연결은 안 시켜주셔도 돼요")
                    spans.append((start, ms[j].end))
                    break
        if m.pos == "EC" and m.lemma == "지" and i + 1 < len(ms) and ms[i + 1].lemma in ("않", "못", "말"):
            k = i - 1
            while k > 0 and ms[k].pos in ("EP", "XSV", "XSA"):
                k -= 1
            start = ms[k - 1].start if k > 0 and ms[k].lemma in ("하", "되") and ms[k - 1].pos.startswith("NN") else ms[k].start
            spans.append((start, ms[i + 1].end))
        if m.tags.endswith("+EC") and m.pos[:1] == "V" and i + 1 < len(ms) and ms[i + 1].pos == "VX" \
                and ms[i + 1].lemma in ("않", "못") and m.surface[-1:] in ("치", "지"):
            spans.append((m.start, ms[i + 1].end))  # -하지 contracted into one word: "연결 원치 않아요", "편치 않네요"
        if m.lemma == "아니" and m.pos == "VCN" and _TAG_QUESTION.match(text, m.start) and _noun_before(ms, i):
            continue  # "불량 아닌가요?", "이거 오배송 아니에요?": a tag question asserts the noun it names (not a
            # clause: "고기 다 상하는 거 아니에요?" worries, it reports nothing)
        if m.lemma in ("없", "아니") and m.pos in ("VA", "VCN"):
            # what is said not to exist: the noun phrase right before it ("연락이 없어요" -> 연락,
            # "필요 없어요" -> 필요; "환불할 건 아니고" -> 환불하 …), not the whole clause
            k = i - 1
            while k >= 0 and ms[k].pos.startswith(("J", "E", "X", "VCP")) and ms[k].pos != "XR":
                k -= 1
            start = k
            while start > 0 and i - start <= 4 and ms[start - 1].pos.startswith(("NN", "XS", "ETM", "VV")) \
                    and ms[start - 1].end == ms[start].start:
                start -= 1
            if k >= 0 and ms[k].pos == "NNB":  # "환불할 건 아니고": the clause that modifies 것/거 is negated
                while start > 0 and i - start <= 5 and ms[start - 1].pos in ("ETM", "EP", "XSV", "XSA", "VV", "VA", "VX", "NNG",
                                                                          "NNP"):
                    start -= 1
            if k >= 0:
                spans.append((ms[start].start, m.end))
    for match in _EN_NEGATION.finditer(text):
        end = min(len(text), match.end() + 30)
        stop = re.search(r"[.,;!?]|\bbut\b", text[match.end():end])
        spans.append((match.start(), match.end() + (stop.start() if stop else end - match.end())))
    return spans


# Counters after 몇 that ask for a time (몇 일, 몇 시, 몇 주) or an amount of money (몇 원); any other counter
# (번, 회, 개, 장, 켤레, 가지 …) asks how many. mecab-ko tags the counter NNBC, so no list of counters is needed.
_TIME_COUNTERS = frozenset({"일", "시", "주", "달", "개월", "년", "분", "시간", "요일"})


def _few_damaged(ms: tuple[Morpheme, ...], damage: frozenset[int]) -> list[tuple[int, int]]:
    """Spans of 몇 + counter right before a word of damage (starts in `damage`): 몇 counts what went wrong and asks
    nothing ("몇 개 물러 있어요", "몇 알 상했던데", "계란 몇 개가 깨져서": a few)."""
    spans = []
    for i, m in enumerate(ms[:-1]):
        if m.lemma == "몇" and ms[i + 1].pos in ("NNBC", "NNB", "NR", "NNG"):
            after = next((x for x in ms[i + 2:] if x.pos not in ("JKS", "JX", "MAG")), None)
            if after is not None and after.start in damage:
                spans.append((m.start, ms[i + 1].end))
    return spans


def _counted_question(ms: tuple[Morpheme, ...], skip: tuple[tuple[int, int], ...] = ()) -> str | None:
    """The question a 몇 + counter asks: when, how_much or how_many (None without one); none at a span of `skip`."""
    for i, m in enumerate(ms[:-1]):
        if m.lemma == "몇" and ms[i + 1].pos in ("NNBC", "NNB", "NR", "NNG") and (m.start, ms[i + 1].end) not in skip:
            counter = ms[i + 1].lemma
            if counter in _TIME_COUNTERS:
                return "when"
            if counter in ("원", "프로", "퍼센트", "%"):
                return "how_much"  # money or a rate (몇 프로) is an amount
            if counter in ("호", "호수", "사이즈", "치수"):
                return "which"  # "쿠션 몇 호 사야 돼요?": which of the shades or sizes, never a count
            if ms[i + 1].pos in ("NNBC", "NNB"):
                return "how_many"
            return "what"  # "몇키로에요", "몇 미리예요": a unit the analyser reads as a noun; its value is asked
    return None


# a last clause that gives the reason of what was said before it ("급해서요", "선물이라서", "이사 가거든요")
_REASON_TAIL = re.compile(r"[\s,]+\S*(?:[아어해]서|라서|이라서|니까|거든|때문에)요?\s*[.!~ㅠㅜ;^]*\s*$")


def _question(text: str, ms: tuple[Morpheme, ...], lang: str, few: tuple[tuple[int, int], ...] = ()) -> str | None:
    low = text.lower()
    for a, b in few:  # ("몇 개 물러 있어요": no count asked)
        low = low[:a] + " " * (b - a) + low[b:]
    kind = question_kind(low) or _counted_question(ms, few)
    if kind == "how_many" and "?" not in low and _SEVERAL_TIMES.search(low):
        kind = None  # "전화 몇 번을 했는데 안 받네요": 몇 번 in a past clause that goes on means "several times"
    if kind == "who" and "?" not in low and any(m.past for m in ms):
        kind = None  # "누가 뜯어본 것 같아요": someone did it, told (not "배송비는 누가 내요", asked)
    if kind:
        return kind
    if _WHAT.search(low) and ("?" in low or lang == "en" or re.search(r"(뭐예요|뭐에요|뭔가요|뭐야)", low)):
        return "what"
    if "?" in low or "？" in low or _QUESTION_ENDINGS.search(low.rstrip()):
        return "yes_no"
    asked = _REASON_TAIL.sub("", low.rstrip())
    if asked != low.rstrip() and _QUESTION_ENDINGS.search(asked.rstrip(" ,.~")):
        return "yes_no"  # "퀵으로 받을수있나요 급해서요": the question, then its reason
    if lang == "en" and _YES_NO_EN.search(low):
        return "yes_no"
    if ms and ms[-1].pos in ("EF", "EC") and ms[-1].lemma in ("나요", "까요", "가요", "니", "냐", "나", "죠", "지"):
        return "yes_no"
    if any(m.pos == "EF" and m.surface.endswith(("나요", "까요", "가요", "니까", "냐", "니")) for m in ms[-3:]):
        return "yes_no"
    return None


# verbs a part of the goods may be the subject of without anything wrong with it (it is there, fits, comes, looks)
_PART_NEUTRAL = frozenset({"있", "없", "되", "오", "하", "맞", "들", "들어가", "들어오", "보이", "나오", "달리", "붙", "어울리", "이"})


def _fails_told(analysis: "TurnAnalysis") -> bool:
    """A thing of the goods told not working ("한쪽이 안들려요", "전원이 안 켜져요"), see `agent.problems`."""
    from agent.problems import _thing_fails

    return _thing_fails(analysis)


def _part_acts(analysis: "TurnAnalysis") -> bool:
    """A sentence told, not asked (no question mark, no asking ending, no "if"), in which a part of the thing (a
    "part" word, 밑창, 지퍼) is the subject of a verb other than being there or fitting: "밑창이 벌써 들떠요"."""
    text = analysis.text
    parts = [(h.start, h.end) for h in analysis.hits if h.concept == "part"]
    ms = analysis.morphemes
    for k in range(len(ms) - 2):
        noun, particle = ms[k], ms[k + 1]
        if noun.pos != "NNG" or particle.pos != "JKS" or not any(a <= noun.start < b for a, b in parts):
            continue
        rest = ms[k + 2:k + 5]
        while rest and rest[0].pos == "MAG" and rest[0].lemma not in ("안", "못"):
            rest = rest[1:]
        if not rest or rest[0].pos != "VV" or rest[0].lemma in _PART_NEUTRAL:
            continue
        end = min((i for i in (text.find(c, rest[0].end) for c in ".?!~\n") if i >= 0), default=len(text))
        sentence = text[noun.start:end]
        told = sentence.rstrip(" .~!")
        if "?" in text[rest[0].end:end + 1] or _QUESTION_ENDINGS.search(told) or told.endswith("면"):
            continue  # asked, or supposed ("밑창이 들뜨나요?", "… 들뜨면")
        return True
    return False


def _gone_from_it(analysis: "TurnAnalysis") -> bool:
    """나가 (go out) said, not asked, with a subject (noun + 이/가) that names no goods (`GENERIC_NOUNS`, "박스", "옷"
    are what is sent) and no shop concept but a part or material of the thing: a thread, a power, a light gone out of it."""
    if analysis.is_question and "?" in analysis.text or analysis.hypothetical:
        return False
    ms = analysis.morphemes
    for k in range(2, len(ms)):
        noun = ms[k - 2]
        if ms[k].lemma == "나가" and ms[k].pos == "VV" and ms[k - 1].pos == "JKS" and noun.pos == "NNG" \
                and noun.surface not in GENERIC_NOUNS and noun.surface not in ("박스", "상자", "옷") \
                and not any(h.start <= noun.start < h.end and h.concept not in ("part", "material", "defect")
                            for h in analysis.hits):
            return True
    return False


# another thing than the one ordered came ("다른 색이 왔어요", "잘못 왔어요", "wrong size")
# sent wrongly ("잘못 왔어요", "잘못 보내셨어요"): what `agent.problems` reads as a wrong item too
WRONG_SENT = r"잘못\s*(?:왔|온|배송|보내|발송)"
# (or any thing said after 다른 as the subject of its coming: "다른 사람 옷이 왔어요"; not "다른 건 왔는데", the rest came)
_OTHER_CAME = re.compile(r"다른\s*(상품|제품|물건|옷|색|색상|컬러|사이즈|치수|옵션|신발)\S{0,2}\s*(이|가|으로|로)?\s*(왔|와\s*있|도착|배송\s*됐)|"
                         r"다른\s+(?:[가-힣]+\s+)?[가-힣]+?(?:이|가)\s*(?:왔|와\s*있|도착했)|"
                         + WRONG_SENT + r"|\b(got|received|sent)\s+(me\s+)?(the\s+)?wrong\s+(item|size|colou?r|product)\b", re.I)
# "이걸 보내면 어떡해요", "이렇게 팔면 어떻게 해요": a reproach for what was done, not a condition
_REPROACH = re.compile(r"(이걸|이거|이런\s*걸|이런\s*거|이따위|이렇게)\s*(?:\S+\s+)?\S*면\s*(어떡|어떻게\s*해|어쩌)")


# "지금이라도", "이제라도", "늦게라도": even now, even late (the time of a real request), no "if"
_EVEN_NOW = re.compile(r"(지금|이제|늦게|뒤늦게|나중에|오늘)\s*(이)?라도")


# a time within which the goods must be eaten or used ("며칠 안에 먹어야", "언제까지 드셔야", "within how many days
# should I eat"): their shelf life
_CONSUMED_WITHIN = re.compile(r"(?:며칠|몇\s*일|언제까지|얼마\s*(?:안|동안))\S*\s*(?:안에|내에|이내에?)?\s*(?:다\s*)?"
                              r"(?:먹|마시|드셔|드시|섭취|써|쓰|사용|바르|발라)|\b(?:eat|drink|consume)\b.*\bwithin\b|\bhow\s+(?:long|many\s+days)\b.*\b(?:eat|drink|consume)\b",
                              re.I)


# "환불 안 해주면 신고할 거예요", "처리 안 해주시면": a condition on the shop not acting, a threat, not the customer's "if"
_UNLESS_YOU_DO = re.compile(r"(?:안|못)\s*(?:해\s*)?주(?:시)?면|(?:해\s*)?주지\s*않(?:으시)?면")


_NOT_DONE_YET = re.compile(r"아직\s*(?:\S+\s*)?(?:안|못)\s*(?:했|하|한)")
# a concept read as another by the words after it ("how many points will I get": come_in, no purchase; "pay
# shipping": the fee, no way of paying); the retrieval leaves the first one's token out (`policy_answer.question_tokens`)
REREAD_AS = {"buy": "come_in", "payment": "fee"}
_FOR_THE = re.compile(r"\s+(?:for\s+)?(?:the\s+)?", re.I)
_GET_COUNTED = re.compile(r"\bhow\s+(?:many|much)\s+(?:\w+\s+){0,2}?(?:points?|credits?|rewards?|coupons?)\s+"
                          r"(?:\w+\s+){0,3}get$", re.I)
_TIMES = frozenset({"weekend", "today", "tomorrow"})  # a stretch of time a customer may be wished a good one of


def _time_spent(ms: tuple[Morpheme, ...], hits: tuple[ConceptHit, ...]) -> set[int]:
    """Starts of 보내- whose object is a stretch of time ("주말 잘 보내세요", "연휴 즐겁게 보내시고", "좋은 주말 보내요"):
    the noun before it, past its object particle and adverbs, is a time concept's word (주말, 오늘, 내일 …) said with an
    adverb or after an adjective; never a thing sent, nor a time said as when ("오늘 보내주세요", "주말에 보내주세요")."""
    out = set()
    for i, m in enumerate(ms):
        if m.lemma != "보내" or m.pos != "VV":
            continue
        k = i - 1
        adverb = False
        while k >= 0 and (ms[k].pos in ("JKO", "MAG", "XSA") or ms[k].pos == "EC" and ms[k].surface == "게"
                          or ms[k].pos == "VA" and k + 1 < len(ms) and ms[k + 1].surface == "게"):
            adverb = adverb or ms[k].pos in ("MAG", "EC")
            k -= 1
        if k < 0 or not ms[k].is_noun:
            continue
        timed = any(h.concept in _TIMES and h.start <= ms[k].start < h.end for h in hits)
        wished = k > 1 and ms[k - 1].pos == "ETM" and ms[k - 2].pos == "VA"  # ("좋은 주말")
        if timed and (adverb or wished):
            out.add(m.start)
    return out


_MADE_IN = re.compile(r"[산제](?=$|[^가-힣]|[이인은는을를에요예도만])")


def not_yet_prefixed(text: str, start: int) -> bool:
    """"미개봉", "미사용": the word at `start` carries the prefix 미- "not yet", which negates it (in a question as in
    a rule)."""
    return start > 0 and text[start - 1] == "미" and (start == 1 or not text[start - 2].isalnum())


def _hypothetical(text: str, ms: tuple[Morpheme, ...]) -> bool:
    if _REPROACH.search(text) or _UNLESS_YOU_DO.search(text):
        return False
    if _HYPOTHETICAL.search(_EVEN_NOW.sub(" ", text)):
        return True
    for i, m in enumerate(ms):
        if_ending = m.lemma in ("면", "으면") or m.surface.endswith("면") and "+" in m.tags  # ("깨지면": 어+지+면 in one)
        if m.pos == "EC" and if_ending and i > 0 and (ms[i - 1].pos in _PREDICATE or ms[i - 1].pos.startswith("V")
                                                                   or ms[i - 1].pos == "EP"):
            return True
        if m.surface == "사면" and m.pos.startswith("NN"):  # mecab reads "사면" (if I buy) as a noun
            return True
    return False


def _excluded(text: str, ms: tuple[Morpheme, ...]) -> list[tuple[int, int]]:
    """What the customer rules out: the words before 말고/빼고/대신 in the same clause, or after "other than"."""
    spans = []
    for match in _EXCLUDE.finditer(text):
        if match.group(0).lower().startswith(("other", "except", "instead", "besides", "not")):
            tail = text[match.end():]
            stop = re.search(r"[.,;!?]|\b(do|is|are|any|have|what)\b", tail)
            spans.append((match.end(), match.end() + (stop.start() if stop else len(tail))))
            continue
        head = text[:match.start()]
        cut = max(head.rfind(","), head.rfind("."), head.rfind("?"), head.rfind("!"))
        start = cut + 1 if cut >= 0 else 0
        spans.append((start, match.start()))
    return spans


_SEND_STEMS = ("보내", "부치")
_AFTER_SALE = ("returns", "exchange", "refund")


# what a customer sends the shop that is no parcel: a photo, a video, a paper ("사진은 어디로", "소견서 어떻게")
_WHAT_CUSTOMERS_SEND = re.compile(r"(?:사진|영상|동영상|서류|소견서|진단서|증빙|캡처|캡쳐|스크린샷|영수증|인증샷|파일|photos?|pictures?|"
                                  r"videos?|screenshots?)\S{0,2}\s*(?:\S+\s+){0,2}$", re.I)


_SENT_AFTER_EN = re.compile(r"\s+(?:you\s+)?(?:the|my|a|some|these|those|them|it)?\s*(?:photos?|pictures?|videos?|screenshots?|"
                            r"receipts?|documents?)\b", re.I)


def sent_by_customer(a: TurnAnalysis) -> bool:
    """The sending in the turn is the customer's ("사진 보내드리면", "반품 언제 보내야 돼요?"), not the shop's
    dispatch ("보내주세요", "오늘 발송돼요?"): every send verb is humble (보내드리) or, in an after-sale turn,
    not asked of the shop (no benefactive 주)."""
    sends = [h for h in a.hits if h.concept == "dispatch"]
    if sends and all(_WHAT_CUSTOMERS_SEND.search(a.text[max(0, h.start - 14):h.start])
                     or _SENT_AFTER_EN.match(a.text, h.end) for h in sends):
        return True  # "사진은 어디로 보내요?", "소견서 어떻게 보내요": a photo or a paper the customer sends, no parcel
    if not sends or any(h.form not in _SEND_STEMS for h in sends):
        return False
    ms = a.morphemes
    for h in sends:
        after = [m for m in ms if m.start >= h.end][:2]
        lemmas = [m.lemma for m in after]
        if "드리" in lemmas:
            continue  # 보내드릴게요: the customer sends
        if any(x in ("주", "줘") for x in lemmas) or not a.has(*_AFTER_SALE):
            return False  # 보내주세요: asked of the shop
    return True


# ("how long does it last / keep once opened": of a thing that is used up, never a battery's charge)
_CONSUMED = re.compile(r"먹|마시|드세|\b(eat|drink|consume)\b|^(?!.*(battery|배터리|충전|charge|play)).*\b(last|lasts|keep|keeps)\b",
                       re.I | re.S)


# "혼자 사는데", "자취해서 둘이 살아요": 살다 (to live) said of the household, never 사다 (to buy)
_LIVING = re.compile(r"(혼자|둘이|셋이|넷이|자취|가족(이랑|과|끼리)?|부부|식구|원룸|기숙사|부모님(이랑|과)?)\s*(\S+\s*)?"
                     r"(사는데|살아서|살고|살아요|사는|살거든|살면|살아)")
# a one-syllable word of a verb stem and the adnominal -ㄹ ("쌀" = 싸 + -ㄹ, cheap) with a number, a particle or nothing
# after it: an adnominal only ever precedes a noun, so it is a noun ("쌀 10키로" is rice)
_NOUN_AFTER = re.compile(r"\s*\d|(이|은|도|을|만|이랑|하고)(?![가-힣])|\s*$|\s*[?,.!]")




_TIER_COLOURS = frozenset({"실버", "골드", "silver", "gold"})


def _misread_stem(text: str, h: ConceptHit) -> bool:
    """A stem hit the analyser took from a word that is no such verb here (see `_LIVING`, `_NOUN_AFTER`), or 산지 that
    is 사다 + 지 with a time after it ("산지 1년 반 됐어요": since it was bought, not the place it comes from)."""
    if h.concept == "origin" and h.form == "산지":
        from agent.periods import elapsed

        since = elapsed(text[h.start:h.end + 12])  # ("산지 얼마 안 됐는데": a time asked or left unsaid, too)
        return since is not None and since.event == "purchase" or bool(re.match(r"\s*(얼마|며칠|몇)", text[h.end:]))
    if h.concept == "buy" and h.via == "stem" or h.concept == "together" and h.form in ("둘이", "셋이", "넷이"):
        return any(m.start() <= h.start < m.end() for m in _LIVING.finditer(text))  # ("둘이 사는데": two live there)
    word = text[h.start:h.start + 1]
    if h.via == "stem" and len(h.form) == 1 and word != h.form and final_consonant(word) == "ㄹ" \
            and (h.start == 0 or not re.match(r"[가-힣]", text[h.start - 1])) and _NOUN_AFTER.match(text, h.start + 1):
        return True
    return False


# after a fault's word, what a product or a care step does against it ("곰팡이 제거제", "얼룩 제거 방법", "벌레 퇴치",
# "stain remover"): the fault names a use, none is reported
_AGAINST_IT = re.compile(r"\S{0,2}\s*(제거|방지|퇴치|예방|차단|억제)|\s*(remover|repellent|resistant|proof)\b", re.I)


# a unit the customer's body is measured in, and the range a grown body's measure falls in
_BODY_RANGE = {"kg": (30, 200), "키로": (30, 200), "cm": (100, 220), "센치": (100, 220)}
_NUMBER_BEFORE = re.compile(r"(\d+(?:\.\d+)?)\s*$")


def _goods_measure(text: str, h: ConceptHit) -> bool:
    """A unit after a number no grown body measures ("쌀 20kg", "사과 5키로", "30cm 선반"): the goods' weight or size,
    not the customer's body (a body is told with 키/몸무게, or with a number in a body's range: "65kg인데")."""
    if h.concept != "body" or h.form not in _BODY_RANGE:
        return False
    number = _NUMBER_BEFORE.search(text[:h.start])
    low, high = _BODY_RANGE[h.form]
    return number is not None and not low <= float(number.group(1)) <= high


# verbs of a person who helps ("상담해 줄 사람", "답해줄 사람"): the shop's person asked for
_HELPER_VERB = re.compile(r"상담|도와|도움|답|응대|연결|얘기|이야기|말할|통화|확인해")
# a verb's last syllable with -아/-어 fused into it ("깔려", "나와", "돼"): the verb joined to an auxiliary
_JOINED_A_EO = frozenset("아어여려와워해돼져춰혀겨셔놔봐")
# the connective endings of an obligation (-아야/-어야/-여야/-야 되다·하다)
_MUST_ENDINGS = frozenset({"아야", "어야", "여야", "야", "해야"})


def _part_of_a_thing_sought(ms: tuple[Morpheme, ...], h: ConceptHit, there: frozenset[int]) -> bool:
    """A concept read off the leading part of one compound noun the analyser keeps whole ("냉장고": 냉장 + 고,
    "김치냉장고"), when that noun is what the turn asks the shop has or sells ("냉장고 있어요?", "냉장고도 파나요?"): the
    noun names a thing, not its part's matter (storage). Never the compound's whole word nor its head. `there`: where
    the turn's existence words start (있다, 팔다: the `exist` concept)."""
    for i, m in enumerate(ms):
        if not (m.parts and m.pos in ("NNG", "NNP") and m.start <= h.start and h.end < m.end):
            continue
        rest = [x for x in ms[i + 1:] if x.pos[:1] != "J"]  # (its particles: "냉장고도 있어요?")
        return bool(rest) and rest[0].start - m.end <= 2 and rest[0].start in there
    return False


def learn_catalogue_words(words: Iterable[str]) -> None:
    """Read the catalogue's words the analyser cuts oddly as one noun from now on (`know_words`); the cached analyses
    made before are dropped."""
    if know_words(words):
        analyse_turn.cache_clear()


@lru_cache(maxsize=2048)
def analyse_turn(text: str) -> TurnAnalysis:
    """Analyse one customer turn (cached: the router, grounders and guard all read the same analysis)."""
    clean = normalise(text)
    ms = terms_as_nouns(clean, known_words_as_nouns(clean, analyse(clean)))
    lang = language(clean)
    spotted = spot(clean, ms)
    there = frozenset(h.start for h in spotted if h.concept == "exist")
    hits = tuple(h for h in spotted if not _misread_stem(clean, h) and not _goods_measure(clean, h)
                 and not (h.concept == "defect" and _AGAINST_IT.match(clean, h.end))
                 and not _part_of_a_thing_sought(ms, h, there))
    shopping = [h for h in hits if h.concept in ("stock", "restock", "option")]
    # "헤드폰 실버 재고 있어요", "골드 색상": a tier's word (실버, 골드) right before a product's stock or options is a colour
    hits = tuple(h for h in hits if not (h.concept == "membership" and h.form.lower() in _TIER_COLOURS
                                         and any(0 <= x.start - h.end <= 2 for x in shopping)))
    few = tuple(_few_damaged(ms, frozenset(h.start for h in hits if h.concept in ("defect", "break"))))
    hits = tuple(h for h in hits if not (h.concept == "how_many" and any(a <= h.start < b for a, b in few)))
    # "전화 안받으시네요": a call that went unanswered, no parcel that was not received
    unanswered = [m.span() for m in CALL_UNANSWERED.finditer(clean)]
    unanswered += [m.span() for m in ORDER_NUMBER_UNKNOWN.finditer(clean)]  # "I lost my order number": not the parcel
    hits = tuple(h for h in hits if not (h.concept == "not_received" and any(s0 <= h.start < e0 for s0, e0 in unanswered)))
    # "지금 전화하면 받아요?", "전화 받나요?": a call answered, no parcel received
    answered = [m.span(1) for m in _CALL_ANSWERED.finditer(clean)]
    hits = tuple(h for h in hits if not (h.concept == "arrival" and any(s0 <= h.start < e0 for s0, e0 in answered)))
    # "맘이 바뀌어서", "생각이 바뀌었는데": the customer's mind changed, nothing was swapped in the parcel
    hits = tuple(replace(h, concept="simple_change") if h.concept == "wrong_item" and h.via == "stem"
                 and _MIND_BEFORE.search(clean, 0, h.start) else h for h in hits)
    # "입금 아직 안 했는데": something the customer has not done yet, no parcel that is late (a clause with a shipping
    # word keeps it: "아직 출고 안 했나요?")
    not_done = [m.span() for m in _NOT_DONE_YET.finditer(clean)]
    parcel = [h for h in hits if h.concept in ("shipping", "dispatch", "arrival", "tracking")]
    hits = tuple(h for h in hits if not (h.concept == "late" and any(s0 <= h.start < e0 for s0, e0 in not_done)
                                         and not any(any(s0 - 6 <= x.start < e0 for s0, e0 in not_done) for x in parcel)))
    # "받는사람 주소로 보내주세요", "주문한 사람이 달라요": 사람 described by a clause before it is that person, not
    # a person of the shop asked for (but "상담해 줄 사람", "도와줄 사람": one who helps is)
    described = {m.start for i, m in enumerate(ms) if i and m.surface == "사람" and ms[i - 1].pos == "ETM"
                 and m.start - ms[i - 1].end <= 1}
    described = {x for x in described if not _HELPER_VERB.search(clean[max(0, x - 8):x])}
    hits = tuple(h for h in hits if not (h.concept == "human" and h.start in described))
    # "맥OS 깔려있어요?", "설치되어 있어요?": 있다 as the auxiliary of a verb's state (-아/-어 있다), not a thing that is
    # there (in stock)
    auxiliary = {m.start for i, m in enumerate(ms) if i and m.pos == "VX" and m.lemma in ("있", "있다")
                 and (ms[i - 1].pos == "EC" and ms[i - 1].surface in ("아", "어", "여")
                      or ms[i - 1].pos in ("VV", "XSV") and ms[i - 1].surface[-1:] in _JOINED_A_EO)}
    hits = tuple(h for h in hits if not (h.concept == "exist" and h.start in auxiliary))
    # "필터 언제 갈아야돼요?", "뭐 해야 돼요": -아야/-어야 되다 is what must be done, not whether it can be
    must = {m.end for m in ms if m.pos.startswith("E") and m.surface in _MUST_ENDINGS}
    hits = tuple(h for h in hits if not (h.concept == "possible" and any(0 <= h.start - e <= 1 for e in must)))
    # "됐고 그냥 취소해주세요", "아 됐어요 환불해줘요": a turn opened by 됐다 waves aside what came before ("never
    # mind"), it asks no "can it be done"
    waved = _waved_aside(ms)
    hits = tuple(h for h in hits if not (h.concept == "possible" and h.start == waved))
    # "중국산이에요?", "베트남제": a country with the suffix 산/제 is where the goods are made, no shipping abroad
    hits = tuple(replace(h, concept="origin") if h.concept == "overseas" and _MADE_IN.match(clean, h.end) else h for h in hits)
    # "how many points will I get": English "get" after a reward counted is receiving it, no purchase
    hits = tuple(replace(h, concept=REREAD_AS["buy"]) if h.concept == "buy" and _GET_COUNTED.search(clean[:h.end])
                 else h for h in hits)
    # "do I pay shipping?", "I paid for shipping": paying for the delivery is its fee, not how one pays
    shipped = [x.start for x in hits if x.concept == "shipping"]
    hits = tuple(replace(h, concept=REREAD_AS["payment"]) if h.concept == "payment" and lang == "en"
                 and any(_FOR_THE.fullmatch(clean[h.end:x]) for x in shipped if x >= h.end) else h for h in hits)
    # "제주도면 배송 더 늦어요?": late asked with 더 (more) compares how long it takes, no delay reported
    longer = {m.start for i, m in enumerate(ms) if i and ms[i - 1].pos == "MAG" and ms[i - 1].lemma == "더"
              and m.pos == "VA" and m.lemma in ("늦", "느리")} if clean.rstrip().endswith(("?", "？")) else set()
    hits = tuple(replace(h, concept="duration") if h.concept == "late" and h.start in longer else h for h in hits)
    # "늦게까지 고생 많으세요": late as far as a time (늦게 + 까지) says until when, no delay
    until_late = {m.start for i, m in enumerate(ms[:-2]) if m.pos == "VA" and m.lemma == "늦"
                  and ms[i + 1].surface == "게" and ms[i + 2].surface == "까지"}
    hits = tuple(h for h in hits if not (h.concept == "late" and h.start in until_late))
    # "주말 잘 보내세요", "좋은 하루 보내요": 보내다 with a stretch of time as its object spends it, a wish; no goods sent
    spent = _time_spent(ms, hits)
    hits = tuple(replace(h, concept="wish") if h.concept == "dispatch" and h.start in spent else h for h in hits)
    negations = _negated_spans(clean, ms)
    negated: set[str] = set()
    asserted: set[str] = set()
    negated_hits = []
    under = [h for h in hits if any(a <= h.start < b for a, b in negations) or not_yet_prefixed(clean, h.start)]
    for h in hits:
        # (a noun of the same concept right before the negated verb is its object: "비닐 안뜯었는데" opened nothing)
        # (so is a person right before a call negated: "사람 안불러도 돼요" calls no one, whatever else is changed)
        # (the word that rules out is never under its own negation: "린넨 아니고 면으로" rules 린넨 out)
        if h.concept != "exclude" and (h in under or any(x.concept == h.concept and 0 < x.start - h.end <= 3 for x in under)
                                       or h.concept == "human"
                                       and any(x.concept == "connect" and 0 < x.start - h.end <= 4 for x in under)):
            negated.add(h.concept)
            negated_hits.append(h)
        else:
            asserted.add(h.concept)
    question = _question(clean, ms, lang, few)
    reported = any((m.pos == "EP" and m.lemma in ("었", "았", "였", "었었")) or (m.pos != "EP" and m.past) for m in ms) \
        and question in (None, "yes_no")
    analysis = TurnAnalysis(
        text=clean, lang=lang, morphemes=ms, hits=hits, concepts=frozenset(asserted), negated=frozenset(negated - asserted),
        question=question, hypothetical=_hypothetical(clean, ms), request=bool(REQUEST_TAIL.search(clean)),
        reported=reported, excluded=tuple(_excluded(clean, ms)),
        lemmas=tuple(m.lemma.lower() for m in ms if m.pos[:1] in ("N", "V", "S") or m.pos in ("MAG", "XR")),
        negated_hits=tuple(negated_hits),
    )
    if _CONSUMED_WITHIN.search(clean) and not analysis.has("expiry"):
        # "받으면 며칠 안에 먹어야 돼요?": how long the goods keep once received, not when they arrive
        analysis = replace(analysis, concepts=(analysis.concepts - {"arrival"}) | {"expiry"})
    if "price" in analysis.concepts and _NOT_A_PRICE.search(clean) and all(
            h.form.startswith("얼마") for h in hits if h.concept == "price"):
        analysis = replace(analysis, concepts=analysis.concepts - {"price"})  # "얼마나 써요": how long, not a price
    if analysis.has("fee", "cost") and {h.form for h in hits if h.concept == "duration"} == {"얼마나"} \
            and not _TIME_WORDS.search(clean):
        # "배송비 얼마나 붙어요?": 얼마나 of a fee or a cost asks how much, no length of time
        analysis = replace(analysis, concepts=(analysis.concepts - {"duration"}) | {"price"})
    if analysis.has("discount") and not analysis.has("coupons") and _NEWCOMER.search(clean):
        # "any discount for first order?", "신규 회원 할인 있어요?": a discount for a first order or a new member is
        # given by the shop's coupons (its sign-up rules), not by a sale on a product
        analysis = replace(analysis, concepts=analysis.concepts | {"coupons"})
    if (SKIN_REACTION.search(clean) or _reacted_after_use(clean, hits)) and not analysis.has("skin") \
            and not (analysis.hypothetical and analysis.is_question and not re.search(r"(았|었|였|왔|졌)", clean)):
        # "얼굴이 빨갛게 올라왔어요", "얼굴 다 뒤집어졌어요": the skin reacted, said of a part of the face or body (not
        # "바르면 볼이 빨개져요?": what may happen, asked)
        analysis = replace(analysis, concepts=analysis.concepts | {"skin"})
    if analysis.has("part") and not analysis.has("defect", "break") and _part_acts(analysis):
        # "밑창이 벌써 들떠요.. 교환 되나요?", "지퍼가 자꾸 걸려요": a part of the thing doing something, told in a sentence
        # of its own, is a fault of it (the question after it asks what the shop does about it)
        analysis = replace(analysis, concepts=analysis.concepts | {"defect"})
    if analysis.has("exchange", "returns", "refund") and not analysis.has("defect", "break") \
            and not analysis.hypothetical and _fails_told(analysis):
        # "헤드폰 받은지 10일 됐는데 한쪽이 안들려요 교환 되나요?": a thing told not doing what it should is a fault of
        # it, whatever rule is asked after it (the defect rule's window, not a change of mind's)
        analysis = replace(analysis, concepts=analysis.concepts | {"defect"})
    if analysis.all("part", "break") and not analysis.has("defect"):
        # "단추가 떨어졌는데 교환 되나요?": a part of the thing come off or broken is a fault of it, whatever is asked
        analysis = replace(analysis, concepts=analysis.concepts | {"defect"})
    elif analysis.all("material", "break") and not analysis.has("defect") and not analysis.hypothetical \
            and any(m.past for h in analysis.hits if h.concept == "break"
                    for m in analysis.morphemes if h.start <= m.start < h.end or m.start <= h.start < m.end):
        # "가죽이 갈라졌어요": the material of the thing has come apart, told in the past: a fault of it (not "가죽 잘
        # 갈라지나요?", asked of the material)
        analysis = replace(analysis, concepts=analysis.concepts | {"defect"})
    if re.search(r"물러\s*서?\s*(왔|와\s*있|도착)|물렀", clean) and not analysis.has("defect"):
        # "귤이 물러서 왔어요": 무르다 (gone soft), which the analyser reads as 물러서다 (to step back)
        analysis = replace(analysis, concepts=analysis.concepts | {"defect"})
    if analysis.has("missing_item") and all(h.form == "빠지" and _SHED_BEFORE.search(clean[:h.start])
                                             for h in analysis.hits if h.concept == "missing_item"):
        # "세탁하고 나서 털이 다 빠지고 뭉쳤어요": what falls out of the thing (its down, its threads), no item left out of
        # the parcel: a fault of it
        analysis = replace(analysis, concepts=(analysis.concepts - {"missing_item"}) | {"defect"})
    if (ONLY_PART_CAME.search(clean) or ONLY_NAMED_CAME.search(clean)) and not analysis.has("missing_item") \
            and not analysis.has("coupons", "points") and not NOTICE_CAME.search(clean):
        # "하나만 왔어요", "한쪽만 들어 있어요": only part of what was ordered came (not "하나만 사면", buying one)
        analysis = replace(analysis, concepts=analysis.concepts | {"missing_item"})
    if _OTHER_CAME.search(clean) and not analysis.has("wrong_item") and not analysis.hypothetical:
        # "주문한거랑 다른 색이 왔어요", "사이즈 잘못 왔어요": not what was ordered came, a wrong item
        analysis = replace(analysis, concepts=analysis.concepts | {"wrong_item"})
    if analysis.has("stock") and re.search(r"\bavailable\b", clean, re.I) \
            and analysis.concepts & (TOPIC_CONCEPTS - {"restock", "region", "fee", "dispatch", "defect", "wrong_item"}) \
            and all(h.form.lower() == "available" for h in analysis.hits if h.concept == "stock"):
        # "Is interest-free installment available?": a rule of the shop that may be had, no product's stock
        analysis = replace(analysis, concepts=(analysis.concepts - {"stock"}) | {"possible"})
    if ASKED_WHERE_FROM.search(clean) and not analysis.has("origin"):
        # "where is the mackerel from?", "is the rice korean?": where the thing comes from, its origin (not a parcel's place)
        analysis = replace(analysis, concepts=(analysis.concepts - {"where", "arrival"}) | {"origin"})
    if analysis.has("arrival") and _COMES_AS.search(clean) and not re.search(r"\bwhen\b|\bhow\s+(soon|long)\b", clean, re.I):
        # "does it come frozen?", "does it come with a charger?": the state or contents it comes in, not a parcel's arrival
        analysis = replace(analysis, concepts=analysis.concepts - {"arrival"})
    if analysis.has("dispatch") and CUSTOMER_SENDS.search(clean) and not re.search(r"보내\s*(주|줘|드리)|로\s*보내", clean):
        # "지금 보내도 돼요?", "사진 보낼게요": the customer sends (a photo, a parcel back), the shop dispatches nothing
        analysis = replace(analysis, concepts=analysis.concepts - {"dispatch"})
    if analysis.all("opened", "duration") and not analysis.has("expiry", "returns", "exchange", "refund") \
            and (analysis.has("use") or _CONSUMED.search(clean)):
        # "세럼 개봉하면 얼마나 써요?", "뜯고 며칠 먹어요?", "how long can I use it after opening": how long it keeps
        # once opened, the shelf-life rule's question
        analysis = replace(analysis, concepts=analysis.concepts | {"expiry"})
    if analysis.all("stock", "come_in") and not analysis.has("restock"):
        # "품절된 거 다시 들어오면", "재고 들어오면": stock coming in is a restock
        analysis = replace(analysis, concepts=analysis.concepts | {"restock"})
    counted_buy = COUNTED_BUY.search(clean)
    if counted_buy and not analysis.has("buy"):
        # "2개 사면?": the analyser reads 사면 after a count as a noun (四面); it is 사다 + -면, buying that many
        at = counted_buy.end() - 2
        analysis = replace(analysis, concepts=analysis.concepts | {"buy"},
                           hits=(*analysis.hits, ConceptHit("buy", at, at + 2, "사면", "stem")))
    if OWNED_SWAP.search(clean) and not analysis.has("exchange", "address", "injection") and not _NOT_GOODS.search(clean):
        # "셔츠 산 거 니트로 바꿀 수 있나요?", "사이즈 270으로 바꿀수 있어요? 아직 안보냈으면": what was bought, or an
        # order not yet sent, changed for another: an exchange (a delivery address changed is not one)
        analysis = replace(analysis, concepts=analysis.concepts | {"exchange"})
    if analysis.has("together") and analysis.has("dispatch", "shipping", "arrival") and not analysis.has("bundling") \
            and (len({h.start for h in analysis.hits if h.concept == "order"}) >= 2 or SECOND_ORDER.search(clean)):
        # "어제 주문하고 오늘 또 주문했는데 같이 보내줄 수 있어요?": two orders sent as one, the shop's combined shipping
        analysis = replace(analysis, concepts=analysis.concepts | {"bundling"})
    if analysis.has("change") and analysis.mentions("opened") and not analysis.has("exchange", "address", "injection"):
        # "쿠션 비닐 안뜯었는데 호수 바꿀수있어요?": goods whose opening is told (opened or not) are goods received,
        # changed for another option: an exchange
        analysis = replace(analysis, concepts=analysis.concepts | {"exchange"})
    if SWAP_WISH.search(clean) and not analysis.has("exchange"):
        # "다른 색으로 바꾸고 싶은데": another colour or size of what was bought, an exchange
        analysis = replace(analysis, concepts=analysis.concepts | {"exchange"})
    if "not_received" in analysis.concepts and UNANSWERED_CALL.search(clean) and not analysis.has("shipping", "order"):
        # "고객센터 전화 몇번을 했는데 안받네요": the phone went unanswered, no parcel is missing
        analysis = replace(analysis, concepts=analysis.concepts - {"not_received"})
    if "wrong_item" in analysis.concepts and _STATUS_CHANGED.search(clean) and all(
            h.via == "stem" for h in hits if h.concept == "wrong_item"):
        # "상품준비중으로 바뀌었는데": the order's status changed, no item was swapped
        analysis = replace(analysis, concepts=analysis.concepts - {"wrong_item"})
    if "wrong_item" in analysis.concepts and not analysis.reported and all(
            h.via == "stem" for h in hits if h.concept == "wrong_item"):
        # 바뀌다 names a wrong item only when it happened ("바뀌어서 왔어요"), not "등급이 언제 바뀌어요"
        analysis = replace(analysis, concepts=analysis.concepts - {"wrong_item"})
    if "exchange" in analysis.concepts and HOW_OFTEN.search(clean.lower()) and all(
            h.form in ("replace", "replaced", "바꾸", "교체") for h in hits if h.concept == "exchange"):
        # "how often should I replace it?", "몇 달에 한 번 바꿔요?": a part replaced at intervals, not an exchange
        analysis = replace(analysis, concepts=analysis.concepts - {"exchange"})
    if "connect" in analysis.concepts and not analysis.has("human") \
            and all(h.form in ("바꾸", "바꿔") for h in hits if h.concept == "connect"):
        # "필터 몇 달에 한 번 바꿔요?": 바꾸다 puts a person on the line only when a person is named ("상담원 바꿔 주세요")
        analysis = replace(analysis, concepts=analysis.concepts - {"connect"})
    leaves = [h for h in hits if h.concept == "dispatch"]
    if "dispatch" in analysis.concepts and all(h.form.lower() in ("leave", "leaves", "left") for h in leaves) \
            and (not _PARCEL_WORDS.search(clean) and analysis.question != "when"
                 # ("does it leave a white cast?", "leaves no residue": what leaves an object behind ships nothing)
                 or all(_LEFT_BEHIND.match(clean, h.end) for h in leaves)):
        # "does the sunscreen leave a white cast?": to leave is to ship out only when an order or parcel leaves
        analysis = replace(analysis, concepts=analysis.concepts - {"dispatch"})
    priced = [h for h in hits if h.concept == "price"]
    if "price" in analysis.concepts and priced and all(
            h.form.startswith("얼마") and _object_before(clean, hits, h, _PERIOD_CONCEPTS) for h in priced):
        # "보증기간 얼마에요?", "유통기한 얼마나 돼요": the length of a period asked, no price
        analysis = replace(analysis, concepts=(analysis.concepts - {"price"}) | {"duration"})
    identity = [m.span() for m in _IDENTITY_GIVEN.finditer(clean)]
    if identity and "store" in analysis.concepts and all(any(s0 <= h.start < e0 for s0, e0 in identity)
                                                         for h in hits if h.concept == "store"):
        # "Name Seo Yuna, phone ends 5570", "전화번호 뒷자리 5570": the orderer's check, not the shop's phone asked for
        analysis = replace(analysis, concepts=analysis.concepts - {"store"})
    if not analysis.has("sale_item") and analysis.mentions("coupons", "points", "returns", "exchange", "refund") and any(
            h.concept == "discount" and (m := _ON_SALE.match(clean, h.start)) and not _COUPON_WORD.match(clean, m.end())
            for h in hits):
        # "세일중인 니트에 쿠폰 돼요?", "할인하는 상품도 반품돼요?": the goods are on sale, a condition of the rule (not the
        # discount a coupon gives: "할인 쿠폰")
        analysis = replace(analysis, concepts=analysis.concepts | {"sale_item"})
    if analysis.has("fit") and analysis.mentions("returns", "exchange", "refund") \
            and not analysis.has("defect", "wrong_item", "simple_change", "size_advice") and analysis.question != "how":
        # "사이즈가 작아요 반품 비용은요?": goods that do not fit are returned for a change of mind, no fault of the shop
        analysis = replace(analysis, concepts=analysis.concepts | {"simple_change"})
    if analysis.has("defect", "break"):
        from agent.problems import goods_intact_in_damaged_box

        if goods_intact_in_damaged_box(analysis):
            # "택배박스가 찢어져서 왔는데 옷은 멀쩡해요 그래도 반품 되나요?": only the box was damaged, the goods are fine:
            # no fault of theirs, a return is a change of mind
            analysis = replace(analysis, concepts=analysis.concepts - {"defect", "break"})
    if analysis.has("dispatch") and _gone_from_it(analysis):
        # "니트 올이 나갔어요", "전원이 나가요", "받은 니트 올이 나가있어요": 나가 said of a part of the thing (its subject
        # no parcel, order or goods word) is something gone out of it, a fault; nothing leaves the warehouse
        analysis = replace(analysis, concepts=(analysis.concepts - {"dispatch"}) | {"defect"})
    if DOES_NOT_WORK.search(clean) and not analysis.has("defect"):
        # "지난달에 산 에어프라이어 안켜져요", "the laptop won't turn on": what came does not work, a fault reported
        analysis = replace(analysis, concepts=analysis.concepts | {"defect"})
    if SYMPTOM.search(clean) and not analysis.has("defect", "warranty", "worn", "washed") and not analysis.hypothetical \
            and (analysis.reported or not analysis.is_question or analysis.mentions("returns", "exchange", "refund")):
        # "화면에 세로줄이 생겼어요 교환 돼요?", "소음이 너무 심해요 반품할래요": something appeared in, or is too much of,
        # what came, a fault reported (not "소음 심해요?" asked before buying, nor "…생기면", what may happen; after wear
        # or washing, or with the warranty asked, the rules on those say it)
        analysis = replace(analysis, concepts=analysis.concepts | {"defect"})
    if SENSE_WRONG.search(clean) and not analysis.has("defect"):
        # "고등어 냄새가 이상해요", "맛이 좀 이상한데요": what came smells, tastes or looks wrong, a fault reported
        analysis = replace(analysis, concepts=analysis.concepts | {"defect"})
    if (PACKAGING_GONE.search(clean) or PACKAGING_ABSENT.search(clean) and analysis.mentions("returns", "exchange", "refund")) \
            and not analysis.has("opened"):
        # "박스 버렸는데 반품돼요?", "상자 없어도 돼요?": the original packaging thrown away or lost, a condition the
        # return rules speak of as damaged packaging (포장 훼손)
        analysis = replace(analysis, concepts=analysis.concepts | {"opened"})
    if sent_by_customer(analysis):  # "사진 보내드릴게요", "반품 언제 보내야 돼요?": not the shop's dispatch
        analysis = replace(analysis, concepts=analysis.concepts - {"dispatch"})
    if "recommend" in analysis.concepts and not analysis.is_question and all(
            h.via == "stem" and any(m.past and m.start == h.start for m in ms) for h in hits if h.concept == "recommend"):
        # "덕분에 잘 골랐어요": a choice the customer made, no request for a recommendation
        analysis = replace(analysis, concepts=analysis.concepts - {"recommend"})
    if "dispatch" in analysis.concepts and _SPEND_TIME.search(clean) and all(
            _SPEND_TIME.search(clean[max(0, h.start - 12):h.end + 4]) for h in hits if h.concept == "dispatch"):
        # "좋은 하루 보내세요", "주말 잘 보내세요": spending a time, a farewell, not sending a parcel
        analysis = replace(analysis, concepts=(analysis.concepts - {"dispatch"}) | {"thanks"})
    if "arrival" in analysis.concepts and _MESSAGE_COMES.search(clean) and all(
            _MESSAGE_COMES.search(clean[max(0, h.start - 12):h.end + 2]) for h in hits if h.concept == "arrival"):
        # "알림 신청하면 바로 연락 와요?", "답변 언제 와요?": a message comes, not a parcel
        analysis = replace(analysis, concepts=analysis.concepts - {"arrival"})
    if "arrival" in analysis.concepts and all(_RECEIVED_TOLD.match(clean, h.start) for h in hits if h.concept == "arrival") \
            and not analysis.has("not_received", "late", "missing_item"):
        # "11월 5일에 받았고 한번 써봤어요 그래도 안되나요?": a receipt told, the day a rule counts from, not a question
        # about when a parcel comes
        analysis = replace(analysis, concepts=analysis.concepts - {"arrival"})
    if "arrival" in analysis.concepts and all(h.form == "받" and (_object_before(clean, hits, h, _RECEIVED_NO_PARCEL)
                                                                 or _MESSAGE_BEFORE.search(clean[max(0, h.start - 12):h.start]))
                                              for h in hits if h.concept == "arrival"):
        # "환불 받고 싶어요", "쿠폰 받으려면": a refund, a coupon or an answer received, not a parcel
        analysis = replace(analysis, concepts=analysis.concepts - {"arrival"})
    if "arrival" in analysis.concepts and analysis.has("duration", "period") and _arrival_as_starting_point(hits, ms):
        # "받고 며칠 안에 먹어야 돼요?", "받고 나서 며칠 안에 반품해야 돼요": receiving is when the period starts, the
        # question is about what comes after it, not about when the parcel comes
        analysis = replace(analysis, concepts=analysis.concepts - {"arrival"})
    if "possible" in analysis.concepts and not analysis.is_question and _WELL_WISH.search(clean):
        # "좋은 하루 되세요", "행복한 주말 되세요": a wish for the other's time, not "can it be done"
        analysis = replace(analysis, concepts=(analysis.concepts - {"possible", "today", "weekend"}) | {"thanks"})
    return analysis


def _waved_aside(ms: tuple[Morpheme, ...]) -> int:
    """Where a turn-opening 됐 (되다 in the past: "됐고", "됐어요", after an interjection or 그냥 at most) starts, when
    a clause of its own follows it; -1 otherwise ("됐어요?" alone asks whether it is done)."""
    i = 0
    while i < len(ms) and (ms[i].pos == "IC" or ms[i].pos == "MAG" and ms[i].surface in ("아", "그냥", "이제")):
        i += 1
    if i >= len(ms) or ms[i].lemma != "되" or not ms[i].surface.startswith("됐") or ms[i].start > 4:
        return -1
    j = i + 1
    if j < len(ms) and ms[j].pos.startswith("E") and ms[j].surface in ("고", "어", "어요", "다", "네", "네요", "습니다"):
        j += 1
    while j < len(ms) and ms[j].pos in ("SF", "SP", "SE"):
        j += 1
    return ms[i].start if j > i + 1 and len(ms) - j >= 2 else -1


_SEQUENCE_ENDINGS = frozenset({"고", "자마자", "고서"})  # "받고", "받자마자": after that, something else happens
_DELIVERY_HITS = frozenset({"arrival", "dispatch", "shipping"})


def _arrival_as_starting_point(hits: tuple[ConceptHit, ...], ms: tuple[Morpheme, ...]) -> bool:
    """Every arrival verb of the turn ends in a sequence connective (-고, -자마자) and another verb follows it that is
    no delivery word: the arrival only says when something else starts."""
    arrivals = [h for h in hits if h.concept == "arrival"]
    delivery_spans = [(h.start, h.end) for h in hits if h.concept in _DELIVERY_HITS]
    for h in arrivals:
        after = [m for m in ms if m.start >= h.end]
        if not after or after[0].pos != "EC" or after[0].lemma not in _SEQUENCE_ENDINGS:
            return False
        later = [m for m in after[1:] if m.pos in ("VV", "XSV") and m.lemma not in ("되", "돼", "하")
                 and not any(a <= m.start < b for a, b in delivery_spans)]
        if not later:
            return False
    return bool(arrivals)


_SEVERAL_TIMES = re.compile(r"몇\s*(번|차례|번이나|번을)\S*\s*(\S+\s*)?(했|였|었|았)\S*(는데|더니|지만|어도|고)")
# the customer wants another colour, size or item instead ("다른 색으로 바꾸고 싶은데"): an exchange wish, not a wrong item
# skin that reacted, in the words customers use: a part of the face or body, then how it reacted ("얼굴이 좀 올라와서요",
# "볼이 빨갛게 됐어요", "얼굴 다 뒤집어졌어요", "입술이 부었어요")
_REACTED = (r"\s*(좀\s*|다\s*|완전\s*|너무\s*|막\s*|빨갛게\s*|붉게\s*|울긋불긋\s*|뭐가\s*|뭔가\s*|뭐\s*)*"
            r"(뒤집어\s*(졌|지)|났|생겼|올라\s*(왔|와)|빨개\s*(졌|져|짐|요)|붉어\s*(졌|져)|"
            r"가려\s*(워|웠|움)|따가\s*(워|웠|움)|부었|부어\s*(서|요|올)|화끈\s*(거|해))")  # never a modifier ("목 올라오는 니트")
SKIN_REACTION = re.compile(r"(얼굴|피부|입술|볼|이마|턱|눈가|두피|손등)(이|가|에|은|는|도|에서)?" + _REACTED)
# (or, with no part named, right after the goods were put on or used, by the lexicon's own verbs of it: "바르니까
# 따가워요", "발랐더니 가려워요"; the connective ending, then the reaction)
_REACTED_AFTER = re.compile(r"\S{0,2}?(?:니까|더니|는데|고|서|보니)\s+" + _REACTED)


def _reacted_after_use(clean: str, hits: tuple[ConceptHit, ...]) -> bool:
    """A reaction told right after a verb of putting the goods on or using them ("바르니까 따가워요")."""
    return any(h.concept in ("worn", "use") and _REACTED_AFTER.match(clean, h.end) for h in hits)


# where a thing comes from, asked in English: "where is the X from", "is it korean / domestic / imported"
ASKED_WHERE_FROM = re.compile(r"\bwhere\s+(is|are|'s|does|do)\b[^?.!]{0,40}\b(from|grown|made|produced|caught)\b|"
                              r"\b(is|are)\s+(it|they|the\s+[a-z][a-z\s-]{1,30}?)\s+(korean|domestic|imported|local|from\s+korea)\b",
                              re.I)
_COMES_AS = re.compile(r"\b(come|comes|arrive|arrives)\s+(frozen|chilled|fresh|cold|assembled|with|in\s+a|as\s+a|packed)\b|"
                       # "손질돼서 와요?", "조립된 상태로 와요?", "얼려서 오나요": the state it comes in (a verb's -아서/-어서
                       # or -된 상태로 before 오다), not when it arrives
                       r"[가-힣](?:돼서|되어서|해서|어서|아서|된\s*상태로|한\s*상태로)\s*(?:와요|오나요|오나|와|오죠|옵니까|오는)"
                       r"(?![가-힣])", re.I)
# the customer as the one who sends: may I send, shall I send, I will send ("보내도 돼요", "보내면 되나요", "보낼게요")
CUSTOMER_SENDS = re.compile(r"보내\s*(도\s*(돼|되)|면\s*(돼|되))|보낼\s*(게|께|까요)")
# when something was opened, said as a past moment ("5월에 뜯은 거", "작년에 개봉한", "두 달 전에 뜯었는데"): with "still
# usable?", the product's own note on how long it keeps once opened answers (`agent.product_facts.asked`)
OPENED_AGO = re.compile(r"(\d{1,2}\s*월|작년|지난\s*(해|달|주)|올해\s*초|(\d+|한|두|세|네)\s*(개월|달|주|년|일|시간)\s*전|어제|그제)\S*\s*(\S+\s+)?(개봉|뜯)")
# a message that came, not goods ("알림만 왔어요 물건은 아직", "배송완료 문자만 왔어요"): no part of the order came
NOTICE_CAME = re.compile(r"(알림|문자|연락|카톡|톡|메시지|메일|송장|배송\s*완료\s*문자)\S{0,2}\s*(만|은|는)?\s*(왔|와\s*있|옴)")
# (or the ordered things named, and only one of them came: "셔츠랑 바지 시켰는데 셔츠만 왔어요", "반만 온 것 같아요")
ONLY_NAMED_CAME = re.compile(r"(시켰|주문했|주문한|샀|구매했)\S*\s*(는데|더니|데)\s*(\S+\s*){0,3}?"
                             r"(?<!까지)(?<!에)(?<!빨리)(?<![가-힣]리)만\s*(먼저\s*)?"  # never "까지만 도착하면", "빨리만"
                             r"(왔어|왔네|왔고|왔습|왔더|도착했|들어\s*있(어|네|더)|와\s*있(어|네)|배송\s*됐|온\s*(것|거)\s*같)|"
                             r"반만\s*온\s*(것|거)|(?<!not\s)\bonly\s+(one|1|half|part|the\s+\w+)\s+(of\s+(the|my)?\s*(\w+\s+){1,2})?"
                             r"(arrived|came)\b", re.I)
ONLY_PART_CAME = re.compile(r"(하나|둘|(?:한|두|세|네|\d{1,2})\s*(?:개|쪽|짝|장|벌|켤레|병|봉|팩|박스|통|권|세트|족)|일부|반)\s*만\s*(\S+\s*)?(왔|와\s*있|도착|들어\s*있|들어있|배송\s*됐|받았|오고|"
                            r"있(?!으면|어도|을|는지)(어|네|더|었|음|다))|"  # "한짝만 있어요" (not "하나만 있으면")
                            # X밖에 없다 is X만 있다, told ("박스에 하나밖에 없어요"; not asked: "하나밖에 없어요?")
                            r"(하나|둘|(?:한|두|세|네|\d{1,2})\s*(?:개|쪽|짝|장|벌|켤레|병|봉|팩|박스|통|권|세트|족)|일부|반)\s*밖에\s*"
                            r"(\S+\s*)?(?:안\s*(?:왔|와|들어)|없(?!으면|어도|을|는지)(?:어|네|더|었|음|다))(?![^?？]*[?？])")
_LEFT_BEHIND = re.compile(r"\s+(?:a|an|any|no|some|much)\b", re.I)  # an object left, by its determiner
_PARCEL_WORDS = re.compile(r"\b(order|orders|parcel|package|shipment|warehouse|it|my\s+stuff|items?)\b", re.I)
# the product's box or packaging thrown away, lost or torn, said of what the customer has (not a gift-wrap question)
_THE_BOX = r"(박스|상자|케이스|패키지|포장\s*(박스|상자)?)\S{0,2}\s*"  # the product's box, with its particle
PACKAGING_GONE = re.compile(_THE_BOX + r"(다\s*|이미\s*|벌써\s*)?(버렸|버리|버려|없는데|없어서|없어도|잃어|분실|찢어|찢었|훼손)|"
                            r"\b(threw|thrown)\s+(away\s+)?the\s+box|\bwithout\s+the\s+box|\blost\s+the\s+box", re.I)
# something that appeared in the thing, or is too much of it, said of it as a noun with its subject particle: "세로줄이
# 생겼어요", "소음이 너무 심해요", "연결이 자꾸 끊겨요", "화면이 깜빡거려요" (the verb is the fault, whatever the noun)
SYMPTOM = re.compile(r"[가-힣]{2,}(이|가)\s*(자꾸\s*|계속\s*|너무\s*|좀\s*|많이\s*|심하게\s*|갑자기\s*)*"
                     r"(생겼|생겨(서|요)|심해|심하|심했|끊겨|끊기|끊어지|깜빡(여|거|이|임))")
# a first order or a new member ("first order", "new customer", "sign up", "첫 주문", "신규 가입")
_NEWCOMER = re.compile(r"\b(first|new|welcome)\s+(order|purchase|time|customer|member)s?\b|\bsign(ing)?[- ]?up\b|"
                       r"\bfirst[- ]time\b|(?<![가-힣])첫\s*(주문|구매|결제)|신규\s*(가입|회원|고객)|가입\s*(하면|시|혜택)", re.I)
# a sense of what came is wrong ("냄새가 이상해요", "색이 좀 이상한데", "소리가 이상하게 나요")
SENSE_WRONG = re.compile(r"(냄새|맛|색|색깔|소리|상태|모양|질감|촉감|화면)\S{0,2}\s*(좀\s*|너무\s*|많이\s*|약간\s*|조금\s*)?이상(해|하|한|했)")
# a period named right before 얼마 ("보증기간 얼마에요", "유통기한이 얼마나"): its length is asked
_PERIOD_CONCEPTS = frozenset({"period", "expiry", "warranty", "duration"})
# what a customer receives that is no parcel: money back, a benefit, a service ("환불 받고", "쿠폰을 받으려면", "AS 받으려면")
_RECEIVED_NO_PARCEL = frozenset({"refund", "points", "coupons", "discount", "exchange", "warranty"})
# between a noun and the verb it is the object or subject of: a particle and an adverb of time or manner
_NOUN_TO_VERB = re.compile(r"\s*(?:을|를|은|는|도|이|가|만|까지)?\s*(?:언제쯤|언제|좀|바로|빨리|다시|꼭)?\s*")


def _object_before(clean: str, hits: tuple[ConceptHit, ...], hit: ConceptHit, concepts: frozenset[str]) -> bool:
    """A word of one of `concepts` right before the hit, with nothing but a particle or an adverb between ("보증기간
    얼마에요": the period whose length is asked; "환불 받고": the refund received)."""
    return any(h.concept in concepts and h.end <= hit.start and _NOUN_TO_VERB.fullmatch(clean, h.end, hit.start)
               for h in hits)
# goods on sale, said of the goods: "세일중", "할인하는 상품", "특가로 산", "on sale", "discounted"
_ON_SALE = re.compile(r"(?:할인|세일|쎄일|특가)\s*(?:중|하는|하던|했던|한|된|되는|됐던|\s*기간|로\s*(?:산|구매|주문|샀))"
                      r"|\bon\s+sale\b|\bdiscounted\b|\bsale\s+(?:price|items?|goods)\b", re.I)
# the shop's phone or chat said not to answer ("고객센터 전화 왜 안받아요", "상담 연결이 안 돼요", "nobody answers the phone")
# a call the shop answers ("전화하면 받아요?", "통화 받으시나요"): group 1 the 받 of answering it
_CALL_ANSWERED = re.compile(r"(?:전화|통화)\S{0,4}\s*(?:\S+\s+)?(받)")
CALL_UNANSWERED = re.compile(r"(?:전화|연락|문자|카톡|톡|상담|고객센터|콜센터)\S{0,4}\s*(?:\S+\s+)?(?:왜\s*)?(?:안|못)\s*(?:받|돼|되|닿)|"
                             r"\b(?:nobody|no\s+one)\s+(?:answers|answered|picks\s+up|picked\s+up)\b", re.I)
# the customer does not have their order number ("주문번호 까먹었어요", "I lost my order number"): no parcel lost
ORDER_NUMBER_UNKNOWN = re.compile(
    r"주문\s*번호\S{0,2}\s*(?:\S+\s+)?(?:모르|몰라|몰르|까먹|까묵|잊어|잊었|잊은|기억\s*(?:이\s*)?안|없어|없는데|못\s*찾|분실|잃어)|"
    r"\b(?:lost|forgot|forgotten|misplaced|don'?t\s+(?:have|know|remember)|do\s+not\s+(?:have|know|remember)|"
    r"can'?t\s+find|cannot\s+find)\s+(?:my\s+|the\s+|our\s+)?(?:order|주문)\s*(?:number|no\b|#|id\b|번호)", re.I)  # (주문: a reply's localised text)
_MIND_BEFORE = re.compile(r"(?:마음|맘|생각|기분)\s*(?:이|가|은|는|도)?\s*(?:좀\s*|조금\s*|갑자기\s*)?$")
_COUPON_WORD = re.compile(r"\s*\S{0,2}\s*(?:쿠폰|코드|혜택|coupon|code)", re.I)  # "90% 할인되는 쿠폰": the coupon's discount
# the orderer's phone given to check an order ("전화번호 뒷자리 5570", "phone ends in 5570", "last 4 digits 5570")
_IDENTITY_GIVEN = re.compile(r"(?:전화\s*번호|전화|핸드폰|휴대폰|폰|연락처|번호)\s*(?:의\s*)?(?:뒷\s*자리|뒷\s*번호|끝\s*자리|끝\s*번호|뒤\s*4\s*자리)"
                             r"\s*(?:는|은|가|이)?\s*:?\s*\d{4}|\b(?:phone|mobile|cell)(?:\s+number)?\s+(?:ends?|ending)\s+(?:in|with)?\s*\d{4}\b|"
                             r"\blast\s+(?:4|four)\s+(?:digits?)?\s*(?:of\s+(?:my\s+)?(?:phone|number))?\s*(?:are|is|:)?\s*\d{4}\b", re.I)
# what falls out of a thing itself, said before 빠지다 ("털이 다 빠지고", "실밥이 자꾸 빠져요", "물이 빠져요")
_SHED_BEFORE = re.compile(r"(?:털|솜|실|실밥|물|색|단추|충전재|깃털|보풀|큐빅|비즈|장식)\s*(?:이|가|은|는|도)?\s*"
                          r"(?:다|좀|자꾸|계속|많이|너무|엄청|막)?\s*$")
# a device that does not do what it is for ("전원이 안 들어와요", "안 켜져요", "충전이 안 돼요", "won't turn on"): a fault
DOES_NOT_WORK = re.compile(
    r"(?<![가-힣])(전원|화면|불|충전|작동|동작|소리|버튼|터치|인식|액정|모터|바람|열|냉각|난방|온도)\S{0,2}\s*(이|가|은|는|도)?\s*(잘\s*)?(안|못)\s*"
    r"(켜|들어오|들어와|돼|되|나|나와|잡히|먹|올라가|올라와|돌아가|돌아)|안\s*켜지|안\s*켜져|켜지지\s*(않|안)|작동\s*(을\s*)?안\s*(해|하)|"
    r"작동하지\s*않|먹통|\b(?:won'?t|doesn'?t|does\s+not|will\s+not|can'?t|cannot|isn'?t|is\s+not|not|no\s+longer|stopped|quit)\s+"
    r"(?:turn|switch|power)(?:s|ing|es)?\s+on\b|"
    r"\b(?:doesn'?t|does\s+not|isn'?t|is\s+not|no\s+longer|stopped|quit)\s+(?:work|charg|heat|cool)(?:s|es|ing|e)?\b|"
    r"\bdead\s+on\s+arrival\b|"
    # what it should give, said absent in English, as 소리가 안 나요 ("has no sound", "no sound from the left", "it's dead")
    r"\b(?:has|have|there'?s|there\s+is|getting|gets?|gives?|makes?|with)\s+no\s+(?:sound|audio|power|picture|display|signal|"
    r"heat|air|suction|light|charge)\b|\bno\s+(?:sound|audio|power|picture|signal)\s+(?:from|on|in|at|comes?|coming)\b|"
    r"\b(?:is|are|went|has\s+gone|have\s+gone|just)\s+(?:completely\s+)?dead\b",
    re.I)
# without the box, said beside a return or exchange ("상자 없으면 반품 안되나요", "박스 없이 반품 보내도 돼요?"); alone it
# may be a request ("선물 포장 없이 보내 주세요")
PACKAGING_ABSENT = re.compile(_THE_BOX + r"(없이|없으면|없어|없는|없다)")
SWAP_WISH = re.compile(r"다른\s*\S{0,4}\s*(으로|로)\s*(다시\s*|새로\s*)?(바꾸|바꿔|교환|주문|시키|시킬|살|사고|구매)")
# an order placed again or apart ("또 주문", "따로 시킨", "두 번 주문", "주문 두 개")
SECOND_ORDER = re.compile(r"(또|따로|각각|두\s*번|2\s*번|한\s*번\s*더)\s*(주문|시켰|시킨|결제)|주문\s*(두|2)\s*(개|건)")
# a count, then 사면 ("2개 사면", "두 장 사면", "세 벌 사면")
COUNTED_BUY = re.compile(rf"(?<![가-힣])({COUNT_WORDS})\s*(개|장|벌|켤레|병|박스|팩|봉|통|세트|판|포대|모)?\s*(씩\s*)?사면")
# an order's number as shops write them, whatever the shop ("20261121-0018", "W2378156", "DN-004541"), for rules that have
# no shop at hand (with one, `agent.entities.order_numbers` reads the shop's own shapes)
ORDER_REF = re.compile(r"\d{6,}-\d{2,}|\b[A-Z]{1,3}-?\d{5,}")
# something already bought or ordered (산 거, 받은, 주문한, 안 보냈으면) and a change to another (…로 바꾸다)
OWNED_SWAP = re.compile(r"(?=.*(산\s*거|샀|받은|받았|구매한|주문한|시킨|안\s*보냈|출고\s*전|발송\s*전|주문\s*번호"
                        r"|" + ORDER_REF.pattern + "))"  # (an order's number written: an order placed)
                        r".*(으로|로)\s*(바꾸|바꿀|바꿔|바꿨)")
# what of an order is changed when it is not the goods ("배송 메모 문앞으로", "결제수단 카드로", "택배사 우체국으로")
_NOT_GOODS = re.compile(r"배송|택배|메모|요청|주소|배송지|수령|경비실|문\s*앞|결제|카드|영수증|쿠폰|적립금|포장|날짜|시간")
UNANSWERED_CALL = re.compile(r"(전화|연락|통화)\S{0,6}.{0,14}(안|못)\s*받")
_STATUS_CHANGED = re.compile(r"(결제완료|상품준비중|배송준비중|배송중|배송완료|출고완료|발송완료|입금확인|주문확인|상태)\S{0,3}\s*바뀌")
# a stretch of time one wishes the other well for ("좋은 하루", "주말", "연말")
_TIME_SPANS = r"(하루|주말|불금|저녁|오후|밤|시간|연말|명절|추석|휴일|연휴|휴가|한\s*해|새해|크리스마스|한\s*주)"
# 보내다 with a stretch of time as its object: "좋은 하루 보내세요", "주말 잘 보내셨어요?", "연말 따뜻하게 보내세요"
_SPEND_TIME = re.compile(_TIME_SPANS + r"\s*(잘|좋게|즐겁게|따뜻하게|행복하게)?\s*보내(세요|시길|시고|십시오|셨|셔요)")

# 오다 with a message as its subject ("연락 와요", "알림톡 오나요", "답변이 언제 와요"): no parcel arrives
_MESSAGE_COMES = re.compile(r"(연락|알림톡|알림|문자|카톡|메일|답변|답장|회신|전화)\s*(이|가|은|는|도)?\s*(바로|언제|빨리|금방|좀)?\s*(와|오|옵|올|온|왔)")
# an answer received ("답변 언제 받을 수 있나요"): no parcel either (an alert received, "재입고 알림 받을 수 있어요?", asks for
# the shop's restock service, which the product agent answers)
_MESSAGE_BEFORE = re.compile(r"(답변|답장|회신)" + _NOUN_TO_VERB.pattern + "$")

# a receipt told in the past ("받았고", "받은 니트", "도착했는데"), right after the verb's stem
_RECEIVED_TOLD = re.compile(r"받(?:았|은(?!\s*(?:적|일)\s*(?:이|은)?\s*없))|도착\s*(?:했|한|됐|된)|수령\s*(?:했|한)")

# 되다 with a stretch of time as its subject, wished to the other: "좋은 하루 되세요", "즐거운 주말 되시길"
_WELL_WISH = re.compile(r"[가-힣]+[은운한던]\s*" + _TIME_SPANS + r"\s*(되세요|되시길|되시고|되십시오|되셔요)")

_SELL_FORMS = ("팔", "파", "판매", "sell", "do you sell", "carry", "do you carry")


# Nouns that name no particular thing of a shop ("상품", "사이즈", "재고"): never what a question is about by themselves.
GENERIC_NOUNS = frozenset({"상품", "제품", "물건", "거", "것", "게", "이거", "그거", "저거", "혹시", "문의", "질문", "사이즈", "색상",
                           "가격", "재고", "주문", "구매", "판매", "오늘", "지금", "정도", "요즘", "이번", "다음", "쇼핑몰", "사양", "스펙",
                           "옵션", "item", "items", "product", "products", "thing", "things", "one", "ones", "stock", "price",
                           "size"})


def noun_runs(analysis: TurnAnalysis) -> list[tuple[int, int]]:
    """(first, last) morpheme index of each run of nouns written against each other: a compound the analyser split
    (구매 + 확정) is one run."""
    ms = analysis.morphemes
    out = []
    for i, m in enumerate(ms):
        if m.is_noun and not (i and ms[i - 1].is_noun and ms[i - 1].end == m.start):
            end = i
            while end + 1 < len(ms) and ms[end + 1].is_noun and ms[end + 1].start == ms[end].end:
                end += 1
            out.append((i, end))
    return out


def nouns_written(analysis: TurnAnalysis) -> list[str]:
    """The turn's nouns of two syllables or more as written, a compound kept whole (구매확정): words to find in the
    shop's own texts."""
    ms = analysis.morphemes
    words = [analysis.text[ms[i].start:ms[j].end] for i, j in noun_runs(analysis)]
    return [w for w in words if len(w) >= 2]


def asks_if_sold(analysis: TurnAnalysis) -> bool:
    """Whether the customer asks if the shop sells a thing ("넥타이 팔아요?", "do you sell socks?"): the existence
    concept spelled as selling (팔다, which mecab-ko splits oddly, or sell/carry)."""
    return bool(sold_asked_at(analysis))


def sold_asked_at(analysis: TurnAnalysis) -> list[int]:
    """Where the turn asks whether the shop sells something (the offsets of those words; see `asks_if_sold`)."""
    return [h.start for h in analysis.hits if h.concept == "exist" and h.form.lower().startswith(_SELL_FORMS)]
