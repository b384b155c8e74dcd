"""`python -m core.voc report`: the weekly VOC report from a JSONL file or the live table.

    python -m core.voc report --records FILE.jsonl --week 2026-W48 --json
    python -m core.voc report                      # last week, from DYNAMODB_TABLE_NAME, as text
    python -m core.voc report --week 2026-W48 --post [--force]

`--records` lines are JSON objects `{"at": ISO-8601 with offset, "category1", "category2",
"negative": bool}` (category3, handoff, fallback, excerpt optional). `--post` sends the report to the
configured destination once per week (the claim lives in the table); `--force` posts again after an
incomplete or finished run. Bad input (a line that does not parse, a week that does not exist) is
one error naming the line or value, exit code 2; a failed post exits 1.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from pydantic import ValidationError

from core.config import ConfigError, Settings
from core.voc.records import TurnRecord
from core.voc.weeks import IsoWeek, WeekError, report_week

EXIT_BAD_INPUT = 2
EXIT_FAILED = 1


class BadInput(ValueError):
    """Input the user must fix; the message names the line or value."""


def read_records(path: Path) -> Iterator[TurnRecord]:
    """Records of a JSONL file, one per non-blank line; BadInput names the first bad line."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise BadInput(f"--records {path}: cannot read the file ({exc.strerror or exc})") from exc
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except (json.JSONDecodeError, RecursionError) as exc:
                raise BadInput(f"{path}:{number}: not a JSON object ({exc})") from None
            if not isinstance(data, dict):
                raise BadInput(f"{path}:{number}: expected a JSON object, got {type(data).__name__}")
            try:
                yield TurnRecord.model_validate(data)
            except ValidationError as exc:
                first = exc.errors()[0]
                where = ".".join(str(p) for p in first["loc"]) or "line"
                raise BadInput(f"{path}:{number}: field {where!r}: {first['msg']}") from None


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m core.voc", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    report = commands.add_parser("report", help="build (and optionally post) the weekly VOC report")
    report.add_argument("--records", type=Path, help="JSONL turn records (default: the live table)")
    report.add_argument("--week", help="the ISO week to report, e.g. 2026-W48 (default: last week, shop time)")
    report.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    report.add_argument("--post", action="store_true", help="send the report to the configured destination")
    report.add_argument("--force", action="store_true", help="with --post: post even if this week was posted")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    from core.observability import use_stream

    use_stream(sys.stderr)  # stdout carries only the report
    try:
        week = IsoWeek.parse(args.week) if args.week else report_week(datetime.now(timezone.utc), settings.shop_timezone)
        if args.force and not args.post:
            raise BadInput("--force only makes sense with --post")
        from core.voc import weekly

        store = _live_store(settings) if args.post or args.records is None else None
        if args.records is not None:
            report = weekly.report_from_records(read_records(args.records), week, settings.shop_timezone)
        else:
            report = weekly.report_from_store(store, week)
        run = weekly.post_report(report, settings, store, force=args.force) if store and args.post \
            else weekly.preview(report, settings)
    except WeekError as exc:
        print(f"error: --week: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BadInput as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except TableError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        out = report.to_json()
        if args.post:
            out["post"] = run.to_dict()
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(weekly.console_text(run))
    return EXIT_FAILED if run.outcome in {"failed", "failed_after_summary", "no_destination",
                                          "incomplete_previous_run"} else 0


class TableError(RuntimeError):
    """The live table cannot be read; the message names it and the variable."""


def _live_store(settings: Settings):  # type: ignore[no-untyped-def]
    """The table's VOC store, checked first: a missing table or missing credentials is one clear error."""
    import boto3
    from botocore.exceptions import BotoCoreError, ClientError

    from core.voc.store import VocStore

    client = boto3.client("dynamodb", region_name=settings.aws_region, endpoint_url=settings.aws_endpoint_url)
    store = VocStore(settings.dynamodb_table_name, client, settings.shop_timezone, settings.voc_retention_weeks)
    name = settings.dynamodb_table_name
    try:
        store.client.describe_table(TableName=name)
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code", "")
        raise TableError(f"table {name!r} (DYNAMODB_TABLE_NAME) cannot be read: {code}") from None
    except BotoCoreError as exc:
        raise TableError(f"table {name!r} (DYNAMODB_TABLE_NAME) cannot be reached: {exc}") from None
    return store


if __name__ == "__main__":
    with contextlib.suppress(BrokenPipeError):
        sys.exit(main())
