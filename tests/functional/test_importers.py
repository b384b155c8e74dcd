"""Onboarding from the files shops already have (issue 8): Shopify product CSV and Merchant Center feed.

The input files in tests/data/imports/ are written from the documented formats (no real exports here)
and describe the same small catalogue as the hand-written lalamarket.ttl; the policies are the
documented example docs/examples/shop.toml. Import → validate → the same answers as the hand-written file.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from core.config import PROJECT_ROOT
from core.knowledge.cli import main as manager_main
from core.knowledge.importers.assemble import build_shop, import_shop
from core.knowledge.importers.issues import ImportFailed
from core.knowledge.owl_index import build_index
from core.knowledge.shop_knowledge import ShopKnowledge

DATA = PROJECT_ROOT / "tests" / "data" / "imports"
POLICIES = PROJECT_ROOT / "docs" / "examples" / "shop.toml"
SOURCES = {"shopify": DATA / "products.csv", "google-merchant": DATA / "feed.tsv"}


def _knowledge(path: Path) -> ShopKnowledge:
    index, violations = build_index(path.read_bytes(), source=str(path))
    assert violations == [], [str(v) for v in violations]
    return ShopKnowledge(index, source=str(path))


def _facts(k: ShopKnowledge, dated: bool) -> dict[str, Any]:
    """What the bot answers from: per product its name, category, brand, description, option values per axis
    and each variant's price, list price, stock and availability (sale end and restock date when `dated`).
    Values are compared as sets: Turtle (read with rdflib) keeps no document order."""
    out: dict[str, Any] = {}
    for p in k.products():
        variants = {v.sku: (dict(v.options), v.price, v.list_price, v.stock, v.availability, v.on_sale,
                            *((v.sale_until, v.restock_date) if dated else ())) for v in p.variants}
        out[p.id] = {"name": p.name, "category": p.category, "brand": p.brand, "description": p.description,
                     "options": {a.label: sorted(p.values(a.key)) for a in p.axes}, "price": p.price,
                     "list_price": p.list_price, "variants": variants}
    return out


@pytest.fixture(scope="module")
def handwritten() -> ShopKnowledge:
    return _knowledge(DATA / "lalamarket.ttl")


@pytest.mark.parametrize("fmt", sorted(SOURCES))
def test_import_gives_the_same_answers_as_the_handwritten_file(fmt: str, handwritten: ShopKnowledge,
                                                                tmp_path: Path) -> None:
    out = tmp_path / "shop.owl"
    report = import_shop(fmt, SOURCES[fmt], POLICIES, out)
    assert (report.products, report.variants, report.orders) == (5, 11, 1)
    k = _knowledge(out)
    # the Shopify CSV has no sale end or restock date columns; the Merchant feed has both
    dated = fmt == "google-merchant"
    assert _facts(k, dated) == _facts(handwritten, dated)
    assert k.shop["name"] == "라라마켓" and "jogunshop" not in out.read_text(encoding="utf-8")
    d = k.delivery_policy()
    assert (d.carrier, d.base_fee, d.free_threshold, d.jeju_surcharge, d.remote_surcharge, d.cutoff) == (
        "CJ대한통운", 3000, 50000, 3000, 5000, "14:00")
    assert k.delivery_quote(45000, postal_code="63100").fee == handwritten.delivery_quote(45000, postal_code="63100").fee
    order, expected = k.order("W2378156"), handwritten.order("W2378156")
    assert (order.status, order.total, order.tracking_number) == (expected.status, expected.total, "651234567890")
    assert sorted((i.sku, i.quantity, i.unit_price, sorted(i.options)) for i in order.items) == sorted(
        (i.sku, i.quantity, i.unit_price, sorted(i.options)) for i in expected.items)
    assert k.policy("delivery").values["baseFee"] == 3000  # filled in from [delivery]
    assert k.faq("개봉한 화장품 반품")[0].id == "Q01"
    found = k.find_products("쿠션 21호")
    assert found.best.product_id == "cover-cushion" and found.option("호수") == "21호 라이트"


def test_shopify_reads_what_the_export_says(tmp_path: Path) -> None:
    shop, issues = build_shop("shopify", SOURCES["shopify"], POLICIES)
    assert [str(i) for i in issues] == [
        f"{SOURCES['shopify']}, row 14, column 'Status': warning: product 'old-mask' is draft: not imported "
        "(customers cannot buy it)"]
    tee = next(p for p in shop.products if p.id == "cotton-tee")
    assert tee.varies_by == ["size", "color"] and tee.seasons == ["여름"] and tee.keywords == ["기본템"]
    kettle = next(p for p in shop.products if p.id == "electric-kettle")
    assert kettle.varies_by == ["용량", "color"] and kettle.brand == "홈메이드"
    assert kettle.variants[1].availability == "BackOrder"  # 0 in stock, Inventory Policy "continue"
    balm = next(p for p in shop.products if p.id == "lip-balm")
    assert balm.varies_by == [] and balm.variants[0].option_values() == {}  # "Default Title"


def test_import_is_deterministic(tmp_path: Path) -> None:
    for fmt, source in SOURCES.items():
        a, b = tmp_path / f"{fmt}-a.owl", tmp_path / "again" / f"{fmt}-b.owl"
        import_shop(fmt, source, POLICIES, a)
        import_shop(fmt, source, POLICIES, b)
        assert a.read_bytes() == b.read_bytes()


def _broken(tmp_path: Path, name: str, edit: Any) -> Path:
    source = SOURCES["shopify"] if name.endswith(".csv") else SOURCES["google-merchant"]
    text = edit(source.read_text(encoding="utf-8"))
    assert text != source.read_text(encoding="utf-8"), "the edit did not apply"
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _errors(fmt: str, path: Path, policies: Path = POLICIES) -> list[str]:
    with pytest.raises(ImportFailed) as failed:
        build_shop(fmt, path, policies)
    return [str(i) for i in failed.value.issues if i.is_error]


@pytest.mark.parametrize(("fmt", "edit", "expected"), [
    ("shopify", lambda t: t.replace(",18000,", ",,", 1),
     "row 2, column 'Variant Price': empty: every variant of 'hydra-toner' needs its price in won"),
    ("shopify", lambda t: t.replace(",6000,", ",6천원,", 1), "row 7, column 'Variant Price': '6천원' is not a price in won"),
    ("shopify", lambda t: t.replace(",CC-23,", ",CC-21,", 1), "row 5, column 'Variant SKU': SKU 'CC-21' is already used on row 4"),
    ("shopify", lambda t: t.replace(",23호 미디엄,", ",21호 라이트,", 1),
     "row 5, column 'Option1 Value': product 'cover-cushion' already has a variant with 21호 라이트 / 15g (row 4)"),
    ("shopify", lambda t: t.replace(",CT-L-WH,,shopify,8,", ",CT-L-WH,,shopify,여덟,", 1),
     "row 11, column 'Variant Inventory Qty': '여덟' is not a stock count"),
    ("shopify", lambda t: t.replace("cotton-tee,,,,,,,,,L,,블랙", "cotton-tee,,,,,,,,,L,,", 1),
     "row 10, column 'Option2 Value': empty, but product 'cotton-tee' varies by 'Color'"),
    ("shopify", lambda t: t.replace("cotton-tee,코튼 티셔츠,", "cotton-tee,,", 1),
     "row 8, column 'Title': empty on the first row of product 'cotton-tee'"),
    ("shopify", lambda t: t.replace("Variant Price", "Variant Cost", 1), "row 1, column 'Variant Price': the header has no"),
    ("google-merchant", lambda t: t.replace("\t18000 KRW\t", "\t18000 USD\t", 1),
     "row 2, column 'price': '18000 USD' is in USD: the bot answers in won"),
    ("google-merchant", lambda t: t.replace("2026-11-15/2026-11-30", "2026-11-15 to 2026-11-30", 1),
     "row 7, column 'sale_price_effective_date': '2026-11-15 to 2026-11-30' is not 'start/end' in ISO 8601"),
    ("google-merchant", lambda t: t.replace("\tbackorder\t", "\tsoon\t", 1),
     "row 12, column 'availability': 'soon': use in_stock, out_of_stock, preorder or backorder"),
    ("google-merchant", lambda t: t.replace("CT-M-WH\t", "CT-M-BK\t", 1),
     "row 8, column 'id': id 'CT-M-BK' is already used on row 7"),
    ("google-merchant", lambda t: t.replace("\t화이트\tL\t", "\t\tL\t", 1),
     "row 10, column 'color': item 'CT-L-WH' has no color value although other items of group 'cotton-tee' vary by it"),
    ("google-merchant", lambda t: t.replace("호수:23호 미디엄", "호수=23호 미디엄", 1),
     "row 5, column 'variant_option': '호수=23호 미디엄' is not name:value"),
])
def test_errors_name_the_row_and_the_column(fmt: str, edit: Any, expected: str, tmp_path: Path) -> None:
    path = _broken(tmp_path, SOURCES[fmt].name, edit)
    errors = _errors(fmt, path)
    assert any(e.startswith(f"{path}, ") and expected in e for e in errors), errors


def test_merchant_sale_window_and_missing_quantity(tmp_path: Path) -> None:
    later = _broken(tmp_path, "feed.tsv", lambda t: t.replace("2026-11-15/2026-11-30", "2026-11-25/2026-11-30", 1))
    shop, issues = build_shop("google-merchant", later, POLICIES)  # data_as_of 2026-11-22: not started yet
    tee = next(p for p in shop.products if p.id == "cotton-tee")
    assert (tee.variants[0].price, tee.variants[0].list_price) == (25000, None)
    assert any("row 7, column 'sale_price_effective_date': warning: the sale starts 2026-11-25" in str(i)
               for i in issues)
    header, *rows = SOURCES["google-merchant"].read_text(encoding="utf-8").splitlines()
    no_qty = tmp_path / "noqty.tsv"
    no_qty.write_text("\n".join("\t".join(line.split("\t")[:-1]) for line in [header, *rows]) + "\n", encoding="utf-8")
    shop, issues = build_shop("google-merchant", no_qty, POLICIES, default_stock=7)
    stocks = {v.sku: v.stock for p in shop.products for v in p.variants}
    assert stocks["LT-150"] == 7 and stocks["CC-23"] == 0 and stocks["EK-BK"] == 0
    assert [str(i) for i in issues] == [f"{no_qty}, row 1, column 'quantity': warning: no quantity column (the "
                                        "Merchant spec has no stock count): in-stock items are imported with stock 7 "
                                        "(--default-stock), out-of-stock with 0"]


@pytest.mark.parametrize(("edit", "expected"), [
    (lambda t: t.replace("free_threshold = 50000", "free_treshold = 50000", 1),
     "[delivery] free_treshold: unknown key: did you mean 'free_threshold'?"),
    (lambda t: t.replace("base_fee = 3000", 'base_fee = "3천원"', 1),
     "[delivery] base_fee: must be a whole number >= 0"),
    (lambda t: t.replace('cutoff = "14:00"', 'cutoff = "2pm"', 1), '[delivery] cutoff: must be a clock time "HH:MM"'),
    (lambda t: t.replace('key = "returns"', 'key = "returns-old"', 1),
     "[[policies]]: the required section 'returns' is missing"),
    (lambda t: t.replace('{ sku = "LT-300"', '{ sku = "LT-999"', 1),
     "[[orders]] number = \"W2378156\": line SKU 'LT-999' is not a variant in products.csv"),
    (lambda t: t.replace('status = "배송중"', 'status = "배송 준비"', 1),
     "[[orders]] number = \"W2378156\" status: '배송 준비': use one of 결제대기, 결제완료"),
    (lambda t: t.replace("[[policies]]                                    # required: key \"delivery\"\nkey = \"delivery\"",
                         "[[policies]]\nkey = \"delivery\"\nvalues = { baseFee = 2500 }", 1),
     "values.baseFee: 2500 disagrees with [delivery] (3000)"),
    (lambda t: t.replace("[delivery]  ", "[delivry]  ", 1), "[delivry]: unknown table: did you mean [delivery]?"),
    (lambda t: t + "\n[shop\n", "is not valid TOML"),
])
def test_policy_errors_name_the_table_and_the_key(edit: Any, expected: str, tmp_path: Path) -> None:
    toml = tmp_path / "shop.toml"
    text = edit(POLICIES.read_text(encoding="utf-8"))
    assert text != POLICIES.read_text(encoding="utf-8"), "the edit did not apply"
    toml.write_text(text, encoding="utf-8")
    errors = _errors("shopify", SOURCES["shopify"], toml)
    assert any(e.startswith(f"{toml}") and expected in e for e in errors), errors


def test_cli_import_writes_a_valid_file_and_its_index_or_nothing(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "shop.owl"
    assert manager_main(["import", "shopify", str(SOURCES["shopify"]), "--policies", str(POLICIES), "-o", str(out)]) == 0
    assert '"products": 5' in capsys.readouterr().out
    assert list(tmp_path.glob("shop.owl.*.index.json"))
    assert manager_main(["validate", str(out)]) == 0
    broken = _broken(tmp_path, "products.csv", lambda t: t.replace(",18000,", ",,", 1))
    missing = tmp_path / "never.owl"
    result = subprocess.run([sys.executable, "-m", "core.ontology_manager", "import", "shopify", str(broken),
                             "--policies", str(POLICIES), "-o", str(missing)], cwd=PROJECT_ROOT, capture_output=True,
                            text=True, timeout=120, check=False)
    assert result.returncode == 1 and not missing.exists()
    assert f"{broken}, row 2, column 'Variant Price': empty" in result.stderr
    assert "was not written" in result.stderr


def test_readme_shows_the_shipped_toml_example() -> None:
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", readme, re.S)
    assert blocks and blocks[0] == POLICIES.read_text(encoding="utf-8")
