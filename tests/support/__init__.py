"""Shared test data builders (not tests themselves)."""
