"""A prebuilt JSON index is checked like the OWL: types, ranges, lengths, and links its OWL does not contain."""

from __future__ import annotations

import copy
import gc
import json
import logging
import re
import time
from pathlib import Path
from typing import Any, Callable

import pytest

from core.config import BUNDLED_ONTOLOGY, Settings
from core.knowledge import index_schema
from core.knowledge.errors import OntologyIndexInvalidError
from core.knowledge.index_schema import (IndexEnvelope, check_index_schema, check_links, check_product_row,
                                         unverified_links)
from core.knowledge.manager import LocalSource, OntologyManager, load_knowledge, local_index_path
from core.knowledge.owl_index import build_index, dump_index, load_index
from core.knowledge.shop_knowledge import ShopKnowledge

BUNDLED = BUNDLED_ONTOLOGY.read_bytes()
PHISHING = "https://jogunshop-login.example/verify"


@pytest.fixture(scope="module")
def built() -> dict[str, Any]:
    index, violations = build_index(BUNDLED, source="ontology.owl")
    assert violations == []
    return json.loads(dump_index(index))


def _variant(index: dict[str, Any], field: int, value: Any) -> None:  # noqa: ANN401
    rows = json.loads(index["products"][0]["variants"])
    rows[0][field] = value
    index["products"][0]["variants"] = json.dumps(rows, ensure_ascii=False)


def _policy(index: dict[str, Any], key: str) -> dict[str, Any]:
    return next(p for p in index["policies"] if p["key"] == key)


P001 = "https://jogunshop.example/data/product/P001"
# Found when the index is loaded: everything but the product rows' own values.
TAMPERINGS: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("negative fee", lambda i: i["delivery"].update(base_fee=-3000),
     r"the delivery policy: base_fee \(schema:shippingRate\): Input should be greater than or equal to 0 \(got -3000\)"),
    ("far date", lambda i: i["delivery"]["holidays"].append("9999-12-25"), r"holidays.*outside 2000-2100"),
    ("300k name", lambda i: i["products"][0].update(name="옥" * 300_000),
     rf"{P001}: name \(schema:name\) is 300,000 characters long; at most 300 are allowed"),
    ("huge policy", lambda i: _policy(i, "returns").update(text="가" * 20_000),
     r"policy section 'returns': text \(schema:text\) is 20,000 characters long; at most 10,000"),
    ("negative policy value", lambda i: _policy(i, "delivery")["values"].update(baseFee=-3000),
     r"policy section 'delivery': values.baseFee"),
    ("unknown order status", lambda i: i["orders"][0].update(status="환불완료(가짜)"), r"order '20261012-0003': status"),
    ("readable owner", lambda i: i["orders"][0].update(owner={"phone": "010-1234-5678"}), r"order '20261012-0003': owner"),
    ("cutoff not a time", lambda i: i["delivery"].update(cutoff="2시"), r"cutoff \(shop:cutoffTime\)"),
    ("min above max", lambda i: i["delivery"].update(transit_days_min=9), r"transit days 9-3: min above max"),
    ("search past the catalogue", lambda i: i["search"]["owners"].__setitem__(0, 10_000),
     r"search structures point at product 10000 of 72"),
    ("posting past the keys", lambda i: next(iter(i["search"]["postings"].values())).append(999_999),
     r"a search posting points at key 999999"),
    ("passage not from the policies", lambda i: i["retrieval"]["passages"][0].update(text=f"환불은 {PHISHING} 에서."),
     r"retrieval passage policy:delivery:0 does not quote the clause 'delivery'"),
    ("wrong ontology hash", lambda i: i.update(ontology_sha256="not-a-hash"), r"ontology_sha256"),
    # what the service reads of a product without building it: its id, name, aliases, category
    ("id not text", lambda i: i["products"][0].update(id=1), rf"{P001}: id: Input should be a valid string"),
    ("long alias", lambda i: i["products"][0]["aliases"].append("옥" * 301), rf"{P001}: aliases.\d+ .*at most 300"),
    ("alias list too long", lambda i: i["products"][0].update(aliases=["셔츠"] * 201),
     r"aliases \(schema:alternateName\) has 201 entries; at most 200"),
    ("category not text", lambda i: i["products"][0].update(category=None), rf"{P001}: category .*valid string"),
    ("variants not JSON text", lambda i: i["products"][0].update(variants=[]), rf"{P001}: variants: .*valid string"),
    ("product not an object", lambda i: i["products"].__setitem__(1, "P002"),
     r"the index: products.1: Input should be a valid dictionary"),
    ("search owner not a count", lambda i: i["search"]["owners"].__setitem__(0, True), r"search.owners.0"),
    ("negative posting", lambda i: next(iter(i["search"]["postings"].values())).append(-1), r"search.postings"),
    ("long posting key", lambda i: i["search"]["postings"].update({"가" * 21: [0]}), r"search.postings"),
    ("search without keys", lambda i: i["search"].pop("keys"), r"search.keys: Field required"),
    ("owners and keys differ", lambda i: i["search"]["owners"].pop(), r"search keys but .* owners"),
    ("category past the catalogue", lambda i: next(iter(i["search"]["categories"].values())).append(72),
     r"search structures point at product 72 of 72"),
]
# Found when the product is first used (`ShopKnowledge` builds it): the values of its own row.
ROW_TAMPERINGS: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("negative price", lambda i: _variant(i, 3, -31200), rf"{P001} \(variant P001-WHT-M\): price: .*greater than or equal to 0"),
    ("negative stock", lambda i: _variant(i, 2, -5), r"\(variant P001-WHT-M\): stock: .*greater than or equal to 0"),
    ("price as text", lambda i: _variant(i, 3, "31200"), r"price: Input should be a valid integer"),
    ("boolean stock", lambda i: _variant(i, 2, True), r"stock: Input should be a valid integer"),
    ("impossible date", lambda i: _variant(i, 5, "2026-02-30"), r"sale_until: .*day is out of range"),
    ("options off the axes", lambda i: _variant(i, 1, ["M"]), r"variant P001-WHT-M has 1 option values for 2 option axes"),
    ("variants not JSON", lambda i: i["products"][0].update(variants="[[\"P001-WHT-M\", "),
     rf"{P001}: variants: Invalid JSON"),
    ("unknown availability", lambda i: _variant(i, 6, "Free"), r"\(variant P001-WHT-M\): availability: Input should be"),
    ("huge description", lambda i: i["products"][0].update(description="가" * 20_000),
     rf"{P001}: description \(schema:description\) is 20,000 characters long; at most 10,000"),
    ("negative size-chart value", lambda i: i["products"][0].update(size_chart='{"M": {"총장": -1}}'),
     rf"{P001}: size_chart.M.총장: .*greater than or equal to 0"),
    ("bundle part of no quantity", lambda i: i["products"][0]["parts"].append({"name": "토너", "quantity": 0}),
     rf"{P001}: parts.0.quantity: .*greater than or equal to 1"),
]


@pytest.mark.parametrize(("what", "tamper", "match"), TAMPERINGS, ids=[t[0] for t in TAMPERINGS])
def test_a_tampered_index_is_rejected_naming_what(built: dict[str, Any], what: str,
                                                   tamper: Callable[[dict[str, Any]], None], match: str) -> None:
    index = copy.deepcopy(built)
    tamper(index)
    with pytest.raises(OntologyIndexInvalidError, match=match):
        load_index(dump_index(index), name="s3://shop/ontology.owl.index/x.json")
    assert gc.isenabled()


@pytest.mark.parametrize(("what", "tamper", "match"), ROW_TAMPERINGS, ids=[t[0] for t in ROW_TAMPERINGS])
def test_a_tampered_product_row_is_refused_when_the_product_is_used(built: dict[str, Any], what: str,
                                                                    tamper: Callable[[dict[str, Any]], None],
                                                                    match: str, caplog) -> None:  # noqa: ANN001
    assert ShopKnowledge(copy.deepcopy(built)).find_products("옥스포드 셔츠").matches[0].product_id == "P001"
    index = copy.deepcopy(built)
    tamper(index)
    loaded = load_index(dump_index(index), name="s3://shop/ontology.owl.index/x.json")  # the rest of it is fine
    k = ShopKnowledge(loaded, source="s3://shop/ontology.owl")
    hooked: list[str] = []
    k.on_refused = lambda _, message: hooked.append(message)
    caplog.set_level(logging.ERROR, logger="core.knowledge")
    assert k.product("P002") is not None
    assert k.product("P001") is None and k.product("P001") is None  # never served, reported once
    why = k.refused["P001"]
    assert re.search(match, why), why
    assert why.startswith("the knowledge index of s3://shop/ontology.owl breaks the knowledge index schema (1 problem(s); ")
    assert "That product is not served" in why and "python -m core.ontology_manager build" in why
    assert [p.id for p in k.products()] == [pid for pid in k.product_ids() if pid != "P001"]
    assert "P001" not in [m.product_id for m in k.find_products("옥스포드 셔츠").matches]
    assert k.on("2026-10-01").product("P001") is None
    assert "P001" not in [pid for pid, _ in k.products_describing(["옥스포드", "가가가"], limit=100)]
    assert [r.getMessage() for r in caplog.records if "product refused" in r.getMessage()] == [f"product refused: {why}"]
    assert hooked == [why]
    # the same message as the whole-index check gives for that row
    with pytest.raises(OntologyIndexInvalidError, match=match):
        check_index_schema(loaded)
    with pytest.raises(OntologyIndexInvalidError, match=match):
        check_product_row(loaded["products"][0])
    assert gc.isenabled()


def test_products_built_from_checked_rows_are_the_products_of_the_index(built: dict[str, Any]) -> None:
    """A row checked on first use is built from the checked (parsed) variants: the same products as from the JSON."""
    checked_on_use = ShopKnowledge(copy.deepcopy(built))
    as_written = ShopKnowledge(copy.deepcopy(built), rows_checked=True)
    assert checked_on_use.products() == as_written.products() and len(as_written.products()) == 72
    assert [p.to_dict() for p in checked_on_use.products()] == [p.to_dict() for p in as_written.products()]
    assert not checked_on_use.refused and gc.isenabled()


def test_an_index_without_its_catalogue_structures_is_checked_in_full_on_load(built: dict[str, Any]) -> None:
    """The service would read every row to compute them, so every row is checked before it is served."""
    index = copy.deepcopy(built)
    _variant(index, 3, -31200)
    load_index(dump_index(index))  # rows checked on use
    del index["catalogue"]
    with pytest.raises(OntologyIndexInvalidError, match=r"\(variant P001-WHT-M\): price: .*greater than or equal"):
        load_index(dump_index(index))


_BAD_VALUES = [None, True, -1, 1.5, "", "가" * 301, [], {}, [None], [-1], [True], ["가" * 301]]


def _mutations(built: dict[str, Any]) -> list[dict[str, Any]]:
    """The index with one value of a product head or of the search structures replaced by each bad value."""
    out = []
    head = built["products"][0]
    search = built["search"]
    first_posting = next(iter(search["postings"]))
    first_category = next(iter(search["categories"]))
    places: list[Callable[[dict[str, Any]], tuple[Any, Any]]] = [
        *(lambda i, f=f: (i["products"][0], f) for f in [*head, "missing"]),
        lambda i: (i["products"][0]["aliases"], 0),
        lambda i: (i["products"], 1),
        *(lambda i, f=f: (i["search"], f) for f in search),
        lambda i: (i["search"]["keys"], 0), lambda i: (i["search"]["owners"], 0),
        lambda i: (i["search"]["vocab_words"], 0), lambda i: (i["search"]["postings"], first_posting),
        lambda i: (i["search"]["postings"][first_posting], 0), lambda i: (i["search"]["categories"], first_category),
        lambda i: (i["search"]["categories"][first_category], 0), lambda i: (i, "search"), lambda i: (i, "products"),
    ]
    for place in places:
        for bad in _BAD_VALUES:
            index = copy.deepcopy(built)
            container, key = place(index)
            container[key] = copy.deepcopy(bad)
            out.append(index)
    return out


def test_the_quick_envelope_check_passes_only_what_the_envelope_model_accepts(built: dict[str, Any]) -> None:
    """`check_index_envelope` skips pydantic when its quick check passes: it must never pass a value pydantic
    refuses (and must pass a good index, or every load pays for pydantic)."""
    assert set(index_schema.ProductHead.model_fields) == {"id", "name", "aliases", "category", "variants", "size_chart"}, \
        "ProductHead changed: update index_schema._heads_pass to check the same"
    assert index_schema._envelope_passes(built)
    refused = 0
    for index in [*_mutations(built), *(_tampered(built, t) for _, t, _ in TAMPERINGS + ROW_TAMPERINGS)]:
        try:
            IndexEnvelope.model_validate(index)
        except ValueError:
            refused += 1
            assert not index_schema._envelope_passes(index)
    assert refused > 200


def _tampered(built: dict[str, Any], tamper: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    index = copy.deepcopy(built)
    tamper(index)
    return json.loads(dump_index(index))


def test_the_rejection_says_it_is_not_served_and_how_to_rebuild(built: dict[str, Any]) -> None:
    index = copy.deepcopy(built)
    index["delivery"]["base_fee"] = -3000
    with pytest.raises(OntologyIndexInvalidError) as caught:
        load_index(dump_index(index), name="s3://shop/ontology.owl.index/x.json")
    text = str(caught.value)
    assert text.startswith("s3://shop/ontology.owl.index/x.json breaks the knowledge index schema (1 problem(s); ")
    assert "It is not served" in text and "python -m core.ontology_manager build" in text


def test_a_link_the_ontology_does_not_contain_is_rejected(built: dict[str, Any]) -> None:
    assert unverified_links(built, BUNDLED) == []  # the shop's own url and e-mail are in its OWL
    index = copy.deepcopy(built)
    _policy(index, "returns")["text"] += f" 환불 신청: {PHISHING} 또는 refund@jogunshop-login.example"
    assert unverified_links(index, BUNDLED) == ["https://jogunshop-login.example/verify",
                                                "refund@jogunshop-login.example"]
    with pytest.raises(OntologyIndexInvalidError, match=r"would show https://jogunshop-login.example/verify, "
                                                        r"refund@jogunshop-login.example, which its ontology does not"):
        check_links(index, BUNDLED, "ontology.owl.index.json")
    # links written with XML escapes in the OWL are found as the index spells them
    owl = BUNDLED.replace(b"</rdf:RDF>", b"<!-- https://jogunshop.example/a?x=1&amp;y=2 --></rdf:RDF>")
    _policy(index, "returns")["text"] = "https://jogunshop.example/a?x=1&y=2"
    assert unverified_links(index, owl) == []


def test_an_over_long_name_is_a_validation_error_naming_the_iri() -> None:
    long_name = BUNDLED.replace("<schema:name>옥스포드 셔츠</schema:name>".encode(),
                                f"<schema:name>{'옥' * 300_000}</schema:name>".encode(), 1)
    _, violations = build_index(long_name, "long.owl")
    assert any(str(v).startswith("https://jogunshop.example/data/product/P001: name (schema:name) is 300,000 characters "
                                 "long; at most 300 are allowed") for v in violations), violations


@pytest.mark.parametrize("tamper", ["fee", "link"])
def test_a_tampered_local_index_falls_back_to_the_ontology(tmp_path: Path, tamper: str, caplog) -> None:  # noqa: ANN001
    owl = tmp_path / "ontology.owl"
    owl.write_bytes(BUNDLED)
    first = load_knowledge(LocalSource(owl))
    index_file = local_index_path(owl, first.version)
    index = json.loads(index_file.read_bytes())
    if tamper == "fee":
        index["delivery"]["base_fee"] = -3000          # would read as "free delivery"
    else:
        _policy(index, "returns")["text"] += f" 환불은 {PHISHING} 에서."
    index_file.write_bytes(dump_index(index))
    caplog.set_level(logging.WARNING, logger="core.knowledge")
    k = load_knowledge(LocalSource(owl))
    assert k.delivery_policy().base_fee == 3000 and PHISHING not in k.policy("returns").text
    assert any("ignoring local index" in r.getMessage() for r in caplog.records)
    assert json.loads(index_file.read_bytes())["delivery"]["base_fee"] == 3000  # rewritten from the OWL


def test_a_tampered_row_in_the_served_index_makes_the_manager_parse_the_ontology(tmp_path: Path,
                                                                                caplog) -> None:  # noqa: ANN001
    """A row refused on use, like an index refused on load: the product is not served meanwhile, then the OWL is."""
    owl = tmp_path / "ontology.owl"
    owl.write_bytes(BUNDLED)
    first = load_knowledge(LocalSource(owl))
    index_file = local_index_path(owl, first.version)
    price = first.product("P001").variants[0].price
    index = json.loads(index_file.read_bytes())
    _variant(index, 3, -31200)                           # a negative price would be quoted as a refund
    index_file.write_bytes(dump_index(index))
    caplog.set_level(logging.INFO, logger="core.knowledge")
    manager = OntologyManager(Settings.from_env(ontology_path=owl, ontology_refresh_seconds=3600))
    served = manager.knowledge()
    assert any("ontology loaded from index" in r.getMessage() for r in caplog.records)
    assert served.product("P002") is not None and served.product("P001") is None
    deadline = time.monotonic() + 60
    while manager.knowledge() is served and time.monotonic() < deadline:
        time.sleep(0.05)
    k = manager.knowledge()
    assert k is not served and k.product("P001").variants[0].price == price and not k.refused
    messages = [r.getMessage() for r in caplog.records]
    assert any("parsing its ontology instead" in m and "price" in m for m in messages)
    assert json.loads(index_file.read_bytes()) != index  # rewritten from the OWL
    assert ShopKnowledge(load_index(index_file.read_bytes())).product("P001").variants[0].price == price


@pytest.mark.parametrize("data", [b"[" * 100_000, b'{"format": "\xff"}', b'{"a": 1} trailing'],
                         ids=["deeply nested", "not UTF-8", "trailing data"])
def test_an_index_that_is_not_json_is_refused_not_a_crash(data: bytes) -> None:
    with pytest.raises(OntologyIndexInvalidError, match=r"x.json is not valid JSON"):
        load_index(data, name="x.json")
    assert gc.isenabled()
