"""The columns of the long format of measurements (docs/import.md): what the
import reads and the export writes, with the history columns an export adds."""

from __future__ import annotations

from samenwerkingsmonitor.services.intake.tables import Column

COLUMNS: tuple[Column, ...] = (
    Column("onderwerp", "subject", True),
    Column("indicator", "indicator", True),
    Column("jaar", "year", True),
    Column("soort", "kind", True),
    Column("waarde", "value", True),
    Column("eenheid", "unit", True),
    Column("bron", "source", True),
    Column("peildatum", "reference_date", False),
    Column("status", "status", False),
    Column("variant", "variant", False),
    Column("vergelijkbaar", "comparable", False),
    Column("toelichting", "note", False),
)

HISTORY_COLUMNS: tuple[str, ...] = (
    "versie", "batch", "bestand", "rij", "wie", "wanneer", "reden", "vervangt",
)
"""The history columns of an export; the import recognises and ignores them."""

MEASUREMENT_COLUMNS: tuple[str, ...] = tuple(column.name for column in COLUMNS)
EXPORT_COLUMNS: tuple[str, ...] = MEASUREMENT_COLUMNS + HISTORY_COLUMNS
