"""VocStore against a real moto DynamoDB: the item layout, one paginated Query per week, report claims."""

from __future__ import annotations

import time
from datetime import datetime, timezone

import boto3
import pytest

from core.voc.records import TurnRecord
from core.voc.store import VocStore
from core.voc.weeks import IsoWeek
from devstack.voc_history import two_weeks

WEEK = IsoWeek.parse("2026-W48")


@pytest.fixture()
def store(new_voc_store) -> VocStore:  # noqa: ANN001
    return new_voc_store()


def test_record_item_layout(store: VocStore) -> None:
    # Monday 00:30 in Seoul is still Sunday in UTC: the record belongs to the Seoul week
    record = TurnRecord(at=datetime(2026, 11, 29, 15, 30, tzinfo=timezone.utc), category1="delivery",
                        category2="status", category3="배송 안내", negative=True, handoff=True, excerpt="아직도 안 와요",
                        turn_id="abc123-v2")
    store.put(record)
    item = store.client.get_item(TableName=store.table_name, Key={
        "pk": {"S": "VOC#2026-W49"}, "sk": {"S": "2026-11-29T15:30:00.000Z#abc123-v2"}})["Item"]
    assert item["ttl"]["N"] == str(int(record.at.timestamp()) + 10 * 7 * 86400)
    assert (item["c1"]["S"], item["c2"]["S"], item["c3"]["S"]) == ("delivery", "status", "배송 안내")
    assert item["neg"]["BOOL"] and item["ho"]["BOOL"] and not item["fb"]["BOOL"] and item["ex"]["S"] == "아직도 안 와요"


def test_reading_a_week_is_one_paginated_query(store: VocStore) -> None:
    records = two_weeks(WEEK, base_total=200)
    assert store.put_many(records) == len(records)
    page_calls: list[int] = []
    store.client.meta.events.register("after-call.dynamodb.Query",
                                      lambda parsed, **_: page_calls.append(parsed["Count"]))
    tally = store.read_week(WEEK, page_size=40)
    expected = [r for r in records if IsoWeek.of(r.at, "Asia/Seoul") == WEEK]
    assert tally.total == len(expected) == sum(page_calls) and len(page_calls) > 3
    status = tally.get("delivery/status")
    assert status.total == sum(1 for r in expected if r.category == "delivery/status")
    assert status.negative == sum(1 for r in expected if r.category == "delivery/status" and r.negative)
    assert status.subjects["배송 안내"] > 0 and status.samples(3)
    assert store.read_week(IsoWeek.parse("2026-W40")).total == 0


def test_claims_make_a_week_post_once_per_destination(store: VocStore) -> None:
    assert store.claim(WEEK, "slack:C1").status == "claimed"
    assert store.claim(WEEK, "channel:g1").status == "claimed"  # another destination is its own claim
    again = store.claim(WEEK, "slack:C1")
    assert again.status == "incomplete" and again.previous["status"] == "posting" and "started_at" in again.previous
    store.note_progress(WEEK, "slack:C1", summary_ts="1.000001")
    store.finish(WEEK, "slack:C1", summary_ts="1.000001", replies=2)
    done = store.claim(WEEK, "slack:C1")
    assert done.status == "already_posted" and done.previous["replies"] == "2"
    assert store.claim(WEEK, "slack:C1", force=True).status == "claimed"
    store.release(WEEK, "slack:C1")
    assert store.claim(WEEK, "slack:C1").status == "claimed"
    item = store.client.get_item(TableName=store.table_name,
                                 Key={"pk": {"S": "VOCREPORT#2026-W48"}, "sk": {"S": "slack:C1"}})["Item"]
    assert int(item["ttl"]["N"]) > time.time() + 52 * 7 * 86400


def test_items_decoded_once_equal_botocore_s_own(store: VocStore, moto_server) -> None:
    store.put_many(two_weeks(WEEK, base_total=50))
    plain = boto3.client("dynamodb", region_name="ap-northeast-2", endpoint_url=moto_server.endpoint)
    args = {"TableName": store.table_name, "KeyConditionExpression": "pk = :pk",
            "ExpressionAttributeValues": {":pk": {"S": "VOC#2026-W48"}}, "Limit": 20}
    fast, slow = store.client.query(**args), plain.query(**args)
    assert fast["Items"] == slow["Items"] and len(fast["Items"]) == 20
    assert fast["LastEvaluatedKey"] == slow["LastEvaluatedKey"] and fast["Count"] == slow["Count"]
