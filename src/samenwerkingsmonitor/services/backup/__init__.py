"""Backup and restore of the whole store in one self-checking file (docs/adr/0010)."""
