"""The weekly report: categories compared, sorted by status, and rendered as Slack Block Kit.

`build_report(last, base)` compares every category seen in either week (rules in `rules`), and
orders them CRITICAL → MONITOR → IMPROVED → STABLE, then by this week's count. `to_json()` is the
CLI's output. `summary_blocks()` is the Slack message: header, totals, status counts, one line
per category; it is built to stay inside Block Kit's limits (50 blocks per message, 3,000
characters per section text, 150 per header) however many categories there are: lines are packed
into sections and, past the limit, the quietest STABLE categories are summarised in one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from fractions import Fraction
from typing import Any

from core.voc.rules import CHANGED, STATUS_ORDER, Comparison, Status, percent, points
from core.voc.tally import CategoryTally, WeekTally
from core.voc.weeks import IsoWeek

MAX_BLOCKS = 50
MAX_SECTION_CHARS = 3000
MAX_HEADER_CHARS = 150
MAX_CONTEXT_ELEMENTS = 10
STATUS_EMOJI: dict[str, str] = {"CRITICAL": "🔴", "MONITOR": "🟠", "IMPROVED": "🟢", "STABLE": "⚪"}
STATUS_LABEL: dict[str, str] = {"CRITICAL": "긴급", "MONITOR": "주의", "IMPROVED": "개선", "STABLE": "유지"}


@dataclass(frozen=True)
class CategoryRow:
    """One category of the report: its comparison, status and the tallies behind them."""

    category: str
    comparison: Comparison
    last: CategoryTally
    base: CategoryTally

    @property
    def status(self) -> Status:
        return self.comparison.status

    def to_json(self) -> dict[str, Any]:
        c = self.comparison
        return {"category": self.category, "last": c.last, "base": c.base, "last_negative": c.last_negative,
                "base_negative": c.base_negative, "status": self.status}

    def line(self) -> str:
        """`🔴 *product/stock* 45건 (지난주 30건, +50%) · 부정 40% (+20%p)` (Slack mrkdwn)."""
        c = self.comparison
        return (f"{STATUS_EMOJI[self.status]} *{self.category}* {c.last:,}건 (지난주 {c.base:,}건, {percent(c.growth)}) · "
                f"부정 {_pct(c.last_ratio)} ({points(c.negative_rise)})")


@dataclass(frozen=True)
class WeeklyReport:
    """Last week against the base week, category by category."""

    week: IsoWeek
    base_week: IsoWeek
    rows: tuple[CategoryRow, ...]
    last_total: int
    base_total: int
    last_negative: int
    base_negative: int
    last_handoffs: int

    @property
    def changes(self) -> tuple[CategoryRow, ...]:
        """Rows that are not STABLE."""
        return tuple(r for r in self.rows if r.status in CHANGED)

    @property
    def followup_rows(self) -> tuple[CategoryRow, ...]:
        """CRITICAL and MONITOR rows: each gets a thread reply."""
        return tuple(r for r in self.rows if r.status in {"CRITICAL", "MONITOR"})

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)

    @property
    def totals(self) -> Comparison:
        return Comparison(self.last_total, self.base_total, self.last_negative, self.base_negative)

    def to_json(self) -> dict[str, Any]:
        """The CLI's `--json` object."""
        return {"week": str(self.week), "base_week": str(self.base_week),
                "categories": [r.to_json() for r in self.rows]}

    def summary(self) -> dict[str, Any]:
        """Counts for logs and the Lambda response (no text)."""
        return {"week": str(self.week), "base_week": str(self.base_week), "total": self.last_total,
                "base_total": self.base_total, "categories": len(self.rows),
                **{status.lower(): self.count(status) for status in STATUS_ORDER}}

    def totals_line(self) -> str:
        t = self.totals
        return (f"전체 VOC *{t.last:,}건* (지난주 {t.base:,}건, {percent(t.growth)}) · 부정 비율 {_pct(t.last_ratio)} "
                f"({points(t.negative_rise)}) · 상담원 연결 {self.last_handoffs:,}건")

    def status_line(self) -> str:
        return " · ".join(f"{STATUS_EMOJI[s]} {s} {self.count(s)}" for s in STATUS_ORDER)

    def no_changes_line(self) -> str:
        return (f"📊 {self.week} 주간 VOC: 지난주({self.base_week}) 대비 눈에 띄는 변화가 없습니다 "
                f"(전체 {self.last_total:,}건, 지난주 {self.base_total:,}건).")


def _pct(value: Fraction) -> str:
    return f"{round(value * 100)}%"


def build_report(last: WeekTally, base: WeekTally) -> WeeklyReport:
    """Compare every category seen in either week; rows sorted by status, then volume, then name."""
    rows = []
    for category in set(last.categories) | set(base.categories):
        lt, bt = last.get(category), base.get(category)
        rows.append(CategoryRow(category, Comparison(lt.total, bt.total, lt.negative, bt.negative), lt, bt))
    rows.sort(key=lambda r: (STATUS_ORDER.index(r.status), -r.comparison.last, -r.comparison.base, r.category))
    return WeeklyReport(week=last.week, base_week=base.week, rows=tuple(rows), last_total=last.total,
                        base_total=base.total, last_negative=last.negative, base_negative=base.negative,
                        last_handoffs=last.handoffs)


# --- Block Kit ---------------------------------------------------------------------------------


def _section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[:MAX_SECTION_CHARS]}}


def _pack(lines: list[str], limit: int = MAX_SECTION_CHARS) -> list[str]:
    """Join lines into as few texts of at most `limit` characters as possible (a line longer than
    the limit is cut)."""
    texts: list[str] = []
    current = ""
    for line in lines:
        line = line[:limit]
        if current and len(current) + 1 + len(line) > limit:
            texts.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        texts.append(current)
    return texts


def summary_text(report: WeeklyReport) -> str:
    """The notification text of the Slack message (shown where blocks are not)."""
    if not report.changes:
        return report.no_changes_line()
    return (f"주간 VOC {report.week}: CRITICAL {report.count('CRITICAL')} · MONITOR {report.count('MONITOR')} · "
            f"IMPROVED {report.count('IMPROVED')} (전체 {report.last_total:,}건)")


def summary_blocks(report: WeeklyReport, timezone_name: str = "Asia/Seoul") -> list[dict[str, Any]]:
    """The Slack message as Block Kit, always within 50 blocks and 3,000 characters per section."""
    if not report.changes:
        return [_section(report.no_changes_line())]
    start = report.week.monday
    head: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": f"📊 주간 VOC 리포트 {report.week}"[:MAX_HEADER_CHARS],
                                    "emoji": True}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": (
            f"{start:%Y-%m-%d} ~ {start + timedelta(days=6):%Y-%m-%d} ({timezone_name}) · "
            f"기준 주 {report.base_week} 대비")}]},
        _section(report.totals_line()),
        _section(report.status_line()),
        {"type": "divider"},
    ]
    tail: list[dict[str, Any]] = [{"type": "context", "elements": [{"type": "mrkdwn", "text": (
        "CRITICAL·MONITOR 항목의 후속 분석과 카테고리 차트는 이 메시지의 스레드에 있습니다.")}]}]
    room = MAX_BLOCKS - len(head) - len(tail)
    body: list[dict[str, Any]] = []
    for status in STATUS_ORDER:
        rows = [r for r in report.rows if r.status == status]
        if not rows:
            continue
        title = f"*{STATUS_EMOJI[status]} {status} ({STATUS_LABEL[status]}) {len(rows)}개*"
        texts = _pack([title] + [r.line() for r in rows])
        if len(body) + len(texts) > room:
            body.extend(_overflow(report, status, room - len(body)))
            break
        body.extend(_section(t) for t in texts)
    return head + body + tail


def _overflow(report: WeeklyReport, status: str, room: int) -> list[dict[str, Any]]:
    """The categories that do not fit: as many lines as fit, then one line counting the rest."""
    rows = [r for r in report.rows if STATUS_ORDER.index(r.status) >= STATUS_ORDER.index(status)]
    if room <= 0:
        return []
    shown: list[str] = []
    budget = room * MAX_SECTION_CHARS - 200 * room  # leave space for the closing line
    used = 0
    for row in rows:
        line = row.line()
        if used + len(line) + 1 > budget:
            break
        shown.append(line)
        used += len(line) + 1
    rest = rows[len(shown):]
    if rest:
        shown.append(f"…외 {len(rest)}개 카테고리 (합계 {sum(r.comparison.last for r in rest):,}건)")
    return [_section(t) for t in _pack(shown)][:room]


def block_kit_problems(blocks: list[dict[str, Any]]) -> list[str]:
    """What Slack would reject in `blocks` (empty when the message is valid for these limits)."""
    problems = []
    if len(blocks) > MAX_BLOCKS:
        problems.append(f"{len(blocks)} blocks (at most {MAX_BLOCKS})")
    for i, block in enumerate(blocks):
        text = (block.get("text") or {}).get("text", "")
        if block.get("type") == "section" and len(text) > MAX_SECTION_CHARS:
            problems.append(f"block {i}: section text of {len(text)} characters (at most {MAX_SECTION_CHARS})")
        if block.get("type") == "header" and len(text) > MAX_HEADER_CHARS:
            problems.append(f"block {i}: header of {len(text)} characters (at most {MAX_HEADER_CHARS})")
        if block.get("type") == "context" and len(block.get("elements", [])) > MAX_CONTEXT_ELEMENTS:
            problems.append(f"block {i}: context with more than {MAX_CONTEXT_ELEMENTS} elements")
    return problems


def text_blocks(text: str) -> list[dict[str, Any]]:
    """A long mrkdwn text (a thread reply) as sections within the limits."""
    return [_section(t) for t in _pack(text.split("\n"))][:MAX_BLOCKS]


def plain_text(report: WeeklyReport, max_rows: int | None = None) -> str:
    """The report as lines of plain text (the console, Channel.io team chat); past `max_rows` categories
    the rest are counted in one line."""
    if not report.changes:
        return report.no_changes_line()
    lines = [f"📊 주간 VOC 리포트 {report.week} (기준 주 {report.base_week})", report.totals_line().replace("*", ""),
             report.status_line()]
    shown = report.rows if max_rows is None else report.rows[:max_rows]
    lines.extend("  " + row.line().replace("*", "") for row in shown)
    rest = report.rows[len(shown):]
    if rest:
        lines.append(f"  …외 {len(rest)}개 카테고리 (합계 {sum(r.comparison.last for r in rest):,}건)")
    return "\n".join(lines)
