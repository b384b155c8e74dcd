"""The VOC record hook and the `voc_weekly` action, end to end on the local stack (moto executing the
state machine, the handler as its Task, loopback Channel.io and Slack servers)."""

from __future__ import annotations

import json
import logging
import textwrap
import time
from datetime import datetime, timezone

from agent.pipeline import get_pipeline
from core.chat.chat_state import PendingMessage
from core.chat.channel_api import ChannelClient
from core.chat.flows import FALLBACK_LINE, TurnProcessor
from core.config import get_settings
from core.voc.store import VocStore
from core.voc.weeks import IsoWeek, report_week
from devstack.channel_events import channel_message
from devstack.channel_server import Reply
from devstack.slack_server import BOT_TOKEN, SlackServer
from devstack.voc_history import two_weeks


def this_week() -> IsoWeek:
    return IsoWeek.of(datetime.now(timezone.utc), "Asia/Seoul")


def voc_items(stack, week: IsoWeek) -> list[dict]:  # noqa: ANN001
    client = stack.local.client("dynamodb")
    return client.query(TableName=stack.local.table_name, KeyConditionExpression="pk = :pk",
                        ExpressionAttributeValues={":pk": {"S": f"VOC#{week}"}})["Items"]


def test_an_answered_turn_leaves_one_redacted_voc_record(make_stack) -> None:
    stack = make_stack(delay=0)
    stack.send(channel_message("voc-1", "주문번호 20261105-0012 아직도 안 와요 010-1234-5678"))
    stack.channel.wait_for_posts("voc-1", 1)
    stack.wait_idle()
    [turn] = stack.history("voc-1").turns
    [item] = voc_items(stack, this_week())
    assert item["c1"]["S"] == turn.route and item["c2"]["S"]  # the pipeline's topic, or "other" without one
    assert item["neg"]["BOOL"] is True and item["ho"]["BOOL"] is turn.handoff and item["fb"]["BOOL"] is False
    assert item["ex"]["S"] == "주문번호 [주문번호] 아직도 안 와요 [전화번호]"
    assert "voc-1" not in item["sk"]["S"] and int(item["ttl"]["N"]) > time.time() + 9 * 7 * 86400


def test_the_catch_path_handoff_is_recorded_as_a_fallback(make_stack) -> None:
    stack = make_stack(delay=0)
    stack.channel.script(*[Reply(503, {"retry-after": "0"})] * 12)
    stack.send(channel_message("voc-catch", "환불 언제 되나요? 너무 늦어요"))
    [post] = stack.channel.wait_for_posts("voc-catch", 1, timeout=30)
    stack.wait_idle()
    assert post.text == FALLBACK_LINE
    [item] = voc_items(stack, this_week())
    assert (item["c1"]["S"], item["c2"]["S"]) == ("general", "other")
    assert item["fb"]["BOOL"] and item["ho"]["BOOL"] and item["neg"]["BOOL"]
    assert item["sk"]["S"].endswith("-fallback")


def test_a_failing_voc_write_never_fails_the_turn(make_stack, caplog) -> None:
    stack = make_stack(delay=60)  # no execution will fire during the test: the turn is processed here
    caplog.set_level(logging.INFO)
    settings = get_settings()
    missing_table = VocStore("no-such-table", stack.local.client("dynamodb"))
    processor = TurnProcessor(store=stack.store, channel=lambda: ChannelClient.from_settings(settings),
                              pipeline=lambda: get_pipeline(settings),
                              voc=missing_table)
    appended = stack.store.append_message("voc-broken", PendingMessage("m1", "배송비 얼마예요? 짜증나네요", 1))
    result = processor.process("voc-broken", appended.version, owner="test")
    assert result.outcome in {"answered", "handed_off"} and len(stack.channel.posts("voc-broken")) == 1
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and "voc record_failed" in r.getMessage()]
    assert len(warnings) == 1 and getattr(warnings[0], "error", "") == "ResourceNotFoundException"
    assert "짜증" not in json.dumps(vars(warnings[0]), ensure_ascii=False, default=str)
    assert voc_items(stack, this_week()) == []


def test_voc_weekly_action_posts_last_week_once(make_stack) -> None:
    with SlackServer() as slack:
        stack = make_stack(delay=0, SLACK_BOT_TOKEN=BOT_TOKEN, VOC_SLACK_CHANNEL="#voc",
                           SLACK_API_BASE_URL=slack.api_url)
        week = report_week(datetime.now(timezone.utc), "Asia/Seoul")
        VocStore(stack.local.table_name, stack.local.client("dynamodb")).put_many(two_weeks(week))
        import lambda_function

        first = lambda_function.handler({"action": "voc_weekly"}, None)
        assert first["outcome"] == "posted" and first["week"] == str(week) and first["replies"] == 3
        assert (first["critical"], first["monitor"], first["improved"]) == (2, 1, 1)
        second = lambda_function.handler({"action": "voc_weekly"}, None)
        assert second["outcome"] == "already_posted" and len(slack.messages) == 1
        assert len(slack.replies(slack.messages[0].ts)) == 3 and len(slack.files) == 1
        bad = lambda_function.handler({"action": "voc_weekly", "week": "2026-W60"}, None)
        assert bad["outcome"] == "invalid_event" and "2026-W60" in bad["error"]


def test_voc_weekly_without_destination_says_which_settings(make_stack, caplog) -> None:
    make_stack(delay=0)
    caplog.set_level(logging.INFO)
    import lambda_function

    out = lambda_function.handler({"action": "voc_weekly", "week": "2026-W48"}, None)
    assert out["outcome"] == "no_destination" and "SLACK_BOT_TOKEN" in out["detail"]
    assert any(r.levelno == logging.ERROR and "VOC_CHANNEL_GROUP_ID" in str(getattr(r, "detail", ""))
               for r in caplog.records)


def test_webhook_path_loads_no_voc_code(make_stack) -> None:
    import os
    import subprocess
    import sys

    from core.config import PROJECT_ROOT

    make_stack(delay=1)
    code = textwrap.dedent("""
        import json, sys
        import lambda_function
        from devstack.channel_events import channel_message, function_url_event
        response = lambda_function.handler(function_url_event(channel_message("voc-import", "안녕하세요")), None)
        heavy = ("core.voc", "slack_sdk", "matplotlib", "mecab_ko")
        print(json.dumps({"status": response["statusCode"], "loaded": [m for m in heavy if m in sys.modules]}))
    """)
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, env=dict(os.environ), capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"status": 200, "loaded": []}
