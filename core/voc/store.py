"""VOC records and report claims in the chat table (single-table design, `pk`/`sk`, TTL `ttl`).

| item | pk | sk | attributes |
|---|---|---|---|
| turn record | `VOC#<ISO week in SHOP_TIMEZONE>` (`VOC#2026-W48`) | `<at, UTC ISO>#<turn id>` | `c1` route, `c2` topic, `c3` product group / policy section (optional), `neg`, `ho` handoff, `fb` fallback (BOOL), `ex` redacted excerpt (optional), `ttl` = at + VOC_RETENTION_WEEKS weeks |
| report claim | `VOCREPORT#<week>` | `<destination>` (`slack:C0123`, `channel:<groupId>`) | `status` posting/posted, `started_at`, `summary_ts`, `finished_at`, `replies`, `ttl` |

Reading a week is one paginated Query on its partition, projecting only the attributes the report
uses; short attribute names keep a 100k-turn week near 18 MB to read. botocore would walk every
attribute value of every item through its shape model (~30 µs an item: 6 s for a 100k week plus its
base week), so the store decodes Query pages' `Items` once with `json.loads` instead, through
botocore's own `before-parse` extension point (`decode_items_once`); DynamoDB JSON decodes to the same
`{"S": …}`/`{"BOOL": …}` values. A week's partition takes about one write per answered turn, far below
a partition's 1,000 writes/s. Record ids are the hashed chat id and version: no chat id at rest here.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Literal

from core.voc.records import TurnRecord
from core.voc.tally import WeekTally
from core.voc.weeks import IsoWeek

WEEK_SECONDS = 7 * 86400
BATCH = 25  # BatchWriteItem's limit
PROJECTION = "c1, c2, c3, neg, ho, fb, ex"
CLAIM_TTL_WEEKS = 60  # a report claim outlives the records: a year's reruns still find it

ClaimStatus = Literal["claimed", "already_posted", "incomplete"]


@dataclass(frozen=True)
class Claim:
    """The outcome of claiming a week for a destination, with the previous run's item when there was one."""

    status: ClaimStatus
    previous: dict[str, str]


class VocStore:
    """DynamoDB adapter for VOC records and report claims. `client` is a boto3/botocore DynamoDB client."""

    def __init__(self, table_name: str, client: Any, timezone_name: str = "Asia/Seoul", retention_weeks: int = 10,
                 clock: Callable[[], float] = time.time) -> None:
        self.table_name = table_name
        self.client = client
        self.timezone_name = timezone_name
        self.retention_weeks = retention_weeks
        self.clock = clock
        self._errors = client.exceptions
        if hasattr(client, "meta"):  # this client's Query pages skip botocore's per-attribute parse
            client.meta.events.register("before-parse.dynamodb.Query", decode_items_once,
                                        unique_id="voc-decode-items-once")

    # --- turn records ----------------------------------------------------------------------------

    def item(self, record: TurnRecord) -> dict[str, Any]:
        """The table item of a record (pk = its week in shop time, sk = UTC time + turn id)."""
        week = IsoWeek.of(record.at, self.timezone_name)
        expires = int(record.at.timestamp()) + self.retention_weeks * WEEK_SECONDS
        item: dict[str, Any] = {
            "pk": {"S": f"VOC#{week}"}, "sk": {"S": f"{record.at_utc}#{record.turn_id or '-'}"},
            "ttl": {"N": str(expires)}, "c1": {"S": record.category1}, "c2": {"S": record.category2},
            "neg": {"BOOL": record.negative}, "ho": {"BOOL": record.handoff}, "fb": {"BOOL": record.fallback},
        }
        if record.category3:
            item["c3"] = {"S": record.category3}
        if record.excerpt:
            item["ex"] = {"S": record.excerpt}
        return item

    def put(self, record: TurnRecord) -> None:
        """Write one record (the per-turn hook: exactly one DynamoDB call)."""
        self.client.put_item(TableName=self.table_name, Item=self.item(record))

    def put_many(self, records: Iterable[TurnRecord], max_attempts: int = 8) -> int:
        """Write records 25 at a time (BatchWriteItem), retrying unprocessed items; returns the count written."""
        written = 0
        batch: list[dict[str, Any]] = []
        for record in records:
            batch.append({"PutRequest": {"Item": self.item(record)}})
            if len(batch) == BATCH:
                written += self._write_batch(batch, max_attempts)
                batch = []
        if batch:
            written += self._write_batch(batch, max_attempts)
        return written

    def _write_batch(self, requests: list[dict[str, Any]], max_attempts: int) -> int:
        pending = requests
        for attempt in range(max_attempts):
            out = self.client.batch_write_item(RequestItems={self.table_name: pending})
            pending = out.get("UnprocessedItems", {}).get(self.table_name, [])
            if not pending:
                return len(requests)
            time.sleep(min(2.0, 0.05 * 2**attempt))
        raise RuntimeError(f"BatchWriteItem left {len(pending)} VOC records unprocessed after {max_attempts} attempts "
                           f"on table {self.table_name}")

    def read_week(self, week: IsoWeek, tally: WeekTally | None = None, page_size: int | None = None) -> WeekTally:
        """Count one week: a paginated Query on `VOC#<week>` (1 MB pages unless `page_size` items),
        each page folded into the tally."""
        tally = tally or WeekTally(week)
        args: dict[str, Any] = {
            "TableName": self.table_name, "KeyConditionExpression": "pk = :pk",
            "ExpressionAttributeValues": {":pk": {"S": f"VOC#{week}"}}, "ProjectionExpression": PROJECTION,
        }
        if page_size:
            args["Limit"] = page_size
        while True:
            page = self.client.query(**args)
            fold_items(tally, page.get("Items", ()))
            last = page.get("LastEvaluatedKey")
            if not last:
                return tally
            args["ExclusiveStartKey"] = last

    # --- report claims (idempotency per week and destination) -----------------------------------

    def _claim_key(self, week: IsoWeek, destination: str) -> dict[str, Any]:
        return {"pk": {"S": f"VOCREPORT#{week}"}, "sk": {"S": destination}}

    def claim(self, week: IsoWeek, destination: str, force: bool = False) -> Claim:
        """Claim the week's report for a destination BEFORE posting anything.

        A second run finds the claim: `already_posted` when the first one finished, `incomplete`
        when it started and never finished (it may have posted part of the report; it is not
        reposted silently: a person checks the channel and reruns with force).
        """
        now = self.clock()
        item = {**self._claim_key(week, destination), "status": {"S": "posting"},
                "started_at": {"S": _iso(now)}, "ttl": {"N": str(int(now) + CLAIM_TTL_WEEKS * WEEK_SECONDS)}}
        try:
            if force:
                self.client.put_item(TableName=self.table_name, Item=item)
            else:
                self.client.put_item(TableName=self.table_name, Item=item,
                                     ConditionExpression="attribute_not_exists(pk)")
            return Claim("claimed", {})
        except self._errors.ConditionalCheckFailedException:
            pass
        out = self.client.get_item(TableName=self.table_name, Key=self._claim_key(week, destination), ConsistentRead=True)
        previous = {k: next(iter(v.values())) for k, v in (out.get("Item") or {}).items() if k not in {"pk", "sk"}}
        status: ClaimStatus = "already_posted" if previous.get("status") == "posted" else "incomplete"
        return Claim(status, {k: str(v) for k, v in previous.items()})

    def note_progress(self, week: IsoWeek, destination: str, **fields: str | int) -> None:
        """Record how far posting got (e.g. `summary_ts` once the summary message is out)."""
        self._update(week, destination, fields)

    def finish(self, week: IsoWeek, destination: str, **fields: str | int) -> None:
        """Mark the week's report as posted to this destination."""
        self._update(week, destination, {"status": "posted", "finished_at": _iso(self.clock()), **fields})

    def release(self, week: IsoWeek, destination: str) -> None:
        """Drop a claim when nothing reached the destination (a rerun may then post)."""
        self.client.delete_item(TableName=self.table_name, Key=self._claim_key(week, destination))

    def _update(self, week: IsoWeek, destination: str, fields: dict[str, str | int]) -> None:
        names = {f"#f{i}": name for i, name in enumerate(fields)}
        values = {f":v{i}": ({"N": str(v)} if isinstance(v, int) else {"S": str(v)}) for i, v in enumerate(fields.values())}
        self.client.update_item(TableName=self.table_name, Key=self._claim_key(week, destination),
                                UpdateExpression="SET " + ", ".join(f"#f{i} = :v{i}" for i in range(len(fields))),
                                ExpressionAttributeNames=names, ExpressionAttributeValues=values)


def decode_items_once(response_dict: dict[str, Any], customized_response_dict: dict[str, Any], **_: Any) -> None:
    """botocore `before-parse` hook for Query: decode `Items` with json.loads and hand them over as they are.

    The rest of the page (Count, LastEvaluatedKey, errors) is still parsed by botocore. Items keep
    DynamoDB's attribute-value form (`{"S": "…"}`, `{"BOOL": true}`, `{"N": "1"}`), as botocore gives it
    for every type but binary (left base64 here; the chat table stores none).
    """
    if response_dict.get("status_code", 500) >= 300:
        return
    try:
        body = json.loads(response_dict["body"])
    except (ValueError, TypeError):
        return  # let botocore report what it makes of the body
    if not isinstance(body, dict) or "Items" not in body:
        return
    customized_response_dict["Items"] = body.pop("Items")
    response_dict["body"] = json.dumps(body).encode("utf-8")


def fold_items(tally: WeekTally, items: Iterable[dict[str, Any]]) -> None:
    """Add one Query page's items (DynamoDB attribute-value form, projected) to the week's tally."""
    add = tally.add
    for item in items:
        subject = item.get("c3")
        excerpt = item.get("ex")
        add(f"{item['c1']['S']}/{item['c2']['S']}", item["neg"]["BOOL"], subject["S"] if subject else None,
            item.get("ho", {}).get("BOOL", False), item.get("fb", {}).get("BOOL", False),
            excerpt["S"] if excerpt else "")


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
