"""`python -m agent.evaluate FILE.jsonl [--now ISO] [--details]`: score the pipeline on labelled turns.

Each line: `{"message": "...", "route": "product"}` with optional `messages` (a burst), `history`
(`[{"role", "text"}]`), `expect` (strings the reply must contain) and `handoff` (bool). Prints one
JSON object: n, route_accuracy, per-route precision/recall, fact_accuracy (share of turns with
`expect` whose reply contains every expected string), handoff_rate, handoff_accuracy,
lm_calls_per_turn, tokens_per_turn, mode. Offline with no LM configured, LM mode otherwise.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from agent.labelled_turns import ROUTES, EvalFileError, read_cases  # noqa: F401 (re-exported)
# Eval files are written against this moment so dispatch/arrival facts are reproducible.
DEFAULT_NOW = datetime(2026, 11, 23, 10, 30)




def evaluate(cases: Iterable[dict[str, Any]], pipeline: Any = None, now: datetime = DEFAULT_NOW,
             details: bool = False) -> dict[str, Any]:
    """Run every case through the pipeline and aggregate the metrics."""
    if pipeline is None:
        from agent.pipeline import get_pipeline

        pipeline = get_pipeline()
    n = 0
    correct = 0
    confusion: Counter[tuple[str, str]] = Counter()
    fact_total = fact_ok = handoffs = handoff_right = handoff_labelled = 0
    calls = tokens = 0
    modes: Counter[str] = Counter()
    rows = []
    for case in cases:
        messages = case.get("messages") or [case["message"]]
        result = pipeline.answer(list(messages), history=case.get("history"), now=now)
        n += 1
        confusion[(case["route"], result.route)] += 1
        correct += result.route == case["route"]
        expect = case.get("expect") or []
        missing = [e for e in expect if e not in result.reply]
        if expect:
            fact_total += 1
            fact_ok += not missing
        handoffs += result.handoff
        if "handoff" in case:
            handoff_labelled += 1
            handoff_right += bool(case["handoff"]) == (result.handoff and result.handoff_reason == "customer_request")
        calls += result.lm_calls
        tokens += result.tokens
        modes[result.mode] += 1
        if details:
            rows.append({"message": " / ".join(messages), "route": case["route"], "got": result.route,
                         "reply": result.reply, "missing": missing, "handoff": result.handoff,
                         "ask_back": result.ask_back, "mode": result.mode, "facts": result.facts})
    per_route = {}
    for route in ROUTES:
        tp = confusion[(route, route)]
        predicted = sum(v for (gold, got), v in confusion.items() if got == route)
        actual = sum(v for (gold, got), v in confusion.items() if gold == route)
        per_route[route] = {"precision": round(tp / predicted, 4) if predicted else None,
                            "recall": round(tp / actual, 4) if actual else None, "n": actual}
    report: dict[str, Any] = {
        "n": n,
        "route_accuracy": round(correct / n, 4) if n else None,
        "per_route": per_route,
        "fact_accuracy": round(fact_ok / fact_total, 4) if fact_total else None,
        "fact_cases": fact_total,
        "handoff_rate": round(handoffs / n, 4) if n else None,
        "handoff_request_accuracy": round(handoff_right / handoff_labelled, 4) if handoff_labelled else None,
        "lm_calls_per_turn": round(calls / n, 4) if n else 0.0,
        "tokens_per_turn": round(tokens / n, 2) if n else 0.0,
        "mode": modes.most_common(1)[0][0] if modes else getattr(pipeline, "mode", "offline"),
        "modes": dict(modes),
    }
    if details:
        report["details"] = rows
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m agent.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path, help="labelled JSONL, e.g. data/eval/heldout.jsonl")
    parser.add_argument("--now", help=f"ISO time the turns are asked at (default {DEFAULT_NOW.isoformat()})")
    parser.add_argument("--details", action="store_true", help="include every turn's reply")
    args = parser.parse_args(argv)
    try:
        cases = read_cases(args.file)
    except (OSError, EvalFileError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    now = datetime.fromisoformat(args.now) if args.now else DEFAULT_NOW
    report = evaluate(cases, now=now, details=args.details)
    print(json.dumps(report, ensure_ascii=False, indent=None if not args.details else 1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
