"""Generic Korean/English shop vocabulary as concepts, spotted on morphemes rather than raw substrings.

A concept ("returns", "remove", "tag", "when" …) is named three ways:
- `terms`: noun-like surface forms. They are matched only on spans that start and end on morpheme
  boundaries inside one word (eojeol), so "재고" is found in "재고있어요" even though mecab splits it
  oddly, but never in the middle of another morpheme. Nouns do not conjugate, so a surface form is
  enough; compounds the analyser splits (배송+비) are re-joined this way.
- `stems`: predicate lemmas (verb/adjective stems and roots): "뜯었는데", "뜯어서", "뜯으면" are all 뜯.
  This is what substring lists over the raw text could not do.
- `english`: lowercase words or phrases matched on word boundaries (simple plural/-ed/-ing folding).

The vocabulary is generic shop language (returns, delivery, prices …), never one shop's data: shop
names, products and option values come from the loaded ontology. Retrieval (`core.knowledge.retrieval`)
adds each spotted concept as a token, so "라벨 뜯었는데" and "택을 제거하면" meet on @tag + @remove.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from core.language.korean_text import initials
from core.language.morphology import Morpheme


@dataclass(frozen=True)
class Concept:
    name: str
    terms: tuple[str, ...] = ()
    stems: tuple[str, ...] = ()
    english: tuple[str, ...] = ()
    starts: tuple[str, ...] = ()  # word beginnings, for verb forms the analyser splits oddly (나갈까요 -> 나 + 갈까요)


def _c(name: str, terms: str = "", stems: str = "", english: str = "", starts: str = "") -> Concept:
    split = lambda s: tuple(x.strip() for x in s.split("|") if x.strip())  # noqa: E731
    return Concept(name, split(terms), split(stems), split(english), split(starts))


CONCEPTS: tuple[Concept, ...] = (
    # --- product attributes ---------------------------------------------------------------------
    _c("price", "가격|얼마|값|금액|가격대|판매가|몇원|얼마임|얼만|얼마에|얼마예|얼마에요|얼마야|얼만가요|가겨|가곅",
       "비싸|싸|저렴",
       "price|prices|cost|costs|how much|pricing|expensive|cheap|cheaper|cheapest"),
    _c("cheap", "최저가|저가", "싸|저렴", "cheap|cheaper|cheapest|less expensive|lower price"),
    _c("expensive", "고가", "비싸", "expensive|pricier|more expensive|costlier"),
    _c("saving", "이득|절약", "아끼", "save|saving|savings"),
    _c("discount", "할인|세일|정가|특가|할인가|행사|프로모션|쎄일|원가|네고|에누리", "깎",
       "sale|discount|discounted|on sale|original price|deal|promotion|haggle|negotiate"),
    _c("stock", "재고|품절|수량|재고량|잔여|구매가능|재고잇|매진|완판|남음|남았음", "남",  # ("남음?": 남다 nominalised, as "있음")
       "stock|in stock|available|availability|sold out|left|inventory"),
    _c("exist", "있음|잇나|잇어|잇음|없음", "있|없|팔|판매하", "have|has|is there|are there|do you have|do you sell|carry|sell",
       starts="파나요|파시나|파세요|파는지|파시는|팝니까|팔아요|팔아여"),  # 팔다 (sell), which mecab-ko splits oddly
    _c("restock", "재입고|입고|입고일|입고예정|재생산|리오더|재입고일", "재입고되",
       "restock|restocked|back in stock|available again"),
    _c("come_in", "입금|지급", "들어오|들어가|지급되|적립되|입금되|쌓이|붙|환급되",
       "come in|credited|paid out|added|show up|come back|earn|earned|earning|accrue|accrues|accrued|accumulate"),
    _c("option", "옵션|색상|컬러|색깔|색|칼라|사이즈|치수|용량|호수|종류|버전|모델|사양|향|무게|중량|크기|인치",
       "", "option|options|color|colors|colour|colours|size|sizes|variant|variants|version|model|capacity|shade|shades|"
       "scent|scents|flavor|flavors|flavour|flavours"),
    _c("measure", "실측|단면|기장|총장|어깨|가슴|허리|소매|밑위|허벅지|밑단|사이즈표|치수표|가로|세로|높이|길이|둘레|무게|크기",
       "", "measurements|measurement|length|width|chest|waist|dimensions|size chart|how big|weight"),
    _c("body", "키|몸무게|체중|평소|발볼|발사이즈|체형|덩치|kg|키로|센치|cm", "",
       "height|weight|tall|i usually wear|usually wear|my size"),  # not "i'm": "I'm in Jeju" is no body measure
    _c("property", "두께|두께감|비침|신축|신축성|방수|발수|보온|보온성|통기|통기성|보풀|까끌|촉감|무게감|안감|기모|도톰|시원|따뜻|"
       "땀|흡수|무게|가벼|탄탄|부드러",
       "두껍|얇|따뜻하|시원하|도톰하|까끌하|비치|늘어나|가볍|무겁|부드럽|탄탄하|높|낮|짧",
       "thick|thin|warm|cool|waterproof|see-through|stretchy|stretch|breathable|heavy|light|soft"),
    _c("part", "단추|지퍼|짚퍼|자크|실밥|박음질|바느질|봉제|솔기|밑창|깔창|굽|끈|스트랩|고리|벨크로|고무줄|밴딩|프린팅|로고|자수|"
       "안감|주머니|소매|밑단|카라|넥|손잡이|버클|후크|똑딱이", "", "button|zipper|zip|seam|strap|sole|heel|buckle|pocket"),
    _c("break", "고장|뜯어짐|풀림|불량", "떨어지|빠지|풀리|뜯어지|터지|찢어지|벗겨지|갈라지|망가지|부러지|고장나|헤지|해지|튿어지|틀어지",
       "broke|broken|fell off|came off|came loose|ripped|torn|split|stuck"),
    _c("pilling", "보풀|털빠짐|물빠짐|이염|냄새|악취|구김|변색", "일어나|빠지|번지|줄어들", "pilling|pills|shedding|smell|faded"),
    _c("fit", "핏|정사이즈|오버핏|슬림핏|레귤러핏|사이즈감|착용감|정핏|루즈|여유", "크|작|끼|헐렁하|타이트하",
       "fit|fits|true to size|runs small|runs large|run small|run large|runs big|run big|loose|tight|snug"),
    _c("material", "소재|원단|재질|성분|함유|함량|혼용|혼방|혼용률|면|울|캐시미어|린넨|폴리|나일론|가죽|소가죽|양가죽|스웨이드|충전재|오리털|거위털|"
       "다운|전성분|재료|면100|울100",
       "섞이", "material|fabric|made of|cotton|wool|ingredients|ingredient|composition|leather"),
    _c("care", "세탁|빨래|드라이|드라이클리닝|세탁기|손세탁|건조기|다림질|관리법|보관|보관법|세척", "빨|세탁하|말리",
       "wash|washing|washable|care|dry clean|machine wash|machine washable|tumble dry|storage|store it"),
    _c("brand", "브랜드|브렌드|메이커|제조사|제조업체", "", "brand|brands|manufacturer|who makes|made by"),
    _c("origin", "원산지|제조국|생산지|국산|수입|made|산지", "만들",
       "origin|made in|where is it made|country of origin|manufactured|where is it from|where's it from|from korea|"
       "domestic|imported"),
    _c("recommend", "추천|인기|베스트|잘나가|잘 나가|잘 팔|많이 팔|신상|신제품|인기템|골라|고르|뭐가좋|뭐가나|고민", "고르",
       "recommend|recommendation|suggest|best|popular|bestseller|new arrivals"),
    _c("compare", "비교|차이|차이점|대비|중에|어느게|어떤게|어떤거|뭐가더|vs", "낫|다르",
       "compare|comparison|difference|better|vs|versus|which one"),
    _c("similar", "비슷|비슷한|유사|대체|다른거|다른게|다른것|딴거", "",
       "similar|alternative|alternatives|something else|other than|instead|like this"),
    _c("exclude", "말고|빼고|제외|대신|말구|아니고|안보이게|안 보이게", "빼|가리",  # ("가격 안 보이게", "가격 가려서": hidden)
       "other than|except|instead of|besides|not this|without the price|hide the price"),
    _c("together", "같이|함께|동시|둘다|합계|합쳐|합치|총|전부|모두|한꺼번에|한번에|세트로|묶어|둘이|셋이|다해서|다 사|다 구매|다 합|셋 다|둘 다|다 맞추|다 맞춰|풀세트|풀셋", "합치",
       "together|both|total|in total|altogether|combined|all of them"),
    # more of the order, said in English (Korean says it with the noun 추가 or the adverb 더, read on morphemes)
    _c("add_more", "", "", "add|adding|one more|also get|also buy|also order|more of"),
    _c("set_parts", "구성|구성품|세트|들어있|뭐들어|포함|패키지|기획세트|번들|뭐 들어|뭐가 들어|들어 있|들었", "들",
       "set|bundle|included|includes|what's in|whats in|what comes in the|what comes in this|what comes in it|inside|comes with|package|kit"),
    _c("gift", "선물|기념일|생일|생신", "", "gift|present|birthday"),
    # --- delivery --------------------------------------------------------------------------------
    _c("shipping", "배송|택배|배달|발송|출고|운송|새벽배송|당일배송|직배송", "",
       "ship|shipping|shipped|delivery|deliver|delivered|courier|parcel|package"),
    _c("fee", "배송비|택배비|택비|배송료|운임|추가금|추가비용|추가요금|운송비|착불|선불|무료배송|무배|배송 무료", "",
       "shipping fee|shipping cost|delivery fee|delivery cost|postage|free shipping|charge|charges|fee"),
    _c("free", "무료|공짜|무배|무료배송|0원", "", "free|free shipping|no charge"),
    _c("region", "제주|제주도|서귀포|도서산간|산간|섬|울릉|울릉도|도서지역|오지|백령도|산간지역", "",
       "jeju|island|islands|remote|remote area|ulleung"),
    _c("dispatch", "출고|발송|출발|당일출고|당일발송|오늘출발|송출", "보내|나가|부치|출발하|발송되|출고되",
       "ship out|ships|dispatch|dispatched|send|sent|same day|same-day|leave", starts="나갈|나가|나간|보낼|보내|부쳐|부칠"),
    _c("arrival", "도착|수령|도착일|도착예정|받는날", "받|오|도착하|오|걸리",
       "arrive|arrival|arrives|get it|receive|received|reach|come|get to me|get here|reach me|it get to|they get to|it get there"),
    _c("duration", "며칠|몇일|기간|소요|소요기간|걸리|얼마나|얼마마다", "걸리", "how long|how many days|how many hours|take|takes"),
    _c("tracking", "송장|송장번호|운송장|조회|배송조회|어디쯤|추적|운송장번호|트래킹|배송 조회", "",
       "tracking|track|tracking number|where is my|where's my|status"),
    _c("status", "상태|현황|진행|처리|어떻게됐|어디까지", "", "status|progress|update"),
    _c("order", "주문|주문서|주문건|주문내역|구매내역|오더|시킨거|주문한", "시키|주문하",
       "order|ordered|orders"),
    _c("buy", "구매|구입|결제|장바구니", "사|살|구매하|구입하", "buy|purchase|purchased|bought|get"),
    _c("order_number", "주문번호|주문 번호|오더번호", "", "order number|order no|order #|order id"),
    _c("paid", "결제금액|결제액|낸돈|금액|총액|합계", "내|결제하|지불하",
       "paid|pay|total|amount|charged"),
    _c("items", "뭐주문|무엇을주문|상품목록|뭐샀|뭐시켰|들어있|품목|내역", "",
       "items|what did i order|what i ordered|what's in my order|contents"),
    _c("address", "주소|배송지|수령지|받는곳|주소지", "", "address|shipping address"),
    _c("change", "변경|수정|바꾸|바꿔|교체", "바꾸|변경하|수정하|고치", "change|modify|update|edit|switch"),
    _c("bundling", "합배송|묶음배송|묶음|같이보내|같이받|따로주문|한번에받|합포장|동봉", "",
       "combine|combined shipping|ship together|one package"),
    _c("overseas", "해외|외국|국외|미국|일본|중국|유럽|캐나다|호주|해외배송|국제배송", "",
       "overseas|abroad|international|internationally|worldwide|usa|us|japan|china|europe|canada|australia|"
       "outside korea|singapore|hong kong|taiwan|vietnam|thailand|uk|germany|france"),
    _c("carrier", "택배사|택배회사|cj|우체국|한진|로젠|롯데택배|대한통운|쿠팡|경동", "",
       "carrier|courier company|which courier|ups|fedex|dhl"),
    _c("today", "오늘|당일|지금|바로|금일|즉시", "", "today|now|same day|right away"),
    _c("tomorrow", "내일|낼|모레|내일모레", "", "tomorrow"),
    # sooner than the usual ("더 빨리 받을 방법", "즉시 환불"): a way that is faster, in a rule or in a question
    _c("quick", "빨리|즉시|신속|신속히|빠르게|곧바로", "빠르", "faster|sooner|quicker|quickly|asap|immediately|instantly"),
    _c("weekend", "주말|토요일|일요일|공휴일|휴일|연휴|명절|빨간날", "", "weekend|saturday|sunday|holiday|holidays"),
    # --- after-sale and shop policies ---------------------------------------------------------------
    _c("returns", "반품|반송|반품비|반품배송비|환불반품|리턴|반픔|반풍", "물리|반품하|돌려보내",
       "return|returns|returning|send back|send it back"),
    _c("exchange", "교환|교한|사이즈교환|색상교환|맞교환", "교환하",
       "exchange|swap|replace|replacement|different size"),
    _c("refund", "환불|환급|환뷸|돌려받|취소금액|카드취소", "돌려주",
       "refund|refunded|money back|get my money"),
    _c("cancellation", "취소|주문취소|결제취소|캔슬", "취소하", "cancel|cancellation|cancelled|canceled"),
    _c("payment", "결제|결재|무통장|입금|계좌|카드|할부|무이자|페이|카카오페이|네이버페이|토스|휴대폰결제|계좌이체|가상계좌|결제수단|출금|청구|승인|돈|결제금액",
       "", "payment|pay|paid|card|credit card|installment|bank transfer|paypal"),
    _c("points", "적립금|포인트|마일리지|적립|리워드|적립률", "적립되|쌓이",
       "points|point|reward|rewards|mileage"),
    # the purchase confirmed (구매확정): a step of the shop's own rules (points are earned then), not a topic of its own
    _c("confirmation", "구매확정|구매 확정|구매결정", "", "purchase confirmation|confirm the purchase|confirm purchase"),
    _c("coupons", "쿠폰|할인코드|프로모션코드|할인쿠폰|첫구매쿠폰|생일쿠폰|생일할인|생일 할인|생일혜택|생일 혜택|첫구매할인|첫 구매 할인",
       "", "coupon|coupons|promo code|discount code|voucher|birthday discount|birthday coupon|first order discount"),
    _c("membership", "등급|멤버십|멤버쉽|회원등급|vip|vvip|골드|실버|회원혜택|혜택", "",
       "membership|member|tier|vip|benefits|level"),
    _c("store", "매장|오프라인|영업시간|운영시간|고객센터|상담시간|점심시간|위치|방문|쇼룸|전화번호|전번|연락처|이메일|카톡|카카오톡|전화 번호",
       "", "store|shop|location|opening hours|business hours|hours|are you open|phone|phone number|contact|email|visit|"
       "showroom"),  # not a bare "open": "after opening" is an opened product
    _c("hours", "영업시간|운영시간|상담시간|점심시간|몇시까지|몇시부터|몇시|휴무|쉬는날|운영|영업|오픈|마감시간", "운영하|영업하|쉬",
       "hours|opening hours|are you open|open on|open today|open tomorrow|do you open|close|closing time|what time"),
    _c("receipts", "영수증|세금계산서|현금영수증|증빙|거래명세서|전자영수증", "", "receipt|receipts|invoice|tax invoice"),
    _c("packaging", "포장|선물포장|쇼핑백|박스포장|포장지|리본|메시지카드|메세지카드|편지카드|축하카드|손편지|메시지 카드|메세지 카드", "", "gift wrap|gift wrapping|wrapping|packaging|gift box|message card|gift card note"),
    _c("account", "회원가입|가입|비밀번호|비번|탈퇴|아이디|로그인|계정|회원정보", "", "account|sign up|register|password|login|log in"),
    _c("warranty", "보증|보증기간|품질보증|as|a/s|에이에스|에이에쓰|수리|무상수리|유상수리|사후관리", "고치",
       "warranty|guarantee|repair|repairs|fix|fixed|broken|after-sales"),
    _c("install", "설치|조립|설치비|조립비|설치기사|방문설치", "조립하|설치하", "install|installation|assembly|assemble|set up"),
    _c("sample", "샘플|체험분|테스터|사은품|증정|미니어처|파우치", "", "sample|samples|tester|free gift|freebie"),
    _c("expiry", "유통기한|사용기한|소비기한|제조일|개봉후|유효기간|소멸|만료|기한", "소멸되|만료되", "expiry|expiration|expiry date|shelf life|best before|expire|expires"),
    _c("skin", "피부|트러블|알레르기|민감|자극|뾰루지|붉어|가려|두드러기|여드름|발진|따가", "", "skin|allergy|allergic|irritation|sensitive|rash|breakout"),
    _c("storage", "보관|냉장|냉동|실온|상온|보관법|보관방법", "",
       "storage|refrigerate|fridge|freeze|room temperature|store it|store them|store this|keep it|keep them|"
       "how long does it keep|shelf life"),
    # --- conditions a policy clause turns on ------------------------------------------------------------
    _c("tag", "택|태그|라벨|상표|꼬리표|택을|택이", "", "tag|tags|label|labels"),
    _c("remove", "제거|훼손|분리", "떼|뜯|자르|떼어내|뜯어내|제거하|없애|잘리",
       "remove|removed|cut off|cut|take off|took off|detach|tore off|torn off"),
    _c("worn", "착용|사용감|시착|착화|체험|착용감|착용흔적|신어|입어|신었|입었", "입|신|착용하|써보|입어보|신어보|바르|발라|발르",
       "wear|wore|worn|tried on|tried it on|applied"),
    _c("use", "사용|이용|적용|전용", "쓰|사용하|이용하|적용하", "use|used|using|apply|redeem"),  # 전용: for use only (in, with)
    _c("washed", "세탁|세척|물세탁", "빨|세탁하|빨래하|감", "wash|washed|laundered"),
    _c("opened", "개봉|뜯김|밀봉|포장훼손|비닐|실링|씰", "개봉하|뜯",
       "opened|unsealed|seal|sealed|open the box|opened the box|after opening|once opened|opening it"),
    _c("sale_item", "세일상품|할인상품|특가상품|세일품|할인품|이벤트상품|아울렛", "", "sale item|sale items|discounted item"),
    _c("period", "기간|이내|며칠|언제까지|기한|까지", "", "within|days|deadline|period|how long|return window|exchange window|time limit"),
    _c("cost", "비용|부담|수수료|요금|돈|유료|무상|무료", "들",
       "cost|fee|charge|who pays|free"),
    _c("simple_change", "단순변심|변심|마음에안|마음이바뀌|맘에안|안어울", "", "changed my mind|change of mind|don't like"),
    # --- problems ------------------------------------------------------------------------------------
    _c("defect", "불량|하자|결함|구멍|얼룩|오염|파손|흠집|스크래치|기스|찍힘|이염|변색|곰팡|실밥|고장|불량품|물렀|벌레|이물질|이물|"
       "불량화소|데드픽셀|빛샘",  # (a screen's own defects)
       "찢어지|찢기|터지|깨지|부서지|부숴지|망가지|고장나|뜯어지|벗겨지|늘어나|줄어들|부러지|젖|찌그러지|구겨지|눌리|새|녹|상하|금가|쏟아지|"
       "멍들|무르|물러지|시들|썩",
       "defect|defective|damaged|broken|hole|stain|scratch|torn|ripped|faulty|not working|wet|dented|crushed|leaked|"
       "leaking|melted|spoiled|cracked|rotten|moldy|mouldy|bruised|smashed|bug|bugs|insect|insects|foreign object|foreign matter|"
       "dead pixel|dead pixels|stuck pixel|stuck pixels|won't turn on|doesn't turn on|does not turn on|won't charge|"
       "doesn't charge|flickering|flickers|went bad|gone bad|has gone off|smells off|smells weird|smells funny|"
       "smells bad"),
    # damage the customer caused (dropped, soaked): a case warranties and returns rules treat apart
    _c("user_fault", "낙하|침수|과실|부주의|사용자과실", "떨어뜨리|떨구|쏟|엎", "dropped|drop it|water damage|spilled"),
    _c("wrong_item", "오배송|잘못배송|다른상품|다른제품|다른게|다른걸|엉뚱한", "바뀌",
       "wrong item|wrong size|wrong color|wrong product|not what i ordered"),
    _c("missing_item", "누락|빠져|빠졌|덜왔|구성품누락", "빠지",  # "하나만 왔어요": read with its verb (turn_analysis)
       "missing|not included|only received|one missing"),
    _c("not_received", "못받|안받|분실|도난|받지못|안왔|미수령|배송완료인데", "",
       "not received|never received|didn't receive|did not receive|lost|stolen|never arrived|hasn't arrived|has not arrived"),
    _c("late", "아직|지연|늦|느리|언제와|언제오|언제도착|한참|며칠째|일주일째|째", "늦|느리",
       "late|delayed|still|not yet|taking so long|slow"),
    _c("double_charge", "이중결제|중복결제|두번결제|이중청구|중복청구", "", "charged twice|double charged|double charge|duplicate charge"),
    _c("twice", "두 번|2 번|두 차례|두 건|2 건|중복|이중|두번씩", "", "twice|two times|double|duplicate"),
    _c("complaint", "짜증|실망|최악|ㅅㅂ|ㅆㅂ|시발|씨발|개빡|빡치|빡쳐|빡침|화나|어이없|환장|열받|불친절|장난|사기|다시는|두번다시|두 번 다시|신고할|신고할게|신고할께|신고하겠|신고합|소비자원|황당|답답|불만|다신", "화나|열받|짜증나|실망하|답답하",
       "terrible|worst|angry|disappointed|ridiculous|awful|unacceptable|scam|wtf|fucking|fuck"),
    _c("offtopic", "점심메뉴|저녁메뉴|메뉴추천|점심 메뉴|저녁 메뉴|메뉴 추천|맛집|음식|요리|레시피|배달음식|야식|주식|코인|비트코인|투자|부동산|로또|영화|드라마|넷플릭스|"
       "노래|음악|웹툰|게임|애니|소설|날씨|미세먼지|기온|여행지|여행|관광|운세|사주|타로|별자리|숙제|과제|코딩|파이썬|수학|번역|"
       "정치|뉴스|대통령|선거|연애|다이어트|헬스장|운동법|병원|약국", "",
       "weather|movie|movies|stock market|recipe|lottery|politics|homework|football|soccer|joke"),
    # --- conversation --------------------------------------------------------------------------------
    _c("greeting", "안녕|ㅎㅇ|하이|반갑|여보세요|계세요|저기요", "반갑", "hi|hello|hey|good morning|good afternoon"),
    # the season's wishes and sign-offs a customer sends the shop ("메리크리스마스~", "새해 복 많이 받으세요")
    _c("wish", "메리크리스마스|해피뉴이어|새해복|복많이받|즐거운연휴|즐거운성탄|좋은하루|좋은주말|좋은저녁|행복한하루|"
       "연말잘보내", "",
       "merry christmas|happy new year|happy holidays|have a nice day|have a good day|have a great day|"
       "season's greetings"),
    _c("thanks", "감사|고마|ㄱㅅ|수고|땡큐|감사요|고맙", "고맙", "thanks|thank you|thx|ty|appreciate"),
    _c("agree", "네|넵|넹|예|ㅇㅋ|오케이|알겠|확인했|ㅇㅇ|웅|응", "알", "ok|okay|got it|sure|yes|yep|alright"),
    _c("human", "상담원|상담사|상담직원|사람|직원|담당자|매니저|실장|점장|사장|인간|ㅅㄷㅇ", "",
       "human|agent|person|representative|real person|staff|operator|someone|live agent|manager"),
    _c("connect", "연결|통화|상담|얘기|이야기|대화|전화|호출|바꿔|불러|콜백", "연결하|바꾸|부르|얘기하|통화하|말하",
       "talk|speak|connect|call|chat with|transfer"),
    _c("need", "필요|원해|원함|희망", "원하|바라", "need|want|would like|prefer"),
    _c("bot", "챗봇|봇|기계|ai|자동응답|로봇", "", "bot|chatbot|robot|ai|automated"),
    _c("request", "부탁|요청|신청|접수|처리|신청하", "해주|하주|주|드리", "please|request|can you|could you|i want to|i'd like to"),
    _c("decline", "", "괜찮|싫", "no need|no thanks|not necessary"),
    _c("inform", "궁금", "알리|알려주|가르치|안내하|설명하|궁금하",
       "tell me|let me know|explain|information|info|what is|what's|curious"),
    _c("possible", "가능|가능여부|되나|될까|되요|돼요|할수있|가능해|ㄱㄴ", "되|가능하",
       "possible|can i|can you|is it possible|allowed|able to|eligible"),
    _c("impossible", "불가|불가능|안됨|안되|어렵|제한|제외", "어렵",
       "not possible|impossible|not allowed|cannot|can't|unable|excluded"),
    _c("when", "언제|며칠|몇시|몇일|언제쯤|날짜|시점|시간", "", "when|what time|what day|what date|how soon"),
    _c("how", "어떻게|방법|어찌|절차|순서|how", "", "how|how do|how can|how to|steps|process"),
    _c("means", "수단|방법|방식|종류|옵션", "", "method|methods|options|ways|kinds|types|which ones"),
    _c("where", "어디|어디서|어디로|어딨|어느곳", "", "where"),
    _c("how_many", "몇개|몇장|몇벌|몇켤레|몇명|몇번|개수|몇", "", "how many"),
)

# Concepts that say what a question is ABOUT (a policy topic), as opposed to conditions and question words.
TOPIC_CONCEPTS = frozenset({
    "returns", "exchange", "refund", "cancellation", "payment", "points", "coupons", "membership", "store", "hours",
    "receipts", "packaging", "account", "warranty", "install", "sample", "expiry", "skin", "storage", "overseas",
    "address", "bundling", "defect", "wrong_item", "restock", "fee", "region", "dispatch", "carrier"})

_NFKC = lambda s: unicodedata.normalize("NFKC", s).lower()  # noqa: E731
TERM_INDEX: dict[str, tuple[str, ...]] = {}
STEM_INDEX: dict[str, tuple[str, ...]] = {}
ENGLISH_INDEX: dict[str, tuple[str, ...]] = {}
# the English quality words a comparative is read back to ("warmer" -> warm)
_QUALITY_WORDS = frozenset(w for c in CONCEPTS if c.name == "property" for w in c.english if " " not in w)
for _concept in CONCEPTS:
    for _table, _forms in ((TERM_INDEX, _concept.terms), (STEM_INDEX, _concept.stems), (ENGLISH_INDEX, _concept.english)):
        for _form in _forms:
            _key = _NFKC(_form).replace(" ", "") if _table is not ENGLISH_INDEX else _NFKC(_form)
            _table[_key] = tuple(dict.fromkeys((*_table.get(_key, ()), _concept.name)))
_MAX_TERM = max(len(k) for k in TERM_INDEX)
START_INDEX: dict[str, tuple[str, ...]] = {}
for _concept in CONCEPTS:
    for _form in _concept.starts:
        START_INDEX[_NFKC(_form)] = tuple(dict.fromkeys((*START_INDEX.get(_NFKC(_form), ()), _concept.name)))
# The start forms looked up by length, in START_INDEX's order: a word is checked against the few lengths, not every form
_START_ORDER = {form: i for i, form in enumerate(START_INDEX)}
_START_LENGTHS = sorted({len(form) for form in START_INDEX})
# Terms written with a space ("두 번") are also matched across words, with any spacing.
_SPACED_TERMS: list[tuple[re.Pattern[str], tuple[str, ...], str]] = [
    (re.compile(r"(?<![가-힣])" + r"\s*".join(re.escape(ch) for ch in _NFKC(form).replace(" ", ""))),
     tuple(c.name for c in CONCEPTS if form in c.terms), _NFKC(form).replace(" ", ""))
    for form in sorted({f for c in CONCEPTS for f in c.terms if " " in f})]
# Chat shorthand: a term of three syllables or more typed as its initial consonants ("ㅂㅅㅂ" = 배송비), when those
# initials belong to one reading only
_INITIALS_SEEN: dict[str, set[tuple[str, ...]]] = {}
for _key, _names in TERM_INDEX.items():
    if len(_key) >= 3 and all("가" <= ch <= "힣" for ch in _key):
        _INITIALS_SEEN.setdefault(initials(_key), set()).add(_names)
INITIALS_INDEX: dict[str, tuple[str, ...]] = {k: next(iter(v)) for k, v in _INITIALS_SEEN.items() if len(v) == 1}
_INITIALS_RUN = re.compile(r"[ㄱ-ㅎ\u1100-\u1112]{3,}")
# an English question of where a thing comes from, its name between the words ("where's the mackerel from")
_WHERE_FROM = re.compile(r"\bwhere(?:'s|'re|\s+(?:is|are|was|were|does|do))\s+(?:[a-z0-9-]+\s+){0,4}?"
                         r"(?:from|made|produced|grown|sourced|manufactured)\b")
_MAX_ENGLISH_WORDS = max(len(k.split()) for k in ENGLISH_INDEX)
CONCEPT_NAMES = frozenset(c.name for c in CONCEPTS)
_ENGLISH_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_STEM_TAGS = frozenset({"VV", "VA", "VX", "XR", "XSV", "XSA"})


@dataclass(frozen=True)
class ConceptHit:
    concept: str
    start: int
    end: int
    form: str
    via: str  # "term" | "stem" | "english" | "compound" (a term written as two words)


def _compared_base(word: str) -> str | None:
    """The adjective of a comparative or superlative ("warmer", "thickest", "heavier", "thinner") when it is a quality
    word of the lexicon's, else None (so "sweater" or "order" never lose an ending)."""
    m = re.fullmatch(r"([a-z]{2,}?)(i?)(er|est)", word)
    if m is None:
        return None
    stem = m.group(1) + ("y" if m.group(2) else "")
    for base in (stem, stem[:-1] if len(stem) >= 4 and stem[-1] == stem[-2] else stem, stem + "e"):
        if base in _QUALITY_WORDS:
            return base
    return None


def _english_base(word: str) -> str:
    for suffix, keep in (("'s", ""), ("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if suffix == "es" and not re.search(r"(s|x|ch|sh)es$", word):
            continue  # "sales", "sizes", "shoes": only the s goes ("boxes", "dresses", "watches" lose es)
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)] + keep
            if suffix in ("ing", "ed") and len(base) >= 4 and base[-1] == base[-2] and base[-1] in "bdgmnprt":
                base = base[:-1]  # "wrapped", "shipping": the consonant doubled before the ending (wrap, ship)
            return base
    return word


def _fused_auxiliary_token(m: Morpheme) -> bool:
    """One token of a verb, its 아/어 and an auxiliary verb after it (tags …+EC+VX+…), as the analyser reads
    "갈라졌어요" and "환불해줘요"."""
    parts = m.tags.split("+")
    return "VX" in parts and "EC" in parts and parts.index("EC") < parts.index("VX") and len(m.surface) >= 2


def _fused_jida(m: Morpheme) -> str:
    """The written stem of a verb fused with its auxiliary -지다 in one token ("갈라졌" = 가르/VV+아/EC+지/VX+었/EP
    -> 갈라지; "풀어진" -> 풀어지), or "" when the token is no such fusion."""
    if not _fused_auxiliary_token(m):
        return ""
    last = m.surface[-1]
    if not "가" <= last <= "힣":
        return ""
    # the syllable of 지 with what was fused onto it (졌 = 지 + 었, 져 = 지 + 어, 진 = 지 + ㄴ, 질 = 지 + ㄹ, 짐 = 지 + ㅁ)
    code = ord(last) - 0xAC00
    initial, vowel = code // 588, (code % 588) // 28
    if initial != 12 or vowel not in (6, 20):  # ㅈ with ㅕ (져/졌) or ㅣ (지/진/질/짐)
        return ""
    return (m.surface[:-1] + "지").lower()


# the written syllables of an auxiliary fused onto a verb's 아/어 ("해줘요", "보내드려요"), and its stem
_FUSED_HELPERS = {"줘": "주", "줬": "주", "주": "주", "드려": "드리", "드렸": "드리", "드리": "드리"}


def _fused_auxiliary(m: Morpheme) -> str:
    """The stem of the auxiliary 주다/드리다 fused into one token with its verb and the 아/어 before it ("해줘요" =
    하/XSV+아/EC+주/VX+어요: 주), or "" when the token is no such fusion."""
    if not _fused_auxiliary_token(m):
        return ""
    rest = m.surface[1:]
    return next((stem for written, stem in _FUSED_HELPERS.items() if rest.startswith(written)), "")


# verbs that make a verb of a noun ("구멍나다", "얼룩지다", "고장나다"): the analyser may read the pair as one verb
_LIGHT_VERBS = ("생기", "나", "하", "되", "지")


def spot(text: str, morphemes: Sequence[Morpheme]) -> list[ConceptHit]:
    """Every concept named in `text` (already NFKC + whitespace-normalised, as `morphology.analyse` saw it).

    Terms are matched on morpheme-aligned spans inside one word; stems on morpheme lemmas; English on words.
    """
    hits: list[ConceptHit] = []
    low = text.lower()
    words: list[list[Morpheme]] = []
    for m in morphemes:
        if words and words[-1] and low[words[-1][-1].end:m.start].strip() == "":
            if m.start == words[-1][-1].end:
                words[-1].append(m)
                continue
        words.append([m])
    for word in words:
        # (a verb with the negation written onto it, "안파나요", starts after it: the negation is read apart)
        first = word[1] if len(word) > 1 and word[0].pos == "MAG" and word[0].surface in ("안", "못") else word[0]
        span = low[first.start:word[-1].end]
        for form in sorted((span[:n] for n in _START_LENGTHS if n <= len(span) and span[:n] in START_INDEX),
                           key=_START_ORDER.__getitem__):
            for concept in START_INDEX[form]:
                hits.append(ConceptHit(concept, first.start, first.start + len(form), form, "stem"))
        whole = low[word[0].start:word[-1].end]
        for concept in TERM_INDEX.get(whole, ()) if len(word) == 1 else ():
            hits.append(ConceptHit(concept, word[0].start, word[-1].end, whole, "term"))  # a word on its own ("면")
        for k in range(1, len(word)):
            # a cost named by its thing + 비, which the analyser splits ("수거비도" -> 수거 + 비도, "추가비랑" -> 추가 + 비랑):
            # what that thing costs, read as the same thing + 비용 / 요금 / 금 when the vocabulary knows that word
            # ("추가비" is 추가비용, a fee), else a cost
            m, prev = word[k], word[k - 1]
            rest = low[m.start + 1:word[-1].end].rstrip("?？!.~,")  # ("설치비는?": its mark is no part of the particle)
            form = low[prev.start:m.start + 1]
            if prev.pos == "NNG" and len(prev.surface) >= 2 and m.surface.startswith("비") and m.pos in ("NNG", "VV", "XSN", "XPN") \
                    and (not rest or _TRAILING_PARTICLE.fullmatch(rest) or rest in ("요", "용")) \
                    and form not in TERM_INDEX:  # a known word (배송비) keeps its own reading
                stem = form[:-1]
                named = next((TERM_INDEX[stem + x] for x in ("비용", "요금", "금") if stem + x in TERM_INDEX), ("cost",))
                for concept in named:
                    hits.append(ConceptHit(concept, prev.start, m.start + 1, form, "term"))
                for concept in TERM_INDEX.get(stem, ()) if named == ("cost",) else ():
                    # the thing costed is read too ("교환비" is exchange's cost: the exchange rule's fee)
                    hits.append(ConceptHit(concept, prev.start, m.start, stem, "compound"))
            elif prev.pos == "NNG" and len(prev.surface) >= 2 and m.surface.startswith("비") and form in TERM_INDEX \
                    and (not rest or _TRAILING_PARTICLE.fullmatch(rest)) \
                    and not set(TERM_INDEX[form]) & {"fee", "cost", "price", "free"}:
                # a known word for a thing's cost ("설치비" is the installation's word): what it costs, as well
                hits.append(ConceptHit("cost", prev.start, m.start + 1, form, "term"))
        tail = _TRAILING_PARTICLE.search(whole)
        cut = word[0].start + tail.start() if tail else -1
        if tail and len(whole) - len(tail.group(0)) >= 2 and any(
                m.start < cut < m.end and m.pos in ("NNG", "NNP", "VV", "VA", "XR") for m in word):
            # a noun and its particle the analyser joined into one content morpheme ("배송비랑" -> 배송 + 비랑, "배송비하고"
            # -> 배송 + 비하 + 고): the noun is a term
            stem = whole[:tail.start()]
            for concept in TERM_INDEX.get(stem, ()):
                hits.append(ConceptHit(concept, word[0].start, word[0].start + len(stem), stem, "term"))
        for m in word:
            offset = m.start
            for part in m.parts:  # a compound's parts ("함유량" -> 함유, 량)
                for concept in TERM_INDEX.get(part.lower(), ()):
                    hits.append(ConceptHit(concept, offset, offset + len(part), part, "term"))
                offset += len(part)
        for i in range(len(word)):
            if word[i].pos[:1] in ("E", "J") or word[i].pos == "VCP":
                continue  # a span never starts on an ending, particle or copula ("사면" is 사+면, "거면요" 거+이면: no
                # fibre 면)
            for j in range(i, min(len(word), i + 5)):
                a, b = word[i].start, word[j].end
                if b - a > _MAX_TERM:
                    break
                form = low[a:b].replace(" ", "")
                if j == i + 1 and word[i].pos == "VV" and word[j].pos == "EC" and word[j].lemma == "고" \
                        and TERM_INDEX.get(form) and not set(TERM_INDEX[form]) & {"exclude"} \
                        and STEM_INDEX.get(word[i].lemma.lower()) and _verb_follows(morphemes, word[j]):
                    continue  # "한번 입고 나갔다": a verb the lexicon knows (입다, worn) + -고 + another verb (wore and
                    # went out), not the noun 입고 (stock-in: "입고돼요", "입고 예정"); 말고/빼고 still exclude
                for concept in TERM_INDEX.get(form, ()):
                    hits.append(ConceptHit(concept, a, b, form, "term"))
        for k, m in enumerate(word):
            if m.pos in _STEM_TAGS or m.pos.startswith("V"):
                for concept in STEM_INDEX.get(m.lemma.lower(), ()):
                    hits.append(ConceptHit(concept, m.start, m.end, m.lemma, "stem"))
                tried = m.lemma.lower()[:-2] if m.pos == "VV" and m.lemma.endswith(("어보", "아보")) else ""
                if len(tried) >= 1 and not STEM_INDEX.get(m.lemma.lower()) and m.surface.startswith(tried):
                    # "뜯어봤는데" read as one verb 뜯어보 (뜯다 tried): the verb tried is the stem
                    for concept in STEM_INDEX.get(tried, ()):
                        hits.append(ConceptHit(concept, m.start, m.start + len(tried), tried, "stem"))
                light = next((x for x in _LIGHT_VERBS if m.lemma.endswith(x) and len(m.lemma) > len(x) + 1
                              and m.lemma[:-len(x)].lower() in TERM_INDEX and m.surface.startswith(m.lemma[:-len(x)])), None)
                if m.pos.startswith("V") and light is not None and not STEM_INDEX.get(m.lemma.lower()):
                    # "구멍나있어요" read as one verb 구멍나: the noun the lexicon knows and its light verb (나다, 하다,
                    # 되다, 생기다, 지다), read as the noun
                    noun = m.lemma[:-len(light)]
                    for concept in TERM_INDEX[noun.lower()]:
                        hits.append(ConceptHit(concept, m.start, m.start + len(noun), noun, "term"))
                after = word[k + 1] if k + 1 < len(word) else None
                if after is not None and "VX" in after.tags.split("+") and after.surface.startswith(("지", "져", "졌", "짐")):
                    # "깨지면" read as 깨 + 지면 (어 + 지 + 면 in one token), "깨졌어요" as 깨 + 졌어요: the verb with its
                    # -지다 is the stem
                    # (or the verb as written, its 어 fused on: "벗겨졌어요" is 벗기 + 어 in 벗겨, then 졌어요: 벗겨지)
                    for stem in dict.fromkeys((m.lemma.lower() + "지", m.surface.lower() + "지")):
                        for concept in STEM_INDEX.get(stem, ()):
                            hits.append(ConceptHit(concept, m.start, after.end, stem, "stem"))
                helper = _fused_auxiliary(m)
                if helper:
                    # "환불해줘요" read as one token 하 + 아 + 주 + 어요 (XSV+EC+VX+EC): the auxiliary written onto the
                    # verb (주다, 드리다: done for someone, a request) is a stem of its own
                    for concept in STEM_INDEX.get(helper, ()):
                        hits.append(ConceptHit(concept, m.start, m.end, helper, "stem"))
                fused = _fused_jida(m)
                if fused and fused != m.lemma.lower():
                    # "갈라졌어요" read as one token 가르 + 아 + 지 + 었 (VV+EC+VX+EP): the verb with its -지다 as
                    # written ("갈라지") is the stem, which the first verb's lemma (가르) is not
                    for concept in STEM_INDEX.get(fused, ()):
                        hits.append(ConceptHit(concept, m.start, m.end, fused, "stem"))
            if m.pos in ("XSV", "XSA") and k > 0 and word[k - 1].pos.startswith("NN"):
                # a verb made from a noun ("적립됩니다" = 적립 + 되): the pair is the stem
                pair = word[k - 1].surface.lower() + m.lemma.lower()
                for concept in STEM_INDEX.get(pair, ()):
                    hits.append(ConceptHit(concept, word[k - 1].start, m.end, pair, "stem"))
    for first, second in zip(words, words[1:]):
        # a compound term written with a space ("세일 상품" for 세일상품, "할인 상품"): two words of nouns
        if not all(m.pos.startswith("NN") for m in first):
            continue
        head = low[first[0].start:first[-1].end]
        for j in range(min(len(second), 3)):
            if not second[j].pos.startswith("NN"):
                break
            form = head + low[second[0].start:second[j].end]
            for concept in TERM_INDEX.get(form, ()):  # added to the words' own readings, never replacing them
                hits.append(ConceptHit(concept, first[0].start, second[j].end, form, "compound"))
    for k, m in enumerate(morphemes):
        prev = morphemes[k - 1] if k else None
        if prev is not None and prev.end == m.start and prev.pos in ("NNP", "NNG") and (
                m.pos == "XSN" and m.surface == "산" or m.pos == "NNG" and m.lemma in ("생산", "제조", "제작")
                and (prev.pos == "NNP" or prev.lemma in ("국내", "해외"))
                or m.pos == "NNG" and m.surface == "산" and (prev.semantic == "지명" or prev.lemma in ("국내", "해외"))):
            # ("노르웨이산", "국내산": 산 read as a noun glued to a place, the goods' origin, never a mountain there)
            # "중국산", "국내산 한우", "국내생산 니트": a place + 산 (made in) or + 생산/제조, where the goods come from
            hits.append(ConceptHit("origin", prev.start, m.end, prev.surface + m.surface, "term"))
        if prev is not None and prev.pos in ("NP", "MM", "IC") and prev.lemma in ("뭐", "무엇", "무슨", "뭘") \
                and m.lemma in ("주문", "시키", "사") and m.pos in ("NNG", "VV") \
                and re.match(r"\S{0,2}?(?:었|았|였|했|켰|샀)", low[m.start:m.end + 3]):
            # "뭐 주문했었죠?", "뭐 시켰더라": what was ordered, asked with the words apart (the glued "뭐주문" is a term of
            # its own; "뭐 주문하면 좋아요?" asks what to order, no order placed)
            hits.append(ConceptHit("items", prev.start, m.end, low[prev.start:m.end], "term"))
        if m.pos in ("NNP", "NNG") and re.fullmatch(r"페이(?!지)[가-힣]{1,2}|[가-힣]{1,4}페이", m.surface):
            # "페이팔 되나요", "페이코로 결제": a brand built on 페이 (pay) is a way to pay, however the analyser cuts it
            hits.append(ConceptHit("payment", m.start, m.end, m.surface, "term"))
        if prev is not None and prev.end == m.start and prev.pos == "NP" and prev.lemma == "어디" and m.surface == "산":
            # "어디산이에요?": the same asked (where + 산)
            hits.append(ConceptHit("origin", prev.start, m.end, prev.surface + m.surface, "term"))
        # "교환할 수 있습니다" / "반품할 수 없습니다": the bound noun 수 + 있/없 says whether it can be done
        if m.lemma == "수" and m.pos == "NNB":
            nxt = next((n for n in morphemes[k + 1:k + 3] if not n.pos.startswith("J")), None)
            if nxt is not None and nxt.lemma in ("있", "없"):
                hits.append(ConceptHit("possible" if nxt.lemma == "있" else "impossible", m.start, nxt.end, "수" + nxt.lemma,
                                       "stem"))
    for mm in _WHERE_FROM.finditer(low):
        # "where's the mackerel from", "where are the boots made": where a thing comes from, with its name between
        hits.append(ConceptHit("origin", mm.start(), mm.end(), "where from", "term"))
    for pattern, names, form in _SPACED_TERMS:
        for mm in pattern.finditer(low):
            for concept in names:
                hits.append(ConceptHit(concept, mm.start(), mm.end(), form, "term"))
    for mm in _INITIALS_RUN.finditer(low):
        for concept in INITIALS_INDEX.get(initials(mm.group(0)), ()):
            hits.append(ConceptHit(concept, mm.start(), mm.end(), mm.group(0), "term"))
    english = [(mm.group(0), mm.start(), mm.end()) for mm in _ENGLISH_WORD.finditer(low)]
    for i in range(len(english)):
        for n in range(min(_MAX_ENGLISH_WORDS, len(english) - i), 0, -1):
            chunk = english[i:i + n]
            phrase = " ".join(w for w, _, _ in chunk)
            # the last word folded too ("gift wrapped" is "gift wrap", "back in stock" stays as written)
            keys = [phrase, f"{phrase.rsplit(' ', 1)[0]} {_english_base(chunk[-1][0])}"] if n > 1 else [phrase, _english_base(phrase)]
            if n == 1 and not any(k in ENGLISH_INDEX for k in keys) and (plain := _compared_base(phrase)):
                keys.append(plain)  # "warmer", "thickest", "heavier": a quality compared is the quality
            for key in keys:
                for concept in ENGLISH_INDEX.get(key, ()):
                    if n == 1 and _suffix_adjective(english, i):
                        continue  # "cruelty free", "alcohol-free": without the thing named, not free of charge
                    if n == 1 and i > 0 and english[i - 1][0] in _BEFORE_A_VERB and concept in _VERB_READINGS.get(key, {}) \
                            and (i + 1 == len(english) or english[i + 1][0] in _AFTER_A_VERB
                                 and not {w for w, _, _ in english[i + 1:i + 3]} & _NOT_AFTER.get(key, frozenset())):
                        concept = _VERB_READINGS[key][concept]  # "how should I store it": to keep, not the shop
                    hits.append(ConceptHit(concept, chunk[0][1], chunk[-1][2], key, "english"))
    for m in morphemes:
        if m.surface == "주기" and m.pos == "NNG":
            # "교체주기", "세척 주기": the noun "cycle" (the analyser tells it from 주 + 기 of "보내주기"), an interval the
            # product's own texts state (a property of it, not a delivery time)
            hits += [ConceptHit(c, m.start, m.end, "주기", "term") for c in ("property", "duration")]
    for mm in HOW_OFTEN.finditer(low):
        # "몇 달에 한 번", "몇 주마다", "how often": how often something is done, a length of time between (a
        # replacement interval, not an exchange or a count)
        hits.append(ConceptHit("duration", mm.start(), mm.end(), mm.group(0), "term"))
    for mm in _TIME_COUNTED.finditer(low):
        # "몇 시간", "몇 달까지": how many hours or months (a length of time), which the analyser may split as 몇 + 시 +
        # 간…: never "몇 시" (what time)
        hits = [h for h in hits if not (h.form.replace(" ", "") == "몇시" and mm.start() <= h.start < mm.end())]
        hits.append(ConceptHit("duration", mm.start(), mm.end(), mm.group(0), "term"))
    # "가치가 떨어진", "가격이 떨어지면": a quantity that falls (value, price, quality), nothing coming off the goods
    hits = [h for h in hits if not (h.concept == "break" and h.form in ("떨어지", "빠지") and _FALLING_QUANTITY.search(low[:h.start]))]
    # "알림 받을 수 있나요", "답변 받고 싶어요", "문자로 받아요": a message received, no parcel arriving; "예약주문 받나요":
    # orders taken by the shop
    hits = [h for h in hits if not (h.concept == "arrival" and h.form == "받" and _MESSAGE_RECEIVED.search(low[:h.start]))]
    # "허리 32면", "3만원이면": 면 written onto a number is the conditional ending (이면), not cotton
    hits = [h for h in hits if not (h.form == "면" and h.start > 0 and low[h.start - 1].isdigit())]
    # "get it fixed", "got my order cancelled", "got charged twice": get before a past participle has something done
    # (the participle says what), neither a purchase nor a parcel received
    causative = {mm.start() for mm in _CAUSATIVE_GET.finditer(low)}
    hits = [h for h in hits if not (h.via == "english" and h.concept in ("arrival", "buy") and h.start in causative)]
    # A shorter reading inside a longer term belongs to that term: 입 of "입고" (stock-in) is not "wear",
    # 신 of "신청" (apply) is not "put on shoes", 택 of "택배" is not a tag, 전화 of "전화번호" is not a call.
    terms = [(h.start, h.end, h.concept) for h in hits if h.via == "term"]
    hits = [h for h in hits if h.via in ("english", "compound") or not any(
        a <= h.start and h.end <= b and (b - a) > (h.end - h.start) and c != h.concept for a, b, c in terms)]
    seen: set[tuple[str, int, int]] = set()
    out: list[ConceptHit] = []
    for h in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if (h.concept, h.start, h.end) not in seen:
            seen.add((h.concept, h.start, h.end))
            out.append(h)
    return out


# An English word that is a noun or a verb by its place: after a pronoun, a modal or "to" it is the verb, with the
# verb's concept ("a store" is the shop; "should I store it" is keeping it).
_BEFORE_A_VERB = frozenset({"to", "i", "we", "you", "they", "should", "can", "could", "do", "does", "please", "must", "it",
                            "will", "would"})
# ("can it charge a laptop": to charge as power, a thing the product does, not a fee; but "do you charge for
# shipping" is the fee)
_NOT_AFTER: dict[str, frozenset[str]] = {"charge": frozenset({"for", "me", "us", "extra", "fee", "fees"})}
_VERB_READINGS: dict[str, dict[str, str]] = {"store": {"store": "storage"}, "charge": {"fee": "property"}}
# what follows a verb and not a noun modifier ("store it", "store the oil", "store after opening"; not "store credit")
_AFTER_A_VERB = frozenset({"it", "them", "the", "this", "that", "these", "those", "my", "your", "a", "an", "after", "in", "at",
                           "once", "when", "for", "properly", "fast", "quickly", "both", "two"})


# An English word that after a noun makes an adjective of it: "cruelty free", "sugar-free", "fragrance free" say what a
# product is without. After a verb, a pronoun or a preposition (the words here), or after a word of shop vocabulary
# (a service: "is installation free?", "shipping free?", "returns free?"), it keeps its own sense.
_SUFFIX_ADJECTIVES = frozenset({"free"})
_BEFORE_A_SUFFIX_WORD = frozenset({"is", "are", "be", "was", "were", "it", "its", "it's", "that", "this", "them", "for", "get",
                                   "got", "ship", "deliver", "delivered", "shipped", "totally", "completely", "entirely", "also",
                                   "and", "or", "not", "still", "always", "all", "a", "the", "any", "there", "s", "become",
                                   "becomes"})


_MESSAGE_RECEIVED = re.compile(r"(알림|알림톡|문자|연락|답변|답장|메일|이메일|카톡|메시지|안내|전화|주문|예약|신청)\s*(을|를|으로|로|도|만)?\s*$")
_FALLING_QUANTITY = re.compile(r"(가치|가격|값|품질|성능|온도|기온|효과|신선도|선도|속도|확률|점수|인기|지지율)\s*(이|가|도)?\s*$")
_CAUSATIVE_GET = re.compile(r"\b(?:get|gets|got|getting)\s+(?:(?:it|them|this|that|one|mine)\s+|(?:my|the|this|that|a|an)\s+[a-z]+\s+)?"
                            r"(?!delivered\b|shipped\b|sent\b)(?:[a-z]{2,}ed|done|made)\b")
HOW_OFTEN = re.compile(r"몇\s*(달|개월|주|일|년|시간)\s*(에\s*한\s*번|에\s*1\s*번|마다)|\bhow\s+often\b")
_TIME_COUNTED = re.compile(r"몇\s*(?:시간|달|개월|주일?|년)(?!\s*(?:에\s*한|마다|차|전|째))")
_TRAILING_PARTICLE = re.compile(r"(이랑|랑|하고|에서|까지|부터|으로|이나|은|는|도|을|를|만|로|와|과)$")


def terms_as_nouns(text: str, morphemes: Sequence[Morpheme]) -> tuple[Morpheme, ...]:
    """A word that is a term of the vocabulary plus endings, which the analyser read as a verb whose ending runs over the
    term's last syllable ("골드면요" -> 골/VV + 드면/EC): the term as one noun, the rest of that ending kept."""
    out = list(morphemes)
    low = text.lower()
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and out[j + 1].start == out[j].end:
            j += 1
        word = out[i:j + 1]
        # (되+나요 stays a verb; so does the copula: "아니고요" is 아니다's, the negation of what comes before)
        if word[0].pos[:1] == "V" and word[0].pos not in ("VCN", "VCP") and len(word) > 1 \
                and word[0].lemma.lower() not in STEM_INDEX:
            for n in range(min(_MAX_TERM, word[-1].end - word[0].start), 1, -1):
                cut = word[0].start + n
                inside = next((k for k, m in enumerate(word) if m.start < cut < m.end), None)
                if inside is None or low[word[0].start:cut] not in TERM_INDEX:
                    continue
                if word[inside].pos[:1] not in ("E", "J") or any(m.pos[:1] not in ("E", "J", "S") and m.pos != "VCP"
                                                                   for m in word[inside + 1:]):
                    continue
                rest = word[inside]
                noun = Morpheme(surface=text[word[0].start:cut], lemma=low[word[0].start:cut], pos="NNG",
                                start=word[0].start, end=cut)
                tail = Morpheme(surface=text[cut:rest.end], lemma=text[cut:rest.end], pos=rest.pos, start=cut, end=rest.end,
                                tags=rest.tags)
                out[i:j + 1] = [noun, tail, *word[inside + 1:]]
                j = i + 1 + len(word) - inside - 1
                break
        i = j + 1
    return tuple(out)


def _suffix_adjective(english: Sequence[tuple[str, int, int]], i: int) -> bool:
    """The i-th English word makes an adjective of the noun right before it ("cruelty free")."""
    if english[i][0] not in _SUFFIX_ADJECTIVES or i == 0 or english[i - 1][2] < english[i][1] - 1:
        return False
    before = english[i - 1][0]
    return before not in _BEFORE_A_SUFFIX_WORD and before not in ENGLISH_INDEX and _english_base(before) not in ENGLISH_INDEX


def without_suffix_adjectives(text: str) -> str:
    """English text with each "X free" reduced to "X", for readers of single words (the English glossary)."""
    low = (text or "").lower()
    english = [(mm.group(0), mm.start(), mm.end()) for mm in _ENGLISH_WORD.finditer(low)]
    for i in reversed(range(len(english))):
        if _suffix_adjective(english, i):
            low = low[:english[i][1]] + low[english[i][2]:]
    return low


def _verb_follows(morphemes: Sequence[Morpheme], m: Morpheme) -> bool:
    """The morpheme after `m` is a verb other than 되, or a noun made a verb by 하다 (a second action: "입고 나갔다",
    "입고 외출했어요", not "입고돼요"), and not a verb made a noun ("입고 알림": 알리 + ㅁ is the noun 알림)."""
    following = [n for n in morphemes if n.start >= m.end]
    after = following[0] if following else None
    nominal = after is not None and ("ETN" in after.tags.split("+")
                                     or len(following) > 1 and following[1].start == after.end and following[1].pos == "ETN")
    # (a noun made a verb by 하다 is a second action too: "입고 외출했어요"; not by 되다: "입고 완료됐어요")
    light = after is not None and after.pos == "NNG" and len(following) > 1 and following[1].start == after.end \
        and following[1].pos == "XSV" and following[1].lemma != "되"
    return after is not None and (after.pos.startswith("V") and after.lemma != "되" or light) and not nominal


def concept_tokens(text: str, morphemes: Sequence[Morpheme]) -> list[str]:
    """`@concept` tokens for retrieval: one per distinct concept spotted."""
    return sorted({f"@{h.concept}" for h in spot(text, morphemes)})


# 얼마나 + a verb of lasting or taking ("얼마나 써요", "얼마나 걸려요"): a duration question, not a price.
_HOW_LONG_VERBS = "걸|오래|써|쓰|쓸|먹|가|갈|보관|유지|지속|버티|사용|신|입|자주|두|둘|둬|놔|놓"  # 쓸/갈/둘: the stem before -ㄹ
# "얼마마다", "얼마에 한 번": how often, a period too
HOW_LONG = r"얼마\s*나\s*(" + _HOW_LONG_VERBS + r")|얼마\s*마다|얼마에\s*한\s*번"
_WH: dict[str, re.Pattern[str]] = {
    "how_many": re.compile(r"몇\s*(개|장|벌|켤레|명|박스|세트|팩|알|과|매|봉|병|통|인분|조각|대|권)|\bhow\s+many\b"),
    # "얼마나 써요/걸려요" asks how long and "얼마나 남았어요" how much is left, not a price ("얼마나 해요?" still does)
    "how_much": re.compile(r"얼마(?!\s*나\s*(" + _HOW_LONG_VERBS + r"|남)|\s*마다|에\s*한\s*번)|몇\s*원|가격이?\s*(어떻게|뭐)|\bhow\s+much\b|\bprice\b\??\s*$|\bcost\b"),
    "when": re.compile(HOW_LONG + r"|언제|며칠|몇\s*일|몇\s*시|몇\s*주|몇\s*달|무슨\s*요일|\bwhen\b|what\s+time|what\s+day|how\s+long|how\s+soon|"
                       r"how\s+many\s+days"),
    "which": re.compile(r"어떤|무슨|어느|뭐\s*(가|있|뭐|로)|뭘로|\bwhich\b|\bwhat\s+(colou?rs?|sizes?|kind|options?|models?)\b"),
    "where": re.compile(r"어디|\bwhere\b"),
    "how": re.compile(r"어떻게|어케|방법|절차|어때|어떤가요|어떰|\bhow\s+(do|can|to|should)\b"),
    # who does it ("배송비는 누가 내요?", "누구 부담이에요?", "who pays the return shipping?")
    "who": re.compile(r"누가|누구|\bwho\b"),
}
WH_ORDER = ("how_many", "how_much", "when", "which", "where", "how", "who")


def question_kind(text: str) -> str | None:
    """The wh-type of a question (how_many, how_much, when, which, where, how) or None: shared by the turn
    analysis and the retrieval index (an FAQ entry's own question type)."""
    low = unicodedata.normalize("NFKC", text or "").lower()
    for kind in WH_ORDER:
        if _WH[kind].search(low):
            return kind
    return None
