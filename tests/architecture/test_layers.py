"""The layers point one way: domain ← analysis ← services ← adapters ← composition ← cli / web,
with no import circle anywhere in src/ (docs/adr/0001, docs/adr/0016)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from import_graph import capability, circles, collapse, graph, modules

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "samenwerkingsmonitor"

# No I/O, framework or storage library may be imported by the pure layers.
FORBIDDEN_IN_PURE = {
    "sqlalchemy", "alembic", "psycopg", "openpyxl", "fastexcel", "python_calamine", "odf",
    "jinja2", "fastapi", "starlette", "uvicorn", "weasyprint", "docx", "typer", "rich",
    "altair", "vl_convert", "pydantic", "jsonschema", "tomli_w", "tomllib", "babel",
    "requests", "httpx", "urllib", "socket", "subprocess", "shutil", "sqlite3", "io",
    "pathlib", "os", "open",
}
# Who may import whom: a module may import its own rank or lower; cli and web never each other.
LAYER_RANK = {"domain": 0, "analysis": 1, "services": 2, "adapters": 3, "composition": 4,
              "cli": 5, "web": 5}
# Package modules outside the layers that a pure layer may use (docs/adr/0001-architecture.md):
# i18n to word a message, errors for the one error tree (it imports only the domain).
PURE_MAY_USE = {"i18n", "errors"}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def _modules(layer: str) -> list[Path]:
    single = PACKAGE / f"{layer}.py"
    return [single] if single.exists() else sorted((PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", ["domain", "analysis"])
def test_pure_layers_import_no_io_or_framework_library(layer: str) -> None:
    stdlib_ok = {"__future__", "dataclasses", "enum", "datetime", "re", "math", "typing",
                 "collections", "functools", "itertools", "statistics", "hashlib", "json",
                 "decimal", "fractions", "operator", "bisect", "heapq", "abc"}
    allowed = stdlib_ok | ({"numpy", "polars"} if layer == "analysis" else set())
    bad = []
    for path in _modules(layer):
        for name in _imports(path):
            top = name.split(".")[0]
            if top == "samenwerkingsmonitor":
                continue
            if top in FORBIDDEN_IN_PURE or top not in allowed:
                bad.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert bad == []


@pytest.mark.parametrize("layer", sorted(LAYER_RANK))
def test_layers_point_one_way(layer: str) -> None:
    bad = []
    for path in _modules(layer):
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] != "samenwerkingsmonitor" or len(parts) < 2:
                continue
            target = parts[1]
            if target in LAYER_RANK and (LAYER_RANK[target] > LAYER_RANK[layer]
                                         or {layer, target} == {"cli", "web"}):
                bad.append(f"{path.relative_to(PACKAGE)} imports {name}")
            pure = LAYER_RANK[layer] <= LAYER_RANK["analysis"]
            if pure and target not in LAYER_RANK and target not in PURE_MAY_USE:
                bad.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert bad == []


def test_no_module_imports_itself_round_a_circle() -> None:
    """Every import counts: inside functions and behind TYPE_CHECKING too."""
    assert circles(graph(PACKAGE)) == []


@pytest.mark.parametrize("layer", ["services", "adapters"])
def test_capability_packages_form_no_circle(layer: str) -> None:
    between = collapse(graph(PACKAGE), lambda name: capability(name, layer))
    assert circles(between) == []


def test_services_has_at_most_a_dozen_capability_packages_and_no_loose_module() -> None:
    folder = PACKAGE / "services"
    packages = sorted(p.name for p in folder.iterdir() if (p / "__init__.py").exists())
    loose = sorted(p.name for p in folder.glob("*.py") if p.name != "__init__.py")
    assert len(packages) <= 12 and loose == []


def test_every_command_goes_through_a_front_door() -> None:
    """The CLI reaches services only through use_cases modules (and their request and result
    types), never an adapter: the composition root wires those (composition.py)."""
    bad = []
    for path in _modules("cli"):
        for name in _imports(path):
            if name.startswith("samenwerkingsmonitor.adapters"):
                bad.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert bad == []


def test_the_checks_themselves_catch_a_circle_and_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text("import sqlalchemy\nfrom pathlib import Path\n", encoding="utf-8")
    assert [n.split(".")[0] for n in _imports(sample)] == ["sqlalchemy", "pathlib"]
    package = tmp_path / "samenwerkingsmonitor"
    (package / "services" / "a").mkdir(parents=True)
    (package / "services" / "b").mkdir(parents=True)
    for folder in (package, package / "services", package / "services" / "a",
                   package / "services" / "b"):
        (folder / "__init__.py").write_text("", encoding="utf-8")
    (package / "services" / "a" / "x.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
        "    from samenwerkingsmonitor.services.b.y import Y\n", encoding="utf-8")
    (package / "services" / "b" / "y.py").write_text(
        "def f():\n    from samenwerkingsmonitor.services.a.x import X\n", encoding="utf-8")
    edges = graph(package)
    assert set(modules(package)) >= {"samenwerkingsmonitor.services.a.x"}
    assert circles(edges) == [["samenwerkingsmonitor.services.a.x",
                               "samenwerkingsmonitor.services.b.y"]]
