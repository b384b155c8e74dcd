"""The ontology writer emits valid, escaped RDF/XML in the documented schema and refuses bad data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from core.knowledge.owl_index import build_index
from core.identity import fingerprint
from core.knowledge.owl_writer import (
    CustomerData,
    DeliveryData,
    OntologyWriteError,
    OrderData,
    OrderLineData,
    PartData,
    PolicyData,
    ProductData,
    ShopData,
    VariantData,
    render_ontology,
    write_ontology,
)
from core.knowledge.shop_knowledge import ShopKnowledge
from devstack.ontology_writer import main, synthetic_catalogue
from devstack.shop_catalogue import bundled_shop

SCHEMA = Namespace("https://schema.org/")
SHOP = Namespace("https://jogunshop.example/ns#")
DATA = "https://jogunshop.example/data/"
DOC = Path(__file__).resolve().parents[2] / "docs" / "ontology.md"


def parse(text: str) -> Graph:
    graph = Graph()
    graph.parse(data=text, format="xml")
    return graph


def test_special_characters_are_escaped_and_round_trip() -> None:
    shop = bundled_shop()
    product = shop.products[0]
    product.name = '셔츠 <한정> & "특가" \'오늘\''
    product.aliases = ["a&b", "<tag>"]
    graph = parse(render_ontology(shop))
    node = URIRef(f"{DATA}product/{product.id}")
    assert graph.value(node, SCHEMA.name) == Literal(product.name)
    assert {str(a) for a in graph.objects(node, SCHEMA.alternateName)} == {"a&b", "<tag>"}


def test_synthetic_catalogue_has_the_requested_shape() -> None:
    shop = synthetic_catalogue(40, variants_per_product=10, seed=3)
    graph = parse(render_ontology(shop))
    groups = list(graph.subjects(RDF.type, SCHEMA.ProductGroup))
    assert len(groups) == 40
    assert all(len(list(graph.objects(g, SCHEMA.hasVariant))) == 10 for g in groups)
    skus = [str(s) for s in graph.objects(None, SCHEMA.sku)]
    assert len(skus) == len(set(skus)) == 400
    names = [str(graph.value(g, SCHEMA.name)) for g in groups]
    assert len(set(names)) == 40
    assert len(list(graph.subjects(RDF.type, SHOP.PolicySection))) >= 14
    assert len(list(graph.subjects(RDF.type, SCHEMA.Order))) == 20


def test_synthetic_catalogue_is_deterministic() -> None:
    assert render_ontology(synthetic_catalogue(15, seed=7)) == render_ontology(synthetic_catalogue(15, seed=7))
    assert render_ontology(synthetic_catalogue(15, seed=7)) != render_ontology(synthetic_catalogue(15, seed=8))


def test_order_with_unknown_sku_is_refused_with_its_number() -> None:
    shop = bundled_shop()
    shop.orders[0].lines.append(OrderLineData("NOPE-BLK-L", 1, 1000))
    with pytest.raises(OntologyWriteError, match=shop.orders[0].number):
        render_ontology(shop)


def test_list_price_must_exceed_sale_price() -> None:
    shop = bundled_shop()
    variant = shop.products[0].variants[0]
    variant.list_price = variant.price
    with pytest.raises(OntologyWriteError, match=variant.sku):
        render_ontology(shop)


def test_write_is_atomic_and_cli_writes_synthetic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = write_ontology(synthetic_catalogue(5), tmp_path / "shop.owl")
    assert out.exists() and not list(tmp_path.glob("*.tmp"))
    assert main(["synthetic", "12", str(tmp_path / "cli.owl"), "--variants", "4"]) == 0
    assert "12 products, 48 variants" in capsys.readouterr().out
    assert len(list(parse((tmp_path / "cli.owl").read_text(encoding="utf-8")).subjects(RDF.type, SCHEMA.Product))) == 48


def test_documented_example_parses() -> None:
    block = re.findall(r"```xml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)[-1]
    graph = parse(block)
    offer = URIRef(f"{DATA}offer/P001-WHT-L")
    assert int(graph.value(offer, SCHEMA.price)) == 31200
    order = URIRef(f"{DATA}order/20261105-0012")
    assert str(graph.value(order, SCHEMA.orderStatus)) == "배송중"


def _cosmetics_shop() -> ShopData:
    """A non-clothing shop in its own namespace: volumes, shades, a set, single-form items, W-style orders."""
    toner = ProductData(id="T1", name="수분 토너", category="스킨케어", variants=[
        VariantData(sku="T1-150", options={"용량": "150ml"}, stock=12, price=18000),
        VariantData(sku="T1-300", options={"용량": "300ml"}, stock=2, price=26100, list_price=29000,
                    sale_until="2026-12-31")])
    cushion = ProductData(id="C1", name="커버 쿠션", category="메이크업", variants=[
        VariantData(sku="C1-21-15", options={"호수": "21호 라이트", "용량": "15g"}, stock=5, price=32000),
        VariantData(sku="C1-23-15", options={"호수": "23호 미디엄", "용량": "15g"}, stock=0, price=32000)])
    balm = ProductData(id="B1", name="립밤", variants=[VariantData(sku="B1", stock=40, price=6000)])
    kettle = ProductData(id="E1", name="전기 포트", category="주방가전", varies_by=["용량", "color"], variants=[
        VariantData(sku="E1-WH", color="화이트", options={"용량": "1.7L"}, stock=6, price=45000),
        VariantData(sku="E1-BK", color="블랙", options={"용량": "1.7L"}, stock=0, price=45000,
                    availability="BackOrder")])
    kit = ProductData(id="K1", name="스킨케어 세트", category="세트", brand="라라랩",
                      variants=[VariantData(sku="K1", stock=7, price=39000)],
                      parts=[PartData("수분 토너 150ml", 1, "T1"), PartData("립밤", 2, "B1"), PartData("파우치")])
    delivery = DeliveryData(carrier="우체국택배", base_fee=3000, free_threshold=30000, cutoff="13:00",
                            handling_days=(0, 1), transit_days=(1, 2))
    return ShopData(
        name="라라코스메틱", url="https://lala.example", delivery=delivery, base_iri="https://lala.example/",
        policies=[PolicyData("delivery", "배송 안내", "우체국택배로 보냅니다."),
                  PolicyData("returns", "반품 안내", "7일 이내 반품할 수 있습니다.", {"returnDays": 7})],
        products=[toner, cushion, balm, kit, kettle],
        orders=[OrderData("W2378156", "2026-11-20T10:00:00", "결제대기", [OrderLineData("T1-300", 1, 26100)],
                          shipping_fee=3000, region="기본",
                          customer=CustomerData(name="정 하린", telephone="+82 10-4821-3307", member_id="lala-0042"))])


def test_options_of_any_kind_bundles_and_the_shops_own_namespace_round_trip() -> None:
    text = render_ontology(_cosmetics_shop())
    assert "jogunshop" not in text
    graph = parse(text)
    group = URIRef("https://lala.example/data/product/C1")
    assert {str(o) for o in graph.objects(group, SCHEMA.variesBy)} == {"호수", "용량"}
    index, violations = build_index(text.encode("utf-8"), source="lala.owl")
    assert violations == []
    k = ShopKnowledge(index)
    cushion = k.product("C1")
    assert [a.key for a in cushion.axes] == ["호수", "용량"]
    assert cushion.variant(호수="21호 라이트")[0].stock == 5
    toner = k.product("T1")
    assert toner.axes[0].label == "용량" and toner.values("용량") == ["150ml", "300ml"]
    assert (toner.price, toner.list_price) == (18000, None)  # the cheapest variant is not on sale
    assert k.product("B1").axes == () and k.product("B1").variants[0].label == ""
    kettle = k.product("E1")  # the reading order survives a mix of schema.org and named axes
    assert [(a.key, a.label) for a in kettle.axes] == [("용량", "용량"), ("color", "색상")]
    assert kettle.variants[1].label == "1.7L / 블랙" and kettle.variants[1].availability == "BackOrder"
    assert [(p.name, p.quantity, p.product_id) for p in k.product("K1").parts] == [
        ("수분 토너", 1, "T1"), ("립밤", 2, "B1"), ("파우치", 1, None)]
    assert k.product("K1").brand == "라라랩" and k.product("T1").brand == "라라코스메틱"
    assert k.order("W2378156").status == "결제대기"


def test_the_customer_is_written_as_a_person_and_indexed_only_as_fingerprints() -> None:
    # GIVEN an order with its customer (member id, phone, name)
    text = render_ontology(_cosmetics_shop())
    graph = parse(text)
    order = URIRef("https://lala.example/data/order/W2378156")
    person = graph.value(order, SCHEMA.customer)
    # THEN the file names a schema:Person with the readable identifiers (the ontology is the shop's own data)
    assert (person, RDF.type, SCHEMA.Person) in graph
    assert (str(graph.value(person, SCHEMA.identifier)), str(graph.value(person, SCHEMA.telephone)),
            str(graph.value(person, SCHEMA.name))) == ("lala-0042", "+82 10-4821-3307", "정 하린")
    # AND the index the runtime loads holds fingerprints of the normalised values, nothing readable
    index, _ = build_index(text.encode("utf-8"), source="lala.owl")
    dumped = __import__("json").dumps(index, ensure_ascii=False)
    assert "lala-0042" not in dumped and "4821" not in dumped and "하린" not in dumped
    assert ShopKnowledge(index).order("W2378156").owner == {
        "member": fingerprint("member", "lala-0042"), "phone": fingerprint("phone", "01048213307"),
        "phone_last4": fingerprint("phone_last4", "3307"), "name": fingerprint("name", "정하린")}
    assert fingerprint("name", "정 하린") == fingerprint("name", "정하린") and fingerprint("phone", "010-4821-3307") == \
        fingerprint("phone", "+82 10 4821 3307")


def test_an_order_without_a_customer_is_a_warning_and_a_bad_phone_is_refused() -> None:
    shop = _cosmetics_shop()
    shop.orders[0].customer = None
    _, violations = build_index(render_ontology(shop).encode("utf-8"), source="lala.owl")
    assert [v.severity for v in violations] == ["warning"] and "shows this order to nobody" in violations[0].message
    shop.orders[0].customer = CustomerData(name="정하린", telephone="모름")
    with pytest.raises(OntologyWriteError, match="W2378156: the customer needs a name and a phone number"):
        render_ontology(shop)


def test_variant_options_must_follow_the_products_axes() -> None:
    shop = _cosmetics_shop()
    shop.products[1].variants[1].options.pop("호수")
    with pytest.raises(OntologyWriteError, match="C1-23-15: no '호수' value"):
        render_ontology(shop)
    shop = _cosmetics_shop()
    shop.products[0].varies_by = ["용량", "색상"]
    with pytest.raises(OntologyWriteError, match="T1-150: no '색상' value"):
        render_ontology(shop)
    shop = _cosmetics_shop()
    shop.products[0].variants[1].options["용량"] = "150ml"
    with pytest.raises(OntologyWriteError, match="T1-150 and T1-300 have the same options"):
        render_ontology(shop)
