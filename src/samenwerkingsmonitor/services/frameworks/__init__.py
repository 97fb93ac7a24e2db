"""Frameworks of criteria and norms: load, check, describe (docs/framework-file.md)."""

DEFAULT_FRAMEWORK = "standaardkader"
"""The bundled framework a command uses when none is named."""

__all__ = ["DEFAULT_FRAMEWORK"]
