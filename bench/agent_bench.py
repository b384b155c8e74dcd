"""`python -m bench.agent_bench`: LM calls and prompt tokens per turn, ours vs the textbook design.

Both pipelines run over the labelled set against the same loopback OpenAI-compatible stub in one
process. The stub answers by looking at which output fields DSPy's adapter asks for (harness, not
product logic): routes with the labelled route, ReAct steps call one tool then finish, replies carry
no numbers. Also reports our per-turn overhead excluding LM wall time and offline route accuracy.
Writes `.bench/agents.json`.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from bench.measure import percentile

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "data" / "eval"
OUT = ROOT / ".bench" / "agents.json"
FIRST_TOOL = {"product": ("find_products", {"query": "린넨 셔츠"}), "delivery": ("dispatch_estimate", {}),
              "general": ("faq", {"query": "반품"})}


class _Harness:
    """Scripted LM behaviour keyed on requested output fields (see module docstring)."""

    def __init__(self) -> None:
        self.route = "general"

    def __call__(self, body: dict[str, Any]) -> str:
        from devstack.openai_stub_server import chat_fields, requested_output_fields

        fields = requested_output_fields(body)
        last = str(body["messages"][-1].get("content", ""))
        if fields == ["route"]:
            return chat_fields(route=self.route)
        if "next_tool_name" in fields:
            if "observation_0" in last:
                return chat_fields(next_thought="답할 수 있어요.", next_tool_name="finish", next_tool_args="{}")
            name, args = FIRST_TOOL[self.route]
            return chat_fields(next_thought="사실을 찾아볼게요.", next_tool_name=name,
                               next_tool_args=json.dumps(args, ensure_ascii=False))
        values = {f: "확인해 드렸어요. 더 궁금하신 점 있으시면 말씀해 주세요." for f in fields}
        if "reasoning" in values:
            values["reasoning"] = "도구 결과를 바탕으로 답합니다."
        return chat_fields(**values)



def run(limit: int | None = None) -> dict[str, Any]:
    """Run both designs over the labelled set; returns (and writes) the figures."""
    import dspy

    from agent.evaluate import DEFAULT_NOW, evaluate, read_cases
    from agent.pipeline import SupportPipeline, format_history
    from bench.textbook_pipeline import TextbookPipeline
    from core.config import Settings
    from core.knowledge.manager import get_knowledge
    from devstack.openai_stub_server import OpenAIStubServer

    cases = read_cases(EVAL / "train.jsonl") + read_cases(EVAL / "heldout.jsonl")
    if limit:
        cases = cases[:limit]
    knowledge = get_knowledge()
    harness = _Harness()
    ours: dict[str, list[float]] = {"calls": [], "prompt": [], "overhead": []}
    book: dict[str, list[float]] = {"calls": [], "prompt": []}
    with OpenAIStubServer(responder=harness) as stub:
        settings = Settings.from_env({"LM_API_BASE": stub.base_url, "LM_MODEL": "stub-model",
                                      "COMPILED_PROGRAM_PATH": str(ROOT / ".bench" / "no-compiled.json")})
        pipeline = SupportPipeline(settings, knowledge_provider=lambda: knowledge)
        textbook = TextbookPipeline(knowledge, DEFAULT_NOW)
        adapter = dspy.ChatAdapter(use_json_adapter_fallback=False)
        for case in cases:
            harness.route = case["route"]
            messages = case.get("messages") or [case["message"]]
            before = len(stub.requests)
            result = pipeline.answer(list(messages), history=case.get("history"), now=DEFAULT_NOW)
            reqs = stub.requests[before:]
            ours["calls"].append(result.lm_calls)
            ours["prompt"].append(sum(r.prompt_tokens for r in reqs))
            ours["overhead"].append(result.latency_ms - result.lm_ms)
            before = len(stub.requests)
            lm = pipeline.lm.copy()
            with dspy.context(lm=lm, adapter=adapter):
                textbook(turn=" ".join(messages), history=format_history(case.get("history")))
            reqs = stub.requests[before:]
            book["calls"].append(len(lm.history))
            book["prompt"].append(sum(r.prompt_tokens for r in reqs))
    offline = SupportPipeline(Settings.from_env({"LM_DISABLED": "true"}), knowledge_provider=lambda: knowledge)
    held = evaluate(read_cases(EVAL / "heldout.jsonl"), pipeline=offline)
    t = time.perf_counter()
    offline_lat = [offline.answer(c.get("messages") or [c["message"]], history=c.get("history"),
                                  now=DEFAULT_NOW).latency_ms for c in cases]
    n = len(cases)
    report = {
        "turns": n,
        "ours_lm_calls_per_turn": round(sum(ours["calls"]) / n, 3),
        "textbook_lm_calls_per_turn": round(sum(book["calls"]) / n, 3),
        "ours_prompt_tokens_per_turn": round(sum(ours["prompt"]) / n, 1),
        "textbook_prompt_tokens_per_turn": round(sum(book["prompt"]) / n, 1),
        "lm_calls_ratio": round(sum(ours["calls"]) / max(1, sum(book["calls"])), 3),
        "prompt_tokens_ratio": round(sum(ours["prompt"]) / max(1, sum(book["prompt"])), 3),
        "overhead_ms_excluding_lm_p50": percentile(ours["overhead"], 50),
        "overhead_ms_excluding_lm_p99": percentile(ours["overhead"], 99),
        "offline_turn_ms_p50": percentile(offline_lat, 50),
        "offline_turn_ms_p99": percentile(offline_lat, 99),
        "offline_wall_s": round(time.perf_counter() - t, 3),
        "offline_heldout_route_accuracy": held["route_accuracy"],
        "offline_heldout_fact_accuracy": held["fact_accuracy"],
        "targets": {"ours_lm_calls_per_turn_max": 1.3, "prompt_tokens_ratio_max": 0.40,
                    "offline_heldout_route_accuracy_min": 0.92},
    }
    report["targets_met"] = (report["ours_lm_calls_per_turn"] <= 1.3 and report["prompt_tokens_ratio"] <= 0.40
                             and (held["route_accuracy"] or 0) >= 0.92)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return report


if __name__ == "__main__":
    print(json.dumps(run(), ensure_ascii=False, indent=2))
