"""Entity linking in a customer turn: order numbers, postal codes, regions, amounts, order times, intents.

Pure functions over text (no knowledge access): the agents feed what they find to the knowledge API.
Intent word lists are generic Korean shop vocabulary; they pick which facts to fetch and show,
never what a number is.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta

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
    "region": ("제주", "도서산간", "산간", "울릉", "섬", "서귀포", "우편번호", "jeju", "ulleung", "island"),
    "dispatch": ("오늘주문", "지금주문", "주문하면", "당일", "마감", "몇시까지", "출고", "발송", "언제받", "며칠",
                 "걸려", "도착", "주말", "공휴일", "휴일", "내일", "낼", "howlong", "shipsame", "shiptoday"),
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
    "store": ("매장", "영업시간", "고객센터", "전화번호", "위치", "오프라인", "몇시까지해", "운영시간", "연락처", "점심시간", "상담시간"),
    "receipts": ("영수증", "세금계산서", "현금영수증", "증빙"),
    "account": ("회원가입", "가입", "비밀번호", "탈퇴", "아이디", "로그인"),
}
GREETINGS = ("안녕", "ㅎㅇ", "하이", "hello", "hi", "반가")
THANKS = ("감사", "고마", "ㄱㅅ", "수고", "thank", "좋은하루", "알겠습니다", "알겠어요", "넵", "ㅇㅋ", "오케이", "👍")
COMPLAINTS = ("실망", "별로", "최악", "다시는", "두번다시", "화나", "짜증", "어이없", "신고")
ACTION_REQUESTS = ("해주세요", "해줘", "해 주세요", "부탁", "원해요", "싶어요", "하고싶", "하려고", "할래", "할게요", "하겠습니다")
INJECTION = re.compile(
    r"(이전|앞의|위의|모든|기존|너의|니)\s*(지시|명령|규칙|지침|프롬프트|설정).{0,6}(무시|잊어)|무시하고|시스템\s*프롬프트|system\s*prompt|"
    r"ignore\s+(all\s+)?(the\s+)?(previous|prior|above|your)|disregard\s+(all\s+)?(previous|prior|your)|"
    r"관리자\s*(모드|권한|명령)|개발자\s*(모드|권한)|developer\s*mode|admin\s*mode|jailbreak|"
    r"너는\s*(이제|지금부터)|지금부터\s*(너는|넌)|이제부터\s*(너는|넌)|you\s+are\s+now|pretend\s+(to\s+be|you)|act\s+as|role\s*-?\s*play|"
    r"역할\s*극|롤\s*플레이|인\s*척\s*(하고|해)|(^|[\s.!])(시스템|system)\s*:|"
    r"(개발자|관리자|운영자|사장)\s*(인데|이야|야|다|입니다|이에요|라서).{0,20}(테스트|안내해|말해|대답해|라고\s*해)|"
    r"앞으로\s*(모든|전부|다).{0,20}(라고|으로|로)\s*(안내|말|대답|답변)|"
    r"(프롬프트|prompt|지시문|시스템\s*메시지|내부\s*(규칙|설정|지침)).{0,8}(보여|알려|출력|공개|print|show|reveal)|"
    r"(print|show|reveal)\s+(me\s+)?(your|the)\s+(system\s+)?(prompt|instructions)",
    re.IGNORECASE)

# Out-of-scope subjects a customer may ask a shop bot about with shopping-like words ("점심 메뉴 추천").
# A turn with one of these and no catalogue product/category or shop topic gets the out-of-scope reply.
OUT_OF_SCOPE = ("점심", "저녁메뉴", "메뉴추천", "맛집", "음식", "요리", "레시피", "배달음식", "야식", "주식", "코인", "비트코인",
                "투자", "부동산", "로또", "영화", "드라마", "넷플릭스", "노래", "음악", "웹툰", "게임", "애니", "소설", "읽을책",
                "날씨", "미세먼지", "기온", "여행지", "여행", "관광", "운세", "사주", "타로", "별자리", "숙제", "과제", "코딩", "파이썬",
                "수학", "번역", "정치", "뉴스", "대통령", "선거", "연애상담", "다이어트", "헬스장", "운동법", "병원", "약국",
                "weather", "movie", "stock market", "recipe")
# Words that bring a turn back into scope (what to wear, a gift from the shop).
IN_SCOPE = ("입을", "입기", "입고", "입으", "입어", "입는", "신을", "신고", "코디", "옷", "룩", "패션", "착장", "선물", "outfit",
            "wear")

# A reported problem, by kind: wording of situations, not only keywords. Each kind is a list of
# cue groups; a group matches when all its alternatives-sets are found in order within a short span
# ("지퍼" … "고장"), so "지퍼 있어요?" is a product question while "지퍼가 고장났어요" is a defect.
_PART = r"(지퍼|짚퍼|자크|단추|버튼|똑딱이|실밥|박음질|바느질|봉제|솔기|밑창|깔창|굽|끈|스트랩|고리|벨크로|찍찍이|고무줄|밴딩|프린팅|로고|자수|안감|주머니|소매|밑단|카라|넥)"
_BREAK = (r"(고장|떨어져|떨어졌|떨어짐|빠져|빠졌|빠짐|풀려|풀렸|풀림|풀어져|뜯어|뜯겨|뜯김|터져|터졌|터짐|나갔|안\s*(올라|내려|잠|닫|채워|맞물)|"
          r"걸려서|찢어|찢겨|찢김|벗겨|갈라|망가|부러|깨져|깨졌|없어요|없네|없는데|삐뚤|틀어져|튿어|튿겨|헤져|해져)")
_TWICE = r"(두\s*번|2\s*번|두\s*차례|2\s*회|두\s*건|2\s*건|중복|이중)"
_CHARGE = r"(결제|결재|청구|출금|승인|이체|빠져\s*나|빠져|빠졌|나갔|찍혀|찍혔|긁혀|긁혔)"
PROBLEM_PATTERNS: dict[str, tuple[str, ...]] = {
    # the customer was charged twice ("결제가 두 번 됐어요", "돈이 두 번 빠져나갔어요", "카드 이중결제")
    "double_charge": (
        _TWICE + r"\s*(으로|로)?\s*" + _CHARGE,
        r"(결제|결재|청구|출금|승인|돈|금액|카드)\S{0,2}\s*(이|가|도)?\s*" + _TWICE + r"\S{0,3}\s*(으로|로)?\s*(됐|되었|돼|되어|됬|"
        + _CHARGE[1:],
    ),
    # wrong item / colour / size delivered ("블랙 주문했는데 네이비가 왔어요", "L 시켰는데 M 왔어요")
    "wrong_item": (
        r"다른\s*(상품|제품|물건|옷|거|게|걸|색|색상|컬러|사이즈|치수)\S{0,3}\s*(왔|와\s*있|들어\s*있|배송|보내|도착|받았)",
        r"(잘못|엉뚱한|엉뚱하게)\s*(왔|온|배송|보내|발송|들어)", r"오배송", r"바뀌어\s*서?\s*왔|바뀌어\s*왔|바꿔서\s*보내",
        r"(주문|시킨|산|구매)\S{0,4}\s*(거|것|상품|제품|옵션|색|색상|컬러|사이즈)\S{0,2}\s*(랑|이랑|과|와)\s*(달라|다르|다른|틀려|안\s*맞)",
        r"(색|색상|컬러|사이즈|치수|옵션)\S{0,2}\s*(이|가)?\s*(주문|시킨)\S{0,6}\s*(달라|다르|틀려)",
        r"(사이즈|색|색상|컬러)\S{0,1}\s*(가|이)\s*(달라|다르게|틀려)",
        r"(\S+)\s*(으로|로)?\s*(주문|시켰|시킨|샀|구매|결제)\S{0,4}(는데|더니|건데|한데|지만)\s*(?!아직|안\s|잘|택배|배송|물건|상품|문자|연락|알림|카톡)[^.?!]{1,20}?\s*(이|가)?\s*(왔|와\s*있|도착했|배송됐|들어\s*있)",
    ),
    # part of an order missing ("하나가 빠져있어요", "한 개만 왔어요")
    "missing_item": (
        r"누락", r"(하나|한\s*개|한\s*벌|한\s*켤레|일부|몇\s*개)\S{0,2}\s*(만|밖에)\s*(왔|도착|들어|배송|받았)",
        r"(하나|한\s*개|한\s*벌|한\s*켤레|일부|구성품|사은품|나머지)\S{0,2}\s*(가|이|는|은)?\s*(빠져|빠졌|안\s*왔|없어|없네|없는데|안\s*들어)",
        r"덜\s*왔|빠진\s*채", r"(상자|박스|택배)\S{0,2}\s*(가|이|에)?\s*(비어|텅)"),
    # parcel never reached the customer although tracking says so; lost parcel
    "not_received": (
        r"(배송|배달)\s*완료.{0,20}(못\s*받|안\s*받|받지\s*못|받은\s*적|없어|없는데|없네|못\s*찾|안\s*왔|안\s*보)",
        r"(도착|배달|배송)\S{0,4}\s*(했다고|됐다고|되었다고|완료라고|이라고|라고).{0,15}(못\s*받|안\s*받|없어|없는데|없네|안\s*왔|못\s*찾)",
        r"분실|도난|없어졌|사라졌|훔쳐"),
    # the parcel arrived damaged (box torn, wet, crushed)
    "damaged_parcel": (
        r"(택배|상자|박스|포장|봉투|송장)\S{0,3}\s*(가|이|는|은)?\s*(다\s*)?(찢어|찢겨|젖어|젖은|젖었|찌그러|구겨|뜯어|뜯겨|파손|망가|터져|터졌|훼손)",),
    # the item itself is faulty: damage words, a part that broke, a stain, a smell, shrinkage after one wash
    "defect": (
        r"불량|하자|결함|구멍|얼룩|이염|오염|곰팡|변색|누렇게|핏자국|기름때|파손|깨져|깨졌|망가|찢어|찢겨|찢김|튿어|튿겨|뜯어져|뜯겨",
        _PART + r".{0,8}?" + _BREAK,
        r"(보풀|털빠짐|털\s*빠|물빠짐|물\s*빠|냄새|악취|주름|구김)\S{0,2}\s*(이|가|도)?\s*(너무|엄청|심하|심해|많이|계속|잔뜩|장난|엄청나게)",
        r"(보풀|털)\S{0,1}\s*(이|가)?\s*(일어났|생겼|올라왔|잔뜩|다\s*일어)",
        r"냄새\S{0,2}\s*(가|이)?\s*(나요|나네|납니다|나서|났|심|배어|베어|너무|진동)(?!\s*[?？])",
        r"(물|색)\S{0,1}\s*(이|가)?\s*(빠졌|빠져서|빠지네|다\s*빠|번졌|묻어)", r"(줄어들었|줄었|쪼그라들|늘어났|늘어나서|늘어졌|수축됐)",
        r"(안\s*맞물|안\s*잠겨|안\s*잠기|불이\s*안|작동\s*안|작동이\s*안)"),
}
_PROBLEM_RES = {kind: re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE) for kind, pats in PROBLEM_PATTERNS.items()}
# Hypothetical or how-to questions about a cue ("보풀 잘 일어나나요?", "세탁하면 줄어드나요?", "얼룩 지워지나요?").
_PROBLEM_QUESTION = re.compile(r"(하면|되면|나면|빨면|입으면|면\s|잘\s*(생기|일어|나|빠|늘|줄)|쉽게|쉬운|생기나|생기지|일어나나|"
                               r"안\s*생기|지워지|지울|빠지나|줄어드나|늘어나나|않나요|나나요|날까|생길까|될까)")
PARCEL_PROBLEMS = frozenset({"not_received", "damaged_parcel"})


def compact(text: str) -> str:
    """NFKC, lowercase, no whitespace: what intent words are matched against."""
    return "".join(unicodedata.normalize("NFKC", text or "").lower().split())


HYPOTHETICAL_ORDER = ("주문하면", "시키면", "사면", "결제하면", "주문할때", "주문해도")

# Something went wrong that a bot cannot fix (payment failed, wrong/defective item, money not back,
# no answer): answered with the relevant policy line and handed to a person.
PROBLEMS = ("안돼요", "안되요", "안됩니다", "안되네", "안돼서", "안되서", "안됨", "안되는데", "안돼는데", "오류", "에러", "실패",
            "잘못왔", "잘못온", "잘못배송", "잘못보내", "다른상품이왔", "다른게왔", "다른걸보내", "다른제품이", "바뀌어서왔", "바뀌어왔",
            "누락", "빠져있", "빠졌", "두번결제", "중복결제", "이중결제", "두번빠져", "확인이안", "답이없", "답변이없", "연락이없",
            "아직안됐", "아직안들어", "안들어왔", "처리가안", "안돌아", "너무느려", "째안와", "째안옴", "째안오", "사이즈가달라", "색이달라", "색상이달라", "주문내역이없", "결제내역")
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


def problem_kind(text: str) -> str | None:
    """What went wrong, from how the customer describes the situation; None when nothing is reported.

    Kinds: wrong_item, missing_item, not_received, damaged_parcel, defect (checked in that order, so
    "다른 상품이 왔어요" is a wrong item and "택배 상자가 찢어져서 왔어요" a damaged parcel, not a torn
    garment), or "other" for the generic failure words of `PROBLEMS` (payment failed, no answer …).
    A hypothetical question about the cue ("보풀 잘 일어나나요?") reports nothing.
    """
    s = " ".join(unicodedata.normalize("NFKC", text or "").split())
    for kind, pattern in _PROBLEM_RES.items():
        for m in pattern.finditer(s):
            tail = s[m.start():m.end() + 12]
            if kind == "wrong_item" and re.search(r"안\s*(왔|와|옴|오)|아직|언제|째", m.group(0)):
                continue  # "주문했는데 3일째 안 왔어요" is a late parcel, not a wrong one
            reported = re.search(r"(왔|났|됐|졌|있어|있네|있는데|었|았)", tail)
            if kind == "double_charge" and re.search(r"(나요|까요|가능|할\s*수|되나|돼나|\?\s*$)", s[m.end():m.end() + 12]) \
                    and not re.search(r"(됐|되었|나갔|빠졌|찍혔|긁혔|청구됐|있어)", s[m.start():m.end() + 12]):
                continue  # "중복 결제 가능한가요?" asks about a rule, it reports nothing
            if kind == "defect" and not reported and (_PROBLEM_QUESTION.search(tail) or re.search(r"[?？]", tail)):
                continue  # "보풀 많이 일어나요?" asks about the fabric, it reports nothing
            return kind
    c = compact(text)
    hits = [w for w in PROBLEMS if compact(w) in c]
    if not hits:
        return None
    if all(w.startswith("안") for w in hits) and any(compact(q) in c for q in PROBLEM_QUESTIONS):
        return None  # "무통장입금 안되나요?" asks whether it is possible
    return "other"


def is_problem(text: str) -> bool:
    """The customer reports something broken (not merely asks whether something is possible)."""
    return problem_kind(text) is not None


# Material composition asked by share ("울 몇 프로", "면 함유량", "폴리 섞였나요"): a fibre word at a word start
# followed closely by a share/mix word, or a composition noun on its own.
_FIBRE = (r"(램스울|메리노울|울|면|순면|코튼|폴리에스터|폴리에스테르|폴리|나일론|아크릴|린넨|리넨|레이온|캐시미어|스판덱스|스판|"
          r"폴리우레탄|텐셀|모달|실크|오리털|거위털|덕다운|구스다운|다운|cotton|wool|polyester|nylon|acrylic|linen|cashmere|spandex)")
_SHARE = r"(몇|프로|퍼센트|퍼|%|함유|함량|비율|비중|섞|혼용|혼방|들어가|들어갔|들어간|들어있|들어\s*있|포함|얼마나|많이)"
_COMPOSITION = re.compile(r"(?<![가-힣A-Za-z])" + _FIBRE + r"\s*(이|가|은|는|도|을|를|의)?\s*(소재|원단|비율)?\s*(이|가|은|는)?\s*" + _SHARE
                          + r"|혼용률|혼용율|혼용|혼방|함유량|함량|소재\s*비율|소재\s*구성|구성비|섞였|섞인|섞여|성분", re.IGNORECASE)


def asks_composition(text: str) -> bool:
    """The customer asks what the garment is made of, by share ("울 몇 프로 들어갔어요?", "혼용률")."""
    return bool(_COMPOSITION.search(unicodedata.normalize("NFKC", text or "")))


# "Does it leave today?": a leave/send verb with a when-word or a hypothetical order ("지금 주문하면 오늘 바로 나가나요?",
# "2시 전에 결제하면 오늘 출발해요?", "오늘 보내주시나요?").
_LEAVE = r"(나가|나갈|나간|출발|발송|보내|보내주|부쳐|부치|출고|배송\s*시작|배송\s*나가|ship)"
_DISPATCH_WHEN = re.compile(r"(오늘|당일|바로|지금|금방|빨리|내일|낼|모레|언제|몇\s*시|몇\s*일|며칠|주말|today|same\s*day|"
                            r"주문\s*하면|주문하면|결제\s*하면|결제하면|시키면|사면|입금하면|구매하면)")
_DISPATCH_Q = re.compile(r"(" + _DISPATCH_WHEN.pattern + r").{0,16}?" + _LEAVE, re.IGNORECASE)


def asks_dispatch(text: str) -> bool:
    """A question about when an order leaves the warehouse (not a reported problem, not a parcel already sent)."""
    s = unicodedata.normalize("NFKC", text or "")
    if not _DISPATCH_Q.search(s) or problem_kind(s) not in (None,):
        return False
    if re.search(r"반품|교환|환불|회수|반송|사진|주문번호|영수증|서류|메일|문자|링크", s):
        return False  # the customer sends something back or to us ("반품 언제 보내야 돼요?")
    return not re.search(r"보내\s*드리|보내\s*드릴|보내야|보낼게|보낼\s*께", s)


# English words customers mix into delivery questions, rewritten to the Korean the grounders read.
_ENGLISH_DELIVERY = (
    (r"\bulleung\s*-?\s*do\b|\bulleung(do)?\b", "울릉도"), (r"\bjeju(\s*-?\s*do)?(\s+island)?\b", "제주"),
    (r"\b(remote\s+)?islands?\b|\bremote\s+(area|region)s?\b", "도서산간"),
    (r"\bfree\s+(shipping|delivery)\b", "무료배송"), (r"\b(shipping|delivery|postage)\s*(fee|cost|charge|price)s?\b", "배송비"),
    (r"\bhow\s+much\b.{0,30}\b(shipping|delivery)\b|\b(shipping|delivery)\b.{0,20}\bhow\s+much\b", "배송비 얼마"),
    (r"(\d[\d,]*)\s*k\s*(won|krw)?\b", r"\g<1>000원"), (r"(\d[\d,]*)\s*(won|krw)\b", r"\1원"), (r"\b(krw|won)\s*(\d[\d,]*)", r"\2원"),
    (r"\bover\b", "이상"), (r"\border\b", "주문"),
)


def localize_delivery(text: str) -> str:
    """English region/amount/fee words as Korean ("shipping to jeju for a 30000won order" → "… 제주 … 30000원 주문")."""
    s = unicodedata.normalize("NFKC", text or "")
    if not re.search(r"[A-Za-z]", s):
        return s
    for pattern, repl in _ENGLISH_DELIVERY:
        s = re.sub(pattern, repl, s, flags=re.IGNORECASE)
    return s


FOLLOW_UP_CHARS = 14  # "카키는 언제 다시 들어와요?" (12 characters without spaces) still leans on the previous turn
REFERRING_STARTS = ("그거", "그건", "그게", "그걸", "이거", "이건", "저거", "저건", "거기")
FOLLOW_UP_STARTS = ("그럼", "그거", "그건", "그게", "그리고", "그러면", "그럼요", "아", "아하", "그래서", "혹시그럼", "그냥", "근데",
                    "그런데", "그렇다면", "거기", "저거", "이거")
_FOLLOW_UP_TAIL = re.compile(r"(은|는|도)\s*요\s*[?？!.]*\s*$|(은|는)\s*[?？]+\s*$")


def is_follow_up(text: str) -> bool:
    """A turn that leans on the previous one: short, opens with 그럼/그거/아 …, or is an elliptic "X는요?"."""
    c = compact(text)
    if len(c) < FOLLOW_UP_CHARS:
        return True
    spaced = " ".join(unicodedata.normalize("NFKC", text or "").split())
    first = spaced.split(" ", 1)[0] if spaced else ""
    return any(first == w or (len(w) >= 2 and first.startswith(w)) for w in FOLLOW_UP_STARTS) \
        or bool(_FOLLOW_UP_TAIL.search(spaced))


def refers_back(text: str) -> bool:
    """The turn opens with a demonstrative ("그거 세일 상품에도 쓸 수 있어요?"): its subject is the previous turn's."""
    spaced = " ".join(unicodedata.normalize("NFKC", text or "").split())
    return spaced.startswith(REFERRING_STARTS)


def is_out_of_scope(text: str) -> bool:
    """A subject the shop does not deal with ("점심 메뉴 추천", "주식 추천", "날씨 어때") and no wearing/gift word.

    Callers still check the catalogue (a product or category named brings the turn back in scope).
    """
    c = compact(text)
    if not any(compact(w) in c for w in OUT_OF_SCOPE):
        return False
    if any(compact(w) in c for w in IN_SCOPE):
        return False
    return not (intents(text, GENERAL_TOPICS) or intents(text, DELIVERY_INTENTS) - {"dispatch", "region"})


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


def order_numbers(text: str, knowledge: object = None) -> list[str]:
    """Order numbers in the turn. With a shop's knowledge: in the shapes of that shop's own order numbers
    (`20261105-0012`, `W2378156` …), returned as the shop writes them when one matches; without: the
    `YYYYMMDD-NNNN` shape, however the customer spaced it."""
    s = unicodedata.normalize("NFKC", text or "")
    pattern = getattr(knowledge, "order_number_pattern", None)
    shop_pattern = pattern() if callable(pattern) else None
    found: list[str] = []
    if shop_pattern is not None:
        as_written = getattr(knowledge, "order_number_as_written", None)
        for m in shop_pattern.finditer(s):
            typed = m.group(0).strip()
            # the shop's spelling from its number shapes, never from a look-up: a reply must not tell
            # whether the order exists (agent.order_access decides what is shown)
            number = as_written(typed) if callable(as_written) else typed.upper()
            if number not in found:
                found.append(number)
        return found
    for m in _ORDER_NO.finditer(s):
        number = f"{m.group(1)}-{m.group(2)}" if m.group(1) else f"{m.group(3)}{m.group(4)}-{m.group(5)}"
        if number not in found:
            found.append(number)
    return found


def postal_code(text: str) -> str | None:
    s = _ORDER_NO.sub(" ", unicodedata.normalize("NFKC", text or ""))
    m = _POSTAL.search(s)
    return m.group(1) if m else None


# After an amount: the customer states a rule ("5만원 이상이면 무료죠?"), not what they buy.
_THRESHOLD_AFTER = re.compile(r"^\s*원?\s*(이상|이하|미만|초과|기준|부터|넘으면|넘게|넘어야|넘는|안쪽|까지\s*무료)")
_THRESHOLD_BEFORE = re.compile(r"(기준|기준이|기준은|기준금액|무료배송|무배)\s*(이|은|는|가)?\s*$")
# After an amount: what the customer would buy ("4만5천원이면", "6만원 주문하면", "3만원어치 사면").
_ORDER_AFTER = re.compile(r"^\s*원?\s*(어치|짜리|이면|면|정도|을|를|치)?\s*(사면|주문|구매|결제|시키|이면|어치|짜리|살\s*건데|살게|사려)")
_UNIT_PRICE = re.compile(r"^\s*원?\s*짜리")
_COUNT = re.compile(r"(\d{1,3}|한|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s*(개|벌|장|켤레|세트|박스|팩|족)(?![가-힣]*\s*원)")
_NATIVE_COUNTS = {"한": 1, "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10}


def amount_terms(text: str) -> tuple[int, int] | None:
    """(unit amount, quantity) of the order a customer describes, or None.

    Amounts that state a rule ("무료배송이 5만원 이상이라던데", "무료배송 기준 3만원 맞죠?") are skipped;
    an amount next to 사면/주문/구매/이면/어치 wins over other amounts; "2만원짜리 셔츠 3벌" is 20,000 × 3.
    """
    s = _ORDER_NO.sub(" ", unicodedata.normalize("NFKC", text or ""))
    candidates = []
    for q in sorted(extract(s), key=lambda q: q.start):
        after = s[q.end:q.end + 3].lstrip()
        money = after.startswith(("원", "이상", "이하", "미만", "초과", "어치")) or q.text.endswith(("만", "천"))
        values = [k[1] for k in q.keys if k[0] == "n" and isinstance(k[1], int)]
        if not (money and values and len([k for k in q.keys if k[0] not in ("won", "pct")]) == 1):
            continue
        tail = s[q.end:q.end + 16]
        if _THRESHOLD_AFTER.search(tail) or _THRESHOLD_BEFORE.search(s[max(0, q.start - 8):q.start]):
            continue
        candidates.append((not _ORDER_AFTER.search(tail), q.start, values[0], q.end))
    if not candidates:
        return None
    _, _, unit, end = min(candidates)
    quantity = 1
    if _UNIT_PRICE.search(s[end:end + 8]):
        rest = re.split(r"[.?!,\n]|\d+\s*원|[만천]\s*원", s[end:end + 40].split("짜리", 1)[1])[0]
        m = _COUNT.search(rest + " ")
        if m:
            raw = m.group(1)
            quantity = int(raw) if raw.isdigit() else _NATIVE_COUNTS[raw]
    return unit, max(quantity, 1)


def amount(text: str) -> int | None:
    """The order amount a customer mentions ('4만5천원어치', '2만원짜리 3벌' = 60,000), if any."""
    terms = amount_terms(text)
    return None if terms is None else terms[0] * terms[1]


def is_injection(text: str) -> bool:
    """Prompt-injection phrasing. Not a security boundary (numbers come only from facts anyway)."""
    return bool(INJECTION.search(unicodedata.normalize("NFKC", text or "")))


_DATE_WORDS = ("오늘", "내일", "낼", "모레", "모래", "글피", "다음주", "담주", "다다음주", "이번주", "주말", "월", "일", "/")
_MONTH_DAY = re.compile(r"(?<!\d)(\d{1,2})\s*월\s*(\d{1,2})\s*일|(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})(?![\d/])")
_UNPARSED_DATE = re.compile(r"(다다음\s*주|담담\s*주|이번\s*달|다음\s*달|담달|말일|월말|월초|연말|연휴|\d+\s*일\s*(뒤|후)|"
                            r"(며칠|일주일|한\s*주|이틀|사흘|나흘)\s*(뒤|후)|주말에?\s*(주문|시키|사면|결제))")


def _next_date(month: int, day: int, today: date) -> date | None:
    """The next occurrence of month/day on or after `today` (this year or next); None when no such date."""
    for year in (today.year, today.year + 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate >= today:
            return candidate
    return None


def order_day(text: str, now: datetime) -> tuple[date | None, bool]:
    """(the day the customer says they order, whether a date was mentioned that could not be read).

    Reads "12/24", "12월 24일" (next such date on or after today), 오늘/내일/모레/글피, "다음 주 금요일"
    (that weekday of next week) and a bare weekday (the coming one; today's weekday means next week).
    """
    s, has_verb = _order_clause(text)
    c = compact(s)
    today = now.date()
    m = _MONTH_DAY.search(_ORDER_NO.sub(" ", s))
    if m:
        month, day = (int(m.group(1)), int(m.group(2))) if m.group(1) else (int(m.group(3)), int(m.group(4)))
        found = _next_date(month, day, today) if 1 <= month <= 12 else None
        return found, found is None
    if _UNPARSED_DATE.search(s):
        return None, True
    named = []  # the first weekday named is the order day ("토요일에 주문하면 월요일에 출고되나요")
    for word, weekday in _WEEKDAYS.items():
        positions = [p for p in (c.find(word), c.find(word[:1] + "욜")) if p >= 0]
        if positions:
            named.append((min(positions), weekday))
    if named:
        position, weekday = min(named)
        next_week = any(w in c[:position] for w in ("다음주", "담주", "차주", "다음주에"))
        if next_week:  # "다음 주 금요일": the weekday in the week after this one (weeks start Monday)
            monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
            return monday + timedelta(days=weekday), False
        delta = (weekday - today.weekday()) % 7 or 7  # "월요일에 주문하면" said on a Monday: next Monday
        if "오늘" in c[:position + 3] and weekday == today.weekday():
            delta = 0
        return today + timedelta(days=delta), False
    relative = [(c.find(w), days) for w, days in (("글피", 3), ("모레", 2), ("모래", 2), ("내일", 1), ("낼", 1), ("오늘", 0))
                if w in c]
    if relative and has_verb:  # "오늘 주문하면 내일 와요?": the word before the order verb is the order day
        return today + timedelta(days=min(relative)[1]), False
    if any(w in c for w in ("다음주", "담주")):
        return None, True
    return None, False


_ORDER_VERB = re.compile(r"주문|시키|시켜|사면|살게|살\s*건데|결제|구매|입금")


def _order_clause(text: str) -> tuple[str, bool]:
    """The text up to the first order verb ("금요일에 주문하면 | 월요일에 와요?"), and whether there is one."""
    s = unicodedata.normalize("NFKC", text or "")
    m = _ORDER_VERB.search(s)
    return (s[:m.start()], True) if m else (s, False)


def order_time(text: str, now: datetime) -> datetime | None:
    """When the customer says they order ('금요일 오후 3시에 주문하면'), relative to `now`; None if unsaid.

    A date that was mentioned but cannot be read also gives None: see `order_when` (callers then say the
    estimate is for an order placed now, or ask back).
    """
    return order_when(text, now)[0]


def order_when(text: str, now: datetime) -> tuple[datetime | None, bool, bool]:
    """(order time or None, whether the customer named an hour, whether a date was named but unreadable).

    A later day with no hour is taken at 09:00 (callers then phrase it as "before the cut-off").
    """
    clause, _ = _order_clause(text)
    c = compact(clause)
    day, unreadable = order_day(text, now)
    hour = None
    minute = 0
    for q in extract(_MONTH_DAY.sub(" ", clause)):
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
        return None, False, unreadable
    base = datetime.combine(day or now.date(), now.time(), tzinfo=now.tzinfo)
    if hour is not None:
        base = base.replace(hour=hour % 24, minute=minute, second=0, microsecond=0)
    elif day is not None and day != now.date():
        base = base.replace(hour=9, minute=0, second=0, microsecond=0)  # a later day, no hour: a morning order
    return base, hour is not None, unreadable


# Question words -> size-chart measure labels they ask about.
_MEASURES = {"기장": "총장", "총장": "총장", "길이": "총장", "허리": "허리", "어깨": "어깨", "가슴": "가슴", "소매": "소매",
             "팔길이": "소매", "허벅지": "허벅지", "밑위": "밑위", "밑단": "밑단", "굽": "굽", "엉덩이": "엉덩이",
             "머리둘레": "머리둘레", "가로": "가로", "세로": "세로", "폭": "폭", "목둘레": "목", "length": "총장",
             "chest": "가슴", "waist": "허리", "shoulder": "어깨", "sleeve": "소매"}


def measures_asked(text: str) -> list[str]:
    """Size-chart measure labels a question asks about ("기장이랑 어깨 몇이에요" -> 총장, 어깨)."""
    c = compact(text)
    return list(dict.fromkeys(label for word, label in _MEASURES.items() if word in c))


def category_in(knowledge: object, text: str) -> str | None:
    """The first word of the turn that names a catalogue category (aliases included), if any."""
    from core.language.korean_text import strip_particles, words

    for w in [strip_particles(x) for x in words(text)][:12]:
        if len(w) >= 1 and knowledge.filter_products(category=w, limit=1):  # type: ignore[attr-defined]
            return w
    return None
