"""The ontology writer emits valid, escaped RDF/XML in the documented schema and refuses bad data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from devstack.ontology_writer import (
    OntologyWriteError,
    OrderLineData,
    main,
    render_ontology,
    synthetic_catalogue,
    write_ontology,
)
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
