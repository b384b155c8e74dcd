"""What a hostile or oversized file can cost the parser: DOCTYPE/entity rules, size, the slow parser, time."""

from __future__ import annotations

import re
import subprocess
import sys
import time

import pytest

from core.config import BUNDLED_ONTOLOGY, PROJECT_ROOT, Settings
from core.knowledge.errors import OntologyLimitError
from core.knowledge.owl_index import build_index, parse_triples, preflight
from core.knowledge.parse_guard import MB, ParseLimits
from core.knowledge.parse_worker import build_bounded

BUNDLED = BUNDLED_ONTOLOGY.read_bytes()
RDF_OPEN = (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            b'xmlns:schema="https://schema.org/">')


def _doc(doctype: bytes, body: bytes = b"") -> bytes:
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + doctype + b"\n" + RDF_OPEN + body + b"</rdf:RDF>"


def _refused(data: bytes, match: str, limits: ParseLimits | None = None) -> None:
    started = time.perf_counter()
    with pytest.raises(OntologyLimitError, match=match):
        preflight(data, "upload.owl", limits=limits)
    assert time.perf_counter() - started < 1.0


def test_the_bundled_file_and_the_docs_example_keep_loading() -> None:
    assert preflight(BUNDLED, "ontology.owl") == ("owlready2", "rdfxml")
    docs = (PROJECT_ROOT / "docs" / "ontology.md").read_text(encoding="utf-8")
    example = next(block for block in re.findall(r"```xml\n(.*?)```", docs, re.S) if "<!DOCTYPE" in block)
    collector = parse_triples(example.encode("utf-8"), "docs example")
    assert any(p == "https://schema.org/price" for _, p, _, _ in collector.datas)
    for shop in (PROJECT_ROOT / "tests" / "data" / "shops").glob("*.owl"):
        preflight(shop.read_bytes(), shop.name)  # every hand-written shop uses the same abbreviations


def test_entity_expansion_is_refused_before_parsing() -> None:
    laughs = b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1)) * 10) for i in range(1, 10))
    bomb = _doc(b'<!DOCTYPE rdf:RDF [<!ENTITY lol0 "lol">' + laughs + b"]>",
                b'<schema:Product rdf:about="x" rdf:parseType="Resource"><schema:name>&lol9;</schema:name>'
                b"</schema:Product>")
    _refused(bomb, r"entity &lol0; stands for 'lol', which is not a namespace IRI.*Write that text out")
    nested = _doc(b'<!DOCTYPE rdf:RDF [<!ENTITY s "https://schema.org/"><!ENTITY t "&s;Thing">]>')
    _refused(nested, r"entity &t; stands for '&s;Thing'.*no &, % or < inside")


@pytest.mark.parametrize(("doctype", "match"), [
    (b'<!DOCTYPE rdf:RDF SYSTEM "http://evil.example/x.dtd">', r"loads an external DTD \(SYSTEM\), which is never fetched"),
    (b'<!DOCTYPE rdf:RDF PUBLIC "-//x" "x.dtd">', r"external DTD \(PUBLIC\)"),
    (b'<!DOCTYPE rdf:RDF [<!ENTITY x SYSTEM "file:///etc/passwd">]>', r"declaration other than a namespace abbreviation"),
    (b'<!DOCTYPE rdf:RDF [<!ENTITY % p "https://x.example/">]>', r"parameter entities.*are refused"),
    (b'<!DOCTYPE rdf:RDF [<!ELEMENT rdf:RDF ANY>]>', r"ELEMENT/ATTLIST/NOTATION declarations are refused"),
    (b'<!DOCTYPE rdf:RDF [<!ENTITY lt "https://x.example/">]>', r"redefines the XML entity &lt;"),
    (b'<!DOCTYPE rdf:RDF [<!ENTITY s "https://a.example/"><!ENTITY s "https://b.example/">]>', r"declares the entity &s; twice"),
    (b'<!DOCTYPE rdf:RDF [' + b"".join(b'<!ENTITY e%d "https://x.example/%d#">' % (i, i) for i in range(40)) + b"]>",
     r"more than 32 entities"),
    (b'<!DOCTYPE rdf:RDF [<!ENTITY s "https://x.example/' + b"a" * 600 + b'">]>', r"IRI of at most 512 characters"),
])
def test_doctype_beyond_namespace_abbreviations_is_refused(doctype: bytes, match: str) -> None:
    _refused(_doc(doctype), match)


def test_comments_and_a_plain_doctype_are_fine() -> None:
    preflight(_doc(b'<!-- exported --><!DOCTYPE rdf:RDF [\n  <!-- namespaces -->\n  <!ENTITY s \'https://schema.org/\'>\n]>',
                   b'<schema:Product rdf:about="&s;x"/>'), "ok.owl")
    preflight(_doc(b"<!DOCTYPE rdf:RDF>"), "ok.owl")


def test_encodings_that_could_hide_a_doctype_are_refused() -> None:
    _refused(BUNDLED.decode("utf-8").encode("utf-16"), "UTF-16 or UTF-32 encoded: save it as UTF-8")
    _refused(BUNDLED.replace(b'encoding="utf-8"', b'encoding="cp037"', 1), r"declares encoding 'cp037': save it as UTF-8")


def test_size_limits_name_the_setting() -> None:
    small = ParseLimits(max_bytes=500_000)
    _refused(BUNDLED, r"upload.owl is 1.0 MB, over the 0.5 MB an ontology may have \(ONTOLOGY_MAX_MB\)", small)
    # references to an allowed abbreviation count with their expansion
    long_iri = b"https://schema.org/" + b"x" * 400 + b"/"
    many = _doc(b'<!DOCTYPE rdf:RDF [<!ENTITY s "' + long_iri + b'">]>', b'<schema:Thing rdf:about="&s;"/>' * 2_000)
    _refused(many, r"is 0.9 MB once its entity references \(&name;\) are expanded.*ONTOLOGY_MAX_MB", small)
    limits = ParseLimits.from_settings(Settings.from_env(env={"ONTOLOGY_MAX_MB": "200",
                                                              "ONTOLOGY_PARSE_TIMEOUT_SECONDS": "45"}))
    assert (limits.max_bytes, limits.timeout_seconds) == (200 * MB, 45.0)


def test_a_large_file_for_the_slow_parser_is_refused_at_once() -> None:
    padded = BUNDLED.replace(b"</rdf:RDF>", b"<!--" + b" " * (10 * MB) + b"--></rdf:RDF>")
    with_parse_type = padded.replace(b"<owl:Ontology ", b'<owl:Ontology rdf:parseType="Resource" ', 1)
    _refused(with_parse_type, r"is 11.0 MB and uses rdf:parseType, which only the slow parser.*at most 10.0 MB: write "
                              r"those nodes as nested elements")
    _refused(padded.replace(b'<schema:Product rdf:about="variant/P001-WHT-M">',
                            b'<schema:Product rdf:about="variant/P001-WHT-M" schema:sku="P001-WHT-M">', 1),
             r"writes properties as XML attributes.*write each property as a child element")


def test_parsing_is_stopped_at_the_deadline() -> None:
    slow = BUNDLED.replace(b"</rdf:RDF>", b"<!-- no rdf:parseType here, but rdflib reads it --></rdf:RDF>")  # ~1 s/MB
    assert preflight(slow, "slow.owl") == ("rdflib", "rdfxml")
    started = time.perf_counter()
    with pytest.raises(OntologyLimitError, match=r"still being parsed after 0.5 s \(ONTOLOGY_PARSE_TIMEOUT_SECONDS\)"):
        build_bounded(slow, "slow.owl", ParseLimits(timeout_seconds=0.5))
    assert time.perf_counter() - started < 3.0


def test_the_bounded_build_reports_like_the_direct_one() -> None:
    index, violations = build_bounded(BUNDLED, "ontology.owl", ParseLimits())
    direct, _ = build_index(BUNDLED, "ontology.owl")
    assert violations == [] and index["ontology_sha256"] == direct["ontology_sha256"]
    assert index["products"] == direct["products"]


def test_the_command_line_has_its_own_deadline(tmp_path) -> None:  # noqa: ANN001
    slow = tmp_path / "slow.owl"
    slow.write_bytes(BUNDLED.replace(b"</rdf:RDF>", b"<!-- rdf:parseType --></rdf:RDF>"))
    done = subprocess.run([sys.executable, "-m", "core.ontology_manager", "validate", "--timeout", "0.5", str(slow)],
                          cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 1 and "still being parsed after 0.5 s (--timeout)" in done.stderr, done.stderr
