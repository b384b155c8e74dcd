"""Posting the weekly report for real: slack_sdk against the loopback Slack server, claims in moto
DynamoDB, the Channel.io team chat against the loopback Channel.io server, and the LM follow-ups
against the loopback OpenAI-compatible server. Faults come from the servers, never from patching."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from core.chat.channel_api import ChannelClient
from core.config import Settings
from core.voc.report import block_kit_problems
from core.voc.store import VocStore
from core.voc.weekly import WeeklyRun, post_report, report_from_store
from core.voc.weeks import IsoWeek
from devstack.channel_server import ACCESS_KEY, ACCESS_SECRET, ChannelServer
from devstack.openai_stub_server import OpenAIStubServer, chat_fields
from devstack.slack_server import BOT_TOKEN, SlackServer
from devstack.voc_history import two_weeks

WEEK = IsoWeek.parse("2026-W48")


@pytest.fixture()
def store(new_voc_store) -> VocStore:  # noqa: ANN001
    voc = new_voc_store()
    voc.put_many(two_weeks(WEEK))
    return voc


@pytest.fixture()
def slack() -> Iterator[SlackServer]:
    with SlackServer() as server:
        yield server


def settings(slack: SlackServer, **env: str) -> Settings:
    return Settings.from_env({"SLACK_BOT_TOKEN": BOT_TOKEN, "VOC_SLACK_CHANNEL": "#voc-report",
                              "SLACK_API_BASE_URL": slack.api_url, **env})


def post(store: VocStore, config: Settings, tmp_path: Path, force: bool = False) -> WeeklyRun:
    return post_report(report_from_store(store, WEEK), config, store, force=force, chart_dir=tmp_path)


def test_report_is_posted_with_chart_and_thread_replies_once(store: VocStore, slack: SlackServer,
                                                             tmp_path: Path) -> None:
    run = post(store, settings(slack), tmp_path)
    assert run.outcome == "posted" and run.result is not None and run.result.chart == "uploaded"
    [summary] = slack.messages
    assert block_kit_problems(summary.blocks) == []
    assert summary.blocks[0]["type"] == "header" and "2026-W48" in summary.blocks[0]["text"]["text"]
    shown = summary.shown
    assert "전체 VOC *449건*" in shown and "🔴 CRITICAL 2 · 🟠 MONITOR 1 · 🟢 IMPROVED 1 · ⚪ STABLE 4" in shown
    order = [shown.index(c) for c in ("delivery/status", "product/stock", "delivery/fee", "product/size")]
    assert order == sorted(order)  # CRITICAL → MONITOR → IMPROVED → STABLE
    replies = slack.replies(summary.ts)
    assert [r.text for r in replies] == ["delivery/status 후속 분석", "general/defects 후속 분석", "product/stock 후속 분석"]
    assert "*대표 사례*" in replies[0].shown and "[주문번호]" in replies[0].shown and "20261118" not in replies[0].shown
    [chart] = slack.files
    assert (chart.thread_ts, chart.channel) == (summary.ts, summary.channel)
    assert chart.content[:4] == b"\x89PNG" and chart.filename == "voc-2026-W48.png"
    # a rerun for the same week and destination posts nothing
    again = post(store, settings(slack), tmp_path)
    assert again.outcome == "already_posted" and summary.ts in (again.detail or "")
    assert len(slack.messages) == 1 and len(slack.files) == 1 and len(slack.replies(summary.ts)) == 3


def test_half_posted_report_is_reported_not_reposted(store: VocStore, slack: SlackServer, tmp_path: Path) -> None:
    config = settings(slack)
    # GIVEN a Slack that accepts the summary and the first thread reply, then fails the second reply
    slack.fail_next("chat.postMessage", "msg_too_long", skip=2)
    first = post(store, config, tmp_path)
    assert first.outcome == "failed_after_summary" and "thread reply 2 failed" in (first.detail or "")
    [summary] = slack.messages
    assert len(slack.replies(summary.ts)) == 1
    # WHEN the job runs again for that week: it says what happened and posts nothing
    rerun = post(store, config, tmp_path)
    assert rerun.outcome == "incomplete_previous_run" and summary.ts in (rerun.detail or "")
    assert "force" in (rerun.detail or "") and len(slack.messages) == 1
    # AND a person who checked the channel can post it again on purpose
    forced = post(store, config, tmp_path, force=True)
    assert forced.outcome == "posted" and len(slack.messages) == 2


def test_failure_before_anything_is_out_lets_the_next_run_post(store: VocStore, slack: SlackServer,
                                                               tmp_path: Path) -> None:
    slack.fail_next("chat.postMessage", "channel_not_found")
    failed = post(store, settings(slack), tmp_path)
    assert failed.outcome == "failed" and "channel_not_found" in (failed.detail or "") and slack.messages == []
    assert post(store, settings(slack), tmp_path).outcome == "posted" and len(slack.messages) == 1


def test_wrong_token_is_named_and_nothing_is_posted(store: VocStore, slack: SlackServer, tmp_path: Path) -> None:
    run = post(store, settings(slack, SLACK_BOT_TOKEN="xoxb-revoked"), tmp_path)
    assert run.outcome == "failed" and "invalid_auth" in (run.detail or "") and slack.messages == []


def test_rate_limit_is_waited_out_and_chart_failure_does_not_stop_the_thread(store: VocStore, slack: SlackServer,
                                                                              tmp_path: Path) -> None:
    slack.fail_next("chat.postMessage", "ratelimited", status=429)
    slack.fail_next("files.completeUploadExternal", "not_allowed_token_type")
    run = post(store, settings(slack), tmp_path)
    assert run.outcome == "posted" and run.result is not None and run.result.chart == "failed"
    [summary] = slack.messages
    assert len(slack.replies(summary.ts)) == 3 and slack.files == []
    assert slack.calls.count("chat.postMessage") == 5  # the 429, the summary, three replies


def test_quiet_week_posts_one_line_or_nothing(new_voc_store, slack: SlackServer, tmp_path: Path) -> None:  # noqa: ANN001
    quiet = new_voc_store()
    quiet.put_many(r for r in two_weeks(WEEK) if r.category == "product/size")  # +3 %: STABLE
    silent = post(quiet, settings(slack, VOC_POST_WHEN_NO_CHANGES="false"), tmp_path)
    assert silent.outcome == "nothing_to_post" and slack.calls == []
    run = post(quiet, settings(slack), tmp_path)
    assert run.outcome == "posted" and slack.files == []
    [line] = slack.messages
    assert len(line.blocks) == 1 and "변화가 없습니다" in line.shown and slack.replies(line.ts) == []


def test_no_destination_is_an_error_naming_the_settings(store: VocStore, tmp_path: Path, caplog) -> None:
    caplog.set_level(logging.INFO)
    run = post(store, Settings.from_env({}), tmp_path)
    assert run.outcome == "no_destination"
    assert "SLACK_BOT_TOKEN" in (run.detail or "") and "VOC_CHANNEL_GROUP_ID" in (run.detail or "")
    errors = [str(getattr(r, "detail", "")) for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("VOC_SLACK_CHANNEL" in e for e in errors), errors
    half = post(store, Settings.from_env({"SLACK_BOT_TOKEN": "xoxb-1"}), tmp_path)
    assert half.outcome == "no_destination" and "VOC_SLACK_CHANNEL" in (half.detail or "")


def test_channel_team_chat_is_the_alternative_destination(store: VocStore, tmp_path: Path) -> None:
    server = ChannelServer().start()
    try:
        config = Settings.from_env({"VOC_CHANNEL_GROUP_ID": "team-42", "CHANNEL_API_BASE_URL": server.url,
                                    "CHANNEL_ACCESS_KEY": ACCESS_KEY, "CHANNEL_ACCESS_SECRET": ACCESS_SECRET})
        run = post(store, config, tmp_path)
        assert run.outcome == "posted" and run.destination == "channel:team-42"
        assert run.result is not None and run.result.replies == 3 and run.result.chart == "not supported"
        posts = server.group_posts("team-42")
        assert len(posts) == 4 and all(p.query["botName"] == ["조군샵"] for p in posts)
        assert "주간 VOC 리포트 2026-W48" in posts[0].text and "CRITICAL" in posts[0].text and "*" not in posts[1].text
        assert post(store, config, tmp_path).outcome == "already_posted" and len(server.group_posts()) == 4
        assert server.posts() == []  # nothing went to a customer's chat
    finally:
        server.stop()


def test_send_group_message_is_the_open_api_call(tmp_path: Path) -> None:
    server = ChannelServer().start()
    try:
        client = ChannelClient(server.url, ACCESS_KEY, ACCESS_SECRET, "조군샵", timeout=2.0)
        client.send_group_message("g/1", "주간 리포트")
        [call] = server.group_posts()
        assert call.path == "/open/v5/groups/g%2F1/messages"  # the group id is escaped into one path segment
        assert call.body == {"blocks": [{"type": "text", "value": "주간 리포트"}]} and call.query["botName"] == ["조군샵"]
    finally:
        server.stop()


# --- LM follow-ups: one call, grounded numbers, fallback on failure --------------------------------


@pytest.fixture()
def lm() -> Iterator[OpenAIStubServer]:
    with OpenAIStubServer() as server:
        yield server


def lm_settings(slack: SlackServer, lm: OpenAIStubServer) -> Settings:
    return settings(slack, LM_API_BASE=lm.base_url, LM_MODEL="stub-model", LM_TIMEOUT_SECONDS="10")


@pytest.mark.lm
def test_lm_writes_all_followups_in_one_call(store: VocStore, slack: SlackServer, lm: OpenAIStubServer,
                                             tmp_path: Path) -> None:
    lm.push(chat_fields(followups=json.dumps({
        "delivery/status": "*요약* 배송 문의가 124건으로 늘었습니다.\n*원인 가설* 택배사 지연\n*후속 조치* 지연 주문 확인",
        "general/defects": "*요약* 불량 문의 28건, 부정 비율 54%.",
        "product/stock": "*요약* 재고 문의가 999건입니다.",  # a number that is not in the data
    }, ensure_ascii=False)))
    run = post(store, lm_settings(slack, lm), tmp_path)
    assert run.outcome == "posted" and run.followups is not None and run.followups.mode == "lm"
    [request] = lm.requests
    prompt = request.body["messages"][-1]["content"]
    assert "delivery/status" in prompt and "[주문번호]" in prompt and "20261118-0031" not in prompt
    assert "010-2345-6789" not in prompt
    replies = slack.replies(slack.messages[0].ts)
    assert "택배사 지연" in replies[0].shown and "부정 비율 54%" in replies[1].shown
    assert "999" not in replies[2].shown and "*대표 사례*" in replies[2].shown  # deterministic instead


@pytest.mark.lm
def test_lm_failure_falls_back_to_deterministic_followups(store: VocStore, slack: SlackServer,
                                                          lm: OpenAIStubServer, tmp_path: Path) -> None:
    lm.push(status=500)
    run = post(store, lm_settings(slack, lm), tmp_path)
    assert run.outcome == "posted" and run.followups is not None and run.followups.mode == "fallback"
    assert len(lm.requests) == 1
    assert all("*원인 가설*" in r.shown for r in slack.replies(slack.messages[0].ts))
