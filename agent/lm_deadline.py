"""Bound the wall time of an LM call by the turn's deadline, whatever the server does.

Per-read timeouts (`LM_TIMEOUT_SECONDS`, passed to DSPy) do not bound a server that trickles bytes:
each byte resets them. So every LM call of a turn (router, agent, the fact guard's rewrite) runs in a
worker thread and the turn waits for it at most until the turn's deadline (`core.deadline`), minus
the time kept back for posting the reply. A call past its deadline raises `LMDeadlineExceeded`, which
the pipeline treats like any LM failure: the grounded template answers (`fallback` mode).

A thread cannot be killed: an abandoned call keeps its connection until the server gives up. They are
counted, and while `MAX_ABANDONED` are still running the LM is not called at all (the circuit is open),
so a stuck LM server cannot pile up threads in a warm container.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable
from typing import TypeVar

from core import deadline as turn_deadline

T = TypeVar("T")
MAX_ABANDONED = 4
MIN_CALL_SECONDS = 0.05  # below this there is no point in starting a call

_abandoned = 0
_lock = threading.Lock()


class LMDeadlineExceeded(TimeoutError):
    """The LM did not answer before the turn's deadline (or too many earlier calls are still stuck)."""


def call_within_deadline(call: Callable[[], T], what: str = "LM call") -> T:
    """Run `call()` and return its result, or raise LMDeadlineExceeded when the turn's deadline comes first.

    Without a current deadline (offline tools, evaluation) the call runs inline, bounded only by DSPy's
    own timeouts. The worker runs in a copy of this context, so `dspy.context(lm=...)` still applies.
    """
    global _abandoned
    limit = turn_deadline.current()
    if limit is None:
        return call()
    budget = limit.remaining()
    if budget < MIN_CALL_SECONDS:
        raise LMDeadlineExceeded(f"{what}: no time left before the turn deadline")
    with _lock:
        if _abandoned >= MAX_ABANDONED:
            raise LMDeadlineExceeded(f"{what}: {_abandoned} earlier LM calls are still stuck; not calling the LM")
    box: dict[str, object] = {}
    done = threading.Event()
    context = contextvars.copy_context()

    def run() -> None:
        global _abandoned
        try:
            box["result"] = context.run(call)
        except BaseException as exc:  # noqa: BLE001 - handed to the waiting turn below
            box["error"] = exc
        finally:
            with _lock:
                if box.get("abandoned"):
                    _abandoned -= 1
            done.set()

    worker = threading.Thread(target=run, name="lm-call", daemon=True)
    worker.start()
    if not done.wait(budget):
        with _lock:
            if not done.is_set():
                box["abandoned"] = True
                _abandoned += 1
        if box.get("abandoned"):
            raise LMDeadlineExceeded(f"{what}: no answer within {budget:.1f} s (turn deadline)")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["result"]  # type: ignore[return-value]
