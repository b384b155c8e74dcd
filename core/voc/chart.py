"""A small PNG of the categories, this week against last: what the Slack message carries as a picture.

matplotlib is imported here only, when a chart is drawn (never on the webhook or turn path), with
the non-interactive Agg backend and its config/cache directory under /tmp (the only writable path on
Lambda). Labels are the ASCII category names (`product/stock`), so no CJK font is needed.
"""

from __future__ import annotations

import os
import tempfile
from fractions import Fraction
from pathlib import Path

from core.voc.report import WeeklyReport
from core.voc.rules import percent

MAX_BARS = 12  # the busiest categories; a chart of 40 bars is unreadable in a Slack preview
STATUS_COLOUR = {"CRITICAL": "#d62728", "MONITOR": "#ff7f0e", "IMPROVED": "#2ca02c", "STABLE": "#7f7f7f"}


def _pyplot():  # type: ignore[no-untyped-def]
    os.environ.setdefault("MPLCONFIGDIR", os.path.join(tempfile.gettempdir(), "matplotlib"))
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _change(growth: Fraction | None, status: str) -> str:
    """`CRITICAL +50%` (ASCII only: the chart has no CJK font; growth from 0 is `new`)."""
    return f"{status} {'new' if growth is None else percent(growth)}"


def draw_chart(report: WeeklyReport, path: Path | None = None) -> Path:
    """Draw the grouped bar chart of the busiest categories to `path` (default under the temp dir)."""
    path = path or Path(tempfile.gettempdir()) / f"voc-{report.week}.png"
    rows = sorted(report.rows, key=lambda r: (-max(r.comparison.last, r.comparison.base), r.category))[:MAX_BARS]
    rows.reverse()  # barh draws bottom-up: the busiest category on top
    plt = _pyplot()
    height = 1.2 + 0.32 * max(1, len(rows))
    fig, ax = plt.subplots(figsize=(7.0, height), dpi=100)
    try:
        ys = range(len(rows))
        ax.barh([y + 0.2 for y in ys], [r.comparison.base for r in rows], height=0.4, color="#c7c7c7",
                label=str(report.base_week))
        ax.barh([y - 0.2 for y in ys], [r.comparison.last for r in rows], height=0.4, color="#1f77b4",
                label=str(report.week))
        widest = max([max(r.comparison.last, r.comparison.base) for r in rows] + [1])
        for y, row in zip(ys, rows):  # the status and change at the end of this week's bar
            ax.text(row.comparison.last + widest * 0.01, y - 0.2, _change(row.comparison.growth, row.status),
                    va="center", fontsize=7, color=STATUS_COLOUR[row.status])
        ax.set_xlim(0, widest * 1.25)
        ax.set_yticks(list(ys), [r.category for r in rows], fontsize=8)
        ax.tick_params(axis="x", labelsize=8)
        ax.set_title(f"VOC by category: {report.week} vs {report.base_week}", fontsize=10)
        ax.legend(fontsize=8, loc="lower right")
        ax.grid(axis="x", alpha=0.3)
        fig.tight_layout()
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, format="png")
    finally:
        plt.close(fig)
    return path
