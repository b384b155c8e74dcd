"""`python -m core.ontology_manager build|validate|publish|query|import ...`: the knowledge layer's command line.

build: parse an OWL (local or s3://) and write its JSON index (for s3://, also the last-good pointer);
validate: list schema violations; publish: validate a local file, then upload it, its index and the
last-good pointer (what `make upload-ontology` runs); query: look at the data the way the bot does (JSON
output); import: a Shopify product CSV or a Merchant Center feed plus a policies TOML → a validated OWL
and its index. Parsing runs under the service's limits (ONTOLOGY_MAX_MB, ONTOLOGY_PARSE_TIMEOUT_SECONDS).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable

from core.knowledge.errors import OntologyError, Violation, errors_of
from core.knowledge.importers.assemble import FORMATS, import_shop
from core.knowledge.importers.issues import DEFAULT_STOCK, ImportFailed
from core.knowledge.last_good import Published, pointer_key, publish
from core.knowledge.manager import OntologyManager, load_knowledge
from core.knowledge.owl_index import dump_index
from core.knowledge.parse_guard import ParseLimits
from core.knowledge.parse_worker import build_bounded
from core.knowledge.shop_knowledge import ShopKnowledge
from core.knowledge.sources import LocalSource, S3Source, source_for


# -- CLI -------------------------------------------------------------------------------------------------
def _print(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


# The command line runs on the operator's machine, not in the 60 s function: its parse deadline is its
# own (--timeout); the size limit is the service's, so what the CLI accepts the service can load.
CLI_TIMEOUT_SECONDS = 120.0


def _limits(timeout: float = CLI_TIMEOUT_SECONDS) -> ParseLimits:
    from core.config import get_settings

    return replace(ParseLimits.from_settings(get_settings()), timeout_seconds=timeout, timeout_setting="--timeout")


def _report(violations: list[Violation]) -> None:
    for v in violations:
        print(f"violation: {v}" if v.is_error else str(v), file=sys.stderr)


def _cmd_build(args: argparse.Namespace) -> int:
    source = source_for(args.source)
    started = time.perf_counter()
    limits = _limits(args.timeout)
    if isinstance(source, S3Source):
        return _published(source, started, lambda: publish(source, limits, parser=args.parser, force=args.force))
    fetched = source.fetch(limits)
    index, violations = build_bounded(fetched.data, source.name, limits, parser=args.parser)
    _report(violations)
    errors = errors_of(violations)
    if errors and not args.force:
        print(f"error: {source.name} has {len(errors)} schema violations; no index written "
              "(fix them, or pass --force)", file=sys.stderr)
        return 1
    path = source.save_index(fetched.sha256, dump_index(index))
    if path is None:
        print(f"error: cannot write the index beside {source.path} (read-only?)", file=sys.stderr)
        return 1
    knowledge = ShopKnowledge(index, source=source.name)
    _print({"index": str(path), "seconds": round(time.perf_counter() - started, 3), **knowledge.summary()})
    return 0


def _cmd_publish(args: argparse.Namespace) -> int:
    target = source_for(args.target)
    if not isinstance(target, S3Source):
        print(f"error: publish uploads to S3: give s3://bucket/key, not {args.target!r}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    limits = _limits(args.timeout)
    data = LocalSource(args.source).fetch(limits).data
    return _published(target, started, lambda: publish(target, limits, data=data, name=args.source,
                                                       parser=args.parser))


def _published(source: S3Source, started: float, run: Callable[[], Published]) -> int:
    """Run a publish and print what it stored, or what is wrong and that nothing moved."""
    try:
        done = run()
    except OntologyError as exc:
        _report(getattr(exc, "violations", []))
        print(f"error: {exc}\nnothing was published and the last-good pointer {source.url(pointer_key(source.key))} "
              "was not moved: the service keeps serving the version it names", file=sys.stderr)
        return 1
    _report(done.violations)
    knowledge = ShopKnowledge(done.index, source=done.index.get("source"))
    pointer = done.pointer
    _print({"ontology": done.index.get("source"), "index": done.index_url,
            "last_good": source.url(pointer_key(source.key)) if pointer else None,
            "version_id": pointer.version_id if pointer else None,
            "seconds": round(time.perf_counter() - started, 3), **knowledge.summary()})
    if pointer is None:
        print("warning: --force stored the index of a file with errors; the last-good pointer was not moved",
              file=sys.stderr)
    return 0


def validate_source(spec: str | Path, parser: str = "owlready2",
                    timeout: float = CLI_TIMEOUT_SECONDS) -> tuple[dict[str, Any] | None, list[Violation]]:
    source = source_for(spec)
    limits = _limits(timeout)
    fetched = source.fetch(limits)
    return build_bounded(fetched.data, source.name, limits, parser=parser)


def _cmd_validate(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    index, violations = validate_source(args.source, parser=args.parser, timeout=args.timeout)
    for v in violations:
        print(v)
    errors = errors_of(violations)
    warnings = len(violations) - len(errors)
    if errors:
        print(f"INVALID {args.source}: {len(errors)} violation(s) of docs/ontology.md"
              + (f" and {warnings} warning(s)" if warnings else ""), file=sys.stderr)
        return 1
    if index is None:
        return 1
    k = ShopKnowledge(index)
    s = k.summary()
    print(f"OK {args.source}: {s['products']} products, {s['variants']} variants, {s['orders']} orders, "
          f"{s['policies']} policy sections, {s['faq']} FAQ entries (sha256 {s['version']}) "
          f"in {time.perf_counter() - started:.2f} s" + (f"; {warnings} warning(s) above" if warnings else ""))
    return 0


def _knowledge_for(args: argparse.Namespace) -> ShopKnowledge:
    if args.source:
        return load_knowledge(source_for(args.source), write_index=False)  # a query never writes beside the source
    return OntologyManager().knowledge()


def _pull_options(args: argparse.Namespace) -> list[str]:
    """The query's own words, with `--source`/`--limit` taken out wherever they stand: argparse's REMAINDER
    keeps everything after the kind, so `query summary --source F` would otherwise answer from the
    configured file without a word."""
    rest: list[str] = []
    words = list(args.args)
    i = 0
    while i < len(words):
        word = words[i]
        name, eq, value = word.partition("=")
        if name in ("--source", "--limit", "--on"):
            if not eq:
                if i + 1 >= len(words):
                    raise ValueError(f"{name} needs a value")
                value = words[i + 1]
                i += 1
            if name == "--source":
                args.source = value
            elif name == "--on":
                args.on = value
            else:
                try:
                    args.limit = int(value)
                except ValueError:
                    raise ValueError(f"--limit must be a whole number, got {value!r}") from None
        else:
            rest.append(word)
        i += 1
    return rest


def _cmd_query(args: argparse.Namespace) -> int:
    rest = _pull_options(args)
    kind = args.kind
    if kind == "summary" and rest:
        raise ValueError(f"query summary takes no arguments, got {' '.join(rest)!r}")
    k = _knowledge_for(args)
    if getattr(args, "on", None):
        try:
            day = date.fromisoformat(str(args.on)[:10])
        except ValueError:
            raise ValueError(f"--on must be an ISO date such as 2026-12-11, got {args.on!r}") from None
        k = k.on(day)  # as customers see it that day: an ended sale is over, a past restock date no promise
    if kind == "find":
        _print(k.find_products(" ".join(rest), limit=args.limit).to_dict())
    elif kind == "product":
        p = k.product(" ".join(rest))
        if p is None:
            print(f"error: no product with id {' '.join(rest)!r}", file=sys.stderr)
            return 1
        _print(p.to_dict())
    elif kind == "delivery-quote":
        qp = argparse.ArgumentParser(prog="query delivery-quote")
        qp.add_argument("--amount", type=int, required=True)
        qp.add_argument("--region")
        qp.add_argument("--address")
        qp.add_argument("--postal-code")
        a = qp.parse_args(rest)
        _print(k.delivery_quote(a.amount, region=a.region, address=a.address, postal_code=a.postal_code).to_dict())
    elif kind == "dispatch":
        qp = argparse.ArgumentParser(prog="query dispatch")
        qp.add_argument("--ordered-at", required=True, help="ISO time, shop-local unless it has an offset")
        a = qp.parse_args(rest)
        _print(k.dispatch_estimate(datetime.fromisoformat(a.ordered_at)).to_dict())
    elif kind == "order":
        o = k.order(" ".join(rest))
        if o is None:
            print(f"error: no order {' '.join(rest)!r}", file=sys.stderr)
            return 1
        _print(o.to_dict())
    elif kind == "orders":
        # an operator's listing (number, time, state, total), to pick an order to look at with `query order`
        if rest:
            raise ValueError(f"query orders takes no arguments, got {' '.join(rest)!r}")
        listed = sorted((o for num in k.order_numbers() if (o := k.order(num)) is not None),
                        key=lambda o: (str(o.ordered_at), o.number))  # oldest first
        _print([{"number": o.number, "ordered_at": o.ordered_at, "status": o.status, "total": o.total} for o in listed])
    elif kind == "policy":
        if not rest:
            _print([p.to_dict() for p in k.policies()])
        else:
            p = k.policy(rest[0])
            if p is None:
                print(f"error: no policy section {rest[0]!r}; have {[x.key for x in k.policies()]}", file=sys.stderr)
                return 1
            _print(p.to_dict())
    elif kind == "faq":
        # no words: every entry (a shop's engineer checking what the bot can quote), else the closest ones
        _print([e.to_dict() for e in (k.faq(" ".join(rest), limit=args.limit) if rest else k.faq_entries())])
    elif kind == "filter":
        qp = argparse.ArgumentParser(prog="query filter")
        qp.add_argument("--category")
        qp.add_argument("--on-sale", action="store_true", default=None)
        qp.add_argument("--max-price", type=int)
        qp.add_argument("--size")
        qp.add_argument("--color")
        qp.add_argument("--in-stock", action="store_true", default=None)
        qp.add_argument("--limit", type=int, default=20)
        a = qp.parse_args(rest)
        found = k.filter_products(category=a.category, on_sale=a.on_sale, max_price=a.max_price, size=a.size,
                                  color=a.color, in_stock=a.in_stock, limit=a.limit)
        _print([{"id": p.id, "name": p.name, "category": p.category, "price": p.price, "list_price": p.list_price,
                 "on_sale": p.on_sale, "options": {a.label: p.values(a.key) for a in p.axes},
                 "total_stock": p.total_stock}
                for p in found])
    elif kind == "summary":
        _print({"shop": k.shop.get("name"), **k.summary(), "categories": k.categories(),
                "options": {label: k.option_values(axis) for axis, label in k.option_axes().items()},
                "delivery": k.delivery_policy().to_dict()})
    else:
        print(f"error: unknown query kind {kind!r}", file=sys.stderr)
        return 2
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    out = Path(args.out)
    try:
        report = import_shop(args.format, Path(args.source), Path(args.policies), out, args.default_stock)
    except ImportFailed as failed:
        for issue in failed.issues:
            print(issue, file=sys.stderr)
        errors = sum(1 for i in failed.issues if i.is_error)
        print(f"error: {errors} problem(s) to fix; {out} was not written", file=sys.stderr)
        return 1
    for warning in report.warnings:
        print(warning, file=sys.stderr)
    sha = report.index.get("ontology_sha256", "")
    index_path = LocalSource(out).save_index(sha, dump_index(report.index)) if sha else None
    _print({"ontology": str(out), "index": str(index_path) if index_path else None, "products": report.products,
            "variants": report.variants, "orders": report.orders, "warnings": len(report.warnings),
            "seconds": round(report.seconds, 3)})
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m core.ontology_manager",
                                     description="Build, validate, publish and query the shop ontology.")
    sub = parser.add_subparsers(dest="command", required=True)
    timeout_help = (f"stop parsing after this many seconds (default {CLI_TIMEOUT_SECONDS:g}; the service uses "
                    "ONTOLOGY_PARSE_TIMEOUT_SECONDS)")
    b = sub.add_parser("build", help="parse the OWL and write its JSON index beside it (for s3://: the index and, "
                                     "when it validates, the last-good pointer)")
    b.add_argument("source", help="PATH or s3://bucket/key")
    b.add_argument("--parser", choices=("owlready2", "rdflib"), default="owlready2")
    b.add_argument("--timeout", type=float, default=CLI_TIMEOUT_SECONDS, help=timeout_help)
    b.add_argument("--force", action="store_true", help="write the index even with schema violations (never the "
                                                        "last-good pointer)")
    pub = sub.add_parser("publish", help="validate a local OWL, then upload it, its index and the last-good pointer "
                                         "(make upload-ontology): publish shop.owl s3://bucket/ontology.owl")
    pub.add_argument("source", help="the local OWL (RDF/XML or Turtle) to publish")
    pub.add_argument("target", help="s3://bucket/key: where the service reads it (S3_BUCKET_NAME / ONTOLOGY_S3_KEY)")
    pub.add_argument("--parser", choices=("owlready2", "rdflib"), default="owlready2")
    pub.add_argument("--timeout", type=float, default=CLI_TIMEOUT_SECONDS, help=timeout_help)
    v = sub.add_parser("validate", help="check the OWL against docs/ontology.md; exit 1 on any violation")
    v.add_argument("source", help="PATH or s3://bucket/key")
    v.add_argument("--parser", choices=("owlready2", "rdflib"), default="owlready2")
    v.add_argument("--timeout", type=float, default=CLI_TIMEOUT_SECONDS, help=timeout_help)
    q = sub.add_parser("query", help="print JSON answers: find, product, delivery-quote, dispatch, order, "
                                     "orders, policy, faq, filter, summary")
    q.add_argument("kind", choices=("find", "product", "delivery-quote", "dispatch", "order", "orders", "policy", "faq",
                                    "filter", "summary"))
    q.add_argument("--source", help="PATH or s3://bucket/key (default: ONTOLOGY_PATH / S3_BUCKET_NAME settings)")
    q.add_argument("--limit", type=int, default=5)
    q.add_argument("--on", help="ISO date: answer as the bot does on that day (ended sales over, past restock dates "
                                "dropped); default: the data as written")
    q.add_argument("args", nargs=argparse.REMAINDER)
    i = sub.add_parser("import", help="write a validated OWL (and its index) from a product export and a policies "
                                      "TOML: import shopify products.csv --policies shop.toml -o shop.owl")
    i.add_argument("format", choices=FORMATS, help="shopify: the Shopify product CSV; google-merchant: a Merchant "
                                                   "Center product feed (tab-separated)")
    i.add_argument("source", help="the product file")
    i.add_argument("--policies", required=True, help="TOML with the shop, delivery rules, policies, FAQ (and orders); "
                                                     "see docs/examples/shop.toml")
    i.add_argument("-o", "--out", required=True, help="the OWL file to write")
    i.add_argument("--default-stock", type=int, default=DEFAULT_STOCK,
                   help=f"stock of an in-stock variant whose file gives no count (default {DEFAULT_STOCK}; a warning "
                        "says which)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=os.environ.get("LOG_LEVEL", "WARNING").upper(), stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        if args.command == "build":
            return _cmd_build(args)
        if args.command == "validate":
            return _cmd_validate(args)
        if args.command == "publish":
            return _cmd_publish(args)
        if args.command == "import":
            return _cmd_import(args)
        return _cmd_query(args)
    except OntologyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1 if args.command in ("validate", "publish") else 2
    except (ValueError, KeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
