"""The council report as plain data, built once from a stored run (docs/report.md)."""
