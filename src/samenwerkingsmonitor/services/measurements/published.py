"""Published figures as measurements (`fetch cbs`, `fetch bbv`; docs/gepubliceerde-cijfers.md).

A source adapter (adapters/measurements/statline.py online, published_files.py offline) turns
what CBS StatLine or waarstaatjegemeente.nl publish into `PublishedValue`s. Here they become a
table in the long format of docs/import.md and go through the ordinary import: the same checks,
history and corrections. Each value keeps its source URL in `bron`, the retrieval date in
`toelichting` and status `gepubliceerd`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from samenwerkingsmonitor.domain.measurements import MeasurementStatus
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.intake.tables import RawTable

HEADERS = ("onderwerp", "indicator", "jaar", "soort", "waarde", "eenheid", "bron", "peildatum",
           "status", "toelichting")


@dataclass(frozen=True, slots=True)
class PublishedValue:
    subject: str  # CBS code of the municipality, GM0397
    indicator: str  # an input or a derived BBV indicator of the framework
    year: int
    kind: str  # begroting or realisatie
    value: float
    unit: str
    source_url: str  # where exactly the value was read: the OData query or the file
    source_name: str  # "CBS StatLine, tabel 03759ned"
    retrieved: date  # the retrieval date (of the download, for a file)
    reference_date: date | None = None  # 1 January for inhabitants


def _number(value: float) -> str:
    """Dot notation without exponent: the table is read with a dot as decimal point."""
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return text or "0"


def published_table(values: Sequence[PublishedValue], name: str) -> RawTable:
    """The values as a long-format table, rows numbered as in a file (header = row 1)."""
    rows = []
    for number, v in enumerate(values, start=2):
        note = _("Opgehaald op {date} uit {source}.").format(date=v.retrieved.isoformat(),
                                                          source=v.source_name)
        rows.append((number, (v.subject, v.indicator, str(v.year), v.kind, _number(v.value),
                              v.unit, v.source_url,
                              v.reference_date.isoformat() if v.reference_date else "",
                              MeasurementStatus.PUBLISHED.value, note)))
    digest = hashlib.sha256("\n".join(";".join(cells) for _n, cells in rows).encode("utf-8"))
    return RawTable(file_name=name, sha256=digest.hexdigest(), headers=HEADERS, rows=rows,
                    decimal_comma=False)
