"""`python -m agent.optimize [--out PATH] [--optimizer bootstrap|mipro] [--limit N]`: compile the DSPy program.

Needs a configured LM (the same environment variables as the service). Training examples come
from `data/eval/train.jsonl` (the held-out split is never used): each turn is grounded offline, so
the agents learn from the facts they will really see. The metric accepts a reply only if it passes
the fact guard, contains the labelled expected strings and is Korean; the router's metric is the
labelled route. The result (demos + instructions per predictor, no keys) is saved as JSON, by
default to `COMPILED_PROGRAM_PATH` (data/compiled/pipeline.json), which the pipeline loads at start.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from agent.evaluate import DEFAULT_NOW, read_cases
from agent.fact_guard import check_reply
from agent.lexical_router import DEFAULT_TRAIN_FILE
from core.config import Settings, get_settings

logger = logging.getLogger(__name__)


class OptimizeError(RuntimeError):
    """Optimisation cannot run; the message says what to configure."""


def build_examples(cases: list[dict[str, Any]], knowledge: Any, lexical: Any) -> tuple[list, list]:
    """(agent examples, router examples) as dspy.Example lists from labelled cases."""
    import dspy

    from agent.pipeline import GROUNDERS, format_history

    agent_examples, router_examples = [], []
    for case in cases:
        if case.get("handoff"):
            continue
        turn = " ".join(case.get("messages") or [case["message"]])
        history = format_history(case.get("history"))
        guess = lexical.predict(turn)
        router_examples.append(dspy.Example(turn=turn, history=history, lexical_guess=f"{guess.route} {guess.confidence:.2f}",
                                            route=case["route"]).with_inputs("turn", "history", "lexical_guess"))
        g = GROUNDERS[case["route"]](knowledge, turn, case.get("history"), DEFAULT_NOW)
        if g.ask_back or g.handoff or not g.use_lm:
            continue
        agent_examples.append(dspy.Example(turn=turn, history=history, facts=g.facts_text(), route=case["route"],
                                           reply=g.reply, fact_texts=g.texts(), expect=case.get("expect") or [])
                              .with_inputs("turn", "history", "facts", "route"))
    return agent_examples, router_examples


def reply_metric(example: Any, prediction: Any, trace: Any = None) -> bool:
    reply = str(getattr(prediction, "reply", "") or "")
    if not reply.strip() or not any("가" <= ch <= "힣" for ch in reply):
        return False
    if not check_reply(reply, example.fact_texts).ok:
        return False
    return all(e in reply for e in example.expect)


def route_metric(example: Any, prediction: Any, trace: Any = None) -> bool:
    return getattr(prediction, "route", None) == example.route


def _optimizer(name: str, metric: Any, max_demos: int) -> Any:
    import dspy

    if name == "mipro":
        try:
            return dspy.MIPROv2(metric=metric, auto="light", max_bootstrapped_demos=max_demos,
                                max_labeled_demos=max_demos)
        except ImportError as exc:  # optuna missing
            logger.warning("MIPROv2 unavailable (%s); using BootstrapFewShot", exc)
    return dspy.BootstrapFewShot(metric=metric, max_bootstrapped_demos=max_demos, max_labeled_demos=max_demos,
                                 max_rounds=1)


def optimize(settings: Settings | None = None, out: Path | None = None, optimizer: str = "bootstrap",
             limit: int | None = None, max_demos: int = 3, train_file: Path = DEFAULT_TRAIN_FILE) -> dict[str, Any]:
    """Compile router and agents against the configured LM; save JSON; return a summary."""
    settings = settings or get_settings()
    if settings.lm_backend is None:
        raise OptimizeError("no LM configured: set LM_API_BASE (+LM_MODEL), OPENAI_API_KEY or AZURE_OPENAI_* first")
    from agent.lm_backend import build_lm, prepare_environment

    prepare_environment(settings)
    import dspy

    from agent.lexical_router import LexicalRouter
    from agent.program import SupportProgram
    from core.knowledge.manager import get_knowledge

    lm = build_lm(settings)
    cases = read_cases(train_file)[:limit] if limit else read_cases(train_file)
    agent_examples, router_examples = build_examples(cases, get_knowledge(), LexicalRouter.from_jsonl(train_file))
    program = SupportProgram()
    with dspy.context(lm=lm, adapter=dspy.ChatAdapter(use_json_adapter_fallback=False)):
        compiled = _optimizer(optimizer, reply_metric, max_demos).compile(program, trainset=agent_examples)
        router = _optimizer(optimizer, route_metric, max_demos).compile(program.router, trainset=router_examples)
    # Copy the router's demos in (a compiled sub-module would be hidden from save()).
    compiled.router.predict.demos = router.predict.demos
    compiled.router.predict.signature = router.predict.signature
    out = Path(out or settings.compiled_program_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    compiled.save(str(out))
    demos = {name: len(p.demos) for name, p in compiled.named_predictors()}
    return {"saved": str(out), "optimizer": optimizer, "agent_examples": len(agent_examples),
            "router_examples": len(router_examples), "demos": demos, "lm_calls": len(lm.history)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m agent.optimize", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="where to save (default COMPILED_PROGRAM_PATH)")
    parser.add_argument("--optimizer", choices=("bootstrap", "mipro"), default="bootstrap")
    parser.add_argument("--limit", type=int, help="use only the first N training turns")
    parser.add_argument("--max-demos", type=int, default=3)
    args = parser.parse_args(argv)
    try:
        summary = optimize(out=args.out, optimizer=args.optimizer, limit=args.limit, max_demos=args.max_demos)
    except OptimizeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
