"""Understanding layer (issue 7): cold first reply, warm offline turn latency, peak RSS, and quality on every
labelled set. `python -m bench.understanding_bench`.

Speed is measured in fresh child processes (a Lambda container's life): one imports the pipeline, loads the
bundled knowledge, warms the analyser (mecab-ko) and answers one turn (cold first reply); another answers
every labelled turn of every set once, warm, and reports the latency percentiles and its own peak RSS.
Quality is `agent.evaluate` offline on the project's own sets (development sets, tuned on), the blind sets and
the three test shops' turns (tuned on). A blind set's figure is unseen only at its first measurement
(docs/benchmarks.md records those); what this prints for them later is a regression check, not a blind score.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / ".bench" / "understanding.json"
SETS = ("train", "heldout", "probe", "blind", "blind2", "blind3", "blind4", "blind5", "blind6", "blind7", "blind8", "blind9", "blind10", "blind11", "blind12", "blind13", "blind14", "blind15", "blind16", "blind17", "blind18", "blind19", "blind20", "blind21", "blind22", "blind23", "blind24", "blind25", "blind26", "blind27", "blind28", "blind29", "blind30", "blind31", "blind32", "blind33", "blind34", "blind35", "blind36", "blind37", "blind38", "blind39", "blind40", "blind41", "blind42", "blind43", "blind44", "blind45", "blind46", "blind47", "blind48", "blind49", "blind50", "blind51", "blind52", "blind53", "blind54", "blind55", "blind56", "blind57", "blind58", "blind59", "blind60", "blind61", "blind62")
SHOP_BLIND_SETS = ("blind4_shops", "blind5_shops", "blind6_shops", "blind7_shops", "blind8_shops", "blind9_shops", "blind10_shops", "blind11_shops", "blind12_shops", "blind13_shops", "blind14_shops", "blind15_shops", "blind16_shops", "blind17_shops", "blind18_shops", "blind19_shops", "blind20_shops", "blind21_shops", "blind22_shops", "blind23_shops", "blind24_shops", "blind25_shops", "blind26_shops", "blind27_shops", "blind28_shops", "blind29_shops", "blind30_shops", "blind31_shops", "blind32_shops", "blind33_shops", "blind34_shops", "blind35_shops", "blind36_shops", "blind37_shops", "blind38_shops", "blind39_shops", "blind40_shops", "blind41_shops", "blind42_shops", "blind43_shops", "blind44_shops", "blind45_shops", "blind46_shops", "blind47_shops", "blind48_shops", "blind49_shops", "blind50_shops", "blind51_shops", "blind52_shops", "blind53_shops", "blind54_shops", "blind55_shops", "blind56_shops", "blind57_shops", "blind58_shops", "blind59_shops", "blind60_shops", "blind61_shops", "blind62_shops")  # the three shops' turns of the fresh blind rounds
# the moment a set's author wrote it for (today's dates, sales and dispatch days); the others use DEFAULT_NOW
SET_NOW = {"blind6": "2026-12-02T10:30", "blind6_shops": "2026-12-02T10:30",
           "blind7": "2026-12-04T09:15", "blind7_shops": "2026-12-04T09:15",
           "blind8": "2026-12-07T14:40", "blind8_shops": "2026-12-07T14:40",
           "blind9": "2026-12-10T11:05", "blind9_shops": "2026-12-10T11:05",
           "blind10": "2026-12-14T16:20", "blind10_shops": "2026-12-14T16:20",
           "blind11": "2026-12-16T11:20", "blind11_shops": "2026-12-16T11:20",
           "blind12": "2026-12-18T15:40", "blind12_shops": "2026-12-18T15:40",
           "blind13": "2026-12-22T13:10", "blind13_shops": "2026-12-22T13:10",
           "blind14": "2026-12-28T10:40", "blind14_shops": "2026-12-28T10:40",
           "blind15": "2026-12-30T15:20", "blind15_shops": "2026-12-30T15:20",
           "blind16": "2026-12-03T16:45", "blind16_shops": "2026-12-03T16:45",
           "blind17": "2026-12-07T09:30", "blind17_shops": "2026-12-07T09:30",
           "blind18": "2026-12-11T19:50", "blind18_shops": "2026-12-11T19:50",
           "blind19": "2026-12-20T13:30", "blind19_shops": "2026-12-20T13:30",
           "blind20": "2026-12-23T18:10", "blind20_shops": "2026-12-23T18:10",
           "blind21": "2026-12-28T09:40", "blind21_shops": "2026-12-28T09:40",
           "blind22": "2026-12-31T11:50", "blind22_shops": "2026-12-31T11:50",
           "blind23": "2026-12-26T21:30", "blind23_shops": "2026-12-26T21:30",
           "blind24": "2026-12-31T15:40", "blind24_shops": "2026-12-31T15:40",
           "blind25": "2026-12-13T20:30", "blind25_shops": "2026-12-13T20:30",
           "blind26": "2026-12-08T13:50", "blind26_shops": "2026-12-08T13:50",
           "blind27": "2026-12-19T11:00", "blind27_shops": "2026-12-19T11:00",
           "blind28": "2026-12-17T20:40", "blind28_shops": "2026-12-17T20:40",
           "blind29": "2026-12-29T12:40", "blind29_shops": "2026-12-29T12:40",
           "blind30": "2026-12-09T10:50", "blind30_shops": "2026-12-09T10:50",
           "blind31": "2026-12-24T10:30", "blind31_shops": "2026-12-24T10:30",
           "blind32": "2026-12-15T19:30", "blind32_shops": "2026-12-15T19:30",
           "blind33": "2026-12-28T09:40", "blind33_shops": "2026-12-28T09:40",
           "blind34": "2026-12-31T16:45", "blind34_shops": "2026-12-31T16:45",
           "blind35": "2026-12-11T18:10", "blind35_shops": "2026-12-11T18:10",
           "blind36": "2026-12-12T10:20", "blind36_shops": "2026-12-12T10:20",
           "blind37": "2026-12-13T15:30", "blind37_shops": "2026-12-13T15:30",
           "blind38": "2026-12-22T16:40", "blind38_shops": "2026-12-22T16:40",
           "blind39": "2026-12-16T11:50", "blind39_shops": "2026-12-16T11:50",
           "blind40": "2027-01-08T10:40", "blind40_shops": "2027-01-08T10:40",
           "blind41": "2026-12-30T14:20", "blind41_shops": "2026-12-30T14:20",
           "blind42": "2027-01-12T16:45", "blind42_shops": "2027-01-12T16:45",
           "blind43": "2027-01-18T10:20", "blind43_shops": "2027-01-18T10:20",
           "blind44": "2027-01-22T14:10", "blind44_shops": "2027-01-22T14:10",
           "blind45": "2027-01-26T10:50", "blind45_shops": "2027-01-26T10:50",
           "blind46": "2027-02-03T11:20", "blind46_shops": "2027-02-03T11:20",
           "blind47": "2027-02-12T14:50", "blind47_shops": "2027-02-12T14:50",
           "blind48": "2027-02-16T10:20", "blind48_shops": "2027-02-16T10:20",
           "blind49": "2027-02-19T16:50", "blind49_shops": "2027-02-19T16:50",
           "blind50": "2027-02-23T11:05", "blind50_shops": "2027-02-23T11:05",
           "blind51": "2027-02-26T16:40", "blind51_shops": "2027-02-26T16:40",
           "blind52": "2027-03-16T09:30", "blind52_shops": "2027-03-16T09:30",
           "blind53": "2027-03-27T14:20", "blind53_shops": "2027-03-27T14:20",
           "blind54": "2027-03-31T10:30", "blind54_shops": "2027-03-31T10:30",
           "blind55": "2027-04-10T15:20", "blind55_shops": "2027-04-10T15:20",
           "blind56": "2027-04-14T09:10", "blind56_shops": "2027-04-14T09:10",
           "blind57": "2027-04-24T14:35", "blind57_shops": "2027-04-24T14:35",
           "blind58": "2027-05-11T09:05", "blind58_shops": "2027-05-11T09:05",
           "blind59": "2027-05-29T13:20", "blind59_shops": "2027-05-29T13:20",
           "blind60": "2027-06-17T11:30", "blind60_shops": "2027-06-17T11:30",
           "blind61": "2027-07-09T18:40", "blind61_shops": "2027-07-09T18:40",
           "blind62": "2027-08-02T07:10", "blind62_shops": "2027-08-02T07:10"}
SHOPS = (("cosmetics", "cosmetics.owl"), ("electronics", "electronics.ttl"), ("grocery", "grocery.owl"))
TARGETS = {"warm_turn_ms_p50_max": 5.0, "cold_first_reply_s_max": 1.5, "peak_rss_mb_max": 256.0}

_COLD = textwrap.dedent("""
    import json, os, sys, time
    t0 = time.perf_counter()
    from agent.pipeline import get_pipeline
    from core.config import Settings
    t_import = time.perf_counter()
    pipeline = get_pipeline(Settings.from_env({**os.environ, "LM_DISABLED": "true"}))
    pipeline.knowledge_provider()
    t_knowledge = time.perf_counter()
    result = pipeline.answer(["옥스포드 셔츠 L 화이트 재고 있어요?"])
    t_reply = time.perf_counter()
    from bench.measure import peak_rss_mb
    print(json.dumps({"import_s": t_import - t0, "knowledge_s": t_knowledge - t_import,
                      "first_answer_s": t_reply - t_knowledge, "cold_first_reply_s": t_reply - t0,
                      "route": result.route, "rss_mb": peak_rss_mb()}))
""")

_WARM = textwrap.dedent("""
    import json, os, sys
    from pathlib import Path
    from agent.evaluate import DEFAULT_NOW
    from agent.labelled_turns import read_cases
    from agent.pipeline import get_pipeline
    from bench.measure import peak_rss_mb, percentile
    from core.config import Settings
    pipeline = get_pipeline(Settings.from_env({**os.environ, "LM_DISABLED": "true"}))
    pipeline.answer(["안녕하세요"])  # the container is warm
    latencies = []
    for name in sys.argv[1:]:
        path = Path("data/eval") / f"{name}.jsonl"
        if path.exists():
            for case in read_cases(path):
                latencies.append(pipeline.answer(case.get("messages") or [case["message"]], history=case.get("history"),
                                                 now=DEFAULT_NOW).latency_ms)
    print(json.dumps({"turns": len(latencies), "p50_ms": percentile(latencies, 50), "p90_ms": percentile(latencies, 90),
                      "p99_ms": percentile(latencies, 99), "rss_mb": peak_rss_mb()}))
""")


def _child(code: str, *args: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def _quality() -> dict[str, Any]:
    from agent.evaluate import evaluate, read_cases
    from agent.pipeline import SupportPipeline
    from core.config import Settings
    from core.knowledge.manager import get_knowledge, load_knowledge, source_for

    keys = ("n", "route_accuracy", "fact_accuracy", "fact_cases", "decisive_fact_recall", "handoff_rate",
            "unnecessary_handoff_rate", "handoff_accuracy")
    out: dict[str, Any] = {}
    offline = SupportPipeline(Settings.from_env({"LM_DISABLED": "true"}), knowledge_provider=get_knowledge)
    for name in SETS:
        path = ROOT / "data" / "eval" / f"{name}.jsonl"
        if path.exists():
            report = evaluate(read_cases(path), pipeline=offline, now=_now_for(name))
            out[name] = {k: report.get(k) for k in keys}
    for name, file in SHOPS:
        knowledge = load_knowledge(source_for(str(ROOT / "tests" / "data" / "shops" / file)), write_index=False)
        shop = SupportPipeline(Settings.from_env({"LM_DISABLED": "true"}), knowledge_provider=lambda k=knowledge: k)
        report = evaluate(read_cases(ROOT / "tests" / "data" / "shops" / "turns" / f"{name}.turns.jsonl"), pipeline=shop)
        out[f"shop:{name}"] = {k: report.get(k) for k in keys}
        for blind in SHOP_BLIND_SETS:
            path = ROOT / "data" / "eval" / blind / f"{name}.jsonl"
            if path.exists():
                report = evaluate(read_cases(path), pipeline=shop, now=_now_for(blind))
                out[f"{blind}:{name}"] = {k: report.get(k) for k in keys}
    return out


def _now_for(name: str) -> Any:
    from datetime import datetime

    from agent.evaluate import DEFAULT_NOW

    return datetime.fromisoformat(SET_NOW[name]) if name in SET_NOW else DEFAULT_NOW


def run(cold_runs: int = 5) -> dict[str, Any]:
    colds = sorted((_child(_COLD) for _ in range(cold_runs)), key=lambda r: r["cold_first_reply_s"])
    cold = colds[len(colds) // 2]  # the median run
    warm = _child(_WARM, *SETS)
    report: dict[str, Any] = {
        "cold_first_reply_s": round(cold["cold_first_reply_s"], 3),
        "cold_runs_s": [round(r["cold_first_reply_s"], 3) for r in colds],
        "cold_import_s": round(cold["import_s"], 3), "cold_knowledge_s": round(cold["knowledge_s"], 3),
        "cold_first_answer_s": round(cold["first_answer_s"], 3),
        "warm_turns": warm["turns"], "warm_turn_ms_p50": warm["p50_ms"], "warm_turn_ms_p90": warm["p90_ms"],
        "warm_turn_ms_p99": warm["p99_ms"], "peak_rss_mb": max(warm["rss_mb"], cold["rss_mb"]),
        "quality": _quality(), "targets": TARGETS,
    }
    report["targets_met"] = (report["warm_turn_ms_p50"] <= TARGETS["warm_turn_ms_p50_max"]
                             and report["cold_first_reply_s"] <= TARGETS["cold_first_reply_s_max"]
                             and report["peak_rss_mb"] <= TARGETS["peak_rss_mb_max"])
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    return report


def markdown(report: dict[str, Any]) -> str:
    lines = ["| measure | value | target |", "|---|---|---|",
             f"| cold first reply (fresh process: import, knowledge, analyser, one answer; median of "
             f"{len(report['cold_runs_s'])}) | {report['cold_first_reply_s']} s (runs {report['cold_runs_s']}) | ≤ 1.5 s |",
             f"| of which import / knowledge / first answer | {report['cold_import_s']} / {report['cold_knowledge_s']} / "
             f"{report['cold_first_answer_s']} s | |",
             f"| warm offline turn p50 / p90 / p99 ({report['warm_turns']} turns) | {report['warm_turn_ms_p50']} / "
             f"{report['warm_turn_ms_p90']} / {report['warm_turn_ms_p99']} ms | p50 ≤ 5 ms |",
             f"| peak RSS | {report['peak_rss_mb']} MB | ≤ 256 MB |", "",
             "| set | n | route | facts | decisive-fact recall | handoff rate | unnecessary handoffs | handoff accuracy |",
             "|---|---|---|---|---|---|---|---|"]
    for name, q in report["quality"].items():
        lines.append(f"| {name} | {q['n']} | {q['route_accuracy']} | {q['fact_accuracy']} ({q['fact_cases']}) | "
                     f"{q['decisive_fact_recall']} | {q['handoff_rate']} | {q['unnecessary_handoff_rate']} | "
                     f"{q['handoff_accuracy']} |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown(run()))
