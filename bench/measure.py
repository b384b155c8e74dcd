"""What every benchmark measures the same way: percentiles and a process's own peak RSS."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def percentile(values: Sequence[float], pct: float, digits: int = 3) -> float:
    """Nearest-rank percentile (`pct` in 0-100); 0.0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return round(ordered[index], digits)


def peak_rss_mb() -> float:
    """This process's peak RSS. VmHWM, not ru_maxrss: Linux keeps ru_maxrss across fork+exec, so a
    child started from the (large) benchmark parent would report the parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass  # not Linux: fall back to getrusage
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
