"""The report model: order, JSON shape, Block Kit limits whatever the size, chart and follow-ups."""

from __future__ import annotations

from pathlib import Path

from core.config import Settings
from core.voc.chart import draw_chart
from core.voc.followup import write_followups
from core.voc.report import MAX_BLOCKS, MAX_SECTION_CHARS, block_kit_problems, build_report, summary_blocks, \
    text_blocks
from core.voc.tally import WeekTally
from core.voc.weeks import IsoWeek

WEEK = IsoWeek.parse("2026-W48")


def tallies(counts: dict[str, tuple[int, int, int, int]]) -> tuple[WeekTally, WeekTally]:
    """category → (last, last_negative, base, base_negative)."""
    last, base = WeekTally(WEEK), WeekTally(WEEK.previous())
    for category, (n, neg, b, bneg) in counts.items():
        for i in range(n):
            last.add(category, i < neg, subject="린넨셔츠" if i % 2 else None, excerpt=f"{category} 문의 {i % 4}")
        for i in range(b):
            base.add(category, i < bneg)
    return last, base


def test_rows_are_sorted_by_status_then_volume() -> None:
    report = build_report(*tallies({
        "general/points": (5, 0, 5, 0), "product/stock": (26, 0, 20, 0), "delivery/status": (40, 0, 20, 0),
        "general/returns": (8, 0, 10, 0), "delivery/fee": (12, 0, 10, 0), "product/size": (30, 0, 30, 0),
    }))
    assert [(r.category, r.status) for r in report.rows] == [
        ("delivery/status", "CRITICAL"), ("product/stock", "CRITICAL"), ("delivery/fee", "MONITOR"),
        ("general/returns", "IMPROVED"), ("product/size", "STABLE"), ("general/points", "STABLE")]
    data = report.to_json()
    assert set(data) == {"week", "base_week", "categories"} and data["base_week"] == "2026-W47"
    assert data["categories"][0] == {"category": "delivery/status", "last": 40, "base": 20, "last_negative": 0,
                                     "base_negative": 0, "status": "CRITICAL"}
    assert [r.category for r in report.followup_rows] == ["delivery/status", "product/stock", "delivery/fee"]


def test_block_kit_limits_hold_for_hundreds_of_long_categories() -> None:
    counts = {f"{'product' if i % 2 else 'general'}/{'topic-with-a-long-name-' + str(i):.38}": (30, i % 7, 10, 0)
              for i in range(1500)}
    counts.update({f"delivery/stable{i}": (20, 0, 20, 0) for i in range(500)})
    report = build_report(*tallies(counts))
    blocks = summary_blocks(report)
    assert block_kit_problems(blocks) == []
    assert len(blocks) <= MAX_BLOCKS
    shown = "\n".join(b["text"]["text"] for b in blocks if b["type"] == "section")
    assert "…외" in shown and "카테고리" in shown  # what did not fit is counted, not dropped silently
    long_reply = "\n".join(f"> 사례 {i} " + "가" * 200 for i in range(100))
    assert block_kit_problems(text_blocks(long_reply)) == []
    assert all(len(b["text"]["text"]) <= MAX_SECTION_CHARS for b in text_blocks(long_reply))


def test_a_quiet_week_is_one_short_line() -> None:
    report = build_report(*tallies({"product/stock": (10, 0, 10, 0)}))
    assert report.changes == ()
    [block] = summary_blocks(report)
    assert "변화가 없습니다" in block["text"]["text"]


def test_block_kit_checker_names_what_slack_rejects() -> None:
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}] * 51
    problems = block_kit_problems(blocks)
    assert problems[0] == "51 blocks (at most 50)" and "3001 characters" in problems[1]


def test_chart_is_a_png(tmp_path: Path) -> None:
    report = build_report(*tallies({"product/stock": (26, 0, 20, 0), "delivery/fee": (5, 0, 0, 0)}))
    path = draw_chart(report, tmp_path / "chart.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and 2_000 < path.stat().st_size < 200_000


def test_deterministic_followups_use_counts_excerpts_and_subjects() -> None:
    report = build_report(*tallies({"product/stock": (26, 10, 20, 0)}))
    followups = write_followups(report, Settings.from_env({}))
    assert followups.mode == "deterministic"
    [(category, text)] = followups.texts
    assert category == "product/stock"
    for part in ("*요약* 26건 (지난주 20건, +30%)", "부정 10건 (38%, +38%p)", "> product/stock 문의 0",
                 "*관련 상품·정책* 린넨셔츠 13건", "*원인 가설*", "재입고", "*후속 조치*"):
        assert part in text, part


def test_plain_text_counts_what_it_does_not_list() -> None:
    from core.voc.report import plain_text

    report = build_report(*tallies({f"product/t{i}": (30, 0, 10, 0) for i in range(80)}))
    text = plain_text(report, max_rows=60)
    assert text.count("🔴") == 60 + 1 and "…외 20개 카테고리 (합계 600건)" in text  # +1: the status line
    assert "…외" not in plain_text(report)
