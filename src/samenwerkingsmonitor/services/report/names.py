"""Names a reader sees for the framework's ids, and link anchors: shared by the parts of the
report model (services/report/build.py, matrices.py)."""

from __future__ import annotations

import re

from samenwerkingsmonitor.domain.framework import Framework


def anchor(prefix: str, text: str) -> str:
    """An id for a link target: `onderwerp-heemstede-bloemendaal-communicatie`."""
    return f"{prefix}-" + re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def criterion_name(framework: Framework, criterion_id: str) -> str:
    criterion = framework.criterion(criterion_id)
    return criterion.name if criterion else criterion_id


def indicator_name(framework: Framework, indicator_id: str) -> str:
    indicator = framework.indicator(indicator_id)
    return indicator.name if indicator else indicator_id


def criterion_position(framework: Framework, criterion_id: str | None) -> int:
    ids = [c.id for c in framework.criteria]
    return ids.index(criterion_id) if criterion_id in ids else len(ids)
