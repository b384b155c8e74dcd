"""OWL -> JSON index: extraction of the bundled file, schema violations of broken files, version checks."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from core.config import BUNDLED_ONTOLOGY, PROJECT_ROOT
from core.knowledge.model import INDEX_FORMAT_VERSION, KnowledgeError
from core.knowledge.shop_knowledge import ShopKnowledge
from core.knowledge.owl_index import (OntologyIndexVersionError, OntologyParseError, build_index, content_hash,
                                 dump_index, load_index)
from core.knowledge.manager import LocalSource, load_knowledge, local_index_path

BUNDLED = BUNDLED_ONTOLOGY.read_text(encoding="utf-8")


def _violations(text: str) -> list[str]:
    _, found = build_index(text.encode("utf-8"), source="test.owl")
    return [str(v) for v in found]


def test_bundled_ontology_is_valid_and_complete() -> None:
    index, violations = build_index(BUNDLED.encode("utf-8"), source=str(BUNDLED_ONTOLOGY))
    assert violations == []
    k = ShopKnowledge(json.loads(dump_index(index)))
    assert len(k) >= 60 and len(k.categories()) >= 10 and len(k.order_numbers()) >= 20
    assert k.version == content_hash(BUNDLED.encode("utf-8"))
    p = k.product("P001")
    assert p is not None and p.on_sale and p.sale_until and p.list_price and p.list_price > p.price
    assert any(v.restock_date for prod in k.products() for v in prod.variants if v.stock == 0)
    assert all(prod.size_chart for prod in k.products())


def test_rdflib_fallback_parser_agrees() -> None:
    fast, _ = build_index(BUNDLED.encode("utf-8"), parser="owlready2")
    slow, violations = build_index(BUNDLED.encode("utf-8"), parser="rdflib")
    assert violations == []
    a, b = ShopKnowledge(fast), ShopKnowledge(slow)
    assert sorted(a.product_ids()) == sorted(b.product_ids())
    assert a.product("P010").to_dict()["price"] == b.product("P010").to_dict()["price"]
    assert a.delivery_policy() == b.delivery_policy()
    assert set(a.product("P001").aliases) == set(b.product("P001").aliases)
    assert a.product("P001").sizes == b.product("P001").sizes == ["M", "L", "XL", "XXL"]


def test_rdflib_reads_in_document_order_in_every_process() -> None:
    """rdflib's store iterates in hash order and names blank nodes by uuid4: without reading in document order
    a Turtle shop's variants and option values (and the replies that list them) changed order per process."""
    code = ("from core.knowledge.owl_index import parse_triples; from core.config import PROJECT_ROOT; "
            "c = parse_triples((PROJECT_ROOT / 'tests/data/shops/electronics.ttl').read_bytes(), name='e.ttl'); "
            "print(repr(c.datas[:400]), repr(c.objs[:400]))")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           cwd=PROJECT_ROOT).stdout for _ in range(2)}
    assert len(runs) == 1
    fast, _ = build_index(BUNDLED.encode("utf-8"), parser="owlready2")
    slow, _ = build_index(BUNDLED.encode("utf-8"), parser="rdflib")
    a, b = ShopKnowledge(fast), ShopKnowledge(slow)
    assert [v.sku for v in a.product("P001").variants] == [v.sku for v in b.product("P001").variants]


@pytest.mark.parametrize(("mutate", "expected"), [
    (lambda t: t.replace("<schema:name>옥스포드 셔츠</schema:name>", "", 1), "product/P001: product P001 has no schema:name"),
    (lambda t: t.replace('<schema:price rdf:datatype="&xsd;integer">31200</schema:price>', "", 1),
     "offer/P001-WHT-M: offer of P001-WHT-M has no schema:price"),
    (lambda t: t.replace("<schema:priceCurrency>KRW</schema:priceCurrency>", "<schema:priceCurrency>USD</schema:priceCurrency>", 1),
     "must have schema:priceCurrency \"KRW\""),
    (lambda t: re.sub(r'(rdf:about="stock/P001-WHT-L"><schema:value rdf:datatype="&xsd;integer">)\d+', r"\g<1>-3", t),
     "stock/P001-WHT-L: stock of P001-WHT-L is negative (-3)"),
    (lambda t: t.replace("<schema:size>L</schema:size><schema:color>화이트</schema:color><schema:offers rdf:resource=\"offer/P001-WHT-L\"/>",
                         "<schema:color>화이트</schema:color><schema:offers rdf:resource=\"offer/P001-WHT-L\"/>", 1),
     "product/P001: product P001: variant P001-WHT-L has no 'size' value although other variants vary by it"),
    (lambda t: t.replace('<schema:orderedItem rdf:resource="variant/P001-WHT-L"/>', '<schema:orderedItem rdf:resource="variant/NOPE"/>', 1),
     "which is not a variant"),
    (lambda t: t.replace("<shop:policyKey>returns</shop:policyKey>", "<shop:policyKey>returns-old</shop:policyKey>", 1),
     "required policy section 'returns' is missing"),
    # every field docs/ontology.md calls required is enforced
    (lambda t: t.replace("<schema:sku>P001-WHT-L</schema:sku>", "", 1), "variant has no schema:sku"),
    (lambda t: t.replace('<schema:offers rdf:resource="offer/P001-WHT-L"/>', "", 1),
     "variant P001-WHT-L has no schema:offers"),
    (lambda t: t.replace('<schema:inventoryLevel rdf:resource="stock/P001-WHT-L"/>', "", 1),
     "offer of P001-WHT-L has no schema:inventoryLevel value"),
    (lambda t: t.replace("<schema:productGroupID>P002</schema:productGroupID>",
                         "<schema:productGroupID>P001</schema:productGroupID>", 1), "duplicate productGroupID P001"),
    (lambda t: re.sub(r"<schema:hasVariant rdf:resource=\"variant/P072-[^\"]+\"/>", "", t),
     "product P072 has no schema:hasVariant"),
    (lambda t: t.replace("<schema:orderStatus>배송완료</schema:orderStatus>", "", 1),
     "order 20261012-0003 has no schema:orderStatus"),
    (lambda t: t.replace('<schema:orderDate rdf:datatype="&xsd;dateTime">2026-10-12T09:41:00</schema:orderDate>', "", 1),
     "order 20261012-0003 has no schema:orderDate"),
    (lambda t: t.replace('<shop:shippingFee rdf:datatype="&xsd;integer">0</shop:shippingFee><shop:orderTotal '
                         'rdf:datatype="&xsd;integer">75200', '<shop:orderTotal rdf:datatype="&xsd;integer">75200', 1),
     "order 20261012-0003 has no shop:shippingFee"),
    (lambda t: re.sub(r'<shop:orderLine rdf:resource="orderline/20261012-0003-\d"/>', "", t),
     "order 20261012-0003 has no shop:orderLine"),
    (lambda t: t.replace("<schema:name>조군샵</schema:name><schema:alternateName>JOGUNSHOP", "<schema:alternateName>JOGUNSHOP", 1),
     "no schema:OnlineStore with a schema:name"),
    (lambda t: t.replace('<schema:shippingRate rdf:resource="amount/base-fee"/>', "", 1)
     .replace('<shop:baseFee rdf:datatype="&xsd;integer">3000</shop:baseFee>', "", 1),
     "delivery policy has no base fee"),
    (lambda t: re.sub(r'<shop:surcharge rdf:datatype="&xsd;integer">3000</shop:surcharge>', "", t, count=1),
     "제주 shipping rule has no shop:surcharge"),
])
def test_broken_files_report_the_individual(mutate, expected: str) -> None:
    broken = mutate(BUNDLED)
    assert broken != BUNDLED, "mutation did not apply: the bundled file changed shape"
    found = _violations(broken)
    assert any(expected in v for v in found), found


def test_malformed_rdf_names_the_line(tmp_path: Path) -> None:
    lines = BUNDLED.splitlines()
    target = next(i for i, line in enumerate(lines) if "product/P002" in line and "ProductGroup" in line)
    lines[target] = lines[target].replace("</schema:name>", "</schema:nam>", 1)
    with pytest.raises(OntologyParseError, match=rf"line {target + 1}"):
        build_index("\n".join(lines).encode("utf-8"), source="broken.owl")
    with pytest.raises(OntologyParseError, match="empty"):
        build_index(b"  ", source="empty.owl")


def test_index_for_another_version_is_refused() -> None:
    index, _ = build_index(BUNDLED.encode("utf-8"))
    raw = dump_index(index)
    assert load_index(raw, expected_sha256=index["ontology_sha256"])["products"]
    with pytest.raises(OntologyIndexVersionError, match="built for ontology version .* rebuild"):
        load_index(raw, expected_sha256="0" * 64)
    old = dict(index, format_version=INDEX_FORMAT_VERSION - 1)
    with pytest.raises(OntologyIndexVersionError, match="this code reads"):
        load_index(dump_index(old))
    with pytest.raises(KnowledgeError, match="rebuild"):
        ShopKnowledge(old)
    with pytest.raises(OntologyIndexVersionError, match="not valid JSON"):
        load_index(b"{nope")


def test_local_index_is_written_and_reused(tmp_path: Path) -> None:
    owl = tmp_path / "shop.owl"
    owl.write_text(BUNDLED, encoding="utf-8")
    first = load_knowledge(LocalSource(owl))
    index_file = local_index_path(owl, first.version)
    assert index_file.exists() and index_file.name == f"shop.owl.{first.version[:12]}.index.json"
    again = load_knowledge(LocalSource(owl))
    assert again.version == first.version and len(again) == len(first)
    # an index whose content belongs to another version is ignored, not trusted
    owl.write_text(BUNDLED.replace("옥스포드 셔츠</schema:name>", "옥스포드 셔츠 NEW</schema:name>", 1), encoding="utf-8")
    changed = load_knowledge(LocalSource(owl))
    assert changed.product("P001").name == "옥스포드 셔츠 NEW"
    assert not index_file.exists()  # the stale index was replaced


def test_read_only_directory_is_fine(tmp_path: Path) -> None:
    owl = tmp_path / "ro" / "shop.owl"
    owl.parent.mkdir()
    owl.write_text(BUNDLED, encoding="utf-8")
    owl.parent.chmod(0o555)
    try:
        k = load_knowledge(LocalSource(owl))
        assert len(k) > 0
    finally:
        owl.parent.chmod(0o755)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "core.ontology_manager", *args], cwd=PROJECT_ROOT,
                          capture_output=True, text=True, timeout=60, check=False)


def test_cli_validate(tmp_path: Path) -> None:
    ok = _cli("validate", str(BUNDLED_ONTOLOGY))
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("OK ") and ok.stdout.count("\n") == 1
    broken = tmp_path / "broken.owl"
    broken.write_text(BUNDLED.replace("<schema:name>옥스포드 셔츠</schema:name>", "", 1)
                      .replace("<shop:policyKey>returns</shop:policyKey>", "<shop:policyKey>shop</shop:policyKey>", 1),
                      encoding="utf-8")
    bad = _cli("validate", str(broken))
    assert bad.returncode == 1
    assert "https://jogunshop.example/data/product/P001: product P001 has no schema:name" in bad.stdout
    assert "required policy section 'returns' is missing" in bad.stdout
    malformed = tmp_path / "malformed.owl"
    malformed.write_text(BUNDLED[: len(BUNDLED) // 2], encoding="utf-8")
    worse = _cli("validate", str(malformed))
    assert worse.returncode == 1 and "line" in worse.stderr


def test_cli_build_and_query(tmp_path: Path) -> None:
    owl = tmp_path / "ontology.owl"
    owl.write_text(BUNDLED, encoding="utf-8")
    built = _cli("build", str(owl))
    assert built.returncode == 0, built.stderr
    assert json.loads(built.stdout)["products"] >= 60
    assert list(tmp_path.glob("ontology.owl.*.index.json"))
    found = json.loads(_cli("query", "--source", str(owl), "find", "린넨셔츠 L").stdout)
    assert found["matches"][0]["product_id"] == "P003" and found["options"]["size"] == "L"
    fee = json.loads(_cli("query", "--source", str(owl), "delivery-quote", "--region", "제주", "--amount", "45000").stdout)
    assert fee["region"] == "제주" and fee["fee"] == fee["base_fee"] + fee["surcharge"]
    dispatch = json.loads(_cli("query", "--source", str(owl), "dispatch", "--ordered-at", "2026-11-20T15:10").stdout)
    assert dispatch["dispatch_date"] == "2026-11-23"
    order = json.loads(_cli("query", "--source", str(owl), "order", "20261105-0012").stdout)
    assert order["number"] == "20261105-0012" and order["items"]
    policy = json.loads(_cli("query", "--source", str(owl), "policy", "returns").stdout)
    assert policy["key"] == "returns" and policy["values"]
    faq = json.loads(_cli("query", "--source", str(owl), "faq", "적립금").stdout)
    assert faq and "적립금" in faq[0]["question"] + faq[0]["answer"]
    every = json.loads(_cli("query", "--source", str(owl), "faq").stdout)  # no words: every entry, as the summary counts
    assert len(every) == json.loads(_cli("query", "--source", str(owl), "summary").stdout)["faq"] > len(faq)
    filtered = json.loads(_cli("query", "--source", str(owl), "filter", "--category", "셔츠", "--max-price", "50000",
                               "--size", "L").stdout)
    assert filtered and all(p["price"] <= 50000 and "L" in p["options"]["사이즈"] for p in filtered)
    product = json.loads(_cli("query", "--source", str(owl), "product", "P001").stdout)
    assert product["id"] == "P001" and product["variants"]
    listed = json.loads(_cli("query", "--source", str(owl), "orders").stdout)  # the operator's listing of every order
    assert "20261105-0012" in [o["number"] for o in listed] and len(listed) == json.loads(
        _cli("query", "--source", str(owl), "summary").stdout)["orders"]
    assert {"number", "ordered_at", "status", "total"} <= set(listed[0])
    missing = _cli("query", "--source", str(owl), "order", "00000000-0000")
    assert missing.returncode == 1 and "no order" in missing.stderr


def test_cli_query_on_a_day_answers_as_the_bot_does_that_day(tmp_path: Path) -> None:
    """A sale that has ended is over and a restock date that has passed is no promise, as customers are told."""
    owl = tmp_path / "ontology.owl"
    owl.write_text(BUNDLED, encoding="utf-8")
    as_written = json.loads(_cli("query", "--source", str(owl), "filter", "--on-sale", "--limit", "200").stdout)
    assert as_written
    later = json.loads(_cli("query", "--source", str(owl), "--on", "2099-01-01", "filter", "--on-sale").stdout)
    assert later == []
    product = json.loads(_cli("query", "--on=2099-01-01", "--source", str(owl), "product", as_written[0]["id"]).stdout)
    assert not product["on_sale"] and all(v["restock_date"] is None for v in product["variants"])
    bad = _cli("query", "--source", str(owl), "--on", "someday", "summary")
    assert bad.returncode != 0 and "--on must be an ISO date" in bad.stderr


# -- the validator a shop owner can trust (issue 8) ------------------------------------------------------
def _index_and_violations(text: str) -> tuple[ShopKnowledge, list]:
    index, found = build_index(text.encode("utf-8"), source="test.owl")
    return ShopKnowledge(index), found


def test_two_variants_with_one_sku_are_reported_and_both_kept() -> None:
    broken = BUNDLED.replace("<schema:sku>P001-WHT-XL</schema:sku>", "<schema:sku>P001-WHT-L</schema:sku>", 1)
    k, found = _index_and_violations(broken)
    assert any("variant/P001-WHT-XL: duplicate sku P001-WHT-L" in str(v) and v.is_error for v in found), found
    sizes = [v.size for v in k.product("P001").variants if v.sku == "P001-WHT-L"]
    assert sorted(sizes) == ["L", "XL"]  # two variants, not one merged


def test_two_variants_written_under_one_iri_are_an_error_not_a_merged_variant() -> None:
    """Writers that derive the IRI from the SKU put two variants sharing a SKU on one node: RDF merges them."""
    broken = (BUNDLED.replace('<schema:Product rdf:about="variant/P001-WHT-XL"><schema:sku>P001-WHT-XL</schema:sku>',
                              '<schema:Product rdf:about="variant/P001-WHT-L"><schema:sku>P001-WHT-L</schema:sku>', 1)
              .replace('<schema:hasVariant rdf:resource="variant/P001-WHT-XL"/>', "", 1))
    assert broken.count('rdf:about="variant/P001-WHT-L"') == 2
    k, found = _index_and_violations(broken)
    merged = [str(v) for v in found if "carries 2 schema:offers" in str(v)]
    assert merged and merged[0].startswith("https://jogunshop.example/data/variant/P001-WHT-L: "), found
    assert "P001-WHT-L" not in {v.sku for v in k.product("P001").variants}  # the chimera is not served


def test_a_list_price_not_above_the_price_is_a_warning_and_ignored(tmp_path: Path) -> None:
    broken = BUNDLED.replace('<schema:UnitPriceSpecification rdf:about="listprice/P001-WHT-L"><schema:price '
                             'rdf:datatype="&xsd;integer">39000</schema:price>',
                             '<schema:UnitPriceSpecification rdf:about="listprice/P001-WHT-L"><schema:price '
                             'rdf:datatype="&xsd;integer">31200</schema:price>', 1)
    k, found = _index_and_violations(broken)
    (warning,) = found
    assert not warning.is_error and "list price 31200 not above its price 31200" in warning.message
    (variant,) = k.product("P001").variant(size="L", color="화이트")
    assert variant.list_price is None and not variant.on_sale
    owl = tmp_path / "warn.owl"
    owl.write_text(broken, encoding="utf-8")
    result = _cli("validate", str(owl))
    assert result.returncode == 0, result.stderr  # warnings do not fail validation
    assert "offer/P001-WHT-L: warning: offer of P001-WHT-L has list price" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("OK ") and "1 warning(s)" in result.stdout
    built = _cli("build", str(owl))
    assert built.returncode == 0 and "warning:" in built.stderr


def test_option_axes_must_agree_with_variesby() -> None:
    color = "<schema:variesBy>https://schema.org/color</schema:variesBy>"
    unknown = BUNDLED.replace(color, color + "<schema:variesBy>용량</schema:variesBy>", 1)
    found = _violations(unknown)
    assert any("product P001 varies by '용량' (schema:variesBy) but no variant states a '용량' value" in v
               for v in found), found
    undeclared = BUNDLED.replace(color, "", 1)
    _, found = _index_and_violations(undeclared)
    (warning,) = found
    assert not warning.is_error and "variants state 'color' but schema:variesBy lists only size" in warning.message


def test_duplicate_order_numbers_and_statuses() -> None:
    twice = BUNDLED.replace("<schema:orderNumber>20261015-0021</schema:orderNumber>",
                            "<schema:orderNumber>20261012-0003</schema:orderNumber>", 1)
    assert any("order/20261015-0021: order number 20261012-0003 is also used by" in v for v in _violations(twice))
    for iri, korean in (("OrderPaymentDue", "결제대기"), ("OrderProblem", "확인필요"),
                        ("OrderReturned", "반품완료"), ("OrderPickupAvailable", "픽업대기")):
        text = BUNDLED.replace("<schema:orderNumber>20261012-0003</schema:orderNumber>"
                               '<schema:orderDate rdf:datatype="&xsd;dateTime">2026-10-12T09:41:00</schema:orderDate>'
                               "<schema:orderStatus>배송완료</schema:orderStatus>",
                               "<schema:orderNumber>20261012-0003</schema:orderNumber>"
                               '<schema:orderDate rdf:datatype="&xsd;dateTime">2026-10-12T09:41:00</schema:orderDate>'
                               f'<schema:orderStatus rdf:resource="&schema;{iri}"/>', 1)
        k, found = _index_and_violations(text)
        assert found == [] and k.order("20261012-0003").status == korean


def test_product_price_and_list_price_come_from_one_variant() -> None:
    from core.knowledge.model import Product, Variant

    p = Product(id="X", iri="", name="x", variants=(
        Variant("X-1", (("size", "S"),), stock=3, price=9000),
        Variant("X-2", (("size", "M"),), stock=3, price=12000, list_price=20000, sale_until="2026-12-31")))
    assert (p.price, p.list_price, p.sale_until) == (9000, None, None)  # never 9000 struck through from 20000
    assert p.on_sale  # some variant is on sale
    q = Product(id="Y", iri="", name="y", variants=(
        Variant("Y-1", (("size", "S"),), stock=3, price=15000, list_price=20000, sale_until="2026-12-31"),
        Variant("Y-2", (("size", "M"),), stock=3, price=18000)))
    assert (q.price, q.list_price, q.sale_until) == (15000, 20000, "2026-12-31")


def test_cli_query_reads_source_in_any_position(tmp_path: Path) -> None:
    shop = PROJECT_ROOT / "tests" / "data" / "shops" / "plain_numbers_accessories.owl"
    for args in (("query", "summary", "--source", str(shop)), ("query", "--source", str(shop), "summary"),
                 ("query", "summary", f"--source={shop}")):
        result = _cli(*args)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["shop"] == "소소잡화", args
    found = json.loads(_cli("query", "find", "토트백", "--source", str(shop), "--limit", "1").stdout)
    assert len(found["matches"]) == 1 and found["query"] == "토트백"
    bad = _cli("query", "summary", "extra")
    assert bad.returncode == 2 and "takes no arguments" in bad.stderr
    assert not list(shop.parent.glob(shop.name + ".*.index.json")), "a query must not write beside its source"


def test_the_docs_agree_with_the_validator() -> None:
    """docs/ontology.md's status table and required policy keys are the validator's."""
    from core.knowledge.model import REQUIRED_POLICY_KEYS
    from core.knowledge.owl_index import ORDER_STATUS_IRIS, ORDER_STATUSES

    doc = (PROJECT_ROOT / "docs" / "ontology.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([가-힣]+)` \| (?:`(Order\w+)`|–) \|", doc, re.M)
    assert tuple(korean for korean, _ in rows) == ORDER_STATUSES
    assert {iri: korean for korean, iri in rows if iri} == ORDER_STATUS_IRIS
    required = re.search(r"Required keys: (.*?)\. Keys", doc, re.S)
    assert required and re.findall(r"`(\w+)`", required.group(1)) == list(REQUIRED_POLICY_KEYS)
