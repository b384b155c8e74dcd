"""Detect a request for a human, separately from the route ("상담원 연결", "사람이랑 얘기하고 싶어요").

A handoff mutes the bot in that chat for hours, so it is for real requests only: a person named with a
connect/talk word or as a bare request ("상담원요", "매니저님 계세요?"), not negated ("상담원 연결 안 해도
돼요", "상담원 필요 없어요", "I don't need a human") and not hypothetical or about someone else ("실제
사람 키 175면 어떤 사이즈?", "직원 추천 상품"). Read from the turn's concepts and negation scopes.
"""

from __future__ import annotations

import re

from agent.turn_analysis import ConceptHit, TurnAnalysis, analyse_turn

_BARE = re.compile(r"^\s*(상담원|상담사|상담직원|사람|직원|담당자|매니저|실장|사장)\s*(님|분)?\s*(이|요|이요|좀|계세요|있나요|계신가요|불러\s*주세요|"
                   r"연결|연결\s*해\s*주세요|부탁\s*드려요|부탁해요)?\s*[?!.~]*\s*$|^\s*(human|agent|operator|representative)\s*(please)?\s*[?!.]*\s*$",
                   re.I)
_NOT_BOT = re.compile(r"(챗봇|봇|bot|기계|ai|자동\s*응답)\s*(말고|아니고|말구|빼고|대신)|\bnot\s+(a\s+)?(bot|robot)\b|\b(real|actual)\s+(person|human)\b", re.I)
_PRESENCE_TAIL = re.compile(r"\s*(님|분)?\s*(계세요|계신가요|계실까요|있나요|있어요\s*\?|없나요|없어요\s*\?)")
_PRESENCE = re.compile(r"(매니저|담당자|직원|상담원|사장)\s*님?\s*(계세요|계신가요|있나요|있어요\?)")


# what a turn that names a person and asks nothing else may also say (a connection, saying no, needing, asking)
PERSON_ONLY = frozenset({"human", "connect", "decline", "need", "request", "possible", "agree"})


def wants_human(text: str | TurnAnalysis) -> bool:
    """True when the customer asks to talk to a person (see module docstring)."""
    a = analyse_turn(text) if isinstance(text, str) else text
    if _NOT_BOT.search(a.text):
        return True  # "챗봇 말고 사람 없어요?": asking for a person instead of the bot
    if "human" in a.negated or "connect" in a.negated or ("need" in a.negated and a.mentions("human")):
        return False
    if a.has("decline") and not (a.is_question or a.request) and a.has("human", "connect") \
            and (a.lang == "en" or _person_turned_down(a)):
        return False  # "매니저 연결은 괜찮아요", "no need for a human": a polite no, not a request (in Korean said after
        # the person it turns down: "챗봇 싫어요 사람 불러줘" turns the bot down and asks for a person)
    if any(h.concept == "human" and a.in_excluded(h.start, h.end) for h in a.hits):
        return False  # "상담원 말고 그냥 여기서 답해줘요": not a person
    if _declined_in_clause(a):
        return False  # "상담원 연결은 괜찮구요 교환 기간만 알려주세요": the request is for the answer, not a person
    if re.search(r"(연결|통화|상담)\S{0,3}\s*(하기\s*)?전에|\bbefore\s+(you\s+)?(connect|transfer)", a.text, re.I):
        return False  # "상담원 연결하기 전에 그냥 여쭤볼게요": a question first, not a request for a person
    if _BARE.search(a.text) or _NOT_BOT.search(a.text) or _PRESENCE.search(a.text):
        return True
    if any(h.concept == "human" and _PRESENCE_TAIL.match(a.text, h.end) for h in a.hits):
        return True  # "상담사님 계세요?", "담당자분 있나요": asking whether a person is there
    if "human" not in a.concepts:
        return False
    people = [h for h in a.hits if h.concept == "human"]
    if not a.has("connect") and all(h.form in _OWNER_TITLES and _ADDRESS.match(a.text[h.end:])
                                    and not a.text[:h.start].strip(" ~!.,") for h in people):
        return False  # "사장님 이거 얼마에요? 할인해 줘요": the person is addressed, the request is for something else
    if a.hypothetical and not a.has("connect"):
        return False
    if contact_asked(a.text) and not a.has("connect") and not _BARE.search(a.text):
        return False  # "사장님 번호 좀 알려줘요", "담당자 이메일 뭐예요?": the shop's contact asked for, answered from its texts
    return a.has("connect") or (a.request and a.has("need", "request")) or bool(
        re.search(r"(사람|직원|담당자|상담원)\S{0,3}\s*(이|가)?\s*(직접\s*)?(해|답|응대|상담|봐)\s*(주|줘)", a.text))


# the shop's last reply offered to bring a person in ("… 담당자에게 연결해 확인해 드릴게요", "연결해 드릴까요?")
OFFERED = re.compile(r"(담당자|상담원|상담사|직원)\S{0,3}\s*연결해\s*(?:\S+\s*)?드릴(?:게요|까요)|"
                     r"\bconnect\s+you\s+(?:to|with)\b", re.I)


def accepts_offer(a: TurnAnalysis, last_reply: str) -> bool:
    """"네 연결해주세요", "네 부탁드려요", "yes please" right after the shop offered a person: the offer taken up, a
    request for a person as plain as "상담원 연결해주세요" (not "네 감사합니다", a close; not a new question)."""
    if not last_reply or not OFFERED.search(last_reply) or a.is_question or a.negated:
        return False
    said = set(a.concepts)
    return bool(said) and said <= {"agree", "connect", "request"} \
        and ("connect" in said or "request" in said or said == {"agree"})


# a way to reach the shop asked for (a number, an e-mail): information, not a request to be connected here
CONTACT_ASKED = re.compile(r"(번호|전번|연락처|이메일|메일\s*주소|카톡\s*아이디)\S{0,3}\s*(좀|가|이|은|는|요)?\s*(알려|뭐|몇|어떻게|있|[?？]|$)|"
                           r"\b(phone\s+number|e-?mail\s+address|contact\s+(number|details)|(service|support|your|shop's)\s+number)\b",
                           re.I)
_CONTACT_JOINED = re.compile(r"(번호|전번|연락처|이메일)(?:이랑|랑|하고|과|와)\s*")
# numbers that are not the shop's contact ("주문 번호", "비밀번호", "송장번호")
_OTHER_NUMBER = re.compile(r"(주문|송장|운송장|계좌|우편|카드|모델|비밀|인증|회원|사업자|등록|결제|휴대폰|핸드폰)\s*$")


def contact_asked(text: str) -> bool:
    """The shop's phone number or e-mail asked for ("고객센터 번호요", "사장님 연락처"), not an order's, account's or
    password's number ("주문 번호 뭐였죠?", "비밀번호 어떻게 바꿔요?")."""
    for m in CONTACT_ASKED.finditer(text or ""):
        if m.group(1) and m.group(1).startswith("번호") and _OTHER_NUMBER.search(text[:m.start()]):
            continue
        return True
    # joined to another thing of the shop's asked beside it ("전화번호랑 운영시간", "연락처랑 위치요"), by that thing's concept
    a = analyse_turn(text or "")
    return any(not (m.group(1).startswith("번호") and _OTHER_NUMBER.search(a.text[:m.start()]))
               and any(h.start == m.end() and h.concept in ("hours", "store", "address") for h in a.hits)
               for m in _CONTACT_JOINED.finditer(a.text))


_ADDRESS = re.compile(r"\s*님\s*[,~!]*\s+\S")  # "사장님 …" opening a message: a form of address
_OWNER_TITLES = ("사장", "대표")  # how customers address a shop's owner (never "상담원님 도와주세요", a request)
_ASKS = re.compile(r"주세요|줘|부탁|해\s*주|please", re.I)


def _declined_in_clause(a: TurnAnalysis) -> bool:
    """A person named and declined in the same clause ("상담원 연결은 괜찮구요 …", "직원분 연결 안 해주셔도 돼요. 주말에도
    상담하는지만 알려주세요"), whatever the rest asks."""
    people = [h for h in a.hits if h.concept in ("human", "connect")]
    if any((h.start, h.end) == (n.start, n.end) and re.search(r"도\s*(돼|되|괜찮)", a.text[n.end:n.end + 14])
           for h in people for n in a.negated_hits if n.concept == "connect"):
        return True  # not connecting is said to be fine; a later "상담" asks about the service, not for a person
        # (never "연결 안 해주시면 안돼요?": a double negative asks for one)
    if any(_done_with(a, h.end) for h in people):
        return True  # "상담원 연결은 됐고 가격만", "연결 없이 그냥 답 주세요": the person is turned down or done without
    if people and all(_told_as_past(a, h) for h in people):
        return True  # "상담원 연결 이미 됐어요 교환 신청만 …", "아까 상담사님이랑 통화했는데요 …": a person already reached
    return _person_turned_down(a)


def _person_turned_down(a: TurnAnalysis) -> bool:
    """A decline said of a person or a connection named before it ("상담원 연결은 괜찮구요", "상담원 기다리기 싫어요")."""
    people = [h for h in a.hits if h.concept in ("human", "connect")]
    return any(h.concept == "decline" and any(p.end <= h.start and _said_of(a, p, h) for p in people) for h in a.hits)


def _said_of(a: TurnAnalysis, person: ConceptHit, decline: ConceptHit) -> bool:
    """The decline is said of the person named before it: nothing between asks ("연결해 주세요 …"), ends a sentence
    ("… 얘기하고 싶어요 봇은 싫어요") or names another thing ("사람이 낫지 챗봇 싫어요") — only the person's own words, their
    particles and what is done with them ("상담원 기다리기 싫어요", "상담원 연결은 괜찮구요")."""
    if _ASKS.search(a.text[person.end:decline.start]):
        return False
    own = [(x.start, x.end) for x in a.hits if x.concept in ("human", "connect")]
    return not any(person.end <= m.start < decline.start and (
        m.pos in ("EF", "SF") or m.pos in ("NNG", "NNP", "NP") and not any(s <= m.start < e for s, e in own))
        for m in a.morphemes)


# right after a person or a connection: a chat "no" mark (ㄴㄴ, 노노, x), "later" (나중에), or a verb with 지 말- (don't)
_TURNED_DOWN = re.compile(r"\S{0,4}\s*(?:(?:[ㄴᄂ]{2}|노노|[xX✕❌])(?=[\s.,!~]|$)|나중에|\S{1,4}지\s*(?:말|마))")


# what a past act of reaching a person may end with before the turn goes on to its question: "이미 됐어요", "통화했고요",
# "얘기했는데요" (never a question: "연결 됐나요?"); 됐- said of a person turned down takes only the plain ones
# ("연결은 됐는데 답이 없어요" goes on to what happened)
_PLAIN_CLOSE = frozenset({"고", "구", "고요", "구요", "어요", "어", "습니다"})
_PAST_CLOSE = _PLAIN_CLOSE | {"는데", "는데요", "다", "으니까", "니까"}


def _done_with(a: TurnAnalysis, end: int) -> bool:
    """The word right after a person or a connection ends at `end` turns it down: 없이 ("연결 없이", without it), or its
    topic particle and 됐- said of it, not asked and not going on to what happened ("상담원은 됐어요", "연결은 됐고"; never
    "연결은 됐는데 답이 없어요", "연결 됐나요?")."""
    after = [m for m in a.morphemes if m.start >= end]
    if after and after[0].start - end <= 1 and after[0].pos == "MAG" and after[0].lemma == "없이":
        return True
    if _TURNED_DOWN.match(a.text, end):
        return True  # "상담원 연결 ㄴㄴ", "상담원 x", "연결은 나중에 할게요", "상담원한테 넘기지 말아주세요"
    if len(after) < 3 or after[0].start != end or after[0].pos != "JX" or after[0].surface not in ("은", "는"):
        return False
    verb, ending = after[1], after[2]
    said_done = ending.pos in ("EC", "EF") and (ending.lemma in _PLAIN_CLOSE or ending.surface in _PLAIN_CLOSE)
    return verb.lemma == "되" and verb.surface.startswith("됐") and said_done \
        and not a.text[ending.end:ending.end + 2].strip().startswith("?")


# what a person was told to have done that goes wrong is a problem with the connection, which a person hears
_NOT_DONE = re.compile(r"\s*(?:근데|그런데|그래도|아직|다시)?\s*(?:안|못|없|답이?\s*없|연락이?\s*없)")


def _told_as_past(a: TurnAnalysis, h: ConceptHit) -> bool:
    """A person or a connection told as done before the turn asks something else: the first verb after it, past
    ("상담원 연결 이미 됐어요", "상담원 연결은 이미 했고요", "아까 상담사님이랑 통화했는데요"), closed by a plain ending,
    with a question after it that is not about the connection failing ("… 됐는데 답이 없어요" is a problem)."""
    after = [m for m in a.morphemes if m.start >= h.start]  # (from the hit: "얘기했어요" is one hit over its verb)
    i = 0
    while i < len(after) and (after[i].pos[:1] == "J" or after[i].pos in ("MAG", "XSN", "SY")
                              or after[i].is_noun and (after[i].end <= h.end or any(
                                  x.start == after[i].start and x.concept in ("human", "connect") for x in a.hits))):
        i += 1  # (its particles, 이미/아까, the person's 님, the connection named after the person)
    if i >= len(after) or not (after[i].pos == "XSV" or after[i].pos.startswith("V")):
        return False
    verb = after[i]
    past = "EP" in verb.tags.split("+") or i + 1 < len(after) and after[i + 1].pos == "EP"
    ending = next((m for m in after[i + 1:] if m.pos != "EP"), None)
    if not past or ending is None or ending.surface not in _PAST_CLOSE and ending.lemma not in _PAST_CLOSE:
        return False
    rest = a.text[ending.end:]
    if rest[:2].strip().startswith(("?", "？")) or _NOT_DONE.match(rest):
        return False
    asked = analyse_turn(rest)
    return (asked.is_question or asked.request) and not asked.mentions("human", "connect") and bool(asked.concepts)


# a connection told as done ("연결은 됐으니까", "연결된 거 알아요"; in English, "already")
_TOLD_DONE = re.compile(r"\S{0,3}\s*(?:됐|된|되었|되어\s*있)")


def already_connected(a: TurnAnalysis, last_reply: str) -> bool:
    """Right after the shop brought a person in or offered one (its reply `OFFERED`: "네, 상담원에게 연결해 드릴게요"),
    the customer says the connection is done ("이미 연결은 됐으니까 그냥 … 알려줘요", "연결된 거 알아요. 근데 …"): no new
    request, whatever else the turn asks."""
    if not last_reply or not OFFERED.search(last_reply):
        return False
    return any(h.concept in ("connect", "human") and (re.search(r"\balready\b", a.text, re.I) if h.via == "english"
                                                     else _TOLD_DONE.match(a.text, h.end)) for h in a.hits)


def without_declined_person(a: TurnAnalysis) -> TurnAnalysis:
    """"상담원 안 불러도 돼요 그냥 궁금해서 그런데 점심시간 언제에요": a person named only to decline one says
    nothing about the rule asked; the question is the last clause, so the shop's texts are searched with it."""
    from agent.turn_context import CLAUSE_END

    if not a.mentions("human") or wants_human(a):
        return a
    # the clauses after the one that names the person ("상담원 연결까진 필요없구요 | 쿠폰 한 주문에 몇장 쓸수있는지만
    # 알려주세요": not only the last one, which may be "알려주세요" alone)
    declined = [n.end for n in a.negated_hits if n.concept in ("human", "connect")]
    # the person declined ends that clause ("직원분 연결 안 해주셔도 돼요. 주말에도 상담하는지만 …": 상담 is asked about)
    person_end = max(declined) if declined else max(h.end for h in a.hits if h.concept in ("human", "connect"))
    # a clause's end, or the sentence's ("… 안 해주셔도 돼요. 주말에도 …", "… 돼요, …"), or the person ruled out
    # ("상담원 연결 말고 그냥 반품 방법만 알려주세요")
    ends = sorted([*(m for m in CLAUSE_END.finditer(a.text)), *re.finditer(r"(?:[.?!？~]+|(?<=요),)\s+", a.text),
                   *re.finditer(r"(?<=[가-힣])\s*(?:말고|빼고)\s+", a.text)], key=lambda m: m.start())
    end = next((m.end() for m in ends if m.start() >= person_end), None)
    if end is None or not a.text[end:].strip():
        return a
    asked = analyse_turn(a.text[end:])
    # (never a rest that only asks to be answered: "상담사 말고 그냥 여기서 답해줘" turns the person down, nothing else)
    return asked if asked.concepts - {"request", "inform", "agree"} else a
