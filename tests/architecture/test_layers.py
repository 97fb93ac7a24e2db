"""The layers point one way: domain ← analysis ← services ← adapters / cli / web."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "samenwerkingsmonitor"

# No I/O, framework or storage library may be imported by the pure layers.
FORBIDDEN_IN_PURE = {
    "sqlalchemy", "alembic", "psycopg", "openpyxl", "fastexcel", "python_calamine", "odf",
    "jinja2", "fastapi", "starlette", "uvicorn", "weasyprint", "docx", "typer", "rich",
    "altair", "vl_convert", "pydantic", "jsonschema", "tomli_w", "tomllib", "babel",
    "requests", "httpx", "urllib", "socket", "subprocess", "shutil", "sqlite3", "io",
    "pathlib", "os", "open",
}
ALLOWED_EXTRA_IN_ANALYSIS = {"numpy", "polars"}
LAYER_RANK = {"domain": 0, "analysis": 1, "services": 2, "adapters": 3, "cli": 3, "web": 3}
# Package modules outside the layers that a pure layer may use (docs/adr/0001-architecture.md):
# i18n, only to word the message of an error about a framework that cannot be evaluated.
PURE_MAY_USE = {"i18n"}


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
    return sorted((PACKAGE / layer).rglob("*.py"))


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


@pytest.mark.parametrize("layer", ["domain", "analysis", "services"])
def test_layers_point_one_way(layer: str) -> None:
    bad = []
    for path in _modules(layer):
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] != "samenwerkingsmonitor" or len(parts) < 2:
                continue
            target = parts[1]
            if target in LAYER_RANK and LAYER_RANK[target] > LAYER_RANK[layer]:
                bad.append(f"{path.relative_to(PACKAGE)} imports {name}")
            pure = LAYER_RANK[layer] <= LAYER_RANK["analysis"]
            if pure and target not in LAYER_RANK and target not in PURE_MAY_USE:
                bad.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert bad == []


def test_the_check_itself_catches_a_forbidden_import(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text("import sqlalchemy\nfrom pathlib import Path\n", encoding="utf-8")
    assert [n.split(".")[0] for n in _imports(sample)] == ["sqlalchemy", "pathlib"]
