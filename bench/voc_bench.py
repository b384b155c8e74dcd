"""VOC benchmark: a week of 100k turn records read and reported, and moto's own read speed, apart.

Target: a week of 100k turn records reads and reports in ≤ 5 s and ≤ 256 MB.

1. Read + report (the target). The reported week holds 100k records and the base week ~89k. Their
   Query pages are built once as DynamoDB sends them (JSON, ≤ 1 MB each, only the projected
   attributes) and written to `.bench/voc-pages/`. A FRESH child process then does what the Monday job
   does after each page arrives: `store.decode_items_once` and botocore's DynamoDB parser on the raw
   page (as the store's client does), `store.fold_items` into the week's tally; then the report, the Block Kit message, the follow-ups and the chart. It reports the
   time of each step and its own peak RSS (VmHWM). Not included: the network transfer of ~40 MB from
   DynamoDB (not measurable here).
2. moto. Reading the table through moto is not a measure of our code: moto 5.2 spends ~2-3 ms per item
   in one Query (most of it in its response serializer), so 100k items would take minutes. A smaller
   two-week history is read from the moto server through the real `VocStore.read_week` in a fresh child,
   and reported per item, separately.

    python -m bench.voc_bench [--records 100000] [--moto-records 2000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.measure import peak_rss_mb

OUT = Path(".bench") / "voc.json"
PAGES = Path(".bench") / "voc-pages"
PRINTS_OWN_TABLE = True
TARGETS = {"read_and_report_s": 5.0, "peak_rss_mb": 256.0}
PAGE_BYTES = 1_000_000  # DynamoDB's Query page limit (1 MB)
WEEK = "2026-W48"
ROOT = Path(__file__).resolve().parent.parent


def _base_total(records: int) -> int:
    """The base-week size for which the seeded history puts `records` in the reported week."""
    from devstack.voc_history import last_week_total

    base = int(records / 1.12)
    while last_week_total(base) < records:
        base += 1
    return base


def write_pages(records: int) -> Path:
    """The two weeks' Query pages as DynamoDB JSON files (built once per size, reused by later runs)."""
    from core.voc.store import PROJECTION, VocStore
    from core.voc.weeks import IsoWeek
    from devstack.voc_history import iter_two_weeks

    directory = PAGES / f"{records}"
    if (directory / "done").exists():
        return directory
    directory.mkdir(parents=True, exist_ok=True)
    week = IsoWeek.parse(WEEK)
    keep = [a.strip() for a in PROJECTION.split(",")]
    store = VocStore("bench", client=type("NoClient", (), {"exceptions": None})())  # item() needs no client
    pages: dict[str, list[list[str]]] = {}
    sizes: dict[str, int] = {}
    for record in iter_two_weeks(week, base_total=_base_total(records)):
        item = store.item(record)
        week_key = item["pk"]["S"]
        text = json.dumps({k: v for k, v in item.items() if k in keep}, ensure_ascii=False, separators=(",", ":"))
        week_pages = pages.setdefault(week_key, [[]])
        if sizes.get(week_key, 0) + len(text.encode()) > PAGE_BYTES:
            week_pages.append([])
            sizes[week_key] = 0
        week_pages[-1].append(text)
        sizes[week_key] = sizes.get(week_key, 0) + len(text.encode())
    for week_key, week_pages in pages.items():
        for n, items in enumerate(week_pages):
            last = n < len(week_pages) - 1
            body = ('{"Count":%d,"ScannedCount":%d,"Items":[%s]%s}' % (
                len(items), len(items), ",".join(items),
                ',"LastEvaluatedKey":{"pk":{"S":"%s"},"sk":{"S":"page-%d"}}' % (week_key, n) if last else ""))
            (directory / f"{week_key.replace('#', '_')}-{n:04d}.json").write_text(body, encoding="utf-8")
    (directory / "done").write_text("ok")
    return directory


def child_pages(directory: Path) -> dict[str, Any]:
    """In a fresh process: parse each page as botocore would, fold, report, chart."""
    started = time.perf_counter()
    import botocore.session
    from botocore.parsers import create_parser

    from core.config import Settings
    from core.voc.chart import draw_chart
    from core.voc.followup import write_followups
    from core.voc.report import build_report, summary_blocks
    from core.voc.store import decode_items_once, fold_items
    from core.voc.tally import WeekTally
    from core.voc.weeks import IsoWeek

    imported = time.perf_counter()
    shape = botocore.session.get_session().get_service_model("dynamodb").operation_model("Query").output_shape
    parser = create_parser("json")
    week = IsoWeek.parse(WEEK)
    tallies = {}
    pages = 0
    for w in (week, week.previous()):
        tally = WeekTally(w)
        for path in sorted(directory.glob(f"VOC_{w}-*.json")):
            response = {"body": path.read_bytes(), "headers": {}, "status_code": 200}  # the HTTP response
            customized: dict[str, Any] = {}
            decode_items_once(response, customized)  # what VocStore's client does on before-parse
            parsed = parser.parse(response, shape)
            parsed.update(customized)
            fold_items(tally, parsed["Items"])
            pages += 1
        tallies[w] = tally
    read = time.perf_counter()
    report = build_report(tallies[week], tallies[week.previous()])
    blocks = summary_blocks(report)
    followups = write_followups(report, Settings.from_env({}))
    reported = time.perf_counter()
    chart = draw_chart(report, Path(".bench") / f"voc-{week}.png")
    charted = time.perf_counter()
    return {"pages": pages, "last_week": report.last_total, "base_week": report.base_total,
            "categories": len(report.rows), "blocks": len(blocks), "followups": len(followups.texts),
            "chart_bytes": chart.stat().st_size, "import_s": round(imported - started, 3),
            "parse_and_fold_s": round(read - imported, 3), "report_s": round(reported - read, 3),
            "chart_s": round(charted - reported, 3), "read_and_report_s": round(charted - started, 3),
            "peak_rss_mb": peak_rss_mb()}


def child_moto(endpoint: str, table: str) -> dict[str, Any]:
    """In a fresh process: read both weeks from the moto server through VocStore.read_week."""
    import boto3

    from core.voc.report import build_report
    from core.voc.store import VocStore
    from core.voc.weeks import IsoWeek

    store = VocStore(table, boto3.client("dynamodb", region_name="ap-northeast-2", endpoint_url=endpoint))
    week = IsoWeek.parse(WEEK)
    started = time.perf_counter()
    last = store.read_week(week)
    base = store.read_week(week.previous())
    read = time.perf_counter()
    report = build_report(last, base)
    return {"items": last.total + base.total, "moto_read_s": round(read - started, 3),
            "moto_ms_per_item": round((read - started) * 1000 / max(1, last.total + base.total), 3),
            "categories": len(report.rows), "peak_rss_mb": peak_rss_mb()}


def _child(args: list[str], extra_env: dict[str, str] | None = None) -> dict[str, Any]:
    env = dict(os.environ, LOG_LEVEL="WARNING", POWERTOOLS_METRICS_DISABLED="true", PYTHONDONTWRITEBYTECODE="1",
               **(extra_env or {}))
    done = subprocess.run([sys.executable, "-m", "bench.voc_bench", *args], env=env, capture_output=True, text=True,
                          timeout=1200, cwd=ROOT)
    if done.returncode != 0:
        raise RuntimeError(f"voc bench child failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(records: int = 100_000, moto_records: int = 2_000) -> dict[str, Any]:
    """Both parts; prints a Markdown table and writes .bench/voc.json."""
    import logging

    import boto3

    from core.chat.chat_state import create_table
    from core.voc.store import VocStore
    from core.voc.weeks import IsoWeek
    from devstack.moto_server import FAKE_CREDENTIALS, start_moto
    from devstack.voc_history import iter_two_weeks

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    built = time.perf_counter()
    directory = write_pages(records)
    pages_s = time.perf_counter() - built
    runs = [_child(["--child-pages", str(directory)]) for _ in range(3)]
    best = min(runs, key=lambda r: r["read_and_report_s"])
    moto = start_moto(set_env=False)
    try:
        client = boto3.client("dynamodb", region_name="ap-northeast-2", endpoint_url=moto.endpoint,
                              aws_access_key_id="testing", aws_secret_access_key="testing")
        create_table("voc-bench", client=client)
        seeded = time.perf_counter()
        VocStore("voc-bench", client).put_many(iter_two_weeks(IsoWeek.parse(WEEK), base_total=_base_total(moto_records)))
        seed_s = time.perf_counter() - seeded
        moto_run = _child(["--child-moto", moto.endpoint, "voc-bench"], extra_env=FAKE_CREDENTIALS)
    finally:
        moto.stop()
    result = {"records_last_week": best["last_week"], "records_base_week": best["base_week"], **best,
              "runs_read_and_report_s": [r["read_and_report_s"] for r in runs], "pages_build_s": round(pages_s, 1),
              "moto": {**moto_run, "seed_s": round(seed_s, 1),
                       "extrapolated_100k_week_s": round(moto_run["moto_ms_per_item"] * 100, 0)},
              "targets": TARGETS}
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(result, ensure_ascii=False, indent=2))
    print(markdown(result), flush=True)
    return result


def markdown(r: dict[str, Any]) -> str:
    m = r["moto"]
    rows = [
        ("records read (reported week / base week)", f"{r['records_last_week']:,} / {r['records_base_week']:,} "
                                                      f"in {r['pages']} pages of ≤ 1 MB", ""),
        ("import (botocore, core.voc)", f"{r['import_s']} s", ""),
        ("parse pages (botocore) + fold into tallies", f"{r['parse_and_fold_s']} s", ""),
        ("report + Block Kit + follow-ups", f"{r['report_s']} s", ""),
        ("chart (matplotlib import + draw)", f"{r['chart_s']} s", ""),
        ("**read and report, total**", f"**{r['read_and_report_s']} s** (runs: {r['runs_read_and_report_s']})",
         f"≤ {TARGETS['read_and_report_s']} s"),
        ("peak RSS of that process", f"**{r['peak_rss_mb']} MB**", f"≤ {TARGETS['peak_rss_mb']} MB"),
        (f"moto: read {m['items']:,} items through VocStore.read_week", f"{m['moto_read_s']} s "
         f"({m['moto_ms_per_item']} ms/item; a 100k week would take ~{m['extrapolated_100k_week_s']:.0f} s in moto)", ""),
    ]
    return "\n".join(["| measure | value | target |", "|---|---|---|"] + [f"| {a} | {b} | {c} |" for a, b, c in rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--moto-records", type=int, default=2_000)
    parser.add_argument("--child-pages", type=Path)
    parser.add_argument("--child-moto", nargs=2, metavar=("ENDPOINT", "TABLE"))
    args = parser.parse_args(argv)
    if args.child_pages:
        print(json.dumps(child_pages(args.child_pages)))
    elif args.child_moto:
        print(json.dumps(child_moto(*args.child_moto)))
    else:
        run(args.records, args.moto_records)
    return 0


if __name__ == "__main__":
    sys.exit(main())
