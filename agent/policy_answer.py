"""Answer a policy or FAQ question from the shop's own texts: retrieval, then the clauses that decide.

The candidates come from BM25 over every policy clause and FAQ entry of the loaded shop
(`ShopKnowledge.passages()`); this module decides which of them answer THIS question:

- a topic the customer names (반품, 적립금, 샘플, 보증 …) keeps only passages about that topic; when the
  shop has nothing about it, that is said (a person confirms), never another topic's text;
- the customer's conditions (택 뗌, 착용, 개봉, 세일 상품, 제주 …) pull the clauses that mention them, and
  an exception clause that matches ("… 반품이 불가합니다") is quoted before the permissive rule;
- the question type weighs the clause that holds the answer: when → a period or date, how much → an
  amount, how → a procedure;
- below a confidence threshold nothing is quoted: the caller asks one clarifying question instead.

Every quoted passage is verbatim shop text (so the fact guard passes by construction).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from agent.order_access import MOBILE_NUMBER
from agent.quantities import PERCENT, figures
from agent.turn_analysis import REREAD_AS, TurnAnalysis
from core.language.patterns import compiled

# Concepts that name what a policy question is about (a passage must share one when the turn names one);
# shipping words are the topic only when no after-sale/shop topic is named ("제주도인데 반품비" is about returns).
TOPICS = ("returns", "exchange", "refund", "cancellation", "payment", "points", "coupons", "membership", "store",
          "hours", "receipts", "packaging", "account", "warranty", "install", "sample", "expiry", "skin", "storage",
          "overseas", "address", "bundling", "defect", "wrong_item", "restock")
SHIPPING_TOPICS = ("fee", "region", "dispatch", "carrier")
# Concepts that are conditions a clause may turn on.
CONDITIONS = ("tag", "remove", "worn", "washed", "opened", "sale_item", "simple_change", "defect", "wrong_item", "region",
              "free", "skin", "expiry", "change", "cost", "period", "come_in", "coupons", "points", "quick",
              "user_fault")
_TIME = re.compile(r"\d+\s*(일|영업일|개월|시간|주|년)|이내|이후|후|뒤|전까지|까지|당일|즉시|매월|확정\s*시|도착\s*후|시점|"
                   r"\bwithin\b|\bdays?\b|\bafter\b")
_AMOUNT = re.compile(r"\d[\d,]*\s*(원|%)|무료|\bKRW\b|\bwon\b|%")
# a counted quantity in a clause ("1회", "1장", "2개"): what "몇 번/몇 장" asks for
_RATE_ASKED = re.compile(r"몇\s*(프로|퍼센트|퍼|%)|(프로|퍼센트)\s*(얼마|몇)|\bwhat\s+(percent|percentage|rate)\b|"
                         r"\bhow\s+much\s+percent|\bpercentage\b", re.I)
_SOONER = re.compile(r"더\s*(빨리|빠르|일찍)|방법|어떻게|\b(faster|sooner|quicker|any\s+way)\b", re.I)  # a faster way asked for
_WHICH_ONES = re.compile(r"어떤|무슨|어느|뭐\s*뭐|\bwhich\b", re.I)  # the members asked ("VIP되면 뭐가 좋아요?" asks no list)
# three or more things in a row ("신용카드·체크카드, 무통장입금, 카카오페이"): a clause that lists the choices
_LISTS = re.compile(r"(?:[^\s,·、/]+\s*[,·、/]\s*){2,}[^\s,·、/]+")
_LIMIT_NAMED = re.compile(r"([가-힣]{2,})\s*(?:기한|마감)")  # "입금 기한": a limit named by what it limits
_PAID = re.compile(r"유상|유료|비용이?\s*(발생|청구)|부담합니다")  # a clause that says it costs the customer (a no to "무상인가요?")
_EVENT_TIME = re.compile(r"([가-힣]{2,})\s*시(?=\s|$)")  # "구매확정 시": a time named by an event
_ONLY_ONE = re.compile(r"(?<![\d,])(1|한)\s*(장|개|회|번|건|가지|매)\s*(만|까지)|\bonly\s+one\b")  # a limit of one
AGAIN = re.compile(r"한\s*번\s*더|두\s*번\s*째|(?:두|여러)\s*번\s*(?:도\s*|까지\s*)?(?:되|돼|가능|할\s*수)|\btwice\b|"
                   r"\bmore\s+than\s+once\b|또\s+(?:\S+\s+)?\S*(되|돼|가능|할\s*수)|다시\s+(?:\S+\s+)?\S*(되|돼|가능|할\s*수)|"
                   r"\b(again|second\s+time|one\s+more\s+time)\b", re.I)
ONCE = re.compile(r"(?<![\d,])(1|한)\s*(회|번)(?!\s*(더|째))|\bonce\b", re.I)  # a clause allowing it once
_TWO_NAMED = re.compile(r"(?<=[가-힣A-Za-z0-9])(이랑|랑|하고|과|와)\s|둘|두\s*(개|장|가지)|\b(both|two|and)\b", re.I)
# an amount added to another ("… 3,000원이 추가됩니다", "추가 배송비"): a surcharge, never the whole fee
_EXTRA = re.compile(r"추가(?:됩니다|돼요|되며|되고|되어|\s*(?:배송비|요금|비용|운임))")
# the kinds of a thing asked for ("쿠폰 종류", "what kinds of points")
_KINDS_ASKED = re.compile(r"종류|\bkinds?\b|\btypes?\b", re.I)
WON = re.compile(r"\d[\d,]*\s*원|\bKRW\b|\bwon\b")
_COUNT = re.compile(r"\d+\s*(회|번|개|장|명|벌|켤레|매|건|가지|차례|세트|박스)(?![가-힣])|\btimes?\b|\bonce\b|\btwice\b")
# where a customer sends or asks something: the shop's channels (those a way of doing it names too, then the rest)
_EACH = re.compile(r"각각|따로|별도로|여러\s")  # a clause about each of several
_CHANNELS = r"마이페이지|채널톡|홈페이지|이메일"
CHANNEL = re.compile(_CHANNELS + r"|고객센터|카카오톡|1:1\s*문의")
_METHOD = re.compile(_CHANNELS + r"|신청|요청|접수|방법|앱|전화|카카오|회수|보내")
CLOCK = re.compile(r"\d{1,2}:\d{2}")  # a clock time a rule states ("10:00~18:00")
MIN_COVERAGE = 0.42
MAX_QUOTES = 2


@dataclass
class PolicyAnswer:
    """What to quote (`passages`, in order), whether it is confident, and what else was found."""

    passages: list[Any] = field(default_factory=list)
    confident: bool = False
    topics: tuple[str, ...] = ()
    missing_topic: str | None = None  # a topic the turn names that the shop's texts never mention
    candidates: list[str] = field(default_factory=list)  # section titles / FAQ questions near the question
    unmatched_conditions: tuple[str, ...] = ()  # conditions the customer named that no passage speaks to

    @property
    def text(self) -> str:
        return " ".join(p.text for p in self.passages)

    @property
    def keys(self) -> list[str]:
        return list(dict.fromkeys(p.key for p in self.passages))


# paying as the customer's circumstance ("오늘 결제하면 …", "카드로 결제했는데 …"), not the payment rules asked about
_PAYING_AS_CONDITION = re.compile(r"결제\s*(하면|하고|해서|했는데|하는데|했어요|했고|한\s*(거|건|지))")


def _topics(analysis: TurnAnalysis) -> tuple[str, ...]:
    from agent.turn_analysis import declined_acts, done_acts

    # ("교환 말고 환불로": the exchange is no topic of the turn; "취소했는데 환불 언제": nor is the cancellation done)
    declined = declined_acts(analysis) | done_acts(analysis)
    named = tuple(t for t in TOPICS if analysis.mentions(t) and t not in declined)
    if len(named) > 1 and "payment" in named and (_PAYING_AS_CONDITION.search(analysis.text)
                                                   or "refund" in named and analysis.mentions("paid")):
        # ("카카오페이로 냈어요 환불 언제 들어와요": the way paid is the refund's condition, not a question of paying)
        named = tuple(t for t in named if t != "payment")  # "오늘 결제하면 크리스마스 전에 설치 돼요?": the installation
    if len(named) > 1 and "membership" in named \
            and all(h.form.lower() in ("혜택", "benefits") for h in analysis.hits if h.concept == "membership"):
        # "회원가입 혜택 뭐 있어요?": the benefit of the other thing named (signing up), not the membership tiers
        named = tuple(t for t in named if t != "membership")
    if not named and analysis.has("connect") and not analysis.has("human") \
            and (analysis.has("weekend", "today", "tomorrow", "when") or analysis.question == "when"):
        return ("hours",)  # "토요일에도 상담돼요?": when the shop answers, not a dispatch day
    if named == ("refund",) and analysis.question == "yes_no" and analysis.has("possible") and _REASON_GIVEN.search(analysis.text) \
            and not analysis.mentions("payment", "points", "coupons", "cancellation", "fee") and not _SENT_BACK.search(analysis.text):
        # "받아보니 색감이 달라요. 환불 돼요?": whether goods can be refunded is the return rule's (its days and costs);
        # how a refund is paid comes after it
        return ("returns", "refund")
    return named or tuple(t for t in SHIPPING_TOPICS if analysis.mentions(t))


# the customer's own case told beside the question ("받아보니 …", "사이즈 안 맞는데 …", "… it's too small"): goods they have
_REASON_GIVEN = re.compile(r"(?:는데|은데|ㄴ데|아서|어서|여서|해서|보니|니까)\s|[.!?]\s*\S|\b(?:too|doesn'?t|don'?t|didn'?t)\b", re.I)
# goods already on their way back or back ("반품 보냈는데", "회수해 갔는데", "sent it back"): the refund itself is asked
_SENT_BACK = re.compile(r"보냈|보낸|반송|회수|수거|돌려\s*보냈|sent\s+(?:it\s+)?back|returned\s+it|picked\s+up", re.I)


_GRAMMAR_CONCEPTS = frozenset({"exchange", "defect", "fee", "come_in"})  # (fee, come_in: "pay shipping", "points … get")
# concepts of the speech act, not of its matter: a clause that meets a turn only on these says nothing of what is asked
ACT_ONLY = frozenset({"@request", "@possible", "@impossible", "@exist", "@how", "@when"})


# the customer's own mobile number given to check an order ("번호 010-7715-2290 이에요"): no word of the question
_PHONE_GIVEN = re.compile(r"(?:(?:휴대\s*폰|핸드폰|전화|폰|연락처)?\s*번호|phone(?:\s+number)?)?\s*(?:는|은|:)?\s*"
                          + MOBILE_NUMBER, re.I)


def question_tokens(analysis: TurnAnalysis, extra: str = "") -> list[str]:
    from core.knowledge.retrieval import tokenize

    from agent.turn_analysis import declined_acts, done_acts, without_declined_acts

    # ("교환 말고 환불로 … 언제 들어와요": the act ruled out is no word of the question; nor one said done, "취소했는데")
    tokens = tokenize(_PHONE_GIVEN.sub(" ", without_declined_acts(analysis)), query=True)
    done = done_acts(analysis)
    if done:
        words = {h.form for h in analysis.hits if h.concept in done}
        tokens = [t for t in tokens if t not in words and t[1:] not in done]
    if "@cost" in tokens and "@fee" not in tokens:
        # "설치비" read 설치 + 비: the cost is its concept, and a bare 비 would meet every fee of another thing (배송비)
        tokens = [t for t in tokens if t != "비"]
    # concepts the analysis read from the turn's grammar rather than from one word ("다른 사이즈로 바꾸고 싶어요" is
    # an exchange): searched for like the spotted ones
    declined = declined_acts(analysis)
    tokens += [f"@{c}" for c in sorted(analysis.concepts) if f"@{c}" not in tokens and c in _GRAMMAR_CONCEPTS
               and c not in declined]
    # (a word the analysis read as another concept by what follows it, "pay shipping", "points … get": not its own)
    tokens = [t for t in tokens if not (t[1:] in REREAD_AS and REREAD_AS[t[1:]] in analysis.concepts
                                        and not analysis.mentions(t[1:]))]
    tokens += [t for t in deverbal_compounds(analysis) if t not in tokens]
    if analysis.lang == "en":
        from agent.english_gloss import korean_words

        # the shop's texts are Korean: the question's shop-rule words in Korean find them ("photo review" -> 포토 리뷰)
        tokens += [t for t in tokenize(" ".join(korean_words(analysis.text))) if t not in tokens]
    if extra:
        # the earlier message only sets the scene: this turn's own words count twice ("근데 받은지 8일 됐어요"
        # after "단순변심으로 반품하려는데요" is about the period, not the change-of-mind fee)
        tokens = tokens * 2 + [t for t in tokenize(extra) if t not in tokens]
    return tokens


def deverbal_compounds(analysis: TurnAnalysis) -> list[str]:
    """The compound noun a verb makes with the noun it is done to or at, by the nominalising -이 ("벽에 거는 거" ->
    벽걸이 and 걸이, "옷을 거는" -> 옷걸이): the word a shop writes for the thing the customer describes by the act.
    Only of a stem of one syllable closed by a consonant (걸-, 놀-: the ones -이 nominalises), never of the light verbs
    (하-, 되-, 있-, 없-, and 받-, the passive one: "배송 받는" is 배송받다, no thing described by an act)."""
    out: list[str] = []
    ms = analysis.morphemes
    for i, m in enumerate(ms):
        if m.pos != "VV" or not re.fullmatch(r"[가-힣]", m.lemma) or (ord(m.lemma) - 0xAC00) % 28 == 0 \
                or m.lemma in ("하", "되", "있", "없", "받"):
            continue
        j = i - 1
        if j >= 1 and ms[j].pos in ("JKB", "JKO") and ms[j].surface in ("에", "을", "를"):
            j -= 1
        if j >= 0 and ms[j].pos == "NNG" and len(ms[j].surface) <= 2:
            out += [ms[j].surface + m.lemma + "이", m.lemma + "이"]
    return out


_REFERENCE = re.compile(r"([가-힣A-Za-z0-9·]+(?:\s+[가-힣A-Za-z0-9·]+){0,4})\s*(?:을|를)?\s*참고")  # "(새벽배송 안내 참고)"


def _mostly_in(passage: Any, words: set[str]) -> bool:
    own = [t for t in passage.tokens if not t.startswith("@")]
    return bool(own) and sum(1 for t in own if t in words) >= 0.6 * len(own)


_WHAT_GIVEN = re.compile(r"뭐|(?<![가-힣])머(?![가-힣])|무엇|무슨\s*혜택|혜택|\bwhat\b", re.I)  # never 머플러
_GIVE = re.compile(r"주|줘|줌|받|드리|혜택|\b(get|give)\b", re.I)


def _rewards_elsewhere(index: Any, analysis: TurnAnalysis, passages: list[Any], tokens: list[str]) -> list[Any]:
    """"회원가입하면 뭐 줘요?": what an occasion brings is written in more than one rule (sign-up points, a sign-up coupon);
    the other rule's clause that names the occasion (its head word: 회원가입 -> 가입) with an amount is quoted too."""
    from agent.turn_analysis import noun_runs

    if not (_WHAT_GIVEN.search(analysis.text) and _GIVE.search(analysis.text)) \
            or any(analysis.mentions(t) for t in TOPICS if t not in ("account", "membership")):
        return []  # (a turn naming the reward's own rule, "적립금 뭐 줘요?", is answered by that rule)
    ms = analysis.morphemes
    # each noun as written, and the head word of a compound ("회원가입" -> 가입)
    heads = {w for i, j in noun_runs(analysis) for w in (analysis.text[ms[i].start:ms[j].end], ms[j].surface) if len(w) >= 2}
    said = {p.key for p in passages}
    if not heads or not any(any(h in p.text for h in heads) and _AMOUNT.search(p.text) for p in passages):
        return []
    for hit in index.search(tokens, limit=20):
        p = hit.passage
        if p.kind == "clause" and p.key not in said and _AMOUNT.search(p.text) and any(h in p.text for h in heads):
            return [p]
    return []


def _referenced(index: Any, passages: list[Any], tokens: list[str]) -> list[Any]:
    """The sections a quoted clause sends the customer to ("… 새벽배송을 이용할 수 있습니다(새벽배송 안내 참고)"): the
    clause of each that the turn's words rank highest, so the reply says it instead of pointing at it."""
    refs = [m.group(1).split() for p in passages for m in _REFERENCE.finditer(p.text)]
    if not refs:
        return []
    titled = index.sections_titled()
    out: list[Any] = []
    for words in refs:
        # the longest tail of the words that is a section's title ("구매 전 호수 안내" -> "호수 안내")
        key = next((titled[t] for i in range(len(words)) if (t := "".join(words[i:])) in titled), None)
        if key is None or any(p.key == key for p in [*passages, *out]):
            continue
        ranked = [h.passage for h in index.search(tokens, limit=40) if h.passage.key == key and h.passage.kind == "clause"]
        first = ranked[0] if ranked else next((p for p in index.passages if p.key == key and p.kind == "clause"), None)
        if first is not None:
            out.append(first)
    return out


@lru_cache(maxsize=256)
def _subjects(analysis: TurnAnalysis) -> tuple[str, ...]:
    """Nouns the question is about, marked by a subject or topic particle ("구매확정은 언제 돼요?" -> 구매확정), when
    they are no rule's topic word themselves (적립금, 취소, 배송비 name the rule, not the clause within it)."""
    from agent.turn_analysis import noun_runs

    ms = analysis.morphemes
    out = []
    for first, last in noun_runs(analysis):
        nxt = ms[last + 1] if last + 1 < len(ms) else None
        if nxt is None or nxt.start != ms[last].end or nxt.surface not in ("은", "는", "이", "가") or nxt.pos not in ("JX", "JKS"):
            continue
        start, end = ms[first].start, ms[last].end
        named = {h.concept for h in analysis.hits if h.start < end and h.end > start}
        if end - start >= 2 and not named & set(TOPICS + SHIPPING_TOPICS):  # a thing within a rule, not the rule's topic
            out.append(analysis.text[start:end])
    return tuple(out)


def _thing_asked(analysis: TurnAnalysis, index: Any) -> str | None:
    """The nouns right before a yes/no question's closing 되다 ("… 무이자 돼요?" -> 무이자; "현금영수증 발급 돼요?" -> both),
    when few of the shop's passages hold the last (a rule's own word, "반품 돼요?", is in many): the thing whose
    possibility is asked, whatever else the turn names."""
    ms = [m for m in analysis.morphemes if m.pos not in ("SF", "SP", "SE")]
    if analysis.question != "yes_no" or len(ms) < 2:
        return None
    end = next((i for i in range(len(ms) - 1, 0, -1) if ms[i].lemma == "되" and ms[i].pos in ("VV", "XSV")), None)
    if end is None or ms[end - 1].pos != "NNG" or len(ms[end - 1].surface) < 2:
        return None
    first = end - 1
    while first > 0 and ms[first - 1].pos in ("NNG", "NNP"):
        first -= 1  # ("현금영수증 발급 돼요?": the phrase is the thing, each of its nouns)
    nouns = [m.surface for m in ms[first:end]]
    try:
        rare = all(0 < len(index.containing(n)) for n in nouns) and len(index.containing(nouns[-1])) <= _FEW
    except (AttributeError, TypeError):
        return None
    return " ".join(nouns) if rare else None


_FEW = 3  # passages holding a word, at most, for it to pick them out


def _cost_of(analysis: TurnAnalysis, index: Any) -> str | None:
    """The thing a fee written as one word is the cost of ("설치비" -> 설치, "수리비" -> 수리): a clause that states
    another thing's cost ("기존 TV 수거는 무료입니다") does not answer it, though its section is the thing's. None
    when no passage's own text holds it."""
    for h in analysis.hits:
        if h.concept == "cost" and len(h.form) >= 3 and h.form[-1] in ("비", "료") \
                and not analysis.in_excluded(h.start, h.end):
            stem = h.form[:-1]
            if any(m.start == h.start and m.surface == stem and m.is_noun for m in analysis.morphemes) \
                    and any(stem in p.text for p in getattr(index, "passages", ())):
                return stem
    return None


def _place_asked(analysis: TurnAnalysis, index: Any) -> str | None:
    """"쇼룸 어디에요?", "매장 몇시까지 해요?", "쇼룸 주말에도 해요?": where, when or whether of the one thing the turn
    names (its hours and days aside), a word few of the shop's passages hold (in their text, or an FAQ entry's question:
    "오프라인 매장이 있나요?"), and no rule's topic. The clause of that thing answers, not a sibling of its section about
    another (the customer service's hours, its phone)."""
    # (the words of its hours or of a day, "영업시간", "주말", name no thing of their own)
    hours = [(h.start, h.end) for h in analysis.hits if h.concept in ("hours", "weekend", "today", "tomorrow", "when")]
    nouns = {m.surface for m in analysis.morphemes if m.pos in ("NNG", "NNP") and len(m.surface) >= 2
             and not any(a <= m.start < b for a, b in hours)}
    if len(nouns) != 1 or analysis.concepts & (set(TOPICS + SHIPPING_TOPICS) - {"store", "hours"}):  # (a place's own)
        return None
    noun = next(iter(nouns))
    holding = [p for p in index.passages if _holds(p, noun)]
    return noun if 0 < len(holding) <= _FEW else None


def _holds(passage: Any, words: str) -> bool:
    """Every word of `words` is written in the passage (an FAQ entry's question counts: it is what the entry is of)."""
    text = f"{passage.title} {passage.text}" if passage.kind == "faq" else passage.text
    return all(n in text for n in words.split())


_CUSTOMER_ACTS = frozenset({"worn", "washed", "remove", "tag", "opened"})  # what a customer does to the goods


def _not_their_case(passage: Any, analysis: TurnAnalysis, conditions: set[str]) -> bool:
    """A "no" for what a customer did to the goods (worn, washed, tag removed, opened), met only on a fault's word it
    also holds ("…향수·체취 등 오염 … 반품이 불가" holds 오염): not the case of a customer who did none of it and
    reports or asks about a fault ("지퍼 고장나면 교환돼요?")."""
    present = {t[1:] for t in passage.tokens if t.startswith("@")}
    acts = present & _CUSTOMER_ACTS
    met = {c for c in conditions if c in present}
    return bool(acts) and not acts & (conditions | set(analysis.concepts)) \
        and met <= {"defect", "wrong_item", "break", "cost", "period", "come_in"}


def _said_as_condition(analysis: TurnAnalysis) -> set[str]:
    """The concepts of a word the turn makes a condition by a conditional ending right after it ("회원가입하면 혜택 뭐
    있어요": account), so the clause of that case is preferred ("회원가입 시 2,000원이 적립됩니다")."""
    ms = analysis.morphemes
    ends = [m.start for i, m in enumerate(ms) if m.pos == "EC" and m.surface in ("면", "으면") and i
            and ms[i - 1].pos in ("XSV", "XSA") and i >= 2 and ms[i - 2].pos.startswith("NN")]
    return {h.concept for h in analysis.hits for e in ends if 0 < e - h.end <= 2
            and f"@{h.concept}" not in ACT_ONLY and h.concept not in _NO_CASE}
    # (a speech act, "신청하면", is no case; an after-sale act asked of is the rule's topic; buying, "주문하면", is
    # every rule's setting)


_NO_CASE = frozenset({"inform", "order", "buy", "paid", "payment", "shipping", "arrival", "dispatch", "returns", "exchange",
                      "refund", "cancellation"})


def _bonus(passage: Any, analysis: TurnAnalysis, topics: tuple[str, ...], conditions: set[str],
           whole: bool = False) -> float:
    present = set(passage.tokens)
    bonus = 0.0
    matched_conditions = {c for c in conditions if f"@{c}" in present}
    bonus += 2.0 * len(matched_conditions)
    if passage.exception and matched_conditions - {"cost", "period", "come_in"} \
            and not _not_their_case(passage, analysis, conditions):
        bonus += 3.0  # the clause that says no, for the condition the customer is in
    q = analysis.question
    if passage.kind == "faq" and passage.asks and q and ((passage.asks == "when") != (q == "when")):
        bonus -= 2.0  # a time question and an FAQ that is not about time (or the other way round)
    if (_asks_time(analysis) or _elapsed(analysis.text)) and _time_pattern(analysis).search(passage.text):
        bonus += 3.0  # a time question, or the customer's own elapsed time ("받은지 8일"): the clause with the period
        if PERIOD.search(passage.text) and not _CLOCK_ASKED.search(analysis.text):
            bonus += 1.0  # a length stated ("3~5영업일") before a bare "즉시" of an option ("원하시면 … 즉시 환불")
        from agent.periods import counted_from

        if analysis.question == "yes_no" and analysis.has("order", "buy") and counted_from(passage.text) == "order":
            bonus += 2.0  # "지금 주문하면 크리스마스 전에 설치 돼요?": the time counted from the order ("결제 후 3~7일")
    elif _asks_amount(analysis) and _AMOUNT.search(passage.text):
        # "골드 되려면 얼마나 사야/써야 돼요": a sum asked (not a rate: "몇 프로") is in 원, before a clause of rates only
        if _RATE_ASKED.search(analysis.text) or WON.search(passage.text) or (
                PERCENT.search(passage.text) and (_customer_amount(analysis) or analysis.has("come_in"))):
            # "10만원 사면 얼마 쌓여요": its rate; "포인트 얼마나 쌓여요": the rate it accrues at, beside the sums
            bonus += 3.0
        else:
            bonus += 0.5 if analysis.has("buy") else 1.5
    elif q == "yes_no" and _MINIMUM.search(passage.text) and _customer_amount(analysis):
        bonus += 3.0  # "적립금 3천원 있는데 쓸 수 있나요?": the clause with the minimum the amount is measured against
    elif q == "how_many" and (_COUNT.search(passage.text) or _AMOUNT.search(passage.text)):
        bonus += 3.0 if _COUNT.search(passage.text) else 1.0
    elif q == "how" and _METHOD.search(passage.text):
        bonus += 2.0
    elif q == "which" and not conditions - _WEAK_CONDITIONS and _LISTS.search(passage.text) \
            and (analysis.has("exist") or _WHICH_ONES.search(analysis.text) or _KINDS_ASKED.search(analysis.text)):
        bonus += 4.0  # "결제수단 뭐뭐있어요?", "어떤 택배사예요?": which ones, answered by the clause that lists them
    if analysis.is_question and any(re.search(re.escape(x) + r"(은|는|이|가|과|와)\s", passage.text) for x in _subjects(analysis)):
        bonus += 2.0  # "구매확정은 언제 돼요?": the clause whose subject is the question's ("구매확정은 … 7일이 지나면";
        # one of coordinated subjects too: "적립금과 쿠폰은 …")
    covered = sum(1 for t in topics if f"@{t}" in present)
    if covered:
        bonus += 1.0 + 1.5 * (covered - 1)  # a passage about every topic the customer named
    if topics and passage.kind == "clause":
        about = {passage.key} | _title_topics(passage.title)
        if topics[0] in about:
            bonus += 3.0  # the shop's own section on the (first-named) topic, by its key or title
        elif set(topics) & about:
            bonus += 1.0
    about = ({passage.key} | _title_topics(passage.title)) & set(TOPICS)
    near = set(_primary(topics)) | {r for t in topics for r in RELATED.get(t, ())}
    if topics and about and not near & about and not whole:
        # another topic's clause (or FAQ) that only mentions this one in passing ("… 반품 완료 시 복원"); not one that
        # holds nearly every word of the turn ("따로 두 번 주문했는데 배송비 하나는 환불돼요?" is the bundling rule's
        # "이미 낸 배송비는 환불되지 않습니다", though refunds have a section of their own)
        bonus -= 3.0

    if (q in ("when", "how_much", "how_many") or _asks_time(analysis)) and _near_answer(passage.text, analysis, q or "period"):
        bonus += 3.0
    elif analysis.has("cost") and q in ("yes_no", None) and _cost_stated(passage.text, analysis):
        bonus += 3.0  # "설치비 따로 내야 돼요?": whether it costs is answered by the clause with its amount ("설치는 무료 … 60,000원")
    elif q == "when" and passage.kind == "faq" and not _TIME.search(_LOOKBACK.sub(" ", passage.text)) \
            and not CLOCK.search(passage.text):
        bonus -= 4.0  # "등급 언제 올라가요?": an entry with no time of its own ("최근 6개월 구매 금액에 따라" looks back) tells no when
    if (q == "where" or q == "yes_no" and bool(provinces_asked(analysis))) and _places(passage.text) >= 2:
        # "새벽배송 되는 동네 어디에요", "부산도 새벽배송 돼요?": the clause that names the places ("서울·경기·인천 일부
        # 지역은 …")
        bonus += 3.0
    elif q == "where" and CHANNEL.search(passage.text):
        bonus += 3.0  # "사진은 어디로 보내면 돼요?": the clause that names where things are sent ("… 채널톡으로 접수")
    if (analysis.mentions("hours") or "hours" in topics) and CLOCK.search(passage.text):
        bonus += 3.0  # opening hours are answered by the clause with the clock times
    if q == "yes_no" and ("@possible" in present or "@impossible" in present):
        bonus += 1.5  # "…돼요?": the clause that says whether it can be done answers it
    if {"@defect", "@wrong_item"} & present and not {"defect", "wrong_item"} & conditions \
            and not {"defect", "wrong_item"} & set(topics):
        bonus -= 4.0  # the rule for a faulty or wrong item does not apply to a customer who reported neither
    if _of_one(passage, analysis):
        # "주문 두건인데 묶어서 배송 가능한가요?": a thing the customer counts more than once is not the case of a clause
        # about one of it ("한 주문의 상품은 …") but of the clause about each of them ("따로 결제한 주문은 각각 …")
        bonus -= 2.0
    if passage.kind == "clause":
        bonus += 1.0  # the shop's policy text itself outranks an FAQ sentence that restates it
    if passage.position == 0 and conditions and not matched_conditions:
        bonus -= 0.5  # with conditions named, a section's opening is the answer only when nothing more specific matches
    return bonus


def _nouns(analysis: TurnAnalysis) -> set[str]:
    return {m.surface for m in analysis.morphemes if m.pos in ("NNG", "NNP") and len(m.surface) >= 2}


def _of_one(passage: Any, analysis: TurnAnalysis) -> bool:
    """A clause about one of a thing the customer counts more than once ("한 주문의 상품은 …" to "주문 두건인데"),
    that says nothing of each of several."""
    return analysis.has("twice") and not analysis.has("double_charge") and not _EACH.search(passage.text) \
        and any(re.search(r"(?<![가-힣])한\s*" + re.escape(n) + r"(?![가-힣]{2})", passage.text) for n in _nouns(analysis))


def _whole_turn(hit: Any, own: float) -> bool:
    """A passage that holds nearly every word of the turn when the topic's own section holds half of them at most
    (`own`, its best coverage): it speaks to the whole turn, whatever section holds it."""
    return hit.coverage >= 0.9 and own <= 0.5


def _customer_amount(analysis: TurnAnalysis) -> bool:
    """The customer states a sum of their own ("3천원 있는데", "2만원짜리 사면", "for 100,000 won")."""
    from agent.entities import amount_terms, english_amounts

    return amount_terms(english_amounts(analysis.text)) is not None


# topics that qualify another one when named with it: "반품 기한", "적립금 유효기간" are about returns and points
_QUALIFIERS = ("expiry",)


def _primary(topics: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t for t in topics if t not in _QUALIFIERS) or topics


_PASSED = re.compile(r"지나|지난|지났|넘었|넘은|넘어|\b(expired|past|passed|over)\b", re.I)


def _asked_pattern(analysis: TurnAnalysis) -> re.Pattern[str] | None:
    """The kind of value the question asks for, as a pattern a clause must hold (None: not a value question)."""
    if _asks_time(analysis):
        return _time_pattern(analysis)
    if _asks_amount(analysis):
        return _AMOUNT
    return {"how_many": _COUNT}.get(analysis.question or "")


def _holds_asked_value(passage: Any, analysis: TurnAnalysis, topics: tuple[str, ...]) -> bool:
    """The topic's own section holds the kind of value asked ("반품 기한 알려줘" -> "7일 이내"): a confident answer
    even when the turn shares few words with it."""
    if not topics or passage.kind != "clause" or topics[0] not in {passage.key} | _title_topics(passage.title):
        return False
    q = analysis.question
    return bool(_asks_time(analysis) and _time_pattern(analysis).search(passage.text)
                or q == "how_much" and _AMOUNT.search(passage.text)
                or analysis.has("cost") and q in ("yes_no", None) and _cost_stated(passage.text, analysis))


_CLOCK_ASKED = re.compile(r"몇\s*시(?!간)|\bwhat\s+time\b", re.I)  # a time of day asked, no length of time
PERIOD = re.compile(r"\d+\s*(일|영업일|개월|시간|주|년)|\b\d+\s*(days?|months?|hours?|weeks?|years?)\b")


def _time_pattern(analysis: TurnAnalysis) -> re.Pattern[str]:
    """A "when" finds any time expression ("구매확정 시"); a period asked for ("교환 기간") needs a length ("7일")."""
    return _TIME if analysis.question == "when" or _elapsed(analysis.text) else PERIOD


def _asks_time(analysis: TurnAnalysis) -> bool:
    """A question about a time: "언제", a period named as what is asked ("반품 기한 알려줘", "유효기간 있어요?"), or
    whether it happens by a day ("크리스마스 전에 설치 돼요?": the clause with the time it takes)."""
    from agent.entities import names_a_deadline

    return analysis.question == "when" or (analysis.question in (None, "yes_no", "how")
                                           and analysis.has("period", "duration", "expiry")) \
        or analysis.question == "yes_no" and names_a_deadline(analysis.text)


def _asks_amount(analysis: TurnAnalysis) -> bool:
    """A question about an amount: "얼마", or a fee named as what is asked ("교환 배송비는 누가 내요?", "교환 배송비
    알려주세요")."""
    told = analysis.is_question or (analysis.request and analysis.has("inform"))
    if analysis.question == "how_many" and analysis.has("points"):
        return True  # "how many points do I earn": an amount of points, counted in 원
    return analysis.question == "how_much" or (told and analysis.question in (None, "yes_no", "how", "who")
                                               and analysis.has("fee") and not _asks_time(analysis))


def _elapsed(text: str) -> bool:
    from agent.periods import elapsed

    return elapsed(text) is not None


_TITLE_TOPICS: dict[str, frozenset[str]] = {}


def _title_topics(title: str) -> frozenset[str]:
    """The concepts a section title names ("불량·오배송 안내" -> defect, wrong_item), cached per title."""
    if title not in _TITLE_TOPICS:
        from agent.turn_analysis import analyse_turn

        if len(_TITLE_TOPICS) > 2048:
            _TITLE_TOPICS.clear()
        _TITLE_TOPICS[title] = frozenset(analyse_turn(title).concepts)
    return _TITLE_TOPICS[title]


def provinces_asked(analysis: TurnAnalysis) -> list[str]:
    """The provinces or metropolitan cities the turn names ("부산도 …"), as written: places a rule's list of places can
    be read against."""
    from core.knowledge.delivery_rules import PROVINCES

    return [m.surface for m in analysis.morphemes if m.semantic == "지명" and m.surface[:2] in PROVINCES]


def _places(text: str) -> int:
    """How many place names a text names (the analyser's 지명 class: 서울, 인천, 제주 …)."""
    from core.language.morphology import analyse

    return sum(1 for m in analyse(text) if m.semantic == "지명")


# a span looked back over ("최근 6개월 구매 금액", "지난 3개월간"): what a rule measures, never a time it happens at
_LOOKBACK = re.compile(r"(?:최근|지난|직전)\s*\d+\s*(?:일|주|개월|달|년)\s*(?:간|동안)?")


def _cost_stated(text: str, analysis: TurnAnalysis) -> bool:
    """The thing whose cost is asked ("설치비" -> 설치, "배송비" -> 배송) stands right before an amount in the text."""
    spans = [(h.start, h.end) for h in analysis.hits if h.concept == "cost"]
    things = {m.surface for m in analysis.morphemes if m.pos in ("NNG", "NNP") and len(m.surface) >= 2
              and any(a <= m.start < b for a, b in spans)}
    return any(_AMOUNT.search(text[hit.end():hit.end() + 18]) for thing in things for hit in re.finditer(re.escape(thing), text))


def _near_answer(text: str, analysis: TurnAnalysis, q: str) -> bool:
    """The kind of value asked for (an amount, a time) stands right next to a word of the question
    ("골드 700,000원" for "골드 되려면 얼마"), not somewhere else in the passage."""
    pattern = (WON if analysis.has("buy") else _AMOUNT) if q == "how_much" else _COUNT if q == "how_many" \
        else PERIOD if q == "period" else _TIME
    words = {m.surface for m in analysis.morphemes if m.pos in ("NNG", "NNP", "SL") and len(m.surface) >= 2}
    for word in words:
        for hit in compiled(re.escape(word), re.I).finditer(text):  # "vip" finds "VIP 1,500,000원"
            window = text[hit.end():hit.end() + 14]
            if pattern.search(window):
                return True
    return False


# After-sale topics share their conditions: a worn or washed item is judged by the returns clause when the
# exchange section says nothing about it.
RELATED = {"exchange": ("returns", "refund"), "refund": ("returns", "cancellation"), "returns": ("exchange", "refund"),
           "cancellation": ("refund",), "coupons": ("points",), "points": ("membership", "coupons"), "hours": ("store",),
           "store": ("hours",), "defect": ("warranty", "exchange", "returns")}


# Conditions too common in rule texts to pick a clause by: a cost or a period, and "free" (무료), which a clause uses of
# its own case ("불량 교환은 무료") while the customer says how they were shipped ("무료배송으로 받은 거")
_IF_SOLD_OUT = re.compile(r"(품절|재고\s*(가|도)?\s*없|매진)\S{0,3}면|\b(if|when)\b[^.?!]{0,30}\b(sold\s+out|out\s+of\s+stock)\b", re.I)
# a case the customer names that a shop's rules may name in other words: worn (tried on, applied) is a use of the goods
_ALIKE_CASES = {"worn": ("use", "opened"), "use": ("worn", "opened")}
_WEAK_CONDITIONS = frozenset({"cost", "period", "come_in", "points", "coupons", "change", "free"})
# a minimum in won: what the customer's own amount is measured against ("5,000원 이상 보유 시")
_MINIMUM = re.compile(r"\d[\d,]*\s*원\s*이상")


def excludes(passage: Any) -> bool:
    """A clause that rules a case out ("택 제거 … 반품이 불가합니다"): an exception that says no."""
    return bool(passage.exception) and "@impossible" in passage.tokens


# a clause about another product than the one bought ("다른 상품으로의 교환은 …"), and a customer asking for one:
# "다른 상품/제품/디자인으로", "another product", or a thing of the shop's catalogue (not an option value) named as
# what to change to ("니트로 교환", "후드티로 바꿔도")
_ANOTHER_PRODUCT = re.compile(r"다른\s*(상품|제품)\s*(으로|로)|\b(for|into|to)\s+(another|a\s+different|other)\s+(product|item)s?\b",
                              re.I)  # (not "주문과 다른 상품이 왔다면": a wrong item received)
_ANOTHER_ASKED = re.compile(r"다른\s*(상품|제품|디자인|모델|옷|물건)\s*(으로|로)|"  # (not "다른 걸로": a size or colour)
                            r"\b(for|into|to)\s+(another|a\s+different|other)\s+(product|item|one|design|model)s?\b", re.I)
_CHANGED_INTO = re.compile(r"([가-힣A-Za-z0-9]+?)\s*(?:으로|로)\s*(?:교환|바꾸|바꿔|바꿀|변경)")


def _for_another_product(knowledge: Any, text: str) -> bool:
    """The customer wants to exchange for another product, not for another size or colour of the same one."""
    if _ANOTHER_ASKED.search(text):
        return True
    m = _CHANGED_INTO.search(text)
    if m is None or len(m.group(1)) < 2:
        return False
    target = m.group(1)
    try:
        if knowledge._searcher().vocab.find_mentions(target):
            return False  # "M으로 교환", "블랙으로 바꿔": an option value of the same product
        found = knowledge.find_products(target)
    except (AttributeError, TypeError):
        return False
    from agent.mentions import kind_words

    kinds = kind_words(knowledge)
    # a product's name, or a kind of the catalogue ("니트" of 니트, "후드티" of 맨투맨/후드)
    return bool(found.matches) and found.matches[0].score >= 80 or any(len(k) >= 2 and k in target for k in kinds)


def _led_by(ranked: list[Any], chosen: list[Any], limit: re.Pattern[str]) -> list[Any]:
    """The quotes led by the best-ranked clause that states the `limit` ("1회", "1장만"), when one speaks to the turn."""
    lead = next((h for h in ranked[1:8] if limit.search(h.passage.text) and h.coverage >= 0.2), None)
    return chosen if lead is None else [lead, *[h for h in chosen if h is not lead]][:MAX_QUOTES]


def _next_quote(ranked: list[Any], chosen: list[Any], accept: Callable[[Any], bool], coverage: float) -> Any | None:
    """The best-ranked passage after the first that `accept`s, covers enough of the question and says nothing
    already quoted: what a quote adds for a condition, an amount or a fee the first passages left out."""
    return next((h for h in ranked[1:8] if accept(h) and h.coverage >= coverage
                 and not overlaps(h.passage, [x.passage for x in chosen])), None)


# the shelf life of goods, by name ("유통기한", "소비기한", "사용기한", "shelf life"): never points or coupons expiring
_GOODS_EXPIRY = re.compile(r"유통\s*기한|소비\s*기한|사용\s*기한|제조\s*일|shelf\s+life|best\s+before|expiration\s+date", re.I)


@lru_cache(maxsize=4096)
def denied_in(text: str) -> frozenset[str]:
    """The conditions a rule's text states as not the case ("개봉하지 않은 미사용 제품", "미개봉 제품만"): negated in its
    analysis, or written with the prefix 미- (not yet)."""
    from agent.turn_analysis import analyse_turn, not_yet_prefixed

    a = analyse_turn(text)
    prefixed = {h.concept for h in a.hits if not_yet_prefixed(a.text, h.start)}  # (also where asserted elsewhere)
    # (as is a concept negated where the rule also names it: "무통장입금은 … 입금하지 않으면 자동 취소")
    return frozenset(a.negated | prefixed | {h.concept for h in a.negated_hits})


def _aside_only(passage: Any, topics: tuple[str, ...], analysis: TurnAnalysis) -> bool:
    """A clause of another section that names the topic only in a parenthetical sentence of its own ("… 합배송해
    드립니다(이미 낸 배송비는 환불되지 않습니다)" is no refund rule; "60,000원(현장 결제)" is a note of the fee, no
    aside): not on the topic, unless the turn names that section's own topic too or a thing of the aside besides the
    topic ("배송비 두번 낸건 돌려받나요?" asks of the fee the aside speaks of)."""
    from agent.turn_analysis import analyse_turn

    if passage.kind != "clause" or "(" not in passage.text or any(passage.key == t for t in topics) \
            or analysis.mentions(passage.key):
        return False  # (an FAQ entry's tokens hold its question too, which its answer's text does not)
    asides = " ".join(x for x in re.findall(r"\(([^)]*)\)", passage.text) if re.search(r"[가-힣]다\.?$", x.strip()))
    bare = re.sub(r"\([^)]*\)", " ", passage.text)
    if not asides:
        return False
    said = analyse_turn(asides)
    topic_words = {h.form for h in said.hits if h.concept in topics}
    things = {m.surface for m in said.morphemes if m.pos in ("NNG", "NNP") and len(m.surface) >= 2} - topic_words
    return said.mentions(*topics) and not analyse_turn(bare).mentions(*topics) \
        and not any(t in analysis.text for t in things)


def answer_policy(knowledge: Any, analysis: TurnAnalysis, context: str = "", keys: tuple[str, ...] | None = None,
                  topics: tuple[str, ...] | None = None, closest: bool = False, said: str = "") -> PolicyAnswer:
    """The passages that answer the turn (see module docstring). `context` adds the previous turn's words
    for a follow-up; `keys` limits to some policy sections; `topics` overrides the turn's own topics; `closest`: a
    passage off the turn's topics that speaks to the customer's words more closely than any on them comes first (a
    problem reported about no product: "사이즈표랑 2cm 달라요, 불량 아니에요?" is the size chart's tolerance); `said`: the
    shop's last reply, when the turn asks something new after it: a passage quoted there already ranks after one that
    is not ("사진은 어디로 보내면 돼요?" after the quality rule was quoted: the FAQ entry that says 채널톡)."""
    try:
        index = knowledge.passages()
    except (AttributeError, TypeError):
        return PolicyAnswer()
    derived = topics is None
    topics = topics if topics is not None else _topics(analysis)
    closer = None  # a passage off the topic that speaks to the customer's words far more closely (see below)
    # conditions the customer is in, not ones they rule out ("뜯지는 않았어요" is no opened box: the clause that says
    # no for an opened box does not answer them)
    conditions = {c for c in CONDITIONS if analysis.has(c) or (c in analysis.negated and analysis.question == "yes_no"
                                                               and not analysis.reported)}
    conditions |= _said_as_condition(analysis)
    if analysis.has("stock") and _IF_SOLD_OUT.search(analysis.text) and set(topics) & {"exchange", "returns", "refund"}:
        conditions.add("stock")  # "교환할 사이즈가 품절이면 어떻게 돼요?": the clause for a sold-out option is the case
    if "user_fault" in conditions and not analysis.has("defect", "break"):
        conditions.discard("user_fault")  # "물을 쏟았는데 반품 돼요?": a case of damage only when something broke
    if "quick" in conditions and not _SOONER.search(analysis.text):
        conditions.discard("quick")  # "배터리가 빨리 닳아요": what happens, not a faster way asked for
    if analysis.has("fit") and not analysis.is_question and set(topics[:1]) & {"returns", "refund"} \
            and not analysis.has("defect", "wrong_item", "break", "missing_item"):
        # "반품하려구요", then "사이즈가 커서요": a size that does not fit, told as the reason, is the customer's own choice
        # (a change of mind's case), not a fault of the goods nor an option swapped
        conditions.add("simple_change")
    if "simple_change" in conditions and not set(topics) & {"returns", "exchange", "refund", "cancellation"}:
        conditions.discard("simple_change")  # "그냥 궁금해서 …": a change of mind is a condition of after-sale rules only
    if "simple_change" in conditions and topics and topics[0] == "cancellation":
        conditions.discard("simple_change")  # "취소 되나요? 마음이 바뀌어서요": the usual reason to cancel, no condition of it
    if topics and topics[0] in ("points", "coupons"):
        conditions.discard(topics[0])  # "적립금 유효기간": points are what is asked about, not a condition of it
    if "expiry" in conditions and _asks_time(analysis) and not _PASSED.search(analysis.text):
        conditions.discard("expiry")  # "반품 기한 알려줘": the time limit is what is asked, not the customer's situation
    tokens = question_tokens(analysis, context)
    if analysis.lang == "en" and hasattr(index, "holds"):
        # the shop's texts are Korean: an English word none of them holds ("what", "your", "coat") is neither for nor
        # against a passage, and would only thin every passage's share of the question (its Korean words are searched)
        tokens = [t for t in tokens if not re.fullmatch(r"[a-z0-9']+", t) or index.holds(t)]
    if derived and topics == ("returns", "refund") and not analysis.mentions("returns") and not keys:
        # a refund asked of goods received (see `_topics`): the return rule answers, searched for as such
        tokens.append("@returns")
        keys = ("returns",)
    hits = index.search(tokens, limit=20)
    if "expiry" in topics and _GOODS_EXPIRY.search(analysis.text) and not analysis.mentions("points", "coupons", "membership"):
        # "김 유통기한 얼마나 돼요?": goods' shelf life; points that expire are another matter
        hits = [h for h in hits if not any(f"@{t}" in h.passage.tokens for t in ("points", "coupons"))]
    if keys:
        hits = [h for h in hits if h.passage.kind == "faq" or h.passage.key in keys]
    if topics:
        specific = conditions - _WEAK_CONDITIONS
        related = tuple(r for t in topics for r in RELATED.get(t, ()) if r not in topics)
        # the customer's conditions, looked up in the related topics when no passage on the topic speaks to any (a
        # condition that is the topic itself speaks to nothing: "떨어뜨려서 깨진 것도 무상인가요?" is a defect, and
        # dropping it is the warranty's case)
        own = specific - set(topics)
        widen = bool(own) and bool(related) and not any(
            any(f"@{c}" in h.passage.tokens for c in own) and any(f"@{t}" in h.passage.tokens for t in topics) for h in hits)
        scope = _primary(topics) + related if widen else _primary(topics)
        if widen:  # the condition, looked up in the related topics' own passages
            extra = index.search([f"@{c}" for c in specific] + [f"@{r}" for r in related] + tokens, limit=20)
            seen = {h.passage.id for h in hits}
            hits = hits + [h for h in extra if h.passage.id not in seen]
        on_topic = [h for h in hits if any(f"@{t}" in h.passage.tokens for t in scope)
                    and not _aside_only(h.passage, scope, analysis)
                    or any(h.passage.key == t for t in scope)]
        if not on_topic:
            return PolicyAnswer(topics=topics, missing_topic=topics[0],
                                candidates=_titles(hits))
        top = max(hits, key=lambda h: h.score)
        if closest and top not in on_topic and top.score >= max(h.score for h in on_topic) and top.coverage >= 0.5 \
                and top.coverage >= max(h.coverage for h in on_topic) + 0.15 and "@impossible" not in top.passage.tokens:
            on_topic, closer = [top, *on_topic], top  # the shop's text closest to the customer's words, first
        hits = on_topic
    if not hits:
        return PolicyAnswer(topics=topics)
    hits = _of_the_goods_named(knowledge, analysis, hits)
    own_section = [h for h in hits if topics and h.passage.kind == "clause" and h.passage.key == topics[0]] or hits
    for said, alikes in _ALIKE_CASES.items() if topics and topics[0] in ("returns", "exchange") else ():
        # "틴트 한번 발라봤는데" (tried on) in a shop whose rules on the topic speak only of use or of opening ("사용한 제품은
        # …", "개봉 후 교환 불가"): the same case, in the rules' words
        # (only a clause that refuses that case or allows its opposite: "사용한 적립금은 복원" speaks of points used)
        if said in conditions and not any(f"@{said}" in h.passage.tokens for h in own_section):
            alike = next((x for x in alikes if any(f"@{x}" in h.passage.tokens and ("@impossible" in h.passage.tokens
                                                                                   or x in denied_in(h.passage.text))
                                                   for h in own_section)), None)
            if alike is not None:
                conditions = (conditions - {said}) | {alike}
    specific = conditions - _WEAK_CONDITIONS

    from agent.periods import elapsed, limit_in, names_received_date

    timed = elapsed(analysis.text) is not None or names_received_date(analysis.text)
    # the customer's time is measured by the topic's own section's limit when it has one ("받은지 5일, 택 안 뗐어요 반품
    # 얼마?" by the return rule's 7일, never the defect rule's 3개월 that also speaks of returns), unless the case is a
    # defect, a wrong item or a break (their own rules' limits)
    own_limit = None
    if timed and topics and not conditions & {"defect", "wrong_item", "break"}:
        own_limit = next((p for p in index.passages if p.kind == "clause" and p.key == topics[0]
                          and limit_in(p.text) is not None), None)
        if own_limit is not None and all(h.passage is not own_limit for h in hits):
            from core.knowledge.retrieval import Hit

            top = max(hits, key=lambda h: h.score)
            hits = [*hits, Hit(passage=own_limit, score=0.5 * top.score, coverage=top.coverage, matched=())]

    def speaks_to(h: Any) -> int:
        # the customer's own elapsed time ("받은지 8일 됐어요") is a condition: the clause with a time limit
        period = 1 if timed and limit_in(h.passage.text) is not None \
            and (own_limit is None or h.passage.key == own_limit.key or h.passage.kind == "faq") else 0
        return sum(1 for c in specific if f"@{c}" in h.passage.tokens) + period

    # Passages that speak to the customer's own conditions come first ("택 뗐는데" → the tag clause),
    # then BM25 plus the question-type and topic evidence.
    asks_if = analysis.question == "yes_no"

    # a condition the customer rules out ("안 뜯었는데 반품 돼요?"): the clause that states that case ("개봉하지 않은
    # 미사용 제품에 한해 … 가능", "미개봉 제품만") answers, never the one refusing the case they are not in
    denied = {c for c in CONDITIONS if c in analysis.negated and not analysis.has(c)} - specific - _WEAK_CONDITIONS
    # (so is the act the turn asks of, left undone: "주문하고 결제 안 하면?" is the clause "… 입금하지 않으면 자동 취소")
    denied |= {t for t in topics[:1] if t in analysis.negated and not analysis.has(t)}

    # (the topic asked is no case the customer is in: "TV 벽걸이로 설치하면 추가비용 있어요?" asks of installation, and
    # the return rule that refuses installed goods does not answer it)
    case = specific - set(topics[:1])

    def says_no(h: Any) -> int:
        # "… 되나요?" with the customer's condition: the clause that says no for it answers, before a rule
        # that only implies it ("개봉하지 않은 경우에만 가능" vs "박스 개봉 시 반품 불가")
        return int(asks_if and bool(case) and "@impossible" in h.passage.tokens
                   and any(f"@{c}" in h.passage.tokens for c in case)
                   and not _not_their_case(h.passage, analysis, conditions))

    def states_denied(h: Any) -> int:
        return len(denied & denied_in(h.passage.text)) if denied else 0

    # a rate asked ("적립 몇 프로예요?", "what percent"): the clause that states one answers it
    # (and how many points accrue, "how many points do I earn for 100,000 won": the rate they accrue at)
    # (of a purchase: "how many points do I get for a photo review?" is the review's own amount)
    rate = bool(_RATE_ASKED.search(analysis.text)) or analysis.all("come_in", "points") and _asks_amount(analysis) \
        and (analysis.has("buy", "order", "price") or _customer_amount(analysis))
    # a rule on returns or exchanges answers no question that asks of neither ("선크림 작년에 개봉한 건데 써도 돼요?" is
    # the shelf life, though the return rule speaks of opened goods too)
    after_sale = ("returns", "exchange", "refund", "cancellation")
    near = {r for t in topics for r in (t, *RELATED.get(t, ()))}
    aside = bool(topics) and topics[0] in ("expiry", "storage") and not near & set(after_sale) \
        and not analysis.has(*after_sale)

    def foreign(h: Any) -> bool:  # a return or exchange rule, or an FAQ entry on one
        return aside and (h.passage.key in after_sale
                          or h.passage.kind == "faq" and any(f"@{t}" in h.passage.tokens for t in after_sale))

    own_best = max((h.coverage for h in hits if topics and h.passage.kind == "clause" and h.passage.key == topics[0]),
                   default=0.0)

    # ("그럼 배송비 하나는 돌려주시는거죠?": a confirmation of what was said is answered by it again, before any other)
    confirming = bool(_CONFIRMING.search(analysis.text))

    # (the cost of a thing, of a turn on one topic: "반품비랑 교환 기간" asks of two)
    thing = _thing_asked(analysis, index) or (_cost_of(analysis, index) if analysis.has("cost") and len(topics) == 1
                                              else None)
    place = _place_asked(analysis, index) if (analysis.question in ("where", "when", "yes_no") or analysis.request) \
        and analysis.has("store", "hours", "where") and hasattr(index, "passages") else None

    def repeated(h: Any) -> bool:  # (said already: last, unless the turn asks to confirm it, then first)
        was_said = bool(said) and h.passage.text.rstrip(".") in said
        return not was_said if confirming and said else was_said

    # a refund of a cancelled order ("취소했는데 환불 언제?", an order whose state is 취소): no goods come back, so the
    # clause that times it from a returned item's inspection ("반품 상품 검수 후 … 3~7영업일") ranks after one that does
    # not (a rule of returns that states no time, "쿠폰은 반품 완료 시 복원", is no timing and keeps its place)
    # (also beside the cancellation asked, and of an order not shipped yet, whose money comes back only by cancelling:
    # "20261120-0033 취소 가능해요? 그리고 환불은 언제돼요" of an order 상품준비중)
    unshipped = bool(set(context.split()) & {"취소", "결제완료", "상품준비중"})
    cancelled = (analysis.has("cancellation") or unshipped) and not analysis.has("returns") and "refund" in topics

    def of_returned_goods(h: Any) -> bool:
        if cancelled and _asks_time(analysis) and not PERIOD.search(h.passage.text):
            return True  # (nor a clause with no length of time: "품질 문제는 … 당일 환불" is of goods received)
        return cancelled and ("@returns" in h.passage.tokens or "반품" in h.passage.text) \
            and bool(PERIOD.search(h.passage.text))

    ranked = sorted(hits, key=lambda h: (h is not closer, -(rate and bool(PERCENT.search(h.passage.text))), foreign(h),
                                         repeated(h), of_returned_goods(h), _of_one(h.passage, analysis),
                                         -speaks_to(h),
                                         -says_no(h), -states_denied(h),
                                         # ("카카오페이로 결제해도 무이자 돼요?": the clause of the thing asked, 무이자, not
                                         # the one listing the means the customer names)
                                         not (thing and all(n in h.passage.text for n in thing.split())
                                              or place is not None and _holds(h.passage, place)),
                                         -(h.score + 4.0 * h.coverage
                                                                      + _bonus(h.passage, analysis, topics, conditions,
                                                                               _whole_turn(h, own_best)))))
    best = ranked[0]
    condition_met = not specific or any(f"@{c}" in best.passage.tokens for c in specific) or best is closer
    confident = condition_met and (best.coverage >= MIN_COVERAGE or (bool(topics) and best.coverage >= 0.3)
                                   or (bool(specific) and speaks_to(best) > 0) or _holds_asked_value(best.passage, analysis, topics)
                                   or rate and bool(topics) and bool(PERCENT.search(best.passage.text)))
    if not topics and not analysis.is_question and not analysis.request and all(t.startswith("@") for t in best.matched):
        confident = False  # "오늘 진짜 춥네요": a remark that meets a clause only on a concept ("오늘"), no word of its own
    if not topics and best.matched and set(best.matched) <= ACT_ONLY:
        confident = False  # "부재시 경비실에 맡겨주세요": only the act of asking met ("… 주세요"), none of what is asked
    if not topics and confident and analysis.lang == "ko" and _heads_asked(analysis) \
            and not any(head in best.passage.text or head in best.passage.tokens for head in _heads_asked(analysis)):
        # "대표자 이름이랑 사업자번호 알려주세요": a Korean noun phrase is named by its last noun (사업자 '번호'); a clause
        # that shares only a modifier of each thing asked ("사업자 회원은 … 세금계산서") speaks of something else
        confident = False
    unmatched = tuple(c for c in specific if not any(f"@{c}" in h.passage.tokens for h in ranked[:5]))
    chosen = [best]
    for h in ranked[1:]:
        if len(chosen) >= MAX_QUOTES:
            break
        if overlaps(h.passage, [c.passage for c in chosen]) or _of_one(h.passage, analysis):
            continue
        same_section = h.passage.kind == "clause" and any(c.passage.kind == "clause" and c.passage.key == h.passage.key
                                                          for c in chosen)
        adds_condition = any(f"@{c}" in h.passage.tokens and f"@{c}" not in best.passage.tokens for c in conditions)
        # a second clause of the same section only when the first lacks the kind of value asked ("적립금 언제
        # 들어와요?" is answered by "구매확정 시 …"; how to spend them is padding)
        kind = _asked_pattern(analysis)
        if rate and kind is _AMOUNT:
            kind = WON  # "몇 프로 쌓이고 얼마부터 써요?": the rate is one value asked, a sum in won the other
        completes = kind is None or not kind.search(best.passage.text)
        # (never a clause of a case the customer is not in: "반품 되나요?" is not answered by the Jeju surcharge)
        other_case = any(f"@{c}" in h.passage.tokens and f"@{c}" not in best.passage.tokens
                         for c in ("region", "defect", "wrong_item", "break") if c not in conditions)
        # (a sibling of the clause of the thing asked, about another thing of its section: "쇼룸 어디에요?" is not
        # answered by the customer service's phone)
        sibling = place is not None and _holds(best.passage, place) and not _holds(h.passage, place)
        if h.score >= 0.75 * best.score and (same_section and completes and not other_case or adds_condition) \
                and h.coverage >= 0.3 and not sibling:
            chosen.append(h)
    if topics and not specific and analysis.question in ("which", "what") \
            and (analysis.has("exist") or _KINDS_ASKED.search(analysis.text)):
        # "쿠폰은 뭐 있어요?", "what coupons do you have?": the kinds the topic's section gives, each clause that states
        # one by its amount ("신규 가입 … 5,000원 할인 쿠폰", "생일 … 10% 할인 쿠폰"), not the best-worded one alone
        kinds = [h for h in ranked if h.passage.kind == "clause" and h.passage.key == topics[0]
                 and not h.passage.exception and _AMOUNT.search(h.passage.text) and f"@{topics[0]}" in h.passage.tokens]
        if 2 <= len(kinds) <= 4:
            chosen = kinds
    if specific and not best.passage.exception and best is not closer:
        # the clause that says no for the customer's condition comes first, even when a permissive one ranks higher
        # (one that speaks to a condition the first clause does not: "불량은 … 교환 되나요?" is answered by the defect rule,
        # not by the clause refusing damaged goods, which names 훼손 too)
        no = next((h for h in ranked[1:8] if (h.passage.exception or _PAID.search(h.passage.text)) and speaks_to(h)
                   and h not in chosen
                   and any(f"@{c}" in h.passage.tokens and f"@{c}" not in best.passage.tokens for c in specific)), None)
        if no is not None:
            chosen = [no, *chosen][:MAX_QUOTES]
    if asks_if and topics and AGAIN.search(analysis.text) and not ONCE.search(best.passage.text):
        # "한번 교환했는데 또 안 맞아요, 한번 더 돼요?": the clause that allows it once answers whether again
        chosen = _led_by(ranked, chosen, ONCE)
    if "exchange" in topics and _for_another_product(knowledge, analysis.text) \
            and any(_ANOTHER_PRODUCT.search(h.passage.text) for h in chosen[:1]):
        confident = True  # ("산 니트를 다른 상품으로 바꾸고 싶어요": the rule found first is the shop's own on it)
    elif "exchange" in topics and _for_another_product(knowledge, analysis.text) \
            and not any(_ANOTHER_PRODUCT.search(h.passage.text) for h in chosen):
        # "셔츠 샀는데 니트로 교환 되나요?", "다른 상품으로 바꾸는 건요?": the shop's clause on exchanging for another
        # product ("다른 상품으로의 교환은 반품 후 새로 주문해 주세요"), not the same product's size/colour rule
        rule = next((h for h in ranked if _ANOTHER_PRODUCT.search(h.passage.text)), None)
        if rule is None:  # the customer named products, the rule names none: the topic's clause that says it
            from core.knowledge.retrieval import Hit

            found = next((p for p in index.passages if p.kind == "clause" and _ANOTHER_PRODUCT.search(p.text)
                          and any(f"@{t}" in p.tokens for t in topics)), None)
            rule = Hit(passage=found, score=best.score, coverage=best.coverage, matched=()) if found else None
        if rule is not None:
            chosen = [rule, *[h for h in chosen if h.passage is not rule.passage]][:MAX_QUOTES]
            confident = True  # the shop's own rule on it
    if analysis.has("together") and asks_if and _TWO_NAMED.search(analysis.text) \
            and not any(_ONLY_ONE.search(h.passage.text) for h in chosen):
        # "가입쿠폰이랑 VIP 쿠폰 같이 쓸 수 있어요?": the clause that allows one only ("주문당 1장만") says no to two at once
        chosen = _led_by(ranked, chosen, _ONLY_ONE)
    if topics and topics[0] in ("exchange", "returns") and analysis.question == "yes_no" and best.passage.kind == "clause" \
            and best.passage.position == 0 and not analysis.has("period", "duration") \
            and not conditions & {"defect", "wrong_item", "break"} and not any(_AMOUNT.search(h.passage.text) for h in chosen) \
            and not any(h.passage.exception or "@impossible" in h.passage.tokens for h in chosen) and not timed:
        # "교환되나여?? 사이즈 미스ㅜㅜ": whether it can be done, and what it costs the customer when nothing is at fault
        # (the change-of-mind clause of the same section, with its fee)
        cost = _next_quote(ranked, chosen, lambda h: h.passage.key == best.passage.key and "@simple_change" in h.passage.tokens
                           and bool(_AMOUNT.search(h.passage.text)), 0.0)
        if cost is not None:
            chosen.append(cost)
    for c in sorted(specific):
        # each condition of the customer's own case ("도서산간 지역인데 단순변심으로 반품하면") is spoken to by a
        # quoted clause when the shop has one: the region's surcharge beside the change-of-mind fee
        if not any(f"@{c}" in h.passage.tokens for h in chosen):
            extra = _next_quote(ranked, chosen, lambda h, c=c: f"@{c}" in h.passage.tokens, 0.25)
            if extra is not None and len(chosen) < MAX_QUOTES + 1:
                chosen.append(extra)
    if _asks_amount(analysis) and not any(_AMOUNT.search(h.passage.text) for h in chosen):
        # "3일 전에 받았는데 반품하면 배송비 얼마에요?": the amount asked is quoted, even when the customer's period or
        # condition put a clause without one first (the change-of-mind fee of the topic's rule)
        fee = _next_quote(ranked, chosen, lambda h: bool(_AMOUNT.search(h.passage.text)) and not excludes(h.passage), 0.3)
        if fee is not None:
            chosen.append(fee)
    if _asks_amount(analysis) and chosen and all(_EXTRA.search(h.passage.text) for h in chosen if _AMOUNT.search(h.passage.text)) \
            and any(_AMOUNT.search(h.passage.text) for h in chosen):
        # "제주도인데 반품하면 배송비 얼마에요?": the region's surcharge ("제주는 편도 3,000원 … 추가됩니다") is added to a
        # fee: the section's own fee clause it is added to is quoted too
        key = chosen[0].passage.key
        base = _next_quote(ranked, chosen, lambda h: h.passage.key == key and h.passage.kind == "clause"
                           and bool(_AMOUNT.search(h.passage.text)) and not _EXTRA.search(h.passage.text)
                           and not h.passage.exception, 0.0)
        if base is None:
            from core.knowledge.retrieval import Hit

            found = next((p for p in index.passages if p.kind == "clause" and p.key == key and _AMOUNT.search(p.text)
                          and not _EXTRA.search(p.text) and not p.exception
                          and all(p is not h.passage for h in chosen)), None)
            base = Hit(passage=found, score=0.0, coverage=0.0, matched=()) if found is not None else None
        if base is not None:
            chosen.insert(0, base)
    if (analysis.is_question or analysis.request) and analysis.has("period") and analysis.has("cost", "fee") \
            and not _PASSED.search(analysis.text) and not timed:
        # "What's the return window, and who pays return shipping …?", "반품 기간이랑 배송비 알려주세요": the period and
        # the fee asked together are both quoted
        from agent.periods import cases_in

        # (of the customer's own case when they name one: a change of mind's days, never the defect rule's)
        case = cases_in(analysis.text) | ({"change_of_mind"} if analysis.has("simple_change") else set())
        for pattern in (PERIOD, _AMOUNT):
            if not any(pattern.search(h.passage.text) for h in chosen):
                more = _next_quote(ranked, chosen, lambda h, p=pattern: bool(p.search(h.passage.text))
                                   and not excludes(h.passage)
                                   and not (case and cases_in(h.passage.text) and not case & cases_in(h.passage.text)),
                                   0.25)
                if more is not None:
                    chosen.append(more)
    if timed and not any(limit_in(h.passage.text) is not None for h in chosen):
        # the customer's own period ("12월 5일에 받은", "9일 지났는데") is answered by the rule's time limit, even when
        # another condition ranked a clause without one first: the limit is what the verdict is measured against
        from agent.periods import cases_in

        # (of the customer's own case when they name one: "단순변심 … 받은지 3일" is the change-of-mind window, not the
        # defect rule's 3 months)
        case = cases_in(analysis.text)
        limit = next((h for h in ranked[1:8] if limit_in(h.passage.text) is not None and h.coverage >= 0.25
                      and not (case and cases_in(h.passage.text) and not case & cases_in(h.passage.text))), None)
        if limit is not None and not overlaps(limit.passage, [c.passage for c in chosen]):
            chosen.append(limit)
    from agent.pipeline import split_questions
    from agent.turn_analysis import analyse_turn

    asked_apart = [_topics(x)[:1] for x in map(analyse_turn, split_questions(analysis.text))
                   if x.is_question] if len(topics) >= 2 and len(chosen) < MAX_QUOTES + 1 else []
    if len(asked_apart) >= 2:
        # "입금 언제까지 해야돼요? 현금영수증도 되나여": two questions, each of its own topic, each answered by its
        # section (not a condition told after a question: "… 환불 되나요? 입어봤어요")
        for t in topics[1:] + topics[:1]:
            if (t,) in asked_apart and not any(h.passage.key == t for h in chosen):
                own_clause = next((h for h in ranked if h.passage.kind == "clause" and h.passage.key == t
                                   and h.coverage >= 0.3 and not overlaps(h.passage, [c.passage for c in chosen])), None)
                if own_clause is not None:
                    chosen.append(own_clause)
    passages = [h.passage for h in chosen]
    if _asks_time(analysis) and not any(PERIOD.search(p.text) for p in passages):
        # "언제 들어와요?" answered by "구매확정 시 … 적립됩니다": when that event happens is the shop's clause about it
        # ("구매확정은 배송완료 후 7일이 지나면 …")
        events = {m.group(1) for p in passages for m in _EVENT_TIME.finditer(p.text)}
        defined = [p for p in index.passages if p.kind == "clause" and p not in passages and PERIOD.search(p.text)
                   and any(re.match(re.escape(e) + r"(은|는|이|가)\s", p.text) for e in events)]
        passages += defined[:1]
    if _asks_time(analysis) and len(passages) == 1 and PERIOD.search(passages[0].text):
        # "적립금 언제 들어와요?" answered by "구매확정은 배송완료 후 7일이 지나면 …": the clause that says what happens
        # at that event ("구매확정 시 … 적립됩니다"), when it holds the words asked that the other lacks, goes first
        events = {m.group(1) for m in re.finditer(r"^(\S+?)(?:은|는)\s", passages[0].text)
                  if m.group(1) not in analysis.text.replace(" ", "")}  # (not "구매확정은 언제 돼요?": asked itself)
        missing = {t for t in tokens if t.startswith("@")} - set(passages[0].tokens)
        cause = [p for p in index.passages if p.kind == "clause" and p is not passages[0] and missing & set(p.tokens)
                 and any(re.search(re.escape(e) + r"\s*시(?![가-힣])", p.text) for e in events)]
        passages = cause[:1] + passages
    for p in list(passages):
        named = [m.group(1) for m in _LIMIT_NAMED.finditer(p.text)] if not PERIOD.search(p.text) else []
        named = [n for n in named if n in analysis.text]  # what the customer speaks of ("아직 입금 안했어요")
        if named:
            # "입금 기한이 지나면 자동 취소됩니다" names a limit without its length: the clause that states it ("주문 후
            # 3일 이내에 입금하지 않으면 …"), the one the turn's words rank highest
            length = next((h.passage for h in ranked if h.passage.kind == "clause" and h.passage not in passages
                           and PERIOD.search(h.passage.text) and any(n in h.passage.text for n in named)), None)
            if length is not None:
                passages.append(length)
    passages += _rewards_elsewhere(index, analysis, passages, tokens)
    referenced = _referenced(index, passages, tokens)
    if referenced:
        # the clause that only pointed there goes when the section's own clause says what it said, and more
        said = {t for p in referenced for t in p.tokens if not t.startswith("@")}
        passages = [p for p in passages if not (_REFERENCE.search(p.text) and _mostly_in(p, said))] + referenced
    siblings = [p for p in index.passages if p.kind == "faq" and p.key == best.passage.key] \
        if best.passage.kind == "faq" and chosen[0] is best else []  # (not when a clause was put before it)
    if siblings and (not specific - {t for t in topics[:1] if t in TOPICS}
                     or len(siblings) <= 2 and not re.search(r"\d", best.passage.text)):
        # an FAQ answer is written to stand on its own: quote all of it (its sentences, in order); a short one even
        # with the customer's conditions when the sentence chosen states no figure ("바로 사용을 중단해 주세요." leads
        # the answer, the next sentence holds its period)
        passages = sorted(siblings, key=lambda p: p.position) + [p for p in passages if p.key != best.passage.key][:0]
    passages = _without_restated(passages, conditions)
    passages = _for_the_goods_named(knowledge, analysis, passages, index)
    passages = _with_the_clause_of_the_thing_named(analysis, passages, index)
    passages.sort(key=lambda p: (not (p.exception and any(f"@{c}" in p.tokens for c in conditions)), 0))
    return PolicyAnswer(passages=passages, confident=confident, topics=topics, candidates=_titles(ranked),
                        unmatched_conditions=unmatched)


def _heads_asked(analysis: TurnAnalysis) -> list[str]:
    """The last noun of each run of nouns in the turn, a Korean noun phrase's head (사업자번호 -> 번호)."""
    from agent.turn_analysis import noun_runs

    ms = analysis.morphemes
    return [ms[j].surface for _, j in noun_runs(analysis)]


# where a rule sentence joins two clauses, each with its own topic ("무통장입금은 … 신청할 수 있고, 사업자 회원은 …")
_CLAUSE_JOIN = re.compile(r"(?<=[가-힣])(?:고|며|으며),\s+(?=[가-힣A-Za-z·\s]{1,20}?(?:은|는)\s)")


def asked_clause(text: str, analysis: TurnAnalysis) -> str:
    """The later of a rule sentence's two clauses when only it holds what a yes/no turn asks ("세금계산서 발행되나요?" of
    "무통장입금은 … 현금영수증을 신청할 수 있고, 사업자 회원은 채널톡으로 세금계산서 발행을 요청해 주세요" -> "사업자
    회원은 채널톡으로 세금계산서 발행을 요청해 주세요."); the sentence whole otherwise (one clause, or the first holds a word
    asked, or the later has no topic of its own)."""
    joins = list(_CLAUSE_JOIN.finditer(text or ""))
    heads = [h for h in _heads_asked(analysis) if len(h) >= 2]
    if len(joins) != 1 or not heads or analysis.question != "yes_no":
        return text  # (how, when, how much: the other clause may hold the way, the time or the sum)
    first, later = text[:joins[0].start()], text[joins[0].end():]
    if any(h in first for h in heads) or not any(h in later for h in heads):
        return text
    return later


# a question that asks to have something confirmed ("… 돌려주시는거죠?", "… 맞죠?", "right?")
_CONFIRMING = re.compile(r"(?:거|것|는|은|이)죠\s*[?？.~]*\s*$|맞(?:죠|지요|나요|아요)\s*[?？.~]*\s*$|\bright\s*\?\s*$", re.I)


_WON_FIGURE = re.compile(r"\d[\d,]*(?=\s*원)")


# a class of goods a clause is for, named by examples ("과일·채소·정육 등 신선식품은", "쌀·김·들기름 등 가공식품은")
_GOODS_CLASS = re.compile(r"((?:[가-힣A-Za-z]+\s*·\s*)+[가-힣A-Za-z]+)\s*등(?:의)?\s*([가-힣]+?)(?:은|는|의|을|를|이|가)?(?=\s)")


def _of_the_goods_named(knowledge: Any, analysis: TurnAnalysis, hits: list[Any]) -> list[Any]:
    """The hits less a passage written of other products of the shop than the one the customer names ("선크림 쓰고
    뾰루지 났는데 환불 돼요?" is not answered by "어성초 진정 토너와 세라마이드 장벽 크림은 피부 자극 테스트를 완료한
    제품입니다"); all of them when the customer names none, or every hit is such a passage."""
    from agent.mentions import mentioned_products

    try:
        named = set(mentioned_products(knowledge, analysis.text))
    except (AttributeError, TypeError):
        return hits
    if not named:
        return hits
    def of_others(h: Any) -> bool:
        other = set(mentioned_products(knowledge, h.passage.text))
        return bool(other) and not other & named

    # (an FAQ entry goes whole: its other sentence, "처음 쓰실 때는 … 패치 테스트를 권장합니다", is of those products too;
    # a rule's clause for a class of goods, "쌀·김·들기름 등 가공식품은 …", is weighed by `_for_the_goods_named`)
    entries = {h.passage.key for h in hits if h.passage.kind == "faq" and of_others(h)}
    kept = [h for h in hits if not (h.passage.kind == "faq" and h.passage.key in entries)]
    return kept or hits


def _goods_class(text: str) -> set[str]:
    """The goods a clause is written for: its examples and the class they name ("과일", …, "신선식품"); empty when none."""
    m = _GOODS_CLASS.search(text)
    return {w.strip() for w in m.group(1).split("·")} | {m.group(2)} if m else set()


def _for_the_goods_named(knowledge: Any, analysis: TurnAnalysis, passages: list[Any], index: Any) -> list[Any]:
    """Of clauses written each for a class of goods ("신선식품은 단순 변심 반품 불가", "가공식품은 미개봉 7일 이내"), the
    one for the goods the customer names ("사과 맛이 없어서 반품": the fresh-food clause; the product's kind, its name's
    words or the customer's own word) — the others are another customer's case; the passages as they are otherwise."""
    classed = {id(p): members for p in passages if p.kind == "clause" and (members := _goods_class(p.text))}
    if not classed:
        return passages
    from agent.mentions import mentioned_products
    from core.language.korean_text import strip_particles

    words = {strip_particles(w) for w in re.findall(r"[가-힣A-Za-z]+", analysis.text)}
    for pid in mentioned_products(knowledge, analysis.text):
        product = knowledge.product(pid)
        if product is not None:
            words |= {x.strip() for x in str(product.category or "").split("/")} | set(product.name.split())
    fits = [p for p in passages if id(p) in classed and classed[id(p)] & words]
    if not fits:
        keys = {p.key for p in passages if id(p) in classed}
        fits = [q for q in index.passages if q.kind == "clause" and q.key in keys and _goods_class(q.text) & words][:1]
        if not fits:
            return passages
        passages = passages + fits
    return [p for p in passages if id(p) not in classed or p in fits]


_CLAUSE_TOPIC = re.compile(r"^([가-힣A-Za-z0-9]+?)(?:은|는)\s")


def _with_the_clause_of_the_thing_named(analysis: TurnAnalysis, passages: list[Any], index: Any) -> list[Any]:
    """A clause of a section quoted that is written about a thing the customer names as its topic ("TV 주문했는데 다른
    상품이랑 같이 와요?" beside "한 주문의 택배 상품은 함께 발송됩니다": "TV는 … 따로 도착하며"): the rule for their case,
    added after the others; the passages as they are when no clause of those sections is about it."""
    from core.language.korean_text import strip_particles

    keys = {p.key for p in passages if p.kind == "clause"}
    if not keys:
        return passages
    words = {strip_particles(w) for w in re.findall(r"[가-힣A-Za-z0-9]+", analysis.text)}
    words = {w for w in words if len(w) >= 2}
    extra = [q for q in index.passages if q.kind == "clause" and q.key in keys and q not in passages
             and (m := _CLAUSE_TOPIC.match(q.text)) is not None and m.group(1) in words]
    # (a word of the shop's rule language, "주문은", "반품은", is every clause's business: only a thing of its own)
    from agent.turn_analysis import analyse_turn

    extra = [q for q in extra if not analyse_turn(_CLAUSE_TOPIC.match(q.text).group(1)).hits]
    return passages + extra[:1]


def _without_restated(passages: list[Any], conditions: set[str]) -> list[Any]:
    """The passages less one whose sums in won another passage states with more ("왕복 6,000원이 들고, 택 제거 …" beside
    "왕복 6,000원을 부담하며, … 편도 3,000원"), unless it speaks to a condition of the customer's the other does not or
    states anything else in figures (a period, a count: "개봉 후 12개월" is no restated fee)."""
    won = {id(p): {x.replace(",", "") for x in _WON_FIGURE.findall(p.text)} for p in passages}
    others = {id(p): len(figures(p.text)) > len(won[id(p)]) for p in passages}
    speaks = {id(p): {c for c in conditions if f"@{c}" in p.tokens} for p in passages}
    kept = [p for p in passages if not (won[id(p)] and not others[id(p)] and any(
        q is not p and won[id(p)] < won[id(q)] and speaks[id(p)] <= speaks[id(q)] for q in passages))]
    return kept or passages


def overlaps(p: Any, chosen: list[Any]) -> bool:
    """Two passages saying the same thing (an FAQ answer restating a clause) are quoted once."""
    a = {t for t in p.tokens if not t.startswith("@")}
    for c in chosen:
        b = {t for t in c.tokens if not t.startswith("@")}
        if a and b and len(a & b) / min(len(a), len(b)) >= 0.6:
            return True
    return False


def _titles(hits: list[Any]) -> list[str]:
    seen: dict[str, None] = {}
    for h in hits:
        title = h.passage.title
        if title and title not in seen:
            seen[title] = None
    return list(seen)[:3]
