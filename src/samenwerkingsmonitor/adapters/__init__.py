"""Adapters: storage, file formats, reports."""
