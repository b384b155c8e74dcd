"""`python -m agent.evaluate FILE.jsonl [--source SHOP.owl] [--now ISO] [--details]`: score the pipeline on labelled turns.

Each line: `{"message": "...", "route": "product"}` with optional `messages` (a burst), `history`
(`[{"role", "text"}]`), `expect` (strings the reply must contain), `handoff` (bool: whether a person
should take over) and `needs_human` (true: a reported problem or an action only a person can carry out; implies
handoff). Prints one JSON object: n, route_accuracy, per-route precision/recall, fact_accuracy
(share of turns with `expect` whose reply contains every expected string), decisive_fact_recall (share
whose FACTS — what an LM would be given — hold every decisive part of the expected strings: their numbers and
the shop data they name, not template wording), handoff_rate,
unnecessary_handoff_rate (handed off where `handoff` is false and `needs_human` is not set), handoff_accuracy
(handed off exactly when a person should take over, over the turns labelled either way),
lm_calls_per_turn, tokens_per_turn, mode. Offline with no LM configured, LM mode otherwise.
`--source` answers from another shop's ontology (a path or s3://bucket/key) instead of the configured one.
Customers asking about an order are presented as its verified owner (the harness knows the orders).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from agent.labelled_turns import ROUTES, EvalFileError, read_cases  # noqa: F401 (re-exported)
# Eval files are written against this moment so dispatch/arrival facts are reproducible.
DEFAULT_NOW = datetime(2026, 11, 23, 10, 30)




def owner_of_orders(pipeline: Any, messages: Iterable[str], history: Any) -> dict[str, Any] | None:
    """The customer record of the orders a labelled turn names (its history included): eval turns are asked
    by the orders' owners, hashed with the pipeline's own salt (as the spine would). None when no order is named."""
    from agent.order_access import owner_identity

    try:
        knowledge = pipeline.knowledge_provider()
    except AttributeError:
        return None
    settings = getattr(pipeline, "settings", None)
    salt = getattr(settings, "customer_hash_salt", None) or ""
    text = " ".join([*messages, *(str(h.get("text", "")) for h in history or [])])
    return owner_identity(knowledge, text, salt)


def answer_as_owner(pipeline: Any, messages: list[str], history: Any = None, now: datetime = DEFAULT_NOW) -> Any:
    """The pipeline's answer in the chat of the owner of the orders the turn names, as the spine presents a verified
    customer (`owner_of_orders`)."""
    return pipeline.answer(list(messages), history=history, now=now, customer=owner_of_orders(pipeline, messages, history))


def _shop_strings(pipeline: Any) -> frozenset[str]:
    """The shop's own short data strings (product names, option values, materials, statuses, carrier, contact):
    what tells an expected shop fact ("크루넥 니트", "배송완료") from template wording ("죄송", "free")."""
    try:
        k = pipeline.knowledge_provider()
        out: set[str] = set()
        for p in k.products():
            out.update(x for x in (p.name, p.category, p.material, p.fit, p.origin, p.brand, *p.aliases) if x)
            for axis in p.axes:
                out.update(v for v in p.values(axis.key) if v)
        for n in k.order_numbers():
            o = k.order(n)
            out.update(x for x in (o.number, o.status, o.carrier, o.tracking_number) if x)
        shop = k.shop if isinstance(k.shop, dict) else {}
        out.update(str(v) for v in shop.values() if isinstance(v, str) and v)
        carrier = getattr(k.delivery_policy(), "carrier", "")
        if carrier:
            out.add(carrier)
    except Exception:  # noqa: BLE001 - a harness without a knowledge provider: only numbers count
        return frozenset()
    return frozenset(x for x in out if len(x) >= 2)


_NUMBER = re.compile(r"\d[\d,.]*")


def _atoms(expect: str, shop: frozenset[str]) -> list[tuple[str, str]]:
    """The decisive parts of an expected string: its numbers and the shop data it names."""
    numbers = [("n", m.group(0).replace(",", "").rstrip(".")) for m in _NUMBER.finditer(expect)]
    named = [("s", x) for x in shop if not x.replace(",", "").isdigit() and x in expect]
    return [n for n in numbers if n[1] != "0"] + named


def _recalled(atoms: list[tuple[str, str]], facts: str) -> bool:
    numbers = {m.group(0).replace(",", "").rstrip(".") for m in _NUMBER.finditer(facts)}
    return all((value in numbers) if kind == "n" else (value in facts) for kind, value in atoms)


def evaluate(cases: Iterable[dict[str, Any]], pipeline: Any = None, now: datetime = DEFAULT_NOW,
             details: bool = False) -> dict[str, Any]:
    """Run every case through the pipeline and aggregate the metrics."""
    if pipeline is None:
        from agent.pipeline import get_pipeline

        pipeline = get_pipeline()
    n = 0
    correct = 0
    confusion: Counter[tuple[str, str]] = Counter()
    fact_total = fact_ok = handoffs = handoff_right = handoff_labelled = recall_ok = recall_total = unnecessary = 0
    shop = _shop_strings(pipeline)
    calls = tokens = 0
    modes: Counter[str] = Counter()
    rows = []
    for case in cases:
        messages = case.get("messages") or [case["message"]]
        result = answer_as_owner(pipeline, messages, case.get("history"), now)
        n += 1
        confusion[(case["route"], result.route)] += 1
        correct += result.route == case["route"]
        expect = case.get("expect") or []
        missing = [e for e in expect if e not in result.reply]
        if expect:
            fact_total += 1
            fact_ok += not missing
            facts_blob = " ".join(getattr(result, "fact_texts", None) or [])
            atoms = [a for e in expect for a in _atoms(e, shop)]
            recall_total += bool(atoms)
            recall_ok += bool(atoms) and _recalled(atoms, facts_blob)
        handoffs += result.handoff
        unnecessary += bool(result.handoff and case.get("handoff") is False and not case.get("needs_human"))
        if "handoff" in case or "needs_human" in case:
            handoff_labelled += 1
            handoff_right += bool(case.get("handoff") or case.get("needs_human")) == bool(result.handoff)
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
        "decisive_fact_recall": round(recall_ok / recall_total, 4) if recall_total else None,
        "decisive_fact_cases": recall_total,
        "handoff_rate": round(handoffs / n, 4) if n else None,
        "unnecessary_handoff_rate": round(unnecessary / n, 4) if n else None,
        "handoff_accuracy": round(handoff_right / handoff_labelled, 4) if handoff_labelled else None,
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
    parser.add_argument("--source", help="answer from this shop's ontology (PATH or s3://bucket/key)")
    args = parser.parse_args(argv)
    try:
        cases = read_cases(args.file)
    except (OSError, EvalFileError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    now = datetime.fromisoformat(args.now) if args.now else DEFAULT_NOW
    pipeline = None
    if args.source:
        from agent.pipeline import SupportPipeline
        from core.knowledge.manager import load_knowledge, source_for

        knowledge = load_knowledge(source_for(args.source), write_index=False)
        pipeline = SupportPipeline(knowledge_provider=lambda: knowledge)
    report = evaluate(cases, pipeline=pipeline, now=now, details=args.details)
    print(json.dumps(report, ensure_ascii=False, indent=None if not args.details else 1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
