"""The demo: the fictitious example run through the other front doors."""
