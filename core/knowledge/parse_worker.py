"""Build an index under a wall-clock limit: in a child process that is killed at the deadline.

A thread cannot be stopped, and parsing spends its time in owlready2's C parser, rdflib and our own
extraction: only a process can be stopped wherever it is, and its memory is returned when it ends. The
service (a load without a usable index) and the CLI (`validate`, `build`, `publish`) build through
`build_bounded`; tests and the importers call `owl_index.build_index` directly.

The cheap refusals (size, encoding, DOCTYPE, the slow parser's size) run first in this process, so a
hostile file costs no child at all. A small file the C parser reads (≤ IN_PROCESS_MAX_BYTES, after those
refusals: no entity expansion, time linear in size, well under a second) is built in this process, which
keeps a shop like the bundled one off the child's start-up. The child costs ~0.2-0.4 s to start; it reads the OWL on stdin and writes
one JSON object on stdout: {"index": …, "violations": [[iri, message, severity], …]} or
{"error": {"type": …, "message": …, "violations": …}}.

Run as `python -m core.knowledge.parse_worker SOURCE PARSER MAX_BYTES SLOW_MAX_BYTES STRICT` (the parent does).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from core.knowledge import errors
from core.knowledge.errors import OntologyError, OntologyLimitError, OntologyParseError, Violation
from core.knowledge.owl_index import build_index, preflight
from core.knowledge.parse_guard import ParseLimits

IN_PROCESS_MAX_BYTES = 2 * 1024 * 1024  # owlready2 reads ~10 MB/s here: a file this size parses in ~0.2 s
_ROOT = Path(__file__).resolve().parents[2]  # the directory holding `core/` (the repository, or Lambda's task root)
_RAISABLE = {name: getattr(errors, name) for name in ("OntologyParseError", "OntologyLimitError", "OntologySchemaError",
                                                       "OntologyError")}


def build_bounded(data: bytes, source: str, limits: ParseLimits, parser: str = "owlready2",
                  strict: bool = False) -> tuple[dict[str, Any], list[Violation]]:
    """`owl_index.build_index` in a child process stopped after `limits.timeout_seconds`.

    Raises what build_index raises (the same exception types and messages), OntologyLimitError on timeout,
    OntologyParseError when the child dies (out of memory)."""
    chosen, _syntax = preflight(data, source, parser, limits)
    if chosen == "owlready2" and len(data) <= IN_PROCESS_MAX_BYTES:
        return build_index(data, source, parser=parser, strict=strict, limits=limits)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(_ROOT), os.environ.get("PYTHONPATH"))))}
    command = [sys.executable, "-m", "core.knowledge.parse_worker", source, parser, str(limits.max_bytes),
               str(limits.slow_parser_max_bytes), "strict" if strict else "lenient"]
    try:
        done = subprocess.run(command, input=data, capture_output=True, timeout=limits.timeout_seconds,
                              cwd=_ROOT, env=env, check=False)
    except OSError as exc:  # no process could be started (EAGAIN, ENOMEM)
        raise OntologyParseError(f"could not start the parser process for {source}: {exc}") from exc
    except subprocess.TimeoutExpired:
        raise OntologyLimitError(
            f"{source} was still being parsed after {limits.timeout_seconds:g} s ({limits.timeout_setting}) and was "
            "stopped. Check it with `python -m core.ontology_manager validate`; a large catalogue needs its index "
            f"built ahead (`make upload-ontology` does) or a higher {limits.timeout_setting} (10,000 products take "
            "17-25 s on a busy 2-core machine)") from None
    try:
        result = json.loads(done.stdout) if done.returncode == 0 else None
    except ValueError:
        result = None
    if not isinstance(result, dict):
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        why = "killed: out of memory?" if done.returncode in (-9, 137) else f"exit status {done.returncode}"
        raise OntologyParseError(f"the parser process for {source} failed ({why}; {' / '.join(tail) or 'no output'}). "
                                 "Check the file with `python -m core.ontology_manager validate`; a file this large "
                                 "needs more memory (about 9x its size)")
    violations = [Violation(*v) for v in result.get("violations") or ()]
    if "error" in result:
        error = result["error"]
        kind = _RAISABLE.get(error.get("type"), OntologyError)
        if kind is errors.OntologySchemaError:
            raise kind(error["message"], [Violation(*v) for v in error.get("violations") or ()])
        raise kind(error["message"])
    return result["index"], violations


def _main(argv: list[str]) -> int:
    """The child: build the index of stdin's bytes and print the result as one JSON object."""
    source, parser, max_bytes, slow_max, mode = argv
    limits = ParseLimits(max_bytes=int(max_bytes), slow_parser_max_bytes=int(slow_max))
    data = sys.stdin.buffer.read()
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything a library prints goes to stderr; stdout carries only the result
    try:
        index, violations = build_index(data, source=source, parser=parser, strict=mode == "strict", limits=limits)
        result: dict[str, Any] = {"index": index, "violations": [_row(v) for v in violations]}
    except OntologyError as exc:
        result = {"error": {"type": type(exc).__name__, "message": str(exc),
                            "violations": [_row(v) for v in getattr(exc, "violations", ())]}}
    out.write(json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    out.close()
    return 0


def _row(v: Violation) -> list[str]:
    return [v.iri, v.message, v.severity]


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
