"""Front doors of the frameworks capability: `framework validate` and `framework show`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from samenwerkingsmonitor.domain.framework import Framework
from samenwerkingsmonitor.services.frameworks.load import (
    SubjectBurden,
    data_burden,
    describe_framework,
    load_framework,
)
from samenwerkingsmonitor.services.frameworks.ports import FrameworkFiles


class FrameworkPorts(Protocol):
    def framework_files(self) -> FrameworkFiles: ...


@dataclass(frozen=True, slots=True)
class FrameworkRequest:
    reference: str  # a bundled id or the path of a framework file


@dataclass(frozen=True, slots=True)
class FrameworkView:
    framework: Framework
    description: dict[str, Any]  # the tree as plain data (also the JSON of `show`)
    burden: tuple[SubjectBurden, ...]


def validate_framework_file(request: FrameworkRequest, ports: FrameworkPorts) -> Framework:
    """The framework, or FrameworkInvalid with every problem located."""
    return load_framework(request.reference, ports.framework_files())


def show_framework(request: FrameworkRequest, ports: FrameworkPorts) -> FrameworkView:
    framework = load_framework(request.reference, ports.framework_files())
    return FrameworkView(framework, describe_framework(framework), data_burden(framework))
