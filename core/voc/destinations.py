"""Where the weekly report goes: a Slack channel (slack_sdk, Block Kit, chart, thread replies) or,
when Slack is not configured, a Channel.io team chat (the shop's own inbox, via `ChannelClient`).

Each destination has a `name` (`slack:<channel>`, `channel:<groupId>`): the report's idempotency
key in the table. `post` calls `on_summary(ts)` as soon as the summary message is out, so a run
that dies after it is known to have half-posted (see `store.VocStore.claim`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from core.config import Settings
from core.voc.followup import Followups
from core.voc.report import WeeklyReport, plain_text, summary_blocks, summary_text, text_blocks

SLACK_TIMEOUT_SECONDS = 15
CHART_COMMENT = "카테고리별 VOC: 이번 주와 지난주 비교"
CHANNEL_MAX_ROWS = 60  # a team-chat message stays readable; the rest are counted in one line


class DestinationError(RuntimeError):
    """Posting failed; `posted_summary` says whether anything reached the destination."""

    def __init__(self, message: str, posted_summary: bool) -> None:
        super().__init__(message)
        self.posted_summary = posted_summary


@dataclass(frozen=True)
class PostResult:
    """What went out: the summary message's id, thread replies, and the chart's outcome."""

    summary_ts: str
    replies: int
    chart: str  # "uploaded", "failed", "none", or "not supported"


class Destination(Protocol):
    name: str

    def post(self, report: WeeklyReport, followups: Followups | None, chart: Path | None,
             on_summary: Callable[[str], None]) -> PostResult: ...


class SlackDestination:
    """A Slack channel through the Web API: chat.postMessage, files upload (v2), thread replies."""

    def __init__(self, token: str, channel: str, base_url: str = "https://slack.com/api/",
                 timezone_name: str = "Asia/Seoul", client: Any = None) -> None:
        from slack_sdk import WebClient
        from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, RateLimitErrorRetryHandler

        self.channel = channel
        self.name = f"slack:{channel}"
        self.timezone_name = timezone_name
        self.client = client or WebClient(
            token=token, base_url=base_url, timeout=SLACK_TIMEOUT_SECONDS,
            logger=logging.getLogger("slack_sdk.voc"),  # its DEBUG lines would carry the report text
            retry_handlers=[ConnectionErrorRetryHandler(max_retry_count=1), RateLimitErrorRetryHandler(max_retry_count=2)])

    def post(self, report: WeeklyReport, followups: Followups | None, chart: Path | None,
             on_summary: Callable[[str], None]) -> PostResult:
        from slack_sdk.errors import SlackClientError

        try:
            sent = self.client.chat_postMessage(channel=self.channel, text=summary_text(report),
                                                blocks=summary_blocks(report, self.timezone_name),
                                                unfurl_links=False, unfurl_media=False)
        except SlackClientError as exc:
            raise DestinationError(f"Slack chat.postMessage failed: {_slack_error(exc)}", posted_summary=False) from exc
        ts, channel_id = str(sent["ts"]), str(sent.get("channel") or self.channel)
        on_summary(ts)
        chart_outcome = "none"
        if chart is not None:
            try:  # a chart that does not upload (e.g. no files:write scope) must not hold back the follow-ups
                self.client.files_upload_v2(channel=channel_id, thread_ts=ts, file=str(chart), filename=chart.name,
                                            title=f"VOC {report.week} vs {report.base_week}",
                                            initial_comment=CHART_COMMENT)
                chart_outcome = "uploaded"
            except (SlackClientError, OSError) as exc:
                logging.getLogger(__name__).warning("VOC chart upload failed: %s", _slack_error(exc))
                chart_outcome = "failed"
        replies = 0
        for category, text in (followups.texts if followups else ()):
            try:
                self.client.chat_postMessage(channel=channel_id, thread_ts=ts, text=f"{category} 후속 분석",
                                             blocks=text_blocks(text), unfurl_links=False, unfurl_media=False)
            except SlackClientError as exc:
                raise DestinationError(f"Slack thread reply {replies + 1} failed after the summary was posted: "
                                       f"{_slack_error(exc)}", posted_summary=True) from exc
            replies += 1
        return PostResult(ts, replies, chart_outcome)


class ChannelTeamChatDestination:
    """A Channel.io team chat (group): the summary, then one message per follow-up (no chart: the
    Open API message body carries text blocks only)."""

    def __init__(self, client: Any, group_id: str) -> None:
        self.client = client
        self.group_id = group_id
        self.name = f"channel:{group_id}"

    def post(self, report: WeeklyReport, followups: Followups | None, chart: Path | None,
             on_summary: Callable[[str], None]) -> PostResult:
        from core.chat.channel_api import ChannelApiError

        try:
            sent = self.client.send_group_message(self.group_id, plain_text(report, CHANNEL_MAX_ROWS))
        except ChannelApiError as exc:
            raise DestinationError(f"Channel.io team chat post failed: {exc}", posted_summary=False) from exc
        ts = str((sent.get("message") or {}).get("id") or "posted")
        on_summary(ts)
        replies = 0
        for _category, text in (followups.texts if followups else ()):
            try:
                self.client.send_group_message(self.group_id, text.replace("*", ""))
            except ChannelApiError as exc:
                raise DestinationError(f"Channel.io follow-up {replies + 1} failed after the summary was posted: {exc}",
                                       posted_summary=True) from exc
            replies += 1
        return PostResult(ts, replies, "not supported" if chart else "none")


def _slack_error(exc: BaseException) -> str:
    response = getattr(exc, "response", None)
    error = response.get("error") if response is not None and hasattr(response, "get") else None
    return str(error or type(exc).__name__)


MISSING_DESTINATION = ("no VOC report destination is configured: set SLACK_BOT_TOKEN and VOC_SLACK_CHANNEL "
                       "(Slack), or VOC_CHANNEL_GROUP_ID with CHANNEL_ACCESS_KEY/CHANNEL_ACCESS_SECRET (Channel.io team chat)")


def destination_problem(settings: Settings) -> str | None:
    """Why no destination can be built from the settings (None when one can)."""
    if settings.slack_bot_token and settings.voc_slack_channel:
        return None
    if settings.slack_bot_token or settings.voc_slack_channel:
        missing = "VOC_SLACK_CHANNEL" if settings.slack_bot_token else "SLACK_BOT_TOKEN"
        return f"Slack is half configured for the VOC report: set {missing} too"
    if settings.voc_channel_group_id:
        if not settings.channel_access_key:
            return "VOC_CHANNEL_GROUP_ID is set but CHANNEL_ACCESS_KEY/CHANNEL_ACCESS_SECRET are not: cannot post to Channel.io"
        return None
    return MISSING_DESTINATION


def destination_from_settings(settings: Settings) -> Destination | None:
    """Slack when SLACK_BOT_TOKEN and VOC_SLACK_CHANNEL are set, else the Channel.io team chat, else None."""
    if destination_problem(settings) is not None:
        return None
    if settings.slack_bot_token and settings.voc_slack_channel:
        return SlackDestination(settings.slack_bot_token, settings.voc_slack_channel, settings.slack_api_base_url,
                                settings.shop_timezone)
    from core.chat.channel_api import ChannelClient

    return ChannelTeamChatDestination(ChannelClient.from_settings(settings), settings.voc_channel_group_id or "")
