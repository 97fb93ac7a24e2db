"""Capability: who may use the web application and what they did (accounts, roles, API tokens,
scope per municipality, login throttling, the audit log)."""
