"""The import graph of src/samenwerkingsmonitor, read from the code with `ast`.

Every import counts: at module level, inside functions and behind `TYPE_CHECKING`, because an
import circle hidden behind any of them is still a circle a reader has to untangle.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT_PACKAGE = "samenwerkingsmonitor"


def module_name(package_dir: Path, path: Path) -> str:
    parts = list(path.relative_to(package_dir.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules(package_dir: Path) -> dict[str, Path]:
    return {module_name(package_dir, p): p for p in sorted(package_dir.rglob("*.py"))}


def imported_modules(path: Path, own: str, known: dict[str, Path]) -> set[str]:
    """The project modules that the module at `path` (named `own`) imports.

    `from pkg import module` depends on the module; `from pkg import name` on pkg itself.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = own if path.name == "__init__.py" else own.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
    return {name for name in found if name in known and name != own}


def graph(package_dir: Path) -> dict[str, set[str]]:
    """Module -> the project modules it imports."""
    known = modules(package_dir)
    return {name: imported_modules(path, name, known) for name, path in known.items()}


def collapse(edges: dict[str, set[str]],
             key: Callable[[str], str | None]) -> dict[str, set[str]]:
    """The graph between groups of modules (`key` names the group of a module, or None)."""
    grouped: dict[str, set[str]] = {}
    for source, targets in edges.items():
        group = key(source)
        if group is None:
            continue
        grouped.setdefault(group, set())
        for target in targets:
            other = key(target)
            if other is not None and other != group:
                grouped[group].add(other)
    return grouped


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(found)


def capability(name: str, layer: str) -> str | None:
    """`services.report` for `samenwerkingsmonitor.services.report.model`; None outside `layer`."""
    parts = name.split(".")
    if len(parts) < 3 or parts[1] != layer:
        return None
    return ".".join(parts[1:3])


def edges_between(edges: dict[str, set[str]], sources: Iterable[str]) -> list[tuple[str, str]]:
    return sorted((s, t) for s in sources for t in edges.get(s, ()))
