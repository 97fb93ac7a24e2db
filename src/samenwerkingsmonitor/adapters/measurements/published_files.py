"""Published figures from files a user downloaded (offline `fetch ... --from-file`).

- CBS StatLine, "Onbewerkte dataset" or "Gegevens" as CSV: semicolon-separated, quoted, one
  column per dimension ("Regio's", "Perioden", ...) and one per topic ("Bevolking op 1 januari
  (aantal)"); regions by name or code, periods as "2019" or "2019JJ00".
- waarstaatjegemeente.nl, an indicator table exported as CSV: a column "Gemeente" (name or CBS
  code), a column "Periode" (the year), and one column per BBV indicator named as on the site
  ("Formatie", "Bezetting", "Apparaatskosten", "Externe inhuur", "Overhead"); or the long layout
  with the columns "Indicator", "Gemeente", "Periode" and "Waarde". Numbers in Dutch notation.
  These are the BBV indicators of the municipality's begroting (`--kind realisatie` for the
  jaarrekening figures).
The layouts are described in docs/gepubliceerde-cijfers.md. A file that does not fit is refused
with the columns it lacks; a municipality the organisation file does not know is named.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from samenwerkingsmonitor.adapters.intake.file_guard import decode_text, limits_from, refuse
from samenwerkingsmonitor.i18n import _
from samenwerkingsmonitor.services.measurements.published import PublishedValue

_CODE = re.compile(r"GM\d{4}")
_YEAR = re.compile(r"(\d{4})(JJ00)?")
BBV_COLUMNS = (  # the words that name a BBV indicator in a column or an Indicator cell
    ("formatie", "formatie_per_1000", "fte_per_1000"),
    ("bezetting", "bezetting_per_1000", "fte_per_1000"),
    ("apparaatskosten", "apparaatskosten_per_inwoner", "eur_per_inwoner"),
    ("inhuur", "externe_inhuur_pct", "pct"),
    ("overhead", "overhead_pct", "pct"),
)


def _table(path: Path) -> tuple[list[str], list[list[str]]]:
    text, _encoding = decode_text(path.read_bytes(), path.name, limits_from(None))
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        refuse(path.name, _("Het bestand is leeg."),
               _("Download de tabel opnieuw als CSV-bestand."))
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter))
    return [h.strip() for h in rows[0]], rows[1:]


def _column(headers: list[str], path: Path, *words: str) -> int:
    for index, header in enumerate(headers):
        if any(word in header.lower() for word in words):
            return index
    refuse(path.name, _("Kolom '{column}' ontbreekt; gevonden: {found}.").format(
        column=words[0], found=", ".join(headers)),
        _("Download de tabel opnieuw als CSV-bestand, met de gemeenten en de perioden als "
          "kolommen (zie docs/gepubliceerde-cijfers.md)."), row=1)


def _code(text: str, names: Mapping[str, str], path: Path, row: int) -> str:
    cleaned = text.strip()
    match = _CODE.search(cleaned.upper())
    if match:
        return match.group(0)
    code = names.get(cleaned.lower())
    if code is None:
        refuse(path.name, _("Gemeente '{name}' staat niet in het organisatiebestand.").format(
            name=cleaned), _("Registreer de gemeente eerst, of haal haar uit het bestand."),
            row=row)
    return code


def _number(text: str, comma: bool) -> float | None:
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if cleaned in ("", ".", "-", "x", "?"):
        return None  # StatLine's and the site's marks for "no figure"
    if comma:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        return float(cleaned)
    except ValueError:
        return None


def read_statline_csv(path: Path, names: Mapping[str, str], years: Sequence[int],
                      today: date) -> list[PublishedValue]:
    """Inhabitants on 1 January from a StatLine CSV download of table 03759ned."""
    headers, rows = _table(path)
    region = _column(headers, path, "regio")
    period = _column(headers, path, "perioden", "periode")
    topic = _column(headers, path, "bevolking op 1 januari", "bevolkingop1januari")
    others = [i for i in range(len(headers)) if i not in (region, period, topic)]
    wanted = set(years)
    values = []
    for number, cells in enumerate(rows, start=2):
        if len(cells) < len(headers):
            continue
        if any(not cells[i].strip().lower().startswith(("totaal", "t00", "10000"))
               for i in others):
            continue  # a sub-group: only the totals of the other dimensions
        match = _YEAR.fullmatch(cells[period].strip())
        value = _number(cells[topic], comma=True)
        if not match or int(match.group(1)) not in wanted or value is None:
            continue
        year = int(match.group(1))
        values.append(PublishedValue(
            subject=_code(cells[region], names, path, number), indicator="inwoners", year=year,
            kind="realisatie", value=value, unit="aantal",
            source_url=_("{file}, rij {row} (download van CBS StatLine, tabel 03759ned)").format(
                file=path.name, row=number),
            source_name=_("CBS StatLine, tabel 03759ned (download)"),
            retrieved=_downloaded(path, today), reference_date=date(year, 1, 1)))
    return values


def _downloaded(path: Path, today: date) -> date:
    """The day the file was saved: when it was downloaded, as far as the file can tell."""
    saved = date.fromtimestamp(path.stat().st_mtime)
    return min(saved, today)


def _indicator(text: str) -> tuple[str, str] | None:
    lowered = text.lower()
    return next(((indicator, unit) for word, indicator, unit in BBV_COLUMNS if word in lowered),
                None)


def read_bbv_csv(path: Path, names: Mapping[str, str], years: Sequence[int], today: date,
                 kind: str = "begroting") -> list[PublishedValue]:
    """The five BBV indicators from a waarstaatjegemeente.nl CSV export, wide or long."""
    headers, rows = _table(path)
    municipality = _column(headers, path, "gemeente", "regio")
    period = _column(headers, path, "periode", "jaar")
    lowered = [h.lower() for h in headers]
    long = "indicator" in lowered and "waarde" in lowered
    columns = ([(lowered.index("waarde"), None)] if long else
               [(i, found) for i, h in enumerate(headers)
                if i not in (municipality, period) and (found := _indicator(h))])
    if not columns:
        refuse(path.name, _("Geen kolom met een BBV-indicator gevonden; gevonden: {found}.")
               .format(found=", ".join(headers)),
               _("Exporteer de indicatoren formatie, bezetting, apparaatskosten, externe inhuur "
                 "en overhead (zie docs/gepubliceerde-cijfers.md)."), row=1)
    wanted = set(years)
    values = []
    for number, cells in enumerate(rows, start=2):
        if len(cells) < len(headers):
            continue
        match = _YEAR.fullmatch(cells[period].strip())
        if not match or int(match.group(1)) not in wanted:
            continue
        year = int(match.group(1))
        for index, found in columns:
            if long:
                found = _indicator(cells[lowered.index("indicator")])
            value = _number(cells[index], comma=True)
            if found is None or value is None:
                continue
            indicator, unit = found
            values.append(PublishedValue(
                subject=_code(cells[municipality], names, path, number), indicator=indicator,
                year=year, kind=kind, value=value, unit=unit,
                source_url=_("{file}, rij {row} (export van waarstaatjegemeente.nl)").format(
                    file=path.name, row=number),
                source_name=_("waarstaatjegemeente.nl (export)"),
                retrieved=_downloaded(path, today)))
    return values


@dataclass(slots=True)
class BbvSource:
    """`fetch bbv`: the five BBV indicators as waarstaatjegemeente.nl publishes them. The site
    has no client library to call, so they are read from its CSV export (--from-file)."""

    name: str = "bbv"

    def fetch(self, codes: Sequence[str], years: Sequence[int],
              today: date) -> list[PublishedValue]:
        from samenwerkingsmonitor.errors import UsageError

        raise UsageError(_(
            "waarstaatjegemeente.nl heeft geen programmeerbare toegang die dit programma kan "
            "gebruiken. Exporteer de BBV-indicatoren op de site als CSV en geef het bestand "
            "met --from-file."))

    def read_download(self, path: Path, names: Mapping[str, str], years: Sequence[int],
                      today: date, kind: str = "begroting") -> list[PublishedValue]:
        return read_bbv_csv(path, names, years, today, kind)
