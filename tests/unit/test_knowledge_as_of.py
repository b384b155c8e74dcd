"""Knowledge as customers see it on a given day: ended sales, past restock dates, unsellable variants."""

from __future__ import annotations

from dataclasses import replace

from core.knowledge.model import Variant

SALE = Variant(sku="A-M", options=(("size", "M"), ("color", "블랙")), stock=3, price=31500, list_price=45000, sale_until="2026-11-30")


def test_sale_is_quoted_until_its_last_day_and_not_after() -> None:
    assert SALE.as_of("2026-11-30").price == 31500 and SALE.as_of("2026-11-30").on_sale
    ended = SALE.as_of("2026-12-01")
    assert (ended.price, ended.list_price, ended.sale_until, ended.on_sale) == (45000, None, None, False)


def test_past_restock_date_is_no_longer_promised() -> None:
    sold_out = replace(SALE, stock=0, availability="OutOfStock", restock_date="2026-12-04")
    assert sold_out.as_of("2026-12-04").restock_date == "2026-12-04"
    assert sold_out.as_of("2026-12-05").restock_date is None


def test_unsellable_availability_means_no_stock_whatever_the_count() -> None:
    discontinued = replace(SALE, availability="Discontinued", stock=39)
    assert not discontinued.in_stock
    assert discontinued.as_of("2026-11-23").stock == 0
    assert replace(SALE, availability="LimitedAvailability").in_stock


def test_views_of_the_bundled_shop_share_search_and_differ_in_prices() -> None:
    from core.config import BUNDLED_ONTOLOGY
    from core.knowledge.manager import LocalSource, load_knowledge

    shop = load_knowledge(LocalSource(BUNDLED_ONTOLOGY), write_index=False)
    during, after = shop.on("2026-11-23"), shop.on("2027-01-15")
    linen = during.find_products("린넨 셔츠").matches[0].product_id
    assert during.product(linen).on_sale and not after.product(linen).on_sale
    assert after.product(linen).price == during.product(linen).list_price
    assert shop.on("2027-01-15") is after          # one view per day, reused by warm turns
    assert not after.filter_products(on_sale=True)  # every bundled sale has ended by then
