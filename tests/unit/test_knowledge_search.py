"""Korean product search against the bundled catalogue: typos, spacing, particles, aliases, English,
colour/size words mixed in, and category-only questions that must not pick one product."""

from __future__ import annotations

import pytest

from core.config import BUNDLED_ONTOLOGY
from core.knowledge.shop_knowledge import ShopKnowledge
from core.knowledge.manager import LocalSource, load_knowledge


@pytest.fixture(scope="module")
def shop() -> ShopKnowledge:
    return load_knowledge(LocalSource(BUNDLED_ONTOLOGY), write_index=False, use_index=False)


# (query, expected top product id, expected size, expected colour)
CASES = [
    # exact names, spacing, particles
    ("린넨셔츠 L", "P003", "L", None),
    ("린넨 셔츠 라지 있나요?", "P003", "L", None),
    ("린넨셔츠를 사고 싶어요", "P003", None, None),
    ("옥스포드 셔츠", "P001", None, None),
    ("옥스포드셔츠는 얼마예요", "P001", None, None),
    ("케이블니트도 있나요", "P012", None, None),
    ("덕다운롱패딩", "P048", None, None),
    ("스웨이드 첼시부츠 재고 있어요?", "P061", None, None),
    ("울 블렌드 블레이저요", "P052", None, None),
    ("헤비코튼 오버핏 반팔티셔츠", "P018", None, None),
    # typos (jamo-level, spelling variants)
    ("옥스퍼드셔츠", "P001", None, None),
    ("리넨셔츠 흰색으로 M 사이즈 주세요", "P003", "M", "화이트"),
    ("린낸 셔츠", "P003", None, None),
    ("후디 검정색", "P027", None, "블랙"),
    ("발마칸코트", "P046", None, None),
    ("발마캉 코트", "P046", None, None),
    ("첼씨부츠 270", "P061", "270", None),
    ("플리스 짚업", "P053", None, None),
    ("코듀로이 셋업 자캣", "P056", None, None),
    ("램스울 크루넥니트", "P011", None, None),
    ("하프짚업 니트", "P016", None, None),
    # aliases and nicknames
    ("폴라티 차콜 라지로", "P013", "L", "차콜"),
    ("꽈배기니트는 얼마예요?", "P012", None, None),
    ("뽀글이 아이보리", "P053", None, "아이보리"),
    ("골덴바지 브라운 32", "P057", "32", "브라운"),
    ("면바지 베이지", "P037", None, "베이지"),
    ("건빵바지", "P038", None, None),
    ("에코백", "P063", None, None),
    ("목도리 카멜", "P067", None, "카멜"),
    ("청남방 연청", "P005", None, "연청"),
    ("청자켓 중청 M", "P050", "M", "중청"),
    ("항공점퍼 카키", "P051", None, "카키"),
    ("줄무늬 셔츠", "P004", None, None),
    ("체크남방", "P007", None, None),
    ("밴드카라 셔츠 블랙", "P008", None, "블랙"),
    ("반집업 니트", "P016", None, None),
    ("롱패딩 네이비 엑스라지", "P048", "XL", "네이비"),
    ("숏패딩 블랙 M", "P047", "M", "블랙"),
    ("경량패딩조끼", "P049", None, None),
    ("생지데님", "P042", None, None),
    ("기모청바지 30", "P043", "30", None),
    ("와이드 청바지 32인치", "P040", "32", None),
    ("와이드 슬랙스 허리 30 블랙", "P031", "30", "블랙"),
    ("원턱슬랙스", "P032", None, None),
    ("로퍼 265 블랙", "P059", "265", "블랙"),
    ("캔버스 스니커즈 흰색 260", "P060", "260", "화이트"),
    ("볼캡 베이지", "P070", None, "베이지"),
    ("털장갑", "P072", None, None),
    ("후드티 블랙 엘사이즈 잇어요?", "P027", "L", "블랙"),   # the shop's own alias wins over the generic word
    ("가디건", "P014", None, None),
    ("와플티 오트밀", "P020", None, "오트밀"),
    ("피케티", "P021", None, None),
    # English
    ("oxford shirt", "P001", None, None),
    ("linen shirt L", "P003", "L", None),
    ("balmacaan coat", "P046", None, None),
    ("chelsea boots 270", "P061", "270", None),
    ("penny loafer", "P059", None, None),
    # sizes written in other systems
    ("옥스포드 셔츠 화이트 105", "P001", "XL", "화이트"),
    ("옥스포드셔츠 100 사이즈", "P001", "L", None),
    ("크루넥 니트 미디움 블랙", "P009", "M", "블랙"),
    ("터틀넥니트 스몰", "P013", "S", None),
    ("블랙 브이넥 가디건", "P015", None, "블랙"),
    ("검정 레더 벨트", "P068", None, "블랙"),
    # whole customer messages
    ("안녕하세요 지난번에 본 린넨 셔츠 화이트 L 재고 있나요?", "P003", "L", "화이트"),
    ("혹시 옥스포드 셔츠 네이비 XL 언제 재입고 되나요", "P001", "XL", "네이비"),
    ("와이드 슬랙스 30 블랙으로 2개 주문하고 싶은데 재고 있을까요", "P031", "30", "블랙"),
    ("크루넥 니트 사이즈 추천해주세요 키 175에 70키로에요", "P009", None, None),
    ("블레이저 세일하나요?", "P052", None, None),
]


@pytest.mark.parametrize(("query", "product_id", "size", "color"), CASES, ids=[c[0] for c in CASES])
def test_finds_product(shop: ShopKnowledge, query: str, product_id: str, size: str | None, color: str | None) -> None:
    result = shop.find_products(query)
    assert result.matches, f"no match for {query!r}"
    assert result.matches[0].product_id == product_id, result.to_dict()
    assert result.size == size
    assert result.color == color


def test_at_least_fifty_phrasings() -> None:
    assert len(CASES) >= 50


@pytest.mark.parametrize("query", ["니트 뭐 있어요", "셔츠", "맨투맨 있나요?", "슬랙스 추천해주세요", "패딩",
                                   "코트 보여주세요", "데님", "후드"])
def test_category_words_are_ambiguous(shop: ShopKnowledge, query: str) -> None:
    result = shop.find_products(query)
    assert result.ambiguous, result.to_dict()
    assert len(result.matches) >= 2


@pytest.mark.parametrize("query", ["오늘 주문하면 언제 와요?", "배송비 얼마예요", "반품하고 싶어요", "안녕하세요"])
def test_non_product_messages_match_nothing(shop: ShopKnowledge, query: str) -> None:
    assert shop.find_products(query).matches == ()


def test_unknown_product_gives_no_confident_match(shop: ShopKnowledge) -> None:
    result = shop.find_products("아이폰 케이스")
    assert not result.matches or result.ambiguous


def test_empty_and_colour_only_queries(shop: ShopKnowledge) -> None:
    assert shop.find_products("").matches == ()
    only_colour = shop.find_products("검정색으로요")
    assert only_colour.matches == () and only_colour.color == "블랙"


def test_search_result_is_json_ready(shop: ShopKnowledge) -> None:
    data = shop.find_products("린넨셔츠 L").to_dict()
    assert data["options"]["size"] == "L" and data["matches"][0]["product_id"] == "P003"
    assert isinstance(data["matches"][0]["score"], float)


def test_filters(shop: ShopKnowledge) -> None:
    shirts = shop.filter_products(category="셔츠")
    assert shirts and all(p.category == "셔츠" for p in shirts)
    jeans = shop.filter_products(category="청바지")
    assert jeans and all(p.category == "데님" for p in jeans)
    cheap = shop.filter_products(max_price=30000, limit=100)
    assert cheap and all(p.price <= 30000 for p in cheap)
    sale = shop.filter_products(on_sale=True, limit=100)
    assert sale and all(p.on_sale and p.list_price and p.list_price > p.price for p in sale)
    black_l = shop.filter_products(category="셔츠", size="라지", color="검정", in_stock=True)
    for p in black_l:
        assert any(v.size == "L" and v.color == "블랙" and v.stock > 0 for v in p.variants)
    numeric = shop.filter_products(category="셔츠", size="105", limit=100)
    assert numeric and all("XL" in p.sizes for p in numeric)


def test_product_facts(shop: ShopKnowledge) -> None:
    p = shop.product("P001")
    assert p is not None and p.name == "옥스포드 셔츠"
    assert p.price > 0 and p.sizes and p.colors and p.size_chart
    assert all(isinstance(v.stock, int) and v.stock >= 0 for v in p.variants)
    assert p.variant(size="l", color="화이트") == [v for v in p.variants if v.size == "L" and v.color == "화이트"]
    assert shop.product("nope") is None
    assert set(shop.categories()) >= {"셔츠", "니트", "데님"}


def test_faq(shop: ShopKnowledge) -> None:
    found = shop.faq("적립금")
    assert found and "적립금" in (found[0].question + found[0].answer)
    assert shop.faq("") == []
