"""Pure domain model: dataclasses and rules. Standard library only, no I/O."""
