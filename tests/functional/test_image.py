"""The Lambda image without Docker: exactly the files the Dockerfile copies, run the way the Lambda runtime runs them.

No Docker engine or registry is reachable here, so the image is never built. These tests lay out the
task root from the Dockerfile's COPY lines (and .dockerignore), run its RUN steps that work on the task
root, and import and invoke the handler there in a fresh interpreter whose path does not include the
repository, using the venv that holds exactly requirements.txt's pins: a missing COPY, a module that
is not shipped, or a dependency that only the dev tools bring in fails here, not in production.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from core.config import PROJECT_ROOT
from deploy.image import assemble, dockerignore, parse_dockerfile, shipped_python

VENV_BIN = Path(sys.executable).parent
LOCAL_PACKAGES = {"core", "agent", "lambda_function"}


def _image_env(task_root: Path, tmp: Path) -> dict[str, str]:
    """The environment of the Lambda container: the Dockerfile's ENV, the runtime's variables, no LM, no repo."""
    env = {"PATH": f"{VENV_BIN}:/usr/bin:/bin", "HOME": str(tmp), "LANG": "C.UTF-8",
           "LAMBDA_TASK_ROOT": str(task_root), "AWS_LAMBDA_FUNCTION_NAME": "jogunshop-bot",
           "AWS_REGION": "ap-northeast-2", "POWERTOOLS_METRICS_DISABLED": "true"}
    env.update(parse_dockerfile().env)
    env["DSPY_CACHE_DIR"] = str(tmp / "dspy_cache")  # /tmp on Lambda
    return env


@pytest.mark.timeout(30)
def test_the_task_root_answers_the_seed_payload(tmp_path: Path) -> None:
    # GIVEN the task root laid out from the Dockerfile's COPY lines, outside the repository
    task_root = tmp_path / "var-task"
    written = assemble(task_root)
    assert "lambda_function.py" in written and "data/ontology.owl" in written
    env = _image_env(task_root, tmp_path)
    dockerfile = parse_dockerfile()
    # AND its RUN steps that work on the task root (the index prebuild); the package installs are the venv's
    for step in dockerfile.runs:
        if step.startswith("cd ${LAMBDA_TASK_ROOT}"):
            done = subprocess.run(["bash", "-c", step], env=env, cwd=task_root, capture_output=True, text=True,
                                  timeout=25)
            assert done.returncode == 0, f"RUN {step}\n{done.stderr[-2000:]}"
    assert len(list((task_root / "data").glob("ontology.owl.*.index.json"))) == 1  # the prebuilt index
    # WHEN the runtime imports the CMD handler from the task root and invokes it with the seed's payload
    module, function = dockerfile.cmd[0].rsplit(".", 1)
    code = f"""
import json, os, sys
sys.path[:] = [p for p in sys.path if p not in ("", os.getcwd())]
sys.path.insert(0, os.environ["LAMBDA_TASK_ROOT"])
handler = getattr(__import__({module!r}), {function!r})
result = handler(json.loads(sys.stdin.read()), None)
repo, venv = {str(PROJECT_ROOT)!r} + os.sep, {str(VENV_BIN.parent)!r} + os.sep
outside = sorted(n for n, m in list(sys.modules.items())
                 if (getattr(m, "__file__", None) or "").startswith(repo) and not m.__file__.startswith(venv))
print(json.dumps({{"result": result, "from_repo": outside, "handler_file": sys.modules[{module!r}].__file__}},
                 ensure_ascii=False, default=str))
"""
    event = (PROJECT_ROOT / "events" / "test_message.json").read_text(encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", code], env=env, cwd=task_root, input=event, capture_output=True,
                          text=True, timeout=25)
    assert done.returncode == 0, done.stderr[-3000:]
    out = json.loads(done.stdout.strip().splitlines()[-1])
    # THEN it answered, from the task root's files only
    assert out["handler_file"] == str(task_root / "lambda_function.py")
    assert out["from_repo"] == []
    result = out["result"]
    assert result["outcome"] == "answered" and result["reply"].strip() and result["mode"] == "offline"


def _imports(path: Path) -> set[str]:
    """Top-level modules a file imports (module level and inside functions)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def _requirement_closure(lines: list[str]) -> set[str]:
    """Normalised names of the pinned requirements and everything they depend on (as installed)."""
    def norm(name: str) -> str:
        return re.sub(r"[-_.]+", "-", name).lower()

    todo = [re.split(r"[<>=!~\[; ]", line, maxsplit=1)[0] for line in lines]
    seen: set[str] = set()
    while todo:
        name = norm(todo.pop())
        if name in seen:
            continue
        seen.add(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            continue
        for requirement in requires:
            if "extra ==" in requirement:
                continue
            todo.append(re.split(r"[<>=!~\[; (]", requirement, maxsplit=1)[0])
    return seen


def test_every_module_the_image_imports_comes_from_requirements_txt() -> None:
    """A dependency the code imports but only requirements-dev.txt brings (moto pulls in a lot) is caught."""
    lines = [ln.strip() for ln in (PROJECT_ROOT / "requirements.txt").read_text().splitlines()
             if ln.strip() and not ln.startswith("#")]
    # the venv the image test runs in holds exactly the pins
    for line in lines:
        name, _, version = line.partition("==")
        assert metadata.version(name) == version, f"{name} is {metadata.version(name)} in the venv, pinned {version}"
    closure = _requirement_closure(lines)
    providers = metadata.packages_distributions()
    missing = {}
    for path in shipped_python():
        for module in _imports(path) - LOCAL_PACKAGES - set(sys.stdlib_module_names):
            dists = {re.sub(r"[-_.]+", "-", d).lower() for d in providers.get(module, [])}
            if not dists & closure:
                missing[module] = f"{path.relative_to(PROJECT_ROOT)} (installed by {sorted(dists) or 'nothing'})"
    assert not missing, f"imported by the image's code but not in requirements.txt's closure: {missing}"


def test_dockerignore_reads_patterns_from_the_context_root(tmp_path: Path) -> None:
    """Docker's rule, which a bare `__pycache__/` gets wrong: patterns are rooted; `**/` reaches down."""
    (tmp_path / ".dockerignore").write_text("__pycache__/\n**/*.index.json\ntests/\n", encoding="utf-8")
    ignored = dockerignore(tmp_path)
    assert ignored("__pycache__/x.pyc") and not ignored("core/__pycache__/x.pyc")
    assert ignored("data/ontology.owl.abc.index.json") and ignored("tests/unit/test_x.py")
    assert not ignored("core/config.py")
    shipped = {p.relative_to(PROJECT_ROOT).as_posix() for p in shipped_python()}
    assert "lambda_function.py" in shipped and not {s for s in shipped if s.startswith(("tests/", "devstack/"))}
    ours = dockerignore()
    assert ours("core/__pycache__/config.cpython-312.pyc") and ours("data/ontology.owl.0123abcd.index.json")
