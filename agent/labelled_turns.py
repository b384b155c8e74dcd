"""Labelled customer turns (`data/eval/*.jsonl`): one reader for the router's training, evaluation and optimisation.

A line is `{"message": "..."} | {"messages": [...]}` plus `"route"`, and optionally `history`, `expect`,
`handoff`; a malformed line is an error naming the file and line to fix.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROUTES = ("product", "delivery", "general")


class EvalFileError(ValueError):
    """A labelled line is malformed; the message names the file and line."""


def read_cases(path: Path) -> list[dict[str, Any]]:
    """Every labelled turn of `path`, checked."""
    cases = []
    for lineno, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalFileError(f"{path}:{lineno}: not JSON ({exc})") from exc
        if row.get("route") not in ROUTES or not (row.get("message") or row.get("messages")):
            raise EvalFileError(f"{path}:{lineno}: needs `message` (or `messages`) and `route` in {ROUTES}")
        cases.append(row)
    return cases


def turn_text(row: dict[str, Any]) -> str:
    """The customer's text of a labelled turn (a burst joined by spaces)."""
    return " ".join(row["messages"]) if row.get("messages") else row["message"]
