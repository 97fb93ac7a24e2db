"""Scenario set files: TOML, schema and messages (docs/scenarios.md)."""
