"""`make bench`: run every benchmark and write the figures to .bench/*.json and a summary.

Each benchmark module exposes `run() -> dict` and prints its own Markdown table; this runner
calls them in turn so one broken benchmark does not hide the others' figures.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
import traceback
from pathlib import Path

BENCHMARKS = ("bench.ontology_bench", "bench.agent_bench", "bench.understanding_bench", "bench.spine_bench", "bench.voc_bench")
OUT = Path(".bench")


def main(names: list[str]) -> int:
    OUT.mkdir(exist_ok=True)
    summary: dict[str, object] = {}
    failed = 0
    for name in names or BENCHMARKS:
        print(f"\n## {name}\n", flush=True)
        started = time.perf_counter()
        try:
            module = importlib.import_module(name)
            result = module.run()
            if hasattr(module, "markdown"):
                print(module.markdown(result), flush=True)
            elif not getattr(module, "PRINTS_OWN_TABLE", False):
                print(json.dumps(result, ensure_ascii=False, indent=2, default=str), flush=True)
            summary[name] = {"ok": True, "seconds": round(time.perf_counter() - started, 1), "result": result}
        except Exception as exc:  # a broken benchmark is reported, the others still run
            traceback.print_exc()
            summary[name] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"}
            failed += 1
    (OUT / "summary.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2, default=str))
    print(f"\nWrote {OUT / 'summary.json'}; {len(summary) - failed} ok, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
