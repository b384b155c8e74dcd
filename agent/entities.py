"""Entity linking in a customer turn: order numbers, postal codes, regions, amounts, order times, intents.

Pure functions over text (no knowledge access): the agents feed what they find to the knowledge API.
Intent word lists are generic Korean shop vocabulary; they pick which facts to fetch and show,
never what a number is.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta

from agent.quantities import extract, parse_amount

_ORDER_NO = re.compile(r"(?<!\d)(\d{8})\s*-?\s*(\d{4})(?!\d)|(?<!\d)(\d{4})\s(\d{4})\s(\d{4})(?!\d)")
_POSTAL = re.compile(r"(?<![\d-])(\d{5})(?![\d-]|\s*원|,\d)")
_WEEKDAYS = {"월요일": 0, "화요일": 1, "수요일": 2, "목요일": 3, "금요일": 4, "토요일": 5, "일요일": 6}

# Intent vocabularies: substrings of the space-free, lowercased turn.
PRODUCT_INTENTS: dict[str, tuple[str, ...]] = {
    "stock": ("재고", "몇개", "남았", "남아", "있나", "있어", "있음", "있을까", "잇나", "잇어", "품절", "구매가능", "살수있",
              "stock", "available"),
    "price": ("가격", "얼마", "세일", "할인", "정가", "price", "howmuch", "싸", "비싸"),
    "material": ("소재", "원단", "재질", "울함량", "울들어", "울100", "면100", "면소재", "캐시미어", "충전재", "가죽", "까끌", "보풀", "기모", "두께",
                 "비침", "신축", "안감", "방수"),
    "fit": ("핏", "오버", "슬림", "정사이즈", "크게", "작게", "발볼"),
    "size": ("사이즈", "치수", "실측", "크기", "단면", "기장", "총장", "어깨", "허리", "가슴", "목둘레", "키", "몸무게", "size",
             "cm", "센치", "인치"),
    "care": ("세탁", "드라이", "빨래", "세탁기", "줄어", "물빠짐", "구김", "관리"),
    "restock": ("재입고", "입고", "들어와", "들어오"),
    "origin": ("원산지", "제조국", "어디서만", "made"),
    "color": ("색", "컬러", "color"),
    "recommend": ("추천", "뭐있", "뭐가", "어떤거", "잘나가", "베스트", "인기", "신상", "보여"),
    "sale_list": ("세일상품", "할인상품", "세일하는", "할인하는", "세일중", "할인중"),
}
DELIVERY_INTENTS: dict[str, tuple[str, ...]] = {
    "status": ("배송조회", "조회", "어디쯤", "언제와", "언제오", "언제도착", "출고됐", "발송됐", "배송중",
               "송장", "운송장", "tracking", "현황", "상태", "아직", "안왔", "안와", "못받", "배송완료", "출발"),
    "fee": ("배송비", "택배비", "무료배송", "무배", "추가금", "추가배송", "추가요금", "shippingfee", "freeshipping",
            "shipping"),
    "region": ("제주", "도서산간", "산간", "울릉", "섬", "서귀포", "우편번호", "jeju"),
    "dispatch": ("오늘주문", "지금주문", "주문하면", "당일", "마감", "몇시까지", "출고", "발송", "언제받", "며칠",
                 "걸려", "도착", "주말", "공휴일", "휴일", "내일", "낼", "howlong"),
    "address_change": ("주소", "배송지"),
    "bundling": ("합배송", "묶음", "같이보내", "같이받", "따로주문", "두번주문"),
    "overseas": ("해외", "미국", "일본", "중국으로", "외국", "overseas", "abroad"),
    "carrier": ("택배사", "어느택배", "cj", "우체국", "한진", "로젠"),
}
GENERAL_TOPICS: dict[str, tuple[str, ...]] = {
    "returns": ("반품", "반픔", "return", "택뗐", "택을뗐", "택제거"),
    "exchange": ("교환", "교한", "exchange"),
    "refund": ("환불", "환뷸", "refund"),
    "cancellation": ("취소", "cancel"),
    "defects": ("불량", "하자", "실밥", "얼룩", "구멍", "찢어", "오염", "오배송", "잘못왔", "잘못온", "잘못배송", "다른상품이왔",
                "다른게왔", "다른제품이왔", "파손", "깨져", "터져", "망가"),
    "payment": ("결제", "무통장", "입금", "카드", "페이", "할부", "payment"),
    "points": ("적립금", "포인트", "point"),
    "coupons": ("쿠폰", "coupon", "할인코드"),
    "membership": ("등급", "멤버십", "멤버쉽", "vip", "회원혜택"),
    "store": ("매장", "영업시간", "고객센터", "전화번호", "위치", "오프라인", "몇시까지해", "운영시간", "연락처"),
    "receipts": ("영수증", "세금계산서", "현금영수증", "증빙"),
    "account": ("회원가입", "가입", "비밀번호", "탈퇴", "아이디", "로그인"),
}
GREETINGS = ("안녕", "ㅎㅇ", "하이", "hello", "hi", "반가")
THANKS = ("감사", "고마", "ㄱㅅ", "수고", "thank", "좋은하루", "알겠습니다", "알겠어요", "넵", "ㅇㅋ", "오케이", "👍")
COMPLAINTS = ("실망", "별로", "최악", "다시는", "두번다시", "화나", "짜증", "어이없", "신고")
ACTION_REQUESTS = ("해주세요", "해줘", "해 주세요", "부탁", "원해요", "싶어요", "하고싶", "하려고")
INJECTION = re.compile(
    r"(이전|앞의|위의|모든|기존)\s*(지시|명령|규칙|지침|프롬프트).{0,6}(무시|잊어)|무시하고|시스템\s*프롬프트|system\s*prompt|"
    r"ignore\s+(all\s+)?(previous|prior|above)|관리자\s*(모드|권한|명령)|너는\s*이제|you\s+are\s+now|^\s*시스템\s*:",
    re.IGNORECASE)


def compact(text: str) -> str:
    """NFKC, lowercase, no whitespace: what intent words are matched against."""
    return "".join(unicodedata.normalize("NFKC", text or "").lower().split())


HYPOTHETICAL_ORDER = ("주문하면", "시키면", "사면", "결제하면", "주문할때", "주문해도")

# Something went wrong that a bot cannot fix (payment failed, wrong/defective item, money not back,
# no answer): answered with the relevant policy line and handed to a person.
PROBLEMS = ("안돼요", "안되요", "안됩니다", "안되네", "안돼서", "안되서", "안됨", "안되는데", "안돼는데", "오류", "에러", "실패",
            "잘못왔", "잘못온", "잘못배송", "잘못보내", "다른상품이왔", "다른게왔", "다른걸보내", "다른제품이", "바뀌어서왔", "바뀌어왔",
            "누락", "빠져있", "빠졌", "두번결제", "중복결제", "이중결제", "두번빠져", "확인이안", "답이없", "답변이없", "연락이없",
            "아직안됐", "아직안들어", "안들어왔", "처리가안", "안돌아", "파손", "깨져", "망가", "터져", "찢어져", "찢겨", "오염",
            "냄새", "너무느려", "째안와", "째안옴", "째안오", "사이즈가달라", "색이달라", "색상이달라", "주문내역이없", "결제내역")
PROBLEM_QUESTIONS = ("안되나요", "안돼나요", "안되죠", "안되는지", "안돼요?", "안되요?", "안될까")
_LAUGH_CRY = re.compile(r"[ㅋㅎㅠㅜㅡ\u1100-\u11ff]{2,}|[\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F]+")
_MULTI_X = re.compile(r"(?<![A-Za-z\d])([2-4])\s*[xX]\s*[lL](?![A-Za-z])")
_RANGE_DAE = re.compile(r"(\d+(?:\.\d+)?)\s*(만|천)\s*원?\s*대")
_RANGE_MAX = re.compile(r"(이하|까지|미만|안쪽|아래|내로|밑으로|이내|넘지\s*않)")
_RANGE_MIN = re.compile(r"(이상|넘는|넘게|부터|초과|위로)")


def clean_turn(text: str) -> str:
    """The turn as a search query: ㅋㅋ/ㅠㅠ runs and emoji dropped, '2XL' spelled 'XXL'."""
    s = unicodedata.normalize("NFKC", _LAUGH_CRY.sub(" ", text or ""))
    s = _MULTI_X.sub(lambda m: "X" * int(m.group(1)) + "L", s)
    return " ".join(s.split())


def is_problem(text: str) -> bool:
    """The customer reports something broken (not merely asks whether something is possible)."""
    c = compact(text)
    hits = [w for w in PROBLEMS if compact(w) in c]
    if not hits:
        return False
    if all(w.startswith("안") for w in hits) and any(compact(q) in c for q in PROBLEM_QUESTIONS):
        return False  # "무통장입금 안되나요?" asks whether it is possible
    return True


def price_range(text: str) -> tuple[int | None, int | None]:
    """(min, max) KRW a customer asks for: '3만원대' -> (30000, 39999), '5만원 이하' -> (None, 50000)."""
    s = unicodedata.normalize("NFKC", text or "")
    m = _RANGE_DAE.search(s)
    if m:
        unit = 10_000 if m.group(2) == "만" else 1_000
        base = int(float(m.group(1)) * unit)
        number = float(m.group(1))
        step = unit * (10 if number >= 10 and number % 10 == 0 else 1)
        return base, base + step - 1
    value = parse_amount(s)
    if value is None:
        return None, None
    tail = s[s.find("원") if "원" in s else 0:][:12]
    if _RANGE_MIN.search(tail) and not _RANGE_MAX.search(tail):
        return value, None
    return None, value


def intents(text: str, table: dict[str, tuple[str, ...]]) -> set[str]:
    c = compact(text)
    return {name for name, words in table.items() if any(compact(w) in c for w in words)}


def has_any(text: str, words: tuple[str, ...]) -> bool:
    """Any of `words` in the compacted text (both sides NFKC-normalised, so ㄱㅅ matches ㄱㅅ)."""
    c = compact(text)
    return any(compact(w) in c for w in words)


def order_numbers(text: str) -> list[str]:
    """Order numbers in the `YYYYMMDD-NNNN` shape, however the customer spaced them."""
    found = []
    for m in _ORDER_NO.finditer(unicodedata.normalize("NFKC", text or "")):
        number = f"{m.group(1)}-{m.group(2)}" if m.group(1) else f"{m.group(3)}{m.group(4)}-{m.group(5)}"
        if number not in found:
            found.append(number)
    return found


def postal_code(text: str) -> str | None:
    s = _ORDER_NO.sub(" ", unicodedata.normalize("NFKC", text or ""))
    m = _POSTAL.search(s)
    return m.group(1) if m else None


def amount(text: str) -> int | None:
    """The order amount a customer mentions ('4만5천원어치', '49000원'), if any."""
    return parse_amount(_ORDER_NO.sub(" ", text or ""))


def is_injection(text: str) -> bool:
    """Prompt-injection phrasing. Not a security boundary (numbers come only from facts anyway)."""
    return bool(INJECTION.search(unicodedata.normalize("NFKC", text or "")))


def order_time(text: str, now: datetime) -> datetime | None:
    """When the customer says they order ('금요일 오후 3시에 주문하면'), relative to `now`; None if unsaid."""
    c = compact(text)
    day = None
    found = []  # the first weekday named is the order day ("토요일에 주문하면 월요일에 출고되나요")
    for word, weekday in _WEEKDAYS.items():
        positions = [p for p in (c.find(word), c.find(word[:1] + "욜")) if p >= 0]
        if positions:
            found.append((min(positions), weekday))
    if found:
        weekday = min(found)[1]
        delta = (weekday - now.weekday()) % 7
        day = (now + timedelta(days=delta)).date()
    if day is None and ("내일" in c or "낼" in c) and "주문" in c:
        day = (now + timedelta(days=1)).date()
    hour = None
    minute = 0
    for q in extract(text):
        times = sorted(k for k in q.keys if k[0] == "t")
        if times:
            prefer_pm = any(w in q.text for w in ("오후", "저녁", "밤")) or (len(times) > 1 and times[0][1] < 8)
            chosen = times[-1] if prefer_pm else times[0]
            hour, minute = chosen[1], chosen[2]
            break
    if hour is None:
        if "오후" in c:
            hour = 15
        elif "오전" in c or "아침" in c:
            hour = 9
        elif "밤" in c or "저녁" in c:
            hour = 21
    if day is None and hour is None:
        return None
    base = datetime.combine(day or now.date(), now.time(), tzinfo=now.tzinfo)
    if hour is not None:
        base = base.replace(hour=hour % 24, minute=minute, second=0, microsecond=0)
    return base
