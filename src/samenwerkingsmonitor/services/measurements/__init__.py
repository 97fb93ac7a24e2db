"""Measurements in the long format: import with history, export, history of one value."""
