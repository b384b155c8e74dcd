"""The bundled 조군샵 data: catalogue, delivery/returns policies, FAQ and sample orders.

Hand-written realistic data, turned into `data/ontology.owl` by
`python -m devstack.ontology_writer bundled data/ontology.owl`. Deterministic: stock counts come
from a CRC of the SKU, not from `random`, so regenerating gives a byte-identical file.
Numbers here are the single source for data/delivery_policy.txt, which a test checks against
the written ontology.
"""

from __future__ import annotations

import zlib
from datetime import date, datetime, time, timedelta

from core.knowledge.owl_writer import (
    CustomerData,
    DeliveryData,
    FAQData,
    OrderData,
    OrderLineData,
    PolicyData,
    ProductData,
    RegionData,
    ShopData,
    VariantData,
)

DATA_AS_OF = "2026-11-22"

# ----------------------------------------------------------------------------- delivery facts
CARRIER = "CJ대한통운"
BASE_FEE = 3000
FREE_THRESHOLD = 50000
JEJU_SURCHARGE = 3000
REMOTE_SURCHARGE = 5000
CUTOFF = "14:00"
HANDLING_DAYS = (0, 1)
TRANSIT_DAYS = (1, 3)
JEJU_RANGES = [("63000", "63644")]
REMOTE_RANGES = [
    ("22386", "22388"),  # 인천 중구 섬지역
    ("23004", "23010"),  # 인천 강화군 섬지역
    ("23100", "23116"),  # 인천 옹진군
    ("23124", "23136"),  # 인천 옹진군
    ("32133", "32133"),  # 충남 태안 섬지역
    ("33411", "33411"),  # 충남 보령 섬지역
    ("40200", "40240"),  # 경북 울릉군
    ("46768", "46771"),  # 부산 강서구 섬지역
    ("52570", "52571"),  # 경남 사천 섬지역
    ("53031", "53033"),  # 경남 통영 섬지역
    ("53089", "53104"),  # 경남 통영 섬지역
    ("56347", "56349"),  # 전북 부안 섬지역
    ("58800", "58866"),  # 전남 신안군
    ("58953", "58958"),  # 전남 진도 섬지역
    ("59137", "59166"),  # 전남 완도 섬지역
    ("59781", "59790"),  # 전남 여수 섬지역
]
JEJU_KEYWORDS = ["제주", "서귀포"]
REMOTE_KEYWORDS = ["울릉", "옹진", "백령", "연평", "덕적", "신안", "흑산", "욕지", "거문도"]
HOLIDAYS = [
    ("2026-12-25", "크리스마스"),
    ("2027-01-01", "신정"),
    ("2027-02-06", "설날 연휴"),
    ("2027-02-07", "설날"),
    ("2027-02-08", "설날 연휴"),
    ("2027-02-09", "대체공휴일(설날)"),
    ("2027-03-01", "삼일절"),
]
RETURN_DAYS = 7
RETURN_FEE_ONE_WAY = 3000
RETURN_FEE_ROUND_TRIP = 6000

SHOP_PHONE = "070-8890-1234"
SHOP_EMAIL = "help@jogunshop.example"

# ----------------------------------------------------------------------------- catalogue helpers
COLOR_CODES = {
    "블랙": "BLK", "화이트": "WHT", "네이비": "NVY", "그레이": "GRY", "베이지": "BEI", "차콜": "CHC",
    "아이보리": "IVO", "카키": "KHA", "브라운": "BRN", "스카이블루": "SKY", "연청": "LBL", "중청": "MBL",
    "흑청": "DBL", "올리브": "OLV", "버건디": "BUR", "크림": "CRM", "멜란지그레이": "MGR", "카멜": "CML",
    "다크브라운": "DBR", "블루": "BLU", "그린": "GRN", "라이트그레이": "LGR", "생지": "RAW", "오트밀": "OAT",
}
TOP_SIZES = ["S", "M", "L", "XL"]
TOP_SIZES_XXL = ["M", "L", "XL", "XXL"]
PANTS_SIZES = ["28", "30", "32", "34", "36"]
SHOE_SIZES = ["250", "255", "260", "265", "270", "275", "280", "285", "290"]
FREE = ["FREE"]

MODEL = "모델 181cm 70kg"

# Base measurements at the second size (M / 30) and the step per size, by garment kind.
_TOP_BASE = {
    "shirt": ({"totalLengthCm": 74, "chestWidthCm": 55, "shoulderWidthCm": 46, "sleeveLengthCm": 62},
              {"totalLengthCm": 2, "chestWidthCm": 2.5, "shoulderWidthCm": 1.5, "sleeveLengthCm": 1}),
    "knit": ({"totalLengthCm": 67, "chestWidthCm": 54, "shoulderWidthCm": 47, "sleeveLengthCm": 61},
             {"totalLengthCm": 2, "chestWidthCm": 2.5, "shoulderWidthCm": 1.5, "sleeveLengthCm": 1}),
    "tee": ({"totalLengthCm": 70, "chestWidthCm": 53, "shoulderWidthCm": 46, "sleeveLengthCm": 21},
            {"totalLengthCm": 2, "chestWidthCm": 2.5, "shoulderWidthCm": 1.5, "sleeveLengthCm": 1}),
    "longtee": ({"totalLengthCm": 70, "chestWidthCm": 53, "shoulderWidthCm": 46, "sleeveLengthCm": 62},
                {"totalLengthCm": 2, "chestWidthCm": 2.5, "shoulderWidthCm": 1.5, "sleeveLengthCm": 1}),
    "sweat": ({"totalLengthCm": 68, "chestWidthCm": 58, "shoulderWidthCm": 50, "sleeveLengthCm": 60},
              {"totalLengthCm": 2, "chestWidthCm": 2.5, "shoulderWidthCm": 1.5, "sleeveLengthCm": 1}),
    "jacket": ({"totalLengthCm": 70, "chestWidthCm": 58, "shoulderWidthCm": 48, "sleeveLengthCm": 63,
                "armholeCm": 26}, {"totalLengthCm": 2, "chestWidthCm": 2.5, "shoulderWidthCm": 1.5,
                                   "sleeveLengthCm": 1, "armholeCm": 1}),
    "coat": ({"totalLengthCm": 108, "chestWidthCm": 60, "shoulderWidthCm": 49, "sleeveLengthCm": 64,
              "armholeCm": 27}, {"totalLengthCm": 2, "chestWidthCm": 2.5, "shoulderWidthCm": 1.5,
                                 "sleeveLengthCm": 1, "armholeCm": 1}),
    "vest": ({"totalLengthCm": 66, "chestWidthCm": 56, "shoulderWidthCm": 40},
             {"totalLengthCm": 2, "chestWidthCm": 2.5, "shoulderWidthCm": 1.5}),
}
_PANTS_BASE = ({"waistWidthCm": 38, "hipWidthCm": 51, "thighWidthCm": 31, "riseCm": 29, "hemWidthCm": 19,
                "totalLengthCm": 102},
               {"waistWidthCm": 2.5, "hipWidthCm": 2.5, "thighWidthCm": 1.5, "riseCm": 0.5, "hemWidthCm": 0.5,
                "totalLengthCm": 0.5})
_FIT_ADJUST = {
    "오버핏": {"chestWidthCm": 5, "shoulderWidthCm": 6, "totalLengthCm": 2, "sleeveLengthCm": -2},
    "세미오버핏": {"chestWidthCm": 2.5, "shoulderWidthCm": 3},
    "슬림핏": {"chestWidthCm": -2, "shoulderWidthCm": -1, "thighWidthCm": -2, "hemWidthCm": -2},
    "와이드핏": {"thighWidthCm": 4, "hemWidthCm": 5, "hipWidthCm": 2},
    "세미와이드핏": {"thighWidthCm": 2, "hemWidthCm": 2.5},
    "테이퍼드핏": {"thighWidthCm": 1, "hemWidthCm": -2},
}


def care_for(material: str) -> str:
    """Care instructions that follow from the main fibre (used by synthetic catalogues too)."""
    m = material
    if "가죽" in m or "스웨이드" in m:
        return "물에 닿지 않게 보관하고 가죽 전용 클리너로 관리해 주세요. 직사광선과 고온을 피해 주세요."
    if "다운" in m or "충전재" in m:
        return "전문 세탁 또는 다운 전용 세제로 30도 이하 단독 세탁, 탈수 약하게, 건조 후 가볍게 두드려 복원해 주세요."
    if "캐시미어" in m or "울" in m:
        return "드라이클리닝 권장. 옷걸이보다 접어서 보관하고, 보풀은 보풀제거기로 정리해 주세요."
    if "린넨" in m:
        return "찬물에 단독 손세탁, 비틀어 짜지 말고 그늘에 건조해 주세요. 구김은 중온 스팀 다림질."
    if "폴리우레탄" in m and "면" in m:
        return "뒤집어서 찬물 단독 세탁, 첫 세탁 시 이염에 주의하고 건조기 사용은 피해 주세요."
    if "나일론" in m or "폴리에스터" in m:
        return "30도 이하 세탁망 사용 세탁, 표백제와 건조기 사용을 피해 주세요."
    return "30도 이하 세탁망 사용 세탁, 건조기 사용 시 수축될 수 있어 자연 건조를 권장합니다."


def _stock(sku: str) -> int:
    """Deterministic stock: ~8% sold out, ~10% with 1-3 left, the rest 4-45."""
    h = zlib.crc32(sku.encode())
    roll = h % 100
    if roll < 8:
        return 0
    if roll < 18:
        return 1 + (h >> 8) % 3
    return 4 + (h >> 8) % 42


_RESTOCK_DATES = ["2026-11-27", "2026-12-01", "2026-12-04", "2026-12-09", "2026-12-11", "2026-12-16"]


def _chart(kind: str, sizes: list[str], fit: str, extra: dict[str, float] | None) -> dict[str, dict[str, float]]:
    if kind in _TOP_BASE:
        base, step = _TOP_BASE[kind]
        origin = 1 if sizes[0] == "S" else 0  # index of M
    elif kind == "pants":
        base, step = _PANTS_BASE
        origin = 1  # 30
    else:
        return {s: dict(extra or {}) for s in sizes} if kind != "shoes" else {
            s: {"footLengthMm": float(s), **(extra or {})} for s in sizes}
    adjust = _FIT_ADJUST.get(fit, {})
    chart: dict[str, dict[str, float]] = {}
    for i, size in enumerate(sizes):
        row = {}
        for key, value in base.items():
            v = value + adjust.get(key, 0) + (extra or {}).get(key, 0) + (i - origin) * step[key]
            row[key] = round(v * 2) / 2  # half-centimetre precision, as shops measure
        chart[size] = row
    return chart


def _product(pid: str, name: str, aliases: list[str], category: str, kind: str, material: str, fit: str,
             origin: str, seasons: str, price: int, colors: list[str], sizes: list[str], description: str,
             note: str = "", sale: tuple[int, str] | None = None, extra: dict[str, float] | None = None,
             stock: dict[str, int] | None = None) -> ProductData:
    sale_price = (price * (100 - sale[0]) // 100) // 100 * 100 if sale else price
    variants: list[VariantData] = []
    for colour in colors:
        for size in sizes:
            sku = f"{pid}-{COLOR_CODES[colour]}-{size}"
            qty = (stock or {}).get(sku, _stock(sku))
            restock = None
            if qty == 0 and zlib.crc32(sku.encode()) % 3 != 0:
                restock = _RESTOCK_DATES[zlib.crc32(sku.encode()) % len(_RESTOCK_DATES)]
            variants.append(VariantData(sku=sku, size=size, color=colour, stock=qty, price=sale_price,
                                        list_price=price if sale else None, sale_until=sale[1] if sale else None,
                                        restock_date=restock))
    if not note and kind in _TOP_BASE:
        note = f"{MODEL}, {'XL' if fit == '슬림핏' else 'L'} 착용"
    elif not note and kind == "pants":
        note = f"{MODEL}, 30 착용"
    return ProductData(id=pid, name=name, category=category, material=material, fit=fit, origin=origin,
                       care=care_for(material), aliases=aliases, description=description,
                       seasons=seasons.split(), fitting_note=note, size_chart=_chart(kind, sizes, fit, extra),
                       variants=variants)


def catalogue() -> list[ProductData]:
    """The 72 product groups of the bundled shop (12 categories incl. confusable families)."""
    P = _product
    return [
        # ---------------------------------------------------------------- 셔츠
        P("P001", "옥스포드 셔츠", ["옥스포드셔츠", "옥스퍼드 셔츠", "옥스퍼드셔츠", "oxford shirt", "옥스포드 남방"],
          "셔츠", "shirt", "면 100%", "레귤러핏", "대한민국", "봄 가을", 39000, ["화이트", "스카이블루", "네이비"],
          TOP_SIZES_XXL, "도톰한 옥스포드 원단으로 사계절 활용도가 높은 기본 셔츠입니다.", sale=(20, "2026-12-07"),
          stock={"P001-WHT-L": 2, "P001-NVY-L": 0}),
        P("P002", "옥스포드 버튼다운 셔츠", ["옥스포드 버튼다운", "버튼다운 셔츠", "버튼다운셔츠", "옥스포드 BD 셔츠", "OCBD",
                                      "button down shirt"],
          "셔츠", "shirt", "면 100%", "세미오버핏", "대한민국", "봄 가을", 42000, ["화이트", "스카이블루", "베이지"],
          TOP_SIZES_XXL, "카라 끝을 단추로 고정하는 버튼다운 디테일의 옥스포드 셔츠입니다."),
        P("P003", "린넨 셔츠", ["린넨셔츠", "리넨 셔츠", "리넨셔츠", "linen shirt", "마 셔츠"],
          "셔츠", "shirt", "린넨 100%", "레귤러핏", "중국", "봄 여름", 45000, ["화이트", "베이지", "스카이블루", "카키"],
          TOP_SIZES, "통기성이 좋은 린넨 100% 셔츠로 여름에 시원하게 입기 좋습니다.", sale=(30, "2026-11-30")),
        P("P004", "스트라이프 셔츠", ["스트라이프셔츠", "줄무늬 셔츠", "striped shirt", "스트라이프 남방"],
          "셔츠", "shirt", "면 100%", "레귤러핏", "대한민국", "봄 가을", 39000, ["블루", "네이비"],
          TOP_SIZES_XXL, "잔잔한 세로 스트라이프로 출근룩과 캐주얼 모두 어울리는 셔츠입니다."),
        P("P005", "데님 셔츠", ["데님셔츠", "청남방", "청 셔츠", "denim shirt"],
          "셔츠", "shirt", "면 100%", "레귤러핏", "중국", "봄 가을", 49000, ["연청", "중청"],
          TOP_SIZES, "워싱감이 자연스러운 데님 셔츠로 아우터처럼 걸쳐 입기 좋습니다."),
        P("P006", "오버핏 코튼 셔츠", ["오버핏 셔츠", "오버셔츠", "코튼 셔츠", "overfit shirt"],
          "셔츠", "shirt", "면 100%", "오버핏", "대한민국", "봄 여름 가을", 35000, ["화이트", "블랙", "베이지"],
          TOP_SIZES, "어깨선이 떨어지는 여유 있는 실루엣의 코튼 셔츠입니다.", sale=(10, "2026-12-15")),
        P("P007", "체크 플란넬 셔츠", ["체크셔츠", "체크 남방", "플란넬 셔츠", "플란넬셔츠", "flannel shirt"],
          "셔츠", "shirt", "면 100%", "세미오버핏", "베트남", "가을 겨울", 45000, ["그린", "버건디", "네이비"],
          TOP_SIZES, "기모감이 있는 플란넬 원단의 체크 셔츠로 가을·겨울 레이어드에 좋습니다."),
        P("P008", "차이나카라 셔츠", ["밴드카라 셔츠", "차이나 카라 셔츠", "헨리카라 셔츠", "band collar shirt"],
          "셔츠", "shirt", "면 60%, 린넨 40%", "레귤러핏", "대한민국", "봄 여름", 42000, ["화이트", "블랙", "네이비"],
          TOP_SIZES, "카라 없이 깔끔한 밴드 카라 디자인의 셔츠입니다."),
        # ---------------------------------------------------------------- 니트
        P("P009", "크루넥 니트", ["크루넥니트", "라운드 니트", "라운드넥 니트", "크루넥 스웨터", "crew neck knit", "crewneck sweater"],
          "니트", "knit", "울 30%, 아크릴 70%", "레귤러핏", "중국", "가을 겨울", 49000,
          ["블랙", "차콜", "오트밀", "네이비"], TOP_SIZES, "부드러운 울 혼방 원사로 짠 기본 라운드 니트입니다.",
          sale=(20, "2026-12-25")),
        P("P010", "브이넥 니트", ["브이넥니트", "V넥 니트", "v넥니트", "브이넥 스웨터", "v-neck sweater"],
          "니트", "knit", "울 30%, 아크릴 70%", "레귤러핏", "중국", "가을 겨울", 49000, ["블랙", "차콜", "베이지"],
          TOP_SIZES, "셔츠와 레이어드하기 좋은 브이넥 니트입니다."),
        P("P011", "램스울 크루넥 니트", ["램스울 니트", "램스울니트", "램울 니트", "lambswool sweater"],
          "니트", "knit", "램스울 100%", "레귤러핏", "중국", "가을 겨울", 69000, ["네이비", "그레이", "버건디"],
          TOP_SIZES, "보온성이 뛰어난 램스울 100% 크루넥 니트입니다."),
        P("P012", "케이블 니트", ["꽈배기 니트", "꽈배기니트", "케이블니트", "cable knit", "피셔맨 니트"],
          "니트", "knit", "울 50%, 나일론 50%", "세미오버핏", "중국", "겨울", 69000, ["아이보리", "네이비", "카키"],
          TOP_SIZES, "입체적인 꽈배기 조직이 돋보이는 도톰한 케이블 니트입니다.", sale=(25, "2026-12-07")),
        P("P013", "터틀넥 니트", ["폴라티", "목폴라", "폴라 니트", "터틀넥", "turtleneck"],
          "니트", "knit", "울 20%, 아크릴 80%", "슬림핏", "중국", "가을 겨울", 45000, ["블랙", "아이보리", "차콜", "브라운"],
          TOP_SIZES, "코트 안에 받쳐 입기 좋은 슬림한 터틀넥 니트입니다."),
        P("P014", "라운드 가디건", ["가디건", "카디건", "크루넥 가디건", "라운드가디건", "cardigan"],
          "니트", "knit", "울 30%, 아크릴 70%", "레귤러핏", "중국", "봄 가을", 59000, ["블랙", "네이비", "오트밀"],
          TOP_SIZES, "단추를 채워 니트처럼, 열어서 아우터처럼 입는 라운드 가디건입니다."),
        P("P015", "브이넥 가디건", ["브이넥가디건", "V넥 가디건", "v-neck cardigan"],
          "니트", "knit", "면 50%, 아크릴 50%", "레귤러핏", "중국", "봄 가을", 59000, ["그레이", "베이지", "블랙"],
          TOP_SIZES, "셔츠 위에 걸치기 좋은 클래식한 브이넥 가디건입니다.", sale=(15, "2026-12-15")),
        P("P016", "하프집업 니트", ["반집업 니트", "하프 집업 니트", "반집업니트", "half zip knit"],
          "니트", "knit", "울 40%, 나일론 60%", "세미오버핏", "중국", "가을 겨울", 65000, ["그레이", "네이비", "브라운"],
          TOP_SIZES, "넥 지퍼로 연출이 자유로운 하프집업 니트입니다."),
        # ---------------------------------------------------------------- 티셔츠
        P("P017", "베이직 반팔 티셔츠", ["반팔티", "무지티", "기본 반팔티", "반팔 티", "basic tee", "t-shirt"],
          "티셔츠", "tee", "면 100%", "레귤러핏", "대한민국", "봄 여름", 15900, ["화이트", "블랙", "그레이", "네이비"],
          TOP_SIZES_XXL, "20수 싱글 원단의 기본 반팔 티셔츠입니다."),
        P("P018", "헤비코튼 오버핏 반팔 티셔츠", ["헤비코튼 반팔", "헤비 티셔츠", "오버핏 반팔티", "heavy cotton tee"],
          "티셔츠", "tee", "면 100%", "오버핏", "대한민국", "봄 여름", 25000, ["화이트", "블랙", "크림"],
          TOP_SIZES, "16수 헤비 코튼으로 비침이 적고 형태가 잘 잡히는 오버핏 반팔 티셔츠입니다.",
          sale=(20, "2026-11-30")),
        P("P019", "베이직 긴팔 티셔츠", ["긴팔티", "롱슬리브", "기본 긴팔티", "long sleeve tee"],
          "티셔츠", "longtee", "면 100%", "레귤러핏", "대한민국", "봄 가을", 19000, ["화이트", "블랙", "그레이"],
          TOP_SIZES_XXL, "이너로 활용도가 높은 기본 긴팔 티셔츠입니다."),
        P("P020", "와플 긴팔 티셔츠", ["와플티", "와플 티셔츠", "와플 롱슬리브", "waffle tee"],
          "티셔츠", "longtee", "면 100%", "레귤러핏", "베트남", "가을 겨울", 25000, ["오트밀", "차콜", "아이보리"],
          TOP_SIZES, "와플 조직으로 보온성을 더한 긴팔 티셔츠입니다."),
        P("P021", "피케 카라 티셔츠", ["카라티", "PK티", "폴로티", "피케티", "폴로 셔츠", "polo shirt"],
          "티셔츠", "tee", "면 100%", "레귤러핏", "베트남", "봄 여름", 35000, ["화이트", "네이비", "블랙"],
          TOP_SIZES_XXL, "단정한 카라와 피케 조직의 반팔 카라 티셔츠입니다.", sale=(20, "2026-12-07")),
        P("P022", "스트라이프 긴팔 티셔츠", ["단가라 티", "보더티", "줄무늬 티셔츠", "striped long sleeve"],
          "티셔츠", "longtee", "면 100%", "레귤러핏", "대한민국", "봄 가을", 25000, ["네이비", "블랙"],
          TOP_SIZES, "마린 무드의 보더 스트라이프 긴팔 티셔츠입니다."),
        P("P023", "헨리넥 긴팔 티셔츠", ["헨리넥", "헨리넥 티", "henley tee"],
          "티셔츠", "longtee", "면 100%", "슬림핏", "베트남", "봄 가을", 29000, ["화이트", "차콜", "카키"],
          TOP_SIZES, "앞 여밈 단추가 포인트인 헨리넥 긴팔 티셔츠입니다."),
        # ---------------------------------------------------------------- 맨투맨/후드
        P("P024", "기모 맨투맨", ["맨투맨", "기모맨투맨", "스웻셔츠", "스웨트셔츠", "sweatshirt", "기모 스웻셔츠"],
          "맨투맨/후드", "sweat", "면 80%, 폴리에스터 20%", "세미오버핏", "대한민국", "가을 겨울", 39000,
          ["멜란지그레이", "블랙", "네이비", "오트밀"], TOP_SIZES, "안쪽이 기모 처리되어 따뜻한 맨투맨입니다.",
          sale=(20, "2026-12-25")),
        P("P025", "무지 맨투맨", ["기본 맨투맨", "무지맨투맨", "basic sweatshirt", "노기모 맨투맨"],
          "맨투맨/후드", "sweat", "면 100%", "레귤러핏", "대한민국", "봄 가을", 29000, ["그레이", "블랙", "화이트"],
          TOP_SIZES_XXL, "기모 없는 쭈리 원단의 간절기용 기본 맨투맨입니다."),
        P("P026", "레터링 맨투맨", ["레터링맨투맨", "로고 맨투맨", "lettering sweatshirt"],
          "맨투맨/후드", "sweat", "면 80%, 폴리에스터 20%", "오버핏", "대한민국", "가을 겨울", 35000,
          ["블랙", "크림"], TOP_SIZES, "가슴 레터링 자수가 포인트인 오버핏 맨투맨입니다."),
        P("P027", "기모 후드티", ["후드티", "후디", "후드 티셔츠", "기모후드", "hoodie", "hooded sweatshirt"],
          "맨투맨/후드", "sweat", "면 80%, 폴리에스터 20%", "세미오버핏", "대한민국", "가을 겨울", 49000,
          ["멜란지그레이", "블랙", "네이비"], TOP_SIZES, "도톰한 기모 원단의 기본 후드티입니다.",
          stock={"P027-BLK-L": 0, "P027-BLK-XL": 1}),
        P("P028", "헤비 스웻 후드티", ["헤비 후드티", "헤비후드", "heavy hoodie"],
          "맨투맨/후드", "sweat", "면 100%", "오버핏", "대한민국", "겨울", 59000, ["차콜", "오트밀"],
          TOP_SIZES, "550g 헤비 스웻 원단으로 힘 있는 실루엣의 후드티입니다.", sale=(15, "2026-12-31")),
        P("P029", "후드 집업", ["후드집업", "후드 짚업", "집업 후드", "zip-up hoodie", "후드 자켓"],
          "맨투맨/후드", "sweat", "면 80%, 폴리에스터 20%", "레귤러핏", "대한민국", "봄 가을 겨울", 55000,
          ["그레이", "블랙", "네이비"], TOP_SIZES_XXL, "투웨이 지퍼로 편하게 입는 기모 후드 집업입니다."),
        P("P030", "하프집업 맨투맨", ["반집업 맨투맨", "하프 집업 맨투맨", "half zip sweatshirt"],
          "맨투맨/후드", "sweat", "면 80%, 폴리에스터 20%", "세미오버핏", "대한민국", "가을 겨울", 45000,
          ["그레이", "네이비", "카키"], TOP_SIZES, "넥 지퍼 디테일로 캐주얼하게 입는 하프집업 맨투맨입니다."),
        # ---------------------------------------------------------------- 슬랙스
        P("P031", "와이드 슬랙스", ["와이드슬랙스", "와이드 정장바지", "통 넓은 슬랙스", "wide slacks"],
          "슬랙스", "pants", "폴리에스터 70%, 레이온 30%", "와이드핏", "대한민국", "봄 가을 겨울", 45000,
          ["블랙", "차콜", "베이지", "그레이"], PANTS_SIZES, "주름이 잘 가지 않는 와이드 핏 슬랙스입니다.",
          sale=(20, "2026-12-07")),
        P("P032", "세미와이드 원턱 슬랙스", ["원턱 슬랙스", "원턱슬랙스", "세미와이드 슬랙스", "원턱바지", "one tuck slacks"],
          "슬랙스", "pants", "폴리에스터 70%, 레이온 30%", "세미와이드핏", "대한민국", "봄 가을 겨울", 49000,
          ["블랙", "차콜", "베이지"], PANTS_SIZES, "원턱 디테일로 허벅지에 여유를 준 세미와이드 슬랙스입니다."),
        P("P033", "밴딩 슬랙스", ["밴딩슬랙스", "밴딩 바지", "고무줄 슬랙스", "이지 슬랙스", "banding slacks"],
          "슬랙스", "pants", "폴리에스터 80%, 레이온 15%, 폴리우레탄 5%", "테이퍼드핏", "대한민국", "봄 여름 가을 겨울",
          39000, ["블랙", "차콜", "네이비"], PANTS_SIZES, "허리 밴딩으로 편안한 테이퍼드 슬랙스입니다.",
          stock={"P033-BLK-32": 3, "P033-BLK-30": 0}),
        P("P034", "테이퍼드 슬랙스", ["테이퍼드슬랙스", "일자 슬랙스", "정장바지", "tapered slacks"],
          "슬랙스", "pants", "폴리에스터 65%, 레이온 30%, 폴리우레탄 5%", "테이퍼드핏", "대한민국", "봄 가을", 45000,
          ["블랙", "네이비", "그레이"], PANTS_SIZES, "밑단으로 갈수록 좁아지는 깔끔한 실루엣의 슬랙스입니다."),
        P("P035", "울 블렌드 슬랙스", ["울 슬랙스", "울슬랙스", "겨울 슬랙스", "wool slacks"],
          "슬랙스", "pants", "울 50%, 폴리에스터 50%", "세미와이드핏", "대한민국", "가을 겨울", 69000,
          ["차콜", "그레이", "브라운"], PANTS_SIZES, "울 혼방 원단으로 따뜻한 겨울용 슬랙스입니다.",
          sale=(15, "2026-12-25")),
        P("P036", "린넨 밴딩 팬츠", ["린넨 팬츠", "린넨팬츠", "린넨 바지", "리넨 밴딩 바지", "linen pants"],
          "슬랙스", "pants", "린넨 55%, 면 45%", "와이드핏", "중국", "봄 여름", 39000, ["베이지", "블랙", "아이보리"],
          PANTS_SIZES, "시원한 린넨 혼방의 허리 밴딩 팬츠입니다."),
        P("P037", "코튼 치노 팬츠", ["치노 팬츠", "치노팬츠", "면바지", "chino pants"],
          "슬랙스", "pants", "면 98%, 폴리우레탄 2%", "스트레이트핏", "베트남", "봄 가을", 42000,
          ["베이지", "네이비", "카키", "블랙"], PANTS_SIZES, "스판이 살짝 들어간 기본 치노 팬츠입니다."),
        P("P038", "카고 팬츠", ["카고팬츠", "카고 바지", "건빵바지", "cargo pants"],
          "슬랙스", "pants", "면 100%", "와이드핏", "베트남", "봄 가을", 49000, ["카키", "블랙", "베이지"],
          PANTS_SIZES, "사이드 포켓이 달린 와이드 카고 팬츠입니다.", sale=(30, "2026-11-30")),
        # ---------------------------------------------------------------- 데님
        P("P039", "스트레이트 데님 팬츠", ["스트레이트 청바지", "일자 청바지", "청바지", "straight jeans", "데님 팬츠"],
          "데님", "pants", "면 99%, 폴리우레탄 1%", "스트레이트핏", "대한민국", "봄 가을 겨울", 49000,
          ["연청", "중청", "흑청"], PANTS_SIZES, "군더더기 없는 일자 핏의 기본 청바지입니다.",
          stock={"P039-MBL-32": 1, "P039-LBL-30": 0}),
        P("P040", "와이드 데님 팬츠", ["와이드 청바지", "와이드 데님", "통 넓은 청바지", "wide jeans"],
          "데님", "pants", "면 100%", "와이드핏", "대한민국", "봄 가을 겨울", 52000, ["연청", "중청", "흑청"],
          PANTS_SIZES, "힙한 와이드 실루엣의 데님 팬츠입니다.", sale=(20, "2026-12-15")),
        P("P041", "슬림 테이퍼드 데님", ["슬림 청바지", "스키니 청바지", "테이퍼드 청바지", "slim jeans"],
          "데님", "pants", "면 98%, 폴리우레탄 2%", "슬림핏", "대한민국", "봄 가을", 49000, ["중청", "흑청"],
          PANTS_SIZES, "스판 원단으로 편안한 슬림 테이퍼드 데님입니다."),
        P("P042", "생지 데님 팬츠", ["생지 청바지", "로우 데님", "생지데님", "raw denim"],
          "데님", "pants", "면 100%", "스트레이트핏", "대한민국", "가을 겨울", 59000, ["생지", "흑청"],
          PANTS_SIZES, "워싱하지 않은 생지 원단으로 입을수록 자연스러운 페이딩이 생깁니다."),
        P("P043", "기모 데님 팬츠", ["기모 청바지", "겨울 청바지", "기모청바지", "fleece lined jeans"],
          "데님", "pants", "면 70%, 폴리에스터 28%, 폴리우레탄 2%", "스트레이트핏", "중국", "겨울", 55000,
          ["중청", "흑청"], PANTS_SIZES, "안쪽 기모로 겨울에도 따뜻한 데님 팬츠입니다.", sale=(20, "2026-12-31")),
        # ---------------------------------------------------------------- 코트/자켓/패딩
        P("P044", "싱글 울 코트", ["싱글코트", "싱글 코트", "울 코트", "울코트", "롱코트", "single coat"],
          "코트/자켓/패딩", "coat", "겉감: 울 70%, 나일론 30% / 안감: 폴리에스터 100%", "레귤러핏", "대한민국",
          "가을 겨울", 229000, ["블랙", "차콜", "카멜"], TOP_SIZES, "깔끔한 싱글 브레스티드 울 코트입니다.",
          sale=(20, "2026-12-25"), stock={"P044-CML-L": 0, "P044-BLK-M": 2}),
        P("P045", "더블 울 코트", ["더블코트", "더블 코트", "double coat", "더블 브레스티드 코트"],
          "코트/자켓/패딩", "coat", "겉감: 울 80%, 나일론 20% / 안감: 폴리에스터 100%", "레귤러핏", "대한민국",
          "겨울", 259000, ["블랙", "네이비", "카멜"], TOP_SIZES, "클래식한 더블 브레스티드 울 코트입니다."),
        P("P046", "발마칸 코트", ["발마칸", "발마칸코트", "맥코트", "balmacaan coat"],
          "코트/자켓/패딩", "coat", "겉감: 울 60%, 폴리에스터 40% / 안감: 폴리에스터 100%", "세미오버핏",
          "대한민국", "가을 겨울", 289000, ["베이지", "차콜"], TOP_SIZES, "라글란 소매의 여유 있는 발마칸 코트입니다.",
          extra={"totalLengthCm": 4}),
        P("P047", "숏 푸퍼 패딩", ["숏패딩", "숏 패딩", "푸퍼", "푸퍼 패딩", "puffer jacket", "패딩"],
          "코트/자켓/패딩", "jacket", "겉감: 나일론 100% / 충전재: 오리털 80%, 깃털 20%", "오버핏", "중국", "겨울",
          159000, ["블랙", "아이보리", "카키"], TOP_SIZES, "덕다운 충전재의 볼륨감 있는 숏 푸퍼 패딩입니다.",
          sale=(15, "2026-12-31")),
        P("P048", "덕다운 롱패딩", ["롱패딩", "롱 패딩", "덕다운 패딩", "long padding", "long puffer"],
          "코트/자켓/패딩", "coat", "겉감: 나일론 100% / 충전재: 오리털 90%, 깃털 10%", "레귤러핏", "중국", "겨울",
          329000, ["블랙", "네이비"], TOP_SIZES_XXL, "무릎까지 덮는 따뜻한 덕다운 롱패딩입니다.",
          stock={"P048-BLK-L": 0, "P048-BLK-XL": 1}),
        P("P049", "경량 패딩 조끼", ["경량패딩 조끼", "패딩조끼", "패딩 베스트", "경량 조끼", "padded vest"],
          "코트/자켓/패딩", "vest", "겉감: 나일론 100% / 충전재: 폴리에스터 100%", "레귤러핏", "중국", "가을 겨울",
          59000, ["블랙", "네이비", "카키"], TOP_SIZES, "가볍게 겹쳐 입기 좋은 경량 패딩 조끼입니다.",
          sale=(20, "2026-12-07")),
        P("P050", "데님 트러커 자켓", ["청자켓", "데님 자켓", "데님자켓", "트러커 자켓", "denim jacket", "jean jacket"],
          "코트/자켓/패딩", "jacket", "면 100%", "레귤러핏", "대한민국", "봄 가을", 79000, ["연청", "중청", "흑청"],
          TOP_SIZES, "클래식한 트러커 디자인의 데님 자켓입니다."),
        P("P051", "MA-1 항공점퍼", ["항공점퍼", "항공 점퍼", "MA1", "ma-1", "봄버 자켓", "bomber jacket"],
          "코트/자켓/패딩", "jacket", "겉감: 나일론 100% / 충전재: 폴리에스터 100%", "오버핏", "중국", "가을 겨울",
          99000, ["블랙", "카키"], TOP_SIZES, "안감 오렌지 컬러가 포인트인 MA-1 항공점퍼입니다."),
        P("P052", "울 블렌드 블레이저", ["블레이저", "울 블레이저", "싱글 블레이저", "blazer", "마이"],
          "코트/자켓/패딩", "jacket", "겉감: 울 50%, 폴리에스터 50% / 안감: 폴리에스터 100%", "레귤러핏", "대한민국",
          "가을 겨울", 139000, ["차콜", "네이비", "브라운"], TOP_SIZES, "단독으로 입는 울 혼방 싱글 블레이저입니다."),
        P("P053", "플리스 집업", ["플리스", "후리스", "뽀글이", "플리스 자켓", "fleece jacket"],
          "코트/자켓/패딩", "jacket", "폴리에스터 100%", "세미오버핏", "중국", "가을 겨울", 69000, ["아이보리", "블랙", "브라운"],
          TOP_SIZES, "보송한 보아 플리스 소재의 집업 자켓입니다.", sale=(25, "2026-12-15")),
        # ---------------------------------------------------------------- 셋업
        P("P054", "테일러드 셋업 자켓", ["셋업 자켓", "셋업자켓", "정장 자켓", "수트 자켓", "suit jacket"],
          "셋업", "jacket", "폴리에스터 70%, 레이온 28%, 폴리우레탄 2%", "레귤러핏", "대한민국", "봄 가을 겨울",
          149000, ["블랙", "차콜", "네이비"], TOP_SIZES, "테일러드 셋업 팬츠와 한 벌로 입는 셋업 자켓입니다."),
        P("P055", "테일러드 셋업 팬츠", ["셋업 팬츠", "셋업팬츠", "셋업 바지", "수트 팬츠", "정장 바지", "suit pants"],
          "셋업", "pants", "폴리에스터 70%, 레이온 28%, 폴리우레탄 2%", "테이퍼드핏", "대한민국", "봄 가을 겨울",
          79000, ["블랙", "차콜", "네이비"], PANTS_SIZES, "테일러드 셋업 자켓과 같은 원단의 셋업 팬츠입니다."),
        P("P056", "코듀로이 셋업 자켓", ["골덴 자켓", "코듀로이 자켓", "코듀로이자켓", "corduroy jacket"],
          "셋업", "jacket", "면 100%", "세미오버핏", "중국", "가을 겨울", 129000, ["브라운", "베이지"],
          TOP_SIZES, "코듀로이 셋업 팬츠와 함께 입는 골덴 자켓입니다.", sale=(20, "2026-12-25")),
        P("P057", "코듀로이 셋업 팬츠", ["골덴 바지", "골덴바지", "코듀로이 팬츠", "코듀로이 바지", "corduroy pants"],
          "셋업", "pants", "면 100%", "세미와이드핏", "중국", "가을 겨울", 69000, ["브라운", "베이지"],
          PANTS_SIZES, "코듀로이 셋업 자켓과 같은 원단의 와이드 팬츠입니다.", sale=(20, "2026-12-25")),
        # ---------------------------------------------------------------- 신발
        P("P058", "레더 더비 슈즈", ["더비슈즈", "더비 슈즈", "구두", "가죽 구두", "derby shoes"],
          "신발", "shoes", "소가죽 100%", "정사이즈", "대한민국", "봄 가을 겨울", 119000, ["블랙", "다크브라운"],
          SHOE_SIZES, "수제 제작된 소가죽 더비 슈즈입니다.", note="정사이즈 추천, 발볼이 넓다면 반 사이즈 업",
          extra={"heelHeightCm": 3}),
        P("P059", "페니 로퍼", ["로퍼", "페니로퍼", "penny loafer", "loafer"],
          "신발", "shoes", "소가죽 100%", "정사이즈", "대한민국", "봄 가을", 109000, ["블랙", "브라운"],
          SHOE_SIZES, "캐주얼과 포멀 모두 어울리는 페니 로퍼입니다.", note="정사이즈 추천, 발등이 높다면 반 사이즈 업",
          extra={"heelHeightCm": 2.5}, sale=(15, "2026-12-15")),
        P("P060", "캔버스 스니커즈", ["캔버스화", "스니커즈", "운동화", "canvas sneakers"],
          "신발", "shoes", "겉감: 면 캔버스 / 밑창: 고무", "정사이즈", "베트남", "봄 여름 가을", 49000,
          ["화이트", "블랙"], SHOE_SIZES, "가볍고 편한 로우탑 캔버스 스니커즈입니다.",
          note="정사이즈 추천", extra={"heelHeightCm": 2.5}),
        P("P061", "스웨이드 첼시 부츠", ["첼시부츠", "첼시 부츠", "스웨이드 부츠", "chelsea boots"],
          "신발", "shoes", "소가죽(스웨이드) 100%", "정사이즈", "대한민국", "가을 겨울", 139000, ["브라운", "블랙"],
          SHOE_SIZES, "사이드 고어 밴드로 신고 벗기 편한 스웨이드 첼시 부츠입니다.",
          note="반 사이즈 크게 나왔습니다. 평소보다 5mm 작게 추천", extra={"heelHeightCm": 3.5}),
        P("P062", "레더 스니커즈", ["가죽 스니커즈", "가죽스니커즈", "레더스니커즈", "leather sneakers", "흰 스니커즈"],
          "신발", "shoes", "소가죽 100%", "정사이즈", "중국", "봄 여름 가을 겨울", 89000, ["화이트", "블랙"],
          SHOE_SIZES, "미니멀한 디자인의 소가죽 스니커즈입니다.", note="정사이즈 추천", extra={"heelHeightCm": 3}),
        # ---------------------------------------------------------------- 가방
        P("P063", "캔버스 토트백", ["토트백", "에코백", "캔버스 가방", "tote bag"],
          "가방", "bag", "면 캔버스 100%", "FREE", "대한민국", "봄 여름 가을 겨울", 39000, ["아이보리", "블랙"],
          FREE, "A4 서류와 노트북이 들어가는 넉넉한 캔버스 토트백입니다.", note="13인치 노트북 수납 가능",
          extra={"widthCm": 40, "heightCm": 38, "depthCm": 12}),
        P("P064", "나일론 백팩", ["백팩", "책가방", "나일론백팩", "backpack"],
          "가방", "bag", "나일론 100%", "FREE", "중국", "봄 여름 가을 겨울", 69000, ["블랙", "네이비"],
          FREE, "가볍고 생활방수가 되는 나일론 백팩입니다.", note="15인치 노트북 수납 가능",
          extra={"widthCm": 30, "heightCm": 44, "depthCm": 14}, sale=(20, "2026-12-07")),
        P("P065", "레더 크로스백", ["크로스백", "메신저백", "가죽 크로스백", "crossbody bag"],
          "가방", "bag", "소가죽 100%", "FREE", "대한민국", "봄 여름 가을 겨울", 89000, ["블랙", "브라운"],
          FREE, "소가죽으로 만든 미니멀 크로스백입니다.", note="스트랩 길이 조절 가능",
          extra={"widthCm": 24, "heightCm": 18, "depthCm": 7, "strapLengthCm": 130}),
        P("P066", "나일론 슬링백", ["슬링백", "힙색", "웨이스트백", "sling bag"],
          "가방", "bag", "나일론 100%", "FREE", "중국", "봄 여름 가을 겨울", 45000, ["블랙", "카키"],
          FREE, "가볍게 메기 좋은 나일론 슬링백입니다.", note="",
          extra={"widthCm": 30, "heightCm": 15, "depthCm": 8, "strapLengthCm": 120}),
        # ---------------------------------------------------------------- 액세서리
        P("P067", "울 머플러", ["머플러", "목도리", "울머플러", "scarf", "muffler"],
          "액세서리", "acc", "울 100%", "FREE", "중국", "겨울", 35000, ["차콜", "카멜", "네이비", "버건디"],
          FREE, "부드러운 울 100% 머플러입니다.", extra={"lengthCm": 180, "widthCm": 30}, sale=(20, "2026-12-25")),
        P("P068", "레더 벨트", ["벨트", "가죽 벨트", "가죽벨트", "belt"],
          "액세서리", "acc", "소가죽 100%", "FREE", "대한민국", "봄 여름 가을 겨울", 39000, ["블랙", "브라운"],
          FREE, "허리 28~36인치까지 조절되는 소가죽 벨트입니다.", note="길이 커팅 가능",
          extra={"lengthCm": 120, "depthCm": 3.5}),
        P("P069", "골지 비니", ["비니", "니트 모자", "털모자", "beanie"],
          "액세서리", "acc", "아크릴 100%", "FREE", "중국", "가을 겨울", 19000,
          ["블랙", "차콜", "아이보리", "네이비"], FREE, "골지 조직의 기본 비니입니다.",
          extra={"headCircumferenceCm": 56, "heightCm": 22}, stock={"P069-IVO-FREE": 0}),
        P("P070", "워싱 볼캡", ["볼캡", "모자", "캡모자", "야구모자", "ball cap", "baseball cap"],
          "액세서리", "acc", "면 100%", "FREE", "중국", "봄 여름 가을 겨울", 25000, ["블랙", "베이지", "네이비"],
          FREE, "자연스러운 워싱의 6패널 볼캡입니다.", note="뒷면 스트랩으로 사이즈 조절",
          extra={"headCircumferenceCm": 58, "heightCm": 13}),
        P("P071", "면 양말 3팩", ["양말", "면양말", "양말 세트", "socks"],
          "액세서리", "acc", "면 80%, 나일론 18%, 폴리우레탄 2%", "FREE", "대한민국", "봄 여름 가을 겨울", 12000,
          ["블랙", "화이트", "그레이"], FREE, "데일리로 신기 좋은 면 양말 3켤레 세트입니다.",
          note="250~280mm 착용 가능", extra={"lengthCm": 22}),
        P("P072", "니트 장갑", ["장갑", "털장갑", "울 장갑", "gloves"],
          "액세서리", "acc", "울 30%, 아크릴 70%", "FREE", "중국", "겨울", 19000, ["블랙", "차콜"],
          FREE, "손가락 끝 터치가 가능한 니트 장갑입니다.", extra={"lengthCm": 24, "widthCm": 10}),
    ]


# ----------------------------------------------------------------------------- delivery rules (for orders)


def _holiday_set() -> set[date]:
    return {date.fromisoformat(d) for d, _ in HOLIDAYS}


def _is_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holiday_set()


def _next_business_day(day: date) -> date:
    day += timedelta(days=1)
    while not _is_business_day(day):
        day += timedelta(days=1)
    return day


def _add_business_days(day: date, n: int) -> date:
    for _ in range(n):
        day = _next_business_day(day)
    return day


def dispatch_date(ordered_at: datetime) -> date:
    """Same day if paid before the cut-off on a business day, else the next business day."""
    cutoff = time.fromisoformat(CUTOFF)
    day = ordered_at.date()
    if _is_business_day(day) and ordered_at.time() < cutoff:
        return day
    return _next_business_day(day)


def shipping_fee(amount: int, region: str) -> int:
    base = 0 if amount >= FREE_THRESHOLD else BASE_FEE
    return base + {"제주": JEJU_SURCHARGE, "도서산간": REMOTE_SURCHARGE}.get(region, 0)


# (number, ordered_at, status, [(sku, qty)], region, postal code, payment)
_ORDERS = [
    ("20261012-0003", "2026-10-12T09:41:00", "배송완료", [("P009-CHC-L", 1), ("P031-BLK-32", 1)], "기본", "06236", "카드"),
    ("20261015-0021", "2026-10-15T16:05:00", "배송완료", [("P044-BLK-L", 1)], "기본", "04524", "네이버페이"),
    ("20261020-0007", "2026-10-20T11:30:00", "배송완료", [("P017-WHT-L", 2)], "제주", "63100", "카카오페이"),
    ("20261026-0015", "2026-10-26T13:58:00", "배송완료", [("P024-MGR-L", 1), ("P069-BLK-FREE", 1)], "기본", "13529", "토스페이"),
    ("20261030-0002", "2026-10-30T21:12:00", "배송완료", [("P058-BLK-270", 1)], "도서산간", "40225", "카드"),
    ("20261105-0012", "2026-11-05T13:22:00", "배송완료", [("P001-WHT-L", 2)], "제주", "63100", "카드"),
    ("20261109-0031", "2026-11-09T10:02:00", "취소", [("P047-BLK-L", 1)], "기본", "21554", "카드"),
    ("20261112-0008", "2026-11-12T15:47:00", "배송완료", [("P039-MBL-32", 1), ("P003-WHT-L", 1)], "기본", "48058", "무통장입금"),
    ("20261116-0019", "2026-11-16T12:10:00", "배송완료", [("P013-BLK-L", 1)], "기본", "35203", "카카오페이"),
    ("20261117-0004", "2026-11-17T09:15:00", "취소", [("P028-CHC-XL", 1), ("P025-GRY-L", 1)], "도서산간", "58810", "네이버페이"),
    ("20261118-0022", "2026-11-18T13:40:00", "배송중", [("P052-CHC-L", 1)], "기본", "06035", "카드"),
    ("20261119-0011", "2026-11-19T11:05:00", "배송중", [("P027-MGR-XL", 1), ("P036-BEI-32", 1)], "기본", "16488", "토스페이"),
    ("20261119-0027", "2026-11-19T18:20:00", "배송중", [("P063-IVO-FREE", 1)], "제주", "63534", "카카오페이"),
    ("20261120-0006", "2026-11-20T10:48:00", "배송중", [("P048-NVY-L", 1)], "도서산간", "23116", "카드"),
    ("20261120-0014", "2026-11-20T13:59:00", "배송중", [("P021-NVY-L", 2), ("P071-BLK-FREE", 1)], "기본", "61452", "네이버페이"),
    ("20261120-0033", "2026-11-20T15:31:00", "상품준비중", [("P012-IVO-L", 1)], "기본", "07327", "카드"),
    ("20261120-0041", "2026-11-20T17:02:00", "상품준비중", [("P040-LBL-30", 1), ("P019-BLK-L", 1)], "기본", "10881", "무통장입금"),
    ("20261121-0005", "2026-11-21T09:12:00", "상품준비중", [("P045-NVY-XL", 1)], "제주", "63009", "카드"),
    ("20261121-0018", "2026-11-21T14:26:00", "상품준비중", [("P060-WHT-265", 1)], "기본", "44720", "카카오페이"),
    ("20261121-0023", "2026-11-21T20:40:00", "취소", [("P033-CHC-32", 1)], "기본", "31120", "토스페이"),
    ("20261122-0001", "2026-11-22T08:03:00", "결제완료", [("P032-BLK-30", 1), ("P010-BEI-L", 1)], "기본", "03187", "카드"),
    ("20261122-0009", "2026-11-22T10:55:00", "결제완료", [("P065-BRN-FREE", 1)], "도서산간", "59150", "네이버페이"),
    ("20261122-0016", "2026-11-22T11:37:00", "결제완료", [("P018-BLK-XL", 1)], "기본", "26421", "무통장입금"),
]


# The orderers (invented): member id (None for a guest order), phone, name. Personal data in a real shop:
# the ontology stays in a private bucket and its index keeps only fingerprints (docs/ontology.md §7).
CUSTOMERS: dict[str, tuple[str | None, str, str]] = {
    "minsu": ("jogun-m10231", "010-2841-5678", "김민수"),
    "jiyeon": ("jogun-m10877", "010-3392-1047", "이지연"),
    "junho": ("jogun-m11402", "010-7715-2290", "박준호"),
    "seoyeon": ("jogun-m11958", "010-5024-8813", "최서연"),
    "hyunwoo": ("jogun-m12306", "010-9183-4462", "정현우"),
    "eunji": ("jogun-m12741", "010-4470-3195", "강은지"),
    "dohyun": ("jogun-m13090", "010-6237-7021", "윤도현"),
    "sujin": ("jogun-m13512", "010-8856-0934", "한수진"),
    "taeyang": (None, "010-2019-6658", "오태양"),  # a guest order: no member id
    "yuna": ("jogun-m14027", "010-3648-5570", "서유나"),
}
ORDER_CUSTOMERS = {
    "20261012-0003": "minsu", "20261015-0021": "jiyeon", "20261020-0007": "junho", "20261026-0015": "seoyeon",
    "20261030-0002": "hyunwoo", "20261105-0012": "junho", "20261109-0031": "eunji", "20261112-0008": "dohyun",
    "20261116-0019": "sujin", "20261117-0004": "hyunwoo", "20261118-0022": "minsu", "20261119-0011": "jiyeon",
    "20261119-0027": "junho", "20261120-0006": "taeyang", "20261120-0014": "seoyeon", "20261120-0033": "yuna",
    "20261120-0041": "dohyun", "20261121-0005": "eunji", "20261121-0018": "minsu", "20261121-0023": "sujin",
    "20261122-0001": "yuna", "20261122-0009": "hyunwoo", "20261122-0016": "jiyeon",
}


def customer_of(number: str) -> CustomerData:
    member_id, phone, name = CUSTOMERS[ORDER_CUSTOMERS[number]]
    return CustomerData(name=name, telephone=phone, member_id=member_id)


def sample_orders(products: list[ProductData]) -> list[OrderData]:
    """Orders with fees, tracking numbers and arrival windows computed from the shop's own rules."""
    variants = {v.sku: v for p in products for v in p.variants}
    orders: list[OrderData] = []
    for number, ordered, status, items, region, postal, payment in _ORDERS:
        lines = [OrderLineData(sku, qty, variants[sku].price) for sku, qty in items]
        amount = sum(line.quantity * line.unit_price for line in lines)
        ordered_at = datetime.fromisoformat(ordered)
        dispatched = dispatch_date(ordered_at)
        tracking = None
        if status in ("배송중", "배송완료"):
            tracking = f"6{zlib.crc32(number.encode()) % 10**11:011d}"
        arrival = (None, None) if status == "취소" else (
            _add_business_days(dispatched, TRANSIT_DAYS[0]).isoformat(),
            _add_business_days(dispatched, TRANSIT_DAYS[1]).isoformat())
        orders.append(OrderData(number=number, ordered_at=ordered, status=status, lines=lines,
                                shipping_fee=shipping_fee(amount, region), region=region, postal_code=postal,
                                payment_method=payment, tracking_number=tracking,
                                arrival_from=arrival[0], arrival_until=arrival[1], customer=customer_of(number)))
    return orders


# ----------------------------------------------------------------------------- policies and FAQ


def _won(n: int) -> str:
    return f"{n:,}원"


def policies() -> list[PolicyData]:
    holiday_text = ", ".join(f"{d}({n})" for d, n in HOLIDAYS)
    return [
        PolicyData("delivery", "배송 안내",
                   f"모든 상품은 {CARRIER} 택배로 발송됩니다. 기본 배송비는 {_won(BASE_FEE)}이며, 상품 금액 "
                   f"{_won(FREE_THRESHOLD)} 이상 구매 시 무료배송입니다. 제주 지역은 {_won(JEJU_SURCHARGE)}, "
                   f"도서산간 지역은 {_won(REMOTE_SURCHARGE)}의 추가 배송비가 발생하며, 추가 배송비는 무료배송 "
                   f"주문에도 부과됩니다. 평일 {CUTOFF} 이전 결제 완료 주문은 당일 출고되고, 이후 주문과 주말·공휴일 "
                   f"주문은 다음 영업일에 출고됩니다. 출고 후 {TRANSIT_DAYS[0]}~{TRANSIT_DAYS[1]}영업일 이내에 "
                   f"도착합니다(지역·택배사 사정에 따라 달라질 수 있습니다).",
                   {"carrier": CARRIER, "baseFee": BASE_FEE, "freeShippingThreshold": FREE_THRESHOLD,
                    "jejuSurcharge": JEJU_SURCHARGE, "remoteSurcharge": REMOTE_SURCHARGE, "cutoffTime": CUTOFF,
                    "handlingDaysMin": HANDLING_DAYS[0], "handlingDaysMax": HANDLING_DAYS[1],
                    "transitDaysMin": TRANSIT_DAYS[0], "transitDaysMax": TRANSIT_DAYS[1]}),
        PolicyData("returns", "반품 안내",
                   f"상품 수령일로부터 {RETURN_DAYS}일 이내에 채널톡 또는 마이페이지에서 반품을 신청할 수 있습니다"
                   f"(전자상거래법). 단순 변심 반품은 왕복 배송비 {_won(RETURN_FEE_ROUND_TRIP)}을 고객님이 부담하며, "
                   f"배송비를 내고 받으신 주문은 편도 {_won(RETURN_FEE_ONE_WAY)}만 부담합니다. 제주는 편도 "
                   f"{_won(JEJU_SURCHARGE)}, 도서산간은 편도 {_won(REMOTE_SURCHARGE)}이 추가됩니다. 택(태그) 제거, "
                   f"착용·세탁 흔적, 향수·체취 등 오염, 포장 훼손으로 상품 가치가 떨어진 경우 반품이 불가합니다. "
                   f"불량·오배송은 배송비 없이 반품됩니다.",
                   {"returnDays": RETURN_DAYS, "returnFeeOneWay": RETURN_FEE_ONE_WAY,
                    "returnFeeRoundTrip": RETURN_FEE_ROUND_TRIP, "jejuReturnExtra": JEJU_SURCHARGE,
                    "remoteReturnExtra": REMOTE_SURCHARGE}),
        PolicyData("exchange", "교환 안내",
                   f"상품 수령일로부터 {RETURN_DAYS}일 이내에 같은 상품의 다른 사이즈·색상으로 1회 교환할 수 있습니다. "
                   f"단순 변심 교환은 왕복 배송비 {_won(RETURN_FEE_ROUND_TRIP)}이 발생하고, 불량·오배송 교환은 무료입니다. "
                   f"교환할 옵션이 품절이면 반품(환불)으로 처리됩니다. 다른 상품으로의 교환은 반품 후 새로 주문해 주세요.",
                   {"exchangeDays": RETURN_DAYS, "exchangeFeeRoundTrip": RETURN_FEE_ROUND_TRIP}),
        PolicyData("defects", "불량·오배송 안내",
                   "받으신 상품이 불량이거나 주문과 다른 상품이 왔다면 상품을 받은 날부터 3개월 이내, 그 사실을 안 날부터 "
                   "30일 이내에 교환·반품할 수 있으며 배송비는 전액 조군샵이 부담합니다. 채널톡으로 사진과 함께 알려 주세요.",
                   {"defectReturnMonths": 3, "defectNoticeDays": 30}),
        PolicyData("refund", "환불 안내",
                   "반품 상품이 물류센터에 도착해 검수가 끝나면 환불이 진행됩니다. 신용카드는 카드사 사정에 따라 승인 취소 후 "
                   "3~7영업일, 무통장입금은 환불 계좌로 1영업일 이내, 카카오페이·네이버페이·토스페이는 1~3영업일 이내에 "
                   "환불됩니다. 사용한 적립금과 쿠폰은 반품 완료 시 복원됩니다(유효기간이 지난 쿠폰 제외).",
                   {"cardRefundDaysMin": 3, "cardRefundDaysMax": 7, "transferRefundDays": 1,
                    "easyPayRefundDaysMin": 1, "easyPayRefundDaysMax": 3}),
        PolicyData("cancellation", "주문 취소 안내",
                   "결제완료 상태에서는 마이페이지에서 바로 취소할 수 있습니다. 상품준비중 상태는 출고 전이라면 채널톡으로 "
                   "요청해 주시면 취소해 드립니다. 배송중 이후에는 취소가 불가하며, 상품을 받으신 뒤 반품으로 진행해 주세요. "
                   "무통장입금 주문은 입금 기한이 지나면 자동 취소됩니다.",
                   {"cancelUntilStatus": "상품준비중"}),
        PolicyData("payment", "결제 수단 안내",
                   "신용카드·체크카드, 무통장입금(가상계좌), 카카오페이, 네이버페이, 토스페이로 결제할 수 있습니다. "
                   "무통장입금은 주문 후 3일 이내에 입금하지 않으면 자동 취소됩니다. 50,000원 이상 카드 결제 시 "
                   "카드사별 무이자 할부가 적용됩니다.",
                   {"paymentMethods": "신용카드, 무통장입금, 카카오페이, 네이버페이, 토스페이",
                    "depositDeadlineDays": 3, "interestFreeMinAmount": 50000}),
        PolicyData("points", "적립금 안내",
                   "구매확정 시 실결제 금액의 1%가 적립됩니다(등급별 추가 적립). 구매확정은 배송완료 후 7일이 지나면 자동으로 "
                   "됩니다. 적립금은 5,000원 이상 보유 시 100원 단위로 사용할 수 있고, 적립일로부터 12개월 뒤 소멸됩니다. "
                   "텍스트 리뷰 500원, 포토 리뷰 1,000원, 회원가입 시 2,000원이 적립됩니다.",
                   {"pointRatePercent": 1, "minRedeemPoints": 5000, "redeemUnit": 100, "pointsExpiryMonths": 12,
                    "reviewPoints": 500, "photoReviewPoints": 1000, "signupPoints": 2000, "pointsConfirmDays": 7}),
        PolicyData("coupons", "쿠폰 안내",
                   "신규 가입 시 30,000원 이상 구매에 쓸 수 있는 5,000원 할인 쿠폰을 드립니다. 생일이 있는 달에는 10% 할인 "
                   "쿠폰이 발급됩니다. 쿠폰은 주문당 1장만 사용할 수 있고 적립금과 함께 쓸 수 있습니다. 일부 할인 상품은 쿠폰 "
                   "적용이 제외될 수 있습니다.",
                   {"signupCouponAmount": 5000, "signupCouponMinOrder": 30000, "birthdayCouponPercent": 10,
                    "couponsPerOrder": 1}),
        PolicyData("membership", "회원 등급 안내",
                   "회원 등급은 일반, 실버, 골드, VIP이며 최근 6개월 구매확정 금액으로 매월 1일에 정해집니다. 실버 300,000원, "
                   "골드 700,000원, VIP 1,500,000원 이상이며, 적립률은 일반 1%, 실버 2%, 골드 3%, VIP 5%입니다.",
                   {"tiers": "일반, 실버, 골드, VIP", "silverThreshold": 300000, "goldThreshold": 700000,
                    "vipThreshold": 1500000, "silverPointRatePercent": 2, "goldPointRatePercent": 3,
                    "vipPointRatePercent": 5, "tierReviewMonths": 6}),
        PolicyData("store", "고객센터 안내",
                   f"고객센터 운영 시간은 평일 10:00~17:00(점심시간 12:00~13:00)이며 주말과 공휴일은 휴무입니다. "
                   f"전화 {SHOP_PHONE}, 이메일 {SHOP_EMAIL}, 카카오톡 채널 @조군샵, 채널톡 상담은 24시간 접수되며 "
                   f"운영 시간에 순서대로 답변드립니다. 조군샵은 온라인 전용 매장으로 오프라인 매장은 없습니다.",
                   {"openTime": "10:00", "closeTime": "17:00", "lunchStart": "12:00", "lunchEnd": "13:00",
                    "closedDays": "토요일, 일요일, 공휴일", "telephone": SHOP_PHONE, "email": SHOP_EMAIL,
                    "kakaoChannel": "@조군샵"}),
        PolicyData("address_change", "배송지 변경 안내",
                   "배송지는 결제완료·상품준비중 상태(출고 전)까지 마이페이지 또는 채널톡으로 변경할 수 있습니다. 배송중 "
                   "상태가 되면 변경이 불가합니다. 제주·도서산간 주소로 바꾸시면 추가 배송비가 발생합니다.",
                   {"addressChangeUntilStatus": "상품준비중"}),
        PolicyData("bundling", "묶음 배송 안내",
                   "한 주문의 상품은 한 상자로 함께 발송됩니다. 일부 상품이 품절·입고 지연이면 나머지를 먼저 보내고, 추가 "
                   "배송비는 받지 않습니다. 따로 결제한 주문은 각각 배송비가 부과되며, 출고 전이고 받는 분과 주소가 같다면 "
                   "채널톡으로 요청 시 합배송해 드립니다(이미 낸 배송비는 환불되지 않습니다).", {}),
        PolicyData("overseas", "해외 배송 안내",
                   "조군샵은 국내 배송만 가능하며 해외 배송은 하지 않습니다. 해외 주소로는 주문할 수 없습니다.",
                   {"shipsOverseas": "불가"}),
        PolicyData("receipts", "영수증·증빙 안내",
                   "카드 결제는 카드 매출전표가 발급됩니다. 무통장입금은 주문 시 또는 결제 후 마이페이지에서 현금영수증을 "
                   "신청할 수 있고, 사업자 회원은 채널톡으로 세금계산서 발행을 요청해 주세요. 간편결제는 각 결제사 "
                   "앱에서 영수증을 확인할 수 있습니다.", {}),
        PolicyData("holidays", "배송 휴무일 안내",
                   f"주말과 아래 공휴일에는 출고하지 않습니다: {holiday_text}. 휴무일 주문은 다음 영업일에 출고됩니다.",
                   {"holidayDates": ",".join(d for d, _ in HOLIDAYS)}),
        PolicyData("restock", "재입고 안내",
                   "품절 상품은 상품 페이지에서 재입고 알림을 신청하시면 입고 후 1일 이내 카카오 알림톡으로 알려 드립니다. "
                   "재입고 예정일은 예정이며 생산 사정에 따라 달라질 수 있습니다.",
                   {"restockNoticeDays": 1}),
        PolicyData("size_guide", "사이즈 측정 안내",
                   "사이즈표는 상품을 평평하게 놓고 단면으로 잰 실측(cm)이며, 측정 방법에 따라 1~3cm 오차가 있을 수 있습니다. "
                   "신발은 발길이(mm) 기준입니다. 가지고 계신 옷과 실측을 비교해 보시면 가장 정확합니다.", {}),
        PolicyData("gift_packaging", "선물 포장 안내",
                   "별도의 선물 포장 서비스는 제공하지 않습니다. 선물하실 경우 주문 메모에 남겨 주시면 가격이 표시된 "
                   "거래명세서를 빼고 보내드립니다.", {}),
    ]


def faqs() -> list[FAQData]:
    F = FAQData
    return [
        F("Q01", "배송비는 얼마인가요?", f"기본 배송비는 {_won(BASE_FEE)}이고 {_won(FREE_THRESHOLD)} 이상 구매 시 무료배송입니다. "
          f"제주는 {_won(JEJU_SURCHARGE)}, 도서산간은 {_won(REMOTE_SURCHARGE)}이 추가됩니다.", ["배송비", "무료배송", "택배비"]),
        F("Q02", "주문하면 언제 출고되나요?", f"평일 {CUTOFF} 이전 결제 완료 주문은 당일 출고, 이후 주문은 다음 영업일에 출고되며 "
          f"출고 후 {TRANSIT_DAYS[0]}~{TRANSIT_DAYS[1]}영업일 안에 받으실 수 있습니다.", ["출고", "발송", "언제 와요", "도착"]),
        F("Q03", "주말에 주문하면 언제 보내주나요?", "주말·공휴일 주문은 다음 영업일(보통 월요일)에 순서대로 출고됩니다.",
          ["주말", "토요일", "일요일", "공휴일"]),
        F("Q04", "제주도도 배송되나요?", f"네, 제주도도 배송됩니다. 추가 배송비 {_won(JEJU_SURCHARGE)}이 붙으며 무료배송 "
          f"주문에도 추가 배송비는 부과됩니다. 도착까지 1~2일 더 걸릴 수 있습니다.", ["제주", "제주도", "도서산간"]),
        F("Q05", "해외 배송 되나요?", "죄송하지만 해외 배송은 하지 않으며 국내 주소로만 배송됩니다.", ["해외", "해외배송", "국제배송"]),
        F("Q06", "반품은 어떻게 하나요?", f"수령 후 {RETURN_DAYS}일 이내 채널톡이나 마이페이지에서 신청해 주세요. 단순 변심은 "
          f"왕복 배송비 {_won(RETURN_FEE_ROUND_TRIP)}이 들고, 택 제거·착용·세탁한 상품은 반품이 어렵습니다.", ["반품", "환불", "반송"]),
        F("Q07", "사이즈 교환 가능한가요?", f"수령 후 {RETURN_DAYS}일 이내 같은 상품의 다른 사이즈·색상으로 1회 교환할 수 있고, "
          f"단순 변심 교환은 왕복 배송비 {_won(RETURN_FEE_ROUND_TRIP)}이 발생합니다.", ["교환", "사이즈 교환", "색상 교환"]),
        F("Q08", "불량 상품을 받았어요.", "불편을 드려 죄송합니다. 채널톡으로 사진과 주문번호를 보내 주시면 배송비 없이 교환 또는 "
          "반품해 드립니다.", ["불량", "하자", "오배송", "찢어짐", "얼룩"]),
        F("Q09", "환불은 언제 되나요?", "반품 상품 검수 후 신용카드는 3~7영업일, 무통장입금은 1영업일, 간편결제는 1~3영업일 "
          "이내에 환불됩니다.", ["환불", "환불 기간", "카드 취소"]),
        F("Q10", "주문 취소는 어떻게 하나요?", "결제완료 상태에서는 마이페이지에서 바로 취소할 수 있고, 상품준비중이면 채널톡으로 "
          "요청해 주세요. 배송중 이후에는 취소가 안 되어 반품으로 진행됩니다.", ["취소", "주문취소", "결제취소"]),
        F("Q11", "배송지를 바꾸고 싶어요.", "출고 전(결제완료·상품준비중)까지는 마이페이지나 채널톡으로 변경할 수 있고, "
          "배송중 이후에는 변경이 어렵습니다.", ["배송지 변경", "주소 변경", "주소 수정"]),
        F("Q12", "적립금은 어떻게 사용하나요?", "적립금은 5,000원 이상 모이면 100원 단위로 결제 시 사용할 수 있고, 적립일로부터 "
          "12개월 후 소멸됩니다.", ["적립금", "포인트", "마일리지"]),
        F("Q13", "결제 수단은 뭐가 있나요?", "신용카드·체크카드, 무통장입금, 카카오페이, 네이버페이, 토스페이를 사용할 수 있습니다.",
          ["결제", "카드", "무통장", "카카오페이", "네이버페이", "토스"]),
        F("Q14", "무통장입금 기한이 있나요?", "주문 후 3일 이내에 입금해 주셔야 하며, 기한이 지나면 주문이 자동 취소됩니다.",
          ["무통장입금", "입금기한", "가상계좌"]),
        F("Q15", "쿠폰은 어떻게 받나요?", "신규 가입 시 5,000원 쿠폰(30,000원 이상 구매 시), 생일 달에는 10% 쿠폰이 "
          "자동 발급됩니다. 쿠폰은 주문당 1장 사용 가능합니다.", ["쿠폰", "할인쿠폰", "생일쿠폰"]),
        F("Q16", "회원 등급 혜택이 궁금해요.", "최근 6개월 구매 금액에 따라 일반·실버·골드·VIP로 나뉘고 적립률이 1%·2%·3%·5%로 "
          "올라갑니다.", ["등급", "회원등급", "VIP", "멤버십"]),
        F("Q17", "고객센터 운영 시간이 어떻게 되나요?", f"평일 10:00~17:00(점심 12:00~13:00) 운영하며 주말·공휴일은 휴무입니다. "
          f"전화 {SHOP_PHONE}, 이메일 {SHOP_EMAIL}로 문의해 주세요.", ["고객센터", "전화번호", "운영시간", "상담시간"]),
        F("Q18", "품절 상품은 재입고 되나요?", "재입고 예정인 상품은 상품 페이지에 예정일이 표시되며, 재입고 알림을 신청하시면 "
          "입고 후 알림톡으로 알려 드립니다.", ["재입고", "품절", "입고"]),
        F("Q19", "현금영수증 발급되나요?", "무통장입금 주문은 주문 시 또는 마이페이지에서 현금영수증을 신청할 수 있습니다.",
          ["현금영수증", "영수증", "세금계산서"]),
        F("Q20", "사이즈를 잘 모르겠어요.", "상품 상세의 실측 사이즈표(단면, cm)를 가지고 계신 옷과 비교해 보시고, 키와 몸무게를 "
          "알려 주시면 모델 착용 정보로 추천해 드립니다.", ["사이즈", "사이즈 추천", "핏", "실측"]),
        F("Q21", "여러 개 주문하면 같이 오나요?", "한 주문의 상품은 함께 발송되며, 따로 주문하신 건은 출고 전이면 채널톡 요청 시 "
          "합배송해 드립니다.", ["합배송", "묶음배송", "같이 배송"]),
    ]


def bundled_shop() -> ShopData:
    """The complete bundled 조군샵 data set."""
    products = catalogue()
    delivery = DeliveryData(
        carrier=CARRIER, carrier_slug="cj-logistics", base_fee=BASE_FEE, free_threshold=FREE_THRESHOLD,
        cutoff=CUTOFF, handling_days=HANDLING_DAYS, transit_days=TRANSIT_DAYS, ships_overseas=False,
        regions=[RegionData("제주", "jeju", JEJU_SURCHARGE, JEJU_RANGES, "제주특별자치도", JEJU_KEYWORDS),
                 RegionData("도서산간", "remote", REMOTE_SURCHARGE, REMOTE_RANGES, None, REMOTE_KEYWORDS)])
    return ShopData(
        name="조군샵", alternate_names=["JOGUNSHOP", "조군 샵"], url="https://jogunshop.example",
        telephone=SHOP_PHONE, email=SHOP_EMAIL, brand="조군샵", brand_slug="jogunshop", delivery=delivery, holidays=HOLIDAYS,
        return_days=RETURN_DAYS, return_fee_one_way=RETURN_FEE_ONE_WAY, policies=policies(), faqs=faqs(),
        products=products, orders=sample_orders(products), version=DATA_AS_OF, data_as_of=DATA_AS_OF)
