"""The package layout holds: no import circles in core/, and the chat and knowledge layers stay apart.

Imports are read statically (module level and inside functions alike), so a lazy import that closes
a circle is caught too.
"""

from __future__ import annotations

import ast
from pathlib import Path

from core.config import PROJECT_ROOT

CORE = PROJECT_ROOT / "core"


def _module(path: Path) -> str:
    parts = path.relative_to(PROJECT_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m.split(".")[0] in {"core", "agent"}}


def _graph() -> dict[str, set[str]]:
    modules = {_module(p): p for p in CORE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for imported in _imports(path):
            # `from core.knowledge.model import X` names a module; `from core import config` a package member
            target = imported if imported in modules else next((m for m in modules if imported.startswith(m + ".")), imported)
            if target in modules and target != name and not name.startswith(target + ".") and target != "core":
                targets.add(target)
        graph[name] = targets
    return graph


def test_core_has_no_import_cycles() -> None:
    graph = _graph()
    visiting: list[str] = []
    done: set[str] = set()

    def visit(node: str) -> None:
        if node in done:
            return
        assert node not in visiting, f"import cycle: {' -> '.join(visiting[visiting.index(node):] + [node])}"
        visiting.append(node)
        for nxt in sorted(graph.get(node, ())):
            if not nxt.endswith("__init__") and graph.get(nxt) is not None and nxt != node and not nxt.startswith(node + "."):
                visit(nxt)
        visiting.pop()
        done.add(node)

    for node in sorted(graph):
        visit(node)


def test_chat_and_knowledge_do_not_import_each_other_nor_the_agents() -> None:
    graph = _graph()
    for name, targets in graph.items():
        if name.startswith("core.chat"):
            assert not {t for t in targets if t.startswith(("core.knowledge", "agent"))}, name
        if name.startswith("core.knowledge"):
            assert not {t for t in targets if t.startswith(("core.chat", "agent"))}, name
    for path in CORE.rglob("*.py"):
        assert not {m for m in _imports(path) if m.startswith("agent")}, f"{path} imports the agents"


def test_each_package_has_a_module_map() -> None:
    for package in ("core", "core.chat", "core.knowledge", "core.language", "core.voc"):
        init = PROJECT_ROOT.joinpath(*package.split("."), "__init__.py")
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        modules = sorted(p.stem for p in init.parent.glob("*.py") if p.stem != "__init__")
        missing = [m for m in modules if f"`{m}`" not in doc]
        assert not missing, f"{package}/__init__.py module map does not mention {missing}"


def _module_level_imports(path: Path) -> set[str]:
    """Imports executed when the module is imported (not those inside functions or TYPE_CHECKING)."""
    found: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_voc_stays_out_of_the_agents_and_the_webhook_path() -> None:
    graph = _graph()
    for name, targets in graph.items():
        if name.startswith("core.voc"):
            assert not {t for t in targets if t.startswith(("core.knowledge", "agent"))}, name
            # only the Channel.io client, for the team-chat destination
            assert {t for t in targets if t.startswith("core.chat")} <= {"core.chat.channel_api"}, name
    for path in (CORE / "chat").glob("*.py"):
        assert not {m for m in _module_level_imports(path) if m.startswith("core.voc")}, \
            f"{path} imports core.voc at module level (the webhook path must not load it)"
