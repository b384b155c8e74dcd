"""English key points of a shop's Korean policy sentence, for English customers in offline mode.

The shop writes its rules in Korean and offline mode has no translator, so an English customer would get
Korean text only. This gloss reads each clause piece by piece (split at commas and clause endings) and says in
English what it can read for sure: the quantities with their units ("7일 이내" -> "within 7 days",
"3~7영업일" -> "3-7 business days", "6,000원" -> "6,000 KRW"), clock times, and the words of shop rules
around them (return, exchange, round trip, change of mind, not possible …). Every number it says is the
shop's own, so the fact guard passes by construction. The Korean text is still quoted: the gloss helps,
it does not replace the rule. LM mode writes the reply in English instead.
"""

from __future__ import annotations

import re
from typing import Any

from core.language.patterns import compiled

# Shop-rule vocabulary (Korean -> English), longest first when matched. Generic across shops: after-sale,
# payment, delivery and service words, not one shop's products.
GLOSSARY: dict[str, str] = {
    "단순 변심": "change of mind", "단순변심": "change of mind", "회수비": "pickup fee", "회수": "pickup", "반품": "return", "교환": "exchange",
    "환불": "refund", "취소": "cancellation", "왕복": "round trip", "편도": "one way", "배송비": "shipping fee",
    "무료배송": "free shipping", "무료": "free", "추가": "extra", "불량": "defective item", "오배송": "wrong item",
    "택 제거": "tag removed", "태그": "tag", "착용": "worn", "세탁": "washed", "오염": "soiled", "포장 훼손": "damaged packaging",
    "개봉": "opened", "미개봉": "unopened", "미사용": "unused", "사용": "used", "제주": "Jeju",
    "도서산간": "remote areas", "신용카드": "credit card", "체크카드": "debit card", "카드": "card", "무통장입금": "bank transfer",
    "가상계좌": "virtual account", "카카오페이": "KakaoPay", "네이버페이": "NaverPay", "토스페이": "TossPay",
    "적립금": "points", "쿠폰": "coupon", "적립": "earned", "소멸": "expire", "구매확정": "purchase confirmation",
    "등급": "tier", "평일": "weekdays", "주말": "weekends", "공휴일": "public holidays", "휴무": "closed",
    "점심": "lunch", "출고": "dispatch", "도착": "arrival", "수령": "receipt", "결제": "payment",
    "마이페이지": "My Page", "채널톡": "chat", "전화": "phone", "이메일": "e-mail", "고객센터": "customer service",
    "무이자 할부": "interest-free installments", "현금영수증": "cash receipt", "세금계산서": "tax invoice",
    "배송지": "delivery address", "변경": "change", "재입고": "restock", "알림": "notification",
    "해외 배송": "overseas shipping", "합배송": "combined shipping", "선물 포장": "gift wrapping",
    "설치": "installation", "보증": "warranty", "샘플": "samples", "유통기한": "expiry date",
    "불가": "not possible", "어렵": "not possible", "없습니다": "none", "제외": "excluded",
    "이상": "or more", "이내": "within", "배송비 없이": "no shipping fee", "신청": "apply", "배송중": "in transit",
    "이후": "after", "출고 전": "before dispatch", "자동": "automatically", "리뷰": "review", "포토": "photo",
    "텍스트": "text", "회원가입": "sign-up", "신규 가입": "new sign-up", "할인": "discount", "생일": "birthday",
    "주문당": "per order", "당일": "same day", "다음 영업일": "next business day", "품절": "sold out",
    "배송완료": "delivered", "지나면": "after", "이전": "before", "해외": "overseas",
    "수 없습니다": "not possible", "없고": "none", "수 없어요": "not possible", "하지 않습니다": "not offered", "가능": "possible", "국내": "within Korea",
    "온라인 전용": "online only", "오프라인 매장": "offline store", "매장": "store", "쇼룸": "showroom", "주소": "address",
    "주문": "order", "간편결제": "easy payment (KakaoPay, NaverPay etc.)", "첫 구매": "first purchase",
    "재발송": "resend", "전액": "full", "접수": "report", "수거": "pickup", "발급": "issued",
    "무상": "free", "본체": "main unit", "배터리": "battery", "쉽니다": "closed", "쉬며": "closed",
    "새벽배송": "dawn delivery", "새벽 배송": "dawn delivery", "월요일": "Monday", "화요일": "Tuesday", "수요일": "Wednesday",
    "목요일": "Thursday", "금요일": "Friday", "토요일": "Saturday", "일요일": "Sunday", "다음 날": "next day",
    "일부 지역": "some areas", "서울": "Seoul", "경기": "Gyeonggi", "인천": "Incheon", "부산": "Busan", "검수": "inspection",
    "물류센터": "warehouse", "벽걸이": "wall mount", "스탠드": "stand",
    "신선식품": "fresh food", "가공식품": "processed food", "냉동식품": "frozen food",
    "할인 상품": "sale items", "세일 상품": "sale items", "사은품": "free gift", "포인트": "points",
    "냉장 보관": "keep refrigerated", "냉동 보관": "keep frozen", "냉장": "refrigerated", "냉동": "frozen",
    "실온": "room temperature", "보관": "storage", "직사광선": "direct sunlight", "서늘한 곳": "a cool place",
    "손세탁": "hand wash", "드라이클리닝": "dry clean", "단독 세탁": "wash separately", "건조기": "tumble dryer",
    "찬물": "cold water", "교체": "replace", "섭취": "eat", "드세요": "eat", "해동": "thawed", "수령 후": "after delivery", "개봉 후": "after opening", "재냉동": "refreezing",
    "금지": "not allowed", "피해": "avoid", "아닌": "not",
    "주문 메모": "order memo", "배송 메모": "delivery memo", "거래명세서": "invoice", "가격": "price", "빼고": "left out",
    "선물": "gift",
    "결제완료": "paid", "상품준비중": "being prepared", "결제대기": "awaiting payment", "입금 기한": "payment deadline",
    "요청": "request",
    "받지 않습니다": "not accepted", "제거": "removed", "누락": "missing", "구성품": "components", "정품 등록": "registered",
}
_KEYS = sorted(GLOSSARY, key=len, reverse=True)
_QUANTITY = re.compile(
    r"(?P<below>영하\s*|-)?(?P<deg>\d+(?:\s*~\s*\d+)?)\s*도(?=[\s,)]|$)(?P<under>\s*이하)?"
    r"|매월\s*(?P<monthday>\d{1,2})\s*일"
    r"|(?P<range>\d+)\s*~\s*(?P<range2>\d+)\s*(?P<runit>영업일|일|개월|시간)"
    r"|(?P<n>\d+)\s*(?P<unit>영업일|일|개월|시간|회|장|년)(?P<within>\s*(?:이내|안에))?"
    r"|(?P<won>\d[\d,]*)\s*원(?P<more>\s*이상)?"
    r"|(?P<pct>\d+(?:\.\d+)?)\s*%"
    r"|(?P<clock>\d{1,2}:\d{2}\s*~\s*\d{1,2}:\d{2}|\d{1,2}:\d{2})"
    r"|(?P<contact>[\w.+-]+@[\w-]+\.[\w.]+|\d{2,4}-\d{3,4}-\d{4})")
_UNITS = {"영업일": ("business day", "business days"), "일": ("day", "days"), "개월": ("month", "months"),
          "시간": ("hour", "hours"), "회": ("time", "times"), "장": ("item", "items"), "년": ("year", "years")}


def _quantity(m: re.Match[str]) -> str:
    if m.group("deg"):  # "영하 18도 이하" -> "-18°C or below", "0~4도" -> "0-4°C"
        sign = "-" if m.group("below") else ""
        degrees = re.sub(r"\s", "", m.group("deg")).replace("~", "-")  # (outside the f-string: Python 3.11 reads it)
        return f"{sign}{degrees}°C" + (" or below" if m.group("under") else "")
    if m.group("monthday"):
        return f"on day {m.group('monthday')} of each month"
    if m.group("range"):
        return f"{m.group('range')}-{m.group('range2')} {_UNITS[m.group('runit')][1]}"
    if m.group("n"):
        n = int(m.group("n"))
        words = _UNITS[m.group("unit")]
        text = f"{n} {words[0] if n == 1 else words[1]}"
        return f"within {text}" if m.group("within") else text
    if m.group("won"):
        return f"{m.group('won')} KRW" + (" or more" if m.group("more") else "")
    if m.group("pct"):
        return f"{m.group('pct')}%"
    if m.group("clock"):
        return m.group("clock").replace(" ", "").replace("~", "-")
    return m.group("contact")


# where a clause's topic or condition ends ("단순 변심 반품은 …", "50,000원 이상 구매 시 …", "개봉한 경우 …"): what
# precedes it is what the rest of the clause is about, said first in English ("Change of mind: …")
def _topic_end(piece: str) -> tuple[int, int] | None:
    """Where the clause's topic or condition ends, read by the analyser: a topic particle ("반품은", "경우에는"), a
    conditional ending ("불량이면"), or 시 after a noun ("결제 시"); (start, end) of the marker, or None. An adnominal
    -은/-는 ("같은 상품") or "또는" is no topic, unless what it follows is a rule noun the analyser took for a verb
    stem ("설치는 무료": 설치 read as the verb 설치다)."""
    from core.language.morphology import analyse

    ms = analyse(piece)
    for i, m in enumerate(ms):
        followed = piece[m.end:m.end + 1].isspace()
        if not followed or i == 0:
            continue
        rule_noun = m.pos == "ETM" and m.surface in ("은", "는") and ms[i - 1].surface in GLOSSARY and ms[i - 1].end == m.start
        if m.pos == "JX" and m.surface in ("은", "는") or m.pos == "EC" and m.surface in ("면", "으면") or rule_noun \
                or m.surface == "시" and m.pos.startswith("NN") and ms[i - 1].pos.startswith("NN") \
                or m.surface == "경우" and m.pos.startswith("NN"):  # ("선물하실 경우 …": the case)
            start = m.start
            if m.pos == "JX" and ms[i - 1].pos == "JKB" and ms[i - 1].end == m.start:
                start = ms[i - 1].start  # "경우에는", "이후에는": the particles go with the marker
            return start, m.end
    return None


def _pieces(sentence: str) -> list[str]:
    """A rule sentence's clauses: cut after a connective ending the analyser reads (-고, -며: "부담하며", "있고"),
    never inside a noun that ends in the same syllable ("출고 전", "재고"), and at commas between clauses."""
    from core.language.morphology import analyse

    text = sentence or ""
    ms = analyse(text)
    cuts = sorted({m.end for m in ms if m.pos == "EC" and m.surface in ("고", "며", "으며", "면서")
                   and text[m.end:m.end + 1].isspace()}
                  | {m.end for m in ms if m.pos == "JKB" and m.surface in ("로", "으로") and _new_topic_after(ms, m.end)}
                  | {m.end() for m in re.finditer(r",(?!\d)", text)})
    out, start = [], 0
    for cut in cuts:
        out.append(text[start:cut].rstrip(","))
        start = cut
    out.append(text[start:])
    return [p.strip() for p in out if p.strip()]


def _new_topic_after(ms: list[Any], end: int) -> bool:
    """"N(으)로" ending at `end` opens the sentence and is followed by nothing but the nouns of a new topic ("온라인 전용
    매장으로 | 오프라인 매장은 없습니다": two things said), not by the verb it is the argument of ("상태로 변경되면"); with
    a topic before it, it is said of that topic ("조군샵은 온라인 전용 매장으로 …", the shop's name set aside by the
    caller) and stays one piece."""
    if any(m.pos == "JX" and m.surface in ("은", "는") and m.start < end for m in ms):
        return False
    rest = [m for m in ms if m.start >= end]
    i = 0
    while i < len(rest) and (rest[i].pos.startswith("NN") or rest[i].pos in ("SL", "SN", "XSN", "XPN")):
        i += 1
    return 0 < i < len(rest) and rest[i].pos == "JX" and rest[i].surface in ("은", "는")


_LOOSE_WORDS = 3  # glossary words of a clause whose topic cannot be read, shown in order only up to this many


_NEGATIVE_WORDS = frozenset({"not possible", "not offered", "none", "excluded"})
# a clause that ends saying its subject cannot be had or done, by 되다 negated ("새벽배송이 되지 않습니다", "반품이 안
#됩니다"): its glossed words are what is refused (never "동물실험을 하지 않으며", where the refused thing has no gloss)
_CANNOT_BE = re.compile(r"(?:되지\s*않|안\s*(?:되|됩|돼))[가-힣]*[^가-힣]*$")


# where a rule's list of cases ends and what it says of them begins ("… 포장 훼손으로 상품 가치가 떨어진 경우 반품이
# 불가합니다", "… 구성품 누락 시에는 단순 변심 반품이 불가합니다")
_CASES_END = re.compile(r"(?:경우(?:에는|에도)?|시에는|시에도|(?<=[가-힣\s])시)\s+")


def _listed_cases(pieces: list[str]) -> str | None:
    """A sentence that lists the cases a rule applies to, then says the rule ("택 제거, 착용·세탁 흔적, …, 포장 훼손으로
    … 경우 반품이 불가합니다"): "Return not possible if: tag removed, worn / washed, soiled, damaged packaging"; None
    when the sentence is not such a list."""
    if len(pieces) < 3 or any(len(p.split()) > 4 for p in pieces[:-1]):
        return None
    end = _CASES_END.search(pieces[-1])
    if end is None:
        return None
    said = _words(pieces[-1][end.end():])
    cases = [(" / " if "·" in p else " ").join(w) for p in [*pieces[:-1], pieces[-1][:end.start()]] if (w := _words(p))]
    if not said or len(cases) < 2:
        return None
    head = " ".join(said)
    return f"{head[0].upper()}{head[1:]} if: {', '.join(cases)}"


def gloss(sentence: str) -> str:
    """English key points of one Korean rule sentence ("" when nothing in it can be read for sure): each clause as
    "Topic: what the rule says of it" when its topic or condition can be read, else its words in order. A clause that
    ends by saying its thing cannot be had keeps its no ("제주·도서산간은 새벽배송이 되지 않습니다": "Jeju / remote areas:
    dawn delivery not possible")."""
    listed = _listed_cases(_pieces(sentence))
    if listed:
        return listed
    parts = []
    for piece in _pieces(sentence):
        if _CANNOT_BE.search(piece) and not _NEGATIVE_WORDS & set(_words(piece)):
            piece = f"{piece.rstrip('. ')} 불가"
        listed = len(piece) <= 8 and len(re.findall(r",(?!\d)", sentence or "")) >= 2  # an enumeration item ("카카오페이,")
        m = _topic_end(piece)
        if m and not listed:
            before = re.sub(r"\([^)]*\)", "", piece[:m[0]])  # "출고 전(결제완료·상품준비중)까지": the aside is no topic
            topic, rest = _words(before), _words(piece[m[1]:], slash=True)
            if topic and rest:
                joiner = " / " if re.search(r"·|,(?!\d)", before) else " "
                head = joiner.join(topic)
                if re.fullmatch(r"\s*(?:으면|면|시|경우(?:에는|에도|에)?)\s*", piece[m[0]:m[1]]):
                    head = f"if {head}"  # a condition ("교환할 옵션이 품절이면 …"): "If exchange sold out: …"
                elif head in _STATES or head.startswith("after ") and head[6:] in _STATES:
                    head = f"{'once' if head.startswith('after ') else 'when'} {head.removeprefix('after ')}"
                elif topic[-1] == "order" and len(topic) > 1 and set(topic[:-1]) <= _DAYS:
                    head = f"orders on {joiner.join(topic[:-1])}"  # "주말·공휴일 주문은": orders on weekends / …
                if rest[-1] == "dispatch" and len(rest) > 1 and "dispatch" not in rest[:-1]:
                    rest = ["dispatched", *rest[:-1]]  # "다음 영업일에 출고됩니다": dispatched (on) the next business day
                parts.append(f"{head[0].upper()}{head[1:]}: {_phrase(rest, piece[m[1]:])}"
                             + (" (on a condition written in Korean)" if _unread_condition(piece) else ""))
                continue
            if topic:
                continue  # its topic read, nothing said of it ("냉장·냉동 상품은 … 포장합니다"): no loose words
        words = _words(piece)
        framed = _phrase(words, piece) if len(words) > 1 else ""
        if framed.startswith(("you ", "request ")):  # a frame of a rule read whole, with no topic: a sentence of its own
            parts.append(framed)
            continue
        if words and (len(words) > 1 or any(ch.isdigit() for ch in words[0]) or listed) and len(words) <= _LOOSE_WORDS:
            parts.append(" ".join(words))  # more loose words in a row read as garble ("receipt within 7 days chat My Page apply")
    return "; ".join(parts)


# the days an order is placed on ("주말·공휴일 주문은 …": "Orders on weekends / public holidays: …")
_DAYS = frozenset({"weekdays", "weekends", "public holidays", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                   "Saturday", "Sunday"})
# order states ("결제완료 상태에서는 …": "When paid: …"; "배송중 이후에는": "Once in transit: …")
_STATES = frozenset({"paid", "being prepared", "awaiting payment", "in transit", "delivered"})
# what a rule lets the customer do: the verb for the noun, said with its object
_ACTIONS = {"cancellation": "cancel it", "return": "return it", "exchange": "exchange it", "change": "change it",
            "refund": "get a refund", "payment": "pay", "resend": "have it resent", "pickup": "arrange a pickup"}
_REQUESTED = {"cancellation": "a cancellation", "return": "a return", "exchange": "an exchange", "change": "a change",
              "refund": "a refund", "resend": "a resend", "pickup": "a pickup"}
_DONE = {"cancellation": "cancelled", "refund": "refunded", "return": "returned", "exchange": "exchanged",
         "earned": "earned", "expire": "expire"}
_CHANNELS = {"My Page": "on My Page", "chat": "via chat", "phone": "by phone", "e-mail": "by e-mail",
             "customer service": "through customer service"}
_VERDICTS = {"possible": True, "not possible": False, "not offered": False}


_KEY_WORDS = frozenset(w for key in GLOSSARY for w in key.split())  # ("상품" of "할인 상품": a word the rules use)
_CAN = re.compile(r"수\s*있(?!는)")  # "할 수 있습니다/있고/있어요": can (never the adnominal "쓸 수 있는 쿠폰")


def _covered(piece: str) -> bool:
    """Every noun of the piece of two letters or more is read: inside a glossary word or a quantity ("마이페이지에서
    바로 취소할 수 있습니다" is; "각 결제사 앱에서 영수증을 확인할 수 있습니다" is not, 영수증 being unread)."""
    return not _unread_nouns(piece)


def _unread_nouns(piece: str) -> list[Any]:
    """The nouns of the piece of two letters or more that no glossary word or quantity reads (morphemes)."""
    from core.language.morphology import analyse

    spans = [m.span() for m in _QUANTITY.finditer(piece)]
    spans += [m.span() for key in _KEYS if key in piece for m in compiled(re.escape(key)).finditer(piece)]
    return [m for m in analyse(piece) if m.pos in ("NNG", "NNP") and len(m.surface) >= 2 and m.surface not in _KEY_WORDS
            and not any(a <= m.start < b or a < m.end <= b for a, b in spans)]


def _unread_condition(piece: str) -> bool:
    """A condition of the clause is a noun the glossary cannot read ("피부과 소견서가 있으면", "영수증 지참 시"): the
    English says the words it read, so it must not pass for the whole rule."""
    return any(re.match(r"[가-힣]?\s*(?:[이가을를은는]\s*)?(?:있|없)?\s*(?:으면|면|시\b|시에|경우)", piece[m.end:])
               for m in _unread_nouns(piece))


def _phrase(words: list[str], piece: str) -> str:
    """What a clause says of its topic as an English phrase when its words fit one of a rule's frames: what the
    customer can or cannot do and where ("마이페이지에서 바로 취소할 수 있습니다": "you can cancel it on My Page"), what
    to ask for ("채널톡으로 취소를 요청해 주세요": "request a cancellation via chat"), what happens by itself ("자동
    취소됩니다": "cancelled automatically"), one thing rather than another ("취소가 아닌 반품": "not cancellation but
    return"); else the words in order, as before."""
    actions = [w for w in words if w in _ACTIONS]
    channels = [_CHANNELS[w] for w in words if w in _CHANNELS]
    verdicts = [_VERDICTS[w] for w in words if w in _VERDICTS] or ([True] if _CAN.search(piece) else [])
    if "아닌" in piece and "not" in words:
        i = words.index("not")
        if 0 < i < len(words) - 1:  # "A가 아닌 B": not A but B
            return " ".join([*words[:i - 1], "not", words[i - 1], "but", *words[i + 1:]])
    if not _covered(piece):
        return " ".join(words)  # (a noun the glossary cannot read, "영수증을 확인할 수 있습니다": no frame is sure)
    where = f" {' or '.join(channels)}" if channels else ""
    framed = set(actions) | set(_CHANNELS) | set(_VERDICTS) | {"apply"}
    # (the period it is done in: "수령일로부터 7일 이내에": "within 7 days of receipt")
    periods = [w for w in words if re.search(r"\d", w) and w.startswith("within ")]
    when = f" {' '.join(periods)}{' of receipt' if 'receipt' in words and periods else ''}"
    if len(actions) == 1 and len(set(verdicts)) == 1 and set(words) <= framed | set(periods) | ({"receipt"} if periods else set()):
        verb = f"apply for {_REQUESTED.get(actions[0], actions[0])}" if "apply" in words and actions[0] in _REQUESTED \
            else _ACTIONS[actions[0]]
        return f"you {'can' if verdicts[0] else 'cannot'} {verb}{where}{when.rstrip()}"
    if len(actions) == 1 and "request" in words and not verdicts and set(words) <= framed | {"request"}:
        return f"request {_REQUESTED.get(actions[0], actions[0])}{where}"
    if "automatically" in words and len(actions) == 1 and actions[0] in _DONE and not verdicts:
        rest = [w for w in words if w not in ("automatically", actions[0])]
        return " ".join([_DONE[actions[0]], "automatically", *rest])
    return " ".join(words)


def _words(piece: str, slash: bool = False) -> list[str]:
    """The glossary words and quantities of a piece of a rule sentence, in order; `slash`: words written with a "·"
    between them said as one ("냉장·냉동 보관": "refrigerated / keep frozen"; a topic's joiner does it for its own)."""
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    ends: dict[int, int] = {}  # where each word found ends, by its start
    for m in _QUANTITY.finditer(piece):
        found.append((m.start(), _quantity(m)))
        taken.append(m.span())
        ends[m.start()] = m.end()
    for key in _KEYS:
        if key not in piece:
            continue
        for m in compiled(re.escape(key)).finditer(piece):
            if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
                continue
            if key == "가능" and piece.startswith("한 ", m.end()):
                continue  # a modifier ("재활용 가능한 종이 박스"): no yes of the rule's
            if key in ("이상", "이내") and found:
                continue  # already read with its number
            found.append((m.start(), GLOSSARY[key]))
            taken.append(m.span())
            ends[m.start()] = m.end()
            side = _BEFORE_AFTER.match(piece, m.end())
            if side and GLOSSARY[key] not in _FUNCTION_WORDS:  # "설치 후", "설치 전": after / before installation
                found.append((m.end(), "before" if side.group(1) == "전" else "after"))
                taken.append(side.span())
    ordered = sorted(found)
    joined: list[tuple[int, str]] = []
    for start, text in ordered:
        prev = joined[-1] if joined else None
        if slash and prev is not None and piece[ends.get(prev[0], prev[0]):start] == "·":
            joined[-1] = (prev[0], f"{prev[1]} / {text}")  # "냉장·냉동 보관": one or the other, "refrigerated / keep frozen"
            ends[prev[0]] = ends.get(start, start)
            continue
        joined.append((start, text))
    out = list(dict.fromkeys(text for _, text in joined))
    for i in range(1, len(out)):
        if out[i] in _POSTPOSED and out[i - 1] not in _POSTPOSED:
            out[i - 1], out[i] = out[i], out[i - 1]  # "배송중 이후" is "after in transit": a Korean postposition, put first
    return out


# English prepositions a Korean text writes after its noun ("배송중 이후", "구매확정 이전")
_POSTPOSED = frozenset({"after", "before"})
# 전/후 written after a rule noun ("설치 후 …", "설치 전 반품 시"): before or after it
_BEFORE_AFTER = re.compile(r"\s*(전|후)(?:에는|에도|에|부터|까지|로)?(?![가-힣])")


# English words customers use for the glossary's English (so an English question finds the Korean text).
_ENGLISH_ALIASES = {"email": "e-mail", "mail": "e-mail", "call": "phone", "telephone": "phone", "number": "phone",
                    "reviews": "review", "picture": "photo", "pictures": "photo", "photos": "photo", "returns": "return",
                    "returning": "return", "exchanges": "exchange", "refunds": "refund", "cancel": "cancellation",
                    "coupons": "coupon", "point": "points", "installment": "interest-free installments",
                    "installments": "interest-free installments", "holiday": "public holidays", "holidays": "public holidays",
                    "weekend": "weekends", "lunch": "lunch", "birthday": "birthday", "tier": "tier", "tiers": "tier",
                    "membership": "tier", "defective": "defective item", "broken": "defective item", "wrapping": "gift wrapping",
                    "receipt": "cash receipt", "invoice": "tax invoice", "overseas": "overseas", "abroad": "overseas",
                    "wall-mount": "wall mount", "wall-mounted": "wall mount", "early-morning": "dawn delivery"}
# English phrases said for a glossary entry's English ("first order" for "first purchase", "new customer" for "new
# sign-up"): a customer's words for what the shop's rules call so
_ENGLISH_PHRASES = {"wall mounting": "wall mount", "wall mountable": "wall mount", "wall mounted": "wall mount",
                    "mount it on the wall": "wall mount", "mount on the wall": "wall mount", "first order": "first purchase", "first-time order": "first purchase", "new customer": "new sign-up",
                    "new member": "new sign-up", "signing up": "new sign-up", "sign up": "new sign-up"}
_FUNCTION_WORDS = frozenset({"after", "before", "or more", "within", "automatically", "used", "none", "earned", "extra"})
_REVERSE: dict[str, list[str]] = {}
for _ko, _en in GLOSSARY.items():
    _REVERSE.setdefault(_en, []).append(_ko)


def english_title(title: str) -> str | None:
    """A section title said in English when every word of it is in the glossary ("반품 안내" -> "return", "합배송 안내"
    -> "combined shipping"); None when a Korean word would be left ("묶음 배송 안내": never half-translated)."""
    rest = re.sub(r"\s*(안내|정책|규정|정보)\s*$", "", title).strip()
    words: list[str] = []
    for piece in rest.split():
        if piece not in GLOSSARY:
            return None
        words.append(GLOSSARY[piece])
    return " ".join(words) or None


def korean_words(english: str) -> list[str]:
    """The shop-rule words of an English question in Korean ("photo review points" -> 포토, 리뷰, 적립금), so
    retrieval over the shop's Korean texts can find them; only whole glossary entries, never guesses."""
    from core.language.lexicon import without_suffix_adjectives

    out: list[str] = []
    low = without_suffix_adjectives(english)  # "cruelty free" names no fee
    for phrase, value in _ENGLISH_PHRASES.items():  # "first order" is the glossary's "first purchase"
        if phrase in low:
            low = compiled(rf"\b{phrase}s?\b").sub(value, low)
    for value, keys in _REVERSE.items():
        if len(value) > 3 and value in low and compiled(rf"\b{re.escape(value)}\b").search(low):
            out += keys
    for word in re.findall(r"[a-z][a-z-]+", low):
        value = _ENGLISH_ALIASES.get(word) or (word if word in _REVERSE and len(word) > 3 else None)
        if value:
            out += _REVERSE.get(value, [])
    return list(dict.fromkeys(k for k in out if len(k) >= 2 and GLOSSARY.get(k) not in _FUNCTION_WORDS))


# Values of product attributes (country of origin, fibre) an English reply can name in English.
VALUE_WORDS: dict[str, str] = {
    "대한민국": "Korea", "한국": "Korea", "국내산": "Korea", "국산": "Korea", "중국": "China", "베트남": "Vietnam",
    "일본": "Japan", "미국": "USA", "이탈리아": "Italy", "인도네시아": "Indonesia", "인도": "India", "터키": "Turkey",
    "방글라데시": "Bangladesh", "태국": "Thailand", "독일": "Germany", "프랑스": "France", "노르웨이": "Norway",
    "칠레": "Chile", "호주": "Australia", "뉴질랜드": "New Zealand", "캐나다": "Canada", "영국": "UK",
    "면": "cotton", "울": "wool", "캐시미어": "cashmere", "린넨": "linen", "마": "linen", "폴리에스터": "polyester",
    "폴리에스테르": "polyester", "나일론": "nylon", "아크릴": "acrylic", "레이온": "rayon", "폴리우레탄": "polyurethane",
    "스판덱스": "spandex", "모달": "modal", "텐셀": "tencel", "실크": "silk", "소가죽": "cowhide", "가죽": "leather",
    "양가죽": "lambskin", "스웨이드": "suede", "오리털": "duck down", "거위털": "goose down", "솜털": "down",
    "깃털": "feather", "합성피혁": "synthetic leather", "고무": "rubber", "캔버스": "canvas", "데님": "denim",
    "알루미늄": "aluminium", "스테인리스": "stainless steel", "유리": "glass", "플라스틱": "plastic",
    "램스울": "lambswool", "메리노울": "merino wool", "모헤어": "mohair", "알파카": "alpaca", "앙고라": "angora",
    "코듀로이": "corduroy", "플리스": "fleece", "극세사": "microfibre", "아세테이트": "acetate", "비스코스": "viscose",
    "리넨": "linen", "겉감": "shell", "안감": "lining", "충전재": "filling",
    # fits and the measures of a size chart
    "레귤러핏": "regular fit", "오버핏": "oversized fit", "세미오버핏": "semi-oversized fit", "슬림핏": "slim fit",
    "루즈핏": "loose fit", "와이드핏": "wide fit", "스탠다드핏": "standard fit", "테이퍼드핏": "tapered fit",
    "스트레이트핏": "straight fit", "박시핏": "boxy fit", "크롭핏": "cropped fit", "정사이즈": "true to size",
    "총장": "length", "기장": "length", "가슴단면": "chest width", "어깨너비": "shoulder width", "어깨단면": "shoulder width",
    "소매길이": "sleeve length", "소매기장": "sleeve length", "허리단면": "waist width", "허벅지단면": "thigh width",
    "밑단단면": "hem width", "밑위": "rise", "엉덩이단면": "hip width", "발길이": "foot length", "굽높이": "heel height", "암홀": "armhole",
}
# Colours, as Korean shops write the English loanwords (a compound of two, "스카이블루", is read part by part): option
# values an English reply names in English (never a material or origin `VALUE_WORDS` is asked about)
COLOUR_WORDS: dict[str, str] = {
    "블랙": "black", "화이트": "white", "네이비": "navy", "그레이": "grey", "베이지": "beige", "카키": "khaki",
    "브라운": "brown", "레드": "red", "블루": "blue", "그린": "green", "핑크": "pink", "아이보리": "ivory", "차콜": "charcoal",
    "버건디": "burgundy", "오트밀": "oatmeal", "멜란지": "melange", "스카이": "sky", "코랄": "coral", "모브": "mauve",
    "와인": "wine", "퍼플": "purple", "옐로우": "yellow", "오렌지": "orange", "민트": "mint", "라벤더": "lavender",
    "실버": "silver", "골드": "gold", "크림": "cream", "카멜": "camel", "올리브": "olive", "머스타드": "mustard",
    "연청": "light denim", "중청": "mid denim", "진청": "dark denim", "흑청": "black denim", "라이트": "light", "다크": "dark",
}
_GLOSSED = {**VALUE_WORDS, **COLOUR_WORDS}
_VALUE_RE = re.compile("|".join(sorted(map(re.escape, _GLOSSED), key=len, reverse=True)))


def _two_words(word: str, table: dict[str, str] = _GLOSSED) -> str | None:
    """A Hangul word that is two glossary words written together ("스카이블루", "멜란지그레이"): their English, else None."""
    for i in range(2, len(word) - 1):
        if word[:i] in table and word[i:] in table:
            return f"{table[word[:i]]} {table[word[i:]]}"
    return None


def colour_word(word: str) -> str | None:
    """The English of a colour the shop writes in Hangul ("화이트" -> white, "스카이블루" -> sky blue), else None."""
    return COLOUR_WORDS.get(word) or _two_words(word, COLOUR_WORDS)


def english_value(text: str, alone: bool = False) -> str:
    """"소가죽 100%" -> "소가죽 100% (cowhide 100%)", "대한민국" -> "대한민국 (Korea)": the shop's value, then what it
    says in English when every word of it is known; the value alone otherwise. `alone`: the English only (a size
    chart: "M: 총장 74cm" -> "M: length 74cm"), when every word is known."""
    aside = re.fullmatch(r"([^()]+?)\s*\(([^()]+)\)", text or "")
    if aside is not None and (head := english_value(aside.group(1), alone=True)) != aside.group(1):
        # "국산(제주 서귀포)": the value before its aside said in English, the aside as the shop writes it (glossed
        # when every word of it is known)
        said = f"{head}, {english_value(aside.group(2), alone=True)}"
        return said if alone else f"{text} ({said})"
    words = [w for w in re.split(r"([\s,/·]+)", text or "")]
    out, known = [], False
    for w in words:
        m = _VALUE_RE.fullmatch(w) if w.strip() else None
        head = re.match(r"([가-힣]+)(.*)$", w)
        if m:
            out.append(_GLOSSED[w]); known = True
        elif head and head.group(1) in _GLOSSED:
            out.append(_GLOSSED[head.group(1)] + head.group(2)); known = True
        elif head and (pair := _two_words(head.group(1))) is not None:
            out.append(pair + head.group(2)); known = True  # "멜란지그레이" -> "melange grey"
        elif re.search(r"[가-힣]", w):
            return text  # a word with no English here: the shop's value as it is
        else:
            out.append(w)
    if alone:
        return "".join(out) if known else text
    return f"{text} ({''.join(out)})" if known else text


# A rule sentence that ends by saying something cannot be done or does not exist ("…주문할 수 없습니다",
# "해외 배송은 하지 않습니다", "오프라인 매장은 없습니다"): its predicate, after any closing parenthesis.
# (also a refusal given as the reason for advice: "개봉 후 교환이 불가하니 구매 전 호수 안내를 참고해 주세요")
_NEGATIVE_END = re.compile(r"(?:^|\s)(?:없|않|불가|어렵|어려워|못하|안\s*됩|안\s*돼)[가-힣]*[^가-힣]*$|\S(?:불가|어렵)[가-힣]*[^가-힣]*$"
                           r"|(?:불가|어려우|없으|않으)(?:하니|하므로|하오니|니|므로)\s+[^,]*(?:주세요|바랍니다|드립니다)$")


def says_no(sentence: str) -> bool:
    """True when a Korean rule sentence ends in a negative predicate: to an English yes/no question that this
    sentence answers, the short answer is "no". Only negatives: a positive ending ("결제할 수 있습니다") often
    answers a neighbouring question ("PayPal ok?"), a negative one states the very limit asked about."""
    body = re.sub(r"\([^)]*\)\s*\.?\s*$", "", (sentence or "").strip()).strip().rstrip(".")
    return bool(_NEGATIVE_END.search(body))


_POSITIVE_CLAUSE = re.compile(r"수\s*있|가능(?!성)")


def rule_says_no(sentences: list[str]) -> bool:
    """True when the quoted rule as a whole says no: every sentence ends negatively and the first states no
    possibility in another clause ("출고 전까지는 변경할 수 있고, 배송중 이후에는 불가합니다" is a "yes, until …")."""
    return bool(sentences) and all(map(says_no, sentences)) and not _POSITIVE_CLAUSE.search(sentences[0])


def rule_answers_no(sentences: list[str]) -> bool:
    """The "no" an English yes/no question is answered with: the rule says no as a whole (`rule_says_no`), and no
    clause before its negative one says what it costs or how it goes ("단순 변심은 왕복 배송비 6,000원이 들고, 택
    제거·착용·세탁한 상품은 반품이 어렵습니다" is a yes, at a cost, with an exception)."""
    clauses = _CLAUSE_BREAK.split(sentences[0]) if sentences else []
    return rule_says_no(sentences) and not any(c.strip() and not _NEGATIVE_PIECE.search(c) for c in clauses[:-1])


# where one clause of a sentence ends and a comma opens the next ("… 들고, …", "… 가능하며, …"); not `_pieces`, which
# also cuts a clause the negation still covers ("국내 배송만 하며 해외 배송은 하지 않습니다" is one "no")
_CLAUSE_BREAK = re.compile(r"(?:고|며|으며|지만|으나|나)\s*,\s*")


_COUNTED = re.compile(r"\d|\b(two|three|four|several|multiple|more\s+than\s+one|twice|another|many)\b", re.I)
_ONLY_SO_MANY = re.compile(r"\d+\s*[가-힣]{0,2}만\s|한\s*[가-힣]{1,2}만\s")
_NEGATIVE_PIECE = re.compile(r"불가|없|않|제외|못\s|못하|어렵")
_POSITIVE_PIECE = re.compile(r"수\s*있|가능(?!성)")


def _piece_verdict(piece: str) -> bool | None:
    """No when the clause ends saying no ("… 반품이 불가합니다"), yes when it says it can be done and nothing against it
    ("적립금과 함께 쓸 수 있습니다"); None for a clause of both ("쿠폰 적용이 제외될 수 있습니다": "may"), one that allows
    only so many ("쿠폰은 주문당 1장만 사용할 수 있고") or one that says neither ("배송비 없이 반품됩니다")."""
    if _ONLY_SO_MANY.search(piece):
        return None
    can = bool(_POSITIVE_PIECE.search(piece))
    if says_no(piece) and not can:
        return False
    return True if can and not _NEGATIVE_PIECE.search(piece) else None


def clause_verdict(question: str, sentences: list[str]) -> tuple[bool, str] | None:
    """Yes or no to an English yes/no question, from the one clause of the quoted rule that holds two or more of the
    things the question names ("points and a coupon together?" -> "… 적립금과 함께 쓸 수 있습니다": yes; "return fresh
    food if I change my mind?" -> "… 신선식품은 단순 변심으로 인한 반품이 불가합니다": no), with that clause's gloss;
    None when no clause holds two of them, the best clauses disagree, or the clause states no yes or no. A clause
    reads its sentence's topic too ("쿠폰은 …, 적립금과 함께 쓸 수 있습니다" is of the coupon)."""
    wanted = {GLOSSARY[k]: k for k in korean_words(question)}
    if len(wanted) < 2 or _COUNTED.search(question):
        return None  # ("two coupons on one order?": a count is weighed by the rule's own limit, not a yes)
    scored: list[tuple[int, str]] = []
    for sentence in sentences:
        pieces = _pieces(sentence)
        head = _topic_end(pieces[0]) if pieces else None
        topic = pieces[0][:head[0]] if head else ""
        for piece in pieces:
            scope = f"{topic} {piece}"
            held = {en for en in wanted if any(k in scope for k in _REVERSE.get(en, []))}
            scored.append((len(held), piece))
    top = max((n for n, _ in scored), default=0)
    best = [piece for n, piece in scored if n == top]
    if top < 2:
        return None
    verdicts = {_piece_verdict(p) for p in best}
    if len(verdicts) != 1 or None in verdicts:
        return None
    return verdicts.pop(), gloss(best[0])


def key_points(sentences: list[str]) -> str:
    """The glossed points of several quoted sentences, each a short sentence of its own ("Overseas shipping: not
    offered."), or "" when none can be glossed."""
    points = [part.strip() for g in (gloss(s) for s in sentences) if g for part in g.split("; ") if part.strip()]
    return " ".join(f"{p[0].upper()}{p[1:]}{'' if p.endswith('.') else '.'}" for p in dict.fromkeys(points))


def english_care(care: str) -> str:
    """A product's storage note for an English reply: its glossed points, then the shop's Korean note as the source
    ("-18°C or below keep frozen (-18도 이하 냉동 보관하세요.)"); the note alone when it is no storage note, says what
    not to do, or nothing in it can be glossed."""
    if not _STORED.search(care or "") or _CARE_DENIED.search(care or ""):
        return care  # a washing note ("건조기 사용 시 수축될 수 있어 …") or a "don't": word order would invert it
    points = "; ".join(g for g in (gloss(s) for s in re.split(r"(?<=[.!])\s+", care or "") if s.strip()) if g)
    return f"{points} ({care})" if points else care


# a storage note (temperatures, fridge, freezer) and a note that tells what not to do, which a gloss in Korean word
# order would turn into its opposite ("냉장 보관하지 말고" is no "keep refrigerated")
_STORED = re.compile(r"냉장|냉동|실온")
_CARE_DENIED = re.compile(r"말고|마세요|않|금지|피해|피하")
