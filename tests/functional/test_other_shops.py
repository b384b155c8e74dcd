"""Other shops' ontologies, hand-written in legitimate styles other than ours (tests/data/shops/).

Each file follows docs/ontology.md but varies what a real author varies: http://schema.org/, its own
term namespace, @ko/@en literals, rdf:Description + blank nodes (rdf:parseType="Resource"), decimal
and plain number literals, Turtle. The extractor must read each one's own facts, the validator must
explain a broken file, and the offline agent must answer with that shop's own numbers and name.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from agent.order_access import owner_identity
from agent.pipeline import SupportPipeline
from core.config import Settings
from core.knowledge.shop_knowledge import ShopKnowledge
from core.knowledge.owl_index import OntologyParseError, build_index, parse_triples
from core.knowledge.cli import main as manager_main

SHOPS = Path(__file__).resolve().parents[1] / "data" / "shops"
NOW = datetime(2026, 11, 23, 10, 30)  # a Monday morning, before every shop's cut-off

# Facts each file states (read off the files by hand, not computed by the code under test).
EXPECTED: dict[str, dict[str, Any]] = {
    "http_schema_menswear.owl": {
        "shop": "모던핏 스튜디오", "carrier": "롯데택배", "base_fee": 2500, "free": 40000, "jeju": 4000,
        "remote": 6000, "cutoff": "13:00", "product": ("M100", "크루넥 울 니트"),
        "variant": ("M100", "M", "네이비", 2, 40500, 45000), "returns_days": 10, "order": ("20261118-0031", "배송중"),
        "asks": {"크루넥 울 니트 M 네이비 재고랑 가격 알려주세요": ("2개", "40,500원"),
                 "제주도로 35000원어치 주문하면 배송비 얼마에요?": ("6,500원",)},
    },
    "lang_tagged_womenswear.owl": {
        "shop": "봄날의 옷장", "carrier": "한진택배", "base_fee": 3500, "free": 70000, "jeju": 3000,
        "remote": 5000, "cutoff": "15:00", "product": ("W01", "플라워 미디 원피스"),
        "variant": ("W01", "M", "아이보리", 3, 59000, None), "returns_days": 14, "order": ("20261120-0207", "상품준비중"),
        "asks": {"floral dress 아이보리 M 재고 있어요?": ("3개",),
                 "오늘 오후 5시에 주문하면 언제 출고돼요?": ("15:00", "11월 24일")},
    },
    "blank_node_shoes.owl": {
        "shop": "발걸음 슈즈", "carrier": "우체국택배", "base_fee": 4000, "free": 100000, "jeju": 5000,
        "remote": 7000, "cutoff": "11:30", "product": ("S20", "첼시 부츠"),
        "variant": ("S10", "250", "화이트", 1, 44100, 49000), "returns_days": 7, "order": ("20261121-0003", "배송중"),
        "asks": {"제주 63100 으로 5만원 주문 배송비": ("9,000원",),
                 "주문번호 20261121-0003 어디쯤?": ("우체국택배", "6070-1234-5678")},
    },
    "plain_numbers_accessories.owl": {
        "shop": "소소잡화", "carrier": "로젠택배", "base_fee": 3300, "free": 30000, "jeju": 2700,
        "remote": 4500, "cutoff": "15:30", "product": ("B1", "데일리 캔버스 토트백"),
        "variant": ("B1", "FREE", "블랙", 2, 39000, None), "returns_days": 7, "order": None,
        "asks": {"토트백 얼마예요?": ("39,000원",), "제주도 2만원 주문하면 배송비 얼마?": ("6,000원",),
                 "반품 어떻게 해요?": ("3,300원",)},
    },
    "turtle_sportswear.ttl": {
        "shop": "그린런 스포츠", "carrier": "경동택배", "base_fee": 3000, "free": 60000, "jeju": 3500,
        "remote": 6500, "cutoff": "16:00", "product": ("R2", "윈드브레이커 자켓"),
        "variant": ("R1", "M", "라임", 21, 32000, None), "returns_days": 15, "order": ("20261110-0088", "배송완료"),
        "asks": {"러닝티 라임 L 가격": ("28,800원", "32,000원"), "지금 주문하면 언제 도착?": ("16:00",)},
    },
}
OUR_SHOP_WORDS = ("조군샵", "CJ대한통운", "jogunshop")


def _knowledge(name: str) -> ShopKnowledge:
    path = SHOPS / name
    index, violations = build_index(path.read_bytes(), source=str(path))
    assert violations == [], [str(v) for v in violations]
    return ShopKnowledge(index, source=str(path))


@pytest.fixture(scope="module")
def shops() -> dict[str, ShopKnowledge]:
    return {name: _knowledge(name) for name in EXPECTED}


@pytest.fixture(scope="module")
def pipeline(shops: dict[str, ShopKnowledge]) -> tuple[SupportPipeline, dict[str, ShopKnowledge]]:
    current: dict[str, ShopKnowledge] = {}
    pipe = SupportPipeline(Settings.from_env({"LM_DISABLED": "true"}), knowledge_provider=lambda: current["k"])
    return pipe, current


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validate_cli_accepts_each_shop(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert manager_main(["validate", str(SHOPS / name)]) == 0
    assert capsys.readouterr().out.startswith(f"OK {SHOPS / name}")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_key_facts_are_read_from_each_shop(name: str, shops: dict[str, ShopKnowledge]) -> None:
    k, exp = shops[name], EXPECTED[name]
    assert k.shop["name"] == exp["shop"]
    pid, pname = exp["product"]
    assert k.product(pid).name == pname
    vpid, size, color, stock, price, list_price = exp["variant"]
    (v,) = k.product(vpid).variant(size=size, color=color)
    assert (v.stock, v.price, v.list_price) == (stock, price, list_price)
    d = k.delivery_policy()
    assert (d.carrier, d.base_fee, d.free_threshold, d.jeju_surcharge, d.remote_surcharge, d.cutoff) == (
        exp["carrier"], exp["base_fee"], exp["free"], exp["jeju"], exp["remote"], exp["cutoff"])
    assert k.delivery_quote(exp["free"] - 1).fee == exp["base_fee"]
    assert k.delivery_quote(exp["free"]).fee == 0
    assert str(exp["returns_days"]) in k.policy("returns").text
    assert {p.key for p in k.policies()} >= {"delivery", "returns", "exchange", "refund", "receipts"}
    if exp["order"]:
        number, status = exp["order"]
        assert k.order(number).status == status
    else:
        assert k.order_numbers() == []


def test_variation_specific_readings(shops: dict[str, ShopKnowledge]) -> None:
    women = shops["lang_tagged_womenswear.owl"]
    assert "Flower Midi Dress" in women.product("W01").aliases  # the @en name became an alias, not the name
    assert women.find_products("floral dress").best.product_id == "W01"
    assert women.policy("delivery").text.startswith("한진택배")  # @ko text preferred over @en
    assert women.delivery_quote(80000, region="제주").fee == 0  # surchargeAppliesWhenFree false
    shoes = shops["blank_node_shoes.owl"]
    assert [v.sku for v in shoes.product("S20").variants] == ["S20-BR-255", "S20-BK-265"]  # isVariantOf
    assert shoes.product("S10").size_chart == {"250": {"발길이(mm)": 250, "굽높이": 2.5}}
    assert shoes.product("S10").variant(size="260")[0].restock_date == "2026-12-08"
    assert shoes.faq("발볼 넓어요")[0].answer.startswith("캔버스 스니커즈")
    assert shoes.order("20261121-0003").items[0].sku == "S20-BR-255"  # schema:OrderItem blank node
    accessories = shops["plain_numbers_accessories.owl"]
    assert accessories.product("B2").variant(color="블랙")[0].availability == "SoldOut"
    assert accessories.policy("delivery").values["freeShippingThreshold"] == 30000  # "30000.0" -> int
    assert accessories.policy("store").values["telephone"] == "0313334444"  # stays a string
    turtle = shops["turtle_sportswear.ttl"]
    assert turtle.product("R1").variant(size="M", color="라임")[0].price == 32000  # price only in a spec
    assert turtle.delivery_policy().holidays == ("2026-12-25",)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_offline_agent_answers_with_the_shops_own_figures(
        name: str, shops: dict[str, ShopKnowledge], pipeline: tuple[SupportPipeline, dict[str, ShopKnowledge]]) -> None:
    pipe, current = pipeline
    current["k"] = shops[name]
    greeting = pipe.answer(["안녕하세요"], now=NOW)
    assert EXPECTED[name]["shop"] in greeting.reply
    for question, figures in EXPECTED[name]["asks"].items():  # an order is asked about by its owner
        result = pipe.answer([question], now=NOW, customer=owner_identity(shops[name], question))
        for figure in figures:
            assert figure in result.reply, (question, result.reply)
        assert not any(word in result.reply for word in OUR_SHOP_WORDS), result.reply


def test_broken_shop_is_explained_not_crashed(capsys: pytest.CaptureFixture[str]) -> None:
    assert manager_main(["validate", str(SHOPS / "broken_shop.owl")]) == 1
    out = capsys.readouterr().out
    # a blank-node offer is named by where it hangs, not by a parser-internal id
    assert ("blank node (the schema:offers of blank schema:Product schema:sku 'X1-WH-M' (the schema:hasVariant of "
            "https://broken.example/product/X1)): offer of X1-WH-M has no schema:price") in out
    assert "schema:price must be a number, got '3만원'" in out
    assert "offer of X1-BK-M has no schema:inventoryLevel value" in out
    assert "required policy section 'delivery' is missing" in out  # only delivery and returns are required
    assert "https://broken.example/shipping/jeju: 제주 shipping rule has no shop:surcharge" in out
    assert "delivery policy has no shop:cutoffTime" in out
    assert "has status '배송 준비'; use one of" in out
    assert "owlready_blank" not in out and "Traceback" not in out


@pytest.mark.parametrize("text, name, message", [
    (b'{"@context": "https://schema.org", "@type": "Product"}', "shop.jsonld", "JSON-LD"),
    (b'<?xml version="1.0"?><Ontology xmlns="http://www.w3.org/2002/07/owl#"/>', "shop.owl", "not RDF/XML"),
    (b"Prefix(:=<https://x.example/>)\nOntology(<https://x.example/o>)", "shop.ofn", "functional"),
    (b"@prefix schema: <https://schema.org/> .\n:a schema:name ", "shop.ttl", "malformed Turtle"),
])
def test_unsupported_or_malformed_syntax_says_what_to_do(text: bytes, name: str, message: str) -> None:
    with pytest.raises(OntologyParseError, match=message):
        parse_triples(text, name=name)


def test_property_attributes_are_read_not_dropped() -> None:
    """owlready2's fast parser drops `<schema:Product schema:sku="A-1">`; such files go to rdflib."""
    data = (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:schema="https://schema.org/">'
            b'<schema:Product rdf:about="https://x.example/v/1" schema:sku="A-1" schema:size="M"/></rdf:RDF>')
    col = parse_triples(data, name="attrs.owl")
    assert ("https://x.example/v/1", "https://schema.org/sku", "A-1", "") in col.datas


def test_messages_name_the_files_own_namespaces() -> None:
    """A shop in http://schema.org/ and https://modernfit.example/terms# is told about its own IRIs."""
    text = (SHOPS / "http_schema_menswear.owl").read_text(encoding="utf-8")
    broken = (text.replace("<mf:policyKey>returns</mf:policyKey>", "<mf:policyKey>returns-old</mf:policyKey>", 1)
              .replace("<schema:OnlineStore ", "<schema:Thing ", 1).replace("</schema:OnlineStore>", "</schema:Thing>", 1))
    assert broken.count("Thing") == 2
    _, found = build_index(broken.encode("utf-8"), source="menswear.owl")
    messages = [str(v) for v in found]
    assert any(m.startswith("https://modernfit.example/terms#PolicySection: required policy section 'returns'")
               for m in messages), messages
    assert any(m.startswith("http://schema.org/OnlineStore: no schema:OnlineStore") for m in messages), messages
    assert not any("jogunshop" in m or "https://schema.org/" in m for m in messages), messages
