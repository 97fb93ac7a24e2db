"""Adapters of the access capability (password hashing)."""
