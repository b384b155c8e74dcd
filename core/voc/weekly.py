"""The Monday job: count two weeks, compare, and post the report once per week and destination.

Order of a run (also `make voc-report` and `python -m core.voc report --post`):
1. read last week and the week before (one Query each) and build the report;
2. no destination → ERROR naming the settings, outcome `no_destination`; no changes and
   VOC_POST_WHEN_NO_CHANGES=false → `nothing_to_post`;
3. claim `VOCREPORT#<week>`/`<destination>` conditionally: a finished earlier run → `already_posted`,
   an unfinished one → `incomplete_previous_run` (nothing is reposted; `force` overrides);
4. draw the chart, write the follow-ups (one LM call at most), post; the summary's ts is stored as
   soon as it is out; on success the claim becomes `posted`. If posting fails before anything went
   out, the claim is dropped (the next run may post); after the summary, it stays (reported, not
   silently reposted).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from core.config import Settings
from core.observability import count, log_event, logger
from core.voc.destinations import Destination, DestinationError, PostResult, destination_from_settings, \
    destination_problem
from core.voc.followup import Followups, write_followups
from core.voc.records import TurnRecord
from core.voc.report import WeeklyReport, build_report
from core.voc.store import VocStore
from core.voc.tally import WeekTally
from core.voc.weeks import IsoWeek, report_week


@dataclass
class WeeklyRun:
    """What a run did; `to_dict()` is the Lambda response and the CLI's `post` object."""

    report: WeeklyReport
    outcome: str
    destination: str | None = None
    followups: Followups | None = None
    chart: Path | None = None
    result: PostResult | None = None
    detail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"outcome": self.outcome, **self.report.summary(), "destination": self.destination}
        if self.result:
            out.update(summary_ts=self.result.summary_ts, replies=self.result.replies, chart=self.result.chart)
        if self.followups:
            out["followups"] = self.followups.mode
        if self.chart:
            out["chart_file"] = str(self.chart)
        if self.detail:
            out["detail"] = self.detail
        return out


def report_from_store(store: VocStore, week: IsoWeek) -> WeeklyReport:
    """The report of `week` against the week before, read from the table."""
    return build_report(store.read_week(week), store.read_week(week.previous()))


def report_from_records(records: Iterable[TurnRecord], week: IsoWeek, timezone_name: str) -> WeeklyReport:
    """The report of `week` from records in memory (the CLI's `--records`); other weeks are skipped."""
    base_week = week.previous()
    tallies = {week: WeekTally(week), base_week: WeekTally(base_week)}
    for record in records:
        tally = tallies.get(IsoWeek.of(record.at, timezone_name))
        if tally is not None:
            tally.add(record.category, record.negative, record.category3, record.handoff, record.fallback,
                      record.excerpt)
    return build_report(tallies[week], tallies[base_week])


def post_report(report: WeeklyReport, settings: Settings, store: VocStore, destination: Destination | None = None,
                force: bool = False, chart_dir: Path | None = None) -> WeeklyRun:
    """Post the report to the destination (default: from the settings), at most once per week."""
    if destination is None:
        problem = destination_problem(settings)
        if problem:
            return _done(WeeklyRun(report, "no_destination", detail=problem))
        destination = destination_from_settings(settings)
        assert destination is not None
    name = destination.name
    if not report.changes and not settings.voc_post_when_no_changes:
        return _done(WeeklyRun(report, "nothing_to_post", name, detail="no category changed and "
                               "VOC_POST_WHEN_NO_CHANGES is false"))
    claim = store.claim(report.week, name, force=force)
    if claim.status == "already_posted":
        return _done(WeeklyRun(report, "already_posted", name,
                               detail=f"posted at {claim.previous.get('finished_at', '?')} "
                                      f"(message {claim.previous.get('summary_ts', '?')}); nothing posted again"))
    if claim.status == "incomplete":
        ts = claim.previous.get("summary_ts")
        detail = (f"a run started at {claim.previous.get('started_at', '?')} "
                  + (f"posted the summary (message {ts}) but did not finish the thread replies"
                     if ts else "claimed this week and did not record posting anything; it may have posted")
                  + ": check the destination, then rerun with force to post again")
        return _done(WeeklyRun(report, "incomplete_previous_run", name, detail=detail))
    chart = _chart(report, chart_dir) if report.changes else None
    followups = write_followups(report, settings) if report.followup_rows else None
    summary_posted = False

    def on_summary(ts: str) -> None:
        nonlocal summary_posted
        summary_posted = True
        try:
            store.note_progress(report.week, name, summary_ts=ts)
        except Exception as exc:  # the message is out; the claim (status posting) still blocks a repost
            logger.warning(f"VOC report progress not recorded ({type(exc).__name__})")

    try:
        result = destination.post(report, followups, chart, on_summary)
    except Exception as exc:
        posted = summary_posted or (isinstance(exc, DestinationError) and exc.posted_summary)
        if not posted:
            store.release(report.week, name)
        count("VocReportFailures")
        detail = (f"{exc}" if isinstance(exc, DestinationError) else f"{type(exc).__name__} while posting") + (
            "; the summary is out, so a rerun reports this run as incomplete instead of reposting"
            if posted else "; nothing was posted, a rerun may post")
        return _done(WeeklyRun(report, "failed_after_summary" if posted else "failed", name, followups, chart,
                               detail=detail))
    store.finish(report.week, name, summary_ts=result.summary_ts, replies=result.replies)
    return _done(WeeklyRun(report, "posted", name, followups, chart, result))


def _chart(report: WeeklyReport, chart_dir: Path | None) -> Path | None:
    """Draw the chart; a drawing failure costs the picture, never the report."""
    try:
        from core.voc.chart import draw_chart

        directory = chart_dir or Path(tempfile.gettempdir())
        return draw_chart(report, directory / f"voc-{report.week}.png")
    except Exception as exc:  # noqa: BLE001
        logger.warning(f"VOC chart not drawn ({type(exc).__name__}: {exc})")
        return None


def _done(run: WeeklyRun) -> WeeklyRun:
    level = "error" if run.outcome in {"failed", "failed_after_summary", "incomplete_previous_run",
                                       "no_destination"} else "info"
    log_event("voc_weekly", run.outcome, None, level=level, week=str(run.report.week), destination=run.destination,
              total=run.report.last_total, changes=len(run.report.changes),
              replies=run.result.replies if run.result else None, detail=run.detail)
    return run


def run_weekly(settings: Settings, store: VocStore, week: IsoWeek | None = None, now: datetime | None = None,
               destination: Destination | None = None, force: bool = False) -> WeeklyRun:
    """The scheduled job: report the week before `now` (shop time) and post it once."""
    started = time.perf_counter()
    week = week or report_week(now or datetime.now(timezone.utc), settings.shop_timezone)
    report = report_from_store(store, week)
    run = post_report(report, settings, store, destination, force=force)
    logger.info(f"VOC weekly run for {week} took {time.perf_counter() - started:.1f}s")
    return run


def preview(report: WeeklyReport, settings: Settings) -> WeeklyRun:
    """The report as it would be posted, without posting it (deterministic follow-ups, no LM call)."""
    from dataclasses import replace

    followups = write_followups(report, replace(settings, lm_disabled=True)) if report.followup_rows else None
    return WeeklyRun(report, "preview", followups=followups)


def console_text(run: WeeklyRun) -> str:
    """The run as the shop sees it: the summary, then each thread reply, then the chart and outcome."""
    from core.voc.report import plain_text

    lines = [plain_text(run.report)]
    for category, text in (run.followups.texts if run.followups else ()):
        lines.append(f"\n  └ 스레드 답글 ({category})")
        lines.extend("    " + line.replace("*", "") for line in text.split("\n"))
    if run.chart:
        lines.append(f"\n차트: {run.chart}")
    if run.outcome != "preview":
        where = f" → {run.destination}" if run.destination else ""
        lines.append(f"\n[{run.outcome}{where}]" + (f" {run.detail}" if run.detail else ""))
    return "\n".join(lines)
