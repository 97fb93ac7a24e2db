"""Use cases, one package per capability (docs/adr/0016-capabilities-and-front-doors.md): each
use case has one front door in its package's `use_cases.py` and reaches files and storage only
through the Protocols in its `ports.py`."""
