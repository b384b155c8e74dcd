"""Spine benchmark: cold start, warm webhook and warm turn overhead, peak RSS (bundled ontology, offline).

The parent process runs the local stack (moto + loopback Channel.io); a FRESH child process plays the
Lambda container: it imports the handler, answers its first webhook (cold), answers that chat's first
turn (cold: pipeline import + ontology load), then measures warm webhooks and warm turns, and
reports its own peak RSS. Results go to `.bench/spine.json`.

    python -m bench.spine_bench [--webhooks 200] [--turns 100]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

from bench.measure import peak_rss_mb, percentile

OUT = Path(".bench") / "spine.json"
PRINTS_OWN_TABLE = True  # run() prints its Markdown table itself
TARGETS = {"webhook_cold_s": 0.5, "first_reply_cold_s": 1.5, "warm_turn_overhead_p50_ms": 30.0, "peak_rss_mb": 256.0}
COLD_RUNS = 4
TURN_MESSAGES = ("옥스포드 셔츠 화이트 M 재고 있어요?", "제주도 배송비 얼마예요?", "교환은 어떻게 하나요?",
                 "와이드 슬랙스 허리 단면 몇이에요?", "주문번호 20261119-0011 배송 어디쯤이에요?")




def child(webhooks: int, turns: int) -> dict[str, Any]:
    """Runs in the fresh process: everything here is what a Lambda container would do."""
    import lambda_function  # the container's init phase

    imported = time.time()

    def url_event(chat: str, msg_id: str, text: str) -> dict[str, Any]:
        body = {"type": "message", "entity": {"id": msg_id, "chatId": chat, "chatType": "userChat",
                                              "personType": "user", "plainText": text,
                                              "createdAt": int(time.time() * 1000)}}
        return {"rawPath": "/webhook", "queryStringParameters": {"token": os.environ["BENCH_WEBHOOK_TOKEN"]},
                "requestContext": {"http": {"method": "POST", "path": "/webhook"}},
                "body": json.dumps(body, ensure_ascii=False), "isBase64Encoded": False}

    run_id = uuid.uuid4().hex[:8]  # several children share one table
    first = lambda_function.handler(url_event(f"cold-{run_id}", f"cold-{run_id}", TURN_MESSAGES[0]), None)
    webhook_done = time.time()
    version = json.loads(first["body"])["version"]
    turn = lambda_function.handler({"action": "process_chat", "chatId": f"cold-{run_id}", "version": version}, None)
    reply_done = time.time()
    if turn.get("outcome") != "answered":
        raise RuntimeError(f"cold turn was not answered: {turn}")
    rss_after_first_reply = peak_rss_mb()

    webhook_ms: list[float] = []
    for i in range(webhooks):
        started = time.perf_counter()
        # bursts of 5 messages per chat, like customers typing: each one stops the previous waiting reply
        response = lambda_function.handler(url_event(f"warm-{run_id}-{i // 5}", f"w-{run_id}-{i}", "안녕하세요"), None)
        webhook_ms.append((time.perf_counter() - started) * 1000)
        if response["statusCode"] != 200:
            raise RuntimeError(f"warm webhook failed: {response}")

    overhead_ms: list[float] = []
    total_ms: list[float] = []
    pipeline_ms: list[float] = []
    for i in range(turns):
        chat = f"turn-{run_id}-{i % 10}"
        response = lambda_function.handler(url_event(chat, f"t-{run_id}-{i}", TURN_MESSAGES[i % len(TURN_MESSAGES)]), None)
        version = json.loads(response["body"])["version"]
        result = lambda_function.handler({"action": "process_chat", "chatId": chat, "version": version}, None)
        if result.get("outcome") not in ("answered", "handed_off"):
            raise RuntimeError(f"warm turn failed: {result}")
        overhead_ms.append(result["overheadMs"])
        total_ms.append(result["latencyMs"])
        pipeline_ms.append(result["pipelineMs"])
    return {
        "imported_at": imported, "webhook_done_at": webhook_done, "reply_done_at": reply_done,
        "webhook_ms": webhook_ms, "overhead_ms": overhead_ms, "total_ms": total_ms, "pipeline_ms": pipeline_ms,
        "rss_after_first_reply_mb": rss_after_first_reply,
        "peak_rss_mb": peak_rss_mb(),
        "mode": turn.get("mode"),
    }


def run(webhooks: int = 200, turns: int = 100) -> dict[str, Any]:
    """Start the stack, run one fresh child process, print a Markdown table, write .bench/spine.json."""
    import logging

    from devstack.local_stack import WEBHOOK_TOKEN, reset_runtime_singletons, start_local_stack

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    saved = dict(os.environ)
    # A long reply delay: the child answers turns itself, the state machine only waits (then finds them stale).
    for name in ("AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_DEPLOYMENT_ID", "OPENAI_API_KEY",
                 "LM_API_BASE"):
        os.environ.pop(name, None)
    stack = start_local_stack(reply_delay_seconds=600, use_s3=False)
    # The token is in the stack's secret (the child reads it from there, as a container would); the
    # child's requests need it too.
    env = dict(os.environ, LOG_LEVEL="WARNING", POWERTOOLS_METRICS_DISABLED="true", PYTHONDONTWRITEBYTECODE="1",
               BENCH_WEBHOOK_TOKEN=WEBHOOK_TOKEN)
    cold: list[dict[str, float]] = []
    try:
        # Cold starts are noisy on a shared machine: several fresh processes, median reported.
        for i in range(COLD_RUNS + 1):
            warm = i == COLD_RUNS  # the last child also measures the warm paths
            spawned = time.time()
            done = subprocess.run(
                [sys.executable, "-m", "bench.spine_bench", "--child", "--webhooks", str(webhooks if warm else 0),
                 "--turns", str(turns if warm else 0)],
                env=env, capture_output=True, text=True, timeout=600, cwd=Path(__file__).resolve().parent.parent)
            if done.returncode != 0:
                raise RuntimeError(f"bench child failed:\n{done.stderr[-3000:]}")
            data = json.loads(done.stdout.strip().splitlines()[-1])
            cold.append({"import_s": data["imported_at"] - spawned, "webhook_cold_s": data["webhook_done_at"] - spawned,
                         "first_reply_cold_s": data["reply_done_at"] - spawned})
    finally:
        stack.stop()
        os.environ.clear()
        os.environ.update(saved)
        reset_runtime_singletons()

    def median(key: str) -> float:
        return round(statistics.median(c[key] for c in cold), 3)

    result = {
        "mode": data["mode"],
        "import_s": median("import_s"),
        "webhook_cold_s": median("webhook_cold_s"),
        "first_reply_cold_s": median("first_reply_cold_s"),
        "cold_samples": [{k: round(v, 3) for k, v in c.items()} for c in cold],
        "warm_webhook_p50_ms": percentile(data["webhook_ms"], 50, 2),
        "warm_webhook_p99_ms": percentile(data["webhook_ms"], 99, 2),
        "warm_turn_overhead_p50_ms": percentile(data["overhead_ms"], 50, 2),
        "warm_turn_overhead_p99_ms": percentile(data["overhead_ms"], 99, 2),
        "warm_turn_total_p50_ms": percentile(data["total_ms"], 50, 2),
        "warm_turn_pipeline_p50_ms": percentile(data["pipeline_ms"], 50, 2),
        "rss_after_first_reply_mb": data["rss_after_first_reply_mb"],
        "peak_rss_mb": data["peak_rss_mb"],
        "webhooks": webhooks,
        "turns": turns,
        "targets": TARGETS,
    }
    result["meets_targets"] = {k: result[k] <= v for k, v in TARGETS.items()}
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(json.dumps(result, ensure_ascii=False, indent=2))
    print("| measure | value | target |\n|---|---|---|")
    for key in ("import_s", "webhook_cold_s", "first_reply_cold_s", "warm_webhook_p50_ms", "warm_webhook_p99_ms",
                "warm_turn_overhead_p50_ms", "warm_turn_overhead_p99_ms", "warm_turn_total_p50_ms",
                "warm_turn_pipeline_p50_ms", "peak_rss_mb"):
        target = TARGETS.get(key)
        print(f"| {key} | {result[key]} | {'≤ ' + str(target) if target else ''} |")
    print(f"\nmode {result['mode']}; cold = median of {len(cold)} fresh processes; {webhooks} warm webhooks, "
          f"{turns} warm turns against local moto; wrote {OUT}")
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="spine benchmark")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--webhooks", type=int, default=200)
    parser.add_argument("--turns", type=int, default=100)
    args = parser.parse_args(argv)
    if args.child:
        data = child(args.webhooks, args.turns)
        sys.stdout.flush()
        print(json.dumps(data))
        return 0
    run(args.webhooks, args.turns)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
