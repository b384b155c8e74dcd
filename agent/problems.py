"""What went wrong, when a customer reports a problem: from concepts, negation and tense, not phrases.

A problem is reported (past tense or a present state), not asked about as a possibility: "지퍼가
고장났어요" is a defect, "세탁하면 줄어드나요?" is a care question and "무통장입금 안 되나요?" asks
whether something is possible. Kinds, checked in this order so the most specific wins:

- double_charge: a payment named with a double marker (두 번 / 중복 / 이중결제);
- wrong_item: a different item/colour/size came ("다른 색이 왔어요", "오배송");
- missing_item: part of the order is missing (누락, "하나가 빠져있어요");
- state_disputed: the order shows a state against what the customer did ("입금 안했는데 왜 결제완료에요");
- not_received: the parcel never reached the customer ("배송완료라는데 못 받았어요", 분실);
- damaged_parcel: the box/parcel itself arrived damaged;
- defect: the item is faulty (불량, 구멍, 고장났어요, 찢어졌어요 …);
- skin: a skin reaction after using a product (뾰루지, 트러블, 가려움 … reported);
- pickup_late: the courier has not come to collect a return (반품 회수, 수거);
- other: a generic failure (오류, 에러, 결제가 안 돼요) — apology and a person.
"""

from __future__ import annotations

import re
from typing import Any

from agent.turn_analysis import NOTICE_CAME, ONLY_NAMED_CAME, ONLY_PART_CAME, SKIN_REACTION, SWAP_WISH, UNANSWERED_CALL, WRONG_SENT, TurnAnalysis

PARCEL_PROBLEMS = frozenset({"not_received", "damaged_parcel"})
# what came set against what the shop showed ("사진이랑 너무 달라요", "상세페이지랑 다르네요")
_UNLIKE_LISTING = re.compile(r"(사진|상세\s*페이지|상품\s*설명|설명)\S{0,2}\s*(이랑|랑|과|와|하고|보다|이랑은|하곤)\s*"
                             r"([가-힣]+(이|가|은|는)\s*)?(너무|완전|많이|좀|전혀|엄청|아예|진짜)?\s*(달라|다르|다른|딴판)(?!도)")
# a part said to be missing from the thing ("단추가 하나 없어요", "끈이 없네요"), not asked for ("여분 단추 없어요?")
_PART_MISSING = re.compile(r"(이|가)\s*(하나|한\s*개|두\s*개|다)?\s*없(어요|네요|네|었어요|더라고요|어서|음)(?!\s*[?？])")
# changed in the wash: shrank, stretched, lost its shape or colour
_CHANGED_IN_WASH = re.compile(r"(빨|세탁|빨래|물세탁)\S*\s*(\S+\s*){0,3}?(줄었|줄어들었|줄어\s*들|작아졌|쪼그라|늘어났|늘어져|"
                              r"변형|뒤틀|틀어졌|물\s*빠졌|이염)")
# came torn, leaking or smelling/looking off ("봉지가 뜯겨서 왔어요", "향이 이상해요", "색이 변했어요")
_RECEIVED_SPOILT = re.compile(r"(뜯겨|찢겨|터져|새서|새어|물러)\s*(서\s*)?(왔|와\s*있|도착)|"  # 물러서 왔어요: came mushy
                              r"(향|냄새|맛|색|색깔|질감|제형)\S{0,2}\s*(좀\s*|너무\s*|많이\s*)?(이상|변했|변한|시큼|쉰)|"
                              r"(쉰|상한|썩은)\s*(내|냄새|맛)|"  # the smell or taste of something gone off, named by it
                              # (in English, told in the past: "the milk I got smelled sour"; "does it taste sour?"
                              # asks of the goods)
                              r"\b(smelled|smelt|tasted)\s+(?:really\s+|very\s+|a\s+bit\s+)?"
                              r"(sour|bad|off|rotten|weird|strange|funny|spoiled|rancid)\b", re.I)
# a date about to pass ("내일까지인 게", "이틀 남은 거", "임박")
_NEAR_END = re.compile(r"(내일|모레|오늘|이번\s*주|며칠|이틀|사흘|\d+\s*일)\s*(까지|밖에|남은|남았)|임박|얼마\s*안\s*남|지난|지났")
PRAISE_WORDS = r"만족|예쁘|예뻐|이쁘|좋아요|좋네"  # the customer likes what came (`route_evidence.closing_thanks` too)
_CONTENT = re.compile(PRAISE_WORDS + r"|괜찮")  # praise beside it: no problem reported
# (나왔 is "came out", a charge or a result: "배송비 3,000원이 왜 나왔어요"; how it came is no other thing: "시켰는데 따로 왔어요")
_DIFFERENT = re.compile(r"다른\s*(상품|제품|물건|옷|거|게|걸|색|색상|컬러|사이즈|치수|옵션|신발)|" + WRONG_SENT + r"|"
                        r"엉뚱한|바뀌어\s*서?\s*왔|주문한\s*(거|것|상품|색|색상|사이즈|옵션)?\s*(랑|이랑|과|와)\s*(달라|다르|다른)|"
                        r"(사이즈|치수|색상|색깔|컬러|색)(이|가)\s*(서로\s*)?(달라|다르)|"
                        r"(주문|시켰|시킨|샀|구매|결제)\S{0,4}(는데|더니|건데|한데|지만)\s*(?!\s*(?:아직|안\s|잘|택배|배송|물건|상품|문자|연락|알림|카톡|따로|나눠|나누어|각각|먼저|늦게|일찍))"
                        r"[^.?!]{1,20}?\s*(이|가)?\s*(?<!나)(왔|와\s*있|도착했|배송됐|들어\s*있)|"
                        r"\bwrong\s+(item|size|colou?r|product)\b|\bnot\s+what\s+i\s+ordered\b", re.I)
# the parcel as what is damaged: its word as a subject or topic ("택배 상자가 찌그러져서", "박스 다 젖었어요"), not as
# the thing opened ("귤 박스 열었더니 곰팡이가": the goods inside are what is wrong)
_PARCEL = re.compile(r"(택배|상자|박스|포장|봉투|송장)(?!\s*(을|를)?\s*(열|뜯|까|개봉))|\bbox\b|\bpackage\b|\bparcel\b", re.I)
# two orders named: what was paid twice is each order's own ("주문 두 개 따로 했는데 배송비 두 번 냈어요")
_TWO_ORDERS = re.compile(r"(?:주문|결제)\S{0,2}\s*(?:두\s*개|2\s*개|두\s*건|2\s*건)|따로\s*(?:주문|시켰|시킨|샀|산|결제)|"
                         r"\b(?:two|2|separate)\s+orders\b|\bordered\s+separately\b", re.I)
# a return's collection by the courier ("반품 회수", "수거", "반품 택배 기사님", "return pickup")
_RETURN_PICKUP = re.compile(r"회수|수거|반품\s*(?:택배|기사)|\b(?:return\s+)?pick\s*-?\s*up\b|\bcollect(?:ion|ed)?\b", re.I)
_NOT_COME = re.compile(r"안\s*(와|옴|오)|\b(?:nobody|no\s*one|never|hasn'?t|has\s+not|didn'?t|did\s+not|not\s+yet|still)\b", re.I)
# between a parcel word and the damage it suffered: a particle, an adverb of degree, the English verb of its coming
_PARCEL_TO_DAMAGE = re.compile(r"\s*(?:이|가|은|는|도|만)?\s*(?:(?:다|좀|많이|완전|조금|살짝|심하게|아주|너무|was|is|arrived|came|"
                               r"got|all|badly|totally|completely)\s*)*", re.I)


def _parcel_damaged(a: TurnAnalysis, text: str) -> bool:
    """The parcel itself is what was damaged: a parcel word is the subject of every damage word ("박스가 찌그러져서
    왔어요", "the box arrived crushed"); not a box of the goods ("귤 박스 받았는데 몇 개 물러 있어요": the tangerines)."""
    damage = [h for h in a.hits if h.concept in ("defect", "break")]
    return bool(damage) and all(any(_PARCEL_TO_DAMAGE.fullmatch(text, m.end(), h.start) for m in _PARCEL.finditer(text, 0, h.start))
                                for h in damage)


# the goods said to be fine beside a damaged box ("옷은 멀쩡해요", "내용물은 괜찮아요", "상품은 이상 없어요")
_GOODS_INTACT = re.compile(r"(?:은|는|도)\s*(?:다\s*|완전\s*)?(?:멀쩡|괜찮|이상\s*(?:없|무)|문제\s*(?:없|는\s*없))|\b(?:item|contents?|goods)\s+(?:is|are|seems?)\s+(?:fine|ok|okay|intact)\b", re.I)
def goods_intact_in_damaged_box(a: TurnAnalysis) -> bool:
    """Every damage word is said of the parcel and the goods are said to be fine ("택배박스가 찢어져서 왔는데 옷은
    멀쩡해요"): no fault of the goods."""
    return bool(_GOODS_INTACT.search(a.text)) and _parcel_damaged(a, a.text)


# a state that resulted from something (V-아/어 있다): "구멍 나 있어요", "얼룩이 묻어 있네요", "찢어져 있었어요"
_RESULT_STATE = re.compile(r"(아|어|나|져|혀|려|겨)\s*있(어요|어|네요|네|습니다|는데|더라고요|었어요|었는데|음)")
# something that should have come was not in the parcel: "안 들어 있었어요", "빠져 있었어요"
_NOT_INCLUDED = re.compile(r"(안|없이)\s*들어\s*있|들어\s*있지\s*않|빠져\s*(있|왔)|누락")  # not "환불이 안 들어왔어요"
# only one side or one of them works: "한쪽만 돼요", "하나만 켜져요", "only one side works"
_ONLY_WORKS = re.compile(r"(한\s*쪽|하나|한\s*짝)만\s*(돼|되|나와|나오|들려|들리|작동|켜)|only\s+one\s+(side|ear)\s+(works|is\s+working)", re.I)
_FAILURE = re.compile(r"오류|에러|실패|먹통|튕겨|\berror\b|\bfailed\b|\bnot\s+working\b|안\s*(돼요|되요|됩니다|되네|돼서|되서|됨|되는데|돼는데)"
                      r"|(답|답변|연락)\S{0,2}\s*(이|가)?\s*없", re.I)
_ASKS_POSSIBLE = re.compile(r"(안\s*(되나요|돼나요|되죠|되는지|될까|돼요\?|되요\?))|가능|\bcan\s+i\b|\bis\s+it\s+possible\b", re.I)
_ASKS_AT_END = re.compile(r"(안\s*(되나요|돼나요|되죠|될까요?|돼요|되요|되는\s*거죠)|가능(한가요|할까요|해요|하죠|한지)?|되나요|될까요)"
                          r"\s*[?？]+\s*$")
_ARRIVAL_NEG = re.compile(r"(못|안)\s*(받|왔|와|옴|오)|받지\s*못|(배송|배달)\s*완료.{0,24}(없|못|안\s*보)|\b(didn't|did\s+not|never|haven't|have\s+not)\s+(receive|get|arrive|got)", re.I)


# Verbs whose negation is about the order, fit or a rule, not a faulty thing ("안 와요", "안 맞아요", "안 돼요").
_NOT_A_FAULT = frozenset({"오", "맞", "되", "들어오", "도착하", "보이", "가", "어울리", "하", "있", "없", "받"})
# the customer's own mind, not a thing that fails ("뭐 시켰는지 기억이 안 나요", "생각이 안 나요", "이해가 안 돼요")
_OF_THE_MIND = frozenset({"기억", "생각", "이해"})
_EN_FAILS = re.compile(r"\b(doesn'?t|does\s+not|won'?t|will\s+not|isn'?t|is\s+not|stopped|no\s+longer|not)\s+"
                       r"(work|working|turn(ing|s)?\s+(on|off)|charg\w*|power\w*|start\w*|heat\w*|spin\w*|connect\w*|"
                       r"open\w*|close\w*|cool\w*|pump\w*)", re.I)


# the courier says it was left, and it is not there ("문앞에 뒀다는데 없어요", "두고 갔다는데 물건도 없어요")
_LEFT_BUT_GONE = re.compile(r"(택배|기사|배송\s*기사|문\s*앞|문앞|경비실|현관)[^.?!]{0,12}?(뒀다|두었다|놨다|놓았다|두고\s*갔|놓고\s*갔)"
                            r"\S{0,5}\s*[^.?!]{0,16}?(없어|없네|없는데|없음|못\s*받)")


# a mark that appeared on a part of the thing ("화면에 줄이 생겼어요", "표면에 금이 갔어요", "밑창에 주름이 생겼네요")
_APPEARED_ON = re.compile(r"[가-힣]{1,6}에\s*(?:[가-힣]+\s+)?[가-힣]{1,4}(?:이|가)\s*(?:자꾸\s*|계속\s*|또\s*)?"
                          r"(?:생겼|생겨서|나타났|갔어|가\s*있|가요|가네|가는데|올라왔)")


def _topics_named(a: TurnAnalysis) -> bool:
    """A shop rule's topic in the turn ("마이페이지에 쿠폰이 생겼는데"): what appeared is no mark on the goods."""
    from agent.route_evidence import general_topics

    return bool(general_topics(a))


# what a customer asks of a product itself, or of a shop rule: a turn with these is no report of a fault
_ASKED_OF_A_PRODUCT = ("price", "stock", "restock", "option", "measure", "fit", "body", "material", "care", "recommend",
                       "compare", "similar", "discount", "shipping", "fee", "tracking", "dispatch", "skin")


# the goods' receipt or opening told as the scene of what follows ("받았는데", "와서 열어보니", "뜯어봤더니")
_RECEIVED_THEN = re.compile(r"(받았|받아\s*보|받고\s*보|왔|도착했|열어\s*보|열어\s*봤|뜯어\s*보|뜯어\s*봤|개봉했|개봉해\s*보)"
                            r"(는데|더니|니까|으니|니)(?=\s)")


def _state_since_received(a: TurnAnalysis) -> bool:
    """A statement about the thing, beside how long ago it was received or bought ("공기청정기 소음이 너무 심해요 받은지
    한달", "tv 화면에 줄 생겼어요 산지 13개월이요"): a customer who says when the goods came and tells what they do now
    reports a fault, unless the turn asks something of the product or a rule, or praises it."""
    from agent.periods import elapsed

    if a.is_question or a.request or a.hypothetical or a.has(*_ASKED_OF_A_PRODUCT, "late") or _topics_named(a) \
            or _CONTENT.search(a.text) or _ARRIVAL_NEG.search(a.text) or a.has("simple_change"):
        return False  # ("단순변심이에요. 받은지 3일 됐어요": a changed mind, and when it came; nothing of the thing told)
    if not _told_beside_when(a):
        return False  # "받은지 3일 됐어요": only when it came, nothing it does
    if a.negated & {"opened", "remove", "worn", "use", "tag"} and not a.has("defect", "break"):
        return False  # "박스 안뜯었어요 받은지 3일": what the customer has not done to it, a return's condition, no fault
    since = elapsed(a.text)  # a length of time since the goods came or were bought ("받은지 열흘", "산지 13개월")
    # or the receipt told as what came before ("사과 받았는데 절반이 멍들고 물러있어요", "열어보니 …")
    return since is not None and since.event in ("receipt", "purchase") or bool(_RECEIVED_THEN.search(a.text))


# the verbs of when the goods came or how long ago ("받은지 3일 됐어요", "산 지 한 달 지났는데")
_WHEN_VERBS = frozenset({"받", "사", "되", "지나", "넘", "오", "도착", "구매", "주문", "시키", "이", "하"})


def _told_beside_when(a: TurnAnalysis) -> bool:
    """Something told besides when the goods came: a noun or a predicate other than the receipt's and the elapsed
    time's own ("물이 새요", "소음이 심해요" beside "받은지 2주"; not "받은지 3일 됐어요" alone)."""
    from agent.periods import PERIOD_UNITS, WHOLE_PERIODS

    def of_the_time(noun: str) -> bool:  # a period's word ("열흘", "한달"), or 지 of "받은 지" ("산지": 산 지, read as one noun)
        return noun in WHOLE_PERIODS or noun.lstrip("한두세네") in PERIOD_UNITS or noun in ("지", "산지", "쓴지")

    return any(m.pos in ("VV", "VA") and m.lemma not in _WHEN_VERBS or m.pos in ("NNG", "NNP") and not of_the_time(m.surface)
               for m in a.morphemes)


def statement_like(a: TurnAnalysis) -> bool:
    return a.reported or not a.is_question or "?" not in a.text


def _thing_fails(a: TurnAnalysis) -> bool:
    """A thing that does not do what it should: a subject noun (이/가) no shop concept names, then 안/못 and a verb
    ("전원이 안 켜져요"); or English "doesn't turn off", "stopped working"."""
    if _EN_FAILS.search(a.text):
        return True
    if a.mentions("account", "payment", "points", "coupons", "membership", "store", "hours", "receipts"):
        return False  # "아이디가 기억이 안 나요": a shop service, not a faulty thing
    ms = a.morphemes
    for i in range(len(ms) - 3):
        noun, particle = ms[i], ms[i + 1]
        rest = [m for m in ms[i + 2:i + 6]]
        if particle.pos in ("NR", "MM") and i + 2 < len(ms):
            # "키 하나가 안 눌려요": a count of the thing between it and its particle
            particle, rest = ms[i + 2], [m for m in ms[i + 3:i + 7]]
        while rest and rest[0].pos == "MAG" and rest[0].lemma not in ("안", "못"):
            rest = rest[1:]  # "전원이 아예 안 켜져요": an adverb before the negation
        if len(rest) < 2:
            continue
        neg, verb = rest[0], rest[1]
        if noun.pos not in ("NNG", "NNP") or particle.pos not in ("JKS", "JKO") or neg.pos != "MAG" or neg.lemma not in ("안", "못") \
                or not verb.pos.startswith("V") or noun.surface in _OF_THE_MIND \
                or any(h.start <= noun.start < h.end and h.concept not in ("part", "defect", "body") for h in a.hits):
            continue
        # a function of the thing that does not happen: "작동을 안 해요" (하 after an object no shop concept names);
        # the other verbs of _NOT_A_FAULT speak of the order, the fit or a rule
        if any(h.start <= noun.start < h.end and h.concept == "body" for h in a.hits) and (
                verb.pos != "VV" or any(h.start < verb.end and verb.start < h.end
                                        and h.concept not in ("defect", "break") for h in a.hits)):
            continue  # (a body word with a word of build or fit is the customer's: "키가 안 커서")
        if particle.pos == "JKS" and verb.lemma not in _NOT_A_FAULT or particle.pos == "JKO" and verb.lemma == "하":
            return True  # ("작동을 안 해요"; an object with another verb is what the customer did: "박스를 안 열었어요")
    return False


# "블랙 주문했는데 네이비가 왔어요", "주문한 건 흑청인데 중청이 왔어요": what was ordered, then what came instead
_ORDERED_THEN_CAME = re.compile(r"(?:주문|시킨|산|구매)\S{0,2}\s*(?:건|거|것)?\s*(\S+?)(?:인데|이었는데|였는데)\s*(\S+?)(?:이|가)\s*"
                                r"(?:왔|와\s*있|도착)")


def _other_option_came(text: str, knowledge: Any) -> bool:
    """The thing ordered and the thing that came are two different option values the shop sells (a colour, a size):
    a wrong item. Read against the shop's own vocabulary, so "주문한 건 어제인데 택배가 왔어요" is none."""
    m = _ORDERED_THEN_CAME.search(text or "")
    if m is None or knowledge is None:
        return False
    try:
        vocab = knowledge._searcher().vocab
    except AttributeError:
        return False
    ordered = {x.value for x in vocab.find_mentions(m.group(1))}
    came = {x.value for x in vocab.find_mentions(m.group(2))}
    return bool(ordered) and bool(came) and not ordered & came


_CONJECTURE = re.compile(r"\S{0,2}겠|\S{0,2}까\s*봐")  # "상하겠네", "녹을까 봐"
_FUTURE_GUESS = re.compile(r"\s*(것|거)\s*같")  # after a future form "상할": "상할 것 같아요"


def _only_feared(a: TurnAnalysis, concept: str) -> bool:
    """Every word of the concept is said as a conjecture or a supposition ("상하겠네", "상할 것 같아요", "녹을까 봐",
    "상하면"): feared, not reported ("상한 것 같아요" reports a state, and stays a fault)."""
    def feared(h: Any) -> bool:
        last = a.text[h.end - 1] if h.end else ""
        future = "가" <= last <= "힣" and (ord(last) - 0xAC00) % 28 == 8  # the syllable ends in ㄹ: 할, 될, 갈
        tail = a.text[h.end:]
        # (or supposed: "상하면 어떡해요" asks what if, nothing has gone off)
        return bool(_CONJECTURE.match(tail) or future and _FUTURE_GUESS.match(tail) or re.match(r"으?면(?!서)", tail))

    spans = [h for h in a.hits if h.concept == concept]
    return bool(spans) and all(feared(h) for h in spans)


WHY = re.compile(r"왜|어째서|\bwhy\b", re.I)
# the customer tells what they did or did not do ("입금 안했다니까요", "취소했는데", "I never paid")
_TOLD_DONE = re.compile(r"(?:안|못)\s*했|않았|했(?:는데|다|어요|거든|잖)|\b(?:didn't|did\s+not|never|already)\b", re.I)


_TOLD_CAME = re.compile(r"왔|와\s*있|도착|받았|\b(came|arrived|received|got)\b", re.I)


def told_delivered(text: str) -> bool:
    """The customer tells the parcel is shown delivered or was left somewhere ("배송완료라는데", "delivered", "문앞에
    뒀다는데 없어요": the courier says delivered, nothing is there)."""
    return "완료" in text or bool(re.search(r"\b(delivered)\b", text, re.I)) or bool(_LEFT_BUT_GONE.search(text))


def _state_disputed(text: str, knowledge: Any) -> bool:
    """"입금 안했다니까요 왜 결제완료에요?": the customer asks why their order shows a state the shop's orders are in,
    against what they say they did; a person checks the order, no rule explains it."""
    if knowledge is None or not WHY.search(text) or not _TOLD_DONE.search(text):
        return False
    try:
        states = {str(o.status) for n in knowledge.order_numbers() if (o := knowledge.order(n)) is not None}
    except (AttributeError, TypeError):
        return False
    flat = re.sub(r"\s", "", text)
    # (a state said to persist, "입금했는데 왜 아직 상품준비중이에요?", follows what was done: the order is slow, not
    # shown against it)
    return any(len(state) >= 3 and state in flat and not re.search(r"(?:아직|여전히|still)\S*$", flat[:flat.find(state)], re.I)
               for state in states)


def problem_kind(analysis: TurnAnalysis, knowledge: Any = None) -> str | None:
    """The kind of problem the customer reports, or None (see the module docstring). With the shop's `knowledge`, an
    option ordered and another that came is a wrong item too."""
    a = analysis
    text = a.text
    if a.hypothetical and not a.reported:
        return None  # "불량이면 배송비 누가 내요?" asks about a rule
    # "…안 되나요?" asks about a rule; so does a turn that ENDS asking it, after saying what happened
    # ("받은지 8일 됐어요 ㅠ 안돼요?": the past tense is the customer's situation, the question is the rule)
    asks_rule = a.question == "yes_no" and (not a.reported and bool(_ASKS_POSSIBLE.search(text))
                                            or bool(_ASKS_AT_END.search(text)))
    if a.mentions("double_charge") or (a.has("payment", "paid") and a.has("twice") and not asks_rule
                                       and (a.reported or not a.is_question) and not _TWO_ORDERS.search(text)
                                       and not (a.has("fee") and a.is_question)):
        # (not "주문 두 개 따로 했는데 … 배송비 두 번 냈어요": a fee of each of two orders; not "따로 왔는데 배송비 두번
        # 낸거에요?": whether the rule charges a fee twice, asked)
        return "double_charge"
    if _state_disputed(text, knowledge):
        return "state_disputed"
    if (a.has("skin") and (a.reported or re.search(r"났|생겼|올라|붉어|가려|따가", text)) or SKIN_REACTION.search(text)) \
            and not asks_rule:
        return "skin"  # "토너 쓰고 얼굴에 뾰루지 났어요", "얼굴 뒤집어졌어요"
    if a.has("part") and (a.has("break", "remove") or re.search(r"안\s*(올라|내려|잠|닫|채워|맞물|열)", text)) and not asks_rule \
            and not (a.hypothetical and not a.reported):
        return "defect"  # "단추가 떨어졌어요", "지퍼가 안 올라가요", "박음질이 뜯어져 있어요"
    if a.has("part") and _PART_MISSING.search(text) and not a.is_question and not asks_rule:
        return "defect"  # "셔츠 단추가 하나 없어요": a part of the thing received is missing
    if _CHANGED_IN_WASH.search(text) and not asks_rule and (a.reported or not a.is_question):
        return "defect"  # "니트 한번 빨았는데 엄청 줄었어요": it shrank or lost its shape in the wash
    if _RECEIVED_SPOILT.search(text) and not asks_rule:
        return "defect"  # "김 봉지가 뜯겨서 왔어요", "크림 향이 이상해요": it came torn open, or smelling or looking off
    if a.has("expiry") and _NEAR_END.search(text) and re.search(r"왔|받|도착|보내|보냈", text) and not a.is_question:
        return "defect"  # "우유 유통기한이 내일까지인 게 왔어요": it came with its date about to pass
    if a.has("pilling") and re.search(r"심하|심해|많이|계속|너무|잔뜩|엄청|일어났|생겼|빠졌|났|배어", text) and not asks_rule \
            and a.question in (None, "yes_no") and (a.reported or "?" not in text):
        return "defect"  # "보풀이 심하게 일어나요", "물이 빠졌어요"
    if _APPEARED_ON.search(text) and not asks_rule and statement_like(a) and not _topics_named(a):
        # (present "가요" reads as a question to the analyser; without a question mark it is told)
        return "defect"  # "모니터 화면에 줄이 생겼어요", "가죽에 금이 갔어요", "화면에 줄이 가요": a mark on the thing
    came = _TOLD_CAME.search(text)  # the customer tells the goods came ("왔어요", "받았는데", "arrived")
    arrived = a.reported or a.mentions("arrival") or came
    if _NOT_INCLUDED.search(text) and (a.reported or arrived) and not asks_rule:
        return "missing_item"  # "샘플이 하나도 안 들어있었어요": something that should have come did not
    notice_only = bool(NOTICE_CAME.search(text))  # "알림만 왔어요 물건은 아직": a message came, no goods
    if (ONLY_PART_CAME.search(text) or ONLY_NAMED_CAME.search(text)) and not a.mentions("wrong_item", "coupons", "points") \
            and not asks_rule and not notice_only \
            and (a.reported or not a.is_question or a.question == "when"):  # ("… 한 장만 왔어요 나머지는 언제 와요?")
        return "missing_item"  # "두 장 시켰는데 한 장만 왔어요": fewer came than were ordered, not something else
    # (a stock question in the past tense, "다른 색 32 뭐 남았어요?", tells nothing received: what is left is asked)
    # (nor does one asking whether things come together: "TV 주문했는데 다른 상품이랑 같이 와요?")
    stock_asked = a.is_question and (a.has("stock") and not a.mentions("arrival") or a.has("together")) and not came
    if (a.mentions("wrong_item") or _DIFFERENT.search(text) and not a.has("defect") and not SWAP_WISH.search(text)
        and not notice_only) \
            and arrived and not stock_asked and not asks_rule \
            and not re.search(r"(안|못|아직)\s*(왔|와|옴|오|도착)", text):
        return "wrong_item"
    if _UNLIKE_LISTING.search(text) and not a.is_question and not a.request and not _CONTENT.search(text):
        # (said as a statement, it is of what came: "귤 크기가 너무 작아요 상품설명이랑 다르네요")
        return "defect"  # "사과 사진이랑 너무 달라요 조그만 것들 섞여서 왔네요": what came is not what was shown
    if _other_option_came(text, knowledge) and not asks_rule:
        return "wrong_item"
    if _ONLY_WORKS.search(text) and not asks_rule:
        return "defect"  # "노캔이 한쪽만 돼요": only one side works, a fault (not a missing part)
    if a.mentions("missing_item") and not asks_rule and (a.reported or not a.is_question):
        return "missing_item"
    if _RETURN_PICKUP.search(text) and (_ARRIVAL_NEG.search(text) or _NOT_COME.search(text)) and not asks_rule:
        return "pickup_late"  # "반품 택배 기사님이 안 오세요", "수거를 안 와요": the return's collection, no parcel to receive
    shown_delivered = told_delivered(text)
    from agent.periods import elapsed
    from agent.turn_analysis import CALL_UNANSWERED

    parcel_text = CALL_UNANSWERED.sub(" ", text)  # ("전화 안받으시네요": a call unanswered, no parcel unreceived)
    # ("한달째 안 와요": a wait counted, a late parcel; lost is a parcel shown delivered)
    late = a.has("late") or re.search(r"째", text) is not None and elapsed(text) is not None
    if _LEFT_BUT_GONE.search(text) or (a.mentions("not_received") and (shown_delivered or not late)) or (
            _ARRIVAL_NEG.search(parcel_text) and (a.mentions("shipping", "order") or shown_delivered)
            and (shown_delivered or not late)):
        return "not_received"  # "배송완료인데 못 받았어요"; "아직도 안 왔어요" is a late parcel, not a lost one
    if a.has("defect") and _only_feared(a, "defect"):
        pass  # "배송중이라고 한달째 떠요 고기 다 상하겠네": a fear of what will happen, no fault reported
    elif a.has("defect") and not asks_rule and (a.reported or not a.is_question or a.question == "yes_no" and a.reported
                                              or arrived and "?" not in text  # "곰팡이 몇 개 피어 있어요. 어제 받았어요"
                                              or bool(_RESULT_STATE.search(text))):  # "구멍 나 있어요 … 사진 어디로 보내요?"
        return "damaged_parcel" if _parcel_damaged(a, text) and not re.search(r"상품|옷|제품|지퍼|단추", text) else "defect"
    if a.has("defect") and a.reported and not _only_feared(a, "defect"):
        return "defect"
    if _thing_fails(a) and not asks_rule and not a.hypothetical and a.question in (None, "yes_no") and statement_like(a):
        return "defect"  # "전원이 안 켜져요", "펌프가 안 눌려요", "it doesn't turn off anymore"
    if _state_since_received(a) and not asks_rule:
        return "defect"  # "백팩 어깨끈이 끊어졌어요 받은지 열흘", "가습기 받은지 2주 됐는데 물이 새요"
    if a.mentions("payment", "paid", "come_in") and a.reported and not asks_rule and (
            a.negated & {"order", "exist"} or re.search(r"안\s*(보|떠|뜨|나와|나오)|없어|없네|없는데", text)):
        return "other"  # "결제는 됐는데 주문내역이 없어요": paid, and the order is not there
    statement = a.reported or not a.is_question or "?" not in text
    # "결제가 안 돼요", and anything reported as not done ("환불이 아직 안됐어요": 되다 negated, in the past)
    failed = _FAILURE.search(text) or UNANSWERED_CALL.search(text) or (any(h.concept == "possible" for h in a.negated_hits) and a.reported
                                       and not a.is_question)
    # (not a rule's outcome told: "2천원 차이로 무료배송 안되네요" is the fee rule's minimum, no fault of the shop's)
    if failed and not asks_rule and not a.hypothetical and a.question in (None, "yes_no") and statement \
            and not a.mentions("free"):
        return "other"
    return None


def fault_told(a: TurnAnalysis) -> bool:
    """The customer tells that what came is faulty or not what they ordered ("불량이에요", "다른 색이 왔어요"), whatever
    they then ask (where to send the photos, who pays the fee): the after-sale rule for faults answers it."""
    return a.mentions("defect", "wrong_item") and not a.hypothetical and not is_late_parcel(a) \
        and not _only_feared(a, "defect") and not a.has("late")


def is_late_parcel(analysis: TurnAnalysis) -> bool:
    """"아직도 안 와요", "일주일째 안 와요": a parcel not there yet (a delivery status question, with an apology)."""
    return analysis.has("late") and bool(_ARRIVAL_NEG.search(analysis.text) or re.search(r"안\s*(와|옴|오)", analysis.text))
