"""The whole-turn deadline: one monotonic instant that every slow step of a turn checks.

A turn (LM calls with their rewrite, Channel.io posts with their retries) must end before the Lambda
timeout and the state machine Task's TimeoutSeconds, or the platform kills it half way. The flow sets
the turn's deadline with `Deadline.active()`; the agents' LM wrapper and the Channel.io client read it
with `current()`, so neither needs an extra parameter through the layers in between.
"""

from __future__ import annotations

import contextvars
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

_current: contextvars.ContextVar["Deadline | None"] = contextvars.ContextVar("turn_deadline", default=None)


@dataclass(frozen=True)
class Deadline:
    """An instant on the monotonic clock; `remaining()` seconds are left until it."""

    at: float

    @classmethod
    def after(cls, seconds: float) -> "Deadline":
        return cls(time.monotonic() + max(0.0, seconds))

    def remaining(self) -> float:
        return max(0.0, self.at - time.monotonic())

    def earlier(self, seconds: float) -> "Deadline":
        """The instant `seconds` before this one (time kept back for a later step)."""
        return Deadline(self.at - seconds)

    def bound(self, seconds: float) -> float:
        """`seconds`, or less if the deadline comes first."""
        return min(seconds, self.remaining())

    @contextmanager
    def active(self) -> Iterator["Deadline"]:
        """Make this the current deadline for the code inside (and threads started with its context)."""
        token = _current.set(self)
        try:
            yield self
        finally:
            _current.reset(token)


def current() -> Deadline | None:
    """The deadline of the turn being processed, or None outside a turn (no bound)."""
    return _current.get()
