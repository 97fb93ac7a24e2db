"""The storage port (Repository) every capability uses, and `init`."""
