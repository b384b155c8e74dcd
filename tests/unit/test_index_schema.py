"""A prebuilt JSON index is checked like the OWL: types, ranges, lengths, and links its OWL does not contain."""

from __future__ import annotations

import copy
import gc
import json
import logging
from pathlib import Path
from typing import Any, Callable

import pytest

from core.config import BUNDLED_ONTOLOGY
from core.knowledge.errors import OntologyIndexInvalidError
from core.knowledge.index_schema import check_links, unverified_links
from core.knowledge.manager import LocalSource, load_knowledge, local_index_path
from core.knowledge.owl_index import build_index, dump_index, load_index

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
TAMPERINGS: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("negative fee", lambda i: i["delivery"].update(base_fee=-3000),
     r"the delivery policy: base_fee \(schema:shippingRate\): Input should be greater than or equal to 0 \(got -3000\)"),
    ("negative price", lambda i: _variant(i, 3, -31200), rf"{P001} \(variant P001-WHT-M\): price: .*greater than or equal to 0"),
    ("negative stock", lambda i: _variant(i, 2, -5), r"\(variant P001-WHT-M\): stock: .*greater than or equal to 0"),
    ("price as text", lambda i: _variant(i, 3, "31200"), r"price: Input should be a valid integer"),
    ("boolean stock", lambda i: _variant(i, 2, True), r"stock: Input should be a valid integer"),
    ("impossible date", lambda i: _variant(i, 5, "2026-02-30"), r"sale_until: .*day is out of range"),
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
    ("options off the axes", lambda i: _variant(i, 1, ["M"]), r"variant P001-WHT-M has 1 option values for 2 option axes"),
    ("search past the catalogue", lambda i: i["search"]["owners"].__setitem__(0, 10_000),
     r"search structures point at product 10000 of 72"),
    ("posting past the keys", lambda i: next(iter(i["search"]["postings"].values())).append(999_999),
     r"a search posting points at key 999999"),
    ("passage not from the policies", lambda i: i["retrieval"]["passages"][0].update(text=f"환불은 {PHISHING} 에서."),
     r"retrieval passage policy:delivery:0 does not quote the clause 'delivery'"),
    ("wrong ontology hash", lambda i: i.update(ontology_sha256="not-a-hash"), r"ontology_sha256"),
]


@pytest.mark.parametrize(("what", "tamper", "match"), TAMPERINGS, ids=[t[0] for t in TAMPERINGS])
def test_a_tampered_index_is_rejected_naming_what(built: dict[str, Any], what: str,
                                                   tamper: Callable[[dict[str, Any]], None], match: str) -> None:
    index = copy.deepcopy(built)
    tamper(index)
    with pytest.raises(OntologyIndexInvalidError, match=match):
        load_index(dump_index(index), name="s3://shop/ontology.owl.index/x.json")
    assert gc.isenabled()


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
