"""Readers of user files (CSV, XLSX, ODS) with the guards that run before any parser."""
