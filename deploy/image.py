"""What the Lambda image holds, read from the Dockerfile: its COPY list, ENV and RUN lines, and .dockerignore.

No Docker engine or registry is reachable here, so the image is never built in tests; instead
`tests/functional/test_image.py` lays out exactly the files the Dockerfile copies and runs the handler
from there, and the IAM test walks exactly the code the image ships. Only the Dockerfile forms this
project uses are understood (COPY src… dest, ENV k=v, RUN, ${VAR}); anything else is refused loudly.
"""

from __future__ import annotations

import re
import shlex
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from core.config import PROJECT_ROOT

TASK_ROOT = "LAMBDA_TASK_ROOT"


class DockerfileError(ValueError):
    """The Dockerfile uses a form this reader does not understand; the message quotes the line."""


@dataclass
class Dockerfile:
    """The parts of a Dockerfile that decide what the image contains and how it starts."""

    copies: list[tuple[list[str], str]] = field(default_factory=list)  # (sources, destination)
    env: dict[str, str] = field(default_factory=dict)
    runs: list[str] = field(default_factory=list)
    cmd: list[str] = field(default_factory=list)


def _instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with line continuations joined and comments dropped."""
    out: list[tuple[str, str]] = []
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not current and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        current += line
        keyword, _, rest = current.strip().partition(" ")
        out.append((keyword.upper(), rest.strip()))
        current = ""
    return out


def parse_dockerfile(path: Path = PROJECT_ROOT / "Dockerfile") -> Dockerfile:
    parsed = Dockerfile()
    for keyword, args in _instructions(path.read_text(encoding="utf-8")):
        if keyword == "COPY":
            parts = [p for p in shlex.split(args) if not p.startswith("--")]
            if len(parts) < 2 or args.lstrip().startswith("["):
                raise DockerfileError(f"COPY {args}: only `COPY src... dest` is understood")
            parsed.copies.append((parts[:-1], parts[-1]))
        elif keyword == "ENV":
            for item in shlex.split(args):
                name, sep, value = item.partition("=")
                if not sep:
                    raise DockerfileError(f"ENV {args}: only `ENV NAME=value ...` is understood")
                parsed.env[name] = value
        elif keyword == "RUN":
            parsed.runs.append(args)
        elif keyword == "CMD":
            parsed.cmd = list(__import__("json").loads(args)) if args.startswith("[") else shlex.split(args)
        elif keyword not in {"FROM", "ARG", "LABEL", "WORKDIR", "ENTRYPOINT"}:
            raise DockerfileError(f"{keyword} {args}: not understood by deploy.image")
    return parsed


def _pattern(glob: str) -> re.Pattern[str]:
    """A .dockerignore pattern (Go filepath.Match plus `**`) as a regex over context-relative paths."""
    glob = glob.strip().strip("/")
    out = ""
    i = 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out += "(?:.*/)?"
            i += 3
        elif glob.startswith("**", i):
            out += ".*"
            i += 2
        elif glob[i] == "*":
            out += "[^/]*"
            i += 1
        elif glob[i] == "?":
            out += "[^/]"
            i += 1
        else:
            out += re.escape(glob[i])
            i += 1
    return re.compile(out + r"\Z")


def dockerignore(context: Path = PROJECT_ROOT) -> Callable[[str], bool]:
    """`ignored(relative_path)` as Docker decides it: a matching directory takes its whole content along."""
    path = context / ".dockerignore"
    rules: list[tuple[bool, re.Pattern[str]]] = []
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            negate = line.startswith("!")
            rules.append((negate, _pattern(line[1:] if negate else line)))

    def ignored(rel: str) -> bool:
        parts = rel.strip("/").split("/")
        prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
        result = False
        for negate, pattern in rules:
            if any(pattern.match(prefix) for prefix in prefixes):
                result = not negate
        return result

    return ignored


def copied_files(context: Path = PROJECT_ROOT, dockerfile: Dockerfile | None = None) -> list[tuple[Path, str]]:
    """(source file, path inside the task root) for every file the Dockerfile's COPY lines bring in."""
    dockerfile = dockerfile or parse_dockerfile(context / "Dockerfile")
    ignored = dockerignore(context)
    prefix = "${" + TASK_ROOT + "}"
    out: list[tuple[Path, str]] = []
    for sources, dest in dockerfile.copies:
        if not dest.startswith(prefix):
            raise DockerfileError(f"COPY ... {dest}: destinations outside ${{{TASK_ROOT}}} are not understood")
        dest_rel = dest[len(prefix):].strip("/")
        for source in sources:
            src = context / source
            if not src.exists():
                raise DockerfileError(f"COPY {source}: no such file or directory in the build context")
            if src.is_dir():
                for file in sorted(p for p in src.rglob("*") if p.is_file()):
                    rel = file.relative_to(context).as_posix()
                    if not ignored(rel):
                        inside = file.relative_to(src).as_posix()
                        out.append((file, f"{dest_rel}/{inside}" if dest_rel else inside))
            elif not ignored(src.relative_to(context).as_posix()):
                name = f"{dest_rel}/{src.name}" if dest.endswith("/") or len(sources) > 1 else dest_rel
                out.append((src, name.strip("/")))
    return out


def assemble(target: Path, context: Path = PROJECT_ROOT) -> list[str]:
    """Lay out the image's task root in `target`; returns the relative paths written."""
    written = []
    for src, rel in copied_files(context):
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, dest)
        written.append(rel)
    return written


def shipped_python(context: Path = PROJECT_ROOT) -> list[Path]:
    """The Python source files the image ships (what the Lambda can execute)."""
    return [src for src, rel in copied_files(context) if rel.endswith(".py")]
